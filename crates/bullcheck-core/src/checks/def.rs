//! Check definitions: the TOML schema, the built-in files compiled into the binary, and the
//! parser for users' own files (errors name the file, line and key).
//!
//! ```toml
//! [[check]]
//! id = "fiscal_10y_5pct"
//! module = "fiscal"
//! title = "10-year Treasury yield vs the 5% tripwire"
//! unit = "%"
//! compute = "latest"            # which computation (see checks::compute)
//! series = ["DGS10"]            # stored series it reads (copies of one series: the freshest)
//! direction = "higher_is_worse" # orientation of thresholds and percentile
//! thresholds = { watch = 4.5, warning = 4.75, critical = 5.0 }
//! threshold_origin = "..."
//! snapshot = "DGS10"            # bundled cited figure used when nothing is stored
//! what = "..."  why = "..."  how = "..."  limits = "..."
//! [check.claim]
//! seed = "000, 001"
//! text = "..."
//! rule = { kind = "forecast", trigger = 5.0 }
//! # optional: the cited verdict used when the data are too old to judge the claim
//! fallback = { verdict = "holds", note = "...", note_zh = "..." }
//! # optional, repeatable: an equivalent source; the freshest of all is used and named
//! [[check.alternative]]
//! compute = "latest"
//! series = ["GHALAM_DGS10"]
//! note = "..."                  # how it differs, shown when it is used (note_zh too)
//! ```
//!
//! Every prose key has an optional Simplified Chinese twin used by `--lang zh` (English is shown
//! when it is absent): `title_zh`, `what_zh`, `why_zh`, `how_zh`, `limits_zh`,
//! `threshold_origin_zh`, `fill_with_zh`, and in `[check.claim]` `text_zh` (and `note_zh` in
//! `cited` / `monitor` rules).

use serde::Deserialize;

use super::compute::{Compute, ParamError};
use super::judge::Verdict;

/// Whether higher values mean more vulnerability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsWorse,
    LowerIsWorse,
}

/// Status thresholds; a missing level is skipped.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub watch: Option<f64>,
    pub warning: Option<f64>,
    pub critical: Option<f64>,
}

/// How the seed's claim is judged.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum VerdictRule {
    /// Not decidable from data: the verdict of the catalogue, with its reason.
    Cited {
        verdict: Verdict,
        note: String,
        #[serde(default)]
        note_zh: String,
    },
    /// "X has passed `claim`": holds within `tolerance_pct` above it, outdated beyond, wrong
    /// below.
    AtLeast { claim: f64, tolerance_pct: f64 },
    /// "X is about `claim`": holds within `tolerance_pct`, approx within twice that, else
    /// `otherwise` (default wrong).
    Approx {
        claim: f64,
        tolerance_pct: f64,
        #[serde(default)]
        otherwise: Option<Verdict>,
    },
    /// "X is above `threshold`" (already happened): holds when the value is above it.
    Above { threshold: f64 },
    /// "X is below `threshold`" (already happened, e.g. "savings are gone", "the Fed is still
    /// shrinking its balance sheet"): holds when the value is below it.
    Below { threshold: f64 },
    /// "X is at historic lows": holds when the value's raw percentile in its own history is
    /// below `pct`.
    BelowPercentile { pct: f64 },
    /// A forecast on this check's value ("X will reach `trigger`"): holds once the trigger is
    /// crossed in the claim's direction, otherwise stays a forecast. With a `consequence`
    /// the claim is conditional ("above X, Y happens"): reaching the trigger is not the claim,
    /// so the verdict stays `forecast` ("forecast, trigger reached") while Y is not seen.
    Forecast {
        trigger: f64,
        #[serde(default = "default_direction")]
        direction: Direction,
        /// What the claim says follows the trigger (empty: the trigger is the claim).
        #[serde(default)]
        consequence: String,
        #[serde(default)]
        consequence_zh: String,
    },
    /// A "when X then Y" rule judged by a built-in event study (`events::claim`), e.g.
    /// `{ kind = "event_study", study = "ten-year-5pct" }`: the study on the data up to the
    /// as-of date gives the verdict and its figures; the check's value keeps its status.
    EventStudy { study: String },
    /// A forecast whose trigger is not a level of this check's value.
    Monitor {
        note: String,
        #[serde(default)]
        note_zh: String,
    },
}

fn default_direction() -> Direction {
    Direction::HigherIsWorse
}

/// The seed's claim that a check tests.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Seed file codes, e.g. `000, 001`.
    pub seed: String,
    pub text: String,
    #[serde(default)]
    pub text_zh: String,
    pub rule: VerdictRule,
    /// The cited verdict used when the stored data are too old to judge the claim on the date
    /// judged (today, or the seed's date): e.g. a distribution survey that ends years before
    /// the seed. `None`: the data decide however old they are (and say how old).
    #[serde(default)]
    pub fallback: Option<CitedVerdict>,
    /// The period the claim is about, `["YYYY-MM-DD", "YYYY-MM-DD"]` (first and last day):
    /// the claim is judged on the value dated within it, never on a later period's.
    #[serde(default)]
    pub period: Option<[String; 2]>,
    /// The basis the claim's threshold is stated on when the data are on another (e.g. a
    /// reserve share at constant exchange rates vs the stored share at current rates): the
    /// data then cannot decide the claim (`unverified`, saying why).
    #[serde(default)]
    pub basis: Option<Basis>,
}

/// A claim's threshold basis and the data's, when they differ.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    pub claim: String,
    pub data: String,
    #[serde(default)]
    pub claim_zh: String,
    #[serde(default)]
    pub data_zh: String,
}

/// A verdict from a cited source, with its reason in both languages.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitedVerdict {
    pub verdict: Verdict,
    pub note: String,
    #[serde(default)]
    pub note_zh: String,
}

/// An equivalent source of the same quantity: another computation over other series (e.g.
/// the carrier's debt-to-GDP series beside GFDEBTN ÷ GDP). The check uses whichever of its
/// own source and its alternatives has the newest value on the as-of date (the first on a
/// tie), says which, and names the others.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    /// The computation with its typed parameters (set by [`parse_defs`] from the TOML keys
    /// `compute` and `params`).
    #[serde(skip)]
    pub compute: Compute,
    #[serde(rename = "compute")]
    compute_name: String,
    #[serde(default)]
    pub series: Vec<String>,
    #[serde(default)]
    params: toml::Table,
    /// How this source differs from the check's own (shown when it is used).
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub note_zh: String,
}

/// One check definition.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    pub id: String,
    pub module: String,
    pub title: String,
    #[serde(default)]
    pub title_zh: String,
    pub unit: String,
    /// `unit` in Simplified Chinese (empty: the unit reads the same, e.g. `%`).
    #[serde(default)]
    pub unit_zh: String,
    /// The computation with its typed parameters (see [`Compute`]), set by [`parse_defs`]
    /// from the TOML keys `compute` (the name) and `params` (a table, refused when a key is
    /// unknown, of the wrong type or out of range).
    #[serde(skip)]
    pub compute: Compute,
    #[serde(rename = "compute")]
    compute_name: String,
    #[serde(default)]
    pub series: Vec<String>,
    #[serde(default)]
    params: toml::Table,
    pub direction: Direction,
    #[serde(default)]
    pub thresholds: Thresholds,
    #[serde(default)]
    pub threshold_origin: String,
    /// `threshold_origin` in Simplified Chinese.
    #[serde(default)]
    pub threshold_origin_zh: String,
    #[serde(default)]
    pub snapshot: Option<String>,
    pub what: String,
    pub why: String,
    pub how: String,
    pub limits: String,
    #[serde(default)]
    pub what_zh: String,
    #[serde(default)]
    pub why_zh: String,
    #[serde(default)]
    pub how_zh: String,
    #[serde(default)]
    pub limits_zh: String,
    pub claim: Claim,
    /// The live source that would fill the check (shown when there is no data).
    #[serde(default)]
    pub fill_with: String,
    /// `fill_with` in Simplified Chinese.
    #[serde(default)]
    pub fill_with_zh: String,
    /// Equivalent sources, `[[check.alternative]]` tables (see [`Alternative`]).
    #[serde(default, rename = "alternative")]
    pub alternatives: Vec<Alternative>,
}

impl CheckDef {
    /// Whether the definition is a *check* (scored in the rating) rather than a *fact*: it
    /// states at least one threshold, or its computation has a documented tripwire. A figure
    /// without thresholds is shown with its source, verdict and context but never scored
    /// (docs/rating.md §1).
    pub fn is_scored(&self) -> bool {
        let t = &self.thresholds;
        t.watch.is_some()
            || t.warning.is_some()
            || t.critical.is_some()
            || self.compute.has_tripwire()
    }

    /// The same check computed from an alternative source.
    pub fn with_alternative(&self, alt: &Alternative) -> CheckDef {
        CheckDef {
            compute: alt.compute.clone(),
            compute_name: alt.compute_name.clone(),
            series: alt.series.clone(),
            params: alt.params.clone(),
            alternatives: Vec::new(),
            ..self.clone()
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DefsFile {
    #[serde(default)]
    check: Vec<CheckDef>,
}

/// A definition file that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct DefError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for DefError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for DefError {}

/// Parses a definitions file (`[[check]]` tables).
pub fn parse_defs(file: &str, text: &str) -> Result<Vec<CheckDef>, DefError> {
    let mut parsed: DefsFile = toml::from_str(text).map_err(|e| DefError {
        file: file.to_string(),
        line: e
            .span()
            .map(|span| 1 + text[..span.start.min(text.len())].matches('\n').count()),
        message: e.message().trim().to_string(),
    })?;
    let mut seen: Vec<&str> = Vec::with_capacity(parsed.check.len());
    let mut computes: Vec<(Compute, Vec<Compute>)> = Vec::with_capacity(parsed.check.len());
    for def in &parsed.check {
        if seen.contains(&def.id.as_str()) {
            return Err(DefError {
                file: file.to_string(),
                line: line_of(text, &def.id),
                message: format!("check `{}` is defined twice in this file", def.id),
            });
        }
        seen.push(&def.id);
        if def.claim.period.is_some() && def.claim.period().is_none_or(|(a, b)| a > b) {
            return Err(DefError {
                file: file.to_string(),
                line: line_of(text, &def.id),
                message: format!(
                    "check `{}`: claim.period must be [\"YYYY-MM-DD\", \"YYYY-MM-DD\"], first day first",
                    def.id
                ),
            });
        }
        if let Err(message) = check_numbers(def) {
            return Err(DefError {
                file: file.to_string(),
                line: line_of(text, &def.id),
                message: format!("check `{}`: {message}", def.id),
            });
        }
        let fail = |line: Option<usize>, message: String| DefError {
            file: file.to_string(),
            line: line.or_else(|| line_of(text, &def.id)),
            message: format!("check `{}`: {message}", def.id),
        };
        let parse = |name: &str, params: &toml::Table, series: &[String], what: &str| {
            let key_line = |key: &str| {
                text.find(&format!("{key} ="))
                    .map(|pos| 1 + text[..pos].matches('\n').count())
            };
            let compute = Compute::parse(name, params).map_err(|e| match e {
                ParamError::UnknownCompute(name) => fail(
                    None,
                    format!(
                        "unknown compute `{name}` (known: {})",
                        Compute::NAMES.join(", ")
                    ),
                ),
                ParamError::UnknownKey { key, reads } => fail(
                    key_line(&key),
                    format!(
                        "unknown {what} key `{key}` for compute `{name}` (it reads: {})",
                        if reads.is_empty() {
                            "none".to_string()
                        } else {
                            reads.join(", ")
                        }
                    ),
                ),
                ParamError::Invalid { key, message } => {
                    let sep = if message.starts_with("is ") {
                        " "
                    } else {
                        ": "
                    };
                    fail(key_line(&key), format!("{what}.{key}{sep}{message}"))
                }
            })?;
            if series.len() < compute.min_series() {
                return Err(fail(
                    None,
                    format!(
                        "compute `{name}` needs at least {} series, found {}",
                        compute.min_series(),
                        series.len()
                    ),
                ));
            }
            Ok(compute)
        };
        let own = parse(&def.compute_name, &def.params, &def.series, "params")?;
        let alternatives = def
            .alternatives
            .iter()
            .map(|a| parse(&a.compute_name, &a.params, &a.series, "alternative params"))
            .collect::<Result<Vec<_>, _>>()?;
        computes.push((own, alternatives));
        if !MODULES.contains(&def.module.as_str()) {
            return Err(DefError {
                file: file.to_string(),
                line: line_of(text, &def.id),
                message: format!(
                    "check `{}`: unknown module `{}` (known: {})",
                    def.id,
                    def.module,
                    MODULES.join(", ")
                ),
            });
        }
    }
    for (def, (own, alternatives)) in parsed.check.iter_mut().zip(computes) {
        def.compute = own;
        for (alternative, compute) in def.alternatives.iter_mut().zip(alternatives) {
            alternative.compute = compute;
        }
    }
    Ok(parsed.check)
}

/// Numbers a definition holds: finite everywhere (TOML has `nan` and `inf`), thresholds in
/// the order of the direction (watch, then warning, then critical), tolerances and
/// percentiles in range.
fn check_numbers(def: &CheckDef) -> Result<(), String> {
    if def.id.is_empty()
        || def.id.len() > 64
        || !def
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err("an id is 1 to 64 letters, digits, `_` or `-`".to_string());
    }
    fn finite_table(table: &toml::Table, path: &str) -> Result<(), String> {
        for (key, value) in table {
            finite_value(value, &format!("{path}{key}"))?;
        }
        Ok(())
    }
    fn finite_value(value: &toml::Value, at: &str) -> Result<(), String> {
        match value {
            toml::Value::Float(f) if !f.is_finite() => {
                Err(format!("`{at}` is {f}: numbers must be finite"))
            }
            toml::Value::Array(items) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, v)| finite_value(v, &format!("{at}[{i}]"))),
            toml::Value::Table(table) => finite_table(table, &format!("{at}.")),
            _ => Ok(()),
        }
    }
    finite_table(&def.params, "params.")?;
    for (i, alternative) in def.alternatives.iter().enumerate() {
        finite_table(&alternative.params, &format!("alternatives[{i}].params."))?;
    }
    let t = &def.thresholds;
    let levels = [
        ("watch", t.watch),
        ("warning", t.warning),
        ("critical", t.critical),
    ];
    for (name, value) in levels {
        if let Some(v) = value
            && !v.is_finite()
        {
            return Err(format!("thresholds.{name} is {v}: numbers must be finite"));
        }
    }
    let given: Vec<(&str, f64)> = levels
        .iter()
        .filter_map(|(n, v)| v.map(|v| (*n, v)))
        .collect();
    for pair in given.windows(2) {
        let ((a, x), (b, y)) = (pair[0], pair[1]);
        let ordered = match def.direction {
            Direction::HigherIsWorse => x <= y,
            Direction::LowerIsWorse => x >= y,
        };
        if !ordered {
            let want = match def.direction {
                Direction::HigherIsWorse => "at most",
                Direction::LowerIsWorse => "at least",
            };
            return Err(format!(
                "thresholds out of order: {a} = {x} must be {want} {b} = {y} for {}",
                match def.direction {
                    Direction::HigherIsWorse => "higher_is_worse",
                    Direction::LowerIsWorse => "lower_is_worse",
                }
            ));
        }
    }
    let rule_numbers: Vec<(&str, f64)> = match &def.claim.rule {
        VerdictRule::AtLeast {
            claim,
            tolerance_pct,
        }
        | VerdictRule::Approx {
            claim,
            tolerance_pct,
            ..
        } => vec![("claim", *claim), ("tolerance_pct", *tolerance_pct)],
        VerdictRule::Above { threshold } | VerdictRule::Below { threshold } => {
            vec![("threshold", *threshold)]
        }
        VerdictRule::BelowPercentile { pct } => vec![("pct", *pct)],
        VerdictRule::Forecast { trigger, .. } => vec![("trigger", *trigger)],
        VerdictRule::EventStudy { study } => {
            if crate::events::claim::series_read(study).is_empty() {
                return Err(format!(
                    "claim.rule.study `{study}`: not a built-in event study with a stored event series (ten-year-5pct, vix-low)"
                ));
            }
            Vec::new()
        }
        VerdictRule::Cited { .. } | VerdictRule::Monitor { .. } => Vec::new(),
    };
    for (name, v) in rule_numbers {
        if !v.is_finite() {
            return Err(format!("claim.rule.{name} is {v}: numbers must be finite"));
        }
        if name == "tolerance_pct" && v < 0.0 {
            return Err(format!("claim.rule.tolerance_pct is {v}: must be ≥ 0"));
        }
        if name == "pct" && !(0.0..=100.0).contains(&v) {
            return Err(format!("claim.rule.pct is {v}: must be in [0, 100]"));
        }
    }
    Ok(())
}

fn line_of(text: &str, needle: &str) -> Option<usize> {
    let pos = text.find(&format!("\"{needle}\""))?;
    Some(1 + text[..pos].matches('\n').count())
}

/// The audit's modules, in report order.
pub const MODULES: [&str; 9] = [
    "ai",
    "fiscal",
    "valuation",
    "zombie",
    "consumer",
    "dollar",
    "market",
    "network",
    "china_liquidity",
];

const BUILTIN: [(&str, &str); 9] = [
    (
        "checks/fiscal.toml",
        include_str!("../../checks/fiscal.toml"),
    ),
    (
        "checks/market.toml",
        include_str!("../../checks/market.toml"),
    ),
    (
        "checks/consumer.toml",
        include_str!("../../checks/consumer.toml"),
    ),
    (
        "checks/zombie.toml",
        include_str!("../../checks/zombie.toml"),
    ),
    ("checks/ai.toml", include_str!("../../checks/ai.toml")),
    (
        "checks/valuation.toml",
        include_str!("../../checks/valuation.toml"),
    ),
    (
        "checks/network.toml",
        include_str!("../../checks/network.toml"),
    ),
    (
        "checks/dollar.toml",
        include_str!("../../checks/dollar.toml"),
    ),
    (
        "checks/china_liquidity.toml",
        include_str!("../../checks/china_liquidity.toml"),
    ),
];

/// The built-in definitions, in module order then file order.
pub fn builtin_defs() -> Vec<CheckDef> {
    let mut defs: Vec<CheckDef> = BUILTIN
        .iter()
        .flat_map(|(file, text)| match parse_defs(file, text) {
            Ok(defs) => defs,
            // The built-in files are tested (tests::builtin_defs_parse); this cannot happen in
            // a released binary.
            Err(e) => panic!("built-in check definitions are invalid: {e}"),
        })
        .collect();
    defs.sort_by_key(|d| MODULES.iter().position(|m| *m == d.module));
    defs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_defs_parse_and_ids_are_unique() {
        let defs = builtin_defs();
        let mut ids: Vec<&str> = defs.iter().map(|d| d.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate check ids");
        for required in [
            "fiscal_10y_5pct",
            "fiscal_term_premium",
            "fiscal_debt_level",
            "fiscal_interest_vs_defense",
            "val_vix_cheap_puts",
            "zombie_refi_rate",
            "cons_unemployment",
            "mkt_recession_prob_nyfed",
            "cons_sahm_rule",
        ] {
            assert!(defs.iter().any(|d| d.id == required), "missing {required}");
        }
    }

    #[test]
    fn every_built_in_check_is_fully_translated_with_the_same_numbers_and_commands() {
        // The Chinese report shows these texts; a translation carries the same figures (the
        // digit runs of the English, in any order) and the same `bullcheck …` commands.
        let digits = crate::test_util::quantity_runs;
        let commands = |text: &str| {
            text.match_indices("bullcheck ")
                .filter(|&(i, _)| {
                    let rest = &text[i + "bullcheck ".len()..];
                    rest.starts_with("data ") || rest.starts_with("companies ")
                })
                .map(|(i, _)| {
                    let rest = &text[i..];
                    rest[..rest.find(')').unwrap_or(rest.len())].to_string()
                })
                .collect::<Vec<_>>()
        };
        for def in builtin_defs() {
            // Titles are free translations ("MSFT+GOOGL+AMZN+META" may become 四大云厂商).
            for (key, en, zh) in [
                ("title", &def.title, &def.title_zh),
                ("what", &def.what, &def.what_zh),
                ("why", &def.why, &def.why_zh),
                ("how", &def.how, &def.how_zh),
                ("limits", &def.limits, &def.limits_zh),
                ("claim.text", &def.claim.text, &def.claim.text_zh),
            ] {
                assert!(en.is_empty() || !zh.is_empty(), "{}: no {key}_zh", def.id);
            }
            for (key, en, zh) in [
                (
                    "threshold_origin",
                    &def.threshold_origin,
                    &def.threshold_origin_zh,
                ),
                ("fill_with", &def.fill_with, &def.fill_with_zh),
            ] {
                if en.is_empty() {
                    continue;
                }
                assert!(!zh.is_empty(), "{}: no {key}_zh", def.id);
                assert_eq!(digits(en), digits(zh), "{}: {key}_zh numbers", def.id);
                for command in commands(en) {
                    assert!(
                        zh.contains(&command),
                        "{}: {key}_zh lacks `{command}`",
                        def.id
                    );
                }
            }
        }
    }

    #[test]
    fn errors_name_the_line_and_key() {
        let text = "[[check]]\nid = \"x\"\nmodule = \"fiscal\"\ntitle = \"t\"\nunit = \"%\"\ncompute = \"latest\"\ndirection = \"sideways\"\n";
        let err = parse_defs("mine.toml", text).unwrap_err();
        assert_eq!(err.file, "mine.toml");
        assert_eq!(err.line, Some(7), "{err}");
        assert!(
            err.message.contains("sideways") || err.message.contains("variant"),
            "{err}"
        );
    }

    #[test]
    fn unknown_compute_is_rejected() {
        let text = &user_check("magic", r#"["X"]"#, "{}");
        let err = parse_defs("mine.toml", text).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("unknown compute `magic`"), "{err}");
    }

    fn user_check(compute: &str, series: &str, params: &str) -> String {
        crate::checks::compute::test_util::check_toml("mine", compute, series, params)
    }

    #[test]
    fn params_are_typed_with_their_defaults() {
        use super::super::compute::Compute;
        let defs = parse_defs(
            "mine.toml",
            &user_check(
                "change_over",
                r#"["X"]"#,
                r#"{ months = 12.0, mode = "percent" }"#,
            ),
        )
        .unwrap();
        let Compute::ChangeOver(p) = &defs[0].compute else {
            panic!("{:?}", defs[0].compute)
        };
        assert_eq!(p.lookback(), super::super::compute::Lookback::Months(12));
        assert_eq!(p.scale, 1.0);
        let defs = parse_defs("mine.toml", &user_check("latest", r#"["X"]"#, "{}")).unwrap();
        assert_eq!(defs[0].compute.name(), "latest");
    }

    #[test]
    fn params_are_refused_naming_the_check_and_the_key() {
        let refused = |compute: &str, series: &str, params: &str| {
            parse_defs("mine.toml", &user_check(compute, series, params))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            refused("latest", r#"["X"]"#, "{ sclae = 100.0 }"),
            "mine.toml:8: check `mine`: unknown params key `sclae` for compute `latest` (it reads: scale)"
        );
        assert_eq!(
            refused("latest", r#"["X"]"#, "{ scale = 0.0 }"),
            "mine.toml:8: check `mine`: params.scale is 0: must be finite and non-zero"
        );
        let months = refused("rise_over_low", r#"["X"]"#, "{ months = 0 }");
        assert!(
            months.contains("check `mine`: params.months: 0 is not a whole number"),
            "{months}"
        );
        let months = refused("rise_over_low", r#"["X"]"#, "{ months = 2.5 }");
        assert!(months.contains("params.months"), "{months}");
        let mode = refused("refinancing", r#"["A", "B", "C"]"#, r#"{ mode = "yeild" }"#);
        assert!(
            mode.contains("params.mode: unknown variant `yeild`"),
            "{mode}"
        );
        let share = refused(
            "refinancing",
            r#"["A", "B", "C"]"#,
            "{ repriced_share = 1.5 }",
        );
        assert!(
            share.contains("params.repriced_share is 1.5: must be in (0, 1]"),
            "{share}"
        );
        let date = refused(
            "k_shape",
            r#"["A", "B", "C", "D"]"#,
            r#"{ base = "2019-13-01" }"#,
        );
        assert!(
            date.contains("params.base: `2019-13-01` is not a date"),
            "{date}"
        );
        let both = refused("change_over", r#"["X"]"#, "{ months = 3, weeks = 13 }");
        assert!(
            both.contains("params.weeks: give `months` or `weeks`"),
            "{both}"
        );
        assert_eq!(
            refused("recession_probability", "[]", "{ scale = 1.0 }"),
            "mine.toml:8: check `mine`: unknown params key `scale` for compute `recession_probability` (it reads: none)"
        );
        assert_eq!(
            refused("ratio", r#"["X"]"#, "{}"),
            "mine.toml:2: check `mine`: compute `ratio` needs at least 2 series, found 1"
        );
    }

    #[test]
    fn alternative_params_are_typed_too() {
        let text = format!(
            "{}[[check.alternative]]\ncompute = \"latest\"\nseries = [\"Y\"]\nparams = {{ scael = 2.0 }}\n",
            user_check("latest", r#"["X"]"#, "{}")
        );
        let err = parse_defs("mine.toml", &text).unwrap_err();
        assert!(
            err.message
                .contains("unknown alternative params key `scael` for compute `latest`"),
            "{err}"
        );
        let ok = text.replace("scael", "scale");
        let defs = parse_defs("mine.toml", &ok).unwrap();
        assert_eq!(
            super::super::compute::series_read(&defs[0]),
            vec!["X".to_string(), "Y".to_string()]
        );
    }
}
