//! `stress validate`: the model's index change against what happened (replays) and against the
//! Fed's own equity path (DFAST severely adverse scenarios).
//!
//! - What: one row per replay and per stored DFAST severely adverse scenario — model change,
//!   realised (or Fed) change, error, sign hit — with the mean absolute error and the sign hit
//!   rate over the replays.
//! - Why: a stress test is credible only with its track record beside it (issue 10).
//! - How: each replay runs with both regressions (earnings, multiple) estimated without the
//!   quarters of its own episode (leave-one-episode-out, [`super::run_excluding`]); DFAST
//!   scenarios are hypothetical, so they use the full sample. Deterministic (no Monte Carlo).
//! - Limits: five replays are a small sample; the covariance (used only for variables a
//!   scenario does not shock) is estimated on the full sample.

use serde::Serialize;

use super::scenario::Scenario;
use super::{RunOptions, run_excluding};
use crate::series::Dataset;
use crate::vocab::{Lang, Note};

/// One validated scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidationRow {
    pub scenario: String,
    /// `replay` or `dfast`.
    pub kind: String,
    /// The model's index change, simple %.
    pub model_change_pct: f64,
    /// What happened (replay) or the Fed's path (DFAST), simple %.
    pub realised_change_pct: f64,
    /// model − realised, pp.
    pub error_pp: f64,
    pub sign_hit: bool,
    /// The date range left out of the regressions (`None` for DFAST).
    pub left_out: Option<String>,
    /// The model's decomposition: earnings, multiple, other channels (%).
    pub earnings_pct: f64,
    pub multiple_pct: f64,
}

/// A scenario without an equity path of its own, with the model's index change (e.g. the
/// seed scenarios the issue requires to lower the index).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DirectionRow {
    pub scenario: String,
    pub model_change_pct: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    pub rows: Vec<ValidationRow>,
    /// Mean absolute error over the replays, pp.
    pub replay_mae_pp: Option<f64>,
    pub replay_sign_hits: usize,
    pub replays: usize,
    pub dfast_mae_pp: Option<f64>,
    pub directions: Vec<DirectionRow>,
    /// Scenarios that could not be validated, with why.
    pub skipped: Vec<Note>,
    pub method: Note,
}

pub const METHOD: &str = "replays: earnings and multiple regressions re-estimated without the \
quarters of the episode (leave-one-episode-out); DFAST severely adverse: full-sample estimates, \
compared with the Fed's Dow Jones Total Stock Market path from its own jump-off; deterministic";
/// [`METHOD`] in Chinese.
pub const METHOD_ZH: &str = "重演：剔除该事件期间的季度后重新估计盈利和估值倍数回归\
（逐一剔除事件）；DFAST严重不利情景：使用全样本估计，与美联储自身起点出发的\
Dow Jones Total Stock Market路径比较；确定性计算";

/// Validates `scenarios` (replays and DFAST scenarios with an equity path; others are reported
/// as directions).
pub fn validate(scenarios: &[Scenario], data: &Dataset) -> Validation {
    let options = RunOptions {
        paths: 0,
        seed: 1,
        innovations: super::montecarlo::Innovations::Normal,
        window: super::history::Window::default(),
    };
    let mut rows = Vec::new();
    let mut directions = Vec::new();
    let mut skipped = Vec::new();
    for s in scenarios {
        let excluded: Vec<_> = s.replay.iter().map(|r| (r.start, r.end)).collect();
        let report = match run_excluding(s, data, options, &excluded) {
            Ok(r) => r,
            Err(no_data) => {
                skipped.push(Note::new(
                    format!("{}: {no_data}", s.name),
                    format!("{}：{}", s.name, no_data.text(Lang::Zh)),
                ));
                continue;
            }
        };
        let Some(check) = report.equity_check else {
            skipped.push(Note::new(
                format!("{}: no equity check", s.name),
                format!("{}：没有股票核对", s.name),
            ));
            continue;
        };
        match check.scenario_change_pct {
            Some(realised) if s.replay.is_some() || s.dfast.is_some() => {
                let model = check.model_change_pct;
                rows.push(ValidationRow {
                    scenario: s.name.clone(),
                    kind: if s.replay.is_some() {
                        "replay"
                    } else {
                        "dfast"
                    }
                    .into(),
                    model_change_pct: model,
                    realised_change_pct: realised,
                    error_pp: model - realised,
                    sign_hit: model.signum() == realised.signum(),
                    left_out: s.replay.as_ref().map(|r| format!("{}..{}", r.start, r.end)),
                    earnings_pct: check.decomposition.earnings_pct,
                    multiple_pct: check.decomposition.multiple_pct,
                });
            }
            _ if s.replay.is_some() || s.dfast.is_some() => skipped.push(Note::new(
                format!(
                    "{}: no stored equity path (import the S&P 500 or the DFAST table)",
                    s.name
                ),
                format!("{}：没有存储的股票路径（导入S&P 500或DFAST表）", s.name),
            )),
            _ => directions.push(DirectionRow {
                scenario: s.name.clone(),
                model_change_pct: check.model_change_pct,
            }),
        }
    }
    let mae = |kind: &str| {
        let errors: Vec<f64> = rows
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.error_pp.abs())
            .collect();
        (!errors.is_empty()).then(|| errors.iter().sum::<f64>() / errors.len() as f64)
    };
    let replays: Vec<&ValidationRow> = rows.iter().filter(|r| r.kind == "replay").collect();
    Validation {
        replay_mae_pp: mae("replay"),
        replay_sign_hits: replays.iter().filter(|r| r.sign_hit).count(),
        replays: replays.len(),
        dfast_mae_pp: mae("dfast"),
        rows,
        directions,
        skipped,
        method: Note::new(METHOD, METHOD_ZH),
    }
}
