//! Sensitivities estimated on stored history, and what actually happened between two dates.
//!
//! What: OLS slopes of an asset's periodic log returns on the periodic changes of the model's
//! variables (S&P 500 log change, 10-year yield change, high-yield spread change), the fit
//! printed beside every use (sample, R², standard errors, residual s.d.).
//! Why: no sensitivity is typed in: gold, copper, oil, industries, factors and any stored
//! `series:ID` move in a scenario by what they did, on average, when those variables moved.
//! How: each series is sampled at its last observation of each calendar quarter (or month);
//! changes between consecutive periods where every series has a value; OLS with intercept;
//! the prediction uses the slopes only (the intercept is the historical drift, not a response
//! to the scenario, as in the stress model's zero-mean conditional expectations).
//! Limits: linear, full-sample averages; a crisis response can differ (the tests and the
//! report put history beside the model in replays).

use std::collections::BTreeMap;

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use crate::series::{Dataset, Date, Series};
use crate::vocab::{Lang, Note};

/// How observations are sampled before differencing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Monthly,
    Quarterly,
}

/// How a series changes from one period to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// 100 × ln(x₁/x₀) (prices, index levels).
    LogPercent,
    /// x₁ − x₀ (yields, spreads).
    Difference,
}

/// A regression of one series' changes on others'.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    pub target: String,
    pub regressors: Vec<String>,
    /// Slopes, one per regressor (the intercept is in `intercept`).
    pub betas: Vec<f64>,
    pub std_errors: Vec<f64>,
    pub intercept: f64,
    pub r2: f64,
    pub observations: usize,
    pub first: String,
    pub last: String,
    pub residual_sd: f64,
    pub frequency: Frequency,
}

impl Fit {
    /// Σ βᵢ·xᵢ (no intercept).
    pub fn predict(&self, x: &[f64]) -> f64 {
        self.betas.iter().zip(x).map(|(b, x)| b * x).sum()
    }

    /// One line in `lang`: `target on a, b: β (s.e.) …, R² …, n periods first – last`.
    pub fn describe(&self, lang: Lang) -> String {
        let terms: Vec<String> = self
            .regressors
            .iter()
            .zip(self.betas.iter().zip(&self.std_errors))
            .map(|(r, (b, s))| format!("{r} {b:+.4} ({s:.4})"))
            .collect();
        let (target, terms, r2, n) = (&self.target, terms.join(", "), self.r2, self.observations);
        let (first, last, sd) = (&self.first, &self.last, self.residual_sd);
        let (every_en, every_zh) = match self.frequency {
            Frequency::Monthly => ("monthly", "月度"),
            Frequency::Quarterly => ("quarterly", "季度"),
        };
        Note::new(
            format!(
                "{target} on {terms}; R² {r2:.3}; {n} {every_en} changes {first} – {last}; residual s.d. {sd:.3}"
            ),
            format!(
                "{target} 对 {terms}；R² {r2:.3}；{n} 个{every_zh}变化，{first} – {last}；残差标准差 {sd:.3}"
            ),
        )
        .text(lang)
        .to_string()
    }
}

fn period_key(date: Date, frequency: Frequency) -> (i16, i8) {
    match frequency {
        Frequency::Monthly => (date.year(), date.month()),
        Frequency::Quarterly => (date.year(), (date.month() - 1) / 3),
    }
}

/// The last value of each period.
pub fn sample(points: &[(Date, f64)], frequency: Frequency) -> BTreeMap<(i16, i8), f64> {
    let mut out = BTreeMap::new();
    for &(d, v) in points {
        out.insert(period_key(d, frequency), v);
    }
    out
}

fn change(kind: Change, x0: f64, x1: f64) -> Option<f64> {
    let c = match kind {
        Change::LogPercent if x0 > 0.0 && x1 > 0.0 => 100.0 * (x1 / x0).ln(),
        Change::LogPercent => return None,
        Change::Difference => x1 - x0,
    };
    c.is_finite().then_some(c)
}

fn label(key: (i16, i8), frequency: Frequency) -> String {
    match frequency {
        Frequency::Monthly => format!("{}-{:02}", key.0, key.1),
        Frequency::Quarterly => format!("{} Q{}", key.0, key.1 + 1),
    }
}

/// Regresses the changes of `target` on the changes of `regressors` over the periods where
/// all have a value in the period and the one before. `None` with fewer than
/// `regressors + 10` changes.
pub fn fit(
    target: (&str, &Series, Change),
    regressors: &[(&str, &Series, Change)],
    frequency: Frequency,
) -> Option<Fit> {
    let t = sample(&target.1.points, frequency);
    let rs: Vec<BTreeMap<(i16, i8), f64>> = regressors
        .iter()
        .map(|r| sample(&r.1.points, frequency))
        .collect();
    let keys: Vec<(i16, i8)> = t
        .keys()
        .copied()
        .filter(|k| rs.iter().all(|r| r.contains_key(k)))
        .collect();
    let mut rows: Vec<((i16, i8), f64, Vec<f64>)> = Vec::new();
    for pair in keys.windows(2) {
        let (k0, k1) = (pair[0], pair[1]);
        if !consecutive(k0, k1, frequency) {
            continue;
        }
        let Some(y) = change(target.2, t[&k0], t[&k1]) else {
            continue;
        };
        let xs: Option<Vec<f64>> = regressors
            .iter()
            .zip(&rs)
            .map(|(r, m)| change(r.2, m[&k0], m[&k1]))
            .collect();
        if let Some(xs) = xs {
            rows.push((k1, y, xs));
        }
    }
    let k = regressors.len();
    let n = rows.len();
    if n < k + 10 {
        return None;
    }
    let x = DMatrix::from_fn(n, k + 1, |i, j| if j == 0 { 1.0 } else { rows[i].2[j - 1] });
    let y = DVector::from_iterator(n, rows.iter().map(|r| r.1));
    let xtx = x.transpose() * &x;
    let inv = xtx.try_inverse()?;
    let beta = &inv * x.transpose() * &y;
    let resid = &y - &x * &beta;
    let sse = resid.dot(&resid);
    let mean = y.mean();
    let sst: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    let dof = (n - k - 1) as f64;
    let s2 = sse / dof;
    let r2 = if sst > 0.0 { 1.0 - sse / sst } else { 0.0 };
    Some(Fit {
        target: target.0.to_string(),
        regressors: regressors.iter().map(|r| r.0.to_string()).collect(),
        betas: (1..=k).map(|j| beta[j]).collect(),
        std_errors: (1..=k).map(|j| (s2 * inv[(j, j)]).sqrt()).collect(),
        intercept: beta[0],
        r2,
        observations: n,
        first: label(rows[0].0, frequency),
        last: label(rows[n - 1].0, frequency),
        residual_sd: s2.sqrt(),
        frequency,
    })
}

fn consecutive(a: (i16, i8), b: (i16, i8), frequency: Frequency) -> bool {
    let per_year = match frequency {
        Frequency::Monthly => 12,
        Frequency::Quarterly => 4,
    };
    let index = |k: (i16, i8)| k.0 as i32 * per_year + k.1 as i32;
    index(b) - index(a) == 1
}

/// A series of periodic percent returns (Ken French: `1.25` = +1.25% in the month dated by
/// its first day) compounded into an index dated at each month's last day, starting at 100
/// at the end of the month before the first return. `sum` adds several return series first
/// (e.g. market excess return + risk-free rate + SMB).
pub fn index_from_monthly_returns(id: &str, parts: &[&Series]) -> Option<Series> {
    let first = parts.first()?;
    let mut level = 100.0;
    let mut points = Vec::new();
    for &(d, r0) in &first.points {
        let mut r = r0;
        for other in &parts[1..] {
            r += other.points.iter().find(|p| p.0 == d)?.1;
        }
        if points.is_empty() {
            points.push((d.yesterday().ok()?, 100.0));
        }
        level *= 1.0 + r / 100.0;
        points.push((crate::series::month_end(d), level));
    }
    Some(Series::new(
        crate::series::SeriesMeta {
            id: id.to_string(),
            ..Default::default()
        },
        points,
    ))
}

/// What actually happened to a stored series between two dates: its last value on or before
/// each, the first within `max_gap_days` before the date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Realised {
    pub series: String,
    pub start_date: String,
    pub start_value: f64,
    pub end_date: String,
    pub end_value: f64,
}

/// The stored values bracketing `start` and `end` (each the last on or before the date and no
/// older than 92 days, the rule of the stress replays).
pub fn realised(series: &Series, start: Date, end: Date) -> Option<Realised> {
    let near = |d: Date| {
        let (date, v) = series.last_at(d)?;
        ((d - date).get_days() <= 92).then_some((date, v))
    };
    let (d0, v0) = near(start)?;
    let (d1, v1) = near(end)?;
    Some(Realised {
        series: series.meta.id.clone(),
        start_date: d0.to_string(),
        start_value: v0,
        end_date: d1.to_string(),
        end_value: v1,
    })
}

/// The first stored series among `ids`.
pub fn first_stored<'a>(data: &'a Dataset, ids: &[&str]) -> Option<&'a Series> {
    ids.iter()
        .find_map(|id| data.get(id).filter(|s| !s.points.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::SeriesMeta;
    use jiff::civil::date;

    fn series(id: &str, points: Vec<(Date, f64)>) -> Series {
        Series::new(
            SeriesMeta {
                id: id.into(),
                ..Default::default()
            },
            points,
        )
    }

    #[test]
    fn recovers_known_slopes_from_exact_data() {
        // y's quarterly log change = 1.5·x's log change − 2·z's difference + 0.3, exactly.
        let mut x = Vec::new();
        let mut z = Vec::new();
        let mut y = Vec::new();
        let (mut lx, mut lz, mut ly) = (100.0f64, 4.0f64, 50.0f64);
        for i in 0..40 {
            let d = date(2000 + i / 4, (i % 4) as i8 * 3 + 2, 15);
            let dx = ((i * 7) % 5) as f64 - 2.0;
            let dz = ((i * 3) % 4) as f64 * 0.1 - 0.15;
            lx *= (dx / 100.0).exp();
            lz += dz;
            ly *= ((1.5 * dx - 2.0 * dz + 0.3) / 100.0).exp();
            x.push((d, lx));
            z.push((d, lz));
            y.push((d, ly));
        }
        let (x, z, y) = (series("X", x), series("Z", z), series("Y", y));
        let f = fit(
            ("Y", &y, Change::LogPercent),
            &[("X", &x, Change::LogPercent), ("Z", &z, Change::Difference)],
            Frequency::Quarterly,
        )
        .unwrap();
        assert!((f.betas[0] - 1.5).abs() < 1e-9, "{f:?}");
        assert!((f.betas[1] + 2.0).abs() < 1e-9, "{f:?}");
        assert!((f.intercept - 0.3).abs() < 1e-9);
        assert!((f.r2 - 1.0).abs() < 1e-9);
        assert_eq!(f.observations, 39);
        assert!((f.predict(&[10.0, 1.0]) - 13.0).abs() < 1e-9);
    }

    #[test]
    fn monthly_returns_compound_into_an_index() {
        let r = series(
            "R",
            vec![(date(2020, 1, 1), 10.0), (date(2020, 2, 1), -50.0)],
        );
        let i = index_from_monthly_returns("I", &[&r]).unwrap();
        let dates: Vec<Date> = i.points.iter().map(|p| p.0).collect();
        assert_eq!(
            dates,
            vec![date(2019, 12, 31), date(2020, 1, 31), date(2020, 2, 29)]
        );
        for (got, want) in i.points.iter().map(|p| p.1).zip([100.0, 110.0, 55.0]) {
            assert!((got - want).abs() < 1e-9, "{got} vs {want}");
        }
    }

    #[test]
    fn realised_needs_a_value_near_each_date() {
        let s = series(
            "S",
            vec![(date(2007, 10, 9), 1565.15), (date(2009, 3, 9), 676.53)],
        );
        let r = realised(&s, date(2007, 10, 9), date(2009, 3, 9)).unwrap();
        assert_eq!((r.start_value, r.end_value), (1565.15, 676.53));
        assert!(realised(&s, date(2007, 10, 9), date(2010, 3, 9)).is_none());
    }
}
