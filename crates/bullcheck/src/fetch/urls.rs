//! URLs in messages and redirects: `api_key=` redaction, hosts, same-host redirects.

/// Replaces the value of every `api_key=` query parameter (in a URL or any text) by `REDACTED`.
pub fn redact(text: &str) -> String {
    const NEEDLE: &str = "api_key=";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(NEEDLE) {
        out.push_str(&rest[..pos + NEEDLE.len()]);
        rest = &rest[pos + NEEDLE.len()..];
        let end = rest
            .find(|c: char| c == '&' || c == '"' || c == '\'' || c.is_whitespace())
            .unwrap_or(rest.len());
        out.push_str("REDACTED");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The host of a URL (`https://fred.stlouisfed.org/graph/...` → `fred.stlouisfed.org`).
pub fn host_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme)
}

/// The most redirects one `get` follows.
pub(super) const MAX_REDIRECTS: u32 = 5;

/// `scheme://host[:port]` of an absolute URL, host lower-cased.
pub(super) fn origin_of(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    Some((scheme.to_ascii_lowercase(), authority.to_ascii_lowercase()))
}

/// The absolute target of a `Location` relative to `from` (absolute or `/path`).
pub(super) fn resolve_location(from: &str, location: &str) -> Option<String> {
    if location.contains("://") {
        return Some(location.to_string());
    }
    let (scheme, authority) = origin_of(from)?;
    location
        .starts_with('/')
        .then(|| format!("{scheme}://{authority}{location}"))
}

/// A redirect stays on the same host and never downgrades: same scheme, or http → https.
pub(super) fn redirect_allowed(from: &str, to: &str) -> bool {
    let (Some((s1, a1)), Some((s2, a2))) = (origin_of(from), origin_of(to)) else {
        return false;
    };
    let host = |a: &str| a.rsplit_once(':').map_or(a, |(h, _)| h).to_string();
    let same_host = a1 == a2 || (s1 == "http" && s2 == "https" && host(&a1) == host(&a2));
    same_host && (s1 == s2 || (s1 == "http" && s2 == "https"))
}
