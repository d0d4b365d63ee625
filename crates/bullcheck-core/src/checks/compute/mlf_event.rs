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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    fn series(id: &str, points: Vec<(Date, f64)>) -> Series {
        Series::new(
            SeriesMeta {
                id: id.to_string(),
                ..SeriesMeta::default()
            },
            points,
        )
    }

    #[test]
    fn the_builtin_check_runs_the_event_study_on_a_user_series() {
        let def = crate::checks::builtin_defs()
            .into_iter()
            .find(|d| d.id == "cn_mlf_event_rule")
            .unwrap();
        let mut data = Dataset::default();
        let as_of = date(2024, 6, 30);
        // Without the MLF series the check names it.
        let missing = compute(&def, &data, as_of).unwrap_err();
        assert!(missing.contains("PBOC_MLF_NET"), "{missing}");
        // Month-end closes 100, 110, 99, 108.9, 108.9: next-month returns +10%, −10%, +10%, 0.
        data.insert(series(
            "SSE_COMPOSITE_CLOSE",
            vec![
                (date(2024, 1, 31), 100.0),
                (date(2024, 2, 29), 110.0),
                (date(2024, 3, 29), 99.0),
                (date(2024, 4, 30), 108.9),
                (date(2024, 5, 31), 108.9),
            ],
        ));
        // Net MLF (¥B) above the ¥300B trigger in January, March and April; the latest month
        // (May, ¥100B) does not meet it.
        data.insert(series(
            "PBOC_MLF_NET",
            vec![
                (date(2024, 1, 25), 500.0),
                (date(2024, 2, 25), 200.0),
                (date(2024, 3, 25), 400.0),
                (date(2024, 4, 25), 301.0),
                (date(2024, 5, 25), 100.0),
            ],
        ));
        let c = compute(&def, &data, as_of).unwrap();
        // Two hits (January, March) of three events.
        assert!((c.value - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(c.date, date(2024, 4, 25));
        let latest = &c.details.last().unwrap().1;
        assert!(latest.contains("not met"), "{latest}");
        // P(X ≥ 2 | n = 3, p0 = 2/4) = 0.5.
        assert!(
            c.details
                .iter()
                .any(|(k, v)| k.contains("luck") && v == "0.50")
        );
    }
}
