//! Scenarios as data: the TOML format (documented in `docs/scenarios.md`), its validation, the
//! built-in scenarios (embedded from `scenarios/*.toml`), and the resolution of a scenario into
//! one change per variable over its horizon.
//!
//! Three kinds of scenario:
//! - typed shocks (`[[shocks]]`, each a `level`, a `change` or a quarterly `path`), every size
//!   traced to the seed text or a cited source in the file's `citations`;
//! - historical replays (`[replay] start/end`): the shocks are *computed* from stored series as
//!   the observed change between the two dates, never typed in;
//! - Fed DFAST scenarios (`[dfast] year/scenario`): the paths are read from imported DFAST
//!   tables in the store.
//!
//! Errors name the file, the line and the key; unknown keys and variables are rejected with the
//! list of known ones.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use super::variables::{Parameters, Variable, parameter_names, parameter_spec, variable_names};
use crate::series::{Dataset, Date};

mod resolve;
pub use resolve::{NoData, ResolvedShock, resolve_shocks, series_for};

/// A citation behind a scenario's numbers.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub source: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub as_of: String,
}

/// How a shock is given.
#[derive(Debug, Clone, PartialEq)]
pub enum ShockSize {
    /// The variable goes to this level (e.g. the 10-year to 5.5%).
    Level(f64),
    /// The variable changes by this much (its change unit: pp, points or %).
    Change(f64),
    /// Quarterly levels; the level at the scenario horizon is used.
    Path(Vec<f64>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shock {
    pub variable: Variable,
    pub size: ShockSize,
    /// Where the size comes from (free text; must match a citation or seed).
    pub source: String,
}

/// A replay window: the shocks are the stored changes between `start` and `end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    pub start: Date,
    pub end: Date,
    /// Forward mode (`drivers = ["unemployment"]`): only these variables take their stored
    /// change; the others follow their conditional expectation. Empty: every variable
    /// (attribution mode).
    pub drivers: Vec<Variable>,
}

/// A DFAST scenario reference: the paths come from stored DFAST series.
#[derive(Debug, Clone, PartialEq)]
pub struct DfastRef {
    pub year: i32,
    /// `baseline` or `severely-adverse`.
    pub scenario: String,
}

/// A validated scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub title: String,
    /// The title in Simplified Chinese (empty when the file has no `title_zh`).
    pub title_zh: String,
    pub description: String,
    /// The description in Simplified Chinese (empty when the file has no `description_zh`).
    pub description_zh: String,
    pub citations: Vec<Citation>,
    pub horizon_quarters: u32,
    pub shocks: Vec<Shock>,
    pub parameters: Parameters,
    pub replay: Option<Replay>,
    pub dfast: Option<DfastRef>,
    /// Variables held at their current level (`hold = ["vix"]`, `stress run --hold vix`): each
    /// is conditioned on an unchanged level instead of moving with its conditional expectation
    /// (or, in a replay or DFAST scenario, its stored path), on every Monte Carlo path too.
    pub hold: Vec<Variable>,
}

impl Scenario {
    /// Adds `name` to the held variables; refuses an unknown variable and one the scenario
    /// shocks itself (holding it would contradict the shock).
    pub fn hold(&mut self, name: &str) -> Result<(), String> {
        let variable = Variable::from_name(name).ok_or_else(|| {
            format!(
                "unknown variable `{name}`; known: {}",
                variable_names().join(", ")
            )
        })?;
        if self.shocks.iter().any(|s| s.variable == variable) {
            return Err(format!(
                "`{name}` is shocked by the scenario itself; it cannot also be held"
            ));
        }
        if !self.hold.contains(&variable) {
            self.hold.push(variable);
        }
        Ok(())
    }
}

/// A scenario file that is not valid. `line` is 1-based (0 when unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    pub file: String,
    pub line: usize,
    pub key: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if !self.key.is_empty() {
            write!(f, ": key `{}`", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ScenarioError {}

// ---- raw TOML shape -------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    name: toml::Spanned<String>,
    title: String,
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    description_zh: String,
    #[serde(default)]
    citations: Vec<Citation>,
    horizon_quarters: toml::Spanned<i64>,
    #[serde(default)]
    shocks: Vec<RawShock>,
    #[serde(default)]
    parameters: BTreeMap<toml::Spanned<String>, toml::Spanned<f64>>,
    replay: Option<RawReplay>,
    dfast: Option<RawDfast>,
    #[serde(default)]
    hold: Vec<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShock {
    variable: toml::Spanned<String>,
    kind: toml::Spanned<String>,
    value: Option<toml::Spanned<f64>>,
    path: Option<toml::Spanned<Vec<f64>>>,
    #[serde(default)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReplay {
    start: toml::Spanned<String>,
    end: toml::Spanned<String>,
    #[serde(default)]
    drivers: Vec<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDfast {
    year: toml::Spanned<i64>,
    scenario: toml::Spanned<String>,
}

fn line_of(text: &str, byte_offset: usize) -> usize {
    text.as_bytes()[..byte_offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses and validates a scenario file. `file` is used in error messages only.
/// The range a scenario parameter must fall in, where a value outside it has no meaning:
/// shares in [0, 1]; `gpu_life_years` from 1 year to the length of the catalogue's capex
/// vintages (the depreciation model needs at least one year; 0 divided by zero).
fn parameter_range(name: &str) -> Option<(f64, f64)> {
    let spec = crate::stress::variables::parameter_spec(name)?;
    match (name, spec.unit) {
        ("gpu_life_years", _) => Some((
            1.0,
            crate::models::depreciation::CATALOGUE_ILLUSTRATIVE_CAPEX_BN.len() as f64,
        )),
        (_, "share") => Some((0.0, 1.0)),
        _ => None,
    }
}

pub fn parse_scenario(file: &str, text: &str) -> Result<Scenario, ScenarioError> {
    let err = |span: std::ops::Range<usize>, key: &str, message: String| ScenarioError {
        file: file.to_string(),
        line: line_of(text, span.start),
        key: key.to_string(),
        message,
    };
    let raw: RawScenario = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
        let message = e.message().to_string();
        let key = message
            .split('`')
            .nth(1)
            .filter(|_| {
                message.starts_with("unknown field") || message.starts_with("missing field")
            })
            .unwrap_or("")
            .to_string();
        ScenarioError {
            file: file.to_string(),
            line,
            key,
            message,
        }
    })?;

    let name = raw.name.get_ref().clone();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(err(
            raw.name.span(),
            "name",
            "must be non-empty lowercase letters, digits and '-'".into(),
        ));
    }
    let horizon = *raw.horizon_quarters.get_ref();
    if !(1..=40).contains(&horizon) {
        return Err(err(
            raw.horizon_quarters.span(),
            "horizon_quarters",
            format!("must be 1..=40, got {horizon}"),
        ));
    }

    let mut shocks = Vec::new();
    for raw_shock in raw.shocks {
        let variable = Variable::from_name(raw_shock.variable.get_ref()).ok_or_else(|| {
            err(
                raw_shock.variable.span(),
                "shocks.variable",
                format!(
                    "unknown variable `{}`; known: {}",
                    raw_shock.variable.get_ref(),
                    variable_names().join(", ")
                ),
            )
        })?;
        let kind = raw_shock.kind.get_ref().as_str();
        let size = match (kind, raw_shock.value, raw_shock.path) {
            ("level", Some(v), None) => ShockSize::Level(*v.get_ref()),
            ("change", Some(v), None) => ShockSize::Change(*v.get_ref()),
            ("path", None, Some(p)) => {
                if p.get_ref().is_empty() {
                    return Err(err(
                        p.span(),
                        "shocks.path",
                        "a path needs at least one quarter".into(),
                    ));
                }
                ShockSize::Path(p.get_ref().clone())
            }
            ("level" | "change", _, _) => {
                return Err(err(
                    raw_shock.kind.span(),
                    "shocks.value",
                    format!("kind `{kind}` needs `value` (and no `path`)"),
                ));
            }
            ("path", _, _) => {
                return Err(err(
                    raw_shock.kind.span(),
                    "shocks.path",
                    "kind `path` needs `path = [...]` (and no `value`)".into(),
                ));
            }
            _ => {
                return Err(err(
                    raw_shock.kind.span(),
                    "shocks.kind",
                    format!("unknown kind `{kind}`; known: level, change, path"),
                ));
            }
        };
        let numbers: Vec<f64> = match &size {
            ShockSize::Level(v) | ShockSize::Change(v) => vec![*v],
            ShockSize::Path(p) => p.clone(),
        };
        if let Some(bad) = numbers.iter().find(|v| !v.is_finite()) {
            return Err(err(
                raw_shock.kind.span(),
                "shocks.value",
                format!("`{}`: {bad} is not a finite number", variable.name()),
            ));
        }
        if shocks.iter().any(|s: &Shock| s.variable == variable) {
            return Err(err(
                raw_shock.variable.span(),
                "shocks.variable",
                format!("`{}` is shocked twice", variable.name()),
            ));
        }
        shocks.push(Shock {
            variable,
            size,
            source: raw_shock.source,
        });
    }

    let mut parameters = Parameters::default();
    for (key, value) in raw.parameters {
        if parameter_spec(key.get_ref()).is_none() {
            return Err(err(
                key.span(),
                &format!("parameters.{}", key.get_ref()),
                format!("unknown parameter; known: {}", parameter_names().join(", ")),
            ));
        }
        if !value.get_ref().is_finite() {
            return Err(err(
                value.span(),
                &format!("parameters.{}", key.get_ref()),
                "must be a finite number".into(),
            ));
        }
        if let Some((lo, hi)) = parameter_range(key.get_ref())
            && !(lo..=hi).contains(value.get_ref())
        {
            return Err(err(
                value.span(),
                &format!("parameters.{}", key.get_ref()),
                format!("{} is outside [{lo}, {hi}]", value.get_ref()),
            ));
        }
        parameters
            .overrides
            .insert(key.get_ref().clone(), *value.get_ref());
    }

    let replay = match raw.replay {
        None => None,
        Some(r) => {
            let parse = |s: &toml::Spanned<String>, key: &str| {
                crate::series::parse_date(s.get_ref()).ok_or_else(|| {
                    err(
                        s.span(),
                        key,
                        format!("`{}` is not a YYYY-MM-DD date", s.get_ref()),
                    )
                })
            };
            let start = parse(&r.start, "replay.start")?;
            let end = parse(&r.end, "replay.end")?;
            if end <= start {
                return Err(err(
                    r.end.span(),
                    "replay.end",
                    "must be after replay.start".into(),
                ));
            }
            let mut drivers = Vec::new();
            for d in &r.drivers {
                let variable = Variable::from_name(d.get_ref())
                    .filter(|v| v.is_statistical())
                    .ok_or_else(|| {
                        err(
                            d.span(),
                            "replay.drivers",
                            format!(
                                "`{}` is not a variable with stored history (e.g. unemployment, ust10y, vix)",
                                d.get_ref()
                            ),
                        )
                    })?;
                drivers.push(variable);
            }
            Some(Replay {
                start,
                end,
                drivers,
            })
        }
    };
    let dfast = match raw.dfast {
        None => None,
        Some(d) => {
            let scenario = d.scenario.get_ref().clone();
            if scenario != "baseline" && scenario != "severely-adverse" {
                return Err(err(
                    d.scenario.span(),
                    "dfast.scenario",
                    "known: baseline, severely-adverse".into(),
                ));
            }
            let year = i32::try_from(*d.year.get_ref())
                .map_err(|_| err(d.year.span(), "dfast.year", "not a year".into()))?;
            Some(DfastRef { year, scenario })
        }
    };
    if shocks.is_empty() && replay.is_none() && dfast.is_none() && parameters.overrides.is_empty() {
        return Err(ScenarioError {
            file: file.to_string(),
            line: 0,
            key: "shocks".into(),
            message: "a scenario needs [[shocks]], [parameters], [replay] or [dfast]".into(),
        });
    }

    let mut scenario = Scenario {
        name,
        title: raw.title,
        title_zh: raw.title_zh,
        description: raw.description,
        description_zh: raw.description_zh,
        citations: raw.citations,
        horizon_quarters: horizon as u32,
        shocks,
        parameters,
        replay,
        dfast,
        hold: Vec::new(),
    };
    for name in &raw.hold {
        scenario
            .hold(name.get_ref())
            .map_err(|message| err(name.span(), "hold", message))?;
    }
    Ok(scenario)
}

// ---- built-ins ------------------------------------------------------------------------------

/// The built-in scenario files: (file name, text).
pub const BUILT_IN_FILES: [(&str, &str); 11] = [
    (
        "bond-vigilantes.toml",
        include_str!("../../../../scenarios/bond-vigilantes.toml"),
    ),
    (
        "ai-capex-bust.toml",
        include_str!("../../../../scenarios/ai-capex-bust.toml"),
    ),
    (
        "refinancing-wall.toml",
        include_str!("../../../../scenarios/refinancing-wall.toml"),
    ),
    (
        "consumer-crack.toml",
        include_str!("../../../../scenarios/consumer-crack.toml"),
    ),
    (
        "yen-carry-unwind.toml",
        include_str!("../../../../scenarios/yen-carry-unwind.toml"),
    ),
    (
        "core-dump.toml",
        include_str!("../../../../scenarios/core-dump.toml"),
    ),
    (
        "dotcom-2000.toml",
        include_str!("../../../../scenarios/dotcom-2000.toml"),
    ),
    (
        "gfc-2008.toml",
        include_str!("../../../../scenarios/gfc-2008.toml"),
    ),
    (
        "covid-2020.toml",
        include_str!("../../../../scenarios/covid-2020.toml"),
    ),
    (
        "rates-2022.toml",
        include_str!("../../../../scenarios/rates-2022.toml"),
    ),
    (
        "svb-2023.toml",
        include_str!("../../../../scenarios/svb-2023.toml"),
    ),
];

/// Every built-in scenario, parsed. Panics only if a shipped file is invalid (a unit test
/// guards this).
pub fn built_in_scenarios() -> Vec<Scenario> {
    BUILT_IN_FILES
        .iter()
        .map(|(file, text)| {
            parse_scenario(&format!("scenarios/{file}"), text).expect("built-in scenario is valid")
        })
        .collect()
}

/// DFAST scenarios available from stored series `DFAST_<YEAR>_<BASELINE|SEVERELY_ADVERSE>_*`.
pub fn dfast_scenarios(data: &Dataset) -> Vec<Scenario> {
    let mut found: Vec<(i32, &'static str)> = Vec::new();
    for id in data.series.keys() {
        let Some(rest) = id.strip_prefix("DFAST_") else {
            continue;
        };
        let Some((year, rest)) = rest.split_once('_') else {
            continue;
        };
        let Ok(year) = year.parse::<i32>() else {
            continue;
        };
        let scenario = if rest.starts_with("SEVERELY_ADVERSE_") {
            "severely-adverse"
        } else if rest.starts_with("BASELINE_") {
            "baseline"
        } else {
            continue;
        };
        if !found.contains(&(year, scenario)) {
            found.push((year, scenario));
        }
    }
    found
        .into_iter()
        .map(|(year, scenario)| Scenario {
            name: format!("dfast-{year}-{scenario}"),
            title: format!("Federal Reserve DFAST {year} supervisory {} scenario", scenario.replace('-', " ")),
            title_zh: format!(
                "美联储 DFAST {year} 监管压力测试{}情景",
                match scenario {
                    "baseline" => "基准",
                    "severely-adverse" => "严重不利",
                    other => other,
                }
            ),
            description: "Paths of the 10-year yield, unemployment, VIX and the Dow Jones Total Stock Market \
                          index from the Fed's scenario table, evaluated 4 quarters in (the first year)."
                .into(),
            description_zh: "美联储情景表中10年期收益率、失业率、VIX和Dow Jones Total Stock Market指数的路径，\
                             在第4个季度（第一年）末评估。"
                .into(),
            citations: vec![Citation {
                source: format!("Federal Reserve Board, {year} Supervisory Scenarios (imported table)"),
                url: "https://www.federalreserve.gov/supervisionreg/dfa-stress-tests.htm".into(),
                as_of: year.to_string(),
            }],
            horizon_quarters: 4,
            shocks: Vec::new(),
            parameters: Parameters::default(),
            replay: None,
            dfast: Some(DfastRef { year, scenario: scenario.to_string() }),
            hold: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::Series;
    use crate::series::SeriesMeta;
    use jiff::civil::date;

    #[test]
    fn every_built_in_parses() {
        let all = built_in_scenarios();
        assert_eq!(all.len(), BUILT_IN_FILES.len());
        for s in &all {
            assert!(!s.citations.is_empty(), "{} has no citations", s.name);
            assert!(!s.title_zh.is_empty(), "{} has no title_zh", s.name);
            assert!(
                !s.description_zh.is_empty(),
                "{} has no description_zh",
                s.name
            );
            assert!(
                BUILT_IN_FILES
                    .iter()
                    .any(|(f, _)| *f == format!("{}.toml", s.name))
            );
        }
    }

    #[test]
    fn unknown_variable_names_line_and_known_list() {
        let text = "name = \"x\"\ntitle = \"t\"\nhorizon_quarters = 4\n\n[[shocks]]\nvariable = \"ust30y\"\nkind = \"change\"\nvalue = 1.0\n";
        let e = parse_scenario("my.toml", text).unwrap_err();
        assert_eq!(
            (e.file.as_str(), e.line, e.key.as_str()),
            ("my.toml", 6, "shocks.variable")
        );
        assert!(e.message.contains("ust10y"), "{}", e.message);
    }

    #[test]
    fn unknown_key_is_rejected_with_its_line() {
        let text = "name = \"x\"\ntitle = \"t\"\nhorizon_quarters = 4\nhorizon = 3\n";
        let e = parse_scenario("my.toml", text).unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        assert_eq!(e.key, "horizon");
    }

    #[test]
    fn unknown_parameter_is_rejected_with_list() {
        let text =
            "name = \"x\"\ntitle = \"t\"\nhorizon_quarters = 4\n[parameters]\ngpu_life = 3\n";
        let e = parse_scenario("my.toml", text).unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (5, "parameters.gpu_life"));
        assert!(e.message.contains("gpu_life_years"));
    }

    #[test]
    fn level_shock_without_stored_level_is_no_data() {
        let text = "name = \"x\"\ntitle = \"t\"\nhorizon_quarters = 4\n[[shocks]]\nvariable = \"ust10y\"\nkind = \"level\"\nvalue = 5.5\n";
        let s = parse_scenario("x.toml", text).unwrap();
        let e = resolve_shocks(&s, &Dataset::default()).unwrap_err();
        assert_eq!(e.missing_series, vec!["DGS10".to_string()]);
        let mut data = Dataset::default();
        data.insert(Series::new(
            SeriesMeta {
                id: "DGS10".into(),
                ..Default::default()
            },
            vec![(date(2026, 8, 20), 4.25)],
        ));
        let r = resolve_shocks(&s, &data).unwrap();
        assert!((r[0].change - 1.25).abs() < 1e-12);
    }

    #[test]
    fn replay_change_is_computed_from_stored_values() {
        let text = "name = \"r\"\ntitle = \"t\"\nhorizon_quarters = 6\n[[citations]]\nsource = \"s\"\n[replay]\nstart = \"2007-10-09\"\nend = \"2009-03-09\"\n";
        let s = parse_scenario("r.toml", text).unwrap();
        let mut data = Dataset::default();
        data.insert(Series::new(
            SeriesMeta {
                id: "VIXCLS".into(),
                ..Default::default()
            },
            vec![(date(2007, 10, 9), 17.0), (date(2009, 3, 9), 49.0)],
        ));
        let r = resolve_shocks(&s, &data).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].variable, r[0].change), (Variable::Vix, 32.0));
    }

    #[test]
    fn hold_is_read_and_bad_names_or_conflicts_are_refused_with_their_line() {
        let base =
            "name = \"h\"\ntitle = \"h\"\nhorizon_quarters = 4\n[[citations]]\nsource = \"t\"\n";
        let shock = "[[shocks]]\nvariable = \"ust10y\"\nkind = \"change\"\nvalue = 1.0\n";
        let s = parse_scenario(
            "h.toml",
            &format!("hold = [\"vix\", \"hy_oas\"]\n{base}{shock}"),
        )
        .unwrap();
        assert_eq!(s.hold, [Variable::Vix, Variable::HyOas]);
        let e = parse_scenario("h.toml", &format!("hold = [\"vixx\"]\n{base}{shock}")).unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (1, "hold"));
        assert!(e.message.contains("unknown variable `vixx`"), "{e}");
        let e =
            parse_scenario("h.toml", &format!("hold = [\"ust10y\"]\n{base}{shock}")).unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (1, "hold"));
        assert!(e.message.contains("cannot also be held"), "{e}");
    }

    #[test]
    fn forward_replay_reads_only_its_drivers_and_rejects_unknown_ones() {
        let base = "name = \"r\"\ntitle = \"t\"\nhorizon_quarters = 6\n[[citations]]\nsource = \"s\"\n[replay]\nstart = \"2007-10-09\"\nend = \"2009-03-09\"\n";
        let s = parse_scenario("r.toml", &format!("{base}drivers = [\"unemployment\"]\n")).unwrap();
        let mut data = Dataset::default();
        for (id, a, b) in [("VIXCLS", 17.0, 49.0), ("UNRATE", 4.7, 8.7)] {
            data.insert(Series::new(
                SeriesMeta {
                    id: id.into(),
                    ..Default::default()
                },
                vec![(date(2007, 10, 9), a), (date(2009, 3, 9), b)],
            ));
        }
        let r = resolve_shocks(&s, &data).unwrap();
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].variable, Variable::Unemployment);
        assert!((r[0].change - 4.0).abs() < 1e-12);
        let e = parse_scenario("r.toml", &format!("{base}drivers = [\"vixx\"]\n")).unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (9, "replay.drivers"));
    }
}
