//! The dashboard's state: the report data built from the store (the same
//! [`build_report_data`] as `bullcheck report`), rebuilt when the store file changes, with the
//! rendered pages cached per store version; the track record computed on first use; and the
//! background `data update` task.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use bullcheck_core::report::html::ReportData;
use bullcheck_core::report::html::pages::DataRow;
use bullcheck_core::report::html::scenario::{ModelInputs, model_inputs};
use bullcheck_core::series::{Dataset, Date};
use tokio::sync::OnceCell;

use super::update_task::UpdateTask;
use crate::load::{build_report_data, load_dataset, load_defs};
use crate::settings::Settings;

/// What identifies a version of the store: size and modification time of the database and
/// its write-ahead log (a write changes one of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreVersion(Vec<Option<(u64, SystemTime)>>);

impl StoreVersion {
    fn of(settings: &Settings) -> StoreVersion {
        let db = settings.store_path();
        let wal = PathBuf::from(format!("{}-wal", db.display()));
        StoreVersion(
            [db, wal]
                .iter()
                .map(|p| {
                    std::fs::metadata(p)
                        .ok()
                        .and_then(|m| Some((m.len(), m.modified().ok()?)))
                })
                .collect(),
        )
    }
}

/// Everything built from one version of the store.
pub struct Built {
    pub version: StoreVersion,
    pub data: Dataset,
    pub report: ReportData,
    pub model: ModelInputs,
    pub data_rows: Vec<DataRow>,
    /// Rendered pages and JSON bodies by key (path + language).
    pub cache: Mutex<HashMap<String, Arc<String>>>,
    /// The report data with the track record, computed on first use.
    pub with_history: OnceCell<Arc<ReportData>>,
    /// JSON bodies with their validator and gzip encoding (the series API), by key (path and
    /// normalised query), up to [`MAX_ENCODED_BYTES`] in all.
    pub encoded: Mutex<HashMap<String, Arc<Encoded>>>,
    encoded_bytes: AtomicUsize,
}

/// The most bytes of [`Built::encoded`] bodies kept per store version; beyond it a body is
/// rendered for its request only (queries are many: every range and point count).
const MAX_ENCODED_BYTES: usize = 64 << 20;

/// A JSON body rendered once: its strong validator and, when worth it, its gzip encoding.
pub struct Encoded {
    pub body: String,
    /// `"<first 20 hex digits of the body's SHA-256>"`, quoted as an entity tag is.
    pub etag: String,
    /// The body gzipped (level 6), for bodies of 1 KiB or more.
    pub gzip: Option<Vec<u8>>,
}

impl Encoded {
    pub fn new(body: String) -> Encoded {
        use std::io::Write as _;
        let etag = format!("\"{}\"", &crate::store::sha256_hex(body.as_bytes())[..20]);
        let gzip = (body.len() >= 1024)
            .then(|| {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
                encoder.write_all(body.as_bytes()).ok()?;
                encoder.finish().ok()
            })
            .flatten();
        Encoded { body, etag, gzip }
    }

    fn size(&self) -> usize {
        self.body.len() + self.gzip.as_ref().map_or(0, Vec::len)
    }
}

impl Built {
    /// The cached body for `key`, or renders it and caches it.
    pub fn cached(&self, key: &str, render: impl FnOnce() -> String) -> Arc<String> {
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(key).cloned()) {
            return hit;
        }
        let body = Arc::new(render());
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key.to_string(), body.clone());
        }
        body
    }

    /// The [`Encoded`] body for `key`, or renders it (and caches it while the cache holds
    /// less than [`MAX_ENCODED_BYTES`]).
    pub fn encoded(&self, key: &str, render: impl FnOnce() -> String) -> Arc<Encoded> {
        if let Some(hit) = self.encoded.lock().ok().and_then(|c| c.get(key).cloned()) {
            return hit;
        }
        let encoded = Arc::new(Encoded::new(render()));
        let size = encoded.size();
        if self.encoded_bytes.load(Ordering::Relaxed) + size <= MAX_ENCODED_BYTES
            && let Ok(mut cache) = self.encoded.lock()
            && cache.insert(key.to_string(), encoded.clone()).is_none()
        {
            self.encoded_bytes.fetch_add(size, Ordering::Relaxed);
        }
        encoded
    }
}

pub struct Inner {
    pub settings: Settings,
    /// Fixed `--as-of`, or `None` for today.
    pub as_of: Option<Date>,
    current: Mutex<Option<Arc<Built>>>,
    build_lock: tokio::sync::Mutex<()>,
    pub update: UpdateTask,
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl AppState {
    /// `bullcheck` is the executable the update button runs (`data update`).
    pub fn new(settings: Settings, as_of: Option<Date>, bullcheck: PathBuf) -> AppState {
        let update = UpdateTask::new(bullcheck, settings.home.clone(), settings.offline);
        AppState(Arc::new(Inner {
            settings,
            as_of,
            current: Mutex::new(None),
            build_lock: tokio::sync::Mutex::new(()),
            update,
        }))
    }

    fn as_of(&self) -> Date {
        self.0.as_of.unwrap_or_else(crate::settings::clock::today)
    }

    /// The data for the store as it is now (rebuilt when the store changed).
    pub async fn current(&self) -> anyhow::Result<Arc<Built>> {
        let version = StoreVersion::of(&self.0.settings);
        let as_of = self.as_of();
        if let Some(built) = self.fresh(&version, as_of) {
            return Ok(built);
        }
        let _guard = self.0.build_lock.lock().await;
        if let Some(built) = self.fresh(&version, as_of) {
            return Ok(built);
        }
        let state = self.clone();
        let built = tokio::task::spawn_blocking(move || state.build(version, as_of)).await??;
        let built = Arc::new(built);
        if let Ok(mut current) = self.0.current.lock() {
            *current = Some(built.clone());
        }
        Ok(built)
    }

    fn fresh(&self, version: &StoreVersion, as_of: Date) -> Option<Arc<Built>> {
        let current = self.0.current.lock().ok()?;
        current
            .as_ref()
            .filter(|b| &b.version == version && b.report.audit.as_of == as_of)
            .cloned()
    }

    fn build(&self, version: StoreVersion, as_of: Date) -> anyhow::Result<Built> {
        let settings = &self.0.settings;
        let data = load_dataset(settings)?;
        let report = build_report_data(settings, &data, as_of, false)?;
        let model = model_inputs(&data);
        let data_rows = data_rows(settings, &data)?;
        Ok(Built {
            version,
            data,
            report,
            model,
            data_rows,
            cache: Mutex::new(HashMap::new()),
            with_history: OnceCell::new(),
            encoded: Mutex::new(HashMap::new()),
            encoded_bytes: AtomicUsize::new(0),
        })
    }

    /// The report data with the track record (computed once per store version).
    pub async fn with_history(&self, built: &Arc<Built>) -> anyhow::Result<Arc<ReportData>> {
        let settings = self.0.settings.clone();
        let b = built.clone();
        let report = built
            .with_history
            .get_or_try_init(|| async move {
                tokio::task::spawn_blocking(move || -> anyhow::Result<Arc<ReportData>> {
                    let defs = load_defs(&settings)?;
                    let mut report = b.report.clone();
                    report.history =
                        crate::load::track_record(&settings, &defs, &b.data, b.report.audit.as_of)?;
                    Ok(Arc::new(report))
                })
                .await?
            })
            .await?;
        Ok(report.clone())
    }
}

/// One row per stored series: source, range, last value and last import.
fn data_rows(settings: &Settings, data: &Dataset) -> anyhow::Result<Vec<DataRow>> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(Vec::new());
    }
    let store = crate::store::Store::open(&path)?;
    Ok(store
        .list_series()?
        .into_iter()
        .map(|listing| DataRow {
            last_value: data.get(&listing.id).and_then(|s| s.last()).map(|p| p.1),
            id: listing.id,
            source: listing.source,
            first: listing.first,
            last: listing.last,
            rows: listing.rows,
            last_update: listing.last_import,
        })
        .collect())
}
