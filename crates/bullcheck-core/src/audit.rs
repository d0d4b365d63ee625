//! The audit: every check evaluated as of a date, module scores and the overall rating.
//!
//! The aggregation (documented in docs/rating.md):
//! - a check's score (0-100) is the mean of its status points (ok 0, watch 33.3, warning 66.7,
//!   critical 100) and its oriented percentile when it has one, else its status points;
//!   checks with no data are left out;
//! - a module's score is the mean of its checks' scores;
//! - the overall score is the mean of the module scores (each module weighs the same, so a
//!   module with many checks does not dominate);
//! - levels: low < 20 ≤ guarded < 40 ≤ elevated < 60 ≤ high < 80 ≤ critical.

use crate::checks::{self, CheckDef, CheckResult, Status};
use crate::series::{Dataset, Date};
use crate::snapshot::Snapshot;

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
    /// `None` when no check of the module has data.
    pub score: Option<f64>,
    pub level: Option<Level>,
    pub checks: usize,
    pub with_data: usize,
}

/// The whole audit.
#[derive(Debug, Clone)]
pub struct Audit {
    pub as_of: Date,
    pub checks: Vec<CheckResult>,
    pub defs: Vec<CheckDef>,
    pub modules: Vec<ModuleScore>,
    pub score: Option<f64>,
    pub level: Option<Level>,
}

/// A check's contribution to its module score, `None` without data.
pub fn check_score(result: &CheckResult) -> Option<f64> {
    let points = result.status.points()?;
    Some(match result.percentile {
        Some(p) => (points + p) / 2.0,
        None => points,
    })
}

/// Runs `defs` as of `as_of` and aggregates.
pub fn run(defs: Vec<CheckDef>, data: &Dataset, snapshot: &Snapshot, as_of: Date) -> Audit {
    let mut results = checks::evaluate(&defs, data, snapshot, as_of);
    checks::judge_at_publication(&mut results, &defs, data, snapshot, as_of);
    let mut modules = Vec::new();
    for module in checks::def::MODULES {
        let in_module: Vec<&CheckResult> = results.iter().filter(|r| r.module == module).collect();
        if in_module.is_empty() {
            continue;
        }
        let scores: Vec<f64> = in_module.iter().filter_map(|r| check_score(r)).collect();
        let score = mean(&scores);
        modules.push(ModuleScore {
            id: module.to_string(),
            score,
            level: score.map(Level::from_score),
            checks: in_module.len(),
            with_data: scores.len(),
        });
    }
    let module_scores: Vec<f64> = modules.iter().filter_map(|m| m.score).collect();
    let score = mean(&module_scores);
    Audit {
        as_of,
        checks: results,
        defs,
        modules,
        score,
        level: score.map(Level::from_score),
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
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
}
