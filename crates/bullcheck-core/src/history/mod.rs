//! The track record: the rating recomputed at every month-end from the observations dated on
//! or before it, and its skill as a warning signal beside three published comparators.
//!
//! - [`rate_month`] runs the audit exactly as `bullcheck audit` does ([`audit::run`]) as of a
//!   month-end, with an **empty** snapshot (a figure cited in 2026 must not leak into 1990).
//! - [`comparators`] ([`crate::scoring`]) reads, for the same month-ends, the NY Fed yield-curve probit (the
//!   probability of a recession twelve months ahead computed from the month's spread), the
//!   Chicago Fed NFCI and the St. Louis Fed financial stress index (their last weekly value
//!   of the month).
//! - [`build`] labels each month with the events ahead ([`events`]) and scores every signal
//!   ([`metrics`]) before 2000, from 2000 and over all months, beside the forecasts'
//!   out-of-sample record ([`crate::forecast`]). Events, comparators and metrics live in
//!   [`crate::scoring`], below both the track record and the forecasts.
//!
//! Nothing is tuned: the rating's weights are the fixed ones of `audit.rs` and every alarm
//! threshold is a published reading of its signal (see [`Signal::threshold_note`]).

pub mod headline;
pub mod render;
pub mod vintage;

use rayon::prelude::*;

use crate::audit::{self, Level};
use crate::checks::CheckDef;
use crate::checks::compute::nyfed_probability;
use crate::series::{Dataset, Date, Observation, Series};
use crate::snapshot::Snapshot;
use crate::vocab::Note;
use events::Events;
use metrics::SignalMonth;

pub use crate::scoring::{
    ComparatorValues, EventKind, NFCI_IDS, STLFSI_IDS, comparators, events, first_stored, metrics,
    nyfed_spread_source,
};
pub use crate::series::{month_end_of, month_index};

/// The month-ends from the month of `from` to the month of `to`, inclusive.
pub fn month_ends_between(from: Date, to: Date) -> Vec<Date> {
    (month_index(from)..=month_index(to))
        .map(month_end_of)
        .collect()
}

/// The rating at one month-end.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthRating {
    /// The month-end (the as-of date).
    pub month: Date,
    pub score: Option<f64>,
    pub level: Option<Level>,
    /// Module id and score, in report order (modules without checks are absent).
    pub modules: Vec<(String, Option<f64>)>,
    /// How many checks had data.
    pub checks_with_data: usize,
    /// The two gauges' scores (docs/rating.md §1b).
    pub vulnerability: Option<f64>,
    pub stress: Option<f64>,
}

/// The audit as of `month_end` on `data`, reduced to its scores. No snapshot figure is used.
pub fn rate_month(defs: &[CheckDef], data: &Dataset, month_end: Date) -> MonthRating {
    let result = audit::run(defs.to_vec(), data, &Snapshot::default(), month_end);
    MonthRating {
        month: month_end,
        score: result.score,
        level: result.level,
        modules: result
            .modules
            .iter()
            .map(|m| (m.id.clone(), m.score))
            .collect(),
        checks_with_data: result.modules.iter().map(|m| m.with_data).sum(),
        vulnerability: result.vulnerability.score,
        stress: result.stress.score,
    }
}

/// [`rate_month`] at every month-end of `months` (in parallel; the result is in the order of
/// `months` and does not depend on the thread count).
pub fn rate_months(defs: &[CheckDef], data: &Dataset, months: &[Date]) -> Vec<MonthRating> {
    months
        .par_iter()
        .map(|&m| rate_month(defs, data, m))
        .collect()
}

/// [`rate_months`] with point-in-time data: at each month-end, the series in `vintaged` (all
/// their stored rows, every vintage) are replaced in `latest` by their view as known on that
/// day ([`vintage::as_known`]); the other series are read in their latest vintage.
pub fn rate_months_with_vintages(
    defs: &[CheckDef],
    latest: &Dataset,
    vintaged: &[(String, Vec<Observation>)],
    months: &[Date],
) -> Vec<MonthRating> {
    months
        .par_iter()
        .map(|&month_end| {
            let mut known = latest.clone();
            for (id, rows) in vintaged {
                let meta = latest.get(id).map(|s| s.meta.clone()).unwrap_or_default();
                known.insert(Series::new(meta, vintage::as_known(rows, month_end)));
            }
            rate_month(defs, &known, month_end)
        })
        .collect()
}

/// The signals scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Rating,
    NyfedProbit,
    Nfci,
    Stlfsi,
}

impl Signal {
    pub const ALL: [Signal; 4] = [
        Signal::Rating,
        Signal::NyfedProbit,
        Signal::Nfci,
        Signal::Stlfsi,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Signal::Rating => "rating",
            Signal::NyfedProbit => "nyfed_probit",
            Signal::Nfci => "nfci",
            Signal::Stlfsi => "stlfsi",
        }
    }

    /// Whether `value` is at the signal's alarm level.
    pub fn alarm(self, value: f64) -> bool {
        match self {
            Signal::Rating => Level::from_score(value) >= Level::High,
            Signal::NyfedProbit => value >= nyfed_probability(0.0),
            Signal::Nfci | Signal::Stlfsi => value > 0.0,
        }
    }

    /// The alarm level and where it comes from.
    pub fn threshold_note(self) -> Note {
        match self {
            Signal::Rating => Note::new(
                "level high or above (score >= 60, docs/rating.md)",
                "等级为高或以上（分数 >= 60，docs/rating.md）",
            ),
            Signal::NyfedProbit => {
                let p = nyfed_probability(0.0);
                Note::new(
                    format!(
                        "probability >= {p:.1}% = Phi(-0.5333), i.e. a monthly 10y-3m spread at or \
                         below zero: the inverted curve of Estrella and Trubin (2006)"
                    ),
                    format!(
                        "概率 >= {p:.1}% = Phi(-0.5333)，即月度10年期-3个月期利差为零或负：\
                         Estrella 与 Trubin（2006）的收益率曲线倒挂"
                    ),
                )
            }
            Signal::Nfci => Note::new(
                "NFCI > 0: tighter than average financial conditions (Chicago Fed's reading)",
                "NFCI > 0：金融条件比平均水平更紧（芝加哥联储的解读）",
            ),
            Signal::Stlfsi => Note::new(
                "STLFSI > 0: above-average financial stress (St. Louis Fed's reading)",
                "STLFSI > 0：金融压力高于平均水平（圣路易斯联储的解读）",
            ),
        }
    }
}

/// The periods every metric is split into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Pre2000,
    Post2000,
    All,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Pre2000, Period::Post2000, Period::All];

    pub fn name(self) -> &'static str {
        match self {
            Period::Pre2000 => "pre2000",
            Period::Post2000 => "post2000",
            Period::All => "all",
        }
    }

    /// Whether month `index` belongs to the period (months before 2000-01 vs from 2000-01).
    pub fn contains(self, index: i32) -> bool {
        let split = 2000 * 12;
        match self {
            Period::Pre2000 => index < split,
            Period::Post2000 => index >= split,
            Period::All => true,
        }
    }
}

/// One row of the skill table.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillRow {
    pub signal: Signal,
    pub event: EventKind,
    pub period: Period,
    pub auroc: Option<f64>,
    /// Hits over scorable events.
    pub hit_rate: Option<f64>,
    pub hits: usize,
    pub false_alarm_rate: Option<f64>,
    pub median_lead_months: Option<f64>,
    /// Months with a signal value and a known label.
    pub n_months: usize,
    /// Of those, months with an event ahead.
    pub n_positive_months: usize,
    /// Of those, months at the alarm level.
    pub n_alarm_months: usize,
    /// Events (starting in the period) with at least one month of signal in the twelve
    /// months before their start.
    pub n_events: usize,
}

/// One month of the track record.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryMonth {
    pub rating: MonthRating,
    pub comparators: ComparatorValues,
    pub recession_12m: Option<bool>,
    pub drawdown20_12m: Option<bool>,
    /// The out-of-sample probability (0–1) that a recession starts within twelve months,
    /// made at this month-end (`crate::forecast`); `None` before the first fit.
    pub forecast_recession_12m: Option<f64>,
    /// The same for a 20% bear market.
    pub forecast_drawdown20_12m: Option<f64>,
}

impl HistoryMonth {
    pub fn signal(&self, signal: Signal) -> Option<f64> {
        match signal {
            Signal::Rating => self.rating.score,
            Signal::NyfedProbit => self.comparators.nyfed_probit,
            Signal::Nfci => self.comparators.nfci,
            Signal::Stlfsi => self.comparators.stlfsi,
        }
    }

    pub fn label(&self, event: EventKind) -> Option<bool> {
        match event {
            EventKind::Recession12m => self.recession_12m,
            EventKind::Drawdown20_12m => self.drawdown20_12m,
        }
    }
}

/// Where the comparators' data came from (`None` when not stored).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sources {
    pub nyfed_spread: Option<String>,
    pub nfci: Option<String>,
    pub stlfsi: Option<String>,
}

/// The whole track record.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub months: Vec<HistoryMonth>,
    pub recessions: Option<Events>,
    pub bear_markets: Option<Events>,
    pub sources: Sources,
    pub skill: Vec<SkillRow>,
    /// The forecasts' models and out-of-sample skill.
    pub forecasts: crate::forecast::Record,
}

impl History {
    pub fn events(&self, kind: EventKind) -> Option<&Events> {
        match kind {
            EventKind::Recession12m => self.recessions.as_ref(),
            EventKind::Drawdown20_12m => self.bear_markets.as_ref(),
        }
    }
}

/// Assembles the track record from the monthly ratings: comparators and events are read from
/// `data` (each comparator value from observations dated on or before its month-end; the
/// events from the whole series, since they are the outcomes to be predicted).
pub fn build(ratings: Vec<MonthRating>, data: &Dataset) -> History {
    let month_ends: Vec<Date> = ratings.iter().map(|r| r.month).collect();
    let values = comparators(data, &month_ends);
    let recessions = events::recessions(data);
    let bear_markets = events::bear_markets(data);
    let forecasts = month_ends
        .last()
        .map(|&last| crate::forecast::record(data, month_index(last)))
        .unwrap_or_default();
    let forecast_at = |event: EventKind, index: i32| {
        forecasts
            .get(event)
            .and_then(|f| f.path.get(&index).copied())
    };
    let months: Vec<HistoryMonth> = ratings
        .into_iter()
        .zip(values)
        .map(|(rating, comparators)| {
            let index = month_index(rating.month);
            HistoryMonth {
                recession_12m: recessions.as_ref().and_then(|e| events::label(e, index)),
                drawdown20_12m: bear_markets.as_ref().and_then(|e| events::label(e, index)),
                forecast_recession_12m: forecast_at(EventKind::Recession12m, index),
                forecast_drawdown20_12m: forecast_at(EventKind::Drawdown20_12m, index),
                rating,
                comparators,
            }
        })
        .collect();
    let mut history = History {
        months,
        recessions,
        bear_markets,
        sources: Sources {
            nyfed_spread: nyfed_spread_source(data),
            nfci: first_stored(data, &NFCI_IDS).map(|s| s.meta.id.clone()),
            stlfsi: first_stored(data, &STLFSI_IDS).map(|s| s.meta.id.clone()),
        },
        skill: Vec::new(),
        forecasts,
    };
    history.skill = skill_table(&history);
    history
}

/// Every (signal, event, period) row, in that nesting order.
pub fn skill_table(history: &History) -> Vec<SkillRow> {
    let mut rows = Vec::new();
    for signal in Signal::ALL {
        for event in EventKind::ALL {
            let all_months: Vec<SignalMonth> = history
                .months
                .iter()
                .map(|m| {
                    let value = m.signal(signal);
                    SignalMonth {
                        month: month_index(m.rating.month),
                        value,
                        alarm: value.is_some_and(|v| signal.alarm(v)),
                        label: m.label(event),
                    }
                })
                .collect();
            let starts: &[i32] = history.events(event).map_or(&[], |e| &e.starts);
            for period in Period::ALL {
                rows.push(skill_row(signal, event, period, &all_months, starts));
            }
        }
    }
    rows
}

fn skill_row(
    signal: Signal,
    event: EventKind,
    period: Period,
    all_months: &[SignalMonth],
    starts: &[i32],
) -> SkillRow {
    let scored: Vec<(f64, bool)> = all_months
        .iter()
        .filter(|m| period.contains(m.month))
        .filter_map(|m| Some((m.value?, m.label?)))
        .collect();
    let in_period: Vec<SignalMonth> = all_months
        .iter()
        .copied()
        .filter(|m| period.contains(m.month))
        .collect();
    let period_starts: Vec<i32> = starts
        .iter()
        .copied()
        .filter(|&s| period.contains(s))
        .collect();
    // An event's warning window may reach back across the split: it is scored on all months.
    let events = metrics::event_skill(all_months, &period_starts);
    SkillRow {
        signal,
        event,
        period,
        auroc: crate::stats::classify::auroc(&scored),
        hit_rate: (events.scorable > 0).then(|| events.hits as f64 / events.scorable as f64),
        hits: events.hits,
        false_alarm_rate: metrics::false_alarm_rate(&in_period),
        median_lead_months: crate::stats::quantile::median(
            &events
                .leads
                .iter()
                .map(|&l| f64::from(l))
                .collect::<Vec<_>>(),
        ),
        n_months: scored.len(),
        n_positive_months: scored.iter().filter(|s| s.1).count(),
        n_alarm_months: in_period
            .iter()
            .filter(|m| m.value.is_some() && m.alarm && m.label.is_some())
            .count(),
        n_events: events.scorable,
    }
}

/// The first and last month-ends at which any stored series has an observation, ignoring
/// the event series (they are outcomes, not inputs).
pub fn data_span(data: &Dataset) -> Option<(Date, Date)> {
    let inputs = data
        .series
        .values()
        .filter(|s| !["USREC", "NBER_REC", "NBER_PEAKS"].contains(&s.meta.id.as_str()));
    let mut span: Option<(Date, Date)> = None;
    for series in inputs {
        let (Some(first), Some(last)) = (series.first(), series.last()) else {
            continue;
        };
        span = Some(match span {
            None => (first.0, last.0),
            Some((a, b)) => (a.min(first.0), b.max(last.0)),
        });
    }
    span.map(|(a, b)| (a.last_of_month(), b.last_of_month()))
}

/// The first and last months that have a rating (to trim empty months at either end when
/// the user gave no range).
pub fn rated_span(months: &[MonthRating]) -> Option<(Date, Date)> {
    let first = months.iter().find(|m| m.score.is_some())?.month;
    let last = months.iter().rev().find(|m| m.score.is_some())?.month;
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::SeriesMeta;
    use jiff::civil::date;

    fn series(id: &str, points: Vec<(Date, f64)>) -> Series {
        Series::new(
            SeriesMeta {
                id: id.to_string(),
                ..Default::default()
            },
            points,
        )
    }

    #[test]
    fn month_indexes_round_trip() {
        let d = date(1999, 12, 15);
        assert_eq!(month_index(d), 1999 * 12 + 11);
        assert_eq!(month_end_of(month_index(d) + 1), date(2000, 1, 31));
        assert_eq!(
            month_end_of(month_index(date(2024, 2, 1))),
            date(2024, 2, 29)
        );
        assert_eq!(
            month_ends_between(date(1999, 11, 3), date(2000, 2, 1)),
            vec![
                date(1999, 11, 30),
                date(1999, 12, 31),
                date(2000, 1, 31),
                date(2000, 2, 29)
            ]
        );
    }

    #[test]
    fn periods_split_at_january_2000() {
        assert!(Period::Pre2000.contains(month_index(date(1999, 12, 31))));
        assert!(Period::Post2000.contains(month_index(date(2000, 1, 31))));
        assert!(!Period::Pre2000.contains(month_index(date(2000, 1, 31))));
    }

    /// Oracle: the probit at S = 0 is Φ(−0.5333) = 29.69% (docs/methods.md §B1); the
    /// forecast made in 2000-01 from January's spread is the probability dated 2001-01.
    #[test]
    fn the_probit_forecast_uses_the_months_own_spread() {
        let mut data = Dataset::default();
        data.insert(series(
            "NYFED_SPREAD",
            vec![(date(1999, 12, 31), 1.0), (date(2000, 1, 31), 0.0)],
        ));
        let values = comparators(&data, &[date(1999, 12, 31), date(2000, 1, 31)]);
        assert!((values[0].nyfed_probit.unwrap() - 12.17).abs() < 0.01);
        assert!((values[1].nyfed_probit.unwrap() - 29.69).abs() < 0.01);
        assert!(Signal::NyfedProbit.alarm(values[1].nyfed_probit.unwrap()));
        assert!(!Signal::NyfedProbit.alarm(values[0].nyfed_probit.unwrap()));
    }

    #[test]
    fn weekly_comparators_take_the_last_value_of_the_month_only() {
        let mut data = Dataset::default();
        data.insert(series(
            "NFCI",
            vec![(date(2008, 9, 26), 1.5), (date(2008, 10, 3), 2.0)],
        ));
        let values = comparators(
            &data,
            &[date(2008, 9, 30), date(2008, 10, 31), date(2008, 12, 31)],
        );
        assert_eq!(values[0].nfci, Some(1.5));
        assert_eq!(values[1].nfci, Some(2.0));
        // No observation in December: missing, not carried forward.
        assert_eq!(values[2].nfci, None);
        assert_eq!(values[0].stlfsi, None);
    }

    #[test]
    fn rating_alarm_is_level_high() {
        assert!(!Signal::Rating.alarm(59.9));
        assert!(Signal::Rating.alarm(60.0));
    }

    /// A synthetic record: NFCI is 1 in the twelve months before a recession starting
    /// 1991-01 and -1 otherwise; the NFCI must rank perfectly, hit the event with a lead of
    /// 12 months and raise no false alarm.
    #[test]
    fn a_perfect_signal_scores_perfectly() {
        let start = month_index(date(1991, 1, 1));
        let months: Vec<Date> = (start - 36..start + 24).map(month_end_of).collect();
        let mut data = Dataset::default();
        data.insert(series(
            "USREC",
            months
                .iter()
                .map(|&d| {
                    (
                        d.first_of_month(),
                        f64::from(u8::from(month_index(d) >= start)),
                    )
                })
                .collect(),
        ));
        data.insert(series(
            "NFCI",
            months
                .iter()
                .map(|&d| {
                    let ahead = (start - 12..start).contains(&month_index(d));
                    (d, if ahead { 1.0 } else { -1.0 })
                })
                .collect(),
        ));
        let ratings: Vec<MonthRating> = months
            .iter()
            .map(|&month| MonthRating {
                month,
                score: None,
                level: None,
                modules: Vec::new(),
                checks_with_data: 0,
                vulnerability: None,
                stress: None,
            })
            .collect();
        let history = build(ratings, &data);
        let row = history
            .skill
            .iter()
            .find(|r| {
                r.signal == Signal::Nfci
                    && r.event == EventKind::Recession12m
                    && r.period == Period::All
            })
            .unwrap();
        assert_eq!(row.auroc, Some(1.0));
        assert_eq!(row.hit_rate, Some(1.0));
        assert_eq!(row.median_lead_months, Some(12.0));
        assert_eq!(row.false_alarm_rate, Some(0.0));
        assert_eq!(row.n_events, 1);
        // Labels exist only where USREC reaches twelve months ahead: 60 − 12 months.
        assert_eq!(row.n_months, 48);
        let rating = history
            .skill
            .iter()
            .find(|r| r.signal == Signal::Rating && r.period == Period::All)
            .unwrap();
        assert_eq!(
            (rating.auroc, rating.n_months, rating.n_events),
            (None, 0, 0)
        );
    }
}
