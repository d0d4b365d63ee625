//! What `data import` needs besides the store: the options describing a user's own file
//! (`--id`, `--date-col`, `--value-col`, `--col NAME=ID`, `--date-format`, `--source`,
//! `--units`, `--frequency`) checked once into an [`OwnSpec`], and the members of a zip archive
//! (Ken French serves every table as a zip of one CSV), read from memory with bounded sizes,
//! and the bounded read of a regular file.

use std::io::Read as _;
use std::path::Path;

use anyhow::Context as _;

use anyhow::bail;
use bullcheck_core::source::dates::DateFormat;
use bullcheck_core::source::own::{FREQUENCIES, OwnSpec};
use bullcheck_core::source::validate::check_series_id;

use crate::cli::OwnFileArgs;

/// The user's description of their file, or `None` when no own-file option was given.
pub fn own_spec(args: &OwnFileArgs) -> anyhow::Result<Option<OwnSpec>> {
    let mut cols = Vec::with_capacity(args.cols.len());
    for pair in &args.cols {
        let Some((name, id)) = pair.split_once('=') else {
            bail!("--col {pair:?}: write NAME=ID, e.g. --col 'Adj Close=AAPL'");
        };
        let (name, id) = (name.trim(), id.trim());
        if name.is_empty() {
            bail!("--col {pair:?}: the column name is empty");
        }
        check_series_id(id).map_err(|e| anyhow::anyhow!("--col {pair:?}: {e}"))?;
        cols.push((name.to_string(), id.to_string()));
    }
    if let Some(id) = &args.id {
        check_series_id(id.trim()).map_err(|e| anyhow::anyhow!("--id: {e}"))?;
    }
    if let Some(f) = &args.frequency
        && !FREQUENCIES.contains(&f.as_str())
    {
        bail!("--frequency {f:?}: give one of D, W, M, Q, A");
    }
    if let Some(f) = &args.date_format
        && DateFormat::from_name(f).is_none()
    {
        bail!(
            "--date-format {f:?} is not one bullcheck reads; give one of {}",
            DateFormat::NAMES
        );
    }
    if !cols.is_empty() && (args.id.is_some() || args.value_col.is_some()) {
        bail!("--col NAME=ID names each column and its id; do not add --id or --value-col");
    }
    let spec = OwnSpec {
        id: args.id.as_ref().map(|s| s.trim().to_string()),
        date_col: args.date_col.clone(),
        value_col: args.value_col.clone(),
        cols,
        date_format: args.date_format.clone(),
        source: args.source.clone(),
        units: args.units.clone(),
        frequency: args.frequency.clone(),
    };
    Ok((!spec.is_empty()).then_some(spec))
}

/// The most members read from one archive.
const MAX_MEMBERS: usize = 64;

/// Whether a file is a zip archive (named `.zip`, starting with the zip signature).
pub fn is_zip(name: &str, bytes: &[u8]) -> bool {
    name.to_ascii_lowercase().ends_with(".zip") && bytes.starts_with(b"PK")
}

/// The files inside a zip archive: (name, bytes), each at most `max_bytes` inflated, at most
/// [`MAX_MEMBERS`] of them; directories and macOS metadata skipped.
pub fn zip_members(bytes: &[u8], max_bytes: u64) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| anyhow::anyhow!("not a readable zip archive: {e}"))?;
    if archive.len() > MAX_MEMBERS {
        bail!(
            "the archive holds {} files, more than the {MAX_MEMBERS} read; unzip it and import the folder",
            archive.len()
        );
    }
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .map_err(|e| anyhow::anyhow!("zip entry {i}: {e}"))?;
        let name = entry
            .name()
            .map_err(|e| anyhow::anyhow!("zip entry {i}: {e}"))?
            .to_string();
        if entry.is_dir() || name.starts_with("__MACOSX") || name.contains("/.") {
            continue;
        }
        let mut data = Vec::new();
        entry
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| anyhow::anyhow!("{name}: cannot inflate: {e}"))?;
        if data.len() as u64 > max_bytes {
            bail!(
                "{name}: over the limit of {max_bytes} bytes once inflated (raise it with --max-file-mb)"
            );
        }
        out.push((name, data));
    }
    Ok(out)
}

/// Reads a regular file of at most `max` bytes (a device such as /dev/zero, a pipe or a file
/// past the cap is refused before it fills memory).
pub fn read_regular_file(path: &Path, max: u64) -> anyhow::Result<Vec<u8>> {
    use std::io::Read as _;
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_file() {
        bail!(
            "{}: not a regular file (devices, pipes and sockets are not read)",
            path.display()
        );
    }
    if meta.len() > max {
        bail!(
            "{}: {} bytes, over the limit of {max} bytes (raise it with --max-file-mb)",
            path.display(),
            meta.len()
        );
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > max {
        bail!(
            "{}: grew past the limit of {max} bytes while being read (raise it with --max-file-mb)",
            path.display()
        );
    }
    Ok(bytes)
}

/// The first line longer than `max` bytes, as (1-based line, its length).
pub fn overlong_line(bytes: &[u8], max: u64) -> Option<(u64, usize)> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .find(|(_, line)| line.len() as u64 > max)
        .map(|(i, line)| (i as u64 + 1, line.len()))
}
