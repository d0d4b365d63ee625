//! The audit loads only the series its checks read (`checks::compute::series_read`). This
//! test parses every file of `../shared/data` and checks that evaluating the built-in checks
//! on that subset gives exactly the results of evaluating them on everything.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests read fixture files

mod common;

use bullcheck_core::checks::{self, compute::series_read};
use bullcheck_core::series::Dataset;
use common::{load_dataset, shared_data};

#[test]
fn checks_read_only_the_series_they_declare() {
    let Some(dir) = shared_data() else { return };
    // Every file below the data folder; later files win per date, as in the store.
    let all = load_dataset(&dir, &["."]);
    let defs = checks::builtin_defs();
    let mut subset = Dataset::default();
    for id in defs.iter().flat_map(series_read) {
        if let Some(s) = all.get(&id) {
            subset.insert(s.clone());
        }
    }
    let snapshot = bullcheck_core::snapshot::bundled();
    for as_of in [
        jiff::civil::date(2026, 11, 22),
        jiff::civil::date(2008, 9, 30),
    ] {
        let full = checks::evaluate(&defs, &all, &snapshot, as_of);
        let part = checks::evaluate(&defs, &subset, &snapshot, as_of);
        for (f, p) in full.iter().zip(&part) {
            assert_eq!(f, p, "check {} reads a series it does not declare", f.id);
        }
    }
}
