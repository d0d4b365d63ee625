//! `bullcheck data import|update|list|show|export`: moving files into the store and stored
//! series out of it. (`update` lives in `crate::update`.)
//!
//! `import` prints one line per file on stdout (the summary is data); errors go to stderr. In
//! directory mode a malformed file does not stop the others: every failure is reported and
//! the command exits 2 at the end. Each file is imported in its own transaction, so a failed
//! file leaves the store as it was.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use bullcheck_core::source::{self, Kind, ParseOptions};
use bullcheck_core::vocab::{Lang, Note, pad, tr};

use bullcheck_core::source::own::OwnSpec;

use super::data_files;
use crate::cli::{DataCommand, ImportArgs, ShowArgs};
use crate::output;
use crate::settings::Settings;
use crate::store::{ImportMode, ImportSummary, LastLine, Provenance, Store, sha256_hex};

use crate::exit::ExitStatus;

pub fn run(settings: &Settings, cmd: DataCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        DataCommand::Import(args) => import(settings, &args),
        DataCommand::Update(args) => crate::update::run(settings, &args),
        DataCommand::List(args) => super::data_list::list(settings, &args),
        DataCommand::Show(args) => show(settings, &args),
        DataCommand::Export(args) => super::data_export::run(settings, &args),
    }
}

/// A file to import: where it is and how to name it in messages.
struct InputFile {
    path: PathBuf,
    /// The path relative to the directory given on the command line (or the path as given).
    display: String,
    /// Found by walking a directory (unsupported files are skipped, not errors).
    from_directory: bool,
}

fn import(settings: &Settings, args: &ImportArgs) -> anyhow::Result<ExitStatus> {
    let forced_kind = match &args.kind {
        Some(name) => Some(Kind::from_name(name).with_context(|| {
            let valid: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            format!("unknown --kind `{name}`; valid kinds: {}", valid.join(", "))
        })?),
        None => None,
    };
    let own = data_files::own_spec(&args.own)?;
    let forced_kind = match (&own, forced_kind) {
        (None, kind) => kind,
        (Some(_), None | Some(Kind::Own)) => Some(Kind::Own),
        (Some(_), Some(kind)) => bail!(
            "--id, --date-col, --value-col, --col, --date-format, --source, --units and \
             --frequency describe your own file (--kind table); they cannot be used with --kind {kind}"
        ),
    };
    if own.is_some() && args.series.is_some() {
        bail!("--series names a publisher's single-series file; for your own file use --id");
    }
    let many = args.paths.len() > 1 || args.paths.iter().any(|p| p.is_dir());
    if many
        && own
            .as_ref()
            .is_some_and(|o| o.id.is_some() || !o.cols.is_empty())
    {
        bail!(
            "--id and --col name the series of ONE file; with a directory or several files the \
             ids come from the file names (or import each file with its own --id)"
        );
    }
    if args.series.is_some() && many {
        bail!(
            "--series names the series of ONE single-series file; it cannot be used with a directory or several paths"
        );
    }
    if let Some(id) = args.series.as_deref() {
        source::validate::check_series_id(id.trim())
            .map_err(|e| anyhow::anyhow!("--series: {e}"))?;
    }
    let files = collect_files(&args.paths)?;
    let limits = ReadLimits {
        max_file_bytes: args.max_file_mb << 20,
        max_line_bytes: args.max_line_kb << 10,
        mode: ImportMode {
            replace: args.replace,
        },
    };
    let mut store = Store::open(&settings.store_path())?;
    let progress = progress_bar(files.len());
    let mut failures: Vec<String> = Vec::new();

    for file in &files {
        progress.set_message(file.display.clone());
        match import_file(
            &mut store,
            file,
            forced_kind,
            args.series.as_deref(),
            own.as_ref(),
            settings.today,
            limits,
        ) {
            Ok(line) => progress.suspend(|| output::print(&format!("{line}\n")))?,
            Err(err) => {
                progress.suspend(|| output::error_line(&format!("error: {err:#}")));
                failures.push(format!(
                    "{}: {}",
                    file.display,
                    first_line(&format!("{err:#}"))
                ));
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();

    if failures.is_empty() {
        return Ok(ExitStatus::Success);
    }
    if files.len() > 1 {
        // Every other file was imported; the failed ones are listed with their reasons.
        output::error_line(&format!(
            "error: {} of {} files failed to import (the store is unchanged for them; the others \
             were imported):\n  {}",
            failures.len(),
            files.len(),
            failures.join("\n  ")
        ));
    }
    Ok(ExitStatus::Error)
}

/// Size limits and mode of one `data import`.
#[derive(Debug, Clone, Copy)]
struct ReadLimits {
    max_file_bytes: u64,
    max_line_bytes: u64,
    mode: ImportMode,
}

/// The first line of an error (its cause chain follows on the same line with `{:#}`).
fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

/// Reads, parses and imports one file (each member of a zip archive in turn); returns the
/// lines to print.
fn import_file(
    store: &mut Store,
    file: &InputFile,
    forced_kind: Option<Kind>,
    series_override: Option<&str>,
    own: Option<&OwnSpec>,
    today: jiff::civil::Date,
    limits: ReadLimits,
) -> anyhow::Result<String> {
    let bytes = data_files::read_regular_file(&file.path, limits.max_file_bytes)?;
    let path = file.path.to_string_lossy();
    let absolute = std::path::absolute(&file.path).unwrap_or_else(|_| file.path.clone());
    let absolute = absolute.to_string_lossy();
    let opts = ParseOptions {
        series_override,
        own,
    };
    if !data_files::is_zip(&path, &bytes) {
        let source = Source {
            name: &path,
            display: &file.display,
            provenance: &absolute,
            from_directory: file.from_directory,
        };
        return import_bytes(store, &source, &bytes, forced_kind, &opts, today, limits);
    }
    // Ken French serves each table as a zip of one CSV: its members are imported one by one.
    let members = data_files::zip_members(&bytes, limits.max_file_bytes)
        .map_err(|e| anyhow::anyhow!("{path}: {e:#}"))?;
    let mut lines = Vec::new();
    for (member, data) in &members {
        let name = format!("{path}/{member}");
        let display = format!("{}/{member}", file.display);
        let provenance = format!("{absolute}!{member}");
        let source = Source {
            name: &name,
            display: &display,
            provenance: &provenance,
            from_directory: true,
        };
        lines.push(import_bytes(
            store,
            &source,
            data,
            forced_kind,
            &opts,
            today,
            limits,
        )?);
    }
    if lines.is_empty() {
        bail!("{path}: the zip archive holds no file");
    }
    Ok(lines.join("\n"))
}

/// Where bytes being imported come from: the name parsers see, the name printed, the source
/// recorded in provenance, and whether an unsupported file is skipped rather than an error.
struct Source<'a> {
    name: &'a str,
    display: &'a str,
    provenance: &'a str,
    from_directory: bool,
}

/// Detects, parses and imports the bytes of one file; returns the line to print.
fn import_bytes(
    store: &mut Store,
    file: &Source<'_>,
    bytes: &[u8],
    forced_kind: Option<Kind>,
    opts: &ParseOptions<'_>,
    today: jiff::civil::Date,
    limits: ReadLimits,
) -> anyhow::Result<String> {
    let name = file.name;
    let series_override = opts.series_override;
    let kind = match forced_kind {
        Some(kind) => kind,
        None => match source::detect(name, bytes) {
            Ok(kind) => kind,
            Err(reason) if file.from_directory => {
                return Ok(format!("skipped {}: {reason}", file.display));
            }
            Err(reason) => bail!("{name}: {reason} (force a format with --kind KIND)"),
        },
    };
    if !kind.is_json()
        && let Some((line, length)) = data_files::overlong_line(bytes, limits.max_line_bytes)
    {
        bail!(
            "{name}:{line}: the line is {length} bytes, over the limit of {} bytes \
             (raise it with --max-line-kb)",
            limits.max_line_bytes
        );
    }
    let mut parsed = source::parse(kind, name, bytes, opts)?;
    // A local file was retrieved at the latest today: later rows are not observations.
    for dropped in source::future::drop_future_rows(&mut parsed, today) {
        eprintln!(
            "warning: {}: refused {dropped} (after today, {today}: a file of observations \
             cannot hold them)",
            file.display
        );
    }
    if series_override.is_some() && parsed.series.len() > 1 {
        bail!(
            "{name}: --series needs a single-series file, but this {kind} file holds {} series",
            parsed.series.len()
        );
    }
    let provenance = Provenance {
        source: file.provenance.to_string(),
        kind: kind.name().to_string(),
        sha256: sha256_hex(bytes),
        retrieved_at: crate::store::now_rfc3339(),
        bytes: bytes.len() as u64,
    };
    let last_line = LastLine::of(kind, name, bytes, opts);
    let summary = store
        .import_checked(&parsed, &provenance, limits.mode, last_line.as_ref())
        .with_context(|| format!("cannot import {name}"))?;
    let mut line = summary_line(file.display, kind, &summary);
    if summary.withdrawn > 0 {
        line.push_str(&format!(
            "; {} stored rows the file no longer holds removed (--replace)",
            summary.withdrawn
        ));
    }
    Ok(line)
}

/// `imported fred/DGS10.csv (fred-csv): DGS10 16144 rows (16144 new)`.
fn summary_line(display: &str, kind: Kind, summary: &ImportSummary) -> String {
    let verb = if summary.unchanged {
        "unchanged"
    } else {
        "imported"
    };
    let rows: usize = summary.details.iter().map(|d| d.rows).sum();
    let new_rows: usize = summary.details.iter().map(|d| d.new_rows).sum();
    let revised_rows: usize = summary.details.iter().map(|d| d.revised_rows).sum();
    let what = match summary.details.as_slice() {
        [] => String::new(),
        [one] => format!("{} {rows} rows", one.id),
        many => {
            let ids: Vec<&str> = many.iter().map(|d| d.id.as_str()).collect();
            let shown = if ids.len() > 4 {
                format!("{}, ...", ids[..4].join(", "))
            } else {
                ids.join(", ")
            };
            format!("{} series ({shown}) {rows} rows", many.len())
        }
    };
    let changes = if summary.unchanged {
        "already imported, same sha256".to_string()
    } else if revised_rows > 0 {
        format!("{new_rows} new, {revised_rows} revised")
    } else {
        format!("{new_rows} new")
    };
    let mut line = format!("{verb} {display} ({kind}):");
    if !what.is_empty() {
        line.push_str(&format!(" {what} ({changes})"));
    }
    line.push_str(&copies_note(&summary.details));
    if summary.companies > 0 {
        line.push_str(&format!(" {} company facts", summary.companies));
    }
    line
}

/// `; kept 6780 stored values of a newer or more precise copy; copies disagree on 6780
/// dates, largest |Δ| 123.4 (SP500_REAL 2018-10-01)` (empty when neither happened).
fn copies_note(details: &[crate::store::SeriesImport]) -> String {
    let kept: usize = details.iter().map(|d| d.kept_rows).sum();
    let disagreeing: usize = details.iter().map(|d| d.disagreeing).sum();
    let mut note = String::new();
    if kept > 0 {
        note.push_str(&format!(
            "; kept {kept} stored values of a newer or more precise copy (this file's \
             differ: an older vintage changes nothing)"
        ));
    }
    let largest = details
        .iter()
        .filter_map(|d| {
            d.largest_difference
                .as_ref()
                .map(|(v, date)| (*v, date, &d.id))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((delta, date, id)) = largest {
        note.push_str(&format!(
            "; copies disagree on {disagreeing} dates, largest |Δ| {} ({id} {date}; \
             `data show {id} --vintages`)",
            (delta * 1e10).round() / 1e10
        ));
    }
    note
}

/// Expands directories recursively (entries sorted by name, hidden entries skipped).
fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<InputFile>> {
    let mut files = Vec::new();
    for path in paths {
        let metadata =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if metadata.is_dir() {
            let mut found = Vec::new();
            walk_directory(path, &mut found)?;
            for file in found {
                let relative = file.strip_prefix(path).unwrap_or(&file);
                files.push(InputFile {
                    display: relative.to_string_lossy().into_owned(),
                    path: file,
                    from_directory: true,
                });
            }
        } else {
            files.push(InputFile {
                display: path.to_string_lossy().into_owned(),
                path: path.clone(),
                from_directory: false,
            });
        }
    }
    Ok(files)
}

fn walk_directory(dir: &Path, found: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read directory {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot read directory {}", dir.display()))?;
    entries.sort();
    for entry in entries {
        let hidden = entry
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if entry.is_dir() {
            walk_directory(&entry, found)?;
        } else {
            found.push(entry);
        }
    }
    Ok(())
}

/// A file count on stderr, only when stderr is a terminal and there is more than one file.
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    if files < 2 || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{pos}/{len} files {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// The error for an id the store does not hold, with a hint.
fn unknown_series(store: &Store, id: &str) -> anyhow::Error {
    crate::export::unknown_series(store, id)
}

fn format_value(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(
        || tr(lang, "missing", "缺失").to_string(),
        |v| v.to_string(),
    )
}

fn show(settings: &Settings, args: &ShowArgs) -> anyhow::Result<ExitStatus> {
    let store = Store::open(&settings.store_path())?;
    let Some(info) = store.series_info(&args.id)? else {
        return Err(unknown_series(&store, &args.id));
    };
    let observations = store.observations(&args.id)?;
    let imports = store.provenance(&args.id)?;
    let meta = &info.meta;

    let lang = crate::load::lang(settings);
    let mut text = String::new();
    // The publisher's own texts (title, units, notes) print in its words.
    let mut field = |name: &str, value: &str| {
        if !value.is_empty() {
            text.push_str(&format!("{} {value}\n", pad(name, 20)));
        }
    };
    field(tr(lang, "id", "编号"), &meta.id);
    field(tr(lang, "source", "来源"), &meta.source);
    field(tr(lang, "title", "标题"), &meta.title);
    field(tr(lang, "units", "单位"), &meta.units);
    field(tr(lang, "frequency", "频率"), &meta.frequency);
    field(
        tr(lang, "seasonal adjustment", "季节调整"),
        &meta.seasonal_adjustment,
    );
    field(tr(lang, "notes", "备注"), &meta.notes);
    field(tr(lang, "updated at", "更新时间"), &info.updated_at);
    let missing = observations.iter().filter(|o| o.value.is_none()).count();
    let rows = observations.len();
    field(
        tr(lang, "rows", "行数"),
        Note::new(
            format!("{rows} ({missing} missing)"),
            format!("{rows}（缺失 {missing}）"),
        )
        .text(lang),
    );
    if let (Some(first), Some(last)) = (observations.first(), observations.last()) {
        field(
            tr(lang, "first", "首个"),
            &format!("{}  {}", first.date, format_value(first.value, lang)),
        );
        field(
            tr(lang, "last", "最后"),
            &format!("{}  {}", last.date, format_value(last.value, lang)),
        );
    }

    let n = imports.len();
    text.push_str(
        Note::new(
            format!("\nimports ({n}, oldest first):\n"),
            format!("\n导入记录（{n} 次，最早的在前）：\n"),
        )
        .text(lang),
    );
    for r in &imports {
        let (id, finished, kind, rows, new, revised) = (
            r.import_id,
            &r.finished_at,
            &r.kind,
            r.rows,
            r.new_rows,
            r.revised_rows,
        );
        let (sha, retrieved, bytes, source) = (&r.sha256, &r.retrieved_at, r.bytes, &r.source);
        text.push_str(
            Note::new(
                format!(
                    "  #{id} finished {finished}  {kind}  {rows} rows ({new} new, {revised} revised)\n      sha256 {sha}  retrieved {retrieved}  {bytes} bytes\n      {source}\n"
                ),
                format!(
                    "  #{id} 完成于 {finished}  {kind}  {rows} 行（新增 {new}，修订 {revised}）\n      sha256 {sha}  获取于 {retrieved}  {bytes} 字节\n      {source}\n"
                ),
            )
            .text(lang),
        );
    }

    let tail_start = observations.len().saturating_sub(args.tail);
    let tail = &observations[tail_start..];
    let n = tail.len();
    text.push_str(
        Note::new(
            format!("\nlatest {n} observations:\n"),
            format!("\n最近 {n} 个观测值：\n"),
        )
        .text(lang),
    );
    for observation in tail {
        text.push_str(&format!(
            "  {}  {}\n",
            observation.date,
            format_value(observation.value, lang)
        ));
    }
    if args.vintages {
        text.push_str(&super::data_vintages::render(&store, &args.id, lang)?);
    }
    output::print(&text)?;
    Ok(ExitStatus::Success)
}
