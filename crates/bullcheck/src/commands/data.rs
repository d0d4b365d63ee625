//! `bullcheck data import|update|list|show|export`.

use crate::cli::DataCommand;
use crate::settings::Settings;

use super::ExitStatus;

pub fn run(_settings: &Settings, _cmd: DataCommand) -> anyhow::Result<ExitStatus> {
    anyhow::bail!("not implemented yet")
}
