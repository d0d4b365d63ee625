//! The layer order of ARCHITECTURE.md, checked on the sources: every `crate::X` path (in `use`
//! lines and inline, `super::` resolved) between top-level modules must point down the
//! layers. A back-edge (a lower module naming a higher one, or two modules of one layer naming
//! each other) fails here with the file and line. Test code (`#[cfg(test)]` items, `tests.rs`)
//! is exempt: a test may use anything.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::workspace_root;

/// The binary, bottom to top. A module may name modules of lower layers only.
const BINARY: &[&[&str]] = &[
    &["progress"],
    &["cli_values", "exit", "output"],
    &["cli"],
    &["config"],
    &["settings"],
    &["store", "fetch"],
    &["companies"],
    &["load"],
    &["export"],
    &["update"],
    &["serve"],
    &["commands"],
];

/// Edges allowed inside one layer of the binary: none.
const BINARY_SAME_LAYER: &[(&str, &str)] = &[];

/// The core, bottom to top.
const CORE: &[&[&str]] = &[
    &["stats", "series", "vocab", "csv_text"],
    &["reason"],
    &["source", "models", "bubbles", "release"],
    &["companies", "network", "stress", "snapshot", "events"],
    &["checks"],
    &["scoring"],
    &["audit"],
    &["forecast"],
    &["history"],
    &["report"],
    &["portfolio"],
];

/// Known back-edges of the core, each with the change that removes it; do not add to this.
const CORE_EXCEPTIONS: &[(&str, &str)] = &[];

/// One reference from a file to another top-level module.
#[derive(Debug)]
struct Edge {
    file: PathBuf,
    line: usize,
    from: String,
    to: String,
}

/// The module path of a source file: `a.rs` and `a/mod.rs` → `[a]`, `a/b.rs` → `[a, b]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// `text` without comments and `#[cfg(test)]` items (brace-matched), line numbers kept.
fn code_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut skipping = false;
    let mut depth = 0i64;
    let mut pending_test_item = false;
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        if skipping {
            depth += code.matches('{').count() as i64 - code.matches('}').count() as i64;
            if depth <= 0 && (code.contains('}') || code.trim_end().ends_with(';')) {
                skipping = false;
            }
            out.push(String::new());
            continue;
        }
        if line.trim_start().starts_with("#[cfg(test)]") {
            pending_test_item = true;
            out.push(String::new());
            continue;
        }
        if pending_test_item && !code.trim().is_empty() && !code.trim_start().starts_with("#[") {
            pending_test_item = false;
            depth = code.matches('{').count() as i64 - code.matches('}').count() as i64;
            skipping = depth > 0;
            out.push(String::new());
            continue;
        }
        out.push(code.to_string());
    }
    out
}

/// The top-level modules that `path` (a `crate::`/`super::` path at `module`) names.
fn targets_of(module: &[String], line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !line.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &line[i..];
        let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if starts_word && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            // Resolve `super::super::...` against the module path.
            let mut base: Vec<String> = module.to_vec();
            let mut tail = rest;
            if tail.starts_with("crate::") {
                base.clear();
                tail = &tail["crate::".len()..];
            } else {
                while let Some(t) = tail.strip_prefix("super::") {
                    base.pop();
                    tail = t;
                }
            }
            if base.is_empty() {
                // The next segment is a top-level module (or `{a, b}` of them).
                if let Some(group) = tail.strip_prefix('{') {
                    let group = group.split('}').next().unwrap_or("");
                    for item in group.split(',') {
                        let name = item.trim().split("::").next().unwrap_or("").trim();
                        if !name.is_empty() {
                            found.push(name.to_string());
                        }
                    }
                } else {
                    let name: String = tail
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.push(name);
                    }
                }
            }
            i += 6;
        } else {
            i += 1;
        }
    }
    found
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

/// Every reference between two different top-level modules of the crate at `src`. A
/// `use crate::{a, b}` group spanning lines is joined first.
fn edges(src: &Path) -> Vec<Edge> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let module = module_path(src, &file);
        let name = file.file_name().unwrap().to_string_lossy();
        if module.is_empty() || name == "tests.rs" || module.iter().any(|m| m == "tests") {
            continue; // the crate root declares the modules; test files may use anything
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines = code_lines(&text);
        let mut index = 0;
        while index < lines.len() {
            let mut joined = lines[index].clone();
            let start = index;
            // A `use` group continues until its closing brace.
            if joined.contains("::{") {
                while joined.matches('{').count() > joined.matches('}').count()
                    && index + 1 < lines.len()
                {
                    index += 1;
                    joined.push(' ');
                    joined.push_str(&lines[index]);
                }
            }
            for to in targets_of(&module, &joined) {
                if to != module[0] && to != "self" {
                    found.push(Edge {
                        file: file.clone(),
                        line: start + 1,
                        from: module[0].clone(),
                        to,
                    });
                }
            }
            index += 1;
        }
    }
    found
}

fn layer_of(layers: &[&[&str]], module: &str) -> Option<usize> {
    layers.iter().position(|layer| layer.contains(&module))
}

/// The references of `src` that go up or sideways, as messages.
fn violations(
    src: &Path,
    layers: &[&[&str]],
    allowed: &[(&str, &str)],
) -> (Vec<String>, BTreeSet<(String, String)>) {
    let mut bad = Vec::new();
    let mut seen = BTreeSet::new();
    for edge in edges(src) {
        let (Some(from), Some(to)) = (layer_of(layers, &edge.from), layer_of(layers, &edge.to))
        else {
            bad.push(format!(
                "{}:{}: `{}` → `{}`: a module missing from the layer list of tests/it/layers.rs \
                 (and ARCHITECTURE.md)",
                edge.file.display(),
                edge.line,
                edge.from,
                edge.to
            ));
            continue;
        };
        seen.insert((edge.from.clone(), edge.to.clone()));
        if to < from || allowed.contains(&(edge.from.as_str(), edge.to.as_str())) {
            continue;
        }
        bad.push(format!(
            "{}:{}: `{}` (layer {from}) names `{}` (layer {to}): a back-edge",
            edge.file.display(),
            edge.line,
            edge.from,
            edge.to
        ));
    }
    (bad, seen)
}

#[test]
fn the_binary_depends_only_downward() {
    let src = workspace_root().join("crates/bullcheck/src");
    let (bad, _) = violations(&src, BINARY, BINARY_SAME_LAYER);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_core_depends_only_downward() {
    let src = workspace_root().join("crates/bullcheck-core/src");
    let (bad, seen) = violations(&src, CORE, CORE_EXCEPTIONS);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // An exception nobody needs any more is removed from the list.
    for (from, to) in CORE_EXCEPTIONS {
        assert!(
            seen.contains(&(from.to_string(), to.to_string())),
            "`{from}` → `{to}` is gone: remove it from CORE_EXCEPTIONS"
        );
    }
}

#[test]
fn the_checker_sees_back_edges() {
    // A lower module naming a higher one, through `crate::`, `super::` and a `use` group.
    let module = vec!["store".to_string(), "x".to_string()];
    assert_eq!(
        targets_of(&module, "use crate::{cli::Lang, commands::run};"),
        ["cli", "commands"]
    );
    assert_eq!(
        targets_of(&module, "let s = super::super::serve::x();"),
        ["serve"]
    );
    assert!(targets_of(&module, "use super::Thing;").is_empty());
    let lines = code_lines(
        "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\n// crate::c\nfn f() {}\n",
    );
    let named: Vec<String> = lines
        .iter()
        .flat_map(|l| targets_of(&["m".to_string()], l))
        .collect();
    assert_eq!(named, ["a"]);
}
