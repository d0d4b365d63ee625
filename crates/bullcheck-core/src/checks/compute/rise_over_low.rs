//! `rise_over_low`: how far a series stands above its lowest value of the previous
//! `params.months` months (default 12), in the series' units.
//!
//! - What: e.g. the unemployment rate's rise from its 12-month low, in percentage points.
//! - Why: labour-market turns show up as rises from a recent low before levels look high.
//! - How: value_t − min(value_{t−months..t−1}) on the series' own (monthly) observations.
//! - Limits: one month's noise (±0.1-0.2 pp for UNRATE) moves it; the Sahm rule smooths it.

use super::first_available;
use crate::checks::{CheckDef, Computed};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let series = first_available(&def.series, data, as_of)?;
    let months = def.param_f64("months").unwrap_or(12.0) as usize;
    let points = series.up_to(as_of);
    let history: Vec<(Date, f64)> = (months..points.len())
        .map(|i| {
            let low = points[i - months..i]
                .iter()
                .map(|p| p.1)
                .fold(f64::INFINITY, f64::min);
            (points[i].0, points[i].1 - low)
        })
        .collect();
    let &(date, value) = history
        .last()
        .ok_or_else(|| format!("{} needs more than {months} observations", series.meta.id))?;
    let level = points.last().map(|p| p.1).unwrap_or(f64::NAN);
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![(format!("{} level", series.meta.id), format!("{level:.2}"))],
        sources: vec![series.meta.id.clone()],
    })
}
