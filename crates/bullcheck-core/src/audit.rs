//! The audit: every check evaluated as of a date, module scores and the overall rating.
//!
//! The aggregation (documented in docs/rating.md):
//! - only *checks* are scored: a figure without thresholds is a *fact*, shown but never
//!   scored ([`CheckDef::is_scored`]);
//! - a check's score (0-100) is the mean of its status points (ok 0, watch 33.3, warning 66.7,
//!   critical 100) and its oriented percentile when it has one, else its status points;
//!   checks with no data are left out;
//! - a module's score is the mean of its checks' scores;
//! - the overall score is the mean of the module scores (each module weighs the same, so a
//!   module with many checks does not dominate);
//! - levels: low < 20 ≤ guarded < 40 ≤ elevated < 60 ≤ high < 80 ≤ critical;
//! - every score states its coverage: how many scored checks have data and how old it is;
//! - two gauges beside the headline ([`gauges`]): vulnerability (slow) and stress (fast).

pub mod gauges;

use crate::checks::{self, CheckDef, CheckResult, DataOrigin, Status};
use crate::scoring::skill::MeasuredSkill;
use crate::series::{Dataset, Date};
use crate::snapshot::Snapshot;
use crate::stats::mean;
use crate::vocab::Note;

/// The five rating levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Low,
    Guarded,
    Elevated,
    High,
    Critical,
}

impl Level {
    pub fn from_score(score: f64) -> Level {
        match score {
            s if s < 20.0 => Level::Low,
            s if s < 40.0 => Level::Guarded,
            s if s < 60.0 => Level::Elevated,
            s if s < 80.0 => Level::High,
            _ => Level::Critical,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Guarded => "guarded",
            Level::Elevated => "elevated",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }
}

/// A module's aggregate.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleScore {
    pub id: String,
    /// `None` when no scored check of the module has data.
    pub score: Option<f64>,
    pub level: Option<Level>,
    /// Every definition of the module (checks and facts).
    pub checks: usize,
    /// Scored checks with data (what the score is the mean of).
    pub with_data: usize,
    /// Scored checks (with or without data).
    pub scored: usize,
    /// Unscored facts.
    pub facts: usize,
}

/// How much of a score's evidence exists and how old it is.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Coverage {
    /// Scored checks that could contribute.
    pub scored: usize,
    /// Of those, checks with data (the score is their mean).
    pub with_data: usize,
    /// The oldest value date among the checks with data.
    pub oldest: Option<Date>,
    /// The median age in days of those values, counted to the as-of date.
    pub median_age_days: Option<i64>,
}

impl Coverage {
    /// The coverage of `results` (scored ones only) as of `as_of`.
    pub fn of<'a>(results: impl IntoIterator<Item = &'a CheckResult>, as_of: Date) -> Coverage {
        let mut scored = 0;
        let mut dates = Vec::new();
        for r in results.into_iter().filter(|r| r.scored) {
            scored += 1;
            if check_score(r).is_some()
                && let Some(d) = r.as_of
            {
                dates.push(d);
            }
        }
        let mut ages: Vec<i64> = dates
            .iter()
            .filter_map(|d| d.until(as_of).ok().map(|span| i64::from(span.get_days())))
            .collect();
        ages.sort_unstable();
        Coverage {
            scored,
            with_data: dates.len(),
            oldest: dates.iter().min().copied(),
            median_age_days: (!ages.is_empty()).then(|| ages[ages.len() / 2]),
        }
    }
}

/// One of the two gauges beside the headline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gauge {
    pub score: Option<f64>,
    pub level: Option<Level>,
    pub coverage: Coverage,
}

/// A probability that an event starts within twelve months (see `forecast`), attached by the
/// caller, which holds the whole dataset the model is fitted on. Which model, and whether the
/// forecast is still current, follow docs/rating.md §8b (`forecast::choice`).
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastSummary {
    /// `recession_12m` or `drawdown20_12m`.
    pub event: String,
    /// Probability 0–1; `None` when the model could not be fitted yet.
    pub probability: Option<f64>,
    /// The month-end the forecast is made at (its inputs are dated on or before it).
    pub as_of: Option<Date>,
    /// The model's short description.
    pub model: String,
    /// Its inputs' ids, `term_spread + ebp`.
    pub inputs: String,
    /// Out-of-sample skill from 1990 on months whose window closed by the as-of date: AUROC
    /// with its 95% block-bootstrap interval, Brier score, the base rate's Brier score and
    /// the months scored.
    pub auroc: Option<f64>,
    pub auroc_ci: Option<(f64, f64)>,
    pub brier: Option<f64>,
    pub brier_base_rate: Option<f64>,
    pub n_months: usize,
    /// `false` when the as-of date is past the forecast's 12-month window: it is expired.
    pub current: bool,
    /// For an expired forecast: whether the event started in its window (when the data show).
    pub outcome: Option<bool>,
    /// How the model was chosen (the parsimony rule and its numbers).
    pub choice: Note,
    /// Why the chosen specification gave way to the term spread alone, if it did.
    pub fallback: Option<Note>,
}

impl ForecastSummary {
    /// The reading of the AUROC interval (docs/rating.md §8a).
    pub fn reading(&self) -> crate::scoring::skill::Reading {
        use crate::scoring::skill::Reading;
        match (self.auroc, self.auroc_ci) {
            (Some(_), Some((lo, _))) if lo > 0.5 => Reading::Skill,
            (Some(_), Some((_, hi))) if hi < 0.5 => Reading::Inverse,
            (Some(_), Some(_)) => Reading::NoSkill,
            _ => Reading::Unmeasured,
        }
    }
}

/// The whole audit.
#[derive(Debug, Clone)]
pub struct Audit {
    pub as_of: Date,
    pub checks: Vec<CheckResult>,
    pub defs: Vec<CheckDef>,
    pub modules: Vec<ModuleScore>,
    /// The headline: the mean of the module scores (scored checks only).
    pub score: Option<f64>,
    pub level: Option<Level>,
    /// The headline's coverage over every scored check.
    pub coverage: Coverage,
    /// Slow variables (valuation, leverage, fiscal, concentration, zombie share).
    pub vulnerability: Gauge,
    /// Fast variables (spreads, volatility, curve, Sahm, financial conditions).
    pub stress: Gauge,
    /// The headline recomputed without any bundled cited figure: what `bullcheck history`
    /// computes for the same month from the same store.
    pub stored_only_score: Option<f64>,
    /// The newest observation date behind any value shown.
    pub data_through: Option<Date>,
    /// 12-month event probabilities (empty unless the caller fitted them).
    pub forecasts: Vec<ForecastSummary>,
    /// The measured skill of the headline and the gauges (empty unless the caller measured
    /// it on the stored track record: `history::headline::headline_skill`).
    pub skill: HeadlineSkill,
    /// The checks that move the headline most (leave-one-out, [`drivers`]).
    pub drivers: Vec<Driver>,
}

/// The measured skill of the headline numbers (docs/rating.md §8a); an empty list means not
/// measured.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeadlineSkill {
    pub rating: Vec<MeasuredSkill>,
    pub vulnerability: Vec<MeasuredSkill>,
    pub stress: Vec<MeasuredSkill>,
}

impl HeadlineSkill {
    pub fn is_measured(&self) -> bool {
        !(self.rating.is_empty() && self.vulnerability.is_empty() && self.stress.is_empty())
    }
}

/// A check that moves the headline: how many points the headline would lose (or gain, when
/// negative) without it.
#[derive(Debug, Clone, PartialEq)]
pub struct Driver {
    pub id: String,
    /// Headline score minus the headline recomputed without this check (points, 0–100 scale).
    pub contribution: f64,
    /// The check's own score (0–100).
    pub check_score: f64,
}

/// How many drivers the headline lists.
pub const DRIVERS: usize = 5;

/// The [`DRIVERS`] scored checks whose removal changes the headline most (by absolute
/// change; ties by id), each with its leave-one-out contribution.
pub fn drivers(results: &[CheckResult], score: Option<f64>) -> Vec<Driver> {
    let Some(score) = score else {
        return Vec::new();
    };
    let mut out: Vec<Driver> = results
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let own = check_score(r)?;
            let without = headline_without(results, i).unwrap_or(0.0);
            Some(Driver {
                id: r.id.clone(),
                contribution: score - without,
                check_score: own,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.contribution
            .abs()
            .total_cmp(&a.contribution.abs())
            .then_with(|| a.id.cmp(&b.id))
    });
    out.truncate(DRIVERS);
    out
}

/// A check's contribution to its module score, `None` without data or for an unscored fact.
pub fn check_score(result: &CheckResult) -> Option<f64> {
    if !result.scored {
        return None;
    }
    let points = result.status.points()?;
    Some(match result.percentile {
        Some(p) => (points + p) / 2.0,
        None => points,
    })
}

/// The module scores and the headline of `results`.
pub fn aggregate(results: &[CheckResult]) -> (Vec<ModuleScore>, Option<f64>) {
    let mut modules = Vec::new();
    for module in checks::def::MODULES {
        let in_module: Vec<&CheckResult> = results.iter().filter(|r| r.module == module).collect();
        if in_module.is_empty() {
            continue;
        }
        let scores: Vec<f64> = in_module.iter().filter_map(|r| check_score(r)).collect();
        let score = mean(&scores);
        let scored = in_module.iter().filter(|r| r.scored).count();
        modules.push(ModuleScore {
            id: module.to_string(),
            score,
            level: score.map(Level::from_score),
            checks: in_module.len(),
            with_data: scores.len(),
            scored,
            facts: in_module.len() - scored,
        });
    }
    let module_scores: Vec<f64> = modules.iter().filter_map(|m| m.score).collect();
    (modules, mean(&module_scores))
}

/// The headline of `results` without the one at `skip` (the aggregation of [`aggregate`]).
fn headline_without(results: &[CheckResult], skip: usize) -> Option<f64> {
    let module_scores: Vec<f64> = checks::def::MODULES
        .iter()
        .filter_map(|module| {
            let scores: Vec<f64> = results
                .iter()
                .enumerate()
                .filter(|(j, r)| *j != skip && r.module == *module)
                .filter_map(|(_, r)| check_score(r))
                .collect();
            mean(&scores)
        })
        .collect();
    mean(&module_scores)
}

/// Runs `defs` as of `as_of` and aggregates.
pub fn run(defs: Vec<CheckDef>, data: &Dataset, snapshot: &Snapshot, as_of: Date) -> Audit {
    let mut results = checks::evaluate(&defs, data, snapshot, as_of);
    checks::judge_at_publication(&mut results, &defs, data, snapshot, as_of);
    let (modules, score) = aggregate(&results);
    // The same results with no cited figure: a check that used one is evaluated again on the
    // stored data alone (exactly what `history` does with its empty snapshot).
    let stored_only: Vec<CheckResult> = results
        .iter()
        .zip(&defs)
        .map(|(r, def)| {
            if r.data == DataOrigin::Snapshot {
                checks::evaluate_one(def, data, &Snapshot::default(), as_of)
            } else {
                r.clone()
            }
        })
        .collect();
    let (_, stored_only_score) = aggregate(&stored_only);
    let data_through = results
        .iter()
        .filter(|r| r.data != DataOrigin::None)
        .filter_map(|r| r.data_through.or(r.as_of))
        .filter(|d| *d <= as_of)
        .max();
    let drivers = drivers(&results, score);
    Audit {
        as_of,
        coverage: Coverage::of(&results, as_of),
        vulnerability: gauges::gauge(gauges::Gauge::Vulnerability, &results, as_of),
        stress: gauges::gauge(gauges::Gauge::Stress, &results, as_of),
        checks: results,
        defs,
        modules,
        score,
        level: score.map(Level::from_score),
        stored_only_score,
        data_through,
        forecasts: Vec::new(),
        skill: HeadlineSkill::default(),
        drivers,
    }
}

impl Audit {
    /// The worst status among the checks.
    pub fn worst_status(&self) -> Status {
        self.checks
            .iter()
            .map(|c| c.status)
            .max()
            .unwrap_or(Status::NoData)
    }

    pub fn def(&self, id: &str) -> Option<&CheckDef> {
        self.defs.iter().find(|d| d.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_documented_cutoffs() {
        assert_eq!(Level::from_score(0.0), Level::Low);
        assert_eq!(Level::from_score(19.99), Level::Low);
        assert_eq!(Level::from_score(20.0), Level::Guarded);
        assert_eq!(Level::from_score(59.9), Level::Elevated);
        assert_eq!(Level::from_score(60.0), Level::High);
        assert_eq!(Level::from_score(80.0), Level::Critical);
    }

    #[test]
    fn empty_data_gives_snapshot_or_no_data_for_every_check() {
        let audit = run(
            checks::builtin_defs(),
            &Dataset::default(),
            &Snapshot::default(),
            jiff::civil::date(2026, 1, 1),
        );
        assert!(audit.checks.iter().all(|c| c.status == Status::NoData));
        assert_eq!(audit.score, None);
    }

    /// A figure without thresholds (e.g. the HSBC funding-gap estimate, a cited figure) is a
    /// fact: `scored: false`, no contribution, and removing every fact changes no score.
    #[test]
    fn no_figure_without_thresholds_is_scored() {
        let defs = checks::builtin_defs();
        let snapshot = crate::snapshot::bundled();
        let as_of = jiff::civil::date(2026, 11, 1);
        let audit = run(defs.clone(), &Dataset::default(), &snapshot, as_of);
        for c in &audit.checks {
            let t = &audit.def(&c.id).unwrap().thresholds;
            let has_thresholds = t.watch.is_some() || t.warning.is_some() || t.critical.is_some();
            let tripwire = audit.def(&c.id).unwrap().compute.has_tripwire();
            assert_eq!(c.scored, has_thresholds || tripwire, "{}", c.id);
            if !c.scored {
                assert_eq!(check_score(c), None, "{}", c.id);
            }
        }
        let gap = audit
            .checks
            .iter()
            .find(|c| c.id == "ai_hsbc_funding_gap")
            .unwrap();
        assert!(!gap.scored && gap.value.is_some());
        let without_facts = run(
            defs.into_iter().filter(CheckDef::is_scored).collect(),
            &Dataset::default(),
            &snapshot,
            as_of,
        );
        assert!(audit.score.is_some());
        assert_eq!(audit.score, without_facts.score);
        let scores = |a: &Audit| a.modules.iter().map(|m| m.score).collect::<Vec<_>>();
        assert_eq!(scores(&audit), scores(&without_facts));
        assert_eq!(audit.coverage.scored, without_facts.checks.len());
        // The JSON contract carries the flag on every result.
        let doc: serde_json::Value = serde_json::from_str(&crate::report::json::render(
            &audit,
            crate::report::Lang::En,
        ))
        .unwrap();
        let flag = |id: &str| {
            doc["checks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == id)
                .unwrap()["scored"]
                .clone()
        };
        assert_eq!(flag("ai_hsbc_funding_gap"), serde_json::json!(false));
        assert_eq!(flag("fiscal_10y_5pct"), serde_json::json!(true));
        assert!(doc["rating"]["vulnerability"]["coverage"]["scored_checks"].is_u64());
    }

    /// Oracle: each driver's contribution equals the headline minus the headline of a whole
    /// new audit run without that check's definition; the list holds the largest changes.
    #[test]
    fn drivers_are_the_leave_one_out_changes_of_the_headline() {
        let defs = checks::builtin_defs();
        let snapshot = crate::snapshot::bundled();
        let as_of = jiff::civil::date(2026, 11, 1);
        let audit = run(defs.clone(), &Dataset::default(), &snapshot, as_of);
        assert_eq!(audit.drivers.len(), DRIVERS);
        let score = audit.score.unwrap();
        let mut all = Vec::new();
        for def in defs.iter().filter(|d| d.is_scored()) {
            let without = run(
                defs.iter().filter(|d| d.id != def.id).cloned().collect(),
                &Dataset::default(),
                &snapshot,
                as_of,
            );
            if check_score(audit.checks.iter().find(|c| c.id == def.id).unwrap()).is_some() {
                all.push((def.id.clone(), score - without.score.unwrap()));
            }
        }
        all.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.cmp(&b.0)));
        for (driver, (id, change)) in audit.drivers.iter().zip(&all) {
            assert_eq!(&driver.id, id);
            assert!((driver.contribution - change).abs() < 1e-9, "{id}");
        }
    }

    /// With only cited figures, the stored-only headline (what history computes) is empty.
    #[test]
    fn stored_only_score_ignores_cited_figures() {
        let audit = run(
            checks::builtin_defs(),
            &Dataset::default(),
            &crate::snapshot::bundled(),
            jiff::civil::date(2026, 11, 1),
        );
        assert!(audit.score.is_some());
        assert_eq!(audit.stored_only_score, None);
    }
}
