//! `bullcheck audit`: load the stored data (if any), the check definitions (built-in plus the
//! user's `$BULLCHECK_HOME/checks/*.toml`) and the bundled snapshot; evaluate as of a date;
//! render; map `--fail-on` to the exit code.

use anyhow::Context as _;
use bullcheck_core::audit;
use bullcheck_core::checks::{self, CheckDef, Status};
use bullcheck_core::companies::derived;
use bullcheck_core::report::{self, Lang};
use bullcheck_core::series::{Dataset, Date};

use super::ExitStatus;
use crate::cli::{AuditArgs, AuditFormat, FailOn};
use crate::settings::Settings;
use crate::store::{LoadScope, Store};

pub fn run(settings: &Settings, args: &AuditArgs) -> anyhow::Result<ExitStatus> {
    let as_of = resolve_as_of(args.as_of.as_deref())?;
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
    let data = load_data_for(settings, &defs, as_of)?;
    let snapshot = bullcheck_core::snapshot::bundled();
    let mut result = audit::run(defs, &data, &snapshot, as_of);
    result.forecasts = forecasts(settings, as_of)?;
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

/// The 12-month event forecasts as of `as_of` (fitted on the stored inputs and events; empty
/// without a store).
pub fn forecasts(
    settings: &Settings,
    as_of: Date,
) -> anyhow::Result<Vec<bullcheck_core::audit::ForecastSummary>> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(Vec::new());
    }
    let store =
        Store::open(&path).with_context(|| format!("cannot open the store {}", path.display()))?;
    let ids: Vec<String> = bullcheck_core::forecast::series_read()
        .into_iter()
        .map(str::to_string)
        .collect();
    let data = store.load_series(&ids)?;
    Ok(bullcheck_core::forecast::summaries(&data, as_of))
}

pub fn lang(settings: &Settings) -> Lang {
    match settings.lang {
        crate::cli::Lang::En => Lang::En,
        crate::cli::Lang::Zh => Lang::Zh,
    }
}

/// `--as-of` or today's date (the one place the audit reads the clock).
pub fn resolve_as_of(text: Option<&str>) -> anyhow::Result<Date> {
    match text {
        Some(t) => t
            .parse::<Date>()
            .with_context(|| format!("invalid --as-of `{t}`: expected YYYY-MM-DD")),
        None => Ok(jiff::Zoned::now().date()),
    }
}

/// The stored series these checks read (see `checks::compute::series_read`), plus the series
/// derived from SEC company facts as of `as_of` when any are stored; an empty dataset when no
/// store exists yet.
pub fn load_data_for(
    settings: &Settings,
    defs: &[CheckDef],
    as_of: Date,
) -> anyhow::Result<Dataset> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(Dataset::default());
    }
    let mut ids: Vec<String> = defs.iter().flat_map(checks::compute::series_read).collect();
    ids.sort();
    ids.dedup();
    let store =
        Store::open(&path).with_context(|| format!("cannot open the store {}", path.display()))?;
    let mut data = store.load_series(&ids)?;
    let needs_companies = ids.iter().any(|id| id.starts_with("SEC_"));
    if needs_companies && store.company_count()? > 0 {
        let screened = store.load_companies(as_of, LoadScope::Screens)?;
        let ciks = derived::full_fact_ciks();
        let full = store.load_companies(as_of, LoadScope::Companies(&ciks))?;
        for series in derived::derived_series(&screened, &full, as_of) {
            data.insert(series);
        }
    }
    Ok(data)
}

/// Built-in definitions plus every `*.toml` in the user's checks directory (sorted by name).
/// A user check with the id of a built-in one replaces it.
pub fn load_defs(settings: &Settings) -> anyhow::Result<Vec<CheckDef>> {
    let mut defs = checks::builtin_defs();
    let dir = settings.user_checks_dir();
    if !dir.is_dir() {
        return Ok(defs);
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    // Which file defined each user check, to name both when one id appears twice.
    let mut user_ids: std::collections::BTreeMap<String, String> = Default::default();
    for file in files {
        let text = read_user_file(&file)?;
        let user = checks::parse_defs(&file.display().to_string(), &text)?;
        for def in user {
            if defs.iter().any(|d| d.id == def.id) && !user_ids.contains_key(&def.id) {
                anyhow::bail!(
                    "{}: check `{}` has the id of a built-in check; a user check cannot \
                     replace one silently\nhint: give it another id (e.g. `my_{}`)",
                    file.display(),
                    def.id,
                    def.id
                );
            }
            if let Some(first) = user_ids.get(&def.id) {
                anyhow::bail!(
                    "{}: check `{}` is already defined in {first}",
                    file.display(),
                    def.id
                );
            }
            user_ids.insert(def.id.clone(), file.display().to_string());
            defs.push(def);
        }
    }
    defs.sort_by_key(|d| checks::def::MODULES.iter().position(|m| *m == d.module));
    Ok(defs)
}

/// The largest user check file read (a definition file is a few kilobytes).
const MAX_USER_FILE_BYTES: u64 = 1 << 20;

/// Reads a user TOML file: a regular file of at most [`MAX_USER_FILE_BYTES`].
pub fn read_user_file(path: &std::path::Path) -> anyhow::Result<String> {
    use std::io::Read as _;
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    anyhow::ensure!(meta.is_file(), "{}: not a regular file", path.display());
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_USER_FILE_BYTES + 1).read_to_string(&mut text))
        .with_context(|| format!("cannot read {} (UTF-8 text expected)", path.display()))?;
    anyhow::ensure!(
        text.len() as u64 <= MAX_USER_FILE_BYTES,
        "{}: larger than {MAX_USER_FILE_BYTES} bytes; a definition file is a few kilobytes",
        path.display()
    );
    Ok(text)
}
