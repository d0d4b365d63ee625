//! Excel workbooks, as Shiller (`ie_data.xls`), Damodaran (`histimpl.xls`) and the NY Fed
//! (`ACMTermPremium.xls`) publish them, read with the `calamine` crate (pure Rust, from the
//! bytes: no file access here).
//!
//! Detection ([`container`]): the file name ends `.xls`, `.xlsx` or `.xlsm` **and** the bytes
//! start with a workbook signature, the OLE2 compound-file header `D0 CF 11 E0 A1 B1 1A E1`
//! (BIFF `.xls`) or the zip header `PK\x03\x04` (Office Open XML `.xlsx`). A misnamed file is
//! read by its signature (an `.xls` that is really `.xlsx` is common); a workbook name
//! without either signature is refused with that reason. An OLE2 file under any name is a
//! workbook too (it is never text); a bare zip is not (it may be SEC `companyfacts.zip`).
//!
//! Each sheet becomes rows of text cells ([`CsvRow`], `line` = the Excel row number, cells trimmed,
//! every row as wide as the sheet's used range, blank rows dropped), so the CSV parsers read a
//! sheet exactly as they read the publisher's CSV: a number cell is written in Rust's shortest
//! round-trip form (`1871.01`, `2000.1`, `12.46406116`: parsing it back gives the same `f64`), a
//! date cell (an Excel serial number with a date format, 1900 or 1904 epoch) as `YYYY-MM-DD`, a
//! boolean as `TRUE`/`FALSE`, an error cell (`#N/A`, `#DIV/0!`) as empty (missing). Limits: at most
//! [`MAX_CELLS`] cells per workbook; formulas are read as their cached values.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xls, Xlsx};

use super::ParseError;
use super::common::CsvRow;

/// The most cells read from one workbook (Shiller's `ie_data.xls` has about 41,000, the ACM
/// workbook about 500,000).
pub const MAX_CELLS: usize = 20_000_000;

/// The container format of a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// BIFF `.xls` in an OLE2 compound file.
    Xls,
    /// Office Open XML `.xlsx`/`.xlsm` (a zip).
    Xlsx,
}

const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP: [u8; 4] = [b'P', b'K', 0x03, 0x04];

/// `Some(Ok(_))` for a workbook, `Some(Err(reason))` for a file named like a workbook that is
/// not one, `None` for anything else.
pub fn container(file_name: &str, bytes: &[u8]) -> Option<Result<Container, String>> {
    let lower = file_name.to_ascii_lowercase();
    let named = [".xls", ".xlsx", ".xlsm"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    if bytes.starts_with(&OLE2) {
        return Some(Ok(Container::Xls));
    }
    if !named {
        return None;
    }
    if bytes.starts_with(&ZIP) {
        return Some(Ok(Container::Xlsx));
    }
    Some(Err(
        "named like an Excel workbook but has neither the OLE2 (D0 CF 11 E0) nor the zip (PK) \
         signature: not a workbook (a CSV or HTML page saved under an .xls name?)"
            .to_string(),
    ))
}

/// Whether the bytes are a workbook (a signature [`container`] accepts). A CSV saved under an
/// `.xls` name is not: forced with `--kind`, it is read as the CSV it is.
pub fn is_workbook(file_name: &str, bytes: &[u8]) -> bool {
    matches!(container(file_name, bytes), Some(Ok(_)))
}

/// One sheet: its name and its non-blank rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<CsvRow>,
}

/// Reads every sheet of a workbook.
pub fn sheets(file: &str, bytes: &[u8]) -> Result<Vec<Sheet>, ParseError> {
    let kind = match container(file, bytes) {
        Some(Ok(kind)) => kind,
        Some(Err(reason)) => return Err(ParseError::new(file, None, None, reason)),
        None => {
            return Err(ParseError::new(
                file,
                None,
                None,
                "not an Excel workbook (no OLE2 or zip signature)",
            ));
        }
    };
    let broken = |err: String| {
        ParseError::new(
            file,
            None,
            None,
            format!("unreadable Excel workbook: {err}"),
        )
    };
    if kind == Container::Xls {
        check_ole2_size(bytes).map_err(&broken)?;
    }
    // calamine can panic on a damaged file (found by this crate's fuzz test: a truncated
    // compound file indexes past its end); a panic there is a damaged workbook, not a bug to
    // crash on, so it becomes an error like any other.
    let read = std::panic::catch_unwind(|| -> Result<Vec<(String, Range<Data>)>, String> {
        Ok(match kind {
            Container::Xls => Xls::new(Cursor::new(bytes))
                .map_err(|e| e.to_string())?
                .worksheets(),
            Container::Xlsx => Xlsx::new(Cursor::new(bytes))
                .map_err(|e| e.to_string())?
                .worksheets(),
        })
    });
    let ranges = match read {
        Ok(result) => result.map_err(&broken)?,
        Err(_) => return Err(broken("damaged file (the reader failed)".to_string())),
    };
    let total: usize = ranges
        .iter()
        .map(|(_, r)| r.width().saturating_mul(r.height()))
        .fold(0usize, usize::saturating_add);
    if total > MAX_CELLS {
        return Err(ParseError::new(
            file,
            None,
            None,
            format!("the workbook has {total} cells, more than the {MAX_CELLS} read"),
        ));
    }
    Ok(ranges
        .into_iter()
        .map(|(name, range)| Sheet {
            rows: rows_of(&range),
            name,
        })
        .collect())
}

/// The error for a workbook in which no sheet holds the expected header (`what`, e.g.
/// "Shiller's `Date, P, D, E, CPI, ...` header"), naming the sheets it has.
pub fn no_sheet_error(file: &str, sheets: &[Sheet], field: &str, what: &str) -> ParseError {
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    ParseError::new(
        file,
        None,
        Some(field),
        format!("no sheet has {what} (sheets: {})", names.join(", ")),
    )
}

/// An Excel serial date in the 1900 system (`22446` → 1961-06-14) written as text, for a date
/// cell that lost its date format. Whole days from 61 (1900-03-01, past Excel's phantom
/// 1900-02-29) to 2958465 (9999-12-31); anything else is `None`.
pub fn serial_date(text: &str) -> Option<crate::series::Date> {
    let days: i64 = text.trim().parse().ok()?;
    if !(61..=2_958_465).contains(&days) {
        return None;
    }
    jiff::civil::date(1899, 12, 30)
        .checked_add(jiff::Span::new().days(days))
        .ok()
}

/// An OLE2 compound file is a 512-byte header and whole sectors (512 or 4096 bytes, from the
/// sector shift at offset 30): anything else is truncated or padded.
fn check_ole2_size(bytes: &[u8]) -> Result<(), String> {
    let shift = bytes
        .get(30..32)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .ok_or_else(|| "truncated compound-file header".to_string())?;
    let sector = match shift {
        9 => 512,
        12 => 4096,
        other => {
            return Err(format!(
                "compound-file sector shift {other} (expected 9 or 12)"
            ));
        }
    };
    let body = bytes.len().saturating_sub(sector.max(512));
    if bytes.len() < 512 || body % sector != 0 {
        return Err(format!(
            "truncated: {} bytes is not a whole number of {sector}-byte sectors",
            bytes.len()
        ));
    }
    Ok(())
}

fn rows_of(range: &Range<Data>) -> Vec<CsvRow> {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = std::iter::repeat_n(String::new(), first_col as usize)
            .chain(row.iter().map(text_of))
            .collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(CsvRow {
            line: u64::from(first_row) + i as u64 + 1,
            cells,
        });
    }
    rows
}

/// The text a CSV export would hold for a cell (see the module doc).
fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_needs_the_signature() {
        let ole = [OLE2.as_slice(), &[0u8; 8]].concat();
        assert_eq!(container("ie_data.xls", &ole), Some(Ok(Container::Xls)));
        assert_eq!(container("renamed.bin", &ole), Some(Ok(Container::Xls)));
        assert_eq!(
            container("x.xlsx", b"PK\x03\x04rest"),
            Some(Ok(Container::Xlsx))
        );
        // An .xls that is really .xlsx is read by its signature.
        assert_eq!(
            container("x.xls", b"PK\x03\x04rest"),
            Some(Ok(Container::Xlsx))
        );
        assert_eq!(container("companyfacts.zip", b"PK\x03\x04rest"), None);
        assert_eq!(container("DGS10.csv", b"DATE,DGS10\n"), None);
        let err = container("ie_data.xls", b"Date,P,D\n")
            .unwrap()
            .unwrap_err();
        assert!(err.contains("not a workbook"), "{err}");
        assert!(!is_workbook("ie_data.xls", b"Date,P,D\n"));
        // Forced with --kind, such a file is read as the CSV it is.
        let parsed =
            super::super::shiller::parse("ie_data.xls", b"Date,S&P Comp. P\n1871.01,4.44\n");
        assert_eq!(parsed.unwrap()[0].observations[0].value, Some(4.44));
    }

    #[test]
    fn broken_workbooks_are_errors_not_panics() {
        let ole = [OLE2.as_slice(), &[0u8; 600]].concat();
        let err = sheets("x.xls", &ole).unwrap_err();
        assert!(
            err.message.starts_with("unreadable Excel workbook"),
            "{err}"
        );
        let err = sheets("x.xlsx", b"PK\x03\x04garbage").unwrap_err();
        assert!(
            err.message.starts_with("unreadable Excel workbook"),
            "{err}"
        );
    }

    #[test]
    fn serial_dates() {
        use jiff::civil::date;
        // Excel: =DATE(1961,6,14) is 22446, =DATE(2000,3,1) is 36586, =DATE(1900,3,1) is 61.
        assert_eq!(serial_date("22446"), Some(date(1961, 6, 14)));
        assert_eq!(serial_date("36586"), Some(date(2000, 3, 1)));
        assert_eq!(serial_date("61"), Some(date(1900, 3, 1)));
        assert_eq!(serial_date("60"), None);
        assert_eq!(serial_date("22446.5"), None);
        assert_eq!(serial_date("99999999"), None);
    }

    #[test]
    fn a_truncated_xls_is_an_error() {
        let path = format!(
            "{}/../../testdata/shiller/ie_data_sample.xls",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).unwrap();
        assert!(sheets("ie_data.xls", &bytes).is_ok());
        let err = sheets("ie_data.xls", &bytes[..bytes.len() - 300]).unwrap_err();
        assert!(err.message.contains("truncated"), "{err}");
    }

    #[test]
    fn cells_are_written_as_a_csv_export_would() {
        assert_eq!(text_of(&Data::Float(1871.01)), "1871.01");
        assert_eq!(text_of(&Data::Float(2000.1)), "2000.1");
        assert_eq!(text_of(&Data::Float(1960.0)), "1960");
        assert_eq!(text_of(&Data::Float(12.46406116)), "12.46406116");
        assert_eq!(text_of(&Data::String(" NA ".into())), "NA");
        // Excel serial 22446 (1900 epoch) is 1961-06-14.
        let dt =
            calamine::ExcelDateTime::new(22446.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(text_of(&Data::DateTime(dt)), "1961-06-14");
        assert_eq!(
            text_of(&Data::Error(calamine::CellErrorType::NA)),
            String::new()
        );
    }

    #[test]
    fn a_workbook_without_the_header_names_its_sheets_and_the_field() {
        let sheets = ["README", "Data"].map(|name| Sheet {
            name: name.to_string(),
            rows: Vec::new(),
        });
        let err = no_sheet_error("ie_data.xls", &sheets, "Date", "Shiller's `Date, P` header");
        assert_eq!(err.file, "ie_data.xls");
        assert_eq!(err.field.as_deref(), Some("Date"));
        assert_eq!(
            err.message,
            "no sheet has Shiller's `Date, P` header (sheets: README, Data)"
        );
    }
}
