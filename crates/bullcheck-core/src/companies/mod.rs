//! SEC XBRL company facts for the company screens: the concepts bullcheck keeps, the compact
//! fact rows it stores, fast extraction from one `companyfacts` JSON document
//! ([`extract`]), the annual-value rules ([`annual`]), the universes and screens
//! ([`screens`]) and the hyperscaler tables ([`hyperscalers`]).
//!
//! Everything here is pure: callers hand in bytes or facts and an as-of date.

pub mod annual;
pub mod derived;
pub mod extract;
pub mod hyperscalers;
pub mod render;
pub mod screens;

use crate::series::Date;

/// The XBRL concepts the screens need. Everything else in a `companyfacts` document is
/// skipped without being materialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Concept {
    NetIncomeLoss,
    OperatingIncomeLoss,
    InterestExpense,
    InterestExpenseNonoperating,
    InterestExpenseDebt,
    InterestPaidNet,
    Revenues,
    RevenueFromContractWithCustomerExcludingAssessedTax,
    PaymentsToAcquirePropertyPlantAndEquipment,
    PaymentsToAcquireProductiveAssets,
    DepreciationDepletionAndAmortization,
    DepreciationAndAmortization,
    DepreciationAmortizationAndAccretionNet,
    Depreciation,
    SalesRevenueNet,
    NetCashProvidedByUsedInOperatingActivities,
    NetCashProvidedByUsedInOperatingActivitiesContinuingOperations,
    LongTermDebt,
    MaturityNextTwelveMonths,
    MaturityYearTwo,
    MaturityYearThree,
    MaturityYearFour,
    MaturityYearFive,
    MaturityAfterYearFive,
    EntityPublicFloat,
}

impl Concept {
    pub const ALL: [Concept; 25] = [
        Concept::NetIncomeLoss,
        Concept::OperatingIncomeLoss,
        Concept::InterestExpense,
        Concept::InterestExpenseNonoperating,
        Concept::InterestExpenseDebt,
        Concept::InterestPaidNet,
        Concept::Revenues,
        Concept::RevenueFromContractWithCustomerExcludingAssessedTax,
        Concept::PaymentsToAcquirePropertyPlantAndEquipment,
        Concept::PaymentsToAcquireProductiveAssets,
        Concept::DepreciationDepletionAndAmortization,
        Concept::DepreciationAndAmortization,
        Concept::DepreciationAmortizationAndAccretionNet,
        Concept::Depreciation,
        Concept::SalesRevenueNet,
        Concept::NetCashProvidedByUsedInOperatingActivities,
        Concept::NetCashProvidedByUsedInOperatingActivitiesContinuingOperations,
        Concept::LongTermDebt,
        Concept::MaturityNextTwelveMonths,
        Concept::MaturityYearTwo,
        Concept::MaturityYearThree,
        Concept::MaturityYearFour,
        Concept::MaturityYearFive,
        Concept::MaturityAfterYearFive,
        Concept::EntityPublicFloat,
    ];

    /// Capital expenditure, in order of preference (the first present wins per period):
    /// purchases of property, plant and equipment, else of productive assets (Amazon; Nvidia
    /// from fiscal 2021).
    pub const CAPEX_VARIANTS: [Concept; 2] = [
        Concept::PaymentsToAcquirePropertyPlantAndEquipment,
        Concept::PaymentsToAcquireProductiveAssets,
    ];

    /// Revenue, in order of preference: ASC 606 revenue, else `Revenues` (Nvidia from fiscal
    /// 2023), else the pre-2018 `SalesRevenueNet`.
    pub const REVENUE_VARIANTS: [Concept; 3] = [
        Concept::RevenueFromContractWithCustomerExcludingAssessedTax,
        Concept::Revenues,
        Concept::SalesRevenueNet,
    ];

    /// Depreciation and amortisation, in order of preference. Alphabet reports only
    /// `Depreciation` (its intangible amortisation is small and tagged apart), so the last
    /// fallback is depreciation alone; which concept a value came from is always reported.
    pub const DEPRECIATION_VARIANTS: [Concept; 4] = [
        Concept::DepreciationDepletionAndAmortization,
        Concept::DepreciationAndAmortization,
        Concept::DepreciationAmortizationAndAccretionNet,
        Concept::Depreciation,
    ];

    /// Operating cash flow, in order of preference.
    pub const OPERATING_CASH_FLOW_VARIANTS: [Concept; 2] = [
        Concept::NetCashProvidedByUsedInOperatingActivities,
        Concept::NetCashProvidedByUsedInOperatingActivitiesContinuingOperations,
    ];

    /// Interest expense variants, in order of preference: the first present wins.
    pub const INTEREST_VARIANTS: [Concept; 4] = [
        Concept::InterestExpense,
        Concept::InterestExpenseNonoperating,
        Concept::InterestExpenseDebt,
        Concept::InterestPaidNet,
    ];

    /// Debt maturity buckets 1 (next twelve months) to 5 (year five).
    pub const MATURITY_BUCKETS: [Concept; 5] = [
        Concept::MaturityNextTwelveMonths,
        Concept::MaturityYearTwo,
        Concept::MaturityYearThree,
        Concept::MaturityYearFour,
        Concept::MaturityYearFive,
    ];

    /// `us-gaap` or `dei`.
    pub fn taxonomy(self) -> &'static str {
        match self {
            Concept::EntityPublicFloat => "dei",
            _ => "us-gaap",
        }
    }

    /// The XBRL element name.
    pub fn name(self) -> &'static str {
        match self {
            Concept::NetIncomeLoss => "NetIncomeLoss",
            Concept::OperatingIncomeLoss => "OperatingIncomeLoss",
            Concept::InterestExpense => "InterestExpense",
            Concept::InterestExpenseNonoperating => "InterestExpenseNonoperating",
            Concept::InterestExpenseDebt => "InterestExpenseDebt",
            Concept::InterestPaidNet => "InterestPaidNet",
            Concept::Revenues => "Revenues",
            Concept::RevenueFromContractWithCustomerExcludingAssessedTax => {
                "RevenueFromContractWithCustomerExcludingAssessedTax"
            }
            Concept::PaymentsToAcquirePropertyPlantAndEquipment => {
                "PaymentsToAcquirePropertyPlantAndEquipment"
            }
            Concept::PaymentsToAcquireProductiveAssets => "PaymentsToAcquireProductiveAssets",
            Concept::DepreciationDepletionAndAmortization => "DepreciationDepletionAndAmortization",
            Concept::DepreciationAndAmortization => "DepreciationAndAmortization",
            Concept::DepreciationAmortizationAndAccretionNet => {
                "DepreciationAmortizationAndAccretionNet"
            }
            Concept::Depreciation => "Depreciation",
            Concept::SalesRevenueNet => "SalesRevenueNet",
            Concept::NetCashProvidedByUsedInOperatingActivities => {
                "NetCashProvidedByUsedInOperatingActivities"
            }
            Concept::NetCashProvidedByUsedInOperatingActivitiesContinuingOperations => {
                "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"
            }
            Concept::LongTermDebt => "LongTermDebt",
            Concept::MaturityNextTwelveMonths => {
                "LongTermDebtMaturitiesRepaymentsOfPrincipalInNextTwelveMonths"
            }
            Concept::MaturityYearTwo => "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearTwo",
            Concept::MaturityYearThree => "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearThree",
            Concept::MaturityYearFour => "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearFour",
            Concept::MaturityYearFive => "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearFive",
            Concept::MaturityAfterYearFive => {
                "LongTermDebtMaturitiesRepaymentsOfPrincipalAfterYearFive"
            }
            Concept::EntityPublicFloat => "EntityPublicFloat",
        }
    }

    /// The concept of a taxonomy and element name, if bullcheck keeps it.
    pub fn from_names(taxonomy: &str, name: &str) -> Option<Concept> {
        Concept::ALL
            .into_iter()
            .find(|c| c.taxonomy() == taxonomy && c.name() == name)
    }

    /// The only unit accepted for the concept (all kept concepts are US-dollar amounts).
    pub fn unit(self) -> &'static str {
        "USD"
    }

    /// Balance-sheet style concepts, reported at a date rather than over a period.
    pub fn is_instant(self) -> bool {
        matches!(
            self,
            Concept::LongTermDebt
                | Concept::MaturityNextTwelveMonths
                | Concept::MaturityYearTwo
                | Concept::MaturityYearThree
                | Concept::MaturityYearFour
                | Concept::MaturityYearFive
                | Concept::MaturityAfterYearFive
                | Concept::EntityPublicFloat
        )
    }
}

/// One kept XBRL fact (unit is always [`Concept::unit`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub concept: Concept,
    pub start: Option<Date>,
    pub end: Date,
    pub val: f64,
    pub fy: Option<i32>,
    pub fp: Option<String>,
    pub form: String,
    pub filed: Date,
    pub accn: String,
    pub frame: Option<String>,
}

/// The kept facts of one company.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyData {
    pub cik: u64,
    pub entity_name: String,
    pub facts: Vec<Fact>,
}

/// The companies as they stood on `as_of`: each one's facts filed on or before that date, in
/// their order, and only the companies with at least one such fact: what loading the store
/// "as of" that date returns, derived in memory from one load as of a later date (the report
/// screens every year-end since 2009 from a single load).
pub fn filed_by(companies: &[CompanyData], as_of: Date) -> Vec<CompanyData> {
    companies
        .iter()
        .filter_map(|company| {
            let facts: Vec<Fact> = company
                .facts
                .iter()
                .filter(|fact| fact.filed <= as_of)
                .cloned()
                .collect();
            (!facts.is_empty()).then(|| CompanyData {
                cik: company.cik,
                entity_name: company.entity_name.clone(),
                facts,
            })
        })
        .collect()
}

/// Why a company document was skipped during ingest. `name()` is what summaries print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// The archive entry could not be read (bad compressed data, CRC mismatch, I/O error).
    CorruptEntry,
    /// Not JSON, or truncated JSON.
    InvalidJson,
    /// No `facts` object.
    MissingFacts,
    /// A kept concept reported in a unit other than US dollars.
    UnexpectedUnit,
    /// A field of the wrong type or form (e.g. `val` as a string, `end` not a date, no `cik`).
    BadValue,
    /// The entry inflates past the per-entry or total size cap (a zip bomb, or a header that
    /// declares an impossible size): skipped without being read whole.
    TooLarge,
}

impl SkipReason {
    pub const ALL: [SkipReason; 6] = [
        SkipReason::CorruptEntry,
        SkipReason::InvalidJson,
        SkipReason::MissingFacts,
        SkipReason::UnexpectedUnit,
        SkipReason::BadValue,
        SkipReason::TooLarge,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SkipReason::CorruptEntry => "corrupt-entry",
            SkipReason::InvalidJson => "invalid-json",
            SkipReason::MissingFacts => "missing-facts",
            SkipReason::UnexpectedUnit => "unexpected-unit",
            SkipReason::BadValue => "bad-value",
            SkipReason::TooLarge => "too-large",
        }
    }
}

/// The largest CIK: the SEC's Central Index Key has ten digits.
pub const MAX_CIK: u64 = 9_999_999_999;

/// Parses `YYYY-MM-DD` quickly. `None` for anything else.
pub fn parse_ymd(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i32> {
        b[range].iter().try_fold(0i32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i32::from(c - b'0'))
        })
    };
    let year = i16::try_from(digits(0..4)?).ok()?;
    let month = i8::try_from(digits(5..7)?).ok()?;
    let day = i8::try_from(digits(8..10)?).ok()?;
    Date::new(year, month, day).ok()
}

/// Days from `start` to `end` (negative when `end` is earlier).
pub fn days_between(start: Date, end: Date) -> i64 {
    // A civil date difference always fits a span of days; 0 is unreachable in practice.
    end.since(start)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filed_by_keeps_the_facts_filed_by_the_date_and_drops_empty_companies() {
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        let fact = |filed: Date, val: f64| Fact {
            concept: Concept::EntityPublicFloat,
            start: None,
            end: day(2019, 6, 30),
            val,
            fy: None,
            fp: None,
            form: "10-K".into(),
            filed,
            accn: String::new(),
            frame: None,
        };
        let company = |cik, facts| CompanyData {
            cik,
            entity_name: format!("C{cik}"),
            facts,
        };
        let stored = vec![
            company(
                1,
                vec![fact(day(2020, 3, 1), 1.0), fact(day(2021, 3, 1), 2.0)],
            ),
            company(2, vec![fact(day(2022, 3, 1), 3.0)]),
        ];
        // As of 2020-12-31: company 1 with its first fact only; company 2 had filed nothing.
        let view = filed_by(&stored, day(2020, 12, 31));
        assert_eq!(view, vec![company(1, vec![fact(day(2020, 3, 1), 1.0)])]);
        // The filing day itself counts.
        assert_eq!(filed_by(&stored, day(2022, 3, 1)), stored);
        assert!(filed_by(&stored, day(2019, 1, 1)).is_empty());
    }

    #[test]
    fn parses_dates_and_rejects_junk() {
        assert_eq!(parse_ymd("2024-02-29"), Some(Date::constant(2024, 2, 29)));
        assert_eq!(parse_ymd("2023-02-29"), None);
        assert_eq!(parse_ymd("2024-2-29"), None);
        assert_eq!(parse_ymd("20x4-02-01"), None);
    }

    #[test]
    fn counts_days_across_leap_years() {
        // 2023-01-01 .. 2023-12-31 is 364 days apart; 2024 has 366 days.
        assert_eq!(
            days_between(Date::constant(2023, 1, 1), Date::constant(2023, 12, 31)),
            364
        );
        assert_eq!(
            days_between(Date::constant(2024, 1, 1), Date::constant(2025, 1, 1)),
            366
        );
    }

    #[test]
    fn names_round_trip() {
        for concept in Concept::ALL {
            assert_eq!(
                Concept::from_names(concept.taxonomy(), concept.name()),
                Some(concept)
            );
        }
        assert_eq!(Concept::from_names("dei", "NetIncomeLoss"), None);
    }
}
