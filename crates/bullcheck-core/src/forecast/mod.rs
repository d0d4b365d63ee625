//! Twelve-month event probabilities: an NBER recession starts, or an S&P 500 bear market
//! (a 20% fall) starts, within the next twelve months.
//!
//! - What: a ridge logit ([`crate::stats::logit`]) of the event label on a few stored monthly signals
//!   ([`features`]), one specification per event, fixed on economic grounds before any
//!   result was seen (docs/rating.md §7): recessions from the term spread and the excess bond
//!   premium (the two inputs of the Fed's own EBP recession model, Favara et al. 2016, less
//!   its real funds rate); bear markets from the excess bond premium (credit risk appetite,
//!   Gilchrist and Zakrajšek 2012), the term spread and valuation (log CAPE against its
//!   ten-year mean).
//! - How: point in time on an expanding window. The forecast for month t is fitted on every
//!   month s ≤ t − 12 whose twelve-month window had closed by t, labelled only with the
//!   events the data had shown by t (a bear market is shown when the index first closes 20%
//!   below its peak), with features dated on or before each month; it then predicts from
//!   month t's features. No forecast before 120 training months and two events.
//! - Skill ([`Skill`]): out of sample, on months from 1990-01 (none of which any fit before
//!   them could see), AUROC, Brier score against the base rate's, a reliability table by
//!   deciles, and comparators on the same months.
//! - Limits: data are revised (not vintages); one event every 7–10 years means a few events
//!   in each fit; overlapping labels make months dependent; the EBP file ends when its copy
//!   ends (2023-03 in the public data set (`docs/data.md`)), and no forecast is made for months after its
//!   inputs end.

pub mod choice;
pub mod compare;
pub mod features;
pub mod json;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::scoring::events::{self, Events};
use crate::scoring::{EventKind, comparators, metrics};
use crate::series::{Dataset, Date};
use crate::series::{month_end_of, month_index};
pub use features::Feature;

/// A model specification.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    pub event: EventKind,
    pub features: &'static [Feature],
}

impl Spec {
    /// `logit(term_spread, ebp; ridge 1)`.
    pub fn name(&self) -> String {
        let names: Vec<&str> = self.features.iter().map(|f| f.name()).collect();
        format!("ridge logit({}; lambda {LAMBDA})", names.join(", "))
    }
}

/// The recession model (chosen on economic grounds).
pub const RECESSION: Spec = Spec {
    event: EventKind::Recession12m,
    features: &[Feature::TermSpread, Feature::Ebp],
};

/// The bear-market model (chosen on economic grounds).
pub const DRAWDOWN: Spec = Spec {
    event: EventKind::Drawdown20_12m,
    features: &[Feature::Ebp, Feature::TermSpread, Feature::CapeGap],
};

/// Other specifications run for the record (reported, never chosen from).
pub const ALTERNATIVES: [Spec; 8] = [
    Spec {
        event: EventKind::Recession12m,
        features: &[Feature::TermSpread],
    },
    Spec {
        event: EventKind::Recession12m,
        features: &[Feature::TermSpread, Feature::GzSpread],
    },
    Spec {
        event: EventKind::Recession12m,
        features: &[Feature::TermSpread, Feature::Ebp, Feature::Nfci],
    },
    Spec {
        event: EventKind::Recession12m,
        features: &[Feature::TermSpread, Feature::Ebp, Feature::Sahm],
    },
    Spec {
        event: EventKind::Drawdown20_12m,
        features: &[Feature::Ebp],
    },
    Spec {
        event: EventKind::Drawdown20_12m,
        features: &[Feature::TermSpread, Feature::Ebp],
    },
    Spec {
        event: EventKind::Drawdown20_12m,
        features: &[
            Feature::Ebp,
            Feature::TermSpread,
            Feature::CapeGap,
            Feature::Nfci,
        ],
    },
    Spec {
        event: EventKind::Drawdown20_12m,
        features: &[Feature::CapeGap],
    },
];

/// The ridge penalty on standardised slopes (fixed a priori: a mild shrinkage).
pub const LAMBDA: f64 = 1.0;
/// The smallest training sample (months) for a fit.
pub const MIN_TRAIN_MONTHS: usize = 120;
/// The fewest events the training labels must contain.
pub const MIN_TRAIN_EVENTS: usize = 2;
/// The first month of the out-of-sample evaluation.
pub const EVAL_FROM: (i16, i8) = (1990, 1);

/// The first evaluation month's index.
pub fn eval_from() -> i32 {
    i32::from(EVAL_FROM.0) * 12 + i32::from(EVAL_FROM.1) - 1
}

/// Every stored series the forecasts and their comparators may read.
pub fn series_read() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = [
        Feature::TermSpread,
        Feature::Ebp,
        Feature::GzSpread,
        Feature::Nfci,
        Feature::Sahm,
        Feature::Vix,
        Feature::CapeGap,
    ]
    .iter()
    .flat_map(|f| f.series().iter().copied())
    .collect();
    ids.extend([
        "USREC",
        "NBER_REC",
        "NBER_PEAKS",
        "SP500_LONG",
        "SP500",
        "GZ_EST_PROB",
        "STLFSI4",
        "STLFSI3",
        "STLFSI2",
    ]);
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The out-of-sample probabilities of `spec` at every month from the first with features to
/// `until` (a month index), keyed by month index. Each value uses only features dated by
/// its month and labels known by then ([`events::label_known_at`]).
pub fn expanding(data: &Dataset, spec: &Spec, events: &Events, until: i32) -> BTreeMap<i32, f64> {
    let table = features::table(data, spec.features);
    let rows: Vec<(i32, &Vec<f64>)> = table
        .iter()
        .filter(|(m, _)| **m <= until)
        .map(|(m, r)| (*m, r))
        .collect();
    rows.par_iter()
        .filter_map(|&(t, x_t)| {
            let mut xs = Vec::new();
            let mut ys = Vec::new();
            let mut first = None;
            for &(s, x) in rows
                .iter()
                .take_while(|(s, _)| *s + metrics::WARNING_WINDOW <= t)
            {
                if let Some(y) = events::label_known_at(events, s, t) {
                    first.get_or_insert(s);
                    xs.push(x.clone());
                    ys.push(y);
                }
            }
            let first = first?;
            let last = t - metrics::WARNING_WINDOW;
            let n_events = events
                .starts
                .iter()
                .zip(&events.shown)
                .filter(|&(&s, &shown)| {
                    shown <= t && s > first && s <= last + metrics::WARNING_WINDOW
                })
                .count();
            if xs.len() < MIN_TRAIN_MONTHS || n_events < MIN_TRAIN_EVENTS {
                return None;
            }
            let model = crate::stats::logit::fit(&xs, &ys, LAMBDA)?;
            Some((t, model.predict(x_t)))
        })
        .collect()
}

/// One decile of the reliability table.
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    /// The bin covers forecasts in `[lower, upper)` (the last bin includes 1).
    pub lower: f64,
    pub upper: f64,
    pub n: usize,
    pub mean_forecast: Option<f64>,
    /// The share of the bin's months followed by the event.
    pub observed: Option<f64>,
}

/// Skill of probabilities against outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Skill {
    pub n_months: usize,
    pub n_positive: usize,
    pub auroc: Option<f64>,
    /// Mean squared error of the probability.
    pub brier: Option<f64>,
    /// The Brier score of always forecasting the period's own event frequency p̄:
    /// p̄ (1 − p̄). A forecast with skill scores below it.
    pub brier_base_rate: Option<f64>,
    pub reliability: Vec<Bin>,
}

/// The skill of `(probability, outcome)` pairs.
pub fn skill(pairs: &[(f64, bool)]) -> Skill {
    let n = pairs.len();
    let positives = pairs.iter().filter(|p| p.1).count();
    let brier = (n > 0).then(|| {
        pairs
            .iter()
            .map(|&(p, y)| (p - f64::from(u8::from(y))).powi(2))
            .sum::<f64>()
            / n as f64
    });
    let rate = positives as f64 / n.max(1) as f64;
    let reliability = (0..10)
        .map(|i| {
            let lower = f64::from(i) / 10.0;
            let upper = f64::from(i + 1) / 10.0;
            let inside: Vec<&(f64, bool)> = pairs
                .iter()
                .filter(|(p, _)| *p >= lower && (*p < upper || (i == 9 && *p <= 1.0)))
                .collect();
            let k = inside.len();
            Bin {
                lower,
                upper,
                n: k,
                mean_forecast: (k > 0).then(|| inside.iter().map(|p| p.0).sum::<f64>() / k as f64),
                observed: (k > 0).then(|| inside.iter().filter(|p| p.1).count() as f64 / k as f64),
            }
        })
        .collect();
    Skill {
        n_months: n,
        n_positive: positives,
        auroc: crate::stats::classify::auroc(pairs),
        brier,
        brier_base_rate: (n > 0).then_some(rate * (1.0 - rate)),
        reliability,
    }
}

/// A comparator scored on the months where it, the model and the label all exist.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// `nyfed_probit`, `fed_ebp_prob` (`GZ_EST_PROB`), `nfci`, `stlfsi`.
    pub signal: &'static str,
    pub n_months: usize,
    pub auroc: Option<f64>,
    /// Only for signals that are probabilities.
    pub brier: Option<f64>,
    /// The model on the same months.
    pub model_auroc: Option<f64>,
    pub model_brier: Option<f64>,
}

/// Everything about one event's forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct EventForecast {
    pub spec: Spec,
    /// Out-of-sample probability by month index.
    pub path: BTreeMap<i32, f64>,
    /// Skill on months from 1990-01 and on months before 1990 (with a forecast).
    pub from_1990: Skill,
    pub before_1990: Skill,
    pub comparisons: Vec<Comparison>,
    /// The alternatives' skill from 1990 (name, skill), for the record.
    pub alternatives: Vec<(String, Skill)>,
    /// The referee's comparison on identical months ([`compare::matched`]; with the
    /// alternatives only).
    pub matched: Vec<compare::MatchedRow>,
}

impl EventForecast {
    /// The latest forecast made at a month-end on or before `as_of`.
    pub fn latest(&self, as_of: Date) -> Option<(Date, f64)> {
        let mut limit = month_index(as_of);
        if as_of != as_of.last_of_month() {
            limit -= 1;
        }
        self.path
            .range(..=limit)
            .next_back()
            .map(|(&m, &p)| (month_end_of(m), p))
    }
}

/// Both events' forecasts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub recession: Option<EventForecast>,
    pub drawdown: Option<EventForecast>,
}

impl Record {
    pub fn get(&self, event: EventKind) -> Option<&EventForecast> {
        match event {
            EventKind::Recession12m => self.recession.as_ref(),
            EventKind::Drawdown20_12m => self.drawdown.as_ref(),
        }
    }
}

fn pairs_in(
    path: &BTreeMap<i32, f64>,
    events: &Events,
    keep: impl Fn(i32) -> bool,
) -> Vec<(f64, bool)> {
    path.iter()
        .filter(|(m, _)| keep(**m))
        .filter_map(|(&m, &p)| Some((p, events::label(events, m)?)))
        .collect()
}

/// Fits and scores both forecasts on months up to `until` (a month index), with the
/// alternatives' skill for the record.
pub fn record(data: &Dataset, until: i32) -> Record {
    record_with(data, until, true)
}

/// The summaries the audit shows: each event's latest forecast made at a month-end on or
/// before `as_of` by the model the parsimony rule picks ([`choice::summary`], docs/rating.md
/// §8b), with its skill from 1990; an event without a fit is listed without a probability.
pub fn summaries(data: &Dataset, as_of: Date) -> Vec<crate::audit::ForecastSummary> {
    EventKind::ALL
        .iter()
        .map(|&kind| {
            choice::summary(data, kind, as_of).unwrap_or_else(|| crate::audit::ForecastSummary {
                event: kind.name().to_string(),
                probability: None,
                as_of: None,
                model: choice::candidates(kind).0.name(),
                inputs: choice::features_text(&choice::candidates(kind).0),
                auroc: None,
                auroc_ci: None,
                brier: None,
                brier_base_rate: None,
                n_months: 0,
                current: false,
                outcome: None,
                choice: crate::vocab::Note::new(
                    "no fit: the inputs or the events are not stored, or fewer than 120 \
                         training months and 2 events",
                    "无法拟合：输入或事件数据未存储，或训练样本不足120个月、2次事件",
                ),
                fallback: None,
            })
        })
        .collect()
}

fn record_with(data: &Dataset, until: i32, with_alternatives: bool) -> Record {
    let recessions = events::recessions(data);
    let bears = events::bear_markets(data);
    let comparator_months = comparator_values(data, until);
    let one = |spec: &Spec, events: &Option<Events>| -> Option<EventForecast> {
        let events = events.as_ref()?;
        let path = expanding(data, spec, events, until);
        if path.is_empty() {
            return None;
        }
        let split = eval_from();
        let from_1990 = skill(&pairs_in(&path, events, |m| m >= split));
        let before_1990 = skill(&pairs_in(&path, events, |m| m < split));
        let comparisons = COMPARATORS
            .iter()
            .map(|&(signal, probability)| {
                let mut model = Vec::new();
                let mut other = Vec::new();
                for (&m, &p) in path.range(split..) {
                    let (Some(y), Some(v)) = (
                        events::label(events, m),
                        comparator_months.get(&m).and_then(|c| c.get(signal)),
                    ) else {
                        continue;
                    };
                    model.push((p, y));
                    other.push((*v, y));
                }
                let (ms, os) = (skill(&model), skill(&other));
                Comparison {
                    signal,
                    n_months: model.len(),
                    auroc: os.auroc,
                    brier: if probability { os.brier } else { None },
                    model_auroc: ms.auroc,
                    model_brier: ms.brier,
                }
            })
            .collect();
        let alternatives = ALTERNATIVES
            .iter()
            .filter(|a| with_alternatives && a.event == spec.event)
            .map(|a| {
                let alt = expanding(data, a, events, until);
                (a.name(), skill(&pairs_in(&alt, events, |m| m >= split)))
            })
            .collect();
        let matched = if with_alternatives {
            compare::matched(data, spec.event, until)
        } else {
            Vec::new()
        };
        Some(EventForecast {
            spec: *spec,
            path,
            from_1990,
            before_1990,
            comparisons,
            alternatives,
            matched,
        })
    };
    Record {
        recession: one(&RECESSION, &recessions),
        drawdown: one(&DRAWDOWN, &bears),
    }
}

/// The comparators and whether each is a probability (0–1) that a Brier score applies to.
pub const COMPARATORS: [(&str, bool); 4] = [
    ("nyfed_probit", true),
    ("fed_ebp_prob", true),
    ("nfci", false),
    ("stlfsi", false),
];

/// The comparators' values by month index (probabilities as fractions).
pub(crate) fn comparator_values(
    data: &Dataset,
    until: i32,
) -> BTreeMap<i32, BTreeMap<&'static str, f64>> {
    let est: BTreeMap<i32, f64> = data
        .get("GZ_EST_PROB")
        .map(|s| s.points.iter().map(|&(d, v)| (month_index(d), v)).collect())
        .unwrap_or_default();
    let first = data
        .series
        .values()
        .filter_map(|s| s.first())
        .map(|p| month_index(p.0))
        .min()
        .unwrap_or(until)
        .max(eval_from());
    let months: Vec<Date> = (first..=until).map(month_end_of).collect();
    let values = comparators(data, &months);
    months
        .iter()
        .zip(values)
        .map(|(d, c)| {
            let m = month_index(*d);
            let mut row = BTreeMap::new();
            if let Some(v) = c.nyfed_probit {
                row.insert("nyfed_probit", v / 100.0);
            }
            if let Some(&v) = est.get(&m) {
                row.insert("fed_ebp_prob", v);
            }
            if let Some(v) = c.nfci {
                row.insert("nfci", v);
            }
            if let Some(v) = c.stlfsi {
                row.insert("stlfsi", v);
            }
            (m, row)
        })
        .collect()
}

#[cfg(test)]
mod tests;
