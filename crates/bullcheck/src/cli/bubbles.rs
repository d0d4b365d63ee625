//! `bullcheck bubbles`: industry run-ups and crashes, the GSADF test.

use clap::{Args, Subcommand};

use super::TableOrJson;

#[derive(Debug, Subcommand)]
pub enum BubblesCommand {
    /// Industry run-ups and crashes (Greenwood, Shleifer and You 2019, "Bubbles for Fama").
    ///
    /// A run-up: value-weighted industry return above 100% over two years, raw and net of
    /// the market, and above 50% over five years. A crash: a 40% drawdown within the next
    /// two years. Reads Ken French's industry portfolios from the store (the full
    /// multi-section file: returns, number of firms and average size for the market's
    /// weights). Lists every episode, the crash share against the unconditional one, and the
    /// industries in a run-up at the last month.
    ///
    /// Examples:
    ///   bullcheck data import 49_Industry_Portfolios.CSV
    ///   bullcheck bubbles industries
    ///   bullcheck bubbles industries --from 1928-01 --to 2014-12 --format json
    #[command(verbatim_doc_comment)]
    Industries(IndustriesArgs),
    /// Explosive-root test (Phillips, Shi and Yu 2015, GSADF) on Shiller's S&P 500
    /// price-dividend ratio, with critical values by seeded simulation and the dated
    /// explosive episodes.
    ///
    /// Examples:
    ///   bullcheck data import ie_data.xls
    ///   bullcheck bubbles gsadf
    ///   bullcheck bubbles gsadf --from 1871-01 --to 2010-12 --reps 2000 --format json
    #[command(verbatim_doc_comment)]
    Gsadf(GsadfArgs),
}

#[derive(Debug, Args)]
pub struct IndustriesArgs {
    /// First month an episode may start (YYYY-MM). Earlier data still serve as look-back.
    #[arg(long, value_name = "YYYY-MM")]
    pub from: Option<String>,
    /// Last month an episode may start (YYYY-MM). Later data still serve to judge crashes.
    #[arg(long, value_name = "YYYY-MM")]
    pub to: Option<String>,
    /// The industry set: the id prefix of the stored portfolios (FF49, FF12, ...).
    #[arg(long, default_value = "FF49", value_name = "PREFIX")]
    pub set: String,
    /// Skip run-ups in industries with fewer firms than this (0: every industry). Thin
    /// industries (Coal, Guns, Ships) produce many of the extra episodes on the 49-industry
    /// file.
    #[arg(long, default_value_t = 0.0, value_name = "N")]
    pub min_firms: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct GsadfArgs {
    /// First month of the sample (YYYY-MM). Default: the first with a price and dividend.
    #[arg(long, value_name = "YYYY-MM")]
    pub from: Option<String>,
    /// Last month of the sample (YYYY-MM). Default: the last with a dividend.
    #[arg(long, value_name = "YYYY-MM")]
    pub to: Option<String>,
    /// Lag order of the ADF regressions.
    #[arg(long, default_value_t = 0)]
    pub lag: usize,
    /// Null replications for the critical values (PSY used 2,000).
    #[arg(long, default_value_t = 2000)]
    pub reps: usize,
    /// Seed of the replications (replication r uses seed + r).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}
