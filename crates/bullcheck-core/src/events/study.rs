//! Event studies for "when X then Y" rules (seeds 000, 001, 003).
//!
//! What: an event rule on a stored series (crossing above or below a level; a change over a
//! window beyond a threshold; a value in the bottom quantile of the series) picks event
//! dates, de-clustered so that a new event needs a gap after the previous one. For each
//! event and horizon h (months) the outcome is the return of an outcome series from the event
//! date to h months later, or its largest peak-to-trough drawdown within those h months.
//! The same outcome at every month-end of the sample gives the unconditional distribution.
//!
//! Why: seed 000/001 say a 10-year yield above 5% hurts stocks; seed 001 says a VIX at its
//! lows makes insurance cheap (a calm market is followed by calm); seed 003 says net MLF
//! injections above ¥300B lift the Shanghai index next month 75% of the time. Each is a
//! conditional statement that a handful of events can make look strong.
//!
//! How: conditional mean and hit rate (share of returns above 0; for drawdowns, the share
//! of drawdowns of [`DRAWDOWN_HIT`] or more) against the unconditional ones; a 95% bootstrap
//! interval for the conditional mean (events resampled with replacement, seeded); a two-sided
//! p-value from random dates: the share of `draws` samples of as many month-ends as events
//! whose mean is at least as far from the unconditional mean as the events' mean.
//!
//! Limits: overlapping horizons make successive outcomes dependent (de-clustering reduces,
//! not removes, it); the bottom-quantile rule uses the whole sample's quantile (look-ahead,
//! descriptive only); the random-date test assumes events are as good as random dates apart
//! from the rule.

use crate::stats::mean;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::series::Date;

/// A drawdown of this size or more counts as a hit (0.10 = 10%).
pub const DRAWDOWN_HIT: f64 = 0.10;

/// How events are picked from the event series.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// The value goes from ≤ level to > level.
    CrossAbove(f64),
    /// The value goes from ≥ level to < level.
    CrossBelow(f64),
    /// value(t) − value(t − months) beyond `threshold` (above if positive, below if negative).
    ChangeOver { months: i64, threshold: f64 },
    /// The value is below the q-quantile of the whole series (q = 0.1: bottom decile).
    BottomQuantile(f64),
    /// The value is above `level` (e.g. a monthly net injection above ¥300B).
    Above(f64),
}

/// What is measured after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// outcome(t + h) / outcome(t) − 1.
    Return,
    /// The largest peak-to-trough fall within [t, t + h] (a positive fraction).
    Drawdown,
}

/// Settings of one study.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub rule: Rule,
    pub measure: Measure,
    pub horizons: Vec<i64>,
    /// Months after an event during which no new event counts.
    pub gap_months: i64,
    pub reps: usize,
    pub seed: u64,
}

/// Results at one horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct HorizonResult {
    pub months: i64,
    /// Per event: (event date, outcome) for events with the horizon inside the data.
    pub outcomes: Vec<(Date, f64)>,
    pub mean: Option<f64>,
    pub hit_rate: Option<f64>,
    pub unconditional_mean: Option<f64>,
    pub unconditional_hit_rate: Option<f64>,
    pub unconditional_count: usize,
    /// 95% bootstrap interval of the conditional mean.
    pub ci95: Option<(f64, f64)>,
    /// Two-sided random-date p-value of the conditional mean.
    pub p_value: Option<f64>,
}

/// The study.
#[derive(Debug, Clone, PartialEq)]
pub struct Study {
    /// Event dates after de-clustering.
    pub events: Vec<Date>,
    /// Raw rule hits before de-clustering.
    pub raw_hits: usize,
    pub horizons: Vec<HorizonResult>,
}

fn add_months(d: Date, months: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().months(months)).ok()
}

/// The last point of `s` dated on or before `d`.
fn at_or_before(s: &[(Date, f64)], d: Date) -> Option<(usize, f64)> {
    let n = s.partition_point(|p| p.0 <= d);
    (n > 0).then(|| (n - 1, s[n - 1].1))
}

/// The dates the rule picks (before de-clustering).
pub fn rule_hits(series: &[(Date, f64)], rule: &Rule) -> Vec<Date> {
    match rule {
        Rule::CrossAbove(level) => series
            .windows(2)
            .filter(|w| w[0].1 <= *level && w[1].1 > *level)
            .map(|w| w[1].0)
            .collect(),
        Rule::CrossBelow(level) => series
            .windows(2)
            .filter(|w| w[0].1 >= *level && w[1].1 < *level)
            .map(|w| w[1].0)
            .collect(),
        Rule::Above(level) => series
            .iter()
            .filter(|p| p.1 > *level)
            .map(|p| p.0)
            .collect(),
        Rule::ChangeOver { months, threshold } => series
            .iter()
            .filter_map(|&(d, v)| {
                let back = add_months(d, -*months)?;
                let (_, before) = at_or_before(series, back)?;
                if series[0].0 > back {
                    return None;
                }
                let change = v - before;
                let hit = if *threshold >= 0.0 {
                    change > *threshold
                } else {
                    change < *threshold
                };
                hit.then_some(d)
            })
            .collect(),
        Rule::BottomQuantile(q) => {
            let mut sorted: Vec<f64> = series.iter().map(|p| p.1).collect();
            if sorted.is_empty() {
                return Vec::new();
            }
            sorted.sort_by(f64::total_cmp);
            let cut = crate::stats::quantile::quantile_sorted(&sorted, *q);
            series.iter().filter(|p| p.1 < cut).map(|p| p.0).collect()
        }
    }
}

/// Keeps a hit only when it is at least `gap_months` after the previous kept one.
pub fn decluster(hits: &[Date], gap_months: i64) -> Vec<Date> {
    let mut out: Vec<Date> = Vec::new();
    for &d in hits {
        let clear = out
            .last()
            .is_none_or(|&last| add_months(last, gap_months).is_some_and(|until| d >= until));
        if clear {
            out.push(d);
        }
    }
    out
}

/// The outcome from `d` over `months`; `None` when the horizon runs past the data.
pub fn outcome(s: &[(Date, f64)], d: Date, months: i64, measure: Measure) -> Option<f64> {
    let end = add_months(d, months)?;
    if s.last()?.0 < end {
        return None;
    }
    let (i0, p0) = at_or_before(s, d)?;
    if p0 <= 0.0 {
        return None;
    }
    let (i1, p1) = at_or_before(s, end)?;
    match measure {
        Measure::Return => Some(p1 / p0 - 1.0),
        Measure::Drawdown => {
            let mut peak = p0;
            let mut worst = 0.0_f64;
            for &(_, p) in &s[i0..=i1] {
                peak = peak.max(p);
                worst = worst.max(1.0 - p / peak);
            }
            Some(worst)
        }
    }
}

fn hit(x: f64, measure: Measure) -> bool {
    match measure {
        Measure::Return => x > 0.0,
        Measure::Drawdown => x >= DRAWDOWN_HIT,
    }
}

/// Month-ends of `s` (the last point of each calendar month).
fn month_ends(s: &[(Date, f64)]) -> Vec<Date> {
    let mut out: Vec<Date> = Vec::new();
    for w in s.windows(2) {
        if w[0].0.first_of_month() != w[1].0.first_of_month() {
            out.push(w[0].0);
        }
    }
    if let Some(last) = s.last() {
        out.push(last.0);
    }
    out
}

/// Runs the study: `event_series` picks the events, `outcome_series` (a price level) gives
/// the outcomes. Both sorted by date.
pub fn run(event_series: &[(Date, f64)], outcome_series: &[(Date, f64)], spec: &Spec) -> Study {
    let hits = rule_hits(event_series, &spec.rule);
    // Events must fall within the outcome's span.
    let first_outcome = outcome_series.first().map(|p| p.0);
    let hits: Vec<Date> = hits
        .into_iter()
        .filter(|d| first_outcome.is_some_and(|f| *d >= f))
        .collect();
    let events = decluster(&hits, spec.gap_months);
    let mut study = run_on_events(events, outcome_series, spec);
    study.raw_hits = hits.len();
    study
}

/// The study on given event dates (already de-clustered), e.g. with one cluster of events left
/// out (`events::claim`'s robustness check); `raw_hits` is the number of events given.
pub fn run_on_events(events: Vec<Date>, outcome_series: &[(Date, f64)], spec: &Spec) -> Study {
    let raw_hits = events.len();
    let ends = month_ends(outcome_series);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(spec.seed);
    let horizons = spec
        .horizons
        .iter()
        .map(|&h| {
            let outcomes: Vec<(Date, f64)> = events
                .iter()
                .filter_map(|&d| outcome(outcome_series, d, h, spec.measure).map(|x| (d, x)))
                .collect();
            let values: Vec<f64> = outcomes.iter().map(|o| o.1).collect();
            let pool: Vec<f64> = ends
                .iter()
                .filter_map(|&d| outcome(outcome_series, d, h, spec.measure))
                .collect();
            let m = mean(&values);
            let um = mean(&pool);
            let rate = |v: &[f64]| {
                (!v.is_empty()).then(|| {
                    v.iter().filter(|&&x| hit(x, spec.measure)).count() as f64 / v.len() as f64
                })
            };
            let n = values.len();
            let ci95 = (n >= 2 && spec.reps >= 10).then(|| {
                let mut means: Vec<f64> = (0..spec.reps)
                    .map(|_| (0..n).map(|_| values[rng.random_range(0..n)]).sum::<f64>() / n as f64)
                    .collect();
                means.sort_by(f64::total_cmp);
                (
                    crate::stats::quantile::quantile_sorted(&means, 0.025),
                    crate::stats::quantile::quantile_sorted(&means, 0.975),
                )
            });
            let p_value = match (m, um) {
                (Some(m), Some(um)) if n >= 1 && pool.len() > n && spec.reps >= 10 => {
                    let gap = (m - um).abs();
                    let extreme = (0..spec.reps)
                        .filter(|_| {
                            let draw = (0..n)
                                .map(|_| pool[rng.random_range(0..pool.len())])
                                .sum::<f64>()
                                / n as f64;
                            (draw - um).abs() >= gap - 1e-12
                        })
                        .count();
                    Some((extreme as f64 + 1.0) / (spec.reps as f64 + 1.0))
                }
                _ => None,
            };
            HorizonResult {
                months: h,
                outcomes,
                mean: m,
                hit_rate: rate(&values),
                unconditional_mean: um,
                unconditional_hit_rate: rate(&pool),
                unconditional_count: pool.len(),
                ci95,
                p_value,
            }
        })
        .collect();
    Study {
        events,
        raw_hits,
        horizons,
    }
}

#[cfg(test)]
mod tests {
    //! Hand-made series; every expected number is worked out in the comments.
    use super::*;
    use jiff::civil::date;

    fn monthly(values: &[f64]) -> Vec<(Date, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(k, &v)| (add_months(date(2000, 1, 31), k as i64).unwrap(), v))
            .collect()
    }

    #[test]
    fn crossings_and_declustering() {
        let s = monthly(&[4.8, 5.1, 4.9, 5.2, 4.0, 4.0, 5.5]);
        let up = rule_hits(&s, &Rule::CrossAbove(5.0));
        assert_eq!(up, vec![s[1].0, s[3].0, s[6].0]);
        assert_eq!(rule_hits(&s, &Rule::CrossBelow(5.0)), vec![s[2].0, s[4].0]);
        // A 3-month gap drops the crossing two months after the first.
        assert_eq!(decluster(&up, 3), vec![s[1].0, s[6].0]);
        assert_eq!(decluster(&up, 0), up);
    }

    #[test]
    fn change_over_a_window_and_bottom_quantile() {
        let s = monthly(&[1.0, 1.0, 2.5, 2.0, 0.5]);
        // Two-month changes: month 2: +1.5, month 3: +1.0, month 4: −2.0.
        let up = rule_hits(
            &s,
            &Rule::ChangeOver {
                months: 2,
                threshold: 1.2,
            },
        );
        assert_eq!(up, vec![s[2].0]);
        let down = rule_hits(
            &s,
            &Rule::ChangeOver {
                months: 2,
                threshold: -1.0,
            },
        );
        assert_eq!(down, vec![s[4].0]);
        // Quantile 0.25 of {0.5, 1, 1, 2, 2.5} (type 7) = 1.0: only 0.5 is below.
        assert_eq!(rule_hits(&s, &Rule::BottomQuantile(0.25)), vec![s[4].0]);
    }

    #[test]
    fn returns_and_drawdowns_by_hand() {
        // Prices 100, 110, 88, 99, 121: from month 0, 3 months: 99/100 − 1 = −1%;
        // drawdown within [0, 3]: peak 110, trough 88 → 20%.
        let s = monthly(&[100.0, 110.0, 88.0, 99.0, 121.0]);
        let r = outcome(&s, s[0].0, 3, Measure::Return).unwrap();
        assert!((r + 0.01).abs() < 1e-12);
        let dd = outcome(&s, s[0].0, 3, Measure::Drawdown).unwrap();
        assert!((dd - 0.2).abs() < 1e-12);
        assert_eq!(outcome(&s, s[2].0, 3, Measure::Return), None); // past the data
    }

    #[test]
    fn study_statistics_on_a_hand_case() {
        // Outcome prices double at every event: events (value crossing 1) at months 2 and 6;
        // 1-month returns after them: 200/100 − 1 = +100% and 400/200 − 1 = +100%; all other
        // months are flat. Unconditional pool: 11 month-ends with a next month (months 0..=10):
        // two +100%, nine 0% → mean 2/11.
        let ev = monthly(&[0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
        let px = monthly(&[
            100.0, 100.0, 100.0, 200.0, 200.0, 200.0, 200.0, 400.0, 400.0, 400.0, 400.0, 400.0,
        ]);
        let spec = Spec {
            rule: Rule::CrossAbove(1.0),
            measure: Measure::Return,
            horizons: vec![1],
            gap_months: 1,
            reps: 2000,
            seed: 5,
        };
        let st = run(&ev, &px, &spec);
        assert_eq!(st.events, vec![ev[2].0, ev[6].0]);
        let h = &st.horizons[0];
        assert_eq!(h.mean, Some(1.0));
        assert_eq!(h.hit_rate, Some(1.0));
        assert_eq!(h.unconditional_count, 11);
        assert!((h.unconditional_mean.unwrap() - 2.0 / 11.0).abs() < 1e-12);
        assert!((h.unconditional_hit_rate.unwrap() - 2.0 / 11.0).abs() < 1e-12);
        assert_eq!(h.ci95, Some((1.0, 1.0)));
        // Two random month-ends both +100%: (2/11)² ≈ 0.033; the p-value is near that.
        let p = h.p_value.unwrap();
        assert!((p - (2.0f64 / 11.0).powi(2)).abs() < 0.015, "{p}");
        // Same seed, same answer.
        assert_eq!(run(&ev, &px, &spec), st);
    }
}
