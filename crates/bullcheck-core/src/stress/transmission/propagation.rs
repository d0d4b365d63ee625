//! Step 1 of the transmission model: conditional propagation. The statistical variables a
//! scenario does not shock move with E[x_o | x_s] = Σ_os Σ_ss⁻¹ x_s (historical quarterly
//! covariance, [`crate::stress::history`]); the conditional covariance's Cholesky factor drives
//! the Monte Carlo around that path.

use nalgebra::{DMatrix, DVector};

use super::{BaseLevels, NUM_VARIABLES};
use crate::stress::history::Covariance;
use crate::stress::scenario::ResolvedShock;
use crate::stress::variables::{Variable, from_model, to_model};

/// How a variable got its change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOrigin {
    Shocked,
    Conditional,
    /// Not shocked and not in the covariance: unchanged.
    Unchanged,
}

/// One change per variable (indexed by [`Variable::index`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub values: [f64; NUM_VARIABLES],
    pub origin: [ChangeOrigin; NUM_VARIABLES],
}

impl Changes {
    pub fn get(&self, v: Variable) -> f64 {
        self.values[v.index()]
    }
}

/// The conditional-expectation operator for one set of shocked variables, plus the Cholesky
/// factor of the conditional covariance of the others (for Monte Carlo).
#[derive(Debug, Clone)]
pub struct Propagator {
    /// Positions (in the covariance) of the shocked and of the other variables.
    pub shocked: Vec<usize>,
    pub others: Vec<usize>,
    pub covariance_variables: Vec<Variable>,
    /// B = Σ_os Σ_ss⁻¹ (others × shocked).
    pub beta: DMatrix<f64>,
    /// Lower Cholesky factor of Σ_oo − Σ_os Σ_ss⁻¹ Σ_so (per quarter).
    pub conditional_cholesky: DMatrix<f64>,
    /// The unconditional quarterly s.d. of each other variable (√ of Σ_oo's diagonal).
    pub others_sd: Vec<f64>,
}

/// Builds the propagator for the variables shocked in `shocks`.
pub fn propagator(covariance: &Covariance, shocked_variables: &[Variable]) -> Propagator {
    let k = covariance.variables.len();
    let shocked: Vec<usize> = (0..k)
        .filter(|&i| shocked_variables.contains(&covariance.variables[i]))
        .collect();
    let others: Vec<usize> = (0..k).filter(|i| !shocked.contains(i)).collect();
    let sigma = &covariance.matrix;
    let pick = |rows: &[usize], cols: &[usize]| {
        DMatrix::from_fn(rows.len(), cols.len(), |i, j| sigma[(rows[i], cols[j])])
    };
    let s_ss = pick(&shocked, &shocked);
    let s_os = pick(&others, &shocked);
    let s_oo = pick(&others, &others);
    let s_ss_inv = s_ss
        .clone()
        .try_inverse()
        .or_else(|| s_ss.clone().pseudo_inverse(1e-12).ok())
        .unwrap_or_else(|| DMatrix::zeros(shocked.len(), shocked.len()));
    let beta = &s_os * &s_ss_inv;
    let mut conditional = &s_oo - &beta * s_os.transpose();
    conditional = (&conditional + conditional.transpose()) * 0.5;
    let conditional_cholesky = cholesky_with_jitter(&conditional);
    let others_sd = others
        .iter()
        .map(|&i| sigma[(i, i)].max(0.0).sqrt())
        .collect();
    Propagator {
        others_sd,
        shocked,
        others,
        covariance_variables: covariance.variables.clone(),
        beta,
        conditional_cholesky,
    }
}

/// Lower Cholesky factor; adds a tiny ridge when the matrix is only semi-definite.
pub fn cholesky_with_jitter(m: &DMatrix<f64>) -> DMatrix<f64> {
    if m.nrows() == 0 {
        return DMatrix::zeros(0, 0);
    }
    let scale = m
        .diagonal()
        .iter()
        .fold(0.0_f64, |a, &b| a.max(b.abs()))
        .max(1e-300);
    for ridge in [0.0, 1e-12, 1e-10, 1e-8, 1e-6] {
        let jittered = m + DMatrix::<f64>::identity(m.nrows(), m.ncols()) * (ridge * scale);
        if let Some(c) = jittered.cholesky() {
            return c.l();
        }
    }
    DMatrix::zeros(m.nrows(), m.ncols())
}

/// Applies the scenario's shocks and the conditional expectation of the others. The
/// expectation is taken in each variable's model unit (log changes for the spread and the VIX)
/// and returned in its change unit, from the `base` levels.
pub fn propagate(
    shocks: &[ResolvedShock],
    covariance: Option<&Covariance>,
    base: &BaseLevels,
) -> (Changes, Option<Propagator>) {
    let mut values = [0.0; NUM_VARIABLES];
    let mut origin = [ChangeOrigin::Unchanged; NUM_VARIABLES];
    for s in shocks {
        values[s.variable.index()] = s.change;
        origin[s.variable.index()] = ChangeOrigin::Shocked;
    }
    let Some(cov) = covariance else {
        return (Changes { values, origin }, None);
    };
    let shocked_vars: Vec<Variable> = shocks.iter().map(|s| s.variable).collect();
    let prop = propagator(cov, &shocked_vars);
    let x_s = DVector::from_iterator(
        prop.shocked.len(),
        prop.shocked.iter().map(|&i| {
            let v = cov.variables[i];
            to_model(v, values[v.index()], base.levels[v.index()])
        }),
    );
    let x_o = &prop.beta * x_s;
    for (row, &i) in prop.others.iter().enumerate() {
        let v = cov.variables[i];
        values[v.index()] = from_model(v, x_o[row], base.levels[v.index()]);
        origin[v.index()] = ChangeOrigin::Conditional;
    }
    (Changes { values, origin }, Some(prop))
}
