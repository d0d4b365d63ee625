//! `bullcheck report`: the single-file HTML report on the bundled snapshot (fresh home) and on
//! imported public files. Oracles: the audit's own JSON contract for the list of checks, the
//! data files themselves (month counts, recession runs, DFA sums), and hand-computed fair-P/E
//! values (seed 001's table and the four formulas).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::support::{bullcheck, shared_data};

fn write_report(home: &Path, args: &[&str]) -> String {
    let out_file = home.join("report.html");
    let out = bullcheck(home)
        .arg("report")
        .arg("--out")
        .arg(&out_file)
        .args(args)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "report failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&out_file).expect("report written")
}

fn audit_ids(home: &Path, as_of: &str) -> Vec<(String, String)> {
    let out = bullcheck(home)
        .args(["audit", "--format", "json", "--as-of", as_of])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("audit JSON");
    doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["data"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The text of `<section ... id="check-ID" ...> ... </section>`.
fn section<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!(r#"<section class="check" id="check-{id}""#))
        .unwrap_or_else(|| panic!("no section for {id}"));
    let end = page[start..].find("</section>").unwrap();
    &page[start..start + end]
}

/// Every attribute value of `attr` (e.g. `src`, `href`) with the tag it sits in.
fn attributes<'a>(page: &'a str, attr: &str) -> Vec<(&'a str, &'a str)> {
    let needle = format!(" {attr}=\"");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = page[from..].find(&needle) {
        let at = from + i;
        let tag_start = page[..at].rfind('<').unwrap();
        let tag = page[tag_start..]
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap();
        let value_start = at + needle.len();
        let value_end = value_start + page[value_start..].find('"').unwrap();
        found.push((tag, &page[value_start..value_end]));
        from = value_end;
    }
    found
}

/// The page loads nothing from anywhere: no scripts, stylesheets, images, frames, fonts or
/// CSS URLs; links to sources are plain `<a href>`.
fn assert_self_contained(page: &str) {
    for forbidden in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "@import",
        "url(",
        "@font-face",
    ] {
        assert!(!page.contains(forbidden), "page contains {forbidden}");
    }
    assert!(
        attributes(page, "src").is_empty(),
        "page has src= attributes"
    );
    for (tag, href) in attributes(page, "href") {
        if href.starts_with("http://") || href.starts_with("https://") {
            assert_eq!(tag, "<a", "network href on {tag}: {href}");
        } else {
            assert!(href.starts_with('#'), "unexpected href {href} on {tag}");
        }
    }
}

#[test]
fn report_on_the_bundled_snapshot_is_one_offline_file_with_every_check() {
    let home = tempfile::tempdir().unwrap();
    let page = write_report(home.path(), &["--as-of", "2025-12-31"]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_self_contained(&page);
    assert!(page.contains("@media print") && page.contains("@media (max-width:600px)"));
    let checks = audit_ids(home.path(), "2025-12-31");
    assert!(checks.len() >= 9);
    // One heat-map cell and one section per check of the audit's JSON.
    assert_eq!(page.matches(r#"<a class="cell "#).count(), checks.len());
    for (id, _) in &checks {
        assert!(
            page.contains(&format!(r##"href="#check-{id}" data-check="{id}""##)),
            "{id}"
        );
        section(&page, id);
    }
    // No store: nothing is a stored series, so no history charts, and the missing seed charts
    // and track record say so.
    assert!(checks.iter().all(|(_, data)| data != "stored"));
    assert!(!page.contains(r#"<path class="line""#));
    assert!(page.contains(r#"id="small-caps-missing""#));
    assert!(page.contains(r#"id="wealth-missing""#));
    assert!(page.contains(r#"id="delinquency-missing""#));
    assert!(page.contains(r#"id="track-record-placeholder""#));
    assert!(page.contains(r#"id="data-used" data-stored="0""#));
}

#[test]
fn fair_pe_table_sits_next_to_the_seed_values() {
    let home = tempfile::tempdir().unwrap();
    let page = write_report(home.path(), &["--as-of", "2025-12-31"]);
    let start = page.find(r#"<table id="fair-pe-table">"#).unwrap();
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 3);
    // Seed 001: 20.0×/17.5×/15.4× at 3.5/4.5/5.5%. By hand at ERP 5%:
    // 1/(y+ERP) = 1/0.085, 1/0.095, 1/0.105 = 11.76, 10.53, 9.52;
    // 1/(TP+ERP) with TP = y − 4% = 1/0.045, 1/0.055, 1/0.065 = 22.22, 18.18, 15.38;
    // duration 20·exp(−13·(y − 3.5%)) = 20.00, 17.56, 15.42.
    let expected = [
        ["3.5%", "20.0×", "11.8×", "22.2×", "20.0×"],
        ["4.5%", "17.5×", "10.5×", "18.2×", "17.6×"],
        ["5.5%", "15.4×", "9.5×", "15.4×", "15.4×"],
    ];
    for (row, cells) in rows.iter().zip(expected) {
        let values: Vec<&str> = row
            .split("</td>")
            .filter_map(|cell| cell.rsplit('>').next())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(values[0], cells[0], "{row}");
        assert_eq!(values[1], cells[1], "{row}");
        assert_eq!(values[2], cells[2], "{row}");
        assert_eq!(values[3], cells[3], "{row}");
        assert_eq!(values[5], cells[4], "{row}");
    }
}

/// Distinct year-months with a value on or before `as_of` in a `date,value` CSV.
fn months_with_values(file: &Path, as_of: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    let months: BTreeSet<&str> = text
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(','))
        .filter(|(date, value)| *date <= as_of && value.trim().parse::<f64>().is_ok())
        .map(|(date, _)| &date[..7])
        .collect();
    months.len()
}

/// Runs of 1 in the monthly USREC file that end on or after `from` (YYYY-MM).
fn recession_runs_since(file: &Path, from: &str, to: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    let mut runs = 0;
    let mut in_run = false;
    let mut run_end_ok = false;
    for line in text.lines().skip(1) {
        let (date, value) = line.split_once(',').unwrap();
        if &date[..7] > to {
            break;
        }
        let one = value.trim() == "1";
        if one {
            in_run = true;
            run_end_ok = &date[..7] >= from;
        } else if in_run {
            runs += usize::from(run_end_ok);
            in_run = false;
        }
    }
    runs + usize::from(in_run && run_end_ok)
}

#[test]
fn report_on_imported_data_charts_every_stored_check_from_the_files() {
    let Some(dir) = shared_data() else { return };
    let home = tempfile::tempdir().unwrap();
    let files = [
        "fred/DGS10.csv",
        "fred/UNRATE.csv",
        "fred/USREC.csv",
        "fred/DRCLACBS.csv",
        "fed_dfa/dfa-networth-levels.csv",
    ];
    let out = bullcheck(home.path())
        .args(["data", "import"])
        .args(files.iter().map(|f| dir.join(f)))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let as_of = "2024-06-30";
    let page = write_report(home.path(), &["--as-of", as_of]);
    assert_self_contained(&page);

    let checks = audit_ids(home.path(), as_of);
    let stored: Vec<&String> = checks
        .iter()
        .filter(|(_, d)| d == "stored")
        .map(|(id, _)| id)
        .collect();
    assert!(stored.len() >= 3, "{stored:?}");
    for id in &stored {
        assert!(
            section(&page, id).contains(r#"<path class="line" data-points=""#),
            "no chart for {id}"
        );
    }
    assert_eq!(page.matches(r#"<a class="cell "#).count(), checks.len());

    // The 10-year chart has one point per month of DGS10 up to the as-of date.
    let dgs10 = section(&page, "fiscal_10y_5pct");
    let expected = months_with_values(&dir.join("fred/DGS10.csv"), as_of);
    assert!(expected > 700);
    assert!(
        dgs10.contains(&format!(r#"data-points="{expected}""#)),
        "expected {expected} points"
    );
    // NBER recessions shaded: every USREC run that reaches into the chart's span (1962-01 on).
    let runs = recession_runs_since(&dir.join("fred/USREC.csv"), "1962-01", "2024-06");
    assert_eq!(dgs10.matches(r#"<rect class="recession""#).count(), runs);
    assert_eq!(runs, 8, "NBER: 8 recessions from 1969-70 to 2020");
    // Thresholds drawn and the latest point labelled with its date.
    assert!(dgs10.contains(r#"class="threshold critical""#));
    let dgs10_text = std::fs::read_to_string(dir.join("fred/DGS10.csv")).unwrap();
    let last_line = dgs10_text
        .lines()
        .rfind(|l| {
            l[..10] <= *as_of
                && l.split(',')
                    .nth(1)
                    .is_some_and(|v| v.parse::<f64>().is_ok())
        })
        .unwrap()
        .to_string();
    let (last_date, last_value) = last_line.split_once(',').unwrap();
    let last_value: f64 = last_value.parse().unwrap();
    assert!(
        dgs10.contains(&format!("{last_date}: {last_value:.2} %")),
        "{last_line}"
    );

    // The seed's wealth chart: top 10% net worth from the DFA file, index first quarter = 100,
    // and delinquency on consumer loans (DRCLACBS; the card series is not stored, and says so).
    let dfa = std::fs::read_to_string(dir.join("fed_dfa/dfa-networth-levels.csv")).unwrap();
    let mut totals: Vec<(String, f64)> = Vec::new();
    for line in dfa.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        if ["TopPt1", "RemainingTop1", "Next9"].contains(&fields[1]) {
            let value: f64 = fields[2].parse().unwrap();
            match totals.last_mut() {
                Some((date, total)) if date == fields[0] => *total += value,
                _ => totals.push((fields[0].to_string(), value)),
            }
        }
    }
    let index = 100.0 * totals.last().unwrap().1 / totals[0].1;
    assert!(
        page.contains(&format!(": {index:.1} index</text>")),
        "wealth index {index:.1}"
    );
    assert!(
        page.contains(r#"id="chart-seed-wealth""#)
            && page.contains(r#"id="chart-seed-delinquency""#)
    );
    assert!(page.contains("DRCLACBS:") && page.contains("(DRCCLACBS) is not stored"));
    // The track record is there (USREC and a rating history).
    assert!(page.contains(r#"id="chart-track-record""#));
    assert!(page.contains(r#"<table id="skill-table">"#));
}

#[test]
fn report_in_chinese() {
    let home = tempfile::tempdir().unwrap();
    let page = write_report(home.path(), &["--as-of", "2025-12-31", "--lang", "zh"]);
    assert!(page.contains(r#"<html lang="zh-Hans">"#));
    for text in [
        "热力图",
        "总体评级",
        "原文图表：用数据重建",
        "合理市盈率",
        "全部检查",
    ] {
        assert!(page.contains(text), "{text}");
    }
    assert_self_contained(&page);
}

#[test]
fn bad_as_of_exits_2_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let out_file = home.path().join("r.html");
    let out = bullcheck(home.path())
        .args(["report", "--as-of", "2025-13-01", "--out"])
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid --as-of `2025-13-01`"));
    assert!(!out_file.exists());
}

#[test]
fn chart_fragment_renders_stably() {
    use bullcheck_core::report::html::chart::{LineChart, Reference, render};
    let d = |y, m, day| jiff::civil::date(y, m, day);
    let points = [
        (d(2020, 1, 31), 1.5),
        (d(2021, 1, 29), 4.25),
        (d(2022, 1, 31), 3.0),
    ];
    let svg = render(&LineChart {
        title: "test",
        unit: "%",
        points: &points,
        references: vec![Reference {
            label: "watch ≥4".into(),
            value: 4.0,
            class: "watch",
        }],
        recessions: &[(d(2020, 2, 1), d(2020, 4, 30))],
        recession_label: "NBER recession (USREC)",
        element_id: "chart-test",
    })
    .unwrap();
    insta::assert_snapshot!(svg.replace("><", ">\n<"));
}

#[test]
fn report_has_the_network_bubble_and_event_sections_in_both_languages() {
    let home = tempfile::tempdir().unwrap();
    let page = write_report(home.path(), &["--as-of", "2025-12-31"]);
    for id in [
        "network",
        "contagion-table",
        "exposures-table",
        "bubbles",
        "bubbles-missing",
        "events",
        "event-ten-year-5pct-missing",
        "event-mlf-missing",
    ] {
        assert!(page.contains(&format!(r#"id="{id}""#)), "{id}");
    }
    // No industries stored: no episode chart, and the file to import is named.
    assert!(!page.contains(r#"id="chart-bubble-episodes""#));
    assert!(page.contains("bullcheck data import 49_Industry_Portfolios.CSV"));
    // The event studies link to their checks inside the file.
    assert!(page.contains(r##"href="#check-fiscal_10y_5pct""##));
    let zh = write_report(home.path(), &["--as-of", "2025-12-31", "--lang", "zh"]);
    for text in ["AI融资网络", "行业泡沫", "事件研究", "补齐方法"] {
        assert!(zh.contains(text), "{text}");
    }
    assert_self_contained(&zh);
}
