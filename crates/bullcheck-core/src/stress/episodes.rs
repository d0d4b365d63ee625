//! The frozen validation episodes of the stress model (issue 23): derived from stored data by a
//! written rule, committed (`scenarios/episodes.csv`) before any model change, split into a
//! development set and a held-out set.
//!
//! - What: every S&P 500 fall of [`FALL_THRESHOLD`] or more from a closing high to a closing low
//!   since the first stored close (1950), and every 12-month rally of [`RALLY_THRESHOLD`] or
//!   more; each with its forward-mode driver and its set.
//! - Why: a model checked only on the episodes it was built on is not validated
//!   (the Federal Reserve's SR 11-7 model-validation guidance); the rule, not a person, picks the cases.
//! - How:
//!   * *Falls*: a zigzag on daily closes with a symmetric 15% reversal: a closing high is
//!     confirmed when the index closes 15% below it, the lowest close after it is confirmed
//!     as the trough when the index closes 15% above it; each confirmed high → trough is a fall.
//!   * *Rallies*: for every close, the change to the last close on or before the same calendar
//!     day a year later; the largest such window is taken, windows overlapping a taken one are
//!     discarded, and so on while the change is ≥ 30%.
//!   * *Driver* (forward mode, fixed before scoring): an episode overlapping an NBER recession
//!     month (USREC = 1) is a recession, driven by unemployment; otherwise one over which the
//!     10-year (DGS10) moved by 1 pp or more is a rate episode, driven by the 10-year;
//!     otherwise a panic, driven by the VIX.
//!   * *Split*: an episode overlapping a built-in replay window is development data (it was
//!     seen while the model was built); the others, by start date, falls and rallies numbered
//!     separately from 0, are held out when their number is even and development when odd.
//! - Limits: the rule is applied to one stored file (the S&P 500 price index, no dividends);
//!   an ongoing fall (trough not confirmed) is not an episode.

use std::fmt::Write as _;

use crate::series::{Dataset, Date};

/// A fall must be at least this large (fraction of the closing high).
pub const FALL_THRESHOLD: f64 = 0.15;
/// A 12-month rally must be at least this large (fraction of the starting close).
pub const RALLY_THRESHOLD: f64 = 0.30;
/// A 10-year move of at least this many pp makes a non-recession episode a rate episode.
pub const RATE_EPISODE_PP: f64 = 1.0;
/// The stored ids of the S&P 500 (first found), the recession indicator and the 10-year.
pub const INDEX_IDS: [&str; 2] = ["SP500_LONG", "SP500"];
pub const RECESSION_ID: &str = "USREC";
pub const TEN_YEAR_ID: &str = "DGS10";
/// The built-in replays' windows (development data by construction).
pub const BUILT_IN_WINDOWS: [(&str, &str); 5] = [
    ("2000-03-24", "2002-10-09"),
    ("2007-10-09", "2009-03-09"),
    ("2020-02-19", "2020-03-23"),
    ("2022-01-03", "2022-10-12"),
    ("2023-03-08", "2023-03-13"),
];

/// One episode of the frozen list.
#[derive(Debug, Clone, PartialEq)]
pub struct Episode {
    /// `fall-YYYY-MM-DD` or `rally-YYYY-MM-DD` (the start date).
    pub id: String,
    pub start: Date,
    pub end: Date,
    pub start_close: f64,
    pub end_close: f64,
    /// `recession`, `rates` or `panic`.
    pub class: String,
    /// The variable forward mode gives (`unemployment`, `ust10y` or `vix`).
    pub driver: String,
    /// `development` or `heldout`.
    pub set: String,
}

impl Episode {
    /// The realised change of the index, simple %.
    pub fn change_pct(&self) -> f64 {
        100.0 * (self.end_close / self.start_close - 1.0)
    }
}

/// Falls of at least `threshold`: (high index, trough index) pairs of a zigzag with a
/// symmetric reversal of `threshold`.
pub fn falls(closes: &[f64], threshold: f64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if closes.is_empty() {
        return out;
    }
    let (mut rising, mut high, mut low) = (true, 0usize, 0usize);
    for (i, &c) in closes.iter().enumerate().skip(1) {
        if rising {
            if c > closes[high] {
                high = i;
            } else if c <= closes[high] * (1.0 - threshold) {
                rising = false;
                low = i;
            }
        } else if c < closes[low] {
            low = i;
        } else if c >= closes[low] * (1.0 + threshold) {
            out.push((high, low));
            rising = true;
            high = i;
        }
    }
    out
}

/// Non-overlapping one-year windows (start index, end index) with a rise of at least
/// `threshold`, the largest first, returned by start date. `dates` are sorted.
pub fn rallies(dates: &[Date], closes: &[f64], threshold: f64) -> Vec<(usize, usize)> {
    let mut windows: Vec<(f64, usize, usize)> = Vec::new();
    for (i, d) in dates.iter().enumerate() {
        let Ok(target) = d.checked_add(jiff::Span::new().years(1)) else {
            continue;
        };
        if dates.last().is_none_or(|last| *last < target) {
            break;
        }
        let j = dates.partition_point(|x| *x <= target) - 1;
        let rise = closes[j] / closes[i] - 1.0;
        if rise >= threshold {
            windows.push((rise, i, j));
        }
    }
    windows.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (_, i, j) in windows {
        if taken.iter().all(|&(a, b)| j < a || i > b) {
            taken.push((i, j));
        }
    }
    taken.sort();
    taken
}

fn overlaps(a: (Date, Date), b: (Date, Date)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// The episodes derived from `data` by the rule above; `None` without a stored S&P 500.
pub fn episodes(data: &Dataset) -> Option<Vec<Episode>> {
    let index = INDEX_IDS.iter().find_map(|id| data.get(id))?;
    let dates: Vec<Date> = index.points.iter().map(|p| p.0).collect();
    let closes: Vec<f64> = index.points.iter().map(|p| p.1).collect();
    let recession_months: Vec<Date> = data
        .get(RECESSION_ID)
        .map(|s| {
            s.points
                .iter()
                .filter(|p| p.1 >= 0.5)
                .map(|p| p.0)
                .collect()
        })
        .unwrap_or_default();
    let ten_year = data.get(TEN_YEAR_ID);
    let built_in: Vec<(Date, Date)> = BUILT_IN_WINDOWS
        .iter()
        .map(|(a, b)| (a.parse().expect("date"), b.parse().expect("date")))
        .collect();
    let classify = |start: Date, end: Date| -> (&'static str, &'static str) {
        let first_month = start.first_of_month();
        if recession_months
            .iter()
            .any(|m| *m >= first_month && *m <= end)
        {
            return ("recession", "unemployment");
        }
        let moved = ten_year
            .and_then(|s| Some(s.last_at(end)?.1 - s.last_at(start)?.1))
            .is_some_and(|d| d.abs() >= RATE_EPISODE_PP - 1e-9);
        if moved {
            ("rates", "ust10y")
        } else {
            ("panic", "vix")
        }
    };
    let mut out = Vec::new();
    for (kind, windows) in [
        ("fall", falls(&closes, FALL_THRESHOLD)),
        ("rally", rallies(&dates, &closes, RALLY_THRESHOLD)),
    ] {
        let mut k = 0;
        for (i, j) in windows {
            let (start, end) = (dates[i], dates[j]);
            let seen = built_in.iter().any(|w| overlaps(*w, (start, end)));
            let set = if seen {
                "development"
            } else {
                k += 1;
                if (k - 1) % 2 == 0 {
                    "heldout"
                } else {
                    "development"
                }
            };
            let (class, driver) = classify(start, end);
            out.push(Episode {
                id: format!("{kind}-{start}"),
                start,
                end,
                start_close: closes[i],
                end_close: closes[j],
                class: class.into(),
                driver: driver.into(),
                set: set.into(),
            });
        }
    }
    Some(out)
}

/// The header of `scenarios/episodes.csv`.
pub const CSV_HEADER: &str = "id,set,class,driver,start,end,start_close,end_close,change_pct";

/// The episodes as CSV (the committed file is this text).
pub fn to_csv(episodes: &[Episode]) -> String {
    let mut s = format!("{CSV_HEADER}\n");
    for e in episodes {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{},{:.2}",
            e.id,
            e.set,
            e.class,
            e.driver,
            e.start,
            e.end,
            e.start_close,
            e.end_close,
            e.change_pct()
        );
    }
    s
}

/// Parses `scenarios/episodes.csv` (the [`to_csv`] format); errors name the line.
pub fn from_csv(text: &str) -> Result<Vec<Episode>, String> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.trim() == CSV_HEADER => {}
        _ => return Err(format!("line 1: expected the header `{CSV_HEADER}`")),
    }
    let mut out = Vec::new();
    for (i, line) in lines.filter(|(_, l)| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let line_no = i + 1;
        if f.len() != 9 {
            return Err(format!(
                "line {line_no}: expected 9 fields, got {}",
                f.len()
            ));
        }
        let date = |k: usize, name: &str| {
            crate::series::parse_date(f[k])
                .ok_or_else(|| format!("line {line_no}: field {name}: `{}` is not a date", f[k]))
        };
        let number = |k: usize, name: &str| {
            f[k].parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v > 0.0)
                .ok_or_else(|| {
                    format!(
                        "line {line_no}: field {name}: `{}` is not a positive number",
                        f[k]
                    )
                })
        };
        let (start, end) = (date(4, "start")?, date(5, "end")?);
        if end <= start {
            return Err(format!("line {line_no}: field end: must be after start"));
        }
        out.push(Episode {
            id: f[0].into(),
            set: f[1].into(),
            class: f[2].into(),
            driver: f[3].into(),
            start,
            end,
            start_close: number(6, "start_close")?,
            end_close: number(7, "end_close")?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_finds_each_fall_of_fifteen_percent_between_confirmed_turns() {
        // 100 → 120 (high) → 100 (−16.7%) → 117 (+17%, confirms) → 110 → 130 → 112 (−13.8%, no).
        let c = [
            100.0, 120.0, 110.0, 100.0, 117.0, 110.0, 130.0, 112.0, 125.0,
        ];
        assert_eq!(falls(&c, 0.15), vec![(1, 3)]);
        // An unconfirmed trough (no 15% rebound yet) is not an episode.
        assert!(falls(&[100.0, 80.0, 85.0], 0.15).is_empty());
    }

    #[test]
    fn rallies_are_the_largest_non_overlapping_one_year_rises() {
        let d = |y, m| Date::new(y, m, 1).unwrap();
        let dates = [d(2000, 1), d(2000, 7), d(2001, 1), d(2001, 7), d(2002, 1)];
        // 2000-01 → 2001-01: +50%; 2000-07 → 2001-07: +60% (taken, overlaps the first);
        // 2001-01 → 2002-01: +40% overlaps the taken one.
        let c = [100.0, 100.0, 150.0, 160.0, 210.0];
        assert_eq!(rallies(&dates, &c, 0.3), vec![(1, 3)]);
    }

    #[test]
    fn csv_round_trips_and_bad_rows_name_their_line() {
        let text = format!(
            "{CSV_HEADER}\nfall-1987-08-25,heldout,panic,vix,1987-08-25,1987-12-04,336.77,223.92,-33.51\n"
        );
        let e = from_csv(&text).unwrap();
        assert_eq!(to_csv(&e), text);
        let bad = format!("{CSV_HEADER}\nx,heldout,panic,vix,1987-08-25,1987-12-04,NaN,223.92,0\n");
        assert!(
            from_csv(&bad)
                .unwrap_err()
                .starts_with("line 2: field start_close")
        );
    }
}
