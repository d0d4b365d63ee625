//! Federal Reserve Distributional Financial Accounts, levels ([`Kind::FedDfa`]).
//!
//! Format: long table `Date,Category,Net worth,Assets,Real estate,Consumer durables,Corporate
//! equities and mutual fund shares,DB pension entitlements,DC pension entitlements,Private
//! businesses,Other assets,Liabilities,Home mortgages,Consumer credit,Other liabilities`, one
//! row per quarter × wealth group (`TopPt1`, `RemainingTop1`, `Next9`, `Next40`, `Bottom50`),
//! values in millions of USD.
//!
//! Traps: dates `1989:Q3` (dated at the quarter's first day: 1989-07-01); long format (the
//! group is a column, not a header); CRLF line ends.
//!
//! Ids: `DFA_<CATEGORY upper-case>_<MEASURE>`, e.g. `DFA_TOPPT1_NET_WORTH`,
//! `DFA_REMAININGTOP1_NET_WORTH`, `DFA_NEXT9_NET_WORTH`, `DFA_NEXT40_NET_WORTH`,
//! `DFA_BOTTOM50_NET_WORTH`. MEASURE from [`MEASURES`] (e.g. `Corporate equities and mutual
//! fund shares` → `EQUITIES_MUTUAL_FUNDS`), else the header's upper-snake form.
//!
//! [`Kind::FedDfa`]: super::Kind::FedDfa

use std::collections::BTreeMap;

use super::ParseError;
use super::common::{self, MetaSpec, bad_date, csv_rows, header};
use super::dfast::parse_quarter;
use crate::series::{Observation, ParsedSeries};

const SOURCE: &str = "Federal Reserve Board, Distributional Financial Accounts";

/// Column header → measure name in the id.
pub const MEASURES: [(&str, &str); 13] = [
    ("Net worth", "NET_WORTH"),
    ("Assets", "ASSETS"),
    ("Real estate", "REAL_ESTATE"),
    ("Consumer durables", "CONSUMER_DURABLES"),
    (
        "Corporate equities and mutual fund shares",
        "EQUITIES_MUTUAL_FUNDS",
    ),
    ("DB pension entitlements", "DB_PENSIONS"),
    ("DC pension entitlements", "DC_PENSIONS"),
    ("Private businesses", "PRIVATE_BUSINESSES"),
    ("Other assets", "OTHER_ASSETS"),
    ("Liabilities", "LIABILITIES"),
    ("Home mortgages", "HOME_MORTGAGES"),
    ("Consumer credit", "CONSUMER_CREDIT"),
    ("Other liabilities", "OTHER_LIABILITIES"),
];

/// Parses a DFA levels table.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    if head.cells.len() < 3 || head.cells[0] != "Date" || head.cells[1] != "Category" {
        return Err(ParseError::new(
            file,
            Some(head.line),
            None,
            "expected a header starting `Date,Category,`",
        ));
    }
    let measures: Vec<(&str, String)> = head.cells[2..]
        .iter()
        .map(|name| {
            let short = MEASURES
                .iter()
                .find(|m| m.0.eq_ignore_ascii_case(name))
                .map_or_else(|| common::upper_snake(name), |m| m.1.to_string());
            (name.as_str(), short)
        })
        .collect();
    let mut order: Vec<String> = Vec::new();
    let mut by_id: BTreeMap<String, (String, Vec<Observation>)> = BTreeMap::new();
    for row in &rows[1..] {
        let date_text = common::cell(file, row, 0, "Date")?;
        let date = parse_quarter(date_text).ok_or_else(|| {
            bad_date(
                file,
                Some(row.line),
                "Date",
                date_text,
                "YYYY:Qn, e.g. 1989:Q3",
            )
        })?;
        let category = common::cell(file, row, 1, "Category")?;
        let group = common::upper_snake(category);
        if group.is_empty() {
            return Err(ParseError::new(
                file,
                Some(row.line),
                Some("Category"),
                "empty wealth group",
            ));
        }
        common::check_row_width(file, &head.cells, row)?;
        for (i, (field, short)) in measures.iter().enumerate() {
            let value = common::value_cell(file, row, i + 2, field)?;
            let id = format!("DFA_{group}_{short}");
            let entry = by_id.entry(id.clone()).or_insert_with(|| {
                order.push(id);
                (format!("DFA {category}: {field}"), Vec::new())
            });
            entry.1.push(Observation::new(date, value));
        }
    }
    Ok(order
        .iter()
        .filter_map(|id| {
            let (title, obs) = by_id.remove(id)?;
            let spec = MetaSpec {
                source: SOURCE,
                title: &title,
                units: "USD millions",
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

    #[test]
    fn long_format_by_group_and_measure() {
        let path = format!(
            "{}/../../testdata/fed_dfa/dfa-networth-levels_sample.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let all = parse("dfa-networth-levels.csv", &std::fs::read(path).unwrap()).unwrap();
        assert_eq!(all.len(), 5 * 13);
        let get = |id: &str| {
            all.iter()
                .find(|s| s.meta.id == id)
                .unwrap_or_else(|| panic!("{id}"))
        };
        let top = get("DFA_TOPPT1_NET_WORTH");
        assert_eq!(
            (top.observations[0].date, top.observations[0].value),
            (date(1989, 7, 1), Some(1_762_391.0))
        );
        let bottom = get("DFA_BOTTOM50_CONSUMER_CREDIT");
        assert_eq!(bottom.observations.len(), 2);
        assert_eq!(bottom.observations[0].value, Some(337_691.0));
        assert_eq!(
            (bottom.observations[1].date, bottom.observations[1].value),
            (date(2023, 4, 1), Some(2_767_635.0))
        );
        assert_eq!(
            get("DFA_REMAININGTOP1_CONSUMER_CREDIT").observations[0].value,
            Some(5_362.0)
        );
        assert_eq!(
            get("DFA_NEXT9_EQUITIES_MUTUAL_FUNDS").observations[0].value,
            Some(813_520.0)
        );
    }

    #[test]
    fn bad_quarter_is_located() {
        let err = parse(
            "d.csv",
            b"Date,Category,Net worth\n1989:Q3,TopPt1,1\n1989-Q9,TopPt1,2\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.field.as_deref()), (Some(3), Some("Date")));
    }
}
