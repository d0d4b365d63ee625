//! `latest`: the last observation of a series on or before the as-of date, optionally scaled
//! (`params.scale`, e.g. 1e-12 for USD → USD trillions).
//!
//! - What: the current level of one indicator.
//! - Why: most seed claims are about a level ("the 10-year above 5%", "VIX at lows").
//! - How: the first series of `series` with a value on or before the as-of date; the history
//!   for the percentile is every observation of that series up to the same date.
//! - Limits: daily series are not averaged; a stale series (no recent observation) still
//!   answers with its last value, dated, so readers can see the staleness.

use super::first_available;
use crate::checks::{CheckDef, Computed};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let series = first_available(&def.series, data, as_of)?;
    let scale = def.param_f64("scale").unwrap_or(1.0);
    let history: Vec<(Date, f64)> = series
        .up_to(as_of)
        .iter()
        .map(|&(d, v)| (d, v * scale))
        .collect();
    let &(date, value) = history.last().ok_or("empty series")?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![series.meta.id.clone()],
    })
}
