//! Respect for the terminal: shell completions, the config file (`config.toml`, `config
//! show`), and a progress line on a terminal for long commands that is absent when piped.

use crate::support::{bullcheck, run_ok};

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    let home = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef bullcheck"),
        ("fish", "complete -c bullcheck"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = run_ok(home.path(), &["completions", shell]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(marker),
            "{shell}: {}",
            &text[..200.min(text.len())]
        );
        for sub in ["audit", "checks", "stress", "portfolio", "completions"] {
            assert!(text.contains(sub), "{shell} lacks {sub}");
        }
    }
    let out = bullcheck(home.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn config_file_sets_language_format_and_offline_and_the_command_line_wins() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // No file: the built-in defaults.
    let shown = String::from_utf8(run_ok(h, &["config", "show"]).stdout).unwrap();
    assert!(shown.contains("none: built-in defaults"), "{shown}");
    std::fs::write(
        h.join("config.toml"),
        "lang = \"zh\"\nformat = \"json\"\noffline = true\n",
    )
    .unwrap();
    let shown = String::from_utf8(run_ok(h, &["config", "show"]).stdout).unwrap();
    assert!(
        shown.contains("config.toml") && !shown.contains("none:"),
        "{shown}"
    );
    assert!(
        shown.contains("lang       zh") && shown.contains("offline    true"),
        "{shown}"
    );
    // `format = "json"` reaches audit; the audit's JSON stays English (a contract).
    let out = run_ok(h, &["audit"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON by default");
    assert!(doc["checks"].is_array());
    // `lang = "zh"`: the terminal table is Chinese unless --lang en is typed.
    let zh = String::from_utf8(run_ok(h, &["audit", "--format", "table"]).stdout).unwrap();
    assert!(zh.contains("评估日"), "{zh}");
    let en = String::from_utf8(run_ok(h, &["--lang", "en", "audit", "--format", "table"]).stdout)
        .unwrap();
    assert!(!en.contains("评估日"), "{en}");
    // `checks` offers no json: its own default (the table) stays.
    let list = String::from_utf8(run_ok(h, &["checks"]).stdout).unwrap();
    assert!(list.contains("fiscal_10y_5pct") && !list.trim_start().starts_with('{'));
    // offline = true: an update fetches nothing and fails as --offline does.
    let out = bullcheck(h)
        .args(["data", "update", "DGS10"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn config_file_with_an_unknown_key_is_refused_naming_file_line_and_key() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("config.toml"),
        "lang = \"en\"\ncolour = \"red\"\n",
    )
    .unwrap();
    let out = bullcheck(home.path()).arg("audit").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml") && err.contains("line 2") && err.contains("colour"),
        "{err}"
    );
}

#[test]
fn config_home_moves_the_store() {
    let home = tempfile::tempdir().unwrap();
    let store = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("config.toml"),
        format!("home = {:?}\n", store.path().to_str().unwrap()),
    )
    .unwrap();
    let shown = String::from_utf8(run_ok(home.path(), &["config", "show"]).stdout).unwrap();
    assert!(
        shown.contains(&format!("home       {}", store.path().display())),
        "{shown}"
    );
}

/// The report on a pseudo-terminal (util-linux `script`) shows what it is doing; piped, its
/// stderr holds only the closing line.
#[test]
fn long_commands_show_progress_on_a_terminal_and_nothing_when_piped() {
    let home = tempfile::tempdir().unwrap();
    let out_file = home.path().join("r.html");
    let piped = run_ok(
        home.path(),
        &["report", "--out", out_file.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert!(!stderr.contains("building the report"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    if !std::path::Path::new("/usr/bin/script").exists() {
        crate::support::skip("needs util-linux `script` for a pseudo-terminal");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("bullcheck");
    let command = format!(
        "{} --home {} report --out {}",
        bin.display(),
        home.path().display(),
        out_file.display()
    );
    let tty = std::process::Command::new("/usr/bin/script")
        .args(["-qec", &command, "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let seen = String::from_utf8_lossy(&tty.stdout);
    assert!(tty.status.success(), "{seen}");
    assert!(seen.contains("building the report"), "{seen}");
}

/// A folder import and a companies ingest count their files (entries) on a pseudo-terminal;
/// piped, stderr holds no bar.
#[test]
fn imports_and_ingest_show_a_count_on_a_terminal_and_nothing_when_piped() {
    let home = tempfile::tempdir().unwrap();
    let root = crate::support::workspace_root().join("testdata");
    let fred = [
        root.join("fred/DGS10_dberweger_2024-07.csv"),
        root.join("fred/PSAVERT_bom.csv"),
    ];
    let sec = root.join("sec/companyfacts_restated.json");
    let import: Vec<&str> = std::iter::once("data")
        .chain(["import"])
        .chain(fred.iter().map(|p| p.to_str().unwrap()))
        .collect();
    let piped = run_ok(home.path(), &import);
    assert!(!String::from_utf8_lossy(&piped.stderr).contains(" files"));
    let piped = run_ok(home.path(), &["companies", "ingest", sec.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("entries"));
    if !std::path::Path::new("/usr/bin/script").exists() {
        crate::support::skip("needs util-linux `script` for a pseudo-terminal");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("bullcheck");
    let on_tty = |args: &str| {
        let command = format!("{} --home {} {args}", bin.display(), home.path().display());
        let tty = std::process::Command::new("/usr/bin/script")
            .args(["-qec", &command, "/dev/null"])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            tty.status.success(),
            "{}",
            String::from_utf8_lossy(&tty.stdout)
        );
        String::from_utf8_lossy(&tty.stdout).to_string()
    };
    let seen = on_tty(&format!(
        "data import --replace {} {}",
        fred[0].display(),
        fred[1].display()
    ));
    assert!(seen.contains("/2 files"), "{seen}");
    let seen = on_tty(&format!("companies ingest {}", sec.display()));
    assert!(
        seen.contains("1/1 entries") || seen.contains("0/1 entries"),
        "{seen}"
    );
}
