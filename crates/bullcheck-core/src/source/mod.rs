//! Parsers from the bytes of a public data file (or API response) to series and company facts.
//!
//! No I/O here: callers hand in a file name (used for id inference and error messages) and the
//! bytes. Parsers never panic on any input; they return [`ParseError`] naming the file, the
//! line and the field.
//!
//! Format detection ([`detect`]) looks at the file name and the first bytes, and only answers
//! where the format is unambiguous.

use std::fmt;

use crate::series::ParsedSeries;

pub mod common;
pub mod damodaran;
pub mod dates;
pub mod detect;
pub mod dfa;
pub mod dfast;
pub mod ebp;
pub mod fred;
pub mod fred_json;
pub mod french;
pub mod future;
pub mod histret;
pub mod known;
pub mod nber;
pub mod nyfed;
pub mod own;
pub mod own_layout;
pub mod records;
pub mod sec;
pub mod shanghai;
pub mod shiller;
pub mod treasury;
pub mod validate;
pub mod workbook;

use detect::{contains, truncate};
pub use detect::{detect, is_acm_id};
pub use treasury::next_page;

/// The formats bullcheck reads. `name()` is the value of `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// FRED `fredgraph.csv` download: `DATE,ID` / `observation_date,ID` / `date,ID` / `date,value`.
    FredCsv,
    /// FRED API `series/observations` JSON (with ALFRED `realtime_start`/`realtime_end`).
    FredApiJson,
    /// A plain two-column `date,value` CSV of anything.
    GenericCsv,
    /// NY Fed ACM term-premium file (`ACMTermPremium.csv`: `DATE,ACMY01,...,ACMTP10`, or the
    /// `ACMTermPremium.xls` workbook's `ACM Daily` sheet).
    NyfedAcm,
    /// NY Fed yield-curve recession-probability table (`allmonth`).
    NyfedRecession,
    /// US Treasury Fiscal Data `debt_to_penny` API JSON.
    TreasuryDebtToPenny,
    /// US Treasury Fiscal Data `mts_table_9` API JSON (outlays by function).
    TreasuryMts9,
    /// SEC EDGAR XBRL `companyfacts` JSON (one company).
    SecCompanyFacts,
    /// SEC EDGAR XBRL `companyconcept` JSON (one company, one concept).
    SecCompanyConcept,
    /// Robert Shiller's `ie_data` sheet as CSV (converted or Excel's own export) or the
    /// `ie_data.xls` workbook.
    Shiller,
    /// Damodaran's `histimpl` implied-ERP history as CSV or the `histimpl.xls` workbook.
    Damodaran,
    /// Federal Reserve DFAST scenario table (`Scenario Name,Date,...`, dates `2025 Q1`).
    Dfast,
    /// Ken French data-library CSV (possibly several stacked tables).
    French,
    /// Federal Reserve Distributional Financial Accounts levels (`1989:Q3`, long format).
    FedDfa,
    /// `{"id","source","updated","count","records":[{"date",...}]}` record files (re-shaped
    /// FRED, Treasury, IMF COFER, LBMA and CFTC data).
    JsonRecords,
    /// Shanghai Composite daily export with Chinese headers and `YYYY年MM月DD日` dates.
    ShanghaiComposite,
    /// NBER business-cycle peaks and troughs (`peak,trough`).
    NberPeaks,
    /// Federal Reserve Gilchrist-Zakrajšek spread and excess bond premium (`ebp_csv.csv`:
    /// `date,gz_spread,ebp,est_prob`).
    GzEbp,
    /// Damodaran's `histretSP.xls`: annual returns on stocks, bills, bonds since 1928.
    DamodaranHistret,
    /// A user's own CSV or Excel table (Yahoo, Bloomberg, pandas, any spreadsheet), read as
    /// the `data import` options describe it ([`own::OwnSpec`]).
    Own,
}

impl Kind {
    pub const ALL: [Kind; 20] = [
        Kind::FredCsv,
        Kind::FredApiJson,
        Kind::GenericCsv,
        Kind::NyfedAcm,
        Kind::NyfedRecession,
        Kind::TreasuryDebtToPenny,
        Kind::TreasuryMts9,
        Kind::SecCompanyFacts,
        Kind::SecCompanyConcept,
        Kind::Shiller,
        Kind::Damodaran,
        Kind::Dfast,
        Kind::French,
        Kind::FedDfa,
        Kind::JsonRecords,
        Kind::ShanghaiComposite,
        Kind::NberPeaks,
        Kind::GzEbp,
        Kind::DamodaranHistret,
        Kind::Own,
    ];

    /// Whether the format is a JSON document (which may be one long line, so the import's
    /// line-length bound does not apply to it).
    pub fn is_json(self) -> bool {
        matches!(
            self,
            Kind::FredApiJson
                | Kind::TreasuryDebtToPenny
                | Kind::TreasuryMts9
                | Kind::SecCompanyFacts
                | Kind::SecCompanyConcept
                | Kind::JsonRecords
        )
    }

    /// The stable name used by `--kind` and in provenance records.
    pub fn name(self) -> &'static str {
        match self {
            Kind::FredCsv => "fred-csv",
            Kind::FredApiJson => "fred-json",
            Kind::GenericCsv => "csv",
            Kind::NyfedAcm => "nyfed-acm",
            Kind::NyfedRecession => "nyfed-recession",
            Kind::TreasuryDebtToPenny => "treasury-debt-to-penny",
            Kind::TreasuryMts9 => "treasury-mts9",
            Kind::SecCompanyFacts => "sec-companyfacts",
            Kind::SecCompanyConcept => "sec-companyconcept",
            Kind::Shiller => "shiller",
            Kind::Damodaran => "damodaran",
            Kind::Dfast => "dfast",
            Kind::French => "french",
            Kind::FedDfa => "fed-dfa",
            Kind::JsonRecords => "json-records",
            Kind::ShanghaiComposite => "shanghai-composite",
            Kind::NberPeaks => "nber-peaks",
            Kind::GzEbp => "gz-ebp",
            Kind::DamodaranHistret => "damodaran-histret",
            Kind::Own => "table",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A parse failure: which file, which line (1-based, counting the header), which field.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub file: String,
    pub line: Option<u64>,
    pub field: Option<String>,
    pub message: String,
}

impl ParseError {
    pub fn new(
        file: &str,
        line: Option<u64>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        // A hostile file can put megabytes in a header cell or a value: messages quote
        // excerpts only.
        let message: String = message.into();
        ParseError {
            file: file.to_string(),
            line,
            field: field.map(common::excerpt),
            message: if message.chars().count() > MAX_MESSAGE_CHARS {
                let head: String = message.chars().take(MAX_MESSAGE_CHARS).collect();
                format!("{head}…")
            } else {
                message
            },
        }
    }
}

/// The longest message a [`ParseError`] carries (longer ones are cut).
pub const MAX_MESSAGE_CHARS: usize = 400;

impl fmt::Display for ParseError {
    /// `file:line: field `name`: message`, with control characters (other than line breaks
    /// and tabs) escaped: a value quoted from a damaged file never reaches a terminal raw.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escape_controls(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{}`", escape_controls(field))?;
        }
        write!(f, ": {}", escape_controls(&self.message))
    }
}

/// `text` with every control character except `\n` and `\t` written as an escape (`\u{1b}`).
fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' && c != '\t' {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

impl std::error::Error for ParseError {}

/// What a file yields: series, or company facts.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub kind: Kind,
    pub series: Vec<ParsedSeries>,
    /// SEC company facts: the concepts bullcheck keeps ([`sec::Concept`]).
    pub companies: Vec<sec::CompanyData>,
}

/// Options a user can give on the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions<'a> {
    /// `--series ID`: the id for a single-series file, overriding header and file name.
    pub series_override: Option<&'a str>,
    /// How the user describes their own file ([`Kind::Own`]); `None` reads it with no option.
    pub own: Option<&'a own::OwnSpec>,
}

/// Parses `bytes` as `kind`.
///
/// `--series` (`opts.series_override`) names the series of a single-series file; given for a
/// file that yields several series (or company facts) it is an error rather than silently
/// ignored.
pub fn parse(
    kind: Kind,
    file_name: &str,
    bytes: &[u8],
    opts: &ParseOptions<'_>,
) -> Result<Parsed, ParseError> {
    let json_kind = matches!(
        kind,
        Kind::FredApiJson
            | Kind::TreasuryDebtToPenny
            | Kind::TreasuryMts9
            | Kind::SecCompanyFacts
            | Kind::SecCompanyConcept
            | Kind::JsonRecords
    );
    let lead = common::strip_bom(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    if json_kind && !matches!(lead, Some(b'{' | b'[')) {
        let first_line = String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        return Err(ParseError::new(
            file_name,
            Some(1),
            None,
            format!(
                "--kind {kind} reads the publisher's JSON response, and this file is not JSON \
                 (it starts {:?}); a CSV download is not that format: import it without \
                 --kind, or as your own table with --date-col and --col",
                truncate(&first_line, 80)
            ),
        ));
    }
    let mut parsed = Parsed {
        kind,
        series: Vec::new(),
        companies: Vec::new(),
    };
    match kind {
        Kind::FredCsv => {
            let spec = common::MetaSpec {
                source: "FRED",
                ..common::MetaSpec::default()
            };
            parsed.series = fred::parse_fredgraph(file_name, bytes, opts, &spec)?;
        }
        Kind::GenericCsv => {
            parsed.series.push(fred::parse_date_value_csv(
                file_name,
                bytes,
                opts,
                &common::MetaSpec::default(),
            )?);
        }
        Kind::FredApiJson => parsed
            .series
            .push(fred_json::parse(file_name, bytes, opts)?),
        Kind::NyfedAcm => parsed.series = nyfed::parse_acm(file_name, bytes, opts)?,
        Kind::NyfedRecession => parsed.series = nyfed::parse_recession(file_name, bytes)?,
        Kind::TreasuryDebtToPenny => {
            parsed.series = treasury::parse_debt_to_penny(file_name, bytes)?
        }
        Kind::TreasuryMts9 => parsed.series = treasury::parse_mts9(file_name, bytes)?,
        Kind::SecCompanyFacts => {
            let company = sec::parse_company_facts(file_name, bytes)?;
            // A filer under IFRS has `ifrs-full` facts and no `us-gaap` ones: say so rather
            // than store a company with 0 facts.
            if company.facts.is_empty() && contains(bytes, b"\"ifrs-full\"") {
                return Err(ParseError::new(
                    file_name,
                    None,
                    Some("facts"),
                    format!(
                        "{} (CIK {}) reports under IFRS (`ifrs-full` taxonomy); bullcheck's \
                         company screens read US GAAP (`us-gaap`) concepts only, so nothing is \
                         stored and the company stays out of the screens",
                        company.entity_name, company.cik
                    ),
                ));
            }
            parsed.companies.push(company)
        }
        Kind::SecCompanyConcept => parsed
            .companies
            .push(sec::parse_company_concept(file_name, bytes)?),
        Kind::Shiller => parsed.series = shiller::parse(file_name, bytes)?,
        Kind::Damodaran => parsed.series = damodaran::parse(file_name, bytes)?,
        Kind::Dfast => parsed.series = dfast::parse(file_name, bytes)?,
        Kind::French => parsed.series = french::parse(file_name, bytes)?,
        Kind::FedDfa => parsed.series = dfa::parse(file_name, bytes)?,
        Kind::JsonRecords => parsed.series = records::parse(file_name, bytes)?,
        Kind::ShanghaiComposite => parsed.series = shanghai::parse(file_name, bytes)?,
        Kind::NberPeaks => parsed.series = nber::parse(file_name, bytes)?,
        Kind::GzEbp => parsed.series = ebp::parse(file_name, bytes)?,
        Kind::DamodaranHistret => parsed.series = histret::parse(file_name, bytes)?,
        Kind::Own => {
            parsed.series = own::parse(
                file_name,
                bytes,
                opts.own.unwrap_or(&own::OwnSpec::default()),
            )?
        }
    }
    if let Some(id) = opts
        .series_override
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if parsed.series.len() != 1 || !parsed.companies.is_empty() {
            return Err(ParseError::new(
                file_name,
                None,
                None,
                format!(
                    "--series applies to single-series files; this {kind} file yields {} series",
                    parsed.series.len()
                ),
            ));
        }
        parsed.series[0].meta.id = id.to_string();
    }
    validate::check(file_name, bytes, &parsed)?;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Real-format fixtures (see `testdata/README.md`) with the kind each must be detected as.
    const FIXTURES: [(&str, &[u8], Kind); 28] = [
        (
            "fred/DGS10_dots.csv",
            include_bytes!("../../../../testdata/fred/DGS10_dots.csv"),
            Kind::FredCsv,
        ),
        (
            "PSAVERT_bom.csv",
            include_bytes!("../../../../testdata/fred/PSAVERT_bom.csv"),
            Kind::FredCsv,
        ),
        (
            "GFDEBTN_mixed_ints.csv",
            include_bytes!("../../../../testdata/fred/GFDEBTN_mixed_ints.csv"),
            Kind::FredCsv,
        ),
        (
            "UNRATE_alfred_vintages.json",
            include_bytes!("../../../../testdata/fred_api/UNRATE_alfred_vintages.json"),
            Kind::FredApiJson,
        ),
        (
            "allmonth.csv",
            include_bytes!("../../../../testdata/nyfed/allmonth_sample.csv"),
            Kind::NyfedRecession,
        ),
        (
            "ACMTermPremium.csv",
            include_bytes!("../../../../testdata/nyfed/ACMTermPremium_sample.csv"),
            Kind::NyfedAcm,
        ),
        (
            "debt_to_penny.json",
            include_bytes!("../../../../testdata/treasury/debt_to_penny_page1.json"),
            Kind::TreasuryDebtToPenny,
        ),
        (
            "mts_table_9.json",
            include_bytes!("../../../../testdata/treasury/mts_table_9_last_page.json"),
            Kind::TreasuryMts9,
        ),
        (
            "CIK0000320193.json",
            include_bytes!("../../../../testdata/sec/companyfacts_restated.json"),
            Kind::SecCompanyFacts,
        ),
        (
            "Assets.json",
            include_bytes!("../../../../testdata/sec/companyconcept_assets.json"),
            Kind::SecCompanyConcept,
        ),
        (
            "ie_data.csv",
            include_bytes!("../../../../testdata/shiller/ie_data_sample.csv"),
            Kind::Shiller,
        ),
        (
            "histimpl.csv",
            include_bytes!("../../../../testdata/damodaran/histimpl_sample.csv"),
            Kind::Damodaran,
        ),
        (
            "2025-Baseline_Domestic.csv",
            include_bytes!("../../../../testdata/dfast/2025-Baseline_Domestic_sample.csv"),
            Kind::Dfast,
        ),
        (
            "2025-Table_3B_International.csv",
            include_bytes!("../../../../testdata/dfast/2025-Table_3B_International_sample.csv"),
            Kind::Dfast,
        ),
        (
            "12_Industry_Portfolios.CSV",
            include_bytes!("../../../../testdata/french/12_Industry_Portfolios_sample.csv"),
            Kind::French,
        ),
        (
            "49_Industry_Portfolios.csv",
            include_bytes!("../../../../testdata/french/49_Industry_Portfolios_sample.csv"),
            Kind::French,
        ),
        (
            "F-F_Research_Data_5_Factors_2x3.csv",
            include_bytes!(
                "../../../../testdata/french/F-F_Research_Data_5_Factors_2x3_sample.csv"
            ),
            Kind::French,
        ),
        (
            "dfa-networth-levels.csv",
            include_bytes!("../../../../testdata/fed_dfa/dfa-networth-levels_sample.csv"),
            Kind::FedDfa,
        ),
        (
            "ghalam_debt_to_penny.json",
            include_bytes!("../../../../testdata/records/ghalam_debt_to_penny_sample.json"),
            Kind::JsonRecords,
        ),
        (
            "ghalam_interest_expense.json",
            include_bytes!("../../../../testdata/records/ghalam_interest_expense_sample.json"),
            Kind::JsonRecords,
        ),
        (
            "cftc_gold.json",
            include_bytes!("../../../../testdata/records/cftc_gold_sample.json"),
            Kind::JsonRecords,
        ),
        (
            "shanghai.csv",
            include_bytes!("../../../../testdata/shanghai/shanghai_composite_sample.csv"),
            Kind::ShanghaiComposite,
        ),
        (
            "ACMTermPremium.xlsx",
            include_bytes!("../../../../testdata/nyfed/ACMTermPremium_sample.xlsx"),
            Kind::NyfedAcm,
        ),
        (
            "ie_data.csv",
            include_bytes!("../../../../testdata/shiller/ie_data_excel_export_sample.csv"),
            Kind::Shiller,
        ),
        (
            "25_Portfolios_5x5.CSV",
            include_bytes!("../../../../testdata/french/25_Portfolios_5x5_sample.csv"),
            Kind::French,
        ),
        (
            "F-F_Momentum_Factor.CSV",
            include_bytes!("../../../../testdata/french/F-F_Momentum_Factor_sample.csv"),
            Kind::French,
        ),
        (
            "ie_data.xls",
            include_bytes!("../../../../testdata/shiller/ie_data_sample.xls"),
            Kind::Shiller,
        ),
        (
            "histimpl.xls",
            include_bytes!("../../../../testdata/damodaran/histimpl_sample.xls"),
            Kind::Damodaran,
        ),
    ];

    #[test]
    fn every_fixture_is_detected_and_parses() {
        for (name, bytes, kind) in FIXTURES {
            assert_eq!(detect(name, bytes), Ok(kind), "{name}");
            let parsed = parse(kind, name, bytes, &ParseOptions::default())
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(
                !parsed.series.is_empty() || !parsed.companies.is_empty(),
                "{name}"
            );
        }
    }

    /// Issue 24: a row that lost its last field in the middle of a file is refused, naming
    /// the file and a line, in every text format (generated: every data line but the last of
    /// every real-format CSV fixture, cut before its last field). Before the rule,
    /// most parsers stored the absent cell as missing, blanking the stored value.
    #[test]
    fn a_row_missing_its_last_field_is_refused_in_every_format() {
        let mut tried = 0;
        let mut formats = std::collections::BTreeSet::new();
        for (name, bytes, kind) in FIXTURES {
            if workbook::is_workbook(name, bytes) || name.ends_with(".json") {
                continue;
            }
            let text = std::str::from_utf8(bytes).unwrap();
            let lines: Vec<&str> = text.split('\n').collect();
            // Every line but the last row (whose cut is the truncation rule's, store/cut.rs).
            let last = lines
                .iter()
                .rposition(|l| !l.trim().is_empty())
                .unwrap_or(0);
            for at in 1..last {
                // A data line: a first field, and a digit in one of the first two (a date).
                let first_two: Vec<&str> = lines[at].splitn(3, ',').take(2).collect();
                let dated = first_two
                    .iter()
                    .any(|f| f.bytes().any(|b| b.is_ascii_digit()));
                let Some(cut) = lines[at].rfind(',') else {
                    continue;
                };
                if first_two[0].trim().is_empty() || first_two[0].contains('"') || !dated {
                    continue;
                }
                let mut variant = lines.clone();
                variant[at] = &lines[at][..cut];
                let damaged = variant.join("\n");
                let err = parse(kind, name, damaged.as_bytes(), &ParseOptions::default())
                    .err()
                    .unwrap_or_else(|| panic!("{name}: line {} cut short was stored", at + 1));
                let line = err
                    .line
                    .unwrap_or_else(|| panic!("{name}: no line in {err}"));
                assert!(line > at as u64, "{name}:{}: {err}", at + 1);
                assert_eq!(err.file, name);
                tried += 1;
                formats.insert(kind);
            }
        }
        assert!(tried > 50 && formats.len() >= 9, "{tried} {formats:?}");
    }

    /// The first ISO date `YYYY-MM-DD` of a data row of `text` (after the first line of a
    /// CSV, after the first `date":` key of a JSON document), as a byte range.
    fn first_iso_date(text: &str) -> Option<std::ops::Range<usize>> {
        let start = if text.trim_start().starts_with('{') {
            text.find("date\":")?
        } else {
            text.find('\n')?
        };
        let b = text.as_bytes();
        (start..b.len().saturating_sub(10)).find_map(|i| {
            let d = |k: usize| b[i + k].is_ascii_digit();
            let shape = d(0) && d(1) && d(2) && d(3) && b[i + 4] == b'-' && d(5) && d(6);
            (shape && b[i + 7] == b'-' && d(8) && d(9) && (i == 0 || !b[i - 1].is_ascii_digit()))
                .then_some(i..i + 10)
        })
    }

    /// Issue 28: a date off the clock (hour 25) or in year 9999 is refused, never stored, in
    /// every fixture with ISO dates (CSV and JSON; generated from each fixture's first date)
    /// and in the NBER table.
    #[test]
    fn hour_25_and_year_9999_are_refused_in_every_format_with_iso_dates() {
        let mut fixtures: Vec<(&str, Vec<u8>, Kind)> = FIXTURES
            .iter()
            .map(|(n, b, k)| (*n, b.to_vec(), *k))
            .collect();
        fixtures.push((
            "nber.csv",
            b"peak,trough\n2001-03-01,2001-11-01\n".to_vec(),
            Kind::NberPeaks,
        ));
        let mut tried = std::collections::BTreeSet::new();
        for (name, bytes, kind) in fixtures {
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let Some(at) = first_iso_date(text) else {
                continue;
            };
            let day = &text[at.clone()];
            for bad in [
                format!("{day}T25:00:00"),
                format!("{day} 23:61"),
                format!("9999{}", &day[4..]),
            ] {
                let damaged = format!("{}{bad}{}", &text[..at.start], &text[at.end..]);
                let result = parse(kind, name, damaged.as_bytes(), &ParseOptions::default());
                assert!(result.is_err(), "{name}: {bad} was stored");
            }
            tried.insert(kind);
        }
        assert!(tried.len() >= 6, "{tried:?}");
    }

    #[test]
    fn date_value_files_by_path_and_header() {
        let dv = b"date,value\n2020-01-02,1\n";
        assert_eq!(detect("fred/DGS10.csv", dv), Ok(Kind::FredCsv));
        assert_eq!(
            detect("data/fred/alt/DGS10_codexmacro_1980-2025.csv", dv),
            Ok(Kind::FredCsv)
        );
        assert_eq!(detect("market/cboe_skew.csv", dv), Ok(Kind::GenericCsv));
        assert_eq!(detect("somewhere/MYSERIES.csv", dv), Ok(Kind::GenericCsv));
        assert_eq!(detect("nyfed/ACMTP10_acm.csv", dv), Ok(Kind::NyfedAcm));
        assert_eq!(
            detect("x.csv", b"observation_date,PSAVERT\n1959-01-01,11.3\n"),
            Ok(Kind::FredCsv)
        );
        assert_eq!(
            detect("x.csv", b"DATE,VALUE\n1959-01-01,11.3\n"),
            Ok(Kind::GenericCsv)
        );
        assert_eq!(detect("x.csv", b"peak,trough\n"), Ok(Kind::NberPeaks));
    }

    #[test]
    fn unsupported_files_say_why() {
        assert!(
            detect("MANIFEST.md", b"# Data manifest")
                .unwrap_err()
                .contains("not a data file")
        );
        let reason = detect(
            "fred_json/ghalam_manifest.json",
            b"{\"cpi_headline\":{\"count\":954}}",
        )
        .unwrap_err();
        assert!(reason.contains("metadata"), "{reason}");
        assert!(detect("x.csv", b"").unwrap_err().contains("empty"));
        assert!(
            detect("x.csv", b"a;b;c\n1;2;3\n")
                .unwrap_err()
                .contains("unrecognised")
        );
        assert!(
            detect("x.json", b"{\"foo\":1}")
                .unwrap_err()
                .contains("unsupported")
        );
    }

    #[test]
    fn companyfacts_without_facts_is_detected_and_the_parser_names_the_gap() {
        let body = br#"{"cik":1000044,"entityName":"Synthetic Filer 3 Inc."}"#;
        assert_eq!(
            detect("CIK0001000044.json", body),
            Ok(Kind::SecCompanyFacts)
        );
        let err = parse(
            Kind::SecCompanyFacts,
            "CIK0001000044.json",
            body,
            &ParseOptions::default(),
        )
        .unwrap_err();
        assert!(err.message.contains("no `facts` object"), "{err}");
    }

    #[test]
    fn series_override_renames_single_series_and_refuses_multi_series() {
        let opts = ParseOptions {
            series_override: Some("MINE"),
            ..Default::default()
        };
        let single = parse(
            Kind::GenericCsv,
            "lower.csv",
            b"date,value\n2020-01-02,1\n",
            &opts,
        )
        .unwrap();
        assert_eq!(single.series[0].meta.id, "MINE");
        let (name, bytes, kind) = FIXTURES[4];
        let err = parse(kind, name, bytes, &opts).unwrap_err();
        assert!(err.message.contains("--series"), "{err}");
    }

    /// Lines made of the tokens the real formats use, to reach deep into the parsers.
    fn format_lines() -> impl Strategy<Value = Vec<u8>> {
        let token = prop::sample::select(vec![
            "date",
            "DATE",
            "value",
            "Date",
            "observation_date",
            "Scenario Name",
            "Category",
            "Year",
            "peak",
            "trough",
            "日期",
            "关盘",
            "成交量",
            "2020-01-02",
            "1986-01-15T00:00:00.000",
            "2025 Q1",
            "1989:Q3",
            "2000.10",
            "2000.1",
            "196307",
            "1927",
            "14-Jun-1961",
            "2025年08月13日",
            "1.5",
            "-99.99",
            "-999",
            ".",
            "NA",
            "null",
            "56.29%",
            "%",
            "",
            " ",
            "\"",
            "{",
            "}",
            "[",
            "]",
            ":",
            "\"records\"",
            "\"data\"",
            "\"observations\"",
            "\"facts\"",
            "\"date\"",
            "\"value\"",
            "1e400",
            "-0",
            "\u{feff}",
            "\r",
        ]);
        let line = prop::collection::vec(token, 0..8).prop_map(|cells| cells.join(","));
        prop::collection::vec(line, 0..8).prop_map(|lines| lines.join("\n").into_bytes())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn no_parser_panics_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512), name_index in 0usize..4) {
            let name = ["DGS10.csv", "x.json", "2025-Baseline.csv", "12_Industry_Portfolios.csv"][name_index];
            let _ = detect(name, &bytes);
            for kind in Kind::ALL {
                let _ = parse(kind, name, &bytes, &ParseOptions::default());
            }
        }

        #[test]
        fn no_parser_panics_on_format_like_lines(bytes in format_lines()) {
            let _ = detect("DGS10.csv", &bytes);
            for kind in Kind::ALL {
                let _ = parse(kind, "DGS10.csv", &bytes, &ParseOptions::default());
                let _ = parse(kind, "2025-x.csv", &bytes, &ParseOptions { series_override: Some("X"), own: None });
            }
        }

        #[test]
        fn no_parser_panics_on_damaged_fixtures(
            which in 0usize..FIXTURES.len(),
            cut in any::<prop::sample::Index>(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        ) {
            let (name, original, kind) = FIXTURES[which];
            let mut bytes = original.to_vec();
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            bytes.truncate(cut.index(bytes.len() + 1));
            let _ = detect(name, &bytes);
            let _ = parse(kind, name, &bytes, &ParseOptions::default());
            let _ = treasury::next_page(&bytes);
        }
    }
}
