//! Strict query strings for the dashboard: each route takes its parameters as a serde struct
//! that `deny_unknown_fields`, read by axum's [`Query`] extractor through [`Params`]. An
//! unknown parameter, a repeated one, a malformed percent escape, bytes that are not UTF-8 or
//! a value that does not parse is a 400 with a JSON error naming it (never a silent default).
//!
//! `Query` decodes `+` as a space and `%XX` escapes; it passes malformed escapes through and
//! replaces invalid UTF-8, so [`check_encoding`] refuses those first.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri};
use bullcheck_core::report::Lang;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use super::ApiError;

/// A client error: the message goes back as `{"error": ...}` with status 400.
#[derive(Debug, Clone, PartialEq)]
pub struct BadQuery(pub String);

impl From<BadQuery> for ApiError {
    fn from(err: BadQuery) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, err.0)
    }
}

/// The extractor: `Params(q): Params<LangParam>` in a handler's arguments. A refused query
/// answers 400 with a JSON error before the handler runs.
#[derive(Debug, Clone)]
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Params(from_uri(&parts.uri)?))
    }
}

/// The parameters of `uri`'s query string (none when it has no query).
pub fn from_uri<T: DeserializeOwned>(uri: &Uri) -> Result<T, BadQuery> {
    check_encoding(uri.query().unwrap_or(""))?;
    match Query::<T>::try_from_uri(uri) {
        Ok(Query(params)) => Ok(params),
        Err(rejection) => Err(explain(&rejection.body_text())),
    }
}

/// `text` as `key=value&...` pairs (a query string, or a form body
/// `application/x-www-form-urlencoded`), read as `T` exactly as a query is.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, BadQuery> {
    let uri: Uri = format!("/?{text}")
        .parse()
        .map_err(|_| BadQuery("not URL-encoded `key=value` pairs".to_string()))?;
    from_uri(&uri)
}

/// Serde's wording (`unknown field`, `duplicate field`) in the dashboard's terms; axum's
/// prefix and the parameter path it puts first (`foo: unknown field ...`) are dropped.
fn explain(text: &str) -> BadQuery {
    let message = text
        .strip_prefix("Failed to deserialize query string: ")
        .unwrap_or(text);
    let message = match message.split_once(": ") {
        Some((path, rest)) if !path.is_empty() && !path.contains([' ', '`']) => rest,
        _ => message,
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, accepted) = rest.split_once(", ").unwrap_or((rest, ""));
        let accepted = match accepted {
            "there are no fields" => "none accepted here".to_string(),
            other => other.to_string(),
        };
        return BadQuery(format!(
            "unknown query parameter {} ({accepted})",
            crate::cli_values::excerpt(key)
        ));
    }
    if let Some(key) = message.strip_prefix("duplicate field ") {
        return BadQuery(format!(
            "query parameter {} given twice",
            crate::cli_values::excerpt(key)
        ));
    }
    // Serde's other messages may quote a value: never echo more than a few hundred bytes.
    let mut short: String = message.chars().take(300).collect();
    if short.len() < message.len() {
        short.push('…');
    }
    BadQuery(short)
}

/// Refuses malformed percent escapes and escapes that decode to invalid UTF-8.
pub fn check_encoding(raw: &str) -> Result<(), BadQuery> {
    for part in raw.split(['&', '=']) {
        let bytes = part.as_bytes();
        let mut decoded = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        BadQuery(format!(
                            "malformed percent escape in `{}`",
                            crate::cli_values::excerpt(part)
                        ))
                    })?;
                decoded.push(hex);
                i += 3;
            } else {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
        if std::str::from_utf8(&decoded).is_err() {
            return Err(BadQuery(format!(
                "`{}` is not UTF-8",
                crate::cli_values::excerpt(part)
            )));
        }
    }
    Ok(())
}

/// `lang=en|zh`.
fn lang_param<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Lang>, D::Error> {
    let text = String::deserialize(deserializer)?;
    match text.as_str() {
        "en" => Ok(Some(Lang::En)),
        "zh" => Ok(Some(Lang::Zh)),
        other => Err(serde::de::Error::custom(format!(
            "`lang` must be `en` or `zh`, got `{}`",
            crate::cli_values::excerpt(other)
        ))),
    }
}

/// No parameter at all.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

/// `lang` only (most pages).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangParam {
    #[serde(default, deserialize_with = "lang_param")]
    pub lang: Option<Lang>,
}

/// `from` and `to` (a series' range) and `max_points` (downsampling), as given: the handler
/// parses them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeParams {
    pub from: Option<String>,
    pub to: Option<String>,
    pub max_points: Option<String>,
}

/// The scenario sliders (names of `report::html::scenario::SLIDERS`, held to it by a test)
/// and `lang`. Values as given: the handler parses and range-checks them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SliderParams {
    #[serde(default, deserialize_with = "lang_param")]
    pub lang: Option<Lang>,
    pub ust10y: Option<String>,
    pub erp: Option<String>,
    pub ai_capex: Option<String>,
    pub gpu_life: Option<String>,
    pub refinancing_rate: Option<String>,
    pub unemployment: Option<String>,
    /// `1` holds the VIX / the high-yield spread at its current level.
    pub hold_vix: Option<String>,
    pub hold_hy_oas: Option<String>,
}

impl SliderParams {
    /// `(name, value)` of each hold toggle given.
    pub fn holds(&self) -> Vec<(&'static str, &str)> {
        [("vix", &self.hold_vix), ("hy_oas", &self.hold_hy_oas)]
            .into_iter()
            .filter_map(|(name, value)| Some((name, value.as_deref()?)))
            .collect()
    }

    /// `(name, value)` of each slider given.
    pub fn given(&self) -> Vec<(&'static str, &str)> {
        [
            ("ust10y", &self.ust10y),
            ("erp", &self.erp),
            ("ai_capex", &self.ai_capex),
            ("gpu_life", &self.gpu_life),
            ("refinancing_rate", &self.refinancing_rate),
            ("unemployment", &self.unemployment),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value.as_deref()?)))
        .collect()
    }
}

/// The portfolio form: `holdings=<CSV>`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldingsForm {
    #[serde(default)]
    pub holdings: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse<T: DeserializeOwned>(query: &str) -> Result<T, BadQuery> {
        from_uri(&format!("/x?{query}").parse::<Uri>().unwrap())
    }

    #[test]
    fn decodes_and_refuses_unknown_repeated_or_malformed_keys() {
        let q: SliderParams = parse("lang=zh&ust10y=1.5&erp=a%20b+c").unwrap();
        assert_eq!(q.lang, Some(Lang::Zh));
        assert_eq!(q.given(), [("ust10y", "1.5"), ("erp", "a b c")]);
        let q: LangParam = parse("").unwrap();
        assert_eq!(q.lang, None);
        let err = |r: Result<LangParam, BadQuery>| r.unwrap_err().0;
        assert_eq!(
            err(parse("nope=1")),
            "unknown query parameter `nope` (expected `lang`)"
        );
        assert_eq!(
            err(parse("lang=en&lang=zh")),
            "query parameter `lang` given twice"
        );
        assert!(err(parse("lang=%zz")).contains("malformed percent escape in `%zz`"));
        assert!(err(parse("lang=%ff")).contains("`%ff` is not UTF-8"));
        assert!(err(parse("lang=fr")).contains("`lang` must be `en` or `zh`, got `fr`"));
        assert_eq!(
            parse::<NoParams>("v=1").unwrap_err().0,
            "unknown query parameter `v` (none accepted here)"
        );
        let form: HoldingsForm = from_text("holdings=asset%2Cweight%0Agold%2C1").unwrap();
        assert_eq!(form.holdings, "asset,weight\ngold,1");
        assert!(from_text::<HoldingsForm>("x=1").is_err());
    }

    #[test]
    fn slider_params_name_every_slider_and_nothing_else() {
        use bullcheck_core::report::html::scenario::SLIDERS;
        let all: String = SLIDERS.iter().map(|s| format!("{}=1&", s.name)).collect();
        let q: SliderParams = parse(all.trim_end_matches('&')).unwrap();
        let named: Vec<&str> = q.given().into_iter().map(|(name, _)| name).collect();
        let expected: Vec<&str> = SLIDERS.iter().map(|s| s.name).collect();
        assert_eq!(named, expected);
        // The hold toggles name every holdable variable.
        use bullcheck_core::report::html::scenario::HOLDABLE;
        let all: String = HOLDABLE
            .iter()
            .map(|h| format!("hold_{}=1&", h.0))
            .collect();
        let q: SliderParams = parse(all.trim_end_matches('&')).unwrap();
        let named: Vec<&str> = q.holds().into_iter().map(|(name, _)| name).collect();
        assert_eq!(named, HOLDABLE.map(|h| h.0));
    }
}
