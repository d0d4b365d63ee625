//! Historical quarterly changes of the statistical variables and their covariance, the basis
//! of conditional propagation (E[x_o | x_s] = Σ_os Σ_ss⁻¹ x_s) and of the Monte Carlo
//! innovations.
//!
//! Each stored series is averaged by calendar quarter; a variable's quarterly change is the
//! difference (or 100 × log change) between consecutive quarterly averages.
//!
//! Robust method (issue 10): a quarter in which any variable moves by more than
//! [`OUTLIER_SDS`] robust standard deviations (MAD/0.6745 around its median, at least half the
//! classical s.d.) is flagged as
//! another regime and left out of every pair (on the shared data: 2020 Q2 and Q3,
//! unemployment +9.17 and −4.20 points); each covariance is then estimated on the quarters
//! both variables have (pairwise), so a series that ends early (DRCLACBS, 2024 Q2) or starts
//! late truncates no other; negative eigenvalues of the pairwise matrix are clipped to zero
//! (nearest positive semi-definite matrix). A variable overlapping no other on
//! [`MIN_QUARTERS`] quarters is left out and reported in `dropped`.

use std::collections::BTreeMap;

use nalgebra::DMatrix;

use super::scenario::series_for;
use super::variables::{ChangeUnit, VARIABLES, Variable};
use crate::series::{Dataset, Date};
use crate::vocab::Note;

/// The fewest common quarters a covariance is estimated on.
pub const MIN_QUARTERS: usize = 12;

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
    /// Quarters flagged as another regime and left out, with the moves that flagged them.
    pub excluded_quarters: Vec<Note>,
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

/// Quarterly averages of one series within `window`, in date order.
pub(crate) fn quarterly_averages(points: &[(Date, f64)], window: Window) -> Vec<(Date, f64)> {
    let mut sums: BTreeMap<Date, (f64, u32)> = BTreeMap::new();
    for &(d, v) in points {
        if window.from.is_some_and(|f| d < f) || window.to.is_some_and(|t| d > t) {
            continue;
        }
        let e = sums.entry(quarter_start(d)).or_insert((0.0, 0));
        e.0 += v;
        e.1 += 1;
    }
    sums.into_iter()
        .map(|(q, (s, n))| (q, s / f64::from(n)))
        .collect()
}

/// Whether `q1` is the quarter after `q0`.
pub(crate) fn consecutive_quarters(q0: Date, q1: Date) -> bool {
    next_quarter(q0) == q1
}

/// Quarterly changes of one series, keyed by the quarter the change ends in.
pub(crate) fn quarterly_changes(
    points: &[(Date, f64)],
    unit: ChangeUnit,
    window: Window,
) -> BTreeMap<Date, f64> {
    let averages = quarterly_averages(points, window);
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
    // Flag and exclude: a quarter where any variable moves by more than OUTLIER_SDS robust
    // standard deviations (MAD/0.6745 around the median) is another regime — 2020 Q2–Q3, when
    // temporary layoffs took unemployment from 3.8% to 13% and back — and is left out of every
    // pair, so one quarter cannot set the covariance.
    let mut excluded: BTreeMap<Date, Vec<Note>> = BTreeMap::new();
    for (variable, _, changes) in &candidates {
        let values: Vec<f64> = changes.values().copied().collect();
        let Some((median, sd)) = robust_scale(&values) else {
            continue;
        };
        for (q, v) in changes {
            if (v - median).abs() > OUTLIER_SDS * sd {
                let (name, sds) = (variable.name(), (v - median).abs() / sd);
                excluded.entry(*q).or_default().push(Note::new(
                    format!("{name} {v:+.2} ({sds:.0} robust s.d.)"),
                    format!("{name} {v:+.2}（{sds:.0}个稳健标准差）"),
                ));
            }
        }
    }
    for c in candidates.iter_mut() {
        c.2.retain(|q, _| !excluded.contains_key(q));
    }
    // Pairwise samples: each covariance on the quarters both variables have, so a series that
    // stops early (DRCLACBS ends in 2024 Q2) or starts late never truncates the others. A
    // variable overlapping no other on MIN_QUARTERS quarters is dropped.
    let overlap = |a: &BTreeMap<Date, f64>, b: &BTreeMap<Date, f64>| {
        a.keys().filter(|q| b.contains_key(q)).count()
    };
    loop {
        let lonely = (0..candidates.len()).find(|&i| {
            candidates[i].2.len() < MIN_QUARTERS
                || !(0..candidates.len())
                    .any(|j| j != i && overlap(&candidates[i].2, &candidates[j].2) >= MIN_QUARTERS)
        });
        let Some(i) = lonely else { break };
        let (variable, id, changes) = candidates.remove(i);
        dropped.push((
            variable,
            format!(
                "{id}: only {} quarterly changes, fewer than {MIN_QUARTERS} overlapping another series",
                changes.len()
            ),
        ));
    }
    if candidates.len() < 2 {
        return None;
    }
    let k = candidates.len();
    let mut raw = DMatrix::<f64>::zeros(k, k);
    for i in 0..k {
        for j in i..k {
            let common: Vec<Date> = candidates[i]
                .2
                .keys()
                .filter(|q| candidates[j].2.contains_key(q))
                .copied()
                .collect();
            let n = common.len();
            if n < MIN_QUARTERS {
                continue;
            }
            let mean =
                |c: &BTreeMap<Date, f64>| common.iter().map(|q| c[q]).sum::<f64>() / n as f64;
            let (mi, mj) = (mean(&candidates[i].2), mean(&candidates[j].2));
            let cov = common
                .iter()
                .map(|q| (candidates[i].2[q] - mi) * (candidates[j].2[q] - mj))
                .sum::<f64>()
                / (n as f64 - 1.0);
            raw[(i, j)] = cov;
            raw[(j, i)] = cov;
        }
    }
    // Pairwise covariances need not form a positive semi-definite matrix: clip negative
    // eigenvalues to zero (the nearest PSD matrix in the Frobenius norm).
    let eigen = raw.clone().symmetric_eigen();
    let clipped = eigen.eigenvalues.map(|l| l.max(0.0));
    let matrix =
        &eigen.eigenvectors * DMatrix::from_diagonal(&clipped) * eigen.eigenvectors.transpose();
    let matrix = (&matrix + matrix.transpose()) * 0.5;
    // The sample: quarters where at least two variables have a change.
    let mut counts: BTreeMap<Date, usize> = BTreeMap::new();
    for c in &candidates {
        for q in c.2.keys() {
            *counts.entry(*q).or_default() += 1;
        }
    }
    let sample: Vec<Date> = counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(q, _)| q)
        .collect();
    Some(Covariance {
        variables: candidates.iter().map(|c| c.0).collect(),
        series_ids: candidates.iter().map(|c| c.1.clone()).collect(),
        matrix,
        quarters: sample.len(),
        first_quarter: sample[0],
        last_quarter: sample[sample.len() - 1],
        dropped,
        excluded_quarters: excluded
            .into_iter()
            .map(|(q, why)| {
                let join = |text: fn(&Note) -> &str, sep| {
                    why.iter().map(text).collect::<Vec<_>>().join(sep)
                };
                Note::new(
                    format!("{q}: {}", join(|n| &n.en, ", ")),
                    format!("{q}：{}", join(|n| &n.zh, "，")),
                )
            })
            .collect(),
    })
}

/// Quarters where a variable moves by more than this many robust standard deviations are
/// excluded from the covariance.
pub const OUTLIER_SDS: f64 = 10.0;

/// Median and robust s.d. of `values`: MAD/0.6745 (the median of an even count is the mean of
/// the middle two), at least half the classical s.d. (`None`
/// when fewer than 3 or no spread).
pub(crate) fn robust_scale(values: &[f64]) -> Option<(f64, f64)> {
    if values.len() < 3 {
        return None;
    }
    let v = values;
    let median = crate::stats::quantile::median(v)?;
    let mad_sd = crate::stats::quantile::mad(v)? / crate::stats::quantile::MAD_NORMAL;
    // Half the classical s.d. as a lower bound: a series whose changes are mostly identical
    // (MAD ≈ 0, e.g. a rate that moves in steps) would otherwise flag ordinary moves.
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let classical =
        (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt();
    let sd = mad_sd.max(0.5 * classical);
    (sd > 0.0 && sd.is_finite()).then_some((median, sd))
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
    fn a_short_series_no_longer_cuts_the_others_sample() {
        // DGS10 and DRCLACBS have 60 quarters; UNRATE only the last 16. Pairwise samples:
        // the DGS10 variance uses all 59 changes, UNRATE's pairs its 15.
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
            vec![
                Variable::Ust10y,
                Variable::Unemployment,
                Variable::ConsumerDelinquency
            ]
        );
        assert_eq!(cov.quarters, 59);
        let x: Vec<f64> = wave(60, 3).windows(2).map(|w| w[1] - w[0]).collect();
        let mean = x.iter().sum::<f64>() / 59.0;
        let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 58.0;
        // Within the nearest-PSD repair of the pairwise matrix (eigenvalues clipped at 0).
        assert!(
            (cov.matrix[(0, 0)] - var).abs() < 1e-4 * var,
            "{} vs {var}",
            cov.matrix[(0, 0)]
        );
    }

    #[test]
    fn a_quarter_beyond_ten_robust_sds_is_flagged_and_left_out() {
        // Small alternating changes and one jump of +9 (like 2020 Q2 unemployment).
        let mut u: Vec<f64> = (0..120).map(|i| 4.0 + (i % 2) as f64 * 0.2).collect();
        u[100] += 9.0;
        let y: Vec<f64> = (0..120).map(|i| 3.0 + ((i * 3) % 4) as f64 * 0.1).collect();
        let mut data = Dataset::default();
        data.insert(quarterly("UNRATE", &u));
        data.insert(quarterly("DGS10", &y));
        let cov = estimate_covariance(&data, Window::default()).unwrap();
        // The jump's quarter and the fall back are both flagged.
        assert_eq!(
            cov.excluded_quarters.len(),
            2,
            "{:?}",
            cov.excluded_quarters
        );
        assert!(cov.excluded_quarters[0].en.contains("unemployment +8.80"));
        let u_position = cov.position(Variable::Unemployment).unwrap();
        assert!(cov.matrix[(u_position, u_position)] < 0.1);
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
