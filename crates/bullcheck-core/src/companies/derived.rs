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
//!   trailing four quarters summed over Microsoft, Alphabet, Amazon and Meta. The capex sum
//!   needs all four (a partial sum would understate it); a ratio is computed over the companies
//!   that report both of its measures, and its title names those included and those missing
//!   (with what they lack), so a missing filer never silently blanks or skews the check.
//! - `SEC_HYPERSCALER_DEPR_3Y_HIT` (USD): the M2 extra depreciation of the four's fiscal-year
//!   capex if depreciated over 3 instead of 6 years (summed when all four have it).
//! - `SEC_NVDA_REVENUE_QTR` (USD): Nvidia's latest quarterly revenue (a 80-100 day period).
//!
//! Each series has one point, dated by the data: the screens at the as-of date (they use the
//! facts filed on or before it), the trailing sums at the end of their period.

use super::hyperscalers::{HYPERSCALERS, table};
use super::screens::{
    Universe, UnprofitableInputs, latest_maturity_schedule, universe_ciks, unprofitable_at_each,
    zombies_among,
};
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

/// The derived series. `all` holds every stored company's [`UnprofitableInputs`] (their
/// filing dates and floats decide the small universe); `small` the annual facts (the screens'
/// load) of at least the small universe's members ([`universe_ciks`]), in any order; `full`
/// the full facts of [`full_fact_ciks`]. The results equal the screens run on every company's
/// annual facts (tested), without loading the 18,000 companies outside the universe.
pub fn derived_series(
    all: &[UnprofitableInputs],
    small: &[CompanyData],
    full: &[CompanyData],
    as_of: Date,
) -> Vec<Series> {
    let mut out = Vec::new();
    if let Some(share) = unprofitable_at_each(all, &[as_of], Universe::Small)
        .pop()
        .and_then(|result| result.share)
    {
        out.push(series(
            "SEC_R2K_UNPROFITABLE_SHARE",
            "Share of small caps with a net loss in their latest annual report",
            "%",
            as_of,
            100.0 * share,
        ));
    }
    let by_cik: std::collections::HashMap<u64, &CompanyData> =
        small.iter().map(|company| (company.cik, company)).collect();
    let members: Vec<&CompanyData> = universe_ciks(all, as_of, Universe::Small)
        .iter()
        .filter_map(|cik| by_cik.get(cik).copied())
        .collect();
    if let Some(share) = zombies_among(&members, as_of, Universe::Small).share {
        out.push(series(
            "SEC_R2K_ICR_LT1_SHARE",
            "Share of small caps with interest coverage below 1 for three years (BIS broad)",
            "%",
            as_of,
            100.0 * share,
        ));
    }
    let (mut due, mut total) = (0.0, 0.0);
    for company in members {
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
    // Each of the four: its trailing four quarters, if it is stored and has them.
    let ttm: Vec<(&'static str, Option<&super::hyperscalers::Measures>)> = HYPERSCALERS
        .iter()
        .filter(|h| big_four.contains(&h.cik))
        .map(|h| {
            let row = rows.iter().find(|r| r.cik == h.cik);
            let measures = row
                .and_then(|r| r.trailing_four_quarters.as_ref())
                .map(|p| &p.measures);
            (h.ticker, measures)
        })
        .collect();
    let end = rows
        .iter()
        .filter_map(|r| r.trailing_four_quarters.as_ref())
        .filter_map(|p| p.period.parse::<Date>().ok())
        .max()
        .unwrap_or(as_of);
    type Pick = fn(&super::hyperscalers::Measures) -> Option<f64>;
    let capex: Pick = |m| m.capex;
    let all_capex: Option<f64> = ttm.iter().map(|(_, m)| m.and_then(capex)).sum();
    if let Some(total) = all_capex {
        out.push(series(
            "SEC_HYPERSCALER_CAPEX_TTM",
            "MSFT+GOOGL+AMZN+META capex, trailing four quarters",
            "USD",
            end,
            total,
        ));
    }
    let ratios: [(&str, &str, &str, &str, Pick, f64); 3] = [
        (
            "SEC_HYPERSCALER_CAPEX_TO_OCF_TTM",
            "capex ÷ operating cash flow",
            "operating cash flow",
            "ratio",
            |m| m.operating_cash_flow,
            1.0,
        ),
        (
            "SEC_HYPERSCALER_CAPEX_TO_REVENUE_TTM",
            "capex ÷ revenue",
            "revenue",
            "%",
            |m| m.revenue,
            100.0,
        ),
        (
            "SEC_HYPERSCALER_CAPEX_TO_DA_TTM",
            "capex ÷ depreciation and amortization",
            "D&A",
            "ratio",
            |m| m.depreciation_amortization,
            1.0,
        ),
    ];
    for (id, title, denominator_name, unit, denominator, scale) in ratios {
        let (mut num, mut den) = (0.0, 0.0);
        let (mut included, mut missing) = (Vec::new(), Vec::new());
        for (ticker, measures) in &ttm {
            match measures.map(|m| (capex(m), denominator(m))) {
                Some((Some(c), Some(d))) => {
                    num += c;
                    den += d;
                    included.push(*ticker);
                }
                None => missing.push(format!("{ticker} (not stored)")),
                Some((c, _)) => missing.push(format!(
                    "{ticker} (no {})",
                    if c.is_none() {
                        "capex"
                    } else {
                        denominator_name
                    }
                )),
            }
        }
        if included.is_empty() || den == 0.0 {
            continue;
        }
        let coverage = if missing.is_empty() {
            "MSFT+GOOGL+AMZN+META".to_string()
        } else {
            format!(
                "{} only; missing {}",
                included.join("+"),
                missing.join(", ")
            )
        };
        out.push(series(
            id,
            &format!("Big-4 {title}, trailing four quarters ({coverage})"),
            unit,
            end,
            scale * num / den,
        ));
    }
    // A sum over the four: only when all four are stored and have a capex history.
    let hits: Option<f64> = (rows.len() == big_four.len())
        .then(|| {
            rows.iter()
                .map(|r| r.life_sensitivity.as_ref().map(|l| l.extra_depreciation))
                .sum()
        })
        .flatten();
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

    /// Four discrete quarters of 2025 of one concept, each worth `per_quarter`.
    fn four_quarters(concept: Concept, per_quarter: f64) -> Vec<Fact> {
        [(1, 3), (4, 6), (7, 9), (10, 12)]
            .into_iter()
            .map(|(from, to)| Fact {
                concept,
                start: Some(date(2025, from, 1)),
                end: date(2025, to, 1).last_of_month(),
                val: per_quarter,
                fy: None,
                fp: None,
                form: "10-Q".to_string(),
                filed: date(2026, 2, 1),
                accn: String::new(),
                frame: None,
            })
            .collect()
    }

    fn company(cik: u64, facts: Vec<Vec<Fact>>) -> CompanyData {
        CompanyData {
            cik,
            entity_name: String::new(),
            facts: facts.concat(),
        }
    }

    /// Alphabet tags only `Depreciation`: it is used (and named); Amazon without any D&A and
    /// Meta not stored are named as missing, and the capex sum (which needs all four) is absent.
    #[test]
    fn ratios_use_the_concept_fallbacks_and_name_the_missing_filers() {
        let full = vec![
            company(
                789_019,
                vec![
                    four_quarters(Concept::PaymentsToAcquirePropertyPlantAndEquipment, 20e9),
                    four_quarters(Concept::DepreciationDepletionAndAmortization, 8e9),
                ],
            ),
            company(
                1_652_044,
                vec![
                    four_quarters(Concept::PaymentsToAcquirePropertyPlantAndEquipment, 22e9),
                    four_quarters(Concept::Depreciation, 6e9),
                ],
            ),
            company(
                1_018_724,
                vec![four_quarters(
                    Concept::PaymentsToAcquireProductiveAssets,
                    30e9,
                )],
            ),
        ];
        let out = derived_series(&[], &[], &full, date(2026, 3, 1));
        let get = |id: &str| out.iter().find(|s| s.meta.id == id);
        assert!(get("SEC_HYPERSCALER_CAPEX_TTM").is_none());
        assert!(get("SEC_HYPERSCALER_DEPR_3Y_HIT").is_none());
        // With no hyperscaler stored at all, no Big-4 figure (not a sum of nothing = 0).
        assert!(derived_series(&[], &[], &[], date(2026, 3, 1)).is_empty());
        let da = get("SEC_HYPERSCALER_CAPEX_TO_DA_TTM").expect("ratio over the filers present");
        // (4 × 20 + 4 × 22) / (4 × 8 + 4 × 6) = 168 / 56 = 3.0.
        assert_eq!(da.points, vec![(date(2025, 12, 31), 3.0)]);
        assert_eq!(
            da.meta.title,
            "Big-4 capex ÷ depreciation and amortization, trailing four quarters \
             (MSFT+GOOGL only; missing AMZN (no D&A), META (not stored))"
        );
        let t = super::super::hyperscalers::table(&full, date(2026, 3, 1));
        let googl = t.rows.iter().find(|r| r.ticker == "GOOGL").unwrap();
        let ttm = googl.trailing_four_quarters.as_ref().unwrap();
        assert_eq!(
            ttm.measures.concepts["depreciation_amortization"],
            "Depreciation"
        );
        let amzn = t.rows.iter().find(|r| r.ticker == "AMZN").unwrap();
        assert_eq!(
            amzn.trailing_four_quarters
                .as_ref()
                .unwrap()
                .measures
                .concepts["capex"],
            "PaymentsToAcquireProductiveAssets"
        );
    }

    #[test]
    fn small_universe_series_from_narrow_inputs_equal_the_screens_on_every_company() {
        use crate::companies::screens::{universe, unprofitable, zombies};
        use crate::companies::test_facts::annual;
        // 2,600 filers from a fixed generator (enough for ranks 1,001-3,000 of the current
        // ones): varied first and last years (some stale), floats, losses, coverage below and
        // above 1 and maturity schedules. The oracle is the screens run on every company, as
        // the audit computed these series before it loaded only the small universe's facts.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let companies: Vec<CompanyData> = (1..=2_600u64)
            .map(|cik| {
                let first = 2005 + next(15) as i16;
                // Four in five still file; the others stopped (stale: outside every universe).
                let last = if next(5) > 0 {
                    2025
                } else {
                    first + next(8) as i16
                };
                let mut facts = Vec::new();
                for year in first..=last {
                    let ebit = next(300) as f64 - 50.0;
                    facts.push(annual(Concept::OperatingIncomeLoss, year, ebit));
                    facts.push(annual(
                        Concept::InterestExpense,
                        year,
                        (next(100) + 1) as f64,
                    ));
                    facts.push(annual(
                        Concept::NetIncomeLoss,
                        year,
                        next(200) as f64 - 80.0,
                    ));
                    if next(5) > 0 {
                        let float = (next(1_000_000) + 1) as f64;
                        facts.push(annual(Concept::EntityPublicFloat, year, float));
                    }
                    if next(3) > 0 {
                        for bucket in Concept::MATURITY_BUCKETS {
                            facts.push(annual(bucket, year, next(1_000) as f64));
                        }
                        facts.push(annual(
                            Concept::MaturityAfterYearFive,
                            year,
                            next(5_000) as f64,
                        ));
                    }
                }
                CompanyData {
                    cik,
                    entity_name: format!("Filer {cik}"),
                    facts,
                }
            })
            .collect();
        let as_of = date(2026, 6, 30);
        let all: Vec<UnprofitableInputs> = companies.iter().map(UnprofitableInputs::of).collect();
        let ranked = universe_ciks(&all, as_of, Universe::Small);
        // The members' facts only, in reverse order (the order must not matter).
        let small: Vec<CompanyData> = companies
            .iter()
            .rev()
            .filter(|c| ranked.contains(&c.cik))
            .cloned()
            .collect();
        assert!(
            small.len() > 500,
            "the small universe must be filled: {}",
            small.len()
        );
        let out = derived_series(&all, &small, &[], as_of);
        let get = |id: &str| {
            out.iter()
                .find(|s| s.meta.id == id)
                .map(|s| s.points[0].1)
                .unwrap_or_else(|| panic!("{id} missing"))
        };
        let expected_unprofitable = unprofitable(&companies, as_of, Universe::Small)
            .share
            .unwrap();
        assert_eq!(
            get("SEC_R2K_UNPROFITABLE_SHARE"),
            100.0 * expected_unprofitable
        );
        let expected_zombies = zombies(&companies, as_of, Universe::Small).share.unwrap();
        assert!(expected_zombies > 0.0);
        assert_eq!(get("SEC_R2K_ICR_LT1_SHARE"), 100.0 * expected_zombies);
        let (mut due, mut total) = (0.0, 0.0);
        for company in universe(&companies, as_of, Universe::Small) {
            if let Some(schedule) = latest_maturity_schedule(&company.facts, as_of) {
                due += schedule.within_24_months();
                total += schedule.total();
            }
        }
        assert_eq!(get("SEC_R2K_DEBT_DUE_24M_SHARE"), 100.0 * due / total);
    }
}
