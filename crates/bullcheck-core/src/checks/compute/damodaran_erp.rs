//! `damodaran_erp`: Damodaran's two-stage implied equity risk premium, recomputed from his
//! own yearly inputs (`series = [index, dividends + buybacks, analyst growth, T-bond,
//! published FCFE ERP]`, the DAMODARAN_* series) with [`crate::models::implied_erp`].
//!
//! - What: ERP = r − rf, r solving index = PV(dividends + buybacks growing at the analysts'
//!   estimate for 5 years, then at rf), in percent.
//! - Why: seed 001 assumes an ERP of 5%; Damodaran's implied premium is the standard
//!   public estimate of what prices offer.
//! - How: one value per year of the table (dated 31 Dec: the ERP at the start of the next
//!   year); the published value and the gap are in the details.
//! - Limits: yearly, and the table ends in 2023. It matches his published ERP within 0.01
//!   pp for 2015-2019; in other years he used a different cash flow (lower pre-revision
//!   buybacks in 2001-2008, a 10-year average cash yield in 2010-2012, a cash flow 4-12%
//!   above trailing in 2020-2023), so our figure differs by up to ~3 pp there.

use super::stored;
use crate::checks::judge::format_number;
use crate::checks::{CheckDef, Computed, Detail, Missing, Note};
use crate::models::implied_erp::{ImpliedErpInputs, implied_erp};
use crate::series::{Dataset, Date};

pub type Params = super::NoParams;

/// `series = [index, dividends + buybacks, growth, T-bond, published ERP]` (the first four
/// checked when parsed).
pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let [index_id, cash_id, growth_id, bond_id] = [
        &def.series[0],
        &def.series[1],
        &def.series[2],
        &def.series[3],
    ];
    let get = |id: &String| stored(data, id);
    let (index, cash, growth, bond) = (
        get(index_id)?,
        get(cash_id)?,
        get(growth_id)?,
        get(bond_id)?,
    );
    let same_date = |s: &crate::series::Series, d: Date| s.last_at(d).filter(|p| p.0 == d);
    let history: Vec<(Date, f64)> = index
        .up_to(as_of)
        .iter()
        .filter_map(|&(d, level)| {
            let inputs = ImpliedErpInputs {
                index_level: level,
                base_cash_flow: same_date(cash, d)?.1,
                high_growth: same_date(growth, d)?.1,
                risk_free: same_date(bond, d)?.1,
            };
            implied_erp(&inputs).map(|erp| (d, 100.0 * erp))
        })
        .collect();
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            "no year with index, cash flow, growth estimate and T-bond rate",
            "没有同时有指数、现金流、增长预期和国债利率的年份",
        ))
    })?;
    let mut details = Vec::new();
    let published = def.series.get(4).and_then(|id| data.get(id));
    if let Some((_, p)) = published.and_then(|s| same_date(s, date)) {
        details.push(Detail::figure(
            "Damodaran's published FCFE ERP %",
            "达摩达兰公布的FCFE股权风险溢价 %",
            format_number(100.0 * p),
        ));
        details.push(Detail::figure(
            "recomputed − published, pp",
            "重算值 − 公布值，个百分点",
            format!("{:+.2}", value - 100.0 * p),
        ));
    }
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details,
        sources: vec![
            index_id.clone(),
            cash_id.clone(),
            growth_id.clone(),
            bond_id.clone(),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, def, detail};
    use crate::checks::compute::run;
    use jiff::civil::date;

    /// Oracle by hand: with the analysts' growth equal to the T-bond rate (4%), the two stages
    /// are one Gordon model, index = CF0·(1 + g)/(r − g), so r = 40·1.04/1000 + 4% = 8.16%
    /// and the ERP r − rf = 4.16%. Damodaran's published 4.20% is 0.04 pp above.
    #[test]
    fn gordon_case_by_hand() {
        let d = def("damodaran_erp", &["IDX", "CASH", "G", "TB", "PUB"], "{}");
        let end = date(2023, 12, 31);
        let data = data(&[
            ("IDX", vec![(end, 1000.0)]),
            ("CASH", vec![(end, 40.0)]),
            ("G", vec![(end, 0.04)]),
            ("TB", vec![(end, 0.04)]),
            ("PUB", vec![(end, 0.042)]),
        ]);
        let c = run(&d, &data, date(2024, 6, 30)).unwrap();
        assert!((c.value - 4.16).abs() < 1e-6, "{}", c.value);
        assert_eq!(detail(&c, "Damodaran's published FCFE ERP %"), "4.20");
        assert_eq!(detail(&c, "recomputed − published, pp"), "-0.04");
    }
}
