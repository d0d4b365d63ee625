//! A ridge-penalised logistic regression fitted by Newton's method (iteratively reweighted
//! least squares), small enough to read in one sitting.
//!
//! - What: P(y = 1 | x) = 1 / (1 + exp(−(b₀ + b·z))), z the features standardised with the
//!   training sample's own means and standard deviations.
//! - How: maximise Σ log-likelihood − (λ/2)·|b|² (the intercept is not penalised) by Newton
//!   steps on the exact gradient and Hessian; stop when the largest step is below 1e-9 or
//!   after 100 steps. The penalised problem is strictly concave, so the optimum is unique
//!   even when the classes are separable.
//! - Oracles: scikit-learn's L2 `LogisticRegression` (C = 1/λ) on standardised features and
//!   statsmodels' unpenalised `Logit` (`tests/stats_oracles.rs`).
//! - Limits: no standard errors; overlapping 12-month labels make successive months highly
//!   dependent, so the effective sample is much smaller than the month count.

/// A fitted model: standardisation and coefficients.
#[derive(Debug, Clone, PartialEq)]
pub struct Logit {
    pub means: Vec<f64>,
    pub sds: Vec<f64>,
    pub intercept: f64,
    /// Coefficients on the standardised features.
    pub coefs: Vec<f64>,
}

impl Logit {
    /// The probability for raw features `x`.
    pub fn predict(&self, x: &[f64]) -> f64 {
        let mut eta = self.intercept;
        for (j, &v) in x.iter().enumerate() {
            eta += self.coefs[j] * (v - self.means[j]) / self.sds[j];
        }
        sigmoid(eta)
    }
}

fn sigmoid(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

/// Fits the ridge logit of `y` on the rows of `x` (each row one observation, all the same
/// length) with penalty `lambda` on the standardised slopes. `None` for an empty sample, a
/// sample with one class only, or a feature without variation.
#[allow(clippy::needless_range_loop)] // matrix algebra reads best with indices
pub fn fit(x: &[Vec<f64>], y: &[bool], lambda: f64) -> Option<Logit> {
    let n = x.len();
    let k = x.first()?.len();
    if n != y.len() || y.iter().all(|&v| v) || y.iter().all(|&v| !v) {
        return None;
    }
    let mut means = vec![0.0; k];
    let mut sds = vec![0.0; k];
    for j in 0..k {
        means[j] = x.iter().map(|r| r[j]).sum::<f64>() / n as f64;
        let var = x.iter().map(|r| (r[j] - means[j]).powi(2)).sum::<f64>() / n as f64;
        sds[j] = var.sqrt();
        if sds[j].is_nan() || sds[j] <= 1e-12 {
            return None;
        }
    }
    // Design with an intercept column first.
    let z: Vec<Vec<f64>> = x
        .iter()
        .map(|r| {
            std::iter::once(1.0)
                .chain((0..k).map(|j| (r[j] - means[j]) / sds[j]))
                .collect()
        })
        .collect();
    let p = k + 1;
    let mut beta = vec![0.0; p];
    let rate = y.iter().filter(|&&v| v).count() as f64 / n as f64;
    beta[0] = (rate / (1.0 - rate)).ln();
    for _ in 0..100 {
        let mut grad = vec![0.0; p];
        let mut hess = vec![vec![0.0; p]; p];
        for (row, &label) in z.iter().zip(y) {
            let eta: f64 = row.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let mu = sigmoid(eta);
            let w = mu * (1.0 - mu);
            let r = f64::from(u8::from(label)) - mu;
            for a in 0..p {
                grad[a] += r * row[a];
                for b in 0..=a {
                    hess[a][b] += w * row[a] * row[b];
                }
            }
        }
        for a in 1..p {
            grad[a] -= lambda * beta[a];
            hess[a][a] += lambda;
        }
        for a in 0..p {
            for b in 0..a {
                hess[b][a] = hess[a][b];
            }
        }
        let step = solve(hess, grad)?;
        let mut largest: f64 = 0.0;
        for (b, s) in beta.iter_mut().zip(&step) {
            *b += s;
            largest = largest.max(s.abs());
        }
        if largest < 1e-9 {
            break;
        }
    }
    beta.iter().all(|b| b.is_finite()).then(|| Logit {
        means,
        sds,
        intercept: beta[0],
        coefs: beta[1..].to_vec(),
    })
}

/// Solves `a · s = b` (the Newton step) by LU decomposition with partial pivoting;
/// `None` when `a` is singular.
fn solve(a: Vec<Vec<f64>>, b: Vec<f64>) -> Option<Vec<f64>> {
    let p = b.len();
    let a = nalgebra::DMatrix::from_fn(p, p, |i, j| a[i][j]);
    let s = a.lu().solve(&nalgebra::DVector::from_vec(b))?;
    Some(s.iter().copied().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Oracle: with one binary feature and no penalty, the logit's fitted probabilities are the
    /// group frequencies (the MLE of a saturated model): x = 0 → 1 of 4, x = 1 → 3 of 4.
    #[test]
    fn saturated_model_reproduces_group_frequencies() {
        let x: Vec<Vec<f64>> = [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0]
            .iter()
            .map(|&v| vec![v])
            .collect();
        let y = [true, false, false, false, true, true, true, false];
        let m = fit(&x, &y, 0.0).unwrap();
        assert!((m.predict(&[0.0]) - 0.25).abs() < 1e-9);
        assert!((m.predict(&[1.0]) - 0.75).abs() < 1e-9);
    }

    /// Separable classes: the penalty keeps the slope finite and positive.
    #[test]
    fn the_penalty_keeps_separable_data_finite() {
        let x: Vec<Vec<f64>> = (0..10).map(|i| vec![f64::from(i)]).collect();
        let y: Vec<bool> = (0..10).map(|i| i >= 5).collect();
        let m = fit(&x, &y, 1.0).unwrap();
        assert!(m.coefs[0] > 0.0 && m.coefs[0].is_finite());
        assert!(m.predict(&[9.0]) > 0.5 && m.predict(&[0.0]) < 0.5);
    }

    #[test]
    fn one_class_or_constant_feature_gives_no_model() {
        assert!(fit(&[vec![1.0], vec![2.0]], &[true, true], 1.0).is_none());
        assert!(fit(&[vec![1.0], vec![1.0]], &[true, false], 1.0).is_none());
    }
}
