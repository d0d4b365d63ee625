//! Numbers given in percent on the command line and in patch specs (`--vol 20`,
//! `put-otm:notional=100`, `gold:weight=10`).
//!
//! What: [`parse_percent`] reads a percent and refuses a value that looks like a fraction.
//! Why: `portfolio put-price --vol 0.25` was read as 0.25 % a year and priced the put at
//! 0.0000 without a word; `gold:weight=0.1` moved 0.1 % of the book.
//! How: a non-zero value below 1 in magnitude (or at most 1, for volatility, where 1 % is never
//! meant) is ambiguous: it is refused with the two ways to write it (`25` for 25 %, or
//! `0.25%` when 0.25 % is really meant). A trailing `%` always means percent.
//! Limits: a value of 1 or more is taken as percent as written (`--rate 5` is 5 %).

/// Parses `text` as a percent. `what` names the parameter in messages; values with
/// `0 < |x| < 1` (`0 < |x| <= 1` when `one_is_ambiguous`) without a `%` sign are refused.
pub fn parse_percent(what: &str, text: &str, one_is_ambiguous: bool) -> Result<f64, String> {
    let trimmed = text.trim();
    let (number, explicit) = match trimmed.strip_suffix('%') {
        Some(n) => (n.trim_end(), true),
        None => (trimmed, false),
    };
    let x: f64 = number
        .parse()
        .map_err(|_| format!("{what}: `{trimmed}` is not a number"))?;
    if !x.is_finite() {
        return Err(format!("{what}: `{trimmed}` is not a finite number"));
    }
    let ambiguous = x != 0.0 && (x.abs() < 1.0 || (one_is_ambiguous && x.abs() == 1.0));
    if ambiguous && !explicit {
        let scaled = x * 100.0;
        return Err(format!(
            "{what} {number} is ambiguous: this value is in percent, so {number} would mean \
             {number} %; write {scaled} for {scaled} % (or {number}% if you really mean {number} %)"
        ));
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_are_refused_with_the_percent_to_write() {
        let err = parse_percent("--vol", "0.25", true).unwrap_err();
        assert!(err.contains("write 25 for 25 %"), "{err}");
        assert!(err.contains("0.25%"), "{err}");
        assert!(parse_percent("--vol", "1", true).is_err());
        assert!(parse_percent("--rate", "-0.5", false).is_err());
        assert_eq!(parse_percent("--vol", "25", true), Ok(25.0));
        assert_eq!(parse_percent("--rate", "1", false), Ok(1.0));
        assert_eq!(parse_percent("--rate", "0", false), Ok(0.0));
        assert_eq!(parse_percent("--rate", "0.05%", false), Ok(0.05));
        assert_eq!(parse_percent("--vol", "0.25 %", true), Ok(0.25));
        assert!(parse_percent("--vol", "nan", true).is_err());
        assert!(parse_percent("--vol", "x%", true).is_err());
    }
}
