//! Aswath Damodaran's `histimpl` sheet (Historical Implied Premiums) saved as CSV, or the
//! published workbook `histimpl.xls` itself ([`Kind::Damodaran`], read through
//! [`super::workbook`]).
//!
//! Format: header `Year,Earnings Yield,Dividend Yield,S&P 500,Earnings*,Dividends*,Dividends +
//! Buybacks,Change in Earnings,Change in Dividends,T.Bill Rate,T.Bond Rate,Bond-Bill,Smoothed
//! Growth,Implied Premium (DDM),Analyst Growth Estimate,Implied ERP (FCFE),Implied Premium (FCFE
//! with sustainable Payout),ERP/Riskfree Rate`; one row per year. The workbook of 2021 heads
//! the FCFE column `Implied Premium (FCFE)`: the same id.
//!
//! Traps: rates are decimal *fractions* (0.046 = 4.6%) and kept as given (units `fraction`);
//! early years have empty cells (no buyback or analyst-growth data). CRLF line ends.
//!
//! Dates: the row for year Y holds the values at the *end* of Y — the implied ERP Damodaran
//! computes at the start of Y+1 from the index level at the close of Y — so it is dated
//! **Y-12-31** (row `2023` → 2023-12-31).
//!
//! Ids: `DAMODARAN_EY`, `DAMODARAN_DY`, `DAMODARAN_SP500` (index), `DAMODARAN_EARNINGS`,
//! `DAMODARAN_DIVIDENDS`, `DAMODARAN_DIV_BUYBACKS` (index units), `DAMODARAN_TBILL`,
//! `DAMODARAN_TBOND`, `DAMODARAN_ERP_DDM`, `DAMODARAN_ANALYST_GROWTH`, `DAMODARAN_ERP_FCFE`,
//! `DAMODARAN_ERP_FCFE_SUSTAINABLE` (fractions). Other columns are not read.
//!
//! [`Kind::Damodaran`]: super::Kind::Damodaran

use super::common::{self, CsvRow, MetaSpec, bad_date, csv_rows, header};
use super::{ParseError, workbook};
use crate::series::{Date, Observation, ParsedSeries};

const SOURCE: &str = "Aswath Damodaran, histimpl (NYU Stern)";

/// Header text → (id, units).
const COLUMNS: [(&str, &str, &str); 13] = [
    ("Earnings Yield", "DAMODARAN_EY", "fraction"),
    ("Dividend Yield", "DAMODARAN_DY", "fraction"),
    ("S&P 500", "DAMODARAN_SP500", "index"),
    ("Earnings*", "DAMODARAN_EARNINGS", "index units"),
    ("Dividends*", "DAMODARAN_DIVIDENDS", "index units"),
    (
        "Dividends + Buybacks",
        "DAMODARAN_DIV_BUYBACKS",
        "index units",
    ),
    ("T.Bill Rate", "DAMODARAN_TBILL", "fraction"),
    ("T.Bond Rate", "DAMODARAN_TBOND", "fraction"),
    ("Implied Premium (DDM)", "DAMODARAN_ERP_DDM", "fraction"),
    (
        "Analyst Growth Estimate",
        "DAMODARAN_ANALYST_GROWTH",
        "fraction",
    ),
    ("Implied ERP (FCFE)", "DAMODARAN_ERP_FCFE", "fraction"),
    // The same column as the workbook of 2021 heads it.
    ("Implied Premium (FCFE)", "DAMODARAN_ERP_FCFE", "fraction"),
    (
        "Implied Premium (FCFE with sustainable Payout)",
        "DAMODARAN_ERP_FCFE_SUSTAINABLE",
        "fraction",
    ),
];

fn year_end(text: &str) -> Option<Date> {
    let year: i16 = text.trim().parse().ok()?;
    if !(1..=9999).contains(&year) {
        return None;
    }
    Date::new(year, 12, 31).ok()
}

/// The index of the `Year, ..., Implied ...` header row among the first rows of a sheet.
pub fn find_header(rows: &[CsvRow]) -> Option<usize> {
    rows.iter().take(40).position(|row| {
        row.cells.first().is_some_and(|c| c == "Year")
            && row.cells.iter().any(|c| c.contains("Implied"))
    })
}

/// Parses the `histimpl` CSV, or the sheet `Historical Impl Premiums` of the workbook
/// (`histimpl.xls`: a few lines of credits above the header; below the yearly rows a footnote
/// and a block of period averages, which end the table: the first row whose first cell is not
/// a year).
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    if workbook::is_workbook(file, bytes) {
        let sheets = workbook::sheets(file, bytes)?;
        let Some((sheet, at)) = sheets
            .iter()
            .find_map(|s| find_header(&s.rows).map(|at| (s, at)))
        else {
            return Err(workbook::no_sheet_error(
                file,
                &sheets,
                "Year",
                "Damodaran's `Year, ..., Implied Premium ...` header",
            ));
        };
        let name = format!("{file} [sheet {}]", sheet.name);
        return parse_rows(&name, &sheet.rows[at..], true);
    }
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    parse_rows(file, &rows, false)
}

/// `rows[0]` is the header. With `table_ends`, the first row whose first cell is not a year
/// ends the table; otherwise it is an error.
fn parse_rows(
    file: &str,
    rows: &[CsvRow],
    table_ends: bool,
) -> Result<Vec<ParsedSeries>, ParseError> {
    let head = header(file, rows)?;
    if head.cells.first().map(String::as_str) != Some("Year") {
        return Err(ParseError::new(
            file,
            Some(head.line),
            Some("Year"),
            "expected the first column to be `Year`",
        ));
    }
    let wanted: Vec<(usize, &str, &str, &str)> = head
        .cells
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            COLUMNS
                .iter()
                .find(|c| c.0 == name)
                .map(|c| (i, c.0, c.1, c.2))
        })
        .collect();
    if wanted.is_empty() {
        return Err(ParseError::new(
            file,
            Some(head.line),
            None,
            "none of the known histimpl columns is present",
        ));
    }
    let mut columns: Vec<Vec<Observation>> = vec![Vec::with_capacity(rows.len()); wanted.len()];
    for row in &rows[1..] {
        let year_text = common::cell(file, row, 0, "Year")?;
        if table_ends && year_end(year_text).is_none() {
            break;
        }
        let date = year_end(year_text)
            .ok_or_else(|| bad_date(file, Some(row.line), "Year", year_text, "YYYY"))?;
        common::check_row_width(file, &head.cells, row)?;
        for (slot, (index, field, _, _)) in wanted.iter().enumerate() {
            let value = common::value_cell(file, row, *index, field)?;
            columns[slot].push(Observation::new(date, value));
        }
    }
    let notes = "row for year Y is dated Y-12-31: the values at the end of Y (start of Y+1)";
    Ok(wanted
        .iter()
        .zip(columns)
        .map(|((_, title, id, units), obs)| {
            let spec = MetaSpec {
                source: SOURCE,
                title,
                units,
                frequency: "A",
                notes,
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
    fn fixture_dates_rows_at_year_end_and_keeps_fractions() {
        let path = format!(
            "{}/../../testdata/damodaran/histimpl_sample.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let all = parse("histimpl.csv", &std::fs::read(path).unwrap()).unwrap();
        let get = |id: &str| {
            all.iter()
                .find(|s| s.meta.id == id)
                .unwrap_or_else(|| panic!("{id}"))
        };
        let erp = get("DAMODARAN_ERP_FCFE");
        // 1960 row: empty → missing; 2023 row: 0.046 dated 2023-12-31.
        assert_eq!(
            (erp.observations[0].date, erp.observations[0].value),
            (date(1960, 12, 31), None)
        );
        let last = erp.observations.last().unwrap();
        assert_eq!((last.date, last.value), (date(2023, 12, 31), Some(0.046)));
        assert_eq!(
            get("DAMODARAN_TBOND").observations.last().unwrap().value,
            Some(0.0388)
        );
        assert_eq!(get("DAMODARAN_SP500").observations[0].value, Some(58.11));
        assert_eq!(get("DAMODARAN_ERP_DDM").observations[1].value, Some(0.0292));
    }

    #[test]
    fn workbook_with_credits_footnote_and_averages() {
        let path = format!(
            "{}/../../testdata/damodaran/histimpl_sample.xls",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(
            super::super::detect("histimpl.xls", &bytes),
            Ok(super::super::Kind::Damodaran)
        );
        let all = parse("histimpl.xls", &bytes).unwrap();
        let erp = all
            .iter()
            .find(|s| s.meta.id == "DAMODARAN_ERP_FCFE")
            .unwrap();
        let got: Vec<(Date, Option<f64>)> =
            erp.observations.iter().map(|o| (o.date, o.value)).collect();
        // Column `Implied Premium (FCFE)` as python xlrd reads it; the footnote and the
        // period block (`End of 2020`, 0.0472) below the years are not rows.
        assert_eq!(
            got,
            [
                (date(1960, 12, 31), None),
                (date(1961, 12, 31), Some(0.0292)),
                (date(1962, 12, 31), Some(0.0356)),
                (date(2019, 12, 31), Some(0.052)),
                (date(2020, 12, 31), Some(0.0472)),
            ]
        );
        assert_eq!(all.len(), 12);
    }

    #[test]
    fn bad_year_is_located() {
        let err = parse("h.csv", b"Year,T.Bond Rate\n1960,0.0276\n19x1,0.0235\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "h.csv:3: field `Year`: invalid date \"19x1\" (expected YYYY)"
        );
    }
}
