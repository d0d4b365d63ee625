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

use super::stored;
use crate::checks::{CheckDef, Computed, Missing, Note};
use crate::models::cape::{ShillerMonth, cape_series};
use crate::series::{Dataset, Date};

pub type Params = super::NoParams;

/// `series = [price, earnings, CPI]` (checked when parsed).
pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let [price_id, earnings_id, cpi_id] = [&def.series[0], &def.series[1], &def.series[2]];
    let (price, earnings, cpi) = (
        stored(data, price_id)?,
        stored(data, earnings_id)?,
        stored(data, cpi_id)?,
    );
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
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            "fewer than 120 months of reported earnings",
            "已公布盈利的月份不足120个",
        ))
    })?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![price_id.clone(), earnings_id.clone(), cpi_id.clone()],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, def, monthly};
    use crate::checks::compute::run;
    use jiff::civil::date;

    /// Oracle by hand: 120 months of earnings 5 at price 100 and CPI 100, then a month where
    /// prices and CPI have doubled: real price 200/200 = 1, mean real earnings 5/100 = 0.05,
    /// CAPE 20; with the price tripled instead (300), 30.
    #[test]
    fn real_price_over_ten_years_of_real_earnings() {
        let d = def("cape", &["P", "E", "CPI"], "{}");
        let start = date(2010, 1, 1);
        let mut price = vec![100.0; 120];
        let mut cpi = vec![100.0; 120];
        price.push(200.0);
        cpi.push(200.0);
        let mut set = data(&[
            ("P", monthly(start, &price)),
            ("E", monthly(start, &[5.0; 120])),
            ("CPI", monthly(start, &cpi)),
        ]);
        let c = run(&d, &set, date(2020, 12, 31)).unwrap();
        assert_eq!(c.date, date(2020, 1, 1));
        assert!((c.value - 20.0).abs() < 1e-9, "{}", c.value);
        price[120] = 300.0;
        set.insert(crate::series::Series::new(
            crate::series::SeriesMeta {
                id: "P".into(),
                ..Default::default()
            },
            monthly(start, &price),
        ));
        let c = run(&d, &set, date(2020, 12, 31)).unwrap();
        assert!((c.value - 30.0).abs() < 1e-9, "{}", c.value);
        // A month earlier there are only 119 months before it.
        assert_eq!(
            run(&d, &set, date(2019, 12, 31)).unwrap_err().en(),
            "fewer than 120 months of reported earnings"
        );
    }
}
