//! `bullcheck history` end to end on the public files of `../shared/data`: the JSON contract,
//! metrics within [0, 1], the known recession and bear-market dates, and the NY Fed probit's
//! established skill before 2000.

use serde_json::Value;

use crate::support::{bullcheck, shared_data};

/// The files the record reads: the NBER indicator, the S&P 500, the three comparators and
/// inputs of several checks.
const FILES: [&str; 12] = [
    "fred/USREC.csv",
    "market/sp500_index_daily_1950-2026.csv",
    "nyfed/allmonth_recession_probability.csv",
    "fred/T10Y3M.csv",
    "fred/NFCI.csv",
    "fred/STLFSI4.csv",
    "fred/DGS10.csv",
    "fred/VIXCLS.csv",
    "fred/UNRATE.csv",
    "fred/SAHMCURRENT.csv",
    "fred/BAMLH0A0HYM2.csv",
    "nyfed/ACMTP10_acm_10y_term_premium_daily.csv",
];

fn history_json(home: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["history", "--format", "json"];
    all.extend_from_slice(args);
    crate::support::run_json(home, &all)
}

fn skill<'a>(doc: &'a Value, signal: &str, event: &str, period: &str) -> &'a Value {
    doc["skill"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["signal"] == signal && r["event"] == event && r["period"] == period)
        .unwrap_or_else(|| panic!("no skill row {signal}/{event}/{period}"))
}

#[test]
fn history_on_the_shared_data_follows_the_contract_and_the_literature() {
    let Some(dir) = shared_data() else { return };
    let home = tempfile::tempdir().unwrap();
    let paths: Vec<_> = FILES.iter().map(|f| dir.join(f)).collect();
    let out = bullcheck(home.path())
        .args(["data", "import"])
        .args(&paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let doc = history_json(home.path(), &["--to", "2025-06"]);
    assert_eq!(doc["to"], "2025-06");
    // The rating starts once a check has data: not before the earliest input (UNRATE,
    // 1948-01-01) and not after DGS10's first month (1962-01), which fiscal_10y_5pct reads.
    let from = doc["from"].as_str().unwrap();
    assert!(("1948-01"..="1962-01").contains(&from), "from {from}");
    let n = doc["months"].as_u64().unwrap();
    let series = doc["series"].as_array().unwrap();
    assert_eq!(n, series.len() as u64);
    let year: u64 = from[..4].parse().unwrap();
    let month: u64 = from[5..].parse().unwrap();
    assert_eq!(n, (2025 - year) * 12 + 6 - (month - 1));
    // No vintages in plain downloads: revised data, and said so.
    assert_eq!(doc["revised_data"], true);
    assert!(doc["tuning"].as_str().unwrap().starts_with("none"));

    // NBER starts, from USREC (NBER peaks 1969-12, 1973-11, 1980-01, 1981-07, 1990-07,
    // 2001-03, 2007-12, 2020-02; USREC turns to 1 the month after).
    let recessions: Vec<&str> = doc["events"]["recession_12m"]["starts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .filter(|m| *m >= "1960-01")
        .collect();
    assert_eq!(
        recessions,
        [
            "1960-05", "1970-01", "1973-12", "1980-02", "1981-08", "1990-08", "2001-04", "2008-01",
            "2020-03"
        ]
    );
    // Bear markets of the S&P 500 (closes): the 1987 peak was 25 August, the 2007 peak
    // 9 October, the 2020 peak 19 February, the 2022 peak 3 January.
    let bears: Vec<&str> = doc["events"]["drawdown20_12m"]["starts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for peak in ["1987-08", "2007-10", "2020-02", "2022-01"] {
        assert!(bears.contains(&peak), "{peak} missing from {bears:?}");
    }

    let rows = doc["skill"].as_array().unwrap();
    assert_eq!(rows.len(), 4 * 2 * 3);
    for row in rows {
        for key in ["auroc", "hit_rate", "false_alarm_rate"] {
            if let Some(v) = row[key].as_f64() {
                assert!((0.0..=1.0).contains(&v), "{key} out of [0,1]: {row}");
            }
        }
        if let Some(lead) = row["median_lead_months"].as_f64() {
            assert!((1.0..=12.0).contains(&lead), "{row}");
        }
        for key in ["n_months", "n_events"] {
            assert!(row[key].is_u64(), "{row}");
        }
    }
    // STLFSI4 starts 1993-12-31: it has pre-2000 months but fewer than the rating.
    let stlfsi = skill(&doc, "stlfsi", "recession_12m", "pre2000");
    let rating = skill(&doc, "rating", "recession_12m", "pre2000");
    assert!(stlfsi["n_months"].as_u64().unwrap() < rating["n_months"].as_u64().unwrap());

    // Estrella and Trubin (2006): the 10y-3m spread has preceded every recession since 1968;
    // its probit ranks pre-recession months above the others.
    let probit = skill(&doc, "nyfed_probit", "recession_12m", "pre2000");
    // 1970-01, 1973-12, 1980-02, 1981-08 and 1990-08 at least (1960-05 too when the record
    // starts early enough).
    assert!(probit["n_events"].as_u64().unwrap() >= 5, "{probit}");
    let auroc = probit["auroc"].as_f64().unwrap();
    assert!(auroc > 0.5, "NY Fed probit AUROC before 2000 = {auroc}");

    // The monthly series: month labels are consecutive and modules are keyed by id.
    assert_eq!(series[0]["month"].as_str(), Some(from));
    assert!(series[0]["modules"].is_object());
    let last = &series[series.len() - 1];
    assert_eq!(last["month"], "2025-06");
    assert!(last["score"].is_number() && last["level"].is_string());
}

#[test]
fn history_csv_and_table_render_and_bad_months_exit_2() {
    let Some(dir) = shared_data() else { return };
    let home = tempfile::tempdir().unwrap();
    bullcheck(home.path())
        .args(["data", "import"])
        .arg(dir.join("fred/USREC.csv"))
        .arg(dir.join("fred/DGS10.csv"))
        .assert()
        .success();
    let out = bullcheck(home.path())
        .args([
            "history", "--from", "1999-11", "--to", "2000-02", "--format", "csv",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let months: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(months, ["1999-11", "1999-12", "2000-01", "2000-02"]);
    // 2001-04 is within 12 months of 2000-04 onwards only: these four months are negatives
    // (then the drawdown label and the two forecasts, empty without their inputs).
    assert!(text.lines().skip(1).all(|l| l.ends_with(",0,,,")), "{text}");

    let table = bullcheck(home.path())
        .args(["history", "--to", "2000-12"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains("AUROC") && table.contains("1962 "),
        "{table}"
    );

    let bad = bullcheck(home.path())
        .args(["history", "--from", "1999-13"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--from"));
}

#[test]
fn vintaged_series_are_named_and_the_rest_is_flagged_revised() {
    let Some(dir) = shared_data() else { return };
    let home = tempfile::tempdir().unwrap();
    let fixture =
        crate::support::workspace_root().join("testdata/fred_api/UNRATE_alfred_vintages.json");
    bullcheck(home.path())
        .args(["data", "import"])
        .arg(fixture)
        .arg(dir.join("fred/DGS10.csv"))
        .assert()
        .success();
    let doc = history_json(home.path(), &["--from", "2023-01", "--to", "2024-12"]);
    assert_eq!(doc["months"], 24);
    // UNRATE carries ALFRED vintages; DGS10 is a plain download, so revised data remain.
    assert_eq!(doc["vintage_series"], serde_json::json!(["UNRATE"]));
    assert_eq!(doc["revised_data"], true);
    assert!(doc["data_note"].as_str().unwrap().contains("UNRATE"));
}
