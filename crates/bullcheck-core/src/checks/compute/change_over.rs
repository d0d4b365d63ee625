//! `change_over`: the change of a series over a look-back window, in its own units
//! (`params.months`, default 3; `params.mode = "difference"` (default) or `"percent"`).
//!
//! - What: e.g. the 3-month change of the term premium in points, or the 13-week change of the
//!   Fed's balance sheet in percent.
//! - Why: several seed claims are about direction and speed ("rising fast", "still shrinking").
//! - How: value_t − value at the last observation on or before t − months (difference), or
//!   100·(value_t / that − 1) (percent). The history is the same change at every observation.
//! - Limits: a point-to-point change is sensitive to the two end points' noise.

use super::first_available;
use crate::checks::{CheckDef, Computed};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let series = first_available(&def.series, data, as_of)?;
    let months = def.param_f64("months").unwrap_or(3.0) as i64;
    let percent = def.param_str("mode") == Some("percent");
    let scale = def.param_f64("scale").unwrap_or(1.0);
    let points = series.up_to(as_of);
    let history = change_history(points, months, percent, scale);
    let &(date, value) = history.last().ok_or_else(|| {
        format!(
            "{} needs more than {months} months of history",
            series.meta.id
        )
    })?;
    // The level is shown in the series' own units; `scale` applies to the change only.
    let level = points.last().map_or(f64::NAN, |p| p.1);
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![(
            format!("{} level", series.meta.id),
            crate::checks::judge::format_number(level),
        )],
        sources: vec![series.meta.id.clone()],
    })
}

/// The change at every observation that has one `months` months earlier.
pub fn change_history(
    points: &[(Date, f64)],
    months: i64,
    percent: bool,
    scale: f64,
) -> Vec<(Date, f64)> {
    let mut res = Vec::new();
    let mut j = 0;
    for i in 0..points.len() {
        let (d, v) = points[i];
        let Ok(back) = d.checked_sub(jiff::Span::new().months(months)) else {
            continue;
        };
        while j + 1 < points.len() && points[j + 1].0 <= back {
            j += 1;
        }
        if points[j].0 > back {
            continue;
        }
        let base = points[j].1;
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
        let diff = change_history(&pts, 3, false, 1.0);
        // April vs January: 130 − 100 = 30.
        assert_eq!(diff[0], (date(2024, 4, 1), 30.0));
        assert_eq!(diff.len(), 3);
        let pct = change_history(&pts, 3, true, 1.0);
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
        let diff = change_history(&pts, 1, false, 1.0);
        assert_eq!(diff, vec![(date(2024, 3, 31), 3.0)]);
    }
}
