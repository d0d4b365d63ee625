//! `bullcheck audit`: the audit as of a date ([`load::audit`]: the stored data if any, the
//! check definitions built-in plus the user's `$BULLCHECK_HOME/checks/*.toml`, the bundled
//! snapshot); render; map `--fail-on` to the exit code.

use bullcheck_core::checks::Status;
use bullcheck_core::report;

use crate::cli::{AuditArgs, AuditFormat, FailOn};
use crate::exit::ExitStatus;
use crate::load::{self, lang};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &AuditArgs) -> anyhow::Result<ExitStatus> {
    let options = load::AuditOptions {
        as_of: load::as_of(settings, args.as_of.as_deref())?,
        modules: args.modules.clone(),
        real_time: args.real_time,
    };
    let result = load::audit(settings, &options)?;
    let lang = lang(settings);
    let text = match args.format {
        AuditFormat::Table => report::terminal::render(&result, lang, settings.color),
        AuditFormat::Json => report::json::render(&result, lang),
        AuditFormat::Markdown => report::markdown::render(&result, lang),
    };
    crate::output::print(&text)?;
    let reached = match args.fail_on {
        None => false,
        Some(FailOn::Warning) => result.worst_status() >= Status::Warning,
        Some(FailOn::Critical) => result.worst_status() >= Status::Critical,
    };
    Ok(if reached {
        ExitStatus::ThresholdReached
    } else {
        ExitStatus::Success
    })
}
