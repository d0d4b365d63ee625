//! The ai, network and valuation checks end to end: the bundled snapshot offline, and values
//! computed from the shared Shiller, Damodaran, FRED and capex-proxy files at fixed dates,
//! against oracles read from the raw files (Shiller's own CAPE column, Damodaran's published
//! ERP) or hand-computed from them.

use serde_json::Value;

use crate::support::{audit_json, check, shared_home};

fn value(doc: &Value, id: &str) -> f64 {
    check(doc, id)["value"]
        .as_f64()
        .unwrap_or_else(|| panic!("{id} has no value"))
}

/// The files the valuation and ai checks read.
const FILES: [&str; 6] = [
    "valuation/shiller_ie_data_monthly.csv",
    "valuation/damodaran_histimpl_implied_erp_annual.csv",
    "fred/DGS10.csv",
    "fred/DFII10.csv",
    "nyfed/ACMTP10_acm_10y_term_premium_daily.csv",
    "ai_capex/hyperscaler_capex_yoy_proxy.csv",
];

#[test]
fn every_catalogue_row_of_the_three_modules_is_a_check_offline() {
    let home = tempfile::tempdir().unwrap();
    let doc = audit_json(home.path(), &["--as-of", "2026-11-22"]);
    for id in [
        "ai_hyperscaler_capex_2025",
        "ai_sequoia_required_rev",
        "ai_openai_backstop",
        "ai_global_spend",
        "ai_circular_loop_msft",
        "ai_gs_circular_share",
        "ai_bubble_17x",
        "ai_cisco_analog",
        "val_spx_pe",
        "val_fair_pe_table",
        "val_implied_erp",
        "val_cape",
        "val_buffett",
    ] {
        assert!(check(&doc, id)["claim"]["verdict"].is_string(), "{id}");
    }
    // M8 oracle: 4 × $51.2B × 2 × 2 = $819.2B, an outdated $600B.
    let sequoia = check(&doc, "ai_sequoia_required_rev");
    assert!((sequoia["value"].as_f64().unwrap() - 819.2).abs() < 1e-9);
    assert_eq!(sequoia["claim"]["verdict"], "outdated");
    // Gartner's $2.53T for 2026 against the seed's $500B.
    assert_eq!(check(&doc, "ai_global_spend")["claim"]["verdict"], "wrong");
    // Cisco: not regained after ~25 years vs the seed's 17.
    assert_eq!(check(&doc, "ai_cisco_analog")["claim"]["verdict"], "wrong");
    // Events without a citable number: no value, the catalogue's verdict, the source named.
    let backstop = check(&doc, "ai_openai_backstop");
    assert_eq!(backstop["status"], "no_data");
    assert_eq!(backstop["claim"]["verdict"], "wrong");
}

#[test]
fn valuation_from_shiller_and_fred_at_march_2026() {
    let Some(home) = shared_home(&FILES) else {
        return;
    };
    let doc = audit_json(home.path(), &["--as-of", "2026-03-15"]);
    // Shiller row 2026.03: P = 6654.419090909089, E = 277.1 → 24.0145.
    assert!((value(&doc, "val_spx_pe") - 24.014504).abs() < 1e-5);
    assert_eq!(check(&doc, "val_spx_pe")["data"], "stored");
    // ERP_simple = 100·277.1/6654.42 − DGS10 of 27 Feb 2026 (3.97) = 0.1942 pp: the seed's 5%
    // is wrong.
    let erp = check(&doc, "val_implied_erp");
    assert!(
        (erp["value"].as_f64().unwrap() - 0.194150).abs() < 1e-5,
        "{erp}"
    );
    assert_eq!(erp["claim"]["verdict"], "wrong");
    assert_eq!(erp["status"], "warning");
    // M1: 24.0145 / (20·exp(−13·(3.97% − 3.5%))) − 1 = +27.64%.
    assert!((value(&doc, "val_fair_pe_table") - 27.637715).abs() < 1e-4);
    assert_eq!(check(&doc, "val_fair_pe_table")["status"], "warning");
}

#[test]
fn cape_reproduces_shillers_column_and_damodaran_his_2019_erp() {
    let Some(home) = shared_home(&FILES) else {
        return;
    };
    // Shiller's own CAPE for 2026.04 (the last month with 120 reported months before it).
    let doc = audit_json(home.path(), &["--as-of", "2026-04-15"]);
    assert!((value(&doc, "val_cape") - 38.14261796483419).abs() < 1e-6);
    assert_eq!(check(&doc, "val_cape")["status"], "critical");
    // Damodaran's published FCFE ERP for 2019 is 5.20%; the recomputation from his inputs
    // (3230.78, 150.5, 3.96%, 1.92%) must land within 0.05 pp. The 2025 snapshot is later
    // than this as-of date, so the stored value is used.
    let doc = audit_json(home.path(), &["--as-of", "2020-06-30"]);
    let erp = check(&doc, "val_damodaran_erp");
    assert_eq!(erp["data"], "stored");
    assert!(
        (erp["value"].as_f64().unwrap() - 5.20).abs() < 0.05,
        "{erp}"
    );
    assert_eq!(erp["claim"]["verdict"], "holds");
}

#[test]
fn capex_growth_and_missing_sources_are_named() {
    let Some(home) = shared_home(&FILES) else {
        return;
    };
    let doc = audit_json(home.path(), &["--as-of", "2025-12-31"]);
    // The proxy file's 2025-12-31 row: 64.0% YoY.
    assert_eq!(value(&doc, "ai_hyperscaler_capex_yoy"), 64.0);
    assert_eq!(check(&doc, "ai_hyperscaler_capex_yoy")["status"], "warning");
    // The Buffett indicator needs Fed Z.1 NCBEILQ027S, which the shared data lack.
    let buffett = check(&doc, "val_buffett");
    assert_eq!(buffett["status"], "no_data");
    assert!(buffett.to_string().contains("NCBEILQ027S"), "{buffett}");
}
