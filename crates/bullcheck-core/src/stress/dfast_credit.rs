//! DFAST's BBB path into the model's credit channel (issue 23).
//!
//! - What: the Fed's BBB spread path (BBB corporate yield − 10-year Treasury yield, its change
//!   from the baseline jump-off) mapped to a change of the high-yield OAS:
//!   `Δhy_oas = m · Δ(BBB − 10y)`.
//! - Why: the severely adverse scenarios are credit events; before, only unemployment, the
//!   10-year and the VIX were read and the spread was the conditional expectation given them.
//! - How: m is the OLS slope (with intercept) of quarterly changes of the HY OAS
//!   (BAMLH0A0HYM2, quarterly averages) on quarterly changes of the Fed's own historic BBB
//!   spread (`DFAST_*_HISTORIC_BBB_YIELD` − `DFAST_*_HISTORIC_10Y_TREASURY`, quarterly), on
//!   the quarters both exist.
//! - Limits: the model has no house-price channel (DFAST's house prices are not read) and GDP
//!   reaches earnings through the Fed's unemployment path (Okun), not separately.

use std::collections::BTreeMap;

use nalgebra::{DMatrix, DVector};

use super::history::{Window, quarterly_changes};
use super::variables::ChangeUnit;
use crate::series::{Dataset, Date};

/// The HY-per-BBB-spread slope with its standard error and sample size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BbbMapping {
    pub slope: f64,
    pub se: f64,
    pub quarters: usize,
}

fn historic(data: &Dataset, suffix: &str) -> Option<Vec<(Date, f64)>> {
    data.series
        .iter()
        .filter(|(id, s)| id.contains("_HISTORIC_") && id.ends_with(suffix) && !s.points.is_empty())
        .max_by_key(|(_, s)| s.points.len())
        .map(|(_, s)| s.points.clone())
}

/// Estimates m; `None` without the Fed's historic table, the HY OAS or 12 common quarters.
pub fn bbb_to_hy(data: &Dataset) -> Option<BbbMapping> {
    let bbb = historic(data, "_BBB_YIELD")?;
    let y10: BTreeMap<Date, f64> = historic(data, "_10Y_TREASURY")?.into_iter().collect();
    let spread: Vec<(Date, f64)> = bbb
        .into_iter()
        .filter_map(|(d, b)| Some((d, b - y10.get(&d)?)))
        .collect();
    let hy = data.get("BAMLH0A0HYM2")?;
    let ds = quarterly_changes(&spread, ChangeUnit::Difference, Window::default());
    let dh = quarterly_changes(&hy.points, ChangeUnit::Difference, Window::default());
    let pairs: Vec<(f64, f64)> = ds
        .iter()
        .filter_map(|(q, s)| Some((*s, *dh.get(q)?)))
        .collect();
    let n = pairs.len();
    if n < super::history::MIN_QUARTERS {
        return None;
    }
    let x = DMatrix::from_fn(n, 2, |i, j| if j == 0 { 1.0 } else { pairs[i].0 });
    let y = DVector::from_fn(n, |i, _| pairs[i].1);
    let fit = crate::stats::regression::ols(&x, &y)?;
    Some(BbbMapping {
        slope: fit.coefficients[1],
        se: fit.standard_errors[1],
        quarters: n,
    })
}
