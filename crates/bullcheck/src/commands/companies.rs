//! `bullcheck companies ingest PATH` and `bullcheck companies screen NAME`: SEC XBRL company
//! facts into the store, and the screens over them (definitions in
//! `bullcheck_core::companies::screens` and `::annual`).

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use bullcheck_core::companies::screens::{self, RefinancingParams, Universe};
use bullcheck_core::companies::{hyperscalers, render};
use bullcheck_core::series::Date;
use clap::{Args, Subcommand, ValueEnum};

use super::ExitStatus;
use crate::companies;
use crate::output;
use crate::settings::Settings;

#[derive(Debug, Subcommand)]
pub enum CompaniesCommand {
    /// Ingest SEC XBRL company facts: the bulk `companyfacts.zip`, a directory of
    /// `CIK##########.json` files, or one file.
    ///
    /// Entries are parsed in parallel; only the concepts the screens need are stored, each
    /// company's facts replaced atomically. A bad entry (unreadable, invalid or truncated
    /// JSON, no `facts`, unexpected unit or value type) is skipped with a warning and counted;
    /// the run continues.
    Ingest(IngestArgs),
    /// Run a screen over the stored company facts.
    ///
    /// unprofitable: share with latest annual NetIncomeLoss < 0. zombies: BIS broad definition
    /// (coverage < 1 in the three latest consecutive fiscal years, first 10-K ≥ 10 years
    /// old). maturity-wall: debt maturities by calendar year. refinancing: coverage after
    /// repricing debt (CATALOGUE M3). hyperscalers: capex, revenue, cash flow and D&A of
    /// Microsoft, Alphabet, Amazon, Meta and Oracle, with the depreciation-life sensitivity (M2).
    Screen(ScreenArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// `companyfacts.zip`, a directory of `CIK##########.json`, or one JSON file.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Summary format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: SummaryFormat,
    /// Skip (as `too-large`) any entry or file that inflates past this many MiB; headers are
    /// never trusted. Example: `--max-entry-mb 64`.
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=1 << 20))]
    pub max_entry_mb: u64,
    /// Stop reading entries once this many MiB have been inflated in total (the rest are
    /// skipped as `too-large`). Example: `--max-total-mb 1024`.
    #[arg(long, value_name = "MIB", default_value_t = 64 << 10, value_parser = clap::value_parser!(u64).range(1..=1 << 30))]
    pub max_total_mb: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScreenName {
    Unprofitable,
    Zombies,
    MaturityWall,
    Refinancing,
    Hyperscalers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UniverseArg {
    /// Every current filer.
    All,
    /// Ranks 1,001-3,000 by latest public float: a documented proxy for the Russell 2000.
    Small,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScreenFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The screen.
    #[arg(value_enum)]
    pub name: ScreenName,
    /// Use only facts filed on or before this day (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Which companies.
    #[arg(long, value_enum, default_value = "all")]
    pub universe: UniverseArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ScreenFormat,
    /// refinancing: the rate the debt carries today (decimal).
    #[arg(long, default_value_t = bullcheck_core::models::refinancing::SEED_OLD_RATE, value_parser = crate::cli_values::rate)]
    pub old_rate: f64,
    /// refinancing: the rate repriced debt pays (decimal).
    #[arg(long, default_value_t = bullcheck_core::models::refinancing::SEED_NEW_RATE, value_parser = crate::cli_values::rate)]
    pub new_rate: f64,
    /// refinancing: a fixed repriced share for every company, in [0, 1]. Default: each
    /// company's share of debt maturing within 24 months.
    #[arg(long, value_name = "S", value_parser = crate::cli_values::share)]
    pub repriced_share: Option<f64>,
}

pub fn run(settings: &Settings, cmd: CompaniesCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        CompaniesCommand::Ingest(args) => ingest(settings, &args),
        CompaniesCommand::Screen(args) => screen(settings, &args),
    }
}

fn ingest(settings: &Settings, args: &IngestArgs) -> anyhow::Result<ExitStatus> {
    let show_progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let limits = companies::Limits {
        max_entry_bytes: args.max_entry_mb << 20,
        max_total_bytes: args.max_total_mb << 20,
    };
    let summary =
        companies::ingest_with_limits(&settings.store_path(), &args.path, show_progress, limits)?;
    let text = match args.format {
        SummaryFormat::Json => serde_json::to_string_pretty(&summary)? + "\n",
        SummaryFormat::Table => {
            let mut text = String::new();
            writeln!(
                text,
                "Ingested {} companies ({} facts) from {} in {:.1} s",
                summary.companies, summary.facts, summary.source, summary.seconds
            )?;
            writeln!(
                text,
                "  read {:.1} MB of JSON ({:.1} MB on disk): {:.0} MB/s",
                summary.bytes as f64 / 1e6,
                summary.input_bytes as f64 / 1e6,
                summary.mb_per_second
            )?;
            if summary.skipped_total > 0 {
                let reasons: Vec<String> = summary
                    .skipped
                    .iter()
                    .map(|(r, n)| format!("{r} {n}"))
                    .collect();
                writeln!(
                    text,
                    "  skipped {}: {}",
                    summary.skipped_total,
                    reasons.join(", ")
                )?;
            } else {
                writeln!(text, "  skipped 0")?;
            }
            text
        }
    };
    output::print(&text)?;
    Ok(ExitStatus::Success)
}

fn parse_as_of(text: Option<&str>) -> anyhow::Result<Date> {
    match text {
        Some(text) => bullcheck_core::companies::parse_ymd(text)
            .with_context(|| format!("--as-of: {text:?} is not a YYYY-MM-DD date")),
        None => Ok(jiff::Zoned::now().date()),
    }
}

fn screen(settings: &Settings, args: &ScreenArgs) -> anyhow::Result<ExitStatus> {
    let as_of = parse_as_of(args.as_of.as_deref())?;
    let universe = match args.universe {
        UniverseArg::All => Universe::All,
        UniverseArg::Small => Universe::Small,
    };
    if let Some(share) = args.repriced_share
        && !(0.0..=1.0).contains(&share)
    {
        anyhow::bail!("--repriced-share must be between 0 and 1, got {share}");
    }
    if args.name == ScreenName::Hyperscalers {
        return hyperscaler_screen(settings, as_of, args.format);
    }
    let companies = companies::load(&settings.store_path(), as_of)?;
    let text = match args.name {
        ScreenName::Unprofitable => {
            let result = screens::unprofitable(&companies, as_of, universe);
            render(
                args.format,
                &result,
                render::unprofitable_table,
                render::unprofitable_csv,
            )?
        }
        ScreenName::Zombies => {
            let result = screens::zombies(&companies, as_of, universe);
            render(
                args.format,
                &result,
                render::zombies_table,
                render::zombies_csv,
            )?
        }
        ScreenName::MaturityWall => {
            let result = screens::maturity_wall(&companies, as_of, universe);
            render(
                args.format,
                &result,
                render::maturity_wall_table,
                render::maturity_wall_csv,
            )?
        }
        ScreenName::Refinancing => {
            let params = RefinancingParams {
                old_rate: args.old_rate,
                new_rate: args.new_rate,
                repriced_share: args.repriced_share,
            };
            let result = screens::refinancing(&companies, as_of, universe, params);
            render(
                args.format,
                &result,
                render::refinancing_table,
                render::refinancing_csv,
            )?
        }
        ScreenName::Hyperscalers => unreachable!("handled above"),
    };
    output::print(&text)?;
    Ok(ExitStatus::Success)
}

fn hyperscaler_screen(
    settings: &Settings,
    as_of: Date,
    format: ScreenFormat,
) -> anyhow::Result<ExitStatus> {
    let ciks: Vec<u64> = hyperscalers::HYPERSCALERS.iter().map(|h| h.cik).collect();
    let companies = companies::load_full(&settings.store_path(), as_of, &ciks)?;
    let result = hyperscalers::table(&companies, as_of);
    let text = render(
        format,
        &result,
        render::hyperscalers_table,
        render::hyperscalers_csv,
    )?;
    output::print(&text)?;
    Ok(ExitStatus::Success)
}

/// The result as JSON (its `Serialize`), or through the core's table or CSV renderer.
fn render<T: serde::Serialize>(
    format: ScreenFormat,
    result: &T,
    table: impl FnOnce(&T) -> String,
    csv: impl FnOnce(&T) -> String,
) -> anyhow::Result<String> {
    Ok(match format {
        ScreenFormat::Json => serde_json::to_string_pretty(result)? + "\n",
        ScreenFormat::Table => table(result),
        ScreenFormat::Csv => csv(result),
    })
}
