//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/data` next to the repository (or `BULLCHECK_SHARED_DATA`). A missing folder
/// skips the test, reported by [`skip`]; with `BULLCHECK_REQUIRE_SHARED_DATA=1` (set by
/// `.ci/run`) it fails it, so CI cannot pass without running these tests.
pub fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("BULLCHECK_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/data"));
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

// `skip` and `SHARED_DATA_MISSING`, written once for both test crates.
#[path = "../../../bullcheck-core/tests/common/skip.rs"]
mod skip_report;
pub use skip_report::{SHARED_DATA_MISSING, skip};

/// One folder for the measured track record of every test's store (keyed by the store's
/// content, so homes that imported the same files share one measurement per test run).
pub fn track_record_cache() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("track-record-cache")
}

/// A `bullcheck` command with a fresh home directory and no colour.
pub fn bullcheck(home: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("bullcheck").expect("binary built");
    cmd.env("BULLCHECK_HOME", home)
        .env("NO_COLOR", "1")
        .env("BULLCHECK_TRACK_RECORD_CACHE", track_record_cache())
        .env_remove("FRED_API_KEY");
    cmd
}

/// Runs `bullcheck ARGS` in `home` and returns its output; panics naming the arguments and
/// quoting stderr when the command fails.
pub fn run_ok<S: AsRef<std::ffi::OsStr>>(home: &Path, args: &[S]) -> std::process::Output {
    let out = bullcheck(home).args(args).output().expect("run");
    assert!(
        out.status.success(),
        "bullcheck {} failed: {}",
        shown(args),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `bullcheck ARGS` in `home` and parses its stdout as JSON; panics naming the arguments
/// and quoting stderr when the command fails or prints something else. The arguments carry
/// their own `--format json`.
pub fn run_json<S: AsRef<std::ffi::OsStr>>(home: &Path, args: &[S]) -> serde_json::Value {
    let out = run_ok(home, args);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bullcheck {}: not JSON ({e}): {}",
            shown(args),
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// The arguments as one line, for failure messages.
fn shown<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> String {
    let args: Vec<_> = args.iter().map(|a| a.as_ref().to_string_lossy()).collect();
    args.join(" ")
}

/// Runs `bullcheck audit --format json ARGS` and parses the report; panics with stderr when the
/// command fails.
pub fn audit_json(home: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["audit", "--format", "json"];
    all.extend_from_slice(args);
    run_json(home, &all)
}

/// The check `id` of an audit JSON report.
pub fn check<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}"))
}

/// Imports `files` (paths relative to the shared data) into `home`; `false` when the shared
/// data are absent (the test is then skipped, see [`shared_data`]).
pub fn import_shared(home: &Path, files: &[&str]) -> bool {
    let Some(dir) = shared_data() else {
        return false;
    };
    let paths: Vec<_> = files
        .iter()
        .map(|f| if *f == "." { dir.clone() } else { dir.join(f) })
        .collect();
    let out = bullcheck(home)
        .args(["data", "import"])
        .args(&paths)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// The test fixture: a fresh home with `files` of the shared data imported (paths relative to
/// it; `"."` imports the whole directory). `None` when the shared data are absent (the test is
/// then skipped, see [`shared_data`]).
pub fn shared_home(files: &[&str]) -> Option<tempfile::TempDir> {
    shared_data()?;
    let home = tempfile::tempdir().expect("temporary home");
    import_shared(home.path(), files).then_some(home)
}
