//! `bullcheck portfolio`: a user's holdings under every stress scenario, the seeds' patches,
//! an option pricer and the large-book Monte Carlo benchmark.
//!
//! All computation is in `bullcheck_core::portfolio`; this file reads the holdings file and the
//! store, runs the stress scenarios (their results reach the portfolio only through
//! `portfolio::adapter::scenario_moves`) and renders tables, Markdown and JSON.

use std::fmt::Write as _;
use std::time::Instant;

use bullcheck_core::portfolio::Report;
use bullcheck_core::portfolio::bsm::{OptionInputs, price};
use bullcheck_core::portfolio::montecarlo::{bench_book, simulate};

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
        RunFormat::Table => render(&report, false)?,
        RunFormat::Markdown => render(&report, true)?,
        RunFormat::Html => bullcheck_core::portfolio::html::portfolio_page(
            Some(&report),
            crate::load::lang(settings),
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
