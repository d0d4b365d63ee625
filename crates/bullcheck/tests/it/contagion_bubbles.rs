//! Issue 14 end to end: `network show/contagion` (the chain oracle through a user file, bad
//! files), `bubbles industries` against Greenwood–Shleifer–You's published counts,
//! `bubbles gsadf` against the episodes Phillips–Shi–Yu dated, and `events study`.

use crate::support::{bullcheck, import_shared, run_json, shared_home};

const CHAIN: &str = r#"
[[node]]
id = "A"
equity = 100.0
equity_as_of = "2025-01-31"
equity_source = "hand-made"
equity_url = "https://example.com/a"

[[node]]
id = "B"
equity = 100.0
equity_as_of = "2025-01-31"
equity_source = "hand-made"
equity_url = "https://example.com/b"

[[node]]
id = "C"
equity = 100.0
equity_as_of = "2025-01-31"
equity_source = "hand-made"
equity_url = "https://example.com/c"

[[exposure]]
creditor = "B"
debtor = "A"
amount = 50.0
kind = "loan"
as_of = "2025-01-31"
source = "hand-made"
url = "https://example.com/1"

[[exposure]]
creditor = "C"
debtor = "B"
amount = 80.0
kind = "loan"
as_of = "2025-01-31"
source = "hand-made"
url = "https://example.com/2"
"#;

#[test]
fn contagion_on_a_user_file_reproduces_the_chain_oracle() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("chain.toml");
    std::fs::write(&file, CHAIN).unwrap();
    let doc = run_json(
        home.path(),
        &[
            "network",
            "contagion",
            "--file",
            file.to_str().unwrap(),
            "--default",
            "A",
            "--format",
            "json",
        ],
    );
    let distress = |id: &str| {
        doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()["distress"]
            .as_f64()
            .unwrap()
    };
    assert!((distress("B") - 0.5).abs() < 1e-12);
    assert!((distress("C") - 0.4).abs() < 1e-12);
    assert_eq!(distress("A"), 1.0);
    assert!(doc["rounds"].as_u64().unwrap() >= 2);
    assert!((doc["debtrank"].as_f64().unwrap() - 0.3).abs() < 1e-12);
}

#[test]
fn a_bad_registry_names_file_line_and_field_and_exits_2() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.toml");
    std::fs::write(&file, CHAIN.replace("amount = 80.0", "amount = -80.0")).unwrap();
    let out = bullcheck(home.path())
        .args(["network", "show", "--file", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml:35: exposure.amount"), "{err}");

    let out = bullcheck(home.path())
        .args(["network", "contagion", "--shock", "NVDA=1.5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn builtin_network_shows_as_dot_and_json_with_sources() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args(["network", "show", "--format", "dot"])
        .output()
        .unwrap();
    let dot = String::from_utf8_lossy(&out.stdout);
    assert!(
        dot.starts_with("digraph") && dot.contains("\"NVDA\" -> \"OPENAI\""),
        "{dot}"
    );
    let out = bullcheck(home.path())
        .args(["--lang", "zh", "network", "show", "--format", "svg"])
        .output()
        .unwrap();
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(
        svg.starts_with("<svg") && svg.contains("AI融资网络"),
        "{svg}"
    );
    let doc = run_json(home.path(), &["network", "show", "--format", "json"]);
    for e in doc["exposures"].as_array().unwrap() {
        assert!(e["url"].as_str().unwrap().starts_with("https://"));
    }
}

#[test]
fn gsy_on_the_49_industries_is_close_to_the_paper() {
    let Some(home) = shared_home(&["french/49_Industry_Portfolios_multisection_to2025-05.csv"])
    else {
        return;
    };
    // GSY (2019): 40 run-ups in 48 industries 1928-2014, 21 crashed (52.5%). With a 10-firm
    // floor on Ken French's 49 industries (2025 vintage) we accept 30-50 episodes and a crash
    // share of 35-70%.
    let doc = run_json(
        home.path(),
        &[
            "bubbles",
            "industries",
            "--from",
            "1928-01",
            "--to",
            "2014-12",
            "--min-firms",
            "10",
            "--format",
            "json",
        ],
    );
    let n = doc["episodes_count"].as_u64().unwrap();
    assert!((30..=50).contains(&n), "{n} episodes");
    let share = doc["crash_share"].as_f64().unwrap();
    assert!((0.35..=0.70).contains(&share), "crash share {share}");
    for e in doc["episodes"].as_array().unwrap() {
        assert!(e.get("crashed").is_some());
    }
    // The paper's main finding: run-ups crash far more often than industries in general.
    let base = doc["unconditional_crash_share"].as_f64().unwrap();
    assert!(share > 2.0 * base, "{share} vs {base}");
    // Without the floor every industry counts: more episodes, still a high crash share.
    let all = run_json(
        home.path(),
        &[
            "bubbles",
            "industries",
            "--from",
            "1928-01",
            "--to",
            "2014-12",
            "--format",
            "json",
        ],
    );
    assert!(all["episodes_count"].as_u64().unwrap() > n);
}

#[test]
fn gsadf_dates_the_bubbles_psy_found() {
    let Some(home) = shared_home(&["valuation/shiller_ie_data_monthly.csv"]) else {
        return;
    };
    // PSY's sample (1871-01 to 2010-12). The episodes every study of this series finds: the
    // crash of 1929, October 1987 and the dot-com boom.
    let doc = run_json(
        home.path(),
        &[
            "bubbles", "gsadf", "--from", "1871-01", "--to", "2010-12", "--reps", "100",
            "--format", "json",
        ],
    );
    assert!(doc["rejects_unit_root_5pct"].as_bool().unwrap());
    let episodes: Vec<(String, String)> = doc["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start"].as_str().unwrap().to_string(),
                e["end"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let covers = |month: &str| {
        episodes
            .iter()
            .any(|(a, b)| a.as_str() <= month && month <= b.as_str())
    };
    for month in ["1929-06", "1987-06", "1999-12"] {
        assert!(covers(month), "{month} not in {episodes:?}");
    }
}

#[test]
fn mlf_study_without_data_says_what_to_fill_and_runs_with_a_file() {
    let home = tempfile::tempdir().unwrap();
    let doc = run_json(
        home.path(),
        &["events", "study", "--builtin", "mlf", "--format", "json"],
    );
    assert_eq!(doc["status"], "no_data");
    assert!(doc["fill_with"].as_str().unwrap().contains("--mlf-file"));

    if !import_shared(
        home.path(),
        &["china/shanghai_composite_daily_2000-2025.csv"],
    ) {
        return;
    }
    // Two made-up event months: the study must measure the next month's return from the
    // stored Shanghai closes (month-end 2024-09-30 → 2024-10-31).
    let csv = home.path().join("mlf.csv");
    std::fs::write(
        &csv,
        "month,net_injection_bn_cny\n2024-09,500\n2024-10,100\n",
    )
    .unwrap();
    let doc = run_json(
        home.path(),
        &[
            "events",
            "study",
            "--builtin",
            "mlf",
            "--mlf-file",
            csv.to_str().unwrap(),
            "--reps",
            "200",
            "--format",
            "json",
        ],
    );
    assert_eq!(doc["status"], "ok");
    assert_eq!(doc["events"].as_array().unwrap().len(), 1);
    let bad = home.path().join("bad.csv");
    std::fs::write(&bad, "month,net_injection_bn_cny\n2024-09,inf\n").unwrap();
    let out = bullcheck(home.path())
        .args([
            "events",
            "study",
            "--builtin",
            "mlf",
            "--mlf-file",
            bad.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.csv:2: net_injection_bn_cny"));
}

/// The statistics on the whole stored price-dividend ratio equal those printed by the
/// independent NumPy peer on the same CSV (`python3 benches/gsadf_numpy.py
/// $BULLCHECK_SHARED_DATA/valuation/shiller_ie_data_monthly.csv`: "T = 1863, w0 = 96: SADF
/// 3.4619, GSADF 4.1603"), and a second run reads the critical values back from the cache
/// (`$BULLCHECK_HOME/cache/gsadf-cv-*.json`) with the same output to the last digit.
#[test]
fn gsadf_equals_the_numpy_peer_and_cached_critical_values_read_back_exactly() {
    let Some(home) = shared_home(&["valuation/shiller_ie_data_monthly.csv"]) else {
        return;
    };
    let args = ["bubbles", "gsadf", "--reps", "50", "--format", "json"];
    let first = run_json(home.path(), &args);
    assert_eq!(first["observations"], 1863);
    assert_eq!(first["min_window"], 96);
    for (key, peer) in [("sadf", 3.4619), ("gsadf", 4.1603)] {
        let ours = first[key].as_f64().unwrap();
        assert!(
            (ours - peer).abs() <= 0.5e-4,
            "{key}: {ours} vs the peer's {peer}"
        );
    }
    let cached: Vec<_> = std::fs::read_dir(home.path().join("cache"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("gsadf-cv-"))
        .collect();
    assert_eq!(cached.len(), 1);
    assert_eq!(run_json(home.path(), &args), first);
    // Another replication count is another entry, not the cached one.
    let more = run_json(
        home.path(),
        &["bubbles", "gsadf", "--reps", "60", "--format", "json"],
    );
    assert_eq!(more["critical_values"]["replications"], 60);
    assert_ne!(more["critical_values"], first["critical_values"]);
}
