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

use super::stored;
use crate::checks::{CheckDef, Computed, Missing, Note};
use crate::models::cape::buffett_indicator_pct;
use crate::series::{Dataset, Date};

pub type Params = super::NoParams;

/// `series = [equities, GDP]` (checked when parsed).
pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let (equities_id, gdp_id) = (&def.series[0], &def.series[1]);
    let equities = stored(data, equities_id)?;
    let gdp = stored(data, gdp_id)?;
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
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            "no quarter with both equities and GDP",
            "没有同时有股票市值和GDP的季度",
        ))
    })?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![equities_id.clone(), gdp_id.clone()],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, def};
    use crate::checks::compute::run;
    use jiff::civil::date;

    /// Oracle: $50T of equities ($50,000,000 million) over $25T of GDP ($25,000 billion) is
    /// 200%; a quarter without GDP of the same date gives no value.
    #[test]
    fn equities_over_gdp_of_the_same_quarter() {
        let d = def("buffett", &["EQ", "GDP"], "{}");
        let data = data(&[
            (
                "EQ",
                vec![
                    (date(2024, 1, 1), 50_000_000.0),
                    (date(2024, 4, 1), 55_000_000.0),
                ],
            ),
            ("GDP", vec![(date(2024, 1, 1), 25_000.0)]),
        ]);
        let c = run(&d, &data, date(2024, 12, 31)).unwrap();
        assert_eq!(c.history.len(), 1);
        assert!((c.value - 200.0).abs() < 1e-9, "{}", c.value);
        assert_eq!(c.date, date(2024, 1, 1));
        let only_equities = super::super::test_util::data(&[("EQ", vec![(date(2024, 1, 1), 1.0)])]);
        assert_eq!(
            run(&d, &only_equities, date(2024, 12, 31))
                .unwrap_err()
                .en(),
            "GDP is not stored"
        );
    }
}
