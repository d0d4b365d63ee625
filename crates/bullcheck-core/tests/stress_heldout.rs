//! Issue 23: the stress model scored on the frozen episodes (`scenarios/episodes.csv`,
//! docs/transmission.md §9) in attribution and forward mode, beside the naive challenger.
//! `BULLCHECK_SCORE_SET=development|heldout|all` prints the table of that set (default:
//! development only; the held-out set is scored once per frozen specification).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests read fixture files

mod common;

use bullcheck_core::stress::episodes::from_csv;
use bullcheck_core::stress::scoring::{EpisodeScore, Mode, score, summarise};
use common::{load_dataset, shared_data};

fn episodes() -> Vec<bullcheck_core::stress::episodes::Episode> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/episodes.csv");
    from_csv(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn print_table(set: &str, mode: Mode, rows: &[EpisodeScore]) {
    println!("\n### {set}, {mode:?}\n");
    println!("| episode | realised | model | challenger | 90% band |");
    println!("|---|---|---|---|---|");
    for r in rows {
        let band = r
            .band
            .map_or("none".to_string(), |(lo, hi)| format!("{lo:.1} .. {hi:.1}"));
        let ch = r
            .challenger_pct
            .map_or("n/a".to_string(), |c| format!("{c:+.1}"));
        println!(
            "| {} | {:+.1} | {:+.1} | {} | {} |",
            r.id, r.realised_pct, r.model_pct, ch, band
        );
    }
    let s = summarise(rows);
    println!(
        "\n{set} {mode:?}: n {} | model bias {:+.1} MAE {:.1} signs {}/{} | challenger bias {:+.1} MAE {:.1} signs {}/{} | covered {}/{}",
        s.model.n,
        s.model.bias_pp,
        s.model.mae_pp,
        s.model.sign_hits,
        s.model.n,
        s.challenger.bias_pp,
        s.challenger.mae_pp,
        s.challenger.sign_hits,
        s.challenger.n,
        s.covered,
        s.model.n
    );
}

#[test]
fn score_the_episodes() {
    let Some(dir) = shared_data() else { return };
    let data = load_dataset(&dir, &["."]);
    for first in [1953, 1881] {
        println!(
            "discount-rate channel from {first}: {:?}",
            bullcheck_core::stress::discount::estimate_from(&data, &[], first)
        );
    }
    let which = std::env::var("BULLCHECK_SCORE_SET").unwrap_or_else(|_| "development".into());
    let sets: Vec<&str> = match which.as_str() {
        "all" => vec!["development", "heldout"],
        "heldout" => vec!["heldout"],
        _ => vec!["development"],
    };
    for set in sets {
        for mode in [Mode::Attribution, Mode::Forward] {
            let rows: Vec<EpisodeScore> = episodes()
                .iter()
                .filter(|e| e.set == set)
                .map(|e| score(e, mode, &data, 2000).unwrap_or_else(|n| panic!("{}: {n}", e.id)))
                .collect();
            print_table(set, mode, &rows);
        }
    }
}

/// Issue 23 "Done means": a rates shock moves fair value the way the long-run discount-rate
/// channel says (+3 pp on the 10-year, the rest conditional: at least −10%; bond-vigilantes:
/// at least −3%).
#[test]
fn rate_shocks_lower_fair_value() {
    use bullcheck_core::stress::scenario::{Scenario, built_in_scenarios, parse_scenario};
    let Some(dir) = shared_data() else { return };
    let data = load_dataset(&dir, &["."]);
    let options = bullcheck_core::stress::RunOptions {
        paths: 0,
        seed: 1,
        innovations: bullcheck_core::stress::montecarlo::Innovations::Normal,
        window: Default::default(),
    };
    let text = "name = \"y10-plus-3\"\ntitle = \"t\"\nhorizon_quarters = 4\n[[citations]]\nsource = \"issue 23\"\n[[shocks]]\nvariable = \"ust10y\"\nkind = \"change\"\nvalue = 3.0\nsource = \"issue 23\"\n";
    let plus3: Scenario = parse_scenario("y10.toml", text).unwrap();
    let change = |s: &Scenario| {
        bullcheck_core::stress::run(s, &data, options)
            .unwrap()
            .equity_check
            .unwrap()
            .model_change_pct
    };
    let c = change(&plus3);
    println!("+3 pp on the 10-year: {c:.2}%");
    assert!(c <= -10.0, "{c}");
    let bv = built_in_scenarios()
        .into_iter()
        .find(|s| s.name == "bond-vigilantes")
        .unwrap();
    let c = change(&bv);
    println!("bond-vigilantes: {c:.2}%");
    assert!(c <= -3.0, "{c}");
}
