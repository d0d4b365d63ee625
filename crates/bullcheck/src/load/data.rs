//! The stored series: every one (charts, stress, track record), or what a set of checks reads
//! plus the series derived from company facts. An empty dataset
//! when no store exists yet (every consumer then says `no_data`).

use anyhow::Context as _;
use bullcheck_core::checks::CheckDef;
use bullcheck_core::companies::derived;
use bullcheck_core::companies::screens::{self, Universe, UnprofitableInputs};
use bullcheck_core::series::{Dataset, Date, Series};

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
    let store =
        Store::open(&path).with_context(|| format!("cannot open the store {}", path.display()))?;
    super::audit::checks_data(&store, defs, as_of)
}

/// The series derived from the stored SEC company facts as of `as_of`
/// (`companies::derived`), with the inputs of the `unprofitable` screen they were computed
/// from (the report screens every year-end from those).
pub struct CompanyDerived {
    pub series: Vec<Series>,
    /// Every stored company's [`UnprofitableInputs`] as of the date.
    pub unprofitable_inputs: Vec<UnprofitableInputs>,
}

/// [`CompanyDerived`] from the store, or `None` when it holds no company facts. Three narrow
/// loads instead of every company's annual facts: the filing dates, floats and net incomes of
/// all companies (which decide the small universe), the annual facts of the small universe's
/// members, and the full facts of the hyperscalers and Nvidia.
pub fn company_derived(store: &Store, as_of: Date) -> anyhow::Result<Option<CompanyDerived>> {
    if store.company_count()? == 0 {
        return Ok(None);
    }
    let all = store.unprofitable_inputs(as_of)?;
    let mut small_ciks = screens::universe_ciks(&all, as_of, Universe::Small);
    small_ciks.sort_unstable();
    let small = store.load_companies(as_of, LoadScope::ScreensOf(&small_ciks))?;
    let full = store.load_companies(as_of, LoadScope::Companies(&derived::full_fact_ciks()))?;
    Ok(Some(CompanyDerived {
        series: derived::derived_series(&all, &small, &full, as_of),
        unprofitable_inputs: all,
    }))
}
