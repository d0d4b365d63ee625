//! What a scenario does to each asset class: the model's return over the horizon, what it
//! returned over a replay's window when its history is stored, and its carry (equations in
//! `docs/portfolio.md`; the classes, cited figures and fitted estimates are in [`super`]).

use serde::Serialize;

use super::{
    AssetKind, EQUITY_IDS, Estimates, HY_DEFAULT_RATE, HY_DURATION, HY_RECOVERY, IG_DURATION,
    TBILL_IDS,
};
use crate::portfolio::adapter::ModelMoves;
use crate::portfolio::bond::{self, par_bond_return_pct};
use crate::portfolio::fit::{Fit, Realised, first_stored, realised};
use crate::series::{Dataset, Date, Series};
use crate::vocab::Lang;

/// A holding's return in one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssetOutcome {
    /// The model's estimate, % over the horizon.
    pub model_pct: Option<f64>,
    /// What happened over a replay's window, % (assets with stored history only).
    pub history_pct: Option<f64>,
    /// How the model number was obtained (or why it is missing).
    pub how: String,
    /// The history behind `history_pct`.
    pub history: Vec<Realised>,
}

impl AssetOutcome {
    /// History when there is one, else the model.
    pub fn used(&self) -> Option<f64> {
        self.history_pct.or(self.model_pct)
    }
    pub fn source(&self) -> &'static str {
        match (self.history_pct, self.model_pct) {
            (Some(_), _) => "history",
            (None, Some(_)) => "model",
            _ => "missing",
        }
    }
}

/// The equity index change the model uses: the scenario's own path for DFAST (an input of
/// the scenario), the transmission model's otherwise (in a replay the S&P 500's actual move is
/// history, reported beside it).
pub fn equity_input(moves: &ModelMoves) -> Option<f64> {
    if moves.kind == "dfast" {
        moves.equity_scenario_pct.or(moves.equity_model_pct)
    } else {
        moves.equity_model_pct
    }
}

/// Horizon of the model in years.
pub fn horizon_years(moves: &ModelMoves) -> f64 {
    moves.horizon_quarters as f64 / 4.0
}

fn replay_dates(moves: &ModelMoves) -> Option<(Date, Date)> {
    let (a, b) = moves.replay.as_ref()?;
    Some((crate::series::parse_date(a)?, crate::series::parse_date(b)?))
}

fn years_between(a: Date, b: Date) -> f64 {
    (b - a).get_days() as f64 / 365.25
}

fn pct_from_log(x: f64) -> f64 {
    100.0 * ((x / 100.0).exp() - 1.0)
}

/// The 2- or 30-year yield change implied by a 10-year change (slope of the fit).
fn curve_change(fit: Option<&Fit>, d10: f64) -> Option<f64> {
    fit.map(|f| f.predict(&[d10]))
}

/// The maturity (years) of a semi-annual par bond at `yield_pct` whose modified duration is
/// `duration`: a credit index is repriced as that bond, so its convexity comes from the bond
/// arithmetic rather than a linear duration (bisection; at most 30 years).
pub fn par_maturity_for_duration(duration: f64, yield_pct: f64) -> f64 {
    let d = |m: f64| {
        bond::Bond {
            coupon_pct: yield_pct,
            maturity_years: m,
            frequency: bond::SEMI_ANNUAL,
        }
        .modified_duration(yield_pct)
    };
    // Duration rises with maturity (for these yields and up to 30 years): bisection.
    let (mut lo, mut hi) = (0.25, 30.0);
    if d(hi) <= duration {
        return hi;
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if d(mid) < duration {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The default rate (% per year) at a high-yield spread: the cited average scaled by the
/// spread relative to its stored mean (documented assumption: proportional).
pub fn hy_default_rate(spread: f64, mean_spread: f64) -> f64 {
    HY_DEFAULT_RATE.value * spread / mean_spread
}

/// One asset in one scenario. `equity_override` replaces the equity change (percentiles).
pub fn outcome(
    kind: &AssetKind,
    moves: &ModelMoves,
    est: &Estimates,
    data: &Dataset,
    equity_override: Option<f64>,
) -> AssetOutcome {
    let h = horizon_years(moves);
    let equity = equity_override.or_else(|| equity_input(moves));
    let d10 = moves.ust10y_change_pp;
    let dhy = moves.hy_oas_change_pp;
    let missing = |why: &str| (None, why.to_string());
    let (model_pct, how) = match kind {
        AssetKind::UsLargeCap => match equity {
            Some(e) => (Some(e), "the equity index change".to_string()),
            None => missing("no equity index change in this scenario"),
        },
        AssetKind::Treasuries2y | AssetKind::Treasuries10y | AssetKind::Treasuries30y => {
            let (maturity, level, change) = match kind {
                AssetKind::Treasuries2y => (
                    2.0,
                    est.ust2y,
                    d10.and_then(|d| curve_change(est.curve_2y.as_ref(), d)),
                ),
                AssetKind::Treasuries10y => (10.0, est.ust10y, d10),
                _ => (
                    30.0,
                    est.ust30y,
                    d10.and_then(|d| curve_change(est.curve_30y.as_ref(), d)),
                ),
            };
            match (level, change) {
                (Some(y), Some(dy)) => (
                    Some(par_bond_return_pct(maturity, y, dy, h)),
                    format!(
                        "{maturity}-year par bond at {y:.2}%, yield {dy:+.2} pp, {h} years of coupons"
                    ),
                ),
                (None, _) => missing("no_data: today's yield is not stored"),
                (_, None) => {
                    missing("no yield change (DGS10, or the curve fit on DGS2/DGS30, missing)")
                }
            }
        }
        AssetKind::Tbills => match est.tbill {
            Some(y) => (
                Some(y * h),
                format!("3-month yield {y:.2}% held for {h} years"),
            ),
            None => missing("no_data: DGS3MO (or GHALAM_DGS3MO) not stored"),
        },
        AssetKind::IgCredit => {
            let ds = dhy.and_then(|d| est.ig_on_hy.as_ref().map(|f| f.predict(&[d])));
            match (est.ust10y, est.ig_oas, d10, ds) {
                (Some(y), Some(s), Some(dy), Some(ds)) => {
                    let m = par_maturity_for_duration(IG_DURATION.value, y + s);
                    (
                        Some(par_bond_return_pct(m, y + s, dy + ds, h)),
                        format!(
                            "par bond at {y:.2}% + {s:.2}% with duration {} ({m:.2} years), yield {dy:+.2} + {ds:+.2} pp, {h} years",
                            IG_DURATION.value
                        ),
                    )
                }
                _ => missing(
                    "no_data: needs DGS10, BAMLC0A0CM, BAMLH0A0HYM2 and the scenario's yield and spread changes",
                ),
            }
        }
        AssetKind::HyCredit => match (est.ust10y, est.hy_oas, est.hy_oas_mean, d10, dhy) {
            (Some(y), Some(s), Some(mean), Some(dy), Some(ds)) => {
                let pd = hy_default_rate(s + ds / 2.0, mean);
                let loss = pd * (1.0 - HY_RECOVERY.value / 100.0) * h;
                let m = par_maturity_for_duration(HY_DURATION.value, y + s);
                (
                    Some(par_bond_return_pct(m, y + s, dy + ds, h) - loss),
                    format!(
                        "par bond at {y:.2}% + {s:.2}% with duration {} ({m:.2} years), yield {dy:+.2} + {ds:+.2} pp, {h} years − defaults {pd:.2}%/y × {:.0}% loss × {h} y",
                        HY_DURATION.value,
                        100.0 - HY_RECOVERY.value
                    ),
                )
            }
            _ => missing(
                "no_data: needs DGS10, BAMLH0A0HYM2 and the scenario's yield and spread changes",
            ),
        },
        other => match est.fits.get(&other.name()) {
            Some(Ok(f)) => match (equity, d10, dhy) {
                (Some(e), Some(dy), Some(ds)) => {
                    let x = [100.0 * (1.0 + e / 100.0).ln(), dy, ds];
                    (
                        Some(pct_from_log(f.predict(&x))),
                        format!("fit on history: {}", f.describe(Lang::En)),
                    )
                }
                _ => missing("the scenario lacks an equity, 10-year or high-yield change"),
            },
            Some(Err(why)) => missing(&why.en),
            None => missing("not estimated"),
        },
    };
    let (history_pct, history) = history(kind, moves, est, data);
    AssetOutcome {
        model_pct: model_pct.filter(|x| x.is_finite()),
        history_pct,
        how,
        history,
    }
}

fn history(
    kind: &AssetKind,
    moves: &ModelMoves,
    est: &Estimates,
    data: &Dataset,
) -> (Option<f64>, Vec<Realised>) {
    let Some((start, end)) = replay_dates(moves) else {
        return (None, Vec::new());
    };
    let span = years_between(start, end);
    let price_change = |s: &Series| {
        let r = realised(s, start, end)?;
        let pct = 100.0 * (r.end_value / r.start_value - 1.0);
        Some((pct, r))
    };
    let result = match kind {
        AssetKind::UsLargeCap => first_stored(data, &EQUITY_IDS)
            .and_then(price_change)
            .map(|(p, r)| (p, vec![r])),
        AssetKind::Treasuries2y | AssetKind::Treasuries10y | AssetKind::Treasuries30y => {
            let (id, maturity) = match kind {
                AssetKind::Treasuries2y => ("DGS2", 2.0),
                AssetKind::Treasuries10y => ("DGS10", 10.0),
                _ => ("DGS30", 30.0),
            };
            data.get(id).and_then(|s| realised(s, start, end)).map(|r| {
                (
                    par_bond_return_pct(maturity, r.start_value, r.end_value - r.start_value, span),
                    vec![r],
                )
            })
        }
        AssetKind::Tbills => first_stored(data, &TBILL_IDS).and_then(|s| {
            let window: Vec<f64> = s
                .points
                .iter()
                .filter(|p| p.0 >= start && p.0 <= end)
                .map(|p| p.1)
                .collect();
            let r = realised(s, start, end)?;
            (!window.is_empty()).then(|| {
                let mean = window.iter().sum::<f64>() / window.len() as f64;
                (mean * span, vec![r])
            })
        }),
        AssetKind::IgCredit | AssetKind::HyCredit => None,
        other => est
            .asset_series
            .get(&other.name())
            .and_then(price_change)
            .map(|(p, r)| (p, vec![r])),
    };
    match result {
        Some((p, r)) if p.is_finite() => (Some(p), r),
        _ => (None, Vec::new()),
    }
}

/// Yearly carry in % (income when nothing moves): dividend yield for equity classes, yield
/// for Treasuries and bills, yield + spread (− expected default loss) for credit, 0 for
/// commodities, factors and other series. `None` when the level is not stored.
pub fn carry_pct(kind: &AssetKind, est: &Estimates) -> Option<f64> {
    if kind.is_equity() {
        return est.dividend_yield;
    }
    match kind {
        AssetKind::Treasuries2y => est.ust2y,
        AssetKind::Treasuries10y => est.ust10y,
        AssetKind::Treasuries30y => est.ust30y,
        AssetKind::Tbills => est.tbill,
        AssetKind::IgCredit => Some(est.ust10y? + est.ig_oas?),
        AssetKind::HyCredit => {
            let (y, s) = (est.ust10y?, est.hy_oas?);
            let pd = hy_default_rate(s, est.hy_oas_mean?);
            Some(y + s - pd * (1.0 - HY_RECOVERY.value / 100.0))
        }
        _ => Some(0.0),
    }
}
