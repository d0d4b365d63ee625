//! Copies and the authoritative value: every import records what its file says about each
//! (series, date, realtime_start) as a *copy* (table `observation_copies`, one per origin —
//! file path or URL), and `observations` holds the one value chosen from the copies by a
//! fixed rule, so the stored values do not depend on the order files were imported in.
//!
//! The rule ([`choose`]), for one (series, date, realtime_start):
//! 1. the copy of the newest vintage (a file's vintage is its newest observation date or
//!    `realtime_start`: a file cut short or an older edition is an older vintage);
//! 2. equal vintages: a value over a missing one, then the more precise copy (more decimals),
//!    then the publisher's own file over a re-shaped copy ([`is_primary`]), then the larger
//!    value and the origin's name (only so that the choice never depends on order);
//! 3. a value that only rounds a more precise copy's value (|Δ| within half a unit of its last
//!    decimal) is the same value: the precise one is kept (a 2-decimal copy of a 4-decimal
//!    index does not revise it).
//!
//! One origin holds one copy per date: a re-import from the same path or URL replaces it
//! unless the stored copy is of a newer vintage (an older file never overwrites a newer one).
//! Limits: the vintage is the file's newest date, not a publication date read from the file.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use bullcheck_core::series::ParsedSeries;
use rusqlite::{Transaction, params};

use super::cut::LastLine;

/// One copy of one (series, date, realtime_start) as the rule sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    pub origin: Rc<str>,
    pub vintage: String,
    pub precision: i64,
    pub primary: bool,
    pub value: Option<f64>,
    pub import_id: i64,
}

/// What resolving one imported series did.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Resolution {
    pub new_rows: usize,
    pub revised_rows: usize,
    /// Dates where the file's value lost to a newer or more precise stored copy that differs
    /// from it beyond rounding (the stored value was kept).
    pub kept_rows: usize,
    /// Dates of the file where two copies disagree beyond rounding, and the largest |Δ|
    /// with its date.
    pub disagreeing: usize,
    pub largest: Option<(f64, String)>,
}

/// Decimals of a value as written (the shortest text that reads back as the same number).
pub fn decimals(value: f64) -> i64 {
    let text = value.to_string();
    text.split_once('.')
        .map_or(0, |(_, fraction)| fraction.len().min(17) as i64)
}

/// Digits of a value as written (`4.1` has 2): a value cut short has fewer.
pub fn digits(value: f64) -> usize {
    value.to_string().bytes().filter(u8::is_ascii_digit).count()
}

/// Whether `a` (of `pa` decimals) and `b` (of `pb`) are the same value up to the rounding of
/// the less precise one.
pub fn agree(a: f64, pa: i64, b: f64, pb: i64) -> bool {
    let places = pa.min(pb).clamp(0, 17);
    let half_unit = 0.5 * 10f64.powi(-i32::try_from(places).unwrap_or(17));
    (a - b).abs() <= half_unit * (1.0 + 1e-9) + 1e-12 * a.abs().max(b.abs())
}

/// Whether a file is the publisher's own rather than a re-shaped copy: a download from a URL
/// (`data update` asks the publisher), or a file whose name is not `<ID>_<more>` or
/// `<ID>-<more>` (copies found in repositories carry the repository or range after the id,
/// `DGS10_macrocharts_to2026-07.csv`), and not a `json-records` file (re-shaped by a site).
pub fn is_primary(origin: &str, series_id: &str, kind: &str) -> bool {
    if origin.starts_with("http://") || origin.starts_with("https://") {
        return true;
    }
    if kind == "json-records" {
        return false;
    }
    let name = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    let stem = name.split('.').next().unwrap_or(name);
    let id_len = series_id.len();
    let renamed = stem.len() > id_len + 1
        && stem.is_char_boundary(id_len)
        && stem[..id_len].eq_ignore_ascii_case(series_id)
        && matches!(stem.as_bytes()[id_len], b'_' | b'-' | b' ');
    !renamed
}

/// The order of rules 1 and 2 (see the module doc): `Greater` when `a` ranks above `b`.
fn rank(a: &Copy, b: &Copy) -> Ordering {
    a.vintage
        .cmp(&b.vintage)
        .then(a.value.is_some().cmp(&b.value.is_some()))
        .then(a.precision.cmp(&b.precision))
        .then(a.value.map(digits).cmp(&b.value.map(digits)))
        .then(a.primary.cmp(&b.primary))
        .then(match (a.value, b.value) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            _ => Ordering::Equal,
        })
        .then(b.origin.cmp(&a.origin))
}

/// The index of the authoritative copy among the copies of one date (see the module doc).
pub fn choose(copies: &[Copy]) -> Option<usize> {
    let best = |keep: &dyn Fn(&Copy) -> bool| {
        (0..copies.len())
            .filter(|&i| keep(&copies[i]))
            .max_by(|&i, &j| rank(&copies[i], &copies[j]))
    };
    let mut chosen = best(&|_| true)?;
    // A rounded value gives way to a more precise copy it rounds (repeatedly: the finest wins).
    loop {
        let current = &copies[chosen];
        let Some(value) = current.value else {
            return Some(chosen);
        };
        let finer = best(&|c: &Copy| {
            c.precision > current.precision
                && c.value
                    .is_some_and(|v| agree(v, c.precision, value, current.precision))
        });
        match finer {
            Some(index) => chosen = index,
            None => return Some(chosen),
        }
    }
}

/// The vintage of a parsed file: its newest observation date or `realtime_start`.
pub fn file_vintage<'a>(series: impl IntoIterator<Item = &'a ParsedSeries>) -> String {
    series
        .into_iter()
        .flat_map(|s| &s.observations)
        .map(|o| o.realtime_start.map_or(o.date, |rt| rt.max(o.date)))
        .max()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// The id of an origin (file path or URL), created when new.
pub(super) fn origin_id(tx: &Transaction<'_>, source: &str) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO origins (source) VALUES (?1) ON CONFLICT (source) DO NOTHING",
        [source],
    )?;
    tx.query_row("SELECT id FROM origins WHERE source = ?1", [source], |r| {
        r.get(0)
    })
}

type Key = (String, String);

/// Every copy of one series, by (date, realtime_start).
pub(super) fn copies_of(
    conn: &rusqlite::Connection,
    series_id: &str,
) -> rusqlite::Result<HashMap<Key, Vec<Copy>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.date, c.realtime_start, c.origin_id, c.vintage, c.precision, c.is_primary,
                c.value, c.import_id
         FROM observation_copies c WHERE c.series_id = ?1",
    )?;
    let mut names = conn.prepare_cached("SELECT source FROM origins WHERE id = ?1")?;
    let mut origins: HashMap<i64, Rc<str>> = HashMap::new();
    let mut rows = stmt.query([series_id])?;
    let mut copies: HashMap<Key, Vec<Copy>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let origin_id: i64 = row.get(2)?;
        let origin = match origins.get(&origin_id) {
            Some(name) => Rc::clone(name),
            None => {
                let name: Rc<str> = names
                    .query_row([origin_id], |r| r.get::<_, String>(0))?
                    .into();
                origins.insert(origin_id, Rc::clone(&name));
                name
            }
        };
        copies
            .entry((row.get(0)?, row.get(1)?))
            .or_default()
            .push(Copy {
                origin,
                vintage: row.get(3)?,
                precision: row.get(4)?,
                primary: row.get::<_, i64>(5)? == 1,
                value: row.get(6)?,
                import_id: row.get(7)?,
            });
    }
    Ok(copies)
}

/// The import a copy comes from: its id, origin (`imports.source`), kind, vintage
/// ([`file_vintage`]) and last line (checked when cut short).
#[derive(Clone, Copy)]
pub(super) struct FileCopy<'a> {
    pub import_id: i64,
    pub origin: &'a str,
    pub kind: &'a str,
    pub vintage: &'a str,
    pub last_line: Option<&'a LastLine<'a>>,
}

/// Records the file's copy of one series and recomputes the authoritative value of every date
/// it holds. `vintage` is the file's ([`file_vintage`]). With `replace` the series' copies
/// were removed before (the file becomes the only copy).
pub(super) fn store_copy(
    tx: &Transaction<'_>,
    file: &FileCopy<'_>,
    parsed: &ParsedSeries,
) -> anyhow::Result<Resolution> {
    let FileCopy {
        import_id,
        origin,
        kind,
        vintage,
        last_line,
    } = *file;
    let id = &parsed.meta.id;
    let stored: HashMap<Key, Option<f64>> = {
        let mut stmt = tx.prepare_cached(
            "SELECT date, realtime_start, value FROM observations WHERE series_id = ?1",
        )?;
        stmt.query_map([id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
            .collect::<Result<_, _>>()?
    };
    if let Some(last_line) = last_line {
        last_line.check(parsed, &stored)?;
    }
    let origin_key = origin_id(tx, origin)?;
    let precision = parsed
        .observations
        .iter()
        .filter_map(|o| o.value.map(decimals))
        .max()
        .unwrap_or(-1);
    let primary = is_primary(origin, id, kind);
    // Same origin: replaced unless the stored copy is of a newer vintage.
    let mut upsert = tx.prepare_cached(
        "INSERT INTO observation_copies
             (series_id, date, realtime_start, origin_id, vintage, precision, is_primary, value, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (series_id, date, realtime_start, origin_id) DO UPDATE SET
             vintage = excluded.vintage, precision = excluded.precision,
             is_primary = excluded.is_primary, value = excluded.value,
             import_id = excluded.import_id
         WHERE excluded.vintage >= vintage",
    )?;
    let mut file_values: BTreeMap<Key, Option<f64>> = BTreeMap::new();
    for o in &parsed.observations {
        let rt = o.realtime_start.map(|d| d.to_string()).unwrap_or_default();
        let date = o.date.to_string();
        upsert.execute(params![
            id,
            date,
            rt,
            origin_key,
            vintage,
            precision,
            i64::from(primary),
            o.value,
            import_id
        ])?;
        file_values.insert((date, rt), o.value);
    }

    let copies = copies_of(tx, id)?;
    let mut write = tx.prepare_cached(
        "INSERT INTO observations (series_id, date, realtime_start, value, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (series_id, date, realtime_start) DO UPDATE
             SET value = excluded.value, import_id = excluded.import_id",
    )?;
    let mut result = Resolution::default();
    for (key, file_value) in &file_values {
        let Some(list) = copies.get(key) else {
            continue;
        };
        let Some(chosen) = choose(list).map(|i| &list[i]) else {
            continue;
        };
        let changed = match stored.get(key) {
            None => {
                result.new_rows += 1;
                true
            }
            Some(old) if old.map(f64::to_bits) != chosen.value.map(f64::to_bits) => {
                result.revised_rows += 1;
                true
            }
            Some(_) => false,
        };
        if changed {
            write.execute(params![id, key.0, key.1, chosen.value, chosen.import_id])?;
        }
        if let (Some(mine), Some(theirs)) = (file_value, chosen.value)
            && &*chosen.origin != origin
            && !agree(*mine, precision, theirs, chosen.precision)
        {
            result.kept_rows += 1;
        }
        // Copies that disagree with the chosen value beyond rounding.
        let largest = list
            .iter()
            .filter_map(|c| {
                let (v, w) = (c.value?, chosen.value?);
                (!agree(v, c.precision, w, chosen.precision)).then(|| (v - w).abs())
            })
            .fold(None, |acc: Option<f64>, d| {
                Some(acc.map_or(d, |a| a.max(d)))
            });
        if let Some(delta) = largest {
            result.disagreeing += 1;
            if result.largest.as_ref().is_none_or(|(d, _)| delta > *d) {
                result.largest = Some((delta, key.0.clone()));
            }
        }
    }
    Ok(result)
}

/// `--replace`: removes every copy of the series (the file becomes its only copy).
pub(super) fn drop_copies(tx: &Transaction<'_>, series_id: &str) -> rusqlite::Result<usize> {
    tx.execute(
        "DELETE FROM observation_copies WHERE series_id = ?1",
        [series_id],
    )
}

/// One origin's copy of a series, as `data show ID --vintages` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct CopySummary {
    pub origin: String,
    pub primary: bool,
    pub precision: i64,
    /// The newest vintage among its dates.
    pub vintage: String,
    pub rows: usize,
    /// Dates whose stored value is this copy's.
    pub chosen: usize,
}

/// A date where copies disagree beyond rounding: the stored (chosen) copy and the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub date: String,
    pub realtime_start: String,
    pub chosen: Copy,
    pub others: Vec<Copy>,
}

/// Every copy of a series summarised by origin (sorted by origin), and the dates where copies
/// disagree beyond rounding (sorted by date).
pub(super) fn vintages(
    conn: &rusqlite::Connection,
    series_id: &str,
) -> rusqlite::Result<(Vec<CopySummary>, Vec<Disagreement>)> {
    let copies = copies_of(conn, series_id)?;
    let mut summaries: BTreeMap<Rc<str>, CopySummary> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for ((date, realtime_start), list) in copies {
        let Some(chosen) = choose(&list) else {
            continue;
        };
        for (i, c) in list.iter().enumerate() {
            let entry = summaries
                .entry(Rc::clone(&c.origin))
                .or_insert_with(|| CopySummary {
                    origin: c.origin.to_string(),
                    primary: c.primary,
                    precision: c.precision,
                    vintage: String::new(),
                    rows: 0,
                    chosen: 0,
                });
            entry.rows += 1;
            entry.chosen += usize::from(i == chosen);
            entry.precision = entry.precision.max(c.precision);
            if c.vintage > entry.vintage {
                entry.vintage = c.vintage.clone();
            }
        }
        let best = &list[chosen];
        let others: Vec<Copy> = list
            .iter()
            .filter(|c| match (c.value, best.value) {
                (Some(v), Some(w)) => !agree(v, c.precision, w, best.precision),
                _ => false,
            })
            .cloned()
            .collect();
        if !others.is_empty() {
            disagreements.push(Disagreement {
                date,
                realtime_start,
                chosen: best.clone(),
                others,
            });
        }
    }
    disagreements.sort_by(|a, b| (&a.date, &a.realtime_start).cmp(&(&b.date, &b.realtime_start)));
    Ok((summaries.into_values().collect(), disagreements))
}
