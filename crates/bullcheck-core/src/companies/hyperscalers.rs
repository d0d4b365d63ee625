//! The hyperscalers table: capex, revenue, operating cash flow, D&A and net income of
//! Microsoft, Alphabet, Amazon, Meta and Oracle, by fiscal year (annual values, see
//! [`super::annual`]), calendarised by calendar year, and trailing four quarters; capex/OCF and
//! capex/D&A; and the depreciation-life sensitivity (docs/catalogue.md M2) on their capex history.
//!
//! Quarterly values: a 10-Q reports cash-flow items year-to-date, so a discrete quarter is
//! either a reported 80-100-day value or the difference of two year-to-date values with the
//! same start (Q4 = fiscal year − nine months). Same restatement and as-of rules as annual
//! values. A calendar year is the sum of the four quarters ending in it (none when one is
//! missing).
//!
//! Each measure is an ordered list of equivalent concepts, the first present winning per
//! period ([`Concept::CAPEX_VARIANTS`], [`Concept::REVENUE_VARIANTS`],
//! [`Concept::OPERATING_CASH_FLOW_VARIANTS`], [`Concept::DEPRECIATION_VARIANTS`]), and every
//! row says which concept each value came from (`concepts`): filers change tags (Nvidia's
//! capex moved to `PaymentsToAcquireProductiveAssets`, its revenue to `Revenues`) and some never
//! use the first choice (Alphabet reports `Depreciation`, not D&A). Finance-lease additions are
//! not included in capex.

use std::collections::BTreeMap;

use serde::Serialize;

use super::annual::annual_durations;
use super::{CompanyData, Concept, Fact, days_between};
use crate::models::depreciation::depreciation_from_vintages;
use crate::series::Date;

pub struct Hyperscaler {
    pub cik: u64,
    pub ticker: &'static str,
    pub name: &'static str,
}

/// SEC CIKs of the five companies.
pub const HYPERSCALERS: [Hyperscaler; 5] = [
    Hyperscaler {
        cik: 789_019,
        ticker: "MSFT",
        name: "Microsoft",
    },
    Hyperscaler {
        cik: 1_652_044,
        ticker: "GOOGL",
        name: "Alphabet",
    },
    Hyperscaler {
        cik: 1_018_724,
        ticker: "AMZN",
        name: "Amazon",
    },
    Hyperscaler {
        cik: 1_326_801,
        ticker: "META",
        name: "Meta Platforms",
    },
    Hyperscaler {
        cik: 1_341_439,
        ticker: "ORCL",
        name: "Oracle",
    },
];

/// The measures, each a list of concepts where the first present wins per period.
const MEASURES: [(&str, &[Concept]); 5] = [
    ("capex", &Concept::CAPEX_VARIANTS),
    ("revenue", &Concept::REVENUE_VARIANTS),
    (
        "operating_cash_flow",
        &Concept::OPERATING_CASH_FLOW_VARIANTS,
    ),
    ("depreciation_amortization", &Concept::DEPRECIATION_VARIANTS),
    ("net_income", &[Concept::NetIncomeLoss]),
];

/// A value and the concept (or concepts, for sums over quarters) it came from.
type Sourced = (f64, String);

/// Values of the five measures for one period (`None` = not reported).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Measures {
    pub capex: Option<f64>,
    pub revenue: Option<f64>,
    pub operating_cash_flow: Option<f64>,
    pub depreciation_amortization: Option<f64>,
    pub net_income: Option<f64>,
    pub capex_to_ocf: Option<f64>,
    pub capex_to_da: Option<f64>,
    pub capex_to_revenue: Option<f64>,
    /// Measure name → the XBRL concept its value came from (`A+B` when the quarters of a sum
    /// used different concepts); only for measures with a value.
    pub concepts: BTreeMap<&'static str, String>,
}

impl Measures {
    fn from_values(values: [Option<Sourced>; 5]) -> Measures {
        let mut concepts = BTreeMap::new();
        for (i, value) in values.iter().enumerate() {
            if let Some((_, concept)) = value {
                concepts.insert(MEASURES[i].0, concept.clone());
            }
        }
        let [capex, revenue, ocf, da, net_income] = values.map(|v| v.map(|(x, _)| x));
        let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) if b != 0.0 => Some(a / b),
            _ => None,
        };
        Measures {
            capex,
            revenue,
            operating_cash_flow: ocf,
            depreciation_amortization: da,
            net_income,
            capex_to_ocf: ratio(capex, ocf),
            capex_to_da: ratio(capex, da),
            capex_to_revenue: ratio(capex, revenue),
            concepts,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRow {
    /// Fiscal year end, calendar year (`2024`), or the end of the trailing four quarters.
    pub period: String,
    #[serde(flatten)]
    pub measures: Measures,
}

/// M2 on the company's fiscal-year capex: depreciation of the last vintages over 6 and 3 years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifeSensitivity {
    pub fiscal_year_end: String,
    pub depreciation_6y: f64,
    pub depreciation_3y: f64,
    /// D(3) − D(6): extra pre-tax expense if all capex were depreciated over 3 years.
    pub extra_depreciation: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HyperscalerRow {
    pub cik: u64,
    pub ticker: &'static str,
    pub name: &'static str,
    pub fiscal_years: Vec<PeriodRow>,
    pub calendar_years: Vec<PeriodRow>,
    pub trailing_four_quarters: Option<PeriodRow>,
    pub life_sensitivity: Option<LifeSensitivity>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HyperscalerTable {
    pub screen: &'static str,
    pub as_of: String,
    pub universe: &'static str,
    pub companies: usize,
    pub note: &'static str,
    /// [`HyperscalerTable::note`] in Chinese (the JSON keeps the English).
    #[serde(skip)]
    pub note_zh: &'static str,
    pub rows: Vec<HyperscalerRow>,
}

pub const NOTE: &str = "Capex = PaymentsToAcquirePropertyPlantAndEquipment, else \
PaymentsToAcquireProductiveAssets; D&A = DepreciationDepletionAndAmortization, else \
DepreciationAndAmortization, DepreciationAmortizationAndAccretionNet, Depreciation; revenue = \
RevenueFromContractWithCustomerExcludingAssessedTax, else Revenues, SalesRevenueNet (the first \
present per period; `concepts` names the one used). Finance-lease additions excluded. The life \
sensitivity applies 6- and 3-year straight-line lives to all capex (an upper bound: not all \
capex is servers).";

/// [`NOTE`] in Chinese.
pub const NOTE_ZH: &str = "资本开支 = PaymentsToAcquirePropertyPlantAndEquipment，否则 \
PaymentsToAcquireProductiveAssets；折旧摊销 = DepreciationDepletionAndAmortization，否则 \
DepreciationAndAmortization、DepreciationAmortizationAndAccretionNet、Depreciation；营收 = \
RevenueFromContractWithCustomerExcludingAssessedTax，否则 Revenues、SalesRevenueNet（每期取第一个\
存在的概念，JSON 输出列出所用概念）。不含融资租赁新增。使用年限敏感性对全部资本开支按6年和3年直线\
折旧（为上限：并非所有资本开支都是服务器）。";

/// First present concept per key, with the concept's name.
fn first_present<K: Ord + Copy>(
    per_concept: impl Iterator<Item = (Concept, BTreeMap<K, f64>)>,
) -> BTreeMap<K, (f64, Concept)> {
    let mut result = BTreeMap::new();
    for (concept, values) in per_concept {
        for (key, val) in values {
            result.entry(key).or_insert((val, concept));
        }
    }
    result
}

/// The names of the concepts of `used`, in first-use order, joined by `+`.
fn concept_names(used: &[Concept]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for c in used {
        if !names.contains(&c.name()) {
            names.push(c.name());
        }
    }
    names.join("+")
}

/// Discrete quarters (start, end) → value for one concept, as known on `as_of`.
fn quarters(facts: &[Fact], concept: Concept, as_of: Date) -> BTreeMap<(Date, Date), f64> {
    let mut latest: BTreeMap<(Date, Date), &Fact> = BTreeMap::new();
    for fact in facts
        .iter()
        .filter(|f| f.concept == concept && f.filed <= as_of)
    {
        let Some(start) = fact.start else { continue };
        latest
            .entry((start, fact.end))
            .and_modify(|current| {
                if (fact.filed, fact.accn.as_str()) > (current.filed, current.accn.as_str()) {
                    *current = fact;
                }
            })
            .or_insert(fact);
    }
    let values: BTreeMap<(Date, Date), f64> = latest.into_iter().map(|(k, f)| (k, f.val)).collect();
    let is_quarter = |start: Date, end: Date| (80..=100).contains(&days_between(start, end));
    let mut result = BTreeMap::new();
    for (&(start, end), &val) in &values {
        if is_quarter(start, end) {
            result.insert((start, end), val);
        }
    }
    // Differences of year-to-date values with the same start.
    for (&(start, end), &val) in &values {
        for (&(other_start, earlier_end), &earlier) in values.range((start, start)..(start, end)) {
            if other_start != start {
                continue;
            }
            let Some(quarter_start) = earlier_end.tomorrow().ok() else {
                continue;
            };
            if is_quarter(quarter_start, end) {
                result.entry((quarter_start, end)).or_insert(val - earlier);
            }
        }
    }
    result
}

fn row_for(company: &CompanyData, who: &Hyperscaler, as_of: Date) -> HyperscalerRow {
    let facts = &company.facts;
    let annual: Vec<BTreeMap<Date, (f64, Concept)>> = MEASURES
        .iter()
        .map(|(_, concepts)| {
            first_present(
                concepts
                    .iter()
                    .map(|&c| (c, annual_durations(facts, c, as_of))),
            )
        })
        .collect();
    let mut year_ends: Vec<Date> = annual.iter().flat_map(|m| m.keys().copied()).collect();
    year_ends.sort_unstable();
    year_ends.dedup();
    let fiscal_years = year_ends
        .iter()
        .map(|end| PeriodRow {
            period: end.to_string(),
            measures: Measures::from_values(std::array::from_fn(|i| {
                annual[i].get(end).map(|&(v, c)| (v, c.name().to_string()))
            })),
        })
        .collect();

    let quarterly: Vec<BTreeMap<(Date, Date), (f64, Concept)>> = MEASURES
        .iter()
        .map(|(_, concepts)| {
            first_present(concepts.iter().map(|&c| (c, quarters(facts, c, as_of))))
        })
        .collect();
    // Calendar years: four quarters ending in the year.
    let mut by_year: BTreeMap<i16, [(f64, Vec<Concept>); 5]> = BTreeMap::new();
    for (i, measure) in quarterly.iter().enumerate() {
        for (&(_, end), &(val, concept)) in measure {
            let entry = by_year
                .entry(end.year())
                .or_insert_with(|| std::array::from_fn(|_| (0.0, Vec::new())));
            entry[i].0 += val;
            entry[i].1.push(concept);
        }
    }
    let calendar_years = by_year
        .into_iter()
        .map(|(year, sums)| PeriodRow {
            period: year.to_string(),
            measures: Measures::from_values(
                sums.map(|(sum, used)| (used.len() == 4).then(|| (sum, concept_names(&used)))),
            ),
        })
        .collect();
    // Trailing four quarters ending at the latest quarter end of capex.
    let trailing_four_quarters = quarterly[0]
        .keys()
        .map(|&(_, end)| end)
        .max()
        .map(|last_end| {
            let values = std::array::from_fn(|i| {
                let mut chain: Vec<(f64, Concept)> = Vec::new();
                let mut end = last_end;
                while chain.len() < 4 {
                    let Some((&(start, _), &value)) =
                        quarterly[i].iter().find(|((_, e), _)| *e == end)
                    else {
                        break;
                    };
                    chain.push(value);
                    let Some(previous) = start.yesterday().ok() else {
                        break;
                    };
                    end = previous;
                }
                (chain.len() == 4).then(|| {
                    let used: Vec<Concept> = chain.iter().map(|c| c.1).collect();
                    (chain.iter().map(|c| c.0).sum(), concept_names(&used))
                })
            });
            PeriodRow {
                period: last_end.to_string(),
                measures: Measures::from_values(values),
            }
        });
    let capex_history: Vec<f64> = annual[0].values().map(|v| v.0).collect();
    let life_sensitivity = annual[0].keys().last().and_then(|&end| {
        let six = depreciation_from_vintages(&capex_history, 6)?;
        let three = depreciation_from_vintages(&capex_history, 3)?;
        Some(LifeSensitivity {
            fiscal_year_end: end.to_string(),
            depreciation_6y: six,
            depreciation_3y: three,
            extra_depreciation: three - six,
        })
    });
    HyperscalerRow {
        cik: who.cik,
        ticker: who.ticker,
        name: who.name,
        fiscal_years,
        calendar_years,
        trailing_four_quarters,
        life_sensitivity,
    }
}

/// The table over whichever of the five companies are in `companies`.
pub fn table(companies: &[CompanyData], as_of: Date) -> HyperscalerTable {
    let rows: Vec<HyperscalerRow> = HYPERSCALERS
        .iter()
        .filter_map(|who| {
            companies
                .iter()
                .find(|c| c.cik == who.cik)
                .map(|c| row_for(c, who, as_of))
        })
        .collect();
    HyperscalerTable {
        screen: "hyperscalers",
        as_of: as_of.to_string(),
        universe: "hyperscalers",
        companies: rows.len(),
        note: NOTE,
        note_zh: NOTE_ZH,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::constant(y, m, day)
    }

    fn fact(
        concept: Concept,
        start: Date,
        end: Date,
        val: f64,
        fp: &str,
        form: &str,
        filed: Date,
    ) -> Fact {
        Fact {
            concept,
            start: Some(start),
            end,
            val,
            fy: None,
            fp: Some(fp.to_string()),
            form: form.to_string(),
            filed,
            accn: format!("{filed}"),
            frame: None,
        }
    }

    #[test]
    fn quarters_from_year_to_date_values_and_calendarisation() {
        // A June fiscal year (like Microsoft's) FY2025: 2024-07-01 .. 2025-06-30. Capex YTD:
        // Q1 10, H1 25, 9M 45, FY 70 → quarters 10, 15, 20, 25 ending Sep, Dec, Mar, Jun.
        let capex = Concept::PaymentsToAcquirePropertyPlantAndEquipment;
        let start = d(2024, 7, 1);
        let mut facts = vec![
            fact(
                capex,
                start,
                d(2024, 9, 30),
                10.0,
                "Q1",
                "10-Q",
                d(2024, 10, 30),
            ),
            fact(
                capex,
                start,
                d(2024, 12, 31),
                25.0,
                "Q2",
                "10-Q",
                d(2025, 1, 29),
            ),
            fact(
                capex,
                start,
                d(2025, 3, 31),
                45.0,
                "Q3",
                "10-Q",
                d(2025, 4, 30),
            ),
            fact(
                capex,
                start,
                d(2025, 6, 30),
                70.0,
                "FY",
                "10-K",
                d(2025, 7, 30),
            ),
        ];
        // Prior year's last two quarters for the calendar year 2024: Jan-Mar 7, Apr-Jun 8
        // (FY2024: Q1..Q3 YTD 9M = 20, FY = 28).
        let prior = d(2023, 7, 1);
        facts.push(fact(
            capex,
            prior,
            d(2023, 9, 30),
            6.0,
            "Q1",
            "10-Q",
            d(2023, 10, 30),
        ));
        facts.push(fact(
            capex,
            prior,
            d(2023, 12, 31),
            13.0,
            "Q2",
            "10-Q",
            d(2024, 1, 30),
        ));
        facts.push(fact(
            capex,
            prior,
            d(2024, 3, 31),
            20.0,
            "Q3",
            "10-Q",
            d(2024, 4, 30),
        ));
        facts.push(fact(
            capex,
            prior,
            d(2024, 6, 30),
            28.0,
            "FY",
            "10-K",
            d(2024, 7, 30),
        ));
        let company = CompanyData {
            cik: 789_019,
            entity_name: "MICROSOFT CORP".to_string(),
            facts,
        };
        let table = table(&[company], d(2026, 1, 1));
        let row = &table.rows[0];
        let fiscal: Vec<Option<f64>> = row.fiscal_years.iter().map(|p| p.measures.capex).collect();
        assert_eq!(fiscal, vec![Some(28.0), Some(70.0)]);
        // CY2024 = Jan-Mar 7 + Apr-Jun 8 + Jul-Sep 10 + Oct-Dec 15 = 40.
        let cy2024 = row
            .calendar_years
            .iter()
            .find(|p| p.period == "2024")
            .unwrap();
        assert_eq!(cy2024.measures.capex, Some(40.0));
        // TTM to 2025-06-30 = 10 + 15 + 20 + 25 = 70.
        let ttm = row.trailing_four_quarters.as_ref().unwrap();
        assert_eq!(
            (ttm.period.as_str(), ttm.measures.capex),
            ("2025-06-30", Some(70.0))
        );
        // Only two years of capex: no 3- or 6-year depreciation.
        assert_eq!(row.life_sensitivity, None);
    }
}
