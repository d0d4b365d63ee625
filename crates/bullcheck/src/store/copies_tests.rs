//! The store's tests of copies and cut files: the rule choosing the stored value, import
//! order, older vintages, migration 0004, and last lines cut short.

use bullcheck_core::source::{Kind, ParseOptions};
use jiff::civil::date;

use super::tests::{count, parsed, provenance, temp_store};
use super::*;

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
