//! `bullcheck stress`: list, show and run scenarios (built-in, DFAST from the store, or a TOML
//! file), sensitivity tables, reverse stress tests and the Monte Carlo kernel benchmark.
//!
//! All computation is in `bullcheck_core::stress` and `bullcheck_core::models`, and every
//! table, text and CSV renderer in `bullcheck_core::stress::render`; this file reads scenario
//! files and the store, times `validate` and the benchmark, and prints.

use std::time::Instant;

use anyhow::Context as _;
use bullcheck_core::stress::earnings::earnings_response;
use bullcheck_core::stress::erp::{
    BETA_HY_OAS_PARAMETER, BETA_VIX_PARAMETER, ErpResponse, erp_response, with_erp_response,
};
use bullcheck_core::stress::history::{Window, estimate_covariance};
use bullcheck_core::stress::montecarlo::{BENCH_DEGREES_OF_FREEDOM, Innovations, bench_kernel};
use bullcheck_core::stress::render::{
    self,
    tables::{Grid, grid_table},
};
use bullcheck_core::stress::reverse::reverse;
use bullcheck_core::stress::scenario::{
    Scenario, built_in_scenarios, dfast_scenarios, parse_scenario,
};
use bullcheck_core::stress::variables::{Parameters, Variable, variable_names};
use bullcheck_core::stress::{self, RunOptions, base_levels};

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
        StressCommand::Table(args) => table(settings, &args),
        StressCommand::Reverse(args) => reverse_cmd(settings, &args),
        StressCommand::Bench(args) => bench(&args),
        StressCommand::Validate(args) => validate_cmd(settings, &args),
    }
}

fn list(settings: &Settings) -> anyhow::Result<ExitStatus> {
    let data = load_dataset(settings)?;
    let scenarios: Vec<Scenario> = built_in_scenarios()
        .into_iter()
        .chain(dfast_scenarios(&data))
        .collect();
    print(&render::scenario_list(
        &scenarios,
        crate::load::lang(settings),
    ))?;
    Ok(ExitStatus::Success)
}

fn show(settings: &Settings, name: &str) -> anyhow::Result<ExitStatus> {
    let data = load_dataset(settings)?;
    let s = find_scenario(name, &data)?;
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
    print(&render::scenario_text(
        &s,
        crate::load::lang(settings),
        &response,
        &earnings_response(&data, &[]),
    ))?;
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
    let mut scenario = find_scenario(&args.scenario, &data)?;
    for name in &args.hold {
        scenario
            .hold(name.trim())
            .map_err(|e| anyhow::anyhow!("--hold: {e}"))?;
    }
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
                RunFormat::Table => render::report_text(&report, crate::load::lang(settings)),
            };
            print(&text)?;
        }
        Err(no_data) => {
            let text = match args.format {
                RunFormat::Json => {
                    serde_json::to_string_pretty(&render::no_data_json(&no_data))? + "\n"
                }
                RunFormat::Table => format!("{}\n", no_data.text(crate::load::lang(settings))),
            };
            print(&text)?;
        }
    }
    Ok(ExitStatus::Success)
}

fn table(settings: &Settings, args: &TableArgs) -> anyhow::Result<ExitStatus> {
    let grid = match args.table {
        TableName::FairPe => Grid::FairPe,
        TableName::Depreciation => Grid::Depreciation,
        TableName::Refinancing => Grid::Refinancing,
    };
    let table = grid_table(grid);
    let text = match args.format {
        TableFormat::Json => serde_json::to_string_pretty(&table.json())? + "\n",
        TableFormat::Csv => table.csv(),
        TableFormat::Table => table.text(crate::load::lang(settings)),
    };
    print(&text)?;
    Ok(ExitStatus::Success)
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
        earnings_response(&data, &[]).beta_unemployment,
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
            let infeasible = render::Infeasible {
                target: &args.target,
                target_change: args.change,
                variable,
                bound,
                unit: &unit,
                bounds,
                best_change,
            };
            let text = match args.format {
                RunFormat::Json => {
                    serde_json::to_string_pretty(&render::infeasible_json(&infeasible))? + "\n"
                }
                RunFormat::Table => {
                    render::infeasible_text(&infeasible, crate::load::lang(settings))
                }
            };
            print(&text)?;
            return Ok(ExitStatus::Success);
        }
        other => other.map_err(|e| anyhow::anyhow!("--target {}: {e}", args.target))?,
    };
    let text = match args.format {
        RunFormat::Json => serde_json::to_string_pretty(&result)? + "\n",
        RunFormat::Table => render::reverse_text(&result, crate::load::lang(settings)),
    };
    print(&text)?;
    Ok(ExitStatus::Success)
}

/// The scenarios `stress validate` checks: built-in replays, the two seed scenarios the issue
/// requires to lower the index, stored DFAST severely adverse scenarios, then `files`.
fn validate_cmd(settings: &Settings, args: &ValidateArgs) -> anyhow::Result<ExitStatus> {
    let _progress =
        crate::progress::spinner("replaying history and the Fed's paths through the model");
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
        RunFormat::Table => render::validation_text(&v, seconds, crate::load::lang(settings)),
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
