//! The monthly ratings of the track record, cached per store state, and what is built on
//! them: the measured skill of the headline and its gauges (docs/rating.md §8a) for the
//! audit, the report and the dashboard, `bullcheck history`, and the report's and the
//! dashboard's track record. Every rating is `bullcheck_core::history::rate_months` (empty
//! snapshot) on the stored data; a month rated once is read back, never rated again, until
//! the store changes.
//!
//! The cache is `$BULLCHECK_HOME/cache/track-record-<key>.json` (or in
//! `BULLCHECK_TRACK_RECORD_CACHE`), the key the SHA-256 of the store's import fingerprint,
//! the check definitions, bullcheck's version and the basis (the latest vintage of every
//! series, or point in time for the series with ALFRED vintages, as `history` rates them):
//! any import, a changed user check or a new version computes it again. The file holds the
//! months rated so far (each command adds the months it needed) with every figure as its
//! exact bits, so a cached rating equals a computed one. One process rates a key at a time,
//! under a file lock; a store that cannot be written still gets its ratings, computed each
//! time.

use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use bullcheck_core::audit::{HeadlineSkill, Level};
use bullcheck_core::checks::CheckDef;
use bullcheck_core::history::{self, History, MonthRating, headline::headline_skill};
use bullcheck_core::series::{Dataset, Date, Observation, month_end_of, month_index};
use serde::{Deserialize, Serialize};

use crate::settings::Settings;
use crate::store::Store;

/// Bumped when what is cached changes meaning (2: every month of the record, all fields).
const CACHE_VERSION: u32 = 2;

/// The event series the skill is scored against (recessions, the index).
const EVENT_IDS: [&str; 5] = ["USREC", "NBER_REC", "NBER_PEAKS", "SP500_LONG", "SP500"];

/// One month's rating; figures as `f64::to_bits` (a JSON decimal need not read back exactly).
#[derive(Serialize, Deserialize)]
struct CachedMonth {
    month: String,
    score: Option<u64>,
    vulnerability: Option<u64>,
    stress: Option<u64>,
    modules: Vec<(String, Option<u64>)>,
    checks_with_data: usize,
}

#[derive(Serialize, Deserialize, Default)]
struct CacheFile {
    /// The last month-end with data (`history::data_span`), for the skill's range.
    last_data: Option<String>,
    months: Vec<CachedMonth>,
}

/// The point-in-time rows of the series with vintages (empty: every series in its latest
/// vintage), as `history` reads them.
pub type Vintaged = [(String, Vec<Observation>)];

/// The skill as of `as_of`, or the empty (not measured) skill without a store.
pub fn measured_skill(
    settings: &Settings,
    defs: &[CheckDef],
    as_of: Date,
) -> anyhow::Result<HeadlineSkill> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(HeadlineSkill::default());
    }
    let store =
        Store::open(&path).with_context(|| format!("cannot open the store {}", path.display()))?;
    measured_skill_in(settings, &store, defs, as_of)
}

/// [`measured_skill`] from an open store.
pub fn measured_skill_in(
    settings: &Settings,
    store: &Store,
    defs: &[CheckDef],
    as_of: Date,
) -> anyhow::Result<HeadlineSkill> {
    let ratings = skill_ratings(settings, store, defs)?;
    let ids: Vec<String> = EVENT_IDS.iter().map(|s| s.to_string()).collect();
    let events = store.load_series(&ids)?;
    Ok(headline_skill(&ratings, &events, as_of))
}

/// The rating and gauges at every month-end from 1990-01 to the last month with data, read
/// from the cache without loading the store's series when it holds them.
fn skill_ratings(
    settings: &Settings,
    store: &Store,
    defs: &[CheckDef],
) -> anyhow::Result<Vec<MonthRating>> {
    let cache = cache_path(settings, store, defs, &[])?;
    let first = bullcheck_core::scoring::skill::from_month();
    let wanted =
        |last: Date| -> Vec<Date> { (first..=month_index(last)).map(month_end_of).collect() };
    let file = read_cache(&cache);
    if let Some(last) = file
        .last_data
        .as_deref()
        .and_then(|t| t.parse::<Date>().ok())
    {
        let months = wanted(last);
        if let Some(found) = lookup(&file, &months) {
            return Ok(found);
        }
    }
    let data = store.load_dataset()?;
    let Some((_, last)) = history::data_span(&data) else {
        return Ok(Vec::new());
    };
    rate_cached(settings, store, defs, &data, &[], &wanted(last))
}

/// [`history::rate_months`] (or, with `vintaged` rows, `rate_months_with_vintages`) at
/// `months`, each month from the cache of this store state when rated before; the months
/// rated now are added to it.
pub fn rate_cached(
    settings: &Settings,
    store: &Store,
    defs: &[CheckDef],
    data: &Dataset,
    vintaged: &Vintaged,
    months: &[Date],
) -> anyhow::Result<Vec<MonthRating>> {
    let cache = cache_path(settings, store, defs, vintaged)?;
    if let Some(found) = lookup(&read_cache(&cache), months) {
        return Ok(found);
    }
    // One process rates a store state at a time; the others wait and read its result.
    let _lock = lock(&cache);
    let mut file = read_cache(&cache);
    if let Some(found) = lookup(&file, months) {
        return Ok(found);
    }
    let known: BTreeMap<Date, &CachedMonth> = by_month(&file);
    let missing: Vec<Date> = months
        .iter()
        .copied()
        .filter(|m| !known.contains_key(m))
        .collect();
    if std::io::stderr().is_terminal() && missing.len() > 12 {
        eprintln!(
            "rating {} month-ends on this store (once per store state)…",
            missing.len()
        );
    }
    let rated = if vintaged.is_empty() {
        history::rate_months(defs, data, &missing)
    } else {
        history::rate_months_with_vintages(defs, data, vintaged, &missing)
    };
    drop(known);
    file.last_data = history::data_span(data).map(|(_, last)| last.to_string());
    file.months.extend(rated.iter().map(to_cached));
    file.months.sort_by(|a, b| a.month.cmp(&b.month));
    file.months.dedup_by(|a, b| a.month == b.month);
    // A home that cannot be written still gets the ratings; they are computed again next time.
    let _ = write_atomically(&cache, &serde_json::to_vec(&file)?);
    let fresh: BTreeMap<Date, MonthRating> = rated.into_iter().map(|r| (r.month, r)).collect();
    let cached = by_month(&file);
    Ok(months
        .iter()
        .map(|m| {
            fresh
                .get(m)
                .cloned()
                .or_else(|| cached.get(m).and_then(|c| from_cached(c)))
                .expect("every month is rated or cached")
        })
        .collect())
}

/// The report's and the dashboard's track record as of `as_of`
/// (`bullcheck_core::report::html::build::track_record`), its ratings through the cache.
pub fn track_record(
    settings: &Settings,
    defs: &[CheckDef],
    data: &Dataset,
    as_of: Date,
) -> anyhow::Result<Option<History>> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(bullcheck_core::report::html::build::track_record(
            defs, data, as_of,
        ));
    }
    let store =
        Store::open(&path).with_context(|| format!("cannot open the store {}", path.display()))?;
    let mut failed = None;
    let record = bullcheck_core::report::html::build::track_record_with(data, as_of, |months| {
        rate_cached(settings, &store, defs, data, &[], months).unwrap_or_else(|err| {
            failed = Some(err);
            Vec::new()
        })
    });
    match failed {
        Some(err) => Err(err),
        None => Ok(record),
    }
}

fn cache_path(
    settings: &Settings,
    store: &Store,
    defs: &[CheckDef],
    vintaged: &Vintaged,
) -> anyhow::Result<PathBuf> {
    let basis = if vintaged.is_empty() {
        "latest"
    } else {
        "point-in-time"
    };
    let key = format!(
        "{CACHE_VERSION}\n{}\n{}\n{basis}\n{defs:?}",
        env!("CARGO_PKG_VERSION"),
        store.content_fingerprint()?
    );
    let hash = crate::store::sha256_hex(key.as_bytes());
    let dir = settings
        .env
        .get("BULLCHECK_TRACK_RECORD_CACHE")
        .map_or_else(|| settings.cache_dir(), PathBuf::from);
    Ok(dir.join(format!("track-record-{}.json", &hash[..16])))
}

fn read_cache(path: &Path) -> CacheFile {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn by_month(file: &CacheFile) -> BTreeMap<Date, &CachedMonth> {
    file.months
        .iter()
        .filter_map(|m| Some((m.month.parse::<Date>().ok()?, m)))
        .collect()
}

/// Every month of `months` from the cache, or `None` when one is missing.
fn lookup(file: &CacheFile, months: &[Date]) -> Option<Vec<MonthRating>> {
    let known = by_month(file);
    months
        .iter()
        .map(|m| known.get(m).and_then(|c| from_cached(c)))
        .collect()
}

/// An exclusive lock on `<cache>.lock`, or `None` where the folder cannot be written (then
/// the computation simply runs unlocked).
fn lock(cache: &Path) -> Option<std::fs::File> {
    std::fs::create_dir_all(cache.parent()?).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(cache.with_extension("lock"))
        .ok()?;
    file.lock().ok()?;
    Some(file)
}

fn to_cached(r: &MonthRating) -> CachedMonth {
    CachedMonth {
        month: r.month.to_string(),
        score: r.score.map(f64::to_bits),
        vulnerability: r.vulnerability.map(f64::to_bits),
        stress: r.stress.map(f64::to_bits),
        modules: r
            .modules
            .iter()
            .map(|(id, s)| (id.clone(), s.map(f64::to_bits)))
            .collect(),
        checks_with_data: r.checks_with_data,
    }
}

fn from_cached(m: &CachedMonth) -> Option<MonthRating> {
    let score = m.score.map(f64::from_bits);
    Some(MonthRating {
        month: m.month.parse().ok()?,
        score,
        level: score.map(Level::from_score),
        modules: m
            .modules
            .iter()
            .map(|(id, s)| (id.clone(), s.map(f64::from_bits)))
            .collect(),
        checks_with_data: m.checks_with_data,
        vulnerability: m.vulnerability.map(f64::from_bits),
        stress: m.stress.map(f64::from_bits),
    })
}

pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("cache"),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rating read back from the cache equals the one computed, to the bit (JSON decimals
    /// would not guarantee it), and its level follows its score as in `audit::run`.
    #[test]
    fn a_cached_rating_reads_back_exactly() {
        let rating = MonthRating {
            month: Date::new(1929, 9, 30).unwrap(),
            score: Some(0.1 + 0.2),
            level: Some(Level::from_score(0.1 + 0.2)),
            modules: vec![
                ("valuation".into(), Some(1.0 / 3.0)),
                ("credit".into(), None),
            ],
            checks_with_data: 17,
            vulnerability: Some(std::f64::consts::PI * 1e-7),
            stress: None,
        };
        let file = CacheFile {
            last_data: None,
            months: vec![to_cached(&rating)],
        };
        let bytes = serde_json::to_vec(&file).unwrap();
        let back: CacheFile = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(lookup(&back, &[rating.month]), Some(vec![rating.clone()]));
        assert_eq!(lookup(&back, &[Date::new(1929, 10, 31).unwrap()]), None);
    }
}
