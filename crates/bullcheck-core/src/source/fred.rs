//! Two-column `date,value` CSVs: FRED `fredgraph.csv` downloads ([`Kind::FredCsv`]), any other
//! plain `date,value` file ([`Kind::GenericCsv`]) and the `date,value` copy of the NY Fed ACM
//! term premium.
//!
//! Format: a header `DATE,ID` (old FRED), `observation_date,ID` (FRED since 2024), `date,ID`,
//! `date,value` or `DATE,VALUE`, then one `YYYY-MM-DD,number` row per date.
//!
//! Traps: a UTF-8 BOM before the header; missing values written `.` (old FRED) or as an empty
//! field (`2016-10-10,`); numbers with a trailing `.0` mixed with integers (pandas rewrites);
//! CRLF line ends. Missing values stay missing (`value: None`).
//!
//! Ids: `--series`, else the header's second column when it is not `value`, else the known-file
//! table ([`super::known`]), else the file name's leading id (`DGS10_dberweger_1962-2024-10.csv`
//! → `DGS10`); otherwise an error asking for `--series`. One series per file.
//!
//! [`Kind::FredCsv`]: super::Kind::FredCsv
//! [`Kind::GenericCsv`]: super::Kind::GenericCsv

use super::common::{self, MetaSpec, bad_date, csv_rows, header};
use super::known::{known_file, single_series_id};
use super::{ParseError, ParseOptions};
use crate::series::{Observation, ParsedSeries};

/// Header names accepted for the date column.
const DATE_HEADERS: [&str; 2] = ["date", "observation_date"];

/// Whether `cell` is a date-column header (`DATE`, `date`, `observation_date`).
pub fn is_date_header(cell: &str) -> bool {
    let cell = cell.trim();
    DATE_HEADERS.iter().any(|h| cell.eq_ignore_ascii_case(h))
}

/// Parses a two-column `date,value` CSV into one series. `spec` gives source, title and units
/// (the known-file table overrides title/units/source when it knows the file).
pub fn parse_date_value_csv(
    file: &str,
    bytes: &[u8],
    opts: &ParseOptions<'_>,
    spec: &MetaSpec<'_>,
) -> Result<ParsedSeries, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    if head.cells.len() != 2 || !is_date_header(&head.cells[0]) {
        return Err(ParseError::new(
            file,
            Some(head.line),
            None,
            format!(
                "expected a two-column header like `DATE,ID`, `observation_date,ID` or `date,value`, found {:?}",
                head.cells.join(",")
            ),
        ));
    }
    let date_field = head.cells[0].as_str();
    let value_field = head.cells[1].as_str();
    let id = single_series_id(file, Some(value_field), opts.series_override)?;

    let mut observations = Vec::with_capacity(rows.len().saturating_sub(1));
    for row in &rows[1..] {
        if row.cells.len() > 2 {
            return Err(ParseError::new(
                file,
                Some(row.line),
                None,
                format!("expected 2 fields, found {}", row.cells.len()),
            ));
        }
        let date_text = common::cell(file, row, 0, date_field)?;
        let date = common::parse_iso_date(date_text)
            .ok_or_else(|| bad_date(file, Some(row.line), date_field, date_text, "YYYY-MM-DD"))?;
        // A row with only a date (`2016-10-10` without the comma) is a missing value too.
        let value = match row.cells.get(1) {
            Some(_) => common::value_cell(file, row, 1, value_field)?,
            None => None,
        };
        observations.push(Observation::new(date, value));
    }

    let known = known_file(file).filter(|k| k.id == id);
    let spec = MetaSpec {
        source: known.map_or(spec.source, |k| k.source),
        title: known.map_or(spec.title, |k| k.title),
        units: known.map_or(spec.units, |k| k.units),
        frequency: spec.frequency,
        notes: spec.notes,
    };
    Ok(common::make_series(&id, &spec, observations))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const FRED: MetaSpec<'static> = MetaSpec {
        source: "FRED",
        title: "",
        units: "",
        frequency: "",
        notes: "",
    };

    fn parse(file: &str, text: &str) -> Result<ParsedSeries, ParseError> {
        parse_date_value_csv(file, text.as_bytes(), &ParseOptions::default(), &FRED)
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../../testdata/fred/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn old_fred_download_with_dot_markers() {
        let bytes = fixture("DGS10_dots.csv");
        let s = parse_date_value_csv("DGS10_dots.csv", &bytes, &ParseOptions::default(), &FRED)
            .unwrap();
        assert_eq!(s.meta.id, "DGS10");
        assert_eq!(s.meta.source, "FRED");
        let values: Vec<Option<f64>> = s.observations.iter().map(|o| o.value).collect();
        assert_eq!(
            values,
            vec![
                Some(4.07),
                Some(4.07),
                Some(4.05),
                None,
                Some(4.03),
                Some(4.03)
            ]
        );
        assert_eq!(s.observations[3].date, date(1962, 2, 12));
    }

    #[test]
    fn integers_mixed_with_trailing_dot_zero() {
        let bytes = fixture("GFDEBTN_mixed_ints.csv");
        let s = parse_date_value_csv(
            "GFDEBTN_mixed_ints.csv",
            &bytes,
            &ParseOptions::default(),
            &FRED,
        )
        .unwrap();
        let values: Vec<Option<f64>> = s.observations.iter().map(|o| o.value).collect();
        assert_eq!(
            values,
            vec![
                Some(20_492_747.0),
                Some(21_089_643.0),
                Some(21_195_070.0),
                Some(21_516_058.0)
            ]
        );
        assert_eq!(s.meta.frequency, "Q");
    }

    #[test]
    fn bom_and_observation_date_header_name_the_series() {
        let bytes = fixture("PSAVERT_bom.csv");
        let s =
            parse_date_value_csv("whatever.csv", &bytes, &ParseOptions::default(), &FRED).unwrap();
        assert_eq!(s.meta.id, "PSAVERT");
        assert_eq!(s.observations.len(), 3);
        assert_eq!(s.observations[0].date, date(1959, 1, 1));
        assert_eq!(s.observations[0].value, Some(11.3));
        assert_eq!(s.meta.frequency, "M");
    }

    #[test]
    fn empty_field_is_missing_and_id_comes_from_file_name() {
        let s = parse(
            "VIXCLS.csv",
            "date,value\n2016-10-07,13.48\n2016-10-10,\n2016-10-11,15.36\n",
        )
        .unwrap();
        assert_eq!(s.meta.id, "VIXCLS");
        assert_eq!(s.observations[1].value, None);
    }

    #[test]
    fn known_lower_case_file_gets_its_table_id_and_units() {
        let s = parse("market/cboe_skew.csv", "date,value\n1990-01-02,126.09\n").unwrap();
        assert_eq!(s.meta.id, "SKEW");
        assert_eq!(s.meta.source, "Cboe");
        assert_eq!(s.meta.units, "index");
    }

    #[test]
    fn override_wins_over_header() {
        let opts = ParseOptions {
            series_override: Some("MY_ID"),
        };
        let s = parse_date_value_csv("DGS10.csv", b"DATE,DGS10\n2020-01-02,1.88\n", &opts, &FRED)
            .unwrap();
        assert_eq!(s.meta.id, "MY_ID");
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let err = parse("DGS10.csv", "DATE,DGS10\n2020-01-02,1.88\n2020-01-03,abc\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "DGS10.csv:3: field `DGS10`: invalid number \"abc\""
        );
        let err = parse("DGS10.csv", "DATE,DGS10\n2020-13-02,1.88\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.field.as_deref(), Some("DATE"));
        let err = parse("lower.csv", "date,value\n2020-01-02,1\n").unwrap_err();
        assert!(err.message.contains("--series"));
        let err = parse("X.csv", "a,b,c\n").unwrap_err();
        assert_eq!(err.line, Some(1));
    }
}
