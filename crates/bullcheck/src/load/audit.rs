//! The one audit: the checks, the 12-month forecasts and the measured skill as of a date,
//! assembled the same way for `bullcheck audit`, the report, the dashboard and the Python
//! package (`python/`).

use anyhow::Context as _;
use bullcheck_core::audit::{self, Audit, HeadlineSkill};
use bullcheck_core::checks::{self, CheckDef};
use bullcheck_core::series::{Dataset, Date};
use bullcheck_core::snapshot::Snapshot;

use super::data::company_derived;
use super::load_defs;
use crate::settings::Settings;
use crate::store::Store;

/// What `bullcheck audit` lets the user choose.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// Observations dated on or before this day.
    pub as_of: Date,
    /// Only the checks of these modules (all when empty); the skill is measured on every
    /// definition whatever this says.
    pub modules: Vec<String>,
    /// Only observations released by the as-of date (`release::known_by`).
    pub real_time: bool,
}

/// The complete audit from the store (opened once): the checks on the series they read (with
/// the series derived from company facts), the forecasts and the measured skill. Without a
/// store every check says `no_data`.
pub fn audit(settings: &Settings, options: &AuditOptions) -> anyhow::Result<Audit> {
    let all_defs = load_defs(settings)?;
    let mut defs = all_defs.clone();
    if !options.modules.is_empty() {
        for m in &options.modules {
            if !checks::def::MODULES.contains(&m.as_str()) {
                anyhow::bail!(
                    "unknown module `{m}`\nhint: modules are {}",
                    checks::def::MODULES.join(", ")
                );
            }
        }
        defs.retain(|d| options.modules.contains(&d.module));
    }
    let as_of = options.as_of;
    let path = settings.store_path();
    let (mut data, forecast_data, skill) = if path.exists() {
        let store = Store::open(&path)
            .with_context(|| format!("cannot open the store {}", path.display()))?;
        let data = checks_data(&store, &defs, as_of)?;
        let ids: Vec<String> = bullcheck_core::forecast::series_read()
            .into_iter()
            .map(str::to_string)
            .collect();
        let forecast_data = store.load_series(&ids)?;
        let skill = super::skill::measured_skill_in(settings, &store, &all_defs, as_of)?;
        (data, forecast_data, skill)
    } else {
        Default::default()
    };
    let mut snapshot = bullcheck_core::snapshot::bundled();
    if options.real_time {
        data = bullcheck_core::release::known_by(&data, as_of);
        snapshot = snapshot.known_by(as_of);
    }
    Ok(assemble(
        defs,
        &data,
        &forecast_data,
        &snapshot,
        as_of,
        skill,
    ))
}

/// The audit of `defs` on `data`, with the forecasts fitted on `forecast_data` (a dataset
/// holding `forecast::series_read()`) and the given skill: the one place both the audit and
/// the report put the three together.
pub fn assemble(
    defs: Vec<CheckDef>,
    data: &Dataset,
    forecast_data: &Dataset,
    snapshot: &Snapshot,
    as_of: Date,
    skill: HeadlineSkill,
) -> Audit {
    let mut result = audit::run(defs, data, snapshot, as_of);
    result.forecasts = bullcheck_core::forecast::summaries(forecast_data, as_of);
    result.skill = skill;
    result
}

/// The stored series these checks read (see `checks::compute::series_read`), plus the series
/// derived from SEC company facts as of `as_of` when any are read and stored.
pub fn checks_data(store: &Store, defs: &[CheckDef], as_of: Date) -> anyhow::Result<Dataset> {
    let mut ids: Vec<String> = defs.iter().flat_map(checks::compute::series_read).collect();
    ids.sort();
    ids.dedup();
    let mut data = store.load_series(&ids)?;
    if ids.iter().any(|id| id.starts_with("SEC_"))
        && let Some(companies) = company_derived(store, as_of)?
    {
        for series in companies.series {
            data.insert(series);
        }
    }
    Ok(data)
}
