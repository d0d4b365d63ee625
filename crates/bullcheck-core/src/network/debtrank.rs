//! DebtRank: how distress at one company spreads through the exposures of the others
//! (Battiston et al. 2012, Sci. Rep. 2:541; linear form of Bardoscia et al. 2015, PLOS ONE
//! 10(6):e0130406).
//!
//! What: each node j has a distress h_j in [0, 1] (the share of its equity lost). The impact
//! of i on j is W_ij = min(1, A_ij / E_j), where A_ij is j's exposure to i and E_j is j's
//! equity. After an initial shock h(0), distress moves on in rounds:
//! h_j(t+1) = min(1, h_j(t) + Σ_i W_ij·(h_i(t) − h_i(t−1))), with h(−1) = 0.
//!
//! Why: "too big to fail" is a claim about contagion; DebtRank turns a network of cited
//! exposures into the share of the system's economic value a failure would destroy.
//!
//! How: rounds run until no distress changes by more than 1e-12 or [`MAX_ROUNDS`]. The
//! system DebtRank is R = Σ_j v_j·h_j(T) − Σ_j v_j·h_j(0) with economic weights v (Battiston's
//! definition: the initial shock is not counted). A node whose equity is unknown cannot be
//! distressed by others (its W column is unknown) and is reported as such.
//!
//! Limits: linear DebtRank lets distress travel around cycles repeatedly (the original
//! version lets each node pass distress on once); on a tree both agree. Exposures are taken
//! at face value: contingent commitments are upper bounds.

/// The cap on propagation rounds.
pub const MAX_ROUNDS: usize = 10_000;

/// The outcome of a DebtRank run.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Final distress of each node, in [0, 1].
    pub distress: Vec<f64>,
    /// Rounds until nothing changed (or [`MAX_ROUNDS`]).
    pub rounds: usize,
    /// Σ v_j h_j(T) − Σ v_j h_j(0).
    pub debtrank: f64,
    /// Σ v_j h_j(T) (the initial shock included).
    pub total_distress: f64,
}

/// The impact matrix, row i = the node that fails, column j = the node that loses:
/// W_ij = min(1, A_ij / E_j); `exposures` are (creditor j, debtor i, amount A_ij) and are
/// summed when repeated. A column with unknown or non-positive equity is zero.
pub fn impact_matrix(
    n: usize,
    equity: &[Option<f64>],
    exposures: &[(usize, usize, f64)],
) -> Vec<Vec<f64>> {
    let mut a = vec![vec![0.0; n]; n];
    for &(creditor, debtor, amount) in exposures {
        a[debtor][creditor] += amount;
    }
    for (j, e) in equity.iter().enumerate() {
        for row in a.iter_mut() {
            row[j] = match e {
                Some(e) if *e > 0.0 => (row[j] / e).min(1.0),
                _ => 0.0,
            };
        }
    }
    a
}

/// Runs linear DebtRank from the initial distress `shock` with economic weights `weights`
/// (normalised here to sum to one over the nodes; all zero gives R = 0).
pub fn run(w: &[Vec<f64>], shock: &[f64], weights: &[f64]) -> Outcome {
    let n = shock.len();
    let total_weight: f64 = weights.iter().sum();
    let v: Vec<f64> = weights
        .iter()
        .map(|x| {
            if total_weight > 0.0 {
                x / total_weight
            } else {
                0.0
            }
        })
        .collect();
    let mut h: Vec<f64> = shock.iter().map(|x| x.clamp(0.0, 1.0)).collect();
    let mut delta = h.clone();
    let mut rounds = 0;
    while rounds < MAX_ROUNDS && delta.iter().any(|d| *d > 1e-12) {
        rounds += 1;
        let mut next = h.clone();
        for j in 0..n {
            let inflow: f64 = (0..n).map(|i| w[i][j] * delta[i]).sum();
            next[j] = (h[j] + inflow).min(1.0);
        }
        for j in 0..n {
            delta[j] = next[j] - h[j];
        }
        h = next;
    }
    let initial: f64 = shock
        .iter()
        .zip(&v)
        .map(|(s, v)| s.clamp(0.0, 1.0) * v)
        .sum();
    let total: f64 = h.iter().zip(&v).map(|(h, v)| h * v).sum();
    Outcome {
        distress: h,
        rounds,
        debtrank: total - initial,
        total_distress: total,
    }
}

#[cfg(test)]
mod tests {
    //! Oracles: the issue's chain (hand-computed), docs/methods.md B7's chain with R = 0.17,
    //! and a two-node cycle solved in closed form.
    use super::*;

    #[test]
    fn chain_a_b_c_from_the_issue() {
        // B holds 50 of exposure to A (equity 100); C holds 80 to B (equity 100); A defaults.
        let equity = [Some(100.0), Some(100.0), Some(100.0)];
        let w = impact_matrix(3, &equity, &[(1, 0, 50.0), (2, 1, 80.0)]);
        assert_eq!(w[0][1], 0.5);
        assert_eq!(w[1][2], 0.8);
        let out = run(&w, &[1.0, 0.0, 0.0], &[1.0, 1.0, 1.0]);
        assert!((out.distress[1] - 0.5).abs() < 1e-12);
        assert!((out.distress[2] - 0.4).abs() < 1e-12);
        assert_eq!(out.distress[0], 1.0);
        // R = (0.5 + 0.4) / 3, the default itself excluded.
        assert!((out.debtrank - 0.3).abs() < 1e-12);
    }

    #[test]
    fn battiston_chain_gives_r_0_17() {
        // W01 = 0.5, W12 = 0.2, v = (0.5, 0.3, 0.2), node 0 defaults → h = (1, 0.5, 0.1).
        let w = vec![
            vec![0.0, 0.5, 0.0],
            vec![0.0, 0.0, 0.2],
            vec![0.0, 0.0, 0.0],
        ];
        let out = run(&w, &[1.0, 0.0, 0.0], &[0.5, 0.3, 0.2]);
        assert!((out.distress[2] - 0.1).abs() < 1e-12);
        assert!((out.debtrank - 0.17).abs() < 1e-12);
    }

    #[test]
    fn a_cycle_converges_to_the_closed_form() {
        // A ↔ B, W = 0.5 both ways, A loses 20%: h_A = 0.2 + 0.5 h_B, h_B = 0.5 h_A
        // ⇒ h_A = 0.2 / 0.75, h_B = 0.1 / 0.75.
        let w = vec![vec![0.0, 0.5], vec![0.5, 0.0]];
        let out = run(&w, &[0.2, 0.0], &[1.0, 1.0]);
        assert!((out.distress[0] - 0.2 / 0.75).abs() < 1e-9);
        assert!((out.distress[1] - 0.1 / 0.75).abs() < 1e-9);
        assert!(out.rounds > 2 && out.rounds < MAX_ROUNDS);
    }

    #[test]
    fn unknown_equity_blocks_distress_and_losses_cap_at_one() {
        let w = impact_matrix(2, &[Some(10.0), None], &[(1, 0, 50.0), (0, 1, 500.0)]);
        assert_eq!(w[0][1], 0.0); // B's equity unknown: W unknown, treated as 0
        assert_eq!(w[1][0], 1.0); // 500 / 10 capped at 1
        let out = run(&w, &[0.0, 1.0], &[1.0, 0.0]);
        assert_eq!(out.distress, vec![1.0, 1.0]);
    }
}
