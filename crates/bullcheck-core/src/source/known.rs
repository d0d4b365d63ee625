//! The small table of known single-series files whose names carry no series id (lower-case
//! names such as `cboe_skew.csv`), and the rule that picks the id of any single-series file.
//!
//! Id rule, in order: `--series` override; the header's value column when it names a series
//! (anything but `value`); this table (by base file name); the file name's leading id
//! ([`super::common::leading_id`]). Units and sources in the table are those stated in
//! `docs/data.md` for the file.

use super::ParseError;
use super::common::{base_name, leading_id};

/// What bullcheck knows about a file that has no id in its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownFile {
    pub file_name: &'static str,
    pub id: &'static str,
    pub source: &'static str,
    pub title: &'static str,
    pub units: &'static str,
}

/// Known `date,value` files (base names) and the ids they yield.
pub const KNOWN_FILES: &[KnownFile] = &[
    KnownFile {
        file_name: "hyperscaler_capex_yoy_proxy.csv",
        id: "HYPERSCALER_CAPEX_YOY_PROXY",
        source: "SEC EDGAR XBRL companyfacts (derived by raylia529/market-indicators-dashboard)",
        title: "YoY growth of combined quarterly capex of MSFT+AMZN+GOOGL+META",
        units: "percent YoY",
    },
    KnownFile {
        file_name: "cboe_skew.csv",
        id: "SKEW",
        source: "Cboe",
        title: "Cboe SKEW index",
        units: "index",
    },
    KnownFile {
        file_name: "move_index.csv",
        id: "MOVE",
        source: "ICE BofA (via Google Finance)",
        title: "ICE BofA MOVE index",
        units: "index",
    },
    KnownFile {
        file_name: "iwm_spy_ratio.csv",
        id: "IWM_SPY_RATIO",
        source: "derived from IWM and SPY ETF closes",
        title: "IWM/SPY close ratio",
        units: "ratio",
    },
    KnownFile {
        file_name: "finra_margin_debt_yoy.csv",
        id: "FINRA_MARGIN_DEBT_YOY",
        source: "FINRA margin statistics (derived YoY)",
        title: "FINRA margin debt (debit balances), YoY change",
        units: "percent",
    },
    KnownFile {
        file_name: "sp500_index_daily_1950-2026.csv",
        id: "SP500_LONG",
        source: "S&P Dow Jones Indices (archive + FRED SP500)",
        title: "S&P 500 index level (price only)",
        units: "index",
    },
];

/// The table entry for `file_name` (compared by base name).
pub fn known_file(file_name: &str) -> Option<&'static KnownFile> {
    let base = base_name(file_name);
    KNOWN_FILES.iter().find(|k| k.file_name == base)
}

/// Whether a header cell names a series (rather than being the generic `value`).
fn header_names_series(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.is_empty()
        && !cell.eq_ignore_ascii_case("value")
        && cell
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The id of a single-series file, following the rule in this module's doc.
pub fn single_series_id(
    file: &str,
    header_value_cell: Option<&str>,
    series_override: Option<&str>,
) -> Result<String, ParseError> {
    if let Some(id) = series_override.map(str::trim).filter(|s| !s.is_empty()) {
        return Ok(id.to_string());
    }
    if let Some(cell) = header_value_cell.filter(|c| header_names_series(c)) {
        return Ok(cell.trim().to_string());
    }
    if let Some(known) = known_file(file) {
        return Ok(known.id.to_string());
    }
    leading_id(file).ok_or_else(|| {
        ParseError::new(
            file,
            Some(1),
            None,
            "cannot tell the series id: the header says `value` and the file name has no leading \
             upper-case id; pass --series ID",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_then_header_then_table_then_file_name() {
        assert_eq!(
            single_series_id("x.csv", Some("value"), Some("MINE")).unwrap(),
            "MINE"
        );
        assert_eq!(
            single_series_id("DGS10.csv", Some("DGS2"), None).unwrap(),
            "DGS2"
        );
        assert_eq!(
            single_series_id("market/cboe_skew.csv", Some("value"), None).unwrap(),
            "SKEW"
        );
        assert_eq!(
            single_series_id("fred/DGS10.csv", Some("VALUE"), None).unwrap(),
            "DGS10"
        );
        let err = single_series_id("hy_oas.csv", Some("value"), None).unwrap_err();
        assert!(err.to_string().contains("--series"), "{err}");
    }
}
