//! The one report of a skipped test, shared by the core's tests (`common/mod.rs`) and the
//! binary's (`crates/bullcheck/tests/it/support.rs`), each of which includes this file with
//! `#[path]`: two test crates cannot share a module otherwise. `CARGO_CRATE_NAME` is that of
//! the crate including it.

use std::io::Write as _;
use std::path::Path;

/// Why a test that needs the shared data was skipped, and how to run it.
pub const SHARED_DATA_MISSING: &str = "needs the public data set in ../shared/data (not found); \
     put it there or set BULLCHECK_SHARED_DATA=DIR";

/// Reports a skipped test: one line appended to `$BULLCHECK_SKIP_LOG` (`scripts/test` sums
/// them per target), else one line on the terminal, past the test harness's capture of
/// `eprintln!`, so a skip is never mistaken for a pass.
pub fn skip(reason: &str) {
    let target = env!("CARGO_CRATE_NAME");
    let current = std::thread::current();
    let test = current.name().unwrap_or("main");
    let line = format!("{target}\t{test}\t{reason}\n");
    match std::env::var_os("BULLCHECK_SKIP_LOG") {
        Some(log) => {
            let written = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&log)
                .and_then(|mut f| f.write_all(line.as_bytes()));
            written.unwrap_or_else(|e| panic!("{}: {e}", Path::new(&log).display()));
        }
        None => {
            let _ = writeln!(std::io::stderr(), "SKIPPED {target}::{test}: {reason}");
        }
    }
}
