//! Schema migrations: `PRAGMA user_version` counts the applied files of `migrations/`, each
//! applied in its own transaction; a store written by a newer bullcheck is refused.

use anyhow::{Context as _, bail};
use rusqlite::{Connection, TransactionBehavior};

use super::sql::sql_int;

/// Schema migrations in order: applying entry N (0-based) brings `PRAGMA user_version` to N + 1.
/// One line per migration; append only, never edit or reorder a released one.
pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_company_facts.sql"),
    include_str!("migrations/0003_company_filings.sql"),
    include_str!("migrations/0004_observation_copies.sql"),
];

/// Applies the migrations this store lacks, each in its own transaction with its version bump.
pub(super) fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
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

pub(super) fn schema_version(conn: &Connection) -> anyhow::Result<usize> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    usize::try_from(version).context("negative schema version")
}
