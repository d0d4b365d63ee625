//! Your own files and the publishers' downloads (issue 24): `docs/own-data.md` run as written,
//! two users' `Date,Close` files, refusals that give a command which then works, folder
//! imports that list what they skipped, zips, ALFRED vintages and the EBP file re-saved
//! day-first.

use std::path::Path;

use crate::support::{bullcheck, shared_data, workspace_root};

/// Splits a documented command line like a POSIX shell does for plain words and quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, ' ') => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// Every `$ bullcheck …` line of the ```console blocks of a page, with the lines printed under
/// it.
fn documented_commands(page: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_console = false;
    for line in page.lines() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        match line.strip_prefix("$ ") {
            Some(command) => out.push((command.to_string(), Vec::new())),
            None => out
                .last_mut()
                .expect("output before a command")
                .1
                .push(line.into()),
        }
    }
    out
}

#[test]
fn the_own_data_page_runs_as_written() {
    let root = workspace_root();
    let page = std::fs::read_to_string(root.join("docs/own-data.md")).unwrap();
    let commands = documented_commands(&page);
    assert!(commands.len() >= 6, "{commands:?}");
    let home = tempfile::tempdir().unwrap();
    for (command, expected) in commands {
        let words = shell_words(&command);
        assert_eq!(words[0], "bullcheck", "{command}");
        let out = bullcheck(home.path())
            .current_dir(&root)
            .args(&words[1..])
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let printed: Vec<&str> = printed.lines().collect();
        assert_eq!(printed, expected, "`{command}` printed otherwise");
        let refused = expected.first().is_some_and(|l| l.starts_with("error:"));
        assert_eq!(
            out.status.code(),
            Some(if refused { 2 } else { 0 }),
            "{command}"
        );
    }
}

fn fixture(path: &str) -> std::path::PathBuf {
    workspace_root().join("testdata").join(path)
}

fn export(home: &Path, id: &str) -> String {
    let out = bullcheck(home)
        .args(["data", "export", id])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn two_users_date_close_files_are_two_series_named_after_their_files() {
    // AAPL's closes used to overwrite NVDA's: both became series `Close`, labelled FRED.
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("own/nvda_close.csv"), dir.path().join("NVDA.csv")).unwrap();
    std::fs::copy(fixture("own/AAPL.csv"), dir.path().join("AAPL.csv")).unwrap();
    let out = bullcheck(home.path())
        .args(["data", "import"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let nvda = export(home.path(), "NVDA");
    let aapl = export(home.path(), "AAPL");
    assert!(nvda.contains("NVDA,2020-01-08,6.009500026702881"), "{nvda}");
    assert!(aapl.contains("AAPL,2012-09-12,669.79"), "{aapl}");
    let list = bullcheck(home.path())
        .args(["data", "list", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let sources: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["source"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sources,
        [
            ("AAPL", "your file AAPL.csv"),
            ("NVDA", "your file NVDA.csv")
        ]
    );
}

#[test]
fn a_refusal_gives_a_command_that_then_works() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.csv");
    std::fs::copy(fixture("own/AAPL.csv"), &file).unwrap();
    let out = bullcheck(home.path())
        .current_dir(dir.path())
        .args(["data", "import", "data.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let command = stderr
        .split("name it: ")
        .nth(1)
        .unwrap_or_else(|| panic!("{stderr}"))
        .trim();
    assert_eq!(command, "bullcheck data import data.csv --id MY_SERIES");
    let words = shell_words(command);
    let out = bullcheck(home.path())
        .current_dir(dir.path())
        .args(&words[1..])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(export(home.path(), "MY_SERIES").contains("MY_SERIES,2012-09-05,670.23"));
}

#[test]
fn a_folder_import_lists_what_it_skipped_and_reads_french_daily_files_and_zips() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let daily =
        std::fs::read(fixture("french/F-F_Research_Data_Factors_daily_sample.CSV")).unwrap();
    std::fs::write(
        dir.path().join("F-F_Research_Data_Factors_daily.CSV"),
        &daily,
    )
    .unwrap();
    // The zip Ken French serves: one CSV inside.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "F-F_Momentum_Factor_daily.CSV",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, &daily).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    std::fs::write(dir.path().join("F-F_Momentum_Factor_daily_CSV.zip"), bytes).unwrap();
    // A user's file that says nothing, and a Fiscal Data CSV.
    std::fs::copy(fixture("own/AAPL.csv"), dir.path().join("data.csv")).unwrap();
    std::fs::write(
        dir.path().join("debt.csv"),
        "record_date,tot_pub_debt_out_amt\n2024-01-02,1\n",
    )
    .unwrap();
    let out = bullcheck(home.path())
        .args(["data", "import"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stdout.contains(
            "imported F-F_Research_Data_Factors_daily.CSV (french): 4 series (FF3_DAILY_MKT_RF"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "imported F-F_Momentum_Factor_daily_CSV.zip/F-F_Momentum_Factor_daily.CSV (french): 4 series"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped debt.csv: unsupported: a US Treasury Fiscal Data CSV"),
        "{stdout}"
    );
    // The summary lists each failed file with its reason.
    assert!(
        stderr.contains("error: 1 of 4 files failed to import"),
        "{stderr}"
    );
    let listed = stderr
        .split("\n  data.csv: ")
        .nth(1)
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(listed.contains("data.csv:1: field `Close`"), "{stderr}");
    assert!(export(home.path(), "FF3_DAILY_MKT_RF").contains("FF3_DAILY_MKT_RF,2021-10-29,0.22"));
}

#[test]
fn alfred_vintages_are_stored_as_vintages_and_the_newest_is_shown() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args(["data", "import"])
        .arg(fixture("fred/alfredgraph_USSTHPI.csv"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Four dates in two vintages, every value revised: eight rows.
    assert!(
        stdout.contains("(fred-csv): USSTHPI 8 rows (8 new)"),
        "{stdout}"
    );
    let csv = export(home.path(), "USSTHPI");
    assert!(csv.contains("USSTHPI,1998-10-01,213.93"), "{csv}");
    assert!(!csv.contains("213.95"), "{csv}");
}

#[test]
fn the_ebp_file_re_saved_day_first_is_stored_on_the_same_dates() {
    // Every row of the shared EBP file, written D/M/YYYY as a day-first spreadsheet re-saves
    // it (and M/D/YYYY as the Fed writes it): both must store the ISO file's dates, not put
    // 1 September 1997 on 9 January.
    let Some(shared) = shared_data() else { return };
    let iso = std::fs::read_to_string(shared.join("credit/ebp_csv.csv")).unwrap();
    let rewrite = |day_first: bool| {
        let mut out = String::new();
        for (i, line) in iso.lines().enumerate() {
            if i == 0 {
                out.push_str(line);
            } else {
                let (date, rest) = line.split_once(',').unwrap();
                let mut parts = date.split('-');
                let (y, m, d) = (
                    parts.next().unwrap(),
                    parts.next().unwrap(),
                    parts.next().unwrap(),
                );
                let (m, d) = (m.trim_start_matches('0'), d.trim_start_matches('0'));
                let date = if day_first {
                    format!("{d}/{m}/{y}")
                } else {
                    format!("{m}/{d}/{y}")
                };
                out.push_str(&format!("{date},{rest}"));
            }
            out.push('\n');
        }
        out
    };
    let mut exports = Vec::new();
    for (name, text) in [
        ("iso", iso.clone()),
        ("day_first", rewrite(true)),
        ("month_first", rewrite(false)),
    ] {
        let home = tempfile::tempdir().unwrap();
        let file = home.path().join(format!("ebp_{name}.csv"));
        std::fs::write(&file, text).unwrap();
        let out = bullcheck(home.path())
            .args(["data", "import"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        exports.push(export(home.path(), "GZ_EBP"));
    }
    assert!(
        exports[0].contains("GZ_EBP,1997-09-01,"),
        "{}",
        &exports[0][..200]
    );
    assert_eq!(exports[0], exports[1]);
    assert_eq!(exports[0], exports[2]);
}
