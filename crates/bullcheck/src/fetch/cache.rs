//! `$BULLCHECK_HOME/cache/http.json`: the validators of the last imported downloads.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Validators;
use super::urls::redact;

/// `$BULLCHECK_HOME/cache/http.json`: the validators of the last imported download per URL
/// (API keys redacted from the keys).
#[derive(Debug)]
pub struct ValidatorCache {
    path: PathBuf,
    entries: BTreeMap<String, Validators>,
}

impl ValidatorCache {
    /// Loads the cache; a missing file is an empty cache, and so is an unreadable one (with a
    /// warning): validators only save bandwidth, losing them is harmless.
    pub fn load(path: &Path) -> ValidatorCache {
        let entries = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|err| {
                eprintln!(
                    "warning: ignoring the unreadable HTTP cache {}: {err}",
                    path.display()
                );
                BTreeMap::new()
            }),
            Err(_) => BTreeMap::new(),
        };
        ValidatorCache {
            path: path.to_path_buf(),
            entries,
        }
    }

    pub fn get(&self, url: &str) -> Option<&Validators> {
        self.entries.get(&redact(url)).filter(|v| !v.is_empty())
    }

    /// Records the validators of `url` (or forgets them when the server sent none).
    pub fn set(&mut self, url: &str, validators: Validators) {
        if validators.is_empty() {
            self.entries.remove(&redact(url));
        } else {
            self.entries.insert(redact(url), validators);
        }
    }

    /// Writes the cache atomically: a temporary file in the same directory, then a rename.
    pub fn save(&self) -> anyhow::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the cache directory {}", dir.display()))?;
        let temp = dir.join(format!(".http.json.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(&serde_json::to_vec_pretty(&self.entries)?)?;
            file.sync_all()?;
            std::fs::rename(&temp, &self.path)
        };
        write().with_context(|| format!("cannot write the HTTP cache {}", self.path.display()))
    }
}
