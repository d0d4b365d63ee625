//! The stored series: every one (charts, stress, track record), or what a set of checks reads
//! plus the series derived from company facts; and the 12-month forecasts. An empty dataset
//! when no store exists yet (every consumer then says `no_data`).

use anyhow::Context as _;
use bullcheck_core::checks::{self, CheckDef};
use bullcheck_core::companies::derived;
use bullcheck_core::series::{Dataset, Date};

use crate::settings::Settings;
use crate::store::{LoadScope, Store};

/// Every stored series (the charts, the recessions, the stress scenarios and the track record
/// read more than the checks do), or an empty dataset when no store exists yet (every consumer
/// then says `no_data`).
pub fn load_dataset(settings: &Settings) -> anyhow::Result<Dataset> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(Dataset::default());
    }
    let store =
        Store::open(&path).with_context(|| format!("cannot open the store {}", path.display()))?;
    store.load_dataset()
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
