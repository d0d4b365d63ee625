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
use crate::checks::{CheckDef, Computed, Detail, Missing, Note};
use crate::models::mlf_event::event_study;
use crate::series::{Dataset, Date};

/// `params` of `mlf_event`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The net injection (¥ billions) above which a month is an event (default 300): finite.
    pub trigger: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params { trigger: 300.0 }
    }
}

impl super::Params for Params {}

/// `series = [net MLF, index, index copy…]` (two at least, checked when parsed).
pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let (mlf_id, index_ids) = (&def.series[0], &def.series[1..]);
    let mlf = data
        .get(mlf_id)
        .filter(|s| s.last_at(as_of).is_some())
        .ok_or_else(|| Missing::NoObservation {
            ids: vec![mlf_id.clone()],
            as_of: Some(as_of),
            note: Some(Note::new("PBoC net MLF", "人民银行MLF净投放")),
        })?;
    let index = first_available(index_ids, data, as_of)?;
    let trigger = p.trigger;
    let net = mlf.up_to(as_of);
    let index_id = &index.meta.id;
    let study = event_study(net, index.up_to(as_of), trigger).ok_or_else(|| {
        Missing::NoValue(Note::new(
            format!("no month with net MLF above {trigger} and a next-month {index_id} return"),
            format!("没有MLF净投放高于{trigger}且有{index_id}下月收益率的月份"),
        ))
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
    let (net_text, trigger_text) = (format_number(last_net), format_number(trigger));
    let base_rate = format_number(100.0 * study.base_rate);
    let details = vec![
        Detail::new(
            Note::new(
                "events (months above the trigger with a next month)",
                "事件数（高于触发值且有下一个月数据的月份）",
            ),
            Note::new(
                format!("{} ({} followed by a rise)", study.events, study.hits),
                format!("{}（其中{}次随后上涨）", study.events, study.hits),
            ),
        ),
        Detail::figure(
            "mean next-month return after events",
            "事件后下月平均收益率",
            format!("{}%", format_number(study.mean_next_return_pct)),
        ),
        Detail::new(
            Note::new("base rate of up-months", "上涨月份的基准比例"),
            Note::new(
                format!("{base_rate}% of {} months", study.months),
                format!("{}个月中的{base_rate}%", study.months),
            ),
        ),
        Detail::figure(
            "chance of doing as well by luck (binomial)",
            "凭运气达到同样结果的概率（二项分布）",
            format_number(study.p_value),
        ),
        Detail::new(
            Note::new("latest month", "最新月份"),
            Note::new(
                format!(
                    "{last_month}: net {net_text} vs trigger {trigger_text} ({})",
                    if last_net > trigger { "met" } else { "not met" }
                ),
                format!(
                    "{last_month}：净投放{net_text}，触发值{trigger_text}（{}）",
                    if last_net > trigger {
                        "已达到"
                    } else {
                        "未达到"
                    }
                ),
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
        let missing = super::super::run(&def, &data, as_of).unwrap_err().en();
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
        let c = super::super::run(&def, &data, as_of).unwrap();
        // Two hits (January, March) of three events.
        assert!((c.value - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(c.date, date(2024, 4, 25));
        let latest = &c.details.last().unwrap().value.en;
        assert!(latest.contains("not met"), "{latest}");
        // P(X ≥ 2 | n = 3, p0 = 2/4) = 0.5.
        assert!(
            c.details
                .iter()
                .any(|d| d.label.en.contains("luck") && d.value.en == "0.50")
        );
    }
}
