//! Black-Scholes-Merton prices of European options on an index paying a continuous dividend
//! yield (Hull, *Options, Futures, and Other Derivatives*, ch. 15 and 17).
//!
//! What: call and put prices, the put's and the call's delta and the vega.
//! Why: the `put-otm` patch prices index puts from the VIX; `portfolio put-price` exposes the
//! formula so it can be checked against a textbook.
//! How: d₁ = (ln(S/K) + (r − q + σ²/2)T)/(σ√T), d₂ = d₁ − σ√T,
//! call = S·e^{−qT}·N(d₁) − K·e^{−rT}·N(d₂), put = K·e^{−rT}·N(−d₂) − S·e^{−qT}·N(−d₁);
//! N from `statrs`. Rates and the volatility are decimals here (the command takes percent).
//! Limits: European exercise, constant r, q, σ; T = 0 gives the intrinsic value.

use serde::Serialize;
use statrs::distribution::{Continuous, ContinuousCDF, Normal};

/// Inputs of one option price (decimals: 0.10 = 10%).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptionInputs {
    pub spot: f64,
    pub strike: f64,
    /// Continuously compounded risk-free rate.
    pub rate: f64,
    pub vol: f64,
    pub years: f64,
    /// Continuous dividend yield.
    pub dividend: f64,
}

/// Prices and sensitivities.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OptionPrices {
    pub call: f64,
    pub put: f64,
    /// The put's delta, ∂put/∂S = e^{−qT}(N(d₁) − 1).
    pub delta: f64,
    /// The call's delta, e^{−qT}·N(d₁).
    pub call_delta: f64,
    /// ∂price/∂σ per one percentage point of volatility (the same for the call and the put).
    pub vega: f64,
}

/// Why inputs were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InputError {
    pub field: &'static str,
    pub message: String,
}

impl OptionInputs {
    /// Refuses NaN, infinities, non-positive spot/strike, negative volatility or time.
    pub fn validate(&self) -> Result<(), InputError> {
        let checks: [(&'static str, f64, bool); 6] = [
            ("spot", self.spot, self.spot > 0.0),
            ("strike", self.strike, self.strike > 0.0),
            ("rate", self.rate, true),
            ("vol", self.vol, self.vol >= 0.0),
            ("years", self.years, self.years >= 0.0),
            ("dividend", self.dividend, true),
        ];
        for (field, value, ok) in checks {
            if !value.is_finite() {
                return Err(InputError {
                    field,
                    message: format!("{value} is not a finite number"),
                });
            }
            if !ok {
                return Err(InputError {
                    field,
                    message: format!(
                        "{value} is out of range (spot and strike > 0, vol and years ≥ 0)"
                    ),
                });
            }
        }
        Ok(())
    }
}

fn std_normal() -> Normal {
    Normal::standard()
}

/// Black-Scholes-Merton prices. Inputs must be valid ([`OptionInputs::validate`]).
pub fn price(i: &OptionInputs) -> OptionPrices {
    let n = std_normal();
    let disc_q = (-i.dividend * i.years).exp();
    let disc_r = (-i.rate * i.years).exp();
    let forward_s = i.spot * disc_q;
    let pv_k = i.strike * disc_r;
    let sd = i.vol * i.years.sqrt();
    if sd <= 0.0 {
        // Degenerate: no uncertainty; the option is worth its discounted forward intrinsic value.
        let call = (forward_s - pv_k).max(0.0);
        let put = (pv_k - forward_s).max(0.0);
        let in_the_money_call = forward_s > pv_k;
        return OptionPrices {
            call,
            put,
            delta: if in_the_money_call { 0.0 } else { -disc_q },
            call_delta: if in_the_money_call { disc_q } else { 0.0 },
            vega: 0.0,
        };
    }
    let d1 =
        ((i.spot / i.strike).ln() + (i.rate - i.dividend + 0.5 * i.vol * i.vol) * i.years) / sd;
    let d2 = d1 - sd;
    let call = forward_s * n.cdf(d1) - pv_k * n.cdf(d2);
    let put = pv_k * n.cdf(-d2) - forward_s * n.cdf(-d1);
    OptionPrices {
        call,
        put,
        delta: disc_q * (n.cdf(d1) - 1.0),
        call_delta: disc_q * n.cdf(d1),
        vega: forward_s * n.pdf(d1) * i.years.sqrt() / 100.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hull() -> OptionInputs {
        // Hull, Options, Futures, and Other Derivatives, Example 15.6 (8th ed.: 14.6):
        // S 42, K 40, r 10%, σ 20%, T 0.5 → c = 4.76, p = 0.81; d₁ = 0.7693, d₂ = 0.6278.
        OptionInputs {
            spot: 42.0,
            strike: 40.0,
            rate: 0.10,
            vol: 0.20,
            years: 0.5,
            dividend: 0.0,
        }
    }

    #[test]
    fn hull_example_call_and_put() {
        let p = price(&hull());
        assert!((p.call - 4.7594).abs() < 5e-5, "{}", p.call);
        assert!((p.put - 0.8086).abs() < 5e-5, "{}", p.put);
        // N(d₁) with d₁ = 0.7693 (Hull): 0.7791.
        assert!((p.call_delta - 0.7791).abs() < 1e-4, "{}", p.call_delta);
        assert!((p.delta - (0.7791 - 1.0)).abs() < 1e-4, "{}", p.delta);
    }

    #[test]
    fn vega_matches_a_finite_difference() {
        let i = hull();
        let up = price(&OptionInputs {
            vol: i.vol + 0.0001,
            ..i
        });
        let down = price(&OptionInputs {
            vol: i.vol - 0.0001,
            ..i
        });
        let fd = (up.call - down.call) / 0.0002 / 100.0;
        assert!((price(&i).vega - fd).abs() < 1e-6);
    }

    #[test]
    fn put_call_parity_holds_with_dividends() {
        for (s, k, r, v, t, q) in [
            (100.0, 90.0, 0.04, 0.25, 0.25, 0.015),
            (100.0, 120.0, 0.00, 0.60, 2.0, 0.03),
            (50.0, 50.0, -0.005, 0.10, 0.01, 0.0),
        ] {
            let i = OptionInputs {
                spot: s,
                strike: k,
                rate: r,
                vol: v,
                years: t,
                dividend: q,
            };
            let p = price(&i);
            let parity = s * (-q * t).exp() - k * (-r * t).exp();
            assert!((p.call - p.put - parity).abs() < 1e-10, "{i:?}");
        }
    }

    #[test]
    fn expiry_gives_the_intrinsic_value() {
        let p = price(&OptionInputs {
            years: 0.0,
            ..hull()
        });
        assert_eq!((p.call, p.put), (2.0, 0.0));
    }

    #[test]
    fn bad_inputs_are_refused() {
        assert_eq!(
            OptionInputs {
                vol: f64::NAN,
                ..hull()
            }
            .validate()
            .unwrap_err()
            .field,
            "vol"
        );
        assert!(
            OptionInputs {
                spot: 0.0,
                ..hull()
            }
            .validate()
            .is_err()
        );
    }
}
