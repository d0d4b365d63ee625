//! `bullcheck data export`: stored series as CSV, JSON or Parquet, long or wide, within a
//! date range, on stdout or into a file; `--all --format parquet --out DIR` writes the whole
//! store as a Parquet dataset (see `crate::export`).

use std::path::Path;

use anyhow::{Context as _, bail};

use crate::cli::{ExportArgs, ExportFormat};
use crate::exit::ExitStatus;
use crate::export::{self, Range};
use crate::output;
use crate::settings::Settings;
use crate::store::Store;

pub fn run(settings: &Settings, args: &ExportArgs) -> anyhow::Result<ExitStatus> {
    let range = Range {
        from: parse_day("--from", args.from.as_deref())?,
        to: parse_day("--to", args.to.as_deref())?,
    };
    if args.all {
        return all(settings, args, range);
    }
    let store = Store::open(&settings.store_path())?;
    let series = export::load(&store, &args.ids, range)?;
    let bytes = match (args.format, args.wide) {
        (ExportFormat::Csv, false) => export::long_csv(&series)?.into_bytes(),
        (ExportFormat::Csv, true) => export::wide_csv(&series)?.into_bytes(),
        (ExportFormat::Json, false) => export::long_json(&series)?.into_bytes(),
        (ExportFormat::Json, true) => export::wide_json(&series)?.into_bytes(),
        (ExportFormat::Parquet, wide) => {
            if args.out.is_none() {
                bail!("--format parquet writes a file: add --out FILE");
            }
            parquet_series(&series, wide)?
        }
    };
    match &args.out {
        Some(path) => {
            super::report::write_atomically(path, &bytes)?;
            let rows: usize = series.iter().map(|s| s.observations.len()).sum();
            eprintln!(
                "wrote {} ({} series, {rows} observations)",
                path.display(),
                series.len()
            );
        }
        None => output::print(&String::from_utf8(bytes)?)?,
    }
    Ok(ExitStatus::Success)
}

/// A `YYYY-MM-DD` flag value, refused with the flag's name otherwise.
fn parse_day(
    flag: &str,
    text: Option<&str>,
) -> anyhow::Result<Option<bullcheck_core::series::Date>> {
    text.map(|t| {
        t.parse().with_context(|| {
            format!(
                "invalid {flag} `{}`: expected YYYY-MM-DD",
                crate::cli_values::excerpt(t)
            )
        })
    })
    .transpose()
}

fn all(settings: &Settings, args: &ExportArgs, range: Range) -> anyhow::Result<ExitStatus> {
    if args.format != ExportFormat::Parquet {
        bail!("--all writes a Parquet dataset: add --format parquet --out DIR");
    }
    if args.wide || range.from.is_some() || range.to.is_some() {
        bail!("--all exports every row of the store: --wide, --from and --to do not apply");
    }
    let Some(dir) = &args.out else {
        bail!("--all writes a folder: add --out DIR");
    };
    let store = Store::open(&settings.store_path())?;
    dataset(&store, dir)
}

#[cfg(feature = "parquet")]
fn parquet_series(series: &[export::Exported], wide: bool) -> anyhow::Result<Vec<u8>> {
    if wide {
        export::parquet::wide_file(series)
    } else {
        export::parquet::long(series)
    }
}

#[cfg(feature = "parquet")]
fn dataset(store: &Store, dir: &Path) -> anyhow::Result<ExitStatus> {
    let counts = export::parquet::store_dataset(store, dir)?;
    let listed: Vec<String> = counts
        .iter()
        .map(|c| format!("{} {}", c.table, c.rows))
        .collect();
    eprintln!("wrote {} ({})", dir.display(), listed.join(", "));
    Ok(ExitStatus::Success)
}

#[cfg(not(feature = "parquet"))]
fn parquet_series(_: &[export::Exported], _: bool) -> anyhow::Result<Vec<u8>> {
    bail!("{}", export::NO_PARQUET)
}

#[cfg(not(feature = "parquet"))]
fn dataset(_: &Store, _: &Path) -> anyhow::Result<ExitStatus> {
    bail!("{}", export::NO_PARQUET)
}
