//! The measured skill of the headline and its gauges (docs/rating.md §8a) for the audit, the
//! report and the dashboard: the monthly ratings from 1990 recomputed on the stored data
//! (`bullcheck_core::history::rate_months`, empty snapshot), cached per store state, then
//! scored against the stored events as of the audit date.
//!
//! The cache is `$BULLCHECK_HOME/cache/track-record-<key>.json` (or in
//! `BULLCHECK_TRACK_RECORD_CACHE`), the key the SHA-256 of the
//! store's import fingerprint, the check definitions and bullcheck's version: any import, a
//! changed user check or a new version computes it again. A store that cannot be written
//! still gets the skill, computed each time.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use anyhow::Context as _;
use bullcheck_core::audit::HeadlineSkill;
use bullcheck_core::checks::CheckDef;
use bullcheck_core::history::{self, MonthRating, headline::headline_skill};
use bullcheck_core::series::{Date, month_end_of, month_index};
use serde::{Deserialize, Serialize};

use crate::settings::Settings;
use crate::store::Store;

/// Bumped when what is cached changes meaning.
const CACHE_VERSION: u32 = 1;

/// The event series the skill is scored against (recessions, the index).
const EVENT_IDS: [&str; 5] = ["USREC", "NBER_REC", "NBER_PEAKS", "SP500_LONG", "SP500"];

#[derive(Serialize, Deserialize)]
struct CachedMonth {
    month: String,
    score: Option<f64>,
    vulnerability: Option<f64>,
    stress: Option<f64>,
}

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
    let ratings = monthly_ratings(settings, store, defs)?;
    let ids: Vec<String> = EVENT_IDS.iter().map(|s| s.to_string()).collect();
    let events = store.load_series(&ids)?;
    Ok(headline_skill(&ratings, &events, as_of))
}

fn cache_path(settings: &Settings, store: &Store, defs: &[CheckDef]) -> anyhow::Result<PathBuf> {
    let key = format!(
        "{CACHE_VERSION}\n{}\n{}\n{defs:?}",
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

/// The rating and gauges at every month-end from 1990-01 to the last month with data, from
/// the cache when it holds this store state.
fn monthly_ratings(
    settings: &Settings,
    store: &Store,
    defs: &[CheckDef],
) -> anyhow::Result<Vec<MonthRating>> {
    let cache = cache_path(settings, store, defs)?;
    if let Some(months) = read_cache(&cache) {
        return Ok(months);
    }
    // One process measures a store state at a time; the others wait and read its result.
    let _lock = lock(&cache);
    if let Some(months) = read_cache(&cache) {
        return Ok(months);
    }
    let data = store.load_dataset()?;
    let Some((_, last)) = history::data_span(&data) else {
        return Ok(Vec::new());
    };
    let first = bullcheck_core::scoring::skill::from_month();
    let months: Vec<Date> = (first..=month_index(last)).map(month_end_of).collect();
    if std::io::stderr().is_terminal() {
        eprintln!(
            "measuring the rating's track record on this store ({} month-ends from 1990; once per store state)…",
            months.len()
        );
    }
    let ratings = history::rate_months(defs, &data, &months);
    let cached: Vec<CachedMonth> = ratings
        .iter()
        .map(|r| CachedMonth {
            month: r.month.to_string(),
            score: r.score,
            vulnerability: r.vulnerability,
            stress: r.stress,
        })
        .collect();
    // A home that cannot be written still gets the skill; it is computed again next time.
    let _ = write_atomically(&cache, &serde_json::to_vec(&cached)?);
    Ok(ratings)
}

fn read_cache(path: &std::path::Path) -> Option<Vec<MonthRating>> {
    let bytes = std::fs::read(path).ok()?;
    let months: Vec<CachedMonth> = serde_json::from_slice(&bytes).ok()?;
    Some(months.iter().filter_map(from_cached).collect())
}

/// An exclusive lock on `<cache>.lock`, or `None` where the folder cannot be written (then
/// the computation simply runs unlocked).
fn lock(cache: &std::path::Path) -> Option<std::fs::File> {
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

fn from_cached(m: &CachedMonth) -> Option<MonthRating> {
    Some(MonthRating {
        month: m.month.parse().ok()?,
        score: m.score,
        level: m.score.map(bullcheck_core::audit::Level::from_score),
        modules: Vec::new(),
        checks_with_data: 0,
        vulnerability: m.vulnerability,
        stress: m.stress,
    })
}

fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("cache"),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
