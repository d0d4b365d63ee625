//! The check engine: a check reads stored series (or, failing that, a bundled cited figure) as
//! of a date, computes a value, compares it with thresholds, ranks it within its own history,
//! and judges the seed's claim.
//!
//! Check *definitions* (ids, titles, thresholds, explanations, claims) are data: TOML files
//! compiled into the binary (`crates/bullcheck-core/checks/*.toml`) plus the user's own files.
//! Check *computations* are code: one file per computation under `compute/`, chosen by the
//! definition's `compute` key and typed by [`Compute`]. What they say besides the value
//! (supporting figures, why there is no value) is made in both languages ([`reason`]).

pub mod compute;
pub mod def;
pub mod judge;
pub use crate::reason;
pub mod seeds;
pub mod verdicts;

use crate::series::{Dataset, Date};
use crate::snapshot::{CitedFact, Snapshot};

pub use crate::series::month_ends;
pub use crate::vocab::{Note, Status, Verdict};
pub use compute::Compute;
pub use def::{CheckDef, Direction, Thresholds, VerdictRule, builtin_defs, parse_defs};
pub use reason::{Detail, Missing, Need};

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
    pub details: Vec<Detail>,
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
    /// `unit` in Simplified Chinese, from the definition (empty: the same as `unit`).
    pub unit_zh: String,
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
    pub details: Vec<Detail>,
    /// Labelled remarks, shown before the details: why a rule raised the status above its
    /// thresholds (`status`, see [`Computed::floor`]), which equivalent source was used
    /// (`source used`) and how a cited figure was obtained (`note`).
    pub remarks: Vec<Detail>,
    /// The recent history (for sparklines), oldest first.
    pub trend: Vec<(Date, f64)>,
    /// What is missing, when `status` is `NoData`.
    pub missing: Option<Missing>,
    /// The date of the first point of the history the percentile ranks within (`None` for a
    /// cited figure or without data): the gauges use a percentile only over ten years or more.
    pub history_start: Option<Date>,
    /// Whether the result is a scored *check* (`true`) or an unscored *fact*: a figure
    /// without thresholds ([`CheckDef::is_scored`]).
    pub scored: bool,
    /// The date of the newest observation behind the value (the cited figure's date for a
    /// snapshot figure); `None` without data.
    pub data_through: Option<Date>,
    /// The data are late for their frequency on the as-of date (see [`staleness`]).
    pub stale: bool,
    /// The claim judged on the seed's publication date (only in an audit, see
    /// [`judge_at_publication`]).
    pub at_publication: Option<AtPublication>,
    /// For a `forecast` rule, whether the value judged has reached the trigger (a conditional
    /// claim then reads "forecast, trigger reached"); `None` for other rules or no value.
    pub trigger_reached: Option<bool>,
}

/// A claim judged with the data known on its seed's publication date.
#[derive(Debug, Clone, PartialEq)]
pub struct AtPublication {
    pub seed: &'static str,
    pub date: Date,
    /// The seed carries no date; the catalogue's assumed date is used.
    pub date_assumed: bool,
    pub value: Option<f64>,
    pub data_through: Option<Date>,
    pub verdict: Verdict,
    pub note: Note,
    pub trigger_reached: Option<bool>,
}

/// Judges each result's claim again as of its seed's publication date (point in time: stored
/// observations released on or before it, `crate::release`, and cited figures dated on or
/// before it) and, where the claim held then but
/// the data now contradict it, turns today's `wrong` into `outdated` ("was true, the number
/// has moved"). Claims without a known seed date, or whose seed is dated after `as_of` (no
/// look-ahead), are left as they are.
pub fn judge_at_publication(
    results: &mut [CheckResult],
    defs: &[CheckDef],
    data: &Dataset,
    snapshot: &Snapshot,
    as_of: Date,
) {
    // What was public on each seed's date (release dates, `crate::release`), made once per date.
    let mut known: Vec<(Date, Dataset, Snapshot)> = Vec::new();
    for result in results.iter_mut() {
        let Some(def) = defs.iter().find(|d| d.id == result.id) else {
            continue;
        };
        let Some(seed) = seeds::first_publication(&def.claim.seed).filter(|s| s.date <= as_of)
        else {
            continue;
        };
        if !known.iter().any(|(d, _, _)| *d == seed.date) {
            known.push((
                seed.date,
                crate::release::known_by(data, seed.date),
                snapshot.known_by(seed.date),
            ));
        }
        let (_, released, cited) = known
            .iter()
            .find(|(d, _, _)| *d == seed.date)
            .expect("made above");
        let then = evaluate_one(def, released, cited, seed.date);
        if !verdicts::same_basis(def, &then, result) {
            // One basis for then and now: today's claim is judged on the series used then.
            let on_basis = evaluate_one(def, &verdicts::basis_data(data, &then), snapshot, as_of);
            if on_basis.value.is_some() {
                let ids: Vec<&str> = then.sources.iter().map(|s| s.id.as_str()).collect();
                let ids = ids.join(", ");
                result.verdict = on_basis.verdict;
                result.trigger_reached = on_basis.trigger_reached;
                result.verdict_note = Note::new(
                    format!(
                        "on the basis judged at publication ({ids}, through {}): {}",
                        on_basis
                            .data_through
                            .map_or(String::new(), |d| d.to_string()),
                        on_basis.verdict_note.en
                    ),
                    format!(
                        "按种子文章日期所用的口径（{ids}，截至{}）：{}",
                        on_basis
                            .data_through
                            .map_or(String::new(), |d| d.to_string()),
                        on_basis.verdict_note.zh
                    ),
                );
            }
        }
        if then.verdict == Verdict::Holds
            && result.verdict == Verdict::Wrong
            && !matches!(def.claim.rule, VerdictRule::Cited { .. })
        {
            result.verdict = Verdict::Outdated;
            result.verdict_note = Note::new(
                format!(
                    "held on {} (the seed's date), the data have moved since: {}",
                    seed.date, result.verdict_note.en
                ),
                format!(
                    "在{}（原文日期）成立，此后数据已变化：{}",
                    seed.date, result.verdict_note.zh
                ),
            );
        }
        result.at_publication = Some(AtPublication {
            seed: seed.seed,
            date: seed.date,
            date_assumed: seed.assumed,
            value: then.value,
            data_through: then.data_through,
            verdict: then.verdict,
            note: then.verdict_note,
            trigger_reached: then.trigger_reached,
        });
    }
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
    let stored = compute_freshest(def, data, as_of);
    let cited = def
        .snapshot
        .as_deref()
        .and_then(|id| snapshot.get(id))
        .filter(|fact| fact.as_of <= as_of);
    let mut result = match (stored, cited) {
        (Ok(c), Some(fact)) if fact.as_of > c.0.date => from_snapshot(def, fact, as_of),
        (Ok((c, used)), _) => from_computed(def, data, c, used, as_of),
        (Err(_), Some(fact)) => from_snapshot(def, fact, as_of),
        (Err(missing), None) => no_data(def, missing),
    };
    verdicts::apply_period(def, data, snapshot, as_of, &mut result);
    verdicts::apply_basis(def, &mut result);
    verdicts::apply_fallback(def, &mut result, as_of);
    result
}

/// A computation over the definition's own sources, or over one of its
/// [`def::Alternative`]s when that has a newer value; with the alternative used (if any).
/// The sources not used are named in the details (`older equivalent source (not used)`).
pub fn compute_freshest<'d>(
    def: &'d CheckDef,
    data: &Dataset,
    as_of: Date,
) -> Result<(Computed, Option<&'d def::Alternative>), Missing> {
    let own = compute::run(def, data, as_of);
    if def.alternatives.is_empty() {
        return own.map(|c| (c, None));
    }
    let mut candidates: Vec<(Computed, Option<&def::Alternative>)> = Vec::new();
    let mut first_error = None;
    for (result, alt) in std::iter::once((own, None)).chain(
        def.alternatives
            .iter()
            .map(|a| (compute::run(&def.with_alternative(a), data, as_of), Some(a))),
    ) {
        match result {
            Ok(c) => candidates.push((c, alt)),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    let Some(best) = (0..candidates.len()).reduce(|b, i| {
        if candidates[i].0.date > candidates[b].0.date {
            i
        } else {
            b
        }
    }) else {
        return Err(first_error.unwrap_or(Missing::EmptySeries));
    };
    let others: Vec<String> = candidates
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, (c, _))| format!("{}, {}", c.sources.join(" ÷ "), c.date))
        .collect();
    let (mut chosen, alt) = candidates.swap_remove(best);
    for other in others {
        chosen.details.push(Detail::figure(
            "older equivalent source (not used)",
            "较旧的等效来源（未使用）",
            other,
        ));
    }
    Ok((chosen, alt))
}

/// Whether data dated `through` are late on `as_of` for a series published every `period`
/// days: more than three periods old (the period itself, one period of publication lag, and
/// two periods late), and for daily data more than seven days (weekends and holidays).
pub fn staleness(through: Date, as_of: Date, period_days: i64) -> bool {
    let allowed = (3 * period_days).max(7);
    i64::from((as_of - through).get_days()) > allowed
}

/// The publication period of a series in days: from its frequency code when the source gives
/// one, else from the spacing of its observations.
fn period_days(series: &crate::series::Series) -> i64 {
    match series.meta.frequency.chars().next() {
        Some('D') => 1,
        Some('W') => 7,
        Some('M') => 31,
        Some('Q') => 92,
        Some('A') | Some('Y') => 366,
        _ => match compute::typical_spacing_days(&series.points) {
            0..=3 => 1,
            4..=10 => 7,
            11..=45 => 31,
            46..=120 => 92,
            _ => 366,
        },
    }
}

fn from_computed(
    def: &CheckDef,
    data: &Dataset,
    c: Computed,
    alternative: Option<&def::Alternative>,
    as_of: Date,
) -> CheckResult {
    // The slowest source decides how late the value may be.
    let period = c
        .sources
        .iter()
        .filter_map(|id| data.get(id))
        .map(period_days)
        .max()
        .unwrap_or(1);
    let stale = staleness(c.date, as_of, period);
    let mut status = judge::status(c.value, &def.thresholds, def.direction);
    if let Some((floor, _)) = &c.floor {
        status = status.max(*floor);
    }
    let percentile = judge::percentile(&c.history, c.value, def.direction);
    let (mut verdict, mut verdict_note) = judge::verdict(
        &def.claim.rule,
        c.value,
        judge::raw_percentile(&c.history, c.value),
    );
    let mut c = c;
    if let VerdictRule::EventStudy { study } = &def.claim.rule
        && let Some((v, note, figures)) = crate::events::claim::judge(study, data, as_of)
    {
        (verdict, verdict_note) = (v, note);
        c.details.extend(figures);
    }
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
    // The trend covers the last 24 calendar months, however many of them have a value.
    let trend_from = crate::series::month_index(c.date) - 23;
    let trend_start = monthly.partition_point(|p| crate::series::month_index(p.0) < trend_from);
    CheckResult {
        id: def.id.clone(),
        module: def.module.clone(),
        status,
        value: Some(c.value),
        unit: def.unit.clone(),
        unit_zh: def.unit_zh.clone(),
        as_of: Some(c.date),
        percentile,
        data: DataOrigin::Stored,
        sources,
        verdict,
        verdict_note,
        details: c.details,
        remarks: c
            .floor
            .map(|(_, reason)| Detail::new(Note::new("status", "状态"), reason))
            .into_iter()
            .chain(alternative.filter(|a| !a.note.is_empty()).map(|a| {
                Detail::new(
                    Note::new("source used", "所用来源"),
                    Note::new(a.note.clone(), a.note_zh.clone()),
                )
            }))
            .collect(),
        trend: monthly[trend_start..].to_vec(),
        missing: None,
        history_start,
        scored: def.is_scored(),
        data_through: Some(c.date),
        stale,
        at_publication: None,
        trigger_reached: judge::trigger_reached(&def.claim.rule, c.value),
    }
}

/// A cited figure is a one-off: stale when more than a year old on the as-of date.
fn from_snapshot(def: &CheckDef, fact: &CitedFact, as_of: Date) -> CheckResult {
    let mut status = judge::status(fact.value, &def.thresholds, def.direction);
    if let Some(floor) = fact.status {
        status = status.max(floor);
    }
    let (verdict, verdict_note) = judge::verdict(&def.claim.rule, fact.value, None);
    let remarks = fact
        .note
        .iter()
        .map(|note| Detail::new(Note::new("note", "注"), note.clone()))
        .collect();
    CheckResult {
        id: def.id.clone(),
        module: def.module.clone(),
        status,
        value: Some(fact.value),
        unit: def.unit.clone(),
        unit_zh: def.unit_zh.clone(),
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
        data_through: Some(fact.as_of),
        stale: staleness(fact.as_of, as_of, 122),
        at_publication: None,
        trigger_reached: judge::trigger_reached(&def.claim.rule, fact.value),
    }
}

fn no_data(def: &CheckDef, missing: Missing) -> CheckResult {
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
        unit_zh: def.unit_zh.clone(),
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
        data_through: None,
        stale: false,
        at_publication: None,
        trigger_reached: None,
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

#[cfg(test)]
mod freshness_tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    fn series(id: &str, points: Vec<(Date, f64)>) -> Series {
        Series::new(
            SeriesMeta {
                id: id.to_string(),
                ..SeriesMeta::default()
            },
            points,
        )
    }

    fn quarterly(id: &str, last_year: i16, value: f64) -> Series {
        let points = (2020..=last_year)
            .flat_map(|y| [1, 4, 7, 10].map(|m| (date(y, m, 1), value)))
            .collect();
        series(id, points)
    }

    const DEF: &str = r#"
[[check]]
id = "debt_gdp"
module = "fiscal"
title = "t"
unit = "%"
compute = "latest"
series = ["OLD_COPY"]
direction = "higher_is_worse"
what = "w"
why = "w"
how = "h"
limits = "l"
[check.claim]
seed = "000"
text = "t"
rule = { kind = "above", threshold = 100.0 }
[[check.alternative]]
compute = "latest"
series = ["FRESH_COPY"]
note = "the carrier's ratio"
note_zh = "转载方的比率"
"#;

    #[test]
    fn the_freshest_equivalent_source_is_used_and_the_other_named() {
        let defs = def::parse_defs("t.toml", DEF).unwrap();
        let mut data = Dataset::default();
        data.insert(quarterly("OLD_COPY", 2024, 120.0));
        data.insert(quarterly("FRESH_COPY", 2026, 118.0));
        let r = evaluate_one(&defs[0], &data, &Snapshot::default(), date(2026, 12, 2));
        assert_eq!(r.value, Some(118.0));
        assert_eq!(r.data_through, Some(date(2026, 10, 1)));
        assert_eq!(r.sources[0].id, "FRESH_COPY");
        assert!(
            r.remarks
                .iter()
                .any(|d| d.label.en == "source used" && d.value.en == "the carrier's ratio")
        );
        assert!(
            r.details.contains(&Detail::figure(
                "older equivalent source (not used)",
                "较旧的等效来源（未使用）",
                "OLD_COPY, 2024-10-01"
            )),
            "{:?}",
            r.details
        );
        // On a tie the check's own source wins.
        let r = evaluate_one(&defs[0], &data, &Snapshot::default(), date(2024, 12, 31));
        assert_eq!(r.value, Some(120.0));
        assert!(r.remarks.is_empty());
    }

    #[test]
    fn stale_means_more_than_three_periods_old() {
        // Monthly data for July (dated 07-01): fine on 2026-09-30, stale from 2026-10-03.
        assert!(!staleness(date(2026, 7, 1), date(2026, 9, 30), 31));
        assert!(staleness(date(2026, 7, 1), date(2026, 10, 3), 31));
        // Daily: a long weekend is not stale, three weeks are.
        assert!(!staleness(date(2026, 8, 20), date(2026, 8, 25), 1));
        assert!(staleness(date(2026, 8, 20), date(2026, 9, 10), 1));
        // Quarterly GDP for 2024Q2 on 2026-12-02 is stale; 2026Q2 is not.
        assert!(staleness(date(2024, 4, 1), date(2026, 12, 2), 92));
        assert!(!staleness(date(2026, 4, 1), date(2026, 12, 2), 92));
    }

    #[test]
    fn copies_of_one_series_take_the_freshest() {
        let defs = def::parse_defs(
            "t.toml",
            &DEF.replace("[\"OLD_COPY\"]", "[\"OLD_COPY\", \"FRESH_COPY\"]"),
        )
        .unwrap();
        let mut def = defs[0].clone();
        def.alternatives.clear();
        let mut data = Dataset::default();
        data.insert(quarterly("OLD_COPY", 2024, 120.0));
        data.insert(quarterly("FRESH_COPY", 2026, 118.0));
        let r = evaluate_one(&def, &data, &Snapshot::default(), date(2026, 12, 2));
        assert_eq!(r.value, Some(118.0));
        assert!(!r.stale);
        data.series.remove("FRESH_COPY");
        let r = evaluate_one(&def, &data, &Snapshot::default(), date(2026, 12, 2));
        assert_eq!(r.data_through, Some(date(2024, 10, 1)));
        assert!(r.stale, "a two-year-old quarterly figure");
    }
}
