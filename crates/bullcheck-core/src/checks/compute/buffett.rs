//! `buffett`: the Buffett indicator, corporate equities at market value ÷ nominal GDP, in
//! percent (`series = [NCBEILQ027S, GDP]`), with [`crate::models::cape::buffett_indicator_pct`].
//!
//! - What: Fed Z.1 nonfinancial corporate equities (liability, level, **$ millions**) over
//!   FRED GDP (**$ billions**, SAAR), each quarter.
//! - Why: a valuation gauge independent of earnings; Buffett called it the best single
//!   measure of where valuations stand.
//! - How: the millions/billions mismatch is handled once, in the model (× 0.1 for percent).
//!   Each equities quarter uses the GDP of the same quarter.
//! - Limits: nonfinancial corporations only; GDP is revised; no value without the Z.1
//!   series (the shared data do not include it: the check then names the source).

use crate::checks::{CheckDef, Computed};
use crate::models::cape::buffett_indicator_pct;
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let (Some(equities_id), Some(gdp_id)) = (def.series.first(), def.series.get(1)) else {
        return Err(format!("check {} needs equities and GDP series", def.id));
    };
    let equities = data
        .get(equities_id)
        .ok_or_else(|| format!("{equities_id} is not stored"))?;
    let gdp = data
        .get(gdp_id)
        .ok_or_else(|| format!("{gdp_id} is not stored"))?;
    let history: Vec<(Date, f64)> = equities
        .up_to(as_of)
        .iter()
        .filter_map(|&(d, e)| {
            let (gd, g) = gdp.last_at(d)?;
            if gd != d {
                return None;
            }
            buffett_indicator_pct(e, g).map(|v| (d, v))
        })
        .collect();
    let &(date, value) = history
        .last()
        .ok_or("no quarter with both equities and GDP")?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![equities_id.clone(), gdp_id.clone()],
    })
}
