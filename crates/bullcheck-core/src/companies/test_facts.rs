//! Facts for the company tests: one annual-report fact per call.

use super::{Concept, Fact};
use crate::series::Date;

/// A 10-K fact of fiscal year `fiscal_year` (the calendar year; instants at its end), filed
/// on 20 February of the next year, accession number the year.
pub fn annual(concept: Concept, fiscal_year: i16, val: f64) -> Fact {
    Fact {
        concept,
        start: (!concept.is_instant()).then(|| Date::constant(fiscal_year, 1, 1)),
        end: Date::constant(fiscal_year, 12, 31),
        val,
        fy: Some(i32::from(fiscal_year)),
        fp: Some("FY".to_string()),
        form: "10-K".to_string(),
        filed: Date::constant(fiscal_year + 1, 2, 20),
        accn: format!("{fiscal_year}"),
        frame: None,
    }
}
