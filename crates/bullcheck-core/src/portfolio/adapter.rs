//! The ONE place the portfolio reads the stress model: a scenario's result → the changes of
//! the variables the asset classes are priced from.
//!
//! What: [`scenario_moves`] turns a [`crate::stress::Report`] (and its [`Scenario`], for the
//! replay window) into [`ModelMoves`]: the 10-year yield, high-yield spread and VIX changes
//! with today's levels, the model's equity index change, the scenario's own equity path when
//! it has one (DFAST, replays), the AI earnings change, and the distribution of the model's
//! equity change when the run had Monte Carlo paths.
//! Why: the stress model is being rewritten (earnings channel, multiple at today's yield,
//! robust estimation); everything else in `portfolio/` depends on `ModelMoves` only, so
//! rewiring the portfolio to a new model means changing this function and nothing else.
//! How: the report's outputs give each market variable's base and shocked level; the change
//! is shocked − base. The model's equity change is `equity_check.model_change_pct` when the
//! scenario shocks the index, else the `index_fair_value` output (same quantity).
//! Limits: the 2- and 30-year yields are not stress variables; `super::assets` derives them
//! from the 10-year with fits on stored DGS2/DGS30 (or, in replays, from what they did).
//! The distribution is the marginal one of the equity change; see `docs/portfolio.md`.

use serde::Serialize;

use crate::stress::Report;
use crate::stress::scenario::Scenario;

/// Percentiles of a change (the unit of the field that holds them).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread5 {
    pub p1: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

/// What a scenario does to the variables the portfolio prices from. `None`: the stress run
/// could not compute it (series not stored, a level beyond its floor).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelMoves {
    pub scenario: String,
    pub title: String,
    pub title_zh: String,
    /// `seed`, `replay`, `dfast` or `file`-style scenarios all read the same fields.
    pub kind: String,
    pub horizon_quarters: u32,
    /// Replay window (ISO dates) when the scenario replays history.
    pub replay: Option<(String, String)>,
    /// Today's levels (latest stored) and the scenario's changes.
    pub ust10y_level: Option<f64>,
    pub ust10y_change_pp: Option<f64>,
    pub hy_oas_level: Option<f64>,
    pub hy_oas_change_pp: Option<f64>,
    pub vix_level: Option<f64>,
    pub vix_change_pts: Option<f64>,
    /// The transmission model's equity index change, %.
    pub equity_model_pct: Option<f64>,
    /// The scenario's own equity path, % (DFAST's stock index, a replay's S&P 500).
    pub equity_scenario_pct: Option<f64>,
    /// The model's AI earnings change, %.
    pub ai_earnings_pct: Option<f64>,
    /// Monte Carlo percentiles of the model's equity change, % (None without paths).
    pub equity_model_distribution: Option<Spread5>,
    pub paths: u64,
    pub seed: u64,
}

/// The adapter. See the module documentation.
pub fn scenario_moves(scenario: &Scenario, report: &Report) -> ModelMoves {
    let output = |name: &str| report.outputs.iter().find(|o| o.name == name);
    let level_change = |name: &str| {
        let o = output(name)?;
        Some((o.base?, o.shocked? - o.base?))
    };
    let (ust10y_level, ust10y_change_pp) = split(level_change("ust10y"));
    let (hy_oas_level, hy_oas_change_pp) = split(level_change("hy_oas"));
    let (vix_level, vix_change_pts) = split(level_change("vix"));
    let fair = output("index_fair_value");
    let equity_model_pct = report
        .equity_check
        .as_ref()
        .map(|e| e.model_change_pct)
        .or_else(|| fair.and_then(|o| o.shocked))
        .filter(|x| x.is_finite());
    let kind = if scenario.replay.is_some() {
        "replay"
    } else if scenario.dfast.is_some() {
        "dfast"
    } else {
        "seed"
    };
    ModelMoves {
        scenario: report.scenario.clone(),
        title: scenario.title.clone(),
        title_zh: scenario.title_zh.clone(),
        kind: kind.to_string(),
        horizon_quarters: report.horizon_quarters,
        replay: scenario
            .replay
            .as_ref()
            .map(|r| (r.start.to_string(), r.end.to_string())),
        ust10y_level,
        ust10y_change_pp,
        hy_oas_level,
        hy_oas_change_pp,
        vix_level,
        vix_change_pts,
        equity_model_pct,
        equity_scenario_pct: report
            .equity_check
            .as_ref()
            .map(|e| e.scenario_change_pct)
            .filter(|x| x.is_finite()),
        ai_earnings_pct: output("ai_earnings")
            .and_then(|o| o.shocked)
            .filter(|x| x.is_finite()),
        equity_model_distribution: fair.and_then(|o| o.percentiles.as_ref()).map(|p| Spread5 {
            p1: p.p1,
            p5: p.p5,
            p50: p.p50,
            p95: p.p95,
            p99: p.p99,
        }),
        paths: report.paths,
        seed: report.seed,
    }
}

fn split(x: Option<(f64, f64)>) -> (Option<f64>, Option<f64>) {
    match x {
        Some((l, c)) if l.is_finite() && c.is_finite() => (Some(l), Some(c)),
        Some((l, _)) if l.is_finite() => (Some(l), None),
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Dataset, Series, SeriesMeta};
    use crate::stress::montecarlo::Innovations;
    use crate::stress::scenario::parse_scenario;
    use crate::stress::{RunOptions, run};
    use jiff::civil::date;

    #[test]
    fn reads_the_shocked_changes_and_the_models_equity_from_a_stress_report() {
        let mut data = Dataset::default();
        let points = (0..40)
            .map(|i| {
                (
                    date(2000 + i / 4, (i % 4) as i8 * 3 + 1, 1),
                    4.0 + ((i * 7) % 5) as f64 * 0.1,
                )
            })
            .collect();
        data.insert(Series::new(
            SeriesMeta {
                id: "DGS10".into(),
                ..Default::default()
            },
            points,
        ));
        let scenario = parse_scenario(
            "t.toml",
            "name = \"t\"\ntitle = \"t\"\nhorizon_quarters = 2\n[[citations]]\nsource = \"test\"\n\
             [[shocks]]\nvariable = \"ust10y\"\nkind = \"change\"\nvalue = 1.0\n",
        )
        .unwrap();
        let options = RunOptions {
            paths: 0,
            seed: 1,
            innovations: Innovations::Normal,
            window: Default::default(),
        };
        let report = run(&scenario, &data, options).unwrap();
        let m = scenario_moves(&scenario, &report);
        assert_eq!(m.kind, "seed");
        assert_eq!(m.horizon_quarters, 2);
        assert_eq!(
            m.ust10y_level,
            data.get("DGS10").unwrap().last().map(|p| p.1)
        );
        assert!((m.ust10y_change_pp.unwrap() - 1.0).abs() < 1e-12);
        let fair = report
            .outputs
            .iter()
            .find(|o| o.name == "index_fair_value")
            .unwrap();
        assert_eq!(m.equity_model_pct, fair.shocked);
        assert_eq!(m.equity_scenario_pct, None);
        assert_eq!(m.hy_oas_change_pp, None, "HY spread not stored");
        assert_eq!(m.equity_model_distribution, None, "no paths");
    }
}
