//! Series in the store: metadata (`series`), observations keyed by (series, date, vintage)
//! with the latest vintage of every date read through `latest_observations`, the upsert of an
//! imported series, and every read the commands make.

use std::collections::{BTreeSet, HashMap};

use anyhow::bail;
use bullcheck_core::series::{Dataset, Date, Observation, ParsedSeries, Series, SeriesMeta};
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};

use super::copies::{self, FileCopy};
use super::sql::{get_count, parse_stored_date, sql_int};

/// How an import treats what is already stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportMode {
    /// `data import --replace`: the file's rows become the series' rows (stored dates the
    /// file lacks are removed), and a different frequency or source is accepted. Without it,
    /// history is kept and a file that would change a series' frequency or source is refused.
    pub replace: bool,
}

/// What one import did to one series.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesImport {
    pub id: String,
    /// Observations of this series in the file (missing values included).
    pub rows: usize,
    /// (date, vintage) pairs the store did not hold before.
    pub new_rows: usize,
    /// Stored (date, vintage) pairs whose value the file changed.
    pub revised_rows: usize,
    /// Dates where a newer or more precise stored copy that differs from the file's value was
    /// kept (an older vintage changes nothing).
    pub kept_rows: usize,
    /// Dates of the file where copies disagree beyond rounding, and the largest |Δ| with its
    /// date.
    pub disagreeing: usize,
    pub largest_difference: Option<(f64, String)>,
}

/// One line of `data list`: a stored series and its range (latest vintage of every date).
#[derive(Debug, Clone)]
pub struct SeriesListing {
    pub id: String,
    pub source: String,
    /// The series title (for French tables `<column> (<section>)`).
    pub title: String,
    /// The series units as stored (empty when the file gave none).
    pub units: String,
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

/// Refuses a file that would silently change what a stored series is: its frequency (a
/// monthly file under a daily id overwrites daily values with monthly ones) or its source.
/// Empty fields (the file does not say) never conflict. `--replace` accepts the change.
pub(super) fn check_identity(
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
pub(super) fn withdraw_missing(
    tx: &Transaction<'_>,
    parsed: &ParsedSeries,
) -> anyhow::Result<usize> {
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
pub(super) fn store_series(
    tx: &Transaction<'_>,
    file: &FileCopy<'_>,
    parsed: &ParsedSeries,
    now: &str,
    mode: ImportMode,
) -> anyhow::Result<SeriesImport> {
    let import_id = file.import_id;
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
    }
    if mode.replace {
        copies::drop_copies(tx, &meta.id)?;
    }
    let resolution = copies::store_copy(tx, file, parsed)?;
    let (new_rows, revised_rows) = (resolution.new_rows, resolution.revised_rows);
    let changed = new_rows + revised_rows;

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
        kept_rows: resolution.kept_rows,
        disagreeing: resolution.disagreeing,
        largest_difference: resolution.largest,
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

/// Only the named series (latest vintage per date, non-missing values); ids that are not
/// stored are skipped. The audit reads the few dozen series its checks need this way,
/// instead of every stored observation.
pub(super) fn load_series(conn: &Connection, ids: &[String]) -> anyhow::Result<Dataset> {
    let mut meta_stmt = conn.prepare(
        "SELECT id, source, title, units, frequency, seasonal_adjustment, notes FROM series WHERE id = ?1",
    )?;
    let mut obs_stmt = conn.prepare(
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

pub(super) fn load_latest(conn: &Connection) -> anyhow::Result<Dataset> {
    let mut metas: HashMap<String, SeriesMeta> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, source, title, units, frequency, seasonal_adjustment, notes FROM series",
    )?;
    let rows = stmt.query_map([], |row| meta_from_row(row, 0))?;
    for meta in rows {
        let meta = meta?;
        metas.insert(meta.id.clone(), meta);
    }

    let mut points: HashMap<String, Vec<(Date, f64)>> = HashMap::new();
    // Per date, the row of the newest vintage ('' — no vintage — sorts before every date).
    let mut stmt = conn.prepare(
        "SELECT series_id, date, max(realtime_start), value FROM observations
         GROUP BY series_id, date",
    )?;
    let mut rows = stmt.query([])?;
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
pub(super) fn list_series(conn: &Connection) -> anyhow::Result<Vec<SeriesListing>> {
    let mut stmt = conn.prepare(
        // One pass over the observations rather than four lookups per series.
        "WITH stats AS (
             SELECT series_id, min(date) AS first, max(date) AS last,
                    count(*) AS rows, count(*) - count(value) AS missing
             FROM latest_observations GROUP BY series_id),
         last_imports AS (
             SELECT x.series_id, max(i.finished_at) AS finished
             FROM import_series x JOIN imports i ON i.id = x.import_id GROUP BY x.series_id)
         SELECT s.id, s.source, st.first, st.last, coalesce(st.rows, 0),
                coalesce(st.missing, 0), li.finished, s.title, s.units
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
            units: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The ids of every stored series, sorted.
pub(super) fn series_ids(conn: &Connection) -> anyhow::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM series ORDER BY id")?;
    let ids = stmt.query_map([], |row| row.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// Metadata of one series, or `None` when it is not stored.
pub(super) fn series_info(conn: &Connection, id: &str) -> anyhow::Result<Option<StoredSeries>> {
    let info = conn
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
pub(super) fn observations(conn: &Connection, id: &str) -> anyhow::Result<Vec<Observation>> {
    let mut stmt = conn.prepare(
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
