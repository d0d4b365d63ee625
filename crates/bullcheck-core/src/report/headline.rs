//! The headline lines every rendering shows under its title, in English or Chinese: the two
//! gauges, the two forecasts with their out-of-sample skill, the coverage of the scores and
//! "data through" (the newest observation behind any value shown).
//!
//! Every number comes from the [`Audit`]; a missing value is written as missing.

use super::{Lang, level_label};
use crate::audit::{Audit, Coverage, ForecastSummary, Gauge};
use crate::scoring::skill::MeasuredSkill;
use crate::vocab::{Note, tr};

fn score(s: Option<f64>) -> String {
    s.map_or("—".to_string(), |s| format!("{s:.0}"))
}

/// `AUROC 0.56 (95% CI 0.20–0.80, 399 months from 1990, 3/4 events flagged): no measured skill`.
fn skill_text(s: &MeasuredSkill, lang: Lang) -> String {
    let value = two(s.value);
    let ci =
        s.ci.map_or("—".to_string(), |(lo, hi)| format!("{lo:.2}–{hi:.2}"));
    let from = s.from.map_or("—".to_string(), |d| d.year().to_string());
    tr(
        lang,
        &format!(
            "vs {}: AUROC {value} (95% CI {ci}, {} months from {from}, {}/{} events flagged) {}",
            s.target.label().en,
            s.months,
            s.hits,
            s.events,
            s.reading().note().en
        ),
        &format!(
            "对{}：AUROC {value}（95% 置信区间 {ci}，{from}年起 {} 个月，{}/{} 次事件有预警）{}",
            s.target.label().zh,
            s.months,
            s.hits,
            s.events,
            s.reading().note().zh
        ),
    )
    .to_string()
}

fn skills_text(skills: &[MeasuredSkill], lang: Lang) -> String {
    if skills.is_empty() {
        return tr(
            lang,
            "skill not measured (the monthly history or the target's events — USREC, the S&P 500 index — are not stored)",
            "预测力未测量（未存储月度历史数据或目标事件数据——USREC、标普500指数）",
        )
        .to_string();
    }
    skills
        .iter()
        .map(|s| skill_text(s, lang))
        .collect::<Vec<_>>()
        .join(tr(lang, "; ", "；"))
}

/// The short reading shown beside the rating itself: `no measured skill`, `skill vs
/// recessions within 12m`, or `skill not measured`.
pub fn rating_reading(audit: &Audit, lang: Lang) -> String {
    let skills = &audit.skill.rating;
    if skills.is_empty() {
        return tr(lang, "skill not measured", "预测力未测量").to_string();
    }
    let with_skill: Vec<&MeasuredSkill> = skills
        .iter()
        .filter(|s| s.reading() == crate::scoring::skill::Reading::Skill)
        .collect();
    if with_skill.is_empty() {
        return tr(lang, "no measured skill", "未测得预测力").to_string();
    }
    let targets: Vec<String> = with_skill
        .iter()
        .map(|s| s.target.label().text(lang).to_string())
        .collect();
    tr(
        lang,
        &format!("skill vs {}", targets.join(", ")),
        &format!("对{}有预测力", targets.join("、")),
    )
    .to_string()
}

/// The rating's skill: `rating skill: vs recessions within 12m: AUROC … no measured skill; …`.
pub fn rating_skill(audit: &Audit, lang: Lang) -> String {
    format!(
        "{} {}",
        tr(lang, "rating skill:", "评级预测力："),
        skills_text(&audit.skill.rating, lang)
    )
}

fn gauge_text(
    name_en: &str,
    name_zh: &str,
    g: &Gauge,
    skills: &[MeasuredSkill],
    lang: Lang,
) -> String {
    let head = tr(
        lang,
        &format!(
            "{name_en} {} {} ({}/{} checks)",
            level_label(g.level, lang),
            score(g.score),
            g.coverage.with_data,
            g.coverage.scored
        ),
        &format!(
            "{name_zh} {} {}（{}/{} 项检查）",
            level_label(g.level, lang),
            score(g.score),
            g.coverage.with_data,
            g.coverage.scored
        ),
    )
    .to_string();
    format!("{head} — {}", skills_text(skills, lang))
}

/// The two gauges, each with its measured skill:
/// `vulnerability high 68 (15/22 checks) — vs 20% bear markets within 36m: AUROC …`.
pub fn gauge_lines(audit: &Audit, lang: Lang) -> [String; 2] {
    [
        gauge_text(
            "vulnerability",
            "脆弱性",
            &audit.vulnerability,
            &audit.skill.vulnerability,
            lang,
        ),
        gauge_text("stress", "压力", &audit.stress, &audit.skill.stress, lang),
    ]
}

fn event_name(event: &str, lang: Lang) -> &'static str {
    match event {
        "recession_12m" => tr(lang, "recession within 12m", "12个月内衰退"),
        "drawdown20_12m" => tr(lang, "20% bear market within 12m", "12个月内20%熊市"),
        _ => tr(lang, "event within 12m", "12个月内事件"),
    }
}

fn two(v: Option<f64>) -> String {
    v.map_or("—".to_string(), |v| format!("{v:.2}"))
}

fn three(v: Option<f64>) -> String {
    v.map_or("—".to_string(), |v| format!("{v:.3}"))
}

/// One forecast: `recession within 12m 16% (made 2026-07-31 with term_spread; AUROC 0.92,
/// 95% CI 0.85–0.97: skill; Brier 0.072 vs base rate 0.093, 399 months from 1990)`, or, when
/// its window has closed, `… 77% made 2023-03-31: expired (window closed 2024-03-31; no
/// event in it)`.
pub fn forecast(f: &ForecastSummary, lang: Lang) -> String {
    let p = f
        .probability
        .map_or("—".to_string(), |p| format!("{:.0}%", 100.0 * p));
    let made = f.as_of.map_or("—".to_string(), |d| d.to_string());
    let name = event_name(&f.event, lang);
    if f.probability.is_none() {
        return format!(
            "{name}{} {}",
            tr(lang, ": no forecast —", "：无预测——"),
            f.choice.text(lang)
        );
    }
    if !f.current {
        let closed = f
            .as_of
            .and_then(|d| d.checked_add(jiff::Span::new().months(12)).ok())
            .map_or("—".to_string(), |d| d.last_of_month().to_string());
        let outcome = match f.outcome {
            Some(true) => Note::new("the event started in it", "窗口内事件已发生"),
            Some(false) => Note::new("no event started in it", "窗口内未发生事件"),
            None => Note::new("outcome not yet in the data", "结果尚无数据"),
        };
        return tr(
            lang,
            &format!(
                "{name}: no current forecast — the last, {p} made {made}, expired (window closed {closed}; {})",
                outcome.en
            ),
            &format!(
                "{name}：无当前预测——最近一次为 {made} 的 {p}，已过期（窗口于 {closed} 结束；{}）",
                outcome.zh
            ),
        )
        .to_string();
    }
    let ci = f
        .auroc_ci
        .map_or("—".to_string(), |(lo, hi)| format!("{lo:.2}–{hi:.2}"));
    let reading = f.reading().note();
    let model = f.inputs.as_str();
    tr(
        lang,
        &format!(
            "{name} {p} (made {made} from {model}; AUROC {} (95% CI {ci}): {}; Brier {} vs base rate {}, {} months from 1990)",
            two(f.auroc),
            reading.en,
            three(f.brier),
            three(f.brier_base_rate),
            f.n_months
        ),
        &format!(
            "{name} {p}（{made} 据 {model} 预测；AUROC {}（95% 置信区间 {ci}）：{}；Brier {}，基准率 {}，1990年起 {} 个月）",
            two(f.auroc),
            reading.zh,
            three(f.brier),
            three(f.brier_base_rate),
            f.n_months
        ),
    )
    .to_string()
}

/// One line per forecast, with the fallback note when the chosen inputs stopped.
pub fn forecast_lines(audit: &Audit, lang: Lang) -> Vec<String> {
    audit
        .forecasts
        .iter()
        .map(|f| match &f.fallback {
            Some(note) => format!("{} [{}]", forecast(f, lang), note.text(lang)),
            None => forecast(f, lang),
        })
        .collect()
}

/// `drivers: val_cape +3.1 (score 92) · …`, the checks that move the headline most, or
/// `None` without a headline.
pub fn drivers(audit: &Audit, lang: Lang) -> Option<String> {
    if audit.drivers.is_empty() {
        return None;
    }
    let parts: Vec<String> = audit
        .drivers
        .iter()
        .map(|d| {
            tr(
                lang,
                &format!(
                    "{} {:+.1} (score {:.0})",
                    d.id, d.contribution, d.check_score
                ),
                &format!(
                    "{} {:+.1}（得分 {:.0}）",
                    d.id, d.contribution, d.check_score
                ),
            )
            .to_string()
        })
        .collect();
    Some(format!(
        "{} {}",
        tr(
            lang,
            "drivers (points the rating would lose without each):",
            "主要驱动（去掉该项后评级减少的分数）："
        ),
        parts.join(" · ")
    ))
}

/// `freshness: data through 2026-08-21, 108 days before the as-of date; 82 of 89 values
/// older than three publication periods (stale)`.
pub fn freshness(audit: &Audit, lang: Lang) -> String {
    let with_data: Vec<&crate::checks::CheckResult> = audit
        .checks
        .iter()
        .filter(|r| r.data != crate::checks::DataOrigin::None)
        .collect();
    let stale = with_data.iter().filter(|r| r.stale).count();
    let through = audit
        .data_through
        .map_or("—".to_string(), |d| d.to_string());
    let age = audit
        .data_through
        .and_then(|d| d.until(audit.as_of).ok())
        .map_or("—".to_string(), |s| s.get_days().to_string());
    tr(
        lang,
        &format!(
            "freshness: data through {through}, {age} days before the as-of date; {stale} of {} values older than three publication periods (stale)",
            with_data.len()
        ),
        &format!(
            "时效：数据截至 {through}，早于评估日 {age} 天；{} 项数值中 {stale} 项晚于三个发布周期未更新（陈旧）",
            with_data.len()
        ),
    )
    .to_string()
}

/// The summary block every output shows at its top, after the title and rating: the
/// rating's skill, the gauges with theirs, the forecasts, the drivers and the freshness.
pub fn summary(audit: &Audit, lang: Lang) -> Vec<String> {
    let mut lines = vec![rating_skill(audit, lang)];
    lines.extend(gauge_lines(audit, lang));
    lines.extend(forecast_lines(audit, lang));
    lines.extend(drivers(audit, lang));
    lines.push(freshness(audit, lang));
    lines
}

/// The headline's coverage: `63/78 scored checks have data (oldest 2023-04-01, median age
/// 213 days); 39 facts shown, not scored`.
pub fn coverage(audit: &Audit, lang: Lang) -> String {
    let c: &Coverage = &audit.coverage;
    let facts = audit.checks.iter().filter(|r| !r.scored).count();
    let oldest = c.oldest.map_or("—".to_string(), |d| d.to_string());
    let age = c.median_age_days.map_or("—".to_string(), |d| d.to_string());
    tr(lang, &format!(
            "{}/{} scored checks have data (oldest {oldest}, median age {age} days); {facts} facts shown, not scored",
            c.with_data, c.scored
        ), &format!(
            "{}/{} 项计分检查有数据（最早 {oldest}，中位数据龄 {age} 天）；{facts} 项事实仅展示、不计分",
            c.with_data, c.scored
        )).to_string()
}

/// `data through 2026-08-21`.
pub fn data_through(audit: &Audit, lang: Lang) -> String {
    let d = audit
        .data_through
        .map_or("—".to_string(), |d| d.to_string());
    tr(lang, &format!("data through {d}"), &format!("数据截至 {d}")).to_string()
}

/// The headline without cited figures (what `history` computes for the month).
pub fn stored_only(audit: &Audit, lang: Lang) -> String {
    tr(
        lang,
        &format!(
            "stored data only (as in bullcheck history): {}",
            score(audit.stored_only_score)
        ),
        &format!(
            "仅用已存储数据（与 bullcheck history 相同）：{}",
            score(audit.stored_only_score)
        ),
    )
    .to_string()
}

/// The label shown instead of a status for an unscored fact.
pub fn fact_label(lang: Lang) -> &'static str {
    tr(lang, "fact", "事实")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::digit_runs;

    /// Every Chinese line carries the same numbers as its English twin.
    #[test]
    fn translations_keep_the_numbers() {
        let mut audit = crate::audit::run(
            crate::checks::builtin_defs(),
            &crate::series::Dataset::default(),
            &crate::snapshot::bundled(),
            jiff::civil::date(2026, 10, 31),
        );
        audit.forecasts = vec![ForecastSummary {
            event: "recession_12m".to_string(),
            probability: Some(0.7726),
            as_of: Some(jiff::civil::date(2023, 3, 31)),
            model: "m".to_string(),
            inputs: "term_spread".to_string(),
            auroc: Some(0.9008),
            auroc_ci: Some((0.81, 0.95)),
            brier: Some(0.0778),
            brier_base_rate: Some(0.0962),
            n_months: 399,
            current: true,
            outcome: None,
            choice: Note::new("chosen", "选用"),
            fallback: None,
        }];
        let mut expired = audit.clone();
        expired.forecasts[0].current = false;
        expired.forecasts[0].outcome = Some(false);
        let pairs = [
            (
                gauge_lines(&audit, Lang::En).join("\n"),
                gauge_lines(&audit, Lang::Zh).join("\n"),
            ),
            (
                summary(&audit, Lang::En).join("\n"),
                summary(&audit, Lang::Zh).join("\n"),
            ),
            (
                summary(&expired, Lang::En).join("\n"),
                summary(&expired, Lang::Zh).join("\n"),
            ),
            (coverage(&audit, Lang::En), coverage(&audit, Lang::Zh)),
            (
                data_through(&audit, Lang::En),
                data_through(&audit, Lang::Zh),
            ),
            (stored_only(&audit, Lang::En), stored_only(&audit, Lang::Zh)),
        ];
        for (en, zh) in pairs {
            assert_eq!(digit_runs(&en), digit_runs(&zh), "{en} / {zh}");
        }
        assert!(forecast_lines(&audit, Lang::En)[0].contains(
            "77% (made 2023-03-31 from term_spread; AUROC 0.90 (95% CI 0.81–0.95): skill"
        ));
        assert!(
            forecast_lines(&expired, Lang::En)[0].contains(
                "no current forecast — the last, 77% made 2023-03-31, expired (window closed \
                 2024-03-31; no event started in it)"
            ),
            "{}",
            forecast_lines(&expired, Lang::En)[0]
        );
    }
}
