//! The SQLite store (`$BULLCHECK_HOME/bullcheck.sqlite`): schema migrations, importing parsed
//! files with their provenance, and reading series back.
//!
//! Invariants:
//! - Every import runs in ONE transaction (series, observations, provenance and company facts
//!   together): a failed or killed import leaves the store exactly as it was.
//! - Observations are keyed by (series, date, vintage); a newer file upserts revised values and
//!   never deletes dates it does not contain. A NULL value is a value the source marks missing.
//! - Importing the same bytes (same SHA-256 and kind) for the same series again changes nothing
//!   and records nothing.
//! - Readers see the latest vintage of every date (`latest_observations` view).
//!
//! Journal: WAL with `synchronous=NORMAL`. In WAL mode NORMAL never corrupts the database and
//! loses nothing when the process dies (a killed import is rolled back, committed ones stay);
//! only a power loss or OS crash may roll back the last committed imports, which can simply be
//! re-run. It saves an fsync per import, which adds up over a directory of a hundred files.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, bail};
use bullcheck_core::series::{Dataset, Date, Observation, ParsedSeries, Series, SeriesMeta};
use bullcheck_core::source::Parsed;
use rusqlite::{Connection, OptionalExtension as _, Transaction, TransactionBehavior, params};

/// Schema migrations in order: applying entry N (0-based) brings `PRAGMA user_version` to N + 1.
/// One line per migration; append only, never edit or reorder a released one.
const MIGRATIONS: &[&str] = &[
    include_str!("store/migrations/0001_initial.sql"),
    include_str!("store/migrations/0002_company_facts.sql"),
];

/// How long a writer waits for another process's write transaction before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

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
    /// The same series with new and revised rows told apart.
    pub details: Vec<SeriesImport>,
    pub companies: usize,
    /// True when the same bytes (same SHA-256) were already imported for these series.
    pub unchanged: bool,
    /// Stored (date, vintage) pairs that `--replace` removed because the file no longer
    /// holds them (a publisher withdrew them).
    pub withdrawn: usize,
}

/// How an import treats what is already stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportMode {
    /// `data import --replace`: the file's rows become the series' rows (stored dates the
    /// file lacks are removed), and a different frequency or source is accepted. Without it,
    /// history is kept and a file that would change a series' frequency or source is refused.
    pub replace: bool,
}

/// What one import did to one series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesImport {
    pub id: String,
    /// Observations of this series in the file (missing values included).
    pub rows: usize,
    /// (date, vintage) pairs the store did not hold before.
    pub new_rows: usize,
    /// Stored (date, vintage) pairs whose value the file changed.
    pub revised_rows: usize,
}

/// One line of `data list`: a stored series and its range (latest vintage of every date).
#[derive(Debug, Clone)]
pub struct SeriesListing {
    pub id: String,
    pub source: String,
    /// The series title (for French tables `<column> (<section>)`).
    pub title: String,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Stored dates, missing values included.
    pub rows: usize,
    /// Dates whose latest value is missing.
    pub missing: usize,
    /// `finished_at` of the latest import that brought this series.
    pub last_import: Option<String>,
}

/// A stored series' metadata and when an import last changed it.
#[derive(Debug, Clone)]
pub struct StoredSeries {
    pub meta: SeriesMeta,
    pub updated_at: String,
}

/// One import of one series, as `data show` prints it.
#[derive(Debug, Clone)]
pub struct ImportRecord {
    pub import_id: i64,
    pub source: String,
    pub kind: String,
    pub sha256: String,
    pub retrieved_at: String,
    pub bytes: u64,
    pub finished_at: String,
    pub rows: usize,
    pub new_rows: usize,
    pub revised_rows: usize,
}

pub struct Store {
    conn: Connection,
    /// Opened read-only (the store or its directory cannot be written): reads work, writes
    /// are refused with a message that says so.
    read_only: bool,
}

impl Store {
    /// Opens (creating it and its directory if needed) and migrates the store at `path`.
    pub fn open(path: &Path) -> anyhow::Result<Store> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the store directory {}", dir.display()))?;
        }
        let open = || -> rusqlite::Result<Connection> {
            let conn = Connection::open(path)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            let _mode: String =
                conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            Ok(conn)
        };
        let mut conn = match open() {
            Ok(conn) => conn,
            Err(err) if path.is_file() && !writable(path) => {
                return Store::open_read_only(path).with_context(|| {
                    format!(
                        "cannot open the store {} (read-only: {err})",
                        path.display()
                    )
                });
            }
            Err(err) => {
                return Err(anyhow::Error::new(err))
                    .with_context(|| format!("cannot open the store {}", path.display()));
            }
        };
        migrate(&mut conn)
            .with_context(|| format!("cannot migrate the store {}", path.display()))?;
        Ok(Store {
            conn,
            read_only: false,
        })
    }

    /// Opens a store that cannot be written (read-only file or directory): `immutable=1`, so
    /// SQLite needs neither a `-shm` nor a lock file. Its schema must be current.
    fn open_read_only(path: &Path) -> anyhow::Result<Store> {
        use rusqlite::OpenFlags;
        // `immutable=1` ignores a write-ahead log: with committed rows still in one, reads
        // would silently miss them. Refuse instead.
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            bail!(
                "the store is read-only and its write-ahead log {} holds rows not yet merged; \
                 open it once with write access (any bullcheck command) to merge them",
                Path::new(&wal).display()
            );
        }
        let uri = format!(
            "file:{}?immutable=1",
            path.to_string_lossy()
                .replace('%', "%25")
                .replace('?', "%3f")
                .replace('#', "%23")
        );
        let conn = Connection::open_with_flags(
            uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        )?;
        let version = schema_version(&conn)?;
        if version != MIGRATIONS.len() {
            bail!(
                "the store is read-only and has schema version {version}, this bullcheck needs \
                 {}: it cannot be migrated in place",
                MIGRATIONS.len()
            );
        }
        Ok(Store {
            conn,
            read_only: true,
        })
    }

    /// An error when the store was opened read-only.
    pub fn ensure_writable(&self) -> anyhow::Result<()> {
        if self.read_only {
            bail!(
                "the store is read-only (its file or directory cannot be written): reading \
                 commands work, this one needs to write\nhint: fix the permissions or use \
                 another --home"
            );
        }
        Ok(())
    }

    /// The connection, for modules that keep their own tables (company facts).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Stores everything `parsed` holds in one transaction and records its provenance.
    pub fn import(&mut self, parsed: &Parsed, prov: &Provenance) -> anyhow::Result<ImportSummary> {
        self.import_with(parsed, prov, ImportMode::default())
    }

    /// [`Store::import`] with an [`ImportMode`].
    pub fn import_with(
        &mut self,
        parsed: &Parsed,
        prov: &Provenance,
        mode: ImportMode,
    ) -> anyhow::Result<ImportSummary> {
        self.ensure_writable()?;
        let now = now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;

        let series_ids: BTreeSet<&str> = parsed.series.iter().map(|s| s.meta.id.as_str()).collect();
        if !mode.replace && already_imported(&tx, prov, &series_ids)? {
            // Nothing to write: dropping `tx` rolls back the (empty) transaction.
            let details: Vec<SeriesImport> = parsed
                .series
                .iter()
                .map(|s| SeriesImport {
                    id: s.meta.id.clone(),
                    rows: s.observations.len(),
                    new_rows: 0,
                    revised_rows: 0,
                })
                .collect();
            return Ok(ImportSummary {
                series: details.iter().map(|d| (d.id.clone(), d.rows, 0)).collect(),
                details,
                companies: 0,
                unchanged: true,
                withdrawn: 0,
            });
        }

        tx.execute(
            "INSERT INTO imports (source, kind, sha256, retrieved_at, bytes, row_count, finished_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, '')",
            params![prov.source, prov.kind, prov.sha256, prov.retrieved_at, sql_int(prov.bytes)],
        )?;
        let import_id = tx.last_insert_rowid();

        let mut summary = ImportSummary::default();
        let mut row_count = 0usize;
        for parsed_series in &parsed.series {
            check_identity(&tx, parsed_series, mode)?;
            if mode.replace {
                summary.withdrawn += withdraw_missing(&tx, parsed_series)?;
            }
            let detail = store_series(&tx, import_id, parsed_series, &now, mode)?;
            row_count += detail.rows;
            summary.series.push((
                detail.id.clone(),
                detail.rows,
                detail.new_rows + detail.revised_rows,
            ));
            summary.details.push(detail);
        }
        if !parsed.companies.is_empty() {
            summary.companies = crate::company_store::store_companies(&tx, &parsed.companies)?;
        }

        tx.execute(
            "UPDATE imports SET row_count = ?1, finished_at = ?2 WHERE id = ?3",
            params![sql_int(row_count), now_rfc3339(), import_id],
        )?;
        tx.commit().context("cannot commit the import")?;
        Ok(summary)
    }

    /// Every stored series (latest vintage per date, non-missing values).
    pub fn load_dataset(&self) -> anyhow::Result<Dataset> {
        self.load_latest(None)
    }

    /// Every stored series as it was known on `as_of`: per date, the latest vintage whose
    /// `realtime_start` is on or before `as_of`. Values without a vintage (plain downloads)
    /// always count; filtering them by observation date is the caller's job.
    /// (No caller in the binary yet: `history` applies the same rule in memory, see
    /// `bullcheck_core::history::vintage`; the store's tests pin the rule.)
    #[allow(dead_code)]
    pub fn load_dataset_as_of(&self, as_of: Date) -> anyhow::Result<Dataset> {
        self.load_latest(Some(as_of))
    }

    /// Only the named series (latest vintage per date, non-missing values); ids that are not
    /// stored are skipped. The audit reads the few dozen series its checks need this way,
    /// instead of every stored observation.
    pub fn load_series(&self, ids: &[String]) -> anyhow::Result<Dataset> {
        let mut meta_stmt = self.conn.prepare(
            "SELECT id, source, title, units, frequency, seasonal_adjustment, notes FROM series WHERE id = ?1",
        )?;
        let mut obs_stmt = self.conn.prepare(
            "SELECT date, max(realtime_start), value FROM observations
             WHERE series_id = ?1
             GROUP BY date",
        )?;
        let mut dataset = Dataset::default();
        for id in ids {
            let Some(meta) = meta_stmt
                .query_row([id], |row| meta_from_row(row, 0))
                .optional()?
            else {
                continue;
            };
            let mut points = Vec::new();
            let mut rows = obs_stmt.query([id])?;
            while let Some(row) = rows.next()? {
                if let Some(value) = row.get::<_, Option<f64>>(2)? {
                    points.push((parse_stored_date(row.get_ref(0)?.as_str()?)?, value));
                }
            }
            dataset.insert(Series::new(meta, points));
        }
        Ok(dataset)
    }

    fn load_latest(&self, as_of: Option<Date>) -> anyhow::Result<Dataset> {
        let mut metas: HashMap<String, SeriesMeta> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, source, title, units, frequency, seasonal_adjustment, notes FROM series",
        )?;
        let rows = stmt.query_map([], |row| meta_from_row(row, 0))?;
        for meta in rows {
            let meta = meta?;
            metas.insert(meta.id.clone(), meta);
        }

        let mut points: HashMap<String, Vec<(Date, f64)>> = HashMap::new();
        // '' (no vintage) sorts before every date, so it passes the as-of filter.
        let vintage_limit = as_of.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
        let mut stmt = self.conn.prepare(
            "SELECT series_id, date, max(realtime_start), value FROM observations
             WHERE realtime_start <= ?1
             GROUP BY series_id, date",
        )?;
        let mut rows = stmt.query([vintage_limit])?;
        while let Some(row) = rows.next()? {
            let Some(value) = row.get::<_, Option<f64>>(3)? else {
                continue;
            };
            let series_id = row.get_ref(0)?.as_str()?;
            let date = parse_stored_date(row.get_ref(1)?.as_str()?)?;
            match points.get_mut(series_id) {
                Some(list) => list.push((date, value)),
                None => {
                    points.insert(series_id.to_string(), vec![(date, value)]);
                }
            }
        }

        let mut dataset = Dataset::default();
        for (id, meta) in metas {
            let series_points = points.remove(&id).unwrap_or_default();
            dataset.insert(Series::new(meta, series_points));
        }
        Ok(dataset)
    }

    /// Every stored series with its range, sorted by id.
    pub fn list_series(&self) -> anyhow::Result<Vec<SeriesListing>> {
        let mut stmt = self.conn.prepare(
            // One pass over the observations rather than four lookups per series.
            "WITH stats AS (
                 SELECT series_id, min(date) AS first, max(date) AS last,
                        count(*) AS rows, count(*) - count(value) AS missing
                 FROM latest_observations GROUP BY series_id),
             last_imports AS (
                 SELECT x.series_id, max(i.finished_at) AS finished
                 FROM import_series x JOIN imports i ON i.id = x.import_id GROUP BY x.series_id)
             SELECT s.id, s.source, st.first, st.last, coalesce(st.rows, 0),
                    coalesce(st.missing, 0), li.finished, s.title
             FROM series s
             LEFT JOIN stats st ON st.series_id = s.id
             LEFT JOIN last_imports li ON li.series_id = s.id
             ORDER BY s.id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(SeriesListing {
                id: row.get(0)?,
                source: row.get(1)?,
                first: row.get(2)?,
                last: row.get(3)?,
                rows: get_count(row, 4)?,
                missing: get_count(row, 5)?,
                last_import: row.get(6)?,
                title: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The ids of every stored series, sorted.
    pub fn series_ids(&self) -> anyhow::Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM series ORDER BY id")?;
        let ids = stmt.query_map([], |row| row.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    /// Metadata of one series, or `None` when it is not stored.
    pub fn series_info(&self, id: &str) -> anyhow::Result<Option<StoredSeries>> {
        let info = self
            .conn
            .query_row(
                "SELECT id, source, title, units, frequency, seasonal_adjustment, notes, updated_at
                 FROM series WHERE id = ?1",
                [id],
                |row| {
                    Ok(StoredSeries {
                        meta: meta_from_row(row, 0)?,
                        updated_at: row.get(7)?,
                    })
                },
            )
            .optional()?;
        Ok(info)
    }

    /// The latest vintage of every stored date of one series, sorted by date, missing values
    /// included (as `None`). Empty when the series is not stored.
    pub fn observations(&self, id: &str) -> anyhow::Result<Vec<Observation>> {
        let mut stmt = self.conn.prepare(
            "SELECT date, realtime_start, value FROM latest_observations
             WHERE series_id = ?1 ORDER BY date",
        )?;
        let mut rows = stmt.query([id])?;
        let mut observations = Vec::new();
        while let Some(row) = rows.next()? {
            let date = parse_stored_date(row.get_ref(0)?.as_str()?)?;
            let vintage = row.get_ref(1)?.as_str()?;
            let realtime_start = if vintage.is_empty() {
                None
            } else {
                Some(parse_stored_date(vintage)?)
            };
            observations.push(Observation {
                date,
                value: row.get(2)?,
                realtime_start,
            });
        }
        Ok(observations)
    }

    /// Every import that brought this series, oldest first.
    pub fn provenance(&self, id: &str) -> anyhow::Result<Vec<ImportRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT i.id, i.source, i.kind, i.sha256, i.retrieved_at, i.bytes, i.finished_at,
                    x.rows, x.new_rows, x.revised_rows
             FROM import_series x JOIN imports i ON i.id = x.import_id
             WHERE x.series_id = ?1 ORDER BY i.id",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok(ImportRecord {
                import_id: row.get(0)?,
                source: row.get(1)?,
                kind: row.get(2)?,
                sha256: row.get(3)?,
                retrieved_at: row.get(4)?,
                bytes: get_count(row, 5)?,
                finished_at: row.get(6)?,
                rows: get_count(row, 7)?,
                new_rows: get_count(row, 8)?,
                revised_rows: get_count(row, 9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The SHA-256 of the latest import from this source (URL or path), if any.
    pub fn last_import_sha(&self, source: &str) -> anyhow::Result<Option<String>> {
        let sha = self
            .conn
            .query_row(
                "SELECT sha256 FROM imports WHERE source = ?1 ORDER BY id DESC LIMIT 1",
                [source],
                |row| row.get(0),
            )
            .optional()?;
        Ok(sha)
    }
}

/// Applies the migrations this store lacks, each in its own transaction with its version bump.
fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    let known = MIGRATIONS.len();
    if schema_version(conn)? == known {
        return Ok(());
    }
    loop {
        // IMMEDIATE: two processes opening a fresh store cannot both apply a migration.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = schema_version(&tx)?;
        if version > known {
            bail!(
                "the store has schema version {version} but this bullcheck knows only up to \
                 {known}; it was written by a newer bullcheck (upgrade bullcheck, or use another \
                 --home)"
            );
        }
        if version == known {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[version])
            .with_context(|| format!("migration {} failed", version + 1))?;
        tx.pragma_update(None, "user_version", sql_int(version + 1))?;
        tx.commit()?;
    }
}

/// Whether this process may write `path` and its directory (a probe: open for append, and
/// create-and-remove a file next to it).
fn writable(path: &Path) -> bool {
    let file_ok = std::fs::OpenOptions::new().append(true).open(path).is_ok();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir_ok = dir.is_none_or(|d| {
        let probe = d.join(format!(".bullcheck-write-probe-{}", std::process::id()));
        let ok = std::fs::File::create(&probe).is_ok();
        let _ = std::fs::remove_file(&probe);
        ok
    });
    file_ok && dir_ok
}

fn schema_version(conn: &Connection) -> anyhow::Result<usize> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    usize::try_from(version).context("negative schema version")
}

/// True when these bytes (same SHA-256, same kind) were already imported for exactly these
/// series.
fn already_imported(
    tx: &Transaction<'_>,
    prov: &Provenance,
    series_ids: &BTreeSet<&str>,
) -> anyhow::Result<bool> {
    let mut imports = tx.prepare("SELECT id FROM imports WHERE sha256 = ?1 AND kind = ?2")?;
    let import_ids: Vec<i64> = imports
        .query_map(params![prov.sha256, prov.kind], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut series_of_import =
        tx.prepare("SELECT series_id FROM import_series WHERE import_id = ?1")?;
    for import_id in import_ids {
        let stored: BTreeSet<String> = series_of_import
            .query_map([import_id], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        if stored
            .iter()
            .map(String::as_str)
            .eq(series_ids.iter().copied())
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Refuses a file that would silently change what a stored series is: its frequency (a
/// monthly file under a daily id overwrites daily values with monthly ones) or its source.
/// Empty fields (the file does not say) never conflict. `--replace` accepts the change.
fn check_identity(
    tx: &Transaction<'_>,
    parsed: &ParsedSeries,
    mode: ImportMode,
) -> anyhow::Result<()> {
    if mode.replace {
        return Ok(());
    }
    let meta = &parsed.meta;
    let stored: Option<(String, String)> = tx
        .query_row(
            "SELECT frequency, source FROM series WHERE id = ?1",
            [&meta.id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((frequency, source)) = stored else {
        return Ok(());
    };
    let differs = |old: &str, new: &str| {
        let (old, new) = (old.trim(), new.trim());
        !old.is_empty() && !new.is_empty() && !old.eq_ignore_ascii_case(new)
    };
    if differs(&frequency, &meta.frequency) {
        bail!(
            "series {}: stored with frequency {frequency}, this file has frequency {}; \
             importing it would overwrite the stored values with another series' \
             (nothing was changed)\nhint: check --series, or pass --replace to replace the \
             series with this file",
            meta.id,
            meta.frequency
        );
    }
    if differs(&source, &meta.source) {
        bail!(
            "series {}: stored from source {source:?}, this file is from {:?} \
             (nothing was changed)\nhint: check --series, or pass --replace to replace the \
             series with this file",
            meta.id,
            meta.source
        );
    }
    Ok(())
}

/// `--replace`: removes the stored (date, vintage) pairs of the series that the file does not
/// hold; returns how many.
fn withdraw_missing(tx: &Transaction<'_>, parsed: &ParsedSeries) -> anyhow::Result<usize> {
    let keep: BTreeSet<(String, String)> = parsed
        .observations
        .iter()
        .map(|o| {
            (
                o.date.to_string(),
                o.realtime_start.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let stored: Vec<(String, String)> = {
        let mut stmt =
            tx.prepare("SELECT date, realtime_start FROM observations WHERE series_id = ?1")?;
        stmt.query_map([&parsed.meta.id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let mut delete = tx.prepare_cached(
        "DELETE FROM observations WHERE series_id = ?1 AND date = ?2 AND realtime_start = ?3",
    )?;
    let mut removed = 0;
    for (date, vintage) in stored {
        if !keep.contains(&(date.clone(), vintage.clone())) {
            removed += delete.execute(params![parsed.meta.id, date, vintage])?;
        }
    }
    Ok(removed)
}

/// Upserts one series' metadata and observations and records its provenance row.
fn store_series(
    tx: &Transaction<'_>,
    import_id: i64,
    parsed: &ParsedSeries,
    now: &str,
    mode: ImportMode,
) -> anyhow::Result<SeriesImport> {
    let meta = &parsed.meta;
    if meta.id.trim().is_empty() {
        bail!("a series has an empty id");
    }
    // Metadata: a non-empty field from the new file wins; an empty one keeps what is stored.
    tx.execute(
        "INSERT INTO series (id, source, title, units, frequency, seasonal_adjustment, notes, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET
             source = iif(excluded.source <> '', excluded.source, source),
             title = iif(excluded.title <> '', excluded.title, title),
             units = iif(excluded.units <> '', excluded.units, units),
             frequency = iif(excluded.frequency <> '', excluded.frequency, frequency),
             seasonal_adjustment = iif(excluded.seasonal_adjustment <> '', excluded.seasonal_adjustment, seasonal_adjustment),
             notes = iif(excluded.notes <> '', excluded.notes, notes)",
        params![
            meta.id,
            meta.source,
            meta.title,
            meta.units,
            meta.frequency,
            meta.seasonal_adjustment,
            meta.notes,
            now
        ],
    )?;
    if mode.replace {
        // The file's frequency and source replace the stored ones (an empty one clears it).
        tx.execute(
            "UPDATE series SET frequency = ?1, source = ?2 WHERE id = ?3",
            params![meta.frequency, meta.source, meta.id],
        )?;
    }

    let count_rows = |tx: &Transaction<'_>| -> rusqlite::Result<usize> {
        tx.query_row(
            "SELECT count(*) FROM observations WHERE series_id = ?1",
            [&meta.id],
            |row| get_count(row, 0),
        )
    };
    let rows_before = count_rows(tx)?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO observations (series_id, date, realtime_start, value, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (series_id, date, realtime_start) DO UPDATE
             SET value = excluded.value, import_id = excluded.import_id
             WHERE value IS NOT excluded.value",
    )?;
    let mut changed = 0usize;
    for observation in &parsed.observations {
        if let Some(value) = observation.value
            && !value.is_finite()
        {
            bail!(
                "series {}: {}: value {value} is not a finite number",
                meta.id,
                observation.date
            );
        }
        let vintage = observation
            .realtime_start
            .map(|d| d.to_string())
            .unwrap_or_default();
        changed += upsert.execute(params![
            meta.id,
            observation.date.to_string(),
            vintage,
            observation.value,
            import_id
        ])?;
    }
    let new_rows = count_rows(tx)? - rows_before;
    let revised_rows = changed.saturating_sub(new_rows);

    if changed > 0 {
        tx.execute(
            "UPDATE series SET updated_at = ?1 WHERE id = ?2",
            params![now, meta.id],
        )?;
    }
    // A file may hold the same id twice (two sections): add up its rows.
    tx.execute(
        "INSERT INTO import_series (import_id, series_id, rows, new_rows, revised_rows)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (import_id, series_id) DO UPDATE SET
             rows = rows + excluded.rows,
             new_rows = new_rows + excluded.new_rows,
             revised_rows = revised_rows + excluded.revised_rows",
        params![
            import_id,
            meta.id,
            sql_int(parsed.observations.len()),
            sql_int(new_rows),
            sql_int(revised_rows)
        ],
    )?;
    Ok(SeriesImport {
        id: meta.id.clone(),
        rows: parsed.observations.len(),
        new_rows,
        revised_rows,
    })
}

fn meta_from_row(row: &rusqlite::Row<'_>, first_column: usize) -> rusqlite::Result<SeriesMeta> {
    Ok(SeriesMeta {
        id: row.get(first_column)?,
        source: row.get(first_column + 1)?,
        title: row.get(first_column + 2)?,
        units: row.get(first_column + 3)?,
        frequency: row.get(first_column + 4)?,
        seasonal_adjustment: row.get(first_column + 5)?,
        notes: row.get(first_column + 6)?,
    })
}

/// Reads a non-negative SQLite integer (a count or a size).
fn get_count<T: TryFrom<i64>>(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<T>
where
    T::Error: std::error::Error + Send + Sync + 'static,
{
    let number: i64 = row.get(index)?;
    T::try_from(number).map_err(|err| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Integer,
            Box::new(err),
        )
    })
}

/// A count or a size as a SQLite integer (i64; nothing we count comes near its maximum).
fn sql_int<T: TryInto<i64>>(number: T) -> i64 {
    number.try_into().unwrap_or(i64::MAX)
}

fn parse_stored_date(text: &str) -> anyhow::Result<Date> {
    text.parse::<Date>()
        .with_context(|| format!("the store holds an invalid date `{text}`"))
}

/// Now, as an RFC 3339 UTC timestamp to the second.
pub fn now_rfc3339() -> String {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second())
        .unwrap_or(now)
        .to_string()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use bullcheck_core::source::Kind;
    use jiff::civil::date;

    use super::*;

    fn parsed(id: &str, rows: &[(Date, Option<f64>)]) -> Parsed {
        Parsed {
            kind: Kind::FredCsv,
            series: vec![ParsedSeries {
                meta: SeriesMeta {
                    id: id.to_string(),
                    source: "FRED".to_string(),
                    ..SeriesMeta::default()
                },
                observations: rows.iter().map(|&(d, v)| Observation::new(d, v)).collect(),
            }],
            companies: Vec::new(),
        }
    }

    fn provenance(content: &str) -> Provenance {
        Provenance {
            source: "/tmp/x.csv".to_string(),
            kind: "fred-csv".to_string(),
            sha256: sha256_hex(content.as_bytes()),
            retrieved_at: "2026-01-01T00:00:00Z".to_string(),
            bytes: content.len() as u64,
        }
    }

    fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("sub/bullcheck.sqlite")).unwrap();
        (dir, store)
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store
            .connection()
            .query_row(sql, [], |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn sha256_of_abc_matches_the_fips_180_example() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn open_creates_the_schema_once_with_wal_and_foreign_keys() {
        let (dir, store) = temp_store();
        assert_eq!(
            schema_version(store.connection()).unwrap(),
            MIGRATIONS.len()
        );
        let mode: String = store
            .connection()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(count(&store, "PRAGMA foreign_keys"), 1);
        drop(store);
        let reopened = Store::open(&dir.path().join("sub/bullcheck.sqlite")).unwrap();
        assert_eq!(
            schema_version(reopened.connection()).unwrap(),
            MIGRATIONS.len()
        );
    }

    /// A read-only home used to fail every command with "Error code 14": the store opens
    /// read-only, reads work, and a write says "read-only". (Opened directly: tests may run as
    /// root, for whom file permissions do not bind.)
    #[test]
    fn read_only_store_reads_and_refuses_writes_saying_read_only() {
        let (dir, mut store) = temp_store();
        let rows = [
            (date(2024, 1, 2), Some(3.95)),
            (date(2024, 1, 3), Some(3.91)),
        ];
        store
            .import(&parsed("DGS10", &rows), &provenance("a"))
            .unwrap();
        drop(store);
        let path = dir.path().join("sub/bullcheck.sqlite");
        let mut read_only = Store::open_read_only(&path).unwrap();
        let data = read_only.load_dataset().unwrap();
        assert_eq!(data.get("DGS10").unwrap().points.len(), 2);
        let err = read_only
            .import(&parsed("DGS10", &rows), &provenance("b"))
            .unwrap_err();
        assert!(format!("{err:#}").contains("read-only"), "{err:#}");
    }

    #[test]
    fn a_store_from_a_newer_binary_is_refused() {
        let (dir, store) = temp_store();
        store
            .connection()
            .pragma_update(None, "user_version", sql_int(MIGRATIONS.len() + 1))
            .unwrap();
        drop(store);
        let err = Store::open(&dir.path().join("sub/bullcheck.sqlite"))
            .err()
            .unwrap();
        let text = format!("{err:#}");
        assert!(text.contains("newer bullcheck"), "{text}");
    }

    #[test]
    fn import_then_load_keeps_missing_values_out_of_the_dataset_but_in_observations() {
        let (_dir, mut store) = temp_store();
        let rows = [
            (date(2024, 1, 2), Some(3.95)),
            (date(2024, 1, 1), None),
            (date(2024, 1, 3), Some(3.91)),
        ];
        let summary = store
            .import(&parsed("DGS10", &rows), &provenance("a"))
            .unwrap();
        assert!(!summary.unchanged);
        assert_eq!(
            summary.details,
            vec![SeriesImport {
                id: "DGS10".into(),
                rows: 3,
                new_rows: 3,
                revised_rows: 0
            }]
        );

        let dataset = store.load_dataset().unwrap();
        let series = dataset.get("DGS10").unwrap();
        assert_eq!(
            series.points,
            vec![(date(2024, 1, 2), 3.95), (date(2024, 1, 3), 3.91)]
        );
        assert_eq!(series.meta.source, "FRED");

        let stored = store.observations("DGS10").unwrap();
        assert_eq!(stored.len(), 3);
        assert_eq!(stored[0], Observation::new(date(2024, 1, 1), None));
        let listing = &store.list_series().unwrap()[0];
        assert_eq!((listing.rows, listing.missing), (3, 1));
        assert_eq!(listing.first.as_deref(), Some("2024-01-01"));
        assert_eq!(listing.last.as_deref(), Some("2024-01-03"));
    }

    #[test]
    fn same_bytes_twice_change_nothing_and_record_nothing() {
        let (_dir, mut store) = temp_store();
        let file = parsed("UNRATE", &[(date(2024, 1, 1), Some(3.7))]);
        store.import(&file, &provenance("same")).unwrap();
        let again = store.import(&file, &provenance("same")).unwrap();
        assert!(again.unchanged);
        assert_eq!(count(&store, "SELECT count(*) FROM imports"), 1);
        assert_eq!(store.provenance("UNRATE").unwrap().len(), 1);
        // The same bytes under another id are a different import.
        let renamed = parsed("UNRATE_COPY", &[(date(2024, 1, 1), Some(3.7))]);
        assert!(
            !store
                .import(&renamed, &provenance("same"))
                .unwrap()
                .unchanged
        );
    }

    #[test]
    fn newer_file_revises_values_keeps_old_dates_and_both_provenances() {
        let (_dir, mut store) = temp_store();
        let old = [(date(2024, 1, 1), Some(3.7)), (date(2024, 2, 1), Some(3.9))];
        store
            .import(&parsed("UNRATE", &old), &provenance("old"))
            .unwrap();
        // The newer file starts later, revises February and adds March.
        let new = [(date(2024, 2, 1), Some(3.8)), (date(2024, 3, 1), Some(3.9))];
        let summary = store
            .import(&parsed("UNRATE", &new), &provenance("new"))
            .unwrap();
        assert_eq!(
            summary.details[0],
            SeriesImport {
                id: "UNRATE".into(),
                rows: 2,
                new_rows: 1,
                revised_rows: 1
            }
        );
        let series = store.load_dataset().unwrap().get("UNRATE").unwrap().clone();
        assert_eq!(
            series.points,
            vec![
                (date(2024, 1, 1), 3.7),
                (date(2024, 2, 1), 3.8),
                (date(2024, 3, 1), 3.9)
            ]
        );
        let provenance = store.provenance("UNRATE").unwrap();
        assert_eq!(provenance.len(), 2);
        assert_eq!((provenance[1].new_rows, provenance[1].revised_rows), (1, 1));
        assert_eq!(
            store.last_import_sha("/tmp/x.csv").unwrap(),
            Some(sha256_hex(b"new"))
        );
    }

    #[test]
    fn vintages_give_latest_values_and_point_in_time_values() {
        let (_dir, mut store) = temp_store();
        let mut file = parsed("GDP", &[]);
        let vintage = |d: Date, v: f64, rt: Date| Observation {
            date: d,
            value: Some(v),
            realtime_start: Some(rt),
        };
        file.series[0].observations = vec![
            vintage(date(2024, 1, 1), 100.0, date(2024, 4, 25)),
            vintage(date(2024, 1, 1), 101.0, date(2024, 5, 30)),
            vintage(date(2024, 4, 1), 102.0, date(2024, 7, 25)),
        ];
        store.import(&file, &provenance("alfred")).unwrap();
        let latest = store.load_dataset().unwrap();
        assert_eq!(
            latest.get("GDP").unwrap().points,
            vec![(date(2024, 1, 1), 101.0), (date(2024, 4, 1), 102.0)]
        );
        let in_may = store.load_dataset_as_of(date(2024, 5, 1)).unwrap();
        assert_eq!(
            in_may.get("GDP").unwrap().points,
            vec![(date(2024, 1, 1), 100.0)]
        );
    }

    #[test]
    fn a_failing_import_leaves_no_trace() {
        let (_dir, mut store) = temp_store();
        let mut file = parsed("GOOD", &[(date(2024, 1, 1), Some(1.0))]);
        file.series.push(
            parsed("BAD", &[(date(2024, 1, 1), Some(f64::NAN))])
                .series
                .remove(0),
        );
        let err = store.import(&file, &provenance("bad")).unwrap_err();
        assert!(err.to_string().contains("not a finite number"), "{err}");
        assert_eq!(count(&store, "SELECT count(*) FROM series"), 0);
        assert_eq!(count(&store, "SELECT count(*) FROM observations"), 0);
        assert_eq!(count(&store, "SELECT count(*) FROM imports"), 0);
    }

    #[test]
    fn sixteen_thousand_rows_import_in_well_under_a_second() {
        let (_dir, mut store) = temp_store();
        let start_date = date(1962, 1, 2);
        let rows: Vec<(Date, Option<f64>)> = (0..16_144)
            .map(|i| {
                (
                    start_date.checked_add(jiff::Span::new().days(i)).unwrap(),
                    Some(i as f64 / 100.0),
                )
            })
            .collect();
        let started = std::time::Instant::now();
        store
            .import(&parsed("DGS10", &rows), &provenance("big"))
            .unwrap();
        let elapsed = started.elapsed();
        eprintln!("16144 rows imported in {elapsed:?}");
        assert_eq!(store.observations("DGS10").unwrap().len(), 16_144);
    }
}
