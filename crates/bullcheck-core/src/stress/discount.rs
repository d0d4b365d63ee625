//! The discount-rate channel (issue 23): how the level of the market's valuation multiple
//! responds to the level of the 10-year yield, holding inflation fixed, estimated on Shiller's
//! long annual sample with heteroskedasticity- and autocorrelation-consistent (Newey–West)
//! standard errors.
//!
//! ```text
//! 100·ln CAPE_y = a + γ_10·GS10_y + γ_π·π_y + e_y          (December of each year)
//! π_y = 100·ln(CPI_Dec,y / CPI_Dec,y−1)
//! rate piece of the multiple = exp(γ_10·Δy10/100) − 1
//! ```
//!
//! - Why levels: fair value is a level relation (a present value at a discount rate); a
//!   quarterly or annual *change* regression measures how fast prices adjust, drowned in
//!   noise (t 0.4–1.2 for the 10-year on the same data), not where they settle. A stress
//!   scenario asks where fair value settles.
//! - Why from [`FIRST_YEAR`] (1953): after the 1951 Treasury–Fed Accord yields were no longer
//!   pegged and, off gold, carried inflation news; before it (gold standard, the 1942–51 peg)
//!   the yield measured a different thing. The full sample from 1881 is reported beside it
//!   (docs/transmission.md §9) and not used.
//! - Uncertainty: Newey–West s.e. with a Bartlett kernel and lag ⌊4(T/100)^(2/9)⌋. Levels of
//!   persistent series: the t-statistic is indicative only (spurious-regression risk), stated.
//! - Limits: inflation is not a scenario variable, so γ_π is reported, not applied; the
//!   10-year's quarterly term in the earnings-yield regression ([`super::erp`]) is switched off
//!   when this channel is estimated (one rate channel, not two).

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use crate::series::{Dataset, Date};
use crate::stats::regression::ols_hac;

/// The parameter the slope is passed under (log points of P/E per pp of the 10-year).
pub const GAMMA_UST10Y_PARAMETER: &str = "pe_gamma_ust10y";
/// The first year of the estimation sample.
pub const FIRST_YEAR: i16 = 1953;
/// The stored series read: CAPE, the 10-year, the CPI (Shiller's `ie_data`).
pub const SERIES: [&str; 3] = ["SHILLER_CAPE", "SHILLER_GS10", "SHILLER_CPI"];
/// Fewest years the regression is run on.
pub const MIN_YEARS: usize = 20;

/// The estimated discount-rate response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiscountResponse {
    /// Log points of CAPE per pp of the 10-year (inflation held fixed).
    pub gamma_ust10y: f64,
    pub hac_se_ust10y: f64,
    /// Log points of CAPE per pp of CPI inflation (reported, not applied).
    pub gamma_inflation: f64,
    pub hac_se_inflation: f64,
    pub years: usize,
    pub first_year: i16,
    pub last_year: i16,
    pub hac_lag: usize,
}

fn december_values(data: &Dataset, id: &str) -> std::collections::BTreeMap<i16, f64> {
    let mut out = std::collections::BTreeMap::new();
    if let Some(s) = data.get(id) {
        for &(d, v) in &s.points {
            if d.month() == 12 && v.is_finite() {
                out.insert(d.year(), v);
            }
        }
    }
    out
}

/// Estimates the response, leaving out the years that overlap `excluded` (leave-one-episode-out
/// validation); `None` without the series or with fewer than [`MIN_YEARS`] years.
pub fn estimate(data: &Dataset, excluded: &[(Date, Date)]) -> Option<DiscountResponse> {
    estimate_from(data, excluded, FIRST_YEAR)
}

/// [`estimate`] on the years from `first_year` (the documented alternative: 1881, the full
/// Shiller sample with a year of inflation before it).
pub fn estimate_from(
    data: &Dataset,
    excluded: &[(Date, Date)],
    first_year: i16,
) -> Option<DiscountResponse> {
    let [cape, gs10, cpi] = SERIES.map(|id| december_values(data, id));
    let mut rows: Vec<(i16, f64, f64, f64)> = Vec::new();
    for (&year, &c) in cape.range(first_year..) {
        let left_out = excluded
            .iter()
            .any(|(a, b)| a.year() <= year && year <= b.year());
        let (Some(&y10), Some(&p1), Some(&p0)) =
            (gs10.get(&year), cpi.get(&year), cpi.get(&(year - 1)))
        else {
            continue;
        };
        if left_out || c <= 0.0 || p0 <= 0.0 || p1 <= 0.0 {
            continue;
        }
        rows.push((year, 100.0 * c.ln(), y10, 100.0 * (p1 / p0).ln()));
    }
    let n = rows.len();
    if n < MIN_YEARS {
        return None;
    }
    let x = DMatrix::from_fn(n, 3, |i, j| match j {
        0 => 1.0,
        1 => rows[i].2,
        _ => rows[i].3,
    });
    let y = DVector::from_fn(n, |i, _| rows[i].1);
    let lag = (4.0 * (n as f64 / 100.0).powf(2.0 / 9.0)).floor() as usize;
    let (b, se) = ols_hac(&x, &y, lag)?;
    Some(DiscountResponse {
        gamma_ust10y: b[1],
        hac_se_ust10y: se[1],
        gamma_inflation: b[2],
        hac_se_inflation: se[2],
        years: n,
        first_year: rows[0].0,
        last_year: rows[n - 1].0,
        hac_lag: lag,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hac_with_lag_zero_is_whites_estimator_by_hand() {
        // y = 2x exactly except residuals ±1 at x = 1, 2 (n = 4, no intercept):
        // x = [1,2,3,4], y = [3,0,6,8] → β = Σxy/Σx² = (3+0+18+32)/30 = 53/30.
        let x = DMatrix::from_column_slice(4, 1, &[1.0, 2.0, 3.0, 4.0]);
        let y = DVector::from_vec(vec![3.0, 0.0, 6.0, 8.0]);
        let (b, se) = ols_hac(&x, &y, 0).unwrap();
        let beta = 53.0 / 30.0;
        assert!((b[0] - beta).abs() < 1e-12);
        // White: Σ x²e² / (Σx²)².
        let e: Vec<f64> = [1.0, 2.0, 3.0, 4.0]
            .iter()
            .zip([3.0, 0.0, 6.0, 8.0])
            .map(|(x, y)| y - beta * x)
            .collect();
        let meat: f64 = [1.0f64, 2.0, 3.0, 4.0]
            .iter()
            .zip(&e)
            .map(|(x, e)| x * x * e * e)
            .sum();
        assert!((se[0] - (meat / 900.0).sqrt()).abs() < 1e-12);
    }
}
