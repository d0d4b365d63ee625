//! GSADF critical values cached per (sample size, minimum window, lag, replications, seed)
//! in `$BULLCHECK_HOME/cache/gsadf-cv-<key>.json`: they depend on nothing else (PSY's null
//! is simulated, not read from the data), so `bubbles gsadf` on the same span runs its
//! replications once. Figures are stored as their exact bits; an unreadable or foreign file
//! is ignored and recomputed, and a home that cannot be written simply recomputes each time.

use std::path::PathBuf;

use bullcheck_core::bubbles::gsadf::{self, CriticalValues};
use serde::{Deserialize, Serialize};

use crate::settings::Settings;

/// Bumped when the simulation or what is cached changes meaning.
const CACHE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Cached {
    key: String,
    levels: Vec<u64>,
    adf: Vec<u64>,
    sadf: Vec<u64>,
    gsadf: Vec<u64>,
    bsadf_95: Vec<u64>,
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn floats(v: &[u64]) -> Vec<f64> {
    v.iter().map(|&x| f64::from_bits(x)).collect()
}

/// [`gsadf::critical_values`] for these parameters, from the cache when it holds them.
pub fn critical_values_cached(
    settings: &Settings,
    (t, lag, window): (usize, usize, usize),
    reps: usize,
    seed: u64,
    levels: &[f64],
) -> Option<CriticalValues> {
    let key = format!(
        "{CACHE_VERSION} {} t={t} lag={lag} window={window} reps={reps} seed={seed} levels={:?}",
        env!("CARGO_PKG_VERSION"),
        bits(levels)
    );
    let path: PathBuf = settings.cache_dir().join(format!(
        "gsadf-cv-{}.json",
        &crate::store::sha256_hex(key.as_bytes())[..16]
    ));
    let cached = std::fs::read(&path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Cached>(&bytes).ok())
        .filter(|c| c.key == key);
    if let Some(c) = cached {
        return Some(CriticalValues {
            levels: floats(&c.levels),
            adf: floats(&c.adf),
            sadf: floats(&c.sadf),
            gsadf: floats(&c.gsadf),
            bsadf_95: floats(&c.bsadf_95),
            reps,
            seed,
        });
    }
    let cv = gsadf::critical_values(t, lag, window, reps, seed, levels)?;
    let entry = Cached {
        key,
        levels: bits(&cv.levels),
        adf: bits(&cv.adf),
        sadf: bits(&cv.sadf),
        gsadf: bits(&cv.gsadf),
        bsadf_95: bits(&cv.bsadf_95),
    };
    if let Ok(bytes) = serde_json::to_vec(&entry) {
        let _ = super::skill::write_atomically(&path, &bytes);
    }
    Some(cv)
}
