//! Aswath Damodaran's `histretSP.xls` ([`Kind::DamodaranHistret`]): annual returns on US
//! stocks, bills, bonds, Baa corporate bonds, real estate and gold since 1928, and inflation.
//!
//! Format (read from a published copy, "Date updated: 2023-01-01"): sheet `Returns by year`,
//! about 17 lines of credits and a calculator, a banner row (`Annual Returns on Investments
//! in`, `Value of $100 invested…`, …), then the header row `Year, S&P 500 (includes
//! dividends), 3-month T.Bill, US T. Bond, Baa Corporate Bond, Real Estate, Gold*, …`, one row
//! per year (`1928`, …), and below the years the averages (`Arithmetic Average Historical
//! Return`, `1928-2022`, …), which are not observations. Values are decimal fractions
//! (0.4381 = 43.81 %). The header repeats names for the real-return block further right
//! (with footnote digits, `S&P 500 (includes dividends)2`); only the first, nominal, block and
//! `Inflation Rate` are read, by their exact header.
//!
//! Ids (dated January 1 of the year: a return over the calendar year, as French's annual
//! tables): `DAMODARAN_RET_SP500` (S&P 500 with dividends), `DAMODARAN_RET_TBILL_3M`,
//! `DAMODARAN_RET_TBOND_10Y` (US T. Bond: the 10-year), `DAMODARAN_RET_BAA`,
//! `DAMODARAN_RET_REAL_ESTATE`, `DAMODARAN_RET_GOLD`, `DAMODARAN_INFLATION`.
//!
//! [`Kind::DamodaranHistret`]: super::Kind::DamodaranHistret

use super::common::{self, CsvRow, MetaSpec};
use super::{ParseError, workbook};
use crate::series::{Observation, ParsedSeries};

const SOURCE: &str = "Aswath Damodaran (NYU Stern), histretSP.xls";

/// Header cell → (id, title).
const COLUMNS: [(&str, &str, &str); 7] = [
    (
        "S&P 500 (includes dividends)",
        "DAMODARAN_RET_SP500",
        "S&P 500 annual return, dividends included",
    ),
    (
        "3-month T.Bill",
        "DAMODARAN_RET_TBILL_3M",
        "3-month T-bill annual return",
    ),
    (
        "US T. Bond",
        "DAMODARAN_RET_TBOND_10Y",
        "US 10-year Treasury bond annual return",
    ),
    (
        "Baa Corporate Bond",
        "DAMODARAN_RET_BAA",
        "Baa corporate bond annual return",
    ),
    (
        "Real Estate",
        "DAMODARAN_RET_REAL_ESTATE",
        "US real estate annual return",
    ),
    (
        "Gold*",
        "DAMODARAN_RET_GOLD",
        "Gold annual return (fixed price before 1971)",
    ),
    ("Inflation Rate", "DAMODARAN_INFLATION", "US inflation rate"),
];

/// The index of the header row (`Year, S&P 500 (includes dividends), …`).
pub fn find_header(rows: &[CsvRow]) -> Option<usize> {
    rows.iter().position(|r| {
        r.cells.first().is_some_and(|c| c == "Year")
            && r.cells.get(1).is_some_and(|c| c == COLUMNS[0].0)
    })
}

/// Parses the workbook (its `Returns by year` sheet, or any sheet with the header).
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let sheets = workbook::sheets(file, bytes)?;
    for sheet in &sheets {
        if let Some(at) = find_header(&sheet.rows) {
            return parse_rows(file, &sheet.rows[at..]);
        }
    }
    Err(workbook::no_sheet_error(
        file,
        &sheets,
        "Year",
        "the `Year, S&P 500 (includes dividends), 3-month T.Bill, …` header of `Returns by year`",
    ))
}

/// Reads the header row `rows[0]` and the year rows below it (up to the first row that is not
/// a year: the averages).
pub fn parse_rows(file: &str, rows: &[CsvRow]) -> Result<Vec<ParsedSeries>, ParseError> {
    let head = &rows[0];
    let mut out = Vec::new();
    for (name, id, title) in COLUMNS {
        // The first cell with exactly this name: the nominal block comes first.
        let Some(index) = head.cells.iter().position(|c| c.trim() == name) else {
            return Err(ParseError::new(
                file,
                Some(head.line),
                Some(name),
                "histretSP header without this column (the layout changed?)",
            ));
        };
        let mut observations = Vec::new();
        for row in &rows[1..] {
            let year = row.cells.first().map_or("", |c| c.trim());
            if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
                break;
            }
            common::check_row_width(file, &head.cells, row)?;
            let date = common::first_of_month(year.parse().unwrap_or(0), 1)
                .ok_or_else(|| common::bad_date(file, Some(row.line), "Year", year, "YYYY"))?;
            let value = common::value_cell(file, row, index, name)?;
            observations.push(Observation::new(date, value));
        }
        if observations.is_empty() {
            return Err(ParseError::new(
                file,
                Some(head.line),
                Some("Year"),
                "no year rows under the header",
            ));
        }
        out.push(common::make_series(
            id,
            &MetaSpec {
                source: SOURCE,
                title,
                units: "fraction (0.10 = 10 %)",
                frequency: "A",
                notes: "annual, dated January 1 of the year the return covers",
            },
            observations,
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn row(line: u64, cells: &[&str]) -> CsvRow {
        CsvRow {
            line,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    /// Rows 18-20 and 113-116 of sheet `Returns by year` of a published `histretSP.xls`
    /// (LuisSousaSilva/streamlite_damodaran_returns_sbb, 2c6e0b5, "Date updated: 2023-01-01"),
    /// as the workbook reader gives them, cut after the `Inflation Rate` column.
    fn sample() -> Vec<CsvRow> {
        let mut head = vec![
            "Year",
            "S&P 500 (includes dividends)",
            "3-month T.Bill",
            "US T. Bond",
            "Baa Corporate Bond",
            "Real Estate",
            "Gold*",
            "S&P 500 (includes dividends)3",
        ];
        head.extend(["", "", "", "", "", "", "", "", "", "Inflation Rate"]);
        let year = |line, y: &str, v: [&str; 7]| {
            let mut cells = vec![y];
            cells.extend(&v[..6]);
            cells.extend(["143.8", "", "", "", "", "", "", "", "", "", v[6]]);
            row(line, &cells)
        };
        vec![
            row(18, &head),
            year(
                19,
                "1928",
                [
                    "0.43811155152887893",
                    "0.0308",
                    "0.008354708589799302",
                    "0.03219551470232438",
                    "0.01491053677932408",
                    "0.0009689922480620172",
                    "-0.0115607",
                ],
            ),
            year(
                20,
                "1929",
                [
                    "-0.0829794661190966",
                    "0.0316",
                    "0.04203804156320426",
                    "0.03017856239904043",
                    "-0.020568070519098924",
                    "-0.0014520813165538327",
                    "0.005848",
                ],
            ),
            year(
                113,
                "2022",
                [
                    "-0.18008971545346592",
                    "0.0442",
                    "-0.1782817153825067",
                    "-0.14488298214231426",
                    "0.07303330462245206",
                    "0.005494203615185933",
                    "0.0712",
                ],
            ),
            row(115, &["Arithmetic Average Historical Return", "", ""]),
            row(
                116,
                &["1928-2022", "0.11506540881685207", "0.03337850877192983"],
            ),
        ]
    }

    #[test]
    fn nominal_returns_and_inflation_by_year() {
        let rows = sample();
        assert_eq!(find_header(&rows), Some(0));
        let all = parse_rows("histretSP.xls", &rows).unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(ids[0], "DAMODARAN_RET_SP500");
        assert_eq!(ids[6], "DAMODARAN_INFLATION");
        let sp = &all[0];
        // 1928: +43.81 %, 2022: -18.01 % (the sheet's own cells); the averages are not years.
        assert_eq!(sp.observations.len(), 3);
        assert_eq!(sp.observations[0].date, date(1928, 1, 1));
        assert_eq!(sp.observations[0].value, Some(0.43811155152887893));
        assert_eq!(sp.observations[2].value, Some(-0.18008971545346592));
        assert_eq!(all[2].observations[2].value, Some(-0.1782817153825067));
        assert_eq!(all[6].observations[0].value, Some(-0.0115607));
        assert_eq!(sp.meta.frequency, "A");
    }
}
