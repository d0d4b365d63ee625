//! Issue "Data truth": rows a file cannot know yet, calendar-month windows, and the freshest
//! of equivalent sources, end to end.

use crate::support::bullcheck;

/// A FRED download whose last row is dated a year after today (a carrier's placeholder): the
/// row is refused with a warning naming the series and the date; the others are stored.
#[test]
fn rows_dated_after_today_are_refused_with_a_warning_naming_them() {
    let home = tempfile::tempdir().unwrap();
    let future = jiff::Zoned::now().date() + jiff::Span::new().years(1);
    let file = home.path().join("DGS10.csv");
    std::fs::write(
        &file,
        format!("observation_date,DGS10\n2025-01-02,4.57\n2025-01-03,4.60\n{future},4.70\n"),
    )
    .unwrap();
    let out = bullcheck(home.path())
        .args(["data", "import"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("refused DGS10: 1 row dated {future}")),
        "{stderr}"
    );
    let export = bullcheck(home.path())
        .args(["data", "export", "DGS10", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(export.stdout).unwrap();
    assert_eq!(
        csv,
        "series_id,date,value\nDGS10,2025-01-02,4.57\nDGS10,2025-01-03,4.6\n"
    );
}
