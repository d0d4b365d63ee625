//! The shared vocabulary of time series: what a parser produces, what the store keeps and
//! what checks read. Pure data, no I/O.

use std::collections::BTreeMap;

/// A calendar date (no time zone). Every observation in bullcheck is dated by one.
pub type Date = jiff::civil::Date;

/// One observation as a source gives it. `value` is `None` where the source marks the value
/// as missing (`.`, empty, `NA`, `null`, `-99.99`): a missing value is kept as missing and
/// never filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub date: Date,
    pub value: Option<f64>,
    /// ALFRED/FRED API `realtime_start`: the first day this value was the published one.
    /// `None` when the source gives no vintage (a plain download).
    pub realtime_start: Option<Date>,
}

impl Observation {
    pub fn new(date: Date, value: Option<f64>) -> Self {
        Observation {
            date,
            value,
            realtime_start: None,
        }
    }
}

/// Descriptive metadata of a series. Empty strings mean "the source did not say".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeriesMeta {
    /// The series id, e.g. `DGS10`, `ACMTP10`, `NYFED_RECPROB`.
    pub id: String,
    /// Publisher, e.g. `FRED`, `NY Fed`, `US Treasury Fiscal Data`.
    pub source: String,
    pub title: String,
    pub units: String,
    /// `D`, `W`, `M`, `Q`, `A` (or empty when unknown).
    pub frequency: String,
    pub seasonal_adjustment: String,
    pub notes: String,
}

/// What a parser returns for one series of a file: its metadata and every row it read.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSeries {
    pub meta: SeriesMeta,
    pub observations: Vec<Observation>,
}

/// A series ready for computation: non-missing values sorted by date (one value per date,
/// the latest vintage).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    pub meta: SeriesMeta,
    pub points: Vec<(Date, f64)>,
}

impl Series {
    pub fn new(meta: SeriesMeta, mut points: Vec<(Date, f64)>) -> Self {
        points.sort_by_key(|p| p.0);
        points.dedup_by_key(|p| p.0);
        Series { meta, points }
    }

    /// The points dated on or before `as_of`.
    pub fn up_to(&self, as_of: Date) -> &[(Date, f64)] {
        let n = self.points.partition_point(|p| p.0 <= as_of);
        &self.points[..n]
    }

    /// The last point dated on or before `as_of`.
    pub fn last_at(&self, as_of: Date) -> Option<(Date, f64)> {
        self.up_to(as_of).last().copied()
    }

    pub fn first(&self) -> Option<(Date, f64)> {
        self.points.first().copied()
    }

    pub fn last(&self) -> Option<(Date, f64)> {
        self.points.last().copied()
    }
}

/// Every stored series a computation may read, by id.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub series: BTreeMap<String, Series>,
}

impl Dataset {
    pub fn get(&self, id: &str) -> Option<&Series> {
        self.series.get(id)
    }

    pub fn insert(&mut self, series: Series) {
        self.series.insert(series.meta.id.clone(), series);
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

/// A calendar month as an integer, `year * 12 + month - 1`: month arithmetic without
/// counting stored rows (a skipped month stays a gap).
pub fn month_index(date: Date) -> i32 {
    i32::from(date.year()) * 12 + i32::from(date.month()) - 1
}

/// The first day of the month `index` (the inverse of [`month_index`] for first-of-month
/// dates). Indexes come from valid dates, so the year stays within jiff's range.
pub fn month_start_of(index: i32) -> Date {
    let year = index.div_euclid(12);
    let month = index.rem_euclid(12) + 1;
    jiff::civil::date(year as i16, month as i8, 1)
}

/// The last day of the month `index` (see [`month_index`]).
pub fn month_end_of(index: i32) -> Date {
    month_start_of(index).last_of_month()
}

/// The last point of each calendar month.
pub fn month_ends(points: &[(Date, f64)]) -> Vec<(Date, f64)> {
    let mut res: Vec<(Date, f64)> = Vec::new();
    for &(d, v) in points {
        match res.last_mut() {
            Some(last) if last.0.year() == d.year() && last.0.month() == d.month() => {
                *last = (d, v)
            }
            _ => res.push((d, v)),
        }
    }
    res
}

/// The last day of the month of `date`.
pub fn month_end(date: Date) -> Date {
    date.last_of_month()
}

/// Averages daily (or any higher-frequency) points by calendar month, dating each average at
/// the first of its month. Months with no value are absent.
pub fn monthly_average(points: &[(Date, f64)]) -> Vec<(Date, f64)> {
    let mut res: Vec<(Date, f64)> = Vec::new();
    let mut acc: Option<(Date, f64, u32)> = None;
    for &(d, v) in points {
        let m = d.first_of_month();
        match &mut acc {
            Some((am, sum, n)) if *am == m => {
                *sum += v;
                *n += 1;
            }
            _ => {
                if let Some((am, sum, n)) = acc.take() {
                    res.push((am, sum / f64::from(n)));
                }
                acc = Some((m, v, 1));
            }
        }
    }
    if let Some((am, sum, n)) = acc {
        res.push((am, sum / f64::from(n)));
    }
    res
}

/// At most `max` of `points` (sorted by date) for a chart, by Largest-Triangle-Three-Buckets
/// (Steinarsson 2013, "Downsampling time series for visual representation", §4.2): the first
/// and last points are kept; the others are cut into `max − 2` runs of consecutive points and
/// each run keeps the point forming the largest triangle with the point kept before it and
/// the average of the next run (x in days). Every point returned is an observation, so peaks
/// and troughs survive and nothing is interpolated. `points` as they are when `max` is at
/// least their number; the first and last point when `max` is 2 (the first alone below).
pub fn downsample_lttb(points: &[(Date, f64)], max: usize) -> Vec<(Date, f64)> {
    let n = points.len();
    if max >= n {
        return points.to_vec();
    }
    if max <= 2 {
        return [points.first(), points.last()]
            .into_iter()
            .flatten()
            .copied()
            .take(max.max(1).min(n))
            .collect();
    }
    let Some(&(origin, _)) = points.first() else {
        return Vec::new();
    };
    let x = |i: usize| f64::from((points[i].0 - origin).get_days());
    let every = (n - 2) as f64 / (max - 2) as f64;
    let mut kept = Vec::with_capacity(max);
    kept.push(points[0]);
    let mut a = 0;
    for bucket in 0..max - 2 {
        let next_start = ((bucket + 1) as f64 * every) as usize + 1;
        let next_end = (((bucket + 2) as f64 * every) as usize + 1).min(n);
        let span = (next_end - next_start).max(1) as f64;
        let (avg_x, avg_y) =
            (next_start..next_end).fold((0.0, 0.0), |(sx, sy), i| (sx + x(i), sy + points[i].1));
        let (avg_x, avg_y) = (avg_x / span, avg_y / span);
        let start = (bucket as f64 * every) as usize + 1;
        let end = next_start.min(n - 1);
        let (ax, ay) = (x(a), points[a].1);
        let mut best = (start, f64::NEG_INFINITY);
        for (i, point) in points.iter().enumerate().take(end).skip(start) {
            let area = ((ax - avg_x) * (point.1 - ay) - (ax - x(i)) * (avg_y - ay)).abs();
            if area > best.1 {
                best = (i, area);
            }
        }
        kept.push(points[best.0]);
        a = best.0;
    }
    kept.push(points[n - 1]);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn monthly_average_groups_by_month() {
        let pts = vec![
            (date(2024, 1, 2), 1.0),
            (date(2024, 1, 31), 3.0),
            (date(2024, 2, 1), 5.0),
        ];
        assert_eq!(
            monthly_average(&pts),
            vec![(date(2024, 1, 1), 2.0), (date(2024, 2, 1), 5.0)]
        );
    }

    #[test]
    fn up_to_is_inclusive() {
        let s = Series::new(
            SeriesMeta::default(),
            vec![(date(2024, 1, 1), 1.0), (date(2024, 2, 1), 2.0)],
        );
        assert_eq!(s.last_at(date(2024, 2, 1)), Some((date(2024, 2, 1), 2.0)));
        assert_eq!(s.last_at(date(2024, 1, 31)), Some((date(2024, 1, 1), 1.0)));
        assert_eq!(s.last_at(date(2023, 12, 31)), None);
    }

    /// Oracle by hand: six daily points with a spike at the third; with three points kept
    /// the middle run (points 1-4) keeps the one forming the largest triangle with the first
    /// point and the average of the last run (the last point): the spike, area 5·10.
    #[test]
    fn lttb_keeps_the_spike_the_first_and_the_last() {
        let d = |i: i8| jiff::civil::date(2024, 1, 1 + i);
        let points: Vec<(Date, f64)> = [0.0, 1.0, 10.0, 1.0, 0.0, 0.0]
            .iter()
            .enumerate()
            .map(|(i, &v)| (d(i as i8), v))
            .collect();
        assert_eq!(
            downsample_lttb(&points, 3),
            vec![points[0], points[2], points[5]]
        );
        assert_eq!(downsample_lttb(&points, 6), points);
        assert_eq!(downsample_lttb(&points, 60), points);
        assert_eq!(downsample_lttb(&points, 2), vec![points[0], points[5]]);
        assert_eq!(downsample_lttb(&points, 1), vec![points[0]]);
        assert!(downsample_lttb(&[], 3).is_empty());
    }

    /// On generated series of every length, the result has exactly `max` points (or all of
    /// them), each an observation, in date order, with the first and last kept.
    #[test]
    fn lttb_returns_max_observations_in_order() {
        let start = jiff::civil::date(2000, 1, 1);
        for n in [3usize, 4, 7, 50, 333, 1000] {
            let points: Vec<(Date, f64)> = (0..n)
                .map(|i| {
                    let date = start
                        .checked_add(jiff::Span::new().days(i as i64 * 3))
                        .unwrap();
                    (date, ((i * 7919) % 101) as f64 - 50.0)
                })
                .collect();
            for max in [3usize, 4, 10, 99, 500] {
                let kept = downsample_lttb(&points, max);
                assert_eq!(kept.len(), max.min(n), "n {n} max {max}");
                assert_eq!(kept.first(), points.first());
                assert_eq!(kept.last(), points.last());
                assert!(kept.windows(2).all(|w| w[0].0 < w[1].0), "n {n} max {max}");
                assert!(kept.iter().all(|p| points.contains(p)));
            }
        }
    }
}
