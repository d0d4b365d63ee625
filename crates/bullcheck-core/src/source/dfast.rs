//! Federal Reserve DFAST / stress-test scenario tables ([`Kind::Dfast`]), domestic and
//! international.
//!
//! Format: header `Scenario Name,Date,<variable>,...`; rows like `Supervisory Baseline,2025 Q1,
//! 2.1,4.5,...`. Domestic tables have 16 variables (growth and inflation rates, unemployment,
//! Treasury/BBB/mortgage/prime rates, and four levels: Dow Jones Total Stock Market, House
//! Price, Commercial Real Estate Price and Market Volatility indexes); the international table
//! has GDP growth, inflation and the dollar exchange rate for the euro area, developing Asia,
//! Japan and the UK.
//!
//! Traps: dates `YYYY Qn` (dated at the quarter's first day: `2025 Q1` → 2025-01-01); empty
//! cells in the historic table (variables that start later) stay missing; CRLF in some copies;
//! rates are annualised percent, `(Level)` columns are index levels.
//!
//! Ids: `DFAST_<YEAR>_<SCENARIO>_<VARIABLE>`. YEAR is the leading four digits of the file name
//! (the stress-test year: `2025-Baseline_Domestic.csv` → 2025), else the first row's year.
//! SCENARIO from `Scenario Name`: `...Severely Adverse` → `SEVERELY_ADVERSE`, `...Adverse` →
//! `ADVERSE`, `...Baseline` → `BASELINE`, `Actual`/`Historic...` → `HISTORIC`, else its
//! upper-snake form. VARIABLE from the table [`VARIABLES`] (e.g. `Unemployment rate` →
//! `UNEMPLOYMENT_RATE`), else the column's upper-snake form.
//!
//! Proposed scenarios: since 2026 the Fed publishes its scenarios for comment before the final
//! ones. A table whose file name or `Scenario Name` says `proposed` is stored under
//! `DFAST_<YEAR>_PROPOSED_<SCENARIO>_<VARIABLE>` with "(proposed for comment, not the final
//! scenario)" in its title, so it never stands in for the final scenario the stress tests
//! read. No proposed table was available to read: a proposed file named otherwise, with the
//! same scenario names as the final one, cannot be told apart.
//!
//! [`Kind::Dfast`]: super::Kind::Dfast

use std::collections::BTreeMap;

use super::ParseError;
use super::common::{self, MetaSpec, bad_date, csv_rows, header};
use crate::series::{Date, Observation, ParsedSeries};

const SOURCE: &str = "Federal Reserve Board (DFAST scenarios)";

/// Column header → (short name, units).
pub const VARIABLES: [(&str, &str, &str); 28] = [
    ("Real GDP growth", "REAL_GDP_GROWTH", "percent, annualized"),
    (
        "Nominal GDP growth",
        "NOMINAL_GDP_GROWTH",
        "percent, annualized",
    ),
    (
        "Real disposable income growth",
        "REAL_DISP_INCOME_GROWTH",
        "percent, annualized",
    ),
    (
        "Nominal disposable income growth",
        "NOMINAL_DISP_INCOME_GROWTH",
        "percent, annualized",
    ),
    ("Unemployment rate", "UNEMPLOYMENT_RATE", "percent"),
    ("CPI inflation rate", "CPI_INFLATION", "percent, annualized"),
    ("3-month Treasury rate", "3M_TREASURY", "percent"),
    ("5-year Treasury yield", "5Y_TREASURY", "percent"),
    ("10-year Treasury yield", "10Y_TREASURY", "percent"),
    ("BBB corporate yield", "BBB_YIELD", "percent"),
    ("Mortgage rate", "MORTGAGE_RATE", "percent"),
    ("Prime rate", "PRIME_RATE", "percent"),
    (
        "Dow Jones Total Stock Market Index (Level)",
        "DJ_TOTAL_STOCK",
        "index level",
    ),
    ("House Price Index (Level)", "HOUSE_PRICE", "index level"),
    (
        "Commercial Real Estate Price Index (Level)",
        "CRE_PRICE",
        "index level",
    ),
    ("Market Volatility Index (Level)", "VIX", "index level"),
    (
        "Euro area real GDP growth",
        "EURO_AREA_REAL_GDP_GROWTH",
        "percent, annualized",
    ),
    (
        "Euro area inflation",
        "EURO_AREA_INFLATION",
        "percent, annualized",
    ),
    (
        "Euro area bilateral dollar exchange rate (USD/euro)",
        "EURO_AREA_FX_USD_PER_EUR",
        "USD per euro",
    ),
    (
        "Developing Asia real GDP growth",
        "DEV_ASIA_REAL_GDP_GROWTH",
        "percent, annualized",
    ),
    (
        "Developing Asia inflation",
        "DEV_ASIA_INFLATION",
        "percent, annualized",
    ),
    (
        "Developing Asia bilateral dollar exchange rate (F/USD, index)",
        "DEV_ASIA_FX_INDEX",
        "index (foreign currency per USD)",
    ),
    (
        "Japan real GDP growth",
        "JAPAN_REAL_GDP_GROWTH",
        "percent, annualized",
    ),
    ("Japan inflation", "JAPAN_INFLATION", "percent, annualized"),
    (
        "Japan bilateral dollar exchange rate (yen/USD)",
        "JAPAN_FX_YEN_PER_USD",
        "yen per USD",
    ),
    (
        "U.K. real GDP growth",
        "UK_REAL_GDP_GROWTH",
        "percent, annualized",
    ),
    ("U.K. inflation", "UK_INFLATION", "percent, annualized"),
    (
        "U.K. bilateral dollar exchange rate (USD/pound)",
        "UK_FX_USD_PER_GBP",
        "USD per pound",
    ),
];

/// `2025 Q1` → 2025-01-01 (also `2025Q1`, `2025:Q1`).
pub fn parse_quarter(text: &str) -> Option<Date> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .collect();
    let (year, quarter) = compact.split_once(['Q', 'q'])?;
    common::quarter_start(year.parse().ok()?, quarter.parse().ok()?)
}

/// `Supervisory Severely Adverse` → `SEVERELY_ADVERSE`, ... (a proposed scenario is
/// `PROPOSED_SEVERELY_ADVERSE` in the ids, see [`parse`]).
pub fn scenario_code(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.contains("severely adverse") {
        "SEVERELY_ADVERSE".to_string()
    } else if lower.contains("adverse") {
        "ADVERSE".to_string()
    } else if lower.contains("baseline") {
        "BASELINE".to_string()
    } else if lower.contains("actual") || lower.contains("historic") {
        "HISTORIC".to_string()
    } else {
        common::upper_snake(name)
    }
}

fn file_year(file: &str) -> Option<i16> {
    let stem = common::file_stem(file);
    let digits: String = stem.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        digits.parse().ok()
    } else {
        None
    }
}

/// Parses a DFAST scenario table.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    if head.cells.len() < 3 || head.cells[0] != "Scenario Name" || head.cells[1] != "Date" {
        return Err(ParseError::new(
            file,
            Some(head.line),
            None,
            "expected a header starting `Scenario Name,Date,`",
        ));
    }
    let variables: Vec<(&str, String, &str)> = head.cells[2..]
        .iter()
        .map(|name| match VARIABLES.iter().find(|v| v.0 == name) {
            Some(v) => (name.as_str(), v.1.to_string(), v.2),
            None => (name.as_str(), common::upper_snake(name), ""),
        })
        .collect();

    let mut year = file_year(file);
    let proposed_file = common::file_stem(file)
        .to_ascii_lowercase()
        .contains("proposed");
    // id → (title, units, observations), in first-seen order via `order`.
    let mut by_id: BTreeMap<String, (String, &str, Vec<Observation>)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for row in &rows[1..] {
        let scenario = common::cell(file, row, 0, "Scenario Name")?;
        let date_text = common::cell(file, row, 1, "Date")?;
        let date = parse_quarter(date_text).ok_or_else(|| {
            bad_date(
                file,
                Some(row.line),
                "Date",
                date_text,
                "YYYY Qn, e.g. 2025 Q1",
            )
        })?;
        common::check_row_width(file, &head.cells, row)?;
        let year = *year.get_or_insert(date.year());
        // The Fed now publishes its scenarios for comment before the final ones: a proposed
        // table (named so in its file name or scenario) gets its own ids, never the final's.
        let proposed = proposed_file || scenario.to_ascii_lowercase().contains("proposed");
        let code = if proposed {
            format!("PROPOSED_{}", scenario_code(scenario))
        } else {
            scenario_code(scenario)
        };
        let label = if proposed {
            " (proposed for comment, not the final scenario)"
        } else {
            ""
        };
        for (i, (field, short, units)) in variables.iter().enumerate() {
            let value = common::value_cell(file, row, i + 2, field)?;
            let id = format!("DFAST_{year}_{code}_{short}");
            let entry = by_id.entry(id.clone()).or_insert_with(|| {
                order.push(id);
                (
                    format!("DFAST {year} {scenario}: {field}{label}"),
                    *units,
                    Vec::new(),
                )
            });
            entry.2.push(Observation::new(date, value));
        }
    }
    Ok(order
        .iter()
        .filter_map(|id| {
            let (title, units, obs) = by_id.remove(id)?;
            let spec = MetaSpec {
                source: SOURCE,
                title: &title,
                units,
                frequency: "Q",
                notes: "",
            };
            Some(common::make_series(id, &spec, obs))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../../testdata/dfast/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn a_proposed_table_is_labelled_and_kept_apart_from_the_final_one() {
        let bytes = fixture("2025-Baseline_Domestic_sample.csv");
        let all = parse("2026-Proposed_Baseline_Domestic.csv", &bytes).unwrap();
        let s = all
            .iter()
            .find(|s| s.meta.id == "DFAST_2026_PROPOSED_BASELINE_UNEMPLOYMENT_RATE")
            .unwrap();
        assert!(
            s.meta
                .title
                .ends_with("(proposed for comment, not the final scenario)")
        );
        assert!(
            all.iter()
                .all(|s| s.meta.id.starts_with("DFAST_2026_PROPOSED_"))
        );
    }

    #[test]
    fn domestic_baseline_quarters_and_levels() {
        let all = parse(
            "2025-Baseline_Domestic.csv",
            &fixture("2025-Baseline_Domestic_sample.csv"),
        )
        .unwrap();
        assert_eq!(all.len(), 16);
        let get = |id: &str| {
            all.iter()
                .find(|s| s.meta.id == id)
                .unwrap_or_else(|| panic!("{id}"))
        };
        let unemployment = get("DFAST_2025_BASELINE_UNEMPLOYMENT_RATE");
        assert_eq!(unemployment.observations[0].date, date(2025, 1, 1));
        assert_eq!(unemployment.observations[0].value, Some(4.3));
        assert_eq!(
            get("DFAST_2025_BASELINE_DJ_TOTAL_STOCK").observations[0].value,
            Some(58399.3)
        );
        assert_eq!(
            get("DFAST_2025_BASELINE_VIX").observations[1].date,
            date(2025, 4, 1)
        );
    }

    #[test]
    fn historic_table_with_empty_cells() {
        let all = parse(
            "2024-Table_2A_Historic_Domestic.csv",
            &fixture("2024-Table_2A_Historic_Domestic_sample.csv"),
        )
        .unwrap();
        let bbb = all
            .iter()
            .find(|s| s.meta.id == "DFAST_2024_HISTORIC_BBB_YIELD")
            .unwrap();
        assert_eq!(
            (bbb.observations[0].date, bbb.observations[0].value),
            (date(1976, 1, 1), None)
        );
    }

    #[test]
    fn international_table_columns() {
        let all = parse(
            "2025-Table_3B_Supervisory_Severely_Adverse_International.csv",
            &fixture("2025-Table_3B_International_sample.csv"),
        )
        .unwrap();
        let fx = all
            .iter()
            .find(|s| s.meta.id == "DFAST_2025_SEVERELY_ADVERSE_JAPAN_FX_YEN_PER_USD")
            .unwrap();
        assert_eq!(fx.observations[0].value, Some(155.1));
        let dev = all
            .iter()
            .find(|s| s.meta.id == "DFAST_2025_SEVERELY_ADVERSE_DEV_ASIA_FX_INDEX")
            .unwrap();
        assert_eq!(dev.observations[0].value, Some(110.1));
    }

    #[test]
    fn year_falls_back_to_first_date_and_bad_quarter_is_located() {
        let all = parse(
            "table.csv",
            b"Scenario Name,Date,Unemployment rate\nSupervisory Baseline,2026 Q1,4.5\n",
        )
        .unwrap();
        assert_eq!(all[0].meta.id, "DFAST_2026_BASELINE_UNEMPLOYMENT_RATE");
        let err = parse(
            "t.csv",
            b"Scenario Name,Date,Unemployment rate\nSupervisory Baseline,2026 Q5,4.5\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.field.as_deref()), (Some(2), Some("Date")));
    }
}
