//! `k_shape`: the K-shape wealth divergence from the Fed's Distributional Financial Accounts
//! (model M10, `models::k_shape`).
//!
//! - What: top-10% net-worth index minus bottom-50% net-worth index, both 2019Q4 = 100, in
//!   index points. `series` = the DFA net-worth series of TopPt1, RemainingTop1, Next9 (summed
//!   into the top 10%), Bottom50, and optionally Next40 (for the top-10% share of the total).
//! - Why: the seeds' chart shows the top-10% index racing ahead; the K claim is that the
//!   bottom falls behind. A positive divergence supports it, a negative one contradicts it.
//! - How: `params.base` (default 2019-10-01) is the first day of the base quarter. The status
//!   reaches `warning` when the divergence widened by more than `params.widening_warn` points
//!   (default 10, docs/catalogue.md) over the last four quarters.
//! - Limits: an index of levels from very different bases; the dollar gains and the top-10%
//!   share are shown beside it. The DFA copy in the shared data ends in 2023Q2.

use crate::checks::judge::{Status, format_number};
use crate::checks::{CheckDef, Computed, Detail, Missing, Note};
use crate::models::k_shape::{k_shape_index, sum_on_common_dates};
use crate::series::{Dataset, Date};

/// `params` of `k_shape`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The first day of the base quarter, `YYYY-MM-DD` (default 2019-10-01).
    #[serde(deserialize_with = "super::date")]
    pub base: Date,
    /// A widening of the divergence by more than this many points in four quarters is a
    /// warning (default 10): above 0.
    pub widening_warn: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            base: jiff::civil::date(2019, 10, 1),
            widening_warn: 10.0,
        }
    }
}

impl super::Params for Params {
    fn check(&self) -> Result<(), (&'static str, String)> {
        super::positive("widening_warn", self.widening_warn)
    }
}

/// `series` = the DFA series TopPt1, RemainingTop1, Next9, Bottom50 (checked when parsed),
/// then optionally Next40.
pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let get = |id: &String| {
        data.get(id)
            .map(|s| s.up_to(as_of))
            .filter(|p| !p.is_empty())
            .ok_or_else(|| Missing::no_observation(std::slice::from_ref(id), as_of))
    };
    let top_groups = [
        get(&def.series[0])?,
        get(&def.series[1])?,
        get(&def.series[2])?,
    ];
    let bottom = get(&def.series[3])?;
    let top = sum_on_common_dates(&top_groups);
    let base = p.base;
    let index = k_shape_index(&top, bottom, base).ok_or_else(|| {
        Missing::NoValue(Note::new(
            format!("the DFA series have no value in the quarter starting {base}"),
            format!("DFA序列在自{base}开始的季度没有数值"),
        ))
    })?;
    let last = *index.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            "the top and bottom groups share no date",
            "顶部与底部群体没有共同日期",
        ))
    })?;
    let history: Vec<(Date, f64)> = index.iter().map(|p| (p.date, p.divergence())).collect();

    let indexed = |v: f64| {
        Note::new(
            format!("{} (base {base} = 100)", format_number(v)),
            format!("{}（基期 {base} = 100）", format_number(v)),
        )
    };
    let mut details = vec![
        Detail::new(
            Note::new("top-10% net-worth index", "前10%净资产指数"),
            indexed(last.top_index),
        ),
        Detail::new(
            Note::new("bottom-50% net-worth index", "后50%净资产指数"),
            indexed(last.bottom_index),
        ),
    ];
    let value_at = |points: &[(Date, f64)], d: Date| {
        points
            .binary_search_by(|p| p.0.cmp(&d))
            .ok()
            .map(|i| points[i].1)
    };
    let base_date = index
        .iter()
        .rev()
        .find(|p| p.top_index == 100.0 && p.bottom_index == 100.0)
        .map(|p| p.date);
    if let Some(b) = base_date
        && let (Some(t0), Some(t1), Some(b0), Some(b1)) = (
            value_at(&top, b),
            value_at(&top, last.date),
            value_at(bottom, b),
            value_at(bottom, last.date),
        )
    {
        // DFA levels are in millions of dollars.
        details.push(Detail::figure(
            "dollar gain since base (top 10% / bottom 50%)",
            "自基期以来的美元增幅（前10% / 后50%）",
            format!(
                "${}T / ${}T",
                format_number((t1 - t0) / 1e6),
                format_number((b1 - b0) / 1e6)
            ),
        ));
    }
    if let Some(next40) = def.series.get(4).and_then(|id| data.get(id)) {
        let all = sum_on_common_dates(&[&top, bottom, next40.up_to(as_of)]);
        if let (Some(total), Some(t)) = (value_at(&all, last.date), value_at(&top, last.date))
            && total != 0.0
        {
            details.push(Detail::figure(
                "top-10% share of net worth",
                "前10%占净资产比重",
                format!("{}%", format_number(100.0 * t / total)),
            ));
        }
    }

    let widening_warn = p.widening_warn;
    let year_ago = last
        .date
        .checked_sub(jiff::Span::new().months(12))
        .ok()
        .and_then(|d| history.iter().rev().find(|p| p.0 <= d).copied());
    let floor = year_ago.and_then(|(d, v)| {
        let widening = last.divergence() - v;
        (widening > widening_warn).then(|| {
            (
                Status::Warning,
                Note::new(
                    format!(
                        "the top-10% index gained {} points on the bottom-50% index since {d} \
                         (more than {} in a year)",
                        format_number(widening),
                        format_number(widening_warn)
                    ),
                    format!(
                        "自{d}以来，前10%指数相对后50%指数多涨{}点（一年内超过{}点）",
                        format_number(widening),
                        format_number(widening_warn)
                    ),
                ),
            )
        })
    });
    Ok(Computed {
        value: last.divergence(),
        date: last.date,
        history,
        floor,
        details,
        sources: def
            .series
            .iter()
            .take(5)
            .filter(|id| data.get(id).is_some())
            .cloned()
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, def, detail};
    use crate::checks::Status;
    use crate::checks::compute::run;
    use jiff::civil::date;

    /// Oracle by hand: the top 10% (10 + 20 + 30 = 60) grows to 90 (index 150) while the
    /// bottom 50% grows from 40 to 44 (index 110): a divergence of 40 points, all of it in
    /// the last four quarters (more than 10: a warning). Next40 (100) makes the total 234,
    /// of which the top holds 38.46%.
    #[test]
    fn top_index_minus_bottom_index() {
        let d = def(
            "k_shape",
            &["T1", "RT1", "N9", "B50", "N40"],
            r#"{ base = "2019-10-01" }"#,
        );
        let (base, later) = (date(2019, 10, 1), date(2020, 10, 1));
        let set = data(&[
            ("T1", vec![(base, 10.0), (later, 15.0)]),
            ("RT1", vec![(base, 20.0), (later, 30.0)]),
            ("N9", vec![(base, 30.0), (later, 45.0)]),
            ("B50", vec![(base, 40.0), (later, 44.0)]),
            ("N40", vec![(base, 100.0), (later, 100.0)]),
        ]);
        let c = run(&d, &set, date(2020, 12, 31)).unwrap();
        assert_eq!(c.date, later);
        assert!((c.value - 40.0).abs() < 1e-9, "{}", c.value);
        assert_eq!(
            detail(&c, "top-10% net-worth index"),
            "150.0 (base 2019-10-01 = 100)"
        );
        assert_eq!(detail(&c, "top-10% share of net worth"), "38.46%");
        assert_eq!(c.floor.unwrap().0, Status::Warning);
        let missing = run(&d, &set, date(2019, 6, 30)).unwrap_err();
        assert_eq!(
            missing.en(),
            "no stored observation on or before 2019-06-30 for T1"
        );
    }
}
