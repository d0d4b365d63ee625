//! `fair_pe_gap`: how far the market's P/E stands above the seed table's "fair" P/E at the
//! current 10-year yield (docs/catalogue.md M1; `series = [price, earnings, DGS10, ACMTP10]`).
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
use super::stored;
use crate::checks::judge::format_number;
use crate::checks::{CheckDef, Computed, Detail, Missing, Note};
use crate::models::fair_pe::{
    CATALOGUE_DURATION, SEED_FIT_GORDON, SEED_STATED_ERP, duration_pe, earnings_yield_pe,
    gordon_pe, implied_erp, term_premium_pe,
};
use crate::series::{Dataset, Date};

pub type Params = super::NoParams;

/// `series = [price, earnings, 10-year yield, term premium]` (the first three checked when
/// parsed).
pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let [price_id, earnings_id, yield_id] = [&def.series[0], &def.series[1], &def.series[2]];
    let ten_year = stored(data, yield_id)?;
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
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            "no month with a P/E and a 10-year yield",
            "没有同时有市盈率和10年期收益率的月份",
        ))
    })?;
    let pe_now = pe.iter().rfind(|p| p.0 == date).map_or(f64::NAN, |p| p.1);
    let y = ten_year.last_at(date).map_or(f64::NAN, |p| p.1) / 100.0;
    let show =
        |v: Option<f64>| v.map_or(Note::new("n/a", "无"), |v| Note::same(format!("{v:.1}×")));
    let mut details = vec![
        Detail::figure("trailing P/E", "滚动市盈率", format!("{pe_now:.1}×")),
        Detail::figure(
            format!("{yield_id} %"),
            format!("{yield_id} %"),
            format_number(100.0 * y),
        ),
        Detail::new(
            Note::new(
                "fair P/E, duration form 20·exp(−13·(y10 − 3.5%)) (reproduces the seed table)",
                "合理市盈率，久期形式 20·exp(−13·(y10 − 3.5%))（可复现原文的表格）",
            ),
            show(Some(duration_pe(y, CATALOGUE_DURATION))),
        ),
        Detail::new(
            Note::new(
                "fair P/E, earnings-yield form 1/(y10 + 5%)",
                "合理市盈率，盈利收益率形式 1/(y10 + 5%)",
            ),
            show(earnings_yield_pe(y, SEED_STATED_ERP)),
        ),
        Detail::new(
            Note::new(
                "fair P/E, Gordon form 1.40/(y10 + 5% − 1.5%) (needs a 138% payout)",
                "合理市盈率，戈登形式 1.40/(y10 + 5% − 1.5%)（需要138%的派息率）",
            ),
            show(gordon_pe(y, SEED_STATED_ERP, SEED_FIT_GORDON)),
        ),
    ];
    if let Some((_, tp)) = term_premium.and_then(|s| s.last_at(date)) {
        details.push(Detail::new(
            Note::new(
                "fair P/E, term-premium form 1/(TP + 5%)",
                "合理市盈率，期限溢价形式 1/(TP + 5%)",
            ),
            show(term_premium_pe(tp / 100.0, SEED_STATED_ERP)),
        ));
    }
    let erp = 100.0 * implied_erp(pe_now, y);
    details.push(Detail::new(
        Note::new(
            "ERP implied by the current P/E, 1/PE − y10 (the seed assumes 5%)",
            "当前市盈率隐含的股权风险溢价，1/PE − y10（原文假设为5%）",
        ),
        Note::new(format!("{erp:.2} pp"), format!("{erp:.2} 个百分点")),
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

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, def, detail};
    use crate::checks::compute::run;
    use jiff::civil::date;

    /// Oracle by hand: at a 10-year yield of 3.5% the duration form gives exactly 20×; a
    /// P/E of 22 is 10% above it. The earnings-yield form 1/(3.5% + 5%) = 11.8×, the implied
    /// ERP 1/22 − 3.5% = 1.05 pp.
    #[test]
    fn pe_over_the_fair_pe_at_the_yield() {
        let d = def("fair_pe_gap", &["P", "E", "DGS10", "TP"], "{}");
        let month = date(2025, 6, 1);
        let set = data(&[
            ("P", vec![(month, 2200.0)]),
            ("E", vec![(month, 100.0)]),
            ("DGS10", vec![(month, 3.5)]),
        ]);
        let c = run(&d, &set, date(2025, 6, 30)).unwrap();
        assert!((c.value - 10.0).abs() < 1e-9, "{}", c.value);
        assert_eq!(detail(&c, "trailing P/E"), "22.0×");
        assert_eq!(
            detail(
                &c,
                "fair P/E, duration form 20·exp(−13·(y10 − 3.5%)) (reproduces the seed table)"
            ),
            "20.0×"
        );
        assert_eq!(
            detail(&c, "fair P/E, earnings-yield form 1/(y10 + 5%)"),
            "11.8×"
        );
        assert_eq!(
            detail(
                &c,
                "ERP implied by the current P/E, 1/PE − y10 (the seed assumes 5%)"
            ),
            "1.05 pp"
        );
        // Without the term premium its form is left out.
        assert!(
            !c.details
                .iter()
                .any(|d| d.label.en.contains("term-premium"))
        );
    }
}
