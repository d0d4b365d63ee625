//! JSON record files as re-shaped by the jghalam/ghalam-site repository
//! ([`Kind::JsonRecords`]): FRED copies, Treasury Fiscal Data extracts, IMF COFER shares, the
//! LBMA gold price and CFTC gold positioning.
//!
//! Format: `{"id","source","updated","count","records":[{"date",...}], ...}` plus optional
//! `fred_id`, `label`, `method`, `derived_from`. Each record has `date` and either `value` or
//! named fields. These are *not* raw API responses.
//!
//! Traps: `date` may carry a time (`1986-01-15T00:00:00.000`, CFTC); missing amounts are the
//! string `"null"` (debt_to_penny before 2001); `interest_expense` has many records per
//! (month, expense_category) — one per line item of the Treasury table; `deficit`'s dates are
//! the carrier's own month mapping (its last record is dated 2026-09-01 although the file was
//! fetched 2026-08-22) and are kept as given.
//!
//! Id rule (by the body's `id`, so renamed copies still map):
//! - series bullcheck has no other carrier for keep a plain id: `cofer_<ccy>_share` →
//!   `COFER_<CCY>_SHARE` (percent of allocated reserves), `gold_price` → `GOLD_LBMA_PM_USD`
//!   (USD per troy ounce), `legacy_futures_only_gold` → `CFTC_GOLD_NONCOMM_NET` (non-commercial
//!   long − short), `CFTC_GOLD_OPEN_INTEREST`, `CFTC_GOLD_NONCOMM_LONG`, `CFTC_GOLD_NONCOMM_SHORT`,
//!   `CFTC_GOLD_COMM_LONG`, `CFTC_GOLD_COMM_SHORT` (contracts);
//! - lossless Treasury re-shapes take the Treasury ids: `debt_to_penny` → `DEBT_TO_PENNY`,
//!   `DEBT_HELD_BY_PUBLIC`, `DEBT_INTRAGOV` (USD); `interest_expense` →
//!   `TREASURY_INTEREST_EXPENSE_MONTHLY` = the sum of `month_expense_amt` over *all* records of
//!   a date (missing if any of them is missing), plus per category
//!   `TREASURY_INTEREST_EXPENSE_PUBLIC_ISSUES_MONTHLY` and `TREASURY_INTEREST_EXPENSE_GAS_MONTHLY`
//!   (Government Account Series); `deficit` → `MTS_DEFICIT_MONTHLY` (USD, deficit positive);
//!   `debt_to_gdp` → `DEBT_TO_GDP_PCT` (percent, computed by the carrier);
//! - a second copy of something another file or fetcher provides gets a `GHALAM_` prefix:
//!   FRED copies (body has `fred_id`) → `GHALAM_<fred_id>` (e.g. `GHALAM_DGS10`,
//!   `GHALAM_DGS3MO`), `total_debt` → `GHALAM_TOTAL_DEBT` (a copy of the debt_to_penny total);
//! - anything else (the carrier's own derived series, unknown files) → `GHALAM_<ID upper-snake>`
//!   from `value`, or `GHALAM_<ID>_<FIELD>` for each numeric field when there is no `value`.
//!
//! [`Kind::JsonRecords`]: super::Kind::JsonRecords

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ParseError;
use super::common::{self, JsonStr, MetaSpec, Scalar, bad_date, line_of};
use crate::series::{Date, Observation, ParsedSeries};

type Record<'a> = BTreeMap<String, Scalar<'a>>;

#[derive(Deserialize)]
struct RecordsDoc<'a> {
    #[serde(borrow)]
    id: JsonStr<'a>,
    #[serde(borrow, default)]
    source: Option<JsonStr<'a>>,
    #[serde(borrow, default)]
    label: Option<JsonStr<'a>>,
    #[serde(borrow, default)]
    fred_id: Option<JsonStr<'a>>,
    #[serde(borrow)]
    records: Vec<Record<'a>>,
}

/// A series read from one field of every record.
struct FieldSeries<'s> {
    id: String,
    field: &'s str,
    source: String,
    title: String,
    units: &'s str,
}

const CARRIER: &str = "re-shaped by jghalam/ghalam-site";
const TREASURY: &str = "US Treasury Fiscal Data";

struct Ctx<'f> {
    file: &'f str,
    whole: &'f [u8],
}

impl Ctx<'_> {
    fn date(&self, record: &Record<'_>) -> Result<Date, ParseError> {
        let scalar = record.get("date").ok_or_else(|| {
            ParseError::new(self.file, None, Some("date"), "a record has no `date`")
        })?;
        let text = scalar.as_text().unwrap_or("");
        common::parse_iso_date(text).ok_or_else(|| {
            bad_date(
                self.file,
                line_of(self.whole, text),
                "date",
                text,
                "YYYY-MM-DD",
            )
        })
    }

    fn value(&self, record: &Record<'_>, field: &str) -> Result<Option<f64>, ParseError> {
        match record.get(field) {
            None => Ok(None),
            Some(scalar) => scalar.to_value().map_err(|msg| {
                // A number or `true` has no borrowed text: the record's date names the line.
                let line = scalar
                    .as_text()
                    .and_then(|t| line_of(self.whole, t))
                    .or_else(|| {
                        record
                            .get("date")
                            .and_then(Scalar::as_text)
                            .and_then(|t| line_of(self.whole, t))
                    });
                ParseError::new(self.file, line, Some(field), msg)
            }),
        }
    }
}

/// Parses a record file into its series (see the module doc for the ids).
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let whole = common::strip_bom(bytes);
    let doc: RecordsDoc<'_> = common::from_json(file, whole)?;
    let ctx = Ctx { file, whole };
    let body_id = doc.id.0.as_ref();
    let carrier_source = doc.source.as_ref().map_or("", |s| s.0.as_ref());
    let label = doc.label.as_ref().map_or("", |s| s.0.as_ref());
    let with_carrier = |publisher: &str| format!("{publisher} ({CARRIER})");

    if body_id == "interest_expense" {
        return interest_expense(&ctx, &doc.records, &with_carrier(TREASURY));
    }
    if body_id == "legacy_futures_only_gold" {
        return cftc_gold(&ctx, &doc.records, &with_carrier("CFTC"));
    }

    let one = |id: &str, source: String, title: &str, units: &'static str| {
        vec![FieldSeries {
            id: id.to_string(),
            field: "value",
            source,
            title: title.to_string(),
            units,
        }]
    };
    let plan: Vec<FieldSeries<'_>> = match body_id {
        "cofer_usd_share" | "cofer_eur_share" | "cofer_cny_share" | "cofer_jpy_share"
        | "cofer_gbp_share" => one(
            &body_id.to_ascii_uppercase(),
            with_carrier("IMF COFER"),
            label,
            "percent",
        ),
        "gold_price" => one(
            "GOLD_LBMA_PM_USD",
            with_carrier("LBMA"),
            "LBMA Gold Price PM",
            "USD per troy ounce",
        ),
        "debt_to_penny" => [
            (
                "DEBT_TO_PENNY",
                "total_debt",
                "Total public debt outstanding",
            ),
            (
                "DEBT_HELD_BY_PUBLIC",
                "debt_held_by_public",
                "Debt held by the public",
            ),
            (
                "DEBT_INTRAGOV",
                "intragovernmental_holdings",
                "Intragovernmental holdings",
            ),
        ]
        .into_iter()
        .map(|(id, field, title)| FieldSeries {
            id: id.to_string(),
            field,
            source: with_carrier(TREASURY),
            title: title.to_string(),
            units: "USD",
        })
        .collect(),
        "total_debt" => one("GHALAM_TOTAL_DEBT", with_carrier(TREASURY), label, "USD"),
        "deficit" => one(
            "MTS_DEFICIT_MONTHLY",
            with_carrier("US Treasury Monthly Treasury Statement"),
            label,
            "USD",
        ),
        "debt_to_gdp" => one(
            "DEBT_TO_GDP_PCT",
            with_carrier("derived: Treasury debt / BEA GDP"),
            label,
            "percent",
        ),
        _ => match &doc.fred_id {
            Some(fred_id) => one(
                &format!("GHALAM_{}", fred_id.0.to_ascii_uppercase()),
                with_carrier("FRED"),
                &fred_id.0,
                "",
            ),
            None => generic_plan(&ctx, body_id, carrier_source, label, &doc.records),
        },
    };

    let mut series = Vec::with_capacity(plan.len());
    for item in plan {
        let mut observations = Vec::with_capacity(doc.records.len());
        for record in &doc.records {
            let date = ctx.date(record)?;
            observations.push(Observation::new(date, ctx.value(record, item.field)?));
        }
        let spec = MetaSpec {
            source: &item.source,
            title: &item.title,
            units: item.units,
            frequency: "",
            notes: "",
        };
        series.push(common::make_series(&item.id, &spec, observations));
    }
    Ok(series)
}

/// Unknown record files: `value`, or every non-date field.
fn generic_plan<'s>(
    ctx: &Ctx<'_>,
    body_id: &str,
    carrier_source: &str,
    label: &str,
    records: &'s [Record<'_>],
) -> Vec<FieldSeries<'s>> {
    let _ = ctx;
    let base = format!("GHALAM_{}", common::upper_snake(body_id));
    let source = if carrier_source.is_empty() {
        CARRIER.to_string()
    } else {
        format!("{carrier_source} ({CARRIER})")
    };
    let Some(first) = records.first() else {
        return vec![FieldSeries {
            id: base,
            field: "value",
            source,
            title: label.to_string(),
            units: "",
        }];
    };
    if first.contains_key("value") {
        return vec![FieldSeries {
            id: base,
            field: "value",
            source,
            title: label.to_string(),
            units: "",
        }];
    }
    first
        .keys()
        .filter(|k| k.as_str() != "date")
        .map(|k| FieldSeries {
            id: format!("{base}_{}", common::upper_snake(k)),
            field: k.as_str(),
            source: source.clone(),
            title: k.clone(),
            units: "",
        })
        .collect()
}

/// `interest_expense`: totals per date, overall and per category.
fn interest_expense(
    ctx: &Ctx<'_>,
    records: &[Record<'_>],
    source: &str,
) -> Result<Vec<ParsedSeries>, ParseError> {
    // id → date → running sum (None once a missing amount is met)
    let mut sums: BTreeMap<String, BTreeMap<Date, Option<f64>>> = BTreeMap::new();
    for record in records {
        let date = ctx.date(record)?;
        let amount = ctx.value(record, "month_expense_amt")?;
        let category = record
            .get("expense_category")
            .and_then(Scalar::as_text)
            .unwrap_or("");
        let short = match category.trim() {
            "INTEREST EXPENSE ON PUBLIC ISSUES" => "PUBLIC_ISSUES".to_string(),
            "INTEREST EXPENSE ON GOVT ACCOUNT SERIES" => "GAS".to_string(),
            other => common::upper_snake(other.trim_start_matches("INTEREST EXPENSE ON ")),
        };
        let mut ids = vec!["TREASURY_INTEREST_EXPENSE_MONTHLY".to_string()];
        if !short.is_empty() {
            ids.push(format!("TREASURY_INTEREST_EXPENSE_{short}_MONTHLY"));
        }
        for id in ids {
            let slot = sums.entry(id).or_default().entry(date).or_insert(Some(0.0));
            *slot = match (*slot, amount) {
                (Some(sum), Some(v)) => Some(sum + v),
                _ => None,
            };
        }
    }
    let notes = "sum of month_expense_amt over every record of the date (all line items)";
    Ok(sums
        .into_iter()
        .map(|(id, by_date)| {
            let observations = by_date
                .into_iter()
                .map(|(d, v)| Observation::new(d, v))
                .collect();
            let spec = MetaSpec {
                source,
                title: "Interest expense on the public debt",
                units: "USD",
                frequency: "M",
                notes,
            };
            common::make_series(&id, &spec, observations)
        })
        .collect())
}

/// CFTC legacy futures-only gold positions.
fn cftc_gold(
    ctx: &Ctx<'_>,
    records: &[Record<'_>],
    source: &str,
) -> Result<Vec<ParsedSeries>, ParseError> {
    const FIELDS: [(&str, &str); 5] = [
        ("CFTC_GOLD_OPEN_INTEREST", "open_interest"),
        ("CFTC_GOLD_NONCOMM_LONG", "noncommercial_long"),
        ("CFTC_GOLD_NONCOMM_SHORT", "noncommercial_short"),
        ("CFTC_GOLD_COMM_LONG", "commercial_long"),
        ("CFTC_GOLD_COMM_SHORT", "commercial_short"),
    ];
    // Trap: on 279 dates the file holds two or three records, one per gold contract the CFTC
    // reported that week (COMEX 100 oz beside smaller exchanges' contracts), in no fixed
    // order. The COMEX contract is the one with by far the largest open interest; taking the
    // last record picked the small contract about half the time.
    let mut chosen: Vec<(Date, &Record<'_>)> = Vec::with_capacity(records.len());
    let mut slot_of: std::collections::HashMap<Date, usize> = std::collections::HashMap::new();
    for record in records {
        let date = ctx.date(record)?;
        let interest = ctx.value(record, "open_interest")?;
        match slot_of.get(&date) {
            Some(&slot) => {
                let kept = ctx.value(chosen[slot].1, "open_interest")?;
                if interest.unwrap_or(f64::NEG_INFINITY) > kept.unwrap_or(f64::NEG_INFINITY) {
                    chosen[slot].1 = record;
                }
            }
            None => {
                slot_of.insert(date, chosen.len());
                chosen.push((date, record));
            }
        }
    }
    let mut net = Vec::with_capacity(chosen.len());
    let mut columns: Vec<Vec<Observation>> = vec![Vec::with_capacity(chosen.len()); FIELDS.len()];
    for (date, record) in chosen {
        let mut values = [None; FIELDS.len()];
        for (i, (_, field)) in FIELDS.iter().enumerate() {
            values[i] = ctx.value(record, field)?;
            columns[i].push(Observation::new(date, values[i]));
        }
        let net_value = match (values[1], values[2]) {
            (Some(long), Some(short)) => Some(long - short),
            _ => None,
        };
        net.push(Observation::new(date, net_value));
    }
    let spec = |title: &'static str| MetaSpec {
        source,
        title,
        units: "contracts",
        frequency: "W",
        notes: "",
    };
    let mut out = vec![common::make_series(
        "CFTC_GOLD_NONCOMM_NET",
        &spec("COMEX gold futures, non-commercial long minus short"),
        net,
    )];
    for ((id, field), obs) in FIELDS.iter().zip(columns) {
        out.push(common::make_series(id, &spec(field), obs));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/../../testdata/records/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn get<'a>(all: &'a [ParsedSeries], id: &str) -> &'a ParsedSeries {
        all.iter()
            .find(|s| s.meta.id == id)
            .unwrap_or_else(|| panic!("no {id}"))
    }

    #[test]
    fn debt_to_penny_with_null_strings() {
        let all = parse(
            "ghalam_debt_to_penny.json",
            &fixture("ghalam_debt_to_penny_sample.json"),
        )
        .unwrap();
        let total = get(&all, "DEBT_TO_PENNY");
        assert_eq!(
            (total.observations[0].date, total.observations[0].value),
            (date(1993, 4, 1), Some(4_225_873_987_843.44))
        );
        let public = get(&all, "DEBT_HELD_BY_PUBLIC");
        assert_eq!(public.observations[0].value, None);
        assert_eq!(public.observations[2].value, Some(32_278_964_736_853.4));
    }

    #[test]
    fn interest_expense_sums_every_line_item_of_a_date() {
        let all = parse(
            "ghalam_interest_expense.json",
            &fixture("ghalam_interest_expense_sample.json"),
        )
        .unwrap();
        let total = get(&all, "TREASURY_INTEREST_EXPENSE_MONTHLY");
        assert_eq!(total.observations.len(), 1);
        // Fixture: two PUBLIC ISSUES and two GOVT ACCOUNT SERIES line items of 2010-05-31.
        let public = 10_847_836_350.33 + 4_150_043_194.57;
        let gas = 1_013_268_853.44 - 64_711_935.76;
        assert!((total.observations[0].value.unwrap() - (public + gas)).abs() < 1e-3);
        let public_series = get(&all, "TREASURY_INTEREST_EXPENSE_PUBLIC_ISSUES_MONTHLY");
        assert!((public_series.observations[0].value.unwrap() - public).abs() < 1e-3);
        let gas_series = get(&all, "TREASURY_INTEREST_EXPENSE_GAS_MONTHLY");
        assert!((gas_series.observations[0].value.unwrap() - gas).abs() < 1e-3);
        assert_eq!(total.observations[0].date, date(2010, 5, 31));
    }

    #[test]
    fn cftc_net_positions_and_timestamps() {
        let all = parse("cftc_gold.json", &fixture("cftc_gold_sample.json")).unwrap();
        let net = get(&all, "CFTC_GOLD_NONCOMM_NET");
        assert_eq!(net.observations[0].date, date(1986, 1, 15));
        assert_eq!(net.observations[0].value, Some(18_589.0 - 7_706.0));
        assert_eq!(
            get(&all, "CFTC_GOLD_OPEN_INTEREST").observations[0].value,
            Some(148_186.0)
        );
    }

    #[test]
    fn fred_copy_gets_carrier_prefix_and_cofer_keeps_plain_id() {
        let fred = br#"{"id":"treasury_3mo","source":"FRED","count":1,"records":[{"date":"1981-09-01","value":17.01}],"fred_id":"DGS3MO"}"#;
        let all = parse("ghalam_treasury_3mo.json", fred).unwrap();
        assert_eq!(all[0].meta.id, "GHALAM_DGS3MO");
        assert_eq!(all[0].observations[0].value, Some(17.01));
        let cofer = br#"{"id":"cofer_usd_share","source":"IMF COFER","count":1,"records":[{"date":"1999-01-01","value":71.1888689871011}]}"#;
        assert_eq!(
            parse("x.json", cofer).unwrap()[0].meta.id,
            "COFER_USD_SHARE"
        );
        let derived = br#"{"id":"real_yield_10y","source":"Derived","count":1,"records":[{"date":"1962-01-01","value":3.39}]}"#;
        assert_eq!(
            parse("x.json", derived).unwrap()[0].meta.id,
            "GHALAM_REAL_YIELD_10Y"
        );
    }

    #[test]
    fn bad_value_is_located() {
        let doc = b"{\"id\":\"gold_price\",\"records\":[\n{\"date\":\"1968-04-01\",\n\"value\":\"abc\"}]}";
        let err = parse("gold.json", doc).unwrap_err();
        assert_eq!(
            err.to_string(),
            "gold.json:3: field `value`: invalid number \"abc\""
        );
    }
}
