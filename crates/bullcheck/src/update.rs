//! `data update`: live sources. (stub)

use crate::cli::UpdateArgs;
use crate::commands::ExitStatus;
use crate::settings::Settings;

/// Fetches the requested series live and stores them. (Stub: the signature `data` calls.)
pub fn run(_settings: &Settings, _args: &UpdateArgs) -> anyhow::Result<ExitStatus> {
    anyhow::bail!("`data update` is not implemented yet")
}
