//! `drawdown`: how far a price series stands below its running peak, in percent (negative),
//! over the trailing `params.window_days` (default: all history, i.e. from the all-time high).
//!
//! - What: e.g. the S&P 500's distance from its 52-week high (window 365), or Cisco's fall
//!   from its March-2000 peak.
//! - Why: "the index hovers at highs" and "Cisco fell 89%" are drawdown claims (docs/catalogue.md M7).
//! - How: DD_t = P_t / max(P_s, t − window < s ≤ t) − 1, in percent. `recovery_days` in the
//!   details: days since the all-time high was set, when the series has not regained it.
//! - Limits: price indices ignore dividends, so drawdowns and recovery times are longer than
//!   on total return.

use super::first_available;
use crate::checks::{CheckDef, Computed, Detail, Missing, Note};
use crate::series::{Dataset, Date};

/// `params` of `drawdown`.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The trailing window of the peak in days, a whole number ≥ 1 (default: all history).
    #[serde(deserialize_with = "super::count_opt")]
    pub window_days: Option<u32>,
}

impl super::Params for Params {}

pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let series = first_available(&def.series, data, as_of)?;
    let window = p.window_days.map(i64::from);
    let points = series.up_to(as_of);
    let history = drawdown_history(points, window);
    let &(date, value) = history.last().ok_or(Missing::EmptySeries)?;
    let mut details = Vec::new();
    if let Some((peak_date, peak)) =
        points
            .iter()
            .copied()
            .fold(None::<(Date, f64)>, |best, p| match best {
                Some(b) if b.1 >= p.1 => Some(b),
                _ => Some(p),
            })
    {
        let peak = crate::checks::judge::format_number(peak);
        details.push(Detail::new(
            Note::new("all-time high", "历史最高"),
            Note::new(
                format!("{peak} on {peak_date}"),
                format!("{peak}（{peak_date}）"),
            ),
        ));
    }
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details,
        sources: vec![series.meta.id.clone()],
    })
}

/// Drawdown in percent from the running peak (over the trailing window when given).
pub fn drawdown_history(points: &[(Date, f64)], window_days: Option<i64>) -> Vec<(Date, f64)> {
    let mut res = Vec::with_capacity(points.len());
    // A monotone deque of indices with decreasing values gives the window maximum in O(n).
    let mut deque: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    for (i, &(d, v)) in points.iter().enumerate() {
        while deque.back().is_some_and(|&k| points[k].1 <= v) {
            deque.pop_back();
        }
        deque.push_back(i);
        if let Some(w) = window_days {
            while deque
                .front()
                .is_some_and(|&k| (d - points[k].0).get_days() as i64 >= w)
            {
                deque.pop_front();
            }
        }
        let peak = points[deque[0]].1;
        if peak > 0.0 {
            res.push((d, 100.0 * (v / peak - 1.0)));
        }
    }
    res
}

/// Peak-to-trough fall after `peak_date` and the days until the peak was regained (`None`
/// when it has not been). Oracle (docs/catalogue.md M7): Cisco 80.06 → 8.12 is −89.9%.
pub fn fall_and_recovery(points: &[(Date, f64)], peak_date: Date) -> Option<(f64, Option<i32>)> {
    let start = points.iter().position(|p| p.0 == peak_date)?;
    let peak = points[start].1;
    let trough = points[start..]
        .iter()
        .map(|p| p.1)
        .fold(f64::INFINITY, f64::min);
    let recovered = points[start + 1..]
        .iter()
        .find(|p| p.1 >= peak)
        .map(|p| (p.0 - peak_date).get_days());
    Some((100.0 * (trough / peak - 1.0), recovered))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn running_and_windowed_peaks() {
        let pts = vec![
            (date(2024, 1, 1), 100.0),
            (date(2024, 1, 2), 80.0),
            (date(2024, 1, 10), 90.0),
            (date(2024, 1, 20), 60.0),
        ];
        let all = drawdown_history(&pts, None);
        assert!((all[3].1 - -40.0).abs() < 1e-12);
        // With a 10-day window the peak on 2024-01-20 is the 01-10 value 90 (01-01 has left).
        let windowed = drawdown_history(&pts, Some(11));
        assert!((windowed[3].1 - (60.0 / 90.0 - 1.0) * 100.0).abs() < 1e-12);
    }

    #[test]
    fn cisco_oracle() {
        let pts = vec![
            (date(2000, 3, 27), 80.06),
            (date(2002, 10, 8), 8.12),
            (date(2025, 11, 1), 78.0),
        ];
        let (fall, recovered) = fall_and_recovery(&pts, date(2000, 3, 27)).unwrap();
        assert!((fall - -89.857).abs() < 0.01, "{fall}");
        assert_eq!(recovered, None);
    }
}
