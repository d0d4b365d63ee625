//! Quantiles, the median and the median absolute deviation.
//!
//! - What: the q-quantile by linear interpolation between the order statistics at ⌊q(n−1)⌋
//!   and the next (Hyndman–Fan type 7, NumPy's default `linear` method); the median (the
//!   mean of the middle two for an even count); the raw MAD, median |x − median|.
//! - Why one place: the Monte Carlo bands, the GSADF critical values, the bootstrap
//!   intervals and the robust scales must all mean the same thing by "the 5th percentile".
//! - Limits: the callers pass finite values; NaN sorts last under `total_cmp`.

/// The `q`-quantile of `sorted` (ascending, non-empty), type 7.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The `q`-quantile of `values` (non-empty), type 7, by selection instead of a full sort.
/// Reorders `values`.
pub fn quantile_select(values: &mut [f64], q: f64) -> f64 {
    let n = values.len();
    let pos = q * (n - 1) as f64;
    let (i, frac) = (pos.floor() as usize, pos - pos.floor());
    let (_, lower, upper) = values.select_nth_unstable_by(i, f64::total_cmp);
    let lower = *lower;
    let next = upper
        .iter()
        .copied()
        .min_by(f64::total_cmp)
        .unwrap_or(lower);
    lower + frac * (next - lower)
}

/// The median of `values` (the mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(quantile_sorted(&sorted, 0.5))
}

/// The raw median absolute deviation about the median (no consistency factor); `None` when
/// empty. Divide by [`MAD_NORMAL`] for a normal-consistent scale.
pub fn mad(values: &[f64]) -> Option<f64> {
    let centre = median(values)?;
    let deviations: Vec<f64> = values.iter().map(|v| (v - centre).abs()).collect();
    median(&deviations)
}

/// MAD / `MAD_NORMAL` estimates σ under normal errors (Φ⁻¹(3/4) to four places, as in the
/// robust-statistics literature).
pub const MAD_NORMAL: f64 = 0.6745;

/// The 2.5th and 97.5th percentiles of bootstrap statistics (type 7); `None` with fewer
/// than 20 values.
pub fn percentile_interval(mut values: Vec<f64>) -> Option<(f64, f64)> {
    if values.len() < 20 {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some((
        quantile_sorted(&values, 0.025),
        quantile_sorted(&values, 0.975),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-computed: [1, 2, 4, 8] at q = 0.5 sits halfway between 2 and 4; at 0.9 it is
    /// 4 + 0.7·(8 − 4).
    #[test]
    fn type_7_by_hand() {
        let v = [1.0, 2.0, 4.0, 8.0];
        assert_eq!(quantile_sorted(&v, 0.5), 3.0);
        assert!((quantile_sorted(&v, 0.9) - 6.8).abs() < 1e-12);
        assert_eq!(quantile_sorted(&v, 0.0), 1.0);
        assert_eq!(quantile_sorted(&v, 1.0), 8.0);
        let mut shuffled = [8.0, 1.0, 4.0, 2.0];
        assert!((quantile_select(&mut shuffled, 0.9) - 6.8).abs() < 1e-12);
    }

    #[test]
    fn median_and_mad_by_hand() {
        assert_eq!(median(&[7.0, 1.0, 4.0]), Some(4.0));
        assert_eq!(median(&[1.0, 2.0, 6.0, 9.0]), Some(4.0));
        assert_eq!(median(&[]), None);
        // |x − 4| = 3, 2, 2, 5 → median 2.5.
        assert_eq!(mad(&[1.0, 2.0, 6.0, 9.0]), Some(2.5));
    }
}
