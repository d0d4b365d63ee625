//! The layouts of users' own files that are common enough to recognise by their header, and
//! the exact command to suggest for each (used by [`super::own`] and by [`super::detect`]).
//!
//! - Yahoo Finance download: `Date,Open,High,Low,Close,Adj Close,Volume` (Stooq drops
//!   `Adj Close`).
//! - yfinance `to_csv` (since 0.2.48): three header rows `Price,Close,High,Low,Open,Volume` /
//!   `Ticker,AAPL,AAPL,…` / `Date,,,,,`.
//! - Bloomberg export: `Dates,PX_LAST[,PX_…]`, US month/day/year dates.
//! - pandas `to_csv`: an unnamed index column first (`,Date,Close` with 0, 1, 2, … below, or
//!   `,Close` with dates below).
//!
//! Generic column names ([`is_generic_column`]) are never taken as series ids: two users'
//! `Date,Close` files would otherwise be one series.

use super::common::{self, CsvRow};

/// A recognised layout of a user's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Plain,
    Yahoo,
    Yfinance,
    Bloomberg,
    Pandas,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Plain => "plain table",
            Layout::Yahoo => "Yahoo Finance download",
            Layout::Yfinance => "yfinance to_csv",
            Layout::Bloomberg => "Bloomberg export",
            Layout::Pandas => "pandas to_csv",
        }
    }

    /// `"a Yahoo Finance download: "`, or nothing for a plain table.
    pub fn described(self) -> String {
        match self {
            Layout::Plain => String::new(),
            other => format!("a {}: ", other.name()),
        }
    }

    /// The command that imports the usual column of this layout from `file`.
    pub fn suggestion(self, file: &str, columns: &[&str]) -> String {
        let id = super::own::file_id(file).unwrap_or_else(|| "MY_SERIES".to_string());
        let pick = |preferred: &[&str]| {
            preferred
                .iter()
                .find_map(|p| columns.iter().find(|c| c.eq_ignore_ascii_case(p)).copied())
                .unwrap_or(columns[0])
        };
        let column = match self {
            Layout::Bloomberg => pick(&["PX_LAST"]),
            _ => pick(&["Adj Close", "Close", "PX_LAST"]),
        };
        command(file, &[("--value-col", column), ("--id", &id)])
    }
}

/// `bullcheck data import 'FILE' --opt 'value' …`, quoted for a POSIX shell where needed.
pub fn command(file: &str, args: &[(&str, &str)]) -> String {
    let mut out = format!("bullcheck data import {}", quote(file));
    for (option, value) in args {
        out.push_str(&format!(" {option} {}", quote(value)));
    }
    out
}

/// A path quoted for a POSIX shell, for messages that give a command.
pub fn command_path(file: &str) -> String {
    quote(file)
}

fn quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '=' | ':'))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Column names that say what a number is but not what it is of.
const GENERIC_COLUMNS: &[&str] = &[
    "value",
    "values",
    "close",
    "adj close",
    "adj_close",
    "adjclose",
    "adjusted close",
    "close price",
    "open",
    "high",
    "low",
    "volume",
    "price",
    "last",
    "last price",
    "px_last",
    "px_open",
    "px_high",
    "px_low",
    "px_volume",
    "px_mid",
    "px_bid",
    "px_ask",
    "nav",
    "rate",
    "yield",
    "return",
    "returns",
    "ret",
    "level",
    "index",
    "data",
    "series",
    "amount",
    "total",
    "obs",
    "observation",
    "observations",
    "y",
    "x",
    "v",
    "val",
    "number",
    "count",
    "mid",
    "bid",
    "ask",
    "settle",
    "change",
    "pct_change",
    "0",
];

/// File names (letters only, any case) that give no id.
pub const GENERIC_FILE_NAMES: &[&str] = &[
    "data",
    "download",
    "export",
    "table",
    "sheet",
    "book",
    "prices",
    "price",
    "series",
    "values",
    "file",
    "untitled",
    "output",
    "out",
    "chart",
    "graph",
    "fredgraph",
    "alfredgraph",
    "history",
    "historicaldata",
    "new",
    "test",
    "copy",
    "close",
];

/// Whether a header cell is a generic word (`Close`, `Value`, `PX_LAST`, `Unnamed: 0`, …).
pub fn is_generic_column(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n.is_empty() || n.starts_with("unnamed") || GENERIC_COLUMNS.contains(&n.as_str())
}

/// The header of `rows` and the data rows under it, undoing the yfinance three-row header.
pub fn split_header(rows: &[CsvRow]) -> Option<(Layout, Vec<String>, Vec<CsvRow>)> {
    let first = rows.first()?;
    if is_yfinance(rows) {
        let mut header = first.cells.clone();
        header[0] = rows[2].cells[0].clone();
        return Some((Layout::Yfinance, header, rows[3..].to_vec()));
    }
    let layout = layout_of_header(&first.cells);
    Some((layout, first.cells.clone(), rows[1..].to_vec()))
}

fn is_yfinance(rows: &[CsvRow]) -> bool {
    rows.len() >= 3
        && rows[0].cells.first().is_some_and(|c| c == "Price")
        && rows[1].cells.first().is_some_and(|c| c == "Ticker")
        && rows[2]
            .cells
            .first()
            .is_some_and(|c| c == "Date" || c == "Datetime")
        && rows[2].cells[1..].iter().all(String::is_empty)
}

/// The layout a header row shows.
pub fn layout_of_header(cells: &[String]) -> Layout {
    let is = |i: usize, name: &str| cells.get(i).is_some_and(|c| c.eq_ignore_ascii_case(name));
    if is(0, "Date") && is(1, "Open") && is(2, "High") && is(3, "Low") && is(4, "Close") {
        return Layout::Yahoo;
    }
    if is(0, "Dates")
        && cells[1..]
            .iter()
            .any(|c| c.to_ascii_uppercase().starts_with("PX_"))
    {
        return Layout::Bloomberg;
    }
    if cells.len() >= 2 && cells[0].is_empty() {
        return Layout::Pandas;
    }
    Layout::Plain
}

/// Whether the first lines of a CSV are a user's file bullcheck should read as [`super::Kind::Own`]:
/// a recognised layout, or a two-column `date,NAME` file whose NAME is a generic word other
/// than `value` (`Date,Close`), which no publisher writes.
pub fn is_own_csv(first: &str, second: &str) -> bool {
    let cells: Vec<String> = split_line(first);
    if second.starts_with("Ticker,") && first.starts_with("Price,") {
        return true;
    }
    match layout_of_header(&cells) {
        Layout::Plain => {
            cells.len() == 2
                && super::fred::is_date_header(&cells[0])
                && is_generic_column(&cells[1])
                && !cells[1].eq_ignore_ascii_case("value")
        }
        Layout::Pandas => {
            // French's files have an unnamed first column too, with YYYYMM(DD) periods below.
            let lead = split_line(second).into_iter().next().unwrap_or_default();
            !matches!(lead.len(), 4 | 6 | 8) || !lead.bytes().all(|b| b.is_ascii_digit())
        }
        _ => true,
    }
}

fn split_line(line: &str) -> Vec<String> {
    line.split(',')
        .map(|c| common::strip_bom(c.trim().as_bytes()))
        .map(|c| String::from_utf8_lossy(c).trim_matches('"').to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u64, text: &str) -> CsvRow {
        CsvRow {
            line,
            cells: text.split(',').map(str::to_string).collect(),
        }
    }

    #[test]
    fn layouts_by_header() {
        assert!(is_own_csv(
            "Date,Open,High,Low,Close,Adj Close,Volume",
            "2024-01-02,1,1,1,1,1,1"
        ));
        assert!(is_own_csv("Dates,PX_LAST", "01/02/2024,3.0"));
        assert!(is_own_csv("Date,Close", "2024-01-02,1"));
        assert!(is_own_csv(",Date,Close", "0,2024-01-02,1"));
        assert!(is_own_csv(
            "Price,Close,High,Low,Open,Volume",
            "Ticker,NVDA,NVDA,NVDA,NVDA,NVDA"
        ));
        // Publishers' files are not users' files.
        assert!(!is_own_csv("date,value", "2024-01-02,1"));
        assert!(!is_own_csv("DATE,DGS10", "2024-01-02,1"));
        assert!(!is_own_csv(",Mkt-RF,SMB,HML", "192607,2.96,-2.56,-2.43"));
    }

    #[test]
    fn yfinance_header_is_undone() {
        let rows = vec![
            row(1, "Price,Close,High,Low,Open,Volume"),
            row(2, "Ticker,NVDA,NVDA,NVDA,NVDA,NVDA"),
            row(3, "Date,,,,,"),
            row(4, "2024-01-02,48.17,49.10,47.50,48.00,411254000"),
        ];
        let (layout, header, data) = split_header(&rows).unwrap();
        assert_eq!(layout, Layout::Yfinance);
        assert_eq!(header[0], "Date");
        assert_eq!(header[1], "Close");
        assert_eq!(data.len(), 1);
        assert_eq!(data[0].line, 4);
    }

    #[test]
    fn commands_are_quoted_for_the_shell() {
        assert_eq!(
            command(
                "my data/AAPL.csv",
                &[("--value-col", "Adj Close"), ("--id", "AAPL")]
            ),
            "bullcheck data import 'my data/AAPL.csv' --value-col 'Adj Close' --id AAPL"
        );
    }
}
