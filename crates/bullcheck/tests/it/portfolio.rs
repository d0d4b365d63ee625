//! `bullcheck portfolio`: the option pricer against Hull, holdings validation, a 60/40
//! portfolio in the GFC replay against values read from the files, and patches.

use std::path::Path;

use crate::support::{bullcheck, run_json, shared_data, shared_home};

/// Hull, Options, Futures, and Other Derivatives, Example 15.6: S 42, K 40, r 10%, σ 20%,
/// T 0.5 years.
const HULL_EXAMPLE_15_6: [&str; 12] = [
    "portfolio",
    "put-price",
    "--spot",
    "42",
    "--strike",
    "40",
    "--rate",
    "10",
    "--vol",
    "20",
    "--years",
    "0.5",
];

#[test]
fn put_price_reproduces_hull_and_put_call_parity() {
    let home = tempfile::tempdir().unwrap();
    let mut args = HULL_EXAMPLE_15_6.to_vec();
    args.extend(["--format", "json"]);
    let v = run_json(home.path(), &args);
    let (call, put) = (v["call"].as_f64().unwrap(), v["put"].as_f64().unwrap());
    // Hull, Options, Futures, and Other Derivatives, Example 15.6.
    assert!((call - 4.7594).abs() < 5e-5, "{call}");
    assert!((put - 0.8086).abs() < 5e-5, "{put}");
    // c − p = S − K·e^{−rT}.
    assert!((call - put - (42.0 - 40.0 * (-0.05f64).exp())).abs() < 1e-10);
    assert!(v["delta"].as_f64().unwrap() < 0.0 && v["vega"].as_f64().unwrap() > 0.0);
}

#[test]
fn put_price_refuses_nan_and_a_negative_volatility() {
    let home = tempfile::tempdir().unwrap();
    for (flag, value) in [("--vol", "NaN"), ("--vol", "-5"), ("--spot", "0")] {
        let mut args = HULL_EXAMPLE_15_6.to_vec();
        let i = args.iter().position(|a| *a == flag).unwrap();
        args[i + 1] = value;
        bullcheck(home.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(&flag[2..]));
    }
}

#[test]
fn put_price_refuses_a_fraction_where_a_percent_is_asked() {
    // `--vol 0.25` used to be read as 0.25 % a year and price the put at 0.0000.
    let home = tempfile::tempdir().unwrap();
    for (flag, value, write) in [
        ("--vol", "0.25", "write 25 for 25 %"),
        ("--vol", "1", "write 100 for 100 %"),
        ("--rate", "0.1", "write 10 for 10 %"),
    ] {
        let mut args = HULL_EXAMPLE_15_6.to_vec();
        let i = args.iter().position(|a| *a == flag).unwrap();
        args[i + 1] = value;
        bullcheck(home.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(write));
    }
    // With the sign, a small percent is taken as written: 10% and 20% give Hull's put.
    let mut args = HULL_EXAMPLE_15_6.to_vec();
    args[7] = "10%";
    args[9] = "20%";
    args.extend(["--format", "json"]);
    let v = run_json(home.path(), &args);
    assert!((v["put"].as_f64().unwrap() - 0.8086).abs() < 5e-5);
}

#[test]
fn bad_holdings_exit_2_naming_file_line_and_field() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("h.csv");
    for (text, expected) in [
        (
            "asset,weight\nus_large_cap,60\ngold,NaN\n",
            "h.csv:3: field `weight`",
        ),
        (
            "asset,weight\nus_large_cap,60\nbitcoin,40\n",
            "h.csv:3: field `asset`",
        ),
        (
            "asset,weight\nus_large_cap,60\ngold,30\n",
            "h.csv:3: field `weight`: weights sum to 90",
        ),
        ("asset,amount\nus_large_cap,60\n", "h.csv:1: field `header`"),
    ] {
        std::fs::write(&file, text).unwrap();
        bullcheck(home.path())
            .args(["portfolio", "run"])
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(expected));
    }
}

const FILES: [&str; 10] = [
    "nyfed/ACMTP10_acm_10y_term_premium_daily.csv",
    "market/sp500_index_daily_1950-2026.csv",
    "fred/DGS10.csv",
    "fred/DGS2.csv",
    "fred/DGS30.csv",
    "fred/BAMLH0A0HYM2.csv",
    "fred/VIXCLS.csv",
    "fred_json/ghalam_treasury_3mo.json",
    "reserves_gold/lbma_gold_pm_usd.json",
    "valuation/shiller_ie_data_monthly.csv",
];

/// `bullcheck portfolio run HOLDINGS ARGS --format json` with `holdings` written to a file.
fn portfolio_json(home: &Path, holdings: &str, args: &[&str]) -> serde_json::Value {
    let file = home.join("holdings.csv");
    std::fs::write(&file, holdings).unwrap();
    let mut all = vec!["portfolio", "run", file.to_str().unwrap()];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    run_json(home, &all)
}

/// Total return of a semi-annual par bond of `years` bought at `y0` % and valued `s` years
/// later at `y1` %, coupons paid before then added: written out independently of the crate.
fn par_bond_by_hand(years: u32, y0: f64, y1: f64, s: f64) -> f64 {
    let mut value = 0.0;
    for k in 1..=2 * years {
        let t = k as f64 / 2.0;
        let cash = y0 / 2.0 + if k == 2 * years { 100.0 } else { 0.0 };
        if t <= s {
            value += cash;
        } else {
            value += cash / (1.0 + y1 / 200.0).powf(2.0 * (t - s));
        }
    }
    value - 100.0
}

#[test]
fn sixty_forty_in_the_gfc_replay_is_the_weighted_sum_of_what_happened() {
    let Some(home) = shared_home(&FILES) else {
        return;
    };
    let v = portfolio_json(
        home.path(),
        "asset,weight\nus_large_cap,60\ntreasuries_10y,40\n",
        &["--scenario", "gfc-2008", "--patch", "gold", "--paths", "0"],
    );
    let s = &v["scenarios"][0];
    assert_eq!(s["scenario"], "gfc-2008");
    // ../shared/data: S&P 500 1565.15 (2007-10-09) → 676.53 (2009-03-09); DGS10 4.67 → 2.89.
    let equity = 100.0 * (676.53 / 1565.15 - 1.0);
    let span = 517.0 / 365.25; // 2007-10-09 → 2009-03-09
    let bonds = par_bond_by_hand(10, 4.67, 2.89, span);
    let expected = 0.6 * equity + 0.4 * bonds;
    let got = s["return_pct"].as_f64().unwrap();
    assert!((got - expected).abs() < 1e-6, "{got} vs {expected}");
    let contributions = s["contributions"].as_array().unwrap();
    let sum: f64 = contributions
        .iter()
        .map(|c| c["contribution_pct"].as_f64().unwrap())
        .sum();
    assert!((sum - got).abs() < 1e-9);
    for c in contributions {
        assert_eq!(c["source"], "history", "{c}");
        assert!(
            c["model_return_pct"].as_f64().is_some(),
            "model estimate beside history: {c}"
        );
    }
    // The contract of the patches.
    let p = &v["patches"][0];
    assert_eq!(p["patch"], "gold");
    assert!(p["cost_pct_per_year"].as_f64().is_some());
    assert_eq!(p["scenarios"][0]["scenario"], "gfc-2008");
    assert!(p["scenarios"][0]["return_pct"].as_f64().is_some());
}

#[test]
fn a_zero_notional_put_changes_nothing_and_a_real_one_pays_in_the_gfc() {
    let Some(home) = shared_home(&FILES) else {
        return;
    };
    let v = portfolio_json(
        home.path(),
        "asset,value\nus_large_cap,600\ntreasuries_10y,300\ntbills,100\n",
        &[
            "--scenario",
            "gfc-2008",
            "--scenario",
            "bond-vigilantes",
            "--patch",
            "put-otm:notional=0",
            "--patch",
            "put-otm:notional=100",
            "--paths",
            "0",
        ],
    );
    let scenarios = v["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 2, "{}", v["notes"]);
    let zero = &v["patches"][0];
    assert_eq!(zero["cost_pct_per_year"].as_f64(), Some(0.0));
    for (ps, s) in zero["scenarios"].as_array().unwrap().iter().zip(scenarios) {
        assert_eq!(ps["return_pct"], s["return_pct"], "{ps}");
    }
    let full = &v["patches"][1];
    assert!(full["cost_pct_per_year"].as_f64().unwrap() > 0.0);
    let gfc = &full["scenarios"][0];
    assert!(gfc["change_pp"].as_f64().unwrap() > 0.0, "{gfc}");
}

#[test]
fn html_page_in_english_and_chinese_carries_the_same_numbers() {
    let Some(home) = shared_home(&FILES) else {
        return;
    };
    let file = home.path().join("h.csv");
    std::fs::write(&file, "asset,weight\nus_large_cap,60\ntreasuries_10y,40\n").unwrap();
    let page = |lang: &str| {
        let out = bullcheck(home.path())
            .args(["--lang", lang, "portfolio", "run"])
            .arg(&file)
            .args([
                "--scenario",
                "gfc-2008",
                "--patch",
                "gold",
                "--paths",
                "0",
                "--format",
                "html",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let (en, zh) = (page("en"), page("zh"));
    assert!(en.contains("<svg") && en.contains("Patches") && !en.contains("<script"));
    assert!(zh.contains("补丁") && zh.contains("全球金融危机重演"));
    // The same figures in both languages.
    let figures = |s: &str| {
        let mut v: Vec<String> = s
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
            .filter(|t| t.contains('.') && (t.starts_with('+') || t.starts_with('-')))
            .map(str::to_string)
            .collect();
        v.sort();
        v
    };
    assert_eq!(figures(&en), figures(&zh));
}

/// The last non-missing value on or before `date` in a FRED API JSON response.
fn fred_json_value(file: &Path, date: &str) -> f64 {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    v["observations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["date"].as_str().unwrap() <= date)
        .filter_map(|o| o["value"].as_str().unwrap().parse::<f64>().ok())
        .next_back()
        .unwrap()
}

#[test]
fn a_stored_series_gets_a_printed_fit_and_its_history_in_a_replay() {
    let Some(data) = shared_data() else {
        return;
    };
    let mut files = FILES.to_vec();
    files.push("real_formats/fred_api/DCOILWTICO.json");
    let Some(home) = shared_home(&files) else {
        return;
    };
    let v = portfolio_json(
        home.path(),
        "asset,weight\nus_large_cap,90\nseries:DCOILWTICO,10\n",
        &[
            "--scenario",
            "gfc-2008",
            "--scenario",
            "yen-carry-unwind",
            "--patch",
            "tbills",
            "--paths",
            "0",
        ],
    );
    let oil = &v["holdings"][1];
    assert_eq!(oil["asset"], "series:DCOILWTICO");
    let fit = &oil["fit"];
    assert_eq!(
        fit["regressors"],
        serde_json::json!(["sp500", "ust10y", "hy_oas"])
    );
    assert!(fit["observations"].as_u64().unwrap() >= 100, "{fit}");
    assert!((0.0..=1.0).contains(&fit["r2"].as_f64().unwrap()));
    // GFC: what WTI did between the replay's dates, read from the file.
    let file = data.join("real_formats/fred_api/DCOILWTICO.json");
    let expected =
        100.0 * (fred_json_value(&file, "2009-03-09") / fred_json_value(&file, "2007-10-09") - 1.0);
    let c = &v["scenarios"][0]["contributions"][1];
    assert_eq!(c["source"], "history");
    assert!(
        (c["history_return_pct"].as_f64().unwrap() - expected).abs() < 1e-9,
        "{c}"
    );
    // A seed scenario has no history: the fit's estimate is used.
    let c = &v["scenarios"][1]["contributions"][1];
    assert_eq!(c["source"], "model");
    assert!(c["how"].as_str().unwrap().starts_with("fit on history"));
}
