//! SEC XBRL company facts in the store (stub until the company-facts work lands).

use bullcheck_core::source::CompanyFacts;

/// Stores the facts of these companies inside the caller's transaction, replacing each
/// company's previous facts atomically. Returns the number of facts stored.
pub fn store_companies(_tx: &rusqlite::Transaction<'_>, _companies: &[CompanyFacts]) -> anyhow::Result<usize> {
    Ok(0)
}
