//! `bullcheck audit`: load the stored data (if any), the check definitions (built-in plus the
//! user's `$BULLCHECK_HOME/checks/*.toml`) and the bundled snapshot; evaluate as of a date;
//! render; map `--fail-on` to the exit code.

use bullcheck_core::audit;
use bullcheck_core::checks::{self, Status};
use bullcheck_core::report;

use crate::cli::{AuditArgs, AuditFormat, FailOn};
use crate::exit::ExitStatus;
use crate::load::{self, forecasts, lang, load_data_for, load_defs};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &AuditArgs) -> anyhow::Result<ExitStatus> {
    let as_of = load::as_of(settings, args.as_of.as_deref())?;
    let mut defs = load_defs(settings)?;
    if !args.modules.is_empty() {
        for m in &args.modules {
            if !checks::def::MODULES.contains(&m.as_str()) {
                anyhow::bail!(
                    "unknown module `{m}`\nhint: modules are {}",
                    checks::def::MODULES.join(", ")
                );
            }
        }
        defs.retain(|d| args.modules.contains(&d.module));
    }
    let mut data = load_data_for(settings, &defs, as_of)?;
    let mut snapshot = bullcheck_core::snapshot::bundled();
    if args.real_time {
        data = bullcheck_core::release::known_by(&data, as_of);
        snapshot = snapshot.known_by(as_of);
    }
    // The skill is measured on every definition (the whole rating), whatever --module says.
    let skill = if args.modules.is_empty() {
        load::measured_skill(settings, &defs, as_of)?
    } else {
        load::measured_skill(settings, &load_defs(settings)?, as_of)?
    };
    let mut result = audit::run(defs, &data, &snapshot, as_of);
    result.forecasts = forecasts(settings, as_of)?;
    result.skill = skill;
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
