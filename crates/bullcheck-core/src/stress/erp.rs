//! The equity-risk-premium response of the valuation channel: how the ERP moves with credit
//! spreads and volatility, estimated on stored history (equations in `docs/transmission.md` §1).
//!
//! ```text
//! ΔERP = β_hy · Δhy_oas + β_vix · Δvix
//! ```
//!
//! The betas are the slopes of an OLS regression (with intercept) of quarterly changes of the
//! ERP proxy `100 / CAPE − GS10` (Shiller's cyclically adjusted earnings yield minus the
//! 10-year, both from Shiller's `ie_data`, stored as `SHILLER_CAPE` and `SHILLER_GS10`) on
//! quarterly changes of the high-yield OAS (`BAMLH0A0HYM2`) and the VIX (`VIXCLS`). Quarterly
//! changes are those of quarterly averages, as for the covariance ([`super::history`]).
//!
//! Why the cyclically adjusted yield and not trailing E/P: trailing earnings collapse in
//! recessions (S&P reported earnings fell about 90% in 2008–09) exactly when spreads widen, so
//! trailing E/P − GS10 *falls* when risk rises; on the shared data its regression gives
//! β_hy = −0.05 (s.e. 0.06), R² 0.06 — earnings noise, not a risk premium.
//!
//! When the four series are not stored (or overlap on fewer than [`MIN_QUARTERS`] quarters),
//! [`FALLBACK`] is used: the same regression run by bullcheck on `../shared/data` (a test
//! recomputes it from those files so the constants cannot drift silently).

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use super::history::{MIN_QUARTERS, Window, quarterly_changes};
use super::variables::{ChangeUnit, Parameters};
use crate::series::{Dataset, Date};

/// The stored series the regression reads, in order: CAPE, 10-year, HY OAS, VIX.
pub const ERP_SERIES: [&str; 4] = ["SHILLER_CAPE", "SHILLER_GS10", "BAMLH0A0HYM2", "VIXCLS"];

/// The parameter names the betas are passed to the transmission model under.
pub const BETA_HY_OAS_PARAMETER: &str = "erp_beta_hy_oas";
pub const BETA_VIX_PARAMETER: &str = "erp_beta_vix";

/// An estimated (or fallback) ERP response with its sample and standard errors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErpResponse {
    /// pp of ERP per pp of high-yield OAS.
    pub beta_hy_oas: f64,
    pub se_hy_oas: f64,
    /// pp of ERP per VIX point.
    pub beta_vix: f64,
    pub se_vix: f64,
    /// Mean quarterly drift of the proxy not explained by the regressors (not used in
    /// scenarios); `None` for the fallback.
    pub intercept: Option<f64>,
    pub se_intercept: Option<f64>,
    pub r_squared: Option<f64>,
    pub quarters: usize,
    pub first_quarter: String,
    pub last_quarter: String,
    /// `estimated on stored data` or `fallback: <why>`.
    pub origin: String,
    pub equation: String,
}

/// The regression on `../shared/data` (Shiller ie_data through May 2026, FRED BAMLH0A0HYM2 and
/// VIXCLS through 20 Aug 2026): 118 quarterly changes, 1997 Q1 – 2026 Q2. Recomputed by the
/// integration test `erp_fallback_matches_the_regression_on_shared_data`.
pub const FALLBACK: FallbackEstimate = FallbackEstimate {
    beta_hy_oas: 0.3211,
    se_hy_oas: 0.0417,
    beta_vix: -0.0106,
    se_vix: 0.0097,
    quarters: 118,
    first_quarter: "1997-01-01",
    last_quarter: "2026-04-01",
};

/// The constants of [`FALLBACK`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FallbackEstimate {
    pub beta_hy_oas: f64,
    pub se_hy_oas: f64,
    pub beta_vix: f64,
    pub se_vix: f64,
    pub quarters: usize,
    pub first_quarter: &'static str,
    pub last_quarter: &'static str,
}

pub const EQUATION: &str = "ΔERP = β_hy·Δhy_oas + β_vix·Δvix; β from OLS of quarterly Δ(100/CAPE − GS10) \
on Δ BAMLH0A0HYM2 and Δ VIXCLS (quarterly averages, with intercept)";

/// The fallback response, with `why` it is used.
pub fn fallback(why: &str) -> ErpResponse {
    ErpResponse {
        beta_hy_oas: FALLBACK.beta_hy_oas,
        se_hy_oas: FALLBACK.se_hy_oas,
        beta_vix: FALLBACK.beta_vix,
        se_vix: FALLBACK.se_vix,
        intercept: None,
        se_intercept: None,
        r_squared: None,
        quarters: FALLBACK.quarters,
        first_quarter: FALLBACK.first_quarter.into(),
        last_quarter: FALLBACK.last_quarter.into(),
        origin: format!(
            "fallback: {why}; constants from bullcheck's regression on ../shared/data \
             (Shiller ie_data, FRED BAMLH0A0HYM2 and VIXCLS; docs/transmission.md §1)"
        ),
        equation: EQUATION.into(),
    }
}

/// The ERP proxy `100 / CAPE − GS10` (pp) on the months both are stored.
fn erp_proxy(cape: &[(Date, f64)], gs10: &[(Date, f64)]) -> Vec<(Date, f64)> {
    let gs10: std::collections::BTreeMap<Date, f64> = gs10.iter().copied().collect();
    cape.iter()
        .filter(|(_, c)| *c > 0.0)
        .filter_map(|&(d, c)| gs10.get(&d).map(|&y| (d, 100.0 / c - y)))
        .collect()
}

/// Estimates the ERP response on stored data; `Err` says which series are missing or why the
/// sample is too short.
pub fn estimate_erp_response(data: &Dataset, window: Window) -> Result<ErpResponse, String> {
    let missing: Vec<&str> = ERP_SERIES
        .iter()
        .copied()
        .filter(|id| data.get(id).is_none_or(|s| s.points.is_empty()))
        .collect();
    if !missing.is_empty() {
        return Err(format!("not stored: {}", missing.join(", ")));
    }
    let points = |id: &str| &data.get(id).expect("checked above").points;
    let proxy = erp_proxy(points("SHILLER_CAPE"), points("SHILLER_GS10"));
    let erp = quarterly_changes(&proxy, ChangeUnit::Difference, window);
    let hy = quarterly_changes(points("BAMLH0A0HYM2"), ChangeUnit::Difference, window);
    let vix = quarterly_changes(points("VIXCLS"), ChangeUnit::Difference, window);
    let common: Vec<Date> = erp
        .keys()
        .filter(|q| hy.contains_key(q) && vix.contains_key(q))
        .copied()
        .collect();
    if common.len() < MIN_QUARTERS {
        return Err(format!(
            "only {} common quarterly changes (need {MIN_QUARTERS})",
            common.len()
        ));
    }
    let y = DVector::from_iterator(common.len(), common.iter().map(|q| erp[q]));
    let x = DMatrix::from_fn(common.len(), 3, |i, j| match j {
        0 => 1.0,
        1 => hy[&common[i]],
        _ => vix[&common[i]],
    });
    let fit = ols(&x, &y).ok_or_else(|| "regressors are collinear".to_string())?;
    Ok(ErpResponse {
        beta_hy_oas: fit.coefficients[1],
        se_hy_oas: fit.standard_errors[1],
        beta_vix: fit.coefficients[2],
        se_vix: fit.standard_errors[2],
        intercept: Some(fit.coefficients[0]),
        se_intercept: Some(fit.standard_errors[0]),
        r_squared: Some(fit.r_squared).filter(|r| r.is_finite()),
        quarters: common.len(),
        first_quarter: common[0].to_string(),
        last_quarter: common[common.len() - 1].to_string(),
        origin: "estimated on stored data (SHILLER_CAPE, SHILLER_GS10, BAMLH0A0HYM2, VIXCLS)"
            .into(),
        equation: EQUATION.into(),
    })
}

/// The estimate when the data allow it, else [`fallback`].
pub fn erp_response(data: &Dataset, window: Window) -> ErpResponse {
    estimate_erp_response(data, window).unwrap_or_else(|why| fallback(&why))
}

/// `params` with the response's betas filled in where the scenario did not override them.
pub fn with_erp_response(params: &Parameters, response: &ErpResponse) -> Parameters {
    let mut out = params.clone();
    for (name, value) in [
        (BETA_HY_OAS_PARAMETER, response.beta_hy_oas),
        (BETA_VIX_PARAMETER, response.beta_vix),
    ] {
        out.overrides.entry(name.to_string()).or_insert(value);
    }
    out
}

/// An OLS fit with classical (homoskedastic) standard errors.
#[derive(Debug, Clone, PartialEq)]
pub struct OlsFit {
    pub coefficients: Vec<f64>,
    pub standard_errors: Vec<f64>,
    pub r_squared: f64,
}

/// OLS of `y` on the columns of `x` (include a column of ones for an intercept).
pub fn ols(x: &DMatrix<f64>, y: &DVector<f64>) -> Option<OlsFit> {
    let (n, k) = x.shape();
    if n <= k {
        return None;
    }
    let xtx_inv = (x.transpose() * x).try_inverse()?;
    let beta = &xtx_inv * x.transpose() * y;
    let residuals = y - x * &beta;
    let rss = residuals.norm_squared();
    let mean = y.mean();
    let tss: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    let sigma2 = rss / (n - k) as f64;
    Some(OlsFit {
        coefficients: beta.iter().copied().collect(),
        standard_errors: (0..k).map(|j| (sigma2 * xtx_inv[(j, j)]).sqrt()).collect(),
        r_squared: if tss > 0.0 { 1.0 - rss / tss } else { f64::NAN },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    #[test]
    fn ols_recovers_a_hand_made_line_and_its_standard_error() {
        // y = 1 + 2x + e on x = 0..4 with e = (1, −1, 0, −1, 1): e has mean 0 and
        // Σ(x−x̄)e = (−2)(1) + (−1)(−1) + 0 + (1)(−1) + (2)(1) = 0, so the fit is exactly 1 + 2x.
        let xs = [0.0, 1.0, 2.0, 3.0, 4.0];
        let e = [1.0, -1.0, 0.0, -1.0, 1.0];
        let x = DMatrix::from_fn(5, 2, |i, j| if j == 0 { 1.0 } else { xs[i] });
        let y = DVector::from_iterator(5, (0..5).map(|i| 1.0 + 2.0 * xs[i] + e[i]));
        let fit = ols(&x, &y).unwrap();
        assert!((fit.coefficients[1] - 2.0).abs() < 1e-12);
        // Mean of e is 0 and e ⟂ x, so intercept is 1; RSS = 4, σ² = 4/3, Sxx = 10,
        // se(slope) = √(4/3/10) = 0.36515.
        assert!((fit.coefficients[0] - 1.0).abs() < 1e-12);
        assert!((fit.standard_errors[1] - (4.0f64 / 30.0).sqrt()).abs() < 1e-12);
    }

    fn monthly(id: &str, f: &dyn Fn(usize) -> f64) -> Series {
        let points = (0..120)
            .map(|i| (date(2000 + (i / 12) as i16, (i % 12) as i8 + 1, 1), f(i)))
            .collect();
        Series::new(
            SeriesMeta {
                id: id.into(),
                ..Default::default()
            },
            points,
        )
    }

    #[test]
    fn a_proxy_built_from_spreads_gives_back_its_betas() {
        // HY OAS and VIX vary by quarter; CAPE is set so that 100/CAPE − GS10 = 0.5·hy − 0.1·vix
        // exactly, so the regression must return 0.5 and −0.1 with zero residual.
        let q = |i: usize| i / 3;
        let hy = move |i: usize| 4.0 + ((q(i) * 7) % 5) as f64 * 0.3;
        let vix = move |i: usize| 15.0 + ((q(i) * 3) % 7) as f64;
        let gs10 = move |i: usize| 4.0 + ((q(i) * 5) % 3) as f64 * 0.1;
        let mut data = Dataset::default();
        data.insert(monthly("BAMLH0A0HYM2", &hy));
        data.insert(monthly("VIXCLS", &vix));
        data.insert(monthly("SHILLER_GS10", &gs10));
        data.insert(monthly("SHILLER_CAPE", &|i| {
            100.0 / (0.5 * hy(i) - 0.1 * vix(i) + gs10(i) + 3.0)
        }));
        let r = estimate_erp_response(&data, Window::default()).unwrap();
        assert!((r.beta_hy_oas - 0.5).abs() < 1e-9, "{r:?}");
        assert!((r.beta_vix + 0.1).abs() < 1e-9, "{r:?}");
        assert_eq!(r.quarters, 39);
    }

    #[test]
    fn missing_series_fall_back_to_the_documented_constants() {
        let r = erp_response(&Dataset::default(), Window::default());
        assert_eq!(r.beta_hy_oas, FALLBACK.beta_hy_oas);
        assert!(r.origin.starts_with("fallback: not stored: SHILLER_CAPE"));
        let mut params = Parameters::default();
        params.overrides.insert(BETA_VIX_PARAMETER.into(), 0.0);
        let p = with_erp_response(&params, &r);
        assert_eq!(p.get(BETA_VIX_PARAMETER), 0.0);
        assert_eq!(p.get(BETA_HY_OAS_PARAMETER), FALLBACK.beta_hy_oas);
    }
}
