//! `rolling_sum_ratio`: the sum of a monthly flow over the last `params.months` months (default
//! 12) divided by a level, times `params.scale`.
//!
//! - What: e.g. the federal deficit over the last twelve months as a percentage of nominal GDP
//!   (monthly MTS deficit in USD ÷ GDP in USD billions at an annual rate; scale 1e-7 =
//!   100 / 1e9).
//! - Why: a single month of the Treasury statement swings with tax dates; twelve months
//!   cover every tax date once and compare with an annual-rate GDP.
//! - How: `series[0]` is the flow; the denominator is the first of `series[1..]` with the most
//!   recent observation on or before the as-of date (so a longer copy of GDP wins over a
//!   shorter one), taken at its last value on or before each month. A window counts only when
//!   it holds `months` observations within `months` calendar months.
//! - Limits: the denominator may be a quarter old; flows dated in the future of the data's
//!   publication (some re-shaped files carry placeholder months) are used as dated.

use super::stored;
use crate::checks::{CheckDef, Computed, Missing, Note};
use crate::series::{Dataset, Date, Series};

/// `params` of `rolling_sum_ratio`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The window in months (default 12): a whole number ≥ 1.
    #[serde(deserialize_with = "super::count")]
    pub months: u32,
    /// Multiplies the ratio (default 1): finite, non-zero.
    pub scale: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            months: 12,
            scale: 1.0,
        }
    }
}

impl super::Params for Params {
    fn check(&self) -> Result<(), (&'static str, String)> {
        super::nonzero("scale", self.scale)
    }
}

/// `series = [flow, denominator, denominator copy…]` (two at least, checked when parsed).
pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let (flow_id, den_ids) = (&def.series[0], &def.series[1..]);
    let flow = stored(data, flow_id)?;
    let den =
        most_recent(den_ids, data, as_of).ok_or_else(|| Missing::no_observation(den_ids, as_of))?;
    let months = p.months;
    let history = rolling_sum_ratio_history(
        flow.up_to(as_of),
        den.up_to(as_of),
        i64::from(months),
        p.scale,
    );
    let den_id = &den.meta.id;
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            format!("no {months}-month window of {flow_id} with {den_id} before it"),
            format!("没有{flow_id}的{months}个月窗口且此前有{den_id}"),
        ))
    })?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![flow_id.clone(), den.meta.id.clone()],
    })
}

/// The stored series among `ids` whose last observation on or before `as_of` is the latest.
fn most_recent<'a>(ids: &[String], data: &'a Dataset, as_of: Date) -> Option<&'a Series> {
    ids.iter()
        .filter_map(|id| data.get(id))
        .filter_map(|s| s.last_at(as_of).map(|p| (p.0, s)))
        .fold(None::<(Date, &Series)>, |best, cur| match best {
            Some(b) if b.0 >= cur.0 => Some(b),
            _ => Some(cur),
        })
        .map(|(_, s)| s)
}

/// `Σ flow over the window / den · scale` at every flow date with a full window.
pub fn rolling_sum_ratio_history(
    flow: &[(Date, f64)],
    den: &[(Date, f64)],
    months: i64,
    scale: f64,
) -> Vec<(Date, f64)> {
    let mut res = Vec::new();
    let window = months as usize;
    for i in window.saturating_sub(1)..flow.len() {
        let slice = &flow[i + 1 - window..=i];
        let (first, last) = (
            slice[0].0.first_of_month(),
            slice[window - 1].0.first_of_month(),
        );
        // Exactly `months` distinct consecutive months: first = last − (months − 1).
        if last.checked_sub(jiff::Span::new().months(months - 1)).ok() != Some(first) {
            continue;
        }
        let d = slice[window - 1].0;
        let Some(&(_, level)) = den.iter().rev().find(|p| p.0 <= d) else {
            continue;
        };
        if level == 0.0 {
            continue;
        }
        let total: f64 = slice.iter().map(|p| p.1).sum();
        res.push((d, total / level * scale));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn twelve_month_sum_over_last_level() {
        // Deficits of $100B a month (1e11 USD) over 12 months = $1.2T; GDP $24,000B → 5%.
        let flow: Vec<(Date, f64)> = (0..13)
            .map(|i| (date(2024, 1, 1) + jiff::Span::new().months(i), 1e11))
            .collect();
        let den = vec![(date(2023, 10, 1), 24_000.0), (date(2025, 1, 1), 12_000.0)];
        let h = rolling_sum_ratio_history(&flow, &den, 12, 1e-7);
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].0, date(2024, 12, 1));
        assert!((h[0].1 - 5.0).abs() < 1e-9);
        // January 2025 uses the 2025-01-01 GDP.
        assert!((h[1].1 - 10.0).abs() < 1e-9);
    }

    #[test]
    fn a_gap_in_the_months_breaks_the_window() {
        let mut flow: Vec<(Date, f64)> = (0..12)
            .map(|i| (date(2024, 1, 1) + jiff::Span::new().months(i), 1.0))
            .collect();
        flow.remove(5);
        flow.push((date(2025, 1, 1), 1.0));
        let den = vec![(date(2023, 1, 1), 1.0)];
        assert!(rolling_sum_ratio_history(&flow, &den, 12, 1.0).is_empty());
    }
}
