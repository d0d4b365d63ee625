//! Hostile input and faults through the real executable (issue 16): archives that lie about
//! their sizes, bombs, devices, oversized files and lines, imports that would change what a
//! series is, garbage numbers on the command line, unbounded work, report destinations that
//! are not files, a home that is a file, a gzip bomb from a (loopback) server, and the
//! dashboard under cross-site, rebinding, chunked and idle-socket attacks. Each test is named
//! after the defect it pins. Every socket is on 127.0.0.1.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::http_server::{Reply, Server};
use crate::serve::start_server;
use crate::support::{bullcheck, workspace_root};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(home: &Path, args: &[&str]) -> Run {
    run_cmd(bullcheck(home).args(args))
}

fn run_cmd(cmd: &mut assert_cmd::Command) -> Run {
    let out = cmd.timeout(Duration::from_secs(120)).output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Exit code 2 (a handled error, not a panic: a panic exits 101, an abort by signal has no
/// code) with a message containing `needle`.
fn assert_refused(run: &Run, needle: &str) {
    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "expected {needle:?} in: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `data export ID` as CSV lines (header dropped).
fn export(home: &Path, id: &str) -> Vec<String> {
    let out = run(home, &["data", "export", id, "--format", "csv"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    out.stdout.lines().skip(1).map(str::to_string).collect()
}

// ---- archives --------------------------------------------------------------------------------

const COMPANY: &str = r#"{"cik":320193,"entityName":"Example Corp","facts":{}}"#;

/// A zip of `entries` (name, bytes), deflated; zip64 headers when `zip64`.
fn zip_of(entries: &[(&str, Vec<u8>)], zip64: bool) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(zip64);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// Overwrites the uncompressed size the central directory declares for every entry: in the
/// zip64 extra field when there is one, else in the 32-bit field. Returns how many zip64
/// fields were patched.
fn declare_size(zip: &mut [u8], size: u64) -> usize {
    let mut patched64 = 0;
    let mut at = 0;
    while let Some(pos) = zip[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + pos;
        let u16_at = |zip: &[u8], i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
        let name_len = u16_at(zip, entry + 28);
        let extra_len = u16_at(zip, entry + 30);
        let uncompressed32 = u32::from_le_bytes(zip[entry + 24..entry + 28].try_into().unwrap());
        let mut extra = entry + 46 + name_len;
        let extra_end = extra + extra_len;
        let mut done = false;
        while extra + 4 <= extra_end {
            let (id, len) = (u16_at(zip, extra), u16_at(zip, extra + 2));
            if id == 1 && uncompressed32 == u32::MAX && len >= 8 {
                zip[extra + 4..extra + 12].copy_from_slice(&size.to_le_bytes());
                patched64 += 1;
                done = true;
            }
            extra += 4 + len;
        }
        if !done {
            let small = u32::try_from(size).unwrap_or(u32::MAX - 1);
            zip[entry + 24..entry + 28].copy_from_slice(&small.to_le_bytes());
        }
        at = entry + 4;
    }
    patched64
}

fn ingest(home: &Path, path: &Path, extra: &[&str]) -> (Run, serde_json::Value) {
    let out = run_cmd(
        bullcheck(home)
            .args(["companies", "ingest", p(path), "--format", "json"])
            .args(extra),
    );
    let summary = serde_json::from_str(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out, summary)
}

#[test]
fn zip64_header_declaring_2_pow_62_bytes_is_skipped_not_allocated() {
    let home = tempfile::tempdir().unwrap();
    for declared in [1u64 << 62, u64::MAX] {
        let mut zip = zip_of(&[("CIK0000320193.json", COMPANY.into())], true);
        assert!(
            declare_size(&mut zip, declared) > 0,
            "no zip64 field to patch"
        );
        let path = write(home.path(), "lying.zip", &zip);
        let (out, summary) = ingest(home.path(), &path, &[]);
        assert_eq!(out.code, Some(0), "{declared}: {}", out.stderr);
        assert_eq!(summary["skipped"]["too-large"], 1, "{}", out.stdout);
        assert!(out.stderr.contains("declares"), "{}", out.stderr);
    }
}

#[test]
fn zip_header_declaring_4_gb_is_skipped() {
    let home = tempfile::tempdir().unwrap();
    let mut zip = zip_of(&[("CIK0000320193.json", COMPANY.into())], false);
    declare_size(&mut zip, u64::from(u32::MAX - 1));
    let path = write(home.path(), "lying32.zip", &zip);
    let (out, summary) = ingest(home.path(), &path, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(summary["skipped"]["too-large"], 1, "{}", out.stdout);
}

#[test]
fn zip_bomb_entry_is_skipped_with_its_reason_and_the_rest_ingested() {
    let home = tempfile::tempdir().unwrap();
    // 8 MiB of spaces inside a JSON document: deflates to a few kilobytes.
    let mut bomb = b"{\"cik\":1,\"entityName\":\"B\",\"facts\":{}".to_vec();
    bomb.extend(std::iter::repeat_n(b' ', 8 << 20));
    bomb.push(b'}');
    let zip = zip_of(
        &[
            ("CIK0000000001.json", bomb),
            ("CIK0000320193.json", COMPANY.into()),
        ],
        false,
    );
    assert!(zip.len() < 100_000, "{}", zip.len());
    let path = write(home.path(), "bomb.zip", &zip);
    let (out, summary) = ingest(home.path(), &path, &["--max-entry-mb", "1"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(summary["skipped"]["too-large"], 1, "{}", out.stdout);
    assert_eq!(summary["companies"], 1, "{}", out.stdout);
    assert!(out.stderr.contains("too-large"), "{}", out.stderr);
}

#[test]
fn total_decompressed_size_is_capped() {
    let home = tempfile::tempdir().unwrap();
    let padded = |cik: u32| {
        let mut doc = format!(r#"{{"cik":{cik},"entityName":"P","facts":{{}}"#).into_bytes();
        doc.extend(std::iter::repeat_n(b' ', 700 << 10));
        doc.push(b'}');
        doc
    };
    let zip = zip_of(
        &[
            ("CIK0000000001.json", padded(1)),
            ("CIK0000000002.json", padded(2)),
            ("CIK0000000003.json", padded(3)),
            ("CIK0000000004.json", padded(4)),
        ],
        false,
    );
    let path = write(home.path(), "many.zip", &zip);
    let (out, summary) = ingest(home.path(), &path, &["--max-total-mb", "1"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let skipped = summary["skipped"]["too-large"].as_u64().unwrap_or(0);
    assert!(skipped >= 2, "{}", out.stdout);
    assert!(out.stderr.contains("total"), "{}", out.stderr);
}

#[test]
fn zip_symlink_entries_are_not_read() {
    let home = tempfile::tempdir().unwrap();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    writer
        .add_symlink("CIK0000000009.json", "/etc/passwd", options)
        .unwrap();
    writer.start_file("CIK0000320193.json", options).unwrap();
    writer.write_all(COMPANY.as_bytes()).unwrap();
    let zip = writer.finish().unwrap().into_inner();
    let path = write(home.path(), "links.zip", &zip);
    let (out, summary) = ingest(home.path(), &path, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(summary["entries"], 1, "{}", out.stdout);
}

#[test]
fn companies_ingest_of_a_device_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["companies", "ingest", "/dev/zero"]);
    assert_refused(&out, "not a regular file");
}

#[test]
fn random_bytes_after_a_zip_signature_never_crash_ingest() {
    let home = tempfile::tempdir().unwrap();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for case in 0..12 {
        let mut bytes = b"PK\x03\x04".to_vec();
        for _ in 0..(64 + case * 97) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push(state as u8);
        }
        // Half the cases get a real archive with random damage in the middle.
        if case % 2 == 0 {
            bytes = zip_of(&[("CIK0000320193.json", COMPANY.into())], case % 4 == 0);
            let at = (state as usize) % bytes.len();
            bytes[at] ^= 0xFF;
        }
        let path = write(home.path(), "random.zip", &bytes);
        let out = run(home.path(), &["companies", "ingest", p(&path)]);
        assert!(
            matches!(out.code, Some(0 | 2)),
            "case {case}: {}",
            out.stderr
        );
    }
}

// ---- data import -------------------------------------------------------------------------------

#[test]
fn data_import_of_dev_zero_is_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = run(home.path(), &["data", "import", "/dev/zero"]);
    assert_refused(&out, "not a regular file");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn file_over_the_size_limit_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let mut text = b"DATE,DGS10\n".to_vec();
    while text.len() < (2 << 20) {
        text.extend_from_slice(b"2020-01-02,1.5\n");
    }
    let path = write(home.path(), "DGS10.csv", &text);
    let out = run(
        home.path(),
        &["data", "import", "--max-file-mb", "1", p(&path)],
    );
    assert_refused(&out, "--max-file-mb");
}

#[test]
fn line_over_the_line_limit_is_refused_naming_the_line() {
    let home = tempfile::tempdir().unwrap();
    let mut text = b"DATE,DGS10\n2020-01-02,1.5\n2020-01-03,".to_vec();
    text.extend(std::iter::repeat_n(b'9', 2 << 20));
    text.push(b'\n');
    let path = write(home.path(), "DGS10.csv", &text);
    let out = run(home.path(), &["data", "import", p(&path)]);
    assert_refused(&out, "DGS10.csv:3");
    assert!(out.stderr.contains("--max-line-kb"), "{}", out.stderr);
    assert!(
        out.stderr.len() < 2_000,
        "{} bytes of stderr",
        out.stderr.len()
    );
}

#[test]
fn a_50_mb_value_is_never_echoed_whole() {
    let home = tempfile::tempdir().unwrap();
    let mut text = b"DATE,DGS10\n2020-01-02,".to_vec();
    text.extend(std::iter::repeat_n(b'x', 50 << 20));
    text.push(b'\n');
    let path = write(home.path(), "DGS10.csv", &text);
    let out = run(
        home.path(),
        &["data", "import", "--max-line-kb", "102400", p(&path)],
    );
    assert_refused(&out, "invalid number");
    assert!(
        out.stderr.len() < 2_000,
        "{} bytes of stderr",
        out.stderr.len()
    );
}

const DAILY: &str =
    "DATE,DGS10\n2020-01-02,1.88\n2020-01-03,1.80\n2020-01-06,1.81\n2020-01-07,1.83\n";
const MONTHLY: &str =
    "DATE,UNRATE\n2019-10-01,3.6\n2019-11-01,3.6\n2019-12-01,3.6\n2020-01-01,3.5\n";

#[test]
fn monthly_file_under_a_daily_id_is_refused_and_nothing_is_lost() {
    let home = tempfile::tempdir().unwrap();
    let daily = write(home.path(), "DGS10.csv", DAILY);
    let monthly = write(home.path(), "UNRATE.csv", MONTHLY);
    assert_eq!(
        run(home.path(), &["data", "import", p(&daily)]).code,
        Some(0)
    );
    let before = export(home.path(), "DGS10");
    let out = run(
        home.path(),
        &["data", "import", "--series", "DGS10", p(&monthly)],
    );
    assert_refused(&out, "frequency D");
    assert!(out.stderr.contains("--replace"), "{}", out.stderr);
    assert_eq!(export(home.path(), "DGS10"), before);
}

#[test]
fn replace_accepts_a_change_of_frequency() {
    let home = tempfile::tempdir().unwrap();
    let daily = write(home.path(), "DGS10.csv", DAILY);
    let monthly = write(home.path(), "UNRATE.csv", MONTHLY);
    assert_eq!(
        run(home.path(), &["data", "import", p(&daily)]).code,
        Some(0)
    );
    let out = run(
        home.path(),
        &[
            "data",
            "import",
            "--replace",
            "--series",
            "DGS10",
            p(&monthly),
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let rows = export(home.path(), "DGS10");
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[0].contains("2019-10-01"), "{rows:?}");
}

#[test]
fn an_import_that_changes_the_source_is_refused_without_replace() {
    let home = tempfile::tempdir().unwrap();
    // The NY Fed's ACM file and a FRED-style copy under the same id.
    let acm = write(
        home.path(),
        "ACMTermPremium.csv",
        "DATE,ACMY10,ACMTP10\n14-Jun-1961,3.1,0.089406\n15-Jun-1961,3.2,0.134230\n",
    );
    let fred = write(
        home.path(),
        "fred_copy.csv",
        "observation_date,ACMTP10\n1961-06-14,0.5\n1961-06-15,0.6\n",
    );
    assert_eq!(run(home.path(), &["data", "import", p(&acm)]).code, Some(0));
    let out = run(
        home.path(),
        &["data", "import", "--kind", "fred-csv", p(&fred)],
    );
    assert_refused(&out, "source");
    let replaced = run(
        home.path(),
        &[
            "data",
            "import",
            "--kind",
            "fred-csv",
            "--replace",
            p(&fred),
        ],
    );
    assert_eq!(replaced.code, Some(0), "{}", replaced.stderr);
}

/// Issue 12: `--replace` makes the file the series' rows, so rows a publisher withdrew
/// disappear; a plain import keeps history.
#[test]
fn replace_removes_rows_the_publisher_withdrew_and_plain_import_keeps_them() {
    let home = tempfile::tempdir().unwrap();
    let full = write(home.path(), "DGS10.csv", DAILY);
    let shorter = write(
        home.path(),
        "DGS10_revised.csv",
        "DATE,DGS10\n2020-01-02,1.88\n2020-01-03,1.79\n2020-01-07,1.83\n",
    );
    assert_eq!(
        run(home.path(), &["data", "import", p(&full)]).code,
        Some(0)
    );
    let plain = run(home.path(), &["data", "import", p(&shorter)]);
    assert_eq!(plain.code, Some(0), "{}", plain.stderr);
    let kept = export(home.path(), "DGS10");
    assert_eq!(kept.len(), 4, "plain import keeps 2020-01-06: {kept:?}");
    assert!(
        kept.iter().any(|r| r.contains("2020-01-03,1.79")),
        "{kept:?}"
    );

    let out = run(home.path(), &["data", "import", "--replace", p(&shorter)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("1 stored rows"), "{}", out.stdout);
    let replaced = export(home.path(), "DGS10");
    assert_eq!(replaced.len(), 3, "{replaced:?}");
    assert!(
        !replaced.iter().any(|r| r.contains("2020-01-06")),
        "{replaced:?}"
    );
}

#[test]
fn series_id_with_a_newline_is_refused_on_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let file = write(home.path(), "x.csv", "date,value\n2020-01-02,1\n");
    let out = run(
        home.path(),
        &["data", "import", "--series", "A\nB", p(&file)],
    );
    assert_refused(&out, "--series");
}

#[test]
fn truncated_dfast_file_is_refused_and_the_store_is_unchanged() {
    let home = tempfile::tempdir().unwrap();
    let whole =
        std::fs::read(workspace_root().join("testdata/dfast/2025-Baseline_Domestic_sample.csv"))
            .unwrap();
    let text = String::from_utf8(whole).unwrap();
    let cut = &text[..text.find(",7.6,583").unwrap() + ",7.6,583".len()];
    let path = write(home.path(), "2025-Baseline_Domestic.csv", cut);
    let out = run(home.path(), &["data", "import", p(&path)]);
    assert_refused(&out, "truncated");
    let list = run(home.path(), &["data", "list"]);
    assert!(!list.stdout.contains("DFAST"), "{}", list.stdout);
}

#[test]
fn duplicate_dates_are_refused_naming_both_lines() {
    let home = tempfile::tempdir().unwrap();
    let path = write(
        home.path(),
        "DGS10.csv",
        "DATE,DGS10\n2020-01-02,1.88\n2020-01-03,1.80\n2020-01-02,1.90\n",
    );
    let out = run(home.path(), &["data", "import", p(&path)]);
    assert_refused(&out, "lines 2 and 4");
}

// ---- command-line numbers and work bounds -----------------------------------------------------

#[test]
fn stress_bench_vars_100000_is_refused_not_an_80_gb_allocation() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["stress", "bench", "--vars", "100000"]);
    assert_refused(&out, "--vars");
}

#[test]
fn stress_bench_steps_and_paths_are_capped() {
    let home = tempfile::tempdir().unwrap();
    assert_refused(
        &run(home.path(), &["stress", "bench", "--steps", "1000000000"]),
        "--steps",
    );
    assert_refused(
        &run(
            home.path(),
            &["stress", "bench", "--paths", "1000000000000"],
        ),
        "--paths",
    );
    // Each within its cap, together too much work.
    assert_refused(
        &run(
            home.path(),
            &[
                "stress",
                "bench",
                "--paths",
                "100000000",
                "--vars",
                "200",
                "--steps",
                "600",
            ],
        ),
        "draws",
    );
}

#[test]
fn stress_run_paths_10_pow_12_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let out = run(
        home.path(),
        &[
            "stress",
            "run",
            "bond-vigilantes",
            "--paths",
            "1000000000000",
        ],
    );
    assert_refused(&out, "--paths");
}

#[test]
fn reverse_change_nan_is_refused_not_reported_as_no_shock() {
    let home = tempfile::tempdir().unwrap();
    for bad in ["nan", "inf", "-inf"] {
        let out = run(
            home.path(),
            &[
                "stress",
                "reverse",
                "--target",
                "index_fair_value",
                "--change",
                bad,
                "--shock",
                "ust10y",
            ],
        );
        assert_refused(&out, "finite");
    }
}

#[test]
fn stress_run_df_nan_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let out = run(
        home.path(),
        &[
            "stress",
            "run",
            "bond-vigilantes",
            "--dist",
            "t",
            "--df",
            "nan",
        ],
    );
    assert_refused(&out, "finite");
}

#[test]
fn reversed_estimation_window_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let out = run(
        home.path(),
        &[
            "stress",
            "run",
            "bond-vigilantes",
            "--paths",
            "0",
            "--window-from",
            "2020-01-01",
            "--window-to",
            "2010-01-01",
        ],
    );
    assert_refused(&out, "reversed");
}

#[test]
fn refinancing_screen_refuses_nan_rates() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        ["--old-rate", "nan"],
        ["--new-rate", "inf"],
        ["--repriced-share", "2"],
    ] {
        let out = run(
            home.path(),
            &["companies", "screen", "refinancing", args[0], args[1]],
        );
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn history_to_9999_01_is_refused_not_a_panic() {
    let home = tempfile::tempdir().unwrap();
    let daily = write(home.path(), "DGS10.csv", DAILY);
    assert_eq!(
        run(home.path(), &["data", "import", p(&daily)]).code,
        Some(0)
    );
    for args in [
        ["--to", "9999-01"],
        ["--to", "9999-12"],
        ["--from", "0001-01"],
    ] {
        let out = run(home.path(), &["history", args[0], args[1]]);
        assert_refused(&out, args[0]);
    }
}

/// Issue 28: `audit`/`report --as-of 9999-12-31` panicked (exit 101) and `serve --as-of
/// 9999-…` answered 500 on every page. Every command taking `--as-of` refuses a date more than
/// a year ahead with exit 2 naming the flag (the dashboard before it listens).
#[test]
fn far_future_as_of_is_refused_by_every_command() {
    let home = tempfile::tempdir().unwrap();
    let daily = write(home.path(), "DGS10.csv", DAILY);
    assert_eq!(
        run(home.path(), &["data", "import", p(&daily)]).code,
        Some(0)
    );
    let out_file = home.path().join("r.html");
    for date in ["9999-12-31", "9999-12-01", "5000-01-01", "2200-01-01"] {
        assert_refused(&run(home.path(), &["audit", "--as-of", date]), "--as-of");
        assert_refused(
            &run(
                home.path(),
                &["report", "--as-of", date, "--out", p(&out_file)],
            ),
            "--as-of",
        );
        assert_refused(
            &run(
                home.path(),
                &["serve", "--addr", "127.0.0.1:0", "--as-of", date],
            ),
            "--as-of",
        );
    }
    assert!(!out_file.exists());
}

/// Issue 28: `portfolio run --paths 1e12` ran for minutes without end. The count is capped,
/// the message names the flag and the cap.
#[test]
fn portfolio_run_paths_over_the_cap_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let holdings = write(
        home.path(),
        "h.csv",
        "asset,weight\nus_large_cap,60\ntreasuries_10y,40\n",
    );
    for paths in ["1000000000000", "18446744073709551615", "1000001"] {
        let out = run(
            home.path(),
            &["portfolio", "run", p(&holdings), "--paths", paths],
        );
        assert_refused(&out, "--paths");
        assert!(out.stderr.contains("1000000"), "{}", out.stderr);
    }
}

// ---- report and home ---------------------------------------------------------------------------

#[test]
fn report_on_values_of_plus_minus_1e308_does_not_panic() {
    let home = tempfile::tempdir().unwrap();
    let extreme = write(
        home.path(),
        "DGS10.csv",
        "DATE,DGS10\n2020-01-02,-1e308\n2020-01-03,1e308\n2020-01-06,1.5\n",
    );
    assert_eq!(
        run(home.path(), &["data", "import", p(&extreme)]).code,
        Some(0)
    );
    let out_file = home.path().join("r.html");
    let out = run(home.path(), &["report", "--out", p(&out_file)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out_file.is_file());
}

#[test]
fn report_out_never_replaces_a_fifo_or_a_directory() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("pipe.html");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let out = run(home.path(), &["report", "--out", p(&fifo)]);
        assert_refused(&out, "not a regular file");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(!kind.is_file(), "the FIFO was replaced");
    }
    let dir = home.path().join("adir.html");
    std::fs::create_dir(&dir).unwrap();
    let out = run(home.path(), &["report", "--out", p(&dir)]);
    assert_refused(&out, "not a regular file");
    assert!(dir.is_dir());
}

#[test]
fn report_out_leaves_no_temporary_file_when_it_fails() {
    let home = tempfile::tempdir().unwrap();
    // The rename fails: the destination is a non-empty directory behind a regular-looking
    // name inside a directory we can write. Use a path whose parent is a file instead.
    let parent = write(home.path(), "not_a_dir", "x");
    let out = run(
        home.path(),
        &["report", "--out", &format!("{}/r.html", p(&parent))],
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let leftovers: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn home_pointing_at_a_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "home_file", "not a directory");
    let out = run_cmd(bullcheck(&file).args(["audit"]));
    assert_refused(&out, "not a directory");
}

#[test]
fn read_only_home_still_reads_and_says_read_only_for_writes() {
    use std::os::unix::fs::PermissionsExt as _;
    let home = tempfile::tempdir().unwrap();
    let daily = write(home.path(), "DGS10.csv", DAILY);
    assert_eq!(
        run(home.path(), &["data", "import", p(&daily)]).code,
        Some(0)
    );
    // Checkpoint the WAL so the read-only open sees every row.
    let store = home.path().join("bullcheck.sqlite");
    for entry in std::fs::read_dir(home.path()).unwrap().flatten() {
        let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o444));
    }
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = home.path().join("probe");
    if std::fs::write(&probe, "x").is_ok() {
        // Running as root: permissions do not bind; nothing to test here.
        let _ = std::fs::remove_file(&probe);
        std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        crate::support::skip(
            "file permissions do not bind for this user (root); run as an ordinary user",
        );
        return;
    }
    let list = run(home.path(), &["data", "list"]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    assert!(list.stdout.contains("DGS10"), "{}", list.stdout);
    let write_attempt = run(home.path(), &["data", "import", p(&daily)]);
    assert_refused(&write_attempt, "read-only");
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let _ = std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o644));
}

// ---- user TOML ---------------------------------------------------------------------------------

fn user_check(id: &str, thresholds: &str) -> String {
    format!(
        r#"[[check]]
id = "{id}"
module = "fiscal"
title = "t"
unit = "%"
compute = "latest"
series = ["DGS10"]
direction = "higher_is_worse"
thresholds = {thresholds}
what = "w"
why = "w"
how = "h"
limits = "l"
[check.claim]
seed = "000"
text = "t"
rule = {{ kind = "forecast", trigger = 5.0 }}
"#
    )
}

#[test]
fn user_check_with_nan_threshold_fails_the_audit_naming_file_and_line() {
    let home = tempfile::tempdir().unwrap();
    let checks = home.path().join("checks");
    std::fs::create_dir(&checks).unwrap();
    write(
        &checks,
        "mine.toml",
        user_check("my_check", "{ watch = nan }"),
    );
    let out = run(home.path(), &["audit"]);
    assert_refused(&out, "mine.toml:2");
}

#[test]
fn user_check_cannot_silently_replace_a_built_in() {
    let home = tempfile::tempdir().unwrap();
    let checks = home.path().join("checks");
    std::fs::create_dir(&checks).unwrap();
    write(&checks, "mine.toml", user_check("fiscal_10y_5pct", "{}"));
    let out = run(home.path(), &["audit"]);
    assert_refused(&out, "built-in");
}

#[test]
fn duplicate_user_check_ids_across_files_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let checks = home.path().join("checks");
    std::fs::create_dir(&checks).unwrap();
    write(&checks, "a.toml", user_check("my_check", "{}"));
    write(&checks, "b.toml", user_check("my_check", "{}"));
    let out = run(home.path(), &["audit"]);
    assert_refused(&out, "already defined in");
}

#[test]
fn scenario_file_with_nan_shock_or_zero_gpu_life_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let head = "name = \"x\"\ntitle = \"t\"\nhorizon_quarters = 4\n";
    let nan = write(
        home.path(),
        "nan.toml",
        format!("{head}[[shocks]]\nvariable = \"ust10y\"\nkind = \"change\"\nvalue = nan\n"),
    );
    assert_refused(
        &run(home.path(), &["stress", "run", p(&nan), "--paths", "0"]),
        "finite",
    );
    let zero = write(
        home.path(),
        "zero.toml",
        format!("{head}[parameters]\ngpu_life_years = 0\n"),
    );
    assert_refused(
        &run(home.path(), &["stress", "run", p(&zero), "--paths", "0"]),
        "gpu_life_years",
    );
}

// ---- HTTP client -------------------------------------------------------------------------------

#[test]
fn gzip_bomb_from_data_update_is_capped_with_a_short_error() {
    use flate2::write::GzEncoder;
    let home = tempfile::tempdir().unwrap();
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(b"DATE,DGS10\n").unwrap();
    let junk = vec![b'9'; 1 << 20];
    for _ in 0..8 {
        encoder.write_all(&junk).unwrap();
    }
    let body = encoder.finish().unwrap();
    assert!(body.len() < 100_000, "{}", body.len());
    let server = Server::start(vec![(
        "/graph/fredgraph.csv?id=DGS10",
        vec![Reply::ok(body).header("Content-Encoding", "gzip")],
    )]);
    let out = run_cmd(
        bullcheck(home.path())
            .env("BULLCHECK_FRED_BASE_URL", server.url())
            .env("BULLCHECK_HTTP_MAX_BODY_MB", "1")
            .env("BULLCHECK_HTTP_RETRY_BASE_MS", "10")
            .env_remove("BULLCHECK_OFFLINE")
            .args(["data", "update", "DGS10"]),
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("decompressed"), "{}", out.stderr);
    assert!(
        out.stderr.len() < 4_000,
        "{} bytes of stderr",
        out.stderr.len()
    );
}

// ---- dashboard -----------------------------------------------------------------------------------

/// Sends `request` as is; returns (status, body) or `None` when the server closed without a
/// response.
fn raw(addr: SocketAddr, request: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(request.as_bytes()).ok()?;
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some((status, body.to_string()))
}

fn post(addr: SocketAddr, host: &str, extra_headers: &str) -> u16 {
    raw(
        addr,
        &format!(
            "POST /api/data/update HTTP/1.1\r\nHost: {host}\r\n{extra_headers}Connection: close\r\nContent-Length: 0\r\n\r\n"
        ),
    )
    .expect("a response")
    .0
}

#[test]
fn cross_site_post_to_data_update_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &[]);
    let host = server.addr.to_string();
    assert_eq!(
        post(server.addr, &host, "Origin: http://evil.example\r\n"),
        403
    );
    assert_eq!(
        post(server.addr, &host, "Sec-Fetch-Site: cross-site\r\n"),
        403
    );
    assert_eq!(post(server.addr, &host, "Origin: null\r\n"), 403);
    // The dashboard's own script: same origin.
    let same = post(
        server.addr,
        &host,
        &format!("Origin: http://{host}\r\nSec-Fetch-Site: same-origin\r\n"),
    );
    assert!(matches!(same, 202 | 409), "{same}");
}

#[test]
fn foreign_host_header_is_refused_against_dns_rebinding() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &[]);
    let port = server.addr.port();
    let get = |host: String| {
        raw(
            server.addr,
            &format!("GET /api/checks HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
        .expect("a response")
        .0
    };
    assert_eq!(get(format!("evil.example:{port}")), 421);
    assert_eq!(get(format!("localhost.evil.example:{port}")), 421);
    assert_eq!(get(format!("localhost:{port}")), 200);
    assert_eq!(get(format!("127.0.0.1:{port}")), 200);
}

#[test]
fn allow_host_adds_a_name() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &["--allow-host", "mybox.lan"]);
    let (status, _) = raw(
        server.addr,
        "GET /api/checks HTTP/1.1\r\nHost: mybox.lan:80\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    assert_eq!(status, 200);
}

#[test]
fn chunked_body_over_the_limit_is_413() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &[]);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let head = format!(
        "POST /api/data/update HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        server.addr
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let chunk = vec![b'a'; 64 << 10];
        for _ in 0..32 {
            // 2 MiB in all; the server stops reading after its limit.
            if writer
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .is_err()
                || writer.write_all(&chunk).is_err()
                || writer.write_all(b"\r\n").is_err()
            {
                return;
            }
        }
        let _ = writer.write_all(b"0\r\n\r\n");
    });
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf);
    let _ = sender.join();
    let text = String::from_utf8_lossy(&buf);
    assert!(
        text.starts_with("HTTP/1.1 413"),
        "{}",
        &text[..text.len().min(200)]
    );
}

#[test]
fn idle_connections_are_closed_after_the_header_timeout() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &["--header-timeout", "1"]);
    let mut idle = TcpStream::connect(server.addr).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 64];
    let read = idle.read(&mut buf);
    assert!(
        matches!(read, Ok(0)) || read.is_err() && started.elapsed() < Duration::from_secs(15),
        "{read:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(15));
    // A slow client that sends half a header is cut too.
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let started = Instant::now();
    let _ = slow.read(&mut buf);
    assert!(started.elapsed() < Duration::from_secs(15));
}

#[test]
fn connection_cap_keeps_idle_sockets_from_starving_the_server() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(
        home.path(),
        &["--max-connections", "2", "--header-timeout", "60"],
    );
    let mut idle: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(server.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // Past the cap: a request is answered at once, not queued behind the idle sockets (issue
    // 28: the oldest connection still waiting for its request makes room).
    let started = Instant::now();
    let answer = raw(
        server.addr,
        &format!(
            "GET /api/checks HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.addr
        ),
    );
    assert_eq!(answer.map(|(s, _)| s), Some(200));
    assert!(started.elapsed() < Duration::from_secs(10));
    // The oldest idle socket was the one closed.
    idle[0]
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buf = [0u8; 16];
    let read = idle[0].read(&mut buf);
    assert!(matches!(read, Ok(0)) || read.is_err(), "{read:?}");
    idle.clear();
}

#[test]
fn api_reversed_date_range_is_400() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &[]);
    let (status, body) = raw(
        server.addr,
        &format!(
            "GET /api/series/DGS10?from=2020-01-01&to=2019-01-01 HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.addr
        ),
    )
    .unwrap();
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("reversed"), "{body}");
}

#[test]
fn api_bad_value_is_quoted_as_an_excerpt() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &[]);
    let long = "9".repeat(6_000);
    let (status, body) = raw(
        server.addr,
        &format!(
            "GET /api/series/DGS10?from={long} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.addr
        ),
    )
    .unwrap();
    assert_eq!(status, 400);
    assert!(body.len() < 1_000, "{} bytes", body.len());
}

/// Another host (127.0.0.2: still loopback, should the rule ever regress).
#[test]
fn redirect_to_another_host_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(vec![(
        "/graph/fredgraph.csv?id=DGS10",
        vec![Reply::status(302).header("Location", "http://127.0.0.2:9/x.csv")],
    )]);
    let out = run_cmd(
        bullcheck(home.path())
            .env("BULLCHECK_FRED_BASE_URL", server.url())
            .env("BULLCHECK_HTTP_RETRY_BASE_MS", "10")
            .env_remove("BULLCHECK_OFFLINE")
            .args(["data", "update", "DGS10"]),
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("redirect"), "{}", out.stderr);
}

#[test]
fn redirect_on_the_same_host_is_followed() {
    let home = tempfile::tempdir().unwrap();
    let body =
        std::fs::read(workspace_root().join("testdata/http/fredgraph_DGS10_to_2024-07-05.csv"))
            .unwrap();
    let server = Server::start(vec![
        (
            "/graph/fredgraph.csv?id=DGS10",
            vec![Reply::status(301).header("Location", "/moved/DGS10.csv")],
        ),
        ("/moved/DGS10.csv", vec![Reply::ok(body)]),
    ]);
    let out = run_cmd(
        bullcheck(home.path())
            .env("BULLCHECK_FRED_BASE_URL", server.url())
            .env_remove("BULLCHECK_OFFLINE")
            .args(["data", "update", "DGS10"]),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(!export(home.path(), "DGS10").is_empty());
}

#[test]
fn unknown_series_id_is_quoted_as_an_excerpt() {
    let home = tempfile::tempdir().unwrap();
    let daily = write(home.path(), "DGS10.csv", DAILY);
    assert_eq!(
        run(home.path(), &["data", "import", p(&daily)]).code,
        Some(0)
    );
    let long = "X".repeat(100_000);
    let out = run(home.path(), &["data", "show", &long]);
    assert_refused(&out, "unknown series");
    assert!(
        out.stderr.len() < 1_000,
        "{} bytes of stderr",
        out.stderr.len()
    );
}

/// Issue 15: a user check with `params = { sclae = 100.0 }` used to be accepted, the default
/// scale applied, and a high-yield spread of 436 bp printed as 4.36. The key is refused,
/// naming the file, its line, the check and the keys the computation reads.
#[test]
fn misspelled_param_sclae_is_refused_naming_it() {
    let home = tempfile::tempdir().unwrap();
    let checks = home.path().join("checks");
    std::fs::create_dir_all(&checks).unwrap();
    write(
        &checks,
        "my.toml",
        r#"[[check]]
id = "my_hy_bp"
module = "market"
title = "HY spread in basis points"
unit = "bp"
compute = "latest"
series = ["BAMLH0A0HYM2"]
params = { sclae = 100.0 }
direction = "higher_is_worse"
what = "w"
why = "w"
how = "h"
limits = "l"
[check.claim]
seed = "user"
text = "t"
rule = { kind = "above", threshold = 500.0 }
"#,
    );
    let r = run(home.path(), &["audit"]);
    assert_refused(
        &r,
        "unknown params key `sclae` for compute `latest` (it reads: scale)",
    );
    assert!(
        r.stderr.contains("my.toml") && r.stderr.contains(":8"),
        "{}",
        r.stderr
    );
}
