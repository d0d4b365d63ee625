//! `bullcheck companies ingest PATH`: the SEC bulk archive (`companyfacts.zip`), a directory of
//! `CIK##########.json` files, or one file, into the store.
//!
//! Pipeline: rayon workers (one `ZipArchive` per worker over the same file) take entries by
//! index, inflate each into a reused buffer and extract the kept concepts
//! ([`bullcheck_core::source::sec::extract`]); results go through a bounded channel to the one
//! writer (this thread), which replaces each company's facts inside large transactions. Memory
//! stays at a few decompressed entries plus the channel, whatever the archive size.
//!
//! Bad input never stops the run: an unreadable entry, invalid or truncated JSON, a missing
//! `facts` object, an unexpected unit or value type skips that company with a named warning on
//! stderr, counted by reason in the summary.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use bullcheck_core::companies::{CompanyData, SkipReason};
use bullcheck_core::source::sec::extract;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::store::companies::write_company;
use crate::store::{Store, now_rfc3339};

/// Commit after this many companies or this many facts, whichever comes first.
const COMPANIES_PER_TRANSACTION: usize = 2_000;
const FACTS_PER_TRANSACTION: usize = 1_000_000;

/// Caps on what an ingest inflates. Sizes in an archive's headers are never trusted: they
/// only let an entry that declares more than the cap be skipped without reading it, and every
/// read is cut at the cap whatever the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Decompressed bytes of one entry (or one file). The largest real companyfacts entry is
    /// tens of megabytes.
    pub max_entry_bytes: u64,
    /// Decompressed bytes of all entries together (the real archive inflates to ~20 GB).
    pub max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entry_bytes: 256 << 20,
            max_total_bytes: 64 << 30,
        }
    }
}

/// Keep at most this much buffer capacity between entries, so one large entry does not pin
/// memory for the rest of the run.
const RETAINED_BUFFER: usize = 64 << 20;

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    pub source: String,
    /// Entries (documents) looked at.
    pub entries: usize,
    /// Companies stored.
    pub companies: usize,
    /// Companies skipped, by reason name.
    pub skipped: BTreeMap<&'static str, usize>,
    pub skipped_total: usize,
    pub facts: usize,
    /// Uncompressed JSON bytes read.
    pub bytes: u64,
    /// Bytes of the input on disk (the archive, or the files).
    pub input_bytes: u64,
    pub seconds: f64,
    /// Uncompressed megabytes (10^6 bytes) per second.
    pub mb_per_second: f64,
}

/// One document's outcome, sent from a worker to the writer.
enum Outcome {
    Company {
        data: CompanyData,
        bytes: u64,
    },
    Skipped {
        reason: SkipReason,
        message: String,
        bytes: u64,
    },
}

/// Where the documents come from.
enum Input {
    Zip {
        path: PathBuf,
        entries: Vec<(usize, String, u64)>,
    },
    Files(Vec<(PathBuf, u64)>),
}

impl Input {
    fn open(path: &Path) -> anyhow::Result<Input> {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            for entry in std::fs::read_dir(path)
                .with_context(|| format!("cannot list {}", path.display()))?
            {
                let entry = entry?;
                let file_path = entry.path();
                let is_json = file_path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"));
                if is_json && entry.file_type()?.is_file() {
                    files.push((file_path, entry.metadata()?.len()));
                }
            }
            files.sort();
            if files.is_empty() {
                anyhow::bail!(
                    "{}: no *.json files (expected CIK##########.json)",
                    path.display()
                );
            }
            return Ok(Input::Files(files));
        }
        if !meta.is_file() {
            anyhow::bail!(
                "{}: not a regular file (a device, a pipe or a socket is not read)",
                path.display()
            );
        }
        let mut magic = [0u8; 2];
        let mut file =
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let is_zip = file.read(&mut magic)? == 2 && &magic == b"PK";
        if !is_zip {
            return Ok(Input::Files(vec![(path.to_path_buf(), meta.len())]));
        }
        let archive = zip::ZipArchive::new(std::fs::File::open(path)?)
            .with_context(|| format!("{}: not a readable zip archive", path.display()))?;
        let mut entries = Vec::new();
        for index in 0..archive.len() {
            let entry = archive.by_index_data(index).with_context(|| {
                format!("{}: bad central directory entry {index}", path.display())
            })?;
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            if entry.is_file() && name.to_ascii_lowercase().ends_with(".json") {
                entries.push((index, name, entry.size()));
            }
        }
        Ok(Input::Zip {
            path: path.to_path_buf(),
            entries,
        })
    }

    fn len(&self) -> usize {
        match self {
            Input::Zip { entries, .. } => entries.len(),
            Input::Files(files) => files.len(),
        }
    }

    fn total_bytes(&self) -> u64 {
        match self {
            Input::Zip { entries, .. } => entries.iter().map(|e| e.2).sum(),
            Input::Files(files) => files.iter().map(|f| f.1).sum(),
        }
    }

    /// Parses every document on the rayon pool, sending outcomes to `sender`.
    fn parse_all(&self, sender: SyncSender<Outcome>, limits: Limits) {
        let inflated = AtomicU64::new(0);
        let inflated = &inflated;
        match self {
            Input::Zip { path, entries } => {
                let archive_name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                entries.par_iter().for_each_init(
                    || {
                        let archive = std::fs::File::open(path)
                            .ok()
                            .and_then(|f| zip::ZipArchive::new(f).ok());
                        (archive, Vec::new())
                    },
                    |(archive, buffer), (index, name, size)| {
                        let label = format!("{archive_name}:{name}");
                        let outcome = match archive {
                            Some(archive) => {
                                match read_entry(archive, *index, *size, buffer, limits, inflated) {
                                    Ok(()) => Ok(parse(&label, buffer)),
                                    Err(EntryError::TooLarge(why)) => {
                                        Err((SkipReason::TooLarge, format!("{label}: {why}")))
                                    }
                                    Err(EntryError::Other(e)) => {
                                        Err((SkipReason::CorruptEntry, format!("{label}: {e}")))
                                    }
                                }
                            }
                            None => Err((
                                SkipReason::CorruptEntry,
                                format!("{label}: cannot reopen the archive"),
                            )),
                        };
                        // The declared size is what the header says; count what was read.
                        let read = buffer.len() as u64;
                        if buffer.capacity() > RETAINED_BUFFER {
                            buffer.clear();
                            buffer.shrink_to(RETAINED_BUFFER);
                        }
                        let outcome =
                            outcome.unwrap_or_else(|(reason, message)| Outcome::Skipped {
                                reason,
                                message,
                                bytes: read,
                            });
                        let _ = sender.send(outcome);
                    },
                );
            }
            Input::Files(files) => {
                files.par_iter().for_each(|(path, size)| {
                    let label = path.display().to_string();
                    let outcome = match read_file_capped(path, limits, inflated) {
                        Ok(bytes) => parse(&label, &bytes),
                        Err(EntryError::TooLarge(why)) => Outcome::Skipped {
                            reason: SkipReason::TooLarge,
                            message: format!("{label}: {why}"),
                            bytes: 0,
                        },
                        Err(EntryError::Other(e)) => Outcome::Skipped {
                            reason: SkipReason::CorruptEntry,
                            message: format!("{label}: {e}"),
                            bytes: *size,
                        },
                    };
                    let _ = sender.send(outcome);
                });
            }
        }
    }
}

/// Why an entry was not read.
enum EntryError {
    /// Past a size cap (the message says which and by how much).
    TooLarge(String),
    Other(anyhow::Error),
}

impl<E: Into<anyhow::Error>> From<E> for EntryError {
    fn from(e: E) -> Self {
        EntryError::Other(e.into())
    }
}

/// Reserves room for the total before a read: refuses once the total cap is spent.
fn check_total(limits: Limits, inflated: &AtomicU64) -> Result<(), EntryError> {
    let so_far = inflated.load(Ordering::Relaxed);
    if so_far >= limits.max_total_bytes {
        return Err(EntryError::TooLarge(format!(
            "the total decompressed size cap ({} bytes) is reached",
            limits.max_total_bytes
        )));
    }
    Ok(())
}

/// Reads at most `cap + 1` bytes of `reader` into `buffer`; more than `cap` is an error.
fn read_capped(
    reader: impl std::io::Read,
    buffer: &mut Vec<u8>,
    limits: Limits,
    inflated: &AtomicU64,
) -> Result<(), EntryError> {
    let cap = limits.max_entry_bytes;
    reader.take(cap.saturating_add(1)).read_to_end(buffer)?;
    let read = buffer.len() as u64;
    // Entries are read in parallel: the running total is claimed atomically, so the entries
    // kept never add up past the total cap whatever the thread timing.
    let before = inflated.fetch_add(read, Ordering::Relaxed);
    if read > cap {
        return Err(EntryError::TooLarge(format!(
            "inflates past the per-entry cap of {cap} bytes (a zip bomb?)"
        )));
    }
    if before.saturating_add(read) > limits.max_total_bytes {
        return Err(EntryError::TooLarge(format!(
            "the total decompressed size cap ({} bytes) is reached",
            limits.max_total_bytes
        )));
    }
    Ok(())
}

fn read_entry(
    archive: &mut zip::ZipArchive<std::fs::File>,
    index: usize,
    declared: u64,
    buffer: &mut Vec<u8>,
    limits: Limits,
    inflated: &AtomicU64,
) -> Result<(), EntryError> {
    buffer.clear();
    check_total(limits, inflated)?;
    if declared > limits.max_entry_bytes {
        return Err(EntryError::TooLarge(format!(
            "its header declares {declared} bytes, over the per-entry cap of {} bytes",
            limits.max_entry_bytes
        )));
    }
    let entry = archive.by_index(index)?;
    read_capped(entry, buffer, limits, inflated)
}

/// Reads one JSON file of a directory (or the single file given), under the same caps.
fn read_file_capped(
    path: &Path,
    limits: Limits,
    inflated: &AtomicU64,
) -> Result<Vec<u8>, EntryError> {
    check_total(limits, inflated)?;
    let file = std::fs::File::open(path)?;
    let mut buffer = Vec::new();
    read_capped(file, &mut buffer, limits, inflated)?;
    Ok(buffer)
}

fn parse(label: &str, bytes: &[u8]) -> Outcome {
    let size = bytes.len() as u64;
    match extract(label, bytes) {
        Ok(data) => Outcome::Company { data, bytes: size },
        Err(e) => Outcome::Skipped {
            reason: e.reason,
            message: e.message,
            bytes: size,
        },
    }
}

fn progress_bar(total_bytes: u64, entries: usize, show: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        Some(total_bytes),
        if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    let style = ProgressStyle::with_template(
        "{spinner} [{bar:30}] {msg} entries, {decimal_bytes}/{decimal_total_bytes} JSON, \
         {decimal_bytes_per_sec}, ETA {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(format!("0/{entries}"));
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Ingests `input` into the store at `store_path`. Errors only when the input or the store
/// cannot be opened or written; bad documents are counted and skipped.
pub fn ingest(
    store_path: &Path,
    input_path: &Path,
    show_progress: bool,
) -> anyhow::Result<IngestSummary> {
    ingest_with_limits(store_path, input_path, show_progress, Limits::default())
}

/// [`ingest`] with explicit size caps (`companies ingest --max-entry-mb/--max-total-mb`).
pub fn ingest_with_limits(
    store_path: &Path,
    input_path: &Path,
    show_progress: bool,
    limits: Limits,
) -> anyhow::Result<IngestSummary> {
    let started = Instant::now();
    let input = Input::open(input_path)?;
    let store = Store::open(store_path)?;
    store.ensure_writable()?;
    let source = std::fs::canonicalize(input_path)
        .unwrap_or_else(|_| input_path.to_path_buf())
        .display()
        .to_string();
    let input_bytes = match &input {
        Input::Zip { path, .. } => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        Input::Files(files) => files.iter().map(|f| f.1).sum(),
    };
    let total = input.len();
    let bar = progress_bar(input.total_bytes(), total, show_progress);
    // A few outcomes per worker in flight; enough to keep the writer fed.
    let (sender, receiver) = sync_channel::<Outcome>(4 * rayon::current_num_threads().max(1));
    let mut summary = std::thread::scope(|scope| -> anyhow::Result<IngestSummary> {
        let input = &input;
        scope.spawn(move || input.parse_all(sender, limits));
        write_all(&store, receiver, &source, total, &bar)
    })?;
    bar.finish_and_clear();
    summary.source = source;
    summary.input_bytes = input_bytes;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.mb_per_second = if summary.seconds > 0.0 {
        summary.bytes as f64 / 1e6 / summary.seconds
    } else {
        0.0
    };
    Ok(summary)
}

/// The single writer: replaces each company's facts, committing in large transactions.
fn write_all(
    store: &Store,
    receiver: Receiver<Outcome>,
    source: &str,
    total: usize,
    bar: &ProgressBar,
) -> anyhow::Result<IngestSummary> {
    let conn = store.connection();
    let ingested_at = now_rfc3339();
    let mut summary = IngestSummary::default();
    let mut tx = Some(conn.unchecked_transaction()?);
    let (mut companies_in_tx, mut facts_in_tx) = (0usize, 0usize);
    for outcome in receiver {
        summary.entries += 1;
        match outcome {
            Outcome::Company { data, bytes } => {
                let open = tx.as_ref().context("transaction")?;
                let stored = write_company(open, &data, source, &ingested_at)
                    .with_context(|| format!("cannot store the facts of CIK {}", data.cik))?;
                summary.companies += 1;
                summary.facts += stored;
                summary.bytes += bytes;
                companies_in_tx += 1;
                facts_in_tx += stored;
                bar.inc(bytes);
            }
            Outcome::Skipped {
                reason,
                message,
                bytes,
            } => {
                *summary.skipped.entry(reason.name()).or_insert(0) += 1;
                summary.skipped_total += 1;
                summary.bytes += bytes;
                bar.suspend(|| eprintln!("warning: skipped {message} ({})", reason.name()));
                bar.inc(bytes);
            }
        }
        if companies_in_tx >= COMPANIES_PER_TRANSACTION || facts_in_tx >= FACTS_PER_TRANSACTION {
            tx.take().context("transaction")?.commit()?;
            tx = Some(conn.unchecked_transaction()?);
            (companies_in_tx, facts_in_tx) = (0, 0);
        }
        bar.set_message(format!("{}/{total}", summary.entries));
    }
    if let Some(open) = tx {
        open.commit()?;
    }
    Ok(summary)
}
