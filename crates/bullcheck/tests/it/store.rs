//! Crash safety of the store: `bullcheck data import` killed (SIGKILL) at random moments
//! leaves a store that opens, passes `PRAGMA integrity_check`, and holds either all or none of
//! the interrupted import, never a mix.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::support::bullcheck;

/// Dates of the big file: this many consecutive days from 1700-01-01 (the first year an
/// observation may have), ending in 2023.
const BIG_ROWS: usize = 118_000;
/// The base file holds the first BASE_ROWS of those dates.
const BASE_ROWS: usize = 2_000;
const KILLS: u32 = 24;

fn dates(count: usize) -> Vec<jiff::civil::Date> {
    let mut day = jiff::civil::date(1700, 1, 1);
    let mut dates = Vec::with_capacity(count);
    for _ in 0..count {
        dates.push(day);
        day = day.tomorrow().unwrap();
    }
    dates
}

/// Values are multiples of 1/8, exact in binary, so stored values compare exactly.
/// `column` 0 is ACMY10, 1 ACMTP10, 2 ACMRNY10; `revision` 0 is the base file, 1 the big one.
fn value(column: usize, row: usize, revision: usize) -> f64 {
    (1000 * revision + 100 * column) as f64 + row as f64 / 8.0
}

/// The series of the files, in column order; the base file has the first two.
const SERIES: [&str; 3] = ["ACMY10", "ACMTP10", "ACMRNY10"];

/// Writes two files in the NY Fed `ACMTermPremium` wide layout (`DATE,ACMY10,ACMTP10,...`,
/// dates `14-Jun-1961`): the base file with two series, and the big one (BIG_ROWS x 3 = 402k
/// values) that revises every base value, extends both series and adds ACMRNY10.
fn write_files(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let write = |name: &str, rows: usize, columns: usize, revision: usize| {
        let mut text = format!("DATE,{}\n", SERIES[..columns].join(","));
        for (row, date) in dates(rows).iter().enumerate() {
            text.push_str(&date.strftime("%d-%b-%Y").to_string());
            for column in 0..columns {
                text.push_str(&format!(",{}", value(column, row, revision)));
            }
            text.push('\n');
        }
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    (
        write("ACMTermPremium_base.csv", BASE_ROWS, 2, 0),
        write("ACMTermPremium_big.csv", BIG_ROWS, 3, 1),
    )
}

/// The (date, value) pairs a series must hold: `rows` rows of `revision`.
fn expected(column: usize, rows: usize, revision: usize) -> Vec<(String, f64)> {
    dates(rows)
        .iter()
        .enumerate()
        .map(|(row, d)| (d.to_string(), value(column, row, revision)))
        .collect()
}

/// A child `bullcheck data import FILE`, output discarded.
fn spawn_import(home: &Path, file: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_bullcheck"))
        .env("BULLCHECK_HOME", home)
        .env("NO_COLOR", "1")
        .args(["data", "import", "--kind", "nyfed-acm"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("bullcheck starts")
}

/// A deterministic fraction in [0, 1) from the loop index (Numerical Recipes LCG).
fn lcg_fraction(index: u32) -> f64 {
    let mut state = index.wrapping_mul(2_654_435_761).wrapping_add(12345);
    for _ in 0..3 {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
    }
    f64::from(state) / 4_294_967_296.0
}

/// The latest stored (date, value) pairs of a series, read with rusqlite directly.
fn stored(conn: &rusqlite::Connection, id: &str) -> Vec<(String, f64)> {
    let mut stmt = conn
        .prepare("SELECT date, value FROM latest_observations WHERE series_id = ?1 ORDER BY date")
        .unwrap();
    stmt.query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// The interrupted import left no trace.
    Before,
    /// The import committed completely.
    After,
}

fn check_store(home: &Path) -> Outcome {
    // Through the binary first: opening runs WAL recovery.
    bullcheck(home).args(["data", "list"]).assert().success();
    bullcheck(home)
        .args(["data", "show", "ACMTP10"])
        .assert()
        .success();

    let conn = rusqlite::Connection::open(home.join("bullcheck.sqlite")).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let imports: i64 = conn
        .query_row("SELECT count(*) FROM imports", [], |row| row.get(0))
        .unwrap();
    let stored: Vec<Vec<(String, f64)>> = SERIES.iter().map(|id| stored(&conn, id)).collect();
    if stored[0] == expected(0, BASE_ROWS, 0) {
        assert!(
            stored[1] == expected(1, BASE_ROWS, 0),
            "ACMY10 untouched but ACMTP10 changed"
        );
        assert!(
            stored[2].is_empty(),
            "base untouched but ACMRNY10 has {} rows",
            stored[2].len()
        );
        assert_eq!(imports, 1, "only the base import is recorded");
        Outcome::Before
    } else {
        for (column, id) in SERIES.iter().enumerate() {
            assert!(
                stored[column] == expected(column, BIG_ROWS, 1),
                "{id} is a mix: {} rows",
                stored[column].len()
            );
        }
        assert_eq!(imports, 2);
        Outcome::After
    }
}

fn import_base(home: &Path, base_file: &Path) {
    bullcheck(home)
        .args(["data", "import", "--kind", "nyfed-acm"])
        .arg(base_file)
        .assert()
        .success();
}

#[test]
fn killing_an_import_at_any_moment_leaves_all_or_nothing() {
    let files = tempfile::tempdir().unwrap();
    let (base_file, big_file) = write_files(files.path());

    // Measure one complete import (process start to exit) to spread the kills over it.
    let timing_home = tempfile::tempdir().unwrap();
    import_base(timing_home.path(), &base_file);
    assert_eq!(check_store(timing_home.path()), Outcome::Before);
    let started = Instant::now();
    let status = spawn_import(timing_home.path(), &big_file).wait().unwrap();
    let full_import = started.elapsed();
    assert!(status.success());
    assert_eq!(check_store(timing_home.path()), Outcome::After);

    let mut killed_mid_import = 0;
    let mut killed_while_writing = 0;
    let mut outcomes = (0, 0);
    for index in 0..KILLS {
        let home = tempfile::tempdir().unwrap();
        import_base(home.path(), &base_file);
        let delay = full_import.mul_f64(1.1 * lcg_fraction(index));
        let mut child = spawn_import(home.path(), &big_file);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_mid_import += 1;
            // The import's transaction spills pages to the WAL as it writes (the base import
            // left none: the last connection to close checkpoints and removes it).
            let wal = home.path().join("bullcheck.sqlite-wal");
            if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                killed_while_writing += 1;
            }
        }
        child.kill().ok();
        child.wait().unwrap();
        match check_store(home.path()) {
            Outcome::Before => outcomes.0 += 1,
            Outcome::After => outcomes.1 += 1,
        }
    }
    eprintln!(
        "full import {full_import:?}; {KILLS} kills, {killed_mid_import} while the import ran \
         ({killed_while_writing} of them with the transaction writing the WAL); the store held \
         the state before the import {} times, after it {} times",
        outcomes.0, outcomes.1
    );
    assert!(
        killed_mid_import >= KILLS / 2,
        "too few kills landed mid-import: {killed_mid_import}"
    );
}
