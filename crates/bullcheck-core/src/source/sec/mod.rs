//! SEC EDGAR XBRL JSON: the one parser of `companyfacts` ([`Kind::SecCompanyFacts`], every fact
//! of one company) and `companyconcept` ([`Kind::SecCompanyConcept`], one concept of one
//! company), used by `data import` (through [`super::parse`]) and by the bulk ingest of
//! `companyfacts.zip` (through [`extract`]) alike, so both store the same facts.
//!
//! Formats (`data.sec.gov/api/xbrl/companyfacts/CIK##########.json` and
//! `.../companyconcept/CIK##########/<taxonomy>/<tag>.json`):
//! `{"cik":320193,"entityName":"Apple Inc.","facts":{"dei":{...},"us-gaap":{"Concept":{"label",
//! "description","units":{"USD":[{"start"?,"end","val","accn","fy","fp","form","filed",
//! "frame"?}]}}}}}` and `{"cik","taxonomy","tag","label","description","entityName",
//! "units":{...}}`.
//!
//! Only the concepts bullcheck keeps ([`Concept::ALL`], all in US dollars) are decoded, into
//! [`Fact`] rows of a [`CompanyData`]; every other concept, taxonomy and field is validated and
//! skipped without being materialised (`extract.rs`). A kept concept in another unit is an
//! error ([`SkipReason::UnexpectedUnit`]): the company is refused rather than half-stored.
//!
//! Traps: `cik` is a number in the SEC's responses but many tools store it as a zero-padded
//! string (`"0000320193"`, sometimes `"CIK0000320193"`) — all are read; more than ten digits is
//! refused. `start` is absent for instant facts (balances); `frame` is absent on facts that are
//! not the best fit for a calendar period; `fy`/`fp` may be null. The same period is reported
//! again by later filings (10-Q then 10-K, restatements, amendments): every reported fact is
//! kept, with its `accn`, `form` and `filed` date — nothing is deduplicated here. Labels and
//! descriptions are not kept.
//!
//! [`Kind::SecCompanyFacts`]: super::Kind::SecCompanyFacts
//! [`Kind::SecCompanyConcept`]: super::Kind::SecCompanyConcept

mod extract;

pub use extract::{ExtractError, extract, extract_concept};

use super::ParseError;
use crate::series::Date;

/// Parses a `companyfacts` document for `data import` (errors as [`ParseError`]).
pub fn parse_company_facts(file: &str, bytes: &[u8]) -> Result<CompanyData, ParseError> {
    extract(file, bytes).map_err(ExtractError::into_parse_error)
}

/// Parses a `companyconcept` document (one concept) into the same shape.
pub fn parse_company_concept(file: &str, bytes: &[u8]) -> Result<CompanyData, ParseError> {
    extract_concept(file, bytes).map_err(ExtractError::into_parse_error)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_rejects_junk() {
        assert_eq!(parse_ymd("2024-02-29"), Some(Date::constant(2024, 2, 29)));
        assert_eq!(parse_ymd("2023-02-29"), None);
        assert_eq!(parse_ymd("2024-2-29"), None);
        assert_eq!(parse_ymd("20x4-02-01"), None);
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
