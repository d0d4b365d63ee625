//! `refinancing`: what weak borrowers pay to refinance today, and what that does to their
//! interest coverage (model M3, `models::refinancing`).
//!
//! - What: `params.mode = "yield"`: the high-yield new-issue yield, percent. `"coverage"`:
//!   the multiplier on interest coverage when a share `params.repriced_share` (default 1) of
//!   debt written at `params.legacy_rate` (percent, default 3.5 = the midpoint of the seeds'
//!   3-4%) reprices at that yield: `r0 / ((1 − s)·r0 + s·r1)`. `"interest_multiple"`: its
//!   inverse, how many times the old interest bill the new one is.
//! - Why: the seeds say debt written at 3-4% reprices at 8-10% in 2026 and breaks the
//!   zombies. The market's own yield decides the first half; M3 turns it into coverage.
//! - How: `series[0]` is the ICE BofA US High Yield effective yield (FRED BAMLH0A0HYM2EY) when
//!   stored; otherwise `series[1] + series[2]`, a Treasury yield plus the high-yield
//!   option-adjusted spread on the spread's dates (the Treasury at its last value on or
//!   before). With `params.wall_usd_bn`, the details add the extra annual interest on that
//!   maturity wall, `wall · (r1 − r0)`.
//! - Limits: Treasury + OAS is a proxy for the index yield: the index's duration is shorter
//!   than ten years, so with the 10-year it overstates the yield when the curve slopes up.
//!   An index average; single-B, CCC and private-credit borrowers pay more. EBIT is held
//!   fixed.

use crate::checks::judge::format_number;
use crate::checks::{CheckDef, Computed};
use crate::models::refinancing::{
    Repricing, break_even_coverage, coverage_after, coverage_multiplier, extra_interest,
};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let (yields, sources, basis) = new_issue_yield(def, data, as_of)?;
    let &(date, r1) = yields.last().ok_or("no new-issue yield")?;
    let mut details = vec![(
        "new-issue yield".to_string(),
        format!("{}% ({basis})", format_number(r1)),
    )];
    match def.param_str("mode").unwrap_or("yield") {
        "yield" => Ok(Computed {
            value: r1,
            date,
            history: yields,
            floor: None,
            details,
            sources,
        }),
        mode @ ("coverage" | "interest_multiple") => {
            let r0 = def.param_f64("legacy_rate").unwrap_or(3.5) / 100.0;
            let share = def.param_f64("repriced_share").unwrap_or(1.0);
            let multiplier = |r1_pct: f64| {
                coverage_multiplier(Repricing {
                    old_rate: r0,
                    new_rate: r1_pct / 100.0,
                    repriced_share: share,
                })
            };
            let history: Vec<(Date, f64)> = yields
                .iter()
                .filter_map(|&(d, y)| multiplier(y).map(|m| (d, m)))
                .collect();
            let coverage = multiplier(r1).ok_or("the new-issue yield is not positive")?;
            let as_multiple = mode == "interest_multiple";
            let (value, history) = if as_multiple {
                (
                    1.0 / coverage,
                    history.iter().map(|&(d, m)| (d, 1.0 / m)).collect(),
                )
            } else {
                (coverage, history)
            };
            let repricing = Repricing {
                old_rate: r0,
                new_rate: r1 / 100.0,
                repriced_share: share,
            };
            details.push(if as_multiple {
                (
                    "multiplier on interest coverage".to_string(),
                    format_number(coverage),
                )
            } else {
                (
                    "interest cost multiple".to_string(),
                    format!("×{}", format_number(1.0 / coverage)),
                )
            });
            details.push((
                "coverage needed today to stay ≥ 1 after full repricing".to_string(),
                format_number(break_even_coverage(r0, r1 / 100.0)),
            ));
            if let Some(after) = coverage_after(2.0, repricing) {
                details.push((
                    "a firm covering interest 2.0× falls to".to_string(),
                    format!("{}×", format_number(after)),
                ));
            }
            if let Some(wall) = def.param_f64("wall_usd_bn") {
                details.push((
                    format!(
                        "extra interest on a ${}B maturity wall",
                        format_number(wall)
                    ),
                    format!(
                        "${}B a year",
                        format_number(extra_interest(&[wall], r0, r1 / 100.0))
                    ),
                ));
            }
            Ok(Computed {
                value,
                date,
                history,
                floor: None,
                details,
                sources,
            })
        }
        other => Err(format!(
            "check {}: params.mode must be `yield`, `coverage` or `interest_multiple`, not `{other}`",
            def.id
        )),
    }
}

type YieldHistory = (Vec<(Date, f64)>, Vec<String>, String);

/// The effective yield when stored, else Treasury + OAS.
fn new_issue_yield(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<YieldHistory, String> {
    if let Some(id) = def.series.first()
        && let Some(s) = data.get(id)
        && s.last_at(as_of).is_some()
    {
        return Ok((
            s.up_to(as_of).to_vec(),
            vec![id.clone()],
            format!("{id}, the index's effective yield"),
        ));
    }
    let (Some(tsy_id), Some(oas_id)) = (def.series.get(1), def.series.get(2)) else {
        return Err(format!(
            "check {} needs [effective yield, Treasury yield, OAS] series",
            def.id
        ));
    };
    let missing = || {
        format!(
            "no stored observation on or before {as_of} for {} (or {tsy_id} and {oas_id})",
            def.series[0]
        )
    };
    let tsy = data.get(tsy_id).ok_or_else(missing)?.up_to(as_of);
    let oas = data.get(oas_id).ok_or_else(missing)?.up_to(as_of);
    let sum = sum_on_second_dates(tsy, oas);
    if sum.is_empty() {
        return Err(missing());
    }
    Ok((
        sum,
        vec![tsy_id.clone(), oas_id.clone()],
        format!("{tsy_id} + {oas_id}"),
    ))
}

/// `a + b` at each date of `b`, with `a` at its last value on or before that date.
pub fn sum_on_second_dates(a: &[(Date, f64)], b: &[(Date, f64)]) -> Vec<(Date, f64)> {
    let mut res = Vec::with_capacity(b.len());
    let mut j = 0usize;
    for &(d, v) in b {
        while j + 1 < a.len() && a[j + 1].0 <= d {
            j += 1;
        }
        if let Some(&(ad, av)) = a.get(j)
            && ad <= d
        {
            res.push((d, av + v));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn treasury_plus_spread_on_spread_dates() {
        let tsy = vec![(date(2025, 1, 2), 4.0), (date(2025, 1, 6), 4.2)];
        let oas = vec![
            (date(2025, 1, 1), 3.0),
            (date(2025, 1, 3), 3.1),
            (date(2025, 1, 6), 3.3),
        ];
        // 01-01 has no Treasury yet; 01-03 uses 01-02's 4.0; 01-06 uses 4.2.
        let sum = sum_on_second_dates(&tsy, &oas);
        assert_eq!(sum.len(), 2);
        assert!((sum[0].1 - 7.1).abs() < 1e-12);
        assert!((sum[1].1 - 7.5).abs() < 1e-12);
    }
}
