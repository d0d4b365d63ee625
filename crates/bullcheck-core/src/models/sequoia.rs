//! M8: Sequoia's "AI's $600B question" revenue requirement (docs/catalogue.md §2 M8; seeds 000, 001).
//!
//! What: the yearly end-user AI revenue needed to pay for the GPUs Nvidia sells.
//!
//! Why: the seeds repeat Cahn's $600B (June 2024); the same arithmetic on newer Nvidia
//! figures gives a larger number, so the seed's figure is out of date.
//!
//! How: run-rate = 4 × quarterly revenue; ×2 because GPUs are about half of data-centre
//! total cost of ownership; ×2 for a 50% end-user gross margin. Required = 4 × run-rate =
//! 16 × the quarter. Gap = required − expected AI revenue.
//!
//! Limits: both doublings are rules of thumb; the quarter's revenue includes networking and
//! non-AI data-centre sales.

/// GPUs ≈ half of data-centre total cost of ownership.
pub const TCO_MULTIPLE: f64 = 2.0;
/// A 50% gross margin for the end user.
pub const MARGIN_MULTIPLE: f64 = 2.0;

/// Required yearly revenue from an annual run-rate.
pub fn required_from_run_rate(annual_run_rate: f64) -> f64 {
    annual_run_rate * TCO_MULTIPLE * MARGIN_MULTIPLE
}

/// Required yearly revenue from one quarter's revenue (annualised ×4).
pub fn required_from_quarter(quarterly_revenue: f64) -> f64 {
    required_from_run_rate(4.0 * quarterly_revenue)
}

/// The revenue hole: required minus what AI is expected to earn.
pub fn revenue_gap(required: f64, expected_ai_revenue: f64) -> f64 {
    required - expected_ai_revenue
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cahn_150_gives_600() {
        assert_eq!(required_from_run_rate(150.0), 600.0);
    }

    #[test]
    fn q3_fy26_data_centre_51_2_gives_819() {
        // docs/catalogue.md M8: 4 × 51.2 × 4 = 819.2 ($B); the $65B Q4 guide gives 1,040.
        assert!((required_from_quarter(51.2) - 819.2).abs() < 1e-9);
        assert!((required_from_quarter(65.0) - 1040.0).abs() < 1e-9);
    }

    #[test]
    fn cahns_hole_with_his_generous_revenue_assumptions() {
        // Cahn: $10B each for GOOGL, MSFT, AAPL, META and $5B each for ORCL, ByteDance,
        // Alibaba, Tencent, X and Tesla = $70B; 600 − 70 = a hole of about $500B.
        let expected = 4.0 * 10.0 + 6.0 * 5.0;
        assert_eq!(revenue_gap(600.0, expected), 530.0);
    }
}
