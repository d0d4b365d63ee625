//! `bullcheck stress`: scenarios, Monte Carlo, sensitivity grids, reverse stress tests.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum StressCommand {
    /// List the built-in scenarios and the DFAST scenarios found in the store.
    List,
    /// Show one scenario: description, shocks with their sources, parameters, citations.
    Show {
        /// A scenario name (see `stress list`) or a path to a scenario TOML file.
        scenario: String,
    },
    /// Run a scenario through the transmission model with Monte Carlo around it.
    Run(RunArgs),
    /// Sensitivity grids: fair P/E vs 10-year and ERP (M1), depreciation life (M2),
    /// refinancing (M3).
    Table(TableArgs),
    /// Reverse stress test: the smallest shock to one variable that moves an output by X.
    Reverse(ReverseArgs),
    /// Time the Monte Carlo kernel alone and print paths per second.
    Bench(BenchArgs),
    /// The model against history: every replay (leave-one-episode-out) and every stored DFAST
    /// severely adverse scenario, model vs realised or Fed path, error, mean absolute error,
    /// sign hits; consumer-crack and yen-carry-unwind shown with their direction.
    ///
    /// Example: `bullcheck stress validate` or `bullcheck stress validate my-replay.toml --format json`
    Validate(ValidateArgs),
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Extra scenario TOML files to validate (a replay needs only `[replay] start/end`).
    pub files: Vec<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: RunFormat,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// A scenario name (see `stress list`) or a path to a scenario TOML file.
    pub scenario: String,
    /// Number of Monte Carlo paths (0: deterministic only; at most 100,000,000).
    /// Example: `--paths 100000`.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(0..=MAX_RUN_PATHS))]
    pub paths: u64,
    /// Seed of the Xoshiro256PlusPlus generators (chunk c uses seed + c·0x9E3779B97F4A7C15).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Innovation distribution.
    #[arg(long, value_enum, default_value = "normal")]
    pub dist: Dist,
    /// Degrees of freedom of the Student-t (must be > 2).
    #[arg(long, default_value_t = 5.0, value_parser = crate::cli_values::finite_f64)]
    pub df: f64,
    /// Estimate the covariance and the earnings-yield (multiple) regression on history from
    /// this date (default: all stored history). The earnings regression and the discount-rate
    /// channel always use every stored year.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub window_from: Option<String>,
    /// Estimate the covariance and the earnings-yield regression on history up to this date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub window_to: Option<String>,
    /// Hold these variables at their current level instead of letting them follow their
    /// conditional expectation (comma-separated; adds to the scenario's own `hold = [...]`).
    /// Example: `--hold vix,hy_oas`.
    #[arg(long, value_delimiter = ',', value_name = "VARIABLE")]
    pub hold: Vec<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: RunFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dist {
    Normal,
    T,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RunFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableName {
    FairPe,
    Depreciation,
    Refinancing,
}

#[derive(Debug, Args)]
pub struct TableArgs {
    pub table: TableName,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct ReverseArgs {
    /// The output to move (e.g. index_fair_value, consumer_delinquency).
    #[arg(long)]
    pub target: String,
    /// The change of the output (its unit: % for index_fair_value, levels otherwise).
    #[arg(long, allow_hyphen_values = true, value_parser = crate::cli_values::finite_f64)]
    pub change: f64,
    /// The variable to shock (e.g. ust10y); the others follow their conditional expectation.
    #[arg(long)]
    pub shock: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: RunFormat,
}

/// The most Monte Carlo paths `stress run` and `stress bench` accept.
pub const MAX_RUN_PATHS: u64 = 100_000_000;
/// The most variables `stress bench` accepts (its covariance is vars² numbers).
pub const MAX_BENCH_VARS: u64 = 200;
/// The most steps `stress bench` accepts (50 years of months).
pub const MAX_BENCH_STEPS: u64 = 600;
/// The most draws (paths × vars × steps) one `stress bench` makes.
pub const MAX_BENCH_DRAWS: u128 = 20_000_000_000;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Paths (1 to 100,000,000). Example: `stress bench --paths 100000 --vars 20 --steps 12`.
    #[arg(long, default_value_t = 1_000_000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_RUN_PATHS))]
    pub paths: usize,
    /// Variables (1 to 200).
    #[arg(long, default_value_t = 20, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_BENCH_VARS))]
    pub vars: usize,
    /// Steps per path (1 to 600).
    #[arg(long, default_value_t = 12, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_BENCH_STEPS))]
    pub steps: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}
