//! `earnings_yield_gap`: the simple equity risk premium, earnings yield minus a bond yield
//! (`series = [price, earnings, rate, fallback rate…]`, e.g. SHILLER_P, SHILLER_E, DGS10).
//!
//! - What: ERP_simple = 100·E/P − y, in percentage points (CATALOGUE val_implied_erp); with
//!   the 10-year TIPS yield (DFII10) it is the real version.
//! - Why: seed 001 assumes an ERP of 5%; this is what current prices and yields imply.
//! - How: each month's trailing P/E ([`super::pe_ratio`]) and the first rate series with a
//!   value on or before that date (at most 31 days older).
//! - Limits: trailing earnings, not forward; no growth term (Damodaran's two-stage model is
//!   the `damodaran_erp` computation).

use super::pe_ratio::{pe_history, two_ids};
use crate::checks::judge::format_number;
use crate::checks::{CheckDef, Computed};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let (price_id, earnings_id) = two_ids(def)?;
    let rate_ids = def.series.get(2..).unwrap_or_default();
    let rate = rate_ids
        .iter()
        .filter_map(|id| data.get(id))
        .find(|s| s.last_at(as_of).is_some())
        .ok_or_else(|| format!("no stored observation for {}", rate_ids.join(" or ")))?;
    let pe = pe_history(data, price_id, earnings_id, as_of)?;
    let history: Vec<(Date, f64)> = pe
        .iter()
        .filter_map(|&(d, pe)| {
            let (rd, y) = rate.last_at(d)?;
            ((d - rd).get_days() <= 31).then(|| (d, 100.0 / pe - y))
        })
        .collect();
    let &(date, value) = history
        .last()
        .ok_or("no month with a P/E and a bond yield")?;
    let pe_now = pe.iter().rfind(|p| p.0 == date).map_or(f64::NAN, |p| p.1);
    let y_now = rate.last_at(date).map_or(f64::NAN, |p| p.1);
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![
            ("trailing P/E".to_string(), format_number(pe_now)),
            (
                "earnings yield %".to_string(),
                format_number(100.0 / pe_now),
            ),
            (format!("{} %", rate.meta.id), format_number(y_now)),
        ],
        sources: vec![
            price_id.to_string(),
            earnings_id.to_string(),
            rate.meta.id.clone(),
        ],
    })
}
