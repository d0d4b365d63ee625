//! Issue 23: the frozen validation episodes. `scenarios/episodes.csv` is what the rule in
//! `stress::episodes` derives from the stored S&P 500, NBER recession months and 10-year;
//! this test re-derives it and fails if the committed list and the rule part ways.
//! Regenerate (only when the rule or the data legitimately change, in its own commit):
//! `BULLCHECK_WRITE_EPISODES=1 cargo test -p bullcheck-core --test stress_episodes`.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests read fixture files

mod common;

use bullcheck_core::stress::episodes::{episodes, to_csv};
use common::{load_dataset, shared_data};

const FILES: [&str; 3] = [
    "market/sp500_index_daily_1950-2026.csv",
    "fred/USREC.csv",
    "fred/DGS10.csv",
];

#[test]
fn the_committed_episode_list_is_what_the_rule_derives_from_the_stored_data() {
    let Some(dir) = shared_data() else { return };
    let data = load_dataset(&dir, &FILES);
    let list = episodes(&data).expect("S&P 500 stored");
    let csv = to_csv(&list);
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/episodes.csv");
    if std::env::var_os("BULLCHECK_WRITE_EPISODES").is_some() {
        std::fs::write(&path, &csv).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        committed, csv,
        "scenarios/episodes.csv differs from the rule's output"
    );
    // Independent oracles: the 1987 crash (Aug 25 336.77 → Dec 4 223.92); the 2007 high
    // (Oct 9, 1565.15) to the Oct 27 2008 low (848.92), after which the index rose 18% to
    // Nov 4 (1005.75), so a 15% reversal ends the first leg there; the 2009 low (Mar 9,
    // 676.53) ends the last leg. Every fall is ≥ 15%, every rally ≥ 30%.
    let has = |id: &str, end: &str, close: f64| {
        list.iter()
            .any(|e| e.id == id && e.end.to_string() == end && (e.end_close - close).abs() < 1e-9)
    };
    assert!(has("fall-1987-08-25", "1987-12-04", 223.92));
    assert!(has("fall-2007-10-09", "2008-10-27", 848.92));
    assert!(has("fall-2009-01-06", "2009-03-09", 676.53));
    for e in &list {
        if e.id.starts_with("fall") {
            assert!(e.change_pct() <= -15.0, "{e:?}");
        } else {
            assert!(e.change_pct() >= 30.0, "{e:?}");
        }
    }
}
