//! The AI financing network as data: a TOML registry of companies (`[[node]]`) and of who is
//! exposed to whom (`[[exposure]]`), every figure with its source, URL and as-of date.
//!
//! What: nodes carry `id`, `equity` (USD bn, the loss-absorbing buffer DebtRank divides by),
//! and optionally `name`, `equity_basis` (`book` | `market` | `valuation`), `revenue` (USD
//! bn a year) and the citation of each figure. Exposures carry `creditor` (who loses if the
//! debtor fails: the investor, the supplier holding a backlog, the lender), `debtor`,
//! `amount` (USD bn), `kind` (`investment`, `purchase_commitment`, `cloud_contract`,
//! `warrant`, `loan`, `stake`), `status` (`funded`, `committed`, `contingent`, `announced`),
//! dates and source.
//!
//! Why: the seeds argue from a structure ("Nvidia invests in OpenAI, which buys Nvidia
//! chips"); the structure has to be written down, with sources, before anything is computed
//! on it. A user's own file in the same format works everywhere the built-in one does.
//!
//! How: `equity` and `amount` may be left out: a figure no citation establishes is unknown,
//! never filled in. Every stated figure must carry `source`, `url` and `as_of` (equity and
//! revenue their own `*_source`, `*_url`, `*_as_of`).
//!
//! Limits: at most [`MAX_NODES`] nodes and [`MAX_EXPOSURES`] exposures; amounts in one unit
//! (USD bn) by convention, which the parser cannot check.

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::series::Date;

/// The bundled registry (`network/ai.toml`).
pub const BUILTIN: &str = include_str!("../../network/ai.toml");
/// Its name in error messages.
pub const BUILTIN_NAME: &str = "network/ai.toml (built in)";
/// [`BUILTIN_NAME`] in Chinese.
pub const BUILTIN_NAME_ZH: &str = "network/ai.toml（内置）";

/// Bounds on what a registry may hold.
pub const MAX_NODES: usize = 2_000;
pub const MAX_EXPOSURES: usize = 20_000;

/// Exposure kinds a registry may use.
pub const KINDS: [&str; 6] = [
    "investment",
    "purchase_commitment",
    "cloud_contract",
    "warrant",
    "loan",
    "stake",
];
/// Kinds that are money the creditor put into the debtor (funding), as opposed to sales.
pub const FUNDING_KINDS: [&str; 3] = ["investment", "loan", "stake"];
/// Kinds that are the creditor's revenue or backlog from the debtor (a customer).
pub const SALES_KINDS: [&str; 2] = ["purchase_commitment", "cloud_contract"];
/// Statuses a registry may use.
pub const STATUSES: [&str; 4] = ["funded", "committed", "contingent", "announced"];

/// A cited figure: value, as-of date, source and URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    pub value: f64,
    /// `YYYY-MM-DD` or `YYYY-MM`, as the source gives it.
    pub as_of: String,
    pub source: String,
    pub url: String,
}

/// A company in the network.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub name: String,
    /// USD bn; `None` when no citation establishes it.
    pub equity: Option<Cited>,
    pub equity_basis: Option<String>,
    /// USD bn a year.
    pub revenue: Option<Cited>,
    pub note: Option<String>,
}

/// `creditor` loses up to `amount` if `debtor` fails.
#[derive(Debug, Clone, PartialEq)]
pub struct Exposure {
    pub creditor: String,
    pub debtor: String,
    /// USD bn; `None` when no citation establishes it.
    pub amount: Option<f64>,
    pub kind: String,
    pub status: Option<String>,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub announced: Option<String>,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub as_of: Option<String>,
    pub source: String,
    pub url: String,
    pub note: Option<String>,
}

/// A parsed, validated registry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub exposures: Vec<Exposure>,
}

impl Network {
    /// The index of node `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }
}

/// A registry error: file, line (1-based; 0 when unknown), field and message.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistryError {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RegistryError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    node: Vec<RawNode>,
    #[serde(default)]
    exposure: Vec<RawExposure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    id: Spanned<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    equity: Option<Spanned<f64>>,
    #[serde(default)]
    equity_basis: Option<Spanned<String>>,
    #[serde(default)]
    equity_as_of: Option<Spanned<String>>,
    #[serde(default)]
    equity_source: Option<String>,
    #[serde(default)]
    equity_url: Option<String>,
    #[serde(default)]
    revenue: Option<Spanned<f64>>,
    #[serde(default)]
    revenue_as_of: Option<Spanned<String>>,
    #[serde(default)]
    revenue_source: Option<String>,
    #[serde(default)]
    revenue_url: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExposure {
    creditor: Spanned<String>,
    debtor: Spanned<String>,
    #[serde(default)]
    amount: Option<Spanned<f64>>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    status: Option<Spanned<String>>,
    #[serde(default)]
    announced: Option<Spanned<String>>,
    #[serde(default)]
    as_of: Option<Spanned<String>>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    url: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<String>,
}

fn line_of(text: &str, byte_offset: usize) -> usize {
    text[..byte_offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// `YYYY-MM-DD`, or `YYYY-MM` (a source that gives only the month: its first day).
fn parse_day_or_month(text: &str) -> Option<Date> {
    let text = text.trim();
    crate::series::parse_date(text).or_else(|| {
        let (y, m) = text.split_once('-')?;
        (y.len() == 4 && m.len() == 2)
            .then(|| Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok())
            .flatten()
    })
}

/// What a user file's uncited figures are labelled with (their `source`).
pub const USER_SUPPLIED: &str = "user-supplied";

/// Parses and validates a registry in which every figure is cited (the built-in one): `kind`,
/// `source` and a full `url` on every exposure, `*_source`, `*_url`, `*_as_of` on every
/// stated equity or revenue. `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Network, RegistryError> {
    parse_with(file, text, true)
}

/// Parses a user's registry: the minimal form `[[node]] id, equity` and `[[exposure]]
/// creditor, debtor, amount` is enough. A figure without its citation is kept and labelled
/// [`USER_SUPPLIED`]; an exposure without `kind` is a `loan`, without `status` `funded`.
pub fn parse_user(file: &str, text: &str) -> Result<Network, RegistryError> {
    parse_with(file, text, false)
}

/// Whether `url` is a full address: `http(s)://host/` followed by a path that names a page,
/// not a bare domain or a date folder (`https://www.example.com/2025/10/29/`).
pub fn is_full_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let Some((host, path)) = rest.split_once('/') else {
        return false;
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let date_folder = segments.len() <= 3
        && segments
            .iter()
            .all(|s| s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()));
    host.contains('.') && !segments.is_empty() && !date_folder
}

fn parse_with(file: &str, text: &str, strict: bool) -> Result<Network, RegistryError> {
    let err = |span: std::ops::Range<usize>, field: &str, message: String| RegistryError {
        file: file.to_string(),
        line: line_of(text, span.start),
        field: field.to_string(),
        message,
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| RegistryError {
        file: file.to_string(),
        line: e.span().map_or(0, |s| line_of(text, s.start)),
        field: String::new(),
        message: e.message().trim().to_string(),
    })?;
    if raw.node.len() > MAX_NODES {
        return Err(err(0..0, "node", format!("more than {MAX_NODES} nodes")));
    }
    if raw.exposure.len() > MAX_EXPOSURES {
        return Err(err(
            0..0,
            "exposure",
            format!("more than {MAX_EXPOSURES} exposures"),
        ));
    }
    let date = |s: &Spanned<String>, field: &str| -> Result<String, RegistryError> {
        parse_day_or_month(s.get_ref())
            .map(|_| s.get_ref().trim().to_string())
            .ok_or_else(|| {
                err(
                    s.span(),
                    field,
                    format!("{:?} is not YYYY-MM-DD or YYYY-MM", s.get_ref()),
                )
            })
    };
    let amount = |s: &Spanned<f64>, field: &str| -> Result<f64, RegistryError> {
        let v = *s.get_ref();
        if v.is_finite() && v >= 0.0 {
            Ok(v)
        } else {
            Err(err(
                s.span(),
                field,
                format!("{v} is not a finite non-negative amount"),
            ))
        }
    };
    let mut ids = BTreeSet::new();
    let mut nodes = Vec::with_capacity(raw.node.len());
    for n in &raw.node {
        let id = n.id.get_ref().trim();
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            return Err(err(
                n.id.span(),
                "node.id",
                "an id is one word without spaces".into(),
            ));
        }
        if !ids.insert(id.to_string()) {
            return Err(err(n.id.span(), "node.id", format!("duplicate id {id}")));
        }
        let cited = |value: &Option<Spanned<f64>>,
                     as_of: &Option<Spanned<String>>,
                     source: &Option<String>,
                     url: &Option<String>,
                     prefix: &str|
         -> Result<Option<Cited>, RegistryError> {
            let Some(v) = value else {
                return Ok(None);
            };
            let value = amount(v, &format!("node.{prefix}"))?;
            if !strict && source.as_deref().is_none_or(|s| s.trim().is_empty()) {
                return Ok(Some(Cited {
                    value,
                    as_of: as_of
                        .as_ref()
                        .map(|d| date(d, &format!("node.{prefix}_as_of")))
                        .transpose()?
                        .unwrap_or_default(),
                    source: USER_SUPPLIED.to_string(),
                    url: url.clone().unwrap_or_default(),
                }));
            }
            let missing = |what: &str| {
                err(
                    v.span(),
                    &format!("node.{prefix}_{what}"),
                    format!("node {id}: a stated {prefix} needs its {prefix}_{what}"),
                )
            };
            let as_of = as_of.as_ref().ok_or_else(|| missing("as_of"))?;
            let source = source
                .clone()
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| missing("source"))?;
            let url = url
                .clone()
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| missing("url"))?;
            Ok(Some(Cited {
                value,
                as_of: date(as_of, &format!("node.{prefix}_as_of"))?,
                source,
                url,
            }))
        };
        let equity = cited(
            &n.equity,
            &n.equity_as_of,
            &n.equity_source,
            &n.equity_url,
            "equity",
        )?;
        if let Some(b) = &n.equity_basis
            && !["book", "market", "valuation"].contains(&b.get_ref().as_str())
        {
            return Err(err(
                b.span(),
                "node.equity_basis",
                format!("{:?}: expected book, market or valuation", b.get_ref()),
            ));
        }
        let revenue = cited(
            &n.revenue,
            &n.revenue_as_of,
            &n.revenue_source,
            &n.revenue_url,
            "revenue",
        )?;
        nodes.push(Node {
            id: id.to_string(),
            name: n.name.clone().unwrap_or_else(|| id.to_string()),
            equity,
            equity_basis: n.equity_basis.as_ref().map(|b| b.get_ref().clone()),
            revenue,
            note: n.note.clone(),
        });
    }
    let mut exposures = Vec::with_capacity(raw.exposure.len());
    for e in &raw.exposure {
        for (end, field) in [
            (&e.creditor, "exposure.creditor"),
            (&e.debtor, "exposure.debtor"),
        ] {
            if !ids.contains(end.get_ref().trim()) {
                return Err(err(
                    end.span(),
                    field,
                    format!(
                        "unknown node {:?} (declare it in a [[node]] table)",
                        end.get_ref()
                    ),
                ));
            }
        }
        if e.creditor.get_ref().trim() == e.debtor.get_ref().trim() {
            return Err(err(
                e.debtor.span(),
                "exposure.debtor",
                "a node cannot be exposed to itself".into(),
            ));
        }
        let kind = match &e.kind {
            Some(k) if KINDS.contains(&k.get_ref().as_str()) => k.get_ref().clone(),
            Some(k) => {
                return Err(err(
                    k.span(),
                    "exposure.kind",
                    format!("{:?}: expected one of {}", k.get_ref(), KINDS.join(", ")),
                ));
            }
            None if strict => {
                return Err(err(
                    e.creditor.span(),
                    "exposure.kind",
                    format!("missing: one of {}", KINDS.join(", ")),
                ));
            }
            None => "loan".to_string(),
        };
        if let Some(s) = &e.status
            && !STATUSES.contains(&s.get_ref().as_str())
        {
            return Err(err(
                s.span(),
                "exposure.status",
                format!("{:?}: expected one of {}", s.get_ref(), STATUSES.join(", ")),
            ));
        }
        if strict {
            for (text, field) in [(&e.source, "exposure.source"), (&e.url, "exposure.url")] {
                match text {
                    Some(t) if !t.get_ref().trim().is_empty() => {}
                    Some(t) => return Err(err(t.span(), field, "must not be empty".into())),
                    None => return Err(err(e.creditor.span(), field, "missing".into())),
                }
            }
        }
        let source = e
            .source
            .as_ref()
            .map(|s| s.get_ref().trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| USER_SUPPLIED.to_string());
        let url = e
            .url
            .as_ref()
            .map(|s| s.get_ref().trim().to_string())
            .unwrap_or_default();
        let amount = e
            .amount
            .as_ref()
            .map(|a| amount(a, "exposure.amount"))
            .transpose()?;
        if strict && amount.is_some() && e.as_of.is_none() && e.announced.is_none() {
            return Err(err(
                e.creditor.span(),
                "exposure.as_of",
                "a stated amount needs an as_of or announced date".into(),
            ));
        }
        exposures.push(Exposure {
            creditor: e.creditor.get_ref().trim().to_string(),
            debtor: e.debtor.get_ref().trim().to_string(),
            amount,
            kind,
            status: e
                .status
                .as_ref()
                .map(|s| s.get_ref().clone())
                .or_else(|| (!strict).then(|| "funded".to_string())),
            announced: e
                .announced
                .as_ref()
                .map(|d| date(d, "exposure.announced"))
                .transpose()?,
            as_of: e
                .as_of
                .as_ref()
                .map(|d| date(d, "exposure.as_of"))
                .transpose()?,
            source,
            url,
            note: e.note.clone(),
        });
    }
    Ok(Network { nodes, exposures })
}

/// The bundled registry, parsed.
pub fn builtin() -> Network {
    parse(BUILTIN_NAME, BUILTIN).expect("the bundled network registry parses")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every source of the built-in registry is a full URL: a page, not a bare domain or a
    /// date folder (issue 22).
    #[test]
    fn every_builtin_source_is_a_full_url() {
        let net = builtin();
        let mut urls: Vec<(String, String)> = Vec::new();
        for n in &net.nodes {
            for c in [&n.equity, &n.revenue].into_iter().flatten() {
                urls.push((n.id.clone(), c.url.clone()));
            }
        }
        for e in &net.exposures {
            urls.push((format!("{} → {}", e.creditor, e.debtor), e.url.clone()));
        }
        assert!(urls.len() > 10);
        for (what, url) in urls {
            assert!(is_full_url(&url), "{what}: {url}");
        }
        assert!(!is_full_url("https://www.devdiscourse.com/"));
        assert!(!is_full_url("https://www.theregister.com/2025/10/29/"));
        assert!(!is_full_url("www.example.com/a"));
        assert!(is_full_url("https://www.sec.gov/files/form10-q.pdf"));
    }

    /// The documented minimal form of a user's file: ids, equities, exposures with amounts,
    /// no citation; the figures are labelled user-supplied, exposures are funded loans.
    #[test]
    fn a_users_minimal_file_parses_and_is_labelled_user_supplied() {
        let text = "[[node]]\nid = \"A\"\nequity = 100\n[[node]]\nid = \"B\"\nequity = 100\n\
                    [[node]]\nid = \"C\"\nequity = 100\n\
                    [[exposure]]\ncreditor = \"B\"\ndebtor = \"A\"\namount = 50\n\
                    [[exposure]]\ncreditor = \"C\"\ndebtor = \"B\"\namount = 80\n";
        let net = parse_user("mine.toml", text).unwrap();
        assert_eq!(net.nodes[0].equity.as_ref().unwrap().source, USER_SUPPLIED);
        assert_eq!(net.exposures[0].source, USER_SUPPLIED);
        assert_eq!(net.exposures[0].status.as_deref(), Some("funded"));
        // The built-in rules still ask for every citation.
        let e = parse("strict.toml", text).unwrap_err();
        assert!(e.field.starts_with("node.equity_"), "{e}");
    }

    const SMALL: &str = r#"
[[node]]
id = "A"
equity = 100.0
equity_as_of = "2025-01-31"
equity_source = "test"
equity_url = "https://example.com/a"

[[node]]
id = "B"

[[exposure]]
creditor = "B"
debtor = "A"
amount = 50.0
kind = "investment"
as_of = "2025-01-31"
source = "test"
url = "https://example.com/e"
"#;

    #[test]
    fn reads_nodes_and_exposures_and_keeps_unknowns_unknown() {
        let net = parse("small.toml", SMALL).unwrap();
        assert_eq!(net.nodes.len(), 2);
        assert_eq!(net.nodes[0].equity.as_ref().unwrap().value, 100.0);
        assert_eq!(net.nodes[1].equity, None);
        assert_eq!(net.exposures[0].amount, Some(50.0));
        assert_eq!(net.index_of("B"), Some(1));
    }

    #[test]
    fn bad_input_names_file_line_and_field() {
        let bad = SMALL.replace("debtor = \"A\"", "debtor = \"Z\"");
        let e = parse("small.toml", &bad).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (14, "exposure.debtor"));
        assert!(
            e.to_string().starts_with("small.toml:14: exposure.debtor"),
            "{e}"
        );

        let bad = SMALL.replace("amount = 50.0", "amount = nan");
        let e = parse("small.toml", &bad).unwrap_err();
        assert_eq!(e.field, "exposure.amount");

        let bad = SMALL.replace("equity_url = \"https://example.com/a\"\n", "");
        let e = parse("small.toml", &bad).unwrap_err();
        assert_eq!(e.field, "node.equity_url");

        let bad = SMALL.replace("kind = \"investment\"", "kind = \"gift\"");
        assert_eq!(parse("x", &bad).unwrap_err().field, "exposure.kind");

        let bad = format!("{SMALL}\n[[node]]\nid = \"A\"\n");
        assert!(parse("x", &bad).unwrap_err().message.contains("duplicate"));

        let bad = SMALL.replace("[[node]]\nid = \"B\"", "[[node]]\nid = \"B\"\ncolour = 1");
        let e = parse("x", &bad).unwrap_err();
        assert!(e.line > 0 && e.message.contains("colour"), "{e}");
    }

    #[test]
    fn the_builtin_registry_cites_every_figure() {
        let net = builtin();
        assert!(net.nodes.len() >= 11, "{} nodes", net.nodes.len());
        for e in &net.exposures {
            assert!(e.url.starts_with("https://"), "{e:?}");
            assert!(e.amount.is_none() || e.as_of.is_some() || e.announced.is_some());
        }
        for n in &net.nodes {
            if let Some(eq) = &n.equity {
                assert!(eq.url.starts_with("https://"), "{n:?}");
            }
        }
    }
}
