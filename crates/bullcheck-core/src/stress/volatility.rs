//! A VIX before the VIX (issue 23): realised volatility of the stored S&P 500, scaled to the
//! VIX, so that replays before 1990 have a volatility channel.
//!
//! - What: `proxy(d) = k · RV21(d)`, RV21 the annualised standard deviation (%) of the last
//!   [`WINDOW`] daily log returns of the index up to `d`, k = mean(VIX) / mean(RV21) over the
//!   dates both exist.
//! - Why: the VIX starts in 1990; realised volatility is the standard stand-in for earlier
//!   years (Schwert 1989). A replay uses the proxy only when the VIX is not stored at its start.
//! - How: the model takes the VIX in log changes, so only the ratio proxy(end)/proxy(start)
//!   matters for a replay's shock; k sets the level used as the replay's base.
//! - Limits: realised volatility lags implied volatility (it needs a month of returns) and has
//!   no risk premium of its own; it is computed from the same index the replay is scored on
//!   (its second moment, not its level).

use crate::series::{Dataset, Date, Series};

/// Trading days in the realised-volatility window (one month).
pub const WINDOW: usize = 21;
/// The index ids read (first found) and the VIX's.
pub const INDEX_IDS: [&str; 2] = ["SP500_LONG", "SP500"];
pub const VIX_ID: &str = "VIXCLS";

/// Annualised realised volatility (%) of the `WINDOW` daily log returns ending at the last
/// close on or before `at`; `None` without enough closes.
pub fn realised_vol(index: &Series, at: Date) -> Option<f64> {
    let end = index.points.partition_point(|p| p.0 <= at);
    if end < WINDOW + 1 {
        return None;
    }
    let window = &index.points[end - WINDOW - 1..end];
    let returns: Vec<f64> = window
        .windows(2)
        .filter(|w| w[0].1 > 0.0 && w[1].1 > 0.0)
        .map(|w| (w[1].1 / w[0].1).ln())
        .collect();
    let n = returns.len() as f64;
    if n < 2.0 {
        return None;
    }
    let mean = returns.iter().sum::<f64>() / n;
    let var = returns.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let rv = 100.0 * (var * 252.0).sqrt();
    (rv > 0.0 && rv.is_finite()).then_some(rv)
}

fn index(data: &Dataset) -> Option<&Series> {
    INDEX_IDS.iter().find_map(|id| data.get(id))
}

/// k = mean VIX / mean RV21 over the month-ends where both exist.
pub fn scale(data: &Dataset) -> Option<f64> {
    let (idx, vix) = (index(data)?, data.get(VIX_ID)?);
    let (mut sv, mut sr, mut n) = (0.0, 0.0, 0usize);
    let mut last_month = None;
    for &(d, v) in &vix.points {
        let month = (d.year(), d.month());
        if last_month == Some(month) {
            continue;
        }
        last_month = Some(month);
        if let Some(rv) = realised_vol(idx, d) {
            sv += v;
            sr += rv;
            n += 1;
        }
    }
    (n >= 12 && sr > 0.0).then(|| sv / sr)
}

/// The VIX proxy at `at` (k · RV21), `None` without the index, the VIX (for k) or the window.
pub fn proxy_at(data: &Dataset, at: Date) -> Option<f64> {
    Some(scale(data)? * realised_vol(index(data)?, at)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::SeriesMeta;

    #[test]
    fn realised_vol_of_alternating_returns_by_hand() {
        // Closes alternating ×e^0.01 and ×e^−0.01: 21 returns ±0.01 (11 up, 10 down).
        let mut closes = vec![100.0f64];
        for i in 0..30 {
            let r: f64 = if i % 2 == 0 { 0.01 } else { -0.01 };
            closes.push(closes[i] * r.exp());
        }
        let points: Vec<(Date, f64)> = closes
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                (
                    jiff::civil::date(2000, 1, 1) + jiff::Span::new().days(i as i64),
                    c,
                )
            })
            .collect();
        let s = Series::new(
            SeriesMeta {
                id: "SP500_LONG".into(),
                ..Default::default()
            },
            points.clone(),
        );
        let at = points[21].0; // returns 1..=21: 11 × +0.01, 10 × −0.01
        let mean: f64 = 0.01 / 21.0;
        let var = (11.0 * (0.01 - mean).powi(2) + 10.0 * (-0.01 - mean).powi(2)) / 20.0;
        let rv = realised_vol(&s, at).unwrap();
        assert!((rv - 100.0 * (var * 252.0).sqrt()).abs() < 1e-9, "{rv}");
        assert!(realised_vol(&s, points[19].0).is_none());
    }
}
