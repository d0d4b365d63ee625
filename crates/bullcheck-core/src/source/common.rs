//! Helpers every parser shares: BOM stripping, UTF-8 decoding with a line number, file-name
//! id inference, missing-value markers, date forms, CSV rows with their 1-based line numbers,
//! borrowed JSON scalars that remember where they sit in the file, and series assembly.
//!
//! Nothing here knows about a particular source.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::ParseError;
use crate::series::{Date, Observation, ParsedSeries, SeriesMeta};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading UTF-8 byte-order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

/// The BOM-stripped bytes as text; invalid UTF-8 is an error naming the line it is on.
pub fn utf8_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ParseError> {
    let bytes = strip_bom(bytes);
    std::str::from_utf8(bytes).map_err(|err| {
        let line = line_at_offset(bytes, err.valid_up_to());
        ParseError::new(file, Some(line), None, "the file is not valid UTF-8 text")
    })
}

/// The 1-based line number of byte `offset` in `bytes`.
pub fn line_at_offset(bytes: &[u8], offset: usize) -> u64 {
    let end = offset.min(bytes.len());
    bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// The 1-based line of `text` inside `whole`, when `text` is a slice borrowed from it (JSON
/// strings deserialised without escapes are). `None` for text that was copied.
pub fn line_of(whole: &[u8], text: &str) -> Option<u64> {
    let start = whole.as_ptr() as usize;
    let at = text.as_ptr() as usize;
    if at >= start && at < start + whole.len() {
        Some(line_at_offset(whole, at - start))
    } else {
        None
    }
}

/// The last path component of `file_name` (either separator).
pub fn base_name(file_name: &str) -> &str {
    file_name.rsplit(['/', '\\']).next().unwrap_or(file_name)
}

/// The base name without its extension (`DGS10.csv` → `DGS10`).
pub fn file_stem(file_name: &str) -> &str {
    let base = base_name(file_name);
    match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    }
}

/// The series id a file name carries: the leading run of `[A-Z0-9]` of its stem, when that run
/// starts with a letter (`DGS10_dberweger_1962-2024-10.csv` → `DGS10`; `cboe_skew.csv` → none).
pub fn leading_id(file_name: &str) -> Option<String> {
    let stem = file_stem(file_name);
    let run: String = stem
        .chars()
        .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        .collect();
    if run.starts_with(|c: char| c.is_ascii_uppercase()) {
        Some(run)
    } else {
        None
    }
}

/// Whether a cell holds one of the sources' missing-value markers: empty, `.` (FRED),
/// `NA`/`N/A`/`#N/A` (Shiller, spreadsheets), `null` (Treasury, jghalam).
pub fn is_missing_marker(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "." | "NA" | "N/A" | "#N/A" | "null" | "NULL" | "NaN" | "nan"
    )
}

/// Parses a numeric cell: missing markers give `None`; anything that is not a finite number is
/// an error message (without file/line, which the caller adds).
pub fn parse_value(text: &str) -> Result<Option<f64>, String> {
    let trimmed = text.trim();
    if is_missing_marker(trimmed) {
        return Ok(None);
    }
    match trimmed.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!("invalid number {:?}", excerpt(trimmed))),
    }
}

/// Parses `YYYY-MM-DD`, also when followed by a time (`1986-01-15T00:00:00.000`,
/// `2024-01-01 00:00:00`, `2024-01-01T00:00:00Z`). Anything else after the day
/// (`1960-05-01 junk`) makes the date invalid.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let (day_part, time_part) = match text.find(['T', ' ']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    if day_part.len() != 10 {
        return None;
    }
    if let Some(time) = time_part
        && !is_time_of_day(time)
    {
        return None;
    }
    day_part.parse::<Date>().ok()
}

/// `HH:MM[:SS[.fff]]` with an optional `Z` or `±HH[:]MM` offset, on the clock: hours 00-23,
/// minutes 00-59, seconds 00-60 (a leap second), offsets up to 23:59 (`25:00` is no time).
fn is_time_of_day(text: &str) -> bool {
    let text = text.strip_suffix('Z').unwrap_or(text);
    let clock = match text.get(8..).and_then(|rest| rest.find(['+', '-'])) {
        Some(i) => {
            let (clock, offset) = text.split_at(8 + i);
            let offset = offset[1..].replace(':', "");
            if offset.len() != 4
                || !offset.bytes().all(|b| b.is_ascii_digit())
                || !on_clock(&offset[..2], 23)
                || !on_clock(&offset[2..], 59)
            {
                return false;
            }
            clock
        }
        None => text,
    };
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, fraction)) => (hms, Some(fraction)),
        None => (clock, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let parts: Vec<&str> = hms.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .zip([23, 59, 60])
            .all(|(p, max)| p.len() == 2 && on_clock(p, max))
        && (fraction.is_none() || parts.len() == 3)
}

/// Two ASCII digits whose number is at most `max`.
fn on_clock(two: &str, max: u8) -> bool {
    two.len() == 2
        && two.bytes().all(|b| b.is_ascii_digit())
        && two.parse::<u8>().is_ok_and(|n| n <= max)
}

/// The first day of `month` of `year`, if both are in range.
pub fn first_of_month(year: i64, month: i64) -> Option<Date> {
    let year = i16::try_from(year).ok()?;
    let month = i8::try_from(month).ok()?;
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    Date::new(year, month, 1).ok()
}

/// The first day of quarter `quarter` (1-4) of `year`.
pub fn quarter_start(year: i64, quarter: i64) -> Option<Date> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    first_of_month(year, (quarter - 1) * 3 + 1)
}

/// `text` as an upper-case id fragment: letters and digits kept, every other run of characters
/// becomes one `_` (`Mkt-RF` → `MKT_RF`, `Hlth ` → `HLTH`).
pub fn upper_snake(text: &str) -> String {
    let mut out = String::new();
    let mut pending_sep = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_sep && !out.is_empty() {
                out.push('_');
            }
            pending_sep = false;
            out.push(c.to_ascii_uppercase());
        } else {
            pending_sep = true;
        }
    }
    out
}

/// `D`, `W`, `M`, `Q` or `A` from the median spacing of the dates, or empty when it is unclear
/// (fewer than two dates, or an irregular spacing).
pub fn infer_frequency(observations: &[Observation]) -> String {
    let mut dates: Vec<Date> = observations.iter().map(|o| o.date).collect();
    dates.sort();
    dates.dedup();
    let mut gaps: Vec<i64> = dates
        .windows(2)
        .filter_map(|w| w[0].until(w[1]).ok().map(|span| i64::from(span.get_days())))
        .collect();
    if gaps.is_empty() {
        return String::new();
    }
    gaps.sort_unstable();
    let median = gaps[gaps.len() / 2];
    let code = match median {
        1..=4 => "D",
        5..=9 => "W",
        25..=35 => "M",
        80..=100 => "Q",
        350..=380 => "A",
        _ => "",
    };
    code.to_string()
}

/// Descriptive fields of a series a parser fills in; `frequency` empty means "infer it".
#[derive(Debug, Clone, Default)]
pub struct MetaSpec<'a> {
    pub source: &'a str,
    pub title: &'a str,
    pub units: &'a str,
    pub frequency: &'a str,
    pub notes: &'a str,
}

/// Builds a [`ParsedSeries`]; the frequency is inferred from the dates when the spec leaves it
/// empty.
pub fn make_series(id: &str, spec: &MetaSpec<'_>, observations: Vec<Observation>) -> ParsedSeries {
    let frequency = if spec.frequency.is_empty() {
        infer_frequency(&observations)
    } else {
        spec.frequency.to_string()
    };
    ParsedSeries {
        meta: SeriesMeta {
            id: id.to_string(),
            source: spec.source.to_string(),
            title: spec.title.to_string(),
            units: spec.units.to_string(),
            frequency,
            seasonal_adjustment: String::new(),
            notes: spec.notes.to_string(),
        },
        observations,
    }
}

/// One CSV row with its 1-based line number (the line the record starts on).
#[derive(Debug, Clone)]
pub struct CsvRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// Every row of a CSV text (header included), cells trimmed, blank rows dropped.
pub fn csv_rows(file: &str, text: &str) -> Result<Vec<CsvRow>, ParseError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows: Vec<CsvRow> = Vec::new();
    // Lines are counted from the byte offsets: the csv crate's own line count is wrong in
    // CRLF files (it gives the second record line 1).
    let (mut counted_to, mut newlines) = (0usize, 0u64);
    let mut line_at = |byte: u64| {
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        // A record's position can sit on the line end that precedes it.
        while text
            .as_bytes()
            .get(byte)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            byte += 1;
        }
        if byte > counted_to {
            newlines += text.as_bytes()[counted_to..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            counted_to = byte;
        }
        newlines + 1
    };
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map(|p| line_at(p.byte()));
                return Err(ParseError::new(
                    file,
                    line,
                    None,
                    format!("malformed CSV: {err}"),
                ));
            }
        };
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        if record.len() > MAX_FIELDS {
            return Err(ParseError::new(
                file,
                Some(line),
                None,
                format!(
                    "the row has {} fields, more than the {MAX_FIELDS} read",
                    record.len()
                ),
            ));
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        rows.push(CsvRow {
            line,
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    refuse_truncated_last_row(file, text, &rows)?;
    Ok(rows)
}

/// A file cut short (an interrupted download) ends in the middle of a row: no final line
/// break and fewer fields than the row before it. Its last number may be cut in half
/// (`58399.3` → `583`), so the file is refused rather than the short row padded as missing.
fn refuse_truncated_last_row(file: &str, text: &str, rows: &[CsvRow]) -> Result<(), ParseError> {
    if text.ends_with(['\n', '\r']) {
        return Ok(());
    }
    if let [.., before, last] = rows
        && last.cells.len() < before.cells.len()
    {
        return Err(ParseError::new(
            file,
            Some(last.line),
            None,
            format!(
                "the file ends in the middle of a row ({} of {} fields, no final line break): \
                 truncated download?",
                last.cells.len(),
                before.cells.len()
            ),
        ));
    }
    Ok(())
}

/// The most fields a row may have (the widest real table, Ken French's 49 industries or the
/// ACM workbook, has about 50): a header with 10,000 names would otherwise become 10,000 empty
/// series.
pub const MAX_FIELDS: usize = 1_000;

/// The one rule for a data row against its table's header, applied by every table parser
/// (issue 24): a row **shorter** than the header is refused naming the first missing field
/// (a row that lost its last fields in the middle of a file would otherwise store blanks over
/// real values: missing is an empty cell, never an absent one), and a row **longer** than the
/// header is refused when an extra cell holds something.
pub fn check_row_width(file: &str, head: &[String], row: &CsvRow) -> Result<(), ParseError> {
    let width = head.len();
    if row.cells.len() < width {
        let missing = head[row.cells.len()].as_str();
        return Err(ParseError::new(
            file,
            Some(row.line),
            Some(if missing.is_empty() { "?" } else { missing }),
            format!(
                "the row has {} of the header's {width} fields: a row missing fields is \
                 refused (an empty cell, not an absent one, marks a missing value)",
                row.cells.len()
            ),
        ));
    }
    if row.cells[width..].iter().any(|c| !c.is_empty()) {
        return Err(ParseError::new(
            file,
            Some(row.line),
            None,
            format!("the row has {} fields, the header {width}", row.cells.len()),
        ));
    }
    Ok(())
}

/// The header row of `rows`, or an error for an empty file.
pub fn header<'r>(file: &str, rows: &'r [CsvRow]) -> Result<&'r CsvRow, ParseError> {
    rows.first()
        .ok_or_else(|| ParseError::new(file, None, None, "the file is empty"))
}

/// The cell `index` of `row`, or an error naming the missing field.
pub fn cell<'r>(
    file: &str,
    row: &'r CsvRow,
    index: usize,
    field: &str,
) -> Result<&'r str, ParseError> {
    row.cells.get(index).map(String::as_str).ok_or_else(|| {
        ParseError::new(
            file,
            Some(row.line),
            Some(field),
            format!("missing cell: the row has {} fields", row.cells.len()),
        )
    })
}

/// Parses a numeric cell into a missing-aware value, with a located error.
pub fn value_cell(
    file: &str,
    row: &CsvRow,
    index: usize,
    field: &str,
) -> Result<Option<f64>, ParseError> {
    let text = cell(file, row, index, field)?;
    parse_value(text).map_err(|msg| ParseError::new(file, Some(row.line), Some(field), msg))
}

/// At most [`EXCERPT_CHARS`] characters of `text` (with `…` when cut): what an error message
/// quotes of a value, so a 50 MB cell never becomes a 50 MB message.
pub fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// How many characters of a value an error message quotes.
pub const EXCERPT_CHARS: usize = 60;

/// A located "invalid date" error.
pub fn bad_date(
    file: &str,
    line: Option<u64>,
    field: &str,
    text: &str,
    expected: &str,
) -> ParseError {
    ParseError::new(
        file,
        line,
        Some(field),
        format!("invalid date {:?} (expected {expected})", excerpt(text)),
    )
}

/// A JSON string that borrows from the input when it has no escapes (so [`line_of`] can find
/// it), or owns its text otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonStr<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for JsonStr<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for StrVisitor<'a> {
            type Value = JsonStr<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(JsonStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(JsonStr(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(JsonStr(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(StrVisitor(std::marker::PhantomData))
    }
}

/// Any JSON scalar, as the sources use them for values: a number, a numeric string, `null` or
/// the string `"null"`/`"."`. Objects and arrays are rejected.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    Str(Cow<'a, str>),
    Num(f64),
    Bool(bool),
    Null,
}

impl Scalar<'_> {
    /// The value as a number: `None` for null and missing markers, an error message for text
    /// that is not a number.
    pub fn to_value(&self) -> Result<Option<f64>, String> {
        match self {
            Scalar::Num(v) if v.is_finite() => Ok(Some(*v)),
            Scalar::Num(v) => Err(format!("invalid number {v}")),
            Scalar::Null => Ok(None),
            Scalar::Str(text) => parse_value(text),
            Scalar::Bool(b) => Err(format!("expected a number, found {b}")),
        }
    }

    /// The text of a string scalar.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Scalar::Str(text) => Some(text),
            _ => None,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for ScalarVisitor<'a> {
            type Value = Scalar<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, a string or null")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Scalar::Num(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Scalar::Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Scalar::Num(v as f64))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Null)
            }
        }
        deserializer.deserialize_any(ScalarVisitor(std::marker::PhantomData))
    }
}

/// Deserialises a whole JSON document, turning syntax/shape errors into a located error.
pub fn from_json<'a, T: Deserialize<'a>>(file: &str, bytes: &'a [u8]) -> Result<T, ParseError> {
    serde_json::from_slice(strip_bom(bytes)).map_err(|err| {
        let line = u64::try_from(err.line()).ok().filter(|&l| l > 0);
        ParseError::new(file, line, None, format!("invalid JSON document: {err}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn leading_id_takes_the_upper_case_prefix_of_the_stem() {
        assert_eq!(leading_id("DGS10.csv").as_deref(), Some("DGS10"));
        assert_eq!(
            leading_id("x/y/ACMTP10_acm_10y_term_premium_daily.csv").as_deref(),
            Some("ACMTP10")
        );
        assert_eq!(
            leading_id("DGS10_dberweger_1962-2024-10.csv").as_deref(),
            Some("DGS10")
        );
        assert_eq!(leading_id("cboe_skew.csv"), None);
        assert_eq!(leading_id("2024-Table_2A.csv"), None);
    }

    #[test]
    fn missing_markers_and_trailing_dot_zero() {
        assert_eq!(parse_value("."), Ok(None));
        assert_eq!(parse_value(""), Ok(None));
        assert_eq!(parse_value("NA"), Ok(None));
        assert_eq!(parse_value("4.0"), Ok(Some(4.0)));
        assert_eq!(parse_value("4"), Ok(Some(4.0)));
        assert!(parse_value("abc").is_err());
        assert!(parse_value("inf").is_err());
    }

    #[test]
    fn dates_with_times_and_quarters() {
        assert_eq!(
            parse_iso_date("1986-01-15T00:00:00.000"),
            Some(date(1986, 1, 15))
        );
        assert_eq!(parse_iso_date("1986-1-15"), None);
        assert_eq!(
            parse_iso_date("2024-01-01T23:59:60+05:30"),
            Some(date(2024, 1, 1))
        );
    }

    /// Issue 28: a time off the clock makes the date invalid, in every form a publisher
    /// writes (generated: each field of each form pushed one past its limit).
    #[test]
    fn times_off_the_clock_are_refused() {
        for form in [
            "T{h}:{m}:{s}",
            " {h}:{m}:{s}",
            "T{h}:{m}",
            "T{h}:{m}:{s}.000Z",
        ] {
            for (h, m, s) in [("24", "00", "00"), ("25", "00", "00"), ("00", "60", "00")]
                .into_iter()
                .chain(form.contains("{s}").then_some(("00", "00", "61")))
            {
                let time = form.replace("{h}", h).replace("{m}", m).replace("{s}", s);
                let text = format!("2024-01-01{time}");
                assert_eq!(parse_iso_date(&text), None, "{text}");
            }
        }
        assert_eq!(parse_iso_date("2024-01-01T00:00:00+25:00"), None);
        assert_eq!(quarter_start(2025, 3), Some(date(2025, 7, 1)));
        assert_eq!(quarter_start(2025, 5), None);
    }

    #[test]
    fn upper_snake_collapses_separators() {
        assert_eq!(upper_snake("Mkt-RF"), "MKT_RF");
        assert_eq!(upper_snake(" Hlth "), "HLTH");
        assert_eq!(upper_snake("Sum of BE / Sum of ME"), "SUM_OF_BE_SUM_OF_ME");
    }

    #[test]
    fn csv_lines_are_right_with_crlf_and_mixed_line_ends() {
        for text in [
            "a,b\r\n1,2\r\n3,4\r\n5,6\r\n",
            "a,b\r\n1,2\r\n3,\n5,6\r\n",
            "a,b\n1,2\n\n3,4\n",
        ] {
            let lines: Vec<u64> = csv_rows("f", text)
                .unwrap()
                .iter()
                .map(|r| r.line)
                .collect();
            let expected: &[u64] = if text.contains("\n\n") {
                &[1, 2, 4]
            } else {
                &[1, 2, 3, 4]
            };
            assert_eq!(lines, expected, "{text:?}");
        }
    }

    #[test]
    fn line_of_finds_borrowed_text() {
        let doc = b"{\n\"a\":\n\"xyz\"}";
        let text = std::str::from_utf8(&doc[7..10]).unwrap();
        assert_eq!(line_of(doc, text), Some(3));
        let elsewhere = String::from("elsewhere");
        assert_eq!(line_of(doc, &elsewhere), None);
    }
}
