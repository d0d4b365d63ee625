//! US Treasury Fiscal Data API responses: `v2/accounting/od/debt_to_penny`
//! ([`Kind::TreasuryDebtToPenny`]) and `v1/accounting/mts/mts_table_9` ([`Kind::TreasuryMts9`]),
//! plus [`next_page`] for the fetcher.
//!
//! Format: `{"data":[{...}],"meta":{"count","labels","dataTypes","dataFormats","total-count",
//! "total-pages"},"links":{"self","first","prev","next","last"}}`. Every value in `data` is a
//! *string* (`"38968295059805.35"`), and missing values are the string `"null"` (or JSON null).
//! `links.next` is `null` on the last page, otherwise URL parameters such as
//! `&page%5Bnumber%5D=2&page%5Bsize%5D=100`.
//!
//! **debt_to_penny** (`record_date`, `tot_pub_debt_out_amt`, `debt_held_public_amt`,
//! `intragov_hold_amt`) → `DEBT_TO_PENNY`, `DEBT_HELD_BY_PUBLIC`, `DEBT_INTRAGOV` (USD, daily,
//! dated `record_date`).
//!
//! **mts_table_9** (`record_date`, `classification_desc`, `current_month_rcpt_outly_amt`,
//! `current_fytd_rcpt_outly_amt`, `prior_fytd_rcpt_outly_amt`, `record_type_cd`,
//! `sequence_level_nbr`, `record_fiscal_year`, ...): rows whose `classification_desc` is
//! `Net Interest`, `National Defense`, `Social Security` or `Medicare` → `MTS9_<NAME>_FYTD`
//! (fiscal year to date) and `MTS9_<NAME>_MONTH` (the month), USD, dated `record_date` (month
//! end). Rows with a `record_type_cd` other than `F` (spending by function) are skipped, so a
//! receipts line with the same label cannot leak in; other labels are ignored.
//!
//! [`Kind::TreasuryDebtToPenny`]: super::Kind::TreasuryDebtToPenny
//! [`Kind::TreasuryMts9`]: super::Kind::TreasuryMts9

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ParseError;
use super::common::{self, MetaSpec, Scalar, bad_date, line_of};
use crate::series::{Observation, ParsedSeries};

const SOURCE: &str = "US Treasury Fiscal Data";

type Record<'a> = BTreeMap<String, Scalar<'a>>;

#[derive(Deserialize)]
struct ResponseDoc<'a> {
    #[serde(borrow)]
    data: Vec<Record<'a>>,
}

#[derive(Deserialize)]
struct PagingDoc<'a> {
    #[serde(borrow, default)]
    meta: Option<MetaDoc<'a>>,
    #[serde(borrow, default)]
    links: Option<BTreeMap<String, Scalar<'a>>>,
}

#[derive(Deserialize)]
struct MetaDoc<'a> {
    #[serde(rename = "total-pages", borrow, default)]
    total_pages: Option<Scalar<'a>>,
}

/// debt_to_penny field → (id, title).
const DEBT_FIELDS: [(&str, &str, &str); 3] = [
    (
        "tot_pub_debt_out_amt",
        "DEBT_TO_PENNY",
        "Total public debt outstanding",
    ),
    (
        "debt_held_public_amt",
        "DEBT_HELD_BY_PUBLIC",
        "Debt held by the public",
    ),
    (
        "intragov_hold_amt",
        "DEBT_INTRAGOV",
        "Intragovernmental holdings",
    ),
];

/// mts_table_9 `classification_desc` → id stem.
const MTS9_LINES: [(&str, &str); 4] = [
    ("Net Interest", "NET_INTEREST"),
    ("National Defense", "NATIONAL_DEFENSE"),
    ("Social Security", "SOCIAL_SECURITY"),
    ("Medicare", "MEDICARE"),
];

/// mts_table_9 amount field → id suffix.
const MTS9_AMOUNTS: [(&str, &str); 2] = [
    ("current_fytd_rcpt_outly_amt", "FYTD"),
    ("current_month_rcpt_outly_amt", "MONTH"),
];

/// The value of `field` in `record` (absent = missing), with a located error.
fn record_value(
    file: &str,
    whole: &[u8],
    record: &Record<'_>,
    field: &str,
) -> Result<Option<f64>, ParseError> {
    match record.get(field) {
        None => Ok(None),
        Some(scalar) => scalar.to_value().map_err(|msg| {
            let line = scalar.as_text().and_then(|t| line_of(whole, t));
            ParseError::new(file, line, Some(field), msg)
        }),
    }
}

fn record_date(
    file: &str,
    whole: &[u8],
    record: &Record<'_>,
) -> Result<crate::series::Date, ParseError> {
    let scalar = record.get("record_date").ok_or_else(|| {
        ParseError::new(
            file,
            None,
            Some("record_date"),
            "a data record has no `record_date`",
        )
    })?;
    let text = scalar.as_text().unwrap_or("");
    common::parse_iso_date(text).ok_or_else(|| {
        bad_date(
            file,
            line_of(whole, text),
            "record_date",
            text,
            "YYYY-MM-DD",
        )
    })
}

/// Parses a `debt_to_penny` response page.
pub fn parse_debt_to_penny(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let whole = common::strip_bom(bytes);
    let doc: ResponseDoc<'_> = common::from_json(file, whole)?;
    let mut columns: Vec<Vec<Observation>> =
        vec![Vec::with_capacity(doc.data.len()); DEBT_FIELDS.len()];
    for record in &doc.data {
        let date = record_date(file, whole, record)?;
        for (i, (field, _, _)) in DEBT_FIELDS.iter().enumerate() {
            if record.contains_key(*field) {
                columns[i].push(Observation::new(
                    date,
                    record_value(file, whole, record, field)?,
                ));
            }
        }
    }
    Ok(DEBT_FIELDS
        .iter()
        .zip(columns)
        .filter(|(_, obs)| !obs.is_empty())
        .map(|((_, id, title), obs)| {
            let spec = MetaSpec {
                source: SOURCE,
                title,
                units: "USD",
                frequency: "D",
                notes: "",
            };
            common::make_series(id, &spec, obs)
        })
        .collect())
}

/// Parses an `mts_table_9` response page.
pub fn parse_mts9(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let whole = common::strip_bom(bytes);
    let doc: ResponseDoc<'_> = common::from_json(file, whole)?;
    let mut by_id: BTreeMap<String, (String, Vec<Observation>)> = BTreeMap::new();
    for record in &doc.data {
        let label = record
            .get("classification_desc")
            .and_then(Scalar::as_text)
            .unwrap_or("")
            .trim();
        let Some((_, stem)) = MTS9_LINES
            .iter()
            .find(|(desc, _)| desc.eq_ignore_ascii_case(label))
        else {
            continue;
        };
        let record_type = record.get("record_type_cd").and_then(Scalar::as_text);
        if record_type.is_some_and(|t| t != "F") {
            continue;
        }
        let date = record_date(file, whole, record)?;
        for (field, suffix) in MTS9_AMOUNTS {
            if !record.contains_key(field) {
                continue;
            }
            let value = record_value(file, whole, record, field)?;
            let id = format!("MTS9_{stem}_{suffix}");
            let title = format!("MTS Table 9 outlays: {label} ({suffix})");
            by_id
                .entry(id)
                .or_insert_with(|| (title, Vec::new()))
                .1
                .push(Observation::new(date, value));
        }
    }
    Ok(by_id
        .into_iter()
        .map(|(id, (title, mut obs))| {
            obs.sort_by_key(|o| o.date);
            let spec = MetaSpec {
                source: SOURCE,
                title: &title,
                units: "USD",
                frequency: "M",
                notes: "",
            };
            common::make_series(&id, &spec, obs)
        })
        .collect())
}

/// The page number to fetch after this response page, or `None` on the last page (or when the
/// bytes are not a Fiscal Data response). Reads `links.next` (`&page%5Bnumber%5D=N...`), and
/// falls back to `links.self` + 1 while it is below `meta.total-pages`.
pub fn next_page(bytes: &[u8]) -> Option<u64> {
    let doc: PagingDoc<'_> = serde_json::from_slice(common::strip_bom(bytes)).ok()?;
    let links = doc.links.unwrap_or_default();
    match links.get("next") {
        Some(Scalar::Str(next)) => return page_number(next),
        Some(Scalar::Null) => return None,
        _ => {}
    }
    let current = links
        .get("self")
        .and_then(Scalar::as_text)
        .and_then(page_number)
        .unwrap_or(1);
    let total = doc.meta?.total_pages?.to_value().ok()??;
    let next = current.checked_add(1)?;
    (total >= next as f64).then_some(next)
}

/// The `page[number]` parameter of a Fiscal Data link.
fn page_number(params: &str) -> Option<u64> {
    let decoded = params
        .replace("%5B", "[")
        .replace("%5D", "]")
        .replace("%5b", "[")
        .replace("%5d", "]");
    let start = decoded.find("page[number]=")? + "page[number]=".len();
    let digits: String = decoded[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A record's text field, for detection.
pub fn looks_like_fiscal_data(prefix: &str) -> bool {
    prefix.contains("\"data\"")
        && (prefix.contains("\"record_date\"") || prefix.contains("\"meta\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/../../testdata/treasury/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn debt_to_penny_string_values_and_null() {
        let all = parse_debt_to_penny("debt_to_penny.json", &fixture("debt_to_penny_page1.json"))
            .unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(
            ids,
            ["DEBT_TO_PENNY", "DEBT_HELD_BY_PUBLIC", "DEBT_INTRAGOV"]
        );
        let total = &all[0].observations;
        assert_eq!(total[0].date, date(2026, 6, 29));
        assert_eq!(total[0].value, Some(39_345_340_787_969.72));
        let public = &all[1].observations;
        assert_eq!(public[0].value, Some(31_621_329_805_348.19));
        // the string "null" is missing
        assert_eq!(public[2].value, None);
    }

    #[test]
    fn paging_from_links_and_meta() {
        assert_eq!(next_page(&fixture("debt_to_penny_page1.json")), Some(2));
        assert_eq!(next_page(&fixture("mts_table_9_last_page.json")), None);
        let meta_only = br#"{"data":[],"meta":{"total-pages":"3"},"links":{"self":"&page%5Bnumber%5D=2&page%5Bsize%5D=2"}}"#;
        assert_eq!(next_page(meta_only), Some(3));
        assert_eq!(next_page(b"not json"), None);
    }

    #[test]
    fn mts9_functions_fytd_and_month() {
        let all = parse_mts9("mts_table_9.json", &fixture("mts_table_9_last_page.json")).unwrap();
        let get = |id: &str| {
            all.iter()
                .find(|s| s.meta.id == id)
                .unwrap_or_else(|| panic!("{id}"))
        };
        let ss = get("MTS9_SOCIAL_SECURITY_FYTD");
        assert_eq!(ss.observations.len(), 1);
        assert_eq!(
            (ss.observations[0].date, ss.observations[0].value),
            (date(2022, 9, 30), Some(1_218_674_437_413.83))
        );
        assert_eq!(
            get("MTS9_SOCIAL_SECURITY_MONTH").observations[0].value,
            Some(103_522_967_704.45)
        );
        assert_eq!(
            get("MTS9_NET_INTEREST_FYTD").observations[0].value,
            Some(722_706_511_243.20)
        );
        // "Health" is not mapped.
        assert!(all.iter().all(|s| !s.meta.id.contains("HEALTH")));
        // The Net Interest row has no monthly amount field: no MONTH series from it.
        assert!(all.iter().all(|s| s.meta.id != "MTS9_NET_INTEREST_MONTH"));
    }

    #[test]
    fn bad_amount_is_located() {
        let doc =
            b"{\"data\":[\n{\"record_date\":\"2026-06-29\",\n\"tot_pub_debt_out_amt\":\"12x\"}]}";
        let err = parse_debt_to_penny("p.json", doc).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.json:3: field `tot_pub_debt_out_amt`: invalid number \"12x\""
        );
    }
}
