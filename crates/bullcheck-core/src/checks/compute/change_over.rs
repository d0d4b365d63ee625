//! `change_over`: the change of a series over a look-back window, in its own units
//! (`params.months`, default 3, or `params.weeks` for weekly series; `params.mode =
//! "difference"` (default) or `"percent"`).
//!
//! - What: e.g. the 3-month change of the term premium in points, or the 13-week change of the
//!   Fed's balance sheet.
//! - Why: several seed claims are about direction and speed ("rising fast", "still shrinking").
//! - How: value_t − value at the base date t − months (or t − 7·weeks days), in difference or
//!   in percent (100·(value_t / base − 1)). The base is the last observation on or before that
//!   date, provided it is not older than the series' own spacing allows: half a period for
//!   monthly and slower series (so a skipped month is a gap, never a silent 4-month change),
//!   one period (at least five days, for weekends and holidays) for daily and weekly series.
//!   The history is the same change at every observation.
//!   `params.level_unit` names the unit of the level shown beside the change.
//! - Limits: a point-to-point change is sensitive to the two end points' noise.

use super::{first_available, typical_spacing_days};
use crate::checks::{CheckDef, Computed, Detail, Missing, Need};
use crate::series::{Dataset, Date};

/// `params` of `change_over`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The look-back in calendar months (default 3): a whole number ≥ 1.
    #[serde(deserialize_with = "super::count_opt")]
    pub months: Option<u32>,
    /// The look-back in weeks (7-day steps), instead of `months`: a whole number ≥ 1.
    #[serde(deserialize_with = "super::count_opt")]
    pub weeks: Option<u32>,
    /// `difference` (default) or `percent`.
    pub mode: ChangeMode,
    /// Multiplies a difference (default 1): finite, non-zero.
    pub scale: f64,
    /// The unit of the level shown beside the change (e.g. `USD mn`), with its Chinese.
    pub level_unit: Option<String>,
    pub level_unit_zh: Option<String>,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            months: None,
            weeks: None,
            mode: ChangeMode::Difference,
            scale: 1.0,
            level_unit: None,
            level_unit_zh: None,
        }
    }
}

impl super::Params for Params {
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.months.is_some() && self.weeks.is_some() {
            return Err(("weeks", "give `months` or `weeks`, not both".to_string()));
        }
        super::nonzero("scale", self.scale)
    }
}

impl Params {
    /// The look-back window: `weeks` when given, else `months` (default 3).
    pub fn lookback(&self) -> Lookback {
        match self.weeks {
            Some(w) => Lookback::Weeks(i64::from(w)),
            None => Lookback::Months(i64::from(self.months.unwrap_or(3))),
        }
    }
}

/// How a change is expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeMode {
    /// value − base, times `scale`.
    Difference,
    /// 100 · (value / base − 1).
    Percent,
}

/// How far back the base of a change lies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lookback {
    Months(i64),
    Weeks(i64),
}

impl Lookback {
    fn base_date(self, d: Date) -> Option<Date> {
        match self {
            Lookback::Months(m) => d.checked_sub(jiff::Span::new().months(m)).ok(),
            Lookback::Weeks(w) => d.checked_sub(jiff::Span::new().days(7 * w)).ok(),
        }
    }

    /// The history needed for one value.
    fn need(self) -> Need {
        match self {
            Lookback::Months(m) => Need::MoreMonths(m as u32),
            Lookback::Weeks(w) => Need::MoreWeeks(w as u32),
        }
    }
}

pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let series = first_available(&def.series, data, as_of)?;
    let lookback = p.lookback();
    let percent = p.mode == ChangeMode::Percent;
    let points = series.up_to(as_of);
    let history = change_history(points, lookback, percent, p.scale);
    let &(date, value) = history.last().ok_or_else(|| Missing::TooShort {
        id: series.meta.id.clone(),
        need: lookback.need(),
    })?;
    let level = crate::checks::judge::format_number(points.last().map_or(f64::NAN, |p| p.1));
    // The level in the series' own units (`params.level_unit`, e.g. "USD mn" for WALCL).
    let with_unit = |unit: Option<&String>| match unit {
        Some(unit) => format!("{level} {unit}"),
        None => level.clone(),
    };
    let level_en = with_unit(p.level_unit.as_ref());
    let level_zh = with_unit(p.level_unit_zh.as_ref().or(p.level_unit.as_ref()));
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![Detail::new(
            crate::checks::Note::new(
                format!("{} level", series.meta.id),
                format!("{} 水平", series.meta.id),
            ),
            crate::checks::Note::new(level_en, level_zh),
        )],
        sources: vec![series.meta.id.clone()],
    })
}

/// The change at every observation whose base (see the module doc) is stored.
pub fn change_history(
    points: &[(Date, f64)],
    lookback: Lookback,
    percent: bool,
    scale: f64,
) -> Vec<(Date, f64)> {
    let spacing = typical_spacing_days(points);
    let tolerance = if spacing >= 28 {
        spacing / 2
    } else {
        spacing.max(5)
    };
    let mut res = Vec::new();
    let mut j = 0;
    for i in 0..points.len() {
        let (d, v) = points[i];
        let Some(back) = lookback.base_date(d) else {
            continue;
        };
        while j + 1 < points.len() && points[j + 1].0 <= back {
            j += 1;
        }
        let (base_date, base) = points[j];
        if base_date > back || (back - base_date).get_days() >= tolerance as i32 {
            continue;
        }
        let change = if percent {
            if base == 0.0 {
                continue;
            }
            100.0 * (v / base - 1.0)
        } else {
            (v - base) * scale
        };
        res.push((d, change));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn monthly_difference_and_percent() {
        let pts: Vec<(Date, f64)> = (0..6)
            .map(|i| {
                (
                    date(2024, 1, 1) + jiff::Span::new().months(i),
                    100.0 + 10.0 * i as f64,
                )
            })
            .collect();
        let diff = change_history(&pts, Lookback::Months(3), false, 1.0);
        // April vs January: 130 − 100 = 30.
        assert_eq!(diff[0], (date(2024, 4, 1), 30.0));
        assert_eq!(diff.len(), 3);
        let pct = change_history(&pts, Lookback::Months(3), true, 1.0);
        // June vs March: 150/120 − 1 = 25%.
        assert!((pct[2].1 - 25.0).abs() < 1e-12);
    }

    #[test]
    fn daily_uses_last_observation_on_or_before() {
        // 2024-03-31 minus 1 month is 2024-02-29; the last point on or before it is 02-28.
        let pts = vec![
            (date(2024, 2, 28), 1.0),
            (date(2024, 3, 1), 2.0),
            (date(2024, 3, 31), 4.0),
        ];
        let diff = change_history(&pts, Lookback::Months(1), false, 1.0);
        assert_eq!(diff, vec![(date(2024, 3, 31), 3.0)]);
    }

    #[test]
    fn a_skipped_month_is_a_gap_not_a_longer_change() {
        // Monthly 2025-01..2025-12 with 2025-06 missing: the 3-month change at 2025-09 has no
        // base (2025-06) and is absent; at 2025-10 the base 2025-07 exists.
        let mut pts: Vec<(Date, f64)> = (0..12)
            .map(|i| (date(2025, 1, 1) + jiff::Span::new().months(i), i as f64))
            .collect();
        pts.remove(5);
        let diff = change_history(&pts, Lookback::Months(3), false, 1.0);
        assert!(diff.iter().all(|p| p.0 != date(2025, 9, 1)), "{diff:?}");
        assert_eq!(
            diff.iter().find(|p| p.0 == date(2025, 10, 1)).unwrap().1,
            3.0
        );
    }

    #[test]
    fn thirteen_weeks_are_ninety_one_days() {
        // Weekly Wednesday data (WALCL's day): 2026-08-19 − 13 weeks = 2026-05-20, not the
        // Wednesday before the date three months back (2026-05-13, fourteen weeks).
        let pts: Vec<(Date, f64)> = (0..20)
            .map(|i| (date(2026, 4, 15) + jiff::Span::new().days(7 * i), i as f64))
            .collect();
        let last = *pts.last().unwrap();
        assert_eq!(last.0, date(2026, 8, 26));
        let weeks = change_history(&pts, Lookback::Weeks(13), false, 1.0);
        assert_eq!(weeks.last().unwrap(), &(last.0, 13.0));
        let months = change_history(&pts, Lookback::Months(3), false, 1.0);
        assert_eq!(months.last().unwrap(), &(last.0, 14.0));
    }

    /// Oracle by hand: WALCL-like weekly levels in USD millions, 13 weeks apart, 6,700,000
    /// then 6,600,000: a change of −100,000 million × 0.001 = −100 (USD bn); the level is
    /// shown in its unit in both languages.
    #[test]
    fn the_check_gives_the_level_in_its_unit() {
        use super::super::test_util::{data, def, detail};
        use crate::checks::compute::run;
        let d = def(
            "change_over",
            &["WALCL"],
            r#"{ weeks = 13, scale = 0.001, level_unit = "USD mn", level_unit_zh = "百万美元" }"#,
        );
        let points = vec![
            (date(2026, 5, 20), 6_700_000.0),
            (date(2026, 8, 19), 6_600_000.0),
        ];
        let c = run(&d, &data(&[("WALCL", points)]), date(2026, 8, 31)).unwrap();
        assert!((c.value - -100.0).abs() < 1e-9, "{}", c.value);
        assert_eq!(detail(&c, "WALCL level"), "6600000 USD mn");
        assert_eq!(c.details[0].value.zh, "6600000 百万美元");
        let short = data(&[("WALCL", vec![(date(2026, 8, 19), 1.0)])]);
        assert_eq!(
            run(&d, &short, date(2026, 8, 31)).unwrap_err().en(),
            "WALCL needs more than 13 weeks of history"
        );
    }
}
