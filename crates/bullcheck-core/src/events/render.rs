//! Built-in studies and the renderers of `bullcheck events study` (text and JSON; JSON keys
//! are a contract).

use serde_json::{Value, json};

use super::study::{Measure, Rule, Spec, Study};
use crate::series::Date;

/// A built-in study: the seeds' "when X then Y" rules.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltIn {
    pub name: &'static str,
    pub claim: &'static str,
    pub claim_zh: &'static str,
    pub seeds: &'static str,
    /// The stored series that picks the events (`None`: a user file, see `mlf`).
    pub event_series: Option<&'static str>,
    pub outcome_series: &'static str,
    pub spec: Spec,
    pub fill_with: &'static str,
}

/// The built-ins by name: `ten-year-5pct`, `vix-low`, `mlf`.
pub fn builtins(reps: usize, seed: u64) -> Vec<BuiltIn> {
    vec![
        BuiltIn {
            name: "ten-year-5pct",
            claim: "A 10-year Treasury yield above 5% is bad for stocks",
            claim_zh: "10年期美债收益率突破5%对股市不利",
            seeds: "000, 001",
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
        },
        BuiltIn {
            name: "vix-low",
            claim: "With the VIX at its lows, insurance (puts) is cheap: calm is followed by calm",
            claim_zh: "VIX处于低位时保险（看跌期权）便宜：平静之后仍是平静",
            seeds: "000, 001",
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
        },
        BuiltIn {
            name: "mlf",
            claim: "When the net MLF injection exceeds ¥300B, the Shanghai Composite rises the next month 75% of the time, +3.2% on average",
            claim_zh: "MLF净投放超过3000亿元时，上证综指次月上涨概率75%，平均涨3.2%",
            seeds: "003",
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
        Rule::ChangeOver { months, threshold } => {
            format!("changes by {threshold:+} or more over {months} months")
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

/// The text of a finished study.
pub fn study_table(
    name: &str,
    event_series: &str,
    outcome_series: &str,
    spec: &Spec,
    st: &Study,
) -> String {
    let mut out = format!(
        "Event study {name}: {event_series} {}; outcome: {outcome_series} {} (events at least {} months apart)\n",
        rule_text(&spec.rule),
        measure_text(spec.measure),
        spec.gap_months
    );
    out.push_str(&format!(
        "{} events ({} rule hits before de-clustering): {}\n\n",
        st.events.len(),
        st.raw_hits,
        st.events
            .iter()
            .map(|d| month(*d))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let hit_label = match spec.measure {
        Measure::Return => "up",
        Measure::Drawdown => "DD>=10%",
    };
    out.push_str(&format!(
        "{:>7} {:>4} {:>8} {:>19} {:>8} {:>9} {:>10} {:>8}\n",
        "horizon",
        "n",
        "mean",
        "95% CI",
        hit_label,
        "all mean",
        format!("all {hit_label}"),
        "p"
    ));
    for h in &st.horizons {
        out.push_str(&format!(
            "{:>6}m {:>4} {:>8} {:>19} {:>8} {:>9} {:>10} {:>8}\n",
            h.months,
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
    out.push_str(&format!(
        "\n'all': every month-end of the sample. CI: {} bootstrap resamples of the events; p: share of {} random draws of as many month-ends whose mean is as far from 'all' (seed {}).\n",
        spec.reps, spec.reps, spec.seed
    ));
    out
}
