//! Claim verdicts from the built-in event studies, for the audit.
//!
//! - What: a check whose claim rule is `{ kind = "event_study", study = "ten-year-5pct" }`
//!   gets its verdict from that built-in study ([`super::render::builtins`]) and the study's
//!   figures (events, conditional vs unconditional mean per horizon, 95% CI, p-value) as
//!   supporting details. The check's value and status stay those of its own computation.
//! - Why: "the 10-year above 5% hurts stocks" is a "when X then Y" rule; the level of the
//!   10-year today says whether the trigger is reached, not whether the rule holds.
//! - How: both series are cut at the as-of date before the study runs, so an outcome whose
//!   horizon ends after the as-of date is left out (point in time); the verdict is
//!   [`super::render::verdict`]'s, with the same replications and seed as `bullcheck events
//!   study` by default ([`REPS`], [`SEED`]), so both print the same result.
//! - Limits: only the built-ins that name an event series stored in the dataset (`mlf` needs a
//!   user file, `vix-low` gives no verdict); few events make the verdict fragile.

use super::render::{builtins, verdict};
use super::study;
use crate::reason::Detail;
use crate::series::{Dataset, Date};
use crate::vocab::{Note, Verdict};

/// Replications of the bootstrap and random-date p-value (the `events study` default).
pub const REPS: usize = 10_000;
/// Seed of the replications (the `events study` default).
pub const SEED: u64 = 1;

/// The series a built-in study reads (empty for an unknown name).
pub fn series_read(name: &str) -> Vec<String> {
    builtins(REPS, SEED)
        .into_iter()
        .find(|b| b.name == name)
        .map(|b| {
            b.event_series
                .into_iter()
                .chain([b.outcome_series])
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn pct(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |x| format!("{:+.1}%", 100.0 * x))
}

/// A study's verdict on a claim, its note and its supporting figures.
pub type Judged = (Verdict, Note, Vec<Detail>);

/// The verdict of the built-in study `name` on the data up to `as_of`, its note (English and
/// Chinese, same digits) and the supporting figures. `None` when the study's series are not
/// stored or the study gives no verdict.
pub fn judge(name: &str, data: &Dataset, as_of: Date) -> Option<Judged> {
    let b = builtins(REPS, SEED).into_iter().find(|b| b.name == name)?;
    let events = data.get(b.event_series?)?.up_to(as_of);
    let outcome = data.get(b.outcome_series)?.up_to(as_of);
    if events.is_empty() || outcome.is_empty() {
        return None;
    }
    let st = study::run(events, outcome, &b.spec);
    let (v, note) = verdict(name, &st)?;
    let dates = st
        .events
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut details = vec![Detail::new(
        Note::new(
            format!("event study {name} (seeds {})", b.seeds),
            format!("事件研究 {name}（原文 {}）", b.seeds),
        ),
        Note::new(
            format!("{} events, {dates}", st.events.len()),
            format!("{}次事件：{dates}", st.events.len()),
        ),
    )];
    for h in &st.horizons {
        let (mean, all, n) = (pct(h.mean), pct(h.unconditional_mean), h.outcomes.len());
        let p = h.p_value.map_or("-".to_string(), |p| format!("{p:.3}"));
        let ci = |to: &str| {
            h.ci95.map_or("-".to_string(), |(lo, hi)| {
                format!("{}{to}{}", pct(Some(lo)), pct(Some(hi)))
            })
        };
        details.push(Detail::new(
            Note::new(
                format!(
                    "{} {}-month return after events vs all month-ends",
                    b.outcome_series, h.months
                ),
                format!(
                    "{} 事件后{}个月收益率与全部月末对比",
                    b.outcome_series, h.months
                ),
            ),
            Note::new(
                format!("{mean} vs {all} (n {n}, 95% CI {}, p {p})", ci(" to ")),
                format!(
                    "事件后 {mean}，全部月末 {all}（样本 {n}，95%置信区间 {}，p {p}）",
                    ci(" 至 ")
                ),
            ),
        ));
    }
    Some((v, note, details))
}
