//! `bullcheck companies`: SEC XBRL company facts (ingest, screens).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

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
    /// repricing debt (docs/catalogue.md M3). hyperscalers: capex, revenue, cash flow and D&A of
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
