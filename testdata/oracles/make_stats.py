"""Writes stats.json: inputs and the answers of NumPy, SciPy, statsmodels and scikit-learn
for the estimators of bullcheck-core's `stats` module, which its tests compare against.

Run with numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0, scikit-learn 1.9.1:

    python testdata/oracles/make_stats.py > testdata/oracles/stats.json

The inputs are drawn from a fixed seed, so the file is reproducible; the answers are the
libraries', not bullcheck's.
"""

import json

import numpy as np
import scipy.stats
import sklearn.linear_model
import sklearn.metrics
import statsmodels.api as sm

rng = np.random.default_rng(20261207)


def r(values, digits=12):
    return [round(float(v), digits) for v in values]


out = {"libraries": {
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "statsmodels": sm.__version__ if hasattr(sm, "__version__") else __import__("statsmodels").__version__,
    "scikit-learn": __import__("sklearn").__version__,
}}

# Quantiles (NumPy's default "linear" method, Hyndman-Fan type 7), median and MAD, on a
# sample with ties and an even count.
x = np.round(rng.standard_t(4, size=38), 1)
qs = [0.0, 0.01, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 0.99, 1.0]
out["quantile"] = {
    "values": r(x),
    "q": qs,
    "numpy_linear": r(np.quantile(x, qs, method="linear")),
    "median": float(np.median(x)),
    "mad_raw": float(scipy.stats.median_abs_deviation(x, scale=1.0)),
    "odd_values": r(x[:37]),
    "odd_median": float(np.median(x[:37])),
    "odd_mad_raw": float(scipy.stats.median_abs_deviation(x[:37], scale=1.0)),
}

# AUROC (ties counted half) and the Brier score.
score = np.round(rng.normal(size=60), 1)
label = (score + rng.normal(scale=1.5, size=60) > 0.3)
prob = 1.0 / (1.0 + np.exp(-score))
out["classify"] = {
    "score": r(score),
    "label": [bool(v) for v in label],
    "prob": r(prob),
    "roc_auc_score": float(sklearn.metrics.roc_auc_score(label, score)),
    "brier_score_loss": float(sklearn.metrics.brier_score_loss(label, prob)),
}

# OLS with classical and Newey-West (Bartlett) standard errors; Huber's M-estimate.
n = 80
x1 = rng.normal(size=n)
x2 = np.cumsum(rng.normal(size=n)) / 5
e = np.zeros(n)
for t in range(n):  # AR(1) errors, so the HAC s.e. differ from the classical ones
    e[t] = (0.6 * e[t - 1] if t else 0.0) + rng.normal(scale=0.5)
y = 1.0 + 2.0 * x1 - 0.7 * x2 + e
y_out = y.copy()
y_out[[5, 41, 66]] += [8.0, -6.0, 10.0]  # outliers for the robust fit
X = np.column_stack([np.ones(n), x1, x2])
ols = sm.OLS(y, X).fit()
lag = 4
hac = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": lag, "use_correction": False})
# statsmodels' "mad" takes the MAD about zero; bullcheck's scale is the MAD about the median
# divided by 0.6745 (docs: stats::regression), passed to RLM as its scale estimator.
def mad_about_median(_model, resid):
    return float(np.median(np.abs(resid - np.median(resid))) / 0.6745)


huber = sm.RLM(y_out, X, M=sm.robust.norms.HuberT(t=1.345)).fit(scale_est=mad_about_median, conv="coefs", tol=1e-10, maxiter=200)
out["regression"] = {
    "x": [r(row) for row in X],
    "y": r(y),
    "y_outliers": r(y_out),
    "ols_params": r(ols.params),
    "ols_bse": r(ols.bse),
    "ols_rsquared": float(ols.rsquared),
    "hac_lag": lag,
    "hac_bse": r(hac.bse),
    "huber_t": 1.345,
    "huber_params": r(huber.params),
}

# Ridge logit on standardised features (intercept not penalised): scikit-learn's L2
# LogisticRegression with C = 1/lambda on StandardScaler features; lambda -> 0 against
# statsmodels' unpenalised Logit.
m = 120
f1 = rng.normal(size=m)
f2 = rng.normal(loc=2.0, scale=3.0, size=m)
eta = -0.5 + 1.2 * f1 - 0.3 * f2
yl = rng.random(m) < 1.0 / (1.0 + np.exp(-eta))
F = np.column_stack([f1, f2])
Z = (F - F.mean(axis=0)) / F.std(axis=0)
lam = 2.0
sk = sklearn.linear_model.LogisticRegression(C=1.0 / lam, tol=1e-12, max_iter=10000).fit(Z, yl)
un = sm.Logit(yl.astype(float), sm.add_constant(Z)).fit(disp=0, tol=1e-12, maxiter=200)
out["logit"] = {
    "x": [r(row) for row in F],
    "y": [bool(v) for v in yl],
    "lambda": lam,
    "sklearn_intercept": float(sk.intercept_[0]),
    "sklearn_coefs": r(sk.coef_[0]),
    "statsmodels_intercept": float(un.params[0]),
    "statsmodels_coefs": r(un.params[1:]),
}

print(json.dumps(out, indent=1))
