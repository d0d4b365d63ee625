//! `bullcheck data import|list|show|export` end to end: fixtures under `testdata/`, and the
//! whole of `../shared/data`. Expected values are read from the files themselves (quoted in
//! the comments), never from what the code printed.

use std::path::{Path, PathBuf};

use predicates::prelude::PredicateBooleanExt as _;
use predicates::str::contains;

use crate::support::{bullcheck, shared_data, workspace_root};

fn fixture(relative: &str) -> PathBuf {
    workspace_root().join("testdata").join(relative)
}

/// July 2024 of FRED DGS10 as the dberweger copy has it (`DATE,DGS10`, `.` on the holiday).
const DGS10_JULY: &str = "fred/DGS10_dberweger_2024-07.csv";
/// FRED UNRATE 2024-01..2024-09 (older vintage, `DATE,UNRATE`).
const UNRATE_OLD: &str = "fred/UNRATE_dberweger_2024-01_to_2024-09.csv";
/// FRED UNRATE 2024-05..2025-02 (newer vintage, `date,UNRATE`): revises 2024-05 and 2024-07.
const UNRATE_NEW: &str = "fred/UNRATE_macrocharts_2024-05_to_2025-02.csv";
/// DGS10_JULY with line 8 (2024-07-09) changed from `4.3` to `4.3O`.
const DGS10_BAD: &str = "malformed/DGS10_bad_value.csv";

fn stdout_of(home: &Path, args: &[&str]) -> String {
    let output = bullcheck(home).args(args).output().expect("bullcheck runs");
    assert!(
        output.status.success(),
        "bullcheck {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

fn import_ok(home: &Path, path: &Path) -> String {
    stdout_of(home, &["data", "import", path.to_str().unwrap()])
}

fn export_csv(home: &Path, id: &str) -> String {
    stdout_of(home, &["data", "export", id, "--format", "csv"])
}

#[test]
fn import_a_fred_csv_then_show_and_export_its_values() {
    let home = tempfile::tempdir().unwrap();
    let path = fixture(DGS10_JULY);
    let line = import_ok(home.path(), &path);
    // 23 data lines in the fixture (22 business days and the 4 July holiday).
    assert_eq!(
        line,
        format!(
            "imported {} (fred-csv): DGS10 23 rows (23 new)\n",
            path.display()
        )
    );

    let csv = export_csv(home.path(), "DGS10");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 24);
    assert_eq!(lines[0], "series_id,date,value");
    assert_eq!(lines[1], "DGS10,2024-07-01,4.48");
    assert_eq!(
        lines[4], "DGS10,2024-07-04,",
        "the `.` holiday stays missing"
    );
    assert_eq!(lines[23], "DGS10,2024-07-31,4.09");

    let json = stdout_of(
        home.path(),
        &["data", "export", "DGS10", "--format", "json"],
    );
    let records: serde_json::Value = serde_json::from_str(&json).unwrap();
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 23);
    assert_eq!(
        records[0],
        serde_json::json!({"series_id": "DGS10", "date": "2024-07-01", "value": 4.48})
    );
    assert_eq!(records[3]["value"], serde_json::Value::Null);

    let show = stdout_of(home.path(), &["data", "show", "DGS10", "--tail", "2"]);
    assert!(
        show.contains("rows                 23 (1 missing)"),
        "{show}"
    );
    assert!(
        show.contains("first                2024-07-01  4.48"),
        "{show}"
    );
    assert!(
        show.contains("last                 2024-07-31  4.09"),
        "{show}"
    );
    assert!(show.contains("imports (1, oldest first)"), "{show}");
    let sha = sha256sum_of(&std::fs::read(&path).unwrap());
    assert!(show.contains(&format!("sha256 {sha}")), "{show}");
    assert!(
        show.contains("latest 2 observations:\n  2024-07-30  4.15\n  2024-07-31  4.09\n"),
        "{show}"
    );

    let list = stdout_of(home.path(), &["data", "list"]);
    let row = list
        .lines()
        .find(|l| l.starts_with("DGS10 "))
        .expect("DGS10 listed");
    // Columns are two or more spaces apart (a title holds single spaces). The file has no
    // title: FRED's own, cut to its column, and FRED's units.
    let cells: Vec<&str> = row
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        &cells[1..8],
        [
            "Market Yield on U.S. Treasury Securitie…",
            "Percent",
            "FRED",
            "2024-07-01",
            "2024-07-31",
            "23",
            "1"
        ],
        "{list}"
    );
}

/// The SHA-256 of `bytes` as coreutils' `sha256sum` computes it (independent of the binary).
fn sha256sum_of(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f");
    std::fs::write(&file, bytes).unwrap();
    let output = std::process::Command::new("sha256sum")
        .arg(&file)
        .output()
        .expect("sha256sum available");
    String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn reimporting_the_same_bytes_changes_nothing_and_records_one_import() {
    let home = tempfile::tempdir().unwrap();
    let path = fixture(DGS10_JULY);
    import_ok(home.path(), &path);
    let before = export_csv(home.path(), "DGS10");
    let again = import_ok(home.path(), &path);
    assert_eq!(
        again,
        format!(
            "unchanged {} (fred-csv): DGS10 23 rows (already imported, same sha256)\n",
            path.display()
        )
    );
    assert_eq!(export_csv(home.path(), "DGS10"), before);
    let show = stdout_of(home.path(), &["data", "show", "DGS10"]);
    assert!(show.contains("imports (1, oldest first)"), "{show}");
}

#[test]
fn a_newer_file_revises_values_keeps_older_dates_and_both_provenances() {
    let home = tempfile::tempdir().unwrap();
    import_ok(home.path(), &fixture(UNRATE_OLD));
    let line = import_ok(home.path(), &fixture(UNRATE_NEW));
    // New file: 10 rows; 2024-10..2025-02 are new (5); 2024-05 (4.0 -> 3.9) and 2024-07
    // (4.3 -> 4.2) are revised: the newer vintage (last date 2025-02 against 2024-09) wins,
    // and the two copies' disagreement is reported (|Δ| 0.1 on both dates).
    assert!(
        line.ends_with(
            "UNRATE 10 rows (5 new, 2 revised); copies disagree on 2 dates, largest |Δ| 0.1 \
             (UNRATE 2024-05-01; `data show UNRATE --vintages`)\n"
        ),
        "{line}"
    );

    let csv = export_csv(home.path(), "UNRATE");
    let expected = "series_id,date,value\n\
        UNRATE,2024-01-01,3.7\nUNRATE,2024-02-01,3.9\nUNRATE,2024-03-01,3.8\nUNRATE,2024-04-01,3.9\n\
        UNRATE,2024-05-01,3.9\nUNRATE,2024-06-01,4.1\nUNRATE,2024-07-01,4.2\nUNRATE,2024-08-01,4.2\n\
        UNRATE,2024-09-01,4.1\nUNRATE,2024-10-01,4.1\nUNRATE,2024-11-01,4.2\nUNRATE,2024-12-01,4.1\n\
        UNRATE,2025-01-01,4\nUNRATE,2025-02-01,4.2\n";
    assert_eq!(csv, expected);

    let show = stdout_of(home.path(), &["data", "show", "UNRATE"]);
    assert!(show.contains("imports (2, oldest first)"), "{show}");
    assert!(show.contains("9 rows (9 new, 0 revised)"), "{show}");
    assert!(show.contains("10 rows (5 new, 2 revised)"), "{show}");
    assert!(
        show.contains("UNRATE_dberweger_2024-01_to_2024-09.csv"),
        "{show}"
    );
    assert!(
        show.contains("UNRATE_macrocharts_2024-05_to_2025-02.csv"),
        "{show}"
    );
}

#[test]
fn a_malformed_file_exits_2_naming_file_line_and_field_and_leaves_the_store_unchanged() {
    let home = tempfile::tempdir().unwrap();
    import_ok(home.path(), &fixture(DGS10_JULY));
    let before = export_csv(home.path(), "DGS10");

    let bad = fixture(DGS10_BAD);
    bullcheck(home.path())
        .args(["data", "import", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains(format!("error: {}:8: field `", bad.display()))
                .and(contains("4.3O"))
                .and(contains("of 1 files failed").not()),
        );
    assert_eq!(export_csv(home.path(), "DGS10"), before);
    let show = stdout_of(home.path(), &["data", "show", "DGS10"]);
    assert!(show.contains("imports (1, oldest first)"), "{show}");
}

#[test]
fn workbooks_import_and_damaged_or_misnamed_ones_exit_2_with_the_reason() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The Shiller workbook fixture imports as the `shiller` kind.
    let good = fixture("shiller/ie_data_sample.xls");
    let line = import_ok(home.path(), &good);
    assert!(line.contains("(shiller): 11 series"), "{line}");
    let before = export_csv(home.path(), "SHILLER_P");
    // Cut short (a broken download): refused, the store unchanged.
    let bytes = std::fs::read(&good).unwrap();
    let truncated = dir.path().join("ie_data.xls");
    std::fs::write(&truncated, &bytes[..bytes.len() - 700]).unwrap();
    bullcheck(home.path())
        .args(["data", "import", truncated.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "error: {}: unreadable Excel workbook",
            truncated.display()
        )));
    // A CSV saved under an .xls name: not taken for a workbook.
    let misnamed = dir.path().join("histimpl.xls");
    std::fs::write(&misnamed, "Year,Implied ERP (FCFE)\n2020,0.0472\n").unwrap();
    bullcheck(home.path())
        .args(["data", "import", misnamed.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains(
            "neither the OLE2 (D0 CF 11 E0) nor the zip (PK) signature",
        ));
    assert_eq!(export_csv(home.path(), "SHILLER_P"), before);
    // A FRED API response whose file name does not name the series says what it is.
    let json = dir.path().join("observations.json");
    std::fs::write(
        &json,
        r#"{"observations":[{"date":"2020-01-01","value":"3.5"}]}"#,
    )
    .unwrap();
    bullcheck(home.path())
        .args(["data", "import", json.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains(
            "FRED API JSON (series/observations) without a series id",
        ));
}

#[test]
fn a_directory_imports_in_sorted_order_skips_non_data_and_reports_failures_at_the_end() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &str, to: &str| {
        let target = dir.path().join(to);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(fixture(from), target).unwrap();
    };
    copy(
        UNRATE_NEW,
        "fred/b/UNRATE_macrocharts_2024-05_to_2025-02.csv",
    );
    copy(UNRATE_OLD, "fred/a/UNRATE_dberweger_2024-01_to_2024-09.csv");
    copy(DGS10_BAD, "broken/DGS10_bad_value.csv");
    copy(DGS10_JULY, "fred/DGS10_dberweger_2024-07.csv");
    std::fs::write(dir.path().join("README.md"), "# notes\n").unwrap();

    let output = bullcheck(home.path())
        .args(["data", "import"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[0].starts_with("skipped README.md: "), "{stdout}");
    assert_eq!(
        lines[1],
        "imported fred/DGS10_dberweger_2024-07.csv (fred-csv): DGS10 23 rows (23 new)"
    );
    assert_eq!(
        lines[2],
        "imported fred/a/UNRATE_dberweger_2024-01_to_2024-09.csv (fred-csv): UNRATE 9 rows (9 new)"
    );
    assert_eq!(
        lines[3],
        "imported fred/b/UNRATE_macrocharts_2024-05_to_2025-02.csv (fred-csv): UNRATE 10 rows \
         (5 new, 2 revised); copies disagree on 2 dates, largest |Δ| 0.1 (UNRATE 2024-05-01; \
         `data show UNRATE --vintages`)"
    );
    assert!(
        stderr.contains("DGS10_bad_value.csv:8: field `"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: 1 of 5 files failed to import"),
        "{stderr}"
    );
    assert!(stderr.contains("broken/DGS10_bad_value.csv"), "{stderr}");
    // The good files are stored.
    assert_eq!(export_csv(home.path(), "UNRATE").lines().count(), 15);
    assert_eq!(export_csv(home.path(), "DGS10").lines().count(), 24);
}

#[test]
fn unknown_ids_kinds_and_misused_series_flag_are_errors_with_exit_2() {
    let home = tempfile::tempdir().unwrap();
    import_ok(home.path(), &fixture(DGS10_JULY));
    bullcheck(home.path())
        .args(["data", "show", "NOPE"])
        .assert()
        .code(2)
        .stderr(contains("unknown series `NOPE`").and(contains("hint: run `bullcheck data list`")));
    bullcheck(home.path())
        .args(["data", "export", "DGS10", "dgs10x"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("unknown series `dgs10x`"));
    bullcheck(home.path())
        .args(["data", "show", "dgs10"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `DGS10`?"));
    bullcheck(home.path())
        .args([
            "data",
            "import",
            "--kind",
            "excel",
            fixture(DGS10_JULY).to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(
            contains("unknown --kind `excel`")
                .and(contains("fred-csv"))
                .and(contains("nber-peaks")),
        );
    bullcheck(home.path())
        .args([
            "data",
            "import",
            "--series",
            "X",
            fixture("fred").to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(contains("--series"));
}

#[test]
fn series_flag_renames_a_single_series_file() {
    let home = tempfile::tempdir().unwrap();
    let path = fixture(DGS10_JULY);
    let line = stdout_of(
        home.path(),
        &[
            "data",
            "import",
            "--series",
            "DGS10_ALT",
            path.to_str().unwrap(),
        ],
    );
    assert!(line.contains("DGS10_ALT 23 rows (23 new)"), "{line}");
    assert_eq!(export_csv(home.path(), "DGS10_ALT").lines().count(), 24);
}

/// One exported row: (date, value), `None` when missing.
type Row = (String, Option<f64>);

/// Rows, missing rows, first row, last row.
type Profile = (usize, usize, Row, Row);

/// A stored series as `data export --format csv` gives it.
fn exported(home: &Path, id: &str) -> Vec<Row> {
    export_csv(home, id)
        .lines()
        .skip(1)
        .map(|line| {
            let mut cells = line.split(',');
            let (_id, date, value) = (cells.next(), cells.next().unwrap(), cells.next().unwrap());
            (
                date.to_string(),
                if value.is_empty() {
                    None
                } else {
                    Some(value.parse().unwrap())
                },
            )
        })
        .collect()
}

/// (rows, missing, first (date, value), last (date, value)) of an exported series.
fn profile(rows: &[Row]) -> Profile {
    let missing = rows.iter().filter(|r| r.1.is_none()).count();
    (
        rows.len(),
        missing,
        rows[0].clone(),
        rows[rows.len() - 1].clone(),
    )
}

fn value_on(rows: &[Row], date: &str) -> Option<f64> {
    rows.iter().find(|r| r.0 == date).and_then(|r| r.1)
}

#[test]
fn import_all_shared_data() {
    let Some(shared) = shared_data() else { return };
    let home = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let output = bullcheck(home.path())
        .args(["data", "import"])
        .arg(&shared)
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        output.status.success(),
        "import of {} failed:\n{stderr}\n{stdout}",
        shared.display()
    );
    eprintln!("imported all of {} in {elapsed:?}", shared.display());
    assert!(stdout.contains("skipped MANIFEST.md: "), "{stdout}");

    // DGS10: fred/DGS10.csv (16144 rows, 1962-01-02..2026-08-20, no blanks) plus the copies in
    // fred/alt/ (dberweger with `.` on holidays to 2024-10-03, codexmacro with empty fields
    // 1980..2025-12-30, macrocharts 2003..2026-07-28). No date carries two different values
    // across copies, so the store holds their union:
    // `tail -n +2 -q fred/DGS10.csv fred/alt/DGS10_*.csv | cut -d, -f1 | sort -u | wc -l` = 16857,
    // of which 713 dates are `.`/empty in the copies that have them.
    // First row (head): 1962-01-02,4.06. Last row (tail fred/DGS10.csv): 2026-08-20,4.69.
    let dgs10 = exported(home.path(), "DGS10");
    assert_eq!(
        profile(&dgs10),
        (
            16857,
            713,
            ("1962-01-02".into(), Some(4.06)),
            ("2026-08-20".into(), Some(4.69))
        )
    );
    // A holiday only the dberweger copy lists (as `.`): missing, not filled in.
    assert_eq!(
        dgs10.iter().find(|r| r.0 == "2024-07-04").map(|r| r.1),
        Some(None)
    );

    // UNRATE: fred/UNRATE.csv (1948-01-01,3.4 .. 2024-09-01,4.1, 921 rows),
    // fred/alt/UNRATE_macrocharts_to2026-07.csv (1995-01-01 .. 2026-06-01,4.2, 377 rows) and
    // real_formats/fred_api/UNRATE.json, the FRED API response of vintage 2026-08-07:
    // 943 observations 1948-01-01,3.4 .. 2026-07-01,4.1, with 2025-10-01 `"."` (the BLS
    // published no October 2025 survey). Its dates include every date of the two CSVs, and
    // as the newest vintage (its rows carry realtime_start 2026-08-07) it is the value shown:
    // 943 dates, 1 missing. The CSVs disagree on 12 dates (revisions); the JSON agrees with
    // the newer macrocharts copy: 2020-10-01 is 6.8 in UNRATE.csv and 6.9 in both others;
    // 2024-07-01 is 4.3 and 4.2 (values read with python's json module and `grep`).
    let unrate = exported(home.path(), "UNRATE");
    assert_eq!(
        profile(&unrate),
        (
            943,
            1,
            ("1948-01-01".into(), Some(3.4)),
            ("2026-07-01".into(), Some(4.1))
        )
    );
    assert_eq!(value_on(&unrate, "2020-10-01"), Some(6.9));
    assert_eq!(value_on(&unrate, "2024-07-01"), Some(4.2));
    assert_eq!(value_on(&unrate, "2025-10-01"), None);
    // 1994-12-01: 5.5 in UNRATE.csv and in the JSON.
    assert_eq!(value_on(&unrate, "1994-12-01"), Some(5.5));

    // ACMTP10: nyfed/ACMTP10_acm_10y_term_premium_daily.csv, 16261 rows,
    // head 1961-06-14,0.089406, tail 2026-08-20,0.815923.
    let acm = exported(home.path(), "ACMTP10");
    assert_eq!(
        profile(&acm),
        (
            16261,
            0,
            ("1961-06-14".into(), Some(0.089406)),
            ("2026-08-20".into(), Some(0.815923))
        )
    );

    // NYFED_RECPROB: column Rec_prob of nyfed/allmonth_recession_probability.csv: 799 rows,
    // 787 with a value (`awk -F, '$6!=""'`), the first 1960-01-31 `10.47%`, the last
    // 2025-07-31 `56.29%`. Whether the blank early rows are kept as missing is the parser's
    // choice; the values are not.
    let recprob = exported(home.path(), "NYFED_RECPROB");
    let with_value: Vec<&Row> = recprob.iter().filter(|r| r.1.is_some()).collect();
    assert_eq!(with_value.len(), 787);
    assert_eq!(*with_value[0], ("1960-01-31".to_string(), Some(10.47)));
    assert_eq!(*with_value[786], ("2025-07-31".to_string(), Some(56.29)));

    // SAHMCURRENT: fred/SAHMCURRENT.csv (912 rows, 1949-03-01,1.10 .. 2025-02-01,0.27) and
    // real_formats/fred_api/SAHMCURRENT.json (vintage 2026-08-07, 929 observations,
    // 1949-03-01 1.10 .. 2026-07-01 -0.03, none missing), which covers every CSV date.
    let sahm = exported(home.path(), "SAHMCURRENT");
    assert_eq!(
        profile(&sahm),
        (
            929,
            0,
            ("1949-03-01".into(), Some(1.1)),
            ("2026-07-01".into(), Some(-0.03))
        )
    );

    // The publishers' own formats (real_formats/) are all read: the workbooks and the Excel
    // export too.
    for file in [
        "real_formats/damodaran/histimpl.xls (damodaran): 12 series",
        "real_formats/shiller/ie_data.xls (shiller): 11 series",
        "real_formats/shiller/ie_data_excel_export.csv (shiller): 9 series",
        "real_formats/french/25_Portfolios_5x5.CSV (french): 250 series",
        "real_formats/french/F-F_Momentum_Factor.CSV (french): 2 series",
        "real_formats/sec/CIK0000320193.json (sec-companyfacts): ",
        "real_formats/sec/CIK0001045810.json (sec-companyfacts): ",
        "fred/PCOPPUSDM.csv (fred-csv): PCOPPUSDM 301 rows",
    ] {
        assert!(
            stdout.contains(&format!("imported {file}")),
            "{file}:\n{stdout}"
        );
    }
    assert!(!stdout.contains("skipped real_formats/"), "{stdout}");
    // Operating profitability and investment of the 25 portfolios are two series each
    // (they shared one id before): the 196307 rows are -0.9378 and 0.1924 (lines 7044 and
    // 7740 of the file), 689 months each (1963-07..2020-11).
    // Into an empty store every row of the file is new, none "revised" (the investment table
    // used to overwrite operating profitability: 17,223 revised rows). 25 portfolios x (six
    // monthly tables of 1133 months 1926-07..2020-11 + two annual of 93 years + OP and INV of
    // 689 months) = 25 x 8362 = 209,050 rows.
    let line = stdout
        .lines()
        .find(|l| l.starts_with("imported real_formats/french/25_Portfolios_5x5.CSV"))
        .unwrap();
    assert!(line.ends_with(" 209050 rows (209050 new)"), "{line}");
    let op = exported(home.path(), "FF_25_PORTFOLIOS_5X5_OP_VW_SMALL_LOBM");
    let inv = exported(home.path(), "FF_25_PORTFOLIOS_5X5_INV_VW_SMALL_LOBM");
    assert_eq!((op.len(), inv.len()), (689, 689));
    assert_eq!(value_on(&op, "1963-07-01"), Some(-0.9378));
    assert_eq!(value_on(&inv, "1963-07-01"), Some(0.1924));
    let momentum = exported(home.path(), "FF_F_F_MOMENTUM_FACTOR_ANNUAL_MOM");
    assert_eq!(momentum.len(), 93);
    // Three copies of Shiller's sheet share the SHILLER_* ids; the conversion of the newest
    // copy (valuation/, imported last in sorted order) holds the final values: 2025-04 P is
    // 5369.495714285715 there, 5396.52 (an early-April close) in the 2025 workbook.
    let shiller_p = exported(home.path(), "SHILLER_P");
    assert_eq!(value_on(&shiller_p, "2025-04-01"), Some(5369.495714285715));

    // `data list` folds the French tables into one line each; `--all` and JSON list all.
    let list = stdout_of(home.path(), &["data", "list"]);
    assert!(
        list.lines()
            .any(|l| l.starts_with("FF_25_PORTFOLIOS_5X5_OP_VW_* (25 series) ")),
        "{list}"
    );
    assert!(!list.contains("FF49_VW_AGRIC "), "{list}");
    let all = stdout_of(home.path(), &["data", "list", "--all"]);
    assert!(
        all.lines().any(|l| l.starts_with("FF49_VW_AGRIC ")),
        "{all}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        home.path(),
        &["data", "list", "--format", "json"],
    ))
    .unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), all.lines().count() - 1, "one object per series");
    assert!(ids.contains(&"FF49_VW_AGRIC"));

    // Importing the same folder again changes nothing.
    let again = bullcheck(home.path())
        .args(["data", "import"])
        .arg(&shared)
        .output()
        .unwrap();
    assert!(again.status.success());
    let again = String::from_utf8(again.stdout).unwrap();
    assert!(
        !again.lines().any(|l| l.starts_with("imported ")),
        "{again}"
    );
    assert_eq!(exported(home.path(), "UNRATE"), unrate);
}
