//! Built-in studies and the renderers of `bullcheck events study` (text and JSON; JSON keys
//! are a contract).

use serde_json::{Value, json};

use super::study::{Measure, Rule, Spec, Study};
use crate::series::Date;
use crate::vocab::{Lang, Note, pad_left, tr};

/// A built-in study: the seeds' "when X then Y" rules.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltIn {
    pub name: &'static str,
    pub claim: &'static str,
    pub claim_zh: &'static str,
    pub seeds: &'static str,
    /// The audit check whose claim this study judges, if any.
    pub check: Option<&'static str>,
    /// The stored series that picks the events (`None`: a user file, see `mlf`).
    pub event_series: Option<&'static str>,
    pub outcome_series: &'static str,
    pub spec: Spec,
    pub fill_with: &'static str,
    /// [`BuiltIn::fill_with`] in Chinese.
    pub fill_with_zh: &'static str,
}

/// The built-ins by name: `ten-year-5pct`, `vix-low`, `mlf`.
pub fn builtins(reps: usize, seed: u64) -> Vec<BuiltIn> {
    vec![
        BuiltIn {
            name: "ten-year-5pct",
            claim: "A 10-year Treasury yield above 5% is bad for stocks",
            claim_zh: "10年期美债收益率突破5%对股市不利",
            seeds: "000, 001",
            check: Some("fiscal_10y_5pct"),
            event_series: Some("DGS10"),
            outcome_series: "SP500_LONG",
            spec: Spec {
                rule: Rule::CrossAbove(5.0),
                measure: Measure::Return,
                horizons: vec![1, 3, 6, 12],
                gap_months: 12,
                reps,
                seed,
            },
            fill_with: "bullcheck data import fred/DGS10.csv market/sp500_index_daily_1950-2026.csv",
            fill_with_zh: "运行 bullcheck data import fred/DGS10.csv market/sp500_index_daily_1950-2026.csv",
        },
        BuiltIn {
            name: "vix-low",
            claim: "With the VIX at its lows, insurance (puts) is cheap: calm is followed by calm",
            claim_zh: "VIX处于低位时保险（看跌期权）便宜：平静之后仍是平静",
            seeds: "000, 001",
            check: Some("val_vix_cheap_puts"),
            event_series: Some("VIXCLS"),
            outcome_series: "SP500_LONG",
            spec: Spec {
                rule: Rule::BottomQuantile(0.10),
                measure: Measure::Drawdown,
                horizons: vec![3],
                gap_months: 3,
                reps,
                seed,
            },
            fill_with: "bullcheck data import fred/VIXCLS.csv market/sp500_index_daily_1950-2026.csv",
            fill_with_zh: "运行 bullcheck data import fred/VIXCLS.csv market/sp500_index_daily_1950-2026.csv",
        },
        BuiltIn {
            name: "mlf",
            claim: "When the net MLF injection exceeds ¥300B, the Shanghai Composite rises the next month 75% of the time, +3.2% on average",
            claim_zh: "MLF净投放超过3000亿元时，上证综指次月上涨概率75%，平均涨3.2%",
            seeds: "003",
            check: Some("cn_mlf_event_rule"),
            event_series: None,
            outcome_series: "SSE_COMPOSITE_CLOSE",
            spec: Spec {
                rule: Rule::Above(300.0),
                measure: Measure::Return,
                horizons: vec![1],
                gap_months: 0,
                reps,
                seed,
            },
            fill_with: "a monthly MLF CSV (month,net_injection_bn_cny; PBoC open-market announcements, pbc.gov.cn) via --mlf-file, plus china/shanghai_composite_daily_2000-2025.csv imported",
            fill_with_zh: "用--mlf-file提供MLF月度CSV（列为month,net_injection_bn_cny；取自中国人民银行公开市场业务公告，pbc.gov.cn），并导入china/shanghai_composite_daily_2000-2025.csv",
        },
    ]
}

fn month(d: Date) -> String {
    d.to_string()
}

fn rule_text(rule: &Rule) -> String {
    match rule {
        Rule::CrossAbove(l) => format!("crosses above {l}"),
        Rule::CrossBelow(l) => format!("crosses below {l}"),
        Rule::Above(l) => format!("above {l}"),
        Rule::ChangeOver { months, threshold } if *threshold < 0.0 => {
            format!("falls by more than {} over {months} months", -threshold)
        }
        Rule::ChangeOver { months, threshold } => {
            format!("rises by more than {threshold} over {months} months")
        }
        Rule::BottomQuantile(q) => {
            format!("below its {:.0}th percentile (whole sample)", 100.0 * q)
        }
    }
}

fn measure_text(m: Measure) -> &'static str {
    match m {
        Measure::Return => "return",
        Measure::Drawdown => "max drawdown",
    }
}

/// [`rule_text`] in Chinese.
fn rule_text_zh(rule: &Rule) -> String {
    match rule {
        Rule::CrossAbove(l) => format!("向上突破 {l}"),
        Rule::CrossBelow(l) => format!("向下跌破 {l}"),
        Rule::Above(l) => format!("高于 {l}"),
        Rule::ChangeOver { months, threshold } if *threshold < 0.0 => {
            format!("在{months}个月内下跌超过 {}", -threshold)
        }
        Rule::ChangeOver { months, threshold } => {
            format!("在{months}个月内上涨超过 {threshold}")
        }
        Rule::BottomQuantile(q) => format!("低于其全样本第{:.0}百分位", 100.0 * q),
    }
}

/// [`measure_text`] in Chinese.
fn measure_text_zh(m: Measure) -> &'static str {
    match m {
        Measure::Return => "回报",
        Measure::Drawdown => "最大回撤",
    }
}

/// The JSON of a finished study.
pub fn study_json(
    name: &str,
    event_series: &str,
    outcome_series: &str,
    spec: &Spec,
    st: &Study,
) -> Value {
    json!({
        "study": name,
        "status": "ok",
        "event_series": event_series,
        "outcome_series": outcome_series,
        "rule": rule_text(&spec.rule),
        "measure": measure_text(spec.measure),
        "gap_months": spec.gap_months,
        "raw_hits": st.raw_hits,
        "events": st.events.iter().map(|d| month(*d)).collect::<Vec<_>>(),
        "bootstrap": {"replications": spec.reps, "seed": spec.seed},
        "horizons": st.horizons.iter().map(|h| json!({
            "months": h.months,
            "n": h.outcomes.len(),
            "mean": h.mean,
            "ci95": h.ci95.map(|(a, b)| vec![a, b]),
            "hit_rate": h.hit_rate,
            "unconditional_mean": h.unconditional_mean,
            "unconditional_hit_rate": h.unconditional_hit_rate,
            "unconditional_count": h.unconditional_count,
            "p_value": h.p_value,
            "outcomes": h.outcomes.iter().map(|(d, v)| json!({"date": month(*d), "value": v})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// The JSON of a study that lacks data.
pub fn no_data_json(name: &str, missing: &[String], fill_with: &str) -> Value {
    json!({
        "study": name,
        "status": "no_data",
        "missing": missing,
        "fill_with": fill_with,
    })
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |x| format!("{:+.1}%", 100.0 * x))
}

/// The text of a finished study, in `lang` (`name` as the caller labels it).
pub fn study_table(
    name: &str,
    event_series: &str,
    outcome_series: &str,
    spec: &Spec,
    st: &Study,
    lang: Lang,
) -> String {
    let gap = spec.gap_months;
    let mut out = Note::new(format!(
            "Event study {name}: {event_series} {}; outcome: {outcome_series} {} (events at least {gap} months apart)\n",
            rule_text(&spec.rule),
            measure_text(spec.measure),
        ), format!(
            "事件研究 {name}：{event_series} {}；结果：{outcome_series} {}（事件间隔至少{gap}个月）\n",
            rule_text_zh(&spec.rule),
            measure_text_zh(spec.measure),
        )).text(lang).to_string();
    let (n, raw) = (st.events.len(), st.raw_hits);
    let dates = st
        .events
        .iter()
        .map(|d| month(*d))
        .collect::<Vec<_>>()
        .join(", ");
    out.push_str(
        Note::new(
            format!("{n} events ({raw} rule hits before de-clustering): {dates}\n\n"),
            format!("{n}个事件（去聚类前规则命中{raw}次）：{dates}\n\n"),
        )
        .text(lang),
    );
    let (hit_label, all_hit) = match spec.measure {
        Measure::Return => (tr(lang, "up", "上涨"), tr(lang, "all up", "全部上涨")),
        Measure::Drawdown => (
            tr(lang, "DD>=10%", "回撤>=10%"),
            tr(lang, "all DD>=10%", "全部回撤>=10%"),
        ),
    };
    let headings = [
        (tr(lang, "horizon", "期限"), 7),
        ("n", 4),
        (tr(lang, "mean", "均值"), 8),
        (tr(lang, "95% CI", "95%置信区间"), 19),
        (hit_label, 8),
        (tr(lang, "all mean", "全部均值"), 9),
        (all_hit, 10),
        ("p", 8),
    ];
    out.push_str(
        &headings
            .iter()
            .map(|(h, w)| pad_left(h, *w))
            .collect::<Vec<_>>()
            .join(" "),
    );
    out.push('\n');
    for h in &st.horizons {
        out.push_str(&format!(
            "{} {:>4} {:>8} {:>19} {:>8} {:>9} {:>10} {:>8}\n",
            pad_left(
                Note::new(format!("{}m", h.months), format!("{}个月", h.months)).text(lang),
                7
            ),
            h.outcomes.len(),
            pct(h.mean),
            h.ci95.map_or_else(
                || "-".to_string(),
                |(a, b)| format!("[{}, {}]", pct(Some(a)), pct(Some(b)))
            ),
            h.hit_rate
                .map_or("-".into(), |r| format!("{:.0}%", 100.0 * r)),
            pct(h.unconditional_mean),
            h.unconditional_hit_rate
                .map_or("-".into(), |r| format!("{:.0}%", 100.0 * r)),
            h.p_value.map_or("-".into(), |p| format!("{p:.3}")),
        ));
    }
    let (reps, seed) = (spec.reps, spec.seed);
    out.push_str(Note::new(format!(
            "\n'all': every month-end of the sample. CI: {reps} bootstrap resamples of the events; p: share of {reps} random draws of as many month-ends whose mean is as far from 'all' (seed {seed}).\n"
        ), format!(
            "\n“全部”：样本中的每个月末。置信区间：对事件做{reps}次自助法重抽样；p：随机抽取同样数量的月末共{reps}次，其均值与“全部”相差至少同样远的比例（随机种子 {seed}）。\n"
        )).text(lang));
    out
}

/// The significance level of the built-in verdicts, before any multiple-testing split.
pub const ALPHA: f64 = 0.05;

/// The verdict a built-in study gives the seed's claim, where the data decide.
///
/// - `ten-year-5pct` (check `fiscal_10y_5pct`, seeds 000/001): `holds` when the mean 6- and
///   12-month S&P 500 returns after the crossings are both below the unconditional means and
///   at least one has a random-date p-value below 0.025 (0.05 split over the two horizons
///   tested, Bonferroni); `unverified` when they are below but
///   not significantly; `wrong` when either is above.
/// - `mlf` (check `cn_mlf_event_rule`, seed 003): with fewer than 20 events, `unverified` (a 75%
///   hit rate is not distinguishable from the base rate below n ≈ 20, docs/catalogue.md M5); else
///   `holds` when the hit rate is at least 70% and p < 0.05, `wrong` otherwise.
/// - `vix-low`: the claim is about today's VIX level, which the study does not decide: `None`.
pub fn verdict(name: &str, st: &Study) -> Option<(crate::vocab::Verdict, crate::vocab::Note)> {
    use crate::vocab::{Note, Verdict};
    let at = |m: i64| st.horizons.iter().find(|h| h.months == m);
    match name {
        "ten-year-5pct" => {
            let (h6, h12) = (at(6)?, at(12)?);
            let below = |h: &super::study::HorizonResult| {
                h.mean.zip(h.unconditional_mean).map(|(m, u)| m < u)
            };
            let n = h6.outcomes.len();
            match (below(h6)?, below(h12)?) {
                (true, true)
                    if [h6.p_value, h12.p_value]
                        .iter()
                        .flatten()
                        .any(|p| *p < ALPHA / 2.0) =>
                {
                    Some((
                        Verdict::Holds,
                        Note::new(
                            format!(
                                "after {n} crossings of 5%, 6- and 12-month S&P 500 returns were below the unconditional ones (p < 0.025 at one horizon, Bonferroni over two); few events"
                            ),
                            format!(
                                "{n}次突破5%之后，标普500的6个月和12个月回报均低于无条件均值（至少一个期限p < 0.025，对两个期限做Bonferroni校正）；事件较少"
                            ),
                        ),
                    ))
                }
                (true, true) => Some((
                    Verdict::Unverified,
                    Note::new(
                        format!("returns after {n} crossings were lower but not significantly"),
                        format!("{n}次突破后的回报较低，但不显著"),
                    ),
                )),
                _ => Some((
                    Verdict::Wrong,
                    Note::new(
                        format!("returns after {n} crossings were not lower than usual"),
                        format!("{n}次突破后的回报并不低于通常水平"),
                    ),
                )),
            }
        }
        "mlf" => {
            let h = at(1)?;
            let n = h.outcomes.len();
            if n < 20 {
                return Some((
                    Verdict::Unverified,
                    Note::new(
                        format!("{n} events: too few to tell a 75% hit rate from the base rate"),
                        format!("{n}个事件：太少，无法将75%的胜率与基准概率区分开"),
                    ),
                ));
            }
            let holds =
                h.hit_rate.is_some_and(|r| r >= 0.70) && h.p_value.is_some_and(|p| p < 0.05);
            Some(if holds {
                (
                    Verdict::Holds,
                    Note::new(
                        format!("{n} events: hit rate at least 70% and p < 0.05"),
                        format!("{n}个事件：胜率不低于70%且p < 0.05"),
                    ),
                )
            } else {
                (
                    Verdict::Wrong,
                    Note::new(
                        format!("{n} events: hit rate below 70% or not significant"),
                        format!("{n}个事件：胜率低于70%或不显著"),
                    ),
                )
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::study::HorizonResult;
    use crate::vocab::Verdict;

    fn horizon(months: i64, n: usize, mean: f64, all: f64, p: f64) -> HorizonResult {
        let d = Date::new(2000, 1, 31).unwrap();
        HorizonResult {
            months,
            outcomes: vec![(d, mean); n],
            mean: Some(mean),
            hit_rate: Some(0.8),
            unconditional_mean: Some(all),
            unconditional_hit_rate: Some(0.55),
            unconditional_count: 500,
            ci95: None,
            p_value: Some(p),
        }
    }

    fn study(h: Vec<HorizonResult>) -> Study {
        Study {
            events: Vec::new(),
            raw_hits: 0,
            horizons: h,
        }
    }

    #[test]
    fn ten_year_verdict_needs_lower_returns_and_one_significant_horizon() {
        let lower = study(vec![
            horizon(6, 7, -0.05, 0.04, 0.02),
            horizon(12, 7, -0.02, 0.09, 0.06),
        ]);
        assert_eq!(verdict("ten-year-5pct", &lower).unwrap().0, Verdict::Holds);
        let weak = study(vec![
            horizon(6, 7, -0.05, 0.04, 0.2),
            horizon(12, 7, -0.02, 0.09, 0.3),
        ]);
        assert_eq!(
            verdict("ten-year-5pct", &weak).unwrap().0,
            Verdict::Unverified
        );
        let higher = study(vec![
            horizon(6, 7, 0.06, 0.04, 0.2),
            horizon(12, 7, -0.02, 0.09, 0.01),
        ]);
        assert_eq!(verdict("ten-year-5pct", &higher).unwrap().0, Verdict::Wrong);
    }

    #[test]
    fn mlf_verdict_refuses_small_samples() {
        let few = study(vec![horizon(1, 8, 0.03, 0.01, 0.01)]);
        assert_eq!(verdict("mlf", &few).unwrap().0, Verdict::Unverified);
        let many = study(vec![horizon(1, 24, 0.03, 0.01, 0.01)]);
        assert_eq!(verdict("mlf", &many).unwrap().0, Verdict::Holds);
        assert!(verdict("vix-low", &many).is_none());
    }

    #[test]
    fn chinese_notes_carry_the_english_numbers() {
        let s = study(vec![
            horizon(6, 7, -0.05, 0.04, 0.02),
            horizon(12, 7, -0.02, 0.09, 0.06),
        ]);
        let (_, note) = verdict("ten-year-5pct", &s).unwrap();
        assert_eq!(
            crate::test_util::digit_runs(&note.en),
            crate::test_util::digit_runs(&note.zh)
        );
    }
}
