//! `bullcheck stress`: list, show and run scenarios (built-in, DFAST from the store, or a TOML
//! file), sensitivity tables, reverse stress tests and the Monte Carlo kernel benchmark.
//!
//! All computation is in `bullcheck_core::stress` and `bullcheck_core::models`; this file reads
//! scenario files and the store, times the benchmark, and renders tables, JSON and CSV.

use std::fmt::Write as _;
use std::time::Instant;

use anyhow::Context as _;
use bullcheck_core::stress::erp::{
    BETA_HY_OAS_PARAMETER, BETA_VIX_PARAMETER, ErpResponse, erp_response, with_erp_response,
};
use bullcheck_core::stress::grids::{self, FAIR_PE_FORMULAS, FAIR_PE_NOTE};
use bullcheck_core::stress::history::{Window, estimate_covariance};
use bullcheck_core::stress::montecarlo::{BENCH_DEGREES_OF_FREEDOM, Innovations, bench_kernel};
use bullcheck_core::stress::reverse::reverse;
use bullcheck_core::stress::scenario::{
    Scenario, ShockSize, built_in_scenarios, dfast_scenarios, parse_scenario,
};
use bullcheck_core::stress::variables::{Parameters, Variable, variable_names};
use bullcheck_core::stress::{self, Report, RunOptions, base_levels};

use crate::cli::stress::{
    BenchArgs, Dist, MAX_BENCH_DRAWS, ReverseArgs, RunArgs, RunFormat, StressCommand, TableArgs,
    TableFormat, TableName, ValidateArgs,
};
use crate::exit::ExitStatus;
use crate::load::{find_scenario, load_dataset};
use crate::output::print;
use crate::settings::Settings;

pub fn run(settings: &Settings, cmd: StressCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        StressCommand::List => list(settings),
        StressCommand::Show { scenario } => show(settings, &scenario),
        StressCommand::Run(args) => run_scenario(settings, &args),
        StressCommand::Table(args) => table(&args),
        StressCommand::Reverse(args) => reverse_cmd(settings, &args),
        StressCommand::Bench(args) => bench(&args),
        StressCommand::Validate(args) => validate_cmd(settings, &args),
    }
}

/// A scenario's title in the language asked for (English when it has no translation).
fn scenario_title<'a>(settings: &Settings, s: &'a Scenario) -> &'a str {
    bullcheck_core::report::pick(crate::load::lang(settings), &s.title, &s.title_zh)
}

fn list(settings: &Settings) -> anyhow::Result<ExitStatus> {
    let data = load_dataset(settings)?;
    let mut out = String::new();
    for s in built_in_scenarios()
        .into_iter()
        .chain(dfast_scenarios(&data))
    {
        let kind = if s.replay.is_some() {
            "replay"
        } else if s.dfast.is_some() {
            "dfast"
        } else {
            "seed"
        };
        writeln!(
            out,
            "{:<28} {:<7} {}",
            s.name,
            kind,
            scenario_title(settings, &s)
        )?;
    }
    print(&out)?;
    Ok(ExitStatus::Success)
}

fn show(settings: &Settings, name: &str) -> anyhow::Result<ExitStatus> {
    let data = load_dataset(settings)?;
    let s = find_scenario(name, &data)?;
    let mut out = String::new();
    writeln!(out, "{} — {}", s.name, scenario_title(settings, &s))?;
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
    let response = erp_response(&data, Window::default());
    let response = ErpResponse {
        beta_hy_oas: s
            .parameters
            .overrides
            .get(BETA_HY_OAS_PARAMETER)
            .copied()
            .unwrap_or(response.beta_hy_oas),
        beta_vix: s
            .parameters
            .overrides
            .get(BETA_VIX_PARAMETER)
            .copied()
            .unwrap_or(response.beta_vix),
        ..response
    };
    render_erp_response(&mut out, &response)?;
    render_earnings_response(
        &mut out,
        &bullcheck_core::stress::earnings::earnings_response(&data, &[]),
    )?;
    print(&out)?;
    Ok(ExitStatus::Success)
}

fn parse_window(args: &RunArgs) -> anyhow::Result<Window> {
    let parse = |s: &Option<String>, flag: &str| -> anyhow::Result<_> {
        s.as_deref()
            .map(|t| {
                bullcheck_core::series::parse_date(t).with_context(|| {
                    format!(
                        "{flag}: `{}` is not YYYY-MM-DD",
                        crate::cli_values::excerpt(t)
                    )
                })
            })
            .transpose()
    };
    let window = Window {
        from: parse(&args.window_from, "--window-from")?,
        to: parse(&args.window_to, "--window-to")?,
    };
    if let (Some(from), Some(to)) = (window.from, window.to) {
        anyhow::ensure!(
            from <= to,
            "--window-from {from} is after --window-to {to}: the estimation window is reversed"
        );
    }
    Ok(window)
}

fn run_scenario(settings: &Settings, args: &RunArgs) -> anyhow::Result<ExitStatus> {
    let innovations = match args.dist {
        Dist::Normal => Innovations::Normal,
        Dist::T if args.df > 2.0 && args.df.is_finite() => Innovations::StudentT {
            degrees_of_freedom: args.df,
        },
        Dist::T => anyhow::bail!(
            "--df must be a number above 2 (the t variance is finite only for ν > 2), got {}",
            args.df
        ),
    };
    let data = load_dataset(settings)?;
    let scenario = find_scenario(&args.scenario, &data)?;
    let options = RunOptions {
        paths: args.paths,
        seed: args.seed,
        innovations,
        window: parse_window(args)?,
    };
    match stress::run(&scenario, &data, options) {
        Ok(report) => {
            let text = match args.format {
                RunFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
                RunFormat::Table => render_report(&report)?,
            };
            print(&text)?;
        }
        Err(no_data) => {
            let text = match args.format {
                RunFormat::Json => {
                    serde_json::to_string_pretty(&serde_json::json!({
                        "scenario": no_data.scenario,
                        "status": "no_data",
                        "missing_series": no_data.missing_series,
                        "message": no_data.message,
                    }))? + "\n"
                }
                RunFormat::Table => format!("{no_data}\n"),
            };
            print(&text)?;
        }
    }
    Ok(ExitStatus::Success)
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.3}")).unwrap_or_else(|| "—".into())
}

fn render_report(r: &Report) -> anyhow::Result<String> {
    let mut out = String::new();
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
    render_erp_response(&mut out, &r.erp_response)?;
    render_earnings_response(&mut out, &r.earnings_response)?;
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
    Ok(out)
}

fn render_erp_response(out: &mut String, e: &ErpResponse) -> anyhow::Result<()> {
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
    if !e.downweighted.is_empty() {
        writeln!(
            out,
            "  down-weighted (weight < 0.5): {}",
            e.downweighted.join(", ")
        )?;
    }
    if !e.excluded.is_empty() {
        writeln!(out, "  left out: {}", e.excluded.join(", "))?;
    }
    Ok(())
}

fn render_earnings_response(
    out: &mut String,
    e: &bullcheck_core::stress::earnings::EarningsResponse,
) -> anyhow::Result<()> {
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
    if !e.downweighted.is_empty() {
        writeln!(
            out,
            "  down-weighted (weight < 0.5): {}",
            e.downweighted.join(", ")
        )?;
    }
    if !e.excluded.is_empty() {
        writeln!(out, "  left out: {}", e.excluded.join(", "))?;
    }
    Ok(())
}

const FAIR_PE_YIELDS: [f64; 7] = [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0];
const FAIR_PE_ERPS: [f64; 4] = [3.0, 4.0, 5.0, 6.0];
const CAPEX_GROWTHS: [f64; 7] = [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0];
const NEW_RATES: [f64; 5] = [6.0, 7.0, 8.0, 9.0, 10.0];
const REFINANCED_SHARES: [f64; 5] = [0.25, 0.5, 0.75, 0.852, 1.0];

fn table(args: &TableArgs) -> anyhow::Result<ExitStatus> {
    let text = match args.table {
        TableName::FairPe => {
            let rows = grids::fair_pe_grid(&FAIR_PE_YIELDS, &FAIR_PE_ERPS);
            render_rows(
                args.format,
                &rows,
                serde_json::json!({
                    "table": "fair-pe",
                    "formulas": FAIR_PE_FORMULAS.iter().map(|(k, v)| serde_json::json!({"column": k, "formula": v})).collect::<Vec<_>>(),
                    "note": FAIR_PE_NOTE,
                    "seed_source": "seed 001 (22 Jan 2026) section 3.2 table; CATALOGUE M1",
                }),
                &[
                    "ten_year_yield",
                    "erp",
                    "term_premium_seed_identity",
                    "seed_pe",
                    "seed_implied_erp",
                    "duration_pe",
                    "gordon_pe",
                    "term_premium_pe",
                    "earnings_yield_pe",
                ],
                &format!(
                    "Fair P/E by 10-year yield and ERP (seed_pe = seed 001's table, ERP 5%; see CATALOGUE M1)\n{}\n",
                    FAIR_PE_FORMULAS
                        .iter()
                        .map(|(k, v)| format!("  {k}: {v}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
                FAIR_PE_NOTE,
            )?
        }
        TableName::Depreciation => render_rows(
            args.format,
            &grids::depreciation_grid(&CAPEX_GROWTHS),
            serde_json::json!({
                "table": "depreciation",
                "formula": "D(L)/C_t = (1/L)·Σ_{k<L} (1+g)^−k; extra = D(3) − D(6) per unit of year-t capex (CATALOGUE M2)",
                "note": "With flat capex the hit is zero in steady state; it is a growth effect. CATALOGUE M2 oracle: ratio 1.14/1.37/1.54 at g = 10/30/50%.",
            }),
            &[
                "capex_growth",
                "depreciation_6y_per_capex",
                "depreciation_3y_per_capex",
                "ratio_3y_over_6y",
                "extra_pre_tax_per_capex",
            ],
            "Depreciation per unit of year-t capex, 6-year vs 3-year life, by capex growth g (%) (CATALOGUE M2)\n",
            "With flat capex the hit is zero in steady state: it is a growth effect (CATALOGUE M2).",
        )?,
        TableName::Refinancing => render_rows(
            args.format,
            &grids::refinancing_grid(3.5, &NEW_RATES, &REFINANCED_SHARES),
            serde_json::json!({
                "table": "refinancing",
                "formula": "ICR_1/ICR_0 = r0/((1−s)·r0 + s·r1), r0 = 3.5% (CATALOGUE M3; seeds 000/001: 3–4% → 8–10%)",
                "note": "s = 0.852 is $709B due 2026–27 over ≈ $832B R2K debt (CATALOGUE zombie_maturity_wall).",
            }),
            &[
                "old_rate",
                "new_rate",
                "refinanced_share",
                "coverage_multiplier",
                "coverage_of_firm_at_2",
            ],
            "Interest-coverage multiplier after repricing from 3.5% (rates in %) (CATALOGUE M3)\n",
            "s = 0.852 is $709B due 2026-27 over ~$832B R2K debt (CATALOGUE zombie_maturity_wall).",
        )?,
    };
    print(&text)?;
    Ok(ExitStatus::Success)
}

/// Renders serialisable rows as an aligned table, JSON (`{"meta", "rows"}`) or CSV.
fn render_rows<T: serde::Serialize>(
    format: TableFormat,
    rows: &[T],
    meta: serde_json::Value,
    columns: &[&str],
    header: &str,
    footer: &str,
) -> anyhow::Result<String> {
    let values: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|r| match serde_json::to_value(r) {
            Ok(serde_json::Value::Object(m)) => Ok(m),
            _ => Err(anyhow::anyhow!("row is not an object")),
        })
        .collect::<anyhow::Result<_>>()?;
    let columns: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    let cell = |v: &serde_json::Value| match v {
        serde_json::Value::Number(n) => n
            .as_f64()
            .map(|x| {
                format!("{:.4}", x)
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string()
            })
            .unwrap_or_default(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    Ok(match format {
        TableFormat::Json => {
            serde_json::to_string_pretty(&serde_json::json!({"meta": meta, "rows": values}))? + "\n"
        }
        TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(&columns)?;
            for m in &values {
                w.write_record(columns.iter().map(|c| cell(&m[c])))?;
            }
            String::from_utf8(w.into_inner()?)?
        }
        TableFormat::Table => {
            let mut out = String::from(header);
            let width = |c: &String| c.len().max(8);
            out.push_str(
                &columns
                    .iter()
                    .map(|c| format!("{:>w$}", c, w = width(c)))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            out.push('\n');
            for m in &values {
                let line: Vec<String> = columns
                    .iter()
                    .map(|c| {
                        let text = cell(&m[c]);
                        format!(
                            "{:>w$}",
                            if text.is_empty() {
                                "—".to_string()
                            } else {
                                text
                            },
                            w = width(c)
                        )
                    })
                    .collect();
                out.push_str(&line.join(" "));
                out.push('\n');
            }
            out.push_str(footer);
            out.push('\n');
            out
        }
    })
}

fn reverse_cmd(settings: &Settings, args: &ReverseArgs) -> anyhow::Result<ExitStatus> {
    let variable = Variable::from_name(&args.shock).with_context(|| {
        format!(
            "--shock: unknown variable `{}`; known: {}",
            args.shock,
            variable_names().join(", ")
        )
    })?;
    let data = load_dataset(settings)?;
    let covariance = estimate_covariance(&data, Window::default());
    let mut params = with_erp_response(
        &Parameters::default(),
        &erp_response(&data, Window::default()),
    );
    params.overrides.insert(
        bullcheck_core::stress::earnings::BETA_UNEMPLOYMENT_PARAMETER.into(),
        bullcheck_core::stress::earnings::earnings_response(&data, &[]).beta_unemployment,
    );
    if let (Some(cape), _, _) = stress::valuation_at(&data, None) {
        params
            .overrides
            .insert("earnings_yield".into(), 100.0 / cape);
    }
    let bounds = bullcheck_core::stress::reverse::feasible_bounds(&data, variable);
    let result = reverse(
        &args.target,
        args.change,
        variable,
        covariance.as_ref(),
        &params,
        &base_levels(&data),
        bounds,
    );
    let result = match result {
        Err(bullcheck_core::stress::reverse::ReverseError::Infeasible {
            bound,
            unit,
            best_change,
        }) => {
            let text = match args.format {
                RunFormat::Json => {
                    serde_json::to_string_pretty(&serde_json::json!({
                        "status": "infeasible within bounds",
                        "target": args.target,
                        "target_change": args.change,
                        "shock_variable": variable.name(),
                        "binding_bound": bound,
                        "shock_unit": unit,
                        "bounds": bounds,
                        "change_at_bound": best_change,
                    }))? + "\n"
                }
                RunFormat::Table => format!(
                    "infeasible within bounds: {} would have to move beyond {bound:+.4} {unit} (its stored \
                     historical range from today's level); at that bound {} moves by {best_change:+.4}\n",
                    variable.name(),
                    args.target
                ),
            };
            print(&text)?;
            return Ok(ExitStatus::Success);
        }
        other => other.map_err(|e| anyhow::anyhow!("--target {}: {e}", args.target))?,
    };
    let text = match args.format {
        RunFormat::Json => serde_json::to_string_pretty(&result)? + "\n",
        RunFormat::Table => format!(
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
        ),
    };
    print(&text)?;
    Ok(ExitStatus::Success)
}

/// The scenarios `stress validate` checks: built-in replays, the two seed scenarios the issue
/// requires to lower the index, stored DFAST severely adverse scenarios, then `files`.
fn validate_cmd(settings: &Settings, args: &ValidateArgs) -> anyhow::Result<ExitStatus> {
    let data = load_dataset(settings)?;
    let mut scenarios: Vec<Scenario> = built_in_scenarios()
        .into_iter()
        .filter(|s| {
            s.replay.is_some() || s.name == "consumer-crack" || s.name == "yen-carry-unwind"
        })
        .collect();
    scenarios.extend(dfast_scenarios(&data).into_iter().filter(|s| {
        s.dfast
            .as_ref()
            .is_some_and(|d| d.scenario == "severely-adverse")
    }));
    for file in &args.files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read scenario file {file}"))?;
        scenarios.push(parse_scenario(file, &text)?);
    }
    let start = Instant::now();
    let v = bullcheck_core::stress::validate::validate(&scenarios, &data);
    let seconds = start.elapsed().as_secs_f64();
    let text = match args.format {
        RunFormat::Json => serde_json::to_string_pretty(&v)? + "\n",
        RunFormat::Table => {
            let mut out = String::new();
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
            writeln!(out, "method: {}\n(computed in {seconds:.2} s)", v.method)?;
            out
        }
    };
    print(&text)?;
    Ok(ExitStatus::Success)
}

fn bench(args: &BenchArgs) -> anyhow::Result<ExitStatus> {
    anyhow::ensure!(
        args.paths > 0 && args.vars > 0 && args.steps > 0,
        "--paths, --vars and --steps must be positive"
    );
    let draws = args.paths as u128 * args.vars as u128 * args.steps as u128;
    anyhow::ensure!(
        draws <= MAX_BENCH_DRAWS,
        "--paths × --vars × --steps = {draws} draws, over the cap of {MAX_BENCH_DRAWS}: \
         lower one of them"
    );
    let start = Instant::now();
    let result = bench_kernel(args.paths, args.vars, args.steps, args.seed);
    let seconds = start.elapsed().as_secs_f64();
    let p = result.percentiles;
    print(&format!(
        "kernel: {} paths x {} vars x {} steps, Student-t nu={}, {} cores\n\
         percentiles of terminal value: p1 {:.4} p5 {:.4} p50 {:.4} p95 {:.4} p99 {:.4}\n\
         time {:.3} s, {:.0} paths/s\n",
        args.paths,
        args.vars,
        args.steps,
        BENCH_DEGREES_OF_FREEDOM,
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1),
        p[0],
        p[1],
        p[2],
        p[3],
        p[4],
        seconds,
        args.paths as f64 / seconds
    ))?;
    Ok(ExitStatus::Success)
}
