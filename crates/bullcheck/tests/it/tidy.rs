//! Tidy tests that hold the code's shape (rust-analyzer style): they read the sources as text
//! and fail with the file and line when a rule of ARCHITECTURE.md (Invariants) regresses.
//!
//! - No source file has more than 600 lines outside `#[cfg(test)]` items (a `mod tests;`
//!   declaration or a test item in the middle of a file no longer hides what follows it).
//! - No function outside tests is over 100 lines, except the listed ones, each to be split;
//!   the list may only shrink.
//! - `serde_json::json!` is not used outside tests, except in the listed files; the list may
//!   only shrink (JSON goes through serde types).
//! - Every source file starts with a module doc (`//!`).
//!
//! The reader is a small lexer: comments, strings and character literals are blanked before
//! braces are matched, so a `{` inside a format string does not count.

use std::path::{Path, PathBuf};

use crate::support::workspace_root;

/// The source folders the rules cover.
const SOURCES: &[&str] = &[
    "crates/bullcheck/src",
    "crates/bullcheck-core/src",
    "tools/synth-companyfacts/src",
    "python/src",
];

/// The most lines of non-test code a source file may have.
const MAX_FILE_LINES: usize = 600;

/// The most lines a function may have (its signature to its closing brace).
const MAX_FN_LINES: usize = 100;

/// Functions over [`MAX_FN_LINES`] when this test was written (path from the workspace root,
/// function name). Each is to be split; remove an entry when it is, never add one.
const LONG_FUNCTIONS: &[(&str, &str)] = &[
    ("crates/bullcheck/src/commands/data.rs", "show"),
    ("crates/bullcheck/src/commands/events.rs", "study_command"),
    ("crates/bullcheck/src/store/copies.rs", "store_copy"),
    (
        "crates/bullcheck-core/src/checks/compute/k_shape.rs",
        "compute",
    ),
    (
        "crates/bullcheck-core/src/checks/compute/refinancing.rs",
        "compute",
    ),
    ("crates/bullcheck-core/src/checks/def.rs", "parse_defs"),
    ("crates/bullcheck-core/src/checks/def.rs", "check_numbers"),
    ("crates/bullcheck-core/src/checks/judge.rs", "verdict"),
    (
        "crates/bullcheck-core/src/companies/derived.rs",
        "hyperscaler_series",
    ),
    (
        "crates/bullcheck-core/src/companies/hyperscalers.rs",
        "row_for",
    ),
    (
        "crates/bullcheck-core/src/history/render.rs",
        "render_table",
    ),
    (
        "crates/bullcheck-core/src/network/registry.rs",
        "parse_with",
    ),
    ("crates/bullcheck-core/src/network/render.rs", "show_table"),
    ("crates/bullcheck-core/src/network/render.rs", "show_svg"),
    (
        "crates/bullcheck-core/src/portfolio/assets/outcome.rs",
        "outcome",
    ),
    (
        "crates/bullcheck-core/src/portfolio/mod.rs",
        "evaluate_patch",
    ),
    ("crates/bullcheck-core/src/portfolio/text.rs", "scenarios"),
    ("crates/bullcheck-core/src/report/explain.rs", "render_one"),
    ("crates/bullcheck-core/src/report/html/chart.rs", "render"),
    (
        "crates/bullcheck-core/src/report/html/pages/check.rs",
        "check_section",
    ),
    (
        "crates/bullcheck-core/src/report/html/pages/events.rs",
        "results",
    ),
    (
        "crates/bullcheck-core/src/report/html/pages/seed.rs",
        "seed_charts",
    ),
    ("crates/bullcheck-core/src/report/json.rs", "render"),
    ("crates/bullcheck-core/src/report/markdown.rs", "render"),
    ("crates/bullcheck-core/src/report/terminal.rs", "render"),
    ("crates/bullcheck-core/src/source/detect.rs", "detect_csv"),
    ("crates/bullcheck-core/src/source/french.rs", "parse"),
    ("crates/bullcheck-core/src/source/mod.rs", "parse"),
    ("crates/bullcheck-core/src/source/records.rs", "parse"),
    (
        "crates/bullcheck-core/src/stress/erp.rs",
        "estimate_erp_response",
    ),
    (
        "crates/bullcheck-core/src/stress/history.rs",
        "estimate_covariance",
    ),
    ("crates/bullcheck-core/src/stress/mod.rs", "run_excluding"),
    (
        "crates/bullcheck-core/src/stress/render.rs",
        "write_scenario",
    ),
    ("crates/bullcheck-core/src/stress/render.rs", "write_report"),
    ("crates/bullcheck-core/src/stress/reverse.rs", "reverse"),
    (
        "crates/bullcheck-core/src/stress/scenario/resolve.rs",
        "resolve_shocks",
    ),
    (
        "crates/bullcheck-core/src/stress/scenario/resolve.rs",
        "resolve_dfast",
    ),
    (
        "crates/bullcheck-core/src/stress/scenario.rs",
        "parse_scenario",
    ),
    (
        "crates/bullcheck-core/src/stress/transmission.rs",
        "evaluate",
    ),
    (
        "tools/synth-companyfacts/src/answers.rs",
        "universe_answers",
    ),
    ("tools/synth-companyfacts/src/plan.rs", "plan_company"),
    ("tools/synth-companyfacts/src/write.rs", "render_company"),
];

/// Files that still build JSON with `json!` outside tests; remove a file when it moves to
/// serde types, never add one.
const JSON_MACRO_FILES: &[&str] = &[
    "crates/bullcheck/src/commands/data_list.rs",
    "crates/bullcheck/src/commands/events.rs",
    "crates/bullcheck/src/commands/portfolio.rs",
    "crates/bullcheck/src/serve/api.rs",
    "crates/bullcheck/src/serve/mod.rs",
    "crates/bullcheck-core/src/bubbles/render.rs",
    "crates/bullcheck-core/src/events/render.rs",
    "crates/bullcheck-core/src/forecast/json.rs",
    "crates/bullcheck-core/src/history/render.rs",
    "crates/bullcheck-core/src/network/render.rs",
    "crates/bullcheck-core/src/report/json.rs",
    "crates/bullcheck-core/src/stress/render/reverse.rs",
    "crates/bullcheck-core/src/stress/render/tables.rs",
    "crates/bullcheck-core/src/stress/render.rs",
];

/// `text` with comments, string literals and character literals replaced by spaces (line
/// breaks kept), so that braces and keywords can be found by plain search.
fn blank(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep_newline = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep_newline(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !chars[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string r"…" or r#"…"# (or an identifier starting with r#).
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            out.extend(std::iter::repeat_n(' ', j + 1 - i));
            i = j + 1;
            while i < chars.len() {
                if chars[i..]
                    .iter()
                    .take(closing.len())
                    .copied()
                    .eq(closing.chars())
                {
                    out.extend(std::iter::repeat_n(' ', closing.len()));
                    i += closing.len();
                    break;
                }
                out.push(keep_newline(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(keep_newline(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}') or a lifetime ('a).
            let end = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&d| d == '\'')
                    .map(|p| i + 2 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.extend(std::iter::repeat_n(' ', end + 1 - i));
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The byte offset of the `}` matching the `{` at `open` in blanked text.
fn matching_brace(code: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &b) in code.iter().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The 0-based line of byte offset `at`.
fn line_of(code: &str, at: usize) -> usize {
    code[..at].matches('\n').count()
}

/// The end (inclusive byte offset) of the item starting at `from`: its matching brace, or its
/// `;` when that comes first (`mod tests;`, `use …;`).
fn item_end(code: &[u8], from: usize) -> usize {
    let brace = code[from..].iter().position(|&b| b == b'{');
    let semi = code[from..].iter().position(|&b| b == b';');
    match (brace, semi) {
        (Some(b), Some(s)) if s < b => from + s,
        (Some(b), _) => matching_brace(code, from + b).unwrap_or(code.len() - 1),
        (None, Some(s)) => from + s,
        (None, None) => code.len() - 1,
    }
}

/// For each line of blanked `code`, whether it belongs to a `#[cfg(test)]` item.
fn test_lines(code: &str) -> Vec<bool> {
    let mut test = vec![false; code.lines().count() + 1];
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(p) = code[from..].find("#[cfg(test)]") {
        let start = from + p;
        let end = item_end(bytes, start + "#[cfg(test)]".len());
        for flag in &mut test[line_of(code, start)..=line_of(code, end)] {
            *flag = true;
        }
        from = end + 1;
    }
    test
}

/// One source file, read and blanked.
struct Source {
    path: PathBuf,
    relative: String,
    text: String,
    code: String,
    test: Vec<bool>,
}

fn sources() -> Vec<Source> {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in SOURCES {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(
        files.len() > 100,
        "the walk found only {} files",
        files.len()
    );
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let code = blank(&text);
            let test = test_lines(&code);
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            Source {
                path,
                relative,
                text,
                code,
                test,
            }
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A `tests.rs` file (or one under a `tests/` folder) is test code as a whole.
fn is_test_file(relative: &str) -> bool {
    relative.ends_with("/tests.rs") || relative.contains("/tests/")
}

/// Every function outside tests: (name, first line, number of lines), lines 1-based.
fn functions(source: &Source) -> Vec<(String, usize, usize)> {
    let code = &source.code;
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = code[from..].find("fn ") {
        let at = from + p;
        from = at + 3;
        let word_start =
            at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        if !word_start {
            continue;
        }
        let name: String = code[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue; // `fn(` pointer types
        }
        let start = line_of(code, at);
        if source.test[start] {
            continue;
        }
        let brace = bytes[at..].iter().position(|&b| b == b'{');
        let semi = bytes[at..].iter().position(|&b| b == b';');
        let Some(brace) = brace else { continue };
        if semi.is_some_and(|s| s < brace) {
            continue; // a declaration without a body
        }
        let Some(end) = matching_brace(bytes, at + brace) else {
            continue;
        };
        out.push((name, start + 1, line_of(code, end) - start + 1));
    }
    out
}

#[test]
fn the_lexer_blanks_strings_comments_and_chars() {
    let text = "let s = \"{ // }\"; // {\nlet c = '{'; let l: &'a str = r#\"}\"#; /* { */ f('\\'')";
    let code = blank(text);
    assert_eq!(code.matches('{').count(), 0, "{code}");
    assert_eq!(code.matches('}').count(), 0, "{code}");
    assert!(code.contains("&'a str"), "{code}");
    assert_eq!(code.lines().count(), 2);
    // A test item ending in `;` covers its line only; a braced one its whole body.
    let code = blank("fn a() {}\n#[cfg(test)]\nmod tests;\nfn b() {\n    x();\n}\n");
    assert_eq!(
        test_lines(&code)[..6],
        [false, true, true, false, false, false]
    );
}

#[test]
fn no_source_file_is_above_600_lines_of_code() {
    let mut too_long = Vec::new();
    for source in sources().iter().filter(|s| !is_test_file(&s.relative)) {
        let lines = source.text.lines().count();
        let code = (0..lines).filter(|&l| !source.test[l]).count();
        if code > MAX_FILE_LINES {
            too_long.push(format!("{}: {code} lines", source.path.display()));
        }
    }
    assert!(
        too_long.is_empty(),
        "split these files (at most {MAX_FILE_LINES} lines outside #[cfg(test)] items): {}",
        too_long.join(", ")
    );
}

#[test]
fn no_new_function_is_above_100_lines() {
    let mut long = Vec::new();
    for source in sources().iter().filter(|s| !is_test_file(&s.relative)) {
        for (name, line, lines) in functions(source) {
            if lines > MAX_FN_LINES {
                long.push((source.relative.clone(), name, line, lines));
            }
        }
    }
    let new: Vec<String> = long
        .iter()
        .filter(|(file, name, ..)| !LONG_FUNCTIONS.contains(&(file.as_str(), name.as_str())))
        .map(|(file, name, line, lines)| format!("{file}:{line}: fn {name} has {lines} lines"))
        .collect();
    assert!(
        new.is_empty(),
        "split these functions (at most {MAX_FN_LINES} lines):\n{}",
        new.join("\n")
    );
    let gone: Vec<String> = LONG_FUNCTIONS
        .iter()
        .filter(|(file, name)| !long.iter().any(|(f, n, ..)| f == file && n == name))
        .map(|(file, name)| format!("{file}: fn {name}"))
        .collect();
    assert!(
        gone.is_empty(),
        "no longer over {MAX_FN_LINES} lines: remove from LONG_FUNCTIONS:\n{}",
        gone.join("\n")
    );
}

#[test]
fn json_is_built_with_serde_types_outside_tests() {
    let mut found = Vec::new();
    for source in sources().iter().filter(|s| !is_test_file(&s.relative)) {
        let code = &source.code;
        let mut from = 0;
        while let Some(p) = code[from..].find("json!") {
            let at = from + p;
            from = at + 5;
            let word_start = at == 0
                || !(code.as_bytes()[at - 1].is_ascii_alphanumeric()
                    || code.as_bytes()[at - 1] == b'_');
            if word_start && !source.test[line_of(code, at)] {
                found.push(source.relative.clone());
                break;
            }
        }
    }
    let new: Vec<&String> = found
        .iter()
        .filter(|f| !JSON_MACRO_FILES.contains(&f.as_str()))
        .collect();
    assert!(
        new.is_empty(),
        "build JSON through serde types, not json!, in: {new:?}"
    );
    for file in JSON_MACRO_FILES {
        assert!(
            found.iter().any(|f| f == file),
            "{file} no longer uses json!: remove it from JSON_MACRO_FILES"
        );
    }
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let missing: Vec<String> = sources()
        .iter()
        .filter(|s| !is_test_file(&s.relative))
        .filter(|s| !s.text.trim_start().starts_with("//!"))
        .map(|s| s.relative.clone())
        .collect();
    assert!(missing.is_empty(), "add a `//!` module doc to: {missing:?}");
}

/// The files named by `include_str!` in `source` (relative to the workspace root) that lie in
/// `folder` and end in `.toml`.
fn included_tomls(source: &str, folder: &str) -> Vec<String> {
    let root = workspace_root();
    let file = root.join(source);
    let text = std::fs::read_to_string(&file).unwrap();
    let dir = file.parent().unwrap();
    let mut out = Vec::new();
    for piece in text.split("include_str!(\"").skip(1) {
        let path = piece.split('"').next().unwrap();
        let full = dir.join(path);
        let full = full.canonicalize().unwrap_or(full);
        let relative = full
            .strip_prefix(root.canonicalize().unwrap())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        if relative.starts_with(folder) && relative.ends_with(".toml") {
            out.push(relative);
        }
    }
    out.sort();
    out
}

fn tomls_in(folder: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(workspace_root().join(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .map(|name| format!("{folder}/{name}"))
        .collect();
    out.sort();
    out
}

/// Adding a built-in scenario or check file is one file plus its line in the include list;
/// this test names the line that is missing (or the file a line points to that is gone).
#[test]
fn every_built_in_scenario_and_check_file_is_included() {
    for (source, folder) in [
        ("crates/bullcheck-core/src/stress/scenario.rs", "scenarios"),
        (
            "crates/bullcheck-core/src/checks/def.rs",
            "crates/bullcheck-core/checks",
        ),
    ] {
        assert_eq!(
            included_tomls(source, folder),
            tomls_in(folder),
            "{source} must include every .toml of {folder}/, and nothing else"
        );
    }
}
