//! `bullcheck audit`.

use crate::settings::Settings;

use super::ExitStatus;

pub fn run(_settings: &Settings, _args: &crate::cli::AuditArgs) -> anyhow::Result<ExitStatus> {
    anyhow::bail!("not implemented yet")
}
