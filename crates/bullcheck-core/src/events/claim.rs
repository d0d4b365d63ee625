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
//! - Robustness: a `holds` must survive leaving out each cluster of events in turn
//!   ([`fragile_cluster`]); otherwise the verdict is `unverified`, naming the cluster.
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

/// Events less than this many months apart form one cluster (the two crossings of 2000 in
/// the dot-com bear market are one).
pub const CLUSTER_MONTHS: i64 = 24;

/// The events in clusters: consecutive events less than [`CLUSTER_MONTHS`] apart together.
pub fn clusters(events: &[Date]) -> Vec<Vec<Date>> {
    let mut out: Vec<Vec<Date>> = Vec::new();
    for &d in events {
        match out.last_mut() {
            Some(c)
                if c.last().is_some_and(|&last| {
                    crate::series::month_index(d) - crate::series::month_index(last)
                        < CLUSTER_MONTHS as i32
                }) =>
            {
                c.push(d)
            }
            _ => out.push(vec![d]),
        }
    }
    out
}

/// Robustness of a `holds` (docs/verdicts.md): the study again with each cluster of events
/// left out; the first cluster without which the verdict is no longer `holds`, with the
/// verdict's note then. `None` when every leave-one-cluster-out study still holds.
pub fn fragile_cluster(
    name: &str,
    st: &study::Study,
    outcome: &[(Date, f64)],
    spec: &study::Spec,
) -> Option<(String, Note)> {
    for cluster in clusters(&st.events) {
        let rest: Vec<Date> = st
            .events
            .iter()
            .copied()
            .filter(|d| !cluster.contains(d))
            .collect();
        let without = study::run_on_events(rest, outcome, spec);
        let judged = verdict(name, &without);
        if judged.as_ref().is_none_or(|(v, _)| *v != Verdict::Holds) {
            let shown = cluster
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let note = judged.map_or_else(|| Note::new("no verdict", "无法判定"), |(_, n)| n);
            return Some((shown, note));
        }
    }
    None
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
    let (mut v, mut note) = verdict(name, &st)?;
    if v == Verdict::Holds
        && let Some((cluster, without)) = fragile_cluster(name, &st, outcome, &b.spec)
    {
        v = Verdict::Unverified;
        note = Note::new(
            format!(
                "{}; but not without the cluster of events {cluster}: {}",
                note.en, without.en
            ),
            format!("{}；但去掉事件群{cluster}后不成立：{}", note.zh, without.zh),
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    fn series(id: &str, points: Vec<(Date, f64)>) -> Series {
        Series::new(
            SeriesMeta {
                id: id.into(),
                ..SeriesMeta::default()
            },
            points,
        )
    }

    #[test]
    fn events_less_than_two_years_apart_form_one_cluster() {
        let c = clusters(&[
            date(2000, 1, 3),
            date(2001, 2, 1),
            date(2010, 1, 4),
            date(2020, 1, 2),
        ]);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].len(), 2);
    }

    /// Class 7 (issue 22): an event-study "holds" that rests on one cluster of events. A
    /// generated market: 1% a month for sixty years except a 25-month crash after two
    /// crossings 13 months apart; two more crossings in calm years. The full study finds
    /// lower returns after crossings; without the crash cluster it does not, so the claim
    /// is `unverified`, naming the cluster.
    #[test]
    fn a_holds_resting_on_one_cluster_is_unverified() {
        let start = date(1970, 1, 1);
        let months: Vec<Date> = (0..720)
            .map(|i| start + jiff::Span::new().months(i))
            .collect();
        let crash = (date(2000, 1, 1), date(2002, 2, 1));
        let mut price = 100.0;
        let mut sp = Vec::new();
        for &d in &months {
            sp.push((d, price));
            price *= if d >= crash.0 && d < crash.1 {
                0.97
            } else {
                1.01
            };
        }
        let events = [
            date(2000, 1, 1),
            date(2001, 2, 1),
            date(2010, 1, 1),
            date(2020, 1, 1),
        ];
        let ten: Vec<(Date, f64)> = months
            .iter()
            .map(|&d| (d, if events.contains(&d) { 6.0 } else { 4.0 }))
            .collect();
        let mut data = Dataset::default();
        data.insert(series("DGS10", ten));
        data.insert(series("SP500_LONG", sp));
        let b = builtins(REPS, SEED)
            .into_iter()
            .find(|b| b.name == "ten-year-5pct")
            .unwrap();
        let st = study::run(
            data.get("DGS10").unwrap().up_to(date(2030, 1, 1)),
            data.get("SP500_LONG").unwrap().up_to(date(2030, 1, 1)),
            &b.spec,
        );
        assert_eq!(st.events.len(), 4);
        let (full, note) = verdict("ten-year-5pct", &st).unwrap();
        assert_eq!(full, Verdict::Holds, "{}", note.en);
        let (v, note, _) = judge("ten-year-5pct", &data, date(2030, 1, 1)).unwrap();
        assert_eq!(v, Verdict::Unverified, "{}", note.en);
        assert!(note.en.contains("2000-01-01, 2001-02-01"), "{}", note.en);
    }
}
