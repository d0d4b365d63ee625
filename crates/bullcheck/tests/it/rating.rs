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
    // The parsimony rule of docs/rating.md §8b keeps the term spread alone. The NY Fed file's
    // spread ends in 2024-07, so on these files the last forecast is 2024-07 and, as of
    // 2026-10-31, its window has closed: it is shown as expired, never as current.
    assert_eq!(recession["model"], "ridge logit(term_spread; lambda 1)");
    assert_eq!(recession["as_of"], "2024-07-31");
    assert_eq!(recession["status"], "expired");
    // Oracle: `python3 benches/forecast_numpy.py ../shared/data --spread-only --announced
    // --until 2026-10`, an independent NumPy implementation of docs/rating.md §7-8b on the
    // same files (labels as announced by the NBER): last forecast 2024-07 p 0.6757; from
    // 1990, 414 months, AUROC 0.8902, Brier 0.0913 (tolerance: rounding of the JSON).
    let p = recession["probability"].as_f64().unwrap();
    assert!((p - 0.6757).abs() < 2e-4, "{p}");
    let skill = &recession["skill_from_1990"];
    assert_eq!(skill["n_months"], 414);
    assert!(
        (skill["auroc"].as_f64().unwrap() - 0.8902).abs() < 2e-4,
        "{skill}"
    );
    assert!(
        (skill["brier"].as_f64().unwrap() - 0.0913).abs() < 2e-4,
        "{skill}"
    );
    let [lo, hi] = [0, 1].map(|i| skill["auroc_ci95"][i].as_f64().unwrap());
    assert!(lo < 0.8902 && 0.8902 < hi && lo > 0.5, "{skill}");
    assert_eq!(skill["reading"], "skill");
    assert_eq!(forecasts[1]["event"], "drawdown20_12m");
}

/// Issue 22's summary block on the shared data: the forecast is current (the daily term
/// spread runs to 2026-07), and the rating and both gauges carry their measured skill in JSON
/// and on the terminal lines that show them, with the drivers and one freshness line.
#[test]
fn the_headline_is_current_and_carries_its_skill_drivers_and_freshness() {
    let Some(home) = shared_home(&[
        "nyfed/allmonth_recession_probability.csv",
        "fred/T10Y3M.csv",
        "fred/USREC.csv",
        "fred/UNRATE.csv",
        "fred/BAMLH0A0HYM2.csv",
        "fred/NFCI.csv",
        "market/sp500_index_daily_1950-2026.csv",
        "valuation/shiller_ie_data_monthly.csv",
    ]) else {
        return;
    };
    let doc = audit_json(home.path(), &["--as-of", "2026-12-07"]);
    let recession = &doc["forecasts"][0];
    assert_eq!(recession["status"], "current");
    assert!(
        recession["as_of"].as_str().unwrap() >= "2026-07-31",
        "{recession}"
    );
    let rating = &doc["rating"];
    for (path, targets) in [
        (&rating["skill"], vec!["recession_12m", "drawdown20_12m"]),
        (
            &rating["stress"]["skill"],
            vec!["recession_12m", "drawdown20_12m"],
        ),
        (&rating["vulnerability"]["skill"], vec!["drawdown20_36m"]),
    ] {
        let got: Vec<&str> = path
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["target"].as_str().unwrap())
            .collect();
        assert_eq!(got, targets, "{path}");
        for s in path.as_array().unwrap() {
            let v = s["value"].as_f64().unwrap();
            let [lo, hi] = [0, 1].map(|i| s["ci95"][i].as_f64().unwrap());
            assert!(lo <= v && v <= hi, "{s}");
            // The reading follows the interval (docs/rating.md §8a).
            let expected = if lo > 0.5 {
                "skill"
            } else if hi < 0.5 {
                "inverse"
            } else {
                "no measured skill"
            };
            assert_eq!(s["reading"], expected, "{s}");
            assert_eq!(s["from"], "1990-01-31");
            assert!(s["months"].as_u64().unwrap() > 300, "{s}");
        }
    }
    let drivers = rating["drivers"].as_array().unwrap();
    assert_eq!(drivers.len(), 5);
    for d in drivers {
        assert!(
            d["contribution"].is_number() && d["status"].is_string(),
            "{d}"
        );
    }
    assert!(rating["freshness"]["stale_values"].is_u64());

    let out = crate::support::run_ok(home.path(), &["audit", "--as-of", "2026-12-07"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().take(10).collect();
    let find = |prefix: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starting {prefix:?} in {lines:#?}"))
            .to_string()
    };
    // The title line carries the rating's reading beside the number.
    assert!(
        lines[0].ends_with("(no measured skill)") || lines[0].contains("(skill vs"),
        "{}",
        lines[0]
    );
    for prefix in ["rating skill:", "vulnerability ", "stress "] {
        let line = find(prefix);
        assert!(line.contains("AUROC") && line.contains("95% CI"), "{line}");
    }
    assert!(find("drivers").contains(drivers[0]["id"].as_str().unwrap()));
    assert!(find("freshness: data through").contains("stale"));
    assert_eq!(
        text.matches("stale").count(),
        1,
        "one freshness line, not a flag per value"
    );
}
