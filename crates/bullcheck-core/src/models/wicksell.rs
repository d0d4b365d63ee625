//! M6: the Wicksell spread and cumulative misallocation (docs/catalogue.md §2 M6; Garran via seed 003).
//!
//! What: WS_t = (nominal GDP growth_t + 2 pp) − corporate borrowing cost_t, and the
//! misallocation index B = Σ max(WS_t, 0) over an episode (in %-of-GDP-years when yearly).
//!
//! Why: Garran's "the AI bubble is 17× the dot-com bubble and 4× 2008" is a ratio of such
//! sums; the measure is economy-wide, not AI-specific.
//!
//! How: plain functions over aligned yearly (or quarterly, then divide by 4) points.
//!
//! Limits: the shared data have nominal GDP but no long corporate-yield series (BAA or the
//! ICE corporate effective yield); the IG OAS starts in 2023. The check therefore cites
//! Garran's ratio and this module only documents and tests the arithmetic.

/// Garran's allowance for the gap between growth and the natural borrowing cost, in pp.
pub const GROWTH_ALLOWANCE_PP: f64 = 2.0;

/// The Wicksell spread in percentage points.
pub fn wicksell_spread(nominal_growth_pct: f64, corporate_yield_pct: f64) -> f64 {
    nominal_growth_pct + GROWTH_ALLOWANCE_PP - corporate_yield_pct
}

/// Σ max(WS, 0) × `period_years` over an episode of (growth %, corporate yield %) pairs.
pub fn misallocation_index(episode: &[(f64, f64)], period_years: f64) -> f64 {
    episode
        .iter()
        .map(|&(g, y)| wicksell_spread(g, y).max(0.0) * period_years)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_spread_and_index() {
        // Growth 5%, yield 4% → 5 + 2 − 4 = 3 pp.
        assert_eq!(wicksell_spread(5.0, 4.0), 3.0);
        // Years: +3, −1 (ignored), +2 → B = 5 %-of-GDP-years.
        let episode = [(5.0, 4.0), (3.0, 6.0), (4.0, 4.0)];
        assert_eq!(misallocation_index(&episode, 1.0), 5.0);
        // Quarterly points count a quarter of a year each.
        assert_eq!(misallocation_index(&episode, 0.25), 1.25);
    }
}
