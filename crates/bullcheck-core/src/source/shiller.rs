//! Robert Shiller's `ie_data` sheet (`Data`) saved as CSV ([`Kind::Shiller`]).
//!
//! Format: header `Date,S&P Comp. P,Dividend D,Earnings E,Consumer Price Index CPI,Date Fraction,
//! Long Interest Rate GS10,Real Price,...,Cyclically Adjusted Price Earnings Ratio P/E10 or CAPE,
//! ...`; one row per month from 1871.
//!
//! Traps: `Date` is a decimal `YYYY.MM` where the fraction is the month: `2000.10` and `2000.1`
//! are both October (Excel drops the trailing zero), `1871.01` is January — month =
//! round(fraction × 100). `NA` where a value cannot exist yet (CAPE needs ten years of
//! earnings); empty D and E in the newest months (not yet reported). CRLF line ends.
//!
//! Ids (columns matched by header text): `SHILLER_P` (S&P composite price, index),
//! `SHILLER_D` / `SHILLER_E` (dividends / earnings, index units), `SHILLER_CPI`,
//! `SHILLER_GS10` (percent), `SHILLER_REAL_P`, `SHILLER_REAL_D`, `SHILLER_REAL_E`,
//! `SHILLER_CAPE`, `SHILLER_TR_CAPE` (ratios), `SHILLER_EXCESS_CAPE_YIELD` (fraction).
//! Other columns are not read. Each month is dated at its first day.
//!
//! Variants from other spreadsheets: a header that kept only its last row
//! (`Date,P,D,E,CPI,Fraction,Rate GS10,...`) is read by those short labels where they are
//! unambiguous (`P`, `D`, `E`, `CPI`, `Rate GS10`, `CAPE`); cells shown as percents
//! (`-1.05%`) are divided by 100 in a fraction column (Excess CAPE Yield), kept in a percent
//! column (GS10) and refused elsewhere; thousands separators (`"2,664.34"`) are removed.
//!
//! [`Kind::Shiller`]: super::Kind::Shiller

use super::common::{self, CsvRow, MetaSpec, bad_date, csv_rows, header};
use super::{ParseError, workbook};
use crate::series::{Date, Observation, ParsedSeries};

const SOURCE: &str = "Robert Shiller, ie_data";

/// Header text → (id, units).
const COLUMNS: [(&str, &str, &str); 11] = [
    ("S&P Comp. P", "SHILLER_P", "index"),
    ("Dividend D", "SHILLER_D", "index units"),
    ("Earnings E", "SHILLER_E", "index units"),
    ("Consumer Price Index CPI", "SHILLER_CPI", "index"),
    ("Long Interest Rate GS10", "SHILLER_GS10", "percent"),
    ("Real Price", "SHILLER_REAL_P", "index, real"),
    ("Real Dividend", "SHILLER_REAL_D", "index units, real"),
    ("Real Earnings", "SHILLER_REAL_E", "index units, real"),
    (
        "Cyclically Adjusted Price Earnings Ratio P/E10 or CAPE",
        "SHILLER_CAPE",
        "ratio",
    ),
    (
        "Cyclically Adjusted Total Return Price Earnings Ratio TR P/E10 or TR CAPE",
        "SHILLER_TR_CAPE",
        "ratio",
    ),
    ("Excess CAPE Yield", "SHILLER_EXCESS_CAPE_YIELD", "fraction"),
];

/// `2000.10` / `2000.1` → 2000-10-01; `1871.01` → 1871-01-01.
pub fn parse_shiller_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let (year, fraction) = text.split_once('.')?;
    if year.is_empty() || fraction.is_empty() || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i64 = year.parse().ok()?;
    let fraction: f64 = format!("0.{fraction}").parse().ok()?;
    let month = (fraction * 100.0).round() as i64;
    common::first_of_month(year, month)
}

/// How many rows above `Date` a stacked header may span (the workbook has seven).
const MAX_HEADER_ROWS: usize = 12;

/// `1871.01` / `2000.1` as written by a workbook cell (shortest `f64` text) or an export.
/// Same rule as [`parse_shiller_date`]; also accepts a fraction written with more digits
/// (`1871.0100000001`) as long as it is within 0.001 of a whole month.
fn row_date(text: &str) -> Option<Date> {
    if let Some(date) = parse_shiller_date(text) {
        return Some(date);
    }
    let value: f64 = text.trim().parse().ok()?;
    if !value.is_finite() || value < 1.0 {
        return None;
    }
    let year = value.trunc();
    let month = (value - year) * 100.0;
    if (month - month.round()).abs() > 0.1 {
        return None;
    }
    common::first_of_month(year as i64, month.round() as i64)
}

/// The short labels of the last header row (`Date,P,D,E,CPI,Fraction,Rate GS10,...`) that
/// name a column unambiguously, for exports that kept only that row: label → id.
const SHORT_LABELS: [(&str, &str); 7] = [
    ("P", "SHILLER_P"),
    ("D", "SHILLER_D"),
    ("E", "SHILLER_E"),
    ("CPI", "SHILLER_CPI"),
    ("Rate GS10", "SHILLER_GS10"),
    ("GS10", "SHILLER_GS10"),
    ("CAPE", "SHILLER_CAPE"),
];

/// The column of [`COLUMNS`] a header names: by its full stacked name, else by the short label
/// of its last row.
fn known_column(name: &str, label: &str) -> Option<(&'static str, &'static str, &'static str)> {
    COLUMNS
        .iter()
        .copied()
        .find(|(text, _, _)| *text == name)
        .or_else(|| {
            let (_, id) = SHORT_LABELS.iter().find(|(l, _)| *l == label.trim())?;
            COLUMNS.iter().copied().find(|(_, i, _)| i == id)
        })
}

/// A cell of a column in `units`: a number, or a spreadsheet's percent display (`-1.05%`):
/// in a `fraction` column it is divided by 100, in a `percent` column taken as written, in
/// any other column refused (a percent of an index level means the column is not Shiller's).
fn number_in(text: &str, units: &str) -> Result<Option<f64>, String> {
    let Some(body) = text.trim().strip_suffix('%') else {
        return number(text);
    };
    let value = number(body)?;
    match units {
        // `3.12e-2` parses to the double nearest 0.0312 (3.12 / 100 would not).
        "fraction" => Ok(match value {
            Some(v) => format!("{v}e-2").parse().ok(),
            None => None,
        }),
        "percent" => Ok(value),
        _ => Err(format!(
            "{:?} is a percent, but this column is in {units}",
            common::excerpt(text.trim())
        )),
    }
}

/// A numeric cell, also with thousands separators (`"300,739"` in an Excel export).
fn number(text: &str) -> Result<Option<f64>, String> {
    let trimmed = text.trim();
    if is_grouped(trimmed) {
        return common::parse_value(&trimmed.replace(',', ""));
    }
    common::parse_value(trimmed)
}

/// `300,739`, `-1,234.5`: digit groups of three after the first, an optional fraction.
fn is_grouped(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
        && fraction.chars().all(|c| c.is_ascii_digit())
}

/// The index of the `Date` header row and the column names, each the join of the stacked
/// header cells above it (rows since the last blank row, at most [`MAX_HEADER_ROWS`]).
/// `None` when no row starts with `Date` or the price column is not among the names.
pub fn find_header(rows: &[CsvRow]) -> Option<(usize, Vec<String>)> {
    let at = rows
        .iter()
        .take(MAX_HEADER_ROWS + 8)
        .position(|row| row.cells.first().is_some_and(|c| c == "Date"))?;
    // Rows of the block: contiguous lines above `Date` (blank rows are dropped, so a gap in
    // line numbers ends the block).
    let mut top = at;
    while top > 0 && at - top < MAX_HEADER_ROWS && rows[top - 1].line + 1 == rows[top].line {
        top -= 1;
    }
    let width = rows[at].cells.len();
    let mut names = vec!["Date".to_string()];
    for column in 1..width {
        let parts: Vec<&str> = rows[top..=at]
            .iter()
            .filter_map(|row| row.cells.get(column))
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        names.push(
            parts
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    let labels = &rows[at].cells;
    names
        .iter()
        .zip(labels)
        .any(|(n, l)| known_column(n, l).is_some_and(|c| c.1 == "SHILLER_P"))
        .then_some((at, names))
}

/// Parses the `ie_data` CSV: the converted one-header-row form or Excel's own "save as CSV"
/// (stacked header rows, a footnote row), or the sheet `Data` of the workbook.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    if workbook::is_workbook(file, bytes) {
        let sheets = workbook::sheets(file, bytes)?;
        let sheet = sheets
            .iter()
            .find(|s| find_header(&s.rows).is_some())
            .ok_or_else(|| {
                workbook::no_sheet_error(
                    file,
                    &sheets,
                    "Date",
                    "Shiller's `Date, P, D, E, CPI, ...` header",
                )
            })?;
        return parse_rows(&format!("{file} [sheet {}]", sheet.name), &sheet.rows);
    }
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    parse_rows(file, &rows)
}

fn parse_rows(file: &str, rows: &[CsvRow]) -> Result<Vec<ParsedSeries>, ParseError> {
    let head = header(file, rows)?;
    let Some((at, names)) = find_header(rows) else {
        return Err(
            if rows
                .iter()
                .any(|r| r.cells.first().is_some_and(|c| c == "Date"))
            {
                ParseError::new(
                    file,
                    Some(head.line),
                    Some("S&P Comp. P"),
                    "the price column is missing",
                )
            } else {
                ParseError::new(
                    file,
                    Some(head.line),
                    Some("Date"),
                    "expected the first column to be `Date`",
                )
            },
        );
    };
    // (column index, header text, id, units) for every column we know.
    let labels = &rows[at].cells;
    let mut wanted: Vec<(usize, &str, &str, &str)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let label = labels.get(i).map_or("", String::as_str);
        if let Some((text, id, units)) = known_column(name, label)
            && !wanted.iter().any(|w| w.2 == id)
        {
            wanted.push((i, text, id, units));
        }
    }
    let mut columns: Vec<Vec<Observation>> = vec![Vec::with_capacity(rows.len()); wanted.len()];
    for row in &rows[at + 1..] {
        let date_text = common::cell(file, row, 0, "Date")?;
        if date_text.is_empty() {
            // A footnote row ("March 2018 P is March 8 value"): text only, no date.
            if row.cells.iter().all(|c| number(c).is_err() || c.is_empty()) {
                continue;
            }
            return Err(ParseError::new(
                file,
                Some(row.line),
                Some("Date"),
                "a row with values but no date",
            ));
        }
        let date = row_date(date_text).ok_or_else(|| {
            bad_date(
                file,
                Some(row.line),
                "Date",
                date_text,
                "YYYY.MM, e.g. 2000.10",
            )
        })?;
        common::check_row_width(file, &rows[at].cells, row)?;
        for (slot, (index, field, _, units)) in wanted.iter().enumerate() {
            let text = common::cell(file, row, *index, field)?;
            let value = number_in(text, units)
                .map_err(|msg| ParseError::new(file, Some(row.line), Some(field), msg))?;
            columns[slot].push(Observation::new(date, value));
        }
    }
    Ok(wanted
        .iter()
        .zip(columns)
        .map(|((_, title, id, units), obs)| {
            let spec = MetaSpec {
                source: SOURCE,
                title,
                units,
                frequency: "M",
                notes: "",
            };
            common::make_series(id, &spec, obs)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn header_variants_and_percent_cells() {
        // Only the last row of the stacked header (labels as in the real Excel export,
        // `real_formats/shiller/ie_data_excel_export.csv` line 8), Excess CAPE Yield displayed
        // as a percent, GS10 with a `%`, a price with a thousands separator.
        let text = "Date,P,D,E,CPI,Fraction,Rate GS10,Price,Dividend,Earnings,CAPE,,Excess CAPE Yield\n\
                    1871.01,4.44,0.26,0.40,12.46,1871.04,5.32%,88.66,5.19,7.99,NA,,NA\n\
                    1871.1,4.61,0.28,0.42,12.59,1871.79,5.25,91.07,5.53,8.30,NA,,-1.05%\n\
                    2017.12,\"2,664.34\",49.29,109.88,246.52,2017.96,2.40,\"2,786.17\",51.54,114.90,32.09,,3.12%\n";
        let all = parse("ie_data.csv", text.as_bytes()).unwrap();
        let get = |id: &str| all.iter().find(|s| s.meta.id == id).unwrap();
        assert_eq!(get("SHILLER_P").observations[1].date, date(1871, 10, 1));
        assert_eq!(get("SHILLER_P").observations[2].value, Some(2664.34));
        assert_eq!(get("SHILLER_GS10").observations[0].value, Some(5.32));
        assert_eq!(get("SHILLER_CAPE").observations[2].value, Some(32.09));
        let ecy = get("SHILLER_EXCESS_CAPE_YIELD");
        assert_eq!(ecy.observations[1].value, Some(-0.0105));
        assert_eq!(ecy.observations[2].value, Some(0.0312));
        // `Price` alone is not taken for the real price: ambiguous in this short form.
        assert!(all.iter().all(|s| s.meta.id != "SHILLER_REAL_P"));
        // A percent in the price column is refused, naming the field.
        let bad = "Date,P,D,E\n1871.01,4.44%,0.26,0.40\n";
        let err = parse("ie_data.csv", bad.as_bytes()).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("is a percent"), "{err}");
    }

    #[test]
    fn decimal_month_dates() {
        assert_eq!(parse_shiller_date("2000.10"), Some(date(2000, 10, 1)));
        assert_eq!(parse_shiller_date("2000.1"), Some(date(2000, 10, 1)));
        assert_eq!(parse_shiller_date("1871.01"), Some(date(1871, 1, 1)));
        assert_eq!(parse_shiller_date("2000.13"), None);
        assert_eq!(parse_shiller_date("2000"), None);
        assert_eq!(parse_shiller_date("2000.00"), None);
    }

    #[test]
    fn excel_export_with_stacked_header_grouped_numbers_and_footnote() {
        let path = format!(
            "{}/../../testdata/shiller/ie_data_excel_export_sample.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(
            super::super::detect("ie_data.csv", &bytes),
            Ok(super::super::Kind::Shiller)
        );
        let all = parse("ie_data.csv", &bytes).unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        // The same ids as the converted CSV, for the columns this older sheet has.
        assert_eq!(
            ids,
            [
                "SHILLER_P",
                "SHILLER_D",
                "SHILLER_E",
                "SHILLER_CPI",
                "SHILLER_GS10",
                "SHILLER_REAL_P",
                "SHILLER_REAL_D",
                "SHILLER_REAL_E",
                "SHILLER_CAPE"
            ]
        );
        let p = &all[0];
        let at = |d: Date| p.observations.iter().find(|o| o.date == d).unwrap().value;
        // `1871.1` is October (4.59), `1871.11` November, `1871.01` January.
        assert_eq!(at(date(1871, 10, 1)), Some(4.59));
        assert_eq!(at(date(1871, 11, 1)), Some(4.64));
        assert_eq!(at(date(1871, 1, 1)), Some(4.44));
        assert_eq!(at(date(2017, 12, 1)), Some(2664.34)); // "2,664.34"
        // The footnote row is not a month: the last observation is 2018.03.
        assert_eq!(p.observations.len(), 6);
        assert_eq!(p.observations.last().unwrap().date, date(2018, 3, 1));
        assert_eq!(all[4].observations[0].value, Some(5.32));
        assert_eq!(all[8].observations[0].value, None); // NA
    }

    #[test]
    fn workbook_sheet_with_stacked_header_float_dates_and_footnote() {
        let path = format!(
            "{}/../../testdata/shiller/ie_data_sample.xls",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(
            super::super::detect("ie_data.xls", &bytes),
            Ok(super::super::Kind::Shiller)
        );
        let all = parse("ie_data.xls", &bytes).unwrap();
        assert_eq!(all.len(), 11);
        let get = |id: &str| all.iter().find(|s| s.meta.id == id).unwrap();
        let p: Vec<(Date, Option<f64>)> = get("SHILLER_P")
            .observations
            .iter()
            .map(|o| (o.date, o.value))
            .collect();
        // Values as python xlrd reads the cells; 1871.1 and 2000.1 (floats) are October.
        assert_eq!(
            p,
            [
                (date(1871, 1, 1), Some(4.44)),
                (date(1871, 2, 1), Some(4.5)),
                (date(1871, 9, 1), Some(4.84)),
                (date(1871, 10, 1), Some(4.59)),
                (date(1871, 11, 1), Some(4.64)),
                (date(2000, 10, 1), Some(1390.14)),
                (date(2025, 3, 1), Some(5683.983333333333)),
                (date(2025, 4, 1), Some(5396.52)),
            ]
        );
        assert_eq!(get("SHILLER_CPI").observations[0].value, Some(12.46406116));
        assert_eq!(get("SHILLER_D").observations[7].value, None); // empty cell
        assert_eq!(get("SHILLER_CAPE").observations[0].value, None); // `NA`
        assert_eq!(
            get("SHILLER_GS10").observations[1].value,
            Some(5.323333333333333)
        );
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(number("300,739"), Ok(Some(300739.0)));
        assert_eq!(number("-1,234.5"), Ok(Some(-1234.5)));
        assert_eq!(number("4,084,025.82"), Ok(Some(4084025.82)));
        assert!(number("30,07").is_err());
        assert!(number("1,2345").is_err());
        assert_eq!(number("NA"), Ok(None));
    }

    #[test]
    fn workbook_float_dates() {
        assert_eq!(row_date("2000.1"), Some(date(2000, 10, 1)));
        assert_eq!(row_date("1871.0100000000002"), Some(date(1871, 1, 1)));
        assert_eq!(row_date("2025.12"), Some(date(2025, 12, 1)));
        assert_eq!(row_date("2025.125"), None);
        assert_eq!(row_date("inf"), None);
    }

    #[test]
    fn a_row_with_values_but_no_date_is_refused() {
        let err = parse("ie.csv", b"Date,S&P Comp. P\n1871.01,4.44\n,4.5\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "ie.csv:3: field `Date`: a row with values but no date"
        );
    }

    #[test]
    fn fixture_with_na_and_blank_newest_months() {
        let path = format!(
            "{}/../../testdata/shiller/ie_data_sample.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let all = parse("ie_data.csv", &std::fs::read(path).unwrap()).unwrap();
        let get = |id: &str| {
            all.iter()
                .find(|s| s.meta.id == id)
                .unwrap_or_else(|| panic!("{id}"))
        };
        let p = get("SHILLER_P");
        assert_eq!(
            (p.observations[0].date, p.observations[0].value),
            (date(1871, 1, 1), Some(4.44))
        );
        // 1871.10 row is October
        assert_eq!(p.observations[2].date, date(1871, 10, 1));
        assert_eq!(get("SHILLER_CAPE").observations[0].value, None); // NA
        let d = get("SHILLER_D");
        let last = d.observations.last().unwrap();
        assert_eq!((last.date, last.value), (date(2026, 5, 1), None)); // blank
        assert_eq!(p.observations.last().unwrap().value, Some(7259.22));
        assert_eq!(get("SHILLER_GS10").observations[0].value, Some(5.32));
    }
}
