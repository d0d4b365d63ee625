#!/usr/bin/env python3
"""NumPy peer of `bullcheck portfolio bench`: the same book, the same matrix work.

H holdings with exposures to K = 6 factors (unit variance, pairwise correlation 0.3, mean -1);
exposure of holding h to factor k = 0.5 + ((7h + 3k) mod 11) / 10, idiosyncratic s.d.
1 + (h mod 5) / 5, equal weights. Per chunk of paths: F = mu + Z @ L.T, R = F @ B.T + E * sd
(paths x holdings), portfolio = R @ w, holding sums += R.sum(0). Then the 1/5/50/95/99
percentiles, the mean and the 95% expected shortfall of the portfolio.

Usage: python3 benches/portfolio_numpy.py [HOLDINGS] [PATHS] [SEED]
Prints JSON with the wall time; run under `/usr/bin/time -v` for peak memory.
"""
import json
import sys
import time

import numpy as np


def main():
    holdings = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    paths = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    k = 6
    cov = np.full((k, k), 0.3) + np.eye(k) * 0.7
    chol = np.linalg.cholesky(cov)
    h = np.arange(holdings)[:, None]
    j = np.arange(k)[None, :]
    exposures = 0.5 + ((h * 7 + j * 3) % 11) / 10.0  # H x K
    sd = 1.0 + (np.arange(holdings) % 5) / 5.0
    w = np.full(holdings, 1.0 / holdings)
    mu = np.full(k, -1.0)
    rng = np.random.Generator(np.random.PCG64(seed))
    chunk = 1024
    start = time.perf_counter()
    out = np.empty(paths)
    sums = np.zeros(holdings)
    for c0 in range(0, paths, chunk):
        n = min(chunk, paths - c0)
        z = rng.standard_normal((n, k))
        f = mu + z @ chol.T
        r = f @ exposures.T + rng.standard_normal((n, holdings)) * sd
        out[c0 : c0 + n] = r @ w
        sums += r.sum(axis=0)
    mean = out.mean()
    out.sort()
    tail = max(paths // 20, 1)
    p = np.percentile(out, [1, 5, 50, 95, 99])
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "holdings": holdings,
                "paths": paths,
                "seconds": seconds,
                "holding_paths_per_second": holdings * paths / seconds,
                "p1": p[0],
                "p5": p[1],
                "p50": p[2],
                "p95": p[3],
                "p99": p[4],
                "mean": mean,
                "es95": out[:tail].mean(),
                "first_holding_mean": sums[0] / paths,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
