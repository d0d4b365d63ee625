//! Monte Carlo of a large book under a linear factor model: the matrix work behind a
//! portfolio distribution with many holdings.
//!
//! What: each path draws K factor changes f = μ + L·z, each of H holdings returns
//! r_h = B_h·f + σ_h·ε_h, the portfolio w·r; the output is the portfolio's percentiles, its
//! 95% expected shortfall and every holding's mean return.
//! Why: `bullcheck portfolio bench` measures it against a NumPy peer doing the same matrix
//! work (`benches/portfolio_numpy.py`), for 10,000 holdings × 100,000 paths.
//! How: paths in chunks of [`CHUNK_PATHS`], each chunk with its own `Xoshiro256PlusPlus`
//! seeded with seed + chunk·0x9E3779B97F4A7C15 (results do not depend on the thread count),
//! rayon across chunks; per path the holding returns stream through one pass (memory is
//! O(H + paths), not O(H × paths)).
//! Limits: normal factors and idiosyncratic terms; percentiles by sorting the paths.

use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use serde::Serialize;

pub const CHUNK_PATHS: usize = 1024;

/// A book: H holdings with exposures to K factors.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    pub factors: usize,
    /// H × K, row-major (holding h's exposures at h·K..h·K+K).
    pub exposures: Vec<f64>,
    pub idiosyncratic_sd: Vec<f64>,
    pub weights: Vec<f64>,
    pub factor_mean: Vec<f64>,
    /// Lower Cholesky factor of the factor covariance, K × K row-major.
    pub factor_cholesky: Vec<f64>,
}

/// The distribution of the book's return.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BookDistribution {
    pub paths: usize,
    pub holdings: usize,
    pub p1: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub mean: f64,
    /// Mean of the worst 5% of paths.
    pub es95: f64,
    /// Mean return of each holding over the paths.
    #[serde(skip)]
    pub holding_means: Vec<f64>,
}

fn chunk_rng(seed: u64, chunk: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed.wrapping_add(chunk.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
}

/// Runs `paths` paths of `book`.
pub fn simulate(book: &Book, paths: usize, seed: u64) -> BookDistribution {
    let k = book.factors;
    let h = book.weights.len();
    let chunks = paths.div_ceil(CHUNK_PATHS);
    let per_chunk: Vec<(Vec<f64>, Vec<f64>)> = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let n = CHUNK_PATHS.min(paths - c * CHUNK_PATHS);
            let mut rng = chunk_rng(seed, c as u64);
            let mut z = vec![0.0; k];
            let mut f = vec![0.0; k];
            let mut sums = vec![0.0; h];
            let mut out = Vec::with_capacity(n);
            for _ in 0..n {
                for zi in z.iter_mut() {
                    *zi = StandardNormal.sample(&mut rng);
                }
                for (i, fi) in f.iter_mut().enumerate() {
                    let row = &book.factor_cholesky[i * k..i * k + i + 1];
                    *fi = book.factor_mean[i] + row.iter().zip(&z).map(|(a, b)| a * b).sum::<f64>();
                }
                let mut portfolio = 0.0;
                for (j, sum) in sums.iter_mut().enumerate() {
                    let b = &book.exposures[j * k..j * k + k];
                    let e: f64 = StandardNormal.sample(&mut rng);
                    let r = b.iter().zip(&f).map(|(a, b)| a * b).sum::<f64>()
                        + book.idiosyncratic_sd[j] * e;
                    *sum += r;
                    portfolio += book.weights[j] * r;
                }
                out.push(portfolio);
            }
            (out, sums)
        })
        .collect();
    let mut all = Vec::with_capacity(paths);
    let mut holding_means = vec![0.0; h];
    for (out, sums) in per_chunk {
        all.extend(out);
        for (m, s) in holding_means.iter_mut().zip(sums) {
            *m += s;
        }
    }
    for m in &mut holding_means {
        *m /= paths as f64;
    }
    let mean = all.iter().sum::<f64>() / paths as f64;
    all.sort_by(f64::total_cmp);
    let tail = (paths / 20).max(1);
    BookDistribution {
        paths,
        holdings: h,
        p1: crate::stats::quantile::quantile_sorted(&all, 0.01),
        p5: crate::stats::quantile::quantile_sorted(&all, 0.05),
        p50: crate::stats::quantile::quantile_sorted(&all, 0.50),
        p95: crate::stats::quantile::quantile_sorted(&all, 0.95),
        p99: crate::stats::quantile::quantile_sorted(&all, 0.99),
        mean,
        es95: all[..tail].iter().sum::<f64>() / tail as f64,
        holding_means,
    }
}

/// The benchmark's book: K = 6 factors with unit variance and pairwise correlation 0.3, mean
/// −1 each; holding h's exposure to factor k is 0.5 + ((h·7 + k·3) mod 11)/10, idiosyncratic
/// s.d. 1 + (h mod 5)/5, equal weights. `benches/portfolio_numpy.py` builds the same.
pub fn bench_book(holdings: usize) -> Book {
    let k = 6;
    let cov = nalgebra::DMatrix::from_fn(k, k, |i, j| if i == j { 1.0 } else { 0.3 });
    let l = cov.cholesky().expect("positive definite").l();
    Book {
        factors: k,
        exposures: (0..holdings)
            .flat_map(|h| (0..k).map(move |j| 0.5 + ((h * 7 + j * 3) % 11) as f64 / 10.0))
            .collect(),
        idiosyncratic_sd: (0..holdings).map(|h| 1.0 + (h % 5) as f64 / 5.0).collect(),
        weights: vec![1.0 / holdings as f64; holdings],
        factor_mean: vec![-1.0; k],
        factor_cholesky: (0..k * k).map(|x| l[(x / k, x % k)]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_spread_match_the_closed_form() {
        // Portfolio return is normal with mean Σw·B·μ and variance (Bᵀw)ᵀΣ(Bᵀw) + Σ w²σ².
        let book = bench_book(50);
        let d = simulate(&book, 200_000, 7);
        let k = book.factors;
        let mut bw = vec![0.0; k];
        for h in 0..50 {
            for (j, b) in bw.iter_mut().enumerate() {
                *b += book.weights[h] * book.exposures[h * k + j];
            }
        }
        let mean: f64 = bw.iter().map(|b| b * -1.0).sum();
        let mut var = 0.0;
        for i in 0..k {
            for j in 0..k {
                var += bw[i] * bw[j] * if i == j { 1.0 } else { 0.3 };
            }
        }
        for h in 0..50 {
            var += (book.weights[h] * book.idiosyncratic_sd[h]).powi(2);
        }
        let sd = var.sqrt();
        assert!(
            (d.mean - mean).abs() < 4.0 * sd / (200_000f64).sqrt(),
            "{} vs {mean}",
            d.mean
        );
        // 5th percentile of a normal: mean − 1.6449·sd.
        assert!(
            (d.p5 - (mean - 1.6449 * sd)).abs() < 0.02 * sd,
            "{} vs {}",
            d.p5,
            mean - 1.6449 * sd
        );
        // Same seed, same result.
        assert_eq!(simulate(&book, 5_000, 3), simulate(&book, 5_000, 3));
    }
}
