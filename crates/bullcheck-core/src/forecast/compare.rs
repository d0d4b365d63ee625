//! The comparison a referee asks for (docs/rating.md §8b, §9c): on identical months from
//! 1990 (every signal has a value and the label is known), the two candidates refitted on an
//! expanding window, the NY Fed probit with its published coefficients and the raw term
//! spread, each with its AUROC and Brier score (probabilities only) and their 95%
//! moving-block bootstrap intervals, and the events it flagged ahead.
//!
//! An event counts as flagged when the signal is at its alarm level in one of the twelve
//! months before the start: a probability at or above Φ(−0.5333) = 29.7% (the NY Fed probit
//! at a zero spread, the inverted curve), the raw spread at or below zero.

use std::collections::BTreeMap;

use super::choice::{auroc_interval, candidates, features_text};
use super::features::{self, Feature};
use super::{comparator_values, expanding};
use crate::checks::compute::nyfed_probability;
use crate::scoring::events::{self, Events};
use crate::scoring::skill::{BOOTSTRAP_REPS, BOOTSTRAP_SEED};
use crate::scoring::{EventKind, metrics};
use crate::series::Dataset;
use crate::stats::bootstrap::block_bootstrap;
use crate::stats::quantile::percentile_interval;

/// One signal on the matched months.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchedRow {
    pub signal: String,
    /// Whether the signal is a probability (a Brier score applies).
    pub probability: bool,
    pub months: usize,
    pub auroc: Option<f64>,
    pub auroc_ci: Option<(f64, f64)>,
    pub brier: Option<f64>,
    pub brier_ci: Option<(f64, f64)>,
    /// Events from 1990 with a matched month in their warning window, and those flagged.
    pub events: usize,
    pub flagged: usize,
}

/// The matched comparison for `kind` on months up to `until` (a month index).
pub fn matched(data: &Dataset, kind: EventKind, until: i32) -> Vec<MatchedRow> {
    let Some(events) = (match kind {
        EventKind::Recession12m => events::recessions(data),
        EventKind::Drawdown20_12m => events::bear_markets(data),
    }) else {
        return Vec::new();
    };
    let (simple, rich) = candidates(kind);
    let spread: BTreeMap<i32, f64> = features::table(data, &[Feature::TermSpread])
        .into_iter()
        .map(|(m, r)| (m, r[0]))
        .collect();
    let probit: BTreeMap<i32, f64> = comparator_values(data, until)
        .into_iter()
        .filter_map(|(m, row)| Some((m, *row.get("nyfed_probit")?)))
        .collect();
    // (name, probability?, values, alarm, sign: +1 when higher means the event is likelier)
    let signals: Vec<(String, bool, BTreeMap<i32, f64>)> = vec![
        (
            format!("{} (refitted, expanding window)", features_text(&simple)),
            true,
            expanding(data, &simple, &events, until),
        ),
        (
            format!("{} (refitted, expanding window)", features_text(&rich)),
            true,
            expanding(data, &rich, &events, until),
        ),
        (
            "NY Fed probit, published coefficients (in sample)".to_string(),
            true,
            probit,
        ),
        (
            "term spread itself (lower = riskier)".to_string(),
            false,
            spread.iter().map(|(&m, &v)| (m, -v)).collect(),
        ),
    ];
    let months: Vec<(i32, bool)> = signals[0]
        .2
        .keys()
        .copied()
        .filter(|&m| m >= super::eval_from() && m + metrics::WARNING_WINDOW <= until)
        .filter(|m| signals.iter().all(|s| s.2.contains_key(m)))
        .filter_map(|m| Some((m, events::label(&events, m)?)))
        .collect();
    signals
        .iter()
        .map(|(name, probability, values)| {
            let pairs: Vec<(f64, bool)> = months.iter().map(|&(m, y)| (values[&m], y)).collect();
            let threshold = if *probability {
                nyfed_probability(0.0) / 100.0
            } else {
                0.0
            };
            let (events_scored, flagged) = flagged(&events, &months, values, threshold);
            let (brier, brier_ci) = if *probability {
                brier_with_interval(&pairs)
            } else {
                (None, None)
            };
            MatchedRow {
                signal: name.clone(),
                probability: *probability,
                months: pairs.len(),
                auroc: crate::stats::classify::auroc(&pairs),
                auroc_ci: auroc_interval(&pairs),
                brier,
                brier_ci,
                events: events_scored,
                flagged,
            }
        })
        .collect()
}

fn flagged(
    events: &Events,
    months: &[(i32, bool)],
    values: &BTreeMap<i32, f64>,
    threshold: f64,
) -> (usize, usize) {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return (0, 0);
    };
    let mut scored = 0;
    let mut hits = 0;
    for &s in &events.starts {
        let window: Vec<f64> = months
            .iter()
            .filter(|(m, _)| *m >= s - metrics::WARNING_WINDOW && *m < s)
            .map(|(m, _)| values[m])
            .collect();
        if s < first.0 || s > last.0 + metrics::WARNING_WINDOW || window.is_empty() {
            continue;
        }
        scored += 1;
        hits += usize::from(window.iter().any(|&v| v >= threshold));
    }
    (scored, hits)
}

fn brier_with_interval(pairs: &[(f64, bool)]) -> (Option<f64>, Option<(f64, f64)>) {
    let brier = |idx: &[usize]| -> Option<f64> {
        (!idx.is_empty()).then(|| {
            idx.iter()
                .map(|&i| (pairs[i].0 - f64::from(u8::from(pairs[i].1))).powi(2))
                .sum::<f64>()
                / idx.len() as f64
        })
    };
    let all: Vec<usize> = (0..pairs.len()).collect();
    let (resampled, _) = block_bootstrap(
        pairs.len(),
        2 * metrics::WARNING_WINDOW as usize,
        BOOTSTRAP_REPS,
        BOOTSTRAP_SEED,
        brier,
    );
    (brier(&all), percentile_interval(resampled))
}
