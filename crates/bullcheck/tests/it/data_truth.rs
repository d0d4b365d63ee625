//! Issue "Data truth": rows a file cannot know yet, calendar-month windows, and the freshest
//! of equivalent sources, end to end.

use crate::support::bullcheck;

/// A FRED download whose last row is dated a year after today (a carrier's placeholder): the
/// row is refused with a warning naming the series and the date; the others are stored.
#[test]
fn rows_dated_after_today_are_refused_with_a_warning_naming_them() {
    let home = tempfile::tempdir().unwrap();
    let future = jiff::Zoned::now().date() + jiff::Span::new().years(1);
    let file = home.path().join("DGS10.csv");
    std::fs::write(
        &file,
        format!("observation_date,DGS10\n2025-01-02,4.57\n2025-01-03,4.60\n{future},4.70\n"),
    )
    .unwrap();
    let out = bullcheck(home.path())
        .args(["data", "import"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("refused DGS10: 1 row dated {future}")),
        "{stderr}"
    );
    let export = bullcheck(home.path())
        .args(["data", "export", "DGS10", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(export.stdout).unwrap();
    assert_eq!(
        csv,
        "series_id,date,value\nDGS10,2025-01-02,4.57\nDGS10,2025-01-03,4.6\n"
    );
}

/// Equivalent sources: the check takes the one with the newest value and names the other.
/// Oracles from the raw files with Python: `debt_to_gdp` 2026-04-01 = 120.14; the interest
/// expense records of 2025-08-31..2026-07-31 sum to $1,372,772,450,253.69, over GDP 2026Q2
/// 32,475.21 billions (fred_json/ghalam_gdp.json) = 4.22714% of GDP.
#[test]
fn fresher_equivalent_sources_replace_stale_quarterly_ones_and_say_so() {
    let Some(home) = crate::support::shared_home(&[
        "fred/GFDEBTN.csv",
        "fred/GDP.csv",
        "fred/A091RC1Q027SBEA.csv",
        "fred_json/ghalam_gdp.json",
        "treasury_fiscal/ghalam_debt_to_gdp.json",
        "treasury_fiscal/ghalam_interest_expense.json",
    ]) else {
        return;
    };
    let doc = crate::support::audit_json(home.path(), &["--as-of", "2026-07-31"]);
    let debt = crate::support::check(&doc, "fiscal_debt_gdp");
    assert_eq!(debt["value"], 120.14, "{debt}");
    assert_eq!(debt["data_through"], "2026-04-01");
    assert_eq!(debt["stale"], false);
    assert_eq!(debt["sources"][0]["id"], "DEBT_TO_GDP_PCT");
    let labels: Vec<String> = debt["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}: {}",
                d["label"].as_str().unwrap(),
                d["value"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        labels
            .contains(&"older equivalent source (not used): GFDEBTN ÷ GDP, 2024-04-01".to_string()),
        "{labels:?}"
    );
    let interest = crate::support::check(&doc, "fiscal_interest_gdp");
    let value = interest["value"].as_f64().unwrap();
    assert!((value - 4.227_14).abs() < 1e-5, "{interest}");
    assert_eq!(interest["data_through"], "2026-07-31");
    assert_eq!(
        interest["sources"][0]["id"],
        "TREASURY_INTEREST_EXPENSE_MONTHLY"
    );

    // Sixteen months later nothing fresher exists: the same figures are flagged stale (an
    // as-of more than a year after today is refused, issue 28).
    let doc = crate::support::audit_json(home.path(), &["--as-of", "2027-11-30"]);
    assert_eq!(
        crate::support::check(&doc, "fiscal_debt_gdp")["stale"],
        true
    );
    assert_eq!(
        crate::support::check(&doc, "fiscal_interest_gdp")["stale"],
        true
    );
}
