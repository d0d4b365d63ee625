//! `bullcheck stress`: scenarios, tables, reverse stress tests, Monte Carlo reproducibility and
//! errors. Oracles are CATALOGUE §2 (M1–M3) hand-computed numbers and the seed's table.

use predicates::prelude::*;

use crate::support::bullcheck;

fn json(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).expect("valid JSON")
}

#[test]
fn list_shows_seed_scenarios_and_replays() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args(["stress", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for name in [
        "bond-vigilantes",
        "ai-capex-bust",
        "refinancing-wall",
        "consumer-crack",
        "yen-carry-unwind",
        "core-dump",
        "dotcom-2000",
        "gfc-2008",
        "covid-2020",
        "rates-2022",
        "svb-2023",
    ] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
}

#[test]
fn fair_pe_table_json_puts_the_seed_next_to_the_formulas() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args(["stress", "table", "fair-pe", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let rows = v["rows"].as_array().unwrap();
    let row = |y: f64| {
        rows.iter()
            .find(|r| r["ten_year_yield"] == y && r["erp"] == 5.0)
            .unwrap()
    };
    // Seed 001's table (CATALOGUE M1): 20.0 / 17.5 / 15.4 at 3.5 / 4.5 / 5.5%.
    assert_eq!(row(3.5)["seed_pe"], 20.0);
    assert_eq!(row(4.5)["seed_pe"], 17.5);
    assert_eq!(row(5.5)["seed_pe"], 15.4);
    // CATALOGUE M1.2: the earnings-yield form gives 11.8 / 10.5 / 9.5.
    let ey = |y: f64| (row(y)["earnings_yield_pe"].as_f64().unwrap() * 10.0).round() / 10.0;
    assert_eq!((ey(3.5), ey(4.5), ey(5.5)), (11.8, 10.5, 9.5));
    // CATALOGUE M1.4: Gordon 15.56 on row 3.
    assert!((row(5.5)["gordon_pe"].as_f64().unwrap() - 15.56).abs() < 0.005);
    assert!(
        v["meta"]["note"]
            .as_str()
            .unwrap()
            .contains("No formula reproduces")
    );
    assert!(
        v["meta"]["seed_source"]
            .as_str()
            .unwrap()
            .contains("seed 001")
    );
}

#[test]
fn refinancing_table_csv_has_m3_multipliers() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args(["stress", "table", "refinancing", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("old_rate,new_rate,refinanced_share,coverage_multiplier"));
    // CATALOGUE M3: r1 = 9%, s = 0.25 / 0.5 / 1 → 0.72 / 0.56 / 0.39 (4 decimals here).
    assert!(text.contains("3.5,9,0.25,0.7179"), "{text}");
    assert!(text.contains("3.5,9,0.5,0.56,"), "{text}");
    assert!(text.contains("3.5,9,1,0.3889"), "{text}");
}

#[test]
fn depreciation_table_has_m2_ratios() {
    let home = tempfile::tempdir().unwrap();
    bullcheck(home.path())
        .args(["stress", "table", "depreciation", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("10,0.7985,0.9118,1.142,0.1134"));
}

#[test]
fn ai_capex_bust_runs_without_data_and_explains_its_channels() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args([
            "stress",
            "run",
            "ai-capex-bust",
            "--paths",
            "2000",
            "--seed",
            "7",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["scenario"], "ai-capex-bust");
    assert_eq!(
        (v["paths"].as_u64(), v["seed"].as_u64()),
        (Some(2000), Some(7))
    );
    let ai = v["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "ai_earnings")
        .unwrap();
    // Hand computation (docs/transmission.md §3): GPU life 6 → 3 on CATALOGUE M2's capex adds
    // 130.0 − 91.67 = 38.33 of depreciation; capex ×82/110 cuts the newest vintage's share by
    // 200·(1 − 82/110)/3 = 16.97 and Nvidia's income by 127.64·0.898·(82/110 − 1) = −29.2
    // (all $B); over 380 + 127.64 of net income, after 17% tax on depreciation.
    let capex_factor = (-0.294f64).exp();
    let life = -(130.0 - 550.0 / 6.0) * 0.83;
    let capex = 200.0 * (1.0 - capex_factor) / 3.0 * 0.83;
    let nvidia = 127.64 * 0.898 * (capex_factor - 1.0);
    let expected = (life + capex + nvidia) / 507.64 * 100.0;
    assert!(
        (ai["shocked"].as_f64().unwrap() - expected).abs() < 1e-6,
        "{ai} vs {expected}"
    );
    let channels = v["channels"].as_array().unwrap();
    assert!(
        channels
            .iter()
            .any(|c| c["name"].as_str().unwrap().starts_with("GPU life"))
    );
    assert!(
        v["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("no_data"))
    );
}

#[test]
fn run_is_reproducible_with_the_same_seed() {
    let home = tempfile::tempdir().unwrap();
    let run = |seed: &str| {
        bullcheck(home.path())
            .args([
                "stress",
                "run",
                "refinancing-wall",
                "--paths",
                "5000",
                "--seed",
                seed,
                "--format",
                "json",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run("3"), run("3"));
    let v = json(&run("3"));
    let cov = v["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "small_cap_interest_coverage")
        .unwrap();
    // CATALOGUE M3 with s = 0.852 (709/832): 3.5/(0.148·3.5 + 0.852·9) = 0.4286.
    let expected = 3.5 / (0.148 * 3.5 + 0.852 * 9.0);
    assert!((cov["shocked"].as_f64().unwrap() - expected).abs() < 1e-9);
}

#[test]
fn level_shock_without_stored_data_says_no_data_and_names_the_series() {
    let home = tempfile::tempdir().unwrap();
    bullcheck(home.path())
        .args(["stress", "run", "bond-vigilantes", "--format", "json"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\"status\": \"no_data\"")
                .and(predicate::str::contains("DGS10")),
        );
}

#[test]
fn reverse_finds_the_ten_year_move_that_cuts_fair_value_by_20_percent() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args([
            "stress",
            "reverse",
            "--target",
            "index_fair_value",
            "--change",
            "-20",
            "--shock",
            "ust10y",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    // Duration 13: exp(−13·Δ/100) = 0.8 ⇒ Δ = 100·ln(1.25)/13 = 1.7165 pp.
    assert!((v["shock_change"].as_f64().unwrap() - 100.0 * 1.25f64.ln() / 13.0).abs() < 1e-6);
}

#[test]
fn invalid_scenario_file_exits_2_naming_file_line_and_key() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.toml");
    std::fs::write(
        &file,
        "name = \"bad\"\ntitle = \"t\"\nhorizon_quarters = 4\n[[shocks]]\nvariable = \"ust30y\"\nkind = \"change\"\nvalue = 1\n",
    )
    .unwrap();
    bullcheck(home.path())
        .args(["stress", "run"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("bad.toml:5")
                .and(predicate::str::contains("shocks.variable"))
                .and(predicate::str::contains("ust10y")),
        );
}

#[test]
fn user_scenario_file_runs() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("erp.toml");
    std::fs::write(
        &file,
        "name = \"erp-up\"\ntitle = \"ERP +1\"\nhorizon_quarters = 4\n[[citations]]\nsource = \"test\"\n[[shocks]]\nvariable = \"erp\"\nkind = \"change\"\nvalue = 1.0\n",
    )
    .unwrap();
    let out = bullcheck(home.path())
        .args(["stress", "run", "--paths", "0", "--format", "json"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let fv = v["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "index_fair_value")
        .unwrap();
    // exp(−13·0.01) − 1 = −12.19%.
    assert!((fv["shocked"].as_f64().unwrap() - 100.0 * ((-0.13f64).exp() - 1.0)).abs() < 1e-9);
}

#[test]
fn bench_prints_paths_per_second() {
    let home = tempfile::tempdir().unwrap();
    bullcheck(home.path())
        .args([
            "stress", "bench", "--paths", "2000", "--vars", "3", "--steps", "2",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("paths/s"));
}

#[test]
fn dfast_table_imported_from_shared_data_runs_as_a_scenario() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    bullcheck(home.path())
        .args(["data", "import"])
        .arg(data.join("dfast"))
        .arg(data.join("fred/DGS10.csv"))
        .assert()
        .success();
    bullcheck(home.path())
        .args(["stress", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("dfast-2025-severely-adverse"));
    let out = bullcheck(home.path())
        .args([
            "stress",
            "run",
            "dfast-2025-severely-adverse",
            "--paths",
            "0",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let shock = |name: &str| {
        v["shocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["variable"] == name)
            .unwrap()["change"]
            .as_f64()
            .unwrap()
    };
    // Oracles read from the files: the 2025 severely adverse table has the 10-year at 1.1 and
    // the DJ Total Stock Market index at 29199.6 in 2025 Q4 (horizon 4), the baseline holds it
    // at 58399.3; the last DGS10 row of fred/DGS10.csv is the base level.
    let dgs10 = std::fs::read_to_string(data.join("fred/DGS10.csv")).unwrap();
    let last_dgs10: f64 = dgs10
        .lines()
        .rev()
        .find_map(|l| l.split(',').nth(1)?.trim().parse().ok())
        .unwrap();
    assert!((shock("ust10y") - (1.1 - last_dgs10)).abs() < 1e-9);
    assert!((shock("equity_index") - 100.0 * (29199.6f64 / 58399.3).ln()).abs() < 1e-9);
}
