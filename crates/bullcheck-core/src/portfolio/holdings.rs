//! A holdings file: CSV `asset,weight` or `asset,value`.
//!
//! What: one row per holding; `asset` is an asset class (`us_large_cap`, …, see
//! [`super::assets::AssetKind`]) or `series:ID` for any stored series.
//! Why: the portfolio is the user's input; bad input must be refused with the file, the line
//! and the field, never guessed.
//! How: weights are fractions summing to 1 or percentages summing to 100 (within 0.1%);
//! values are positive amounts, normalised to weights. NaN, infinities, negative numbers,
//! duplicate assets, unknown assets and an empty file are refused; at most
//! [`MAX_HOLDINGS`] rows.
//! Limits: long-only (no negative weights; a short is not an asset class here).

use serde::Serialize;

use super::assets::AssetKind;

/// The largest holdings file read (rows).
pub const MAX_HOLDINGS: usize = 100_000;

/// One holding with its weight (a fraction of the portfolio).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Holding {
    pub asset: String,
    #[serde(skip)]
    pub kind: AssetKind,
    pub weight: f64,
}

/// A bad holdings file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: field `{field}`: {message}")]
pub struct HoldingsError {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

/// Parses a holdings CSV (`file` names it in errors).
pub fn parse_holdings(file: &str, bytes: &[u8]) -> Result<Vec<Holding>, HoldingsError> {
    let err = |line: usize, field: &str, message: String| HoldingsError {
        file: file.to_string(),
        line,
        field: field.to_string(),
        message,
    };
    let text =
        std::str::from_utf8(bytes).map_err(|e| err(1, "-", format!("not UTF-8 text ({e})")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| err(1, "header", e.to_string()))?
        .clone();
    let names: Vec<String> = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    if names.len() != 2 || names[0] != "asset" || !(names[1] == "weight" || names[1] == "value") {
        return Err(err(
            1,
            "header",
            format!(
                "expected `asset,weight` or `asset,value`, got `{}`",
                headers.iter().collect::<Vec<_>>().join(",")
            ),
        ));
    }
    let by_value = names[1] == "value";
    let mut holdings: Vec<Holding> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        if holdings.len() >= MAX_HOLDINGS {
            return Err(err(line, "-", format!("more than {MAX_HOLDINGS} holdings")));
        }
        let record = record.map_err(|e| err(line, "-", e.to_string()))?;
        let asset = record.get(0).unwrap_or("").to_string();
        let kind = AssetKind::parse(&asset).map_err(|m| err(line, "asset", m))?;
        if holdings.iter().any(|h| h.kind == kind) {
            return Err(err(line, "asset", format!("`{asset}` is listed twice")));
        }
        let field = &names[1];
        let raw = record.get(1).unwrap_or("");
        let number: f64 = raw
            .parse()
            .map_err(|_| err(line, field, format!("`{raw}` is not a number")))?;
        if !number.is_finite() {
            return Err(err(line, field, format!("`{raw}` is not a finite number")));
        }
        if number < 0.0 {
            return Err(err(
                line,
                field,
                format!("{number} is negative (holdings are long-only)"),
            ));
        }
        holdings.push(Holding {
            asset,
            kind,
            weight: number,
        });
    }
    if holdings.is_empty() {
        return Err(err(1, "-", "no holdings".to_string()));
    }
    let total: f64 = holdings.iter().map(|h| h.weight).sum();
    let last_line = holdings.len() + 1;
    if by_value {
        if total <= 0.0 || !total.is_finite() {
            return Err(err(
                last_line,
                "value",
                format!("values sum to {total}; they must sum to a positive amount"),
            ));
        }
    } else if (total - 1.0).abs() > 1e-3 && (total - 100.0).abs() > 0.1 {
        return Err(err(
            last_line,
            "weight",
            format!(
                "weights sum to {total}; they must sum to 1 (fractions) or 100 (percent), \
                 or use an `asset,value` file"
            ),
        ));
    }
    for h in &mut holdings {
        h.weight /= total;
    }
    Ok(holdings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_in_percent_or_fractions_and_values() {
        let h = parse_holdings(
            "h.csv",
            b"asset,weight\nus_large_cap,60\ntreasuries_10y,40\n",
        )
        .unwrap();
        assert_eq!((h[0].weight, h[1].weight), (0.6, 0.4));
        let h = parse_holdings("h.csv", b"asset,weight\nus_large_cap,0.6\ngold,0.4\n").unwrap();
        assert!((h[0].weight - 0.6).abs() < 1e-12);
        let h = parse_holdings(
            "h.csv",
            b"asset,value\nus_large_cap,30000\nseries:DCOILWTICO,10000\n",
        )
        .unwrap();
        assert_eq!((h[0].weight, h[1].weight), (0.75, 0.25));
    }

    #[test]
    fn bad_input_names_file_line_and_field() {
        let cases: [(&[u8], usize, &str); 8] = [
            (b"asset,weight\nus_large_cap,NaN\n", 2, "weight"),
            (b"asset,weight\nus_large_cap,inf\n", 2, "weight"),
            (b"asset,weight\nus_large_cap,60\nbitcoin,40\n", 3, "asset"),
            (
                b"asset,weight\nus_large_cap,60\nus_large_cap,40\n",
                3,
                "asset",
            ),
            (b"asset,weight\nus_large_cap,-10\ngold,110\n", 2, "weight"),
            (b"asset,weight\nus_large_cap,60\ngold,30\n", 3, "weight"),
            (b"ticker,weight\nus_large_cap,1\n", 1, "header"),
            (b"asset,weight\nus_large_cap,abc\n", 2, "weight"),
        ];
        for (bytes, line, field) in cases {
            let e = parse_holdings("h.csv", bytes).unwrap_err();
            assert_eq!((e.line, e.field.as_str()), (line, field), "{e}");
            assert!(
                e.to_string()
                    .starts_with(&format!("h.csv:{line}: field `{field}`"))
            );
        }
        assert!(parse_holdings("h.csv", b"asset,weight\n").is_err());
        assert!(parse_holdings("h.csv", b"asset,weight\nus_large_cap,1,2\n").is_err());
        assert!(parse_holdings("h.csv", b"asset,weight\nseries:,1\n").is_err());
    }
}
