//! `debt_pace`: the level of federal debt and how fast the last trillion was added.
//!
//! - What: total public debt outstanding (Treasury "Debt to the Penny"), in USD trillions,
//!   and the number of days since it was one trillion lower.
//! - Why: the seeds cite the level ("above $36T"); the pace says whether the fiscal path is
//!   accelerating. Adding $1T in under 100 days is a warning (CATALOGUE, fiscal_debt_level).
//! - How: value = last observation × `scale`; pace = days between the last observation and
//!   the last earlier date at which the debt was at least $1T lower.
//! - Limits: debt-ceiling episodes freeze the level and then release it in a jump, which
//!   makes the pace look fast right after a suspension.

use super::first_available;
use crate::checks::{CheckDef, Computed, Note, Status};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let series = first_available(&def.series, data, as_of)?;
    let scale = def.param_f64("scale").unwrap_or(1.0);
    let step = def.param_f64("step").unwrap_or(1e12);
    let warn_days = def.param_f64("warn_days").unwrap_or(100.0);
    let points = series.up_to(as_of);
    let &(date, level) = points.last().ok_or("empty series")?;
    let history: Vec<(Date, f64)> = points.iter().map(|&(d, v)| (d, v * scale)).collect();
    let mut details = Vec::new();
    let mut floor = None;
    if let Some(&(earlier, _)) = points.iter().rev().find(|p| p.1 <= level - step) {
        let days = (date - earlier).get_days();
        details.push((
            "days for the last $1T".to_string(),
            format!("{days} (since {earlier})"),
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
