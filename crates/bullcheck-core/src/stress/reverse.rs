//! Reverse stress test: the smallest shock to one variable (the others following their
//! conditional expectation) that moves a target output by a given amount — e.g. the rise of
//! the required earnings yield that cuts the index's fair value by 20%.
//!
//! Method: evaluate the output change g(s) = output(s) − output(0) for the shock size s; expand
//! a bracket [0, ±2^k] on each side until g crosses the target, then bisect (60 steps, so the
//! answer is exact to ~1e-15 of the bracket). The smaller |s| of the two sides wins. Works for
//! any monotone-on-a-side output, linear or not.

use serde::Serialize;

use super::history::Covariance;
use super::scenario::ResolvedShock;
use super::transmission::{BaseLevels, evaluate_values, output_specs, propagate};
use super::variables::{Parameters, Variable};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReverseResult {
    pub target: String,
    pub target_change: f64,
    pub shock_variable: String,
    pub shock_change: f64,
    pub shock_unit: String,
    pub achieved_change: f64,
}

/// Why a reverse stress test has no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ReverseError {
    UnknownOutput { known: Vec<String> },
    Unreachable { largest_tried: f64 },
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
        }
    }
}

impl std::error::Error for ReverseError {}

pub fn reverse(
    target: &str,
    target_change: f64,
    shock: Variable,
    covariance: Option<&Covariance>,
    params: &Parameters,
    base: &BaseLevels,
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
            explanation: String::new(),
        }];
        let (changes, _) = propagate(&shocks, covariance, base);
        evaluate_values(&changes, params, base, &mut out);
        out[index]
    };
    let origin = value_at(0.0);
    let g = |v: f64| v - origin - target_change;
    const LARGEST: f64 = 1_048_576.0;
    let mut best: Option<f64> = None;
    for sign in [1.0_f64, -1.0] {
        let (mut lo, mut hi): (f64, f64) = (0.0, sign);
        let g_lo = g(origin);
        let mut found = false;
        while hi.abs() <= LARGEST {
            let g_hi = g(value_at(hi));
            if g_hi.is_finite()
                && g_lo.is_finite()
                && (g_hi == 0.0 || g_hi.signum() != g_lo.signum())
            {
                found = true;
                break;
            }
            lo = hi;
            hi *= 2.0;
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
        return Err(ReverseError::Unreachable {
            largest_tried: LARGEST,
        });
    };
    Ok(ReverseResult {
        target: target.into(),
        target_change,
        shock_variable: shock.name().into(),
        shock_change: s,
        shock_unit: shock.spec().change_unit_label.into(),
        achieved_change: value_at(s) - origin,
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
        )
        .unwrap_err();
        assert!(matches!(e, ReverseError::Unreachable { .. }));
    }
}
