//! What warning signals are scored against, shared by the track record ([`crate::history`])
//! and the forecasts ([`crate::forecast`]), below both:
//!
//! - [`EventKind`] and [`events`]: the events to warn of (recession and bear-market starts
//!   within twelve months), read from stored series;
//! - [`comparators`]: the published signals beside the rating (NY Fed yield-curve probit,
//!   Chicago Fed NFCI, St. Louis Fed stress index) at each month-end, from observations dated
//!   on or before it;
//! - [`metrics`]: skill against a monthly label (AUROC, hit rate, false alarms, lead time);
//! - [`skill`]: a headline number's measured skill with its block-bootstrap interval and
//!   reading (docs/rating.md §8a).

pub mod events;
pub mod metrics;
pub mod skill;

use rayon::prelude::*;

use crate::checks::compute::recession_probability_series;
use crate::series::{Dataset, Date, Series, month_end_of, month_index};
use crate::vocab::Note;

/// The comparators' values at one month-end.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ComparatorValues {
    /// NY Fed probit: probability (%) of a recession twelve months after this month, from
    /// this month's average spread.
    pub nyfed_probit: Option<f64>,
    /// NFCI: the last weekly value dated in this month.
    pub nfci: Option<f64>,
    /// St. Louis Fed stress index: the last weekly value dated in this month.
    pub stlfsi: Option<f64>,
}

/// The ids the comparators read, in order of preference.
pub const NFCI_IDS: [&str; 1] = ["NFCI"];
pub const STLFSI_IDS: [&str; 3] = ["STLFSI4", "STLFSI3", "STLFSI2"];

/// The comparators at each month-end of `months`, each using only observations dated on or
/// before that month-end.
pub fn comparators(data: &Dataset, months: &[Date]) -> Vec<ComparatorValues> {
    let nfci = first_stored(data, &NFCI_IDS);
    let stlfsi = first_stored(data, &STLFSI_IDS);
    months
        .par_iter()
        .map(|&month_end| ComparatorValues {
            nyfed_probit: nyfed_probit_at(data, month_end),
            nfci: nfci.and_then(|s| value_in_month(s, month_end)),
            stlfsi: stlfsi.and_then(|s| value_in_month(s, month_end)),
        })
        .collect()
}

/// The first of `ids` stored with observations.
pub fn first_stored<'a>(data: &'a Dataset, ids: &[&str]) -> Option<&'a Series> {
    ids.iter()
        .filter_map(|id| data.get(id))
        .find(|s| !s.points.is_empty())
}

/// The last observation dated within the month of `month_end`.
fn value_in_month(series: &Series, month_end: Date) -> Option<f64> {
    series
        .last_at(month_end)
        .filter(|p| p.0 >= month_end.first_of_month())
        .map(|p| p.1)
}

/// The probit's forecast made at `month_end`: the probability dated twelve months later,
/// computed from this month's spread (`recession_probability_series` dates each probability
/// at its target month).
fn nyfed_probit_at(data: &Dataset, month_end: Date) -> Option<f64> {
    let target = month_end_of(month_index(month_end) + 12);
    let (_, probabilities) = recession_probability_series(data, month_end)?;
    probabilities.last().filter(|p| p.0 == target).map(|p| p.1)
}

/// The series id the probit reads (as `recession_probability_series` chooses it).
pub fn nyfed_spread_source(data: &Dataset) -> Option<String> {
    let last = data
        .series
        .values()
        .filter_map(|s| s.last())
        .map(|p| p.0)
        .max()?;
    recession_probability_series(data, last).map(|(id, _)| id)
}

/// The events scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// An NBER recession starts within the next twelve months.
    Recession12m,
    /// An S&P 500 bear market (a fall of 20% or more) peaks within the next twelve months.
    Drawdown20_12m,
}

impl EventKind {
    pub const ALL: [EventKind; 2] = [EventKind::Recession12m, EventKind::Drawdown20_12m];

    pub fn name(self) -> &'static str {
        match self {
            EventKind::Recession12m => "recession_12m",
            EventKind::Drawdown20_12m => "drawdown20_12m",
        }
    }

    pub fn definition(self) -> Note {
        match self {
            EventKind::Recession12m => Note::new(
                "an NBER recession starts in one of the next 12 months (a start is a month with \
                 the NBER indicator at 1 after a month at 0)",
                "未来12个月内有NBER衰退开始（开始 = NBER衰退指标由上月的0变为1的月份）",
            ),
            EventKind::Drawdown20_12m => Note::new(
                "an S&P 500 bear market starts in one of the next 12 months: its peak is in that \
                 window and the daily close later falls 20% or more below it (phases turn on \
                 a 20% fall from a running peak and a 20% rise from a running trough)",
                "未来12个月内有标普500熊市开始：其峰值落在该窗口内，且日收盘价随后较峰值下跌20%或\
                 以上（自滚动峰值下跌20%、自滚动谷底上涨20%时转换阶段）",
            ),
        }
    }
}
