//! Shared helpers for the integration tests.

use std::path::PathBuf;

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
pub fn bullcheck(home: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("bullcheck").expect("binary built");
    cmd.env("BULLCHECK_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("FRED_API_KEY");
    cmd
}
