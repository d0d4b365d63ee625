//! `bullcheck audit` end to end: offline on the bundled snapshot, on imported public files,
//! point in time, user checks, `--fail-on`, and bad input.

use crate::support::{audit_json, bullcheck, check, shared_data, shared_home};

#[test]
fn offline_audit_on_the_bundled_snapshot_follows_the_contract() {
    let home = tempfile::tempdir().unwrap();
    let doc = audit_json(home.path(), &["--as-of", "2026-11-22"]);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["as_of"], "2026-11-22");
    assert!(doc["rating"]["level"].is_string());
    assert!(doc["rating"]["score"].is_number());
    let checks = doc["checks"].as_array().unwrap();
    assert!(checks.len() >= 9);
    for c in checks {
        for key in [
            "id",
            "module",
            "title",
            "status",
            "value",
            "unit",
            "as_of",
            "thresholds",
            "percentile",
            "data",
            "sources",
            "claim",
        ] {
            assert!(c.get(key).is_some(), "check {} lacks `{key}`", c["id"]);
        }
        if c["data"] == "snapshot" {
            assert!(c["value"].is_number() && c["as_of"].is_string(), "{c}");
            let src = &c["sources"][0];
            assert!(src["url"].as_str().unwrap().starts_with("http"), "{c}");
        }
        let verdict = c["claim"]["verdict"].as_str().unwrap();
        assert!(
            [
                "holds",
                "approx",
                "outdated",
                "wrong",
                "unverified",
                "forecast"
            ]
            .contains(&verdict)
        );
    }
    // The debt figure from Treasury's Debt to the Penny, 2026-08-20.
    let debt = check(&doc, "fiscal_debt_level");
    assert_eq!(debt["data"], "snapshot");
    assert!((debt["value"].as_f64().unwrap() - 40.033).abs() < 0.001);
    assert_eq!(debt["claim"]["verdict"], "outdated");
    // A cited figure's note comes first among the details, in the report's language.
    assert_eq!(debt["details"][0]["label"], "note");
    assert!(
        debt["details"][0]["value"]
            .as_str()
            .unwrap()
            .starts_with("read from Debt to the Penny"),
        "{debt}"
    );
    let zh = audit_json(home.path(), &["--as-of", "2026-11-22", "--lang", "zh"]);
    let note_zh = check(&zh, "fiscal_debt_level")["details"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        note_zh.contains("40,033,256,786,764.37") && !note_zh.contains("read from"),
        "{note_zh}"
    );
    // Nothing was written to a fresh home by a read-only audit.
    assert!(!home.path().join("bullcheck.sqlite").exists());
}

#[test]
fn imported_series_replace_the_snapshot_with_their_own_dates() {
    let Some(home) = shared_home(&[
        "fred/DGS10.csv",
        "nyfed/ACMTP10_acm_10y_term_premium_daily.csv",
        "fred/VIXCLS.csv",
        "fred/BAMLH0A0HYM2.csv",
        "treasury_fiscal/ghalam_debt_to_penny.json",
    ]) else {
        return;
    };
    let doc = audit_json(home.path(), &["--as-of", "2026-11-22"]);
    // Oracles: the last rows of the files (`tail -n 1`).
    for (id, value, as_of) in [
        ("fiscal_10y_5pct", 4.69, "2026-08-20"),
        ("fiscal_term_premium", 0.815923, "2026-08-20"),
        ("val_vix_cheap_puts", 16.01, "2026-08-20"),
        ("zombie_refi_rate", 2.75, "2026-08-20"),
        ("fiscal_debt_level", 40.03325678676437, "2026-08-20"),
    ] {
        let c = check(&doc, id);
        assert_eq!(c["data"], "stored", "{id}: {c}");
        assert!(
            (c["value"].as_f64().unwrap() - value).abs() < 1e-6,
            "{id}: {}",
            c["value"]
        );
        assert_eq!(c["as_of"], as_of, "{id}");
        assert!(c["percentile"].is_number(), "{id} has history");
    }
    // VIX 16.01 is not a historic low: it ranks near the 40th percentile of 1990-2026 closes.
    let vix = check(&doc, "val_vix_cheap_puts");
    assert_eq!(vix["claim"]["verdict"], "wrong");
    // The last $1T took 94 days (2026-05-18 → 2026-08-20): a warning.
    let debt = check(&doc, "fiscal_debt_level");
    assert_eq!(debt["status"], "warning");
    // The reason comes first among the details, in the report's language.
    assert_eq!(debt["details"][0]["label"], "status");
    assert_eq!(
        debt["details"][0]["value"],
        "the last $1T took 94 days (< 100 days)"
    );
    let zh = audit_json(home.path(), &["--as-of", "2026-11-22", "--lang", "zh"]);
    assert_eq!(
        check(&zh, "fiscal_debt_level")["details"][0]["value"],
        "最近1万亿美元仅用94天（少于100天）"
    );
}

#[test]
fn as_of_2024_07_31_gives_the_published_probability_and_sahm_values() {
    let Some(home) = shared_home(&[
        "nyfed/allmonth_recession_probability.csv",
        "fred/UNRATE.csv",
        "fred/SAHMCURRENT.csv",
    ]) else {
        return;
    };
    let doc = audit_json(home.path(), &["--as-of", "2024-07-31"]);
    // The forward probability: NY Fed table, row 2025-07-31: 56.29% (from the July 2024
    // spread, -1.09); the probability dated 2024-07 (66.01%, from July 2023's -1.49) and the
    // published figure for July 2024 are details.
    let prob = check(&doc, "mkt_recession_prob_nyfed");
    assert_eq!(prob["data"], "stored");
    assert_eq!(prob["as_of"], "2024-07-31");
    assert!(
        (prob["value"].as_f64().unwrap() - 56.29).abs() <= 0.15,
        "{}",
        prob["value"]
    );
    assert_eq!(prob["details"][0]["label"], "target month");
    assert_eq!(prob["details"][0]["value"], "2025-07");
    assert_eq!(prob["details"][1]["label"], "probability dated 2024-07");
    assert_eq!(prob["details"][2]["value"], "66.01%");
    // FRED SAHMCURRENT, July 2024: 0.53.
    let sahm = check(&doc, "cons_sahm_rule");
    assert_eq!(sahm["data"], "stored");
    assert_eq!(sahm["as_of"], "2024-07-01");
    assert!(
        (sahm["value"].as_f64().unwrap() - 0.53).abs() <= 0.07,
        "{}",
        sahm["value"]
    );
    assert_eq!(sahm["status"], "critical");
    // "Rising unemployment will crack the consumer": the trigger is reached, the consequence
    // is not in these data, so the claim stays a forecast (issue 22, conditional claims).
    assert_eq!(sahm["claim"]["verdict"], "forecast");
    assert_eq!(sahm["claim"]["trigger_reached"], true);
    assert!(
        sahm["claim"]["note"]
            .as_str()
            .unwrap()
            .starts_with("forecast, trigger reached"),
        "{sahm}"
    );
}

#[test]
fn user_checks_extend_the_catalogue_and_fail_on_sets_the_exit_code() {
    let home = tempfile::tempdir().unwrap();
    let checks_dir = home.path().join("checks");
    std::fs::create_dir_all(&checks_dir).unwrap();
    std::fs::write(
        checks_dir.join("mine.toml"),
        r#"[[check]]
id = "my_two_year"
module = "fiscal"
title = "2-year Treasury yield"
unit = "%"
compute = "latest"
series = ["DGS2"]
direction = "higher_is_worse"
thresholds = { warning = 1.0 }
what = "w"
why = "w"
how = "h"
limits = "l"
[check.claim]
seed = "user"
text = "2-year above 1%"
rule = { kind = "above", threshold = 1.0 }
"#,
    )
    .unwrap();
    let csv = home.path().join("DGS2.csv");
    std::fs::write(
        &csv,
        "observation_date,DGS2\n2024-01-02,4.33\n2024-01-03,.\n2024-01-04,4.38\n",
    )
    .unwrap();
    bullcheck(home.path())
        .args(["data", "import"])
        .arg(&csv)
        .assert()
        .success();
    let doc = audit_json(
        home.path(),
        &["--as-of", "2024-06-30", "--module", "fiscal"],
    );
    let mine = check(&doc, "my_two_year");
    assert_eq!(mine["data"], "stored");
    assert_eq!(mine["value"], 4.38);
    assert_eq!(mine["as_of"], "2024-01-04");
    assert_eq!(mine["status"], "warning");
    assert!(
        doc["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["module"] == "fiscal")
    );
    // --fail-on warning is reached (exit 1); the data still go to stdout.
    let out = bullcheck(home.path())
        .args([
            "audit",
            "--as-of",
            "2024-06-30",
            "--module",
            "fiscal",
            "--fail-on",
            "warning",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stdout.is_empty());
}

#[test]
fn bad_input_exits_2_with_file_and_line() {
    let home = tempfile::tempdir().unwrap();
    let checks_dir = home.path().join("checks");
    std::fs::create_dir_all(&checks_dir).unwrap();
    std::fs::write(
        checks_dir.join("broken.toml"),
        "[[check]]\nid = \"x\"\nmodule = 3\n",
    )
    .unwrap();
    let out = bullcheck(home.path()).args(["audit"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.toml:3"), "{err}");

    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args(["audit", "--as-of", "2024-13-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--as-of"));
    let out = bullcheck(home.path())
        .args(["audit", "--module", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown module"));
}

#[test]
fn markdown_and_chinese_reports_are_complete() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args(["audit", "--format", "markdown", "--as-of", "2026-11-22"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# bullcheck audit — 2026-11-22"));
    assert!(md.contains("<a id=\"fiscal_10y_5pct\"></a>"));
    let out = bullcheck(home.path())
        .args(["--lang", "zh", "audit", "--as-of", "2026-11-22"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("系统评级") && text.contains("10年期美债收益率与5%警戒线"),
        "{text}"
    );
}

#[test]
fn checks_lists_and_explains() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path()).arg("checks").output().unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(list.contains("mkt_recession_prob_nyfed") && list.contains("cons_sahm_rule"));
    let out = bullcheck(home.path())
        .args(["checks", "mkt_recession_prob_nyfed"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("−0.5333") && text.contains("What it measures"),
        "{text}"
    );
    // In Chinese, the explanation's own labels, the cited figure's note, the verdict and the
    // reason for missing data are Chinese.
    let explain_zh = |id: &str| {
        let out = bullcheck(home.path())
            .args(["--lang", "zh", "checks", id])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let text = explain_zh("fiscal_debt_level");
    for zh in [
        "模块:",
        "判定：已过时",
        "读取自 Debt to the Penny",
        "来源:",
        "内置引用数据:",
    ] {
        assert!(text.contains(zh), "`{zh}` not in:\n{text}");
    }
    for en in [
        "module:",
        "sources:",
        "verdict:",
        "as of",
        "read from",
        "bundled cited",
    ] {
        assert!(!text.contains(en), "`{en}` in:\n{text}");
    }
    let text = explain_zh("ai_adoption_lag");
    assert!(text.contains("缺失: 截至"), "{text}");
    let out = bullcheck(home.path())
        .args(["checks", "no_such_check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 3's bar: with all of `../shared/data` imported, at least 45 checks are evaluated from
/// stored data, every check with data shows value, status, as-of date and a source, and the
/// catalogue has at least 75 checks across the nine modules.
#[test]
fn full_shared_data_audit_evaluates_at_least_45_checks_from_stored_data() {
    let Some(dir) = shared_data() else { return };
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args(["data", "import"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = audit_json(home.path(), &["--as-of", "2026-11-22"]);
    let checks = doc["checks"].as_array().unwrap();
    assert!(checks.len() >= 75, "{} checks", checks.len());
    let modules: std::collections::BTreeSet<&str> = checks
        .iter()
        .map(|c| c["module"].as_str().unwrap())
        .collect();
    assert_eq!(modules.len(), 9, "{modules:?}");
    let stored = checks.iter().filter(|c| c["data"] == "stored").count();
    assert!(stored >= 45, "only {stored} checks from stored data");
    for c in checks.iter().filter(|c| c["data"] != "none") {
        assert!(c["value"].is_number(), "{}", c["id"]);
        assert!(c["as_of"].is_string(), "{}", c["id"]);
        assert!(!c["sources"].as_array().unwrap().is_empty(), "{}", c["id"]);
        assert_ne!(c["status"], "no_data", "{}", c["id"]);
    }
    for c in checks.iter().filter(|c| c["data"] == "none") {
        assert!(c["missing"].is_string(), "{} says what is missing", c["id"]);
    }
}
