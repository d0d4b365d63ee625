//! `bullcheck network`: the AI financing network (built-in registry or a user's TOML file in
//! the same format), drawn as a table, JSON or Graphviz dot, and DebtRank contagion on it.
//! The computation is `bullcheck_core::network`; this file reads the file and prints.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use bullcheck_core::network::{self, Network, Shock, registry, render};
use clap::{Args, Subcommand, ValueEnum};

use super::ExitStatus;
use crate::output::print;
use crate::settings::Settings;

/// Largest registry file read.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

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
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableOrJson {
    Table,
    Json,
}

pub fn run(settings: &Settings, cmd: NetworkCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        NetworkCommand::Show(args) => {
            let net = load(args.file.as_deref())?;
            let circular = network::circular_shares(&net);
            let text = match args.format {
                ShowFormat::Table => render::show_table(&net, &circular),
                ShowFormat::Json => {
                    serde_json::to_string_pretty(&render::show_json(&net, &circular))? + "\n"
                }
                ShowFormat::Dot => render::show_dot(&net),
                ShowFormat::Svg => render::show_svg(&net, settings.lang == crate::cli::Lang::Zh),
            };
            print(&text)?;
        }
        NetworkCommand::Contagion(args) => {
            let net = load(args.file.as_deref())?;
            let mut shocks: Vec<Shock> = args
                .defaults
                .iter()
                .map(|id| Shock {
                    id: id.clone(),
                    share: 1.0,
                })
                .collect();
            for s in &args.shocks {
                shocks.push(parse_shock(s)?);
            }
            if shocks.is_empty() {
                anyhow::bail!(
                    "no shock: give --default ID or --shock ID=SHARE (e.g. --default OPENAI)"
                );
            }
            let result = network::contagion(&net, &shocks).map_err(anyhow::Error::msg)?;
            let circular = network::circular_shares(&net);
            let text = match args.format {
                TableOrJson::Table => render::contagion_table(&result),
                TableOrJson::Json => {
                    serde_json::to_string_pretty(&render::contagion_json(&result, &circular))?
                        + "\n"
                }
            };
            print(&text)?;
        }
    }
    Ok(ExitStatus::Success)
}

fn parse_shock(text: &str) -> anyhow::Result<Shock> {
    let (id, share) = text
        .split_once('=')
        .with_context(|| format!("--shock {text}: expected ID=SHARE (e.g. NVDA=0.3)"))?;
    let share: f64 = share
        .trim()
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite() && (0.0..=1.0).contains(s))
        .with_context(|| format!("--shock {text}: SHARE must be a number between 0 and 1"))?;
    Ok(Shock {
        id: id.trim().to_string(),
        share,
    })
}

/// The registry at `path`, or the built-in one.
fn load(path: Option<&Path>) -> anyhow::Result<Network> {
    let Some(path) = path else {
        return Ok(registry::builtin());
    };
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > MAX_FILE_BYTES {
        anyhow::bail!(
            "{}: {size} bytes, more than the {MAX_FILE_BYTES} a registry may have",
            path.display()
        );
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
    Ok(registry::parse(&path.display().to_string(), &text)?)
}
