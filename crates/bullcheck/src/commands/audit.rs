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
    let bytes = match args.format {
        AuditFormat::Table => report::terminal::render(&result, lang, settings.color).into_bytes(),
        AuditFormat::Json => report::json::render(&result, lang).into_bytes(),
        AuditFormat::Markdown => report::markdown::render(&result, lang).into_bytes(),
        AuditFormat::Parquet => {
            if args.out.is_none() {
                anyhow::bail!("--format parquet writes a file: add --out FILE");
            }
            parquet(&result, lang)?
        }
    };
    match &args.out {
        Some(path) => {
            super::report::write_atomically(path, &bytes)?;
            eprintln!("wrote {} ({} checks)", path.display(), result.checks.len());
        }
        None => crate::output::print(&String::from_utf8(bytes)?)?,
    }
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

/// The audit as a Parquet file, one row per check of its JSON report.
#[cfg(feature = "parquet")]
fn parquet(result: &bullcheck_core::audit::Audit, lang: report::Lang) -> anyhow::Result<Vec<u8>> {
    let json: serde_json::Value = serde_json::from_str(&report::json::render(result, lang))?;
    crate::export::parquet::audit(&crate::export::audit_rows(&json), &json)
}

#[cfg(not(feature = "parquet"))]
fn parquet(_: &bullcheck_core::audit::Audit, _: report::Lang) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("{}", crate::export::NO_PARQUET)
}
