//! M9: circular-revenue share (docs/catalogue.md §2 M9; seeds 002, 003; Goldman's "< ~15% in 2027E").
//!
//! What: the share of a supplier's revenue paid by customers out of money the supplier (or
//! its partners) invested in them.
//!
//! Why: the seeds describe a loop (Nvidia invests in OpenAI, OpenAI rents compute, the cloud
//! buys Nvidia GPUs). The question is how much of the revenue is funded that way.
//!
//! How: CircShare = Σ_i min(revenue from investee i, equity funded into i) ÷ total revenue.
//! Each investee counts at most what it both paid and received.
//!
//! Limits: most announced commitments are contingent (released per gigawatt deployed); the
//! inputs must be cash actually invested, which only filings (10-Q) show.

/// One investee: revenue it paid the supplier and equity the supplier funded into it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Investee {
    pub revenue_paid: f64,
    pub equity_funded: f64,
}

/// The circular share of `total_revenue` (a fraction). `None` when revenue is not positive.
pub fn circular_share(investees: &[Investee], total_revenue: f64) -> Option<f64> {
    (total_revenue > 0.0).then(|| {
        investees
            .iter()
            .map(|i| i.revenue_paid.min(i.equity_funded).max(0.0))
            .sum::<f64>()
            / total_revenue
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_investee_counts_the_smaller_of_paid_and_funded() {
        // Hand case: A paid 10, funded 4 → 4; B paid 3, funded 20 → 3; total revenue 50.
        let investees = [
            Investee {
                revenue_paid: 10.0,
                equity_funded: 4.0,
            },
            Investee {
                revenue_paid: 3.0,
                equity_funded: 20.0,
            },
        ];
        assert_eq!(circular_share(&investees, 50.0), Some(7.0 / 50.0));
        assert_eq!(circular_share(&investees, 0.0), None);
    }
}
