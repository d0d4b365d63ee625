//! M2: what shortening the useful life of servers/GPUs (6 → 3 years) does to depreciation and
//! earnings (docs/catalogue.md §2 M2; seeds 000 and 001).
//!
//! What: straight-line depreciation with a full-year convention over capex vintages,
//! `D_t(L) = (1/L)·Σ_{k=0}^{L−1} C_{t−k}`, its closed form under constant capex growth g,
//! `D_t(L) = (C_t/L)·Σ_{k=0}^{L−1} (1+g)^{−k}`, and the earnings effect
//! `ΔNI = −(D(L_new) − D(L_old))·(1 − τ)`.
//!
//! Why: the seeds claim a 3-year life would "erase tens of billions" of profit. The hit is a
//! growth effect: with flat capex, D(3) = D(6) in steady state.
//!
//! How: [`depreciation_from_vintages`] for real capex histories; [`depreciation_per_capex`]
//! for the constant-growth sketch; [`transition_year_change`] for the ASC 250 prospective
//! change in the transition year.
//!
//! Limits: full-year convention, no salvage value, one asset class; cash flow is unchanged.

/// Inputs of an earnings-hit computation over a capex history.
#[derive(Debug, Clone, PartialEq)]
pub struct DepreciationLifeChange<'a> {
    /// Capex of the depreciable class by year, oldest first; the last entry is year t.
    pub capex_by_year: &'a [f64],
    pub old_life_years: usize,
    pub new_life_years: usize,
    /// Tax rate τ.
    pub tax_rate: f64,
}

/// The result of a life change in year t (same money unit as the capex).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DepreciationImpact {
    pub depreciation_old_life: f64,
    pub depreciation_new_life: f64,
    /// D(new) − D(old): extra pre-tax expense.
    pub pre_tax_change: f64,
    /// −(D(new) − D(old))·(1 − τ): the change in net income.
    pub net_income_change: f64,
}

/// Straight-line depreciation in the latest year over `life_years` vintages. `None` when there
/// are fewer vintages than the life or the life is 0 (missing history stays missing).
pub fn depreciation_from_vintages(capex_by_year: &[f64], life_years: usize) -> Option<f64> {
    if life_years == 0 || capex_by_year.len() < life_years {
        return None;
    }
    let recent = &capex_by_year[capex_by_year.len() - life_years..];
    Some(recent.iter().sum::<f64>() / life_years as f64)
}

/// Depreciation in year t as a multiple of year-t capex, when capex has grown at a constant
/// rate `growth` for at least `life_years` years.
pub fn depreciation_per_capex(growth: f64, life_years: usize) -> f64 {
    if life_years == 0 {
        return 0.0;
    }
    let sum: f64 = (0..life_years)
        .map(|k| (1.0 + growth).powi(-(k as i32)))
        .sum();
    sum / life_years as f64
}

/// The impact of a life change on year-t depreciation and net income.
pub fn life_change_impact(input: &DepreciationLifeChange<'_>) -> Option<DepreciationImpact> {
    let old = depreciation_from_vintages(input.capex_by_year, input.old_life_years)?;
    let new = depreciation_from_vintages(input.capex_by_year, input.new_life_years)?;
    let pre_tax_change = new - old;
    Some(DepreciationImpact {
        depreciation_old_life: old,
        depreciation_new_life: new,
        pre_tax_change,
        net_income_change: -pre_tax_change * (1.0 - input.tax_rate),
    })
}

/// ASC 250 transition year: the remaining net book value `B` spread over the new remaining life
/// instead of the old one: `B/R_new − B/R_old`.
pub fn transition_year_change(
    net_book_value: f64,
    remaining_life_old: f64,
    remaining_life_new: f64,
) -> f64 {
    net_book_value / remaining_life_new - net_book_value / remaining_life_old
}

/// docs/catalogue.md M2's illustration ($B, an ASSUMED server/network share of Big-4 capex,
/// 2020–2025): 45, 55, 60, 70, 120, 200. Not data: an illustration, labelled as such wherever
/// it is shown.
pub const CATALOGUE_ILLUSTRATIVE_CAPEX_BN: [f64; 6] = [45.0, 55.0, 60.0, 70.0, 120.0, 200.0];

/// The tax rate docs/catalogue.md M2 uses in its illustration (τ = 17%).
pub const CATALOGUE_ILLUSTRATIVE_TAX_RATE: f64 = 0.17;

#[cfg(test)]
mod tests {
    //! Oracles: docs/catalogue.md §2 M2 (ratios at g = 10/30/50% and the $B illustration).
    use super::*;

    fn ratio_3_over_6(g: f64) -> f64 {
        depreciation_per_capex(g, 3) / depreciation_per_capex(g, 6)
    }

    #[test]
    fn ratio_d3_over_d6_is_1_14_1_37_1_54() {
        assert!(
            (ratio_3_over_6(0.10) - 1.14).abs() < 0.005,
            "{}",
            ratio_3_over_6(0.10)
        );
        assert!(
            (ratio_3_over_6(0.30) - 1.37).abs() < 0.005,
            "{}",
            ratio_3_over_6(0.30)
        );
        assert!(
            (ratio_3_over_6(0.50) - 1.54).abs() < 0.005,
            "{}",
            ratio_3_over_6(0.50)
        );
    }

    #[test]
    fn extra_depreciation_per_capex_is_0_11_0_21_0_25() {
        let delta = |g: f64| depreciation_per_capex(g, 3) - depreciation_per_capex(g, 6);
        assert!((delta(0.10) - 0.11).abs() < 0.005, "{}", delta(0.10));
        assert!((delta(0.30) - 0.21).abs() < 0.005, "{}", delta(0.30));
        assert!((delta(0.50) - 0.25).abs() < 0.005, "{}", delta(0.50));
    }

    #[test]
    fn flat_capex_has_no_steady_state_hit() {
        assert!((ratio_3_over_6(0.0) - 1.0).abs() < 1e-12);
        let flat = [50.0; 6];
        let impact = life_change_impact(&DepreciationLifeChange {
            capex_by_year: &flat,
            old_life_years: 6,
            new_life_years: 3,
            tax_rate: 0.2,
        })
        .unwrap();
        assert_eq!(impact.pre_tax_change, 0.0);
    }

    #[test]
    fn catalogue_illustration_gives_91_7_and_130_0() {
        let impact = life_change_impact(&DepreciationLifeChange {
            capex_by_year: &CATALOGUE_ILLUSTRATIVE_CAPEX_BN,
            old_life_years: 6,
            new_life_years: 3,
            tax_rate: CATALOGUE_ILLUSTRATIVE_TAX_RATE,
        })
        .unwrap();
        assert!((impact.depreciation_old_life - 91.7).abs() < 0.05);
        assert!((impact.depreciation_new_life - 130.0).abs() < 1e-9);
        // ≈ $38B pre-tax, ≈ $32B after tax.
        assert_eq!(impact.pre_tax_change.round(), 38.0);
        assert_eq!(impact.net_income_change.round(), -32.0);
    }

    #[test]
    fn too_short_history_is_missing_not_guessed() {
        assert_eq!(depreciation_from_vintages(&[1.0, 2.0], 3), None);
        assert_eq!(depreciation_from_vintages(&[1.0, 2.0], 0), None);
    }

    #[test]
    fn transition_year_spreads_book_value_over_new_remaining_life() {
        // Hand case: B = 120 with 4 years left under the old life, 1 year left under the new.
        assert_eq!(transition_year_change(120.0, 4.0, 1.0), 90.0);
    }
}
