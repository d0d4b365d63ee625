//! `bullcheck portfolio`: a user's holdings under every stress scenario, the seeds' patches,
//! an option pricer and the large-book Monte Carlo benchmark.
//!
//! All computation is in `bullcheck_core::portfolio`; this file reads the holdings file and the
//! store, runs the stress scenarios (their results reach the portfolio only through
//! `portfolio::adapter::scenario_moves`) and prints what the core renders.

use std::time::Instant;

use bullcheck_core::portfolio::bsm::{OptionInputs, price};
use bullcheck_core::portfolio::montecarlo::{bench_book, simulate};
use bullcheck_core::portfolio::text;

use crate::cli::portfolio::{
    BenchArgs, PortfolioCommand, PriceFormat, PutPriceArgs, RunArgs, RunFormat,
};
use crate::exit::ExitStatus;
use crate::load::build_portfolio;
use crate::output::print;
use crate::settings::Settings;

pub fn run(settings: &Settings, cmd: PortfolioCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        PortfolioCommand::Run(args) => run_portfolio(settings, &args),
        PortfolioCommand::PutPrice(args) => put_price(settings, &args),
        PortfolioCommand::Bench(args) => bench(&args),
    }
}

fn put_price(settings: &Settings, args: &PutPriceArgs) -> anyhow::Result<ExitStatus> {
    let inputs = OptionInputs {
        spot: args.spot,
        strike: args.strike,
        rate: args.rate / 100.0,
        vol: args.vol / 100.0,
        years: args.years,
        dividend: args.dividend / 100.0,
    };
    inputs.validate().map_err(|e| anyhow::anyhow!("--{e}"))?;
    let p = price(&inputs);
    let text = match args.format {
        PriceFormat::Json => serde_json::to_string_pretty(&p)? + "\n",
        PriceFormat::Table => text::option_prices_text(&p, crate::load::lang(settings)),
    };
    print(&text)?;
    Ok(ExitStatus::Success)
}

fn bench(args: &BenchArgs) -> anyhow::Result<ExitStatus> {
    anyhow::ensure!(
        (1..=1_000_000).contains(&args.holdings) && (1..=10_000_000).contains(&args.paths),
        "--holdings must be 1..=1000000 and --paths 1..=10000000"
    );
    let book = bench_book(args.holdings);
    let start = Instant::now();
    let d = simulate(&book, args.paths, args.seed);
    let seconds = start.elapsed().as_secs_f64();
    let out = serde_json::json!({
        "holdings": args.holdings,
        "paths": args.paths,
        "seed": args.seed,
        "seconds": seconds,
        "holding_paths_per_second": (args.holdings as f64 * args.paths as f64) / seconds,
        "threads": rayon::current_num_threads(),
        "distribution": d,
        "first_holding_mean": d.holding_means.first(),
    });
    print(&(serde_json::to_string_pretty(&out)? + "\n"))?;
    Ok(ExitStatus::Success)
}

fn run_portfolio(settings: &Settings, args: &RunArgs) -> anyhow::Result<ExitStatus> {
    let report = build_portfolio(
        settings,
        &args.holdings,
        &args.scenarios,
        &args.patches,
        args.paths,
        args.seed,
    )?;
    let text = match args.format {
        RunFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
        RunFormat::Table => text::report_text(&report, false, crate::load::lang(settings)),
        RunFormat::Markdown => text::report_text(&report, true, crate::load::lang(settings)),
        RunFormat::Html => bullcheck_core::portfolio::html::portfolio_page(
            Some(&report),
            crate::load::lang(settings),
            None,
        ),
    };
    print(&text)?;
    Ok(ExitStatus::Success)
}
