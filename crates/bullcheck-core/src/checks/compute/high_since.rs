//! `high_since`: how many years it has been since a series was last at or above today's level
//! ("the highest since 2012").
//!
//! - What: at date t, `t − s` in years, where s is the last earlier observation with a value
//!   at least the value at t. When no earlier observation is that high, the value is the
//!   length of the whole record (a record high in the sample), said so in the details.
//! - Why: several seed claims are of the form "highest in over a decade"; this decides them
//!   from the data instead of by eye.
//! - How: a monotone stack gives the previous greater-or-equal observation for every point in
//!   one pass (O(n)); years = days / 365.25. The details give the level and the date it was
//!   last matched.
//! - Limits: sensitive to small revisions when the level is close to an old peak; the answer
//!   depends on where the stored history starts.

use super::first_available;
use crate::checks::judge::format_number;
use crate::checks::{CheckDef, Computed, Detail, Missing, Note};
use crate::series::{Dataset, Date};

pub type Params = super::NoParams;

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let series = first_available(&def.series, data, as_of)?;
    let points = series.up_to(as_of);
    let history = high_since_history(points);
    let &(date, value) = history.last().ok_or(Missing::EmptySeries)?;
    let level = points[points.len() - 1].1;
    let previous = previous_at_least(points)
        .last()
        .copied()
        .flatten()
        .map(|i| points[i]);
    let last_matched = match previous {
        Some((d, v)) => Note::same(format!("{d} ({})", format_number(v))),
        None => Note::new(
            format!("never since the series starts ({})", points[0].0),
            format!("自序列开始（{}）以来从未达到", points[0].0),
        ),
    };
    let id = &series.meta.id;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![
            Detail::figure(
                format!("{id} level"),
                format!("{id} 水平"),
                format_number(level),
            ),
            Detail::new(
                Note::new("last at or above this level", "上次达到或高于此水平"),
                last_matched,
            ),
        ],
        sources: vec![series.meta.id.clone()],
    })
}

/// For each point, the index of the last earlier point with a value at least as high.
fn previous_at_least(points: &[(Date, f64)]) -> Vec<Option<usize>> {
    let mut stack: Vec<usize> = Vec::new();
    let mut res = Vec::with_capacity(points.len());
    for (i, &(_, v)) in points.iter().enumerate() {
        while stack.last().is_some_and(|&k| points[k].1 < v) {
            stack.pop();
        }
        res.push(stack.last().copied());
        stack.push(i);
    }
    res
}

/// Years since the series was last at or above each point's value.
pub fn high_since_history(points: &[(Date, f64)]) -> Vec<(Date, f64)> {
    let years = |from: Date, to: Date| (to - from).get_days() as f64 / 365.25;
    previous_at_least(points)
        .into_iter()
        .zip(points)
        .map(|(prev, &(d, _))| {
            let since = prev.map_or(points[0].0, |k| points[k].0);
            (d, years(since, d))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn years_since_last_as_high() {
        let pts = vec![
            (date(2000, 1, 1), 5.0),
            (date(2004, 1, 1), 3.0),
            (date(2008, 1, 1), 4.0),
            (date(2012, 1, 1), 2.0),
            (date(2016, 1, 1), 4.0),
            (date(2020, 1, 1), 6.0),
        ];
        let h = high_since_history(&pts);
        let years: Vec<i64> = h.iter().map(|p| p.1.round() as i64).collect();
        // 2004's 3 was last matched in 2000 (4 y); 2008's 4 in 2000 (8 y); 2012's 2 in 2008;
        // 2016's 4 ties 2008 (8 y); 2020's 6 is a record: 20 years since the series starts.
        assert_eq!(years, vec![0, 4, 8, 4, 8, 20]);
    }
}
