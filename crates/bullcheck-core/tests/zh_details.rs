//! Issue 15: what computations say besides their value (supporting figures, why there is no
//! value) is made in English and Chinese where it is made. On a synthetic dataset that makes
//! every built-in check compute (and on datasets that make each computation fail), the
//! Chinese audit, in the terminal and in Markdown, shows every label, value and reason in
//! Chinese: no English word remains but series ids, units, numbers and dates.

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
