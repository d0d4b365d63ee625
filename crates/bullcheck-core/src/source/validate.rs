//! One validation pass over what any parser produced, so that a few rules hold for every
//! format without each parser repeating them:
//!
//! - **Series ids** are 1 to [`MAX_ID_CHARS`] characters of `A-Z a-z 0-9 _ - . :` (a 50 MB
//!   header cell or an id with a newline is refused).
//! - **Values are finite** (parsers already refuse `inf`; this holds for every future one).
//! - **Dates are plausible**: years [`YEARS`] (a row dated 9999 is refused).
//! - **One value per date**: a date that appears twice in one series (same vintage) with
//!   different values is refused, naming both lines where the text shows them; the same value
//!   twice is harmless and kept once by the store.
//!
//! Why here: a silently stored wrong value is the worst outcome (the last duplicate used to
//! win); a central pass keeps the parsers simple and the rule uniform.
//! Limits: the lines of a duplicate are found by searching the text for the date's usual
//! renderings (`2020-01-02`, `2020-01`, `202001`, `2020.01`, `2020 Q1`, `2020:Q1`); when that
//! search does not find exactly two lines, the error names the date and values only.

use std::collections::HashMap;

use super::{ParseError, Parsed};
use crate::series::{Date, ParsedSeries};

/// The longest series id accepted.
pub const MAX_ID_CHARS: usize = 128;

/// Whether `id` is a series id bullcheck stores: `Err` says why not.
pub fn check_series_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("a series id is empty".to_string());
    }
    let chars = id.chars().count();
    if chars > MAX_ID_CHARS {
        return Err(format!(
            "series id {:?} has {chars} characters (at most {MAX_ID_CHARS})",
            super::common::excerpt(id)
        ));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
    {
        return Err(format!(
            "series id {:?} holds {bad:?}: ids are letters, digits and _ - . :",
            super::common::excerpt(id)
        ));
    }
    Ok(())
}

/// The earliest and latest years of an observation: the oldest series read (NBER's cycle dates)
/// start in 1854, the furthest scenarios and forecasts end in the 2030s; a row dated 9999 is a
/// placeholder or damage, not data.
pub const YEARS: std::ops::RangeInclusive<i16> = 1700..=2199;

/// Applies the rules above to `parsed`.
pub fn check(file: &str, bytes: &[u8], parsed: &Parsed) -> Result<(), ParseError> {
    for series in &parsed.series {
        check_series_id(&series.meta.id).map_err(|msg| ParseError::new(file, None, None, msg))?;
        check_finite(file, series)?;
        check_years(file, bytes, series)?;
        check_duplicates(file, bytes, series)?;
    }
    Ok(())
}

fn check_finite(file: &str, series: &ParsedSeries) -> Result<(), ParseError> {
    if let Some(o) = series
        .observations
        .iter()
        .find(|o| o.value.is_some_and(|v| !v.is_finite()))
    {
        return Err(ParseError::new(
            file,
            None,
            Some(&series.meta.id),
            format!("{}: the value is not a finite number", o.date),
        ));
    }
    Ok(())
}

fn check_years(file: &str, bytes: &[u8], series: &ParsedSeries) -> Result<(), ParseError> {
    if let Some(o) = series
        .observations
        .iter()
        .find(|o| !YEARS.contains(&o.date.year()))
    {
        let line = lines_with_date(bytes, o.date).first().copied();
        return Err(ParseError::new(
            file,
            line,
            Some(&series.meta.id),
            format!(
                "date {} is outside the years {}-{} any publisher's data covers",
                o.date,
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    Ok(())
}

fn check_duplicates(file: &str, bytes: &[u8], series: &ParsedSeries) -> Result<(), ParseError> {
    let mut seen: HashMap<(Date, Option<Date>), Option<f64>> =
        HashMap::with_capacity(series.observations.len());
    for o in &series.observations {
        match seen.insert((o.date, o.realtime_start), o.value) {
            Some(before) if before != o.value => {
                let shown = |v: Option<f64>| v.map_or("missing".to_string(), |v| v.to_string());
                let lines = lines_with_date(bytes, o.date);
                let (line, place) = match lines.as_slice() {
                    [first, second] => (Some(*second), format!(" (lines {first} and {second})")),
                    _ => (None, String::new()),
                };
                return Err(ParseError::new(
                    file,
                    line,
                    Some(&series.meta.id),
                    format!(
                        "date {} appears twice with different values, {} and {}{place}: \
                         which one is right is not for bullcheck to guess",
                        o.date,
                        shown(before),
                        shown(o.value)
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The 1-based lines of `bytes` holding one of the usual renderings of `date` as a whole
/// token (up to three, enough to tell "exactly two").
fn lines_with_date(bytes: &[u8], date: Date) -> Vec<u64> {
    let text = String::from_utf8_lossy(bytes);
    let (y, m, d) = (date.year(), date.month(), date.day());
    let mut forms = vec![format!("{y:04}-{m:02}-{d:02}")];
    if d == 1 {
        forms.push(format!("{y:04}-{m:02}"));
        forms.push(format!("{y:04}{m:02}"));
        forms.push(format!("{y:04}.{m:02}"));
        if (m - 1) % 3 == 0 {
            let q = (m - 1) / 3 + 1;
            forms.push(format!("{y:04} Q{q}"));
            forms.push(format!("{y:04}:Q{q}"));
        }
    }
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if forms.iter().any(|form| has_token(line, form)) {
            found.push(index as u64 + 1);
            if found.len() == 3 {
                break;
            }
        }
    }
    found
}

/// `needle` in `line`, not glued to a digit, a `-` or a `.` on either side (so `2020-01` is
/// not found inside `2020-01-02`, nor `202001` inside `2020015`).
fn has_token(line: &str, needle: &str) -> bool {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '.');
    line.match_indices(needle).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + needle.len()..].chars().next();
        !glued(before) && !glued(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_bounded_and_plain() {
        assert!(check_series_id("DGS10").is_ok());
        assert!(check_series_id("DFAST_2025_BASELINE_X").is_ok());
        assert!(check_series_id("").is_err());
        assert!(check_series_id("A\nB").is_err());
        assert!(check_series_id(&"A".repeat(129)).is_err());
        let long = check_series_id(&"A".repeat(50_000_000)).unwrap_err();
        assert!(long.len() < 200, "{}", long.len());
    }

    #[test]
    fn tokens_are_whole() {
        assert!(has_token("2020-01,1.5", "2020-01"));
        assert!(!has_token("2020-01-02,1.5", "2020-01"));
        assert!(!has_token("2020015,1", "202001"));
        assert!(has_token("202001,1", "202001"));
    }
}
