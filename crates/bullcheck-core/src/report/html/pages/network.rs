//! The AI financing network (issue 14): the registry drawn as SVG, DebtRank contagion from
//! the default shock ([`DEFAULT_SHOCK`]: OpenAI defaults), each company's circular share, and
//! every exposure with its source and date. A section of the report and the dashboard's
//! `/network` page.

use std::fmt::Write as _;

use super::super::structure::{DEFAULT_SHOCK, StructureData};
use super::super::{Links, ReportData, Shell, escape, page, source_link};
use super::footer;
use crate::network::registry::{self, Cited};
use crate::network::render::{kind_label, show_svg, status_label};
use crate::network::{Contagion, Network};
use crate::report::Lang;
use crate::vocab::{bn_in_yi, tr};

/// An amount in USD bn as the column heads say: USD bn in English, 亿美元 in Chinese.
fn bn(value: Option<f64>, lang: Lang) -> String {
    match (value, lang) {
        (None, _) => tr(lang, "unknown", "未知").to_string(),
        (Some(v), Lang::En) => format!("{v:.1}"),
        (Some(v), Lang::Zh) => bn_in_yi(v),
    }
}

fn pct(value: f64) -> String {
    format!("{:.1}%", 100.0 * value)
}

fn name(net: &Network, id: &str) -> String {
    net.nodes
        .iter()
        .find(|n| n.id == id)
        .map_or_else(|| id.to_string(), |n| n.name.clone())
}

/// A cited figure: value, date and linked source; or "unknown (no citation)".
fn cited(c: Option<&Cited>, lang: Lang) -> String {
    match c {
        Some(c) => format!(
            "{} <span class=\"small muted\">({} {}; {})</span>",
            bn(Some(c.value), lang),
            tr(lang, "as of", "截至"),
            escape(&c.as_of),
            source_link(&c.url, &c.source)
        ),
        None => format!(
            r#"<span class="muted">{}</span>"#,
            tr(lang, "unknown (no citation)", "未知（无引用）")
        ),
    }
}

fn contagion_table(out: &mut String, net: &Network, c: &Contagion, lang: Lang) {
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table id="contagion-table"><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th><th>{}</th></tr></thead><tbody>"#,
        tr(lang, "Company", "公司"),
        tr(lang, "Distress", "受损程度"),
        tr(lang, "Equity lost, USD bn", "损失权益（亿美元）"),
        tr(lang, "Equity, USD bn (cited)", "权益（亿美元，引用）"),
    );
    for n in &c.nodes {
        let node = net.nodes.iter().find(|x| x.id == n.id);
        let distress = if n.distress_known {
            pct(n.distress)
        } else {
            tr(lang, "unknown", "未知").to_string()
        };
        let _ = write!(
            out,
            r#"<tr data-node="{id}"><td>{name} <span class="small muted">{id}</span></td><td class="num">{distress}</td><td class="num">{lost}</td><td class="small">{equity}</td></tr>"#,
            id = escape(&n.id),
            name = escape(&name(net, &n.id)),
            lost = if n.equity_known {
                bn(n.equity_loss, lang)
            } else {
                tr(lang, "equity unknown", "权益未知").to_string()
            },
            equity = cited(node.and_then(|x| x.equity.as_ref()), lang),
        );
    }
    out.push_str("</tbody></table></div>");
    let _ = write!(
        out,
        r#"<p class="small" id="debtrank" data-debtrank="{dr:.4}">{}: <b>{dr:.3}</b> ({}); {} {}. {} {}; {} {}. {}</p>"#,
        tr(lang, "System DebtRank", "系统DebtRank"),
        tr(
            lang,
            "initial shock excluded, weighted by known equity",
            "不含初始冲击，按已知权益加权"
        ),
        c.rounds,
        tr(lang, "rounds", "轮"),
        tr(
            lang,
            "Exposures with a cited amount used:",
            "使用的有引用金额的敞口："
        ),
        c.exposures_used,
        tr(lang, "left out without one:", "因无引用金额而略去："),
        c.exposures_unknown,
        tr(
            lang,
            "A company with unknown equity cannot be distressed by others.",
            "权益未知的公司不会被其他公司传染。"
        ),
        dr = c.debtrank,
    );
}

fn circular_table(out: &mut String, s: &StructureData, lang: Lang) {
    let _ = write!(
        out,
        r#"<h3 id="circular">{}</h3><p class="small muted">{}</p>"#,
        tr(lang, "Circular share", "循环融资占比"),
        tr(
            lang,
            "The part of a company's sales backlog that comes from counterparties it funds: Σ min(sales to the counterparty, funding into it) (docs/catalogue.md M9), and that amount ÷ the company's cited revenue.",
            "公司销售订单中来自其所投资对象的部分：Σ min(对该对象的销售, 对其的投资)（docs/catalogue.md M9），以及该金额 ÷ 公司引用营收。"
        ),
    );
    if s.circular.is_empty() {
        let _ = write!(
            out,
            r#"<p class="placeholder">{}</p>"#,
            tr(
                lang,
                "No company both funds and sells to a counterparty in the registry.",
                "登记表中没有既投资又向同一对象销售的公司。"
            )
        );
        return;
    }
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table id="circular-table"><thead><tr><th>{}</th><th class="num">{}</th><th>{}</th><th class="num">{}</th><th>{}</th></tr></thead><tbody>"#,
        tr(lang, "Company", "公司"),
        tr(lang, "Circular amount, USD bn", "循环金额（亿美元）"),
        tr(lang, "Via", "经由"),
        tr(lang, "Share of revenue", "占营收比例"),
        tr(lang, "Amount unknown with", "金额未知的对象"),
    );
    for c in &s.circular {
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td class="num">{}</td><td>{}</td><td class="num">{}</td><td>{}</td></tr>"#,
            escape(&name(&s.network, &c.id)),
            bn(Some(c.circular_amount), lang),
            escape(&c.counterparties.join(", ")),
            c.share_of_revenue.map_or("—".to_string(), pct),
            escape(&c.unknown_counterparties.join(", ")),
        );
    }
    out.push_str("</tbody></table></div>");
}

fn exposures_table(out: &mut String, net: &Network, lang: Lang) {
    let _ = write!(
        out,
        r#"<h3 id="exposures">{}</h3><div class="table-wrap"><table id="exposures-table"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th class="num">{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
        tr(lang, "Exposures and their sources", "敞口及来源"),
        tr(lang, "Creditor → debtor", "债权方 → 债务方"),
        tr(lang, "Kind", "类型"),
        tr(lang, "Status", "状态"),
        tr(lang, "Amount, USD bn", "金额（亿美元）"),
        tr(lang, "Date", "日期"),
        tr(lang, "Source", "来源"),
    );
    for e in &net.exposures {
        let _ = write!(
            out,
            r#"<tr><td>{} → {}</td><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td><td class="small">{}</td></tr>"#,
            escape(&name(net, &e.creditor)),
            escape(&name(net, &e.debtor)),
            escape(kind_label(&e.kind, lang)),
            escape(e.status.as_deref().map_or("—", |s| status_label(s, lang))),
            bn(e.amount, lang),
            escape(e.as_of.as_deref().or(e.announced.as_deref()).unwrap_or("—")),
            source_link(&e.url, &e.source),
        );
    }
    out.push_str("</tbody></table></div>");
}

/// The network section: drawing, contagion, circular shares, exposures with sources.
pub fn network_section(s: &StructureData, lang: Lang) -> String {
    let mut out = format!(
        r#"<h2 id="network">{}</h2><p class="small muted">{} <code>{}</code>. {} <code>bullcheck network show --format json</code>.</p><div class="network-wrap">{}</div>"#,
        tr(lang, "The AI financing network", "AI融资网络"),
        tr(lang, "Registry:", "登记表："),
        escape(if s.network_source == registry::BUILTIN_NAME {
            tr(lang, registry::BUILTIN_NAME, registry::BUILTIN_NAME_ZH)
        } else {
            &s.network_source
        }),
        tr(
            lang,
            "Amounts in USD bn; every figure is listed below with its source and date, and a figure no citation establishes stays unknown. All fields:",
            "金额单位为亿美元；每个数字都在下方列出来源和日期，没有引用依据的数字保持未知。全部字段："
        ),
        show_svg(&s.network, lang),
    );
    let _ = write!(
        out,
        r#"<h3 id="contagion">{} {}</h3>"#,
        tr(lang, "Contagion if", "传染："),
        escape(&format!(
            "{}{}",
            name(&s.network, DEFAULT_SHOCK),
            tr(lang, " defaults (DebtRank)", "违约（DebtRank）")
        )),
    );
    let _ = write!(
        out,
        r#"<p class="small muted" id="contagion-shock" data-shock="{DEFAULT_SHOCK}">{} <code>{DEFAULT_SHOCK}</code> {} {}</p>"#,
        tr(lang, "Shock shown:", "所示冲击："),
        tr(
            lang,
            "defaults (distress 100%). Linear DebtRank (Battiston et al. 2012; Bardoscia et al. 2015): W_ij = min(1, exposure of j to i ÷ equity of j), distress passed on in rounds until it stops.",
            "违约（受损100%）。线性DebtRank（Battiston等2012；Bardoscia等2015）：W_ij = min(1, j对i的敞口 ÷ j的权益)，受损逐轮传递直至停止。"
        ),
        tr(
            lang,
            "Other shocks: bullcheck network contagion --default ID or --shock ID=0.3.",
            "其他冲击：bullcheck network contagion --default ID 或 --shock ID=0.3。"
        ),
    );
    match &s.contagion {
        Ok(c) => contagion_table(&mut out, &s.network, c, lang),
        Err(reason) => {
            let _ = write!(
                out,
                r#"<p class="placeholder" id="contagion-missing">{} <code>{}</code></p>"#,
                tr(lang, "Contagion could not run:", "无法计算传染："),
                escape(reason)
            );
        }
    }
    circular_table(&mut out, s, lang);
    exposures_table(&mut out, &s.network, lang);
    out
}

/// Dashboard: the network page.
pub fn network_page(r: &ReportData, lang: Lang) -> String {
    let mut body = network_section(&r.structure, lang);
    body.push_str(&footer(r, lang));
    page(&Shell {
        title: tr(lang, "AI financing network", "AI融资网络"),
        lang,
        links: Links::Dashboard,
        path: crate::report::html::Page::Network.path(),
        body: &body,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_model::empty_report;
    use super::*;

    #[test]
    fn network_page_draws_the_registry_and_names_the_shock() {
        let r = empty_report();
        let html = network_page(&r, Lang::En);
        assert!(html.contains("<svg") && html.contains(r#"id="contagion-table""#));
        assert!(html.contains(r#"data-shock="OPENAI""#) && html.contains("OpenAI defaults"));
        // One contagion row per company, one exposure row per exposure.
        let net = &r.structure.network;
        assert_eq!(html.matches("<tr data-node=").count(), net.nodes.len());
        let exposures = html.split(r#"id="exposures-table""#).nth(1).unwrap();
        assert_eq!(exposures.matches("<tr><td>").count(), net.exposures.len());
        // OpenAI defaults: its own distress is 100%.
        assert!(html.contains(r#"<tr data-node="OPENAI"><td>OpenAI <span class="small muted">OPENAI</span></td><td class="num">100.0%</td>"#));
        let zh = network_page(&r, Lang::Zh);
        assert!(zh.contains("AI融资网络") && zh.contains("OpenAI违约（DebtRank）"));
    }
}
