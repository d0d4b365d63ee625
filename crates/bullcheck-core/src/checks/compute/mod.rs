//! Check computations, one file each, chosen by a definition's `compute` key. Each takes the
//! definition (for its series and parameters), the dataset and the as-of date, and returns a
//! [`Computed`] or the reason it could not (which series is missing).

mod buffett;
mod cape;
mod change_over;
mod damodaran_erp;
mod debt_pace;
mod drawdown;
mod earnings_yield_gap;
mod excess_savings;
mod fair_pe_gap;
mod high_since;
mod interest_vs_defense;
mod k_shape;
mod latest;
mod mlf_event;
mod moving_average;
mod pe_ratio;
mod ratio;
mod recession_probability;
mod refinancing;
mod rise_over_low;
mod rolling_sum_ratio;
mod sahm_rule;
mod sequoia_required;

pub use change_over::{Lookback, change_history};
pub use drawdown::{drawdown_history, fall_and_recovery};
pub use ratio::ratio_history;
pub use recession_probability::{nyfed_probability, recession_probability_series};
pub use sahm_rule::sahm_series;

use super::{CheckDef, Computed};
use crate::series::{Dataset, Date, Series};

/// The `compute` keys definitions may use.
pub const KNOWN: &[&str] = &[
    "latest",
    "rise_over_low",
    "recession_probability",
    "sahm_rule",
    "debt_pace",
    "interest_vs_defense",
    "change_over",
    "ratio",
    "drawdown",
    "moving_average",
    "rolling_sum_ratio",
    "excess_savings",
    "k_shape",
    "refinancing",
    "mlf_event",
    "high_since",
    "buffett",
    "cape",
    "damodaran_erp",
    "earnings_yield_gap",
    "fair_pe_gap",
    "pe_ratio",
    "sequoia_required",
];

/// The `params` keys each computation reads. Any other key is refused when definitions are
/// parsed: a misspelled `sclae` used to be ignored, the default applied, and a spread printed
/// 100 times too small.
pub fn known_params(compute: &str) -> &'static [&'static str] {
    match compute {
        "latest" | "ratio" | "sequoia_required" => &["scale"],
        "change_over" => &["months", "weeks", "mode", "scale", "level_unit"],
        "debt_pace" => &["scale", "step", "warn_days"],
        "drawdown" => &["window_days"],
        "excess_savings" => &["base_start", "base_end", "start"],
        "k_shape" => &["base", "widening_warn"],
        "mlf_event" => &["trigger"],
        "moving_average" => &["periods", "scale"],
        "refinancing" => &["legacy_rate", "mode", "repriced_share", "wall_usd_bn"],
        "rise_over_low" => &["months"],
        "rolling_sum_ratio" => &["months", "scale"],
        _ => &[],
    }
}

/// Every series id a definition's computation may read: its `series` plus the ids some
/// computations read by name. The binary loads only these for an audit.
pub fn series_read(def: &CheckDef) -> Vec<String> {
    let extra: &[&str] = match def.compute.as_str() {
        "recession_probability" => &["NYFED_SPREAD", "T10Y3M", "T10Y3MM", "NYFED_RECPROB"],
        "sahm_rule" => &["UNRATE", "SAHMCURRENT", "SAHMREALTIME"],
        "interest_vs_defense" => &[
            "MTS9_NET_INTEREST_FYTD",
            "MTS9_NATIONAL_DEFENSE_FYTD",
            "MTS9_MEDICARE_FYTD",
            "MTS9_SOCIAL_SECURITY_FYTD",
        ],
        _ => &[],
    };
    let mut ids = def.series.clone();
    let study = match &def.claim.rule {
        super::VerdictRule::EventStudy { study } => crate::events::claim::series_read(study),
        _ => Vec::new(),
    };
    for id in extra
        .iter()
        .copied()
        .chain(study.iter().map(String::as_str))
    {
        if !ids.iter().any(|s| s == id) {
            ids.push((*id).to_string());
        }
    }
    for alt in &def.alternatives {
        for id in series_read(&def.with_alternative(alt)) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// Runs the computation named by `def.compute`.
pub fn run(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    match def.compute.as_str() {
        "latest" => latest::compute(def, data, as_of),
        "change_over" => change_over::compute(def, data, as_of),
        "ratio" => ratio::compute(def, data, as_of),
        "drawdown" => drawdown::compute(def, data, as_of),
        "rise_over_low" => rise_over_low::compute(def, data, as_of),
        "recession_probability" => recession_probability::compute(def, data, as_of),
        "sahm_rule" => sahm_rule::compute(def, data, as_of),
        "debt_pace" => debt_pace::compute(def, data, as_of),
        "interest_vs_defense" => interest_vs_defense::compute(def, data, as_of),
        "moving_average" => moving_average::compute(def, data, as_of),
        "rolling_sum_ratio" => rolling_sum_ratio::compute(def, data, as_of),
        "excess_savings" => excess_savings::compute(def, data, as_of),
        "k_shape" => k_shape::compute(def, data, as_of),
        "refinancing" => refinancing::compute(def, data, as_of),
        "mlf_event" => mlf_event::compute(def, data, as_of),
        "buffett" => buffett::compute(def, data, as_of),
        "cape" => cape::compute(def, data, as_of),
        "damodaran_erp" => damodaran_erp::compute(def, data, as_of),
        "earnings_yield_gap" => earnings_yield_gap::compute(def, data, as_of),
        "fair_pe_gap" => fair_pe_gap::compute(def, data, as_of),
        "pe_ratio" => pe_ratio::compute(def, data, as_of),
        "sequoia_required" => sequoia_required::compute(def, data, as_of),
        "high_since" => high_since::compute(def, data, as_of),
        other => Err(format!("unknown computation `{other}`")),
    }
}

/// Of `ids` (copies of one series from different carriers), the one with the newest value on
/// or before `as_of`; the first listed on a tie.
fn first_available<'a>(
    ids: &[String],
    data: &'a Dataset,
    as_of: Date,
) -> Result<&'a Series, String> {
    let mut best: Option<(Date, &Series)> = None;
    for series in ids.iter().filter_map(|id| data.get(id)) {
        if let Some((d, _)) = series.last_at(as_of)
            && best.is_none_or(|(b, _)| d > b)
        {
            best = Some((d, series));
        }
    }
    best.map(|(_, s)| s).ok_or_else(|| {
        format!(
            "no stored observation on or before {as_of} for {}",
            ids.join(" or ")
        )
    })
}

/// The median number of days between consecutive observations (1 for daily business data,
/// 7 weekly, about 30 monthly, 91 quarterly); 1 when there are fewer than two points.
pub fn typical_spacing_days(points: &[(Date, f64)]) -> i64 {
    let mut gaps: Vec<i64> = points
        .windows(2)
        .map(|w| i64::from((w[1].0 - w[0].0).get_days()))
        .collect();
    if gaps.is_empty() {
        return 1;
    }
    let mid = gaps.len() / 2;
    *gaps.select_nth_unstable(mid).1
}

#[cfg(test)]
mod params_tests {
    use super::known_params;

    /// Each computation file's `param_f64("…")` / `param_str("…")` / `param_date("…")` keys,
    /// read from its source text, are exactly the keys [`known_params`] accepts for it.
    #[test]
    fn known_params_are_the_keys_each_computation_reads() {
        let files: [(&str, &str); 23] = [
            ("buffett", include_str!("buffett.rs")),
            ("cape", include_str!("cape.rs")),
            ("change_over", include_str!("change_over.rs")),
            ("damodaran_erp", include_str!("damodaran_erp.rs")),
            ("debt_pace", include_str!("debt_pace.rs")),
            ("drawdown", include_str!("drawdown.rs")),
            ("earnings_yield_gap", include_str!("earnings_yield_gap.rs")),
            ("excess_savings", include_str!("excess_savings.rs")),
            ("fair_pe_gap", include_str!("fair_pe_gap.rs")),
            ("high_since", include_str!("high_since.rs")),
            (
                "interest_vs_defense",
                include_str!("interest_vs_defense.rs"),
            ),
            ("k_shape", include_str!("k_shape.rs")),
            ("latest", include_str!("latest.rs")),
            ("mlf_event", include_str!("mlf_event.rs")),
            ("moving_average", include_str!("moving_average.rs")),
            ("pe_ratio", include_str!("pe_ratio.rs")),
            ("ratio", include_str!("ratio.rs")),
            (
                "recession_probability",
                include_str!("recession_probability.rs"),
            ),
            ("refinancing", include_str!("refinancing.rs")),
            ("rise_over_low", include_str!("rise_over_low.rs")),
            ("rolling_sum_ratio", include_str!("rolling_sum_ratio.rs")),
            ("sahm_rule", include_str!("sahm_rule.rs")),
            ("sequoia_required", include_str!("sequoia_required.rs")),
        ];
        assert_eq!(
            files.len(),
            super::KNOWN.len(),
            "every computation is listed"
        );
        for (compute, source) in files {
            let mut read: Vec<&str> = Vec::new();
            for call in ["param_f64(\"", "param_str(\"", "param_date(\""] {
                for (i, _) in source.match_indices(call) {
                    let rest = &source[i + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    if !read.contains(&key) {
                        read.push(key);
                    }
                }
            }
            read.sort_unstable();
            let mut known = known_params(compute).to_vec();
            known.sort_unstable();
            assert_eq!(read, known, "{compute}");
        }
    }
}
