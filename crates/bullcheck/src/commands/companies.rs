//! `bullcheck companies` (placeholder until implemented).

use clap::Subcommand;

use crate::settings::Settings;

use super::ExitStatus;

#[derive(Debug, Subcommand)]
pub enum CompaniesCommand {
    /// Not implemented yet.
    List,
}

pub fn run(_settings: &Settings, _cmd: CompaniesCommand) -> anyhow::Result<ExitStatus> {
    anyhow::bail!("not implemented yet")
}
