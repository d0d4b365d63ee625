//! `cape`: Shiller's cyclically adjusted P/E from his monthly price, earnings and CPI
//! (`series = [price, earnings, cpi]`, e.g. SHILLER_P, SHILLER_E, SHILLER_CPI), using
//! [`crate::models::cape`].
//!
//! - What: real price ÷ the average real earnings of the previous 120 months.
//! - Why: the standard long-history valuation gauge (back to 1881), insensitive to one
//!   year's earnings; it puts the seeds' "expensive market" in its historical place.
//! - How: months are aligned on the price dates; a month whose earnings are not yet
//!   reported counts as missing, so CAPE needs 120 reported months before it. Reproduces
//!   Shiller's own CAPE column (models::cape tests).
//! - Limits: see models::cape (interpolated earnings; accounting drift of the level).

use crate::checks::{CheckDef, Computed};
use crate::models::cape::{ShillerMonth, cape_series};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let [price_id, earnings_id, cpi_id] = match def.series.as_slice() {
        [a, b, c, ..] => [a, b, c],
        _ => {
            return Err(format!(
                "check {} needs price, earnings and CPI series",
                def.id
            ));
        }
    };
    let get = |id: &String| data.get(id).ok_or_else(|| format!("{id} is not stored"));
    let (price, earnings, cpi) = (get(price_id)?, get(earnings_id)?, get(cpi_id)?);
    let earnings_at = |d: Date| {
        let pts = earnings.up_to(d);
        pts.last().filter(|p| p.0 == d).map(|p| p.1)
    };
    let months: Vec<ShillerMonth> = price
        .up_to(as_of)
        .iter()
        .filter_map(|&(date, p)| {
            let c = cpi.up_to(date).last().filter(|c| c.0 == date)?.1;
            Some(ShillerMonth {
                date,
                price: p,
                earnings: earnings_at(date),
                cpi: c,
            })
        })
        .collect();
    let history = cape_series(&months);
    let &(date, value) = history
        .last()
        .ok_or("fewer than 120 months of reported earnings")?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![price_id.clone(), earnings_id.clone(), cpi_id.clone()],
    })
}
