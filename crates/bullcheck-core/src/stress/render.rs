//! Text renderers for `bullcheck stress` (`list`, `show`, `run`, `reverse`, `validate`): pure
//! functions from the results of [`super`] to the lines the command prints. JSON is the
//! results' own `Serialize`; the sensitivity grids (`stress table`) are in [`tables`].

pub mod tables;

use std::fmt::{self, Write as _};

use super::Report;
use super::earnings::EarningsResponse;
use super::erp::ErpResponse;
use super::reverse::ReverseResult;
use super::scenario::{NoData, Scenario, ShockSize};
use super::validate::Validation;
use super::variables::{Parameters, Variable};
use crate::vocab::{Lang, tr};

/// What kind of scenario this is: `replay`, `dfast` or `seed`.
pub fn scenario_kind(s: &Scenario) -> &'static str {
    if s.replay.is_some() {
        "replay"
    } else if s.dfast.is_some() {
        "dfast"
    } else {
        "seed"
    }
}

/// `stress list`: one line per scenario (name, kind, title in `lang`).
pub fn scenario_list(scenarios: &[Scenario], lang: Lang) -> String {
    let mut out = String::new();
    for s in scenarios {
        let _ = writeln!(
            out,
            "{:<28} {} {}",
            s.name,
            crate::vocab::pad(
                match scenario_kind(s) {
                    "replay" => tr(lang, "replay", "重演"),
                    "dfast" => tr(lang, "dfast", "DFAST"),
                    kind => tr(lang, kind, "种子"),
                },
                7
            ),
            tr(lang, &s.title, &s.title_zh)
        );
    }
    out
}

/// `stress show`: the scenario's shocks with their sources, parameters, citations, then the
/// multiple's and the earnings channel's regressions it would run with.
pub fn scenario_text(
    s: &Scenario,
    lang: Lang,
    erp: &ErpResponse,
    earnings: &EarningsResponse,
) -> String {
    let mut out = String::new();
    let _ = write_scenario(&mut out, s, lang, erp, earnings);
    out
}

fn write_scenario(
    out: &mut String,
    s: &Scenario,
    lang: Lang,
    erp: &ErpResponse,
    earnings: &EarningsResponse,
) -> fmt::Result {
    writeln!(out, "{} — {}", s.name, tr(lang, &s.title, &s.title_zh))?;
    writeln!(out, "horizon: {} quarters", s.horizon_quarters)?;
    writeln!(out, "\n{}\n", s.description.trim())?;
    for shock in &s.shocks {
        let size = match &shock.size {
            ShockSize::Level(v) => format!("to {v} {}", shock.variable.spec().level_unit_label),
            ShockSize::Change(v) => format!("{v:+} {}", shock.variable.spec().change_unit_label),
            ShockSize::Path(p) => format!("path {p:?}"),
        };
        writeln!(
            out,
            "shock  {:<22} {:<18} source: {}",
            shock.variable.name(),
            size,
            shock.source
        )?;
    }
    for (k, v) in &s.parameters.overrides {
        writeln!(
            out,
            "param  {k:<22} {v} (default {})",
            Parameters::default_of(k)
        )?;
    }
    if let Some(r) = &s.replay {
        writeln!(
            out,
            "replay {} .. {} (shocks computed from stored series at run time)",
            r.start, r.end
        )?;
    }
    if let Some(d) = &s.dfast {
        writeln!(
            out,
            "dfast  {} {} (paths from stored DFAST series)",
            d.year, d.scenario
        )?;
    }
    for c in &s.citations {
        writeln!(out, "cite   {} {} {}", c.source, c.url, c.as_of)?;
    }
    write_erp_response(out, erp)?;
    write_earnings_response(out, earnings)
}

/// `stress run` as text: shocks, covariance sample, outputs with percentiles, the channel
/// waterfall, the two regressions, the equity decomposition and notes.
pub fn report_text(r: &Report) -> String {
    let mut out = String::new();
    let _ = write_report(&mut out, r);
    out
}

/// `stress run` when a series the scenario needs is missing, as JSON.
pub fn no_data_json(no_data: &NoData) -> serde_json::Value {
    serde_json::json!({
        "scenario": no_data.scenario,
        "status": "no_data",
        "missing_series": no_data.missing_series,
        "message": no_data.message,
    })
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.3}")).unwrap_or_else(|| "—".into())
}

fn write_report(out: &mut String, r: &Report) -> fmt::Result {
    writeln!(out, "{} — {}", r.scenario, r.title)?;
    writeln!(
        out,
        "horizon {} quarters · {} paths · seed {} · {}",
        r.horizon_quarters, r.paths, r.seed, r.distribution
    )?;
    writeln!(out, "\nShocks")?;
    for s in &r.shocks {
        writeln!(
            out,
            "  {:<22} {:+10.3} {:<7} {}",
            s.variable, s.change, s.unit, s.explanation
        )?;
    }
    for (k, v) in &r.parameters {
        writeln!(out, "  param {k:<16} {v}")?;
    }
    if let Some(c) = &r.covariance {
        writeln!(
            out,
            "\nCovariance: {} quarterly changes {} .. {} of {}",
            c.quarters,
            c.first_quarter,
            c.last_quarter,
            c.series
                .iter()
                .zip(&c.change_units)
                .map(|(id, unit)| if unit == "log" {
                    format!("{id} (log)")
                } else {
                    id.clone()
                })
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        writeln!(
            out,
            "  pairwise samples (a series that ends early truncates no other); left out as another regime (> 10 robust s.d.): {}",
            if c.excluded_quarters.is_empty() {
                "none".to_string()
            } else {
                c.excluded_quarters.join("; ")
            }
        )?;
    }
    writeln!(
        out,
        "\nOutputs{:<30}{:>10} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "", "base", "shocked", "p5", "p50", "p95", "VaR95"
    )?;
    for o in &r.outputs {
        let p = o.percentiles.as_ref();
        writeln!(
            out,
            "  {:<34} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}  {}",
            o.name,
            fmt_opt(o.base),
            fmt_opt(o.shocked),
            fmt_opt(p.map(|p| p.p5)),
            fmt_opt(p.map(|p| p.p50)),
            fmt_opt(p.map(|p| p.p95)),
            fmt_opt(o.var95),
            o.unit
        )?;
    }
    writeln!(out, "\nChannels (waterfall)")?;
    for c in &r.channels {
        writeln!(
            out,
            "  {:<30} {:<62} {:+10.3} {:<18} {}",
            c.output, c.name, c.contribution, c.unit, c.explanation
        )?;
    }
    write_erp_response(out, &r.erp_response)?;
    write_earnings_response(out, &r.earnings_response)?;
    if let Some(e) = &r.equity_check {
        let d = &e.decomposition;
        writeln!(
            out,
            "\nEquity = earnings × multiple (jump-off {}; earnings yield {:.3}% = 100/CAPE)",
            e.jump_off, d.earnings_yield_pct
        )?;
        for (name, v) in [
            ("earnings", d.earnings_pct),
            ("multiple", d.multiple_pct),
            ("starting valuation gap closed", d.valuation_gap_pct),
            ("AI earnings layer", d.ai_pct),
            ("small-cap distress & credit", d.small_cap_credit_pct),
            ("interaction", d.interaction_pct),
        ] {
            writeln!(out, "  {name:<32} {v:+8.2}%")?;
        }
        writeln!(
            out,
            "  {:<32} {:+8.2}%",
            "model index change", e.model_change_pct
        )?;
        writeln!(
            out,
            "  valuation gap: trailing P/E {} vs the audit's fair P/E {} (closure {} of it; default none)",
            fmt_opt(e.trailing_pe),
            fmt_opt(e.fair_pe),
            r.parameters
                .iter()
                .find(|(k, _)| k == "valuation_gap_closure")
                .map_or(0.0, |p| p.1)
        )?;
        match (e.scenario_change_pct, e.gap_pp) {
            (Some(s), Some(gap)) => writeln!(
                out,
                "  scenario's own equity path    {s:+8.2}% ({})\n  gap (model − scenario)        {gap:+8.2} pp\n  \
                 ΔEY in the model {:+.2} pp; ΔEY that would reproduce the scenario {}",
                e.scenario_source,
                e.erp_change_model_pp,
                fmt_opt(e.erp_change_needed_pp)
            )?,
            _ => writeln!(out, "  (the scenario has no equity path of its own)")?,
        }
        if let Some(c) = e.conditional_expectation_pct {
            writeln!(
                out,
                "  cross-check (statistical, not the model): E[S&P 500 | other shocks] {c:+.2}%"
            )?;
        }
    }
    if !r.notes.is_empty() {
        writeln!(out, "\nNotes")?;
        for n in &r.notes {
            writeln!(out, "  - {n}")?;
        }
    }
    Ok(())
}

fn write_erp_response(out: &mut String, e: &ErpResponse) -> fmt::Result {
    writeln!(out, "\nMultiple (earnings-yield response): {}", e.equation)?;
    writeln!(
        out,
        "  β_10y {:.4} (s.e. {:.4})  β_hy_oas {:.4} (s.e. {:.4})  β_vix {:.4} (s.e. {:.4})  intercept {}  R² {}",
        e.beta_ust10y,
        e.se_ust10y,
        e.beta_hy_oas,
        e.se_hy_oas,
        e.beta_vix,
        e.se_vix,
        fmt_opt(e.intercept),
        fmt_opt(e.r_squared),
    )?;
    if !e.dropped_terms.is_empty() {
        writeln!(
            out,
            "  dropped as insignificant (|t| < 2, beta set to 0): {}",
            e.dropped_terms.join(", ")
        )?;
    }
    writeln!(
        out,
        "  sample: {} quarterly changes, {} .. {}; {}",
        e.quarters, e.first_quarter, e.last_quarter, e.origin
    )?;
    writeln!(out, "  method: {}", e.method)?;
    write_robust_notes(out, &e.downweighted, &e.excluded)
}

fn write_earnings_response(out: &mut String, e: &EarningsResponse) -> fmt::Result {
    writeln!(out, "\nEarnings channel: {}", e.equation)?;
    writeln!(
        out,
        "  β_unemployment {:.3} (s.e. {:.3}) log points of real EPS per pp  intercept {}  R² {}",
        e.beta_unemployment,
        e.se_unemployment,
        fmt_opt(e.intercept),
        fmt_opt(e.r_squared)
    )?;
    writeln!(
        out,
        "  sample: {} calendar years, {} .. {}; {}",
        e.years, e.first_year, e.last_year, e.origin
    )?;
    write_robust_notes(out, &e.downweighted, &e.excluded)
}
/// The observations a robust fit down-weighted and those it left out, when there are any.
fn write_robust_notes(
    out: &mut String,
    downweighted: &[String],
    excluded: &[String],
) -> fmt::Result {
    if !downweighted.is_empty() {
        writeln!(
            out,
            "  down-weighted (weight < 0.5): {}",
            downweighted.join(", ")
        )?;
    }
    if !excluded.is_empty() {
        writeln!(out, "  left out: {}", excluded.join(", "))?;
    }
    Ok(())
}

/// `stress validate` as text: one row per scenario, the error summary, directions, skipped
/// scenarios, the method and how long it took (`seconds`, measured by the caller).
pub fn validation_text(v: &Validation, seconds: f64) -> String {
    let mut out = String::new();
    let _ = write_validation(&mut out, v, seconds);
    out
}

fn write_validation(out: &mut String, v: &Validation, seconds: f64) -> fmt::Result {
    writeln!(
        out,
        "{:<30} {:<7} {:>9} {:>9} {:>9} {:>5} {:>9} {:>9}  left out",
        "scenario", "kind", "model %", "realised", "error pp", "sign", "earn %", "mult %"
    )?;
    for r in &v.rows {
        writeln!(
            out,
            "{:<30} {:<7} {:>+9.1} {:>+9.1} {:>+9.1} {:>5} {:>+9.1} {:>+9.1}  {}",
            r.scenario,
            r.kind,
            r.model_change_pct,
            r.realised_change_pct,
            r.error_pp,
            if r.sign_hit { "yes" } else { "NO" },
            r.earnings_pct,
            r.multiple_pct,
            r.left_out.as_deref().unwrap_or("—")
        )?;
    }
    writeln!(
        out,
        "\nreplays: mean absolute error {} pp, signs right {}/{}; DFAST severely adverse: mean absolute error {} pp",
        v.replay_mae_pp.map_or("—".into(), |m| format!("{m:.1}")),
        v.replay_sign_hits,
        v.replays,
        v.dfast_mae_pp.map_or("—".into(), |m| format!("{m:.1}")),
    )?;
    for d in &v.directions {
        writeln!(
            out,
            "direction: {} model {:+.1}%",
            d.scenario, d.model_change_pct
        )?;
    }
    for s in &v.skipped {
        writeln!(out, "skipped: {s}")?;
    }
    writeln!(out, "method: {}\n(computed in {seconds:.2} s)", v.method)
}

/// `stress reverse` as one line: the shock that moves the target, and the feasible range.
pub fn reverse_text(result: &ReverseResult) -> String {
    format!(
        "{} {:+.4} {} moves {} by {:+.4} {} (target {:+}){}\n",
        result.shock_variable,
        result.shock_change,
        result.shock_unit,
        result.target,
        result.achieved_change,
        result.target_unit,
        result.target_change,
        result
            .bounds
            .map(|(l, h)| format!("; feasible range {l:+.3} .. {h:+.3} {}", result.shock_unit))
            .unwrap_or_default()
    )
}

/// `stress reverse` when no shock within the variable's stored historical range reaches the
/// target.
#[derive(Debug, Clone, PartialEq)]
pub struct Infeasible<'a> {
    pub target: &'a str,
    pub target_change: f64,
    pub variable: Variable,
    /// The bound that binds, in the shock's unit.
    pub bound: f64,
    pub unit: &'a str,
    pub bounds: Option<(f64, f64)>,
    /// How far the target moves at that bound.
    pub best_change: f64,
}

/// [`Infeasible`] as one line of text.
pub fn infeasible_text(i: &Infeasible) -> String {
    format!(
        "infeasible within bounds: {} would have to move beyond {:+.4} {} (its stored \
         historical range from today's level); at that bound {} moves by {:+.4}\n",
        i.variable.name(),
        i.bound,
        i.unit,
        i.target,
        i.best_change
    )
}

/// [`Infeasible`] as JSON.
pub fn infeasible_json(i: &Infeasible) -> serde_json::Value {
    serde_json::json!({
        "status": "infeasible within bounds",
        "target": i.target,
        "target_change": i.target_change,
        "shock_variable": i.variable.name(),
        "binding_bound": i.bound,
        "shock_unit": i.unit,
        "bounds": i.bounds,
        "change_at_bound": i.best_change,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::Dataset;
    use crate::stress::earnings::earnings_response;
    use crate::stress::erp::erp_response;
    use crate::stress::history::Window;
    use crate::stress::scenario::built_in_scenarios;
    use crate::stress::validate::{DirectionRow, ValidationRow};
    use crate::stress::{ChannelReport, OutputReport, Percentiles, ShockReport};

    fn fallback_responses() -> (ErpResponse, EarningsResponse) {
        let empty = Dataset::default();
        (
            erp_response(&empty, Window::default()),
            earnings_response(&empty, &[]),
        )
    }

    fn tiny_report() -> Report {
        let (erp, earnings) = fallback_responses();
        Report {
            scenario: "toy".into(),
            title: "A toy scenario".into(),
            horizon_quarters: 4,
            paths: 100,
            seed: 7,
            distribution: "normal".into(),
            shocks: vec![ShockReport {
                variable: "ust10y".into(),
                change: 1.5,
                unit: "pp".into(),
                log_change: None,
                explanation: "typed".into(),
            }],
            parameters: vec![("equity_duration".into(), 13.0)],
            covariance: None,
            outputs: vec![
                OutputReport {
                    name: "index_fair_value".into(),
                    unit: "% change".into(),
                    base: Some(0.0),
                    shocked: Some(-12.3456),
                    percentiles: Some(Percentiles {
                        p1: -30.0,
                        p5: -25.0,
                        p50: -12.0,
                        p95: 1.0,
                        p99: 3.0,
                    }),
                    var95: Some(25.0),
                    es95: None,
                    percentile_error: None,
                    at_floor: None,
                },
                OutputReport {
                    name: "vix".into(),
                    unit: "level".into(),
                    base: None,
                    shocked: None,
                    percentiles: None,
                    var95: None,
                    es95: None,
                    percentile_error: None,
                    at_floor: None,
                },
            ],
            channels: vec![ChannelReport {
                name: "multiple".into(),
                output: "index_fair_value".into(),
                contribution: -10.0,
                unit: "%".into(),
                explanation: "duration".into(),
            }],
            erp_response: erp,
            earnings_response: earnings,
            equity_check: None,
            notes: vec!["a note".into()],
        }
    }

    #[test]
    fn report_text_has_every_section_and_dashes_for_missing_values() {
        let text = report_text(&tiny_report());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "toy — A toy scenario");
        assert_eq!(lines[1], "horizon 4 quarters · 100 paths · seed 7 · normal");
        assert!(lines.contains(&"  ust10y                     +1.500 pp      typed"));
        assert!(lines.contains(&"  param equity_duration  13"));
        // Three decimals, the unit last; a missing base is an em dash, never 0.
        assert!(text.contains(
            "  index_fair_value                        0.000    -12.346    -25.000    -12.000      1.000     25.000  % change"
        ));
        assert!(text.contains("  vix                                         —          —"));
        assert!(text.contains("\nChannels (waterfall)\n"));
        assert!(text.contains("\nMultiple (earnings-yield response): "));
        assert!(text.contains("\nEarnings channel: "));
        assert!(text.ends_with("\nNotes\n  - a note\n"));
    }

    #[test]
    fn scenario_list_and_show_use_the_language_and_cite_sources() {
        let scenarios = built_in_scenarios();
        let s = scenarios
            .iter()
            .find(|s| !s.title_zh.is_empty() && !s.citations.is_empty())
            .expect("a built-in scenario with a Chinese title and citations");
        let en = scenario_list(std::slice::from_ref(s), Lang::En);
        let zh = scenario_list(std::slice::from_ref(s), Lang::Zh);
        assert_eq!(
            en,
            format!("{:<28} {:<7} {}\n", s.name, scenario_kind(s), s.title)
        );
        assert!(zh.ends_with(&format!("{}\n", s.title_zh)));
        let (erp, earnings) = fallback_responses();
        let text = scenario_text(s, Lang::En, &erp, &earnings);
        assert!(text.starts_with(&format!("{} — {}\n", s.name, s.title)));
        assert!(text.contains(&format!("horizon: {} quarters\n", s.horizon_quarters)));
        let c = &s.citations[0];
        assert!(text.contains(&format!("cite   {} {} {}\n", c.source, c.url, c.as_of)));
        assert!(text.contains(&format!("  sample: {} quarterly changes", erp.quarters)));
    }

    #[test]
    fn validation_text_rows_summary_and_time() {
        let v = Validation {
            rows: vec![ValidationRow {
                scenario: "replay-2008".into(),
                kind: "replay".into(),
                model_change_pct: -30.04,
                realised_change_pct: -40.0,
                error_pp: 9.96,
                sign_hit: true,
                left_out: Some("2007-10-01..2009-03-31".into()),
                earnings_pct: -15.0,
                multiple_pct: -17.5,
            }],
            replay_mae_pp: Some(9.96),
            replay_sign_hits: 1,
            replays: 1,
            dfast_mae_pp: None,
            directions: vec![DirectionRow {
                scenario: "consumer-crack".into(),
                model_change_pct: -4.0,
            }],
            skipped: vec!["x: no data".into()],
            method: "m".into(),
        };
        let text = validation_text(&v, 1.234);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[1],
            "replay-2008                    replay      -30.0     -40.0     +10.0   yes     -15.0     -17.5  2007-10-01..2009-03-31"
        );
        assert!(text.contains(
            "replays: mean absolute error 10.0 pp, signs right 1/1; DFAST severely adverse: mean absolute error — pp"
        ));
        assert!(text.contains("direction: consumer-crack model -4.0%\n"));
        assert!(text.contains("skipped: x: no data\n"));
        assert!(text.ends_with("method: m\n(computed in 1.23 s)\n"));
    }

    #[test]
    fn reverse_lines() {
        let r = ReverseResult {
            target: "index_fair_value".into(),
            target_change: -20.0,
            shock_variable: "ust10y".into(),
            shock_change: 1.23456,
            shock_unit: "pp".into(),
            achieved_change: -20.0,
            target_unit: "% change".into(),
            bounds: Some((-3.0, 4.0)),
        };
        assert_eq!(
            reverse_text(&r),
            "ust10y +1.2346 pp moves index_fair_value by -20.0000 % change (target -20); feasible range -3.000 .. +4.000 pp\n"
        );
        let i = Infeasible {
            target: "index_fair_value",
            target_change: -90.0,
            variable: Variable::Ust10y,
            bound: 4.0,
            unit: "pp",
            bounds: Some((-3.0, 4.0)),
            best_change: -35.0,
        };
        assert_eq!(
            infeasible_text(&i),
            "infeasible within bounds: ust10y would have to move beyond +4.0000 pp (its stored historical range from today's level); at that bound index_fair_value moves by -35.0000\n"
        );
        assert_eq!(infeasible_json(&i)["binding_bound"], 4.0);
    }
}
