//! FRED/ALFRED API `series/observations` JSON ([`Kind::FredApiJson`]).
//!
//! Format (<https://fred.stlouisfed.org/docs/api/fred/series_observations.html>):
//! `{"realtime_start","realtime_end","observation_start",...,"count","offset","limit",
//! "observations":[{"realtime_start","realtime_end","date","value"}]}`.
//!
//! Traps: `value` is a *string*, `"."` when missing; with ALFRED vintages (`realtime_start`/
//! `realtime_end` or `output_type=2`) the same `date` appears several times with different
//! `realtime_start` — every row is kept, each [`Observation`] carrying its `realtime_start`.
//! An API error body (`{"error_code":400,"error_message":"..."}`) becomes a parse error.
//!
//! Id: not in the body — `--series`, else the file name's leading id (`DGS10.json` → `DGS10`).
//! Source `FRED`.
//!
//! [`Kind::FredApiJson`]: super::Kind::FredApiJson

use serde::Deserialize;

use super::common::{self, JsonStr, MetaSpec, Scalar, bad_date, line_of};
use super::known::single_series_id;
use super::{ParseError, ParseOptions};
use crate::series::{Observation, ParsedSeries};

#[derive(Deserialize)]
struct ObservationsDoc<'a> {
    #[serde(borrow, default)]
    observations: Option<Vec<ObservationDoc<'a>>>,
    #[serde(default)]
    error_code: Option<i64>,
    #[serde(borrow, default)]
    error_message: Option<JsonStr<'a>>,
}

#[derive(Deserialize)]
struct ObservationDoc<'a> {
    #[serde(borrow)]
    date: JsonStr<'a>,
    #[serde(borrow)]
    value: Scalar<'a>,
    #[serde(borrow, default)]
    realtime_start: Option<JsonStr<'a>>,
}

/// Parses a `series/observations` response into one series (all vintages kept).
pub fn parse(
    file: &str,
    bytes: &[u8],
    opts: &ParseOptions<'_>,
) -> Result<ParsedSeries, ParseError> {
    let whole = common::strip_bom(bytes);
    let doc: ObservationsDoc<'_> = common::from_json(file, whole)?;
    let Some(rows) = doc.observations else {
        let message = match (doc.error_code, doc.error_message) {
            (Some(code), Some(msg)) => format!("the FRED API answered error {code}: {}", msg.0),
            _ => "not a FRED series/observations response: no `observations` array".to_string(),
        };
        return Err(ParseError::new(
            file,
            Some(1),
            Some("observations"),
            message,
        ));
    };
    // The API response does not name its series: the id comes from --series or the file name.
    let id = single_series_id(file, None, opts.series_override).map_err(|_| {
        ParseError::new(
            file,
            Some(1),
            None,
            "FRED API JSON (series/observations) without a series id: the response does not \
             name its series and the file name has no leading upper-case id; pass --series ID \
             or name the file ID.json (e.g. UNRATE.json)",
        )
    })?;

    let mut observations = Vec::with_capacity(rows.len());
    for row in &rows {
        let date = common::parse_iso_date(&row.date.0).ok_or_else(|| {
            bad_date(
                file,
                line_of(whole, &row.date.0),
                "date",
                &row.date.0,
                "YYYY-MM-DD",
            )
        })?;
        let value = row.value.to_value().map_err(|msg| {
            let line = row.value.as_text().and_then(|t| line_of(whole, t));
            ParseError::new(file, line, Some("value"), msg)
        })?;
        let realtime_start = match &row.realtime_start {
            Some(text) => Some(common::parse_iso_date(&text.0).ok_or_else(|| {
                bad_date(
                    file,
                    line_of(whole, &text.0),
                    "realtime_start",
                    &text.0,
                    "YYYY-MM-DD",
                )
            })?),
            None => None,
        };
        observations.push(Observation {
            date,
            value,
            realtime_start,
        });
    }
    let spec = MetaSpec {
        source: "FRED",
        ..MetaSpec::default()
    };
    Ok(common::make_series(&id, &spec, observations))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/../../testdata/fred_api/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn a_response_without_an_id_says_what_it_is() {
        let err = parse(
            "observations.json",
            &fixture("GDPC1_observations.json"),
            &ParseOptions::default(),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(
                "observations.json:1: FRED API JSON (series/observations) without a series id"
            ),
            "{text}"
        );
        assert!(
            text.contains("pass --series ID or name the file ID.json"),
            "{text}"
        );
        assert!(!text.contains("header says"), "{text}");
    }

    #[test]
    fn alfred_vintages_keep_every_realtime_start() {
        let s = parse(
            "UNRATE_alfred_vintages.json",
            &fixture("UNRATE_alfred_vintages.json"),
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(s.meta.id, "UNRATE");
        assert_eq!(s.observations.len(), 5);
        let jan: Vec<&Observation> = s
            .observations
            .iter()
            .filter(|o| o.date == date(2023, 1, 1))
            .collect();
        assert_eq!(jan.len(), 2);
        assert_eq!(
            (jan[0].value, jan[0].realtime_start),
            (Some(3.4), Some(date(2024, 10, 4)))
        );
        assert_eq!(
            (jan[1].value, jan[1].realtime_start),
            (Some(3.5), Some(date(2026, 7, 3)))
        );
        // `"."` is missing, not zero.
        assert_eq!(s.observations[4].date, date(2025, 10, 1));
        assert_eq!(s.observations[4].value, None);
    }

    #[test]
    fn plain_response_with_override() {
        let opts = ParseOptions {
            series_override: Some("GDPC1"),
            ..Default::default()
        };
        let s = parse(
            "observations.json",
            &fixture("GDPC1_observations.json"),
            &opts,
        )
        .unwrap();
        assert_eq!(s.meta.id, "GDPC1");
        assert_eq!(s.observations[0].value, Some(2182.681));
        assert_eq!(s.observations[1].value, Some(2176.892));
        assert_eq!(s.meta.frequency, "Q");
    }

    #[test]
    fn bad_value_is_located() {
        let doc = b"{\"observations\":[\n{\"date\":\"2020-01-01\",\"value\":\"1.5\"},\n{\"date\":\"2020-02-01\",\"value\":\"x1\"}]}";
        let err = parse("DGS10.json", doc, &ParseOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "DGS10.json:3: field `value`: invalid number \"x1\""
        );
    }

    #[test]
    fn api_error_body_is_reported() {
        let doc =
            br#"{"error_code":400,"error_message":"Bad Request.  The series does not exist."}"#;
        let err = parse("NOPE.json", doc, &ParseOptions::default()).unwrap_err();
        assert!(err.message.contains("error 400"), "{err}");
    }
}
