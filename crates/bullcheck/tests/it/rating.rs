//! Issue 11 end to end: facts apart from checks, the two gauges, and the 12-month forecasts
//! with their out-of-sample skill in `audit --format json`, on the real files.

use crate::support::{audit_json, check, shared_home};

#[test]
fn audit_json_separates_facts_and_carries_gauges_and_forecasts_with_skill() {
    let Some(home) = shared_home(&[
        "nyfed/allmonth_recession_probability.csv",
        "credit/ebp_csv.csv",
        "fred/USREC.csv",
        "market/sp500_index_daily_1950-2026.csv",
        "valuation/shiller_ie_data_monthly.csv",
    ]) else {
        return;
    };
    let doc = audit_json(home.path(), &["--as-of", "2026-10-31"]);

    // A cited figure without thresholds is a fact; a check with thresholds is scored.
    assert_eq!(check(&doc, "ai_hsbc_funding_gap")["scored"], false);
    assert_eq!(check(&doc, "mkt_recession_prob_nyfed")["scored"], true);
    for gauge in ["vulnerability", "stress"] {
        let g = &doc["rating"][gauge];
        assert!(
            g["coverage"]["scored_checks"].as_u64().unwrap() > 0,
            "{gauge}"
        );
        assert!(g["score"].is_number() || g["score"].is_null(), "{gauge}");
    }

    let forecasts = doc["forecasts"].as_array().unwrap();
    assert_eq!(forecasts.len(), 2);
    let recession = &forecasts[0];
    assert_eq!(recession["event"], "recession_12m");
    // The EBP file ends in 2023-03: no forecast is made for later months.
    assert_eq!(recession["as_of"], "2023-03-31");
    let p = recession["probability"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p), "{p}");
    // Oracle: benches/forecast_numpy.py, an independent NumPy implementation of
    // docs/rating.md §7 on the same three files: 399 months from 1990, AUROC 0.9008, Brier
    // 0.0778 (tolerance: rounding of the JSON).
    let skill = &recession["skill_from_1990"];
    assert_eq!(skill["n_months"], 399);
    assert!(
        (skill["auroc"].as_f64().unwrap() - 0.9008).abs() < 2e-4,
        "{skill}"
    );
    assert!(
        (skill["brier"].as_f64().unwrap() - 0.0778).abs() < 2e-4,
        "{skill}"
    );
    // The floor of issue 11 for recessions, out of sample.
    assert!(skill["auroc"].as_f64().unwrap() >= 0.85);
    assert!(skill["brier"].as_f64().unwrap() < skill["brier_base_rate"].as_f64().unwrap());
    assert_eq!(forecasts[1]["event"], "drawdown20_12m");
}
