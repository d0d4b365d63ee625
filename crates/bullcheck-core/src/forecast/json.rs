//! JSON of the forecasts' models and skill, shared by `history --format json` and the audit.

use serde_json::{Value, json};

use super::{Comparison, EventForecast, LAMBDA, MIN_TRAIN_EVENTS, MIN_TRAIN_MONTHS, Record, Skill};
use crate::scoring::EventKind;
use crate::series::month_end_of;

fn round(v: Option<f64>, decimals: i32) -> Value {
    match v {
        Some(v) if v.is_finite() => {
            let scale = 10f64.powi(decimals);
            json!((v * scale).round() / scale)
        }
        _ => Value::Null,
    }
}

/// How every forecast is made (one sentence per rule).
pub const METHOD: &str = "ridge logistic regression (penalty 1 on standardised slopes), refitted at every month-end t on an expanding window: training months s <= t-12 whose 12-month window had closed by t, labelled with the events the data had shown by t (a bear market is shown when the index first closes 20% below its peak), features dated on or before each month; no forecast before 120 training months and 2 events; specifications fixed on economic grounds before any result was seen (docs/rating.md section 7)";

pub fn skill(s: &Skill) -> Value {
    json!({
        "n_months": s.n_months,
        "n_positive_months": s.n_positive,
        "auroc": round(s.auroc, 4),
        "brier": round(s.brier, 4),
        "brier_base_rate": round(s.brier_base_rate, 4),
        "reliability": s.reliability.iter().map(|b| json!({
            "from": b.lower,
            "to": b.upper,
            "n_months": b.n,
            "mean_forecast": round(b.mean_forecast, 4),
            "observed": round(b.observed, 4),
        })).collect::<Vec<_>>(),
    })
}

fn comparison(c: &Comparison) -> Value {
    json!({
        "signal": c.signal,
        "n_months": c.n_months,
        "auroc": round(c.auroc, 4),
        "brier": round(c.brier, 4),
        "model_auroc": round(c.model_auroc, 4),
        "model_brier": round(c.model_brier, 4),
    })
}

pub fn event(e: &EventForecast) -> Value {
    json!({
        "event": e.spec.event.name(),
        "model": e.spec.name(),
        "features": e.spec.features.iter().map(|f| f.name()).collect::<Vec<_>>(),
        "first_forecast": e.path.keys().next().map(|&m| month_end_of(m).strftime("%Y-%m").to_string()),
        "last_forecast": e.path.keys().next_back().map(|&m| month_end_of(m).strftime("%Y-%m").to_string()),
        "skill_from_1990": skill(&e.from_1990),
        "skill_before_1990": skill(&e.before_1990),
        "comparators_from_1990": e.comparisons.iter().map(comparison).collect::<Vec<_>>(),
        "matched_comparison_from_1990": e.matched.iter().map(|r| json!({
            "signal": r.signal,
            "n_months": r.months,
            "auroc": round(r.auroc, 4),
            "auroc_ci95": r.auroc_ci.map(|(lo, hi)| [round(Some(lo), 4), round(Some(hi), 4)]),
            "brier": round(r.brier, 4),
            "brier_ci95": r.brier_ci.map(|(lo, hi)| [round(Some(lo), 4), round(Some(hi), 4)]),
            "events": r.events,
            "flagged": r.flagged,
        })).collect::<Vec<_>>(),
        "alternatives_from_1990": e.alternatives.iter().map(|(name, s)| json!({
            "model": name,
            "n_months": s.n_months,
            "auroc": round(s.auroc, 4),
            "brier": round(s.brier, 4),
            "brier_base_rate": round(s.brier_base_rate, 4),
        })).collect::<Vec<_>>(),
    })
}

/// The `forecasts` object of `history --format json`.
pub fn record(r: &Record) -> Value {
    let events: Vec<Value> = EventKind::ALL
        .iter()
        .map(|&k| match r.get(k) {
            Some(e) => event(e),
            None => json!({
                "event": k.name(),
                "model": Value::Null,
                "missing": "no fit: the inputs (term spread, GZ_EBP, SHILLER_CAPE) or the events are not stored, or fewer than 120 training months and 2 events",
            }),
        })
        .collect();
    json!({
        "method": METHOD,
        "lambda": LAMBDA,
        "min_training_months": MIN_TRAIN_MONTHS,
        "min_training_events": MIN_TRAIN_EVENTS,
        "evaluation": "out of sample on months from 1990-01; base-rate Brier = p(1-p) with p the period's own event frequency; nyfed_probit (the probability of being in recession 12 months ahead, coefficients fitted by the NY Fed on its full sample) and fed_ebp_prob (GZ_EST_PROB, fitted by the Fed on its full sample) are in-sample comparators",
        "events": events,
    })
}
