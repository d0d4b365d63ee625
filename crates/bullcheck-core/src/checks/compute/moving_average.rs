//! `moving_average`: the mean of the last `params.periods` observations (default 4), times
//! `params.scale`.
//!
//! - What: e.g. the four-week average of initial jobless claims, in thousands.
//! - Why: single weekly prints are noisy (holidays, storms); the four-week average is the
//!   reading analysts quote.
//! - How: at each observation with `periods` observations up to and including it, the plain
//!   mean of those observations. For weekly and slower series the window must span exactly
//!   `periods` periods of the calendar: a skipped week leaves no average rather than a
//!   "four-week" mean over five weeks. Daily series count trading days (their own calendar).
//!   The history is that average at every observation.
//! - Limits: a trailing average lags turning points by about half its window.

use super::first_available;
use crate::checks::{CheckDef, Computed, Detail, Missing, Need};
use crate::series::{Dataset, Date};

/// `params` of `moving_average`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Observations averaged (default 4): a whole number ≥ 1.
    #[serde(deserialize_with = "super::count")]
    pub periods: u32,
    /// Multiplies the average (default 1): finite, non-zero.
    pub scale: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            periods: 4,
            scale: 1.0,
        }
    }
}

impl super::Params for Params {
    fn check(&self) -> Result<(), (&'static str, String)> {
        super::nonzero("scale", self.scale)
    }
}

pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let series = first_available(&def.series, data, as_of)?;
    let scale = p.scale;
    let points = series.up_to(as_of);
    let history = moving_average_history(points, p.periods as usize, scale);
    let &(date, value) = history.last().ok_or_else(|| Missing::TooShort {
        id: series.meta.id.clone(),
        need: Need::Observations(p.periods),
    })?;
    let last = points.last().map_or(f64::NAN, |p| p.1 * scale);
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![Detail::figure(
            format!("{} latest single observation", series.meta.id),
            format!("{} 最新单次观测值", series.meta.id),
            crate::checks::judge::format_number(last),
        )],
        sources: vec![series.meta.id.clone()],
    })
}

/// The trailing mean of `periods` observations at every observation that has them.
pub fn moving_average_history(
    points: &[(Date, f64)],
    periods: usize,
    scale: f64,
) -> Vec<(Date, f64)> {
    if periods == 0 || points.len() < periods {
        return Vec::new();
    }
    let spacing = super::typical_spacing_days(points);
    // The longest span a full window may have: (periods − 1) periods plus half a period of
    // calendar slack (months of 28-31 days); only checked for weekly and slower series.
    let max_span = (periods as i64 - 1) * spacing + spacing / 2;
    let mut sum: f64 = points[..periods - 1].iter().map(|p| p.1).sum();
    let mut res = Vec::with_capacity(points.len() + 1 - periods);
    for i in periods - 1..points.len() {
        sum += points[i].1;
        let span = i64::from((points[i].0 - points[i + 1 - periods].0).get_days());
        if spacing < 7 || span <= max_span {
            res.push((points[i].0, sum / periods as f64 * scale));
        }
        sum -= points[i + 1 - periods].1;
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn four_week_average_by_hand() {
        let pts: Vec<(Date, f64)> = [200.0, 220.0, 240.0, 260.0, 300.0]
            .iter()
            .enumerate()
            .map(|(i, &v)| (date(2025, 1, 4) + jiff::Span::new().weeks(i as i64), v))
            .collect();
        let avg = moving_average_history(&pts, 4, 0.001);
        // (200+220+240+260)/4 = 230; (220+240+260+300)/4 = 255.
        assert_eq!(avg.len(), 2);
        assert!((avg[0].1 - 0.230).abs() < 1e-12);
        assert!((avg[1].1 - 0.255).abs() < 1e-12);
        assert_eq!(avg[1].0, date(2025, 2, 1));
        assert!(moving_average_history(&pts[..3], 4, 1.0).is_empty());
    }

    #[test]
    fn a_skipped_week_leaves_no_four_week_average() {
        // Weekly values with the third week missing: the windows that would span five weeks
        // are not averaged.
        let pts: Vec<(Date, f64)> = [0, 1, 3, 4, 5, 6]
            .iter()
            .map(|&w| (date(2025, 1, 4) + jiff::Span::new().weeks(w), 100.0))
            .collect();
        let avg = moving_average_history(&pts, 4, 1.0);
        // Windows ending at weeks 4 (0,1,3,4) and 5 (1,3,4,5) span 4 and 5 weeks → absent; the
        // window ending at week 6 (3,4,5,6) spans 3 weeks → present.
        assert_eq!(
            avg,
            vec![(date(2025, 1, 4) + jiff::Span::new().weeks(6), 100.0)]
        );
    }
}
