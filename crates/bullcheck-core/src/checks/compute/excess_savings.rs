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
use crate::checks::{CheckDef, Computed, Detail, Missing, Note};
use crate::series::{Dataset, Date};

/// `params` of `excess_savings` (dates `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// First day of the base period (default 2015-01-01).
    #[serde(deserialize_with = "super::date")]
    pub base_start: Date,
    /// Last day of the base period (default 2019-12-31): not before `base_start`.
    #[serde(deserialize_with = "super::date")]
    pub base_end: Date,
    /// First month of the accumulation (default 2020-03-01).
    #[serde(deserialize_with = "super::date")]
    pub start: Date,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            base_start: jiff::civil::date(2015, 1, 1),
            base_end: jiff::civil::date(2019, 12, 31),
            start: jiff::civil::date(2020, 3, 1),
        }
    }
}

impl super::Params for Params {
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.base_end < self.base_start {
            return Err((
                "base_end",
                format!(
                    "is {}: before base_start {}",
                    self.base_end, self.base_start
                ),
            ));
        }
        Ok(())
    }
}

pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let series = first_available(&def.series, data, as_of)?;
    let (base_start, base_end, start) = (p.base_start, p.base_end, p.start);
    let id = &series.meta.id;
    let points = series.up_to(as_of);
    let (base, history) =
        excess_savings_history(points, base_start, base_end, start).ok_or_else(|| {
            Missing::NoValue(Note::new(
                format!("{id} has no observation between {base_start} and {base_end}"),
                format!("{id}在{base_start}至{base_end}之间没有观测值"),
            ))
        })?;
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            format!("{id} has no observation from {start}"),
            format!("{id}自{start}起没有观测值"),
        ))
    })?;
    let peak = history
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, |m, p| m.max(p.1));
    let fmt = crate::checks::judge::format_number;
    let mut details = vec![
        Detail::new(
            Note::new("pre-pandemic saving rate (base)", "疫情前储蓄率（基准）"),
            Note::new(
                format!("{}% ({base_start} to {base_end})", fmt(base)),
                format!("{}%（{base_start}至{base_end}）", fmt(base)),
            ),
        ),
        Detail::new(
            Note::new("peak excess", "超额储蓄峰值"),
            Note::new(
                format!("{}% of a year's disposable income", fmt(peak)),
                format!("{}%（占一年可支配收入）", fmt(peak)),
            ),
        ),
    ];
    if let Some(&(d, v)) = points.last() {
        details.push(Detail::new(
            Note::new(format!("{id} latest"), format!("{id} 最新值")),
            Note::same(format!("{}% ({d})", fmt(v))),
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
