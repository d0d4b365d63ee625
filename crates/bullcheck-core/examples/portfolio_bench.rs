//! The large-book Monte Carlo kernel timed alone (the same call as `bullcheck portfolio bench`,
//! without building the binary's I/O dependencies):
//! `cargo run --release -p bullcheck-core --example portfolio_bench -- 10000 100000 1`.
//! A benchmark driver, not part of the pure core: it reads its arguments and the clock.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::time::Instant;

use bullcheck_core::portfolio::montecarlo::{bench_book, simulate};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numbers: HOLDINGS PATHS SEED"))
        .collect();
    let holdings = args.first().copied().unwrap_or(10_000);
    let paths = args.get(1).copied().unwrap_or(100_000);
    let seed = args.get(2).copied().unwrap_or(1) as u64;
    let book = bench_book(holdings);
    let start = Instant::now();
    let d = simulate(&book, paths, seed);
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({
            "holdings": holdings,
            "paths": paths,
            "seconds": seconds,
            "holding_paths_per_second": holdings as f64 * paths as f64 / seconds,
            "threads": rayon::current_num_threads(),
            "distribution": d,
            "first_holding_mean": d.holding_means.first(),
        })
    );
}
