//! The SQLite store (`$BULLCHECK_HOME/bullcheck.sqlite`): opening (read-only when it cannot be
//! written), importing parsed files in one transaction, and the reads the commands make.
//!
//! Files: `migrations.rs` (schema versions), `series.rs` (series and observations),
//! `copies.rs` (copies and the rule choosing the stored value), `cut.rs` (files cut short),
//! `provenance.rs` (imports, timestamps, digests), `companies.rs` (SEC company facts: the one
//! write path of `data import` and `companies ingest`, and their loads), `sql.rs` (value
//! helpers). None of them uses this file or anything above the store.
//!
//! Invariants:
//! - Every import runs in ONE transaction (series, observations, provenance and company facts
//!   together): a failed or killed import leaves the store exactly as it was.
//! - Observations are keyed by (series, date, vintage); each holds the value chosen from every
//!   imported copy by the rule of `copies.rs` (newest vintage, then precision, then the
//!   publisher), so import order does not matter and an older file never overwrites a newer
//!   one. No import deletes dates it does not contain (except `--replace`). A NULL value is a
//!   value the source marks missing.
//! - A file whose last line is cut short is refused when it would change a stored value
//!   (`cut.rs`).
//! - Importing the same bytes (same SHA-256 and kind) for the same series again changes nothing
//!   and records nothing.
//! - Readers see the latest vintage of every date (`latest_observations` view).
//!
//! Journal: WAL with `synchronous=NORMAL`. In WAL mode NORMAL never corrupts the database and
//! loses nothing when the process dies (a killed import is rolled back, committed ones stay);
//! only a power loss or OS crash may roll back the last committed imports, which can simply be
//! re-run. It saves an fsync per import, which adds up over a directory of a hundred files.

pub mod companies;
pub mod copies;
#[cfg(test)]
mod copies_tests;
mod cut;
mod migrations;
mod provenance;
mod series;
mod sql;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, bail};
use bullcheck_core::companies::CompanyData;
use bullcheck_core::companies::screens::UnprofitableInputs;
use bullcheck_core::series::{Dataset, Date, Observation};
use bullcheck_core::source::Parsed;
use rusqlite::{Connection, TransactionBehavior};

pub use companies::LoadScope;
pub use cut::LastLine;
use migrations::{MIGRATIONS, migrate, schema_version};
pub use provenance::{ImportRecord, Provenance, now_rfc3339, sha256_hex};
pub use series::{ImportMode, SeriesImport, SeriesListing, StoredSeries};

/// How long a writer waits for another process's write transaction before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

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
        self.import_checked(parsed, prov, mode, None)
    }

    /// [`Store::import_with`], refusing a file cut short: when a value of the file's last line
    /// ([`LastLine::of`]) would change a stored one (a line without its line end) or
    /// truncates one (fewer digits), nothing is stored.
    pub fn import_checked(
        &mut self,
        parsed: &Parsed,
        prov: &Provenance,
        mode: ImportMode,
        last_line: Option<&LastLine<'_>>,
    ) -> anyhow::Result<ImportSummary> {
        self.ensure_writable()?;
        let now = now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;

        let series_ids: BTreeSet<&str> = parsed.series.iter().map(|s| s.meta.id.as_str()).collect();
        if !mode.replace && provenance::already_imported(&tx, prov, &series_ids)? {
            // Nothing to write: dropping `tx` rolls back the (empty) transaction.
            let details: Vec<SeriesImport> = parsed
                .series
                .iter()
                .map(|s| SeriesImport {
                    id: s.meta.id.clone(),
                    rows: s.observations.len(),
                    new_rows: 0,
                    revised_rows: 0,
                    kept_rows: 0,
                    disagreeing: 0,
                    largest_difference: None,
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

        let import_id = provenance::begin_import(&tx, prov)?;
        let vintage = copies::file_vintage(&parsed.series);

        let mut summary = ImportSummary::default();
        let mut row_count = 0usize;
        for parsed_series in &parsed.series {
            series::check_identity(&tx, parsed_series, mode)?;
            if mode.replace {
                summary.withdrawn += series::withdraw_missing(&tx, parsed_series)?;
            }
            let file = copies::FileCopy {
                import_id,
                origin: &prov.source,
                kind: &prov.kind,
                vintage: &vintage,
                last_line,
            };
            let detail = series::store_series(&tx, &file, parsed_series, &now, mode)?;
            row_count += detail.rows;
            summary.series.push((
                detail.id.clone(),
                detail.rows,
                detail.new_rows + detail.revised_rows,
            ));
            summary.details.push(detail);
        }
        if !parsed.companies.is_empty() {
            let ingested_at = now_rfc3339();
            for company in &parsed.companies {
                summary.companies +=
                    companies::write_company(&tx, company, "data import", &ingested_at)?;
            }
        }
        provenance::finish_import(&tx, import_id, row_count)?;
        tx.commit().context("cannot commit the import")?;
        Ok(summary)
    }

    /// Every stored series (latest vintage per date, non-missing values).
    pub fn load_dataset(&self) -> anyhow::Result<Dataset> {
        series::load_latest(&self.conn)
    }

    /// Only the named series (latest vintage per date, non-missing values); ids that are not
    /// stored are skipped. The audit reads the few dozen series its checks need this way,
    /// instead of every stored observation.
    pub fn load_series(&self, ids: &[String]) -> anyhow::Result<Dataset> {
        series::load_series(&self.conn, ids)
    }

    /// Every stored series with its range, sorted by id.
    pub fn list_series(&self) -> anyhow::Result<Vec<SeriesListing>> {
        series::list_series(&self.conn)
    }

    /// The ids of every stored series, sorted.
    pub fn series_ids(&self) -> anyhow::Result<Vec<String>> {
        series::series_ids(&self.conn)
    }

    /// Metadata of one series, or `None` when it is not stored.
    pub fn series_info(&self, id: &str) -> anyhow::Result<Option<StoredSeries>> {
        series::series_info(&self.conn, id)
    }

    /// The latest vintage of every stored date of one series, sorted by date, missing values
    /// included (as `None`). Empty when the series is not stored.
    pub fn observations(&self, id: &str) -> anyhow::Result<Vec<Observation>> {
        series::observations(&self.conn, id)
    }

    /// The copies of a series by origin, and the dates where they disagree beyond rounding
    /// (`data show ID --vintages`).
    pub fn vintages(
        &self,
        id: &str,
    ) -> anyhow::Result<(Vec<copies::CopySummary>, Vec<copies::Disagreement>)> {
        Ok(copies::vintages(&self.conn, id)?)
    }

    /// Every import that brought this series, oldest first.
    pub fn provenance(&self, id: &str) -> anyhow::Result<Vec<ImportRecord>> {
        provenance::provenance(&self.conn, id)
    }

    /// The SHA-256 of the latest import from this source (URL or path), if any.
    pub fn last_import_sha(&self, source: &str) -> anyhow::Result<Option<String>> {
        provenance::last_import_sha(&self.conn, source)
    }

    /// A fingerprint of the imported files (see [`provenance::content_fingerprint`]): caches
    /// of results computed from the store are keyed by it.
    pub fn content_fingerprint(&self) -> anyhow::Result<String> {
        provenance::content_fingerprint(&self.conn)
    }

    /// How many companies are stored.
    pub fn company_count(&self) -> anyhow::Result<usize> {
        companies::company_count(&self.conn)
    }

    /// What the `unprofitable` screen reads of every stored company, filed on or before
    /// `as_of` (see [`companies::load_unprofitable_inputs`]), ordered by CIK.
    pub fn unprofitable_inputs(&self, as_of: Date) -> anyhow::Result<Vec<UnprofitableInputs>> {
        companies::load_unprofitable_inputs(&self.conn, as_of)
    }

    /// Stored companies with their facts filed on or before `as_of`: every one ordered by CIK
    /// (`Screens`), or the stored ones of a list in its order.
    pub fn load_companies(
        &self,
        as_of: Date,
        scope: LoadScope<'_>,
    ) -> anyhow::Result<Vec<CompanyData>> {
        companies::load_companies(&self.conn, as_of, scope)
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
