//! `debt_pace`: the level of federal debt and how fast the last trillion was added.
//!
//! - What: total public debt outstanding (Treasury "Debt to the Penny"), in USD trillions,
//!   and the number of days since it was one trillion lower.
//! - Why: the seeds cite the level ("above $36T"); the pace says whether the fiscal path is
//!   accelerating. Adding $1T in under 100 days is a warning (docs/catalogue.md, fiscal_debt_level).
//! - How: value = last observation × `scale`; pace = days between the last observation and
//!   the last earlier date at which the debt was at least $1T lower.
//! - Limits: debt-ceiling episodes freeze the level and then release it in a jump, which
//!   makes the pace look fast right after a suspension.

use super::first_available;
use crate::checks::{CheckDef, Computed, Detail, Missing, Note, Status};
use crate::series::{Dataset, Date};

/// `params` of `debt_pace`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Multiplies the level (default 1; 1e-12 for USD → USD trillions): finite, non-zero.
    pub scale: f64,
    /// The step whose pace is measured, in the series' units (default 1e12): above 0.
    pub step: f64,
    /// Fewer days than this for the last step is a warning (default 100): above 0.
    pub warn_days: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            scale: 1.0,
            step: 1e12,
            warn_days: 100.0,
        }
    }
}

impl super::Params for Params {
    fn check(&self) -> Result<(), (&'static str, String)> {
        super::nonzero("scale", self.scale)?;
        super::positive("step", self.step)?;
        super::positive("warn_days", self.warn_days)
    }
}

pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let series = first_available(&def.series, data, as_of)?;
    let (scale, step, warn_days) = (p.scale, p.step, p.warn_days);
    let points = series.up_to(as_of);
    let &(date, level) = points.last().ok_or(Missing::EmptySeries)?;
    let history: Vec<(Date, f64)> = points.iter().map(|&(d, v)| (d, v * scale)).collect();
    let mut details = Vec::new();
    let mut floor = None;
    if let Some(&(earlier, _)) = points.iter().rev().find(|p| p.1 <= level - step) {
        let days = (date - earlier).get_days();
        details.push(Detail::new(
            Note::new("days for the last $1T", "最近1万亿美元所用天数"),
            Note::new(
                format!("{days} (since {earlier})"),
                format!("{days}（自{earlier}起）"),
            ),
        ));
        if f64::from(days) < warn_days {
            floor = Some((
                Status::Warning,
                Note::new(
                    format!("the last $1T took {days} days (< {warn_days} days)"),
                    format!("最近1万亿美元仅用{days}天（少于{warn_days}天）"),
                ),
            ));
        }
    }
    Ok(Computed {
        value: level * scale,
        date,
        history,
        floor,
        details,
        sources: vec![series.meta.id.clone()],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, def, detail};
    use crate::checks::Status;
    use crate::checks::compute::run;
    use jiff::civil::date;

    /// Oracle by hand: $35.00T on 2025-01-01, $36.05T on 2025-04-11: the last date at least
    /// $1T lower is 2025-01-01, 100 days before: not under 100, no warning. Reached a day
    /// earlier (99 days), it is a warning.
    #[test]
    fn days_for_the_last_trillion_and_the_tripwire() {
        let d = def(
            "debt_pace",
            &["DEBT"],
            "{ scale = 1e-12, step = 1e12, warn_days = 100 }",
        );
        let points = vec![
            (date(2025, 1, 1), 35.0e12),
            (date(2025, 3, 1), 35.5e12),
            (date(2025, 4, 11), 36.05e12),
        ];
        let c = run(&d, &data(&[("DEBT", points.clone())]), date(2025, 5, 1)).unwrap();
        assert!((c.value - 36.05).abs() < 1e-9);
        assert_eq!(
            detail(&c, "days for the last $1T"),
            "100 (since 2025-01-01)"
        );
        assert_eq!(c.floor, None);
        let mut faster = points;
        faster[2].0 = date(2025, 4, 10);
        let c = run(&d, &data(&[("DEBT", faster)]), date(2025, 5, 1)).unwrap();
        let (status, why) = c.floor.unwrap();
        assert_eq!(status, Status::Warning);
        assert_eq!(why.en, "the last $1T took 99 days (< 100 days)");
        assert!(why.zh.contains("99"));
    }
}
