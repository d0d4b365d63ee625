//! The SQLite store (stub: the interface the other modules program against).

use std::path::Path;

use bullcheck_core::series::Dataset;
use bullcheck_core::source::Parsed;

/// Where imported bytes came from.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// Source URL or file path.
    pub source: String,
    /// The `Kind::name()` of the parser used.
    pub kind: String,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// RFC 3339 UTC timestamp of retrieval (download time, or import time for files).
    pub retrieved_at: String,
    pub bytes: u64,
}

/// What one import did.
#[derive(Debug, Clone, Default)]
pub struct ImportSummary {
    /// (series id, rows in the file, rows inserted or changed).
    pub series: Vec<(String, usize, usize)>,
    pub companies: usize,
    /// True when the same bytes (same SHA-256) were already imported for these series.
    pub unchanged: bool,
}

pub struct Store {
    _private: (),
}

impl Store {
    pub fn open(_path: &Path) -> anyhow::Result<Store> {
        anyhow::bail!("store not implemented yet")
    }

    pub fn import(&mut self, _parsed: &Parsed, _prov: &Provenance) -> anyhow::Result<ImportSummary> {
        anyhow::bail!("store not implemented yet")
    }

    /// Every stored series (latest vintage per date, non-missing values).
    pub fn load_dataset(&self) -> anyhow::Result<Dataset> {
        anyhow::bail!("store not implemented yet")
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
