//! Renderers for `bullcheck network show` and `bullcheck network contagion`: a text table,
//! JSON (a contract: keys are added, never renamed) and Graphviz dot.

use serde_json::{Value, json};

use super::{Circular, Contagion, Network};

fn amount_text(a: Option<f64>) -> String {
    a.map_or_else(|| "unknown".to_string(), |a| format!("{a:.1}"))
}

/// The registry as a text table: nodes, then exposures.
pub fn show_table(net: &Network, circular: &[Circular]) -> String {
    let mut out = String::from("Nodes (USD bn)\n");
    out.push_str(&format!(
        "{:<10} {:<12} {:>9} {:<10} {:<10} {:>9}\n",
        "id", "name", "equity", "basis", "as of", "revenue"
    ));
    for n in &net.nodes {
        out.push_str(&format!(
            "{:<10} {:<12} {:>9} {:<10} {:<10} {:>9}\n",
            n.id,
            n.name,
            amount_text(n.equity.as_ref().map(|e| e.value)),
            n.equity_basis.as_deref().unwrap_or("-"),
            n.equity.as_ref().map_or("-", |e| e.as_of.as_str()),
            amount_text(n.revenue.as_ref().map(|r| r.value)),
        ));
    }
    out.push_str("\nExposures: the creditor loses up to the amount if the debtor fails (USD bn)\n");
    out.push_str(&format!(
        "{:<10} {:<10} {:>9} {:<20} {:<11} {:<10}\n",
        "creditor", "debtor", "amount", "kind", "status", "date"
    ));
    for e in &net.exposures {
        out.push_str(&format!(
            "{:<10} {:<10} {:>9} {:<20} {:<11} {:<10}\n",
            e.creditor,
            e.debtor,
            amount_text(e.amount),
            e.kind,
            e.status.as_deref().unwrap_or("-"),
            e.as_of.as_deref().or(e.announced.as_deref()).unwrap_or("-"),
        ));
    }
    if !circular.is_empty() {
        out.push_str("\nCircular share: sales backlog from counterparties the node funds\n");
        for c in circular {
            out.push_str(&format!(
                "{:<10} {:>7.1} bn via {}{}{}\n",
                c.id,
                c.circular_amount,
                if c.counterparties.is_empty() {
                    "-".to_string()
                } else {
                    c.counterparties.join(", ")
                },
                c.share_of_revenue
                    .map_or_else(String::new, |s| format!(" = {:.1}% of revenue", 100.0 * s)),
                if c.unknown_counterparties.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; amount unknown with {}",
                        c.unknown_counterparties.join(", ")
                    )
                },
            ));
        }
    }
    out.push_str("\nSources: `bullcheck network show --format json` lists every figure's source, URL and date.\n");
    out
}

/// The registry as JSON: `nodes`, `exposures`, `circular`.
pub fn show_json(net: &Network, circular: &[Circular]) -> Value {
    let cited = |c: &Option<super::registry::Cited>| {
        c.as_ref().map_or(
            Value::Null,
            |c| json!({"value": c.value, "as_of": c.as_of, "source": c.source, "url": c.url}),
        )
    };
    json!({
        "unit": "USD bn",
        "nodes": net.nodes.iter().map(|n| json!({
            "id": n.id,
            "name": n.name,
            "equity": n.equity.as_ref().map(|e| e.value),
            "equity_basis": n.equity_basis,
            "equity_cited": cited(&n.equity),
            "revenue": n.revenue.as_ref().map(|r| r.value),
            "revenue_cited": cited(&n.revenue),
            "note": n.note,
        })).collect::<Vec<_>>(),
        "exposures": net.exposures.iter().map(|e| json!({
            "creditor": e.creditor,
            "debtor": e.debtor,
            "amount": e.amount,
            "kind": e.kind,
            "status": e.status,
            "announced": e.announced,
            "as_of": e.as_of,
            "source": e.source,
            "url": e.url,
            "note": e.note,
        })).collect::<Vec<_>>(),
        "circular": circular_json(circular),
    })
}

fn circular_json(circular: &[Circular]) -> Value {
    Value::Array(
        circular
            .iter()
            .map(|c| {
                json!({
                    "id": c.id,
                    "circular_amount": c.circular_amount,
                    "counterparties": c.counterparties,
                    "unknown_counterparties": c.unknown_counterparties,
                    "share_of_revenue": c.share_of_revenue,
                })
            })
            .collect(),
    )
}

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The registry as a Graphviz digraph: an arrow creditor → debtor per exposure.
pub fn show_dot(net: &Network) -> String {
    let mut out = String::from(
        "digraph ai_network {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n",
    );
    for n in &net.nodes {
        let equity = n.equity.as_ref().map_or_else(
            || "equity unknown".to_string(),
            |e| format!("equity {:.0} bn", e.value),
        );
        out.push_str(&format!(
            "  \"{}\" [label=\"{}\\n{}\"];\n",
            dot_escape(&n.id),
            dot_escape(&n.name),
            equity
        ));
    }
    for e in &net.exposures {
        let style = match e.status.as_deref() {
            Some("funded") => "solid",
            Some("committed") => "dashed",
            _ => "dotted",
        };
        out.push_str(&format!(
            "  \"{}\" -> \"{}\" [label=\"{} {}\", style={}];\n",
            dot_escape(&e.creditor),
            dot_escape(&e.debtor),
            dot_escape(&e.kind),
            amount_text(e.amount),
            style
        ));
    }
    out.push_str("}\n");
    out
}

/// The contagion result as a table.
pub fn contagion_table(c: &Contagion) -> String {
    let shocks: Vec<String> = c
        .shocks
        .iter()
        .map(|s| format!("{} loses {:.0}% of equity", s.id, 100.0 * s.share))
        .collect();
    let mut out = format!("DebtRank contagion: {}\n", shocks.join("; "));
    out.push_str(&format!(
        "{:<10} {:>9} {:>14}\n",
        "node", "distress", "equity lost"
    ));
    for n in &c.nodes {
        let distress = if n.distress_known {
            format!("{:.1}%", 100.0 * n.distress)
        } else {
            "unknown".to_string()
        };
        out.push_str(&format!(
            "{:<10} {:>9} {:>14}\n",
            n.id,
            distress,
            if n.equity_known {
                amount_text(n.equity_loss)
            } else {
                "equity unknown".to_string()
            }
        ));
    }
    out.push_str(&format!(
        "\nSystem DebtRank {:.3} (initial shock excluded; weights = known equity); {} rounds.\n",
        c.debtrank, c.rounds
    ));
    out.push_str(&format!(
        "{} exposures with an amount were used; {} without a cited amount were left out. Nodes with unknown equity cannot be distressed by others.\n",
        c.exposures_used, c.exposures_unknown
    ));
    out
}

/// The contagion result as JSON: `nodes: [{id, distress}]`, `debtrank`, `rounds`, ….
pub fn contagion_json(c: &Contagion, circular: &[Circular]) -> Value {
    json!({
        "shocks": c.shocks.iter().map(|s| json!({"id": s.id, "share": s.share})).collect::<Vec<_>>(),
        "nodes": c.nodes.iter().map(|n| json!({
            "id": n.id,
            "distress": n.distress_known.then_some(n.distress),
            "equity_known": n.equity_known,
            "equity_loss": n.equity_loss,
        })).collect::<Vec<_>>(),
        "debtrank": c.debtrank,
        "total_distress": c.total_distress,
        "rounds": c.rounds,
        "weights": "known equity (nodes with unknown equity weigh 0)",
        "exposures_used": c.exposures_used,
        "exposures_unknown": c.exposures_unknown,
        "circular": circular_json(circular),
    })
}
