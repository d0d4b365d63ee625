//! The earnings channel: how the index's earnings per share respond to unemployment,
//! estimated on stored history (equations in `docs/transmission.md` §1).
//!
//! ```text
//! Δln E (100 × log, real) = β_u · Δunemployment      (pp)
//! ```
//!
//! - What: β_u is the slope of a robust regression (Huber M-estimate, [`crate::stats::regression::huber`])
//!   with intercept of calendar-year changes of 100 × ln Shiller real earnings
//!   (`SHILLER_REAL_E`, fourth-quarter averages of the monthly values) on calendar-year changes
//!   of the unemployment rate (`UNRATE`, fourth-quarter averages), 1948 onwards. Each calendar
//!   year is one observation, so the changes do not overlap and the standard errors are those
//!   of the final weighted least squares.
//! - Why annual: Shiller's E is a trailing twelve-month sum, so its quarterly changes are
//!   a moving average of the quarter's news and mostly noise (on the shared data a quarterly
//!   regression gives a *positive* unemployment slope, driven by 2020). A year is the shortest
//!   horizon on which a recession's earnings are in the trailing sum.
//! - Why unemployment alone: it is the only macro series stored from 1948 (FRED GDPC1 starts in
//!   2000, the HY OAS in 1997), so it is the only one with several recessions in its sample.
//!   Credit spreads reach the index through the multiple ([`super::erp`]): the CAPE yield's
//!   response to the spread is estimated on the same price moves, so a spread term here would
//!   count the spread's effect twice. The regressions with GDP and the spread are reported in
//!   `docs/transmission.md` as diagnostics.
//! - Limits: reported (GAAP) earnings include write-downs (2008 Q4) that the market looked
//!   through; the Huber weights cut those years. The intercept (trend growth of real earnings)
//!   is not applied to a scenario: the scenario effect is the response to its shocks.

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use crate::series::{Dataset, Date};
use crate::stats::regression::huber;
use crate::vocab::Note;

/// The stored series the regression reads.
pub const EARNINGS_SERIES: [&str; 2] = ["SHILLER_REAL_E", "UNRATE"];

/// The parameter the slope is passed to the transmission model under.
pub const BETA_UNEMPLOYMENT_PARAMETER: &str = "earnings_beta_unemployment";

/// Fewest calendar years the regression is run on.
pub const MIN_YEARS: usize = 15;

/// An estimated (or fallback) earnings response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarningsResponse {
    /// 100 × log change of real earnings per pp of unemployment.
    pub beta_unemployment: f64,
    pub se_unemployment: f64,
    pub intercept: Option<f64>,
    pub se_intercept: Option<f64>,
    pub r_squared: Option<f64>,
    pub years: usize,
    pub first_year: i16,
    pub last_year: i16,
    /// Years the Huber weights cut below 0.5, with their weight.
    pub downweighted: Vec<String>,
    /// Date ranges left out (leave-one-episode-out validation).
    pub excluded: Vec<String>,
    pub method: Note,
    pub origin: Note,
    pub equation: Note,
}

/// The regression on the public data set (`docs/data.md`) (Shiller ie_data to 2026, FRED UNRATE). Recomputed by
/// the integration test `earnings_fallback_matches_the_regression_on_shared_data`.
pub const FALLBACK_BETA: f64 = -8.2766;
pub const FALLBACK_SE: f64 = 1.5840;
pub const FALLBACK_YEARS: (usize, i16, i16) = (75, 1949, 2023);

pub const EQUATION: &str = "Δln E = β_u·Δunemployment; Huber regression of calendar-year changes of \
100·ln SHILLER_REAL_E on calendar-year changes of UNRATE (fourth-quarter averages, with intercept); \
the intercept (trend growth) is not applied to scenarios";
/// [`EQUATION`] in Chinese.
pub const EQUATION_ZH: &str = "Δln E = β_u·Δunemployment；将100·ln SHILLER_REAL_E的逐年变动\
对UNRATE的逐年变动做Huber回归（四季度均值，含截距）；截距（趋势增长）不用于情景";

/// The fallback response, with `why` it is used.
pub fn fallback(why: &Note) -> EarningsResponse {
    EarningsResponse {
        beta_unemployment: FALLBACK_BETA,
        se_unemployment: FALLBACK_SE,
        intercept: None,
        se_intercept: None,
        r_squared: None,
        years: FALLBACK_YEARS.0,
        first_year: FALLBACK_YEARS.1,
        last_year: FALLBACK_YEARS.2,
        downweighted: Vec::new(),
        excluded: Vec::new(),
        method: Note::new(super::erp::METHOD, super::erp::METHOD_ZH),
        origin: Note::new(
            format!(
                "fallback: {}; constants from bullcheck's regression on the public data set (docs/data.md) \
                 (Shiller ie_data, FRED UNRATE; docs/transmission.md §1)",
                why.en
            ),
            format!(
                "备用值：{}；常数取自bullcheck在公开数据集（docs/data.md）上的回归\
                 （来源: Shiller ie_data, FRED UNRATE; docs/transmission.md §1）",
                why.zh
            ),
        ),
        equation: Note::new(EQUATION, EQUATION_ZH),
    }
}

/// Fourth-quarter average of each calendar year with all three Q4 months stored.
fn q4_averages(points: &[(Date, f64)]) -> std::collections::BTreeMap<i16, f64> {
    let mut acc: std::collections::BTreeMap<i16, (f64, std::collections::BTreeSet<i8>)> =
        Default::default();
    for &(d, v) in points {
        if d.month() >= 10 && v.is_finite() {
            let e = acc.entry(d.year()).or_default();
            e.0 += v;
            e.1.insert(d.month());
        }
    }
    // Daily series: several points a month; average them all (the set counts months).
    let mut counts: std::collections::BTreeMap<i16, usize> = Default::default();
    for &(d, v) in points {
        if d.month() >= 10 && v.is_finite() {
            *counts.entry(d.year()).or_default() += 1;
        }
    }
    acc.into_iter()
        .filter(|(_, (_, months))| months.len() == 3)
        .map(|(y, (s, _))| (y, s / counts[&y] as f64))
        .collect()
}

/// Estimates the earnings response, leaving out every year whose change (Q4 of the year
/// before to Q4 of the year) overlaps `excluded`.
pub fn estimate_earnings_response(
    data: &Dataset,
    excluded: &[(Date, Date)],
) -> Result<EarningsResponse, Note> {
    let missing: Vec<&str> = EARNINGS_SERIES
        .iter()
        .copied()
        .filter(|id| data.get(id).is_none_or(|s| s.points.is_empty()))
        .collect();
    if !missing.is_empty() {
        return Err(Note::new(
            format!("not stored: {}", missing.join(", ")),
            format!("未存储：{}", missing.join(", ")),
        ));
    }
    let e = q4_averages(&data.get("SHILLER_REAL_E").expect("checked").points);
    let u = q4_averages(&data.get("UNRATE").expect("checked").points);
    let overlaps = |year: i16| {
        let from = Date::new(year - 1, 10, 1).expect("valid");
        let to = Date::new(year, 12, 31).expect("valid");
        excluded.iter().any(|&(a, b)| from <= b && to >= a)
    };
    let rows: Vec<(i16, f64, f64)> = e
        .iter()
        .filter_map(|(&y, &e1)| {
            let e0 = *e.get(&(y - 1))?;
            let (u0, u1) = (*u.get(&(y - 1))?, *u.get(&y)?);
            (e0 > 0.0 && e1 > 0.0 && !overlaps(y)).then(|| (y, 100.0 * (e1 / e0).ln(), u1 - u0))
        })
        .collect();
    if rows.len() < MIN_YEARS {
        return Err(Note::new(
            format!(
                "only {} calendar years with both series (need {MIN_YEARS})",
                rows.len()
            ),
            format!(
                "两个序列同时具备的日历年只有{}个（需要{MIN_YEARS}个）",
                rows.len()
            ),
        ));
    }
    let x = DMatrix::from_fn(rows.len(), 2, |i, j| if j == 0 { 1.0 } else { rows[i].2 });
    let y = DVector::from_iterator(rows.len(), rows.iter().map(|r| r.1));
    let fit =
        huber(&x, &y).ok_or_else(|| Note::new("unemployment does not vary", "失业率没有变化"))?;
    Ok(EarningsResponse {
        beta_unemployment: fit.fit.coefficients[1],
        se_unemployment: fit.fit.standard_errors[1],
        intercept: Some(fit.fit.coefficients[0]),
        se_intercept: Some(fit.fit.standard_errors[0]),
        r_squared: Some(fit.fit.r_squared).filter(|r| r.is_finite()),
        years: rows.len(),
        first_year: rows[0].0,
        last_year: rows[rows.len() - 1].0,
        downweighted: rows
            .iter()
            .zip(&fit.weights)
            .filter(|(_, w)| **w < 0.5)
            .map(|(r, w)| format!("{} ({w:.2})", r.0))
            .collect(),
        excluded: excluded.iter().map(|(a, b)| format!("{a}..{b}")).collect(),
        method: Note::new(super::erp::METHOD, super::erp::METHOD_ZH),
        origin: Note::new(
            "estimated on stored data (SHILLER_REAL_E, UNRATE)",
            "基于已存储数据估计（SHILLER_REAL_E、UNRATE）",
        ),
        equation: Note::new(EQUATION, EQUATION_ZH),
    })
}

/// The estimate when the data allow it, else [`fallback`].
pub fn earnings_response(data: &Dataset, excluded: &[(Date, Date)]) -> EarningsResponse {
    estimate_earnings_response(data, excluded).unwrap_or_else(|why| fallback(&why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    fn monthly(id: &str, f: &dyn Fn(i16) -> f64) -> Series {
        let points = (1950..2000)
            .flat_map(|y| (1..=12).map(move |m| (y, m)))
            .map(|(y, m)| (date(y, m, 1), f(y)))
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
    fn earnings_built_from_unemployment_give_back_the_slope_and_exclusions_drop_years() {
        // Unemployment 5 + (0, 1, 3, 2, ...) by year; ln E = −0.07 · U (× 100: −7 per pp) plus
        // a trend of 2 log points a year: the slope must be −7 exactly.
        let u = |y: i16| 5.0 + [0.0, 1.0, 3.0, 2.0, 0.5][(y % 5) as usize];
        let mut data = Dataset::default();
        data.insert(monthly("UNRATE", &u));
        data.insert(monthly("SHILLER_REAL_E", &|y| {
            (0.02 * f64::from(y - 1950) - 0.07 * u(y)).exp()
        }));
        let r = estimate_earnings_response(&data, &[]).unwrap();
        assert!((r.beta_unemployment + 7.0).abs() < 1e-9, "{r:?}");
        assert_eq!(r.years, 49);
        let r = estimate_earnings_response(&data, &[(date(1960, 3, 1), date(1961, 6, 1))]).unwrap();
        // 1960 (Q4 1959 – Q4 1960) and 1961 overlap; 1962's change starts in Q4 1961: kept.
        assert_eq!(r.years, 47);
    }

    #[test]
    fn missing_series_fall_back_to_the_documented_constants() {
        let r = earnings_response(&Dataset::default(), &[]);
        assert_eq!(r.beta_unemployment, FALLBACK_BETA);
        assert!(
            r.origin
                .en
                .starts_with("fallback: not stored: SHILLER_REAL_E")
        );
    }
}
