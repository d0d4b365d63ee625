//! The store's tests: schema, read-only stores, imports and their provenance, vintages.

use bullcheck_core::series::{ParsedSeries, SeriesMeta};
use bullcheck_core::source::{Kind, ParseOptions};
use jiff::civil::date;

use super::sql::sql_int;
use super::*;

fn parsed(id: &str, rows: &[(Date, Option<f64>)]) -> Parsed {
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

fn provenance(content: &str) -> Provenance {
    Provenance {
        source: "/tmp/x.csv".to_string(),
        kind: "fred-csv".to_string(),
        sha256: sha256_hex(content.as_bytes()),
        retrieved_at: "2026-01-01T00:00:00Z".to_string(),
        bytes: content.len() as u64,
    }
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("sub/bullcheck.sqlite")).unwrap();
    (dir, store)
}

fn count(store: &Store, sql: &str) -> i64 {
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

fn provenance_at(source: &str, content: &str) -> Provenance {
    Provenance {
        source: source.to_string(),
        ..provenance(content)
    }
}

fn stored_values(store: &Store) -> Vec<(String, String, String, Option<f64>)> {
    let mut stmt = store
        .connection()
        .prepare("SELECT series_id, date, realtime_start, value FROM observations ORDER BY 1, 2, 3")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The 2018 edition of a file (older vintage, an earlier value since revised) and the 2024
/// one, from two paths: whatever the order, the newer edition's values are stored, and the
/// older one imported second changes nothing and says how many values it did not revise.
#[test]
fn an_older_vintage_never_overwrites_a_newer_one_in_either_order() {
    let older = parsed(
        "E",
        &[(date(2018, 6, 1), Some(120.5)), (date(2018, 7, 1), None)],
    );
    let newer = parsed(
        "E",
        &[
            (date(2018, 6, 1), Some(121.25)),
            (date(2018, 7, 1), Some(122.0)),
            (date(2024, 1, 1), Some(200.0)),
        ],
    );
    let (_a, mut first) = temp_store();
    first
        .import(&newer, &provenance_at("/d/ie_data_2024.csv", "new"))
        .unwrap();
    let summary = first
        .import(&older, &provenance_at("/d/ie_data_2018.csv", "old"))
        .unwrap();
    let detail = &summary.details[0];
    assert_eq!((detail.new_rows, detail.revised_rows), (0, 0));
    // 2018-06 differs (120.5 against 121.25); 2018-07 is missing in the older file.
    assert_eq!(detail.kept_rows, 1);
    assert_eq!(detail.disagreeing, 1);
    assert_eq!(detail.largest_difference, Some((0.75, "2018-06-01".into())));

    let (_b, mut second) = temp_store();
    second
        .import(&older, &provenance_at("/d/ie_data_2018.csv", "old"))
        .unwrap();
    second
        .import(&newer, &provenance_at("/d/ie_data_2024.csv", "new"))
        .unwrap();
    assert_eq!(stored_values(&first), stored_values(&second));
    assert_eq!(
        first.load_dataset().unwrap().get("E").unwrap().points,
        vec![
            (date(2018, 6, 1), 121.25),
            (date(2018, 7, 1), 122.0),
            (date(2024, 1, 1), 200.0)
        ]
    );
}

/// A newer copy rounded to 2 decimals does not revise the publisher's 4-decimal values it
/// rounds (101.4155 → 101.42), but does where it really differs, and adds its new dates.
#[test]
fn a_rounded_copy_keeps_the_precise_values_it_rounds() {
    let precise = parsed(
        "DTWEXBGS",
        &[
            (date(2026, 7, 23), Some(101.4155)),
            (date(2026, 7, 24), Some(100.7558)),
        ],
    );
    let rounded = parsed(
        "DTWEXBGS",
        &[
            (date(2026, 7, 23), Some(101.42)),
            (date(2026, 7, 24), Some(100.9)),
            (date(2026, 8, 14), Some(118.9)),
        ],
    );
    for order in [[0, 1], [1, 0]] {
        let (_dir, mut store) = temp_store();
        let files = [
            (&precise, provenance_at("/d/DTWEXBGS.csv", "precise")),
            (&rounded, provenance_at("/d/DTWEXBGS_raylia.csv", "rounded")),
        ];
        for i in order {
            store.import(files[i].0, &files[i].1).unwrap();
        }
        assert_eq!(
            store
                .load_dataset()
                .unwrap()
                .get("DTWEXBGS")
                .unwrap()
                .points,
            vec![
                (date(2026, 7, 23), 101.4155),
                (date(2026, 7, 24), 100.9),
                (date(2026, 8, 14), 118.9)
            ],
            "order {order:?}"
        );
    }
}

#[test]
fn the_rule_ranks_vintage_then_precision_then_publisher() {
    use copies::{Copy, choose, is_primary};
    let copy =
        |origin: &str, vintage: &str, precision: i64, primary: bool, value: Option<f64>| Copy {
            origin: origin.into(),
            vintage: vintage.into(),
            precision,
            primary,
            value,
            import_id: 1,
        };
    // Newest vintage first, even over a more precise or primary copy.
    let list = [
        copy("a", "2024-01-01", 4, true, Some(1.2345)),
        copy("b", "2025-01-01", 1, false, Some(1.5)),
    ];
    assert_eq!(choose(&list), Some(1));
    // Equal vintages: the value over a missing one, then the more precise.
    let list = [
        copy("a", "2024-01-01", 1, true, None),
        copy("b", "2024-01-01", 1, false, Some(4.1)),
        copy("c", "2024-01-01", 2, false, Some(4.13)),
    ];
    assert_eq!(choose(&list), Some(2));
    // Equal vintage and precision: a cut `4` loses to `4.1`; then the publisher's own file.
    let list = [
        copy("a", "2024-01-01", 1, true, Some(4.0)),
        copy("b", "2024-01-01", 1, true, Some(4.1)),
    ];
    assert_eq!(choose(&list), Some(1));
    let list = [
        copy("a", "2024-01-01", 2, false, Some(4.12)),
        copy("b", "2024-01-01", 2, true, Some(4.11)),
    ];
    assert_eq!(choose(&list), Some(1));
    assert!(is_primary("/d/fred/DGS10.csv", "DGS10", "fred-csv"));
    assert!(!is_primary(
        "/d/fred/alt/DGS10_macrocharts_to2026-07.csv",
        "DGS10",
        "fred-csv"
    ));
    assert!(is_primary(
        "https://fred.stlouisfed.org/x?id=DGS10",
        "DGS10",
        "fred-csv"
    ));
    assert!(!is_primary("/d/usd.json", "DTWEXBGS", "json-records"));
}

/// A store of schema 3 (values, no copies) is migrated: each stored value becomes its one
/// copy, the values read are unchanged, and an older vintage imported next changes nothing.
#[test]
fn migration_0004_turns_stored_values_into_copies() {
    let (dir, mut store) = temp_store();
    let newer = parsed(
        "UNRATE",
        &[(date(2024, 8, 1), Some(4.2)), (date(2024, 9, 1), Some(4.1))],
    );
    store
        .import(&newer, &provenance_at("/d/UNRATE.csv", "newer"))
        .unwrap();
    let before = stored_values(&store);
    store
        .connection()
        .execute_batch(
            "DROP TABLE observation_copies; DROP TABLE origins; PRAGMA user_version = 3;",
        )
        .unwrap();
    drop(store);
    let mut store = Store::open(&dir.path().join("sub/bullcheck.sqlite")).unwrap();
    assert_eq!(
        schema_version(store.connection()).unwrap(),
        MIGRATIONS.len()
    );
    assert_eq!(stored_values(&store), before);
    assert_eq!(count(&store, "SELECT count(*) FROM observation_copies"), 2);
    let copy: (String, i64, String) = store
        .connection()
        .query_row(
            "SELECT c.vintage, c.precision, o.source FROM observation_copies c
             JOIN origins o ON o.id = c.origin_id WHERE c.date = '2024-08-01'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(copy, ("2024-09-01".into(), 1, "/d/UNRATE.csv".into()));
    let older = parsed("UNRATE", &[(date(2024, 8, 1), Some(4.3))]);
    let summary = store
        .import(&older, &provenance_at("/e/UNRATE.csv", "older"))
        .unwrap();
    assert_eq!(summary.details[0].kept_rows, 1);
    assert_eq!(stored_values(&store), before);
}

/// `head -c 13839 UNRATE.csv` ends `2024-09-01,4`: refused with file and line, nothing
/// stored. The same line with its line end is refused as a truncated value; a last line
/// that adds a date, or repeats the stored value, is accepted.
#[test]
fn a_last_line_cut_short_is_refused_with_file_and_line() {
    let (_dir, mut store) = temp_store();
    let full = b"DATE,UNRATE\n2024-08-01,4.2\n2024-09-01,4.1\n";
    let import = |store: &mut Store, bytes: &[u8], name: &str| {
        let options = ParseOptions::default();
        let parsed = bullcheck_core::source::parse(Kind::FredCsv, name, bytes, &options)?;
        let last_line = LastLine::of(Kind::FredCsv, name, bytes, &options);
        let prov = provenance_at(name, std::str::from_utf8(bytes).unwrap());
        store.import_checked(&parsed, &prov, ImportMode::default(), last_line.as_ref())
    };
    import(&mut store, full, "/d/UNRATE.csv").unwrap();
    let before = stored_values(&store);
    let cut = &full[..full.len() - 3];
    assert!(cut.ends_with(b"2024-09-01,4"));
    let err = import(&mut store, cut, "/d/cut/UNRATE.csv")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("/d/cut/UNRATE.csv:3: the last line has no line end"),
        "{err}"
    );
    assert!(err.contains("from 4.1 to 4"), "{err}");
    let terminated = b"DATE,UNRATE\n2024-08-01,4.2\n2024-09-01,4\n";
    let err = import(&mut store, terminated, "/d/t/UNRATE.csv")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("/d/t/UNRATE.csv:3: UNRATE on 2024-09-01: 4 has fewer digits"),
        "{err}"
    );
    assert_eq!(stored_values(&store), before);
    assert_eq!(count(&store, "SELECT count(*) FROM imports"), 1);
    // No line end, but nothing stored changes: accepted.
    import(&mut store, &full[..full.len() - 1], "/d/n/UNRATE.csv").unwrap();
    import(&mut store, b"DATE,UNRATE\n2024-10-01,4.", "/d/m/UNRATE.csv").unwrap();
    assert_eq!(stored_values(&store).len(), 3);
}
