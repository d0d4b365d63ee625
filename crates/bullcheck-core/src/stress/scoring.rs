//! Scoring the stress model on the frozen episodes (issue 23, docs/transmission.md §9).
//!
//! - What: for each episode of `scenarios/episodes.csv`, in attribution mode (every stored
//!   variable's realised change given) or forward mode (only the episode's driver given), the
//!   model's index change, the naive challenger's (the statistical conditional expectation of
//!   the S&P 500 given the same inputs), and the model's Monte Carlo 90% band; then bias, MAE,
//!   sign hits and band coverage per set.
//! - Why: a stress model is trusted only with an out-of-sample track record in the way it is
//!   used (SR 11-7-style validation: attribution and forward mode).
//! - How: each episode becomes a replay scenario (horizon: its length in quarters, rounded up)
//!   run with its own quarters left out of the regressions ([`super::run_excluding`]).
//! - Limits: the covariance (conditional expectations, Monte Carlo) is full-sample; a sign hit
//!   needs model × realised > 0 (an exact 0 is a miss); no band counts as not covered.

use serde::Serialize;

use super::episodes::Episode;
use super::montecarlo::Innovations;
use super::scenario::{NoData, Replay, Scenario};
use super::variables::{Parameters, Variable};
use super::{RunOptions, history::Window, run_excluding};
use crate::series::Dataset;

/// Which inputs a replay gives the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Every stored variable's realised change.
    Attribution,
    /// Only the episode's driver.
    Forward,
}

/// One scored episode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpisodeScore {
    pub id: String,
    pub set: String,
    pub mode: Mode,
    pub realised_pct: f64,
    pub model_pct: f64,
    /// The naive challenger (conditional expectation of the S&P 500), `None` when not
    /// computable.
    pub challenger_pct: Option<f64>,
    /// The model's Monte Carlo 5th and 95th percentiles of the index change, when it disperses.
    pub band: Option<(f64, f64)>,
}

/// Bias, MAE and sign hits of one forecaster over a set of episodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skill {
    pub n: usize,
    pub bias_pp: f64,
    pub mae_pp: f64,
    pub sign_hits: usize,
}

/// The summary of one set in one mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub model: Skill,
    pub challenger: Skill,
    /// Episodes whose realised change lies within the model's 90% band.
    pub covered: usize,
}

/// The replay scenario of `episode` in `mode`.
pub fn scenario(episode: &Episode, mode: Mode) -> Scenario {
    let days = (episode.end - episode.start).get_days();
    let drivers = match mode {
        Mode::Attribution => Vec::new(),
        Mode::Forward => Variable::from_name(&episode.driver).into_iter().collect(),
    };
    Scenario {
        name: episode.id.clone(),
        title: episode.id.clone(),
        title_zh: String::new(),
        description: String::new(),
        description_zh: String::new(),
        citations: Vec::new(),
        horizon_quarters: u32::try_from(((days + 90) / 91).clamp(1, 40)).unwrap_or(1),
        shocks: Vec::new(),
        parameters: Parameters::default(),
        replay: Some(Replay {
            start: episode.start,
            end: episode.end,
            drivers,
        }),
        dfast: None,
        hold: Vec::new(),
    }
}

/// Scores one episode (`paths` Monte Carlo paths for the band; 0: no band).
pub fn score(
    episode: &Episode,
    mode: Mode,
    data: &Dataset,
    paths: u64,
) -> Result<EpisodeScore, NoData> {
    let s = scenario(episode, mode);
    let options = RunOptions {
        paths,
        seed: 1,
        innovations: Innovations::Normal,
        window: Window::default(),
    };
    let report = run_excluding(&s, data, options, &[(episode.start, episode.end)])?;
    let check = report.equity_check.as_ref();
    let band = report
        .outputs
        .iter()
        .find(|o| o.name == "index_fair_value")
        .and_then(|o| o.percentiles.as_ref())
        .map(|p| (p.p5, p.p95));
    Ok(EpisodeScore {
        id: episode.id.clone(),
        set: episode.set.clone(),
        mode,
        realised_pct: episode.change_pct(),
        model_pct: check.map_or(f64::NAN, |c| c.model_change_pct),
        challenger_pct: check.and_then(|c| c.conditional_expectation_pct),
        band,
    })
}

fn skill(pairs: &[(f64, f64)]) -> Skill {
    let n = pairs.len();
    let errors: Vec<f64> = pairs.iter().map(|(m, r)| m - r).collect();
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len().max(1) as f64;
    Skill {
        n,
        bias_pp: mean(&errors),
        mae_pp: mean(&errors.iter().map(|e| e.abs()).collect::<Vec<_>>()),
        sign_hits: pairs.iter().filter(|(m, r)| m * r > 0.0).count(),
    }
}

/// Bias, MAE, sign hits and coverage of `rows`. A non-finite model or challenger value counts
/// as an error of the full realised move (a forecast of 0) and a sign miss.
pub fn summarise(rows: &[EpisodeScore]) -> Summary {
    let or_zero = |x: f64| if x.is_finite() { x } else { 0.0 };
    let model: Vec<(f64, f64)> = rows
        .iter()
        .map(|r| (or_zero(r.model_pct), r.realised_pct))
        .collect();
    let challenger: Vec<(f64, f64)> = rows
        .iter()
        .map(|r| (or_zero(r.challenger_pct.unwrap_or(0.0)), r.realised_pct))
        .collect();
    Summary {
        model: skill(&model),
        challenger: skill(&challenger),
        covered: rows
            .iter()
            .filter(|r| {
                r.band
                    .is_some_and(|(lo, hi)| r.realised_pct >= lo && r.realised_pct <= hi)
            })
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(model: f64, realised: f64, band: Option<(f64, f64)>) -> EpisodeScore {
        EpisodeScore {
            id: "x".into(),
            set: "heldout".into(),
            mode: Mode::Forward,
            realised_pct: realised,
            model_pct: model,
            challenger_pct: None,
            band,
        }
    }

    #[test]
    fn summary_by_hand() {
        // Errors +10, −20, −40 (NaN forecasts 0); one sign right; one realised move in its band.
        let rows = [
            row(-10.0, -20.0, Some((-30.0, -5.0))),
            row(-10.0, 10.0, Some((-30.0, -5.0))),
            row(f64::NAN, 40.0, None),
        ];
        let s = summarise(&rows);
        assert_eq!(s.model.n, 3);
        assert!((s.model.bias_pp - (10.0 - 20.0 - 40.0) / 3.0).abs() < 1e-12);
        assert!((s.model.mae_pp - 70.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.model.sign_hits, 1);
        assert_eq!(s.covered, 1);
        // The absent challenger forecasts 0: MAE is the mean |realised|, no sign hit.
        assert!((s.challenger.mae_pp - 70.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.challenger.sign_hits, 0);
    }
}
