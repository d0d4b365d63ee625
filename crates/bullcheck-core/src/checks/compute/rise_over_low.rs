//! `rise_over_low`: how far a series stands above its lowest value of the previous
//! `params.months` months (default 12), in the series' units.
//!
//! - What: e.g. the unemployment rate's rise from its 12-month low, in percentage points.
//! - Why: labour-market turns show up as rises from a recent low before levels look high.
//! - How: value_t − min of the values dated in the `months` calendar months before t (from
//!   t − months to t − 1 month): a month the publisher skipped (UNRATE, October 2025) leaves
//!   the window at twelve calendar months instead of reaching back a thirteenth.
//! - Limits: one month's noise (±0.1-0.2 pp for UNRATE) moves it; the Sahm rule smooths it.

use super::first_available;
use crate::checks::{CheckDef, Computed, Detail, Missing, Need};
use crate::series::{Dataset, Date};

/// `params` of `rise_over_low`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The look-back window in calendar months (default 12): a whole number ≥ 1.
    #[serde(deserialize_with = "super::count")]
    pub months: u32,
}

impl Default for Params {
    fn default() -> Params {
        Params { months: 12 }
    }
}

impl super::Params for Params {}

pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let series = first_available(&def.series, data, as_of)?;
    let points = series.up_to(as_of);
    let history = rise_over_low_history(points, i64::from(p.months));
    let &(date, value) = history.last().ok_or_else(|| Missing::TooShort {
        id: series.meta.id.clone(),
        need: Need::MoreMonths(p.months),
    })?;
    let level = points.last().map(|p| p.1).unwrap_or(f64::NAN);
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![Detail::figure(
            format!("{} level", series.meta.id),
            format!("{} 水平", series.meta.id),
            format!("{level:.2}"),
        )],
        sources: vec![series.meta.id.clone()],
    })
}

/// value_t − min(values dated in [t − months, t)) at every point whose window lies within the
/// series (the first point is at least `months` months before t).
pub fn rise_over_low_history(points: &[(Date, f64)], months: i64) -> Vec<(Date, f64)> {
    let Some(&(first, _)) = points.first() else {
        return Vec::new();
    };
    let mut res = Vec::new();
    for (i, &(d, v)) in points.iter().enumerate() {
        let Ok(start) = d.checked_sub(jiff::Span::new().months(months)) else {
            continue;
        };
        if start < first {
            continue;
        }
        let from = points.partition_point(|p| p.0 < start);
        let low = points[from..i]
            .iter()
            .map(|p| p.1)
            .fold(f64::INFINITY, f64::min);
        if low.is_finite() {
            res.push((d, v - low));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_window_is_calendar_months_not_rows() {
        // Monthly values 2024-01..2025-03 with 2024-10 missing; the low 3.0 sits in 2024-02.
        let mut pts: Vec<(Date, f64)> = (0..15)
            .map(|i| (date(2024, 1, 1) + jiff::Span::new().months(i), 4.0))
            .collect();
        pts[1].1 = 3.0;
        pts.remove(9);
        let h = rise_over_low_history(&pts, 12);
        // 2025-01: window 2024-01..2024-12 contains the 3.0 → 1.0.
        assert_eq!(h.iter().find(|p| p.0 == date(2025, 1, 1)).unwrap().1, 1.0);
        // 2025-03: window 2024-03..2025-02 — twelve calendar months, not twelve rows (which
        // would reach back to 2024-02 because of the gap): no 3.0 → 0.0.
        assert_eq!(h.last().unwrap(), &(date(2025, 3, 1), 0.0));
        // The first value needs a full year before it.
        assert_eq!(h[0].0, date(2025, 1, 1));
    }
}
