//! `bullcheck report --out FILE.html`: the audit as one self-contained HTML file (inline CSS
//! and SVG, no network requests). This file loads what the page needs (store, definitions,
//! company screens) into a [`ReportData`] — the dashboard (`bullcheck serve`) builds its pages
//! from the same function — and writes the file atomically.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use bullcheck_core::audit;
use bullcheck_core::companies::screens::{self, Universe};
use bullcheck_core::report::html::{self, ReportData, SmallCapLosses};
use bullcheck_core::series::{Dataset, Date};
use clap::Args;

use super::ExitStatus;
// Re-exported for the dashboard (`crate::serve`), which loads the store the same way.
pub(crate) use super::audit::{lang, load_defs, resolve_as_of};
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The HTML file to write (replaced atomically when it exists).
    #[arg(long, value_name = "FILE.html")]
    pub out: PathBuf,
    /// Evaluate with observations dated on or before this day (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

pub fn run(settings: &Settings, args: &ReportArgs) -> anyhow::Result<ExitStatus> {
    let as_of = resolve_as_of(args.as_of.as_deref())?;
    let data = load_data(settings)?;
    let report_data = build_report_data(settings, &data, as_of, true)?;
    let page = html::pages::report_page(&report_data, lang(settings));
    write_atomically(&args.out, page.as_bytes())?;
    eprintln!(
        "wrote {} ({} bytes, {} checks, {} charts of check history)",
        args.out.display(),
        page.len(),
        report_data.audit.checks.len(),
        report_data.histories.len()
    );
    Ok(ExitStatus::Success)
}

/// Everything the report and the dashboard show, from the stored data as of `as_of`.
/// `with_track_record` computes the month-by-month rating (seconds on full history).
pub fn build_report_data(
    settings: &Settings,
    data: &Dataset,
    as_of: Date,
    with_track_record: bool,
) -> anyhow::Result<ReportData> {
    let defs = load_defs(settings)?;
    let snapshot = bullcheck_core::snapshot::bundled();
    let history = if with_track_record {
        html::build::track_record(&defs, data, as_of)
    } else {
        None
    };
    let mut audit = audit::run(defs, data, &snapshot, as_of);
    audit.forecasts = bullcheck_core::forecast::summaries(data, as_of);
    Ok(ReportData {
        histories: html::build::check_histories(&audit, data),
        recessions: html::build::recessions(data),
        small_caps: small_cap_losses(settings, as_of)?,
        wealth: html::build::wealth_chart(data),
        stress: html::build::stress_summaries(data),
        history,
        generator: format!("bullcheck {}", env!("CARGO_PKG_VERSION")),
        audit,
    })
}

/// Every stored series (the charts, the recessions, the stress scenarios and the track record
/// read more than the checks do), or an empty dataset when no store exists yet.
pub fn load_data(settings: &Settings) -> anyhow::Result<Dataset> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(Dataset::default());
    }
    let store = crate::store::Store::open(&path)
        .with_context(|| format!("cannot open the store {}", path.display()))?;
    store.load_dataset()
}

/// The first year with XBRL company facts at the SEC (the phase-in began in 2009).
const FIRST_XBRL_YEAR: i16 = 2009;

/// The share of loss-making small caps at each year-end, from the stored company facts (each
/// year screened on the facts filed by then). `None` when no company facts are stored. The
/// companies are loaded once, as of `as_of`, and every year-end is screened from that one load
/// ([`screens::unprofitable_at_each`]).
fn small_cap_losses(settings: &Settings, as_of: Date) -> anyhow::Result<Option<SmallCapLosses>> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(None);
    }
    let store = crate::store::Store::open(&path)
        .with_context(|| format!("cannot open the store {}", path.display()))?;
    if store.company_count()? == 0 {
        return Ok(None);
    }
    drop(store);
    let mut losses = SmallCapLosses {
        points: Vec::new(),
        companies: Vec::new(),
        note: screens::SMALL_UNIVERSE_NOTE.to_string(),
    };
    let stored = crate::companies::load_unprofitable_inputs(&path, as_of)?;
    let year_ends = (FIRST_XBRL_YEAR..=as_of.year())
        .map(|year| Ok(Date::new(year, 12, 31)?.min(as_of)))
        .collect::<anyhow::Result<Vec<Date>>>()?;
    let results = screens::unprofitable_at_each(&stored, &year_ends, Universe::Small);
    for (year_end, result) in year_ends.into_iter().zip(results) {
        if let Some(share) = result.share {
            losses.points.push((year_end, share * 100.0));
            losses.companies.push(result.header.companies);
        }
    }
    Ok(Some(losses))
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .with_context(|| format!("--out {}: not a file name", path.display()))?;
    // Only a regular file is replaced: renaming over /dev/null or a FIFO would replace the
    // device entry itself (when allowed), and a directory cannot be a report.
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::metadata(path);
            if !target.as_ref().is_ok_and(|m| m.is_file()) {
                bail!(
                    "--out {}: a link to something that is not a regular file",
                    path.display()
                );
            }
        }
        Ok(meta) if !meta.is_file() => bail!(
            "--out {}: exists and is not a regular file (a directory, device or pipe is never \
             replaced)",
            path.display()
        ),
        _ => {}
    }
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::write(&temp, bytes)
        .with_context(|| format!("cannot write {}", temp.display()))
        .and_then(|()| {
            std::fs::rename(&temp, path)
                .with_context(|| format!("cannot move {} to {}", temp.display(), path.display()))
        });
    if written.is_err() {
        // Never leave a half-written temporary file behind.
        let _ = std::fs::remove_file(&temp);
    }
    written
}
