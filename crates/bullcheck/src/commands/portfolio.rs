//! `bullcheck portfolio`: a user's holdings under every stress scenario, the seeds' patches,
//! an option pricer and the large-book Monte Carlo benchmark.
//!
//! All computation is in `bullcheck_core::portfolio`; this file reads the holdings file and the
//! store, runs the stress scenarios (their results reach the portfolio only through
//! `portfolio::adapter::scenario_moves`) and renders tables, Markdown and JSON.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use bullcheck_core::portfolio::adapter::{ModelMoves, scenario_moves};
use bullcheck_core::portfolio::bsm::{OptionInputs, price};
use bullcheck_core::portfolio::holdings::parse_holdings;
use bullcheck_core::portfolio::montecarlo::{bench_book, simulate};
use bullcheck_core::portfolio::patches::{Patch, default_patches, parse_patch};
use bullcheck_core::portfolio::{self, Report};
use bullcheck_core::stress::montecarlo::Innovations;
use bullcheck_core::stress::scenario::{Scenario, built_in_scenarios};
use bullcheck_core::stress::{self, RunOptions};
use clap::{Args, Subcommand, ValueEnum};

use super::ExitStatus;
use crate::output::print;
use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum PortfolioCommand {
    /// Run a holdings file through the stress scenarios and the seeds' patches.
    ///
    /// HOLDINGS is a CSV `asset,weight` (fractions summing to 1 or percent summing to 100) or
    /// `asset,value` (amounts). Assets: us_large_cap, us_tech, us_small_cap, treasuries_2y,
    /// treasuries_10y, treasuries_30y, tbills, ig_credit, hy_credit, gold, copper, oil,
    /// real_estate, quality, or series:ID for any stored series (its sensitivities are
    /// estimated on stored history and the fit is printed). In replays, holdings with stored
    /// history use what actually happened, with the model's estimate beside it.
    ///
    /// Examples:
    ///
    /// printf 'asset,weight\nus_large_cap,60\ntreasuries_10y,40\n' > h.csv
    ///
    /// bullcheck portfolio run h.csv --scenario gfc-2008 --patch put-otm:moneyness=90
    ///
    /// bullcheck --lang zh portfolio run h.csv --format html > portfolio.html
    Run(RunArgs),
    /// Black-Scholes-Merton price of a European call and put, with the put's delta and vega.
    ///
    /// Rates, dividend yield and volatility in percent; vega per volatility point.
    ///
    /// Example (Hull's textbook case: call 4.7594, put 0.8086):
    ///
    /// bullcheck portfolio put-price --spot 42 --strike 40 --rate 10 --vol 20 --years 0.5 --format json
    PutPrice(PutPriceArgs),
    /// Time the large-book Monte Carlo (holdings × paths under a 6-factor model).
    ///
    /// Example: bullcheck portfolio bench --holdings 10000 --paths 100000
    Bench(BenchArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The holdings CSV file.
    pub holdings: PathBuf,
    /// A scenario name (see `bullcheck stress list`) or a scenario TOML file; repeatable.
    /// Default: every built-in scenario.
    #[arg(long = "scenario", value_name = "NAME")]
    pub scenarios: Vec<String>,
    /// A patch NAME[:key=value,...]; repeatable. Default: all five with their defaults.
    /// put-otm (moneyness=90, tenor_months=3, notional=100 % of equity, skew=0.9154 vol
    /// points per 1% OTM), gold (weight=10 %), tbills (weight=10), quality (weight=10: RMW
    /// overlay), diversify (weight=100: seed 002's stocks/bonds/gold/real estate, equal).
    /// Example: --patch put-otm:moneyness=80,tenor_months=6 --patch gold:weight=20
    #[arg(long = "patch", value_name = "SPEC")]
    pub patches: Vec<String>,
    /// Monte Carlo paths of each stress run (0: central values only, no distribution).
    #[arg(long, default_value_t = 2_000)]
    pub paths: u64,
    /// Seed of the stress runs' Monte Carlo.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output: table, json, markdown, or html (a page; `--lang zh` for Chinese), e.g.
    /// `bullcheck --lang zh portfolio run h.csv --format html > portfolio.html`.
    #[arg(long, value_enum, default_value = "table")]
    pub format: RunFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RunFormat {
    Table,
    Json,
    Markdown,
    /// A self-contained HTML page (scenario bars, patch cost/protection chart), in the
    /// language of `--lang`.
    Html,
}

#[derive(Debug, Args)]
pub struct PutPriceArgs {
    /// Spot price of the underlying.
    #[arg(long)]
    pub spot: f64,
    /// Strike price.
    #[arg(long)]
    pub strike: f64,
    /// Continuously compounded risk-free rate, percent (10 = 10%).
    #[arg(long, allow_hyphen_values = true)]
    pub rate: f64,
    /// Volatility, percent a year (20 = 20%).
    #[arg(long)]
    pub vol: f64,
    /// Time to expiry in years.
    #[arg(long)]
    pub years: f64,
    /// Continuous dividend yield, percent.
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    pub dividend: f64,
    #[arg(long, value_enum, default_value = "table")]
    pub format: PriceFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PriceFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Holdings in the synthetic book (1..=1,000,000), e.g. --holdings 10000.
    #[arg(long, default_value_t = 10_000)]
    pub holdings: usize,
    /// Monte Carlo paths (1..=10,000,000), e.g. --paths 100000.
    #[arg(long, default_value_t = 100_000)]
    pub paths: usize,
    /// Seed of the Xoshiro256++ generators (chunk c uses seed + c·0x9E3779B97F4A7C15).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(settings: &Settings, cmd: PortfolioCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        PortfolioCommand::Run(args) => run_portfolio(settings, &args),
        PortfolioCommand::PutPrice(args) => put_price(&args),
        PortfolioCommand::Bench(args) => bench(&args),
    }
}

fn put_price(args: &PutPriceArgs) -> anyhow::Result<ExitStatus> {
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
        PriceFormat::Table => format!(
            "call   {:.4}\nput    {:.4}\ndelta  {:.4} (put; call {:.4})\nvega   {:.4} per vol point\n",
            p.call, p.put, p.delta, p.call_delta, p.vega
        ),
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

// The dataset and scenarios are found exactly as `stress run` finds them.
use super::stress::{find_scenario, load_dataset};

/// Largest holdings file read: 100,000 rows (the parser's cap) of generous width.
const MAX_HOLDINGS_FILE_BYTES: u64 = 16 << 20;

/// The holdings file's bytes: a regular file of at most [`MAX_HOLDINGS_FILE_BYTES`] (a device
/// or a huge file is refused before it is read whole).
fn read_holdings_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Read as _;
    let shown = path.display();
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read holdings file {shown}"))?;
    anyhow::ensure!(meta.is_file(), "holdings file {shown}: not a regular file");
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_HOLDINGS_FILE_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read holdings file {shown}"))?;
    anyhow::ensure!(
        bytes.len() as u64 <= MAX_HOLDINGS_FILE_BYTES,
        "holdings file {shown}: larger than {MAX_HOLDINGS_FILE_BYTES} bytes"
    );
    Ok(bytes)
}

/// Reads and validates the holdings, runs every scenario and patch.
pub fn build(
    settings: &Settings,
    holdings_path: &Path,
    scenario_names: &[String],
    patch_specs: &[String],
    paths: u64,
    seed: u64,
) -> anyhow::Result<Report> {
    let bytes = read_holdings_file(holdings_path)?;
    let holdings = parse_holdings(&holdings_path.display().to_string(), &bytes)?;
    let patches: Vec<(String, Patch)> = if patch_specs.is_empty() {
        default_patches()
    } else {
        patch_specs
            .iter()
            .map(|s| parse_patch(s).map(|p| (s.clone(), p)))
            .collect::<Result<_, _>>()
            .map_err(|e| anyhow::anyhow!("--patch: {e}"))?
    };
    let data = load_dataset(settings)?;
    let scenarios: Vec<Scenario> = if scenario_names.is_empty() {
        built_in_scenarios()
    } else {
        scenario_names
            .iter()
            .map(|n| find_scenario(n, &data))
            .collect::<anyhow::Result<_>>()?
    };
    let options = RunOptions {
        paths,
        seed,
        innovations: Innovations::Normal,
        window: Default::default(),
    };
    let mut moves: Vec<ModelMoves> = Vec::new();
    let mut skipped = Vec::new();
    for s in &scenarios {
        match stress::run(s, &data, options) {
            Ok(report) => moves.push(scenario_moves(s, &report)),
            Err(no_data) => skipped.push(format!("{}: skipped: {no_data}", s.name)),
        }
    }
    let mut report = portfolio::run(&holdings, &moves, &patches, &data);
    report.notes.extend(skipped);
    Ok(report)
}

fn run_portfolio(settings: &Settings, args: &RunArgs) -> anyhow::Result<ExitStatus> {
    let report = build(
        settings,
        &args.holdings,
        &args.scenarios,
        &args.patches,
        args.paths,
        args.seed,
    )?;
    let text = match args.format {
        RunFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
        RunFormat::Table => render(&report, false)?,
        RunFormat::Markdown => render(&report, true)?,
        RunFormat::Html => bullcheck_core::portfolio::html::portfolio_page(
            Some(&report),
            super::audit::lang(settings),
            None,
        ),
    };
    print(&text)?;
    Ok(ExitStatus::Success)
}

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "—".into())
}

/// A table as aligned text or as Markdown.
fn table(out: &mut String, markdown: bool, header: &[String], rows: &[Vec<String>]) {
    if markdown {
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        for r in rows {
            let _ = writeln!(out, "| {} |", r.join(" | "));
        }
        return;
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i == 0 {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    let _ = writeln!(out, "  {}", line(header));
    for r in rows {
        let _ = writeln!(out, "  {}", line(r));
    }
}

fn heading(out: &mut String, markdown: bool, text: &str) {
    if markdown {
        let _ = writeln!(out, "\n## {text}\n");
    } else {
        let _ = writeln!(out, "\n{text}");
    }
}

/// The report as a terminal table or Markdown.
pub fn render(r: &Report, markdown: bool) -> anyhow::Result<String> {
    let mut out = String::new();
    if markdown {
        writeln!(out, "# Portfolio under the stress scenarios")?;
    } else {
        writeln!(out, "Portfolio under the stress scenarios")?;
    }
    heading(&mut out, markdown, "Holdings");
    let rows: Vec<Vec<String>> = r
        .holdings
        .iter()
        .map(|h| {
            vec![
                h.asset.clone(),
                format!("{:.2}%", 100.0 * h.weight),
                pct(h.carry_pct_per_year),
                match (&h.fit, &h.fit_missing) {
                    (Some(f), _) => f.describe(),
                    (None, Some(why)) => why.clone(),
                    _ => "model (see docs/portfolio.md)".into(),
                },
            ]
        })
        .collect();
    table(
        &mut out,
        markdown,
        &[
            "asset".into(),
            "weight".into(),
            "carry %/y".into(),
            "sensitivities".into(),
        ],
        &rows,
    );
    writeln!(
        out,
        "  portfolio carry: {} % a year",
        pct(r.carry_pct_per_year)
    )?;

    heading(&mut out, markdown, "Scenarios (return over the horizon, %)");
    let assets: Vec<String> = r.holdings.iter().map(|h| h.asset.clone()).collect();
    let mut header: Vec<String> = vec![
        "scenario".into(),
        "kind".into(),
        "quarters".into(),
        "return".into(),
        "model".into(),
        "p5".into(),
        "p95".into(),
    ];
    header.extend(assets.iter().map(|a| format!("{a} (contrib.)")));
    let rows: Vec<Vec<String>> = r
        .scenarios
        .iter()
        .map(|s| {
            let mut row = vec![
                s.scenario.clone(),
                s.kind.clone(),
                s.horizon_quarters.to_string(),
                pct(s.return_pct),
                pct(s.model_return_pct),
                pct(s.distribution.as_ref().map(|d| d.p5)),
                pct(s.distribution.as_ref().map(|d| d.p95)),
            ];
            row.extend(s.contributions.iter().map(|c| {
                let mark = match c.source.as_str() {
                    "history" => " h",
                    "model" => "",
                    _ => " ?",
                };
                format!("{}{mark}", pct(c.contribution_pct))
            }));
            row
        })
        .collect();
    table(&mut out, markdown, &header, &rows);
    writeln!(
        out,
        "  return: history (h) where stored in replays, else the model; model: every holding at the model's estimate; p5/p95: the model's equity percentiles"
    )?;

    let replays: Vec<_> = r.scenarios.iter().filter(|s| s.kind == "replay").collect();
    if !replays.is_empty() {
        heading(
            &mut out,
            markdown,
            "Replays: what happened vs the model (% per holding)",
        );
        let rows: Vec<Vec<String>> = replays
            .iter()
            .flat_map(|s| {
                s.contributions.iter().map(move |c| {
                    vec![
                        s.scenario.clone(),
                        c.asset.clone(),
                        pct(c.history_return_pct),
                        pct(c.model_return_pct),
                    ]
                })
            })
            .collect();
        table(
            &mut out,
            markdown,
            &[
                "scenario".into(),
                "asset".into(),
                "history".into(),
                "model".into(),
            ],
            &rows,
        );
    }

    if !r.patches.is_empty() {
        heading(&mut out, markdown, "Patches");
        let rows: Vec<Vec<String>> = r
            .patches
            .iter()
            .map(|p| {
                vec![
                    p.patch.clone(),
                    pct(p.cost_pct_per_year),
                    p.worst_unpatched
                        .as_ref()
                        .map(|w| format!("{} {:+.2}", w.0, w.1))
                        .unwrap_or("—".into()),
                    p.worst_patched
                        .as_ref()
                        .map(|w| format!("{} {:+.2}", w.0, w.1))
                        .unwrap_or("—".into()),
                    pct(p.worst_improvement_pp),
                    p.improvement_per_unit_cost
                        .map(|x| format!("{x:.2}"))
                        .unwrap_or("—".into()),
                ]
            })
            .collect();
        table(
            &mut out,
            markdown,
            &[
                "patch".into(),
                "cost %/y".into(),
                "worst, unpatched".into(),
                "worst, patched".into(),
                "improvement pp".into(),
                "pp per 1%/y".into(),
            ],
            &rows,
        );
        heading(
            &mut out,
            markdown,
            "Patched return by scenario (%; change in pp)",
        );
        let mut header = vec!["scenario".to_string(), "unpatched".to_string()];
        header.extend(r.patches.iter().map(|p| p.patch.clone()));
        let rows: Vec<Vec<String>> = r
            .scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut row = vec![s.scenario.clone(), pct(s.return_pct)];
                row.extend(r.patches.iter().map(|p| {
                    let ps = &p.scenarios[i];
                    format!("{} ({})", pct(ps.return_pct), pct(ps.change_pp))
                }));
                row
            })
            .collect();
        table(&mut out, markdown, &header, &rows);
        for p in &r.patches {
            for n in &p.notes {
                writeln!(out, "  {}: {n}", p.patch)?;
            }
        }
    }

    heading(&mut out, markdown, "Estimated on stored data");
    let e = &r.estimates;
    for f in [&e.curve_2y, &e.curve_30y, &e.ig_on_hy]
        .into_iter()
        .flatten()
    {
        writeln!(out, "  {}", f.describe())?;
    }
    writeln!(
        out,
        "  levels: 2y {} · 10y {} · 30y {} · 3m {} · IG OAS {} · HY OAS {} (stored mean {}) · S&P dividend yield {}",
        pct(e.ust2y),
        pct(e.ust10y),
        pct(e.ust30y),
        pct(e.tbill),
        pct(e.ig_oas),
        pct(e.hy_oas),
        pct(e.hy_oas_mean),
        pct(e.dividend_yield)
    )?;
    heading(&mut out, markdown, "Cited parameters");
    for c in &r.cited {
        writeln!(
            out,
            "  {} = {} {} — {} ({}, {})",
            c.name, c.value, c.unit, c.source, c.url, c.as_of
        )?;
    }
    writeln!(out, "  put skew — {}", r.skew_source)?;
    if !r.notes.is_empty() {
        heading(&mut out, markdown, "Notes");
        for n in &r.notes {
            writeln!(out, "  {n}")?;
        }
    }
    Ok(out)
}
