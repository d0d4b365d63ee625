//! Issue 22 item 4 and issue 24 item 5 on the real executable: verdicts by rule on the shared
//! data, `audit --real-time` with release dates, and a user's minimal network file.

use serde_json::Value;

use crate::support::{audit_json, check, run_json, shared_home};
use bullcheck_core::checks::{Verdict, VerdictRule, builtin_defs, judge};

fn verdict_of(c: &Value) -> &str {
    c["claim"]["verdict"].as_str().unwrap()
}

/// `audit --as-of 2025-11-26 --real-time` uses only what was released by then: the November
/// 2025 unemployment rate (released 16 December 2025, BLS) is out, September's (released 20
/// November) is in, and the rise over the 12-month low is 0.4, not 0.5 (issue 22).
#[test]
fn real_time_audit_uses_only_data_released_by_the_date() {
    let Some(home) = shared_home(&[
        "fred/UNRATE.csv",
        "real_formats/fred_api/UNRATE.json",
        "fred/PAYEMS.csv",
    ]) else {
        return;
    };
    let dated = audit_json(home.path(), &["--as-of", "2025-11-26"]);
    let c = check(&dated, "cons_unemployment");
    assert_eq!(
        c["data_through"], "2025-11-01",
        "dated by the date: November is in"
    );
    let known = audit_json(home.path(), &["--as-of", "2025-11-26", "--real-time"]);
    let c = check(&known, "cons_unemployment");
    assert_eq!(c["data_through"], "2025-09-01");
    assert!(
        (c["value"].as_f64().unwrap() - 0.4).abs() < 1e-9,
        "{}",
        c["value"]
    );
    // The cited payrolls figure for November was not public either.
    let p = check(&known, "cons_payrolls");
    assert_ne!(p["data_through"], "2025-11-01", "{p}");
    // At publication, today, the claim is judged on what was known on the seed's date.
    let today = audit_json(home.path(), &["--as-of", "2026-12-07"]);
    let ap = &check(&today, "cons_unemployment")["claim"]["at_publication"];
    assert_eq!(ap["date"], "2025-11-26");
    assert_eq!(ap["data_through"], "2025-09-01");
    assert!((ap["value"].as_f64().unwrap() - 0.4).abs() < 1e-9, "{ap}");
}

/// On the whole shared data, no verdict class of issue 22 remains: no verdict is the
/// opposite of its rule on the value shown (unless judged on the claim's period or on the
/// basis used at publication, which the note says); no conditional claim holds on its
/// trigger; the 10-year event study does not hold on one cluster; the reserve share is not
/// judged on the raw share.
#[test]
fn no_verdict_class_remains_on_the_shared_data() {
    let Some(home) = shared_home(&["."]) else {
        return;
    };
    let doc = audit_json(home.path(), &["--as-of", "2026-12-07"]);
    let mut judged = 0;
    for def in builtin_defs() {
        let c = check(&doc, &def.id);
        let shown = verdict_of(c);
        let note = c["claim"]["note"].as_str().unwrap();
        if let VerdictRule::Forecast { consequence, .. } = &def.claim.rule
            && !consequence.is_empty()
        {
            assert_ne!(
                shown, "holds",
                "{}: a conditional claim holds: {note}",
                def.id
            );
        }
        let Some(value) = c["value"].as_f64() else {
            continue;
        };
        if !judge::data_decided(&def.claim.rule)
            || def.claim.period.is_some()
            || def.claim.basis.is_some()
            || note.contains("on the basis judged at publication")
            || matches!(def.claim.rule, VerdictRule::BelowPercentile { .. })
        {
            continue;
        }
        judged += 1;
        let rule = judge::verdict(&def.claim.rule, value, None).0;
        let bad = |v: &str| v == "wrong" || v == "outdated";
        let opposite = (rule == Verdict::Holds && bad(shown))
            || (matches!(rule, Verdict::Wrong | Verdict::Outdated) && shown == "holds");
        assert!(
            !opposite,
            "{}: {value} is {rule:?} by its rule, shown {shown}: {note}",
            def.id
        );
    }
    assert!(judged >= 20, "{judged}");
    assert_eq!(verdict_of(check(&doc, "cons_k_shape_wealth")), "unverified");
    assert_eq!(verdict_of(check(&doc, "fiscal_10y_5pct")), "unverified");
    assert_eq!(verdict_of(check(&doc, "usd_reserve_share")), "unverified");
    let nvda = check(&doc, "ai_nvda_q3fy26");
    assert_eq!(
        verdict_of(nvda),
        "holds",
        "Q3 FY26 revenue was $57.0B: {nvda}"
    );
}

/// The documented minimal network file (no citations) runs DebtRank: A defaults, B lent 50
/// to A and C lent 80 to B, equities 100: B loses 0.5 of its equity (50/100), C 0.4
/// (80/100 × 0.5), the chain oracle of Bardoscia et al.; figures are labelled user-supplied.
#[test]
fn a_minimal_network_file_gives_the_debtrank_chain() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.toml");
    std::fs::write(
        &file,
        "[[node]]\nid = \"A\"\nequity = 100\n\n[[node]]\nid = \"B\"\nequity = 100\n\n\
         [[node]]\nid = \"C\"\nequity = 100\n\n\
         [[exposure]]\ncreditor = \"B\"\ndebtor = \"A\"\namount = 50\n\n\
         [[exposure]]\ncreditor = \"C\"\ndebtor = \"B\"\namount = 80\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let out = run_json(
        home.path(),
        &[
            "network",
            "contagion",
            "--file",
            path,
            "--default",
            "A",
            "--format",
            "json",
        ],
    );
    let distress = |id: &str| {
        out["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()["distress"]
            .as_f64()
            .unwrap()
    };
    assert!((distress("B") - 0.5).abs() < 1e-12, "{out}");
    assert!((distress("C") - 0.4).abs() < 1e-12, "{out}");
    assert_eq!(out["equity_basis"], "book");
    assert_eq!(out["statuses"], serde_json::json!(["funded"]));
    let shown = run_json(
        home.path(),
        &["network", "show", "--file", path, "--format", "json"],
    );
    assert!(shown.to_string().contains("user-supplied"), "{shown}");
}

/// The built-in network on one basis: book equity and funded exposures by default, both
/// printed; `--include committed,contingent` widens; a valuation or a market value is not
/// mixed into a book run.
#[test]
fn the_builtin_network_runs_on_one_basis() {
    let home = tempfile::tempdir().unwrap();
    let narrow = run_json(
        home.path(),
        &[
            "network",
            "contagion",
            "--default",
            "OPENAI",
            "--format",
            "json",
        ],
    );
    assert_eq!(narrow["equity_basis"], "book");
    let left: Vec<String> = narrow["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    assert!(
        left.iter()
            .any(|l| l.starts_with("ORCL: equity on a market basis")),
        "{left:?}"
    );
    assert!(
        left.iter()
            .any(|l| l.contains("NVDA → OPENAI") && l.contains("contingent")),
        "{left:?}"
    );
    let wide = run_json(
        home.path(),
        &[
            "network",
            "contagion",
            "--default",
            "OPENAI",
            "--include",
            "committed,contingent",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        wide["statuses"],
        serde_json::json!(["funded", "committed", "contingent"])
    );
    assert!(wide["exposures_used"].as_u64().unwrap() > narrow["exposures_used"].as_u64().unwrap());
    let table = crate::support::run_ok(
        home.path(),
        &["network", "contagion", "--default", "OPENAI"],
    );
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("equity basis: book; exposures counted: funded"),
        "{text}"
    );
}
