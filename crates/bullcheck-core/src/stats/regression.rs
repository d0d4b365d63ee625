//! Linear regression: OLS with classical standard errors, weighted least squares, Huber's
//! M-estimate by iteratively reweighted least squares, and OLS with Newey–West (Bartlett)
//! standard errors.
//!
//! - Oracles: statsmodels' `OLS` (params, bse, R²), `OLS(...).fit(cov_type="HAC",
//!   use_correction=False)` and `RLM(M=HuberT(1.345), scale_est="mad")` on the committed
//!   fixture (`tests/stats_oracles.rs`).
//! - Limits: the weighted least squares' standard errors treat the weights as fixed and use
//!   Σw − k degrees of freedom; Huber's standard errors are those of the final weighted fit,
//!   not statsmodels' sandwich (the tests compare its coefficients only).

use nalgebra::{DMatrix, DVector};

use super::quantile::{MAD_NORMAL, mad};

/// An OLS fit with classical (homoskedastic) standard errors.
#[derive(Debug, Clone, PartialEq)]
pub struct OlsFit {
    pub coefficients: Vec<f64>,
    pub standard_errors: Vec<f64>,
    pub r_squared: f64,
}

/// OLS of `y` on the columns of `x` (include a column of ones for an intercept).
pub fn ols(x: &DMatrix<f64>, y: &DVector<f64>) -> Option<OlsFit> {
    weighted_ls(x, y, &vec![1.0; y.len()])
}

/// Weighted least squares with weights `w` (the s.e. treat the weights as fixed).
fn weighted_ls(x: &DMatrix<f64>, y: &DVector<f64>, w: &[f64]) -> Option<OlsFit> {
    let (n, k) = x.shape();
    if n <= k {
        return None;
    }
    let xw = DMatrix::from_fn(n, k, |i, j| x[(i, j)] * w[i].sqrt());
    let yw = DVector::from_fn(n, |i, _| y[i] * w[i].sqrt());
    let xtx_inv = (xw.transpose() * &xw).try_inverse()?;
    let beta = &xtx_inv * xw.transpose() * &yw;
    let residuals = &yw - &xw * &beta;
    let rss = residuals.norm_squared();
    let sw: f64 = w.iter().sum();
    let mean = (0..n).map(|i| w[i] * y[i]).sum::<f64>() / sw;
    let tss: f64 = (0..n).map(|i| w[i] * (y[i] - mean).powi(2)).sum();
    let sigma2 = rss / (sw - k as f64).max(1.0);
    Some(OlsFit {
        coefficients: beta.iter().copied().collect(),
        standard_errors: (0..k).map(|j| (sigma2 * xtx_inv[(j, j)]).sqrt()).collect(),
        r_squared: if tss > 0.0 { 1.0 - rss / tss } else { f64::NAN },
    })
}

/// Huber's tuning constant (95% efficiency under normal errors).
pub const HUBER_C: f64 = 1.345;

/// A robust fit and the weight each observation ended with (1: untouched; below 1:
/// down-weighted as an outlier).
#[derive(Debug, Clone, PartialEq)]
pub struct RobustFit {
    pub fit: OlsFit,
    pub weights: Vec<f64>,
}

/// Huber M-estimate by iteratively reweighted least squares: residuals beyond
/// [`HUBER_C`]·σ̂ (σ̂ = MAD/0.6745 of the residuals, the median of an even count being the mean of the middle two, as in statsmodels) get weight HUBER_C·σ̂/|r|, so one quarter
/// like 2020 Q2 or 2008 Q4 cannot drive the slope. Standard errors are those of the final
/// weighted least squares. Starts from OLS; 50 iterations at most.
pub fn huber(x: &DMatrix<f64>, y: &DVector<f64>) -> Option<RobustFit> {
    let n = y.len();
    let mut w = vec![1.0; n];
    let mut fit = weighted_ls(x, y, &w)?;
    for _ in 0..50 {
        let beta = DVector::from_vec(fit.coefficients.clone());
        let r = y - x * beta;
        let residuals: Vec<f64> = r.iter().copied().collect();
        let sigma = mad(&residuals)? / MAD_NORMAL;
        if sigma <= 0.0 || !sigma.is_finite() {
            break;
        }
        let new_w: Vec<f64> = r
            .iter()
            .map(|v| {
                let u = v.abs() / (HUBER_C * sigma);
                if u <= 1.0 { 1.0 } else { 1.0 / u }
            })
            .collect();
        let change = new_w
            .iter()
            .zip(&w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        w = new_w;
        fit = weighted_ls(x, y, &w)?;
        if change < 1e-8 {
            break;
        }
    }
    Some(RobustFit { fit, weights: w })
}

/// OLS coefficients of `y` on `x` with Newey–West (Bartlett, `lag`) standard errors.
pub fn ols_hac(x: &DMatrix<f64>, y: &DVector<f64>, lag: usize) -> Option<(Vec<f64>, Vec<f64>)> {
    let (n, k) = x.shape();
    if n <= k {
        return None;
    }
    let xtx_inv = (x.transpose() * x).try_inverse()?;
    let beta = &xtx_inv * x.transpose() * y;
    let e = y - x * &beta;
    let mut s = DMatrix::<f64>::zeros(k, k);
    for l in 0..=lag.min(n - 1) {
        let w = 1.0 - l as f64 / (lag as f64 + 1.0);
        for t in l..n {
            let a = x.row(t).transpose() * e[t];
            let b = x.row(t - l).transpose() * e[t - l];
            let g = &a * b.transpose();
            if l == 0 {
                s += g;
            } else {
                s += (&g + g.transpose()) * w;
            }
        }
    }
    let v = &xtx_inv * s * &xtx_inv;
    Some((
        beta.iter().copied().collect(),
        (0..k).map(|j| v[(j, j)].max(0.0).sqrt()).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn huber_ignores_one_wild_observation_that_moves_ols() {
        // y = 2x exactly except one point 100 units off: OLS tilts, Huber stays near 2.
        let n = 30;
        let x = DMatrix::from_fn(n, 2, |i, j| if j == 0 { 1.0 } else { i as f64 });
        let y = DVector::from_fn(n, |i, _| {
            2.0 * i as f64 + if i == 29 { -100.0 } else { 0.0 }
        });
        let o = ols(&x, &y).unwrap();
        let h = huber(&x, &y).unwrap();
        assert!((o.coefficients[1] - 2.0).abs() > 0.5, "{o:?}");
        assert!((h.fit.coefficients[1] - 2.0).abs() < 0.05, "{h:?}");
        assert!(h.weights[29] < 0.1);
    }
}
