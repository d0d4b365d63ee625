//! Which forecast the headline shows (docs/rating.md §8b, frozen before the results): the
//! simplest candidate, the term spread alone, unless the richer pre-registered model's
//! out-of-sample Brier score is lower with a 95% block-bootstrap interval of the difference
//! entirely below zero; a specification whose inputs stopped gives way to the term spread
//! alone; a forecast whose twelve-month window has closed is shown as expired.
//!
//! Limits: the comparison rests on four recessions and six bear markets from 1990; the
//! interval treats blocks of 24 months as independent.

use std::collections::BTreeMap;

use super::{DRAWDOWN, RECESSION, Spec, expanding, skill as skill_of};
use crate::audit::ForecastSummary;
use crate::scoring::events::{self, Events};
use crate::scoring::skill::{BOOTSTRAP_REPS, BOOTSTRAP_SEED};
use crate::scoring::{EventKind, metrics};
use crate::series::{Dataset, Date, month_end_of, month_index};
use crate::stats::bootstrap::block_bootstrap;
use crate::stats::quantile::percentile_interval;
use crate::vocab::Note;

use super::Feature;

/// The simplest candidate for recessions: the term spread alone.
pub const TERM_SPREAD_RECESSION: Spec = Spec {
    event: EventKind::Recession12m,
    features: &[Feature::TermSpread],
};

/// The simplest candidate for bear markets: the term spread alone.
pub const TERM_SPREAD_DRAWDOWN: Spec = Spec {
    event: EventKind::Drawdown20_12m,
    features: &[Feature::TermSpread],
};

/// The two candidates for an event: (simplest, richer).
pub fn candidates(event: EventKind) -> (Spec, Spec) {
    match event {
        EventKind::Recession12m => (TERM_SPREAD_RECESSION, RECESSION),
        EventKind::Drawdown20_12m => (TERM_SPREAD_DRAWDOWN, DRAWDOWN),
    }
}

/// The outcome of the parsimony rule on identical months.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub chosen: Spec,
    /// Months from 1990 where both candidates have a forecast and a label known by the as-of.
    pub months: usize,
    /// Mean Brier score of the richer minus the simpler candidate, and its 95% interval.
    pub brier_difference: Option<f64>,
    pub interval: Option<(f64, f64)>,
}

/// Months from 1990 whose 12-month window closed by `until` and whose label is known.
fn scored_months(events: &Events, until: i32) -> impl Fn(i32) -> Option<bool> + '_ {
    move |m| {
        (m >= super::eval_from() && m + metrics::WARNING_WINDOW <= until)
            .then(|| events::label(events, m))
            .flatten()
    }
}

/// Applies the rule to the candidates' out-of-sample paths.
pub fn choose(
    simple: (&Spec, &BTreeMap<i32, f64>),
    rich: (&Spec, &BTreeMap<i32, f64>),
    events: &Events,
    until: i32,
) -> Choice {
    let label = scored_months(events, until);
    let diffs: Vec<f64> = simple
        .1
        .iter()
        .filter_map(|(&m, &p_simple)| {
            let p_rich = *rich.1.get(&m)?;
            let y = f64::from(u8::from(label(m)?));
            Some((p_rich - y).powi(2) - (p_simple - y).powi(2))
        })
        .collect();
    let mean = |idx: &[usize]| -> Option<f64> {
        (!idx.is_empty()).then(|| idx.iter().map(|&i| diffs[i]).sum::<f64>() / idx.len() as f64)
    };
    let all: Vec<usize> = (0..diffs.len()).collect();
    let difference = mean(&all);
    let (resampled, _) = block_bootstrap(
        diffs.len(),
        2 * metrics::WARNING_WINDOW as usize,
        BOOTSTRAP_REPS,
        BOOTSTRAP_SEED,
        mean,
    );
    let interval = difference.and_then(|_| percentile_interval(resampled));
    let rich_wins = interval.is_some_and(|(_, hi)| hi < 0.0);
    Choice {
        chosen: if rich_wins { *rich.0 } else { *simple.0 },
        months: diffs.len(),
        brier_difference: difference,
        interval,
    }
}

/// The AUROC's 95% block-bootstrap interval of `pairs` (in time order).
pub fn auroc_interval(pairs: &[(f64, bool)]) -> Option<(f64, f64)> {
    let (resampled, _) = block_bootstrap(
        pairs.len(),
        2 * metrics::WARNING_WINDOW as usize,
        BOOTSTRAP_REPS,
        BOOTSTRAP_SEED,
        |idx| crate::stats::classify::auroc(&idx.iter().map(|&i| pairs[i]).collect::<Vec<_>>()),
    );
    crate::stats::classify::auroc(pairs).and_then(|_| percentile_interval(resampled))
}

/// The summary the audit shows for `event` as of `as_of` (docs/rating.md §8b).
pub fn summary(data: &Dataset, kind: EventKind, as_of: Date) -> Option<ForecastSummary> {
    let until = month_index(as_of);
    let events = match kind {
        EventKind::Recession12m => events::recessions(data)?,
        EventKind::Drawdown20_12m => events::bear_markets(data)?,
    };
    let (simple, rich) = candidates(kind);
    let simple_path = expanding(data, &simple, &events, until);
    let rich_path = expanding(data, &rich, &events, until);
    let choice = choose((&simple, &simple_path), (&rich, &rich_path), &events, until);
    let last = |p: &BTreeMap<i32, f64>| p.keys().next_back().copied();
    let mut chosen = choice.chosen;
    let mut fallback = None;
    if chosen == rich && last(&rich_path) < last(&simple_path) {
        fallback = Some(stopped_note(&rich, last(&rich_path)));
        chosen = simple;
    }
    let path = if chosen == rich {
        &rich_path
    } else {
        &simple_path
    };
    if path.is_empty() {
        return None;
    }
    let label = scored_months(&events, until);
    let pairs: Vec<(f64, bool)> = path
        .iter()
        .filter_map(|(&m, &p)| Some((p, label(m)?)))
        .collect();
    let skill = skill_of(&pairs);
    let mut limit = until;
    if as_of != as_of.last_of_month() {
        limit -= 1;
    }
    let latest = path.range(..=limit).next_back().map(|(&m, &p)| (m, p));
    let current = latest.is_some_and(|(m, _)| until <= m + metrics::WARNING_WINDOW);
    let outcome = latest
        .filter(|_| !current)
        .and_then(|(m, _)| events::label(&events, m));
    Some(ForecastSummary {
        event: kind.name().to_string(),
        probability: latest.map(|l| l.1),
        as_of: latest.map(|l| month_end_of(l.0)),
        model: chosen.name(),
        inputs: features_text(&chosen),
        auroc: skill.auroc,
        auroc_ci: auroc_interval(&pairs),
        brier: skill.brier,
        brier_base_rate: skill.brier_base_rate,
        n_months: skill.n_months,
        current,
        outcome,
        choice: choice_note(&choice, &simple, &rich),
        fallback,
    })
}

pub fn features_text(spec: &Spec) -> String {
    spec.features
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(" + ")
}

fn stopped_note(rich: &Spec, last: Option<i32>) -> Note {
    let month = last.map_or("—".to_string(), |m| {
        month_end_of(m).strftime("%Y-%m").to_string()
    });
    let inputs = features_text(rich);
    Note::new(
        format!("{inputs}: inputs stop at {month}; the term spread alone is used"),
        format!("{inputs}：输入数据止于 {month}，改用仅期限利差的模型"),
    )
}

fn choice_note(choice: &Choice, simple: &Spec, rich: &Spec) -> Note {
    let (s, r) = (features_text(simple), features_text(rich));
    let diff = choice
        .brier_difference
        .map_or("—".to_string(), |d| format!("{d:+.4}"));
    let ci = choice.interval.map_or("—".to_string(), |(lo, hi)| {
        format!("{lo:+.4} to {hi:+.4}")
    });
    let ci_zh = choice.interval.map_or("—".to_string(), |(lo, hi)| {
        format!("{lo:+.4} 至 {hi:+.4}")
    });
    let chosen = features_text(&choice.chosen);
    Note::new(
        format!(
            "parsimony rule (docs/rating.md §8b): {chosen} chosen; Brier {r} minus {s} {diff} \
             (95% CI {ci}, {} months from 1990)",
            choice.months
        ),
        format!(
            "简约规则（docs/rating.md §8b）：选用 {chosen}；Brier 分数 {r} 减 {s} 为 {diff}\
             （95% 置信区间 {ci_zh}，1990年起 {} 个月）",
            choice.months
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::events::Events;

    fn events() -> Events {
        Events {
            source: "t".to_string(),
            starts: vec![
                super::super::eval_from() + 60,
                super::super::eval_from() + 200,
            ],
            shown: vec![0, 0],
            known_from: 0,
            known_until: Some(super::super::eval_from() + 400),
        }
    }

    fn put(data: &mut Dataset, id: &str, points: Vec<(Date, f64)>) {
        data.insert(crate::series::Series::new(
            crate::series::SeriesMeta {
                id: id.to_string(),
                ..Default::default()
            },
            points,
        ));
    }

    /// 1960–2020: recessions every eight years; the EBP jumps in the year before each start,
    /// the term spread is unrelated noise. `ebp_until` cuts the EBP.
    fn ebp_world(ebp_until: Date) -> Dataset {
        let first = month_index(jiff::civil::date(1960, 1, 1));
        let last = month_index(jiff::civil::date(2020, 12, 1));
        let starts: Vec<i32> = (0..8).map(|k| first + 60 + 96 * k).collect();
        let ahead = |m: i32| starts.iter().any(|&s| m < s && m >= s - 12);
        let inside = |m: i32| starts.iter().any(|&s| m >= s && m < s + 10);
        let (mut spread, mut ebp, mut usrec) = (Vec::new(), Vec::new(), Vec::new());
        for m in first..=last {
            let d = month_end_of(m).first_of_month();
            spread.push((month_end_of(m), 1.0 + f64::from((m * 7919) % 13) / 13.0));
            if d <= ebp_until {
                ebp.push((d, if ahead(m) { 2.0 } else { 0.0 }));
            }
            usrec.push((d, if inside(m) { 1.0 } else { 0.0 }));
        }
        let mut data = Dataset::default();
        put(&mut data, "NYFED_SPREAD", spread);
        put(&mut data, "GZ_EBP", ebp);
        put(&mut data, "USREC", usrec);
        data
    }

    /// A richer model that clearly wins is chosen; when its input stops, the term spread alone
    /// takes over and the output says why; a forecast past its window is expired.
    #[test]
    fn stopped_inputs_fall_back_and_old_forecasts_expire() {
        let as_of = jiff::civil::date(2020, 12, 31);
        let full = summary(
            &ebp_world(jiff::civil::date(2021, 1, 1)),
            EventKind::Recession12m,
            as_of,
        )
        .unwrap();
        assert_eq!(full.model, RECESSION.name(), "{}", full.choice.en);
        assert!(full.fallback.is_none() && full.current);
        let cut = summary(
            &ebp_world(jiff::civil::date(2015, 6, 1)),
            EventKind::Recession12m,
            as_of,
        )
        .unwrap();
        assert_eq!(cut.model, TERM_SPREAD_RECESSION.name());
        assert_eq!(cut.as_of, Some(as_of));
        assert!(cut.fallback.unwrap().en.contains("inputs stop at 2015-06"));
        let later = summary(
            &ebp_world(jiff::civil::date(2021, 1, 1)),
            EventKind::Recession12m,
            jiff::civil::date(2022, 6, 30),
        )
        .unwrap();
        assert!(!later.current, "made 2020-12, window closed 2021-12");
        assert_eq!(later.as_of, Some(as_of));
    }

    /// Identical candidates: the difference is 0 and the simpler one is kept.
    #[test]
    fn ties_keep_the_simpler_model() {
        let e = events();
        let path: BTreeMap<i32, f64> = (super::super::eval_from()..super::super::eval_from() + 380)
            .map(|m| (m, 0.1 + 0.001 * f64::from(m % 7)))
            .collect();
        let c = choose(
            (&TERM_SPREAD_RECESSION, &path),
            (&RECESSION, &path),
            &e,
            super::super::eval_from() + 400,
        );
        assert_eq!(c.chosen, TERM_SPREAD_RECESSION);
        assert_eq!(c.brier_difference, Some(0.0));
    }

    /// A richer model that is right on every month and a simpler one that always says 50%:
    /// the difference is −0.25 on every month, so its interval is below zero and the richer
    /// model is chosen.
    #[test]
    fn a_clearly_better_richer_model_is_chosen() {
        let e = events();
        let from = super::super::eval_from();
        let simple: BTreeMap<i32, f64> = (from..from + 380).map(|m| (m, 0.5)).collect();
        let rich: BTreeMap<i32, f64> = (from..from + 380)
            .map(|m| {
                let y = events::label(&e, m).unwrap();
                (m, if y { 1.0 } else { 0.0 })
            })
            .collect();
        let c = choose(
            (&TERM_SPREAD_RECESSION, &simple),
            (&RECESSION, &rich),
            &e,
            from + 400,
        );
        assert_eq!(c.chosen, RECESSION);
        assert_eq!(c.brier_difference, Some(-0.25));
        assert_eq!(c.interval, Some((-0.25, -0.25)));
    }
}
