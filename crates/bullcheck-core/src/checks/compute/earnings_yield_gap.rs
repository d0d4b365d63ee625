//! `earnings_yield_gap`: the simple equity risk premium, earnings yield minus a bond yield
//! (`series = [price, earnings, rate, fallback rate…]`, e.g. SHILLER_P, SHILLER_E, DGS10).
//!
//! - What: ERP_simple = 100·E/P − y, in percentage points (docs/catalogue.md val_implied_erp); with
//!   the 10-year TIPS yield (DFII10) it is the real version.
//! - Why: seed 001 assumes an ERP of 5%; this is what current prices and yields imply.
//! - How: each month's trailing P/E ([`super::pe_ratio`]) and the first rate series with a
//!   value on or before that date (at most 31 days older).
//! - Limits: trailing earnings, not forward; no growth term (Damodaran's two-stage model is
//!   the `damodaran_erp` computation).

use super::pe_ratio::pe_history;
use crate::checks::judge::format_number;
use crate::checks::{CheckDef, Computed, Detail, Missing, Note};
use crate::series::{Dataset, Date};

pub type Params = super::NoParams;

/// `series = [price, earnings, rate, fallback rate…]` (three at least, checked when parsed).
pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let (price_id, earnings_id) = (&def.series[0], &def.series[1]);
    let rate_ids = &def.series[2..];
    let rate = rate_ids
        .iter()
        .filter_map(|id| data.get(id))
        .find(|s| s.last_at(as_of).is_some())
        .ok_or_else(|| Missing::NoObservation {
            ids: rate_ids.to_vec(),
            as_of: None,
            note: None,
        })?;
    let pe = pe_history(data, price_id, earnings_id, as_of)?;
    let history: Vec<(Date, f64)> = pe
        .iter()
        .filter_map(|&(d, pe)| {
            let (rd, y) = rate.last_at(d)?;
            ((d - rd).get_days() <= 31).then(|| (d, 100.0 / pe - y))
        })
        .collect();
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            "no month with a P/E and a bond yield",
            "没有同时有市盈率和债券收益率的月份",
        ))
    })?;
    let pe_now = pe.iter().rfind(|p| p.0 == date).map_or(f64::NAN, |p| p.1);
    let y_now = rate.last_at(date).map_or(f64::NAN, |p| p.1);
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![
            Detail::figure("trailing P/E", "滚动市盈率", format_number(pe_now)),
            Detail::figure(
                "earnings yield %",
                "盈利收益率 %",
                format_number(100.0 / pe_now),
            ),
            Detail::figure(
                format!("{} %", rate.meta.id),
                format!("{} %", rate.meta.id),
                format_number(y_now),
            ),
        ],
        sources: vec![
            price_id.to_string(),
            earnings_id.to_string(),
            rate.meta.id.clone(),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, def, detail};
    use crate::checks::compute::run;
    use jiff::civil::date;

    /// Oracle by hand: price 2000 over earnings 100 is a P/E of 20, an earnings yield of 5%;
    /// minus the 10-year at 4.2% is a gap of 0.8 pp. The fallback rate is used when the first
    /// has no value, and a yield more than 31 days older than the month is not.
    #[test]
    fn earnings_yield_minus_the_bond_yield() {
        let d = def("earnings_yield_gap", &["P", "E", "DGS10", "GS10"], "{}");
        let month = date(2025, 6, 1);
        let set = data(&[
            ("P", vec![(month, 2000.0)]),
            ("E", vec![(month, 100.0)]),
            ("DGS10", vec![(date(2025, 5, 30), 4.2)]),
        ]);
        let c = run(&d, &set, date(2025, 6, 30)).unwrap();
        assert!((c.value - 0.8).abs() < 1e-9, "{}", c.value);
        assert_eq!(detail(&c, "trailing P/E"), "20.00");
        assert_eq!(detail(&c, "earnings yield %"), "5.00");
        assert_eq!(detail(&c, "DGS10 %"), "4.20");
        let stale = data(&[
            ("P", vec![(month, 2000.0)]),
            ("E", vec![(month, 100.0)]),
            ("GS10", vec![(date(2025, 4, 1), 4.0)]),
        ]);
        assert_eq!(
            run(&d, &stale, date(2025, 6, 30)).unwrap_err().en(),
            "no month with a P/E and a bond yield"
        );
        let none = data(&[("P", vec![(month, 2000.0)]), ("E", vec![(month, 100.0)])]);
        assert_eq!(
            run(&d, &none, date(2025, 6, 30)).unwrap_err().en(),
            "no stored observation for DGS10 or GS10"
        );
    }
}
