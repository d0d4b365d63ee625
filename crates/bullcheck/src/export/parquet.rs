//! Parquet files (Snappy) for pandas/pyarrow, DuckDB and Spark: the series long
//! (id, date, value, vintage) or wide (date + one column per id), with the series' metadata
//! in the file's key-value metadata under `bullcheck:series`; the audit, one row per check;
//! and the whole store as a dataset, one folder per table.
//!
//! Dates are Parquet DATEs (days since 1970-01-01), values DOUBLEs, missing values nulls.
//! The dataset is written in a temporary folder beside the target and renamed into place, so
//! a failed export leaves nothing half-written; an existing non-empty folder is refused.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use bullcheck_core::series::Date;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use rusqlite::types::ValueRef;

use super::{AuditRow, Exported, metadata_json, wide};
use crate::store::Store;

/// Days since 1970-01-01 (Parquet's DATE), by the proleptic Gregorian calendar.
pub fn epoch_days(date: Date) -> i32 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    // Stored dates are years 0001..=9999: the count fits an i32.
    (era * 146_097 + doe - 719_468) as i32
}

/// The writer's properties and the same key-value pairs for the Arrow schema: Parquet
/// readers see them in the file's key-value metadata, pyarrow (which prefers the embedded
/// Arrow schema) in `schema.metadata`.
fn properties(metadata: Vec<(&str, String)>) -> (WriterProperties, HashMap<String, String>) {
    let mut pairs = vec![(
        "bullcheck:version".to_string(),
        env!("CARGO_PKG_VERSION").to_string(),
    )];
    pairs.extend(metadata.into_iter().map(|(k, v)| (k.to_string(), v)));
    let kv = pairs
        .iter()
        .map(|(k, v)| KeyValue::new(k.clone(), v.clone()))
        .collect();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata(Some(kv))
        .build();
    (props, pairs.into_iter().collect())
}

fn write_batch(
    schema: Schema,
    columns: Vec<ArrayRef>,
    metadata: Vec<(&str, String)>,
) -> anyhow::Result<Vec<u8>> {
    let (props, meta) = properties(metadata);
    let batch = RecordBatch::try_new(Arc::new(schema.with_metadata(meta)), columns)?;
    let mut bytes = Vec::new();
    let mut writer = ArrowWriter::try_new(&mut bytes, batch.schema(), Some(props))?;
    writer.write(&batch)?;
    writer.close()?;
    Ok(bytes)
}

fn date_array(dates: impl IntoIterator<Item = Option<Date>>) -> ArrayRef {
    Arc::new(Date32Array::from_iter(
        dates.into_iter().map(|d| d.map(epoch_days)),
    ))
}

/// The long file: one row per (series, date): id, date, value, vintage (the ALFRED
/// realtime_start of the value, null for a series without vintages).
pub fn long(series: &[Exported]) -> anyhow::Result<Vec<u8>> {
    let rows = series.iter().flat_map(|s| {
        s.observations
            .iter()
            .map(move |o| (s.info.meta.id.as_str(), o))
    });
    let (ids, obs): (Vec<&str>, Vec<_>) = rows.unzip();
    let schema = Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("date", DataType::Date32, false),
        Field::new("value", DataType::Float64, true),
        Field::new("vintage", DataType::Date32, true),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(ids)),
        date_array(obs.iter().map(|o| Some(o.date))),
        Arc::new(Float64Array::from_iter(obs.iter().map(|o| o.value))),
        date_array(obs.iter().map(|o| o.realtime_start)),
    ];
    write_batch(
        schema,
        columns,
        vec![("bullcheck:series", metadata_json(series))],
    )
}

/// The wide file: date, then one DOUBLE column per series named by its id.
pub fn wide_file(series: &[Exported]) -> anyhow::Result<Vec<u8>> {
    let (dates, values) = wide(series);
    let mut fields = vec![Field::new("date", DataType::Date32, false)];
    fields.extend(
        series
            .iter()
            .map(|s| Field::new(s.info.meta.id.as_str(), DataType::Float64, true)),
    );
    let mut columns: Vec<ArrayRef> = vec![date_array(dates.into_iter().map(Some))];
    columns.extend(
        values
            .into_iter()
            .map(|c| Arc::new(Float64Array::from(c)) as ArrayRef),
    );
    write_batch(
        Schema::new(fields),
        columns,
        vec![("bullcheck:series", metadata_json(series))],
    )
}

/// The audit, one row per check ([`AuditRow`]); the rating and the as-of date in the
/// key-value metadata.
pub fn audit(rows: &[AuditRow], report: &serde_json::Value) -> anyhow::Result<Vec<u8>> {
    let text = |f: fn(&AuditRow) -> Option<&str>| -> ArrayRef {
        Arc::new(StringArray::from_iter(rows.iter().map(f)))
    };
    let fields = [
        ("id", DataType::Utf8),
        ("module", DataType::Utf8),
        ("title", DataType::Utf8),
        ("value", DataType::Float64),
        ("unit", DataType::Utf8),
        ("status", DataType::Utf8),
        ("percentile", DataType::Float64),
        ("as_of", DataType::Date32),
        ("data", DataType::Utf8),
        ("stale", DataType::Boolean),
        ("verdict", DataType::Utf8),
        ("source", DataType::Utf8),
        ("url", DataType::Utf8),
    ];
    let schema = Schema::new(
        fields
            .iter()
            .map(|(n, t)| Field::new(*n, t.clone(), true))
            .collect::<Vec<_>>(),
    );
    let columns: Vec<ArrayRef> = vec![
        text(|r| Some(&r.id)),
        text(|r| Some(&r.module)),
        text(|r| Some(&r.title)),
        Arc::new(Float64Array::from_iter(rows.iter().map(|r| r.value))),
        text(|r| Some(&r.unit)),
        text(|r| Some(&r.status)),
        Arc::new(Float64Array::from_iter(rows.iter().map(|r| r.percentile))),
        date_array(
            rows.iter()
                .map(|r| r.as_of.as_deref().and_then(|d| d.parse().ok())),
        ),
        text(|r| Some(&r.data)),
        Arc::new(BooleanArray::from_iter(rows.iter().map(|r| Some(r.stale)))),
        text(|r| r.verdict.as_deref()),
        text(|r| r.source.as_deref()),
        text(|r| r.url.as_deref()),
    ];
    let meta = vec![
        ("bullcheck:as_of", report["as_of"].to_string()),
        ("bullcheck:rating", report["rating"].to_string()),
    ];
    write_batch(schema, columns, meta)
}

/// The tables of the whole-store dataset, each in its own folder (`DIR/<table>/`).
pub const STORE_TABLES: [&str; 9] = [
    "series",
    "observations",
    "imports",
    "import_series",
    "origins",
    "observation_copies",
    "companies",
    "company_facts",
    "company_filings",
];

/// TEXT columns holding `YYYY-MM-DD` dates, written as DATEs ('' as null).
const DATE_COLUMNS: [&str; 6] = ["date", "realtime_start", "start", "end", "filed", "vintage"];

/// Rows per Parquet row group / Arrow batch of the dataset.
const BATCH_ROWS: usize = 100_000;

/// Rows written per table of the whole-store dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: String,
    pub rows: u64,
}

/// Writes every table of the store to `dir/<table>/part-0.parquet` (in a temporary folder
/// beside `dir`, renamed at the end). Refuses an existing non-empty `dir`.
pub fn store_dataset(store: &Store, dir: &Path) -> anyhow::Result<Vec<TableCount>> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .with_context(|| format!("--out {}: not a readable folder", dir.display()))?
            .next()
            .is_none();
        if !empty {
            bail!(
                "--out {}: exists and is not empty (the dataset goes in a new folder)",
                dir.display()
            );
        }
    }
    let name = dir
        .file_name()
        .with_context(|| format!("--out {}: not a folder name", dir.display()))?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = parent.join(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = write_tables(store, &temp).and_then(|counts| {
        if dir.exists() {
            std::fs::remove_dir(dir)
                .with_context(|| format!("cannot replace {}", dir.display()))?;
        }
        std::fs::rename(&temp, dir)
            .with_context(|| format!("cannot move {} to {}", temp.display(), dir.display()))?;
        Ok(counts)
    });
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    written
}

fn write_tables(store: &Store, root: &Path) -> anyhow::Result<Vec<TableCount>> {
    std::fs::create_dir_all(root).with_context(|| format!("cannot create {}", root.display()))?;
    STORE_TABLES
        .iter()
        .map(|table| {
            let folder = root.join(table);
            std::fs::create_dir(&folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
            let rows = write_table(store, table, &folder.join("part-0.parquet"))
                .with_context(|| format!("exporting table {table}"))?;
            Ok(TableCount {
                table: table.to_string(),
                rows,
            })
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Int,
    Real,
    Date,
}

enum Column {
    Text(Vec<Option<String>>),
    Int(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
    Date(Vec<Option<i32>>),
}

impl Column {
    fn new(kind: Kind) -> Column {
        match kind {
            Kind::Text => Column::Text(Vec::new()),
            Kind::Int => Column::Int(Vec::new()),
            Kind::Real => Column::Real(Vec::new()),
            Kind::Date => Column::Date(Vec::new()),
        }
    }

    fn push(&mut self, value: ValueRef<'_>, column: &str) -> anyhow::Result<()> {
        match (self, value) {
            (Column::Text(v), ValueRef::Null) => v.push(None),
            (Column::Text(v), ValueRef::Text(t)) => v.push(Some(String::from_utf8_lossy(t).into())),
            (Column::Int(v), ValueRef::Null) => v.push(None),
            (Column::Int(v), ValueRef::Integer(i)) => v.push(Some(i)),
            (Column::Real(v), ValueRef::Null) => v.push(None),
            (Column::Real(v), ValueRef::Real(r)) => v.push(Some(r)),
            (Column::Real(v), ValueRef::Integer(i)) => v.push(Some(i as f64)),
            (Column::Date(v), ValueRef::Null) => v.push(None),
            (Column::Date(v), ValueRef::Text(b"")) => v.push(None),
            (Column::Date(v), ValueRef::Text(t)) => {
                let text = String::from_utf8_lossy(t);
                let date: Date = text
                    .parse()
                    .with_context(|| format!("column {column}: `{text}` is not a date"))?;
                v.push(Some(epoch_days(date)));
            }
            (_, other) => bail!("column {column}: unexpected {:?}", other.data_type()),
        }
        Ok(())
    }

    fn take(&mut self) -> ArrayRef {
        match self {
            Column::Text(v) => Arc::new(StringArray::from(std::mem::take(v))),
            Column::Int(v) => Arc::new(Int64Array::from(std::mem::take(v))),
            Column::Real(v) => Arc::new(Float64Array::from(std::mem::take(v))),
            Column::Date(v) => Arc::new(Date32Array::from(std::mem::take(v))),
        }
    }
}

/// The columns of a STRICT table and their Parquet kinds.
fn table_columns(store: &Store, table: &str) -> anyhow::Result<Vec<(String, Kind)>> {
    let conn = store.connection();
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let columns = stmt
        .query_map([], |row| {
            Ok((row.get::<_, String>(1)?, row.get::<_, String>(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    if columns.is_empty() {
        bail!("no table {table} in the store");
    }
    Ok(columns
        .into_iter()
        .map(|(name, ty)| {
            let kind = match ty.to_ascii_uppercase().as_str() {
                "INTEGER" => Kind::Int,
                "REAL" => Kind::Real,
                _ if DATE_COLUMNS.contains(&name.as_str()) => Kind::Date,
                _ => Kind::Text,
            };
            (name, kind)
        })
        .collect())
}

fn write_table(store: &Store, table: &str, path: &Path) -> anyhow::Result<u64> {
    let columns = table_columns(store, table)?;
    let (props, meta) = properties(vec![("bullcheck:table", table.to_string())]);
    let schema = Arc::new(Schema::new_with_metadata(
        columns
            .iter()
            .map(|(name, kind)| {
                let ty = match kind {
                    Kind::Text => DataType::Utf8,
                    Kind::Int => DataType::Int64,
                    Kind::Real => DataType::Float64,
                    Kind::Date => DataType::Date32,
                };
                Field::new(name.as_str(), ty, true)
            })
            .collect::<Vec<_>>(),
        meta,
    ));
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(props))?;
    let names: Vec<String> = columns.iter().map(|(n, _)| format!("\"{n}\"")).collect();
    let conn = store.connection();
    let mut stmt = conn.prepare(&format!("SELECT {} FROM {table}", names.join(", ")))?;
    let mut rows = stmt.query([])?;
    let mut builders: Vec<Column> = columns.iter().map(|(_, k)| Column::new(*k)).collect();
    let (mut pending, mut total) = (0usize, 0u64);
    let mut flush = |builders: &mut Vec<Column>| -> anyhow::Result<()> {
        let arrays: Vec<ArrayRef> = builders.iter_mut().map(Column::take).collect();
        writer.write(&RecordBatch::try_new(schema.clone(), arrays)?)?;
        Ok(())
    };
    while let Some(row) = rows.next()? {
        for (i, builder) in builders.iter_mut().enumerate() {
            builder.push(row.get_ref(i)?, &columns[i].0)?;
        }
        pending += 1;
        total += 1;
        if pending == BATCH_ROWS {
            flush(&mut builders)?;
            pending = 0;
        }
    }
    if pending > 0 {
        flush(&mut builders)?;
    }
    writer.close()?;
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array as _;
    use bullcheck_core::series::{Observation, SeriesMeta};
    use parquet::file::reader::{FileReader, SerializedFileReader};

    /// Hand-checked: 1970-01-01 is day 0, 2000-03-01 day 11017, 1969-12-31 day -1.
    #[test]
    fn epoch_days_matches_known_dates() {
        for (text, days) in [
            ("1970-01-01", 0),
            ("1969-12-31", -1),
            ("2000-03-01", 11_017),
            ("2020-04-01", 18_353),
        ] {
            assert_eq!(epoch_days(text.parse().unwrap()), days, "{text}");
        }
    }

    fn exported(id: &str, points: &[(&str, Option<f64>)]) -> Exported {
        Exported {
            info: crate::store::StoredSeries {
                meta: SeriesMeta {
                    id: id.to_string(),
                    title: format!("{id} title"),
                    units: "Percent".into(),
                    ..SeriesMeta::default()
                },
                updated_at: "2026-01-01T00:00:00Z".into(),
            },
            observations: points
                .iter()
                .map(|(d, v)| Observation::new(d.parse().unwrap(), *v))
                .collect(),
        }
    }

    /// The parquet crate's own reader reads back what was written: the rows, the nulls and
    /// the series' metadata.
    #[test]
    fn long_and_wide_files_read_back() {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let series = [
            exported(
                "UNRATE",
                &[("2020-04-01", Some(14.8)), ("2020-05-01", None)],
            ),
            exported("DGS10", &[("2020-04-01", Some(0.6))]),
        ];
        let dir = tempfile::tempdir().unwrap();
        let (long_path, wide_path) = (dir.path().join("l.parquet"), dir.path().join("w.parquet"));
        std::fs::write(&long_path, long(&series).unwrap()).unwrap();
        std::fs::write(&wide_path, wide_file(&series).unwrap()).unwrap();
        let open = |p: &std::path::Path| std::fs::File::open(p).unwrap();
        let reader = SerializedFileReader::new(open(&long_path)).unwrap();
        let kv = reader
            .metadata()
            .file_metadata()
            .key_value_metadata()
            .unwrap();
        let meta = kv.iter().find(|k| k.key == "bullcheck:series").unwrap();
        let meta: serde_json::Value = serde_json::from_str(meta.value.as_deref().unwrap()).unwrap();
        assert_eq!(meta[0]["title"], "UNRATE title");
        let batches: Vec<RecordBatch> = ParquetRecordBatchReaderBuilder::try_new(open(&long_path))
            .unwrap()
            .build()
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let batch = &batches[0];
        assert_eq!(batch.num_rows(), 3);
        let values = batch
            .column(2)
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap();
        assert_eq!(values.value(0), 14.8);
        assert!(values.is_null(1));
        let dates = batch
            .column(1)
            .as_any()
            .downcast_ref::<Date32Array>()
            .unwrap();
        assert_eq!(dates.value(0), 18_353);

        let batches: Vec<RecordBatch> = ParquetRecordBatchReaderBuilder::try_new(open(&wide_path))
            .unwrap()
            .build()
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let batch = &batches[0];
        let names: Vec<_> = batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        assert_eq!(names, ["date", "UNRATE", "DGS10"]);
        assert_eq!(batch.num_rows(), 2);
        let dgs10 = batch
            .column(2)
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap();
        assert_eq!(dgs10.value(0), 0.6);
        assert!(dgs10.is_null(1));
    }
}
