//! The store's tests: schema, read-only stores, imports and their provenance, vintages.

use bullcheck_core::series::{ParsedSeries, SeriesMeta};
use bullcheck_core::source::Kind;
use jiff::civil::date;

use super::sql::sql_int;
use super::*;

pub(super) fn parsed(id: &str, rows: &[(Date, Option<f64>)]) -> Parsed {
    Parsed {
        kind: Kind::FredCsv,
        series: vec![ParsedSeries {
            meta: SeriesMeta {
                id: id.to_string(),
                source: "FRED".to_string(),
                ..SeriesMeta::default()
            },
            observations: rows.iter().map(|&(d, v)| Observation::new(d, v)).collect(),
        }],
        companies: Vec::new(),
    }
}

pub(super) fn provenance(content: &str) -> Provenance {
    Provenance {
        source: "/tmp/x.csv".to_string(),
        kind: "fred-csv".to_string(),
        sha256: sha256_hex(content.as_bytes()),
        retrieved_at: "2026-01-01T00:00:00Z".to_string(),
        bytes: content.len() as u64,
    }
}

pub(super) fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("sub/bullcheck.sqlite")).unwrap();
    (dir, store)
}

pub(super) fn count(store: &Store, sql: &str) -> i64 {
    store
        .connection()
        .query_row(sql, [], |row| row.get(0))
        .unwrap()
}

#[test]
fn sha256_of_abc_matches_the_fips_180_example() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn open_creates_the_schema_once_with_wal_and_foreign_keys() {
    let (dir, store) = temp_store();
    assert_eq!(
        schema_version(store.connection()).unwrap(),
        MIGRATIONS.len()
    );
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(count(&store, "PRAGMA foreign_keys"), 1);
    drop(store);
    let reopened = Store::open(&dir.path().join("sub/bullcheck.sqlite")).unwrap();
    assert_eq!(
        schema_version(reopened.connection()).unwrap(),
        MIGRATIONS.len()
    );
}

/// A read-only home used to fail every command with "Error code 14": the store opens
/// read-only, reads work, and a write says "read-only". (Opened directly: tests may run as
/// root, for whom file permissions do not bind.)
#[test]
fn read_only_store_reads_and_refuses_writes_saying_read_only() {
    let (dir, mut store) = temp_store();
    let rows = [
        (date(2024, 1, 2), Some(3.95)),
        (date(2024, 1, 3), Some(3.91)),
    ];
    store
        .import(&parsed("DGS10", &rows), &provenance("a"))
        .unwrap();
    drop(store);
    let path = dir.path().join("sub/bullcheck.sqlite");
    let mut read_only = Store::open_read_only(&path).unwrap();
    let data = read_only.load_dataset().unwrap();
    assert_eq!(data.get("DGS10").unwrap().points.len(), 2);
    let err = read_only
        .import(&parsed("DGS10", &rows), &provenance("b"))
        .unwrap_err();
    assert!(format!("{err:#}").contains("read-only"), "{err:#}");
}

#[test]
fn a_store_from_a_newer_binary_is_refused() {
    let (dir, store) = temp_store();
    store
        .connection()
        .pragma_update(None, "user_version", sql_int(MIGRATIONS.len() + 1))
        .unwrap();
    drop(store);
    let err = Store::open(&dir.path().join("sub/bullcheck.sqlite"))
        .err()
        .unwrap();
    let text = format!("{err:#}");
    assert!(text.contains("newer bullcheck"), "{text}");
}

#[test]
fn import_then_load_keeps_missing_values_out_of_the_dataset_but_in_observations() {
    let (_dir, mut store) = temp_store();
    let rows = [
        (date(2024, 1, 2), Some(3.95)),
        (date(2024, 1, 1), None),
        (date(2024, 1, 3), Some(3.91)),
    ];
    let summary = store
        .import(&parsed("DGS10", &rows), &provenance("a"))
        .unwrap();
    assert!(!summary.unchanged);
    assert_eq!(
        summary.details,
        vec![SeriesImport {
            id: "DGS10".into(),
            rows: 3,
            new_rows: 3,
            revised_rows: 0,
            kept_rows: 0,
            disagreeing: 0,
            largest_difference: None,
        }]
    );

    let dataset = store.load_dataset().unwrap();
    let series = dataset.get("DGS10").unwrap();
    assert_eq!(
        series.points,
        vec![(date(2024, 1, 2), 3.95), (date(2024, 1, 3), 3.91)]
    );
    assert_eq!(series.meta.source, "FRED");

    let stored = store.observations("DGS10").unwrap();
    assert_eq!(stored.len(), 3);
    assert_eq!(stored[0], Observation::new(date(2024, 1, 1), None));
    let listing = &store.list_series().unwrap()[0];
    assert_eq!((listing.rows, listing.missing), (3, 1));
    assert_eq!(listing.first.as_deref(), Some("2024-01-01"));
    assert_eq!(listing.last.as_deref(), Some("2024-01-03"));
}

#[test]
fn same_bytes_twice_change_nothing_and_record_nothing() {
    let (_dir, mut store) = temp_store();
    let file = parsed("UNRATE", &[(date(2024, 1, 1), Some(3.7))]);
    store.import(&file, &provenance("same")).unwrap();
    let again = store.import(&file, &provenance("same")).unwrap();
    assert!(again.unchanged);
    assert_eq!(count(&store, "SELECT count(*) FROM imports"), 1);
    assert_eq!(store.provenance("UNRATE").unwrap().len(), 1);
    // The same bytes under another id are a different import.
    let renamed = parsed("UNRATE_COPY", &[(date(2024, 1, 1), Some(3.7))]);
    assert!(
        !store
            .import(&renamed, &provenance("same"))
            .unwrap()
            .unchanged
    );
}

#[test]
fn newer_file_revises_values_keeps_old_dates_and_both_provenances() {
    let (_dir, mut store) = temp_store();
    let old = [(date(2024, 1, 1), Some(3.7)), (date(2024, 2, 1), Some(3.9))];
    store
        .import(&parsed("UNRATE", &old), &provenance("old"))
        .unwrap();
    // The newer file starts later, revises February and adds March.
    let new = [(date(2024, 2, 1), Some(3.8)), (date(2024, 3, 1), Some(3.9))];
    let summary = store
        .import(&parsed("UNRATE", &new), &provenance("new"))
        .unwrap();
    assert_eq!(
        summary.details[0],
        SeriesImport {
            id: "UNRATE".into(),
            rows: 2,
            new_rows: 1,
            revised_rows: 1,
            kept_rows: 0,
            disagreeing: 0,
            largest_difference: None,
        }
    );
    let series = store.load_dataset().unwrap().get("UNRATE").unwrap().clone();
    assert_eq!(
        series.points,
        vec![
            (date(2024, 1, 1), 3.7),
            (date(2024, 2, 1), 3.8),
            (date(2024, 3, 1), 3.9)
        ]
    );
    let provenance = store.provenance("UNRATE").unwrap();
    assert_eq!(provenance.len(), 2);
    assert_eq!((provenance[1].new_rows, provenance[1].revised_rows), (1, 1));
    assert_eq!(
        store.last_import_sha("/tmp/x.csv").unwrap(),
        Some(sha256_hex(b"new"))
    );
}

#[test]
fn vintages_give_the_newest_value_of_each_date() {
    let (_dir, mut store) = temp_store();
    let mut file = parsed("GDP", &[]);
    let vintage = |d: Date, v: f64, rt: Date| Observation {
        date: d,
        value: Some(v),
        realtime_start: Some(rt),
    };
    file.series[0].observations = vec![
        vintage(date(2024, 1, 1), 100.0, date(2024, 4, 25)),
        vintage(date(2024, 1, 1), 101.0, date(2024, 5, 30)),
        vintage(date(2024, 4, 1), 102.0, date(2024, 7, 25)),
    ];
    store.import(&file, &provenance("alfred")).unwrap();
    let latest = store.load_dataset().unwrap();
    assert_eq!(
        latest.get("GDP").unwrap().points,
        vec![(date(2024, 1, 1), 101.0), (date(2024, 4, 1), 102.0)]
    );
}

#[test]
fn a_failing_import_leaves_no_trace() {
    let (_dir, mut store) = temp_store();
    let mut file = parsed("GOOD", &[(date(2024, 1, 1), Some(1.0))]);
    file.series.push(
        parsed("BAD", &[(date(2024, 1, 1), Some(f64::NAN))])
            .series
            .remove(0),
    );
    let err = store.import(&file, &provenance("bad")).unwrap_err();
    assert!(err.to_string().contains("not a finite number"), "{err}");
    assert_eq!(count(&store, "SELECT count(*) FROM series"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM observations"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM imports"), 0);
}

#[test]
fn sixteen_thousand_rows_import_in_well_under_a_second() {
    let (_dir, mut store) = temp_store();
    let start_date = date(1962, 1, 2);
    let rows: Vec<(Date, Option<f64>)> = (0..16_144)
        .map(|i| {
            (
                start_date.checked_add(jiff::Span::new().days(i)).unwrap(),
                Some(i as f64 / 100.0),
            )
        })
        .collect();
    let started = std::time::Instant::now();
    store
        .import(&parsed("DGS10", &rows), &provenance("big"))
        .unwrap();
    let elapsed = started.elapsed();
    eprintln!("16144 rows imported in {elapsed:?}");
    assert_eq!(store.observations("DGS10").unwrap().len(), 16_144);
}

/// Companies with annual and quarterly reports, amendments, late filings, floats reported in
/// a 10-Q, and one company that never filed an annual report: every case the filing-dates
/// table and the narrowed fact query must agree on with a full `Screens` load.
fn companies_for_filings() -> Vec<CompanyData> {
    use bullcheck_core::companies::{Concept, Fact};
    let fact = |concept, form: &str, end: Date, filed: Date, val| Fact {
        concept,
        start: None,
        end,
        val,
        fy: Some(i32::from(end.year())),
        fp: Some("FY".to_string()),
        form: form.to_string(),
        filed,
        accn: format!("0000-{form}-{filed}"),
        frame: None,
    };
    (1..=12u64)
        .map(|cik| {
            let mut facts = Vec::new();
            for year in 2015..=2025i16 {
                let end = date(year, 12, 31);
                let filed = date(year + 1, 2, 10 + (cik % 15) as i8);
                let annual = if cik == 7 {
                    "10-Q"
                } else {
                    ["10-K", "20-F", "40-F"][(cik % 3) as usize]
                };
                let loss = if (cik + year as u64).is_multiple_of(3) {
                    -1.0e6
                } else {
                    2.0e6
                };
                facts.push(fact(Concept::NetIncomeLoss, annual, end, filed, loss));
                facts.push(fact(Concept::Revenues, annual, end, filed, 9.0e6));
                facts.push(fact(
                    Concept::NetIncomeLoss,
                    "10-Q",
                    date(year, 6, 30),
                    date(year, 8, 1),
                    loss,
                ));
                facts.push(fact(
                    Concept::EntityPublicFloat,
                    "10-Q",
                    date(year, 6, 30),
                    date(year, 8, 1),
                    5.0e7,
                ));
                if cik != 7 && year % 4 == cik as i16 % 4 {
                    facts.push(fact(
                        Concept::Revenues,
                        "10-K/A",
                        end,
                        date(year + 1, 9, 1),
                        9.5e6,
                    ));
                }
            }
            CompanyData {
                cik: cik * 1000,
                entity_name: format!("Company {cik}"),
                facts,
            }
        })
        .collect()
}

/// The report's narrow load (filing dates from `company_filings`, only the kept concepts as
/// facts) equals building the same inputs from every fact a `Screens` load returns, at dates
/// before, inside and after the filings.
#[test]
fn unprofitable_inputs_from_the_filings_table_equal_those_from_a_full_load() {
    use bullcheck_core::companies::screens::UnprofitableInputs;
    let (_dir, store) = temp_store();
    for company in companies_for_filings() {
        companies::write_company(store.connection(), &company, "test", "2026-01-01T00:00:00Z")
            .unwrap();
    }
    for as_of in [
        date(2014, 12, 31),
        date(2018, 3, 1),
        date(2021, 8, 1),
        date(2026, 12, 31),
    ] {
        let full: Vec<UnprofitableInputs> = store
            .load_companies(as_of, companies::LoadScope::Screens)
            .unwrap()
            .iter()
            .map(UnprofitableInputs::of)
            .filter(|inputs| !inputs.annual_filings.is_empty() || !inputs.facts.is_empty())
            .collect();
        let narrow = companies::load_unprofitable_inputs(store.connection(), as_of).unwrap();
        assert_eq!(narrow, full, "as of {as_of}");
    }
    // Company 7 files only 10-Qs: its floats are kept, it has no annual filing date.
    let late = companies::load_unprofitable_inputs(store.connection(), date(2026, 12, 31)).unwrap();
    let seven = late.iter().find(|inputs| inputs.cik == 7000).unwrap();
    assert!(seven.annual_filings.is_empty());
    assert_eq!(seven.facts.len(), 11);
    // 11 years × (10-K + 10-Q) + the amendments (3 of the 11 years for cik 1000).
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM company_filings WHERE cik = 1000"
        ),
        25
    );
}

/// A store written before migration 0003 gets its filings table filled from the stored facts.
#[test]
fn migration_0003_fills_the_filings_table_from_stored_facts() {
    let (dir, store) = temp_store();
    for company in companies_for_filings() {
        companies::write_company(store.connection(), &company, "test", "2026-01-01T00:00:00Z")
            .unwrap();
    }
    let written = count(&store, "SELECT count(*) FROM company_filings");
    // Back to schema 2: no filings table, and the cited_facts table 0003 drops.
    let version_2 = format!(
        "DROP TABLE observation_copies; DROP TABLE origins; DROP TABLE company_filings; {} \
         PRAGMA user_version = 2;",
        &MIGRATIONS[0][MIGRATIONS[0].find("CREATE TABLE cited_facts").unwrap()..]
    );
    store.connection().execute_batch(&version_2).unwrap();
    drop(store);
    let reopened = Store::open(&dir.path().join("sub/bullcheck.sqlite")).unwrap();
    assert_eq!(
        schema_version(reopened.connection()).unwrap(),
        MIGRATIONS.len()
    );
    assert_eq!(
        count(&reopened, "SELECT count(*) FROM company_filings"),
        written
    );
    assert!(written > 0);
}
