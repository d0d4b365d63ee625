//! `bullcheck network`: the AI financing network (built-in registry or a user's TOML file in
//! the same format), drawn as a table, JSON or Graphviz dot, and DebtRank contagion on it.
//! The computation is `bullcheck_core::network`; this file reads the file and prints.

use std::path::Path;

use anyhow::Context as _;
use bullcheck_core::network::{self, Network, Shock, registry, render};

use crate::cli::TableOrJson;
use crate::cli::network::{EquityBasis, IncludeStatus, NetworkCommand, ShowFormat};
use crate::exit::ExitStatus;
use crate::output::print;
use crate::settings::Settings;

/// Largest registry file read.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

pub fn run(settings: &Settings, cmd: NetworkCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        NetworkCommand::Show(args) => {
            let net = load(args.file.as_deref())?;
            let circular = network::circular_shares(&net);
            let text = match args.format {
                ShowFormat::Table => {
                    render::show_table(&net, &circular, crate::load::lang(settings))
                }
                ShowFormat::Json => {
                    serde_json::to_string_pretty(&render::show_json(&net, &circular))? + "\n"
                }
                ShowFormat::Dot => render::show_dot(&net),
                ShowFormat::Svg => render::show_svg(&net, crate::load::lang(settings)),
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
            let selection = network::Selection {
                basis: match args.equity_basis {
                    EquityBasis::Book => "book",
                    EquityBasis::Market => "market",
                }
                .to_string(),
                include: args
                    .include
                    .iter()
                    .map(|s| {
                        match s {
                            IncludeStatus::Committed => "committed",
                            IncludeStatus::Contingent => "contingent",
                            IncludeStatus::Announced => "announced",
                        }
                        .to_string()
                    })
                    .collect(),
            };
            let result =
                network::contagion_with(&net, &shocks, &selection).map_err(anyhow::Error::msg)?;
            let circular = network::circular_shares(&net);
            let text = match args.format {
                TableOrJson::Table => render::contagion_table(&result, crate::load::lang(settings)),
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
    Ok(registry::parse_user(&path.display().to_string(), &text)?)
}
