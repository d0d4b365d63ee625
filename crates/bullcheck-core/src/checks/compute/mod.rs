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
    for id in extra {
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
