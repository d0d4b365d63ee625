//! The AI financing network: the registry ([`registry`]), DebtRank contagion ([`debtrank`]),
//! each node's circular share and the renderers (table, JSON, Graphviz dot) of `bullcheck
//! network show` and `bullcheck network contagion`.

pub mod debtrank;
pub mod registry;
pub mod render;

use crate::models::circular_share::{Investee, circular_share};
pub use registry::{Exposure, Network, Node, RegistryError};

/// A shock: node `id` loses `share` of its equity (1 = default).
#[derive(Debug, Clone, PartialEq)]
pub struct Shock {
    pub id: String,
    pub share: f64,
}

/// One node's result.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeDistress {
    pub id: String,
    pub distress: f64,
    /// Equity known (so others can distress it).
    pub equity_known: bool,
    /// The distress is known: the equity is, or the node was shocked directly.
    pub distress_known: bool,
    /// Distress × equity, USD bn (`None` when equity is unknown).
    pub equity_loss: Option<f64>,
}

/// The result of `network contagion`.
#[derive(Debug, Clone, PartialEq)]
pub struct Contagion {
    pub shocks: Vec<Shock>,
    pub nodes: Vec<NodeDistress>,
    pub rounds: usize,
    /// System DebtRank (initial shock excluded), weights = known equity.
    pub debtrank: f64,
    /// Σ v h, the initial shock included.
    pub total_distress: f64,
    /// Exposures used (amount known) and left out (amount unknown).
    pub exposures_used: usize,
    pub exposures_unknown: usize,
    /// The equity basis of the run (`book` or `market`).
    pub equity_basis: String,
    /// The exposure statuses counted.
    pub statuses: Vec<String>,
    /// What the run left out, one line each (equity on another basis, exposures of a status
    /// not counted).
    pub left_out: Vec<String>,
}

/// What one run counts (issue 22): one equity basis and the exposure statuses included.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// `book` (the default) or `market`: equity stated on another basis (a private
    /// company's `valuation`, a market value in a book run) counts as unknown.
    pub basis: String,
    /// Statuses counted besides `funded` (`committed`, `contingent`, `announced`).
    pub include: Vec<String>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            basis: "book".to_string(),
            include: Vec::new(),
        }
    }
}

impl Selection {
    /// The statuses counted, `funded` first.
    pub fn statuses(&self) -> Vec<String> {
        std::iter::once("funded".to_string())
            .chain(self.include.iter().filter(|s| *s != "funded").cloned())
            .collect()
    }
}

/// `net` as one run counts it: equity on `sel.basis` only (an equity without a stated basis
/// counts on any), exposures whose status is counted (no status counts as funded); with a
/// line per thing left out.
pub fn select(net: &Network, sel: &Selection) -> (Network, Vec<String>) {
    let statuses = sel.statuses();
    let mut left_out = Vec::new();
    let nodes = net
        .nodes
        .iter()
        .map(|n| {
            let mut n = n.clone();
            if let (Some(b), Some(_)) = (&n.equity_basis, &n.equity)
                && *b != sel.basis
            {
                left_out.push(format!(
                    "{}: equity on a {b} basis, not {} (unknown in this run)",
                    n.id, sel.basis
                ));
                n.equity = None;
            }
            n
        })
        .collect();
    let mut exposures = Vec::new();
    for e in &net.exposures {
        let status = e.status.clone().unwrap_or_else(|| "funded".to_string());
        if statuses.contains(&status) {
            exposures.push(e.clone());
        } else {
            left_out.push(format!(
                "{} → {} {}{}: {status} (widen with --include {status})",
                e.creditor,
                e.debtor,
                e.kind,
                e.amount.map_or(String::new(), |a| format!(" {a}")),
            ));
        }
    }
    (Network { nodes, exposures }, left_out)
}

/// Runs DebtRank on `net` from `shocks` with the default [`Selection`] (book equity, funded
/// exposures). Errors name an unknown id or a share outside [0, 1].
pub fn contagion(net: &Network, shocks: &[Shock]) -> Result<Contagion, String> {
    contagion_with(net, shocks, &Selection::default())
}

/// Runs DebtRank on `net` as `sel` counts it.
pub fn contagion_with(
    net: &Network,
    shocks: &[Shock],
    sel: &Selection,
) -> Result<Contagion, String> {
    let (selected, left_out) = select(net, sel);
    let mut out = contagion_all(&selected, shocks)?;
    out.equity_basis = sel.basis.clone();
    out.statuses = sel.statuses();
    out.left_out = left_out;
    Ok(out)
}

fn contagion_all(net: &Network, shocks: &[Shock]) -> Result<Contagion, String> {
    let n = net.nodes.len();
    let mut h0 = vec![0.0_f64; n];
    for s in shocks {
        let i = net
            .index_of(&s.id)
            .ok_or_else(|| format!("unknown node {:?} (known: {})", s.id, ids(net)))?;
        if !(s.share.is_finite() && (0.0..=1.0).contains(&s.share)) {
            return Err(format!(
                "shock {}={}: the share must be between 0 and 1",
                s.id, s.share
            ));
        }
        h0[i] = h0[i].max(s.share);
    }
    let equity: Vec<Option<f64>> = net
        .nodes
        .iter()
        .map(|n| n.equity.as_ref().map(|e| e.value))
        .collect();
    let mut edges = Vec::new();
    let mut unknown = 0;
    for e in &net.exposures {
        match e.amount {
            Some(a) => edges.push((
                net.index_of(&e.creditor).expect("validated"),
                net.index_of(&e.debtor).expect("validated"),
                a,
            )),
            None => unknown += 1,
        }
    }
    let w = debtrank::impact_matrix(n, &equity, &edges);
    let weights: Vec<f64> = equity.iter().map(|e| e.unwrap_or(0.0)).collect();
    let out = debtrank::run(&w, &h0, &weights);
    let nodes = net
        .nodes
        .iter()
        .zip(&out.distress)
        .zip(&h0)
        .map(|((node, &h), &shocked)| (node, if node.equity.is_some() { h } else { shocked }))
        .map(|(node, h)| NodeDistress {
            id: node.id.clone(),
            distress: h,
            equity_known: node.equity.is_some(),
            // Unknown equity: distress is unknown only if the node is exposed to a
            // distressed one (else nothing reaches it).
            distress_known: node.equity.is_some()
                || h > 0.0
                || !net.exposures.iter().any(|e| {
                    e.creditor == node.id
                        && net
                            .index_of(&e.debtor)
                            .is_some_and(|d| out.distress[d] > 0.0)
                }),
            equity_loss: node.equity.as_ref().map(|e| e.value * h),
        })
        .collect();
    Ok(Contagion {
        shocks: shocks.to_vec(),
        nodes,
        rounds: out.rounds,
        debtrank: out.debtrank,
        total_distress: out.total_distress,
        exposures_used: edges.len(),
        exposures_unknown: unknown,
        equity_basis: String::new(),
        statuses: Vec::new(),
        left_out: Vec::new(),
    })
}

fn ids(net: &Network) -> String {
    net.nodes
        .iter()
        .map(|n| n.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A node's circular share (M9 on the registry): the part of its sales backlog that comes
/// from counterparties it funds, Σ_i min(sales to i, funding into i), and that amount ÷ its
/// revenue when the revenue is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Circular {
    pub id: String,
    /// Σ min(sales, funding) over counterparties with both amounts known, USD bn.
    pub circular_amount: f64,
    /// Counterparties that count.
    pub counterparties: Vec<String>,
    /// Counterparties with a funding and a sales edge where an amount is unknown.
    pub unknown_counterparties: Vec<String>,
    /// `circular_amount ÷ revenue` (a fraction); `None` without a known revenue.
    pub share_of_revenue: Option<f64>,
}

/// Circular shares of every node that both funds and sells to at least one counterparty.
pub fn circular_shares(net: &Network) -> Vec<Circular> {
    let mut out = Vec::new();
    for node in &net.nodes {
        let mut investees = Vec::new();
        let mut counterparties = Vec::new();
        let mut unknown = Vec::new();
        for other in &net.nodes {
            let sum = |kinds: &[&str]| -> (bool, Option<f64>) {
                let edges: Vec<&Exposure> = net
                    .exposures
                    .iter()
                    .filter(|e| {
                        e.creditor == node.id
                            && e.debtor == other.id
                            && kinds.contains(&e.kind.as_str())
                    })
                    .collect();
                let total = edges
                    .iter()
                    .map(|e| e.amount)
                    .try_fold(0.0, |acc, a| a.map(|a| acc + a));
                (!edges.is_empty(), total)
            };
            let (invests, invested) = sum(&registry::FUNDING_KINDS);
            // A warrant granted to a customer is value paid to it: the customer holds it.
            let warrants: Vec<&Exposure> = net
                .exposures
                .iter()
                .filter(|e| e.creditor == other.id && e.debtor == node.id && e.kind == "warrant")
                .collect();
            let funds = invests || !warrants.is_empty();
            let mut funding = if invests { invested } else { Some(0.0) };
            for w in &warrants {
                funding = funding.zip(w.amount).map(|(a, b)| a + b);
            }
            let (sells, sales) = sum(&registry::SALES_KINDS);
            if !(funds && sells) {
                continue;
            }
            match (funding, sales) {
                (Some(f), Some(s)) => {
                    investees.push(Investee {
                        revenue_paid: s,
                        equity_funded: f,
                    });
                    counterparties.push(other.id.clone());
                }
                _ => unknown.push(other.id.clone()),
            }
        }
        if counterparties.is_empty() && unknown.is_empty() {
            continue;
        }
        let circular_amount = investees
            .iter()
            .map(|i| i.revenue_paid.min(i.equity_funded).max(0.0))
            .fold(0.0, |a, b| a + b);
        let share_of_revenue = node
            .revenue
            .as_ref()
            .and_then(|r| circular_share(&investees, r.value));
        out.push(Circular {
            id: node.id.clone(),
            circular_amount,
            counterparties,
            unknown_counterparties: unknown,
            share_of_revenue,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contagion_on_a_registry_matches_the_chain_oracle() {
        let text = r#"
[[node]]
id = "A"
equity = 100.0
equity_as_of = "2025-01"
equity_source = "t"
equity_url = "https://e/a"
[[node]]
id = "B"
equity = 100.0
equity_as_of = "2025-01"
equity_source = "t"
equity_url = "https://e/b"
[[node]]
id = "C"
equity = 100.0
equity_as_of = "2025-01"
equity_source = "t"
equity_url = "https://e/c"
[[exposure]]
creditor = "B"
debtor = "A"
amount = 50.0
kind = "loan"
as_of = "2025-01"
source = "t"
url = "https://e/1"
[[exposure]]
creditor = "C"
debtor = "B"
amount = 80.0
kind = "loan"
as_of = "2025-01"
source = "t"
url = "https://e/2"
"#;
        let net = registry::parse("chain.toml", text).unwrap();
        let shock = [Shock {
            id: "A".into(),
            share: 1.0,
        }];
        let out = contagion(&net, &shock).unwrap();
        let h: Vec<f64> = out.nodes.iter().map(|n| n.distress).collect();
        assert!(
            (h[1] - 0.5).abs() < 1e-12 && (h[2] - 0.4).abs() < 1e-12,
            "{h:?}"
        );
        assert_eq!(out.nodes[2].equity_loss, Some(40.0));
        assert!(
            contagion(
                &net,
                &[Shock {
                    id: "Z".into(),
                    share: 1.0
                }]
            )
            .is_err()
        );
        assert!(
            contagion(
                &net,
                &[Shock {
                    id: "A".into(),
                    share: 1.5
                }]
            )
            .is_err()
        );
    }

    #[test]
    fn circular_share_counts_the_smaller_of_funding_and_sales() {
        // The built-in registry: Microsoft funds OpenAI 11.6 and sells it 250 of Azure;
        // funds Anthropic up to 5 and sells it 30 → 11.6 + 5 = 16.6 (revenue unknown).
        let net = registry::builtin();
        let shares = circular_shares(&net);
        let msft = shares.iter().find(|c| c.id == "MSFT").unwrap();
        assert!((msft.circular_amount - 16.6).abs() < 1e-9);
        assert_eq!(msft.share_of_revenue, None);
        // Nvidia funds OpenAI but no cited sales amount links them back: nothing counted.
        assert!(shares.iter().all(|c| c.id != "NVDA"));
        // AMD granted OpenAI a warrant and sells it GPUs, both without a dollar amount.
        let amd = shares.iter().find(|c| c.id == "AMD").unwrap();
        assert_eq!(amd.unknown_counterparties, vec!["OPENAI".to_string()]);
        assert_eq!(amd.circular_amount, 0.0);
    }
}
