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

use crate::checks::judge::format_number;
use crate::checks::{CheckDef, Computed};
use crate::models::implied_erp::{ImpliedErpInputs, implied_erp};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let [index_id, cash_id, growth_id, bond_id] = match def.series.as_slice() {
        [a, b, c, d, ..] => [a, b, c, d],
        _ => return Err(format!("check {} needs four input series", def.id)),
    };
    let get = |id: &String| data.get(id).ok_or_else(|| format!("{id} is not stored"));
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
    let &(date, value) = history
        .last()
        .ok_or("no year with index, cash flow, growth estimate and T-bond rate")?;
    let mut details = Vec::new();
    let published = def.series.get(4).and_then(|id| data.get(id));
    if let Some((_, p)) = published.and_then(|s| same_date(s, date)) {
        details.push((
            "Damodaran's published FCFE ERP %".to_string(),
            format_number(100.0 * p),
        ));
        details.push((
            "recomputed − published, pp".to_string(),
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
