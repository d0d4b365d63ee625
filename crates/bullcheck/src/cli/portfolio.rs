//! `bullcheck portfolio`: holdings under the stress scenarios, patches, an option pricer.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

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
    /// Monte Carlo paths of each stress run (0: central values only, no distribution; at
    /// most 1,000,000, since every scenario is run with this many paths).
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u64).range(0..=MAX_PORTFOLIO_PATHS))]
    pub paths: u64,
    /// Seed of the stress runs' Monte Carlo.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output: table, json, markdown, or html (a page; `--lang zh` for Chinese), e.g.
    /// `bullcheck --lang zh portfolio run h.csv --format html > portfolio.html`.
    #[arg(long, value_enum, default_value = "table")]
    pub format: RunFormat,
}

/// The most Monte Carlo paths `portfolio run` accepts per scenario (issue 28: `--paths 1e12`
/// ran without end).
pub const MAX_PORTFOLIO_PATHS: u64 = 1_000_000;

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
    /// Continuously compounded risk-free rate, percent (10 = 10%; a fraction such as 0.05 is
    /// refused as ambiguous: write 5, or 0.05% if you mean 0.05 %).
    #[arg(long, allow_hyphen_values = true, value_parser = crate::cli_values::percent)]
    pub rate: f64,
    /// Volatility, percent a year (20 = 20%; 0.25 is refused: write 25).
    #[arg(long, value_parser = crate::cli_values::vol_percent)]
    pub vol: f64,
    /// Time to expiry in years.
    #[arg(long)]
    pub years: f64,
    /// Continuous dividend yield, percent (1.5 = 1.5%; fractions refused as for --rate).
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true, value_parser = crate::cli_values::percent)]
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
