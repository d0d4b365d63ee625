//! Your own files ([`Kind::Own`], `--kind table`): any CSV or Excel table with a date column
//! and value columns — a Yahoo Finance download, a Bloomberg export, a pandas `to_csv`, a
//! spreadsheet — described by the `data import` options ([`OwnSpec`]).
//!
//! What: one series per chosen value column, labelled as the user's file (`source` = "your
//! file NAME" unless `--source` says otherwise), never as a publisher.
//! Why: every `Date,Close` CSV used to become a series named `Close` labelled FRED, so a second
//! user's file overwrote the first.
//! How: the date column is `--date-col`, else the column named `Date`/`Dates`/
//! `observation_date`/`Datetime` (or a pandas index column without a name). The value columns
//! are `--col NAME=ID` (several), `--value-col NAME`, or the only other column. Ids: `--col`'s
//! ids, `--id`, a column name that is an id and not a generic word ([`is_generic_column`]:
//! `Close`, `Value`, `PX_LAST`, `Adj Close`, …), else the file name (`AAPL.csv` → `AAPL`).
//! Anything left unsaid that matters is an error giving the exact command to run
//! ([`layout`](super::own_layout) names Yahoo, yfinance, Bloomberg and pandas layouts).
//! Dates: `--date-format`, else ISO (a time of day allowed), or slash dates whose order the
//! file proves ([`super::dates::SlashOrder`]). Values: numbers, missing markers, thousands
//! separators (`1,234.5`) and percent cells (`-1.05%`, stored as the number in percent).
//! Limits: one header row (the yfinance three-row header is recognised); a pandas
//! `MultiIndex` of several header rows is not.
//!
//! [`Kind::Own`]: super::Kind::Own

use super::common::{self, CsvRow, MetaSpec, upper_snake};
use super::dates::{DateFormat, SlashOrder};
use super::own_layout::{self, Layout, command, is_generic_column};
use super::{ParseError, workbook};
use crate::series::{Date, Observation, ParsedSeries};

/// How the user describes their file: the `data import` options.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnSpec {
    /// `--id`: the id of the one value column.
    pub id: Option<String>,
    /// `--date-col`: the date column's header.
    pub date_col: Option<String>,
    /// `--value-col`: the one value column's header.
    pub value_col: Option<String>,
    /// `--col NAME=ID`, repeatable: several value columns and their ids.
    pub cols: Vec<(String, String)>,
    /// `--date-format`.
    pub date_format: Option<String>,
    /// `--source`: who published the numbers (default: "your file NAME").
    pub source: Option<String>,
    /// `--units`.
    pub units: Option<String>,
    /// `--frequency`: D, W, M, Q or A (default: inferred from the dates).
    pub frequency: Option<String>,
}

impl OwnSpec {
    /// Whether no option was given.
    pub fn is_empty(&self) -> bool {
        *self == OwnSpec::default()
    }
}

/// The frequencies `--frequency` accepts.
pub const FREQUENCIES: [&str; 5] = ["D", "W", "M", "Q", "A"];

/// The header names taken for the date column when `--date-col` is not given.
const DATE_NAMES: [&str; 7] = [
    "date",
    "dates",
    "observation_date",
    "datetime",
    "timestamp",
    "period",
    "time",
];

/// Parses a user's table into series, following [`OwnSpec`].
pub fn parse(file: &str, bytes: &[u8], spec: &OwnSpec) -> Result<Vec<ParsedSeries>, ParseError> {
    let err = |line: Option<u64>, msg: String| ParseError::new(file, line, None, msg);
    if let Some(f) = spec.frequency.as_deref()
        && !FREQUENCIES.contains(&f)
    {
        return Err(err(
            None,
            format!("--frequency {f:?}: give one of D, W, M, Q, A"),
        ));
    }
    let format = match spec.date_format.as_deref() {
        Some(name) => Some(DateFormat::from_name(name).ok_or_else(|| {
            err(
                None,
                format!(
                    "--date-format {name:?} is not one bullcheck reads; give one of {}",
                    DateFormat::NAMES
                ),
            )
        })?),
        None => None,
    };
    let rows = table_rows(file, bytes, spec)?;
    let (layout, header, data) = own_layout::split_header(&rows)
        .ok_or_else(|| err(None, "the file has no rows".to_string()))?;
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let date_index = date_column(file, &names, &data, spec, layout)?;
    let columns = value_columns(file, &names, &data, date_index, spec, layout)?;

    let date_cells: Vec<&str> = data
        .iter()
        .map(|r| r.cells.get(date_index).map_or("", String::as_str))
        .collect();
    let reader = DateReader::new(file, format, &date_cells, names[date_index])?;
    let mut dates: Vec<(u64, Date)> = Vec::with_capacity(data.len());
    for (row, text) in data.iter().zip(&date_cells) {
        common::check_row_width(file, &header, row)?;
        let date = reader.date(text).ok_or_else(|| {
            common::bad_date(
                file,
                Some(row.line),
                names[date_index],
                text,
                reader.expected(),
            )
        })?;
        dates.push((row.line, date));
    }

    let base = common::base_name(file);
    let default_source = format!("your file {base}");
    let mut out = Vec::with_capacity(columns.len());
    for (index, id) in columns {
        let field = names[index];
        let mut percent_cells = 0usize;
        let mut numbers = 0usize;
        let mut observations = Vec::with_capacity(data.len());
        for (row, (line, date)) in data.iter().zip(&dates) {
            let text = row.cells.get(index).map_or("", String::as_str);
            let (value, percent) = user_number(text)
                .map_err(|msg| ParseError::new(file, Some(*line), Some(field), msg))?;
            numbers += usize::from(value.is_some());
            percent_cells += usize::from(percent);
            observations.push(Observation::new(*date, value));
        }
        if percent_cells > 0 && percent_cells < numbers {
            return Err(ParseError::new(
                file,
                None,
                Some(field),
                format!(
                    "{percent_cells} of {numbers} cells end in `%` and the others do not: \
                     one unit per column, please fix the column"
                ),
            ));
        }
        let units = match (spec.units.as_deref(), percent_cells > 0) {
            (Some(u), _) => u.to_string(),
            (None, true) => "percent".to_string(),
            (None, false) => String::new(),
        };
        let title = format!("{field}, from {base}");
        let notes = match layout {
            Layout::Plain => String::new(),
            other => format!("{} layout", other.name()),
        };
        out.push(common::make_series(
            &id,
            &MetaSpec {
                source: spec.source.as_deref().unwrap_or(&default_source),
                title: &title,
                units: &units,
                frequency: spec.frequency.as_deref().unwrap_or(""),
                notes: &notes,
            },
            observations,
        ));
    }
    Ok(out)
}

/// The rows of a CSV, or of the workbook sheet holding the date column (`--date-col`) or the
/// first sheet with rows.
fn table_rows(file: &str, bytes: &[u8], spec: &OwnSpec) -> Result<Vec<CsvRow>, ParseError> {
    if !workbook::is_workbook(file, bytes) {
        let text = common::utf8_text(file, bytes)?;
        return common::csv_rows(file, text);
    }
    let sheets = workbook::sheets(file, bytes)?;
    let wanted = spec.date_col.as_deref();
    let holds = |sheet: &&workbook::Sheet| {
        sheet.rows.first().is_some_and(|head| {
            wanted.is_none_or(|w| head.cells.iter().any(|c| c.eq_ignore_ascii_case(w)))
        })
    };
    match sheets.iter().find(holds) {
        Some(sheet) => Ok(sheet.rows.clone()),
        None => Err(workbook::no_sheet_error(
            file,
            &sheets,
            wanted.unwrap_or("date"),
            "a first row naming the date column",
        )),
    }
}

/// The index of the date column.
fn date_column(
    file: &str,
    names: &[&str],
    data: &[CsvRow],
    spec: &OwnSpec,
    layout: Layout,
) -> Result<usize, ParseError> {
    if let Some(wanted) = spec.date_col.as_deref() {
        return find(names, wanted).ok_or_else(|| {
            ParseError::new(
                file,
                Some(1),
                Some(wanted),
                format!("--date-col: no such column (columns: {})", names.join(", ")),
            )
        });
    }
    if let Some(i) = names
        .iter()
        .position(|n| DATE_NAMES.iter().any(|d| n.eq_ignore_ascii_case(d)))
    {
        return Ok(i);
    }
    // pandas writes an unnamed index first: `,Close` with dates below it.
    if names.first() == Some(&"")
        && data
            .iter()
            .take(5)
            .any(|r| r.cells.first().is_some_and(|c| looks_like_date(c)))
    {
        return Ok(0);
    }
    Err(ParseError::new(
        file,
        Some(1),
        None,
        format!(
            "no date column ({}columns: {}); name it: {}",
            layout.described(),
            names.join(", "),
            command(
                file,
                &[("--date-col", names.first().copied().unwrap_or("Date"))]
            )
        ),
    ))
}

/// The value columns and their ids.
fn value_columns(
    file: &str,
    names: &[&str],
    data: &[CsvRow],
    date_index: usize,
    spec: &OwnSpec,
    layout: Layout,
) -> Result<Vec<(usize, String)>, ParseError> {
    let missing_col = |name: &str, option: &str| {
        ParseError::new(
            file,
            Some(1),
            Some(name),
            format!("{option}: no such column (columns: {})", names.join(", ")),
        )
    };
    if !spec.cols.is_empty() {
        if spec.value_col.is_some() || spec.id.is_some() {
            return Err(ParseError::new(
                file,
                None,
                None,
                "--col NAME=ID names each column and its id; do not add --value-col or --id",
            ));
        }
        return spec
            .cols
            .iter()
            .map(|(name, id)| {
                find(names, name)
                    .map(|i| (i, id.clone()))
                    .ok_or_else(|| missing_col(name, "--col"))
            })
            .collect();
    }
    let candidates: Vec<usize> = (0..names.len())
        .filter(|&i| i != date_index && !is_pandas_index(names, data, i))
        .collect();
    let chosen = match spec.value_col.as_deref() {
        Some(wanted) => find(names, wanted).ok_or_else(|| missing_col(wanted, "--value-col"))?,
        None => match candidates.as_slice() {
            [one] => *one,
            [] => {
                return Err(ParseError::new(
                    file,
                    Some(1),
                    None,
                    "no value column besides the date",
                ));
            }
            many => {
                // A wide table whose every column is named like a series (`Date,AAPL,MSFT`).
                if spec.id.is_none() && many.iter().all(|&i| is_id_like(names[i])) {
                    return Ok(many.iter().map(|&i| (i, names[i].to_string())).collect());
                }
                let listed: Vec<&str> = many.iter().map(|&i| names[i]).collect();
                return Err(ParseError::new(
                    file,
                    Some(1),
                    None,
                    format!(
                        "{}{} value columns ({}): say which to store, e.g. {} \
                         (or several: --col NAME=ID for each)",
                        layout.described(),
                        many.len(),
                        listed.join(", "),
                        layout.suggestion(file, &listed)
                    ),
                ));
            }
        },
    };
    let id = match spec.id.as_deref() {
        Some(id) => id.to_string(),
        None if is_id_like(names[chosen]) => names[chosen].to_string(),
        None => file_id(file).ok_or_else(|| {
            let mut args = vec![("--id", "MY_SERIES")];
            if let Some(v) = spec.value_col.as_deref() {
                args.push(("--value-col", v));
            }
            ParseError::new(
                file,
                Some(1),
                Some(names[chosen]),
                format!(
                    "`{}` is a generic column name and the file name gives no id, so the series \
                     would collide with anyone else's; name it: {}",
                    names[chosen],
                    command(file, &args)
                ),
            )
        })?,
    };
    Ok(vec![(chosen, id)])
}

/// The id a file name gives a user's series (`AAPL.csv` → `AAPL`, `nvda prices.csv` →
/// `NVDA_PRICES`), or `None` for names that say nothing (`data.csv`, `download (3).csv`).
pub fn file_id(file: &str) -> Option<String> {
    let id = upper_snake(common::file_stem(file));
    let words_only: String = id.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let generic = own_layout::GENERIC_FILE_NAMES
        .iter()
        .any(|g| words_only.eq_ignore_ascii_case(g));
    (id.starts_with(|c: char| c.is_ascii_alphabetic()) && !generic && id.len() <= 64).then_some(id)
}

/// A column name that can be a series id as it stands: id characters, a letter first, and not
/// a generic word.
fn is_id_like(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !is_generic_column(name)
}

/// pandas' `RangeIndex` column: no name, values 0, 1, 2, …
fn is_pandas_index(names: &[&str], data: &[CsvRow], i: usize) -> bool {
    names[i].is_empty()
        && data
            .iter()
            .take(3)
            .enumerate()
            .all(|(n, r)| r.cells.get(i).is_some_and(|c| c == &n.to_string()))
}

fn find(names: &[&str], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    names.iter().position(|n| n.eq_ignore_ascii_case(wanted))
}

fn looks_like_date(text: &str) -> bool {
    common::parse_iso_date(text).is_some() || super::dates::slash_parts(text).is_some()
}

/// A number as users' files write it: missing markers, `1,234.5`, `-1.05%` (the `bool` says a
/// percent sign was read; the value stays the number written).
pub fn user_number(text: &str) -> Result<(Option<f64>, bool), String> {
    let t = text.trim();
    let (t, percent) = match t.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (t, false),
    };
    if t.contains(',') {
        let plain = without_thousands(t)
            .ok_or_else(|| format!("invalid number {:?}", common::excerpt(text.trim())))?;
        return Ok((common::parse_value(&plain)?, percent));
    }
    Ok((
        common::parse_value(t)?,
        percent && !common::is_missing_marker(t),
    ))
}

/// `-1,234,567.5` → `-1234567.5`: commas only between groups of three digits.
fn without_thousands(text: &str) -> Option<String> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let ok = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| {
        let mut out = format!("{sign}{}", groups.concat());
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        out
    })
}

/// How the date cells of a file are read: a given format, or ISO / slash dates in the order
/// the file proves.
struct DateReader {
    format: Option<DateFormat>,
    slash: Option<SlashOrder>,
}

impl DateReader {
    fn new(
        file: &str,
        format: Option<DateFormat>,
        cells: &[&str],
        field: &str,
    ) -> Result<DateReader, ParseError> {
        if format.is_some() {
            return Ok(DateReader {
                format,
                slash: None,
            });
        }
        let has_slash = cells
            .iter()
            .any(|c| common::parse_iso_date(c).is_none() && super::dates::slash_parts(c).is_some());
        let slash = if has_slash {
            Some(SlashOrder::resolve(cells.iter().copied()).map_err(|why| {
                ParseError::new(
                    file,
                    None,
                    Some(field),
                    format!(
                        "{why}; say which: {} or {}",
                        command(file, &[("--date-format", "MM/DD/YYYY")]),
                        command(file, &[("--date-format", "DD/MM/YYYY")])
                    ),
                )
            })?)
        } else {
            None
        };
        Ok(DateReader { format, slash })
    }

    fn date(&self, text: &str) -> Option<Date> {
        if let Some(format) = self.format {
            return format.date(text);
        }
        common::parse_iso_date(text)
            .or_else(|| self.slash.and_then(|o| o.date(text)))
            .or_else(|| {
                DateFormat::YearMonth
                    .date(text)
                    .filter(|_| text.trim().len() == 7)
            })
    }

    fn expected(&self) -> &'static str {
        match (self.format, self.slash) {
            (Some(DateFormat::Slash(SlashOrder::DayFirst)), _)
            | (None, Some(SlashOrder::DayFirst)) => "DD/MM/YYYY",
            (Some(DateFormat::Slash(SlashOrder::MonthFirst)), _)
            | (None, Some(SlashOrder::MonthFirst)) => "MM/DD/YYYY",
            (Some(DateFormat::Compact), _) => "YYYYMMDD",
            (Some(DateFormat::YearMonth), _) => "YYYY-MM",
            (Some(DateFormat::CompactYearMonth), _) => "YYYYMM",
            (Some(DateFormat::Year), _) => "YYYY",
            _ => "YYYY-MM-DD (or give --date-format)",
        }
    }
}

#[cfg(test)]
mod tests;
