//! Validation on the publishers' own formats in `../shared/data/real_formats` (see
//! `MANIFEST.md` there): the workbooks and Excel's CSV export must give the same values as
//! the CSV conversions already in shared data (`valuation/*`), which were made with python
//! `xlrd` from other copies of the same workbooks: an independent reader, and in part an
//! independent vintage.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests read fixture files

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use bullcheck_core::series::{Date, ParsedSeries};
use bullcheck_core::source::{Kind, ParseOptions, detect, parse};
use common::shared_data;

fn read(root: &Path, relative: &str) -> (Kind, Vec<ParsedSeries>) {
    let bytes = std::fs::read(root.join(relative)).unwrap();
    let kind = detect(relative, &bytes).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let parsed = parse(kind, relative, &bytes, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{relative}: {e}"));
    (kind, parsed.series)
}

fn values(all: &[ParsedSeries], id: &str) -> BTreeMap<Date, f64> {
    all.iter()
        .find(|s| s.meta.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
        .observations
        .iter()
        .filter_map(|o| o.value.map(|v| (o.date, v)))
        .collect()
}

/// Compares `id` in `got` with `want` on every date of `got` up to `through`; returns how many
/// dates were compared. `tolerance` is the rounding of the copy in `got`.
fn same_values(
    got: &[ParsedSeries],
    want: &[ParsedSeries],
    id: &str,
    through: Date,
    tolerance: f64,
) -> usize {
    let got = values(got, id);
    let want = values(want, id);
    let mut compared = 0;
    for (date, v) in got.range(..=through) {
        let w = want
            .get(date)
            .unwrap_or_else(|| panic!("{id} {date}: {v} in the workbook, absent from the CSV"));
        assert!(
            (v - w).abs() <= tolerance,
            "{id} {date}: {v} vs {w} in the CSV conversion"
        );
        compared += 1;
    }
    compared
}

fn date(y: i16, m: i8, d: i8) -> Date {
    jiff::civil::date(y, m, d)
}

/// Shiller's published workbook (sheet `Data`, saved 2025-04) against the xlrd conversion of
/// a later copy (to 2026-05): every month's P, D, E, CPI and GS10 equal exactly, through
/// 2025-02. The workbook's own footnote row says its last months are provisional ("Apr price
/// is Apr 3rd close", "Mar/Apr CPI estimaated", "Apr GS10 is Apr 3rd value"), and the later
/// copy has the final figures: 2025-04 P 5396.52 vs 5369.50, CPI 320.14 vs 320.80.
#[test]
fn shiller_workbook_equals_the_csv_conversion() {
    let Some(root) = shared_data() else { return };
    let (kind, xls) = read(&root, "real_formats/shiller/ie_data.xls");
    assert_eq!(kind, Kind::Shiller);
    let (_, csv) = read(&root, "valuation/shiller_ie_data_monthly.csv");
    let through = date(2025, 2, 1);
    // 1871-01 .. 2025-02 is 1850 months; D and E end where Shiller has reported them
    // (2024-12 in this copy: 1848 months).
    for (id, months) in [
        ("SHILLER_P", 1850),
        ("SHILLER_CPI", 1850),
        ("SHILLER_GS10", 1850),
        ("SHILLER_D", 1848),
        ("SHILLER_E", 1848),
    ] {
        assert_eq!(same_values(&xls, &csv, id, through, 0.0), months, "{id}");
    }
    // Shiller's date floats: 2000.1 is October 2000 (S&P 1390.14 in both).
    assert_eq!(values(&xls, "SHILLER_P")[&date(2000, 10, 1)], 1390.14);
    // The footnote row is not a month: the last month is 2025-04.
    let p = values(&xls, "SHILLER_P");
    assert_eq!(p.keys().next_back(), Some(&date(2025, 4, 1)));
    assert_eq!(p.keys().next(), Some(&date(1871, 1, 1)));
    // Every id of the converted CSV's columns that the workbook has.
    let ids: Vec<&str> = xls.iter().map(|s| s.meta.id.as_str()).collect();
    assert_eq!(ids.len(), 11, "{ids:?}");
}

/// Excel's "save as CSV" of an older sheet (to 2018-03, values as displayed: two decimals,
/// three for CPI) against the conversion: equal within the export's rounding (half a unit of
/// the second decimal) through 2018-01; its footnote says February-March 2018 CPI was
/// estimated and March P and GS10 are early-March values.
#[test]
fn shiller_excel_export_equals_the_csv_conversion_within_rounding() {
    let Some(root) = shared_data() else { return };
    let (kind, export) = read(&root, "real_formats/shiller/ie_data_excel_export.csv");
    assert_eq!(kind, Kind::Shiller);
    let (_, csv) = read(&root, "valuation/shiller_ie_data_monthly.csv");
    let through = date(2018, 1, 1);
    // 1871-01 .. 2018-01 is 1765 months; D to 2017-12 (1764), E to 2017-09 (1761).
    for (id, months) in [
        ("SHILLER_P", 1765),
        ("SHILLER_CPI", 1765),
        ("SHILLER_GS10", 1765),
        ("SHILLER_D", 1764),
        ("SHILLER_E", 1761),
    ] {
        assert_eq!(
            same_values(&export, &csv, id, through, 0.005 + 1e-9),
            months,
            "{id}"
        );
    }
    // `1871.1` is October 1871: S&P 4.59 (`grep ^1871.1, ie_data_excel_export.csv`).
    assert_eq!(values(&export, "SHILLER_P")[&date(1871, 10, 1)], 4.59);
    assert_eq!(values(&export, "SHILLER_P")[&date(1871, 1, 1)], 4.44);
}

/// Damodaran's workbook (saved 2021-02, years 1960-2020) against the conversion of a later
/// copy (to 2023): the implied ERP (DDM and FCFE), the T-bond and T-bill rates and the index
/// equal exactly every year. The later copy revised end-2020 earnings (138.12 → 139.76, so
/// the earnings yield too): compared through 2019 for those two.
#[test]
fn damodaran_workbook_equals_the_csv_conversion() {
    let Some(root) = shared_data() else { return };
    let (kind, xls) = read(&root, "real_formats/damodaran/histimpl.xls");
    assert_eq!(kind, Kind::Damodaran);
    let (_, csv) = read(&root, "valuation/damodaran_histimpl_implied_erp_annual.csv");
    let end2020 = date(2020, 12, 31);
    // ERP (FCFE) and (DDM) exist from 1961: 60 years; the rest from 1960: 61.
    for (id, years) in [
        ("DAMODARAN_ERP_FCFE", 60),
        ("DAMODARAN_ERP_DDM", 60),
        ("DAMODARAN_TBOND", 61),
        ("DAMODARAN_TBILL", 61),
        ("DAMODARAN_SP500", 61),
        ("DAMODARAN_DY", 61),
        ("DAMODARAN_DIVIDENDS", 61),
    ] {
        assert_eq!(same_values(&xls, &csv, id, end2020, 0.0), years, "{id}");
    }
    for id in ["DAMODARAN_EARNINGS", "DAMODARAN_EY"] {
        assert_eq!(
            same_values(&xls, &csv, id, date(2019, 12, 31), 0.0),
            60,
            "{id}"
        );
    }
    // End of 2020: implied ERP (FCFE) 4.72% (the workbook's own "End of 2020" line says
    // 0.0472 too).
    assert_eq!(values(&xls, "DAMODARAN_ERP_FCFE")[&end2020], 0.0472);
    // The footnote and the period-average block below the table are not years.
    assert_eq!(
        values(&xls, "DAMODARAN_ERP_FCFE").keys().next_back(),
        Some(&end2020)
    );
}

/// The 25 size x book-to-market portfolios: ten tables, each its own id; operating
/// profitability and investment (whose titles end with the same line) both kept.
#[test]
fn french_25_portfolios_every_table_distinct() {
    let Some(root) = shared_data() else { return };
    let (kind, all) = read(&root, "real_formats/french/25_Portfolios_5x5.CSV");
    assert_eq!(kind, Kind::French);
    assert_eq!(all.len(), 250);
    let mut ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 250, "an id twice");
    let prefix = "FF_25_PORTFOLIOS_5X5_";
    let mut sections: Vec<String> = all
        .iter()
        .map(|s| {
            let rest = &s.meta.id[prefix.len()..];
            // Column ids are the portfolio names (SMALL_LOBM, ME1_BM2, ... BIG_HIBM).
            let at = rest
                .find("_SMALL_")
                .or_else(|| rest.find("_ME"))
                .or_else(|| rest.find("_BIG_"))
                .unwrap();
            rest[..at].to_string()
        })
        .collect();
    sections.dedup();
    assert_eq!(
        sections,
        [
            "VW",
            "EW",
            "VW_ANNUAL",
            "EW_ANNUAL",
            "NFIRMS",
            "AVERAGE_MARKET_CAP",
            "BEME_VW_DEC",
            "BEME_VW_JUN",
            "OP_VW",
            "INV_VW"
        ]
    );
    // Each table's row count: lines between its header and the blank line that ends it
    // (`sed -n` on the file): monthly tables 1926-07..2020-11 = 1133 rows, annual 1927..2019
    // = 93, OP and INV 1963-07..2020-11 = 689.
    let rows = |id: &str| values(&all, &format!("{prefix}{id}")).len();
    assert_eq!(rows("VW_SMALL_LOBM"), 1133);
    assert_eq!(rows("VW_ANNUAL_SMALL_LOBM"), 93);
    assert_eq!(rows("OP_VW_SMALL_LOBM"), 689);
    assert_eq!(rows("INV_VW_SMALL_LOBM"), 689);
    // First rows of the two tables (lines 7044 and 7740 of the file).
    let first = |id: &str| {
        *values(&all, &format!("{prefix}{id}"))
            .values()
            .next()
            .unwrap()
    };
    assert_eq!(first("OP_VW_SMALL_LOBM"), -0.9378);
    assert_eq!(first("INV_VW_SMALL_LOBM"), 0.1924);
}

#[test]
fn french_momentum_annual_table_is_annual() {
    let Some(root) = shared_data() else { return };
    let (_, all) = read(&root, "real_formats/french/F-F_Momentum_Factor.CSV");
    let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "FF_F_F_MOMENTUM_FACTOR_MOM",
            "FF_F_F_MOMENTUM_FACTOR_ANNUAL_MOM"
        ]
    );
    // 1927-01..2020-11 monthly (1127 rows), 1927..2019 annual (93 rows).
    assert_eq!(values(&all, "FF_F_F_MOMENTUM_FACTOR_MOM").len(), 1127);
    let annual = values(&all, "FF_F_F_MOMENTUM_FACTOR_ANNUAL_MOM");
    assert_eq!(annual.len(), 93);
    assert_eq!(annual[&date(1927, 1, 1)], 23.87);
}

/// No two files of the shared data give the same id to different series, except copies of
/// one series (FRED carriers, the Shiller and Damodaran conversions and workbooks), which
/// must agree: the ids of every French table are unique across files.
#[test]
fn no_french_id_is_shared_by_two_files() {
    let Some(root) = shared_data() else { return };
    let mut files = Vec::new();
    common::walk(&root, &mut files);
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for path in files {
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).unwrap();
        if detect(&relative, &bytes) != Ok(Kind::French) {
            continue;
        }
        let parsed = parse(Kind::French, &relative, &bytes, &ParseOptions::default()).unwrap();
        for s in parsed.series {
            if let Some(other) = owner.insert(s.meta.id.clone(), relative.clone()) {
                panic!("{} from both {other} and {relative}", s.meta.id);
            }
        }
    }
    // 12 industries x 8 tables + 49 x 8 + FF5's 6 + 250 + 2.
    assert_eq!(owner.len(), 96 + 392 + 6 + 250 + 2);
}

/// Across all of the shared data, an id that two files give is the same series from two
/// carriers or vintages: both files are read by the same kind of parser, or the pair is a
/// FRED CSV / FRED API copy of one FRED series. Anything else would be two different series
/// overwriting each other in the store.
#[test]
fn an_id_shared_by_two_files_is_one_series() {
    let Some(root) = shared_data() else { return };
    let mut files = Vec::new();
    common::walk(&root, &mut files);
    let mut owner: BTreeMap<String, (String, Kind)> = BTreeMap::new();
    let family = |kind: Kind| match kind {
        Kind::FredCsv | Kind::FredApiJson | Kind::GenericCsv => "fred",
        other => other.name(),
    };
    let mut shared = 0;
    for path in files {
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).unwrap();
        let Ok(kind) = detect(&relative, &bytes) else {
            continue;
        };
        let Ok(parsed) = parse(kind, &relative, &bytes, &ParseOptions::default()) else {
            continue; // every_data_file_is_detected_and_parsed reports those
        };
        for s in parsed.series {
            if let Some((other, other_kind)) = owner.get(&s.meta.id) {
                assert_eq!(
                    family(*other_kind),
                    family(kind),
                    "{} from {other} ({other_kind}) and {relative} ({kind})",
                    s.meta.id
                );
                shared += 1;
            } else {
                owner.insert(s.meta.id.clone(), (relative.clone(), kind));
            }
        }
    }
    assert!(shared > 0);
}
