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
//! [`Kind::Shiller`]: super::Kind::Shiller

use super::ParseError;
use super::common::{self, MetaSpec, bad_date, csv_rows, header};
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

/// Parses the `ie_data` CSV.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    if head.cells.first().map(String::as_str) != Some("Date") {
        return Err(ParseError::new(
            file,
            Some(head.line),
            Some("Date"),
            "expected the first column to be `Date`",
        ));
    }
    // (column index, header text, id, units) for every column we know.
    let wanted: Vec<(usize, &str, &str, &str)> = head
        .cells
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            COLUMNS
                .iter()
                .find(|(text, _, _)| text == name)
                .map(|(text, id, units)| (i, *text, *id, *units))
        })
        .collect();
    if !wanted.iter().any(|w| w.2 == "SHILLER_P") {
        return Err(ParseError::new(
            file,
            Some(head.line),
            Some("S&P Comp. P"),
            "the price column is missing",
        ));
    }
    let mut columns: Vec<Vec<Observation>> = vec![Vec::with_capacity(rows.len()); wanted.len()];
    for row in &rows[1..] {
        let date_text = common::cell(file, row, 0, "Date")?;
        let date = parse_shiller_date(date_text).ok_or_else(|| {
            bad_date(
                file,
                Some(row.line),
                "Date",
                date_text,
                "YYYY.MM, e.g. 2000.10",
            )
        })?;
        for (slot, (index, field, _, _)) in wanted.iter().enumerate() {
            let value = match row.cells.get(*index) {
                Some(_) => common::value_cell(file, row, *index, field)?,
                None => None,
            };
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
    fn decimal_month_dates() {
        assert_eq!(parse_shiller_date("2000.10"), Some(date(2000, 10, 1)));
        assert_eq!(parse_shiller_date("2000.1"), Some(date(2000, 10, 1)));
        assert_eq!(parse_shiller_date("1871.01"), Some(date(1871, 1, 1)));
        assert_eq!(parse_shiller_date("2000.13"), None);
        assert_eq!(parse_shiller_date("2000"), None);
        assert_eq!(parse_shiller_date("2000.00"), None);
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
