//! The measured skill of the headline and its two gauges (docs/rating.md §8a), from the
//! monthly ratings of the track record: the rating and the stress gauge against recessions
//! and bear markets within 12 months, the vulnerability gauge against bear markets within
//! 36 months. Only months whose window has closed by the as-of date are scored.

use super::MonthRating;
use crate::audit::{HeadlineSkill, Level};
use crate::scoring::events;
use crate::scoring::skill::{self, MeasuredSkill, Target};
use crate::series::{Dataset, Date, month_index};

/// The skill of the rating and both gauges as known at `as_of`, from `ratings` (any months;
/// those after `as_of` are ignored) and the events in `data`.
pub fn headline_skill(ratings: &[MonthRating], data: &Dataset, as_of: Date) -> HeadlineSkill {
    let until = month_index(as_of);
    let recessions = events::recessions(data);
    let bears = events::bear_markets(data);
    let alarm = |v: f64| Level::from_score(v) >= Level::High;
    let signal = |pick: fn(&MonthRating) -> Option<f64>| -> Vec<(i32, f64)> {
        ratings
            .iter()
            .filter(|r| r.month <= as_of)
            .filter_map(|r| Some((month_index(r.month), pick(r)?)))
            .collect()
    };
    let score = |values: &[(i32, f64)], target: Target| -> Option<MeasuredSkill> {
        let events = if target.is_recession() {
            recessions.as_ref()?
        } else {
            bears.as_ref()?
        };
        Some(skill::measure(values, events, target, until, alarm))
    };
    let both = |values: &[(i32, f64)]| -> Vec<MeasuredSkill> {
        [Target::Recession12m, Target::Drawdown20_12m]
            .into_iter()
            .filter_map(|t| score(values, t))
            .collect()
    };
    let rating = signal(|r| r.score);
    let stress = signal(|r| r.stress);
    let vulnerability = signal(|r| r.vulnerability);
    HeadlineSkill {
        rating: both(&rating),
        stress: both(&stress),
        vulnerability: score(&vulnerability, Target::Drawdown20_36m)
            .into_iter()
            .collect(),
    }
}
