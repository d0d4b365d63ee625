//! Strict query-string parsing for the dashboard: every route names the parameters it
//! accepts; an unknown parameter, a repeated one or a value that does not parse is a 400 with
//! a JSON error (never a silent default).

use bullcheck_core::report::Lang;

/// A client error: the message goes back as `{"error": ...}` with status 400.
#[derive(Debug, Clone, PartialEq)]
pub struct BadQuery(pub String);

/// Decoded `key=value` pairs, refusing keys outside `allowed` and repeated keys.
pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Vec<(String, String)>, BadQuery> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let Some(raw) = raw else {
        return Ok(pairs);
    };
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let key = decode(key)?;
        let value = decode(value)?;
        if !allowed.contains(&key.as_str()) {
            return Err(BadQuery(format!(
                "unknown query parameter `{key}` (accepted here: {})",
                if allowed.is_empty() {
                    "none".to_string()
                } else {
                    allowed.join(", ")
                }
            )));
        }
        if pairs.iter().any(|(k, _)| *k == key) {
            return Err(BadQuery(format!("query parameter `{key}` given twice")));
        }
        pairs.push((key, value));
    }
    Ok(pairs)
}

/// `lang=en|zh`, or `default` when absent.
pub fn lang(pairs: &[(String, String)], default: Lang) -> Result<Lang, BadQuery> {
    match pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.as_str())
    {
        None => Ok(default),
        Some("en") => Ok(Lang::En),
        Some("zh") => Ok(Lang::Zh),
        Some(other) => Err(BadQuery(format!(
            "`lang` must be `en` or `zh`, got `{other}`"
        ))),
    }
}

/// Percent-decoding with `+` as a space; malformed escapes and invalid UTF-8 are refused.
pub fn decode(text: &str) -> Result<String, BadQuery> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        BadQuery(format!(
                            "malformed percent escape in `{}`",
                            crate::cli_values::excerpt(text)
                        ))
                    })?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| {
        BadQuery(format!(
            "`{}` is not UTF-8",
            crate::cli_values::excerpt(text)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decodes_and_refuses_unknown_or_repeated_keys() {
        let pairs = parse(
            Some("lang=zh&ust10y=1.5&x=a%20b+c"),
            &["lang", "ust10y", "x"],
        )
        .unwrap();
        assert_eq!(pairs[2], ("x".to_string(), "a b c".to_string()));
        assert!(parse(Some("nope=1"), &["lang"]).is_err());
        assert!(parse(Some("lang=en&lang=zh"), &["lang"]).is_err());
        assert!(parse(Some("lang=%zz"), &["lang"]).is_err());
        assert!(parse(Some("lang=%ff"), &["lang"]).is_err());
        assert_eq!(lang(&pairs, Lang::En), Ok(Lang::Zh));
        assert!(lang(&[("lang".into(), "fr".into())], Lang::En).is_err());
    }
}
