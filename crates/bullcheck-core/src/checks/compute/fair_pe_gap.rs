//! `fair_pe_gap`: how far the market's P/E stands above the seed table's "fair" P/E at the
//! current 10-year yield (CATALOGUE M1; `series = [price, earnings, DGS10, ACMTP10]`).
//!
//! - What: deviation = P/E ÷ fairPE(y10) − 1, in percent, with fairPE = 20·exp(−13·(y10 −
//!   3.5%)): the constant-duration form, the only one of [`crate::models::fair_pe`]'s four
//!   formulas that reproduces the seed's 20.0 / 17.5 / 15.4×.
//! - Why: seed 001's table gives fair P/Es and deviations by yield; the check recomputes them
//!   with today's yield and P/E and shows, in its details, the other formulas at the seed's
//!   stated 5% ERP (11.8× / 10.5× / 9.5× for the earnings-yield form) and the ERP the current
//!   P/E implies, which is nowhere near 5%.
//! - How: trailing P/E as in [`super::pe_ratio`]; the yield is the last DGS10 on or before
//!   the month; the term premium (ACMTP10, when stored) feeds the term-premium form.
//! - Limits: the table's model is a reconstruction (the seed gives none); trailing P/E, not
//!   the forward P/E the seed probably meant.

use super::pe_ratio::pe_history;
use crate::checks::judge::format_number;
use crate::checks::{CheckDef, Computed};
use crate::models::fair_pe::{
    CATALOGUE_DURATION, SEED_FIT_GORDON, SEED_STATED_ERP, duration_pe, earnings_yield_pe,
    gordon_pe, implied_erp, term_premium_pe,
};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let [price_id, earnings_id, yield_id] = match def.series.as_slice() {
        [a, b, c, ..] => [a, b, c],
        _ => {
            return Err(format!(
                "check {} needs price, earnings and yield series",
                def.id
            ));
        }
    };
    let ten_year = data
        .get(yield_id)
        .ok_or_else(|| format!("{yield_id} is not stored"))?;
    let term_premium = def.series.get(3).and_then(|id| data.get(id));
    let pe = pe_history(data, price_id, earnings_id, as_of)?;
    let history: Vec<(Date, f64)> = pe
        .iter()
        .filter_map(|&(d, pe)| {
            let (yd, y) = ten_year.last_at(d)?;
            let fair = duration_pe(y / 100.0, CATALOGUE_DURATION);
            ((d - yd).get_days() <= 31).then(|| (d, 100.0 * (pe / fair - 1.0)))
        })
        .collect();
    let &(date, value) = history
        .last()
        .ok_or("no month with a P/E and a 10-year yield")?;
    let pe_now = pe.iter().rfind(|p| p.0 == date).map_or(f64::NAN, |p| p.1);
    let y = ten_year.last_at(date).map_or(f64::NAN, |p| p.1) / 100.0;
    let show = |v: Option<f64>| v.map_or("n/a".to_string(), |v| format!("{v:.1}×"));
    let mut details = vec![
        ("trailing P/E".to_string(), format!("{pe_now:.1}×")),
        (format!("{yield_id} %"), format_number(100.0 * y)),
        (
            "fair P/E, duration form 20·exp(−13·(y10 − 3.5%)) (reproduces the seed table)"
                .to_string(),
            show(Some(duration_pe(y, CATALOGUE_DURATION))),
        ),
        (
            "fair P/E, earnings-yield form 1/(y10 + 5%)".to_string(),
            show(earnings_yield_pe(y, SEED_STATED_ERP)),
        ),
        (
            "fair P/E, Gordon form 1.40/(y10 + 5% − 1.5%) (needs a 138% payout)".to_string(),
            show(gordon_pe(y, SEED_STATED_ERP, SEED_FIT_GORDON)),
        ),
    ];
    if let Some((_, tp)) = term_premium.and_then(|s| s.last_at(date)) {
        details.push((
            "fair P/E, term-premium form 1/(TP + 5%)".to_string(),
            show(term_premium_pe(tp / 100.0, SEED_STATED_ERP)),
        ));
    }
    details.push((
        "ERP implied by the current P/E, 1/PE − y10 (the seed assumes 5%)".to_string(),
        format!("{:.2} pp", 100.0 * implied_erp(pe_now, y)),
    ));
    let mut sources = vec![price_id.clone(), earnings_id.clone(), yield_id.clone()];
    if let Some(s) = term_premium {
        sources.push(s.meta.id.clone());
    }
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details,
        sources,
    })
}
