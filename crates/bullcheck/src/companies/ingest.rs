//! `bullcheck companies ingest PATH`: the SEC bulk archive (`companyfacts.zip`), a directory of
//! `CIK##########.json` files, or one file, into the store.
//!
//! Pipeline: rayon workers (one `ZipArchive` per worker over the same file) take entries by
//! index, inflate each into a reused buffer and extract the kept concepts
//! ([`bullcheck_core::companies::extract`]); results go through a bounded channel to the one
//! writer (this thread), which replaces each company's facts inside large transactions. Memory
//! stays at a few decompressed entries plus the channel, whatever the archive size.
//!
//! Bad input never stops the run: an unreadable entry, invalid or truncated JSON, a missing
//! `facts` object, an unexpected unit or value type skips that company with a named warning on
//! stderr, counted by reason in the summary.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use bullcheck_core::companies::extract::extract;
use bullcheck_core::companies::{CompanyData, SkipReason};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::company_store::write_company;
use crate::store::{Store, now_rfc3339};

/// Commit after this many companies or this many facts, whichever comes first.
const COMPANIES_PER_TRANSACTION: usize = 2_000;
const FACTS_PER_TRANSACTION: usize = 1_000_000;

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
    fn parse_all(&self, sender: SyncSender<Outcome>) {
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
                            Some(archive) => read_entry(archive, *index, *size, buffer)
                                .map_err(|e| format!("{label}: {e}"))
                                .map(|()| parse(&label, buffer)),
                            None => Err(format!("{label}: cannot reopen the archive")),
                        };
                        let outcome = outcome.unwrap_or_else(|message| Outcome::Skipped {
                            reason: SkipReason::CorruptEntry,
                            message,
                            bytes: *size,
                        });
                        let _ = sender.send(outcome);
                    },
                );
            }
            Input::Files(files) => {
                files.par_iter().for_each(|(path, size)| {
                    let label = path.display().to_string();
                    let outcome = match std::fs::read(path) {
                        Ok(bytes) => parse(&label, &bytes),
                        Err(e) => Outcome::Skipped {
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

fn read_entry(
    archive: &mut zip::ZipArchive<std::fs::File>,
    index: usize,
    size: u64,
    buffer: &mut Vec<u8>,
) -> anyhow::Result<()> {
    buffer.clear();
    let mut entry = archive.by_index(index)?;
    buffer.reserve(usize::try_from(size).unwrap_or(0));
    entry.read_to_end(buffer)?;
    Ok(())
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
    let started = Instant::now();
    let input = Input::open(input_path)?;
    let store = Store::open(store_path)?;
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
        scope.spawn(move || input.parse_all(sender));
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
