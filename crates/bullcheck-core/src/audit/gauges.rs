//! The two gauges beside the headline (docs/rating.md §1b).
//!
//! - **Vulnerability** (slow): valuation, leverage, fiscal ratios, concentration and the
//!   zombie share. Meant to lead by years, not months. Only ratios are listed (a trending
//!   level such as debt in dollars sits near its all-time high most of the time), and a
//!   check's percentile counts only when its history spans at least ten years; otherwise its
//!   status points alone are used.
//! - **Stress** (fast): credit spreads, rate volatility, the yield curve, the Sahm rule and
//!   unemployment, jobless claims and the financial-conditions indexes. Coincident by nature.
//!
//! Each gauge is the unweighted mean of the scores of its listed *scored* checks that have
//! data (no module weighting), with its coverage. Checks not listed (e.g. the VIX "cheap
//! puts" check, whose alarm is complacency, not stress) count in the headline only.
//! Limits: the lists are a fixed classification by the economics of each indicator, not
//! estimated; a check added later is in neither gauge until listed here.

use super::{Coverage, Gauge as GaugeValue, Level, check_score};
use crate::checks::CheckResult;
use crate::series::Date;

/// Which gauge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gauge {
    Vulnerability,
    Stress,
}

impl Gauge {
    pub fn name(self) -> &'static str {
        match self {
            Gauge::Vulnerability => "vulnerability",
            Gauge::Stress => "stress",
        }
    }

    /// The check ids the gauge averages.
    pub fn checks(self) -> &'static [&'static str] {
        match self {
            Gauge::Vulnerability => &VULNERABILITY,
            Gauge::Stress => &STRESS,
        }
    }
}

/// Slow variables: ratios of valuation, leverage, fiscal burden, concentration, zombie share.
pub const VULNERABILITY: [&str; 22] = [
    // valuation
    "val_spx_pe",
    "val_cape",
    "val_buffett",
    "val_implied_erp",
    "val_implied_erp_real",
    "val_fair_pe_table",
    "val_damodaran_erp",
    // fiscal ratios
    "fiscal_debt_gdp",
    "fiscal_interest_gdp",
    "fiscal_interest_receipts",
    "fiscal_interest_vs_defense",
    "fiscal_term_premium",
    // leverage
    "cons_debt_service",
    "mkt_margin_debt",
    // concentration and AI spending against its funding
    "ai_mag7_weight",
    "ai_capex_vs_profits",
    "ai_capex_intensity",
    "ai_capex_to_da",
    // zombie share
    "zombie_r2k_unprofitable",
    "zombie_icr_lt1",
    "zombie_maturity_wall",
    "zombie_private_credit",
];

/// Fast variables: spreads, volatility, curve, labour-market turns, financial conditions.
pub const STRESS: [&str; 11] = [
    "zombie_refi_rate",
    "zombie_ig_spread",
    "mkt_move",
    "mkt_curve_2s10s",
    "mkt_recession_prob_nyfed",
    "mkt_recession_prob_chauvet",
    "cons_sahm_rule",
    "cons_unemployment",
    "cons_jobless_claims",
    "mkt_nfci",
    "mkt_stress_stlfsi",
];

/// The minimum span of history, in years, for a percentile to count in a gauge.
pub const MIN_PERCENTILE_YEARS: i16 = 10;

/// A check's score in a gauge: as in the headline, but the percentile counts only over at
/// least ten years of history.
pub fn gauge_check_score(result: &CheckResult, as_of: Date) -> Option<f64> {
    let long_enough = result.history_start.is_some_and(|start| {
        start
            .checked_add(jiff::Span::new().years(MIN_PERCENTILE_YEARS))
            .is_ok_and(|ten| ten <= result.as_of.unwrap_or(as_of))
    });
    if long_enough {
        return check_score(result);
    }
    if !result.scored {
        return None;
    }
    result.status.points()
}

/// The gauge over `results` as of `as_of`.
pub fn gauge(which: Gauge, results: &[CheckResult], as_of: Date) -> GaugeValue {
    let listed: Vec<&CheckResult> = results
        .iter()
        .filter(|r| which.checks().contains(&r.id.as_str()))
        .collect();
    let scores: Vec<f64> = listed
        .iter()
        .filter_map(|r| gauge_check_score(r, as_of))
        .collect();
    let score = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
    GaugeValue {
        score,
        level: score.map(Level::from_score),
        coverage: Coverage::of(listed, as_of),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::builtin_defs;

    #[test]
    fn every_listed_check_exists_is_scored_and_is_in_one_gauge() {
        let defs = builtin_defs();
        for gauge in [Gauge::Vulnerability, Gauge::Stress] {
            for id in gauge.checks() {
                let def = defs.iter().find(|d| d.id == *id);
                assert!(def.is_some_and(|d| d.is_scored()), "{id}");
            }
        }
        assert!(VULNERABILITY.iter().all(|id| !STRESS.contains(id)));
    }

    /// Hand computation: status ok (0 points) and percentile 90. With ten years or more of
    /// history the gauge score is (0 + 90) / 2 = 45; with five years it is the status points
    /// alone, 0; a fact counts nowhere.
    #[test]
    fn a_percentile_counts_in_a_gauge_only_over_ten_years() {
        let as_of = jiff::civil::date(2026, 6, 30);
        let audit = crate::audit::run(
            builtin_defs(),
            &crate::series::Dataset::default(),
            &crate::snapshot::bundled(),
            as_of,
        );
        let mut r = audit.checks[0].clone();
        r.scored = true;
        r.status = crate::checks::Status::Ok;
        r.percentile = Some(90.0);
        r.as_of = Some(as_of);
        r.history_start = Some(jiff::civil::date(2016, 6, 30));
        assert_eq!(gauge_check_score(&r, as_of), Some(45.0));
        r.history_start = Some(jiff::civil::date(2021, 6, 30));
        assert_eq!(gauge_check_score(&r, as_of), Some(0.0));
        r.scored = false;
        assert_eq!(gauge_check_score(&r, as_of), None);
    }
}
