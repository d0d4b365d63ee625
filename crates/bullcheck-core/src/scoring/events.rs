//! The events a warning signal is scored against, read from stored series:
//!
//! - **recession starts**: from a monthly NBER indicator (FRED `USREC`, else the NY Fed
//!   table's `NBER_REC`), a start is a month with the indicator at 1 after a month at 0 (the
//!   first month after an NBER peak); from `NBER_PEAKS` (dates of announced peaks), the month
//!   after each peak;
//! - **bear-market starts**: from daily S&P 500 closes (`SP500_LONG`, else `SP500`), a bear
//!   market is a fall of 20% or more from a running peak; it starts at that peak and ends at
//!   the lowest close before the index rises 20% above it (a symmetric ±20% filter, the
//!   usual convention; cf. Lunde and Timmermann 2004, "Duration dependence in stock prices").
//!
//! Months are indexes (`year * 12 + month - 1`).

use crate::series::Dataset;
use crate::series::month_index;

/// The events of one kind and how far the data can tell them.
#[derive(Debug, Clone, PartialEq)]
pub struct Events {
    /// The series the events were read from.
    pub source: String,
    /// Start months, ascending.
    pub starts: Vec<i32>,
    /// The first month whose events are known.
    pub known_from: i32,
    /// The last month the data cover (`None` when the source is a list of announced
    /// dates that does not say how far it reaches).
    pub known_until: Option<i32>,
    /// For each start, the month by which it was known (a recession: the month the NBER
    /// announced its peak, [`announced`]; a bear market: the month its close first fell 20%
    /// below the peak). Forecasts fit
    /// at month t use only the starts shown by t.
    pub shown: Vec<i32>,
}

/// The fall from a peak (and the rise from a trough) that turns the market's phase.
pub const BEAR_MARKET_FALL: f64 = 0.20;

/// Recession starts from the first stored NBER source.
pub fn recessions(data: &Dataset) -> Option<Events> {
    for id in ["USREC", "NBER_REC"] {
        if let Some(series) = data.get(id).filter(|s| !s.points.is_empty()) {
            let months: Vec<(i32, bool)> = series
                .points
                .iter()
                .map(|&(d, v)| (month_index(d), v >= 0.5))
                .collect();
            let starts = indicator_starts(&months);
            return Some(Events {
                source: id.to_string(),
                shown: starts.iter().map(|&s| announced(s)).collect(),
                starts,
                known_from: months[0].0,
                known_until: months.last().map(|m| m.0),
            });
        }
    }
    let peaks = data.get("NBER_PEAKS").filter(|s| !s.points.is_empty())?;
    let starts: Vec<i32> = peaks
        .points
        .iter()
        .map(|&(d, _)| month_index(d) + 1)
        .collect();
    Some(Events {
        source: "NBER_PEAKS".to_string(),
        shown: starts.iter().map(|&s| announced(s)).collect(),
        starts,
        known_from: month_index(peaks.points[0].0),
        known_until: None,
    })
}

/// Months where a 0/1 indicator turns to 1 (the first month of the series never counts: its
/// previous month is unknown).
/// The NBER's announcements of business-cycle peaks: (peak year, peak month, announcement
/// year, month). Source: NBER, "US Business Cycle Expansions and Contractions" and the
/// Business Cycle Dating Committee's announcements,
/// https://www.nber.org/research/business-cycle-dating (announced 1980-06-03, 1982-01-06,
/// 1991-04-25, 2001-11-26, 2008-12-01, 2020-06-08).
pub const NBER_PEAK_ANNOUNCEMENTS: [(i16, i8, i16, i8); 6] = [
    (1980, 1, 1980, 6),
    (1981, 7, 1982, 1),
    (1990, 7, 1991, 4),
    (2001, 3, 2001, 11),
    (2007, 12, 2008, 12),
    (2020, 2, 2020, 6),
];

/// Months from a peak to its announcement for a peak not in the table: 7, the median of the
/// six announced lags (5, 6, 9, 8, 12, 4 months; docs/rating.md §8b).
pub const ANNOUNCEMENT_LAG_MONTHS: i32 = 7;

/// The month from which a recession starting in month `start` (the month after the peak) was
/// known: the NBER's announcement month, else the peak plus [`ANNOUNCEMENT_LAG_MONTHS`].
pub fn announced(start: i32) -> i32 {
    let peak = start - 1;
    NBER_PEAK_ANNOUNCEMENTS
        .iter()
        .find(|&&(y, m, _, _)| i32::from(y) * 12 + i32::from(m) - 1 == peak)
        .map_or(peak + ANNOUNCEMENT_LAG_MONTHS, |&(_, _, ay, am)| {
            i32::from(ay) * 12 + i32::from(am) - 1
        })
}

pub fn indicator_starts(months: &[(i32, bool)]) -> Vec<i32> {
    months
        .windows(2)
        .filter(|pair| !pair[0].1 && pair[1].1 && pair[1].0 == pair[0].0 + 1)
        .map(|pair| pair[1].0)
        .collect()
}

/// Bear-market starts from the first stored S&P 500 index series.
pub fn bear_markets(data: &Dataset) -> Option<Events> {
    let series = ["SP500_LONG", "SP500"]
        .into_iter()
        .filter_map(|id| data.get(id))
        .find(|s| !s.points.is_empty())?;
    let peaks = bear_market_peaks_confirmed(&series.points.iter().map(|p| p.1).collect::<Vec<_>>());
    Some(Events {
        source: series.meta.id.clone(),
        starts: peaks
            .iter()
            .map(|&(i, _)| month_index(series.points[i].0))
            .collect(),
        shown: peaks
            .iter()
            .map(|&(_, c)| month_index(series.points[c].0))
            .collect(),
        known_from: month_index(series.points[0].0),
        known_until: series.points.last().map(|p| month_index(p.0)),
    })
}

/// Indexes of the peaks that began a fall of [`BEAR_MARKET_FALL`] or more. In a rising phase
/// the running peak is tracked until a close is 20% below it (a bear market, dated at the
/// peak); in a falling phase the running trough is tracked until a close is 20% above it
/// (the bear market is over and a new rising phase starts there).
pub fn bear_market_peaks(closes: &[f64]) -> Vec<usize> {
    bear_market_peaks_confirmed(closes)
        .into_iter()
        .map(|(peak, _)| peak)
        .collect()
}

/// [`bear_market_peaks`] with, for each peak, the index of the close that confirmed it (the
/// first close 20% or more below the peak).
pub fn bear_market_peaks_confirmed(closes: &[f64]) -> Vec<(usize, usize)> {
    let mut peaks = Vec::new();
    let Some(&first) = closes.first() else {
        return peaks;
    };
    let mut falling = false;
    let mut extreme_index = 0;
    let mut extreme = first;
    for (i, &close) in closes.iter().enumerate() {
        if !falling {
            if close > extreme {
                (extreme, extreme_index) = (close, i);
            } else if close <= extreme * (1.0 - BEAR_MARKET_FALL) {
                peaks.push((extreme_index, i));
                falling = true;
                (extreme, extreme_index) = (close, i);
            }
        } else if close < extreme {
            (extreme, extreme_index) = (close, i);
        } else if close >= extreme * (1.0 + BEAR_MARKET_FALL) {
            falling = false;
            (extreme, extreme_index) = (close, i);
        }
    }
    peaks
}

/// The label of `month` as known at month `t`: `None` unless its twelve-month window had
/// closed by `t` (`month + 12 <= t`) and the data cover it; otherwise whether a start shown
/// by `t` falls in `(month, month + 12]`.
pub fn label_known_at(events: &Events, month: i32, t: i32) -> Option<bool> {
    if month + super::metrics::WARNING_WINDOW > t {
        return None;
    }
    label(events, month)?;
    Some(
        events.starts.iter().zip(&events.shown).any(|(&s, &shown)| {
            shown <= t && s > month && s <= month + super::metrics::WARNING_WINDOW
        }),
    )
}

/// Whether an event starts in `(month, month + 12]`; `None` when the data do not reach that
/// far (or start after `month`).
pub fn label(events: &Events, month: i32) -> Option<bool> {
    if month < events.known_from {
        return None;
    }
    if events
        .known_until
        .is_some_and(|until| until < month + super::metrics::WARNING_WINDOW)
    {
        return None;
    }
    Some(
        events
            .starts
            .iter()
            .any(|&s| s > month && s <= month + super::metrics::WARNING_WINDOW),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    fn series(id: &str, points: Vec<(crate::series::Date, f64)>) -> Series {
        Series::new(
            SeriesMeta {
                id: id.to_string(),
                ..Default::default()
            },
            points,
        )
    }

    /// USREC 2007-10..2009-08 (hand-written; NBER dates the peak 2007-12 and the trough
    /// 2009-06, so USREC is 1 from 2008-01 to 2009-06): one start, 2008-01.
    #[test]
    fn a_recession_starts_the_month_after_the_peak() {
        let mut points = Vec::new();
        for (y, m) in (0..23).map(|k| (2007 + (9 + k) / 12, (9 + k) % 12 + 1)) {
            let in_recession = (2008, 1) <= (y, m) && (y, m) <= (2009, 6);
            points.push((
                date(y as i16, m as i8, 1),
                f64::from(u8::from(in_recession)),
            ));
        }
        let mut data = Dataset::default();
        data.insert(series("USREC", points));
        let events = recessions(&data).unwrap();
        assert_eq!(events.source, "USREC");
        assert_eq!(events.starts, vec![month_index(date(2008, 1, 1))]);
        assert_eq!(events.known_until, Some(month_index(date(2009, 8, 1))));
    }

    /// The 2008 recession (peak 2007-12, start 2008-01) was announced in 2008-12; a peak
    /// before the committee's first announcement is known seven months after it.
    #[test]
    fn recessions_are_known_from_their_announcement() {
        assert_eq!(
            announced(month_index(date(2008, 1, 1))),
            month_index(date(2008, 12, 1))
        );
        assert_eq!(
            announced(month_index(date(2020, 3, 1))),
            month_index(date(2020, 6, 1))
        );
        assert_eq!(
            announced(month_index(date(1973, 12, 1))),
            month_index(date(1974, 6, 1))
        );
        let lags: Vec<i32> = NBER_PEAK_ANNOUNCEMENTS
            .iter()
            .map(|&(y, m, ay, am)| (i32::from(ay) - i32::from(y)) * 12 + i32::from(am - m))
            .collect();
        assert_eq!(lags, vec![5, 6, 9, 8, 12, 4]);
        let mut sorted = lags.clone();
        sorted.sort_unstable();
        assert_eq!((sorted[2] + sorted[3]) / 2, ANNOUNCEMENT_LAG_MONTHS);
    }

    #[test]
    fn an_indicator_that_starts_at_one_has_no_known_start() {
        assert_eq!(
            indicator_starts(&[(0, true), (1, false), (2, true), (3, true)]),
            vec![2]
        );
    }

    #[test]
    fn nber_peaks_give_the_following_month() {
        let mut data = Dataset::default();
        data.insert(series("NBER_PEAKS", vec![(date(2020, 2, 1), 1.0)]));
        let events = recessions(&data).unwrap();
        assert_eq!(events.starts, vec![month_index(date(2020, 3, 1))]);
        assert_eq!(events.known_until, None);
    }

    /// 100 → 120 (peak) → 97 (−19.2%: not yet) → 96 (−20%: bear from the peak at index 1)
    /// → 90 (trough) → 107 (+18.9%: still falling phase) → 108 (+20%: rising) → 130 (peak)
    /// → 105 (−19.2%) → 140 → 112 (−20% from 140: second bear at index 9).
    #[test]
    fn bear_markets_are_dated_at_their_peaks() {
        let closes = [
            100.0, 120.0, 97.0, 96.0, 90.0, 107.0, 108.0, 130.0, 105.0, 140.0, 112.0,
        ];
        assert_eq!(bear_market_peaks(&closes), vec![1, 9]);
        assert_eq!(
            bear_market_peaks(&[100.0, 81.0, 100.0]),
            Vec::<usize>::new()
        );
        assert_eq!(bear_market_peaks(&[]), Vec::<usize>::new());
    }

    #[test]
    fn labels_look_twelve_months_ahead_and_stop_where_the_data_stop() {
        let events = Events {
            source: "X".to_string(),
            starts: vec![100],
            known_from: 50,
            known_until: Some(130),
            shown: vec![100],
        };
        assert_eq!(label(&events, 87), Some(false));
        assert_eq!(label(&events, 88), Some(true));
        assert_eq!(label(&events, 99), Some(true));
        assert_eq!(label(&events, 100), Some(false));
        assert_eq!(label(&events, 118), Some(false));
        assert_eq!(label(&events, 119), None);
        assert_eq!(label(&events, 49), None);
    }

    /// A bear market peaking in month 100 and confirmed (20% down) in month 105: at t = 104
    /// the label of month 90 is known (window closed at 102) but the event is not shown yet.
    #[test]
    fn labels_known_at_t_use_only_events_shown_by_t() {
        let events = Events {
            source: "X".to_string(),
            starts: vec![100],
            known_from: 50,
            known_until: Some(130),
            shown: vec![105],
        };
        assert_eq!(label_known_at(&events, 90, 104), Some(false));
        assert_eq!(label_known_at(&events, 90, 105), Some(true));
        assert_eq!(label_known_at(&events, 95, 105), None);
        assert_eq!(
            bear_market_peaks_confirmed(&[100.0, 110.0, 95.0, 88.0, 90.0]),
            vec![(1, 3)]
        );
    }
}
