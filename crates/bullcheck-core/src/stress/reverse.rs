//! Reverse stress test: the smallest shock to one variable (the others following their
//! conditional expectation) that moves a target output by a given amount — e.g. the rise of
//! the required earnings yield that cuts the index's fair value by 20%.
//!
//! Method: evaluate the output change g(s) = output(s) − output(0) for the shock size s; expand
//! a bracket [0, ±2^k] on each side until g crosses the target, then bisect (60 steps, so the
//! answer is exact to ~1e-15 of the bracket). The smaller |s| of the two sides wins. Works for
//! any monotone-on-a-side output, linear or not. With `bounds` ([`feasible_bounds`]: the
//! variable's historical range) the bracket never leaves them, and a target beyond them is
//! answered `infeasible within bounds` with the bound that binds.

use serde::Serialize;

use super::history::Covariance;
use super::scenario::ResolvedShock;
use super::transmission::{BaseLevels, evaluate_values, output_specs, propagate};
use super::variables::{Parameters, Variable};
use crate::vocab::Note;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReverseResult {
    pub target: String,
    pub target_change: f64,
    pub shock_variable: String,
    pub shock_change: f64,
    pub shock_unit: Note,
    pub achieved_change: f64,
    /// The output's unit (e.g. `% change` for index_fair_value).
    pub target_unit: Note,
    /// The feasible range of the shock (its change unit) the search stayed in: the variable's
    /// stored historical range of levels, as changes from today's level; `None`: unbounded
    /// (no stored history).
    pub bounds: Option<(f64, f64)>,
}

/// Why a reverse stress test has no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ReverseError {
    UnknownOutput {
        known: Vec<String>,
    },
    Unreachable {
        largest_tried: f64,
    },
    /// The target needs a shock beyond the feasible range; `bound` is the binding limit.
    Infeasible {
        bound: f64,
        unit: String,
        best_change: f64,
    },
}

impl std::fmt::Display for ReverseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReverseError::UnknownOutput { known } => {
                write!(f, "unknown output; known: {}", known.join(", "))
            }
            ReverseError::Unreachable { largest_tried } => write!(
                f,
                "no shock up to ±{largest_tried} moves the target that far (the output may not depend on this variable, \
                 or a needed series is not stored)"
            ),
            ReverseError::Infeasible {
                bound,
                unit,
                best_change,
            } => write!(
                f,
                "infeasible within bounds: the shock would have to go beyond {bound:+.4} {unit} (the variable's \
                 historical range from today's level); at that bound the output moves by {best_change:+.4}"
            ),
        }
    }
}

impl std::error::Error for ReverseError {}

/// The label of a shock's unit: index-like variables are searched in log points (100·Δln),
/// which are not simple % changes (issue 23: `reverse` printed them as "%").
fn shock_unit(variable: Variable) -> Note {
    match variable.spec().change_unit {
        super::variables::ChangeUnit::LogPercent => Note::new(
            "log points (100·Δln; simple % = 100·(exp(x/100) − 1))",
            "对数点（100·Δln；简单百分比 = 100·(exp(x/100) − 1)）",
        ),
        super::variables::ChangeUnit::Difference => Note::new(
            variable.spec().change_unit_label,
            variable.spec().change_unit_label_zh,
        ),
    }
}

/// The feasible range of a shock to `variable`, in its change unit: from today's level to the
/// lowest and highest stored levels (so each level stays within its historical range, and
/// levels stay ≥ 0). `None` when the variable has no stored history (`erp`, `ai_capex`).
pub fn feasible_bounds(data: &crate::series::Dataset, variable: Variable) -> Option<(f64, f64)> {
    let series = super::scenario::series_for(data, variable)?;
    let level = series.last()?.1;
    let values = series.points.iter().map(|p| p.1).filter(|v| v.is_finite());
    let (min, max) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let min = min.max(0.0);
    match variable.spec().change_unit {
        super::variables::ChangeUnit::Difference => Some((min - level, max - level)),
        super::variables::ChangeUnit::LogPercent if min > 0.0 && level > 0.0 => {
            Some((100.0 * (min / level).ln(), 100.0 * (max / level).ln()))
        }
        super::variables::ChangeUnit::LogPercent => None,
    }
}

/// Solves for the shock (see the module doc), within `bounds` when given.
pub fn reverse(
    target: &str,
    target_change: f64,
    shock: Variable,
    covariance: Option<&Covariance>,
    params: &Parameters,
    base: &BaseLevels,
    bounds: Option<(f64, f64)>,
) -> Result<ReverseResult, ReverseError> {
    let specs = output_specs();
    let Some(index) = specs.iter().position(|s| s.name == target) else {
        return Err(ReverseError::UnknownOutput {
            known: specs.iter().map(|s| s.name.clone()).collect(),
        });
    };
    let mut out = Vec::new();
    let mut value_at = |s: f64| {
        let shocks = [ResolvedShock {
            variable: shock,
            change: s,
            explanation: crate::vocab::Note::default(),
        }];
        let (changes, _) = propagate(&shocks, covariance, base);
        evaluate_values(&changes, params, base, &mut out);
        out[index]
    };
    let origin = value_at(0.0);
    let g = |v: f64| v - origin - target_change;
    const LARGEST: f64 = 1_048_576.0;
    let mut best: Option<f64> = None;
    let limit = |sign: f64| match bounds {
        Some((low, high)) => {
            if sign > 0.0 {
                high.max(0.0)
            } else {
                low.min(0.0)
            }
        }
        None => sign * LARGEST,
    };
    for sign in [1.0_f64, -1.0] {
        let end = limit(sign);
        if end == 0.0 {
            continue;
        }
        let mut lo = 0.0;
        let mut hi = if end.abs() < 1.0 { end } else { sign };
        let g_lo = g(origin);
        let mut found = false;
        loop {
            let g_hi = g(value_at(hi));
            if g_hi.is_finite()
                && g_lo.is_finite()
                && (g_hi == 0.0 || g_hi.signum() != g_lo.signum())
            {
                found = true;
                break;
            }
            if hi == end {
                break;
            }
            lo = hi;
            hi = if (hi * 2.0).abs() >= end.abs() {
                end
            } else {
                hi * 2.0
            };
        }
        if !found {
            continue;
        }
        let g_lo_sign = g(value_at(lo)).signum();
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if g(value_at(mid)).signum() == g_lo_sign {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let s = 0.5 * (lo + hi);
        if best.is_none_or(|b| s.abs() < b.abs()) {
            best = Some(s);
        }
    }
    let Some(s) = best else {
        if let Some((low, high)) = bounds {
            // Which bound binds: the side where the output moves towards the target most.
            let (at_low, at_high) = (value_at(low) - origin, value_at(high) - origin);
            let towards = |v: f64| {
                if v.is_finite() {
                    v * target_change.signum()
                } else {
                    f64::MIN
                }
            };
            let (bound, best_change) = if towards(at_high) >= towards(at_low) {
                (high, at_high)
            } else {
                (low, at_low)
            };
            return Err(ReverseError::Infeasible {
                bound,
                unit: shock_unit(shock).en,
                best_change,
            });
        }
        return Err(ReverseError::Unreachable {
            largest_tried: LARGEST,
        });
    };
    Ok(ReverseResult {
        target: target.into(),
        target_change,
        shock_variable: shock.name().into(),
        shock_change: s,
        shock_unit: shock_unit(shock),
        achieved_change: value_at(s) - origin,
        target_unit: Note::new(specs[index].unit.clone(), specs[index].unit_zh.clone()),
        bounds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stress::transmission::NUM_VARIABLES;

    #[test]
    fn erp_change_that_cuts_fair_value_by_20_percent() {
        // EY₀/(EY₀ + Δ) = 0.8 ⇒ Δ = EY₀/4 (EY₀ the default 2.5263%).
        let base = BaseLevels {
            levels: [None; NUM_VARIABLES],
        };
        let r = reverse(
            "index_fair_value",
            -20.0,
            Variable::Erp,
            None,
            &Parameters::default(),
            &base,
            None,
        )
        .unwrap();
        assert!(
            (r.shock_change - Parameters::default_of("earnings_yield") / 4.0).abs() < 1e-9,
            "{}",
            r.shock_change
        );
        assert!((r.achieved_change + 20.0).abs() < 1e-9);
    }

    #[test]
    fn a_target_beyond_the_feasible_range_is_infeasible_and_names_the_bound() {
        // −20% needs Δerp = EY₀/4 = 0.63 pp; within ±0.5 it is infeasible, the upper bound
        // binds, and at it the index moves by EY₀/(EY₀ + 0.5) − 1.
        let base = BaseLevels {
            levels: [None; NUM_VARIABLES],
        };
        let params = Parameters::default();
        let e = reverse(
            "index_fair_value",
            -20.0,
            Variable::Erp,
            None,
            &params,
            &base,
            Some((-0.5, 0.5)),
        )
        .unwrap_err();
        let ey0 = Parameters::default_of("earnings_yield");
        match e {
            ReverseError::Infeasible {
                bound, best_change, ..
            } => {
                assert_eq!(bound, 0.5);
                assert!((best_change - 100.0 * (ey0 / (ey0 + 0.5) - 1.0)).abs() < 1e-9);
            }
            other => panic!("{other:?}"),
        }
        // Within ±1 it is solved, and the answer stays inside.
        let r = reverse(
            "index_fair_value",
            -20.0,
            Variable::Erp,
            None,
            &params,
            &base,
            Some((-1.0, 1.0)),
        )
        .unwrap();
        assert!((r.shock_change - ey0 / 4.0).abs() < 1e-9);
    }

    #[test]
    fn an_output_that_does_not_move_is_unreachable() {
        let base = BaseLevels {
            levels: [None; NUM_VARIABLES],
        };
        let e = reverse(
            "ai_earnings",
            -5.0,
            Variable::Vix,
            None,
            &Parameters::default(),
            &base,
            None,
        )
        .unwrap_err();
        assert!(matches!(e, ReverseError::Unreachable { .. }));
    }
}
