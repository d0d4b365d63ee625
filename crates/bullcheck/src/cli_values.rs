//! Value parsers shared by the command line: numbers that must be finite and counts that must
//! stay inside a bound, so that `--change nan` or `--vars 100000` is refused by clap with a
//! clear message (exit 2) instead of reaching a computation.

/// A finite number: `nan`, `inf` and `-inf` (which Rust's `f64` parser accepts) are refused.
pub fn finite_f64(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{:?} is not a number", excerpt(text)))?;
    if !value.is_finite() {
        return Err(format!("{:?} is not a finite number", excerpt(text)));
    }
    Ok(value)
}

/// A finite rate given as a decimal, in [-1, 1] (`0.05` is 5 %).
pub fn rate(text: &str) -> Result<f64, String> {
    let value = finite_f64(text)?;
    if !(-1.0..=1.0).contains(&value) {
        return Err(format!(
            "{value} is outside [-1, 1]: give rates as decimals (0.05 for 5 %)"
        ));
    }
    Ok(value)
}

/// `--rate`/`--dividend` of `portfolio put-price`: percent, a fraction refused as ambiguous
/// (`--rate 0.05` → "write 5"; `0.05%` when 0.05 % is meant).
pub fn percent(text: &str) -> Result<f64, String> {
    bullcheck_core::portfolio::percent::parse_percent("the value", text, false)
}

/// `--vol` of `portfolio put-price`: percent a year, in (0, 500]; `0.25` is refused as
/// ambiguous ("write 25").
pub fn vol_percent(text: &str) -> Result<f64, String> {
    let value = bullcheck_core::portfolio::percent::parse_percent("the volatility", text, true)?;
    if !(value > 0.0 && value <= 500.0) {
        return Err(format!(
            "{value} is outside (0, 500]: give the volatility in percent a year (20 = 20 %)"
        ));
    }
    Ok(value)
}

/// A share in [0, 1].
pub fn share(text: &str) -> Result<f64, String> {
    let value = finite_f64(text)?;
    if !(0.0..=1.0).contains(&value) {
        return Err(format!("{value} is outside [0, 1]"));
    }
    Ok(value)
}

/// At most 40 characters of a user's text, for error messages (a 50 MB value is never echoed).
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 40;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_numbers_are_refused() {
        assert_eq!(finite_f64("1.5"), Ok(1.5));
        for bad in ["nan", "NaN", "inf", "-inf", "infinity", "1e400", "x"] {
            assert!(finite_f64(bad).is_err(), "{bad}");
        }
        assert!(rate("5").is_err());
        assert_eq!(rate("0.05"), Ok(0.05));
        assert!(share("1.5").is_err());
    }

    #[test]
    fn excerpts_are_short() {
        let long = "x".repeat(1_000_000);
        assert!(excerpt(&long).chars().count() <= 41);
        assert_eq!(excerpt("short"), "short");
    }
}
