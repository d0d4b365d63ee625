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
use crate::checks::{CheckDef, Computed, Detail, Missing, Note};
use crate::models::refinancing::{
    Repricing, break_even_coverage, coverage_after, coverage_multiplier, extra_interest,
};
use crate::series::{Dataset, Date};

/// `params` of `refinancing`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// What the value is (default `yield`).
    pub mode: Mode,
    /// The rate the old debt was written at, percent (default 3.5): above 0.
    pub legacy_rate: f64,
    /// The share of the debt that reprices (default 1): in (0, 1].
    pub repriced_share: f64,
    /// A maturity wall in $B whose extra yearly interest the details show: above 0.
    pub wall_usd_bn: Option<f64>,
}

/// What a `refinancing` check's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The new-issue yield, percent.
    Yield,
    /// The multiplier on interest coverage after repricing.
    Coverage,
    /// How many times the old interest bill the new one is.
    InterestMultiple,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            mode: Mode::Yield,
            legacy_rate: 3.5,
            repriced_share: 1.0,
            wall_usd_bn: None,
        }
    }
}

impl super::Params for Params {
    fn check(&self) -> Result<(), (&'static str, String)> {
        super::positive("legacy_rate", self.legacy_rate)?;
        if !(self.repriced_share > 0.0 && self.repriced_share <= 1.0) {
            return Err((
                "repriced_share",
                format!("is {}: must be in (0, 1]", self.repriced_share),
            ));
        }
        match self.wall_usd_bn {
            Some(wall) => super::positive("wall_usd_bn", wall),
            None => Ok(()),
        }
    }
}

/// `series = [effective yield, Treasury yield, OAS]` (checked when parsed).
pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let (yields, sources, basis) = new_issue_yield(def, data, as_of)?;
    let &(date, r1) = yields
        .last()
        .ok_or_else(|| Missing::NoValue(Note::new("no new-issue yield", "没有新发行收益率")))?;
    let mut details = vec![Detail::new(
        Note::new("new-issue yield", "新发行收益率"),
        Note::new(
            format!("{}% ({})", format_number(r1), basis.en),
            format!("{}%（{}）", format_number(r1), basis.zh),
        ),
    )];
    match p.mode {
        Mode::Yield => Ok(Computed {
            value: r1,
            date,
            history: yields,
            floor: None,
            details,
            sources,
        }),
        mode @ (Mode::Coverage | Mode::InterestMultiple) => {
            let r0 = p.legacy_rate / 100.0;
            let share = p.repriced_share;
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
            let coverage = multiplier(r1).ok_or_else(|| {
                Missing::NoValue(Note::new(
                    "the new-issue yield is not positive",
                    "新发行收益率不为正",
                ))
            })?;
            let as_multiple = mode == Mode::InterestMultiple;
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
                Detail::figure(
                    "multiplier on interest coverage",
                    "利息保障倍数的乘数",
                    format_number(coverage),
                )
            } else {
                Detail::figure(
                    "interest cost multiple",
                    "利息成本倍数",
                    format!("×{}", format_number(1.0 / coverage)),
                )
            });
            details.push(Detail::figure(
                "coverage needed today to stay ≥ 1 after full repricing",
                "全部重新定价后仍保持≥1所需的当前保障倍数",
                format_number(break_even_coverage(r0, r1 / 100.0)),
            ));
            if let Some(after) = coverage_after(2.0, repricing) {
                details.push(Detail::figure(
                    "a firm covering interest 2.0× falls to",
                    "利息保障倍数为2.0的公司降至",
                    format!("{}×", format_number(after)),
                ));
            }
            if let Some(wall) = p.wall_usd_bn {
                let (wall, extra) = (
                    format_number(wall),
                    format_number(extra_interest(&[wall], r0, r1 / 100.0)),
                );
                details.push(Detail::new(
                    Note::new(
                        format!("extra interest on a ${wall}B maturity wall"),
                        format!("额外利息（到期墙：${wall}B）"),
                    ),
                    Note::new(format!("${extra}B a year"), format!("${extra}B/年")),
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
    }
}

type YieldHistory = (Vec<(Date, f64)>, Vec<String>, Note);

/// The effective yield when stored, else Treasury + OAS; with the basis used.
fn new_issue_yield(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<YieldHistory, Missing> {
    let [id, tsy_id, oas_id] = [&def.series[0], &def.series[1], &def.series[2]];
    if let Some(s) = data.get(id)
        && s.last_at(as_of).is_some()
    {
        return Ok((
            s.up_to(as_of).to_vec(),
            vec![id.clone()],
            Note::new(
                format!("{id}, the index's effective yield"),
                format!("{id}，指数有效收益率"),
            ),
        ));
    }
    let missing = || Missing::NoObservation {
        ids: vec![id.clone()],
        as_of: Some(as_of),
        note: Some(Note::new(
            format!("or {tsy_id} and {oas_id}"),
            format!("或{tsy_id}与{oas_id}"),
        )),
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
        Note::same(format!("{tsy_id} + {oas_id}")),
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

    /// Oracle by hand (M3): debt written at 3.5% repriced at an 8% effective yield pays
    /// 8/3.5 = 2.29 times the interest, so coverage is multiplied by 3.5/8 = 0.4375; a firm
    /// covering 2.0× falls to 0.875×; a $709B wall costs 709 × 4.5% = $31.9B a year more.
    /// Without the effective yield, Treasury 4.2 + OAS 3.3 = 7.5%.
    #[test]
    fn coverage_and_interest_multiple_by_hand() {
        use super::super::test_util::{data, def, detail};
        use crate::checks::compute::run;
        let series = ["HYEY", "DGS10", "OAS"];
        let multiple = def(
            "refinancing",
            &series,
            r#"{ mode = "interest_multiple", legacy_rate = 3.5, wall_usd_bn = 709.0 }"#,
        );
        let set = data(&[("HYEY", vec![(date(2026, 1, 2), 8.0)])]);
        let c = run(&multiple, &set, date(2026, 1, 31)).unwrap();
        assert!((c.value - 8.0 / 3.5).abs() < 1e-12, "{}", c.value);
        assert_eq!(detail(&c, "multiplier on interest coverage"), "0.44");
        assert_eq!(
            detail(&c, "a firm covering interest 2.0× falls to"),
            "0.88×"
        );
        assert_eq!(
            detail(&c, "extra interest on a $709.0B maturity wall"),
            "$31.90B a year"
        );
        let coverage = def("refinancing", &series, r#"{ mode = "coverage" }"#);
        let c = run(&coverage, &set, date(2026, 1, 31)).unwrap();
        assert!((c.value - 0.4375).abs() < 1e-12);
        let proxy = data(&[
            ("DGS10", vec![(date(2026, 1, 2), 4.2)]),
            ("OAS", vec![(date(2026, 1, 2), 3.3)]),
        ]);
        let yield_only = def("refinancing", &series, "{}");
        let c = run(&yield_only, &proxy, date(2026, 1, 31)).unwrap();
        assert!((c.value - 7.5).abs() < 1e-12);
        assert_eq!(detail(&c, "new-issue yield"), "7.50% (DGS10 + OAS)");
        assert_eq!(
            run(&yield_only, &data(&[]), date(2026, 1, 31))
                .unwrap_err()
                .en(),
            "no stored observation on or before 2026-01-31 for HYEY (or DGS10 and OAS)"
        );
    }
}
