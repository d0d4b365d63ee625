//! `bullcheck events`: event studies.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::TableOrJson;

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// Run an event study: per-event outcomes, the conditional mean and hit rate against
    /// every month-end of the sample, a bootstrap 95% interval and a random-date p-value.
    ///
    /// Built-ins (--builtin): `ten-year-5pct` (DGS10 crosses above 5% → S&P 500 returns over
    /// 1, 3, 6, 12 months; seeds 000, 001), `vix-low` (VIX in its bottom decile → the next 3
    /// months' S&P 500 drawdown; the "cheap insurance" claim), `mlf` (net MLF injection
    /// above ¥300B → next month's Shanghai Composite return; seed 003; needs --mlf-file).
    /// Or a rule of your own with --event-series and one of --cross-above, --cross-below,
    /// --above, --bottom-quantile, --change-months with --change-threshold.
    ///
    /// Examples:
    ///   bullcheck events study --builtin ten-year-5pct
    ///   bullcheck events study --builtin vix-low --format json
    ///   bullcheck events study --builtin mlf --mlf-file mlf_monthly.csv
    ///   bullcheck events study --event-series BAMLH0A0HYM2 --change-months 3 \
    ///       --change-threshold 1.5 --outcome-series SP500_LONG --horizons 3,6,12
    #[command(verbatim_doc_comment)]
    Study(StudyArgs),
}

#[derive(Debug, Args)]
pub struct StudyArgs {
    /// A built-in study: ten-year-5pct, vix-low or mlf.
    #[arg(long, value_name = "NAME")]
    pub builtin: Option<String>,
    /// The monthly MLF CSV for `--builtin mlf` (`month,net_injection_bn_cny`, see
    /// docs/network.md).
    #[arg(long, value_name = "FILE")]
    pub mlf_file: Option<PathBuf>,
    /// The stored series that picks the events (your own rule).
    #[arg(long, value_name = "ID")]
    pub event_series: Option<String>,
    /// Event: the series goes from at or below LEVEL to above it.
    #[arg(long, value_name = "LEVEL")]
    pub cross_above: Option<f64>,
    /// Event: the series goes from at or above LEVEL to below it.
    #[arg(long, value_name = "LEVEL")]
    pub cross_below: Option<f64>,
    /// Event: every observation above LEVEL (de-clustered by --gap-months).
    #[arg(long, value_name = "LEVEL")]
    pub above: Option<f64>,
    /// Event: the value is below this quantile of the whole series (0.1 = bottom decile).
    #[arg(long, value_name = "Q")]
    pub bottom_quantile: Option<f64>,
    /// Event: the change over this many months is beyond --change-threshold.
    #[arg(long, value_name = "MONTHS", requires = "change_threshold")]
    pub change_months: Option<i64>,
    /// The change threshold (above it if positive, below it if negative).
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub change_threshold: Option<f64>,
    /// The stored price series whose outcome is measured.
    #[arg(long, value_name = "ID", default_value = "SP500_LONG")]
    pub outcome_series: String,
    /// What is measured after each event.
    #[arg(long, value_enum, default_value = "return")]
    pub measure: MeasureArg,
    /// Horizons in months, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,3,6,12")]
    pub horizons: Vec<i64>,
    /// Months after an event in which no new event counts. Default: the longest horizon
    /// (built-ins: their own).
    #[arg(long, value_name = "MONTHS")]
    pub gap_months: Option<i64>,
    /// Bootstrap and random-date replications.
    #[arg(long, default_value_t = 10_000)]
    pub reps: usize,
    /// Seed of the replications.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MeasureArg {
    Return,
    Drawdown,
}
