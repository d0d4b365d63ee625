//! Two-column `date,value` CSVs: FRED `fredgraph.csv` downloads ([`Kind::FredCsv`]), any other
//! plain `date,value` file ([`Kind::GenericCsv`]) and the `date,value` copy of the NY Fed ACM
//! term premium.
//!
//! Format: a header `DATE,ID` (old FRED), `observation_date,ID` (FRED since 2024), `date,ID`,
//! `date,value` or `DATE,VALUE`, then one `YYYY-MM-DD,number` row per date.
//!
//! Traps: a UTF-8 BOM before the header; missing values written `.` (old FRED) or as an empty
//! field (`2016-10-10,`); numbers with a trailing `.0` mixed with integers (pandas rewrites);
//! CRLF line ends. Missing values stay missing (`value: None`).
//!
//! Ids: `--series`, else the header's second column when it is not `value`, else the known-file
//! table ([`super::known`]), else the file name's leading id (`DGS10_dberweger_1962-2024-10.csv`
//! → `DGS10`); otherwise an error asking for `--series`. One series per file.
//!
//! Several series: a `fredgraph.csv` of several series has one column per series
//! (`observation_date,FEDFUNDS,MORTGAGE30US`, `DATE,DFF,DGS10,DGS3MO,DGS5`), read as one series
//! per column ([`parse_fredgraph`]). An ALFRED download (`alfredgraph.csv`) has one column per
//! vintage, `ID_YYYYMMDD` (`DATE,USSTHPI_20190528,USSTHPI_20190827`): read as the vintages of
//! `ID`, each value stored with `realtime_start` = its vintage date, and only where it changed
//! from the previous vintage (as the FRED API reports vintages); `.` in a vintage column means
//! the date was not yet published in that vintage, so no row is stored for it.
//!
//! [`Kind::FredCsv`]: super::Kind::FredCsv
//! [`Kind::GenericCsv`]: super::Kind::GenericCsv

use super::common::{self, CsvRow, MetaSpec, bad_date, csv_rows, header};
use super::known::{known_file, single_series_id};
use super::{ParseError, ParseOptions};
use crate::series::{Date, Observation, ParsedSeries};

/// Header names accepted for the date column.
const DATE_HEADERS: [&str; 2] = ["date", "observation_date"];

/// Whether `cell` is a date-column header (`DATE`, `date`, `observation_date`).
pub fn is_date_header(cell: &str) -> bool {
    let cell = cell.trim();
    DATE_HEADERS.iter().any(|h| cell.eq_ignore_ascii_case(h))
}

/// A FRED series id as FRED writes it in a download header: upper-case letters, digits and
/// `_`, a letter first.
pub fn is_fred_id(cell: &str) -> bool {
    let cell = cell.trim();
    cell.starts_with(|c: char| c.is_ascii_uppercase())
        && cell
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// The series id and vintage of an ALFRED column (`USSTHPI_20190528`).
fn alfred_column(cell: &str) -> Option<(&str, Date)> {
    let (id, stamp) = cell.trim().rsplit_once('_')?;
    if id.is_empty() || stamp.len() != 8 || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = Date::new(
        stamp[..4].parse().ok()?,
        stamp[4..6].parse().ok()?,
        stamp[6..].parse().ok()?,
    )
    .ok()?;
    Some((id, date))
}

/// The header row of FRED's Excel download (`fredgraph.xls`): below the `FRED Graph
/// Observations` credits and the series titles, the row `observation_date` (or `DATE`)
/// followed by the series ids.
pub fn find_workbook_header(rows: &[CsvRow]) -> Option<usize> {
    let credits = rows.iter().take(20).any(|r| {
        r.cells
            .first()
            .is_some_and(|c| c.trim() == "FRED Graph Observations")
    });
    let at = rows.iter().take(40).position(|r| {
        let ids: Vec<&String> = r.cells[1..].iter().take_while(|c| !c.is_empty()).collect();
        r.cells.first().is_some_and(|c| is_date_header(c))
            && !ids.is_empty()
            && ids.iter().all(|c| is_fred_id(c))
    })?;
    credits.then_some(at)
}

/// Parses a FRED download: one series (`date,value` or `DATE,ID`), several (`DATE,ID1,ID2`),
/// or the vintages of one series (ALFRED, `DATE,ID_YYYYMMDD,...`); also FRED's Excel
/// download (`fredgraph.xls`), from its header row down.
pub fn parse_fredgraph(
    file: &str,
    bytes: &[u8],
    opts: &ParseOptions<'_>,
    spec: &MetaSpec<'_>,
) -> Result<Vec<ParsedSeries>, ParseError> {
    if super::workbook::is_workbook(file, bytes) {
        let sheets = super::workbook::sheets(file, bytes)?;
        for sheet in &sheets {
            if let Some(at) = find_workbook_header(&sheet.rows) {
                return fredgraph_rows(file, &sheet.rows[at..], spec);
            }
        }
        return Err(super::workbook::no_sheet_error(
            file,
            &sheets,
            "observation_date",
            "FRED's `observation_date, ID, ...` header under `FRED Graph Observations`",
        ));
    }
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    if head.cells.len() <= 2 {
        return Ok(vec![parse_date_value_csv(file, bytes, opts, spec)?]);
    }
    fredgraph_rows(file, &rows, spec)
}

/// A FRED table from its header row `rows[0]` down: one series per id column, or the
/// vintages of one series.
fn fredgraph_rows(
    file: &str,
    rows: &[CsvRow],
    spec: &MetaSpec<'_>,
) -> Result<Vec<ParsedSeries>, ParseError> {
    // A workbook pads rows to the sheet's width: the header ends at its first empty cell.
    let mut head = rows[0].clone();
    if let Some(end) = head.cells.iter().skip(1).position(String::is_empty) {
        head.cells.truncate(end + 1);
    }
    let head = &head;
    if head.cells.len() < 2
        || !is_date_header(&head.cells[0])
        || !head.cells[1..].iter().all(|c| is_fred_id(c))
    {
        return Err(ParseError::new(
            file,
            Some(head.line),
            None,
            format!(
                "expected a FRED header `DATE,ID1,ID2,...` (series ids in capitals), found {:?}",
                head.cells.join(",")
            ),
        ));
    }
    let date_field = head.cells[0].as_str();
    let vintages: Option<Vec<(&str, Date)>> =
        head.cells[1..].iter().map(|c| alfred_column(c)).collect();
    // ALFRED: every column `ID_YYYYMMDD` of one ID.
    let alfred = vintages.filter(|v| v.iter().all(|(id, _)| *id == v[0].0));
    let mut columns: Vec<Vec<Observation>> = vec![Vec::new(); head.cells.len() - 1];
    for row in &rows[1..] {
        common::check_row_width(file, &head.cells, row)?;
        let date_text = row.cells[0].as_str();
        let date = common::parse_iso_date(date_text)
            .ok_or_else(|| bad_date(file, Some(row.line), date_field, date_text, "YYYY-MM-DD"))?;
        for (i, column) in columns.iter_mut().enumerate() {
            let value = common::value_cell(file, row, i + 1, &head.cells[i + 1])?;
            column.push(Observation::new(date, value));
        }
    }
    let Some(vintages) = alfred else {
        return Ok(head.cells[1..]
            .iter()
            .zip(columns)
            .map(|(id, obs)| common::make_series(id.trim(), spec, obs))
            .collect());
    };
    // Vintages oldest first; a row only where the value differs from the previous vintage.
    let mut order: Vec<usize> = (0..vintages.len()).collect();
    order.sort_by_key(|&i| vintages[i].1);
    let mut observations = Vec::new();
    let rows_read = columns.first().map_or(0, Vec::len);
    for d in 0..rows_read {
        let mut last: Option<f64> = None;
        for &i in &order {
            let Some(obs) = columns[i].get(d) else {
                continue;
            };
            let Some(value) = obs.value else { continue };
            if last != Some(value) {
                observations.push(Observation {
                    date: obs.date,
                    value: Some(value),
                    realtime_start: Some(vintages[i].1),
                });
                last = Some(value);
            }
        }
    }
    let notes = format!(
        "ALFRED vintages {}",
        order
            .iter()
            .map(|&i| vintages[i].1.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let spec = MetaSpec {
        notes: &notes,
        ..spec.clone()
    };
    Ok(vec![common::make_series(
        vintages[0].0,
        &spec,
        observations,
    )])
}

/// Parses a two-column `date,value` CSV into one series. `spec` gives source, title and units
/// (the known-file table overrides title/units/source when it knows the file).
pub fn parse_date_value_csv(
    file: &str,
    bytes: &[u8],
    opts: &ParseOptions<'_>,
    spec: &MetaSpec<'_>,
) -> Result<ParsedSeries, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    if head.cells.len() != 2 || !is_date_header(&head.cells[0]) {
        return Err(ParseError::new(
            file,
            Some(head.line),
            None,
            format!(
                "expected a two-column header like `DATE,ID`, `observation_date,ID` or `date,value`, found {:?}",
                head.cells.join(",")
            ),
        ));
    }
    let date_field = head.cells[0].as_str();
    let value_field = head.cells[1].as_str();
    let id = single_series_id(file, Some(value_field), opts.series_override)?;

    let mut observations = Vec::with_capacity(rows.len().saturating_sub(1));
    for row in &rows[1..] {
        common::check_row_width(file, &head.cells, row)?;
        let date_text = common::cell(file, row, 0, date_field)?;
        let date = common::parse_iso_date(date_text)
            .ok_or_else(|| bad_date(file, Some(row.line), date_field, date_text, "YYYY-MM-DD"))?;
        let value = common::value_cell(file, row, 1, value_field)?;
        observations.push(Observation::new(date, value));
    }

    let known = known_file(file).filter(|k| k.id == id);
    let spec = MetaSpec {
        source: known.map_or(spec.source, |k| k.source),
        title: known.map_or(spec.title, |k| k.title),
        units: known.map_or(spec.units, |k| k.units),
        frequency: spec.frequency,
        notes: spec.notes,
    };
    Ok(common::make_series(&id, &spec, observations))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const FRED: MetaSpec<'static> = MetaSpec {
        source: "FRED",
        title: "",
        units: "",
        frequency: "",
        notes: "",
    };

    fn parse(file: &str, text: &str) -> Result<ParsedSeries, ParseError> {
        parse_date_value_csv(file, text.as_bytes(), &ParseOptions::default(), &FRED)
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../../testdata/fred/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn old_fred_download_with_dot_markers() {
        let bytes = fixture("DGS10_dots.csv");
        let s = parse_date_value_csv("DGS10_dots.csv", &bytes, &ParseOptions::default(), &FRED)
            .unwrap();
        assert_eq!(s.meta.id, "DGS10");
        assert_eq!(s.meta.source, "FRED");
        let values: Vec<Option<f64>> = s.observations.iter().map(|o| o.value).collect();
        assert_eq!(
            values,
            vec![
                Some(4.07),
                Some(4.07),
                Some(4.05),
                None,
                Some(4.03),
                Some(4.03)
            ]
        );
        assert_eq!(s.observations[3].date, date(1962, 2, 12));
    }

    #[test]
    fn integers_mixed_with_trailing_dot_zero() {
        let bytes = fixture("GFDEBTN_mixed_ints.csv");
        let s = parse_date_value_csv(
            "GFDEBTN_mixed_ints.csv",
            &bytes,
            &ParseOptions::default(),
            &FRED,
        )
        .unwrap();
        let values: Vec<Option<f64>> = s.observations.iter().map(|o| o.value).collect();
        assert_eq!(
            values,
            vec![
                Some(20_492_747.0),
                Some(21_089_643.0),
                Some(21_195_070.0),
                Some(21_516_058.0)
            ]
        );
        assert_eq!(s.meta.frequency, "Q");
    }

    #[test]
    fn bom_and_observation_date_header_name_the_series() {
        let bytes = fixture("PSAVERT_bom.csv");
        let s =
            parse_date_value_csv("whatever.csv", &bytes, &ParseOptions::default(), &FRED).unwrap();
        assert_eq!(s.meta.id, "PSAVERT");
        assert_eq!(s.observations.len(), 3);
        assert_eq!(s.observations[0].date, date(1959, 1, 1));
        assert_eq!(s.observations[0].value, Some(11.3));
        assert_eq!(s.meta.frequency, "M");
    }

    #[test]
    fn empty_field_is_missing_and_id_comes_from_file_name() {
        let s = parse(
            "VIXCLS.csv",
            "date,value\n2016-10-07,13.48\n2016-10-10,\n2016-10-11,15.36\n",
        )
        .unwrap();
        assert_eq!(s.meta.id, "VIXCLS");
        assert_eq!(s.observations[1].value, None);
    }

    #[test]
    fn known_lower_case_file_gets_its_table_id_and_units() {
        let s = parse("market/cboe_skew.csv", "date,value\n1990-01-02,126.09\n").unwrap();
        assert_eq!(s.meta.id, "SKEW");
        assert_eq!(s.meta.source, "Cboe");
        assert_eq!(s.meta.units, "index");
    }

    #[test]
    fn override_wins_over_header() {
        let opts = ParseOptions {
            series_override: Some("MY_ID"),
            ..Default::default()
        };
        let s = parse_date_value_csv("DGS10.csv", b"DATE,DGS10\n2020-01-02,1.88\n", &opts, &FRED)
            .unwrap();
        assert_eq!(s.meta.id, "MY_ID");
    }

    #[test]
    fn fredgraph_with_several_series() {
        let bytes = fixture("fredgraph_FEDFUNDS_MORTGAGE30US.csv");
        let all =
            parse_fredgraph("fredgraph.csv", &bytes, &ParseOptions::default(), &FRED).unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(ids, ["FEDFUNDS", "MORTGAGE30US"]);
        assert_eq!(all[1].observations[0].date, date(1999, 12, 1));
        assert_eq!(all[1].observations[0].value, Some(7.91));
        assert_eq!(all[0].observations[3].value, Some(3.88));
        let bytes = fixture("fredgraph_DFF_DGS10_DGS3MO_DGS5.csv");
        let all =
            parse_fredgraph("fredgraph.csv", &bytes, &ParseOptions::default(), &FRED).unwrap();
        assert_eq!(all.len(), 4);
        assert_eq!(all[2].meta.id, "DGS3MO");
        assert_eq!(all[2].observations[0].value, None);
        assert_eq!(
            all[1].observations[0].value,
            Some("9.0295652173913043".parse().unwrap())
        );
    }

    #[test]
    fn fred_excel_download_from_its_header_row() {
        // FRED's `fredgraph.xls` as public readers describe it (`FRED Graph Observations` in
        // A1, the header `observation_date, ID` on row 11: R `read_excel(range = "A11:B76")`,
        // pandas `rename(columns={'FRED Graph Observations': 'date'}).iloc[10:]`, code-search
        // ids 22518663156, 47441097365), as the workbook reader gives its rows (dates ISO).
        // Values: DGS10 on 2024-01-02/03 from `shared/data/fred/DGS10.csv`.
        let text = [
            "FRED Graph Observations,",
            "Federal Reserve Economic Data,",
            "Link: https://fred.stlouisfed.org,",
            "Help: https://fredhelp.stlouisfed.org,",
            "Economic Research Division,",
            "Federal Reserve Bank of St. Louis,",
            "DGS10,Market Yield on U.S. Treasury Securities at 10-Year Constant Maturity",
            "Frequency: Daily,",
            "observation_date,DGS10",
            "2024-01-02,3.95",
            "2024-01-03,3.91",
        ];
        let rows: Vec<CsvRow> = text
            .iter()
            .enumerate()
            .map(|(i, l)| CsvRow {
                line: i as u64 + 1,
                cells: l
                    .split(',')
                    .map(str::to_string)
                    .chain([String::new()])
                    .collect(),
            })
            .collect();
        let at = find_workbook_header(&rows).unwrap();
        assert_eq!(rows[at].line, 9);
        let all = fredgraph_rows("fredgraph.xls", &rows[at..], &FRED).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].meta.id, "DGS10");
        assert_eq!(all[0].observations[1].value, Some(3.91));
        // Without FRED's credits, a sheet is not taken for FRED's.
        assert_eq!(find_workbook_header(&rows[2..]), None);
    }

    #[test]
    fn alfred_vintages_are_stored_as_vintages() {
        let bytes = fixture("alfredgraph_USSTHPI.csv");
        let all =
            parse_fredgraph("alfredgraph.csv", &bytes, &ParseOptions::default(), &FRED).unwrap();
        assert_eq!(all.len(), 1);
        let s = &all[0];
        assert_eq!(s.meta.id, "USSTHPI");
        // 1998-10-01: 213.95 in the 2019-05-28 vintage, 213.93 in 2019-08-27.
        let first: Vec<(Option<f64>, Option<Date>)> = s
            .observations
            .iter()
            .filter(|o| o.date == date(1998, 10, 1))
            .map(|o| (o.value, o.realtime_start))
            .collect();
        assert_eq!(
            first,
            [
                (Some(213.95), Some(date(2019, 5, 28))),
                (Some(213.93), Some(date(2019, 8, 27)))
            ]
        );
        // A value equal in both vintages is one row, from the first vintage.
        // A header cut at an empty cell leaves no series: an error, not a panic.
        let err = parse_fredgraph(
            "x.csv",
            b"DATE,,DGS10\n2024-01-02,1,2\n",
            &ParseOptions::default(),
            &FRED,
        );
        assert!(err.is_err());
        let mich = parse_fredgraph(
            "alfredgraph.csv",
            b"DATE,MICH_20190531,MICH_20190628\n2019-05-01,2.9,2.9\n2019-06-01,.,2.7\n",
            &ParseOptions::default(),
            &FRED,
        )
        .unwrap();
        let rows: Vec<(Date, Option<f64>, Option<Date>)> = mich[0]
            .observations
            .iter()
            .map(|o| (o.date, o.value, o.realtime_start))
            .collect();
        assert_eq!(
            rows,
            [
                (date(2019, 5, 1), Some(2.9), Some(date(2019, 5, 31))),
                (date(2019, 6, 1), Some(2.7), Some(date(2019, 6, 28)))
            ]
        );
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let err = parse("DGS10.csv", "DATE,DGS10\n2020-01-02,1.88\n2020-01-03,abc\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "DGS10.csv:3: field `DGS10`: invalid number \"abc\""
        );
        let err = parse("DGS10.csv", "DATE,DGS10\n2020-13-02,1.88\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.field.as_deref(), Some("DATE"));
        let err = parse("lower.csv", "date,value\n2020-01-02,1\n").unwrap_err();
        assert!(err.message.contains("--series"));
        let err = parse("X.csv", "a,b,c\n").unwrap_err();
        assert_eq!(err.line, Some(1));
    }
}
