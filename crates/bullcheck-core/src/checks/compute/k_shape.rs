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
//!   (default 10, CATALOGUE.md) over the last four quarters.
//! - Limits: an index of levels from very different bases; the dollar gains and the top-10%
//!   share are shown beside it. The DFA copy in the shared data ends in 2023Q2.

use crate::checks::judge::{Status, format_number};
use crate::checks::{CheckDef, Computed, Note};
use crate::models::k_shape::{k_shape_index, sum_on_common_dates};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    if def.series.len() < 4 {
        return Err(format!(
            "check {} needs the DFA series TopPt1, RemainingTop1, Next9 and Bottom50",
            def.id
        ));
    }
    let get = |id: &String| {
        data.get(id)
            .map(|s| s.up_to(as_of))
            .filter(|p| !p.is_empty())
            .ok_or_else(|| format!("no stored observation on or before {as_of} for {id}"))
    };
    let top_groups = [
        get(&def.series[0])?,
        get(&def.series[1])?,
        get(&def.series[2])?,
    ];
    let bottom = get(&def.series[3])?;
    let top = sum_on_common_dates(&top_groups);
    let base = match def.param_str("base") {
        Some(text) => text
            .parse::<Date>()
            .map_err(|e| format!("check {}: params.base: {e}", def.id))?,
        None => jiff::civil::date(2019, 10, 1),
    };
    let index = k_shape_index(&top, bottom, base)
        .ok_or_else(|| format!("the DFA series have no value in the quarter starting {base}"))?;
    let last = *index
        .last()
        .ok_or("the top and bottom groups share no date")?;
    let history: Vec<(Date, f64)> = index.iter().map(|p| (p.date, p.divergence())).collect();

    let mut details = vec![
        (
            "top-10% net-worth index".to_string(),
            format!("{} (base {base} = 100)", format_number(last.top_index)),
        ),
        (
            "bottom-50% net-worth index".to_string(),
            format!("{} (base {base} = 100)", format_number(last.bottom_index)),
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
        details.push((
            "dollar gain since base (top 10% / bottom 50%)".to_string(),
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
            details.push((
                "top-10% share of net worth".to_string(),
                format!("{}%", format_number(100.0 * t / total)),
            ));
        }
    }

    let widening_warn = def.param_f64("widening_warn").unwrap_or(10.0);
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
