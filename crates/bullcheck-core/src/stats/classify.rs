//! Scores of a probability or a ranking against binary outcomes.
//!
//! - [`auroc`]: the area under the ROC curve, the Mann–Whitney U statistic over n₁·n₀ with
//!   ties counted half (scikit-learn's `roc_auc_score`).
//! - [`brier`]: the mean squared error of probabilities against 0/1 outcomes
//!   (scikit-learn's `brier_score_loss`).

/// Area under the ROC curve of `scored` ranking the positives above the negatives; `None`
/// unless both classes are present.
pub fn auroc(scored: &[(f64, bool)]) -> Option<f64> {
    let positives = scored.iter().filter(|s| s.1).count();
    let negatives = scored.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut sorted: Vec<(f64, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Sum of the (1-based, tie-averaged) ranks of the positives.
    let mut positive_rank_sum = 0.0;
    let mut start = 0;
    while start < sorted.len() {
        let mut end = start;
        while end + 1 < sorted.len() && sorted[end + 1].0 == sorted[start].0 {
            end += 1;
        }
        let average_rank = (start + end) as f64 / 2.0 + 1.0;
        let tied_positives = sorted[start..=end].iter().filter(|s| s.1).count();
        positive_rank_sum += average_rank * tied_positives as f64;
        start = end + 1;
    }
    let n1 = positives as f64;
    let n0 = negatives as f64;
    let u = positive_rank_sum - n1 * (n1 + 1.0) / 2.0;
    Some(u / (n1 * n0))
}

/// The Brier score of the pairs `(probability, outcome)` at `idx` (all of them: `0..n`);
/// `None` when `idx` is empty.
pub fn brier(pairs: &[(f64, bool)], idx: &[usize]) -> Option<f64> {
    (!idx.is_empty()).then(|| {
        idx.iter()
            .map(|&i| (pairs[i].0 - f64::from(u8::from(pairs[i].1))).powi(2))
            .sum::<f64>()
            / idx.len() as f64
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-computed: positives at 0.8 and 0.4, negatives at 0.4 and 0.1. Of the four
    /// positive–negative pairs three are won and one tied: (3 + 0.5)/4.
    #[test]
    fn auroc_counts_ties_half() {
        let s = [(0.8, true), (0.4, true), (0.4, false), (0.1, false)];
        assert_eq!(auroc(&s), Some(0.875));
        assert_eq!(auroc(&[(0.1, true)]), None);
    }

    /// Hand-computed: (0.8 − 1)² and (0.4 − 0)² average to 0.1.
    #[test]
    fn brier_by_hand() {
        let p = [(0.8, true), (0.4, false)];
        assert!((brier(&p, &[0, 1]).unwrap() - 0.1).abs() < 1e-12);
        assert_eq!(brier(&p, &[]), None);
    }
}
