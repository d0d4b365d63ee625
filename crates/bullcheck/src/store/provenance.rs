//! Provenance: where imported bytes came from (`imports`), what each import did to each
//! series (`import_series`), and the timestamps and digests that identify them.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension as _, Transaction, params};

use super::sql::{get_count, sql_int};

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

/// True when these bytes (same SHA-256, same kind) were already imported for exactly these
/// series.
pub(super) fn already_imported(
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

/// Records the start of an import (row count and finish time follow in [`finish_import`]);
/// returns its id.
pub(super) fn begin_import(tx: &Transaction<'_>, prov: &Provenance) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO imports (source, kind, sha256, retrieved_at, bytes, row_count, finished_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, '')",
        params![
            prov.source,
            prov.kind,
            prov.sha256,
            prov.retrieved_at,
            sql_int(prov.bytes)
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Records the rows an import brought and when it finished.
pub(super) fn finish_import(
    tx: &Transaction<'_>,
    import_id: i64,
    row_count: usize,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE imports SET row_count = ?1, finished_at = ?2 WHERE id = ?3",
        params![sql_int(row_count), now_rfc3339(), import_id],
    )?;
    Ok(())
}

/// Every import that brought this series, oldest first.
pub(super) fn provenance(conn: &Connection, id: &str) -> anyhow::Result<Vec<ImportRecord>> {
    let mut stmt = conn.prepare(
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
pub(super) fn last_import_sha(conn: &Connection, source: &str) -> anyhow::Result<Option<String>> {
    let sha = conn
        .query_row(
            "SELECT sha256 FROM imports WHERE source = ?1 ORDER BY id DESC LIMIT 1",
            [source],
            |row| row.get(0),
        )
        .optional()?;
    Ok(sha)
}

/// A fingerprint of what the store holds: the SHA-256 of the sorted, distinct (file SHA-256,
/// kind) pairs of every import. Two stores that imported the same files, in any order, share
/// it; any new import changes it.
pub(super) fn content_fingerprint(conn: &Connection) -> anyhow::Result<String> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT sha256, kind FROM imports ORDER BY sha256, kind")?;
    let rows = stmt.query_map([], |row| {
        Ok(format!(
            "{}:{}\n",
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?
        ))
    })?;
    let mut text = String::new();
    for row in rows {
        text.push_str(&row?);
    }
    Ok(sha256_hex(text.as_bytes()))
}

pub use crate::settings::clock::now_rfc3339;

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
