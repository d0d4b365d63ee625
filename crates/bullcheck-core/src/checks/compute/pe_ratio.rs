//! `pe_ratio`: the S&P 500's trailing price/earnings ratio from Shiller's monthly data
//! (`series = [price, earnings]`, e.g. SHILLER_P, SHILLER_E).
//!
//! - What: price ÷ trailing 12-month reported earnings, monthly.
//! - Why: seeds 000/001 say the S&P 500 trades at 21–22×; docs/catalogue.md val_spx_pe tests it.
//! - How: for each month with a price, the last earnings on or before it, if at most
//!   [`MAX_EARNINGS_AGE_DAYS`] old (Shiller leaves the newest months blank until reported).
//! - Limits: trailing, not forward: with earnings growing, trailing P/E runs above FactSet's
//!   forward P/E (23.1× forward on 29 Oct 2025). Monthly prices are averages of daily closes.

use super::stored;
use crate::checks::{CheckDef, Computed, Missing, Note};
use crate::series::{Dataset, Date};

pub type Params = super::NoParams;

/// Earnings older than this are not used for a month's P/E.
pub const MAX_EARNINGS_AGE_DAYS: i32 = 93;

/// `series = [price, earnings]` (checked when parsed).
pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let (price_id, earnings_id) = (&def.series[0], &def.series[1]);
    let history = pe_history(data, price_id, earnings_id, as_of)?;
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            "no month with price and earnings",
            "没有同时有价格和盈利的月份",
        ))
    })?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![price_id.to_string(), earnings_id.to_string()],
    })
}

/// Trailing P/E at every price date up to `as_of` with recent-enough earnings.
pub(super) fn pe_history(
    data: &Dataset,
    price_id: &str,
    earnings_id: &str,
    as_of: Date,
) -> Result<Vec<(Date, f64)>, Missing> {
    let price = stored(data, price_id)?;
    let earnings = stored(data, earnings_id)?;
    Ok(pe_points(price.up_to(as_of), earnings.up_to(as_of)))
}

/// P/E from aligned points (pure, for tests).
pub fn pe_points(price: &[(Date, f64)], earnings: &[(Date, f64)]) -> Vec<(Date, f64)> {
    let mut res = Vec::new();
    let mut j = 0usize;
    for &(d, p) in price {
        while j + 1 < earnings.len() && earnings[j + 1].0 <= d {
            j += 1;
        }
        if let Some(&(ed, e)) = earnings.get(j)
            && ed <= d
            && e > 0.0
            && (d - ed).get_days() <= MAX_EARNINGS_AGE_DAYS
        {
            res.push((d, p / e));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn stale_or_negative_earnings_give_no_ratio() {
        let price = vec![
            (date(2026, 1, 1), 6929.122),
            (date(2026, 3, 1), 6654.42),
            (date(2026, 7, 1), 7000.0),
        ];
        // Shiller 2026.03: 6654.42 / 277.1 = 24.01.
        let earnings = vec![(date(2025, 12, 1), -1.0), (date(2026, 3, 1), 277.1)];
        let pe = pe_points(&price, &earnings);
        assert_eq!(pe.len(), 1);
        assert!((pe[0].1 - 24.014).abs() < 0.001, "{}", pe[0].1);
    }
}
