//! `bullcheck network`: the AI financing network and DebtRank contagion.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::TableOrJson;

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Show the network: companies (equity, revenue) and exposures (investments, purchase
    /// commitments, cloud contracts, warrants, loans) with every figure's source and date,
    /// plus each company's circular share.
    ///
    /// Examples:
    ///   bullcheck network show
    ///   bullcheck network show --format json
    ///   bullcheck network show --format dot | dot -Tsvg > network.svg
    ///   bullcheck network show --format svg > network.svg
    ///   bullcheck --lang zh network show --format svg > network-zh.svg
    ///   bullcheck network show --file my-network.toml
    #[command(verbatim_doc_comment)]
    Show(ShowArgs),
    /// DebtRank contagion: what a default (or a loss of part of the equity) at one company
    /// does to the others through their exposures (Battiston et al. 2012, linear form).
    ///
    /// W_ij = min(1, exposure of j to i ÷ equity of j); distress moves on in rounds until it
    /// stops. Exposures or equity without a cited figure are left out and counted.
    ///
    /// Examples:
    ///   bullcheck network contagion --default OPENAI
    ///   bullcheck network contagion --shock NVDA=0.3 --format json
    ///   bullcheck network contagion --file my-network.toml --default A
    #[command(verbatim_doc_comment)]
    Contagion(ContagionArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A registry TOML file (`[[node]]` and `[[exposure]]` tables; see docs/network.md).
    /// Default: the built-in AI network.
    #[arg(long, value_name = "NET.toml")]
    pub file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
    Dot,
    /// A standalone SVG drawing (captions follow --lang).
    Svg,
}

#[derive(Debug, Args)]
pub struct ContagionArgs {
    /// A registry TOML file. Default: the built-in AI network.
    #[arg(long, value_name = "NET.toml")]
    pub file: Option<PathBuf>,
    /// A company that defaults (distress 1); repeatable.
    #[arg(long = "default", value_name = "ID")]
    pub defaults: Vec<String>,
    /// A company that loses a share of its equity, `ID=SHARE` with SHARE in [0, 1]
    /// (e.g. `NVDA=0.3`); repeatable.
    #[arg(long = "shock", value_name = "ID=SHARE")]
    pub shocks: Vec<String>,
    /// The one equity basis of the run: book (default) or market. Equity stated on another
    /// basis (a private company's valuation, a market value in a book run) counts as unknown.
    #[arg(long, value_enum, default_value = "book")]
    pub equity_basis: EquityBasis,
    /// Exposure statuses counted besides funded ones, comma-separated: committed,
    /// contingent, announced (e.g. `--include committed,contingent`). Default: funded only.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS,...")]
    pub include: Vec<IncludeStatus>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EquityBasis {
    Book,
    Market,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IncludeStatus {
    Committed,
    Contingent,
    Announced,
}
