//! `bullcheck checks`.

use crate::settings::Settings;

use super::ExitStatus;

pub fn run(_settings: &Settings, _args: &crate::cli::ChecksArgs) -> anyhow::Result<ExitStatus> {
    anyhow::bail!("not implemented yet")
}
