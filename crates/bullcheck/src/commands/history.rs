//! `bullcheck history`: the rating recomputed at every month-end from the stored data, and its
//! skill as a warning signal beside the NY Fed probit, the NFCI and the St. Louis Fed stress
//! index, plus the 12-month recession and bear-market forecasts fitted point in time with
//! their out-of-sample skill (the computation is `bullcheck_core::history` and
//! `bullcheck_core::forecast`; this file loads data, picks the months and prints).

use anyhow::Context as _;
use bullcheck_core::history::{self, render};
use bullcheck_core::series::{Dataset, Date, Observation};

use crate::cli::{HistoryArgs, HistoryFormat};
use crate::exit::ExitStatus;
use crate::load::load_defs;
use crate::settings::Settings;
use crate::store::Store;

pub fn run(settings: &Settings, args: &HistoryArgs) -> anyhow::Result<ExitStatus> {
    let _progress = crate::progress::spinner("recomputing the rating month by month");
    let from = args
        .from
        .as_deref()
        .map(|t| parse_month("--from", t))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|t| parse_month("--to", t))
        .transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        anyhow::bail!("--from {} is after --to {}", month_text(f), month_text(t));
    }
    check_month_bounds(from, to, last_complete_month(settings.today))?;
    let defs = load_defs(settings)?;
    let path = settings.store_path();
    if !path.exists() {
        anyhow::bail!(
            "no stored data at {}: the track record needs history\nhint: bullcheck data import DIR",
            path.display()
        );
    }
    let store =
        Store::open(&path).with_context(|| format!("cannot open the store {}", path.display()))?;
    let latest = store.load_dataset()?;
    let vintage_series = series_with_vintages(&store)?;

    let Some((first_data, last_data)) = history::data_span(&latest) else {
        anyhow::bail!("the store holds no observations\nhint: bullcheck data import DIR");
    };
    let last_complete = last_complete_month(settings.today);
    // A stored date of year 1 must not make a 24,000-month run.
    let first_bound = jiff::civil::date(FIRST_MONTH.0, FIRST_MONTH.1, 1).last_of_month();
    let start = from.unwrap_or(first_data).max(first_bound);
    let end = to.unwrap_or_else(|| last_data.min(last_complete));
    let months = history::month_ends_between(start, end);

    // Point-in-time data for the series that have vintages (read once, viewed per month);
    // months rated before on this store state come from the track-record cache.
    let vintaged = vintage_rows(&store, &vintage_series)?;
    let ratings = crate::load::rate_cached(settings, &store, &defs, &latest, &vintaged, &months)?;
    let ratings = trim_unrated(ratings, from.is_none(), to.is_none());
    let record = history::build(ratings, &latest);

    let used_ids = used_series(&latest);
    let note = render::DataNote {
        revised_data: used_ids.iter().any(|id| !vintage_series.contains(id)),
        vintage_series,
    };
    let text = match args.format {
        HistoryFormat::Table => render::render_table(&record, &note, crate::load::lang(settings)),
        HistoryFormat::Json => render::render_json(&record, &note),
        HistoryFormat::Csv => render::render_csv(&record),
    };
    crate::output::print(&text)?;
    Ok(ExitStatus::Success)
}

/// Drops months without a rating at the start (and at the end) unless the user fixed them.
fn trim_unrated(
    ratings: Vec<history::MonthRating>,
    trim_start: bool,
    trim_end: bool,
) -> Vec<history::MonthRating> {
    let Some((first, last)) = history::rated_span(&ratings) else {
        return if trim_start && trim_end {
            Vec::new()
        } else {
            ratings
        };
    };
    ratings
        .into_iter()
        .filter(|r| (!trim_start || r.month >= first) && (!trim_end || r.month <= last))
        .collect()
}

/// `YYYY-MM` (or a full `YYYY-MM-DD`, whose month is taken) as that month's last day.
fn parse_month(flag: &str, text: &str) -> anyhow::Result<Date> {
    let trimmed = text.trim();
    let full = if trimmed.len() == 7 {
        format!("{trimmed}-01")
    } else {
        trimmed.to_string()
    };
    full.parse::<Date>()
        .map(|d| d.last_of_month())
        .map_err(|_| {
            anyhow::anyhow!(
                "invalid {flag} `{}`: expected YYYY-MM",
                crate::cli_values::excerpt(text)
            )
        })
}

/// The earliest month `history` accepts: no series bullcheck reads starts before it.
const FIRST_MONTH: (i16, i8) = (1800, 1);

/// `--from`/`--to` inside [1800-01, the last complete month]: a month that has not ended has
/// no data, and an unbounded range would run for days (`--to 9999-12`).
fn check_month_bounds(from: Option<Date>, to: Option<Date>, last: Date) -> anyhow::Result<()> {
    let first = jiff::civil::date(FIRST_MONTH.0, FIRST_MONTH.1, 1).last_of_month();
    for (flag, month) in [("--from", from), ("--to", to)] {
        let Some(month) = month else { continue };
        if month > last {
            anyhow::bail!(
                "{flag} {} is after the last complete month {}",
                month_text(month),
                month_text(last)
            );
        }
        if month < first {
            anyhow::bail!(
                "{flag} {} is before {}, where no data bullcheck reads begin",
                month_text(month),
                month_text(first)
            );
        }
    }
    Ok(())
}

fn month_text(date: Date) -> String {
    date.strftime("%Y-%m").to_string()
}

/// The last month that has ended by `today`.
fn last_complete_month(today: Date) -> Date {
    today
        .first_of_month()
        .yesterday()
        .unwrap_or(today)
        .last_of_month()
}

/// Series that have at least one value with an ALFRED vintage (`realtime_start`).
fn series_with_vintages(store: &Store) -> anyhow::Result<Vec<String>> {
    let mut stmt = store.connection().prepare(
        "SELECT DISTINCT series_id FROM observations WHERE realtime_start <> '' ORDER BY series_id",
    )?;
    let ids = stmt
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ids)
}

/// Every stored row (all vintages, missing values included) of each series in `ids`.
fn vintage_rows(store: &Store, ids: &[String]) -> anyhow::Result<Vec<(String, Vec<Observation>)>> {
    let mut stmt = store
        .connection()
        .prepare("SELECT date, realtime_start, value FROM observations WHERE series_id = ?1")?;
    let mut all = Vec::with_capacity(ids.len());
    for id in ids {
        let mut rows = stmt.query([id])?;
        let mut observations = Vec::new();
        while let Some(row) = rows.next()? {
            let date_text: String = row.get(0)?;
            let vintage_text: String = row.get(1)?;
            let date = date_text
                .parse::<Date>()
                .with_context(|| format!("stored date `{date_text}` of {id} is not YYYY-MM-DD"))?;
            let realtime_start = if vintage_text.is_empty() {
                None
            } else {
                Some(vintage_text.parse::<Date>().with_context(|| {
                    format!("stored vintage `{vintage_text}` of {id} is not YYYY-MM-DD")
                })?)
            };
            observations.push(Observation {
                date,
                value: row.get(2)?,
                realtime_start,
            });
        }
        all.push((id.clone(), observations));
    }
    Ok(all)
}

/// Every stored series with observations (what the record may have read).
fn used_series(data: &Dataset) -> Vec<String> {
    data.series
        .values()
        .filter(|s| !s.points.is_empty())
        .map(|s| s.meta.id.clone())
        .collect()
}
