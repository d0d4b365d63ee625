//! Point-in-time views of series that carry ALFRED vintages, for the month-end loop.
//!
//! The rule is the store's (`Store::load_dataset_as_of`): for each observation date, keep the
//! value of the latest vintage whose `realtime_start` is on or before the as-of date, where a
//! value without a vintage counts as known from the start; drop the date when that value is
//! missing. Doing it in memory from one read of the vintaged rows avoids one full store query
//! per month.

use crate::series::{Date, Observation};

/// The series as it was known on `as_of`: `(date, value)` sorted by date.
pub fn as_known(observations: &[Observation], as_of: Date) -> Vec<(Date, f64)> {
    let mut sorted: Vec<&Observation> = observations
        .iter()
        .filter(|o| o.realtime_start.is_none_or(|rt| rt <= as_of))
        .collect();
    // By date, then by vintage with "no vintage" first, so the last row of each date wins.
    sorted.sort_by_key(|o| (o.date, o.realtime_start));
    let mut points: Vec<(Date, Option<f64>)> = Vec::new();
    for o in sorted {
        match points.last_mut() {
            Some(last) if last.0 == o.date => last.1 = o.value,
            _ => points.push((o.date, o.value)),
        }
    }
    points
        .into_iter()
        .filter_map(|(d, v)| Some((d, v?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn vintage(d: Date, value: Option<f64>, realtime_start: Option<Date>) -> Observation {
        Observation {
            date: d,
            value,
            realtime_start,
        }
    }

    /// The store's own test case (store.rs, vintages_give_latest_values_and_point_in_time_values):
    /// Q1 GDP published 100 on 2024-04-25, revised to 101 on 2024-05-30; Q2 published
    /// 2024-07-25.
    #[test]
    fn values_are_the_ones_published_by_the_as_of_date() {
        let rows = [
            vintage(date(2024, 1, 1), Some(100.0), Some(date(2024, 4, 25))),
            vintage(date(2024, 1, 1), Some(101.0), Some(date(2024, 5, 30))),
            vintage(date(2024, 4, 1), Some(102.0), Some(date(2024, 7, 25))),
        ];
        assert_eq!(as_known(&rows, date(2024, 3, 31)), vec![]);
        assert_eq!(
            as_known(&rows, date(2024, 5, 1)),
            vec![(date(2024, 1, 1), 100.0)]
        );
        assert_eq!(
            as_known(&rows, date(2024, 12, 31)),
            vec![(date(2024, 1, 1), 101.0), (date(2024, 4, 1), 102.0)]
        );
    }

    #[test]
    fn unvintaged_values_always_count_and_missing_latest_values_drop_the_date() {
        let rows = [
            vintage(date(2020, 1, 1), Some(5.0), None),
            vintage(date(2020, 1, 1), None, Some(date(2020, 6, 1))),
            vintage(date(2020, 2, 1), Some(6.0), None),
        ];
        assert_eq!(
            as_known(&rows, date(2020, 5, 31)),
            vec![(date(2020, 1, 1), 5.0), (date(2020, 2, 1), 6.0)]
        );
        assert_eq!(
            as_known(&rows, date(2020, 6, 30)),
            vec![(date(2020, 2, 1), 6.0)]
        );
    }
}
