//! Parameter uncertainty in the Monte Carlo bands (issue 23 item 4).
//!
//! What: the estimated coefficients the index depends on — the earnings elasticity to
//! unemployment β_u (`earnings.rs`), the discount-rate channel's 10-year coefficient γ_10
//! (`discount.rs`, HAC s.e.) and the earnings-yield regression's kept terms (`erp.rs`: the
//! spread's β_hy, and the 10-year's and the VIX's when kept) — are drawn on every Monte Carlo
//! path from N(estimate, s.e.²), each path its own draw.
//!
//! Why: before, the bands carried only the variables' innovations, as if every coefficient
//! were known; a scenario giving every variable (a replay) had no band at all, so the
//! validation's 90%-band coverage could not be above 0 in attribution mode.
//!
//! How: independent normal draws (the three regressions are estimated separately; within the
//! earnings-yield regression only one term is usually kept). A parameter the scenario sets
//! itself is not drawn (the user fixed it). A coefficient dropped by its |t| < 2 rule (beta 0)
//! is not drawn.
//!
//! Limits: the Huber and HAC standard errors are asymptotic; the covariance Σ of the variables
//! and the soft floors are not redrawn (their sampling error is not in the bands).

use super::discount::{DiscountResponse, GAMMA_UST10Y_PARAMETER};
use super::earnings::{BETA_UNEMPLOYMENT_PARAMETER, EarningsResponse};
use super::erp::{BETA_HY_OAS_PARAMETER, BETA_UST10Y_PARAMETER, BETA_VIX_PARAMETER, ErpResponse};
use super::variables::Parameters;

/// One parameter drawn per path.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ParameterDraw {
    pub name: String,
    pub estimate: f64,
    pub se: f64,
}

/// The parameters to draw, given the scenario's own `[parameters]` and the estimates used.
pub fn parameter_draws(
    scenario: &Parameters,
    earnings: &EarningsResponse,
    discount: Option<&DiscountResponse>,
    erp: &ErpResponse,
) -> Vec<ParameterDraw> {
    let mut candidates = vec![(
        BETA_UNEMPLOYMENT_PARAMETER,
        earnings.beta_unemployment,
        earnings.se_unemployment,
    )];
    match discount {
        // One rate channel: the discount-rate response replaces the regression's 10-year term.
        Some(d) => candidates.push((GAMMA_UST10Y_PARAMETER, d.gamma_ust10y, d.hac_se_ust10y)),
        None => candidates.push((BETA_UST10Y_PARAMETER, erp.beta_ust10y, erp.se_ust10y)),
    }
    candidates.push((BETA_HY_OAS_PARAMETER, erp.beta_hy_oas, erp.se_hy_oas));
    candidates.push((BETA_VIX_PARAMETER, erp.beta_vix, erp.se_vix));
    candidates
        .into_iter()
        .filter(|(name, estimate, se)| {
            !scenario.overrides.contains_key(*name)
                && *estimate != 0.0
                && estimate.is_finite()
                && se.is_finite()
                && *se > 0.0
        })
        .map(|(name, estimate, se)| ParameterDraw {
            name: name.to_string(),
            estimate,
            se,
        })
        .collect()
}
