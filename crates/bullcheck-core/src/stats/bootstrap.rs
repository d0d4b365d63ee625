//! The moving-block bootstrap (Künsch 1989) of ordered observations: resamples keep runs of
//! consecutive months together, so the dependence of overlapping 12- or 36-month labels
//! survives in the resamples.
//!
//! Limits: the block length is the caller's choice (twice the label window in
//! `docs/rating.md` §8); blocks do not wrap around the end.

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// A moving-block bootstrap of `n` ordered observations: each resample concatenates blocks of
/// `block` consecutive indexes starting at uniform positions, cut to `n`, and `stat` is
/// computed on it. Returns the statistics that exist and how many resamples gave none.
pub fn block_bootstrap(
    n: usize,
    block: usize,
    reps: usize,
    seed: u64,
    stat: impl Fn(&[usize]) -> Option<f64>,
) -> (Vec<f64>, usize) {
    if n == 0 {
        return (Vec::new(), reps);
    }
    let block = block.clamp(1, n);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut values = Vec::with_capacity(reps);
    let mut dropped = 0;
    let mut idx = Vec::with_capacity(n + block);
    for _ in 0..reps {
        idx.clear();
        while idx.len() < n {
            let start = rng.random_range(0..=n - block);
            idx.extend(start..start + block);
        }
        idx.truncate(n);
        match stat(&idx) {
            Some(v) if v.is_finite() => values.push(v),
            _ => dropped += 1,
        }
    }
    (values, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every resample is made of whole runs of consecutive indexes (except the cut at `n`),
    /// and the same seed gives the same resamples.
    #[test]
    fn resamples_are_runs_of_consecutive_indexes() {
        let seen = std::cell::RefCell::new(Vec::new());
        let (values, dropped) = block_bootstrap(50, 10, 30, 7, |idx| {
            seen.borrow_mut().push(idx.to_vec());
            Some(idx.len() as f64)
        });
        assert_eq!((values.len(), dropped), (30, 0));
        for idx in seen.borrow().iter() {
            assert_eq!(idx.len(), 50);
            for block in idx.chunks(10) {
                assert!(block.windows(2).all(|w| w[1] == w[0] + 1), "{block:?}");
            }
        }
        let again = std::cell::RefCell::new(Vec::new());
        block_bootstrap(50, 10, 30, 7, |idx| {
            again.borrow_mut().push(idx.to_vec());
            Some(0.0)
        });
        assert_eq!(*seen.borrow(), *again.borrow());
    }
}
