//! `bullcheck report --out FILE.html`: the audit as one self-contained HTML file (inline CSS
//! and SVG, no network requests). The page model is
//! [`crate::load::build_report_data`] (the dashboard builds its pages from the same function);
//! this file writes it atomically.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use bullcheck_core::report::html;

use crate::cli::ReportArgs;
use crate::exit::ExitStatus;
use crate::load::{self, build_report_data, lang, load_dataset};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &ReportArgs) -> anyhow::Result<ExitStatus> {
    let progress = crate::progress::spinner("building the report");
    let as_of = load::as_of(settings, args.as_of.as_deref())?;
    let data = load_dataset(settings)?;
    let report_data = build_report_data(settings, &data, as_of, true)?;
    let page = html::pages::report_page(&report_data, lang(settings));
    write_atomically(&args.out, page.as_bytes())?;
    drop(progress);
    eprintln!(
        "wrote {} ({} bytes, {} checks, {} charts of check history)",
        args.out.display(),
        page.len(),
        report_data.audit.checks.len(),
        report_data.histories.len()
    );
    Ok(ExitStatus::Success)
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
