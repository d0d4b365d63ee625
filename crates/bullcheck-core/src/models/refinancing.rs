//! M3: refinancing shock on interest coverage (docs/catalogue.md §2 M3; seeds 000 and 001: debt
//! written at 3–4% reprices at 8–10%).
//!
//! What: `ICR_1 = ICR_0 · r0 / ((1 − s)·r0 + s·r1)` when a share `s` of the debt reprices from
//! `r0` to `r1`, the ICR a firm needs today to stay above 1 after full repricing (`r1/r0`),
//! and the aggregate extra interest `Σ_y M_y·(r1 − r0)` of a maturity wall.
//!
//! Why: the seeds say interest "doubles"; at 3.5% → 9% it is ×2.57, and coverage falls to
//! 0.39 of its level.
//!
//! How: plain arithmetic on decimal rates.
//!
//! Limits: EBIT is held fixed; all repriced debt gets the same new rate; no hedges or
//! floating-rate resets before maturity.

/// A repricing of part of a firm's (or an index's) debt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Repricing {
    /// Old average coupon r0.
    pub old_rate: f64,
    /// New rate r1 on the repriced debt.
    pub new_rate: f64,
    /// Share s of the debt that reprices, in [0, 1].
    pub repriced_share: f64,
}

/// docs/catalogue.md M3's central case: r0 = 3.5%, r1 = 9% (midpoints of the seeds' 3–4% and 8–10%).
pub const SEED_OLD_RATE: f64 = 0.035;
pub const SEED_NEW_RATE: f64 = 0.09;

/// The multiplier on interest coverage: `r0 / ((1 − s)·r0 + s·r1)`. `None` when the new
/// average rate is not positive.
pub fn coverage_multiplier(repricing: Repricing) -> Option<f64> {
    let Repricing {
        old_rate,
        new_rate,
        repriced_share,
    } = repricing;
    let new_average = (1.0 - repriced_share) * old_rate + repriced_share * new_rate;
    (new_average > 0.0).then(|| old_rate / new_average)
}

/// Coverage after the repricing for a firm with coverage `icr_before`.
pub fn coverage_after(icr_before: f64, repricing: Repricing) -> Option<f64> {
    coverage_multiplier(repricing).map(|m| icr_before * m)
}

/// The coverage a firm needs before a full repricing to stay at or above 1 afterwards: r1/r0.
pub fn break_even_coverage(old_rate: f64, new_rate: f64) -> f64 {
    new_rate / old_rate
}

/// Extra annual interest when maturities `M_y` reprice from r0 to r1: `Σ M_y·(r1 − r0)`.
pub fn extra_interest(maturities: &[f64], old_rate: f64, new_rate: f64) -> f64 {
    maturities.iter().sum::<f64>() * (new_rate - old_rate)
}

#[cfg(test)]
mod tests {
    //! Oracles: docs/catalogue.md §2 M3 (multipliers 0.72/0.56/0.39, ICR 2.0 → 0.78, threshold 2.6,
    //! $709B wall × 5.5pp ≈ $39B).
    use super::*;

    fn at_share(s: f64) -> f64 {
        coverage_multiplier(Repricing {
            old_rate: SEED_OLD_RATE,
            new_rate: SEED_NEW_RATE,
            repriced_share: s,
        })
        .unwrap()
    }

    #[test]
    fn multipliers_are_0_72_0_56_0_39() {
        assert_eq!((at_share(0.25) * 100.0).round() / 100.0, 0.72);
        assert_eq!((at_share(0.5) * 100.0).round() / 100.0, 0.56);
        assert_eq!((at_share(1.0) * 100.0).round() / 100.0, 0.39);
        assert_eq!(at_share(0.0), 1.0);
    }

    #[test]
    fn seed_ranges_give_0_37_to_0_40_at_full_repricing() {
        let m = |r0: f64, r1: f64| {
            coverage_multiplier(Repricing {
                old_rate: r0,
                new_rate: r1,
                repriced_share: 1.0,
            })
            .unwrap()
        };
        // docs/catalogue.md M3: 3–4% → 8–10% gives 0.37–0.40 (e.g. 3.5→9.5 = 0.368, 4→10 = 0.40).
        assert!((m(0.035, 0.095) - 0.37).abs() < 0.005);
        assert!((m(0.04, 0.10) - 0.40).abs() < 1e-12);
    }

    #[test]
    fn icr_two_falls_to_0_78_and_threshold_is_2_6() {
        let after = coverage_after(
            2.0,
            Repricing {
                old_rate: SEED_OLD_RATE,
                new_rate: SEED_NEW_RATE,
                repriced_share: 1.0,
            },
        )
        .unwrap();
        assert_eq!((after * 100.0).round() / 100.0, 0.78);
        assert_eq!(
            (break_even_coverage(SEED_OLD_RATE, SEED_NEW_RATE) * 10.0).round() / 10.0,
            2.6
        );
    }

    #[test]
    fn maturity_wall_of_709bn_at_plus_5_5pp_costs_39bn() {
        // docs/catalogue.md zombie_maturity_wall: $368B (2026) + $341B (2027).
        let extra = extra_interest(&[368.0, 341.0], SEED_OLD_RATE, SEED_NEW_RATE);
        assert_eq!(extra.round(), 39.0);
    }
}
