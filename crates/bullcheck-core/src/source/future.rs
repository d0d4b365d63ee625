//! Rows of observed data dated after the file was retrieved.
//!
//! - What: a file of observations (FRED, Treasury, a carrier's re-shape…) cannot know a value
//!   for a date after the moment it was fetched. A row dated later is a placeholder or a
//!   carrier's error: a copy of the Monthly Treasury Statement once held rows for October 2025
//!   to September 2026 that repeated fiscal year 2025 to the cent, the last dated after the
//!   file's own update time (`docs/data.md`).
//! - How: every observation dated after the cutoff (the retrieval date; today for a local
//!   file) is removed before storing, and the caller warns naming the series and the dates.
//! - Exempt: files whose rows are projections by design: DFAST scenario tables (quarters up to
//!   three years ahead) and the NY Fed's recession probability (`NYFED_RECPROB` is dated at its
//!   target month, twelve months after the spread it comes from).

use super::{Kind, Parsed};
use crate::series::Date;

/// Series whose rows are dated at the month they forecast.
const FORECAST_SERIES: &[&str] = &["NYFED_RECPROB"];

/// Future-dated rows removed from one series.
#[derive(Debug, Clone, PartialEq)]
pub struct FutureRows {
    pub series: String,
    pub count: usize,
    pub first: Date,
    pub last: Date,
}

impl std::fmt::Display for FutureRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.count == 1 {
            write!(f, "{}: 1 row dated {}", self.series, self.first)
        } else {
            write!(
                f,
                "{}: {} rows dated {} to {}",
                self.series, self.count, self.first, self.last
            )
        }
    }
}

/// Removes the observations dated after `cutoff` from every series of observed data in
/// `parsed` and says what was removed (nothing for exempt kinds and series).
pub fn drop_future_rows(parsed: &mut Parsed, cutoff: Date) -> Vec<FutureRows> {
    if parsed.kind == Kind::Dfast {
        return Vec::new();
    }
    let mut dropped = Vec::new();
    for series in &mut parsed.series {
        if FORECAST_SERIES.contains(&series.meta.id.as_str()) {
            continue;
        }
        let future: Vec<Date> = series
            .observations
            .iter()
            .filter(|o| o.date > cutoff)
            .map(|o| o.date)
            .collect();
        let (Some(&first), Some(&last)) = (future.iter().min(), future.iter().max()) else {
            continue;
        };
        series.observations.retain(|o| o.date <= cutoff);
        dropped.push(FutureRows {
            series: series.meta.id.clone(),
            count: future.len(),
            first,
            last,
        });
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Observation, ParsedSeries, SeriesMeta};
    use jiff::civil::date;

    fn parsed(kind: Kind, id: &str, dates: &[Date]) -> Parsed {
        Parsed {
            kind,
            series: vec![ParsedSeries {
                meta: SeriesMeta {
                    id: id.to_string(),
                    ..SeriesMeta::default()
                },
                observations: dates
                    .iter()
                    .map(|&d| Observation::new(d, Some(1.0)))
                    .collect(),
            }],
            companies: Vec::new(),
        }
    }

    #[test]
    fn rows_after_the_cutoff_are_removed_and_named() {
        let dates = [
            date(2025, 8, 1),
            date(2025, 9, 1),
            date(2025, 10, 1),
            date(2026, 9, 1),
        ];
        let mut p = parsed(Kind::JsonRecords, "MTS_DEFICIT_MONTHLY", &dates);
        let dropped = drop_future_rows(&mut p, date(2025, 9, 30));
        assert_eq!(p.series[0].observations.len(), 2);
        assert_eq!(
            dropped[0].to_string(),
            "MTS_DEFICIT_MONTHLY: 2 rows dated 2025-10-01 to 2026-09-01"
        );
        // A row dated on the cutoff is kept.
        let mut p = parsed(Kind::FredCsv, "DGS10", &[date(2026, 12, 2)]);
        assert!(drop_future_rows(&mut p, date(2026, 12, 2)).is_empty());
    }

    #[test]
    fn scenarios_and_forecasts_are_exempt() {
        let future = [date(2028, 1, 1)];
        let mut p = parsed(Kind::Dfast, "DFAST_2025_SA_UNRATE", &future);
        assert!(drop_future_rows(&mut p, date(2026, 12, 2)).is_empty());
        let mut p = parsed(Kind::NyfedRecession, "NYFED_RECPROB", &future);
        assert!(drop_future_rows(&mut p, date(2026, 12, 2)).is_empty());
        assert_eq!(p.series[0].observations.len(), 1);
    }
}
