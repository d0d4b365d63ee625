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
use crate::checks::{CheckDef, Computed, Missing};
use crate::series::{Dataset, Date};

/// `params` of `latest`: only `scale`.
pub use super::ScaleParams as Params;

pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let series = first_available(&def.series, data, as_of)?;
    let scale = p.scale;
    let history: Vec<(Date, f64)> = series
        .up_to(as_of)
        .iter()
        .map(|&(d, v)| (d, v * scale))
        .collect();
    let &(date, value) = history.last().ok_or(Missing::EmptySeries)?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![series.meta.id.clone()],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, def};
    use crate::checks::compute::run;
    use jiff::civil::date;

    #[test]
    fn the_freshest_copy_scaled_and_the_missing_named() {
        // Two copies of one series: the second is newer on 2026-03-31, the first on
        // 2026-01-31 (the second's 2026-03-01 lies after it).
        let d = def("latest", &["OLD", "NEW"], "{ scale = 100.0 }");
        let data = data(&[
            (
                "OLD",
                vec![(date(2025, 12, 1), 4.0), (date(2026, 1, 1), 4.36)],
            ),
            (
                "NEW",
                vec![(date(2025, 11, 1), 3.0), (date(2026, 3, 1), 5.0)],
            ),
        ]);
        let c = run(&d, &data, date(2026, 3, 31)).unwrap();
        // 5.0 × 100 = 500, from NEW.
        assert_eq!((c.value, c.date), (500.0, date(2026, 3, 1)));
        assert_eq!(c.sources, vec!["NEW".to_string()]);
        assert_eq!(
            c.history,
            vec![(date(2025, 11, 1), 300.0), (date(2026, 3, 1), 500.0)]
        );
        let c = run(&d, &data, date(2026, 1, 31)).unwrap();
        // 4.36 × 100 = 436 (the misspelled `sclae` of issue 15 printed 4.36).
        assert!((c.value - 436.0).abs() < 1e-9, "{}", c.value);
        let missing = run(&d, &data, date(2025, 10, 1)).unwrap_err();
        assert_eq!(
            missing.en(),
            "no stored observation on or before 2025-10-01 for OLD or NEW"
        );
    }
}
