//! Issue 15: what computations say besides their value (supporting figures, why there is no
//! value) is made in English and Chinese where it is made. On a synthetic dataset that makes
//! every built-in check compute (and on datasets that make each computation fail), the
//! Chinese audit, in the terminal and in Markdown, shows every label, value and reason in
//! Chinese: no English word remains but series ids, units, numbers and dates.
//!
//! And at the source: every literal pair a renderer chooses from, `tr(lang, "en", "zh")`, and
//! every literal `Note::new("en", "zh")`, has a Chinese text that is not the English one.
//! Every output in Chinese on the shared data: `crates/bullcheck/tests/it/zh_outputs.rs`.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeSet;

use bullcheck_core::audit;
use bullcheck_core::checks::compute::{Compute, series_read};
use bullcheck_core::checks::{self, CheckDef, Detail};
use bullcheck_core::report::{Lang, markdown, terminal};
use bullcheck_core::series::{Dataset, Date, Series, SeriesMeta};
use bullcheck_core::snapshot::Snapshot;
use jiff::civil::date;

const AS_OF: Date = date(2026, 10, 31);

fn insert(data: &mut Dataset, id: &str, points: Vec<(Date, f64)>) {
    data.insert(Series::new(
        SeriesMeta {
            id: id.to_string(),
            ..SeriesMeta::default()
        },
        points,
    ));
}

/// Monthly values from 2000-01 to 2026-10 (first of the month) given by `f(month number)`.
fn monthly(f: impl Fn(usize) -> f64) -> Vec<(Date, f64)> {
    (0..322)
        .map(|i| (date(2000, 1, 1) + jiff::Span::new().months(i as i64), f(i)))
        .collect()
}

/// Every series the built-in checks read, with values that let each computation produce
/// its figures: positive, rising and falling (so drawdowns, highs and event studies have
/// something to say), and a few series shaped for the computation that reads them.
fn dataset(defs: &[CheckDef]) -> Dataset {
    let mut data = Dataset::default();
    let wave = |i: usize| 100.0 + 0.2 * i as f64 + 15.0 * (i as f64 / 7.0).sin();
    for id in defs.iter().flat_map(series_read) {
        insert(&mut data, &id, monthly(wave));
    }
    for def in defs {
        let s = &def.series;
        match def.compute {
            Compute::DamodaranErp(_) => {
                for (id, v) in s.iter().zip([1000.0, 40.0, 0.04, 0.04, 0.042]) {
                    insert(&mut data, id, monthly(|_| v));
                }
            }
            Compute::MlfEvent(_) => {
                insert(&mut data, &s[0], monthly(|i| [500.0, 100.0, 400.0][i % 3]));
            }
            Compute::DebtPace(_) => {
                insert(&mut data, &s[0], monthly(|i| 5e12 + 0.2e12 * i as f64));
            }
            _ => {}
        }
    }
    data
}

/// The ASCII words of `text` (runs of two letters or more with a lower-case letter) once
/// the series ids and the allowed tokens are taken out.
fn english_words(text: &str, ids: &BTreeSet<String>) -> Vec<String> {
    let mut text = text.to_string();
    for id in ids.iter().rev() {
        text = text.replace(id.as_str(), " ");
    }
    // A command is a command; `exp` is the function.
    const ALLOWED: [&str; 4] = ["bullcheck", "data", "update", "exp"];
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_lowercase()))
        .filter(|w| !ALLOWED.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_chinese_audit_shows_every_detail_and_reason_in_chinese() {
    let defs = checks::builtin_defs();
    let data = dataset(&defs);
    let ids: BTreeSet<String> = defs.iter().flat_map(series_read).collect();
    let run = audit::run(defs.clone(), &data, &Snapshot::default(), AS_OF);
    let rendered = [
        terminal::render(&run, Lang::Zh, false),
        markdown::render(&run, Lang::Zh),
    ];
    let mut with_details: BTreeSet<&str> = BTreeSet::new();
    let mut shown = 0;
    for r in &run.checks {
        let def = defs.iter().find(|d| d.id == r.id).unwrap();
        if !r.details.is_empty() {
            with_details.insert(def.compute.name());
        }
        for d in r.remarks.iter().chain(&r.details) {
            let Detail { label, value } = d;
            for text in [&label.zh, &value.zh] {
                let words = english_words(text, &ids);
                assert!(words.is_empty(), "{}: `{text}` has {words:?}", r.id);
            }
            let line = format!("{}: {}", label.zh, value.zh);
            for out in &rendered {
                assert!(out.contains(&line), "{}: `{line}` not rendered", r.id);
                if label.en != label.zh {
                    assert!(
                        !out.contains(&format!("{}: ", label.en)),
                        "{}: English label `{}` rendered",
                        r.id,
                        label.en
                    );
                }
            }
            shown += 1;
        }
    }
    assert!(shown > 50, "{shown} details");
    // Every computation that has supporting figures produced them.
    for compute in [
        "change_over",
        "damodaran_erp",
        "debt_pace",
        "drawdown",
        "earnings_yield_gap",
        "excess_savings",
        "fair_pe_gap",
        "high_since",
        "interest_vs_defense",
        "k_shape",
        "mlf_event",
        "moving_average",
        "recession_probability",
        "refinancing",
        "rise_over_low",
        "sahm_rule",
        "sequoia_required",
    ] {
        assert!(with_details.contains(compute), "{compute}: no details");
    }
}

#[test]
fn every_missing_reason_is_in_chinese() {
    let defs = checks::builtin_defs();
    let full = dataset(&defs);
    let ids: BTreeSet<String> = defs.iter().flat_map(series_read).collect();
    // Nothing stored; one observation of each series; everything stored but as of a date
    // before most of it.
    let mut one_point = Dataset::default();
    for id in &ids {
        insert(&mut one_point, id, vec![(date(2026, 1, 1), 1.0)]);
    }
    let mut reasons: BTreeSet<String> = BTreeSet::new();
    for (data, as_of) in [
        (Dataset::default(), AS_OF),
        (one_point, AS_OF),
        (full, date(2001, 6, 30)),
    ] {
        let run = audit::run(defs.clone(), &data, &Snapshot::default(), as_of);
        let rendered = [
            terminal::render(&run, Lang::Zh, false),
            markdown::render(&run, Lang::Zh),
        ];
        for r in &run.checks {
            let Some(missing) = &r.missing else { continue };
            let (en, zh) = (missing.text(Lang::En), missing.text(Lang::Zh));
            let words = english_words(&zh, &ids);
            assert!(words.is_empty(), "{}: `{zh}` has {words:?}", r.id);
            for out in &rendered {
                assert!(out.contains(&zh), "{}: `{zh}` not rendered", r.id);
                assert!(!out.contains(&en), "{}: `{en}` rendered", r.id);
            }
            reasons.insert(en);
        }
    }
    // The kinds of reasons met: not stored, no observation, too short a history, no value.
    for kind in [
        " is not stored",
        "no stored observation on or before",
        "months of history",
        "no month with",
    ] {
        assert!(
            reasons.iter().any(|r| r.contains(kind)),
            "no reason like `{kind}` in {reasons:#?}"
        );
    }
}

/// A Rust string literal at the start of `s` (`"…"` with escapes, or `r"…"`/`r#"…"#`): its
/// text (escapes kept as written) and the rest of `s` after it.
fn string_literal(s: &str) -> Option<(&str, &str)> {
    if let Some(rest) = s.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in rest.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return Some((&rest[..i], &rest[i + 1..])),
                _ => escaped = false,
            }
        }
        return None;
    }
    let rest = s.strip_prefix('r')?;
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let rest = rest[hashes..].strip_prefix('"')?;
    let end = format!("\"{}", "#".repeat(hashes));
    let i = rest.find(&end)?;
    Some((&rest[..i], &rest[i + end.len()..]))
}

/// The literal pairs `(file:line, en, zh)` of `tr(lang, "en", "zh")` and
/// `Note::new("en", "zh")` in a source text.
fn literal_pairs(file: &str, source: &str) -> Vec<(String, String, String)> {
    let mut pairs = Vec::new();
    for call in ["tr(", "Note::new("] {
        for (at, _) in source.match_indices(call) {
            let before = source[..at].chars().next_back();
            let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
            let in_comment = source[line_start..at].contains("//");
            if in_comment || before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let mut rest = &source[at + call.len()..];
            if call == "tr(" {
                // The language argument.
                let Some(comma) = rest.find(',') else {
                    continue;
                };
                rest = &rest[comma + 1..];
            }
            let Some((en, after)) = string_literal(rest.trim_start()) else {
                continue;
            };
            let Some(after) = after.trim_start().strip_prefix(',') else {
                continue;
            };
            let Some((zh, _)) = string_literal(after.trim_start()) else {
                continue;
            };
            let line = source[..at].lines().count();
            pairs.push((format!("{file}:{line}"), en.to_string(), zh.to_string()));
        }
    }
    pairs
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source directory") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_chinese(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// Every literal pair a renderer chooses from has a Chinese text, different from the English
/// and written in Chinese (or Chinese punctuation), but for the few texts that read the same
/// in both languages.
fn untranslated(file: &str, source: &str) -> Vec<String> {
    // Texts that are the same in both languages: names, symbols, codes.
    const SAME: &[&str] = &[
        "AUROC", "Brier", "DebtRank", "GSADF", "SADF", "ADF", "P/E", "ERP", "VIX", "DFAST", "—",
        "·", "%",
    ];
    literal_pairs(file, source)
        .into_iter()
        .filter(|(_, en, zh)| {
            let same_ok = SAME.contains(&zh.as_str());
            !same_ok && (zh.is_empty() || zh == en || !zh.chars().any(is_chinese))
        })
        .map(|(at, en, zh)| format!("{at}: `{en}` → `{zh}`"))
        .collect()
}

#[test]
fn the_source_search_finds_a_pair_left_in_english() {
    let source = r#"
        let a = tr(lang, "as of", "评估日");
        let b = tr(
            lang,
            "rating",
            "rating",
        );
        let c = Note::new("empty series", "");
        let d = tr(lang, r"raw", r"原文");
        let e = attr(lang, "x", "x");
        // tr(lang, "…", "…") in a comment
        let f = tr(lang, &format!("{x}"), &format!("{x}"));
    "#;
    let found = untranslated("f.rs", source);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("f.rs:3: `rating`"), "{found:#?}");
    assert!(found[1].starts_with("f.rs:8: `empty series`"), "{found:#?}");
    assert_eq!(literal_pairs("f.rs", source).len(), 4);
}

#[test]
fn every_literal_pair_of_the_renderers_has_its_chinese() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in ["bullcheck-core", "bullcheck"] {
        rust_files(&root.join(krate).join("src"), &mut files);
    }
    let mut pairs = 0;
    let mut problems = Vec::new();
    for path in &files {
        let source = std::fs::read_to_string(path).expect("source");
        let file = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        pairs += literal_pairs(&file, &source).len();
        problems.extend(untranslated(&file, &source));
    }
    assert!(pairs > 400, "{pairs} literal pairs found");
    assert!(
        problems.is_empty(),
        "pairs without their Chinese:\n{}",
        problems.join("\n")
    );
}
