//! Series derived from stored SEC company facts, so that the audit's zombie and AI checks
//! read company data through the same `Dataset` as every other check.
//!
//! - `SEC_R2K_UNPROFITABLE_SHARE` (%): the `unprofitable` screen on the small-cap universe
//!   (ranks 1,001-3,000 by public float: a documented Russell 2000 proxy).
//! - `SEC_R2K_ICR_LT1_SHARE` (%): the BIS-broad `zombies` screen on the same universe.
//! - `SEC_R2K_DEBT_DUE_24M_SHARE` (% of debt): maturities due within 24 months of each
//!   company's latest fiscal year end ÷ its whole maturity schedule, summed over the universe.
//! - `SEC_HYPERSCALER_CAPEX_TTM` (USD), `SEC_HYPERSCALER_CAPEX_TO_OCF_TTM` (ratio),
//!   `SEC_HYPERSCALER_CAPEX_TO_REVENUE_TTM` (%), `SEC_HYPERSCALER_CAPEX_TO_DA_TTM` (ratio):
//!   trailing four quarters summed over Microsoft, Alphabet, Amazon and Meta — only when all
//!   four report the measure (a partial sum would understate it).
//! - `SEC_HYPERSCALER_DEPR_3Y_HIT` (USD): the M2 extra depreciation of the four's fiscal-year
//!   capex if depreciated over 3 instead of 6 years (summed when all four have it).
//! - `SEC_NVDA_REVENUE_QTR` (USD): Nvidia's latest quarterly revenue (a 80-100 day period).
//!
//! Each series has one point, dated by the data: the screens at the as-of date (they use the
//! facts filed on or before it), the trailing sums at the end of their period.

use super::hyperscalers::{HYPERSCALERS, table};
use super::screens::{Universe, latest_maturity_schedule, universe, unprofitable, zombies};
use super::{CompanyData, Concept, days_between};
use crate::series::{Date, Series, SeriesMeta};

/// Nvidia's SEC CIK.
pub const NVDA_CIK: u64 = 1_045_810;

/// The CIKs whose full facts (quarterly ones included) the derived series need.
pub fn full_fact_ciks() -> Vec<u64> {
    let mut ciks: Vec<u64> = HYPERSCALERS.iter().map(|h| h.cik).collect();
    ciks.push(NVDA_CIK);
    ciks
}

fn series(id: &str, title: &str, units: &str, date: Date, value: f64) -> Series {
    let meta = SeriesMeta {
        id: id.to_string(),
        source: "SEC EDGAR XBRL company facts (derived by bullcheck)".to_string(),
        title: title.to_string(),
        units: units.to_string(),
        frequency: String::new(),
        seasonal_adjustment: String::new(),
        notes: String::new(),
    };
    Series::new(meta, vec![(date, value)])
}

/// The derived series. `screened` holds every company's annual facts (the screens' load);
/// `full` the full facts of [`full_fact_ciks`].
pub fn derived_series(screened: &[CompanyData], full: &[CompanyData], as_of: Date) -> Vec<Series> {
    let mut out = Vec::new();
    if let Some(share) = unprofitable(screened, as_of, Universe::Small).share {
        out.push(series(
            "SEC_R2K_UNPROFITABLE_SHARE",
            "Share of small caps with a net loss in their latest annual report",
            "%",
            as_of,
            100.0 * share,
        ));
    }
    if let Some(share) = zombies(screened, as_of, Universe::Small).share {
        out.push(series(
            "SEC_R2K_ICR_LT1_SHARE",
            "Share of small caps with interest coverage below 1 for three years (BIS broad)",
            "%",
            as_of,
            100.0 * share,
        ));
    }
    let (mut due, mut total) = (0.0, 0.0);
    for company in universe(screened, as_of, Universe::Small) {
        if let Some(schedule) = latest_maturity_schedule(&company.facts, as_of) {
            due += schedule.within_24_months();
            total += schedule.total();
        }
    }
    if total > 0.0 {
        out.push(series(
            "SEC_R2K_DEBT_DUE_24M_SHARE",
            "Small caps' debt maturing within 24 months of fiscal year end, share of scheduled debt",
            "% of debt",
            as_of,
            100.0 * due / total,
        ));
    }
    out.extend(hyperscaler_series(full, as_of));
    if let Some((end, revenue)) = full
        .iter()
        .find(|c| c.cik == NVDA_CIK)
        .and_then(|c| latest_quarter_revenue(c, as_of))
    {
        out.push(series(
            "SEC_NVDA_REVENUE_QTR",
            "Nvidia quarterly revenue",
            "USD",
            end,
            revenue,
        ));
    }
    out
}

fn hyperscaler_series(full: &[CompanyData], as_of: Date) -> Vec<Series> {
    let big_four: Vec<u64> = HYPERSCALERS
        .iter()
        .filter(|h| h.ticker != "ORCL")
        .map(|h| h.cik)
        .collect();
    let companies: Vec<CompanyData> = full
        .iter()
        .filter(|c| big_four.contains(&c.cik))
        .cloned()
        .collect();
    let t = table(&companies, as_of);
    let rows: Vec<_> = t
        .rows
        .iter()
        .filter(|r| big_four.contains(&r.cik))
        .collect();
    let mut out = Vec::new();
    if rows.len() != big_four.len() {
        return out;
    }
    let ttm: Option<Vec<_>> = rows
        .iter()
        .map(|r| r.trailing_four_quarters.as_ref())
        .collect();
    if let Some(ttm) = ttm {
        let end = ttm
            .iter()
            .filter_map(|p| p.period.parse::<Date>().ok())
            .max()
            .unwrap_or(as_of);
        let sum = |f: fn(&super::hyperscalers::Measures) -> Option<f64>| -> Option<f64> {
            ttm.iter().map(|p| f(&p.measures)).sum::<Option<f64>>()
        };
        let capex = sum(|m| m.capex);
        if let Some(capex) = capex {
            out.push(series(
                "SEC_HYPERSCALER_CAPEX_TTM",
                "MSFT+GOOGL+AMZN+META capex, trailing four quarters",
                "USD",
                end,
                capex,
            ));
            let ratios = [
                (
                    "SEC_HYPERSCALER_CAPEX_TO_OCF_TTM",
                    "capex ÷ operating cash flow",
                    "ratio",
                    sum(|m| m.operating_cash_flow),
                    1.0,
                ),
                (
                    "SEC_HYPERSCALER_CAPEX_TO_REVENUE_TTM",
                    "capex ÷ revenue",
                    "%",
                    sum(|m| m.revenue),
                    100.0,
                ),
                (
                    "SEC_HYPERSCALER_CAPEX_TO_DA_TTM",
                    "capex ÷ depreciation and amortization",
                    "ratio",
                    sum(|m| m.depreciation_amortization),
                    1.0,
                ),
            ];
            for (id, title, unit, denominator, scale) in ratios {
                if let Some(d) = denominator.filter(|d| *d != 0.0) {
                    out.push(series(
                        id,
                        &format!("Big-4 {title}, trailing four quarters"),
                        unit,
                        end,
                        scale * capex / d,
                    ));
                }
            }
        }
    }
    let hits: Option<f64> = rows
        .iter()
        .map(|r| r.life_sensitivity.as_ref().map(|l| l.extra_depreciation))
        .sum();
    if let Some(hit) = hits {
        out.push(series(
            "SEC_HYPERSCALER_DEPR_3Y_HIT",
            "Big-4 extra depreciation if capex were depreciated over 3 instead of 6 years (M2)",
            "USD",
            as_of,
            hit,
        ));
    }
    out
}

/// The latest quarterly revenue (a period of 80-100 days), the most recently filed value for
/// that period, among facts filed on or before `as_of`.
fn latest_quarter_revenue(company: &CompanyData, as_of: Date) -> Option<(Date, f64)> {
    let mut best: Option<(Date, Date, f64)> = None; // (end, filed, value)
    for concept in [
        Concept::Revenues,
        Concept::RevenueFromContractWithCustomerExcludingAssessedTax,
    ] {
        for f in company
            .facts
            .iter()
            .filter(|f| f.concept == concept && f.filed <= as_of)
        {
            let Some(start) = f.start else { continue };
            if !(80..=100).contains(&days_between(start, f.end)) {
                continue;
            }
            let better = match best {
                None => true,
                Some((end, filed, _)) => f.end > end || (f.end == end && f.filed > filed),
            };
            if better {
                best = Some((f.end, f.filed, f.val));
            }
        }
        if best.is_some() {
            break;
        }
    }
    best.map(|(end, _, v)| (end, v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::companies::Fact;
    use jiff::civil::date;

    fn revenue(start: Date, end: Date, filed: Date, val: f64) -> Fact {
        Fact {
            concept: Concept::Revenues,
            start: Some(start),
            end,
            val,
            fy: None,
            fp: None,
            form: "10-Q".to_string(),
            filed,
            accn: String::new(),
            frame: None,
        }
    }

    /// Hand-made: two quarters and a restatement of the later one; an annual fact is ignored.
    #[test]
    fn latest_quarter_takes_the_newest_period_and_filing() {
        let company = CompanyData {
            cik: NVDA_CIK,
            entity_name: "NVIDIA CORP".to_string(),
            facts: vec![
                revenue(
                    date(2025, 4, 28),
                    date(2025, 7, 27),
                    date(2025, 8, 27),
                    46.743e9,
                ),
                revenue(
                    date(2025, 7, 28),
                    date(2025, 10, 26),
                    date(2025, 11, 19),
                    57.006e9,
                ),
                revenue(
                    date(2025, 7, 28),
                    date(2025, 10, 26),
                    date(2026, 2, 25),
                    57.1e9,
                ),
                revenue(
                    date(2025, 1, 27),
                    date(2026, 1, 25),
                    date(2026, 2, 25),
                    200e9,
                ),
            ],
        };
        assert_eq!(
            latest_quarter_revenue(&company, date(2025, 12, 31)),
            Some((date(2025, 10, 26), 57.006e9))
        );
        assert_eq!(
            latest_quarter_revenue(&company, date(2026, 3, 1)),
            Some((date(2025, 10, 26), 57.1e9))
        );
        assert_eq!(latest_quarter_revenue(&company, date(2025, 8, 1)), None);
    }
}
