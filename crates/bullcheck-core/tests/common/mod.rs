//! Helpers shared by the core's validation tests, which read the public files in
//! `../shared/data` (next to the repository; CI has them).

#![allow(dead_code)] // Each test crate uses its own subset of these helpers.

use std::path::{Path, PathBuf};

/// `../shared/data` (or `BULLCHECK_SHARED_DATA`). A missing folder fails the test loudly
/// unless `BULLCHECK_SKIP_SHARED_DATA` is set, in which case the test prints SKIPPED.
pub fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("BULLCHECK_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("BULLCHECK_SKIP_SHARED_DATA").is_some() {
        eprintln!("SKIPPED: shared data not found at {}", dir.display());
        return None;
    }
    panic!(
        "shared data not found at {} (set BULLCHECK_SHARED_DATA, or BULLCHECK_SKIP_SHARED_DATA=1 to skip)",
        dir.display()
    );
}

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
