//! What a public clone holds: `docs/claims.md` is the output of `bullcheck checks --format
//! markdown` (regenerated, never edited by hand), it names every check and the four analyses,
//! and no output or document a user reads points at a file the repository does not ship
//! (`../shared/...`, the research notes by their old names, a local absolute path).

use std::path::{Path, PathBuf};

use crate::support::{run_ok, workspace_root};

/// References that lead nowhere on a clone: the files of a development machine.
const NOWHERE: [&str; 10] = [
    "CATALOGUE.md",
    "METHODS-AND-PEERS",
    "PRODUCT.md",
    "VALIDATION.md",
    "CRATES.md",
    "STYLE-ANCHORS",
    "shared/seeds",
    "/work/",
    "/home/",
    "/Users/",
];

/// The lines of `text` that point outside the repository. `../shared/data` may be named
/// only as the default place of the optional public data set (the line says "beside the
/// repository" or names `BULLCHECK_SHARED_DATA`), never as the home of a cited file; test
/// code that builds that default path (`.join(`) is not shown to a user.
fn dangling(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| {
            NOWHERE.iter().any(|p| line.contains(p))
                || (line.contains("../shared")
                    && !line.contains(".join(")
                    && (line.contains("../shared/data/")
                        || !line.contains("../shared/data")
                        || !line.contains("BULLCHECK_SHARED_DATA")
                            && !line.contains("beside the repository")))
        })
        .map(|l| l.trim().chars().take(160).collect())
        .collect()
}

fn files_below(dir: &Path, ext: &[&str], out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | ".git" | "validation" | "tests") {
                files_below(&path, ext, out);
            }
        } else if ext.iter().any(|e| name.ends_with(e)) {
            out.push(path);
        }
    }
}

#[test]
fn claims_md_is_the_output_of_checks_format_markdown() {
    let home = tempfile::tempdir().unwrap();
    let out = run_ok(home.path(), &["checks", "--format", "markdown"]);
    let generated = String::from_utf8(out.stdout).unwrap();
    let committed =
        std::fs::read_to_string(workspace_root().join("docs/claims.md")).expect("docs/claims.md");
    assert!(
        generated == committed,
        "docs/claims.md is out of date: regenerate it with\n  \
         cargo run -- checks --format markdown > docs/claims.md"
    );
}

#[test]
fn claims_md_names_every_check_its_seeds_and_the_four_analyses() {
    let text = std::fs::read_to_string(workspace_root().join("docs/claims.md")).unwrap();
    for def in bullcheck_core::checks::def::builtin_defs() {
        assert!(
            text.contains(&format!("### `{}` — ", def.id)),
            "{} missing",
            def.id
        );
        if !def.threshold_origin.is_empty() {
            assert!(text.contains(&def.threshold_origin), "{}: origin", def.id);
        }
    }
    // The analyses as their texts name them (oracle: the texts' first lines).
    for named in [
        "美股“长牛”源代码里的6000亿美元Bug",
        "美股长牛逻辑的压力测试与盲点补全",
        "2026-01-22",
        "网易号",
        "小銳",
        "美国的AI泡沫快顶不住了",
        "小酒馆商吧",
    ] {
        assert!(text.contains(named), "{named}");
    }
    // Every seed a claim cites links to its row.
    for code in ["000", "001", "002", "003"] {
        assert!(text.contains(&format!("<a id=\"seed-{code}\"></a>")));
        assert!(text.contains(&format!("[{code}](#seed-{code})")));
    }
}

#[test]
fn no_doc_or_text_source_refers_to_a_file_the_repository_does_not_ship() {
    let root = workspace_root();
    let mut files = Vec::new();
    // Documents, and every file text shown to a user comes from: check, snapshot, scenario
    // and network definitions, and the sources (strings, `--help` doc comments).
    files_below(&root, &[".md", ".toml", ".rs", ".py"], &mut files);
    files.extend(["scripts/test", ".ci/run"].map(|f| root.join(f)));
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for line in dangling(&text) {
            problems.push(format!("{}: {line}", file.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "{} references outside the repository:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Files the docs cite by their repository path exist.
    for cited in [
        "docs/claims.md",
        "docs/catalogue.md",
        "docs/methods.md",
        "docs/data.md",
    ] {
        assert!(root.join(cited).is_file(), "{cited}");
    }
}

#[test]
fn no_output_refers_to_a_file_the_repository_does_not_ship() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut capture = |args: &[&str]| {
        let out = run_ok(h, args);
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        outputs.push((args.join(" "), text));
    };
    for lang in ["en", "zh"] {
        for format in ["table", "json", "markdown"] {
            capture(&["--lang", lang, "audit", "--format", format]);
        }
        capture(&["--lang", lang, "checks"]);
        capture(&["--lang", lang, "checks", "--format", "markdown"]);
        capture(&["--lang", lang, "stress", "list"]);
        for scenario in [
            "core-dump",
            "bond-vigilantes",
            "gfc-2008",
            "yen-carry-unwind",
        ] {
            capture(&["--lang", lang, "stress", "show", scenario]);
        }
        capture(&["--lang", lang, "stress", "table", "fair-pe"]);
    }
    for def in bullcheck_core::checks::def::builtin_defs() {
        capture(&["checks", &def.id]);
    }
    for lang in ["en", "zh"] {
        let file = h.join(format!("report-{lang}.html"));
        run_ok(
            h,
            &["--lang", lang, "report", "--out", file.to_str().unwrap()],
        );
        outputs.push((
            format!("report --lang {lang}"),
            std::fs::read_to_string(&file).unwrap(),
        ));
    }
    let mut problems = Vec::new();
    for (command, text) in &outputs {
        for line in dangling(text) {
            problems.push(format!("bullcheck {command}: {line}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} references outside the repository:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
