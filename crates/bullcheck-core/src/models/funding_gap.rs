//! M4: OpenAI funding-gap arithmetic (docs/catalogue.md §2 M4; seed 003 citing HSBC, 24 Nov 2025).
//!
//! What: the cumulative shortfall of revenue against cost over a horizon, net of existing
//! liquidity; and the affordability of a contract (yearly payment ÷ yearly revenue).
//!
//! Why: seed 003 sets HSBC's $792B of cumulative 2025-2030 compute cost against one year of
//! revenue ($213.6B in 2030). The right comparison is cumulative cost against cumulative
//! revenue; this module makes the two sides explicit.
//!
//! How: gap = Σ_t (cost_t − revenue_t) − liquidity. Affordability = (contract total ÷ years)
//! ÷ yearly revenue.
//!
//! Limits: HSBC's yearly paths are not public; only the totals are cited, so the check
//! shows HSBC's $207B gap as cited and uses this arithmetic to expose the mismatch.

/// Σ(cost − revenue) over the horizon, minus cash and committed funding at the start.
pub fn funding_gap(costs: &[f64], revenues: &[f64], liquidity: f64) -> f64 {
    let burn: f64 = costs.iter().zip(revenues).map(|(c, r)| c - r).sum();
    burn - liquidity
}

/// Yearly payment of a contract ÷ the payer's yearly revenue.
pub fn affordability(contract_total: f64, years: f64, yearly_revenue: f64) -> Option<f64> {
    (years > 0.0 && yearly_revenue > 0.0).then(|| contract_total / years / yearly_revenue)
}

/// The seed's comparison: a cumulative cost over one year's revenue (a unit mismatch).
pub fn cumulative_cost_over_one_year(cumulative_cost: f64, one_year_revenue: f64) -> f64 {
    cumulative_cost / one_year_revenue
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracle_300_over_5_years_against_12_to_13_is_4_6_to_5_0() {
        // docs/catalogue.md M4: 300/5 = $60B a year against ≈ $12–13B revenue = 4.6–5.0×; against
        // HSBC's $213.6B revenue in 2030 it is 0.28×.
        let low = affordability(300.0, 5.0, 13.0).unwrap();
        let high = affordability(300.0, 5.0, 12.0).unwrap();
        assert!((low - 4.615).abs() < 0.001 && (high - 5.0).abs() < 1e-12);
        assert!((affordability(300.0, 5.0, 213.6).unwrap() - 0.28).abs() < 0.005);
        assert_eq!(affordability(300.0, 0.0, 13.0), None);
    }

    #[test]
    fn the_seeds_ratio_mixes_six_years_with_one() {
        // 792 / 213.6 = 3.71: meaningless, since 792 is 2025-2030 cumulative.
        assert!((cumulative_cost_over_one_year(792.0, 213.6) - 3.708).abs() < 0.001);
    }

    #[test]
    fn gap_is_burn_net_of_liquidity() {
        // Hand case: costs 10, 20, 30; revenues 5, 10, 20 → burn 25; liquidity 15 → gap 10.
        assert_eq!(
            funding_gap(&[10.0, 20.0, 30.0], &[5.0, 10.0, 20.0], 15.0),
            10.0
        );
    }
}
