//! Monte Carlo around a scenario, and the benchmark kernel.
//!
//! Paths: the shocked variables stay at their scenario values; the other statistical variables
//! get their conditional expectation plus an innovation `√h · L · z`, where `L` is the Cholesky
//! factor of their conditional covariance per quarter, `h` the horizon in quarters, and `z` is
//! standard normal or Student-t (`z·√((ν−2)/χ²_ν)`, scaled so its covariance is the identity;
//! needs ν > 2).
//!
//! Reproducibility: paths are generated in fixed chunks of [`CHUNK_PATHS`]; chunk `c` uses its
//! own `Xoshiro256PlusPlus` seeded with `seed + c·0x9E37_79B9_7F4A_7C15`, so results do not
//! depend on the number of threads (rayon) or on scheduling.
//!
//! Innovations are drawn in each variable's model unit (log changes for the spread and the
//! VIX, [`super::variables::to_model`]) and converted back to its change unit.
//!
//! Soft floors (issue 23, "paths that stay in history"): a variable with a soft floor
//! ([`super::soft_floor`]: the high-yield spread, the VIX, unemployment and delinquency, each
//! estimated from its own stored falls) falls in `ln(x − c)`: a path with a negative innovation
//! `e` ends at `c + (m − c)·exp(s·√h·e/σ)` (`m` the conditional mean level, `c` the asymptote,
//! `s` the fall s.d. per quarter, `σ` the variable's unconditional quarterly s.d. in its model
//! unit, so conditioning narrows falls as it narrows rises). A rise keeps its innovation. The
//! median stays the scenario's conditional mean; a new all-time low stays possible (`c` is
//! below the stored low) and `at_floor` reports the share of paths at or below the stored low.
//! Every level also stays at or above its spec floor (0).
//!
//! Streaming: each output is aggregated in a fixed histogram of [`BINS`] bins over a range set
//! by a pilot run of chunk 0 (its 0.1% to 99.9% quantiles, widened by half that span on each
//! side, so one extreme pilot path cannot make the bins coarse), with exact counts, sums,
//! minimum and maximum of the values below and above the range; memory does not grow with N.
//! The mean is exact. A percentile is the midpoint of the bin holding it (or of the
//! under/overflow interval `[min, low)` / `[high, max]`), and `percentile_error` is the largest
//! half-width among the five percentiles reported.

use nalgebra::DMatrix;
use rand::SeedableRng;
use rand_distr::{ChiSquared, Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use super::soft_floor::{SoftFloor, fall_level};
use super::transmission::{BaseLevels, Changes, Propagator, evaluate_values};
use super::uncertainty::ParameterDraw;
use super::variables::{Parameters, from_model, to_model};

pub const CHUNK_PATHS: usize = 4096;
pub const BINS: usize = 8192;

/// The innovation distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Innovations {
    Normal,
    StudentT { degrees_of_freedom: f64 },
}

/// Percentiles and tail measures of one output.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Distribution1 {
    pub p1: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub mean: f64,
    /// Loss at the 95% level in the adverse direction, relative to the base value.
    pub var95: f64,
    /// Mean loss beyond the VaR, relative to the base value.
    pub es95: f64,
    /// Largest error of a percentile from binning.
    pub percentile_error: f64,
    /// Share of paths at or below the variable's lowest stored level (`None`: no floor).
    pub at_floor: Option<f64>,
    /// The paths in [`HISTOGRAM_BINS`] equal bins from p1 to p99 (`None` when they do not
    /// disperse).
    pub histogram: Option<Histogram1>,
}

/// Bins of the reported histogram.
pub const HISTOGRAM_BINS: usize = 40;

/// A coarse histogram of one output's paths: equal bins from `low` to `high` (p1 to p99),
/// with the paths below and above counted apart. Re-binned from the streaming histogram by
/// each fine bin's midpoint.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Histogram1 {
    pub low: f64,
    pub high: f64,
    pub counts: Vec<u64>,
    pub below: u64,
    pub above: u64,
}

fn chunk_rng(seed: u64, chunk: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed.wrapping_add(chunk.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
}

/// Draws one standard (identity-covariance) innovation vector into `z`.
fn draw(
    rng: &mut Xoshiro256PlusPlus,
    innovations: Innovations,
    chi: Option<&ChiSquared<f64>>,
    z: &mut [f64],
) {
    for zi in z.iter_mut() {
        *zi = StandardNormal.sample(rng);
    }
    if let (Innovations::StudentT { degrees_of_freedom }, Some(chi)) = (innovations, chi) {
        let scale = ((degrees_of_freedom - 2.0) / chi.sample(rng)).sqrt();
        for zi in z.iter_mut() {
            *zi *= scale;
        }
    }
}

/// Everything one Monte Carlo run needs.
pub struct McSetup<'a> {
    pub mean_changes: &'a Changes,
    pub propagator: Option<&'a Propagator>,
    pub params: &'a Parameters,
    pub base: &'a BaseLevels,
    pub horizon_quarters: u32,
    pub innovations: Innovations,
    pub paths: u64,
    pub seed: u64,
    /// The lowest stored level of each floored variable (by [`super::variables::Variable::index`],
    /// [`super::path_floors`]): `at_floor` reports the share of paths at or below it.
    pub floors: [Option<f64>; super::transmission::NUM_VARIABLES],
    /// Each variable's soft floor ([`super::soft_floor`]), where estimated.
    pub soft_floors: [Option<SoftFloor>; super::transmission::NUM_VARIABLES],
    /// Parameters drawn from N(estimate, s.e.²) on every path ([`super::uncertainty`]).
    pub parameter_draws: &'a [ParameterDraw],
}

/// Values below (`under`) or above (`over`) the histogram's range: count and sum.
#[derive(Clone, Copy, Default)]
struct Outside {
    count: u64,
    sum: f64,
}

impl Outside {
    fn add(&mut self, v: f64) {
        self.count += 1;
        self.sum += v;
    }

    fn merge(&mut self, other: Outside) {
        self.count += other.count;
        self.sum += other.sum;
    }
}

struct Histograms {
    counts: Vec<Vec<u64>>,
    under: Vec<Outside>,
    over: Vec<Outside>,
    sum: Vec<f64>,
    min: Vec<f64>,
    max: Vec<f64>,
    missing: Vec<u64>,
    at_floor: Vec<u64>,
}

impl Histograms {
    fn new(outputs: usize) -> Self {
        Histograms {
            counts: vec![vec![0; BINS]; outputs],
            under: vec![Outside::default(); outputs],
            over: vec![Outside::default(); outputs],
            sum: vec![0.0; outputs],
            min: vec![f64::INFINITY; outputs],
            max: vec![f64::NEG_INFINITY; outputs],
            missing: vec![0; outputs],
            at_floor: vec![0; outputs],
        }
    }

    /// Adds one finite value of output `o` on the range `(l, h)`.
    fn add(&mut self, o: usize, v: f64, (l, h): (f64, f64)) {
        if v < l {
            self.under[o].add(v);
        } else if v >= h {
            self.over[o].add(v);
        } else {
            let bin = (((v - l) / (h - l)) * BINS as f64).floor() as usize;
            self.counts[o][bin.min(BINS - 1)] += 1;
        }
        self.sum[o] += v;
        self.min[o] = self.min[o].min(v);
        self.max[o] = self.max[o].max(v);
    }

    fn merge(mut self, other: Histograms) -> Histograms {
        for o in 0..self.counts.len() {
            for (a, b) in self.counts[o].iter_mut().zip(&other.counts[o]) {
                *a += b;
            }
            self.under[o].merge(other.under[o]);
            self.over[o].merge(other.over[o]);
            self.sum[o] += other.sum[o];
            self.min[o] = self.min[o].min(other.min[o]);
            self.max[o] = self.max[o].max(other.max[o]);
            self.missing[o] += other.missing[o];
            self.at_floor[o] += other.at_floor[o];
        }
        self
    }
}

/// Runs `chunk` and calls `sink` with every path's output vector.
fn run_chunk(setup: &McSetup<'_>, chunk: u64, mut sink: impl FnMut(&[f64])) {
    let start = chunk * CHUNK_PATHS as u64;
    let n = (setup.paths - start).min(CHUNK_PATHS as u64);
    let mut rng = chunk_rng(setup.seed, chunk);
    let chi = match setup.innovations {
        Innovations::StudentT { degrees_of_freedom } => ChiSquared::new(degrees_of_freedom).ok(),
        Innovations::Normal => None,
    };
    let others = setup.propagator.map(|p| p.others.len()).unwrap_or(0);
    let sqrt_h = f64::from(setup.horizon_quarters).sqrt();
    let mut z = vec![0.0; others];
    let mut changes = setup.mean_changes.clone();
    let mut out = Vec::new();
    let mut params = setup.params.clone();
    for d in setup.parameter_draws {
        params.overrides.insert(d.name.clone(), d.estimate);
    }
    // The conditional mean of each drawn variable in its model unit.
    let model_means: Vec<f64> = setup.propagator.map_or_else(Vec::new, |p| {
        p.others
            .iter()
            .map(|&i| {
                let v = p.covariance_variables[i];
                to_model(v, setup.mean_changes.get(v), setup.base.levels[v.index()])
            })
            .collect()
    });
    for _ in 0..n {
        if let Some(p) = setup.propagator {
            draw(&mut rng, setup.innovations, chi.as_ref(), &mut z);
            for (row, &i) in p.others.iter().enumerate() {
                let l = &p.conditional_cholesky;
                let innovation: f64 = (0..=row).map(|j| l[(row, j)] * z[j]).sum();
                let variable = p.covariance_variables[i];
                let v = variable.index();
                let level = setup.base.levels[v];
                let mut change =
                    from_model(variable, model_means[row] + sqrt_h * innovation, level);
                if let Some(level) = level {
                    // Floored variables change in points (`ChangeUnit::Difference`).
                    let mean_level = level + setup.mean_changes.get(variable);
                    let sd = p.others_sd[row];
                    if let Some(floor) = setup.soft_floors[v].as_ref()
                        && innovation < 0.0
                        && sd > 0.0
                        && let Some(x) = fall_level(floor, mean_level, sqrt_h, innovation / sd)
                    {
                        change = x - level;
                    }
                    if let Some(spec_floor) = variable.spec().level_floor {
                        change = change.max(spec_floor - level);
                    }
                }
                changes.values[v] = change;
            }
        }
        for d in setup.parameter_draws {
            let z: f64 = StandardNormal.sample(&mut rng);
            if let Some(value) = params.overrides.get_mut(&d.name) {
                *value = d.estimate + d.se * z;
            }
        }
        evaluate_values(&changes, &params, setup.base, &mut out);
        sink(&out);
    }
}

/// Runs the Monte Carlo and returns one distribution per output (in `output_specs` order),
/// given each output's base value and adverse direction.
pub fn run_monte_carlo(
    setup: &McSetup<'_>,
    base_values: &[f64],
    adverse_is_down: &[bool],
) -> Vec<Distribution1> {
    let chunks = setup.paths.div_ceil(CHUNK_PATHS as u64);
    let outputs = base_values.len();
    // Pilot: chunk 0 sets the histogram ranges, from its 0.1% and 99.9% quantiles.
    let mut pilot: Vec<Vec<f64>> = vec![Vec::new(); outputs];
    run_chunk(setup, 0, |out| {
        for (o, &v) in out.iter().enumerate() {
            if v.is_finite() {
                pilot[o].push(v);
            }
        }
    });
    let ranges: Vec<(f64, f64)> = pilot.iter_mut().map(|v| range_from_pilot(v)).collect();
    // The level floor of each output that is a floored variable's level.
    let floors: Vec<Option<f64>> = super::transmission::output_specs()
        .iter()
        .map(|spec| match spec.output {
            super::transmission::Output::Market(variable) => setup.floors[variable.index()],
            _ => None,
        })
        .chain(std::iter::repeat(None))
        .take(outputs)
        .collect();
    let hist = (0..chunks)
        .into_par_iter()
        .fold(
            || Histograms::new(outputs),
            |mut acc, chunk| {
                run_chunk(setup, chunk, |out| {
                    for (o, &v) in out.iter().enumerate() {
                        if !v.is_finite() {
                            acc.missing[o] += 1;
                            continue;
                        }
                        if let Some(floor) = floors[o]
                            && v <= floor + 1e-12 * floor.abs().max(1.0)
                        {
                            acc.at_floor[o] += 1;
                        }
                        acc.add(o, v, ranges[o]);
                    }
                });
                acc
            },
        )
        .reduce(|| Histograms::new(outputs), Histograms::merge);
    (0..outputs)
        .map(|o| {
            let mut d = summarise(&hist, o, ranges[o], base_values[o], adverse_is_down[o]);
            let scored =
                hist.counts[o].iter().sum::<u64>() + hist.under[o].count + hist.over[o].count;
            d.at_floor = floors[o].map(|_| hist.at_floor[o] as f64 / scored.max(1) as f64);
            d
        })
        .collect()
}

/// The histogram range for an output: the pilot's 0.1% to 99.9% quantiles widened by half
/// their span on each side (sorts `values`).
fn range_from_pilot(values: &mut [f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 1.0);
    }
    values.sort_unstable_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    let (l, h) = (at(0.001), at(0.999));
    let span = (h - l).max(1e-12 * l.abs().max(1.0));
    (l - span / 2.0, h + span / 2.0)
}

fn summarise(
    hist: &Histograms,
    o: usize,
    (l, h): (f64, f64),
    base: f64,
    adverse_is_down: bool,
) -> Distribution1 {
    let counts = &hist.counts[o];
    let (under, over) = (hist.under[o], hist.over[o]);
    let total: u64 = counts.iter().sum::<u64>() + under.count + over.count;
    if total == 0 {
        return Distribution1::empty();
    }
    let width = (h - l) / BINS as f64;
    let (min, max) = (hist.min[o], hist.max[o]);
    // Buckets in ascending order: underflow, the bins, overflow; each with its count, the
    // value standing for it and the half-width of its interval (the percentile error).
    let bucket = |k: usize| -> (u64, f64, f64) {
        if k == 0 {
            (under.count, (min + l) / 2.0, (l - min).max(0.0) / 2.0)
        } else if k == BINS + 1 {
            (over.count, (h + max) / 2.0, (max - h).max(0.0) / 2.0)
        } else {
            let mid = (l + ((k - 1) as f64 + 0.5) * width).clamp(min, max);
            (counts[k - 1], mid, width / 2.0)
        }
    };
    let quantile = |q: f64| -> (f64, f64) {
        let rank = (q * total as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for k in 0..BINS + 2 {
            let (c, value, error) = bucket(k);
            seen += c;
            if seen >= rank {
                return (value, error);
            }
        }
        (max, 0.0)
    };
    // Tail means use the exact mean of the under/overflow values.
    let tail_value = |k: usize| -> f64 {
        match k {
            0 => under.sum / under.count.max(1) as f64,
            k if k == BINS + 1 => over.sum / over.count.max(1) as f64,
            k => bucket(k).1,
        }
    };
    let tail = (0.05 * total as f64).ceil().max(1.0) as u64;
    let tail_mean = |order: &mut dyn Iterator<Item = usize>| {
        let (mut taken, mut sum) = (0u64, 0.0);
        for k in order {
            let take = bucket(k).0.min(tail - taken);
            sum += tail_value(k) * take as f64;
            taken += take;
            if taken == tail {
                break;
            }
        }
        sum / taken.max(1) as f64
    };
    let [p1, p5, p50, p95, p99] = [0.01, 0.05, 0.50, 0.95, 0.99].map(quantile);
    let (var95, es95) = if adverse_is_down {
        (base - p5.0, base - tail_mean(&mut (0..BINS + 2)))
    } else {
        (p95.0 - base, tail_mean(&mut (0..BINS + 2).rev()) - base)
    };
    let errors = [p1.1, p5.1, p50.1, p95.1, p99.1];
    let histogram = (p99.0 > p1.0).then(|| display_histogram(&bucket, p1.0, p99.0));
    Distribution1 {
        p1: p1.0,
        p5: p5.0,
        p50: p50.0,
        p95: p95.0,
        p99: p99.0,
        mean: hist.sum[o] / total as f64,
        var95,
        es95,
        percentile_error: if max > min {
            errors.into_iter().fold(0.0, f64::max)
        } else {
            0.0
        },
        at_floor: None,
        histogram,
    }
}

impl Distribution1 {
    /// The distribution of an output no path produced: every figure NaN (shown as missing).
    fn empty() -> Self {
        let nan = f64::NAN;
        Distribution1 {
            p1: nan,
            p5: nan,
            p50: nan,
            p95: nan,
            p99: nan,
            mean: nan,
            var95: nan,
            es95: nan,
            percentile_error: nan,
            at_floor: None,
            histogram: None,
        }
    }
}

/// The shown histogram: [`HISTOGRAM_BINS`] equal bins from `low` to `high` (p1 to p99), each
/// bucket of the running histogram (`bucket(k)`: count, value, half-width) counted in the bin
/// of its value, the rest below or above.
fn display_histogram(bucket: &dyn Fn(usize) -> (u64, f64, f64), low: f64, high: f64) -> Histogram1 {
    let mut h = Histogram1 {
        low,
        high,
        counts: vec![0; HISTOGRAM_BINS],
        below: 0,
        above: 0,
    };
    for k in 0..BINS + 2 {
        let (count, value, _) = bucket(k);
        if value < low {
            h.below += count;
        } else if value > high {
            h.above += count;
        } else {
            let i = ((value - low) / (high - low) * HISTOGRAM_BINS as f64).floor() as usize;
            h.counts[i.min(HISTOGRAM_BINS - 1)] += count;
        }
    }
    h
}

// ---- benchmark kernel -----------------------------------------------------------------------

/// The benchmark's fixed inputs: K variables with unit variance and pairwise correlation 0.3,
/// equal weights 1/K, Student-t innovations with ν = 5. The NumPy peer (`benches/mc_numpy.py`)
/// uses the same.
pub fn bench_inputs(vars: usize) -> (DMatrix<f64>, Vec<f64>) {
    let cov = DMatrix::from_fn(vars, vars, |i, j| if i == j { 1.0 } else { 0.3 });
    let l = cov
        .cholesky()
        .map(|c| c.l())
        .unwrap_or_else(|| DMatrix::identity(vars, vars));
    (l, vec![1.0 / vars as f64; vars])
}

pub const BENCH_DEGREES_OF_FREEDOM: f64 = 5.0;

/// Percentiles (1, 5, 50, 95, 99) of the terminal projected value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BenchResult {
    pub paths: usize,
    pub vars: usize,
    pub steps: usize,
    pub percentiles: [f64; 5],
}

/// The kernel: for each path, `x_T = Σ_t L·z_t·s_t` with `s_t = √((ν−2)/χ²_ν)`, terminal value
/// `wᵀx_T`, then percentiles of the terminal values (exact, linear interpolation between order
/// statistics as NumPy's default). Parallel over fixed chunks, each with its own seeded
/// `Xoshiro256PlusPlus`.
///
/// By linearity `Σ_t L·z_t·s_t = L·(Σ_t s_t·z_t)`: each path sums its scaled innovations and
/// applies L once (K² / 2 multiply-adds per path instead of per step). The draws are the same
/// (per step: K normals, then one χ²) in the same order; only the floating-point rounding of
/// the sum differs from applying L every step (a test checks ≤ 1e-12). The NumPy peer does the
/// same.
pub fn bench_kernel(paths: usize, vars: usize, steps: usize, seed: u64) -> BenchResult {
    let (l, w) = bench_inputs(vars);
    // Packed row-major lower triangle: row i holds L[i][0..=i] at i(i+1)/2.
    let lower: Vec<f64> = (0..vars)
        .flat_map(|i| (0..=i).map(move |j| (i, j)))
        .map(|(i, j)| l[(i, j)])
        .collect();
    let chi = ChiSquared::new(BENCH_DEGREES_OF_FREEDOM).expect("ν > 0");
    let nu_minus_2 = BENCH_DEGREES_OF_FREEDOM - 2.0;
    let mut terminal = vec![0.0; paths];
    terminal
        .par_chunks_mut(CHUNK_PATHS)
        .enumerate()
        .for_each(|(chunk, out)| {
            let mut rng = chunk_rng(seed, chunk as u64);
            let mut z = vec![0.0; vars];
            let mut scaled_sum = vec![0.0; vars];
            for slot in out.iter_mut() {
                scaled_sum.fill(0.0);
                for _ in 0..steps {
                    for zi in z.iter_mut() {
                        *zi = StandardNormal.sample(&mut rng);
                    }
                    let scale = (nu_minus_2 / chi.sample(&mut rng)).sqrt();
                    for (acc, zi) in scaled_sum.iter_mut().zip(&z) {
                        *acc += scale * zi;
                    }
                }
                let mut value = 0.0;
                let mut row_start = 0;
                for (i, wi) in w.iter().enumerate() {
                    let row = &lower[row_start..=row_start + i];
                    let x_i: f64 = row.iter().zip(&scaled_sum).map(|(a, b)| a * b).sum();
                    value += wi * x_i;
                    row_start += i + 1;
                }
                *slot = value;
            }
        });
    let percentiles = if paths == 0 {
        [f64::NAN; 5]
    } else {
        [0.01, 0.05, 0.5, 0.95, 0.99]
            .map(|q| crate::stats::quantile::quantile_select(&mut terminal, q))
    };
    BenchResult {
        paths,
        vars,
        steps,
        percentiles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_kernel_is_reproducible_and_has_the_right_spread() {
        let a = bench_kernel(20_000, 4, 3, 7);
        let b = bench_kernel(20_000, 4, 3, 7);
        assert_eq!(a, b);
        // Var(wᵀx_T) = T·wᵀΣw = 3·(1/16)·(4 + 12·0.3) = 1.425 ⇒ sd 1.194; p95 ≈ 1.645·sd for a
        // sum of 3 t-steps (close to normal); allow 6%.
        let sd = (3.0_f64 * (4.0 + 12.0 * 0.3) / 16.0).sqrt();
        assert!(
            (a.percentiles[3] / (1.645 * sd) - 1.0).abs() < 0.06,
            "{:?}",
            a.percentiles
        );
        assert!(a.percentiles[2].abs() < 0.05);
    }

    /// The kernel as first written: L applied at every step, full sort, same draws.
    fn reference_kernel(paths: usize, vars: usize, steps: usize, seed: u64) -> [f64; 5] {
        let (l, w) = bench_inputs(vars);
        let chi = ChiSquared::new(BENCH_DEGREES_OF_FREEDOM).unwrap();
        let mut terminal = Vec::with_capacity(paths);
        for chunk in 0..paths.div_ceil(CHUNK_PATHS) {
            let mut rng = chunk_rng(seed, chunk as u64);
            for _ in 0..CHUNK_PATHS.min(paths - chunk * CHUNK_PATHS) {
                let mut x = vec![0.0; vars];
                for _ in 0..steps {
                    let z: Vec<f64> = (0..vars).map(|_| StandardNormal.sample(&mut rng)).collect();
                    let scale = ((BENCH_DEGREES_OF_FREEDOM - 2.0) / chi.sample(&mut rng)).sqrt();
                    for (i, xi) in x.iter_mut().enumerate() {
                        *xi += scale * (0..=i).map(|j| l[(i, j)] * z[j]).sum::<f64>();
                    }
                }
                terminal.push(x.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>());
            }
        }
        terminal.sort_by(f64::total_cmp);
        [0.01, 0.05, 0.5, 0.95, 0.99].map(|q| {
            let pos = q * (paths - 1) as f64;
            let i = pos.floor() as usize;
            terminal[i] + (pos - pos.floor()) * (terminal[(i + 1).min(paths - 1)] - terminal[i])
        })
    }

    #[test]
    fn applying_l_once_per_path_gives_the_per_step_kernel_results() {
        let fast = bench_kernel(10_000, 7, 5, 11).percentiles;
        let reference = reference_kernel(10_000, 7, 5, 11);
        for (a, b) in fast.iter().zip(reference) {
            assert!((a - b).abs() < 1e-12, "{fast:?} vs {reference:?}");
        }
    }

    #[test]
    fn one_extreme_value_does_not_coarsen_the_percentiles() {
        // 10,000 values k/10,000 (k = 1..10,000) and one at 1e6: the median is 0.5 and the
        // mean (50,005,000/10,000 + 1e6)/10,001 = 100.9953..., whatever the binning.
        let mut values: Vec<f64> = (1..=10_000).map(|k| k as f64 / 10_000.0).collect();
        values.push(1e6);
        let range = range_from_pilot(&mut values.clone());
        let mut hist = Histograms::new(1);
        for &v in &values {
            hist.add(0, v, range);
        }
        assert_eq!(hist.over[0].count, 1);
        let d = summarise(&hist, 0, range, 0.0, true);
        assert!(d.percentile_error < 1e-3, "{}", d.percentile_error);
        assert!(
            (d.p50 - 0.5).abs() <= d.percentile_error + 1e-4,
            "{}",
            d.p50
        );
        assert!(
            (d.p99 - 0.99).abs() <= d.percentile_error + 1e-4,
            "{}",
            d.p99
        );
        let mean = (50_005_000.0 / 10_000.0 + 1e6) / 10_001.0;
        assert!((d.mean - mean).abs() < 1e-9, "{} vs {mean}", d.mean);
    }

    #[test]
    fn interpolated_percentile_matches_numpy_linear() {
        // numpy.percentile([3, 1, 4, 1, 5], [10, 50, 90]) = [1.0, 3.0, 4.6].
        let mut v = [3.0, 1.0, 4.0, 1.0, 5.0];
        assert_eq!(crate::stats::quantile::quantile_select(&mut v, 0.1), 1.0);
        assert_eq!(crate::stats::quantile::quantile_select(&mut v, 0.5), 3.0);
        assert!((crate::stats::quantile::quantile_select(&mut v, 0.9) - 4.6).abs() < 1e-12);
    }
}
