//! Historical quarterly changes of the statistical variables and their covariance, the basis
//! of conditional propagation (E[x_o | x_s] = Σ_os Σ_ss⁻¹ x_s) and of the Monte Carlo
//! innovations.
//!
//! Each stored series is averaged by calendar quarter; a variable's quarterly change is the
//! difference (or 100 × log change) between consecutive quarterly averages. The covariance is
//! estimated on the quarters where every included variable has a change (a common sample, so
//! the matrix is positive semi-definite). A variable whose inclusion would leave fewer than
//! [`MIN_QUARTERS`] common quarters is left out and reported in `dropped`.

use std::collections::BTreeMap;

use nalgebra::DMatrix;

use super::scenario::series_for;
use super::variables::{ChangeUnit, VARIABLES, Variable};
use crate::series::{Dataset, Date};

/// The fewest common quarters a covariance is estimated on.
pub const MIN_QUARTERS: usize = 12;

/// Below this many common quarters (ten years), a variable with a shorter history than the
/// others is left out when that lengthens the common sample (e.g. the IWM/SPY ratio, stored
/// from 2020, would otherwise cut every other variable's sample to 15 quarters).
pub const TARGET_QUARTERS: usize = 40;

/// The sample covariance of quarterly changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Covariance {
    pub variables: Vec<Variable>,
    /// Stored series id used for each variable (same order).
    pub series_ids: Vec<String>,
    pub matrix: DMatrix<f64>,
    /// Number of common quarterly changes used.
    pub quarters: usize,
    /// First and last quarter (first day) of the common sample.
    pub first_quarter: Date,
    pub last_quarter: Date,
    /// Statistical variables left out, with the reason.
    pub dropped: Vec<(Variable, String)>,
}

impl Covariance {
    pub fn position(&self, variable: Variable) -> Option<usize> {
        self.variables.iter().position(|&v| v == variable)
    }
}

/// An optional window restricting the history used (inclusive dates).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Window {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

fn quarter_start(date: Date) -> Date {
    let month = (date.month() - 1) / 3 * 3 + 1;
    Date::new(date.year(), month, 1).expect("valid quarter start")
}

fn next_quarter(q: Date) -> Date {
    q.checked_add(jiff::Span::new().months(3))
        .expect("date in range")
}

/// Quarterly changes of one series, keyed by the quarter the change ends in.
pub(crate) fn quarterly_changes(
    points: &[(Date, f64)],
    unit: ChangeUnit,
    window: Window,
) -> BTreeMap<Date, f64> {
    let mut sums: BTreeMap<Date, (f64, u32)> = BTreeMap::new();
    for &(d, v) in points {
        if window.from.is_some_and(|f| d < f) || window.to.is_some_and(|t| d > t) {
            continue;
        }
        let e = sums.entry(quarter_start(d)).or_insert((0.0, 0));
        e.0 += v;
        e.1 += 1;
    }
    let averages: Vec<(Date, f64)> = sums
        .into_iter()
        .map(|(q, (s, n))| (q, s / f64::from(n)))
        .collect();
    let mut changes = BTreeMap::new();
    for pair in averages.windows(2) {
        let ((q0, a0), (q1, a1)) = (pair[0], pair[1]);
        if next_quarter(q0) != q1 {
            continue;
        }
        let change = match unit {
            ChangeUnit::Difference => a1 - a0,
            ChangeUnit::LogPercent if a0 > 0.0 && a1 > 0.0 => 100.0 * (a1 / a0).ln(),
            ChangeUnit::LogPercent => continue,
        };
        changes.insert(q1, change);
    }
    changes
}

/// Estimates the covariance of quarterly changes of every statistical variable stored in
/// `data`. `None` when fewer than two variables have enough common history.
pub fn estimate_covariance(data: &Dataset, window: Window) -> Option<Covariance> {
    let mut dropped = Vec::new();
    let mut candidates: Vec<(Variable, String, BTreeMap<Date, f64>)> = Vec::new();
    for spec in VARIABLES.iter().filter(|s| s.variable.is_statistical()) {
        match series_for(data, spec.variable) {
            Some(series) => {
                let changes = quarterly_changes(&series.points, spec.model_unit, window);
                candidates.push((spec.variable, series.meta.id.clone(), changes));
            }
            None => dropped.push((
                spec.variable,
                format!("not stored (series: {})", spec.series_ids.join(" or ")),
            )),
        }
    }
    let common_quarters = |candidates: &[(Variable, String, BTreeMap<Date, f64>)]| -> Vec<Date> {
        match candidates.first() {
            None => Vec::new(),
            Some(first) => first
                .2
                .keys()
                .filter(|q| candidates.iter().all(|c| c.2.contains_key(q)))
                .copied()
                .collect(),
        }
    };
    let shortest = |candidates: &[(Variable, String, BTreeMap<Date, f64>)]| {
        (0..candidates.len())
            .min_by_key(|&i| candidates[i].2.len())
            .expect("non-empty")
    };
    // A short series would cut the common sample of all the others: while the sample is under
    // TARGET_QUARTERS, drop the variable with the shortest history if that lengthens it.
    while candidates.len() > 2 {
        let common = common_quarters(&candidates);
        if common.len() >= TARGET_QUARTERS {
            break;
        }
        let drop = shortest(&candidates);
        let mut without = candidates.clone();
        without.remove(drop);
        if common_quarters(&without).len() <= common.len() {
            break;
        }
        let (variable, id, changes) = candidates.remove(drop);
        dropped.push((
            variable,
            format!(
                "{id}: only {} quarterly changes; keeping it would cut the common sample to {} quarters",
                changes.len(),
                common.len()
            ),
        ));
    }
    loop {
        let common = common_quarters(&candidates);
        if candidates.is_empty() {
            return None;
        }
        if common.len() >= MIN_QUARTERS && candidates.len() >= 2 {
            let n = common.len();
            let k = candidates.len();
            let mut centred = DMatrix::<f64>::zeros(n, k);
            for (j, c) in candidates.iter().enumerate() {
                let mean = common.iter().map(|q| c.2[q]).sum::<f64>() / n as f64;
                for (i, q) in common.iter().enumerate() {
                    centred[(i, j)] = c.2[q] - mean;
                }
            }
            let matrix = centred.transpose() * &centred / (n as f64 - 1.0);
            return Some(Covariance {
                variables: candidates.iter().map(|c| c.0).collect(),
                series_ids: candidates.iter().map(|c| c.1.clone()).collect(),
                matrix,
                quarters: n,
                first_quarter: common[0],
                last_quarter: common[n - 1],
                dropped,
            });
        }
        if candidates.len() <= 2 {
            return None;
        }
        // Drop the variable with the shortest history and try again.
        let (variable, id, changes) = candidates.remove(shortest(&candidates));
        dropped.push((
            variable,
            format!(
                "{id}: only {} quarterly changes overlap the others",
                changes.len()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    fn quarterly(id: &str, values: &[f64]) -> Series {
        let points = values
            .iter()
            .enumerate()
            .map(|(i, &v)| (date(2000 + (i / 4) as i16, (i % 4) as i8 * 3 + 1, 1), v))
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
    fn covariance_of_hand_made_changes() {
        // Changes of x: +1,−1 repeated; y = 2·x ⇒ var x = 1.04.., cov = 2 var x, var y = 4 var x.
        let x: Vec<f64> = (0..14)
            .map(|i| if i % 2 == 0 { 0.0 } else { 1.0 })
            .collect();
        let y: Vec<f64> = x.iter().map(|v| 2.0 * v).collect();
        let mut data = Dataset::default();
        data.insert(quarterly("DGS10", &x));
        data.insert(quarterly("UNRATE", &y));
        let cov = estimate_covariance(&data, Window::default()).unwrap();
        assert_eq!(
            cov.variables,
            vec![Variable::Ust10y, Variable::Unemployment]
        );
        assert_eq!(cov.quarters, 13);
        // 13 changes alternating +1 (7 times) and −1 (6 times): mean 1/13.
        let mean: f64 = 1.0 / 13.0;
        let var = (7.0 * (1.0 - mean).powi(2) + 6.0 * (-1.0 - mean).powi(2)) / 12.0;
        assert!((cov.matrix[(0, 0)] - var).abs() < 1e-12);
        assert!((cov.matrix[(0, 1)] - 2.0 * var).abs() < 1e-12);
        assert!((cov.matrix[(1, 1)] - 4.0 * var).abs() < 1e-12);
    }

    #[test]
    fn a_short_series_is_dropped_when_it_would_cut_the_common_sample() {
        // DGS10 and VIXCLS have 60 quarters; UNRATE only the last 16. Keeping UNRATE would leave
        // 15 common changes (< 40), dropping it gives 59.
        let wave =
            |n: usize, k: usize| -> Vec<f64> { (0..n).map(|i| ((i * k) % 5) as f64).collect() };
        let mut data = Dataset::default();
        data.insert(quarterly("DGS10", &wave(60, 3)));
        data.insert(quarterly("DRCLACBS", &wave(60, 2)));
        let late: Vec<(Date, f64)> = quarterly("UNRATE", &wave(60, 7)).points[44..].to_vec();
        data.insert(Series::new(
            SeriesMeta {
                id: "UNRATE".into(),
                ..Default::default()
            },
            late,
        ));
        let cov = estimate_covariance(&data, Window::default()).unwrap();
        assert_eq!(
            cov.variables,
            vec![Variable::Ust10y, Variable::ConsumerDelinquency]
        );
        assert_eq!(cov.quarters, 59);
        assert!(
            cov.dropped
                .iter()
                .any(|(v, why)| *v == Variable::Unemployment && why.contains("15 quarters")),
            "{:?}",
            cov.dropped
        );
    }

    #[test]
    fn the_vix_and_the_spread_enter_the_covariance_in_log_changes() {
        // VIX alternating 10, 20: changes ±100·ln 2; the 10-year alternating 4, 5: ±1 point.
        // 13 changes, 7 up and 6 down, so var(VIX) = (100 ln 2)² · var(±1) and the
        // covariance 100 ln 2 · var(±1).
        let vix: Vec<f64> = (0..14)
            .map(|i| if i % 2 == 0 { 10.0 } else { 20.0 })
            .collect();
        let y10: Vec<f64> = (0..14)
            .map(|i| if i % 2 == 0 { 4.0 } else { 5.0 })
            .collect();
        let mut data = Dataset::default();
        data.insert(quarterly("DGS10", &y10));
        data.insert(quarterly("VIXCLS", &vix));
        let cov = estimate_covariance(&data, Window::default()).unwrap();
        assert_eq!(cov.variables, vec![Variable::Ust10y, Variable::Vix]);
        let mean: f64 = 1.0 / 13.0;
        let var = (7.0 * (1.0 - mean).powi(2) + 6.0 * (-1.0 - mean).powi(2)) / 12.0;
        let k = 100.0 * 2f64.ln();
        assert!((cov.matrix[(0, 0)] - var).abs() < 1e-12);
        assert!((cov.matrix[(0, 1)] - k * var).abs() < 1e-9);
        assert!((cov.matrix[(1, 1)] - k * k * var).abs() < 1e-9);
    }

    #[test]
    fn daily_points_are_averaged_by_quarter() {
        let pts = vec![
            (date(2020, 1, 2), 1.0),
            (date(2020, 3, 31), 3.0),
            (date(2020, 4, 1), 5.0),
        ];
        let ch = quarterly_changes(&pts, ChangeUnit::Difference, Window::default());
        assert_eq!(
            ch.into_iter().collect::<Vec<_>>(),
            vec![(date(2020, 4, 1), 3.0)]
        );
    }
}
