//! Reproduces published model outputs from the public files in `../shared/data`, or on a
//! clone without them from the copies of the same files in `testdata/validation/`:
//! - every probability of the NY Fed yield-curve table from the table's own spread column
//!   (within 0.15 percentage point, dated t from the spread of t−12);
//! - FRED's Sahm indicator (SAHMCURRENT) from UNRATE (within 0.07 point on every overlapping
//!   month; the differences are UNRATE revisions between the two downloads' vintages).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests read fixture files

mod common;

use bullcheck_core::checks::compute::{recession_probability_series, sahm_series};
use bullcheck_core::series::{Dataset, Date, ParsedSeries, Series};
use bullcheck_core::source::{Kind, ParseOptions, parse};
use common::validation_data;

fn load(kind: Kind, rel: &str) -> Vec<ParsedSeries> {
    let path = validation_data().join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse(kind, rel, &bytes, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .series
}

fn to_series(parsed: &ParsedSeries) -> Series {
    let points = parsed
        .observations
        .iter()
        .filter_map(|o| o.value.map(|v| (o.date, v)))
        .collect();
    Series::new(parsed.meta.clone(), points)
}

#[test]
fn nyfed_table_probabilities_reproduced_from_its_spread() {
    let all = load(
        Kind::NyfedRecession,
        "nyfed/allmonth_recession_probability.csv",
    );
    let mut data = Dataset::default();
    for s in &all {
        data.insert(to_series(s));
    }
    let published = data.get("NYFED_RECPROB").expect("NYFED_RECPROB").clone();
    let last = published.last().expect("rows").0;
    let (id, ours) = recession_probability_series(&data, last).expect("spread stored");
    assert_eq!(id, "NYFED_SPREAD");
    let mut compared = 0;
    let mut worst: (f64, Option<Date>) = (0.0, None);
    for &(date, p) in &published.points {
        // The table dates leap-year Februaries the 28th; match by month.
        let Some(&(_, mine)) = ours
            .iter()
            .find(|o| o.0.year() == date.year() && o.0.month() == date.month())
        else {
            panic!("no computed probability dated {date}");
        };
        let diff = (mine - p).abs();
        if diff > worst.0 {
            worst = (diff, Some(date));
        }
        compared += 1;
    }
    // 799 rows, the first 12 without a probability.
    assert_eq!(compared, 787, "published probabilities compared");
    assert!(
        worst.0 <= 0.15,
        "largest gap {:.4} pp at {:?}",
        worst.0,
        worst.1
    );
    // The table's last row: 2025-07-31, 56.29%, from the July 2024 spread of -1.09.
    let (d, p) = *ours.last().unwrap();
    assert_eq!(d, jiff::civil::date(2025, 7, 31));
    assert!((p - 56.29).abs() < 0.15, "{p}");
}

#[test]
fn sahm_from_unrate_matches_fred_sahmcurrent() {
    let unrate = to_series(&load(Kind::FredCsv, "fred/UNRATE.csv")[0]);
    let published = to_series(&load(Kind::FredCsv, "fred/SAHMCURRENT.csv")[0]);
    let ours = sahm_series(&unrate.points);
    let mut overlapping = 0;
    let mut exact = 0;
    let mut worst = (0.0_f64, None);
    for &(date, mine) in &ours {
        let Some(&(_, p)) = published.points.iter().find(|q| q.0 == date) else {
            continue;
        };
        overlapping += 1;
        let diff = (mine - p).abs();
        // FRED publishes two decimals: "exact" means equal after rounding.
        if ((mine * 100.0).round() - (p * 100.0).round()).abs() < 0.5 {
            exact += 1;
        }
        if diff > worst.0 {
            worst = (diff, Some(date));
        }
    }
    eprintln!(
        "Sahm: {overlapping} overlapping months, {exact} exact to 2 decimals, largest gap {:.3} at {:?}",
        worst.0, worst.1
    );
    assert!(overlapping > 850, "{overlapping}");
    assert!(
        worst.0 <= 0.07,
        "largest gap {:.3} at {:?}",
        worst.0,
        worst.1
    );
    assert!(
        exact * 2 > overlapping,
        "exact on most months: {exact} of {overlapping}"
    );
    // July 2024 = 0.53 (the published trigger month).
    let july = ours
        .iter()
        .find(|p| p.0 == jiff::civil::date(2024, 7, 1))
        .unwrap()
        .1;
    assert!((july - 0.53).abs() < 0.005, "{july}");
}

/// The FRED API files of one vintage (2026-08-07): UNRATE has no value for October 2025
/// (`"."`, no household survey during the federal shutdown). Sahm windows are calendar
/// months, so every published month is reproduced to FRED's two decimals, including the
/// months whose windows contain the gap (2025-10 to 2026-09) and July 2026 (−0.03).
#[test]
fn sahm_over_calendar_months_reproduces_sahmcurrent_across_the_missing_october_2025() {
    let unrate_file = load(Kind::FredApiJson, "real_formats/fred_api/UNRATE.json");
    let unrate = to_series(&unrate_file[0]);
    let missing: Vec<Date> = unrate_file[0]
        .observations
        .iter()
        .filter(|o| o.value.is_none())
        .map(|o| o.date)
        .collect();
    assert_eq!(missing, [jiff::civil::date(2025, 10, 1)]);
    let published =
        to_series(&load(Kind::FredApiJson, "real_formats/fred_api/SAHMCURRENT.json")[0]);
    let ours = sahm_series(&unrate.points);
    let mut compared = 0;
    for &(date, p) in &published.points {
        let mine = ours
            .iter()
            .find(|q| q.0 == date)
            .unwrap_or_else(|| panic!("no Sahm value for {date}"))
            .1;
        assert!(
            ((mine * 100.0).round() - (p * 100.0).round()).abs() < 0.5,
            "{date}: ours {mine:.4}, FRED {p}"
        );
        compared += 1;
    }
    assert_eq!(compared, 929, "every published month");
    let at = |y, m| {
        ours.iter()
            .find(|q| q.0 == jiff::civil::date(y, m, 1))
            .unwrap()
            .1
    };
    // 2026-07: MA3 (4.3 + 4.2 + 4.1)/3 = 4.2 minus the lowest MA3 of 2025-07..2026-06, which is
    // higher (the October gap does not shift the window): FRED's −0.03.
    assert!((at(2026, 7) - -0.03).abs() < 0.005, "{}", at(2026, 7));
    // 2025-11: MA3 = (Sep 4.4 + Nov 4.5)/2 = 4.45 over the two months present; the lowest
    // MA3 of 2024-11..2025-10 is 4.1 (2025-01, 2025-02): 0.35.
    assert!((at(2025, 11) - 0.35).abs() < 0.005, "{}", at(2025, 11));
}
