//! A fixed-coupon bond repriced exactly under a yield change, with the carry earned over a
//! horizon; and its modified duration and convexity, which the tests hold the exact repricing
//! against.
//!
//! What: the total return of a bond bought today at yield y₀ and valued at the horizon at
//! y₀ + Δy. Why: the Treasury holdings (`treasuries_2y/10y/30y`) are par bonds of those
//! maturities; duration–convexity is an approximation, the repricing is exact.
//! How: cash flows c/f per period and 100 at maturity, discounted at (1 + y/f)^{−f·t} (t in
//! years, fractional exponents between coupon dates, i.e. the dirty price); coupons paid
//! before the horizon are added, not reinvested.
//! Limits: one yield for every cash flow (a flat curve at each date), no roll-down along the
//! curve, Treasury convention of semi-annual coupons (`f = 2`).

/// Coupons per year of US Treasury notes and bonds.
pub const SEMI_ANNUAL: u32 = 2;

/// A bond: annual coupon rate in percent of face, maturity in years from today.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bond {
    pub coupon_pct: f64,
    pub maturity_years: f64,
    pub frequency: u32,
}

impl Bond {
    /// Cash flow times (years from today) and amounts per 100 face.
    fn cash_flows(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        let f = self.frequency as f64;
        let periods = (self.maturity_years * f).round().max(1.0) as u32;
        (1..=periods).map(move |k| {
            let t = self.maturity_years - (periods - k) as f64 / f;
            let amount = self.coupon_pct / f + if k == periods { 100.0 } else { 0.0 };
            (t, amount)
        })
    }

    /// Dirty price per 100 face at `yield_pct`, valued `at_years` from today (cash flows at or
    /// before that date are excluded).
    pub fn price_at(&self, yield_pct: f64, at_years: f64) -> f64 {
        let f = self.frequency as f64;
        let base = 1.0 + yield_pct / 100.0 / f;
        self.cash_flows()
            .filter(|(t, _)| *t > at_years + 1e-12)
            .map(|(t, a)| a * base.powf(-f * (t - at_years)))
            .sum()
    }

    /// Price today.
    pub fn price(&self, yield_pct: f64) -> f64 {
        self.price_at(yield_pct, 0.0)
    }

    /// Coupons (and principal) paid in (0, at_years].
    pub fn paid_by(&self, at_years: f64) -> f64 {
        self.cash_flows()
            .filter(|(t, _)| *t <= at_years + 1e-12)
            .map(|(_, a)| a)
            .sum()
    }

    /// Modified duration in years: −(1/P)·dP/dy, y in decimals.
    pub fn modified_duration(&self, yield_pct: f64) -> f64 {
        let f = self.frequency as f64;
        let base = 1.0 + yield_pct / 100.0 / f;
        let dp: f64 = self
            .cash_flows()
            .map(|(t, a)| a * t * base.powf(-f * t - 1.0))
            .sum();
        dp / self.price(yield_pct)
    }

    /// Convexity in years²: (1/P)·d²P/dy².
    pub fn convexity(&self, yield_pct: f64) -> f64 {
        let f = self.frequency as f64;
        let base = 1.0 + yield_pct / 100.0 / f;
        let d2p: f64 = self
            .cash_flows()
            .map(|(t, a)| a * t * (t + 1.0 / f) * base.powf(-f * t - 2.0))
            .sum();
        d2p / self.price(yield_pct)
    }
}

/// Total return in percent of a par bond of `maturity_years` bought at `yield_pct` (coupon =
/// yield, so it costs 100) and valued `horizon_years` later at `yield_pct + change_pp`:
/// exact repricing plus the coupons received.
pub fn par_bond_return_pct(
    maturity_years: f64,
    yield_pct: f64,
    change_pp: f64,
    horizon_years: f64,
) -> f64 {
    let bond = Bond {
        coupon_pct: yield_pct,
        maturity_years,
        frequency: SEMI_ANNUAL,
    };
    let p0 = bond.price(yield_pct);
    let p1 = bond.price_at(yield_pct + change_pp, horizon_years) + bond.paid_by(horizon_years);
    100.0 * (p1 / p0 - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_year_four_percent_bond_at_five_percent_by_hand() {
        // 2 / 1.025 + 2 / 1.025² + 2 / 1.025³ + 102 / 1.025⁴, computed term by term.
        let by_hand = 2.0 / 1.025 + 2.0 / 1.050625 + 2.0 / 1.076890625 + 102.0 / 1.103812890625;
        let bond = Bond {
            coupon_pct: 4.0,
            maturity_years: 2.0,
            frequency: 2,
        };
        assert!((bond.price(5.0) - by_hand).abs() < 1e-10);
        assert!((by_hand - 98.1190).abs() < 1e-4);
    }

    #[test]
    fn a_par_bond_costs_100() {
        for m in [2.0, 10.0, 30.0] {
            let b = Bond {
                coupon_pct: 4.3,
                maturity_years: m,
                frequency: 2,
            };
            assert!((b.price(4.3) - 100.0).abs() < 1e-9);
        }
    }

    #[test]
    fn exact_price_change_agrees_with_duration_convexity_to_third_order() {
        // ΔP/P = −D·Δy + ½·C·Δy² + O(Δy³): the gap between the exact repricing and the
        // approximation must shrink about eightfold when the shock halves.
        let b = Bond {
            coupon_pct: 4.5,
            maturity_years: 10.0,
            frequency: 2,
        };
        let (d, c) = (b.modified_duration(4.5), b.convexity(4.5));
        // A par bond's modified duration in closed form: (1/y)·(1 − (1 + y/2)^(−2n)) =
        // (1/0.045)·(1 − 1.0225^(−20)) = 7.982 years.
        let closed_form = (1.0 - 1.0225f64.powi(-20)) / 0.045;
        assert!((d - closed_form).abs() < 1e-9, "{d} vs {closed_form}");
        assert!((d - 7.982).abs() < 1e-3, "{d}");
        let gap = |dy_pp: f64| {
            let dy = dy_pp / 100.0;
            let exact = b.price(4.5 + dy_pp) / b.price(4.5) - 1.0;
            let approx = -d * dy + 0.5 * c * dy * dy;
            (exact - approx).abs()
        };
        let (g2, g1) = (gap(2.0), gap(1.0));
        assert!(g1 < 1e-3, "{g1}");
        let ratio = g2 / g1;
        assert!((6.5..9.5).contains(&ratio), "{ratio}");
        // And the first-order term alone is off by the convexity term.
        let exact = b.price(5.5) / b.price(4.5) - 1.0;
        assert!((exact - (-d * 0.01)).abs() > 0.4 * c * 1e-4);
    }

    #[test]
    fn return_adds_carry_and_repricing() {
        // No yield change over one year: a par bond returns its coupon (two coupons paid, the
        // remaining bond still priced at par).
        let r = par_bond_return_pct(10.0, 4.0, 0.0, 1.0);
        assert!((r - 4.0).abs() < 1e-9, "{r}");
        // Instantaneous +1 pp: the exact price change.
        let b = Bond {
            coupon_pct: 4.0,
            maturity_years: 10.0,
            frequency: 2,
        };
        let r0 = par_bond_return_pct(10.0, 4.0, 1.0, 0.0);
        assert!((r0 - (b.price(5.0) - 100.0)).abs() < 1e-9);
    }
}
