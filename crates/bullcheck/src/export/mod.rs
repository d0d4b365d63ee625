//! Exports for pandas, DuckDB and Spark: stored series long or wide, within a date range, as
//! CSV, JSON or Parquet (`parquet.rs`, the `parquet` feature), the whole store as a Parquet
//! dataset, and the audit as one row per check.
//!
//! What: `data export`'s formats and the Python package's `series()`/`audit()` frames.
//! Why: analysts join this data in notebooks and SQL engines; long CSV of whole series was
//! the only way out. How: the latest vintage of each stored date (`Store::observations`),
//! cut to `[from, to]`; wide = the union of dates, one column per id, missing left empty.
//! Limits: the wide form drops the vintage; a series with several vintages of a date shows
//! the latest only (the whole-store dataset keeps every vintage).

#[cfg(feature = "parquet")]
pub mod parquet;

/// The error of a Parquet export in a build without the `parquet` feature.
pub const NO_PARQUET: &str = "this bullcheck was built without Parquet support \
     (cargo feature `parquet`, on by default)";

use bullcheck_core::series::{Date, Observation};
use std::collections::BTreeMap;

use crate::store::{Store, StoredSeries};

/// One exported series: its stored metadata and its observations within the range.
#[derive(Debug, Clone)]
pub struct Exported {
    pub info: StoredSeries,
    pub observations: Vec<Observation>,
}

/// `[from, to]`, both inclusive and optional.
#[derive(Debug, Clone, Copy, Default)]
pub struct Range {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Range {
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }
}

/// The series `ids` from the store, cut to `range`; an error naming the first unknown id
/// (checked before anything is read) or a range that ends before it starts.
pub fn load(store: &Store, ids: &[String], range: Range) -> anyhow::Result<Vec<Exported>> {
    if let (Some(from), Some(to)) = (range.from, range.to)
        && from > to
    {
        anyhow::bail!("--from {from} is after --to {to}");
    }
    let mut infos = Vec::with_capacity(ids.len());
    for id in ids {
        match store.series_info(id)? {
            Some(info) => infos.push(info),
            None => return Err(unknown_series(store, id)),
        }
    }
    infos
        .into_iter()
        .map(|info| {
            let mut observations = store.observations(&info.meta.id)?;
            observations.retain(|o| range.contains(o.date));
            Ok(Exported { info, observations })
        })
        .collect()
}

/// "unknown series `ID`" with the closest stored id when one differs only by case.
pub fn unknown_series(store: &Store, id: &str) -> anyhow::Error {
    let ids = store.series_ids().unwrap_or_default();
    let close = ids.iter().find(|known| known.eq_ignore_ascii_case(id));
    let id = crate::cli_values::excerpt(id);
    match close {
        Some(known) => anyhow::anyhow!(
            "unknown series `{id}` (did you mean `{known}`?)\nhint: run `bullcheck data list`"
        ),
        None => anyhow::anyhow!(
            "unknown series `{id}`\nhint: run `bullcheck data list` to see stored series"
        ),
    }
}

/// The wide table: every date of any series (sorted), and per series its value at each
/// (`None` where it has no observation or a missing one).
pub fn wide(series: &[Exported]) -> (Vec<Date>, Vec<Vec<Option<f64>>>) {
    let mut by_date: BTreeMap<Date, Vec<Option<f64>>> = BTreeMap::new();
    for (i, s) in series.iter().enumerate() {
        for o in &s.observations {
            by_date
                .entry(o.date)
                .or_insert_with(|| vec![None; series.len()])[i] = o.value;
        }
    }
    let dates: Vec<Date> = by_date.keys().copied().collect();
    let columns = (0..series.len())
        .map(|i| by_date.values().map(|row| row[i]).collect())
        .collect();
    (dates, columns)
}

/// Long CSV: `series_id,date,value` (the historic `data export` format; a missing value is an
/// empty field).
pub fn long_csv(series: &[Exported]) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["series_id", "date", "value"])?;
    for s in series {
        for o in &s.observations {
            let value = o.value.map(|v| v.to_string()).unwrap_or_default();
            writer.write_record([s.info.meta.id.as_str(), &o.date.to_string(), &value])?;
        }
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

/// Wide CSV: `date,ID1,ID2,...`, one row per date, an empty field where a series has none.
pub fn wide_csv(series: &[Exported]) -> anyhow::Result<String> {
    let (dates, columns) = wide(series);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = std::iter::once("date")
        .chain(series.iter().map(|s| s.info.meta.id.as_str()))
        .collect();
    writer.write_record(&header)?;
    for (row, date) in dates.iter().enumerate() {
        let mut record = vec![date.to_string()];
        record.extend(
            columns
                .iter()
                .map(|c| c[row].map(|v| v.to_string()).unwrap_or_default()),
        );
        writer.write_record(&record)?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

/// Long JSON: an array of `{"series_id","date","value"}` (the historic key order).
pub fn long_json(series: &[Exported]) -> anyhow::Result<String> {
    let mut lines = Vec::new();
    for s in series {
        let id_json = serde_json::to_string(&s.info.meta.id)?;
        for o in &s.observations {
            let value = serde_json::to_string(&o.value)?;
            lines.push(format!(
                "  {{\"series_id\":{id_json},\"date\":\"{}\",\"value\":{value}}}",
                o.date
            ));
        }
    }
    Ok(if lines.is_empty() {
        "[]\n".to_string()
    } else {
        format!("[\n{}\n]\n", lines.join(",\n"))
    })
}

/// Wide JSON: an array of `{"date", "ID1": value, ...}` (null where a series has none).
pub fn wide_json(series: &[Exported]) -> anyhow::Result<String> {
    let (dates, columns) = wide(series);
    let mut lines = Vec::with_capacity(dates.len());
    for (row, date) in dates.iter().enumerate() {
        let mut fields = vec![format!("\"date\":\"{date}\"")];
        for (s, column) in series.iter().zip(&columns) {
            let id = serde_json::to_string(&s.info.meta.id)?;
            fields.push(format!("{id}:{}", serde_json::to_string(&column[row])?));
        }
        lines.push(format!("  {{{}}}", fields.join(",")));
    }
    Ok(if lines.is_empty() {
        "[]\n".to_string()
    } else {
        format!("[\n{}\n]\n", lines.join(",\n"))
    })
}

/// The metadata of the exported series as JSON (an array of objects: id, title, units,
/// source, frequency, seasonal_adjustment, notes, updated_at), for the files' key-value
/// metadata and the Python frames' `.attrs`.
pub fn metadata_json(series: &[Exported]) -> String {
    /// One series' metadata, in the order the files and frames show it.
    #[derive(serde::Serialize)]
    struct Meta<'a> {
        id: &'a str,
        title: &'a str,
        units: &'a str,
        source: &'a str,
        frequency: &'a str,
        seasonal_adjustment: &'a str,
        notes: &'a str,
        updated_at: &'a str,
        vintage: Option<String>,
    }
    let list: Vec<Meta<'_>> = series
        .iter()
        .map(|s| {
            let m = &s.info.meta;
            Meta {
                id: &m.id,
                title: &m.title,
                units: &m.units,
                source: &m.source,
                frequency: &m.frequency,
                seasonal_adjustment: &m.seasonal_adjustment,
                notes: &m.notes,
                updated_at: &s.info.updated_at,
                vintage: latest_vintage(&s.observations).map(|d| d.to_string()),
            }
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_string())
}

/// The newest realtime_start among the observations (ALFRED vintages), if any.
fn latest_vintage(observations: &[Observation]) -> Option<Date> {
    observations.iter().filter_map(|o| o.realtime_start).max()
}

/// One row per check of an audit's JSON report (`report::json`): id, module, title, value,
/// unit, status, percentile, as_of, data, stale, verdict (the claim's, if any), source and url
/// (the first source's publisher and address).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditRow {
    pub id: String,
    pub module: String,
    pub title: String,
    pub value: Option<f64>,
    pub unit: String,
    pub status: String,
    pub percentile: Option<f64>,
    pub as_of: Option<String>,
    pub data: String,
    pub stale: bool,
    pub verdict: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// The rows of an audit's JSON report (the documented contract, so the Parquet file, the
/// Python frame and `audit --format json` say the same).
pub fn audit_rows(report: &serde_json::Value) -> Vec<AuditRow> {
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let checks = report["checks"].as_array().map_or(&[][..], Vec::as_slice);
    checks
        .iter()
        .map(|c| {
            let first = &c["sources"][0];
            AuditRow {
                id: text(&c["id"]).unwrap_or_default(),
                module: text(&c["module"]).unwrap_or_default(),
                title: text(&c["title"]).unwrap_or_default(),
                value: c["value"].as_f64(),
                unit: text(&c["unit"]).unwrap_or_default(),
                status: text(&c["status"]).unwrap_or_default(),
                percentile: c["percentile"].as_f64(),
                as_of: text(&c["as_of"]),
                data: text(&c["data"]).unwrap_or_default(),
                stale: c["stale"].as_bool().unwrap_or(false),
                verdict: text(&c["claim"]["verdict"]),
                source: text(&first["publisher"]).or_else(|| text(&first["id"])),
                url: text(&first["url"]).filter(|u| !u.is_empty()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bullcheck_core::series::SeriesMeta;

    fn exported(id: &str, points: &[(&str, Option<f64>)]) -> Exported {
        Exported {
            info: StoredSeries {
                meta: SeriesMeta {
                    id: id.to_string(),
                    ..SeriesMeta::default()
                },
                updated_at: String::new(),
            },
            observations: points
                .iter()
                .map(|(d, v)| Observation::new(d.parse().unwrap(), *v))
                .collect(),
        }
    }

    /// Hand-built: two series on partly shared dates; the wide table has the union of dates
    /// and empty cells where a series has no observation or a missing value.
    #[test]
    fn wide_csv_takes_the_union_of_dates() {
        let a = exported("A", &[("2020-01-01", Some(1.5)), ("2020-02-01", None)]);
        let b = exported("B", &[("2020-02-01", Some(2.0)), ("2020-03-01", Some(3.0))]);
        let text = wide_csv(&[a, b]).unwrap();
        assert_eq!(
            text,
            "date,A,B\n2020-01-01,1.5,\n2020-02-01,,2\n2020-03-01,,3\n"
        );
    }

    #[test]
    fn range_is_inclusive() {
        let r = Range {
            from: Some("2020-01-01".parse().unwrap()),
            to: Some("2020-12-31".parse().unwrap()),
        };
        assert!(r.contains("2020-01-01".parse().unwrap()));
        assert!(r.contains("2020-12-31".parse().unwrap()));
        assert!(!r.contains("2021-01-01".parse().unwrap()));
        assert!(!r.contains("2019-12-31".parse().unwrap()));
    }
}
