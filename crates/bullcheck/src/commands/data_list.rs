//! `bullcheck data list`: the listing as a table (in the session's language) or JSON, and
//! its lines. The Ken French tables (one series per
//! portfolio column: about 740 series in the shared data) are folded into one line per table,
//! `FF49_VW_* (49 series)`, unless `--all`; JSON always lists every series. Tables of fewer
//! than ten series (the FF5 factors, momentum) stay one line per series.
//!
//! A French series' title is `<column> (<section>)` and its id ends with the column in
//! upper-snake form (`docs/series-ids.md`), so the table is the id without that ending. A
//! table line spans its series: first = earliest first date, last = latest last date, rows
//! and missing summed, last import the latest.
//!
//! Titles and units are those stored from the file. A FRED CSV download carries neither, so
//! for a FRED series stored without them the listing shows FRED's own
//! ([`bullcheck_core::fred_titles`], each row citing its series page); a series with neither
//! shows `—` (JSON: `null`), never a guess.

use std::collections::BTreeMap;

use bullcheck_core::fred_titles::{fred_series_url, fred_title};
use bullcheck_core::source::common::upper_snake;
use bullcheck_core::vocab::{Note, display_width, tr};

use crate::cli::{ListArgs, ListFormat};
use crate::exit::ExitStatus;
use crate::output;
use crate::settings::Settings;
use crate::store::{SeriesListing, Store};

/// Tables with fewer series stay expanded (the six FF5 factors, the momentum factor).
const MIN_FOLDED: usize = 10;

/// `source` of every series the French parser writes.
const FRENCH_SOURCE: &str = "Kenneth R. French data library";

/// The table a French series belongs to (`FF49_VW_AGRIC` → `FF49_VW`), or `None`.
fn french_table(listing: &SeriesListing) -> Option<String> {
    if listing.source != FRENCH_SOURCE {
        return None;
    }
    let (column, _) = listing.title.rsplit_once(" (")?;
    let ending = format!("_{}", upper_snake(column));
    let table = listing.id.strip_suffix(&ending)?;
    (!table.is_empty()).then(|| table.to_string())
}

/// The lines to print and how many French series were folded into table lines.
pub fn lines(listings: Vec<SeriesListing>, all: bool) -> (Vec<SeriesListing>, usize) {
    if all {
        return (listings, 0);
    }
    let mut tables: BTreeMap<String, Vec<SeriesListing>> = BTreeMap::new();
    let mut out = Vec::new();
    for listing in listings {
        match french_table(&listing) {
            Some(table) => tables.entry(table).or_default().push(listing),
            None => out.push(listing),
        }
    }
    let mut folded = 0;
    for (table, members) in tables {
        if members.len() < MIN_FOLDED {
            out.extend(members);
            continue;
        }
        folded += members.len();
        out.push(SeriesListing {
            id: format!("{table}_* ({} series)", members.len()),
            source: FRENCH_SOURCE.to_string(),
            title: String::new(),
            units: String::new(),
            first: members.iter().filter_map(|m| m.first.clone()).min(),
            last: members.iter().filter_map(|m| m.last.clone()).max(),
            rows: members.iter().map(|m| m.rows).sum(),
            missing: members.iter().map(|m| m.missing).sum(),
            last_import: members.iter().filter_map(|m| m.last_import.clone()).max(),
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    (out, folded)
}

/// A series' title and units, and where they come from: as stored (`"file"`), else FRED's
/// (its series page, for a FRED series), else `None` each.
pub struct Described {
    pub title: Option<String>,
    pub units: Option<String>,
    pub origin: Option<String>,
}

/// The title and units `data list` shows for `listing` (see the module comment).
pub fn describe(listing: &SeriesListing) -> Described {
    let stored = |text: &str| (!text.trim().is_empty()).then(|| text.trim().to_string());
    let (title, units) = (stored(&listing.title), stored(&listing.units));
    let fred = (listing.source == "FRED")
        .then(|| fred_title(&listing.id))
        .flatten();
    match fred {
        Some(known) if title.is_none() || units.is_none() => Described {
            title: title.or_else(|| Some(known.title.to_string())),
            units: units.or_else(|| Some(known.units.to_string())),
            origin: Some(fred_series_url(&listing.id)),
        },
        _ => Described {
            origin: (title.is_some() || units.is_some()).then(|| "file".to_string()),
            title,
            units,
        },
    }
}

/// Every series as a JSON array (never folded). `title` and `units` are `null` when neither
/// the file nor FRED's series page gives them; `described_by` says which did.
pub fn json(listings: &[SeriesListing]) -> anyhow::Result<String> {
    let items: Vec<serde_json::Value> = listings
        .iter()
        .map(|l| {
            let described = describe(l);
            serde_json::json!({
                "id": l.id,
                "source": l.source,
                "title": described.title,
                "units": described.units,
                "described_by": described.origin,
                "first": l.first,
                "last": l.last,
                "rows": l.rows,
                "missing": l.missing,
                "last_import": l.last_import,
            })
        })
        .collect();
    Ok(serde_json::to_string_pretty(&items)?)
}

pub fn list(settings: &Settings, args: &ListArgs) -> anyhow::Result<ExitStatus> {
    let store = Store::open(&settings.store_path())?;
    let listings = store.list_series()?;
    if args.format == ListFormat::Json {
        output::print(&format!("{}\n", json(&listings)?))?;
        return Ok(ExitStatus::Success);
    }
    let lang = crate::load::lang(settings);
    if listings.is_empty() {
        eprintln!(
            "{}",
            tr(
                lang,
                "no series stored yet; hint: run `bullcheck data import DIR` or `bullcheck data update`",
                "尚未存储任何序列；提示：运行 `bullcheck data import DIR` 或 `bullcheck data update`",
            )
        );
        return Ok(ExitStatus::Success);
    }
    let header = [
        tr(lang, "id", "编号"),
        tr(lang, "title", "名称"),
        tr(lang, "units", "单位"),
        tr(lang, "source", "来源"),
        tr(lang, "first", "首个日期"),
        tr(lang, "last", "最后日期"),
        tr(lang, "rows", "行数"),
        tr(lang, "missing", "缺失"),
        tr(lang, "last import", "最近导入"),
    ];
    let (lines, grouped) = lines(listings, args.all);
    let rows: Vec<[String; 9]> = lines
        .into_iter()
        .map(|l| {
            let described = describe(&l);
            // A folded French table has no one title: its line says how many series it spans.
            let missing = if l.id.ends_with(" series)") {
                ""
            } else {
                "—"
            };
            let shown = |text: Option<String>, width| {
                text.map_or_else(|| missing.to_string(), |t| shorten(&t, width))
            };
            [
                l.id,
                shown(described.title, TITLE_WIDTH),
                shown(described.units, UNITS_WIDTH),
                shorten(&l.source, SOURCE_WIDTH),
                l.first.unwrap_or_default(),
                l.last.unwrap_or_default(),
                l.rows.to_string(),
                l.missing.to_string(),
                l.last_import.unwrap_or_default(),
            ]
        })
        .collect();
    output::print(&format_table(&header, &rows))?;
    if grouped > 0 {
        let hint = Note::new(
            format!(
                "{grouped} Ken French series shown one line per table (`*` = every column); \
                 hint: `bullcheck data list --all` lists each"
            ),
            format!(
                "{grouped} 个 Ken French 序列按表各显示一行（`*` = 所有列）；\
                 提示：`bullcheck data list --all` 逐一列出"
            ),
        );
        eprintln!("{}", hint.text(lang));
    }
    Ok(ExitStatus::Success)
}

/// Sources longer than this are cut in `data list` (`data show` prints them whole).
const SOURCE_WIDTH: usize = 32;
/// Titles and units longer than these are cut in `data list` (`--format json` has them whole).
const TITLE_WIDTH: usize = 40;
const UNITS_WIDTH: usize = 20;

/// `text` cut to `width` characters, ending in `…` when cut.
fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

/// Left-aligned text columns, numbers (rows, missing) right-aligned, two spaces apart.
fn format_table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths: [usize; N] = header.map(display_width);
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(display_width(cell));
        }
    }
    let is_number_column = |column: usize| rows.iter().all(|r| r[column].parse::<u64>().is_ok());
    let mut text = String::new();
    let header_cells: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for cells in std::iter::once(header_cells.as_slice()).chain(rows.iter().map(|r| r.as_slice())) {
        let mut line = String::new();
        for (column, cell) in cells.iter().enumerate() {
            if column > 0 {
                line.push_str("  ");
            }
            let padding = " ".repeat(widths[column] - display_width(cell));
            if is_number_column(column) {
                line.push_str(&padding);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&padding);
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(id: &str, source: &str, title: &str, rows: usize) -> SeriesListing {
        SeriesListing {
            id: id.to_string(),
            source: source.to_string(),
            title: title.to_string(),
            units: String::new(),
            first: Some(format!("19{:02}-01-01", rows % 100)),
            last: Some(format!("20{:02}-01-01", rows % 100)),
            rows,
            missing: 1,
            last_import: None,
        }
    }

    #[test]
    fn french_tables_fold_into_one_line_each() {
        let mut all = vec![
            listing("DGS10", "FRED", "10-Year", 5),
            listing("FF5_MKT_RF", FRENCH_SOURCE, "Mkt-RF ()", 7),
            listing("FF5_SMB", FRENCH_SOURCE, "SMB ()", 7),
        ];
        // Ten columns of one 25-portfolio table; titles keep the file's padding.
        for (i, column) in ["SMALL LoBM", "ME1 BM2", "ME1 BM3", "ME1 BM4", "SMALL HiBM"]
            .iter()
            .chain(&["ME2 BM1", "ME2 BM2", "ME2 BM3", "ME2 BM4", "Hlth "])
            .enumerate()
        {
            all.push(listing(
                &format!("FF_25_PORTFOLIOS_5X5_OP_VW_{}", upper_snake(column)),
                FRENCH_SOURCE,
                &format!("{column} (OP_VW)"),
                10 + i,
            ));
        }
        let (lines, folded) = lines(all.clone(), false);
        let ids: Vec<&str> = lines.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "DGS10",
                "FF5_MKT_RF",
                "FF5_SMB",
                "FF_25_PORTFOLIOS_5X5_OP_VW_* (10 series)"
            ]
        );
        assert_eq!(folded, 10);
        let table = &lines[3];
        // rows 10..=19 summed; first and last the extremes of the members' dates.
        assert_eq!((table.rows, table.missing), (145, 10));
        assert_eq!(table.first.as_deref(), Some("1910-01-01"));
        assert_eq!(table.last.as_deref(), Some("2019-01-01"));
        let (every, folded) = super::lines(all, true);
        assert_eq!((every.len(), folded), (13, 0));
    }

    /// A FRED download (no title, no units) is described by FRED's page; a file's own title
    /// wins; a series with neither shows nothing rather than a guess.
    #[test]
    fn titles_come_from_the_file_else_fred_else_are_missing() {
        let fred = describe(&listing("UNRATE", "FRED", "", 1));
        assert_eq!(fred.title.as_deref(), Some("Unemployment Rate"));
        assert_eq!(fred.units.as_deref(), Some("Percent"));
        assert_eq!(
            fred.origin.as_deref(),
            Some("https://fred.stlouisfed.org/series/UNRATE")
        );
        let mut own = listing("SKEW", "Cboe", "Cboe SKEW index", 1);
        own.units = "index".into();
        let own = describe(&own);
        assert_eq!(
            (
                own.title.as_deref(),
                own.units.as_deref(),
                own.origin.as_deref()
            ),
            (Some("Cboe SKEW index"), Some("index"), Some("file"))
        );
        for unknown in [
            listing("B087RC1Q027SBEA", "FRED", "", 1),
            listing("MY_SERIES", "your file", "", 1),
        ] {
            let d = describe(&unknown);
            assert_eq!((d.title, d.units, d.origin), (None, None, None));
        }
    }

    /// Every FRED id a bare `data update` fetches has FRED's title and units, but the two the
    /// table leaves out because their titles were not confirmed.
    #[test]
    fn every_fred_series_fetched_by_update_has_a_title() {
        let untitled: Vec<&str> = crate::update::registry::FRED_SERIES
            .iter()
            .copied()
            .filter(|id| fred_title(id).is_none())
            .collect();
        assert!(untitled.is_empty(), "{untitled:?}");
    }
}
