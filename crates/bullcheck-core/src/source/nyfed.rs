//! New York Fed files: the ACM term-premium table ([`Kind::NyfedAcm`]) and the yield-curve
//! recession-probability table `allmonth` ([`Kind::NyfedRecession`]).
//!
//! **ACM** (`ACMTermPremium`): the NY Fed publishes a wide table `DATE,ACMY01,...,ACMY10,
//! ACMTP01,...,ACMTP10,ACMRNY01,...,ACMRNY10` (zero-coupon yield, term premium, risk-neutral
//! yield, in percent) with `DATE` written `14-Jun-1961` (day-month name-year; R readers use
//! `%d-%b-%Y`); ISO dates are accepted too. Every column becomes a series named by its header
//! (`ACMTP10`, ...). A two-column `date,value` copy (such as
//! `nyfed/ACMTP10_acm_10y_term_premium_daily.csv`) is read like a FRED CSV and named by the
//! usual id rule (file name → `ACMTP10`). Source `NY Fed (ACM)`, units percent.
//!
//! **ACM workbook** (`ACMTermPremium.xls`, the file the NY Fed links; read through
//! [`super::workbook`]): public code that reads it names two sheets, `ACM Monthly` and `ACM Daily`,
//! each with the wide header in its first row and `DATE` parsed with `%d-%b-%Y`. The `ACM Daily`
//! sheet is read (ids as above, so it updates the same series as the CSV); without it, the first
//! sheet with the wide header. `DATE` may be text (`14-Jun-1961`), an Excel date cell, or a bare
//! Excel serial number (`22446`). **Unverified**: no copy of the workbook was at hand; the layout
//! is taken from public readers of it (R `read_excel(sheet = "ACM Daily")` + `dmy(DATE)`, pandas
//! `read_excel(sheet_name="ACM Daily")` + `to_datetime(format="%d-%b-%Y")`), and the test fixture
//! is built in that layout.
//!
//! **allmonth**: UTF-8 BOM; header `Date,10 Year Treasury Yield,3 Month Treasury Yield,
//! 3 Month Treasury Yield (Bond Equivalent Basis),Spread,Rec_prob,NBER_Rec`; ISO month-end
//! dates, kept as given; `Rec_prob` is text with a percent sign (`56.29%` → 56.29); the yield
//! and spread cells are empty in the newest 12 months (only the forecast probability exists)
//! and `Rec_prob` is empty in the first 12. Ids: `NYFED_10Y`, `NYFED_3M`, `NYFED_3M_BEY`,
//! `NYFED_SPREAD` (percent / percentage points), `NYFED_RECPROB` (percent), `NBER_REC` (0/1).
//! An unexpected column `X` yields `NYFED_<X upper-snake>`.
//!
//! [`Kind::NyfedAcm`]: super::Kind::NyfedAcm
//! [`Kind::NyfedRecession`]: super::Kind::NyfedRecession

use super::common::{self, CsvRow, MetaSpec, bad_date, csv_rows, header};
use super::fred::parse_date_value_csv;
use super::{ParseError, ParseOptions, workbook};
use crate::series::{Date, Observation, ParsedSeries};

const ACM_SOURCE: &str = "NY Fed (ACM)";
const RECESSION_SOURCE: &str = "NY Fed (yield-curve recession model)";

/// allmonth column → (id, units, title).
const ALLMONTH_COLUMNS: [(&str, &str, &str); 6] = [
    ("10 Year Treasury Yield", "NYFED_10Y", "percent"),
    ("3 Month Treasury Yield", "NYFED_3M", "percent"),
    (
        "3 Month Treasury Yield (Bond Equivalent Basis)",
        "NYFED_3M_BEY",
        "percent",
    ),
    ("Spread", "NYFED_SPREAD", "percentage points"),
    ("Rec_prob", "NYFED_RECPROB", "percent"),
    ("NBER_Rec", "NBER_REC", "0/1"),
];

/// The index of the wide ACM header (`DATE` then `ACMY01`/`ACMTP10`/... ids) among the first
/// rows of a sheet.
pub fn find_acm_header(rows: &[CsvRow]) -> Option<usize> {
    rows.iter().take(20).position(|row| {
        row.cells.len() > 1
            && row.cells[0].eq_ignore_ascii_case("DATE")
            && row.cells[1..].iter().any(|c| super::is_acm_id(c))
    })
}

/// The sheet of an ACM workbook to read: `ACM Daily` when it has the wide header, else the
/// first sheet that has it (`ACM Monthly` in the published workbook).
fn acm_sheet(sheets: &[workbook::Sheet]) -> Option<(&workbook::Sheet, usize)> {
    fn with_header(s: &workbook::Sheet) -> Option<(&workbook::Sheet, usize)> {
        find_acm_header(&s.rows).map(|at| (s, at))
    }
    sheets
        .iter()
        .filter(|s| s.name.trim().eq_ignore_ascii_case("ACM Daily"))
        .find_map(with_header)
        .or_else(|| sheets.iter().find_map(with_header))
}

/// Parses an ACM file: the wide NY Fed layout or a two-column `date,value` copy, or the
/// published workbook `ACMTermPremium.xls` (see the module doc).
pub fn parse_acm(
    file: &str,
    bytes: &[u8],
    opts: &ParseOptions<'_>,
) -> Result<Vec<ParsedSeries>, ParseError> {
    if workbook::is_workbook(file, bytes) {
        let sheets = workbook::sheets(file, bytes)?;
        let Some((sheet, at)) = acm_sheet(&sheets) else {
            return Err(workbook::no_sheet_error(
                file,
                &sheets,
                "DATE",
                "the ACM header `DATE, ACMY01, ..., ACMTP10, ...`",
            ));
        };
        let name = format!("{file} [sheet {}]", sheet.name);
        return parse_acm_rows(&name, &sheet.rows[at..], true);
    }
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    if head.cells.len() == 2 {
        let spec = MetaSpec {
            source: ACM_SOURCE,
            title: "ACM Treasury term premium / yield",
            units: "percent",
            ..MetaSpec::default()
        };
        return Ok(vec![parse_date_value_csv(file, bytes, opts, &spec)?]);
    }
    parse_acm_rows(file, &rows, false)
}

/// The wide layout; `rows[0]` is the header. In a workbook, a `DATE` cell that is a plain
/// number (an Excel serial date without a date format) is read as a serial date.
fn parse_acm_rows(
    file: &str,
    rows: &[CsvRow],
    from_workbook: bool,
) -> Result<Vec<ParsedSeries>, ParseError> {
    let head = header(file, rows)?;
    if !head
        .cells
        .first()
        .is_some_and(|c| c.eq_ignore_ascii_case("DATE"))
    {
        return Err(ParseError::new(
            file,
            Some(head.line),
            Some("DATE"),
            "expected the first column to be `DATE`",
        ));
    }
    let names: Vec<String> = head.cells[1..]
        .iter()
        .map(|c| c.trim().to_ascii_uppercase())
        .collect();
    let mut columns: Vec<Vec<Observation>> = vec![Vec::with_capacity(rows.len()); names.len()];
    for row in &rows[1..] {
        let date_text = common::cell(file, row, 0, "DATE")?;
        let serial = || {
            from_workbook
                .then(|| workbook::serial_date(date_text))
                .flatten()
        };
        let date = parse_acm_date(date_text).or_else(serial).ok_or_else(|| {
            bad_date(
                file,
                Some(row.line),
                "DATE",
                date_text,
                "DD-Mon-YYYY or YYYY-MM-DD",
            )
        })?;
        common::check_row_width(file, &head.cells, row)?;
        for (i, name) in names.iter().enumerate() {
            let value = common::value_cell(file, row, i + 1, name)?;
            columns[i].push(Observation::new(date, value));
        }
    }
    let spec = MetaSpec {
        source: ACM_SOURCE,
        units: "percent",
        ..MetaSpec::default()
    };
    Ok(names
        .iter()
        .zip(columns)
        .map(|(name, obs)| common::make_series(name, &spec, obs))
        .collect())
}

/// `14-Jun-1961` or `1961-06-14`.
pub fn parse_acm_date(text: &str) -> Option<Date> {
    if let Some(date) = common::parse_iso_date(text) {
        return Some(date);
    }
    let mut parts = text.trim().split('-');
    let day: i8 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let year: i16 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = MONTHS
        .iter()
        .position(|m| month_name.eq_ignore_ascii_case(m))?;
    Date::new(year, i8::try_from(month + 1).ok()?, day).ok()
}

/// Parses the `allmonth` recession-probability table.
pub fn parse_recession(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    if !head
        .cells
        .first()
        .is_some_and(|c| c.eq_ignore_ascii_case("Date"))
        || head.cells.len() < 2
    {
        return Err(ParseError::new(
            file,
            Some(head.line),
            Some("Date"),
            "expected a header starting `Date,`",
        ));
    }
    let fields: Vec<&str> = head.cells[1..].iter().map(String::as_str).collect();
    let mut columns: Vec<Vec<Observation>> = vec![Vec::with_capacity(rows.len()); fields.len()];
    for row in &rows[1..] {
        let date_text = common::cell(file, row, 0, "Date")?;
        let date = common::parse_iso_date(date_text)
            .ok_or_else(|| bad_date(file, Some(row.line), "Date", date_text, "YYYY-MM-DD"))?;
        common::check_row_width(file, &head.cells, row)?;
        for (i, field) in fields.iter().enumerate() {
            let raw = row.cells[i + 1].as_str();
            let without_percent = raw.strip_suffix('%').unwrap_or(raw);
            let value = common::parse_value(without_percent)
                .map_err(|msg| ParseError::new(file, Some(row.line), Some(field), msg))?;
            columns[i].push(Observation::new(date, value));
        }
    }
    Ok(fields
        .iter()
        .zip(columns)
        .map(|(field, obs)| {
            let known = ALLMONTH_COLUMNS
                .iter()
                .find(|(name, _, _)| name.eq_ignore_ascii_case(field));
            let id = known.map_or_else(
                || format!("NYFED_{}", common::upper_snake(field)),
                |k| k.1.to_string(),
            );
            let spec = MetaSpec {
                source: RECESSION_SOURCE,
                title: field,
                units: known.map_or("", |k| k.2),
                frequency: "M",
                notes: "",
            };
            common::make_series(&id, &spec, obs)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../../testdata/nyfed/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn series<'a>(all: &'a [ParsedSeries], id: &str) -> &'a ParsedSeries {
        all.iter()
            .find(|s| s.meta.id == id)
            .unwrap_or_else(|| panic!("no series {id}"))
    }

    #[test]
    fn allmonth_bom_percent_and_empty_cells() {
        let all = parse_recession("allmonth.csv", &fixture("allmonth_sample.csv")).unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "NYFED_10Y",
                "NYFED_3M",
                "NYFED_3M_BEY",
                "NYFED_SPREAD",
                "NYFED_RECPROB",
                "NBER_REC"
            ]
        );
        let prob = series(&all, "NYFED_RECPROB");
        // first row: Rec_prob empty; last row: `56.29%`.
        assert_eq!(prob.observations[0].value, None);
        let last = prob.observations.last().unwrap();
        assert_eq!((last.date, last.value), (date(2025, 7, 31), Some(56.29)));
        let ten = series(&all, "NYFED_10Y");
        assert_eq!(ten.observations[0].value, Some(4.02));
        assert_eq!(ten.observations.last().unwrap().value, None);
        assert_eq!(
            series(&all, "NBER_REC").observations.last().unwrap().value,
            None
        );
    }

    #[test]
    fn acm_wide_layout_with_month_name_dates() {
        let all = parse_acm(
            "ACMTermPremium.csv",
            &fixture("ACMTermPremium_sample.csv"),
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(all.len(), 4);
        let tp = series(&all, "ACMTP10");
        assert_eq!(tp.observations[0].date, date(1961, 6, 14));
        assert_eq!(tp.observations[0].value, Some(0.089406));
        assert_eq!(tp.meta.source, "NY Fed (ACM)");
    }

    #[test]
    fn acm_date_value_copy_is_named_by_file() {
        let bytes = b"date,value\n1961-06-14,0.089406\n1961-06-15,0.134230\n";
        let all = parse_acm(
            "nyfed/ACMTP10_acm_10y_term_premium_daily.csv",
            bytes,
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(all[0].meta.id, "ACMTP10");
        assert_eq!(all[0].meta.source, "NY Fed (ACM)");
        assert_eq!(all[0].observations[1].value, Some(0.134230));
    }

    #[test]
    fn acm_workbook_reads_the_daily_sheet() {
        let path = format!(
            "{}/../../testdata/nyfed/ACMTermPremium_sample.xlsx",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(
            super::super::detect("ACMTermPremium.xlsx", &bytes),
            Ok(super::super::Kind::NyfedAcm)
        );
        let all = parse_acm("ACMTermPremium.xlsx", &bytes, &ParseOptions::default()).unwrap();
        assert_eq!(all.len(), 30);
        let tp10 = all.iter().find(|s| s.meta.id == "ACMTP10").unwrap();
        let got: Vec<(Date, Option<f64>)> = tp10
            .observations
            .iter()
            .map(|o| (o.date, o.value))
            .collect();
        // The three rows of `ACM Daily` (not the month-end row of `ACM Monthly`).
        assert_eq!(
            got,
            [
                (date(1961, 6, 14), Some(0.089406)),
                (date(1961, 6, 15), Some(0.134230)),
                (date(1961, 6, 16), Some(0.137715)),
            ]
        );
        assert_eq!(tp10.meta.units, "percent");
        let y01 = all.iter().find(|s| s.meta.id == "ACMY01").unwrap();
        assert!(y01.observations.iter().all(|o| o.value.is_none()));
    }

    #[test]
    fn acm_dates() {
        assert_eq!(parse_acm_date("14-Jun-1961"), Some(date(1961, 6, 14)));
        assert_eq!(parse_acm_date("01-DEC-2020"), Some(date(2020, 12, 1)));
        assert_eq!(parse_acm_date("31-Feb-2020"), None);
        assert_eq!(parse_acm_date("14-Jux-1961"), None);
    }

    #[test]
    fn bad_probability_is_located() {
        let bytes = "\u{feff}Date,Rec_prob\n2025-06-30,55.83%\n2025-07-31,5x%\n".as_bytes();
        let err = parse_recession("allmonth.csv", bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "allmonth.csv:3: field `Rec_prob`: invalid number \"5x\""
        );
    }
}
