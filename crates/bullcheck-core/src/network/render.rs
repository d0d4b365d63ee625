//! Renderers for `bullcheck network show` and `bullcheck network contagion`: a text table,
//! JSON (a contract: keys are added, never renamed) and Graphviz dot.

use serde_json::{Value, json};

use super::{Circular, Contagion, Network};
use crate::vocab::{Lang, Note, bn_in_yi, pad, pad_left, tr};

/// An amount stored in USD bn: as stored in English, in 亿美元 in Chinese (the tables say so).
fn amount_text(a: Option<f64>, lang: Lang) -> String {
    match (a, lang) {
        (None, _) => tr(lang, "unknown", "未知").to_string(),
        (Some(a), Lang::En) => format!("{a:.1}"),
        (Some(a), Lang::Zh) => bn_in_yi(a),
    }
}

/// The registry as a text table in `lang`: nodes, then exposures, then the circular shares.
/// Ids, dates and the registry's own words (names, kinds, statuses) are printed as stored.
pub fn show_table(net: &Network, circular: &[Circular], lang: Lang) -> String {
    let mut out = format!("{}\n", tr(lang, "Nodes (USD bn)", "节点（亿美元）"));
    out.push_str(&format!(
        "{} {} {} {} {} {}\n",
        pad(tr(lang, "id", "编号"), 10),
        pad(tr(lang, "name", "名称"), 12),
        pad_left(tr(lang, "equity", "权益"), 9),
        pad(tr(lang, "basis", "口径"), 10),
        pad(tr(lang, "as of", "截至"), 10),
        pad_left(tr(lang, "revenue", "营收"), 9),
    ));
    for n in &net.nodes {
        out.push_str(&format!(
            "{:<10} {:<12} {} {} {:<10} {}\n",
            n.id,
            n.name,
            pad_left(&amount_text(n.equity.as_ref().map(|e| e.value), lang), 9),
            pad(
                n.equity_basis
                    .as_deref()
                    .map_or("-", |b| equity_basis_label(b, lang)),
                10
            ),
            n.equity.as_ref().map_or("-", |e| e.as_of.as_str()),
            pad_left(&amount_text(n.revenue.as_ref().map(|r| r.value), lang), 9),
        ));
    }
    out.push_str(tr(
        lang,
        "\nExposures: the creditor loses up to the amount if the debtor fails (USD bn)\n",
        "\n敞口：债务方违约时，债权方最多损失该金额（亿美元）\n",
    ));
    out.push_str(&format!(
        "{} {} {} {} {} {}\n",
        pad(tr(lang, "creditor", "债权方"), 10),
        pad(tr(lang, "debtor", "债务方"), 10),
        pad_left(tr(lang, "amount", "金额"), 9),
        pad(tr(lang, "kind", "类型"), 20),
        pad(tr(lang, "status", "状态"), 11),
        pad(tr(lang, "date", "日期"), 10),
    ));
    for e in &net.exposures {
        // English keeps the registry's own words (`cloud_contract`), as the JSON does.
        let kind = match lang {
            Lang::En => e.kind.as_str(),
            Lang::Zh => kind_label(&e.kind, lang),
        };
        out.push_str(&format!(
            "{:<10} {:<10} {} {} {} {:<10}\n",
            e.creditor,
            e.debtor,
            pad_left(&amount_text(e.amount, lang), 9),
            pad(kind, 20),
            pad(
                e.status.as_deref().map_or("-", |s| status_label(s, lang)),
                11
            ),
            e.as_of.as_deref().or(e.announced.as_deref()).unwrap_or("-"),
        ));
    }
    if !circular.is_empty() {
        out.push_str(tr(
            lang,
            "\nCircular share: sales backlog from counterparties the node funds\n",
            "\n循环融资占比：来自该节点所资助交易对手的销售积压\n",
        ));
        for c in circular {
            let via = if c.counterparties.is_empty() {
                "-".to_string()
            } else {
                c.counterparties.join(", ")
            };
            let share = c.share_of_revenue.map_or_else(String::new, |s| {
                Note::new(
                    format!(" = {:.1}% of revenue", 100.0 * s),
                    format!(" = 营收的{:.1}%", 100.0 * s),
                )
                .text(lang)
                .to_string()
            });
            let unknown = if c.unknown_counterparties.is_empty() {
                String::new()
            } else {
                let with = c.unknown_counterparties.join(", ");
                Note::new(
                    format!("; amount unknown with {with}"),
                    format!("；与{with}的金额未知"),
                )
                .text(lang)
                .to_string()
            };
            let line = Note::new(
                format!(
                    "{:<10} {:>7.1} bn via {via}{share}{unknown}",
                    c.id, c.circular_amount
                ),
                format!(
                    "{:<10} {:>7}亿美元，经由 {via}{share}{unknown}",
                    c.id,
                    bn_in_yi(c.circular_amount)
                ),
            );
            out.push_str(line.text(lang));
            out.push('\n');
        }
    }
    out.push_str(tr(
        lang,
        "\nSources: `bullcheck network show --format json` lists every figure's source, URL and date.\n",
        "\n出处：`bullcheck network show --format json` 列出每个数字的来源、网址和日期。\n",
    ));
    out
}

/// The basis of a node's equity figure for people: `book`, `market` or `valuation`.
fn equity_basis_label(basis: &str, lang: Lang) -> &str {
    match basis {
        "book" => tr(lang, "book", "账面"),
        "market" => tr(lang, "market", "市值"),
        "valuation" => tr(lang, "valuation", "估值"),
        other => other,
    }
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

/// An exposure kind for people: `cloud_contract` → "cloud contract" (English) or "云服务合同".
pub fn kind_label(kind: &str, lang: Lang) -> &str {
    match kind {
        "investment" => tr(lang, "investment", "投资"),
        "purchase_commitment" => tr(lang, "purchase commitment", "采购承诺"),
        "cloud_contract" => tr(lang, "cloud contract", "云服务合同"),
        "warrant" => tr(lang, "warrant", "认股权证"),
        "loan" => tr(lang, "loan", "贷款"),
        "stake" => tr(lang, "stake", "股权"),
        other => other,
    }
}

/// An exposure status for people, in English or Chinese.
pub fn status_label(status: &str, lang: Lang) -> &str {
    match status {
        "funded" => tr(lang, "funded", "已出资"),
        "committed" => tr(lang, "committed", "已承诺"),
        "contingent" => tr(lang, "contingent", "或有"),
        "announced" => tr(lang, "announced", "已宣布"),
        other => other,
    }
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
            amount_text(e.amount, Lang::En),
            style
        ));
    }
    out.push_str("}\n");
    out
}

/// The contagion result as a table in `lang`.
/// The Chinese of an equity basis or an exposure status.
fn word_zh(word: &str) -> &str {
    match word {
        "book" => "账面价值",
        "market" => "市值",
        "valuation" => "估值",
        "funded" => "已出资",
        "committed" => "已承诺",
        "contingent" => "或有",
        "announced" => "已宣布",
        other => other,
    }
}

pub fn contagion_table(c: &Contagion, lang: Lang) -> String {
    let shocks: Vec<String> = c
        .shocks
        .iter()
        .map(|s| {
            Note::new(
                format!("{} loses {:.0}% of equity", s.id, 100.0 * s.share),
                format!("{}损失{:.0}%的权益", s.id, 100.0 * s.share),
            )
            .text(lang)
            .to_string()
        })
        .collect();
    let mut out = format!(
        "{}{}\n",
        tr(lang, "DebtRank contagion: ", "DebtRank传染："),
        shocks.join(tr(lang, "; ", "；"))
    );
    let basis = Note::new(
        format!(
            "equity basis: {}; exposures counted: {} ({} left out)\n",
            c.equity_basis,
            c.statuses.join(", "),
            c.left_out.len()
        ),
        format!(
            "权益口径：{}；计入的敞口：{}（{}项未计入）\n",
            word_zh(&c.equity_basis),
            c.statuses
                .iter()
                .map(|s| word_zh(s))
                .collect::<Vec<_>>()
                .join("、"),
            c.left_out.len()
        ),
    );
    out.push_str(basis.text(lang));
    out.push_str(&format!(
        "{} {} {}\n",
        pad(tr(lang, "node", "节点"), 10),
        pad_left(tr(lang, "distress", "受损程度"), 9),
        pad_left(tr(lang, "equity lost", "损失权益"), 14),
    ));
    for n in &c.nodes {
        let distress = if n.distress_known {
            format!("{:.1}%", 100.0 * n.distress)
        } else {
            tr(lang, "unknown", "未知").to_string()
        };
        let lost = if n.equity_known {
            amount_text(n.equity_loss, lang)
        } else {
            tr(lang, "equity unknown", "权益未知").to_string()
        };
        out.push_str(&format!(
            "{:<10} {} {}\n",
            n.id,
            pad_left(&distress, 9),
            pad_left(&lost, 14)
        ));
    }
    let summary = Note::new(
        format!(
            "\nSystem DebtRank {:.3} (initial shock excluded; weights = known equity); {} rounds.\n\
             {} exposures with an amount were used; {} without a cited amount were left out. \
             Nodes with unknown equity cannot be distressed by others.\n",
            c.debtrank, c.rounds, c.exposures_used, c.exposures_unknown
        ),
        format!(
            "\n系统DebtRank {:.3}（不含初始冲击；权重 = 已知权益）；{} 轮。\n\
             使用了 {} 笔有金额的敞口；{} 笔无引用金额的敞口被略去。\
             权益未知的节点不会被其他节点传染受损。\n",
            c.debtrank, c.rounds, c.exposures_used, c.exposures_unknown
        ),
    );
    out.push_str(summary.text(lang));
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
        "equity_basis": c.equity_basis,
        "statuses": c.statuses,
        "left_out": c.left_out,
        "circular": circular_json(circular),
    })
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The network drawn as a standalone SVG: nodes on a circle (box = company, with its equity),
/// an arrow creditor → debtor per exposure (solid funded, dashed committed, dotted
/// contingent or announced), labelled with kind and amount, captions in `lang`.
pub fn show_svg(net: &Network, lang: Lang) -> String {
    let (w, h) = (960.0_f64, 720.0_f64);
    let (cx, cy, r) = (w / 2.0, h / 2.0 + 10.0, 260.0);
    let n = net.nodes.len().max(1) as f64;
    let pos: Vec<(f64, f64)> = (0..net.nodes.len())
        .map(|i| {
            let a = -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * i as f64 / n;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect();
    let title = tr(
        lang,
        "AI financing network: arrows run from creditor to debtor (USD bn)",
        "AI融资网络：箭头由债权方指向债务方（单位：亿美元）",
    );
    let unknown = tr(lang, "unknown", "未知");
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n\
<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"20\" y=\"28\" font-size=\"16\" font-weight=\"bold\">{}</text>\n",
        xml_escape(title)
    );
    let index = |id: &str| net.nodes.iter().position(|n| n.id == id);
    // Parallel edges between the same pair are spread apart.
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for e in &net.exposures {
        let (Some(a), Some(b)) = (index(&e.creditor), index(&e.debtor)) else {
            continue;
        };
        let k = seen
            .iter()
            .filter(|p| **p == (a, b) || **p == (b, a))
            .count() as f64;
        seen.push((a, b));
        let (x1, y1) = pos[a];
        let (x2, y2) = pos[b];
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        // Stop short of the boxes; offset parallel edges sideways.
        let off = 14.0 * k;
        let (ox, oy) = (-uy * off, ux * off);
        let (sx, sy) = (x1 + ux * 48.0 + ox, y1 + uy * 24.0 + oy);
        let (tx, ty) = (x2 - ux * 48.0 + ox, y2 - uy * 24.0 + oy);
        let dash = match e.status.as_deref() {
            Some("funded") => "",
            Some("committed") => " stroke-dasharray=\"6 4\"",
            _ => " stroke-dasharray=\"2 3\"",
        };
        let amount = e
            .amount
            .map_or_else(|| unknown.to_string(), |a| amount_text(Some(a), lang));
        out.push_str(&format!(
            "<line x1=\"{sx:.1}\" y1=\"{sy:.1}\" x2=\"{tx:.1}\" y2=\"{ty:.1}\" stroke=\"#555\" stroke-width=\"1.4\"{dash} ><title>{}</title></line>\n",
            xml_escape(&format!("{} → {}: {} {} ({})", e.creditor, e.debtor, kind_label(&e.kind, lang), amount, e.source))
        ));
        // The arrowhead as a triangle (no marker: no ids or url() references, so the drawing
        // can sit inside any page).
        let (bx, by) = (tx - ux * 9.0, ty - uy * 9.0);
        out.push_str(&format!(
            "<path d=\"M {tx:.1} {ty:.1} L {:.1} {:.1} L {:.1} {:.1} z\" fill=\"#555\"/>\n",
            bx - uy * 4.0,
            by + ux * 4.0,
            bx + uy * 4.0,
            by - ux * 4.0
        ));
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#333\" font-size=\"10\">{}</text>\n",
            (sx + tx) / 2.0,
            (sy + ty) / 2.0 - 3.0,
            xml_escape(&format!("{} {}", kind_label(&e.kind, lang), amount))
        ));
    }
    for (node, (x, y)) in net.nodes.iter().zip(&pos) {
        let equity = node.equity.as_ref().map_or_else(
            || format!("{} {unknown}", tr(lang, "equity", "权益")),
            |e| format!("{} {:.0}", tr(lang, "equity", "权益"), e.value),
        );
        out.push_str(&format!(
            "<g><rect x=\"{:.1}\" y=\"{:.1}\" width=\"96\" height=\"40\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#2b5797\"/>\
<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\
<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{}</text></g>\n",
            x - 48.0,
            y - 20.0,
            y - 4.0,
            xml_escape(&node.name),
            y + 12.0,
            xml_escape(&equity)
        ));
    }
    let legend = tr(
        lang,
        "solid: funded; dashed: committed; dotted: contingent or announced. Sources: bullcheck network show --format json.",
        "实线：已出资；虚线：已承诺；点线：或有/已宣布。数字来源见 bullcheck network show --format json。",
    );
    out.push_str(&format!(
        "<text x=\"20\" y=\"{:.0}\" fill=\"#555\">{}</text>\n</svg>\n",
        h - 16.0,
        xml_escape(legend)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::registry;

    #[test]
    fn svg_draws_every_node_and_edge_and_escapes_text() {
        let net = registry::builtin();
        let svg = show_svg(&net, Lang::En);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<rect x=").count(), net.nodes.len());
        assert_eq!(svg.matches("<line ").count(), net.exposures.len());
        assert!(svg.contains("investment 100.0"));
        assert!(!svg.contains("S&P") && !svg.contains(" & "));
        // One arrowhead per edge, and no url() reference (the drawing is inlined in pages).
        assert_eq!(svg.matches("<path d=").count(), net.exposures.len());
        assert!(!svg.contains("url("));
        let zh = show_svg(&net, Lang::Zh);
        // 100.0 bn is 1000 亿 (1 十亿 = 10 亿).
        assert!(zh.contains("AI融资网络") && zh.contains("权益") && zh.contains("投资 1000"));
        assert!(!zh.contains(">investment "));
    }

    #[test]
    fn dot_and_table_mark_unknown_amounts() {
        let net = registry::builtin();
        assert!(show_dot(&net).contains("warrant unknown"));
        assert!(show_table(&net, &[], Lang::En).contains("unknown"));
    }
}
