//! `mlf_event`: seed 003's MLF rule as an event study (model M5, `models::mlf_event`).
//!
//! - What: the share (percent) of months with a net MLF injection above `params.trigger`
//!   (¥ billions, default 300) after which the Shanghai Composite rose the next month.
//!   `series[0]` = monthly net MLF injection (issued − matured, ¥B); `series[1..]` = Shanghai
//!   Composite closes (the first stored).
//! - Why: the seed says 75% of such months were followed by a rise (+3.2% on average), and
//!   applies the rule to November 2025.
//! - How: M5; the details give the number of events, the mean next-month return, the base
//!   rate of up-months over the same sample, the binomial chance of doing as well by luck,
//!   and whether the latest month met the trigger.
//! - Limits: PBoC MLF operations are not in the shared data: without a user-imported net-MLF
//!   series the check has no data. See `models::mlf_event` for the regime breaks.

use super::first_available;
use crate::checks::judge::format_number;
use crate::checks::{CheckDef, Computed};
use crate::models::mlf_event::event_study;
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let Some((mlf_id, index_ids)) = def.series.split_first() else {
        return Err(format!(
            "check {} needs the net-MLF and index series",
            def.id
        ));
    };
    let mlf = data
        .get(mlf_id)
        .filter(|s| s.last_at(as_of).is_some())
        .ok_or_else(|| {
            format!("no stored observation on or before {as_of} for {mlf_id} (PBoC net MLF)")
        })?;
    let index = first_available(index_ids, data, as_of)?;
    let trigger = def.param_f64("trigger").unwrap_or(300.0);
    let net = mlf.up_to(as_of);
    let study = event_study(net, index.up_to(as_of), trigger).ok_or_else(|| {
        format!(
            "no month with net MLF above {trigger} and a next-month {} return",
            index.meta.id
        )
    })?;
    let (last_month, last_net) = net[net.len() - 1];
    // The history: the hit rate as the sample grows, dated at each event's month.
    let mut history = Vec::new();
    for &(d, _) in net.iter().filter(|p| p.1 > trigger) {
        let upto: Vec<(Date, f64)> = net.iter().copied().filter(|p| p.0 <= d).collect();
        if let Some(s) = event_study(&upto, index.up_to(as_of), trigger) {
            history.push((d, s.hit_rate_pct()));
        }
    }
    history.dedup_by_key(|p| p.0);
    let date = history.last().map_or(last_month, |p| p.0);
    let details = vec![
        (
            "events (months above the trigger with a next month)".to_string(),
            format!("{} ({} followed by a rise)", study.events, study.hits),
        ),
        (
            "mean next-month return after events".to_string(),
            format!("{}%", format_number(study.mean_next_return_pct)),
        ),
        (
            "base rate of up-months".to_string(),
            format!(
                "{}% of {} months",
                format_number(100.0 * study.base_rate),
                study.months
            ),
        ),
        (
            "chance of doing as well by luck (binomial)".to_string(),
            format_number(study.p_value),
        ),
        (
            "latest month".to_string(),
            format!(
                "{last_month}: net {} vs trigger {} ({})",
                format_number(last_net),
                format_number(trigger),
                if last_net > trigger { "met" } else { "not met" }
            ),
        ),
    ];
    Ok(Computed {
        value: study.hit_rate_pct(),
        date,
        history,
        floor: None,
        details,
        sources: vec![mlf_id.clone(), index.meta.id.clone()],
    })
}
