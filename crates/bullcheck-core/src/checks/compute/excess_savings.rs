//! `excess_savings`: pandemic excess savings from the personal saving rate, as a share of one
//! year's disposable income.
//!
//! - What: `Σ_{s = start..t} (rate_s − base) / 12`, where `rate` is the monthly personal
//!   saving rate (FRED PSAVERT, % of disposable income) and `base` its mean over
//!   `params.base_start..=params.base_end` (default 2015-01 to 2019-12, the pre-pandemic
//!   trend); accumulation starts at `params.start` (default 2020-03). Units: % of a year's
//!   disposable income.
//! - Why: the seeds say the pandemic savings cushion is gone at the bottom. The San Francisco
//!   Fed's tracker measures the same thing in dollars: saving above the pre-2020 trend piles
//!   up, saving below it draws the pile down; when the running sum turns negative the
//!   aggregate cushion is spent.
//! - How: monthly rates in percent; each month adds one twelfth of its gap to the base.
//! - Limits: holds disposable income constant, so it is a proportional approximation of the
//!   dollar tracker (nominal income has grown since 2019, which gives later months more
//!   weight in dollars). Aggregate only: it cannot say who holds what is left. Saving
//!   rates are revised heavily with each annual NIPA update.

use super::first_available;
use crate::checks::{CheckDef, Computed};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let series = first_available(&def.series, data, as_of)?;
    let param_date = |key: &str, default: Date| -> Result<Date, String> {
        match def.param_str(key) {
            None => Ok(default),
            Some(text) => text
                .parse::<Date>()
                .map_err(|e| format!("check {}: params.{key}: {e}", def.id)),
        }
    };
    let base_start = param_date("base_start", jiff::civil::date(2015, 1, 1))?;
    let base_end = param_date("base_end", jiff::civil::date(2019, 12, 31))?;
    let start = param_date("start", jiff::civil::date(2020, 3, 1))?;
    let points = series.up_to(as_of);
    let (base, history) =
        excess_savings_history(points, base_start, base_end, start).ok_or_else(|| {
            format!(
                "{} has no observation between {base_start} and {base_end}",
                series.meta.id
            )
        })?;
    let &(date, value) = history
        .last()
        .ok_or_else(|| format!("{} has no observation from {start}", series.meta.id))?;
    let peak = history
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, |m, p| m.max(p.1));
    let fmt = crate::checks::judge::format_number;
    let mut details = vec![
        (
            "pre-pandemic saving rate (base)".to_string(),
            format!("{}% ({base_start} to {base_end})", fmt(base)),
        ),
        (
            "peak excess".to_string(),
            format!("{}% of a year's disposable income", fmt(peak)),
        ),
    ];
    if let Some(&(d, _)) = points.last() {
        details.push((
            format!("{} latest", series.meta.id),
            format!("{}% ({d})", fmt(points[points.len() - 1].1)),
        ));
    }
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details,
        sources: vec![series.meta.id.clone()],
    })
}

/// The base mean and the running excess (percent of a year's income) from `start` on.
pub fn excess_savings_history(
    points: &[(Date, f64)],
    base_start: Date,
    base_end: Date,
    start: Date,
) -> Option<(f64, Vec<(Date, f64)>)> {
    let base_points: Vec<f64> = points
        .iter()
        .filter(|p| p.0 >= base_start && p.0 <= base_end)
        .map(|p| p.1)
        .collect();
    if base_points.is_empty() {
        return None;
    }
    let base = base_points.iter().sum::<f64>() / base_points.len() as f64;
    let mut running = 0.0;
    let history = points
        .iter()
        .filter(|p| p.0 >= start)
        .map(|&(d, rate)| {
            running += (rate - base) / 12.0;
            (d, running)
        })
        .collect();
    Some((base, history))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn running_gap_to_the_base_by_hand() {
        // Base months 6% and 8% → 7%. Then 31%, 19%, 1%, 1%:
        // +24/12 = 2, +12/12 = 3, −6/12 = 2.5, −6/12 = 2.
        let pts = vec![
            (date(2019, 11, 1), 6.0),
            (date(2019, 12, 1), 8.0),
            (date(2020, 3, 1), 31.0),
            (date(2020, 4, 1), 19.0),
            (date(2020, 5, 1), 1.0),
            (date(2020, 6, 1), 1.0),
        ];
        let (base, h) =
            excess_savings_history(&pts, date(2019, 1, 1), date(2019, 12, 31), date(2020, 3, 1))
                .unwrap();
        assert_eq!(base, 7.0);
        let values: Vec<f64> = h.iter().map(|p| p.1).collect();
        assert_eq!(values, vec![2.0, 3.0, 2.5, 2.0]);
        assert!(
            excess_savings_history(&pts, date(2010, 1, 1), date(2010, 12, 31), date(2020, 3, 1))
                .is_none()
        );
    }
}
