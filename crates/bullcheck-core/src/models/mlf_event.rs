//! M5: the MLF event study behind seed 003's rule "when net MLF injection exceeds ¥300B in a
//! month, the Shanghai Composite rises the next month 75% of the time, by +3.2% on average"
//! (docs/catalogue.md §2 M5).
//!
//! What: for monthly net injections `X_m` (MLF issued − matured) and monthly index closes, the
//! event months `E_m = 1{X_m > trigger}`, the hit rate `p̂ = Σ E_m·1{R_{m+1} > 0} / Σ E_m`, the
//! mean next-month return `r̄`, the base rate of up-months over the same sample, and the
//! binomial probability of doing at least as well by chance.
//!
//! Why: a 75% hit rate means little on a handful of events. Against a base rate `p0 ≈ 0.53`,
//! `P(X ≥ 0.75·n)` is 0.19 for n = 8 and only falls below 5% for n ≳ 20 (docs/catalogue.md's table,
//! reproduced by [`chance_of_hit_rate`] in the tests).
//!
//! How: months are matched by calendar month; `R_{m+1} = close_{m+1} / close_m − 1` with the
//! last close of each month. The p-value is the exact binomial upper tail.
//!
//! Limits: the data (PBoC MLF operations) are not in the shared data: the check stays
//! `no_data` until a user imports a monthly net-MLF series. Regime breaks (MLF demoted in July
//! 2024, outright reverse repos from October 2024) and simultaneous RRR cuts confound the
//! rule; no block bootstrap here.

use crate::series::Date;

/// `P(X ≥ k)` for `X ~ Binomial(n, p)`.
pub fn binomial_upper_tail(n: u32, k: u32, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    (k..=n)
        .map(|i| binomial_coefficient(n, i) * p.powi(i as i32) * (1.0 - p).powi((n - i) as i32))
        .sum()
}

fn binomial_coefficient(n: u32, k: u32) -> f64 {
    let k = k.min(n - k);
    (0..k).fold(1.0, |acc, i| acc * f64::from(n - i) / f64::from(i + 1))
}

/// The chance of a hit rate of at least `hit_rate` (e.g. 0.75) in `n` events when each event
/// is up with probability `base_rate`: `P(X ≥ ⌈hit_rate·n⌉)`.
pub fn chance_of_hit_rate(n: u32, hit_rate: f64, base_rate: f64) -> f64 {
    let needed = (hit_rate * f64::from(n) - 1e-9).ceil().max(0.0) as u32;
    binomial_upper_tail(n, needed, base_rate)
}

/// The result of the event study.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStudy {
    /// Months with a net injection above the trigger and a next-month return.
    pub events: u32,
    /// Events followed by an up month.
    pub hits: u32,
    /// Mean next-month return after events, percent.
    pub mean_next_return_pct: f64,
    /// Share of up months over every month of the sample with a next-month return.
    pub base_rate: f64,
    /// Months in the sample.
    pub months: u32,
    /// `P(X ≥ hits)` under the base rate.
    pub p_value: f64,
}

impl EventStudy {
    /// The hit rate, percent.
    pub fn hit_rate_pct(&self) -> f64 {
        100.0 * f64::from(self.hits) / f64::from(self.events)
    }
}

/// Runs the event study. `net_injection` is one value per month (any day in the month),
/// `index` any-frequency closes. `None` without at least one event.
pub fn event_study(
    net_injection: &[(Date, f64)],
    index: &[(Date, f64)],
    trigger: f64,
) -> Option<EventStudy> {
    let closes = crate::series::month_ends(index);
    // Next-month return for each month m (keyed by the first of month m).
    let next_returns: Vec<(Date, f64)> = closes
        .windows(2)
        .filter(|w| {
            w[0].1 > 0.0
                && w[0].0.first_of_month() + jiff::Span::new().months(1) == w[1].0.first_of_month()
        })
        .map(|w| (w[0].0.first_of_month(), w[1].1 / w[0].1 - 1.0))
        .collect();
    let months = next_returns.len() as u32;
    if months == 0 {
        return None;
    }
    let ups = next_returns.iter().filter(|r| r.1 > 0.0).count() as u32;
    let base_rate = f64::from(ups) / f64::from(months);
    let mut events = 0u32;
    let mut hits = 0u32;
    let mut sum = 0.0;
    for &(d, x) in net_injection {
        if x <= trigger {
            continue;
        }
        let month = d.first_of_month();
        if let Some(&(_, r)) = next_returns.iter().find(|r| r.0 == month) {
            events += 1;
            sum += r;
            if r > 0.0 {
                hits += 1;
            }
        }
    }
    (events > 0).then(|| EventStudy {
        events,
        hits,
        mean_next_return_pct: 100.0 * sum / f64::from(events),
        base_rate,
        months,
        p_value: binomial_upper_tail(events, hits, base_rate),
    })
}

#[cfg(test)]
mod tests {
    //! Oracles: docs/catalogue.md §2 M5's significance table (P(X ≥ 0.75n) = 0.19, 0.11, 0.06, 0.04,
    //! 0.02 for n = 8, 12, 16, 20, 24 at p0 ≈ 0.53) and hand-counted small cases.
    use super::*;
    use jiff::civil::date;

    #[test]
    fn reproduces_the_catalogue_significance_table() {
        for (n, published) in [(8, 0.19), (12, 0.11), (16, 0.06), (20, 0.04), (24, 0.02)] {
            let p = chance_of_hit_rate(n, 0.75, 0.53);
            assert!(
                (p - published).abs() < 0.005,
                "n = {n}: {p:.4} vs {published}"
            );
        }
        // Significant at 5% only from n ≈ 20.
        assert!(chance_of_hit_rate(16, 0.75, 0.53) > 0.05);
        assert!(chance_of_hit_rate(20, 0.75, 0.53) < 0.05);
    }

    #[test]
    fn fair_coin_tail_by_hand() {
        // P(X ≥ 6 | n = 8, p = ½) = (C(8,6) + C(8,7) + C(8,8)) / 256 = (28 + 8 + 1) / 256.
        assert!((binomial_upper_tail(8, 6, 0.5) - 37.0 / 256.0).abs() < 1e-12);
        assert_eq!(binomial_upper_tail(5, 0, 0.3), 1.0);
        assert_eq!(binomial_upper_tail(5, 6, 0.3), 0.0);
    }

    #[test]
    fn event_study_counts_next_month_moves() {
        // Month-end closes Jan..May: 100, 110, 99, 108.9, 108.9.
        // Returns after Jan +10%, Feb −10%, Mar +10%, Apr 0%: base rate 2/4.
        let index = vec![
            (date(2024, 1, 31), 100.0),
            (date(2024, 2, 15), 105.0),
            (date(2024, 2, 29), 110.0),
            (date(2024, 3, 29), 99.0),
            (date(2024, 4, 30), 108.9),
            (date(2024, 5, 31), 108.9),
        ];
        // Events (net > 300): Jan (→ +10%), Mar (→ +10%), Apr (→ 0%, not a hit); Feb is 300,
        // not above the trigger; May has no next month.
        let net = vec![
            (date(2024, 1, 25), 500.0),
            (date(2024, 2, 25), 300.0),
            (date(2024, 3, 25), 400.0),
            (date(2024, 4, 25), 301.0),
            (date(2024, 5, 25), 900.0),
        ];
        let study = event_study(&net, &index, 300.0).unwrap();
        assert_eq!((study.events, study.hits, study.months), (3, 2, 4));
        assert!((study.base_rate - 0.5).abs() < 1e-12);
        assert!((study.mean_next_return_pct - 20.0 / 3.0).abs() < 1e-9);
        // P(X ≥ 2 | 3, ½) = 4/8.
        assert!((study.p_value - 0.5).abs() < 1e-12);
        assert!((study.hit_rate_pct() - 200.0 / 3.0).abs() < 1e-9);
        assert!(event_study(&net, &index, 1000.0).is_none());
    }
}
