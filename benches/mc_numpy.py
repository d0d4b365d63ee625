"""NumPy peer of `bullcheck stress bench`: the same Monte Carlo kernel, vectorised.

Kernel (identical to bullcheck_core::stress::montecarlo::bench_kernel): K variables with unit
variance and pairwise correlation 0.3, one Cholesky factor L, Student-t innovations with nu = 5
scaled to unit variance (z * sqrt((nu-2)/chi2_nu)), cumulated over T steps, projected on equal
weights 1/K, then the 1/5/50/95/99th percentiles of the terminal values. Both apply L once
per path to the sum of the scaled innovations (sum_t L z_t s_t = L sum_t s_t z_t, exact algebra;
the draws per step are unchanged: K normals and one chi-square per path).

Usage: python3 benches/mc_numpy.py --paths 1000000 --vars 20 --steps 12 [--batch 100000]
Paths are processed in batches so memory stays bounded (batch x K floats per step).
"""

import argparse
import time

import numpy as np


def kernel(paths, vars_, steps, seed, batch):
    nu = 5.0
    cov = np.full((vars_, vars_), 0.3)
    np.fill_diagonal(cov, 1.0)
    lower = np.linalg.cholesky(cov)
    weights = np.full(vars_, 1.0 / vars_)
    rng = np.random.default_rng(seed)
    terminal = np.empty(paths)
    for start in range(0, paths, batch):
        n = min(batch, paths - start)
        scaled_sum = np.zeros((n, vars_))
        for _ in range(steps):
            z = rng.standard_normal((n, vars_))
            scale = np.sqrt((nu - 2.0) / rng.chisquare(nu, size=n))
            scaled_sum += z * scale[:, None]
        # sum_t L z_t s_t = L (sum_t s_t z_t): L applied once per path, as in the Rust kernel.
        x = scaled_sum @ lower.T
        terminal[start:start + n] = x @ weights
    return np.percentile(terminal, [1, 5, 50, 95, 99])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--paths", type=int, default=1_000_000)
    parser.add_argument("--vars", type=int, default=20)
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=100_000)
    args = parser.parse_args()
    start = time.perf_counter()
    p = kernel(args.paths, args.vars, args.steps, args.seed, args.batch)
    seconds = time.perf_counter() - start
    print(f"numpy {np.__version__}: {args.paths} paths x {args.vars} vars x {args.steps} steps, Student-t nu=5")
    print("percentiles of terminal value: " + " ".join(f"p{q} {v:.4f}" for q, v in zip([1, 5, 50, 95, 99], p)))
    print(f"time {seconds:.3f} s, {args.paths / seconds:.0f} paths/s")


if __name__ == "__main__":
    main()
