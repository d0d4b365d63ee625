//! The measured skill of a headline number (docs/rating.md §8a): how well a monthly signal
//! ranked the months before an event, with a moving-block bootstrap interval and the reading
//! printed beside it ("skill", "no measured skill", "inverse").
//!
//! - What: AUROC of the signal against a target (an event starting within a window of
//!   months), its 95% interval, the months and events behind it, and event-level hits.
//! - Why: a score shown as a measurement must show whether it has ever warned of anything.
//! - How: months from 1990-01 whose label is known by the as-of month; the interval is the
//!   2.5th and 97.5th percentiles of the AUROC over [`BOOTSTRAP_REPS`] moving-block resamples
//!   of the months (blocks of twice the target window, so overlapping labels stay together;
//!   seed [`BOOTSTRAP_SEED`]); a resample with one class only is dropped and counted.
//! - Limits: four recessions and six bear markets start after 1990, so the intervals are
//!   wide; the signals are recomputed on revised data (docs/rating.md §3).

use super::events::Events;
use crate::series::{Date, month_end_of};
use crate::stats::bootstrap::block_bootstrap;
use crate::stats::classify::auroc;
use crate::stats::quantile::percentile_interval;
use crate::vocab::Note;

/// Resamples per interval (docs/rating.md §8a).
pub const BOOTSTRAP_REPS: usize = 1000;
/// The bootstrap's seed (docs/rating.md §8a).
pub const BOOTSTRAP_SEED: u64 = 20_261_207;
/// The first month scored: 1990-01.
pub const FROM: (i16, i8) = (1990, 1);

/// What a signal is scored against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An NBER recession starts within 12 months.
    Recession12m,
    /// An S&P 500 bear market starts within 12 months.
    Drawdown20_12m,
    /// An S&P 500 bear market starts within 36 months.
    Drawdown20_36m,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Recession12m => "recession_12m",
            Target::Drawdown20_12m => "drawdown20_12m",
            Target::Drawdown20_36m => "drawdown20_36m",
        }
    }

    /// The window after a month in which the event must start, in months.
    pub fn window(self) -> i32 {
        match self {
            Target::Recession12m | Target::Drawdown20_12m => 12,
            Target::Drawdown20_36m => 36,
        }
    }

    /// Whether the target's events are recessions (else bear markets).
    pub fn is_recession(self) -> bool {
        matches!(self, Target::Recession12m)
    }

    /// A short description in both languages.
    pub fn label(self) -> Note {
        match self {
            Target::Recession12m => Note::new("recessions within 12m", "12个月内衰退"),
            Target::Drawdown20_12m => Note::new("20% bear markets within 12m", "12个月内20%熊市"),
            Target::Drawdown20_36m => Note::new("20% bear markets within 36m", "36个月内20%熊市"),
        }
    }
}

/// How a measured skill reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The interval lies above 0.5.
    Skill,
    /// The interval includes 0.5.
    NoSkill,
    /// The interval lies below 0.5: the signal ranked calm months above the ones before events.
    Inverse,
    /// Too few months or events to measure.
    Unmeasured,
}

impl Reading {
    pub fn name(self) -> &'static str {
        match self {
            Reading::Skill => "skill",
            Reading::NoSkill => "no measured skill",
            Reading::Inverse => "inverse",
            Reading::Unmeasured => "not measured",
        }
    }

    pub fn note(self) -> Note {
        match self {
            Reading::Skill => Note::new("skill", "有预测力"),
            Reading::NoSkill => Note::new("no measured skill", "未测得预测力"),
            Reading::Inverse => Note::new("inverse", "方向相反"),
            Reading::Unmeasured => Note::new("not measured", "未测量"),
        }
    }
}

/// A signal's skill against one target.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredSkill {
    pub target: Target,
    /// The metric's name (`auroc`).
    pub metric: &'static str,
    pub value: Option<f64>,
    /// The 95% block-bootstrap interval.
    pub ci: Option<(f64, f64)>,
    /// Months scored (a signal value and a known label), and how many had the event ahead.
    pub months: usize,
    pub positive_months: usize,
    /// The first and last month-ends scored.
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Events starting from [`FROM`] whose whole warning window is in the scored months, and
    /// how many of them had the signal at its alarm level in that window.
    pub events: usize,
    pub hits: usize,
    /// Resamples dropped because they held one class only.
    pub dropped_resamples: usize,
}

impl MeasuredSkill {
    pub fn reading(&self) -> Reading {
        match (self.value, self.ci) {
            (Some(_), Some((lo, hi))) => {
                if lo > 0.5 {
                    Reading::Skill
                } else if hi < 0.5 {
                    Reading::Inverse
                } else {
                    Reading::NoSkill
                }
            }
            _ => Reading::Unmeasured,
        }
    }
}

/// The first scored month's index.
pub fn from_month() -> i32 {
    i32::from(FROM.0) * 12 + i32::from(FROM.1) - 1
}

/// The label of `month` for an event starting within `window` months, `None` when the event
/// data do not reach the window's end.
pub fn label_within(events: &Events, month: i32, window: i32) -> Option<bool> {
    if month < events.known_from {
        return None;
    }
    if events
        .known_until
        .is_some_and(|until| until < month + window)
    {
        return None;
    }
    Some(
        events
            .starts
            .iter()
            .any(|&s| s > month && s <= month + window),
    )
}

/// The skill of `signal` (month index, value; in time order) against `target`'s `events`,
/// on months from 1990-01 whose window has closed by `until` (a month index). `alarm` says
/// whether a value is at the signal's alarm level (for event-level hits).
pub fn measure(
    signal: &[(i32, f64)],
    events: &Events,
    target: Target,
    until: i32,
    alarm: impl Fn(f64) -> bool,
) -> MeasuredSkill {
    let window = target.window();
    let scored: Vec<(i32, f64, bool)> = signal
        .iter()
        .filter(|(m, _)| *m >= from_month() && *m + window <= until)
        .filter_map(|&(m, v)| Some((m, v, label_within(events, m, window)?)))
        .collect();
    let pairs: Vec<(f64, bool)> = scored.iter().map(|&(_, v, y)| (v, y)).collect();
    let value = auroc(&pairs);
    let (resampled, dropped) = block_bootstrap(
        pairs.len(),
        2 * window as usize,
        BOOTSTRAP_REPS,
        BOOTSTRAP_SEED,
        |idx| auroc(&idx.iter().map(|&i| pairs[i]).collect::<Vec<_>>()),
    );
    let ci = value.and_then(|_| percentile_interval(resampled));
    let (first, last) = (scored.first().map(|s| s.0), scored.last().map(|s| s.0));
    let mut events_scored = 0;
    let mut hits = 0;
    if let (Some(first), Some(last)) = (first, last) {
        for &start in &events.starts {
            if start - window < first || start - 1 > last + window || start < from_month() {
                continue;
            }
            let in_window = scored
                .iter()
                .filter(|(m, _, _)| *m >= start - window && *m < start);
            let mut any = false;
            let mut alarmed = false;
            for &(_, v, _) in in_window {
                any = true;
                alarmed |= alarm(v);
            }
            if any {
                events_scored += 1;
                hits += usize::from(alarmed);
            }
        }
    }
    MeasuredSkill {
        target,
        metric: "auroc",
        value,
        ci,
        months: pairs.len(),
        positive_months: pairs.iter().filter(|p| p.1).count(),
        from: first.map(month_end_of),
        to: last.map(month_end_of),
        events: events_scored,
        hits,
        dropped_resamples: dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(starts: Vec<i32>, from: i32, until: i32) -> Events {
        Events {
            source: "test".to_string(),
            shown: starts.clone(),
            starts,
            known_from: from,
            known_until: Some(until),
        }
    }

    /// Hand-computed: a 36-month window labels the three years before a start.
    #[test]
    fn labels_follow_the_window() {
        let e = events(vec![100], 0, 200);
        assert_eq!(label_within(&e, 99, 12), Some(true));
        assert_eq!(label_within(&e, 100, 12), Some(false));
        assert_eq!(label_within(&e, 88, 12), Some(true));
        assert_eq!(label_within(&e, 87, 12), Some(false));
        assert_eq!(label_within(&e, 64, 36), Some(true));
        assert_eq!(label_within(&e, 63, 36), Some(false));
        assert_eq!(
            label_within(&e, 190, 12),
            None,
            "the data end before the window does"
        );
    }

    /// A perfect signal has AUROC 1 and an interval above 0.5 (every resample with both
    /// classes ranks perfectly); pure noise from a fixed seed has an interval across 0.5.
    #[test]
    fn perfect_and_random_signals_read_as_they_should() {
        let from = from_month();
        let starts = vec![from + 40, from + 130, from + 250];
        let e = events(starts.clone(), from - 200, from + 400);
        let perfect: Vec<(i32, f64)> = (from..from + 380)
            .map(|m| {
                let ahead = starts.iter().any(|&s| s > m && s <= m + 12);
                (m, if ahead { 1.0 } else { 0.0 })
            })
            .collect();
        let s = measure(&perfect, &e, Target::Recession12m, from + 400, |v| v > 0.5);
        assert_eq!(s.value, Some(1.0));
        assert_eq!(s.ci, Some((1.0, 1.0)));
        assert_eq!(s.reading(), Reading::Skill);
        assert_eq!((s.events, s.hits), (3, 3));
        assert_eq!(s.positive_months, 36);

        let mut x: u64 = 12345;
        let noise: Vec<(i32, f64)> = (from..from + 380)
            .map(|m| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (m, (x >> 11) as f64 / (1u64 << 53) as f64)
            })
            .collect();
        let s = measure(&noise, &e, Target::Recession12m, from + 400, |v| v > 0.9);
        let (lo, hi) = s.ci.unwrap();
        assert!(lo < 0.5 && hi > 0.5, "{lo} {hi}");
        assert_eq!(s.reading(), Reading::NoSkill);
    }

    /// Block resamples keep runs of consecutive months and are reproducible.
    #[test]
    fn block_bootstrap_keeps_blocks_and_is_seeded() {
        let collect = |seed| {
            let seen = std::cell::RefCell::new(Vec::new());
            block_bootstrap(50, 10, 3, seed, |idx| {
                seen.borrow_mut().push(idx.to_vec());
                Some(0.0)
            });
            seen.into_inner()
        };
        let a = collect(7);
        assert_eq!(a, collect(7));
        assert_ne!(a, collect(8));
        for idx in &a {
            assert_eq!(idx.len(), 50);
            for chunk in idx.chunks(10) {
                assert!(chunk.windows(2).all(|w| w[1] == w[0] + 1), "{chunk:?}");
            }
        }
    }

    /// Percentiles by type-7 interpolation on 0..=100: 2.5 and 97.5.
    #[test]
    fn interval_is_the_type7_percentiles() {
        let v: Vec<f64> = (0..=100).map(f64::from).collect();
        assert_eq!(percentile_interval(v), Some((2.5, 97.5)));
    }
}
