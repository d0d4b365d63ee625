#!/usr/bin/env python3
"""NumPy peer of `bullcheck bubbles gsadf` (BENCHMARKS.md, "GSADF").

Same algorithm as bullcheck_core::bubbles::gsadf: lag-0 ADF regressions on every window
[a, b] of length >= w0 = floor(T * (0.01 + 1.8/sqrt(T))), from prefix sums of the
cross-products, vectorised over the window start a for each end b. Critical values from
`--reps` replications of a random walk with drift 1/T (NumPy default_rng(seed)).

  python3 benches/gsadf_numpy.py $BULLCHECK_SHARED_DATA/valuation/shiller_ie_data_monthly.csv --reps 200
"""
import argparse
import csv
import math
import time

import numpy as np


def price_dividend(path, first=None, last=None):
    out = []
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        ip = header.index("S&P Comp. P")
        idv = header.index("Dividend D")
        for r in rows:
            try:
                p, d = float(r[ip]), float(r[idv])
            except (ValueError, IndexError):
                continue
            if p > 0 and d > 0 and math.isfinite(p) and math.isfinite(d):
                out.append((r[0], p / d))
    return np.array([v for _, v in out])


def bsadf(y):
    t_len = len(y)
    w0 = int(math.floor(t_len * (0.01 + 1.8 / math.sqrt(t_len))))
    x = y[:-1]  # y_{t-1} for rows t = 1..T-1
    z = np.diff(y)  # Δy_t
    # prefix sums over rows: P[i] = sum of rows t < i (row t uses x[t-1], z[t-1]); P[0] = P[1] = 0
    def prefix(v):
        return np.concatenate(([0.0, 0.0], np.cumsum(v)))
    n_p, sx_p, sxx_p = prefix(np.ones_like(x)), prefix(x), prefix(x * x)
    sz_p, sxz_p, szz_p = prefix(z), prefix(x * z), prefix(z * z)
    out = np.empty(t_len - w0 + 1)
    sadf = -np.inf
    for b in range(w0 - 1, t_len):
        a = np.arange(0, b - w0 + 2)
        lo = a + 1
        hi = b + 1
        n = n_p[hi] - n_p[lo]
        sx = sx_p[hi] - sx_p[lo]
        sxx = sxx_p[hi] - sxx_p[lo]
        sz = sz_p[hi] - sz_p[lo]
        sxz = sxz_p[hi] - sxz_p[lo]
        szz = szz_p[hi] - szz_p[lo]
        det = n * sxx - sx * sx
        beta = (n * sxz - sx * sz) / det
        alpha = (sz - beta * sx) / n
        ssr = np.maximum(szz - alpha * sz - beta * sxz, 0.0)
        se = np.sqrt(ssr / (n - 2.0) * n / det)
        stat = beta / se
        out[b - w0 + 1] = stat.max()
        sadf = max(sadf, stat[0])
    return out, sadf, w0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shiller_csv")
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    y = price_dividend(args.shiller_csv)
    t0 = time.perf_counter()
    seq, sadf, w0 = bsadf(y)
    t1 = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    t_len = len(y)
    gs = np.empty(args.reps)
    for r in range(args.reps):
        path = np.cumsum(1.0 / t_len + rng.standard_normal(t_len))
        gs[r] = bsadf(path)[0].max()
    t2 = time.perf_counter()
    q = np.percentile(gs, [90, 95, 99])
    print(f"T = {t_len}, w0 = {w0}: SADF {sadf:.4f}, GSADF {seq.max():.4f}")
    print(f"GSADF critical values 90/95/99%: {q[0]:.2f} {q[1]:.2f} {q[2]:.2f} ({args.reps} reps)")
    print(f"statistic: {t1 - t0:.3f} s; {args.reps} replications: {t2 - t1:.2f} s "
          f"({(t2 - t1) / args.reps * 1000:.1f} ms each)")


if __name__ == "__main__":
    main()
