//! The check engine: a check reads stored series (or, failing that, a bundled cited figure) as
//! of a date, computes a value, compares it with thresholds, ranks it within its own history,
//! and judges the seed's claim.
//!
//! Check *definitions* (ids, titles, thresholds, explanations, claims) are data: TOML files
//! compiled into the binary (`crates/bullcheck-core/checks/*.toml`) plus the user's own files.
//! Check *computations* are code: one file per computation under `compute/`, chosen by the
//! definition's `compute` key.

pub mod compute;
pub mod def;
pub mod judge;

use crate::series::{Dataset, Date};
use crate::snapshot::{CitedFact, Snapshot};

pub use def::{CheckDef, Direction, Thresholds, VerdictRule, builtin_defs, parse_defs};
pub use judge::{Note, Status, Verdict};

/// Where a check's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataOrigin {
    /// Computed from series in the store.
    Stored,
    /// A bundled cited figure.
    Snapshot,
    /// Nothing available.
    None,
}

impl DataOrigin {
    pub fn name(self) -> &'static str {
        match self {
            DataOrigin::Stored => "stored",
            DataOrigin::Snapshot => "snapshot",
            DataOrigin::None => "none",
        }
    }
}

/// A source behind a value: who published it, where, and how recent it is.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRef {
    /// Series id or cited-fact id.
    pub id: String,
    pub publisher: String,
    pub title: String,
    pub url: String,
    /// The date of the last observation used.
    pub as_of: Option<Date>,
}

/// What a computation produces from stored data.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The headline value, in the check's unit.
    pub value: f64,
    /// The date the value refers to.
    pub date: Date,
    /// The same quantity through time, up to `date` (for the percentile and the trend).
    pub history: Vec<(Date, f64)>,
    /// A status the check reaches whatever its thresholds say, and why (e.g. the debt level
    /// has no level threshold, but adding $1T in under 100 days is a warning).
    pub floor: Option<(Status, Note)>,
    /// Labelled supporting figures, shown in explanations.
    pub details: Vec<(String, String)>,
    /// The series used.
    pub sources: Vec<String>,
}

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckResult {
    pub id: String,
    pub module: String,
    pub status: Status,
    pub value: Option<f64>,
    pub unit: String,
    /// The date of the value.
    pub as_of: Option<Date>,
    /// Percentile (0-100) of the value within its own history, oriented so that higher
    /// means more vulnerable. `None` without enough history.
    pub percentile: Option<f64>,
    pub data: DataOrigin,
    pub sources: Vec<SourceRef>,
    pub verdict: Verdict,
    /// Why the verdict is what it is (data-decided or cited).
    pub verdict_note: Note,
    pub details: Vec<(String, String)>,
    /// Labelled remarks in both languages, shown before the details in the report's
    /// language: why a rule raised the status above its thresholds (`status`, see
    /// [`Computed::floor`]) and how a cited figure was obtained (`note`).
    pub remarks: Vec<(String, Note)>,
    /// The recent history (for sparklines), oldest first.
    pub trend: Vec<(Date, f64)>,
    /// What is missing, when `status` is `NoData`.
    pub missing: Option<String>,
    /// The date of the first point of the history the percentile ranks within (`None` for a
    /// cited figure or without data): the gauges use a percentile only over ten years or more.
    pub history_start: Option<Date>,
    /// Whether the result is a scored *check* (`true`) or an unscored *fact*: a figure
    /// without thresholds ([`CheckDef::is_scored`]).
    pub scored: bool,
}

/// Evaluates every definition as of `as_of`. Stored data wins over the snapshot when it has a
/// value dated on or after the snapshot figure's date; otherwise the snapshot figure is used
/// (and said so).
pub fn evaluate(
    defs: &[CheckDef],
    data: &Dataset,
    snapshot: &Snapshot,
    as_of: Date,
) -> Vec<CheckResult> {
    defs.iter()
        .map(|def| evaluate_one(def, data, snapshot, as_of))
        .collect()
}

pub fn evaluate_one(
    def: &CheckDef,
    data: &Dataset,
    snapshot: &Snapshot,
    as_of: Date,
) -> CheckResult {
    let stored = compute::run(def, data, as_of);
    let cited = def
        .snapshot
        .as_deref()
        .and_then(|id| snapshot.get(id))
        .filter(|fact| fact.as_of <= as_of);
    match (stored, cited) {
        (Ok(c), Some(fact)) if fact.as_of > c.date => from_snapshot(def, fact),
        (Ok(c), _) => from_computed(def, data, c),
        (Err(_), Some(fact)) => from_snapshot(def, fact),
        (Err(missing), None) => no_data(def, missing),
    }
}

fn from_computed(def: &CheckDef, data: &Dataset, c: Computed) -> CheckResult {
    let mut status = judge::status(c.value, &def.thresholds, def.direction);
    if let Some((floor, _)) = &c.floor {
        status = status.max(*floor);
    }
    let percentile = judge::percentile(&c.history, c.value, def.direction);
    let (verdict, verdict_note) = judge::verdict(
        &def.claim.rule,
        c.value,
        judge::raw_percentile(&c.history, c.value),
    );
    let sources = c
        .sources
        .iter()
        .map(|id| {
            let series = data.get(id);
            SourceRef {
                id: id.clone(),
                publisher: series.map(|s| s.meta.source.clone()).unwrap_or_default(),
                title: series.map(|s| s.meta.title.clone()).unwrap_or_default(),
                url: series_url(id, series.map(|s| s.meta.source.as_str()).unwrap_or("")),
                as_of: series.and_then(|s| s.last_at(c.date)).map(|p| p.0),
            }
        })
        .collect();
    let history_start = c.history.first().map(|p| p.0);
    let monthly = month_ends(&c.history);
    let trend_start = monthly.len().saturating_sub(24);
    CheckResult {
        id: def.id.clone(),
        module: def.module.clone(),
        status,
        value: Some(c.value),
        unit: def.unit.clone(),
        as_of: Some(c.date),
        percentile,
        data: DataOrigin::Stored,
        sources,
        verdict,
        verdict_note,
        details: c.details,
        remarks: c
            .floor
            .map(|(_, reason)| ("status".to_string(), reason))
            .into_iter()
            .collect(),
        trend: monthly[trend_start..].to_vec(),
        missing: None,
        history_start,
        scored: def.is_scored(),
    }
}

fn from_snapshot(def: &CheckDef, fact: &CitedFact) -> CheckResult {
    let mut status = judge::status(fact.value, &def.thresholds, def.direction);
    if let Some(floor) = fact.status {
        status = status.max(floor);
    }
    let (verdict, verdict_note) = judge::verdict(&def.claim.rule, fact.value, None);
    let remarks = fact
        .note
        .iter()
        .map(|note| ("note".to_string(), note.clone()))
        .collect();
    CheckResult {
        id: def.id.clone(),
        module: def.module.clone(),
        status,
        value: Some(fact.value),
        unit: def.unit.clone(),
        as_of: Some(fact.as_of),
        percentile: None,
        data: DataOrigin::Snapshot,
        sources: vec![SourceRef {
            id: fact.id.clone(),
            publisher: fact.source.clone(),
            title: fact.title.clone(),
            url: fact.url.clone(),
            as_of: Some(fact.as_of),
        }],
        verdict,
        verdict_note,
        details: Vec::new(),
        remarks,
        trend: Vec::new(),
        missing: None,
        history_start: None,
        scored: def.is_scored(),
    }
}

fn no_data(def: &CheckDef, missing: String) -> CheckResult {
    let (verdict, verdict_note) = match &def.claim.rule {
        VerdictRule::Cited {
            verdict,
            note,
            note_zh,
        } => (*verdict, Note::new(note.clone(), note_zh.clone())),
        VerdictRule::Monitor { note, note_zh } => {
            (Verdict::Forecast, Note::new(note.clone(), note_zh.clone()))
        }
        _ => (
            Verdict::Unverified,
            Note::new("no data to decide the claim", "没有数据，无法判定"),
        ),
    };
    CheckResult {
        id: def.id.clone(),
        module: def.module.clone(),
        status: Status::NoData,
        value: None,
        unit: def.unit.clone(),
        as_of: None,
        percentile: None,
        data: DataOrigin::None,
        sources: Vec::new(),
        verdict,
        verdict_note,
        details: Vec::new(),
        remarks: Vec::new(),
        trend: Vec::new(),
        missing: Some(missing),
        history_start: None,
        scored: def.is_scored(),
    }
}

/// The public web page of a series, where one is known from its publisher.
pub fn series_url(id: &str, publisher: &str) -> String {
    if publisher.eq_ignore_ascii_case("FRED") || publisher.starts_with("FRED") {
        // Copies of FRED series from another carrier keep the FRED id after their prefix.
        let fred_id = id.strip_prefix("GHALAM_").unwrap_or(id);
        return format!("https://fred.stlouisfed.org/series/{fred_id}");
    }
    if id.starts_with("ACM") {
        return "https://www.newyorkfed.org/research/data_indicators/term-premia-tabs".to_string();
    }
    if id.starts_with("NYFED_") || id == "NBER_REC" {
        return "https://www.newyorkfed.org/research/capital_markets/ycfaq".to_string();
    }
    if id.starts_with("DEBT_") {
        return "https://fiscaldata.treasury.gov/datasets/debt-to-the-penny/".to_string();
    }
    if id.starts_with("MTS9_") {
        return "https://fiscaldata.treasury.gov/datasets/monthly-treasury-statement/".to_string();
    }
    String::new()
}

/// Convenience for checks that read one series: the cited fact, if any, named by a definition.
pub fn snapshot_fact<'a>(def: &CheckDef, snapshot: &'a Snapshot) -> Option<&'a CitedFact> {
    def.snapshot.as_deref().and_then(|id| snapshot.get(id))
}

/// The last point of each calendar month.
pub fn month_ends(points: &[(Date, f64)]) -> Vec<(Date, f64)> {
    let mut res: Vec<(Date, f64)> = Vec::new();
    for &(d, v) in points {
        match res.last_mut() {
            Some(last) if last.0.year() == d.year() && last.0.month() == d.month() => {
                *last = (d, v)
            }
            _ => res.push((d, v)),
        }
    }
    res
}
