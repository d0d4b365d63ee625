//! The Federal Reserve Board's Gilchrist–Zakrajšek credit spread and excess bond premium
//! ([`Kind::GzEbp`]), file `ebp_csv.csv` (Favara, Gilchrist, Lewis and Zakrajšek, "Updating
//! the recession risk and the excess bond premium", FEDS Notes 2016).
//!
//! Format: header `date,gz_spread,ebp,est_prob`, one row per month. The Fed's own file writes
//! dates as `M/D/YYYY` (`1/1/1973`); copies re-saved by others use ISO `1973-01-01` or, from a
//! day-first spreadsheet, `D/M/YYYY`: the reading that puts every month on the 1st is taken
//! (`SlashOrder::resolve_monthly`), never all rows in January. Values are plain decimals; a missing marker gives a missing value.
//!
//! Ids: `GZ_SPREAD` (the GZ corporate bond credit spread, percentage points), `GZ_EBP` (the
//! excess bond premium: the part of the GZ spread not explained by expected default risk,
//! percentage points) and `GZ_EST_PROB` (the Fed's probability of a recession in the next
//! twelve months from its EBP probit, **stored as the file gives it: a fraction 0–1**, not a
//! percent). Limits: `est_prob` comes from a model the Fed estimated over its whole sample,
//! so its past values are in-sample, not real-time forecasts.
//!
//! [`Kind::GzEbp`]: super::Kind::GzEbp

use super::ParseError;
use super::common::{self, MetaSpec, bad_date, csv_rows, header, value_cell};
use super::dates::SlashOrder;
use crate::series::{Date, Observation, ParsedSeries};

const SOURCE: &str = "Federal Reserve Board (Gilchrist-Zakrajsek)";

/// The header, lower-cased, that identifies the file.
pub const HEADER: [&str; 4] = ["date", "gz_spread", "ebp", "est_prob"];

/// Whether a CSV header line is this file's.
pub fn is_header(first_line: &str) -> bool {
    let cells: Vec<String> = first_line
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    cells == HEADER
}

/// `1973-01-01`, or a slash date in the order the file proves (`order`).
fn parse_date(text: &str, order: Option<SlashOrder>) -> Option<Date> {
    common::parse_iso_date(text).or_else(|| order?.date(text))
}

/// Parses the file into its three series.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    let names: Vec<String> = head.cells.iter().map(|c| c.to_ascii_lowercase()).collect();
    if names != HEADER {
        return Err(ParseError::new(
            file,
            Some(head.line),
            None,
            "expected the header `date,gz_spread,ebp,est_prob`",
        ));
    }
    // The Fed writes `M/D/YYYY`; a copy re-saved by a day-first spreadsheet writes
    // `D/M/YYYY`. Monthly data on the 1st tells which (`SlashOrder::resolve`).
    let date_cells = rows[1..]
        .iter()
        .filter_map(|r| r.cells.first().map(String::as_str));
    let order = if rows[1..]
        .iter()
        .any(|r| r.cells.first().is_some_and(|c| c.contains('/')))
    {
        Some(SlashOrder::resolve_monthly(date_cells).map_err(|why| {
            ParseError::new(
                file,
                None,
                Some("date"),
                format!("{why}: re-save the file with ISO dates (YYYY-MM-DD)"),
            )
        })?)
    } else {
        None
    };
    let mut columns: [Vec<Observation>; 3] = Default::default();
    for row in &rows[1..] {
        common::check_row_width(file, &head.cells, row)?;
        let date_text = common::cell(file, row, 0, "date")?;
        let date = parse_date(date_text, order).ok_or_else(|| {
            bad_date(
                file,
                Some(row.line),
                "date",
                date_text,
                match order {
                    Some(SlashOrder::DayFirst) => "D/M/YYYY (the file's order)",
                    _ => "YYYY-MM-DD or M/D/YYYY",
                },
            )
        })?;
        for (i, column) in columns.iter_mut().enumerate() {
            let value = value_cell(file, row, i + 1, HEADER[i + 1])?;
            column.push(Observation::new(date, value));
        }
    }
    let [spread, ebp, prob] = columns;
    let spec = |title, units, notes| MetaSpec {
        source: SOURCE,
        title,
        units,
        frequency: "M",
        notes,
    };
    Ok(vec![
        common::make_series(
            "GZ_SPREAD",
            &spec(
                "Gilchrist-Zakrajsek corporate bond credit spread",
                "percentage points",
                "",
            ),
            spread,
        ),
        common::make_series(
            "GZ_EBP",
            &spec(
                "Excess bond premium (Gilchrist-Zakrajsek)",
                "percentage points",
                "the GZ spread less its part predicted by expected default risk",
            ),
            ebp,
        ),
        common::make_series(
            "GZ_EST_PROB",
            &spec(
                "Probability of a recession in the next 12 months (Fed EBP model)",
                "fraction (0-1)",
                "estimated by the Fed over its full sample: in-sample, not real time",
            ),
            prob,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The first two rows of the carrier's copy (ISO dates), as in `ebp_csv.csv`.
    const ISO: &[u8] = b"date,gz_spread,ebp,est_prob\n\
1973-01-01,1.1018267879026922,0.01207823834612131,0.2288595808163296\n\
1973-02-01,1.0454231431408945,-0.00494147542785827,0.2228455415296949\n";

    /// The same rows as the Fed writes them (`M/D/YYYY`, CRLF).
    const FED: &[u8] = b"date,gz_spread,ebp,est_prob\r\n\
1/1/1973,1.1018267879026922,0.01207823834612131,0.2288595808163296\r\n\
2/1/1973,1.0454231431408945,-0.00494147542785827,0.2228455415296949\r\n";

    #[test]
    fn both_date_styles_give_the_same_series() {
        let a = parse("ebp_csv.csv", ISO).unwrap();
        let b = parse("ebp_csv.csv", FED).unwrap();
        assert_eq!(a, b);
        let ids: Vec<&str> = a.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(ids, ["GZ_SPREAD", "GZ_EBP", "GZ_EST_PROB"]);
        assert_eq!(a[1].observations[1].date, date(1973, 2, 1));
        assert_eq!(a[1].observations[1].value, Some(-0.00494147542785827));
        // est_prob is stored as given: a fraction.
        assert_eq!(a[2].observations[0].value, Some(0.2288595808163296));
        assert_eq!(a[2].meta.units, "fraction (0-1)");
    }

    #[test]
    fn day_first_copy_is_not_stored_in_january() {
        // The Fed's file re-saved by a day-first spreadsheet: 1 September 1997 is `1/9/1997`.
        let eu = b"date,gz_spread,ebp,est_prob\n1/8/1997,0.9,-0.1,0.1\n1/9/1997,1.0,-0.2,0.2\n";
        let s = parse("ebp_csv.csv", eu).unwrap();
        assert_eq!(s[0].observations[0].date, date(1997, 8, 1));
        assert_eq!(s[0].observations[1].date, date(1997, 9, 1));
        let us = b"date,gz_spread,ebp,est_prob\n8/1/1997,0.9,-0.1,0.1\n9/1/1997,1.0,-0.2,0.2\n";
        assert_eq!(parse("ebp_csv.csv", us).unwrap(), s);
        // Neither reading monthly on the 1st: refused, not guessed.
        let odd = b"date,gz_spread,ebp,est_prob\n2/3/1997,0.9,-0.1,0.1\n";
        assert!(
            parse("ebp_csv.csv", odd)
                .unwrap_err()
                .to_string()
                .contains("ISO dates")
        );
    }

    #[test]
    fn bad_cells_are_located() {
        let err = parse(
            "ebp_csv.csv",
            b"date,gz_spread,ebp,est_prob\n13/1/1973,1,2,0.1\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "ebp_csv.csv:2: field `date`: invalid date \"13/1/1973\" (expected YYYY-MM-DD or M/D/YYYY)"
        );
        let err = parse(
            "ebp_csv.csv",
            b"date,gz_spread,ebp,est_prob\n1/1/1973,1,inf,0.1\n",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.field.as_deref(), Some("ebp"));
        let err = parse("ebp_csv.csv", b"date,gz_spread,ebp\n1/1/1973,1,2\n").unwrap_err();
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn detect_reads_the_header_not_the_name() {
        assert_eq!(
            super::super::detect("x/any_name.csv", FED),
            Ok(super::super::Kind::GzEbp)
        );
        assert_eq!(
            super::super::detect("ebp_csv.csv", ISO),
            Ok(super::super::Kind::GzEbp)
        );
    }

    #[test]
    fn header_is_recognised_in_any_case() {
        assert!(is_header("DATE,GZ_SPREAD,EBP,EST_PROB"));
        assert!(!is_header("date,gz_spread,ebp"));
    }
}
