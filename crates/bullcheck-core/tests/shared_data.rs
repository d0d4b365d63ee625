//! Runs format detection and every parser over the real files in the shared data directory
//! (`BULLCHECK_SHARED_DATA`, else `<workspace root>/../shared/data`), and checks the results
//! against two independent oracles: values read by hand from the files with `head`/`tail`
//! (the table in [`spot_checks`]) and the row counts stated in `MANIFEST.md`.
//!
//! Without the directory the tests are skipped (and reported), unless
//! `BULLCHECK_REQUIRE_SHARED_DATA=1` (CI), which fails them.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests read fixture files

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use bullcheck_core::series::{Date, ParsedSeries};
use bullcheck_core::source::{Kind, ParseOptions, Parsed, detect, parse};
use common::{shared_data, walk};
use jiff::civil::date;

/// Files that must be rejected by `detect`, with the reason.
const NOT_DATA: [(&str, &str); 2] = [
    ("MANIFEST.md", "the data manifest (documentation)"),
    (
        "fred_json/ghalam_manifest.json",
        "the carrier's list of its series: metadata, no observations",
    ),
];

/// Every file under the shared data directory, detected and parsed, by relative path.
fn parse_all(root: &Path) -> BTreeMap<String, Result<Parsed, String>> {
    let mut files = Vec::new();
    walk(root, &mut files);
    let mut results = BTreeMap::new();
    for path in files {
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).unwrap();
        let result = detect(&relative, &bytes)
            .map_err(|reason| format!("detect: {reason}"))
            .and_then(|kind| {
                parse(kind, &relative, &bytes, &ParseOptions::default()).map_err(|e| e.to_string())
            });
        results.insert(relative, result);
    }
    results
}

fn series<'a>(parsed: &'a Parsed, id: &str) -> &'a ParsedSeries {
    parsed
        .series
        .iter()
        .find(|s| s.meta.id == id)
        .unwrap_or_else(|| {
            panic!(
                "no series {id}; have {:?}",
                parsed.series.iter().map(|s| &s.meta.id).collect::<Vec<_>>()
            )
        })
}

#[test]
fn every_data_file_is_detected_and_parsed() {
    let Some(root) = shared_data() else { return };
    let results = parse_all(&root);
    assert!(
        results.len() > 90,
        "only {} files found under {}",
        results.len(),
        root.display()
    );
    let mut failures = Vec::new();
    for (file, result) in &results {
        let expected_rejection = NOT_DATA.iter().find(|(name, _)| name == file);
        match (result, expected_rejection) {
            (Ok(parsed), None) => {
                if parsed.series.is_empty() && parsed.companies.is_empty() {
                    failures.push(format!("{file}: parsed to nothing"));
                }
                for s in &parsed.series {
                    if s.observations.iter().all(|o| o.value.is_none()) {
                        failures.push(format!("{file}: series {} has no value", s.meta.id));
                    }
                }
            }
            (Err(msg), None) => failures.push(format!("{file}: {msg}")),
            (Ok(parsed), Some(_)) => failures.push(format!(
                "{file}: should be rejected, was read as {}",
                parsed.kind
            )),
            (Err(msg), Some(_)) => assert!(msg.starts_with("detect:"), "{file}: {msg}"),
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // Every series id is unique within a file.
    for (file, result) in &results {
        if let Ok(parsed) = result {
            let mut ids: Vec<&str> = parsed.series.iter().map(|s| s.meta.id.as_str()).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n, "{file}: duplicate series ids");
        }
    }
}

/// (file, kind, series id, observations, first (date, value), last (date, value)), read from the
/// files with `head -2` / `tail -1` (values) and `grep -c ''` minus the header (counts).
type SpotCheck = (
    &'static str,
    Kind,
    &'static str,
    usize,
    (Date, Option<f64>),
    (Date, Option<f64>),
);

fn spot_checks() -> Vec<SpotCheck> {
    vec![
        (
            "fred/DGS10.csv",
            Kind::FredCsv,
            "DGS10",
            16144,
            (date(1962, 1, 2), Some(4.06)),
            (date(2026, 8, 20), Some(4.69)),
        ),
        (
            "fred/UNRATE.csv",
            Kind::FredCsv,
            "UNRATE",
            921,
            (date(1948, 1, 1), Some(3.4)),
            (date(2024, 9, 1), Some(4.1)),
        ),
        (
            "fred/SAHMCURRENT.csv",
            Kind::FredCsv,
            "SAHMCURRENT",
            912,
            (date(1949, 3, 1), Some(1.10)),
            (date(2025, 2, 1), Some(0.27)),
        ),
        (
            "fred/alt/DGS10_dberweger_1962-2024-10.csv",
            Kind::FredCsv,
            "DGS10",
            16373,
            (date(1962, 1, 2), Some(4.06)),
            (date(2024, 10, 3), Some(3.85)),
        ),
        (
            "nyfed/allmonth_recession_probability.csv",
            Kind::NyfedRecession,
            "NYFED_RECPROB",
            799,
            (date(1959, 1, 31), None),
            (date(2025, 7, 31), Some(56.29)),
        ),
        (
            "nyfed/allmonth_recession_probability.csv",
            Kind::NyfedRecession,
            "NYFED_10Y",
            799,
            (date(1959, 1, 31), Some(4.02)),
            (date(2025, 7, 31), None),
        ),
        (
            "nyfed/ACMTP10_acm_10y_term_premium_daily.csv",
            Kind::NyfedAcm,
            "ACMTP10",
            16261,
            (date(1961, 6, 14), Some(0.089406)),
            (date(2026, 8, 20), Some(0.815923)),
        ),
        (
            "valuation/shiller_ie_data_monthly.csv",
            Kind::Shiller,
            "SHILLER_P",
            1865,
            (date(1871, 1, 1), Some(4.44)),
            (date(2026, 5, 1), Some(7259.22)),
        ),
        (
            "valuation/shiller_ie_data_monthly.csv",
            Kind::Shiller,
            "SHILLER_D",
            1865,
            (date(1871, 1, 1), Some(0.26)),
            (date(2026, 5, 1), None),
        ),
        (
            "valuation/damodaran_histimpl_implied_erp_annual.csv",
            Kind::Damodaran,
            "DAMODARAN_ERP_FCFE",
            64,
            (date(1960, 12, 31), None),
            (date(2023, 12, 31), Some(0.046)),
        ),
        (
            "valuation/damodaran_histimpl_implied_erp_annual.csv",
            Kind::Damodaran,
            "DAMODARAN_TBOND",
            64,
            (date(1960, 12, 31), Some(0.0276)),
            (date(2023, 12, 31), Some(0.0388)),
        ),
        (
            "dfast/2025-Baseline_Domestic.csv",
            Kind::Dfast,
            "DFAST_2025_BASELINE_UNEMPLOYMENT_RATE",
            13,
            (date(2025, 1, 1), Some(4.3)),
            (date(2028, 1, 1), Some(4.2)),
        ),
        (
            "fed_dfa/dfa-networth-levels.csv",
            Kind::FedDfa,
            "DFA_TOPPT1_NET_WORTH",
            136,
            (date(1989, 7, 1), Some(1_762_391.0)),
            (date(2023, 4, 1), Some(18_625_162.0)),
        ),
        (
            "french/F-F_Research_Data_5_Factors_2x3_monthly_to2024-09.csv",
            Kind::French,
            "FF5_MKT_RF",
            735,
            (date(1963, 7, 1), Some(-0.39)),
            (date(2024, 9, 1), Some(1.74)),
        ),
        (
            "french/F-F_Research_Data_5_Factors_2x3_monthly_to2024-09.csv",
            Kind::French,
            "FF5_RF",
            735,
            (date(1963, 7, 1), Some(0.27)),
            (date(2024, 9, 1), Some(0.4)),
        ),
        (
            "french/12_Industry_Portfolios_multisection_to2024-12.csv",
            Kind::French,
            "FF12_VW_NODUR",
            1182,
            (date(1926, 7, 1), Some(1.45)),
            (date(2024, 12, 1), Some(-5.04)),
        ),
        (
            "treasury_fiscal/ghalam_debt_to_penny.json",
            Kind::JsonRecords,
            "DEBT_TO_PENNY",
            8376,
            (date(1993, 4, 1), Some(4_225_873_987_843.44)),
            (date(2026, 8, 20), Some(40_033_256_786_764.37)),
        ),
        (
            "treasury_fiscal/ghalam_debt_to_penny.json",
            Kind::JsonRecords,
            "DEBT_HELD_BY_PUBLIC",
            8376,
            (date(1993, 4, 1), None),
            (date(2026, 8, 20), Some(32_278_964_736_853.4)),
        ),
        (
            "reserves_gold/imf_cofer_usd_share.json",
            Kind::JsonRecords,
            "COFER_USD_SHARE",
            109,
            (date(1999, 1, 1), Some(71.1888689871011)),
            (date(2026, 1, 1), Some(57.130786895752)),
        ),
        (
            "reserves_gold/cftc_gold_legacy_futures_only.json",
            Kind::JsonRecords,
            "CFTC_GOLD_NONCOMM_NET",
            // 2214 records on 1930 dates: one value per date (the COMEX contract's, see
            // `records::cftc_gold`).
            1930,
            (date(1986, 1, 15), Some(18_589.0 - 7_706.0)),
            (date(2026, 8, 18), Some(256_902.0 - 34_713.0)),
        ),
        (
            "china/shanghai_composite_daily_2000-2025.csv",
            Kind::ShanghaiComposite,
            "SSE_COMPOSITE_CLOSE",
            6330,
            (date(2000, 1, 4), Some(1406.37)),
            (date(2025, 8, 13), Some(3683.46)),
        ),
        (
            "market/cboe_skew.csv",
            Kind::GenericCsv,
            "SKEW",
            9211,
            (date(1990, 1, 2), Some(126.09)),
            (date(2026, 8, 21), Some(143.90)),
        ),
        (
            "recession/nber_recession_peaks_troughs.csv",
            Kind::NberPeaks,
            "NBER_TROUGHS",
            11,
            (date(1954, 5, 1), Some(1.0)),
            (date(2020, 4, 1), Some(1.0)),
        ),
        (
            "credit/ebp_csv.csv",
            Kind::GzEbp,
            "GZ_EBP",
            603,
            (date(1973, 1, 1), Some(0.01207823834612131)),
            (date(2023, 3, 1), Some(-0.19465282127589137)),
        ),
        (
            "credit/ebp_csv.csv",
            Kind::GzEbp,
            "GZ_EST_PROB",
            603,
            (date(1973, 1, 1), Some(0.2288595808163296)),
            (date(2023, 3, 1), Some(0.1621484543769025)),
        ),
    ]
}

#[test]
fn spot_values_match_the_files() {
    let Some(root) = shared_data() else { return };
    for (file, kind, id, count, first, last) in spot_checks() {
        let bytes = std::fs::read(root.join(file)).unwrap();
        assert_eq!(detect(file, &bytes), Ok(kind), "{file}");
        let parsed =
            parse(kind, file, &bytes, &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let s = series(&parsed, id);
        assert_eq!(s.observations.len(), count, "{file} {id}: count");
        let f = &s.observations[0];
        let l = s.observations.last().unwrap();
        assert_eq!((f.date, f.value), first, "{file} {id}: first");
        assert_eq!((l.date, l.value), last, "{file} {id}: last");
    }
}

#[test]
fn interest_expense_total_for_the_last_month() {
    let Some(root) = shared_data() else { return };
    let file = "treasury_fiscal/ghalam_interest_expense.json";
    let bytes = std::fs::read(root.join(file)).unwrap();
    let parsed = parse(Kind::JsonRecords, file, &bytes, &ParseOptions::default()).unwrap();
    let total = series(&parsed, "TREASURY_INTEREST_EXPENSE_MONTHLY");
    // 195 distinct month-ends 2010-05-31 .. 2026-07-31; the last month's 38 line items summed
    // with python from the file: 117573576107.24 (cents rounding).
    assert_eq!(total.observations.len(), 195);
    let last = total.observations.last().unwrap();
    assert_eq!(last.date, date(2026, 7, 31));
    assert!(
        (last.value.unwrap() - 117_573_576_107.24).abs() < 0.01,
        "{:?}",
        last.value
    );
}

#[test]
fn total_debt_copy_equals_debt_to_penny_total() {
    let Some(root) = shared_data() else { return };
    let read = |file: &str| {
        let bytes = std::fs::read(root.join(file)).unwrap();
        parse(Kind::JsonRecords, file, &bytes, &ParseOptions::default()).unwrap()
    };
    let penny = read("treasury_fiscal/ghalam_debt_to_penny.json");
    let copy = read("treasury_fiscal/ghalam_total_debt.json");
    assert_eq!(
        series(&penny, "DEBT_TO_PENNY").observations,
        series(&copy, "GHALAM_TOTAL_DEBT").observations
    );
}

/// Manifest `rows` per file: for files read one row per observation, every series of the file
/// has exactly that many observations.
#[test]
fn observation_counts_match_the_manifest() {
    let Some(root) = shared_data() else { return };
    let manifest = std::fs::read_to_string(root.join("MANIFEST.md")).unwrap();
    let results = parse_all(&root);
    let mut checked = 0;
    for line in manifest
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| file") && !l.starts_with("|---"))
    {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let (file, rows) = (cells[0], cells.get(5).and_then(|r| r.parse::<usize>().ok()));
        let Some(rows) = rows else { continue };
        // Different row semantics: French counts every non-blank line; interest_expense has many
        // line items per month; the DFA table has one row per quarter x 5 wealth groups.
        let expected = match file {
            f if f.starts_with("french/") => continue,
            "treasury_fiscal/ghalam_interest_expense.json" => continue,
            f if NOT_DATA.iter().any(|(n, _)| *n == f) => continue,
            "fed_dfa/dfa-networth-levels.csv" => rows / 5,
            // Two or three gold contracts on 279 dates (284 extra records): one per date.
            "reserves_gold/cftc_gold_legacy_futures_only.json" => rows - 284,
            _ => rows,
        };
        let parsed = match results.get(file) {
            Some(Ok(parsed)) => parsed,
            other => panic!("{file}: {other:?}"),
        };
        for s in &parsed.series {
            assert_eq!(
                s.observations.len(),
                expected,
                "{file} {}: manifest says {rows} rows",
                s.meta.id
            );
        }
        checked += 1;
    }
    assert!(checked > 80, "only {checked} manifest rows checked");
}

/// Issue 24: in every real text file that parses, a data row cut before its last field (about
/// 8 rows per file, spread over the file, the last row excepted) is refused naming the file
/// and a line at or after the cut, whatever the format.
#[test]
fn a_row_missing_its_last_field_is_refused_in_every_real_file() {
    let Some(root) = shared_data() else { return };
    let mut files = Vec::new();
    walk(&root, &mut files);
    let (mut tried, mut kinds) = (0, std::collections::BTreeSet::new());
    for path in files {
        let name = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let Ok(kind) = detect(&name, &bytes) else {
            continue;
        };
        if text.trim_start().starts_with(['{', '['])
            || parse(kind, &name, &bytes, &ParseOptions::default()).is_err()
        {
            continue;
        }
        let lines: Vec<&str> = text.split('\n').collect();
        let last = lines
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .unwrap_or(0);
        let data: Vec<usize> = (1..last)
            .filter(|&at| {
                let first_two: Vec<&str> = lines[at].splitn(3, ',').take(2).collect();
                first_two.len() == 2
                    && !first_two[0].trim().is_empty()
                    && !first_two[0].contains('"')
                    && first_two
                        .iter()
                        .any(|f| f.bytes().any(|b| b.is_ascii_digit()))
            })
            .collect();
        let step = (data.len() / 8).max(1);
        for &at in data.iter().step_by(step) {
            let cut = lines[at].rfind(',').unwrap();
            let mut variant = lines.clone();
            variant[at] = &lines[at][..cut];
            let damaged = variant.join("\n");
            let err = parse(kind, &name, damaged.as_bytes(), &ParseOptions::default())
                .err()
                .unwrap_or_else(|| panic!("{name}: line {} cut short was stored", at + 1));
            assert!(
                err.line.is_some_and(|l| l > at as u64),
                "{name}:{}: {err}",
                at + 1
            );
            tried += 1;
            kinds.insert(kind);
        }
    }
    assert!(tried > 500 && kinds.len() >= 10, "{tried} {kinds:?}");
}
