#!/usr/bin/env python3
"""NumPy peer of bullcheck's recession forecast (crates/bullcheck-core/src/forecast):
the expanding-window ridge logit of "an NBER recession starts within 12 months" on the
10y-3m spread (NY Fed table) and the excess bond premium (Fed ebp_csv.csv), written from
docs/rating.md section 7 alone. It is both the performance baseline in BENCHMARKS.md and an
independent cross-check of the out-of-sample AUROC and Brier score that
`bullcheck history --format json` reports.

Usage: python3 benches/forecast_numpy.py [SHARED_DATA_DIR]   (default $BULLCHECK_SHARED_DATA, else the folder beside the repository)
"""
import csv
import os
import sys
import time

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BULLCHECK_SHARED_DATA", "../shared/data")


def month(text):
    if "/" in text:
        m, _d, y = text.split("/")
        return int(y) * 12 + int(m) - 1
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def read(path, date_col, value_col):
    out = {}
    with open(path, encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        header = next(rows)
        di, vi = header.index(date_col), header.index(value_col)
        for r in rows:
            if r[vi].strip() not in ("", "."):
                out[month(r[di])] = float(r[vi])
    return out


t0 = time.perf_counter()
spread = read(f"{root}/nyfed/allmonth_recession_probability.csv", "Date", "Spread")
ebp = read(f"{root}/credit/ebp_csv.csv", "date", "ebp")
usrec = read(f"{root}/fred/USREC.csv", "observation_date", "USREC")
rec_months = sorted(usrec)
starts = [m for m in rec_months[1:] if usrec[m] >= 0.5 and usrec.get(m - 1, 1) < 0.5]
known_from, known_until = rec_months[0], rec_months[-1]
months = sorted(set(spread) & set(ebp))
X = np.array([[spread[m], ebp[m]] for m in months])
M = np.array(months)
starts_a = np.array(starts)


def label(s):
    if s < known_from or known_until < s + 12:
        return None
    return bool(np.any((starts_a > s) & (starts_a <= s + 12)))


labels = [label(m) for m in months]
t_load = time.perf_counter() - t0


def fit_predict(x, y, x_new, lam=1.0):
    mu, sd = x.mean(0), x.std(0)
    z = np.column_stack([np.ones(len(x)), (x - mu) / sd])
    rate = y.mean()
    beta = np.zeros(z.shape[1])
    beta[0] = np.log(rate / (1 - rate))
    pen = np.full(z.shape[1], lam)
    pen[0] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-z @ beta))
        grad = z.T @ (y - p) - pen * beta
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(pen)
        step = np.linalg.solve(hess, grad)
        beta += step
        if np.abs(step).max() < 1e-9:
            break
    zn = np.concatenate([[1.0], (x_new - mu) / sd])
    return 1 / (1 + np.exp(-zn @ beta))


t1 = time.perf_counter()
forecasts = {}
for i, t in enumerate(months):
    train = [j for j in range(len(months)) if months[j] + 12 <= t and labels[j] is not None]
    if len(train) < 120:
        continue
    first, last = months[train[0]], t - 12
    n_events = int(np.sum((starts_a > first) & (starts_a <= last + 12) & (starts_a <= t)))
    if n_events < 2:
        continue
    y = np.array([labels[j] for j in train], dtype=float)
    forecasts[t] = fit_predict(X[train], y, X[i])
t_fit = time.perf_counter() - t1

pairs = [(p, labels[months.index(m)]) for m, p in forecasts.items() if m >= 1990 * 12]
pairs = [(p, y) for p, y in pairs if y is not None]
p = np.array([a for a, _ in pairs])
y = np.array([b for _, b in pairs], dtype=float)
pos, neg = p[y == 1], p[y == 0]
auroc = (np.sum(pos[:, None] > neg[None, :]) + 0.5 * np.sum(pos[:, None] == neg[None, :])) / (
    len(pos) * len(neg)
)
brier = np.mean((p - y) ** 2)
first = min(forecasts)
print(f"first forecast {first // 12}-{first % 12 + 1:02d}, {len(forecasts)} fits")
print(f"from 1990: {len(p)} months, {int(y.sum())} positive, AUROC {auroc:.4f}, "
      f"Brier {brier:.4f}, base rate {y.mean() * (1 - y.mean()):.4f}")
print(f"load {t_load * 1000:.0f} ms, expanding-window fits {t_fit * 1000:.0f} ms")
