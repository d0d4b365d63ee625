#!/usr/bin/env python3
"""NumPy peer of bullcheck's recession forecast (crates/bullcheck-core/src/forecast):
the expanding-window ridge logit of "an NBER recession starts within 12 months" on the
10y-3m spread (NY Fed table) and the excess bond premium (Fed ebp_csv.csv), written from
docs/rating.md section 7 alone. It is both the performance baseline in BENCHMARKS.md and an
independent cross-check of the out-of-sample AUROC and Brier score that
`bullcheck history --format json` reports.

Usage: python3 benches/forecast_numpy.py [SHARED_DATA_DIR, default $BULLCHECK_SHARED_DATA or ../shared/data] [--spread-only] [--announced]
                                          [--until YYYY-MM]
  --spread-only  the term spread alone (docs/rating.md section 8b's simplest candidate)
  --announced    training labels count a recession only from the NBER's announcement of its
                 peak (section 8b), and skill months are those whose window closed by --until
"""
import csv
import os
import sys
import time

import numpy as np

args = [a for a in sys.argv[1:] if not a.startswith("--")]
flags = [a for a in sys.argv[1:] if a.startswith("--")]
root = args[0] if args else os.environ.get("BULLCHECK_SHARED_DATA", "../shared/data")
SPREAD_ONLY = "--spread-only" in flags
ANNOUNCED = "--announced" in flags
UNTIL = None
for i, a in enumerate(sys.argv):
    if a == "--until":
        y, m = sys.argv[i + 1].split("-")
        UNTIL = int(y) * 12 + int(m) - 1
# NBER peak -> announcement month (docs/rating.md section 8b); other peaks: peak + 7.
ANNOUNCEMENTS = {(1980, 1): (1980, 6), (1981, 7): (1982, 1), (1990, 7): (1991, 4),
                 (2001, 3): (2001, 11), (2007, 12): (2008, 12), (2020, 2): (2020, 6)}


def shown(start):
    peak = start - 1
    a = ANNOUNCEMENTS.get((peak // 12, peak % 12 + 1))
    return a[0] * 12 + a[1] - 1 if a else peak + 7


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
if SPREAD_ONLY:
    months = sorted(spread)
    X = np.array([[spread[m]] for m in months])
else:
    months = sorted(set(spread) & set(ebp))
    X = np.array([[spread[m], ebp[m]] for m in months])
M = np.array(months)
starts_a = np.array(starts)


def label(s):
    if s < known_from or known_until < s + 12:
        return None
    return bool(np.any((starts_a > s) & (starts_a <= s + 12)))


def label_known(s, t):
    """The label of month s as known at month t (announced recessions only)."""
    if label(s) is None:
        return None
    if not ANNOUNCED:
        return label(s)
    return bool(any(s < e <= s + 12 and shown(e) <= t for e in starts))


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
    seen = [e for e in starts if (shown(e) if ANNOUNCED else e) <= t]
    n_events = sum(1 for e in seen if first < e <= last + 12)
    if n_events < 2:
        continue
    y = np.array([label_known(months[j], t) for j in train], dtype=float)
    forecasts[t] = fit_predict(X[train], y, X[i])
t_fit = time.perf_counter() - t1

if UNTIL is not None:
    forecasts = {m: p for m, p in forecasts.items() if m <= UNTIL}
pairs = [(p, labels[months.index(m)]) for m, p in forecasts.items()
         if m >= 1990 * 12 and (UNTIL is None or m + 12 <= UNTIL)]
pairs = [(p, y) for p, y in pairs if y is not None]
p = np.array([a for a, _ in pairs])
y = np.array([b for _, b in pairs], dtype=float)
pos, neg = p[y == 1], p[y == 0]
auroc = (np.sum(pos[:, None] > neg[None, :]) + 0.5 * np.sum(pos[:, None] == neg[None, :])) / (
    len(pos) * len(neg)
)
brier = np.mean((p - y) ** 2)
first = min(forecasts)
last = max(forecasts)
print(f"first forecast {first // 12}-{first % 12 + 1:02d}, last {last // 12}-{last % 12 + 1:02d} "
      f"p={forecasts[last]:.4f}, {len(forecasts)} fits")
print(f"from 1990: {len(p)} months, {int(y.sum())} positive, AUROC {auroc:.4f}, "
      f"Brier {brier:.4f}, base rate {y.mean() * (1 - y.mean()):.4f}")
print(f"load {t_load * 1000:.0f} ms, expanding-window fits {t_fit * 1000:.0f} ms")
