//! The headline lines every rendering shows under its title, in English or Chinese: the two
//! gauges, the two forecasts with their out-of-sample skill, the coverage of the scores and
//! "data through" (the newest observation behind any value shown).
//!
//! Every number comes from the [`Audit`]; a missing value is written as missing.

use super::{Lang, level_label};
use crate::audit::{Audit, Coverage, ForecastSummary, Gauge};
use crate::vocab::tr;

fn score(s: Option<f64>) -> String {
    s.map_or("—".to_string(), |s| format!("{s:.0}"))
}

fn gauge_text(name_en: &str, name_zh: &str, g: &Gauge, lang: Lang) -> String {
    tr(
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
    .to_string()
}

/// `vulnerability high 68 (15/22 checks) · stress low 17 (11/11 checks)`.
pub fn gauges(audit: &Audit, lang: Lang) -> String {
    format!(
        "{} · {}",
        gauge_text("vulnerability", "脆弱性", &audit.vulnerability, lang),
        gauge_text("stress", "压力", &audit.stress, lang)
    )
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

/// One forecast: `recession within 12m 77% (as of 2023-03-31; AUROC 0.90, Brier 0.078 vs
/// base rate 0.096, from 1990)`.
pub fn forecast(f: &ForecastSummary, lang: Lang) -> String {
    let p = f
        .probability
        .map_or("—".to_string(), |p| format!("{:.0}%", 100.0 * p));
    let as_of = f.as_of.map_or("—".to_string(), |d| d.to_string());
    tr(
        lang,
        &format!(
            "{} {p} (as of {as_of}; AUROC {}, Brier {} vs base rate {}, from 1990)",
            event_name(&f.event, lang),
            two(f.auroc),
            three(f.brier),
            three(f.brier_base_rate)
        ),
        &format!(
            "{} {p}（截至 {as_of}；AUROC {}，Brier {}，基准率 {}，自1990年起）",
            event_name(&f.event, lang),
            two(f.auroc),
            three(f.brier),
            three(f.brier_base_rate)
        ),
    )
    .to_string()
}

/// Both forecasts on one line, or `None` when none was fitted.
pub fn forecasts(audit: &Audit, lang: Lang) -> Option<String> {
    if audit.forecasts.is_empty() {
        return None;
    }
    let parts: Vec<String> = audit.forecasts.iter().map(|f| forecast(f, lang)).collect();
    Some(parts.join(" · "))
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
            auroc: Some(0.9008),
            brier: Some(0.0778),
            brier_base_rate: Some(0.0962),
            n_months: 399,
        }];
        let pairs = [
            (gauges(&audit, Lang::En), gauges(&audit, Lang::Zh)),
            (
                forecasts(&audit, Lang::En).unwrap(),
                forecasts(&audit, Lang::Zh).unwrap(),
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
        assert!(
            forecasts(&audit, Lang::En)
                .unwrap()
                .contains("77% (as of 2023-03-31; AUROC 0.90")
        );
    }
}
