//! `sequoia_required`: the AI revenue requirement of Sequoia's "$600B question" (CATALOGUE
//! M8) from Nvidia's quarterly revenue (`series = [SEC_NVDA_DC_REVENUE_QTR,
//! SEC_NVDA_REVENUE_QTR]`, in dollars; `params.scale` 1e-9 for $B), with
//! [`crate::models::sequoia`].
//!
//! - What: 4 × quarterly revenue (run-rate) × 2 (GPU ≈ half of data-centre cost) × 2 (50%
//!   end-user margin), in $B a year.
//! - Why: seeds 000/001 repeat Cahn's $600B of June 2024; the same arithmetic on the latest
//!   quarter says how far the requirement has moved.
//! - How: the first stored series with a value (data-centre revenue preferred; total revenue
//!   overstates slightly); every quarter gives one point of the history.
//! - Limits: rules of thumb (see models::sequoia). The SEC series are derived by the binary
//!   from stored companyfacts; without them the check uses the cited Q3 FY26 figure.

use super::first_available;
use crate::checks::{CheckDef, Computed};
use crate::models::sequoia::required_from_quarter;
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let series = first_available(&def.series, data, as_of)?;
    let scale = def.param_f64("scale").unwrap_or(1.0);
    let history: Vec<(Date, f64)> = series
        .up_to(as_of)
        .iter()
        .map(|&(d, q)| (d, required_from_quarter(q * scale)))
        .collect();
    let &(date, value) = history.last().ok_or("empty series")?;
    let quarter = series.last_at(as_of).map_or(f64::NAN, |p| p.1 * scale);
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![(
            format!("{} (quarter, $B)", series.meta.id),
            format!("{quarter:.1}"),
        )],
        sources: vec![series.meta.id.clone()],
    })
}
