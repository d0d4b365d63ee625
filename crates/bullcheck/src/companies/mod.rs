//! SEC XBRL company facts on the binary side: ingest of the bulk archive, a directory or one
//! file into the store ([`ingest`]) and loading for the screens ([`load`]). The download of the
//! bulk archive is `crate::update` (`sec.rs`).

mod ingest;

pub use ingest::{Limits, ingest, ingest_with_limits};

use std::path::Path;

use bullcheck_core::companies::CompanyData;
use bullcheck_core::series::Date;

use crate::store::{LoadScope, Store};

/// The companies stored at `store_path` with the facts the screens read (annual reports and
/// public floats) filed on or before `as_of`. Errors when no company facts are stored.
pub fn load(store_path: &Path, as_of: Date) -> anyhow::Result<Vec<CompanyData>> {
    let store = Store::open(store_path)?;
    if store.company_count()? == 0 {
        anyhow::bail!(
            "no company facts in the store {}; run `bullcheck companies ingest PATH` \
             (companyfacts.zip, a directory of CIK##########.json, or one file) first",
            store_path.display()
        );
    }
    store.load_companies(as_of, LoadScope::Screens)
}

/// Every stored fact (quarterly ones included) of these companies, filed on or before `as_of`.
pub fn load_full(store_path: &Path, as_of: Date, ciks: &[u64]) -> anyhow::Result<Vec<CompanyData>> {
    let store = Store::open(store_path)?;
    store.load_companies(as_of, LoadScope::Companies(ciks))
}
