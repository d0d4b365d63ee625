//! `change_over`: the change of a series over a look-back window, in its own units
//! (`params.months`, default 3, or `params.weeks` for weekly series; `params.mode =
//! "difference"` (default) or `"percent"`).
//!
//! - What: e.g. the 3-month change of the term premium in points, or the 13-week change of the
//!   Fed's balance sheet.
//! - Why: several seed claims are about direction and speed ("rising fast", "still shrinking").
//! - How: value_t − value at the base date t − months (or t − 7·weeks days), in difference or
//!   in percent (100·(value_t / base − 1)). The base is the last observation on or before that
//!   date, provided it is not older than the series' own spacing allows: half a period for
//!   monthly and slower series (so a skipped month is a gap, never a silent 4-month change),
//!   one period (at least five days, for weekends and holidays) for daily and weekly series.
//!   The history is the same change at every observation.
//!   `params.level_unit` names the unit of the level shown beside the change.
//! - Limits: a point-to-point change is sensitive to the two end points' noise.

use super::{first_available, typical_spacing_days};
use crate::checks::{CheckDef, Computed};
use crate::series::{Dataset, Date};

/// How far back the base of a change lies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lookback {
    Months(i64),
    Weeks(i64),
}

impl Lookback {
    fn base_date(self, d: Date) -> Option<Date> {
        match self {
            Lookback::Months(m) => d.checked_sub(jiff::Span::new().months(m)).ok(),
            Lookback::Weeks(w) => d.checked_sub(jiff::Span::new().days(7 * w)).ok(),
        }
    }

    fn describe(self) -> String {
        match self {
            Lookback::Months(m) => format!("{m} months"),
            Lookback::Weeks(w) => format!("{w} weeks"),
        }
    }
}

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let series = first_available(&def.series, data, as_of)?;
    let lookback = match def.param_f64("weeks") {
        Some(w) => Lookback::Weeks(w as i64),
        None => Lookback::Months(def.param_f64("months").unwrap_or(3.0) as i64),
    };
    let percent = def.param_str("mode") == Some("percent");
    let scale = def.param_f64("scale").unwrap_or(1.0);
    let points = series.up_to(as_of);
    let history = change_history(points, lookback, percent, scale);
    let &(date, value) = history.last().ok_or_else(|| {
        format!(
            "{} needs more than {} of history",
            series.meta.id,
            lookback.describe()
        )
    })?;
    let level = points.last().map_or(f64::NAN, |p| p.1);
    // The level in the series' own units (`params.level_unit`, e.g. "USD mn" for WALCL).
    let mut level_text = crate::checks::judge::format_number(level);
    if let Some(unit) = def.param_str("level_unit") {
        level_text = format!("{level_text} {unit}");
    }
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![(format!("{} level", series.meta.id), level_text)],
        sources: vec![series.meta.id.clone()],
    })
}

/// The change at every observation whose base (see the module doc) is stored.
pub fn change_history(
    points: &[(Date, f64)],
    lookback: Lookback,
    percent: bool,
    scale: f64,
) -> Vec<(Date, f64)> {
    let spacing = typical_spacing_days(points);
    let tolerance = if spacing >= 28 {
        spacing / 2
    } else {
        spacing.max(5)
    };
    let mut res = Vec::new();
    let mut j = 0;
    for i in 0..points.len() {
        let (d, v) = points[i];
        let Some(back) = lookback.base_date(d) else {
            continue;
        };
        while j + 1 < points.len() && points[j + 1].0 <= back {
            j += 1;
        }
        let (base_date, base) = points[j];
        if base_date > back || (back - base_date).get_days() >= tolerance as i32 {
            continue;
        }
        let change = if percent {
            if base == 0.0 {
                continue;
            }
            100.0 * (v / base - 1.0)
        } else {
            (v - base) * scale
        };
        res.push((d, change));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn monthly_difference_and_percent() {
        let pts: Vec<(Date, f64)> = (0..6)
            .map(|i| {
                (
                    date(2024, 1, 1) + jiff::Span::new().months(i),
                    100.0 + 10.0 * i as f64,
                )
            })
            .collect();
        let diff = change_history(&pts, Lookback::Months(3), false, 1.0);
        // April vs January: 130 − 100 = 30.
        assert_eq!(diff[0], (date(2024, 4, 1), 30.0));
        assert_eq!(diff.len(), 3);
        let pct = change_history(&pts, Lookback::Months(3), true, 1.0);
        // June vs March: 150/120 − 1 = 25%.
        assert!((pct[2].1 - 25.0).abs() < 1e-12);
    }

    #[test]
    fn daily_uses_last_observation_on_or_before() {
        // 2024-03-31 minus 1 month is 2024-02-29; the last point on or before it is 02-28.
        let pts = vec![
            (date(2024, 2, 28), 1.0),
            (date(2024, 3, 1), 2.0),
            (date(2024, 3, 31), 4.0),
        ];
        let diff = change_history(&pts, Lookback::Months(1), false, 1.0);
        assert_eq!(diff, vec![(date(2024, 3, 31), 3.0)]);
    }

    #[test]
    fn a_skipped_month_is_a_gap_not_a_longer_change() {
        // Monthly 2025-01..2025-12 with 2025-06 missing: the 3-month change at 2025-09 has no
        // base (2025-06) and is absent; at 2025-10 the base 2025-07 exists.
        let mut pts: Vec<(Date, f64)> = (0..12)
            .map(|i| (date(2025, 1, 1) + jiff::Span::new().months(i), i as f64))
            .collect();
        pts.remove(5);
        let diff = change_history(&pts, Lookback::Months(3), false, 1.0);
        assert!(diff.iter().all(|p| p.0 != date(2025, 9, 1)), "{diff:?}");
        assert_eq!(
            diff.iter().find(|p| p.0 == date(2025, 10, 1)).unwrap().1,
            3.0
        );
    }

    #[test]
    fn thirteen_weeks_are_ninety_one_days() {
        // Weekly Wednesday data (WALCL's day): 2026-08-19 − 13 weeks = 2026-05-20, not the
        // Wednesday before the date three months back (2026-05-13, fourteen weeks).
        let pts: Vec<(Date, f64)> = (0..20)
            .map(|i| (date(2026, 4, 15) + jiff::Span::new().days(7 * i), i as f64))
            .collect();
        let last = *pts.last().unwrap();
        assert_eq!(last.0, date(2026, 8, 26));
        let weeks = change_history(&pts, Lookback::Weeks(13), false, 1.0);
        assert_eq!(weeks.last().unwrap(), &(last.0, 13.0));
        let months = change_history(&pts, Lookback::Months(3), false, 1.0);
        assert_eq!(months.last().unwrap(), &(last.0, 14.0));
    }
}
