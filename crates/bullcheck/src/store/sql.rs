//! Small helpers for reading and writing SQLite values, shared by the store's files.

use anyhow::Context as _;
use bullcheck_core::series::Date;

/// Reads a non-negative SQLite integer (a count or a size).
pub(super) fn get_count<T: TryFrom<i64>>(
    row: &rusqlite::Row<'_>,
    index: usize,
) -> rusqlite::Result<T>
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
pub(super) fn sql_int<T: TryInto<i64>>(number: T) -> i64 {
    number.try_into().unwrap_or(i64::MAX)
}

pub(super) fn parse_stored_date(text: &str) -> anyhow::Result<Date> {
    text.parse::<Date>()
        .with_context(|| format!("the store holds an invalid date `{text}`"))
}
