//! `bullcheck stress` (placeholder until implemented).

use clap::Subcommand;

use crate::settings::Settings;

use super::ExitStatus;

#[derive(Debug, Subcommand)]
pub enum StressCommand {
    /// Not implemented yet.
    List,
}

pub fn run(_settings: &Settings, _cmd: StressCommand) -> anyhow::Result<ExitStatus> {
    anyhow::bail!("not implemented yet")
}
