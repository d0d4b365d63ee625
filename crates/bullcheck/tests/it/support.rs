//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/data` next to the repository (CI has it). Tests that need it and do not find it
/// fail loudly rather than pass silently, unless BULLCHECK_SKIP_SHARED_DATA=1.
pub fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("BULLCHECK_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/data"));
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

/// A `bullcheck` command with a fresh home directory and no colour.
pub fn bullcheck(home: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("bullcheck").expect("binary built");
    cmd.env("BULLCHECK_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("FRED_API_KEY");
    cmd
}

/// Runs `bullcheck audit --format json ARGS` and parses the report; panics with stderr when the
/// command fails.
pub fn audit_json(home: &Path, args: &[&str]) -> serde_json::Value {
    let out = bullcheck(home)
        .args(["audit", "--format", "json"])
        .args(args)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "audit failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
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
/// data are absent and skipping was asked for.
pub fn import_shared(home: &Path, files: &[&str]) -> bool {
    let Some(dir) = shared_data() else {
        return false;
    };
    let paths: Vec<_> = files.iter().map(|f| dir.join(f)).collect();
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
