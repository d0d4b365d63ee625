//! The annual-value rules: which facts count as a company's value of a concept for a fiscal
//! year, as known on an as-of date.
//!
//! * **Annual duration value**: a fact from an annual report — form `10-K`, `10-K/A`, `20-F`
//!   or `40-F` — with `fp = FY` whose period (`start` to `end`) is 350 to 380 days long. This
//!   keeps 52/53-week years (364 or 371 days) and drops the quarterly and year-to-date values
//!   that 10-Qs report, and the fourth-quarter values some 10-Ks tag with `fp = FY`.
//! * **Point in time**: only facts filed on or before the as-of date count.
//! * **Restatements**: when several filings report the same concept for the same period end
//!   (a 10-K repeats the two prior years as comparatives), the most recently `filed` wins
//!   (ties: the larger accession number).
//! * **Instant values** (balance sheet, debt maturities): a fact without `start` from an
//!   annual report with `fp = FY`, taken at a fiscal year end, i.e. a date that ends an annual
//!   duration value of the same company; same restatement rule.
//! * **Interest expense**: for each fiscal year end, the first present of `InterestExpense`,
//!   `InterestExpenseNonoperating`, `InterestExpenseDebt`, `InterestPaidNet`.

use std::collections::BTreeMap;

use super::{Concept, Fact, days_between};
use crate::series::Date;

/// The forms of annual reports.
pub const ANNUAL_FORMS: [&str; 4] = ["10-K", "10-K/A", "20-F", "40-F"];
/// Shortest period of an annual duration value, in days.
pub const MIN_ANNUAL_DAYS: i64 = 350;
/// Longest period of an annual duration value, in days.
pub const MAX_ANNUAL_DAYS: i64 = 380;

/// A plain-language statement of the rules above, for `bullcheck checks`.
pub const ANNUAL_VALUE_DEFINITION: &str = "An annual value of a duration concept is a fact from a \
10-K, 10-K/A, 20-F or 40-F with fp = FY whose period is 350-380 days long. When several filings \
report the same concept for the same period end, the most recently filed wins; point-in-time \
screens use only facts filed on or before the as-of date. Instant concepts use the value at the \
fiscal year end. Interest expense is the first present of InterestExpense, \
InterestExpenseNonoperating, InterestExpenseDebt, InterestPaidNet.";

/// [`ANNUAL_VALUE_DEFINITION`] in Simplified Chinese.
pub const ANNUAL_VALUE_DEFINITION_ZH: &str = "持续期概念的年度值，取自 fp = FY 的 10-K、10-K/A、\
20-F 或 40-F 中期间长度为350-380天的事实。多份申报就同一期末报告同一概念时，以最近提交者为准；\
时点筛选只使用在评估日当天或之前提交的事实。时点概念取财年末的值。利息费用取 InterestExpense、\
InterestExpenseNonoperating、InterestExpenseDebt、InterestPaidNet 中第一个存在的值。";

pub fn is_annual_form(form: &str) -> bool {
    ANNUAL_FORMS.contains(&form)
}

fn is_annual_report_fact(fact: &Fact, as_of: Date) -> bool {
    fact.filed <= as_of && fact.fp.as_deref() == Some("FY") && is_annual_form(&fact.form)
}

fn is_annual_duration(fact: &Fact, as_of: Date) -> bool {
    let Some(start) = fact.start else {
        return false;
    };
    is_annual_report_fact(fact, as_of)
        && (MIN_ANNUAL_DAYS..=MAX_ANNUAL_DAYS).contains(&days_between(start, fact.end))
}

/// Keeps, per period end, the most recently filed fact.
fn latest_filed_by_end<'a>(facts: impl Iterator<Item = &'a Fact>) -> BTreeMap<Date, f64> {
    let mut best: BTreeMap<Date, &Fact> = BTreeMap::new();
    for fact in facts {
        best.entry(fact.end)
            .and_modify(|current| {
                if (fact.filed, fact.accn.as_str()) > (current.filed, current.accn.as_str()) {
                    *current = fact;
                }
            })
            .or_insert(fact);
    }
    best.into_iter()
        .map(|(end, fact)| (end, fact.val))
        .collect()
}

/// Annual values of a duration concept by fiscal year end, as known on `as_of`.
pub fn annual_durations(facts: &[Fact], concept: Concept, as_of: Date) -> BTreeMap<Date, f64> {
    latest_filed_by_end(
        facts
            .iter()
            .filter(|f| f.concept == concept && is_annual_duration(f, as_of)),
    )
}

/// The company's fiscal year ends known on `as_of`: the ends of its annual duration values of
/// any kept concept.
pub fn fiscal_year_ends(facts: &[Fact], as_of: Date) -> Vec<Date> {
    let mut ends: Vec<Date> = facts
        .iter()
        .filter(|f| !f.concept.is_instant() && is_annual_duration(f, as_of))
        .map(|f| f.end)
        .collect();
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// Annual values of an instant concept at the company's fiscal year ends, as known on `as_of`.
pub fn annual_instants(facts: &[Fact], concept: Concept, as_of: Date) -> BTreeMap<Date, f64> {
    let year_ends = fiscal_year_ends(facts, as_of);
    annual_instants_at(facts, concept, as_of, &year_ends)
}

/// Like [`annual_instants`] with the fiscal year ends already computed.
pub fn annual_instants_at(
    facts: &[Fact],
    concept: Concept,
    as_of: Date,
    year_ends: &[Date],
) -> BTreeMap<Date, f64> {
    latest_filed_by_end(facts.iter().filter(|f| {
        f.concept == concept
            && f.start.is_none()
            && is_annual_report_fact(f, as_of)
            && year_ends.binary_search(&f.end).is_ok()
    }))
}

/// Annual interest expense by fiscal year end: per end, the first variant present.
pub fn annual_interest_expense(facts: &[Fact], as_of: Date) -> BTreeMap<Date, f64> {
    let mut result = BTreeMap::new();
    for variant in Concept::INTEREST_VARIANTS {
        for (end, val) in annual_durations(facts, variant, as_of) {
            result.entry(end).or_insert(val);
        }
    }
    result
}

/// The filing date of the company's first annual report known on `as_of`.
pub fn first_annual_filing(facts: &[Fact], as_of: Date) -> Option<Date> {
    facts
        .iter()
        .filter(|f| f.filed <= as_of && is_annual_form(&f.form))
        .map(|f| f.filed)
        .min()
}

/// The filing date of the company's latest annual report known on `as_of`.
pub fn latest_annual_filing(facts: &[Fact], as_of: Date) -> Option<Date> {
    facts
        .iter()
        .filter(|f| f.filed <= as_of && is_annual_form(&f.form))
        .map(|f| f.filed)
        .max()
}

#[cfg(test)]
mod tests {
    //! Hand-built facts; the expected values are read off the facts by hand.
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::constant(y, m, day)
    }

    fn fact(
        concept: Concept,
        start: Option<Date>,
        end: Date,
        val: f64,
        fp: &str,
        form: &str,
        filed: Date,
    ) -> Fact {
        Fact {
            concept,
            start,
            end,
            val,
            fy: None,
            fp: Some(fp.to_string()),
            form: form.to_string(),
            filed,
            accn: format!("accn-{filed}"),
            frame: None,
        }
    }

    #[test]
    fn restatement_latest_filing_wins_and_as_of_sees_only_earlier_filings() {
        let ni = Concept::NetIncomeLoss;
        let facts = vec![
            // FY2023 first reported 100, restated to 80 in the FY2024 10-K.
            fact(
                ni,
                Some(d(2023, 1, 1)),
                d(2023, 12, 31),
                100.0,
                "FY",
                "10-K",
                d(2024, 2, 20),
            ),
            fact(
                ni,
                Some(d(2023, 1, 1)),
                d(2023, 12, 31),
                80.0,
                "FY",
                "10-K",
                d(2025, 2, 21),
            ),
            fact(
                ni,
                Some(d(2024, 1, 1)),
                d(2024, 12, 31),
                -5.0,
                "FY",
                "10-K",
                d(2025, 2, 21),
            ),
            // A 10-Q quarter and a 9-month year-to-date value: not annual.
            fact(
                ni,
                Some(d(2024, 7, 1)),
                d(2024, 9, 30),
                7.0,
                "Q3",
                "10-Q",
                d(2024, 11, 1),
            ),
            fact(
                ni,
                Some(d(2024, 1, 1)),
                d(2024, 9, 30),
                21.0,
                "Q3",
                "10-Q",
                d(2024, 11, 1),
            ),
            // A fourth quarter tagged FY inside a 10-K: 91 days, not annual.
            fact(
                ni,
                Some(d(2024, 10, 1)),
                d(2024, 12, 31),
                -30.0,
                "FY",
                "10-K",
                d(2025, 2, 21),
            ),
            // A full-year value in an 8-K: wrong form.
            fact(
                ni,
                Some(d(2024, 1, 1)),
                d(2024, 12, 31),
                999.0,
                "FY",
                "8-K",
                d(2025, 2, 1),
            ),
        ];
        let latest = annual_durations(&facts, ni, d(2026, 1, 1));
        assert_eq!(
            latest.into_iter().collect::<Vec<_>>(),
            vec![(d(2023, 12, 31), 80.0), (d(2024, 12, 31), -5.0)]
        );
        let then = annual_durations(&facts, ni, d(2024, 12, 31));
        assert_eq!(
            then.into_iter().collect::<Vec<_>>(),
            vec![(d(2023, 12, 31), 100.0)]
        );
        // Filed on the as-of day counts.
        assert_eq!(
            annual_durations(&facts, ni, d(2025, 2, 21)).get(&d(2023, 12, 31)),
            Some(&80.0)
        );
    }

    #[test]
    fn fifty_two_fifty_three_week_years_and_period_limits() {
        let rev = Concept::Revenues;
        let facts = vec![
            // 53-week year: 2023-10-01 .. 2024-10-05 is 370 days.
            fact(
                rev,
                Some(d(2023, 10, 1)),
                d(2024, 10, 5),
                53.0,
                "FY",
                "10-K",
                d(2024, 11, 20),
            ),
            // 52-week year: 2022-10-02 .. 2023-09-30 is 363 days.
            fact(
                rev,
                Some(d(2022, 10, 2)),
                d(2023, 9, 30),
                52.0,
                "FY",
                "10-K",
                d(2023, 11, 20),
            ),
            // 349 days and 381 days: outside the window.
            fact(
                rev,
                Some(d(2020, 1, 1)),
                d(2020, 12, 15),
                1.0,
                "FY",
                "10-K",
                d(2021, 2, 1),
            ),
            fact(
                rev,
                Some(d(2018, 1, 1)),
                d(2019, 1, 17),
                2.0,
                "FY",
                "10-K",
                d(2019, 3, 1),
            ),
            // 350 and 380 days: inside (20-F and 40-F count).
            fact(
                rev,
                Some(d(2016, 1, 1)),
                d(2016, 12, 16),
                3.0,
                "FY",
                "20-F",
                d(2017, 3, 1),
            ),
            fact(
                rev,
                Some(d(2014, 1, 1)),
                d(2015, 1, 16),
                4.0,
                "FY",
                "40-F",
                d(2015, 3, 1),
            ),
        ];
        let values: Vec<f64> = annual_durations(&facts, rev, d(2030, 1, 1))
            .into_values()
            .collect();
        assert_eq!(values, vec![4.0, 3.0, 52.0, 53.0]);
        assert_eq!(
            fiscal_year_ends(&facts, d(2030, 1, 1)),
            vec![
                d(2015, 1, 16),
                d(2016, 12, 16),
                d(2023, 9, 30),
                d(2024, 10, 5)
            ]
        );
    }

    #[test]
    fn instants_only_at_fiscal_year_ends_from_annual_reports() {
        let oi = Concept::OperatingIncomeLoss;
        let debt = Concept::MaturityNextTwelveMonths;
        let facts = vec![
            fact(
                oi,
                Some(d(2024, 1, 1)),
                d(2024, 12, 31),
                10.0,
                "FY",
                "10-K",
                d(2025, 2, 20),
            ),
            fact(
                debt,
                None,
                d(2024, 12, 31),
                500.0,
                "FY",
                "10-K",
                d(2025, 2, 20),
            ),
            fact(
                debt,
                None,
                d(2024, 12, 31),
                550.0,
                "FY",
                "10-K/A",
                d(2025, 5, 1),
            ),
            // A quarter-end balance in a 10-Q and a mid-year date in a 10-K: not fiscal year ends.
            fact(
                debt,
                None,
                d(2025, 3, 31),
                700.0,
                "Q1",
                "10-Q",
                d(2025, 5, 2),
            ),
            fact(
                debt,
                None,
                d(2024, 6, 30),
                650.0,
                "FY",
                "10-K",
                d(2025, 2, 20),
            ),
        ];
        let at_end: Vec<(Date, f64)> = annual_instants(&facts, debt, d(2026, 1, 1))
            .into_iter()
            .collect();
        assert_eq!(at_end, vec![(d(2024, 12, 31), 550.0)]);
        assert_eq!(
            annual_instants(&facts, debt, d(2025, 4, 1)).get(&d(2024, 12, 31)),
            Some(&500.0)
        );
    }

    #[test]
    fn interest_expense_takes_the_first_present_variant_per_year() {
        let year = |y: i16| (Some(d(y, 1, 1)), d(y, 12, 31), d(y + 1, 2, 15));
        let mut facts = Vec::new();
        for (concept, y, val) in [
            (Concept::InterestPaidNet, 2022, 9.0),
            (Concept::InterestExpenseDebt, 2022, 8.0),
            (Concept::InterestPaidNet, 2023, 7.0),
            (Concept::InterestExpense, 2024, 6.0),
            (Concept::InterestExpenseNonoperating, 2024, 5.0),
            (Concept::InterestPaidNet, 2024, 4.0),
        ] {
            let (start, end, filed) = year(y);
            facts.push(fact(concept, start, end, val, "FY", "10-K", filed));
        }
        let interest: Vec<f64> = annual_interest_expense(&facts, d(2030, 1, 1))
            .into_values()
            .collect();
        assert_eq!(interest, vec![8.0, 7.0, 6.0]);
        assert_eq!(
            first_annual_filing(&facts, d(2030, 1, 1)),
            Some(d(2023, 2, 15))
        );
        assert_eq!(
            latest_annual_filing(&facts, d(2024, 12, 31)),
            Some(d(2024, 2, 15))
        );
    }
}
