//! The `stats` kernels against external oracles: the answers of NumPy, SciPy, statsmodels and
//! scikit-learn on fixed inputs, committed in `testdata/oracles/stats.json` by
//! `testdata/oracles/make_stats.py` (library versions recorded in the file). Nothing here is
//! compared with bullcheck's own earlier output.
#![allow(clippy::disallowed_methods)] // the test reads its fixture file

use bullcheck_core::stats::{classify, logit, quantile, regression};
use nalgebra::{DMatrix, DVector};
use serde_json::Value;

fn oracle() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/oracles/stats.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect(path)).unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn bools(v: &Value) -> Vec<bool> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_bool().unwrap())
        .collect()
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got}, the oracle says {want} (tolerance {tol})"
    );
}

#[test]
fn quantiles_median_and_mad_match_numpy_and_scipy() {
    let o = &oracle()["quantile"];
    let values = floats(&o["values"]);
    let mut sorted = values.clone();
    sorted.sort_by(f64::total_cmp);
    for (q, want) in floats(&o["q"]).into_iter().zip(floats(&o["numpy_linear"])) {
        close(
            &format!("quantile_sorted q={q}"),
            quantile::quantile_sorted(&sorted, q),
            want,
            1e-9,
        );
        let mut scratch = values.clone();
        close(
            &format!("quantile_select q={q}"),
            quantile::quantile_select(&mut scratch, q),
            want,
            1e-9,
        );
    }
    // An even count (the mean of the middle two) and an odd one.
    close(
        "median",
        quantile::median(&values).unwrap(),
        o["median"].as_f64().unwrap(),
        1e-12,
    );
    close(
        "mad",
        quantile::mad(&values).unwrap(),
        o["mad_raw"].as_f64().unwrap(),
        1e-12,
    );
    let odd = floats(&o["odd_values"]);
    close(
        "median (odd)",
        quantile::median(&odd).unwrap(),
        o["odd_median"].as_f64().unwrap(),
        1e-12,
    );
    close(
        "mad (odd)",
        quantile::mad(&odd).unwrap(),
        o["odd_mad_raw"].as_f64().unwrap(),
        1e-12,
    );
}

#[test]
fn auroc_and_brier_match_scikit_learn() {
    let o = &oracle()["classify"];
    let labels = bools(&o["label"]);
    let scored: Vec<(f64, bool)> = floats(&o["score"])
        .into_iter()
        .zip(labels.clone())
        .collect();
    close(
        "auroc",
        classify::auroc(&scored).unwrap(),
        o["roc_auc_score"].as_f64().unwrap(),
        1e-12,
    );
    let probs: Vec<(f64, bool)> = floats(&o["prob"]).into_iter().zip(labels).collect();
    let all: Vec<usize> = (0..probs.len()).collect();
    close(
        "brier",
        classify::brier(&probs, &all).unwrap(),
        o["brier_score_loss"].as_f64().unwrap(),
        1e-10,
    );
}

fn design(o: &Value) -> DMatrix<f64> {
    let rows: Vec<Vec<f64>> = o["x"].as_array().unwrap().iter().map(floats).collect();
    DMatrix::from_fn(rows.len(), rows[0].len(), |i, j| rows[i][j])
}

#[test]
fn ols_and_newey_west_match_statsmodels() {
    let o = &oracle()["regression"];
    let x = design(o);
    let y = DVector::from_vec(floats(&o["y"]));
    let fit = regression::ols(&x, &y).unwrap();
    for (j, want) in floats(&o["ols_params"]).into_iter().enumerate() {
        close(&format!("ols b{j}"), fit.coefficients[j], want, 1e-9);
    }
    for (j, want) in floats(&o["ols_bse"]).into_iter().enumerate() {
        close(&format!("ols se{j}"), fit.standard_errors[j], want, 1e-9);
    }
    close(
        "R²",
        fit.r_squared,
        o["ols_rsquared"].as_f64().unwrap(),
        1e-9,
    );
    let lag = o["hac_lag"].as_u64().unwrap() as usize;
    let (b, se) = regression::ols_hac(&x, &y, lag).unwrap();
    for (j, want) in floats(&o["ols_params"]).into_iter().enumerate() {
        close(&format!("hac b{j}"), b[j], want, 1e-9);
    }
    for (j, want) in floats(&o["hac_bse"]).into_iter().enumerate() {
        close(&format!("hac se{j}"), se[j], want, 1e-9);
    }
}

#[test]
fn huber_matches_statsmodels_rlm() {
    let o = &oracle()["regression"];
    assert_eq!(o["huber_t"].as_f64(), Some(regression::HUBER_C));
    let x = design(o);
    let y = DVector::from_vec(floats(&o["y_outliers"]));
    let fit = regression::huber(&x, &y).unwrap();
    // Both iterate to a tolerance (ours: weights within 1e-8; statsmodels: coefficients
    // within 1e-10), so agreement to 1e-6 is the fixed point, not luck.
    for (j, want) in floats(&o["huber_params"]).into_iter().enumerate() {
        close(&format!("huber b{j}"), fit.fit.coefficients[j], want, 1e-6);
    }
}

#[test]
fn ridge_logit_matches_scikit_learn_and_statsmodels() {
    let o = &oracle()["logit"];
    let x: Vec<Vec<f64>> = o["x"].as_array().unwrap().iter().map(floats).collect();
    let y = bools(&o["y"]);
    let lambda = o["lambda"].as_f64().unwrap();
    let m = logit::fit(&x, &y, lambda).unwrap();
    close(
        "ridge intercept",
        m.intercept,
        o["sklearn_intercept"].as_f64().unwrap(),
        1e-6,
    );
    for (j, want) in floats(&o["sklearn_coefs"]).into_iter().enumerate() {
        close(&format!("ridge b{j}"), m.coefs[j], want, 1e-6);
    }
    let m = logit::fit(&x, &y, 0.0).unwrap();
    close(
        "logit intercept",
        m.intercept,
        o["statsmodels_intercept"].as_f64().unwrap(),
        1e-6,
    );
    for (j, want) in floats(&o["statsmodels_coefs"]).into_iter().enumerate() {
        close(&format!("logit b{j}"), m.coefs[j], want, 1e-6);
    }
}
