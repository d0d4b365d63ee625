//! NBER business-cycle peaks and troughs ([`Kind::NberPeaks`]).
//!
//! Format: header `peak,trough`, one row per cycle with ISO month dates (`2007-12-01,
//! 2009-06-01`). A trough cell may be empty for a recession still under way.
//!
//! Ids: `NBER_PEAKS` (value 1 at each peak month) and `NBER_TROUGHS` (value 1 at each trough
//! month). These are event markers, not a continuous indicator; the monthly 0/1 recession
//! indicator is FRED `USREC` (or `NBER_REC` from the NY Fed table).
//!
//! [`Kind::NberPeaks`]: super::Kind::NberPeaks

use super::ParseError;
use super::common::{self, MetaSpec, bad_date, csv_rows, header};
use crate::series::{Observation, ParsedSeries};

const SOURCE: &str = "NBER business cycle dating committee";

/// Parses the peaks/troughs table.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    let names: Vec<String> = head.cells.iter().map(|c| c.to_ascii_lowercase()).collect();
    if names != ["peak", "trough"] {
        return Err(ParseError::new(
            file,
            Some(head.line),
            None,
            "expected the header `peak,trough`",
        ));
    }
    let mut peaks = Vec::new();
    let mut troughs = Vec::new();
    for row in &rows[1..] {
        common::check_row_width(file, &head.cells, row)?;
        for (index, field, out) in [(0, "peak", &mut peaks), (1, "trough", &mut troughs)] {
            let text = row.cells.get(index).map_or("", String::as_str);
            if text.is_empty() {
                continue;
            }
            let date = common::parse_iso_date(text)
                .ok_or_else(|| bad_date(file, Some(row.line), field, text, "YYYY-MM-DD"))?;
            out.push(Observation::new(date, Some(1.0)));
        }
    }
    let spec = |title| MetaSpec {
        source: SOURCE,
        title,
        units: "event marker (1)",
        frequency: "",
        notes: "",
    };
    Ok(vec![
        common::make_series("NBER_PEAKS", &spec("NBER business-cycle peaks"), peaks),
        common::make_series(
            "NBER_TROUGHS",
            &spec("NBER business-cycle troughs"),
            troughs,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn peaks_and_troughs_become_markers() {
        let text = b"peak,trough\n1953-07-01,1954-05-01\n2020-02-01,2020-04-01\n2030-01-01,\n";
        let all = parse("nber.csv", text).unwrap();
        assert_eq!(all[0].observations.len(), 3);
        assert_eq!(all[1].observations.len(), 2);
        assert_eq!(all[1].observations[1].date, date(2020, 4, 1));
        assert_eq!(all[0].observations[0].value, Some(1.0));
    }

    #[test]
    fn bad_date_is_located() {
        let err = parse("nber.csv", b"peak,trough\n1953-07-01,1954-5-1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "nber.csv:2: field `trough`: invalid date \"1954-5-1\" (expected YYYY-MM-DD)"
        );
    }
}
