//! The seeds' "patches": what each costs a year and what it does in every scenario.
//!
//! What: `put-otm` (index puts rolled over the horizon), `gold`, `tbills`, `quality` (the
//! Fama-French RMW long-short as an overlay), `diversify` (seed 002's stocks, bonds, gold and
//! real estate). Why: the seeds prescribe them; bullcheck prices them on the same scenarios.
//! How: a reallocation patch moves `weight`% of the portfolio, pro rata out of every holding,
//! into its assets; `quality` adds `weight`% of the self-financing RMW factor on top; `put-otm`
//! buys puts on `notional`% of the equity exposure (us_large_cap, us_tech, us_small_cap),
//! strike `moneyness`% of spot, `tenor_months`, priced with Black-Scholes-Merton at the VIX
//! plus `skew` vol points per 1% out of the money, rolled at expiry across the horizon.
//! The yearly cost is the carry given up (for puts: premiums per year); the outcome in a
//! scenario is the patched portfolio's return; the improvement of the worst scenario per unit
//! of cost is (worst patched − worst unpatched) / cost.
//! Limits: the index path within a scenario is unknown; puts assume the index and the VIX move
//! log-linearly / linearly from start to end (a crash that happens fast pays more than this);
//! no transaction costs, no margin on the premiums.

use serde::Serialize;

use super::assets::AssetKind;
use super::bsm::{OptionInputs, price};

/// The put skew slope: implied-volatility points per 1% out of the money.
/// Source: an SPY option chain quoted on 2017-04-03 for the 19 May 2017 expiry (46 days),
/// spot 235.33: strike 230 → 11.31%, 210 → 19.09%: (19.09 − 11.31) / ((230 − 210)/235.33 × 100)
/// = 0.9154 points per 1%.
pub const SKEW_SLOPE: f64 = (19.09 - 11.31) / ((230.0 - 210.0) / 235.33 * 100.0);
pub const SKEW_SOURCE: &str = "SPY option chain, 46 days to the 19 May 2017 expiry, spot 235.33: implied volatility 11.31% at strike 230, 19.09% at 210 (forum quote, ed.traderszone.net/2017/04/question-about-strike-price-implied-volatility-skew, April 2017); a single-day quote, override with skew=";

/// A patch and its parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Patch {
    PutOtm {
        moneyness_pct: f64,
        tenor_months: f64,
        notional_pct: f64,
        skew: f64,
    },
    Gold {
        weight_pct: f64,
    },
    Tbills {
        weight_pct: f64,
    },
    Quality {
        weight_pct: f64,
    },
    Diversify {
        weight_pct: f64,
    },
}

/// Every patch with its defaults (`portfolio run` evaluates these when no `--patch` is given).
pub fn default_patches() -> Vec<(String, Patch)> {
    ["put-otm", "gold", "tbills", "quality", "diversify"]
        .iter()
        .map(|s| (s.to_string(), parse_patch(s).expect("defaults parse")))
        .collect()
}

/// Parses `NAME[:key=value,...]`, e.g. `put-otm:moneyness=90,tenor_months=3,notional=100`.
pub fn parse_patch(spec: &str) -> Result<Patch, String> {
    let (name, params) = spec.split_once(':').unwrap_or((spec, ""));
    let mut pairs: Vec<(String, f64)> = Vec::new();
    for part in params.split(',').filter(|p| !p.trim().is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("patch `{spec}`: `{part}` is not key=value"))?;
        // Weights and the notional are percent: `weight=0.1` is refused as ambiguous (10 % or
        // 0.1 %?) rather than read as 0.1 %.
        let x: f64 = if matches!(k.trim(), "weight" | "notional") {
            super::percent::parse_percent(&format!("patch `{spec}`: {}", k.trim()), v, false)?
        } else {
            let x: f64 = v
                .trim()
                .parse()
                .map_err(|_| format!("patch `{spec}`: {k}: `{v}` is not a number"))?;
            if !x.is_finite() {
                return Err(format!("patch `{spec}`: {k}: `{v}` is not a finite number"));
            }
            x
        };
        pairs.push((k.trim().to_string(), x));
    }
    let allowed: &[&str] = match name {
        "put-otm" => &["moneyness", "tenor_months", "notional", "skew"],
        "gold" | "tbills" | "quality" | "diversify" => &["weight"],
        _ => {
            return Err(format!(
                "unknown patch `{name}`; known: put-otm, gold, tbills, quality, diversify"
            ));
        }
    };
    for (k, _) in &pairs {
        if !allowed.contains(&k.as_str()) {
            return Err(format!(
                "patch `{name}`: unknown parameter `{k}`; known: {}",
                allowed.join(", ")
            ));
        }
    }
    let get = |k: &str, default: f64| {
        pairs
            .iter()
            .rev()
            .find(|p| p.0 == k)
            .map(|p| p.1)
            .unwrap_or(default)
    };
    let range = |k: &str, x: f64, lo: f64, hi: f64| {
        if (lo..=hi).contains(&x) {
            Ok(x)
        } else {
            Err(format!("patch `{name}`: {k} = {x} is outside {lo}..={hi}"))
        }
    };
    Ok(match name {
        "put-otm" => Patch::PutOtm {
            moneyness_pct: range("moneyness", get("moneyness", 90.0), 50.0, 100.0)?,
            tenor_months: range("tenor_months", get("tenor_months", 3.0), 1.0, 24.0)?,
            notional_pct: range("notional", get("notional", 100.0), 0.0, 200.0)?,
            skew: range("skew", get("skew", SKEW_SLOPE), 0.0, 5.0)?,
        },
        "gold" => Patch::Gold {
            weight_pct: range("weight", get("weight", 10.0), 0.0, 100.0)?,
        },
        "tbills" => Patch::Tbills {
            weight_pct: range("weight", get("weight", 10.0), 0.0, 100.0)?,
        },
        "quality" => Patch::Quality {
            weight_pct: range("weight", get("weight", 10.0), 0.0, 100.0)?,
        },
        _ => Patch::Diversify {
            weight_pct: range("weight", get("weight", 100.0), 0.0, 100.0)?,
        },
    })
}

/// The holdings after a reallocation or overlay patch (`None` for `put-otm`, which keeps the
/// holdings and adds an option position).
pub fn patched_holdings(
    patch: &Patch,
    holdings: &[(AssetKind, f64)],
) -> Option<Vec<(AssetKind, f64)>> {
    let (moved, into): (f64, Vec<AssetKind>) = match patch {
        Patch::PutOtm { .. } => return None,
        Patch::Gold { weight_pct } => (weight_pct / 100.0, vec![AssetKind::Gold]),
        Patch::Tbills { weight_pct } => (weight_pct / 100.0, vec![AssetKind::Tbills]),
        Patch::Diversify { weight_pct } => (
            weight_pct / 100.0,
            vec![
                AssetKind::UsLargeCap,
                AssetKind::Treasuries10y,
                AssetKind::Gold,
                AssetKind::RealEstate,
            ],
        ),
        Patch::Quality { weight_pct } => {
            let mut out = holdings.to_vec();
            add(&mut out, AssetKind::Quality, weight_pct / 100.0);
            return Some(out);
        }
    };
    let mut out: Vec<(AssetKind, f64)> = holdings
        .iter()
        .map(|(k, w)| (k.clone(), w * (1.0 - moved)))
        .collect();
    for k in &into {
        add(&mut out, k.clone(), moved / into.len() as f64);
    }
    Some(out)
}

fn add(holdings: &mut Vec<(AssetKind, f64)>, kind: AssetKind, weight: f64) {
    if let Some(h) = holdings.iter_mut().find(|h| h.0 == kind) {
        h.1 += weight;
    } else {
        holdings.push((kind, weight));
    }
}

/// Market inputs of the put program (decimals except the VIX, in points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PutMarket {
    pub rate: f64,
    pub dividend: f64,
}

/// Implied volatility (decimal) at moneyness K/S from the VIX and the skew slope.
pub fn skewed_vol(vix: f64, skew: f64, strike_over_spot: f64) -> f64 {
    ((vix + skew * 100.0 * (1.0 - strike_over_spot).max(0.0)) / 100.0).max(0.01)
}

/// Premium of one put as a fraction of spot, and its yearly cost (rolled every tenor).
pub fn put_cost_per_year(patch: &Patch, vix: f64, market: PutMarket) -> Option<(f64, f64)> {
    let Patch::PutOtm {
        moneyness_pct,
        tenor_months,
        skew,
        ..
    } = *patch
    else {
        return None;
    };
    let m = moneyness_pct / 100.0;
    let tenor = tenor_months / 12.0;
    let premium = price(&OptionInputs {
        spot: 1.0,
        strike: m,
        rate: market.rate,
        vol: skewed_vol(vix, skew, m),
        years: tenor,
        dividend: market.dividend,
    })
    .put;
    Some((premium, premium / tenor))
}

/// Profit and loss of the rolled put program per unit of index notional (spot at the start
/// = 1), over a scenario where the index moves `equity_pct` and the VIX goes from `vix0` to
/// `vix1` in `horizon` years along a log-linear (index) and linear (VIX) path.
#[allow(clippy::too_many_arguments)]
pub fn put_program_pnl(
    moneyness: f64,
    tenor: f64,
    skew: f64,
    equity_pct: f64,
    horizon: f64,
    vix0: f64,
    vix1: f64,
    market: PutMarket,
) -> f64 {
    let g = (1.0 + equity_pct / 100.0).ln();
    put_program_pnl_on_path(
        moneyness,
        tenor,
        skew,
        horizon,
        |t| (g * t / horizon).exp(),
        |t| vix0 + (vix1 - vix0) * t / horizon,
        market,
    )
}

/// The same along a given path: `spot(t)` (index relative to its start) and `vix(t)` for t in
/// years from the start (a replay passes the stored daily S&P 500 and VIX).
pub fn put_program_pnl_on_path(
    moneyness: f64,
    tenor: f64,
    skew: f64,
    horizon: f64,
    spot: impl Fn(f64) -> f64,
    vix: impl Fn(f64) -> f64,
    market: PutMarket,
) -> f64 {
    let mut t = 0.0;
    let mut pnl = 0.0;
    while t < horizon - 1e-9 {
        let s0 = spot(t);
        let strike = moneyness * s0;
        let premium = price(&OptionInputs {
            spot: s0,
            strike,
            rate: market.rate,
            vol: skewed_vol(vix(t), skew, moneyness),
            years: tenor,
            dividend: market.dividend,
        })
        .put;
        let expiry = t + tenor;
        let value = if expiry <= horizon + 1e-9 {
            (strike - spot(expiry)).max(0.0)
        } else {
            let s1 = spot(horizon);
            price(&OptionInputs {
                spot: s1,
                strike,
                rate: market.rate,
                vol: skewed_vol(vix(horizon), skew, strike / s1),
                years: expiry - horizon,
                dividend: market.dividend,
            })
            .put
        };
        pnl += value - premium;
        t = expiry;
    }
    pnl
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fractional_weight_is_refused_not_read_as_a_tenth_of_a_percent() {
        let err = parse_patch("gold:weight=0.1").unwrap_err();
        assert!(err.contains("write 10 for 10 %"), "{err}");
        assert!(parse_patch("put-otm:notional=0.5").is_err());
        assert_eq!(
            parse_patch("gold:weight=0.5%"),
            Ok(Patch::Gold { weight_pct: 0.5 })
        );
        assert_eq!(
            parse_patch("gold:weight=10"),
            Ok(Patch::Gold { weight_pct: 10.0 })
        );
    }

    #[test]
    fn specs_parse_with_defaults_and_refuse_nonsense() {
        assert_eq!(
            parse_patch("gold").unwrap(),
            Patch::Gold { weight_pct: 10.0 }
        );
        assert_eq!(
            parse_patch("put-otm:moneyness=80,notional=50").unwrap(),
            Patch::PutOtm {
                moneyness_pct: 80.0,
                tenor_months: 3.0,
                notional_pct: 50.0,
                skew: SKEW_SLOPE
            }
        );
        assert!((SKEW_SLOPE - 0.9154).abs() < 1e-4);
        for bad in [
            "bitcoin",
            "gold:weight=NaN",
            "gold:weight=150",
            "gold:size=5",
            "put-otm:moneyness",
            "tbills:weight=inf",
        ] {
            assert!(parse_patch(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reallocation_keeps_the_weights_summing_to_one() {
        let h = vec![
            (AssetKind::UsLargeCap, 0.6),
            (AssetKind::Treasuries10y, 0.4),
        ];
        let p = patched_holdings(&Patch::Diversify { weight_pct: 100.0 }, &h).unwrap();
        let total: f64 = p.iter().map(|x| x.1).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert_eq!(p.iter().find(|x| x.0 == AssetKind::Gold).unwrap().1, 0.25);
        let g = patched_holdings(&Patch::Gold { weight_pct: 10.0 }, &h).unwrap();
        assert!((g[0].1 - 0.54).abs() < 1e-12);
        assert!((g[2].1 - 0.1).abs() < 1e-12);
    }

    #[test]
    fn put_program_pays_its_intrinsic_value_when_the_tenor_is_the_horizon() {
        // One roll; VIX flat; the index falls 30%: the 90% put pays 0.9 − 0.7 = 0.2 less its
        // premium.
        let market = PutMarket {
            rate: 0.04,
            dividend: 0.0,
        };
        let pnl = put_program_pnl(0.9, 0.25, 0.0, -30.0, 0.25, 20.0, 20.0, market);
        let premium = price(&OptionInputs {
            spot: 1.0,
            strike: 0.9,
            rate: 0.04,
            vol: 0.2,
            years: 0.25,
            dividend: 0.0,
        })
        .put;
        assert!((pnl - (0.2 - premium)).abs() < 1e-12);
        // Flat market: the program loses its premiums (four rolls in a year).
        let flat = put_program_pnl(0.9, 0.25, 0.0, 0.0, 1.0, 20.0, 20.0, market);
        assert!((flat + 4.0 * premium).abs() < 1e-12);
    }
}
