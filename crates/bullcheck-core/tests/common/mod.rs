//! Helpers shared by the core's validation tests, which read the public files in
//! `../shared/data` (next to the repository; CI has them) or, for the published-model
//! validations, the copies committed under `testdata/validation/`.

#![allow(dead_code)] // Each test crate uses its own subset of these helpers.

use std::path::{Path, PathBuf};

/// `../shared/data` (or `BULLCHECK_SHARED_DATA`). A missing folder skips the test, reported
/// by [`skip`]; with `BULLCHECK_REQUIRE_SHARED_DATA=1` (set by `.ci/run`) it fails it.
pub fn shared_data() -> Option<PathBuf> {
    let dir = shared_dir();
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("BULLCHECK_REQUIRE_SHARED_DATA").is_none_or(|v| v != "1"),
        "shared data not found at {} and BULLCHECK_REQUIRE_SHARED_DATA=1 (set BULLCHECK_SHARED_DATA=DIR)",
        dir.display()
    );
    skip(SHARED_DATA_MISSING);
    None
}

/// The folder the published-model validations read: the shared data when present, else the
/// copies of their few files under `testdata/validation/` (same relative paths; origin and
/// licence in `testdata/README.md`), so they run on every clone.
pub fn validation_data() -> PathBuf {
    let dir = shared_dir();
    if dir.is_dir() {
        return dir;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/validation")
}

fn shared_dir() -> PathBuf {
    std::env::var_os("BULLCHECK_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

#[path = "skip.rs"]
mod skip_report;
pub use skip_report::{SHARED_DATA_MISSING, skip};

/// Every file below `dir`, in sorted order.
pub fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Parses `files` (paths relative to `dir`, or every file below it for `"."`) into one
/// dataset; later files win per date, as in the store (`data import` in that order).
pub fn load_dataset(dir: &Path, files: &[&str]) -> bullcheck_core::series::Dataset {
    use bullcheck_core::series::{Dataset, Series};
    use bullcheck_core::source::{ParseOptions, detect, parse};
    let mut paths = Vec::new();
    for f in files {
        if *f == "." {
            walk(dir, &mut paths);
        } else {
            paths.push(dir.join(f));
        }
    }
    let mut all = Dataset::default();
    for path in paths {
        let name = path.strip_prefix(dir).unwrap().display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(kind) = detect(&name, &bytes) else {
            continue;
        };
        let parsed = parse(kind, &name, &bytes, &ParseOptions::default()).unwrap();
        for s in parsed.series {
            let mut points: Vec<_> = all
                .get(&s.meta.id)
                .map(|x| x.points.clone())
                .unwrap_or_default();
            let new: Vec<_> = s
                .observations
                .iter()
                .filter_map(|o| o.value.map(|v| (o.date, v)))
                .collect();
            points.retain(|p| !new.iter().any(|n| n.0 == p.0));
            points.extend(new);
            all.insert(Series::new(s.meta.clone(), points));
        }
    }
    all
}
