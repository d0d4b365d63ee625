//! The statistical kernels every model shares, written once and held to external oracles
//! (NumPy, SciPy, statsmodels and scikit-learn answers committed in
//! `testdata/oracles/stats.json` with the script that made them; `tests/stats_oracles.rs`).
//!
//! - [`quantile`]: quantiles by linear interpolation (NumPy's default), median, MAD and the
//!   bootstrap's percentile interval.
//! - [`classify`]: AUROC (Mann-Whitney, ties counted half) and the Brier score.
//! - [`bootstrap`]: the moving-block bootstrap of ordered observations.
//! - [`regression`]: OLS with classical and Newey–West standard errors, weighted least
//!   squares and Huber's M-estimate.
//! - [`logit`]: the ridge-penalised logistic regression of the recession forecasts.
//!
//! - [`mean`]: the arithmetic mean.
//!
//! This module sits at the bottom of the core's layers: it knows numbers, not series.

pub mod bootstrap;
pub mod classify;
pub mod logit;
pub mod quantile;
pub mod regression;

/// The arithmetic mean; `None` when empty.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}
