//! Vintages and import order (issue 24): the stored value of every (series, date) is chosen
//! from all imported copies by one rule, so the import order does not matter; an older vintage
//! imported after a newer one changes nothing and says so; a file cut short never changes the
//! store.

use std::path::{Path, PathBuf};

use crate::support::{bullcheck, run_ok, shared_data};

/// Every stored (authoritative) value, one line per (series, date, realtime_start), the value
/// as its bits: byte-identical stores give identical lists.
fn stored_values(home: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(home.join("bullcheck.sqlite")).unwrap();
    let mut stmt = conn
        .prepare("SELECT series_id, date, realtime_start, value FROM observations ORDER BY 1, 2, 3")
        .unwrap();
    stmt.query_map([], |r| {
        let value: Option<f64> = r.get(3)?;
        Ok(format!(
            "{},{},{},{:?}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            value.map(f64::to_bits)
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn first_difference(a: &[String], b: &[String]) -> String {
    let only_a: Vec<&String> = a
        .iter()
        .filter(|x| b.binary_search(x).is_err())
        .take(5)
        .collect();
    let only_b: Vec<&String> = b
        .iter()
        .filter(|x| a.binary_search(x).is_err())
        .take(5)
        .collect();
    format!(
        "{} vs {} rows; only in the first: {only_a:?}; only in the second: {only_b:?}",
        a.len(),
        b.len()
    )
}

/// `data import PATHS`, which must succeed; its stdout.
fn import(home: &Path, paths: &[PathBuf]) -> String {
    let out = bullcheck(home)
        .args(["data", "import"])
        .args(paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// [`stored_values`] and every stored company fact.
fn stored_everything(home: &Path) -> Vec<String> {
    let mut rows = stored_values(home);
    let conn = rusqlite::Connection::open(home.join("bullcheck.sqlite")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT cik, concept, unit, coalesce(start, ''), end, val, form, filed, accn
             FROM company_facts ORDER BY 1, 2, 3, 4, 5, 7, 8, 9, 6",
        )
        .unwrap();
    let facts = stmt
        .query_map([], |r| {
            Ok(format!(
                "fact {},{},{},{},{},{:?},{},{},{}",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, f64>(5)?.to_bits(),
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?
            ))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows.extend(facts);
    rows.sort();
    rows
}

/// The whole shared folder (`fred/` before `fred/alt/`, as a folder import sorts them), and
/// every file it imported again in the reverse order (each copy of a series now comes before
/// the ones it followed): the same stored values, byte for byte. Before the rule, the two
/// orders differed on 5,174 values (DTWEXBGS 5,097, CPIAUCSL 56, GDP 18, BAMLH0A0HYM2 3).
#[test]
fn the_shared_data_gives_the_same_stored_values_in_either_order() {
    let Some(shared) = shared_data() else { return };
    let forward = tempfile::tempdir().unwrap();
    let listing = import(forward.path(), std::slice::from_ref(&shared));
    let files: Vec<PathBuf> = listing
        .lines()
        .filter_map(|l| l.strip_prefix("imported "))
        .filter_map(|l| l.split(" (").next())
        .map(|relative| shared.join(relative))
        .collect();
    assert!(files.len() > 100, "{listing}");
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("fred/alt/DTWEXBGS_raylia.csv"))
    );
    let backward = tempfile::tempdir().unwrap();
    let reversed: Vec<PathBuf> = files.iter().rev().cloned().collect();
    import(backward.path(), &reversed);
    let (a, b) = (
        stored_values(forward.path()),
        stored_values(backward.path()),
    );
    assert!(a == b, "{}", first_difference(&a, &b));
    // The 2-decimal copy of the dollar index does not revise FRED's 4-decimal values it only
    // rounds: fred/DTWEXBGS.csv 2006-01-02,101.4155; fred/alt/DTWEXBGS_raylia.csv 101.42.
    let dollar = run_ok(forward.path(), &["data", "export", "DTWEXBGS"]);
    let dollar = String::from_utf8(dollar.stdout).unwrap();
    assert!(
        dollar.contains("DTWEXBGS,2006-01-02,101.4155\n"),
        "{}",
        &dollar[..200]
    );
    // Dates only the newer copy has are added: raylia ends 2026-08-14,118.90.
    assert!(dollar.contains("DTWEXBGS,2026-08-14,118.9\n"));
}

/// An older edition of Shiller's sheet built from the real one: rows to 2018-09 only, real
/// prices in the dollars of that month (Real Price × CPI(2018.09) / CPI(2026.05), as the 2018
/// workbook expressed them) and the last two months' earnings not yet reported (blank). Imported
/// after the real sheet it changes nothing and says how many values it did not revise; in
/// either order the store equals the one holding the newer sheet alone.
#[test]
fn an_older_shiller_edition_after_the_newer_changes_nothing_and_says_so() {
    let Some(shared) = shared_data() else { return };
    let newer = shared.join("valuation/shiller_ie_data_monthly.csv");
    let text = std::fs::read_to_string(&newer).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let columns: Vec<&str> = header.split(',').collect();
    let (cpi_col, real_col, e_col) = (4, 7, 3);
    assert_eq!(columns[cpi_col], "Consumer Price Index CPI");
    assert_eq!(columns[real_col], "Real Price");
    assert_eq!(columns[e_col], "Earnings E");
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let cpi_of = |date: &str| -> f64 {
        let row = rows.iter().find(|r| r[0] == date).unwrap();
        row[cpi_col].parse().unwrap()
    };
    let scale = cpi_of("2018.09") / cpi_of("2026.05");
    let mut older = format!("{header}\n");
    let mut revised = 0;
    for row in rows.iter().take_while(|r| r[0].as_str() <= "2018.09") {
        let mut row = row.clone();
        if let Ok(real) = row[real_col].parse::<f64>() {
            row[real_col] = (real * scale).to_string();
            revised += 1;
        }
        if row[0] == "2018.08" || row[0] == "2018.09" {
            row[e_col] = String::new();
        }
        older.push_str(&row.join(","));
        older.push('\n');
    }
    assert_eq!(revised, (2018 - 1871) * 12 + 9);
    let dir = tempfile::tempdir().unwrap();
    let older_path = dir.path().join("shiller_ie_data_2018.csv");
    std::fs::write(&older_path, older).unwrap();

    let alone = tempfile::tempdir().unwrap();
    import(alone.path(), std::slice::from_ref(&newer));
    let newer_then_older = tempfile::tempdir().unwrap();
    import(newer_then_older.path(), std::slice::from_ref(&newer));
    let said = import(newer_then_older.path(), std::slice::from_ref(&older_path));
    assert!(said.contains("(0 new)"), "{said}");
    assert!(
        said.contains(&format!(
            "kept {revised} stored values of a newer or more precise copy"
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!("copies disagree on {revised} dates")),
        "{said}"
    );
    let older_then_newer = tempfile::tempdir().unwrap();
    import(older_then_newer.path(), std::slice::from_ref(&older_path));
    import(older_then_newer.path(), std::slice::from_ref(&newer));
    let expected = stored_values(alone.path());
    for home in [&newer_then_older, &older_then_newer] {
        let got = stored_values(home.path());
        assert!(got == expected, "{}", first_difference(&got, &expected));
    }
    // `data show --vintages` lists both copies and the dates where they disagree.
    let shown = run_ok(
        newer_then_older.path(),
        &["data", "show", "SHILLER_REAL_P", "--vintages"],
    );
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains("copies (2;"), "{shown}");
    assert!(
        shown.contains(&format!(
            "dates where copies disagree beyond rounding ({revised}):"
        )),
        "{shown}"
    );
}

/// Deterministic pseudo-random fractions (a linear congruential generator).
fn fractions(seed: u32, count: usize) -> Vec<f64> {
    let mut state = seed;
    (0..count)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            f64::from(state) / 4_294_967_296.0
        })
        .collect()
}

/// Cut points of a file: inside its last line (each of the last 4 bytes), at the end of the
/// two lines before it and inside them, and generated positions spread over the file.
fn cut_points(bytes: &[u8], seed: u32) -> Vec<usize> {
    let len = bytes.len();
    let mut points: Vec<usize> = (1..=4).filter_map(|k| len.checked_sub(k)).collect();
    let line_ends: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    points.extend(line_ends.iter().rev().take(2));
    points.extend(line_ends.iter().rev().take(2).map(|e| e.saturating_sub(2)));
    points.extend(
        fractions(seed, 12)
            .into_iter()
            .map(|f| (f * len as f64) as usize),
    );
    points.retain(|&p| p > 0 && p < len);
    points.sort_unstable();
    points.dedup();
    points
}

/// Every supported format in `real_formats/` and the FRED, NY Fed, DFAST, Shiller and
/// Damodaran files: after the full file, no cut copy (same name, another folder) changes a
/// stored value, whether it is refused or imported.
#[test]
fn a_cut_copy_of_any_supported_file_never_changes_the_store() {
    let Some(shared) = shared_data() else { return };
    let mut files: Vec<PathBuf> = ["fred_api", "french", "shiller", "damodaran", "sec"]
        .iter()
        .flat_map(|d| std::fs::read_dir(shared.join("real_formats").join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    files.extend(
        [
            "fred/UNRATE.csv",
            "fred/alt/DGS10_dberweger_1962-2024-10.csv",
            "nyfed/allmonth_recession_probability.csv",
            "dfast/2025-Table_3A_Supervisory_Severely_Adverse_Domestic.csv",
            "valuation/shiller_ie_data_monthly.csv",
            "valuation/damodaran_histimpl_implied_erp_annual.csv",
        ]
        .iter()
        .map(|f| shared.join(f)),
    );
    files.sort();
    let scratch = tempfile::tempdir().unwrap();
    for (n, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).unwrap();
        let name = file.file_name().unwrap();
        let home = tempfile::tempdir().unwrap();
        import(home.path(), std::slice::from_ref(file));
        let before = stored_everything(home.path());
        assert!(!before.is_empty(), "{} stored nothing", file.display());
        // Each cut copy (same name, its own folder) imported after the full file, one at a
        // time, the store compared after each: refused (exit 2) or accepted, it changes
        // nothing.
        for point in cut_points(&bytes, n as u32 + 1) {
            let dir = scratch.path().join(format!("{n}-{point}"));
            std::fs::create_dir_all(&dir).unwrap();
            let copy = dir.join(name);
            std::fs::write(&copy, &bytes[..point]).unwrap();
            let out = bullcheck(home.path())
                .args(["data", "import"])
                .arg(&copy)
                .output()
                .unwrap();
            let after = stored_everything(home.path());
            assert!(
                after == before,
                "{} cut to {point} of {} bytes changed the store ({}): {}",
                file.display(),
                bytes.len(),
                String::from_utf8_lossy(&out.stdout).trim(),
                first_difference(&before, &after)
            );
        }
    }
}
