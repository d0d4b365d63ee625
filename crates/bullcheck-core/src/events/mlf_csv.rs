//! A monthly MLF-operations CSV (seed 003's rule needs one; the shared data have none).
//!
//! Format (documented in docs/network.md; one header line, then one row per month):
//!
//! ```text
//! month,net_injection_bn_cny
//! 2024-01,200
//! 2024-02,-15.5
//! ```
//!
//! `month` is `YYYY-MM` (or a full `YYYY-MM-DD`, whose month is taken); the value is the net
//! injection (MLF issued − matured) in billions of yuan, negative for a net withdrawal. A
//! third column (e.g. `source`) is allowed and ignored. Blank lines are skipped; an empty
//! value is missing.
//!
//! Traps: PBoC announcements quote yuan in 亿元 (100 million): divide by 10 for billions.
//! Errors name the line and field; NaN and infinities are refused; at most 10,000 rows.

use crate::series::Date;

/// Rows accepted.
pub const MAX_ROWS: usize = 10_000;

/// Parses the CSV into (first of month, net injection in ¥ bn), sorted, one row per month.
pub fn parse(file: &str, text: &str) -> Result<Vec<(Date, f64)>, String> {
    let mut lines = text.lines().enumerate();
    let header = loop {
        match lines.next() {
            Some((_, l)) if l.trim().is_empty() => continue,
            Some((_, l)) => break l.trim_start_matches('\u{feff}'),
            None => return Err(format!("{file}: empty file")),
        }
    };
    let cols: Vec<String> = header
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    if cols.len() < 2 || cols[0] != "month" {
        return Err(format!(
            "{file}:1: header: expected `month,net_injection_bn_cny`, found `{header}`"
        ));
    }
    let mut out: Vec<(Date, f64)> = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if out.len() >= MAX_ROWS {
            return Err(format!("{file}: more than {MAX_ROWS} rows"));
        }
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let m = cells[0];
        let date = m
            .get(..7)
            .and_then(|ym| {
                let (y, mo) = ym.split_once('-')?;
                (y.len() == 4 && mo.len() == 2)
                    .then(|| Date::new(y.parse().ok()?, mo.parse().ok()?, 1).ok())
                    .flatten()
            })
            .filter(|_| m.len() == 7 || crate::series::parse_date(m).is_some())
            .ok_or_else(|| format!("{file}:{n}: month: {m:?} is not YYYY-MM"))?;
        let Some(v) = cells.get(1) else {
            return Err(format!("{file}:{n}: net_injection_bn_cny: missing"));
        };
        if v.is_empty() {
            continue;
        }
        let value: f64 = v
            .parse()
            .ok()
            .filter(|x: &f64| x.is_finite())
            .ok_or_else(|| {
                format!("{file}:{n}: net_injection_bn_cny: {v:?} is not a finite number")
            })?;
        if out.iter().any(|(d, _)| *d == date) {
            return Err(format!("{file}:{n}: month: {m} appears twice"));
        }
        out.push((date, value));
    }
    out.sort_by_key(|p| p.0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_format() {
        let text = "month,net_injection_bn_cny,source\n2024-02,-15.5,pbc.gov.cn\n\n2024-01,200,x\n2024-03,,\n";
        let rows = parse("mlf.csv", text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], (Date::new(2024, 1, 1).unwrap(), 200.0));
        assert_eq!(rows[1].1, -15.5);
    }

    #[test]
    fn bad_rows_name_line_and_field() {
        let e = parse("mlf.csv", "month,net\n2024-01,1\n2024-13,2\n").unwrap_err();
        assert_eq!(e, "mlf.csv:3: month: \"2024-13\" is not YYYY-MM");
        let e = parse("mlf.csv", "month,net\n2024-01,NaN\n").unwrap_err();
        assert!(e.starts_with("mlf.csv:2: net_injection_bn_cny"), "{e}");
        let e = parse("mlf.csv", "date,net\n").unwrap_err();
        assert!(e.starts_with("mlf.csv:1: header"), "{e}");
        let e = parse("mlf.csv", "month,net\n2024-01,1\n2024-01-15,2\n").unwrap_err();
        assert!(e.contains("twice"), "{e}");
    }
}
