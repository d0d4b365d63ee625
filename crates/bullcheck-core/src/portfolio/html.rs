//! The portfolio page (English or Simplified Chinese): holdings, one bar per scenario, the
//! patches' cost against the protection they buy, and every number's source.
//!
//! What: a self-contained HTML page from a [`Report`] (`portfolio run --format html`).
//! How: the report shell of `report::html` (inline style, no script), SVG drawn by hand:
//! horizontal bars for the scenarios (history marked), a scatter of each patch's yearly cost
//! (x) against its worst-scenario improvement (y).
//! The dashboard's `/portfolio` adds an [`Editor`]: the holdings CSV in a form that posts back
//! to the page (no script), and the validation error of a refused edit.

use std::fmt::Write as _;

use super::Report;
use crate::report::Lang;
use crate::report::html::{Links, Shell, escape, page};
use crate::vocab::tr;

fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "—".into())
}

/// One horizontal bar per scenario, zero in the middle.
fn scenario_bars(r: &Report, lang: Lang) -> String {
    let rows: Vec<(String, Option<f64>, bool)> = r
        .scenarios
        .iter()
        .map(|s| {
            (
                tr(lang, &s.title, &s.title_zh).to_string(),
                s.return_pct,
                s.contributions.iter().any(|c| c.source == "history"),
            )
        })
        .collect();
    let max = rows
        .iter()
        .filter_map(|r| r.1)
        .fold(1.0_f64, |m, v| m.max(v.abs()));
    let (label_w, bar_w, row_h) = (420.0, 360.0, 22.0);
    let width = label_w + bar_w + 70.0;
    let height = row_h * rows.len() as f64 + 10.0;
    let mid = label_w + bar_w / 2.0;
    let mut svg = format!(
        r#"<svg role="img" viewBox="0 0 {width} {height}" width="100%" aria-label="{}">"#,
        tr(lang, "Portfolio return by scenario", "各情景下的组合收益")
    );
    let _ = write!(
        svg,
        r##"<line x1="{mid}" y1="0" x2="{mid}" y2="{height}" stroke="#888"/>"##
    );
    for (i, (title, value, history)) in rows.iter().enumerate() {
        let y = 5.0 + i as f64 * row_h;
        let short: String = title.chars().take(60).collect();
        let _ = write!(
            svg,
            r#"<text x="0" y="{}" font-size="12">{}</text>"#,
            y + 14.0,
            escape(&short)
        );
        match value {
            Some(v) => {
                let len = v.abs() / max * bar_w / 2.0;
                let x = if *v < 0.0 { mid - len } else { mid };
                let colour = if *v < 0.0 { "#c0392b" } else { "#27ae60" };
                let _ = write!(
                    svg,
                    r#"<rect x="{x:.1}" y="{:.1}" width="{len:.1}" height="{:.1}" fill="{colour}"{}/>"#,
                    y + 3.0,
                    row_h - 8.0,
                    if *history {
                        r#" fill-opacity="0.6""#
                    } else {
                        ""
                    }
                );
                let _ = write!(
                    svg,
                    r#"<text x="{:.1}" y="{}" font-size="12">{v:+.1}%{}</text>"#,
                    label_w + bar_w + 4.0,
                    y + 14.0,
                    if *history { " h" } else { "" }
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r#"<text x="{:.1}" y="{}" font-size="12">{}</text>"#,
                    mid + 4.0,
                    y + 14.0,
                    tr(lang, "missing", "缺失")
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Each patch at (yearly cost, worst-scenario improvement).
fn patch_chart(r: &Report, lang: Lang) -> String {
    let points: Vec<(&str, f64, f64)> = r
        .patches
        .iter()
        .filter_map(|p| {
            Some((
                p.patch.as_str(),
                p.cost_pct_per_year?,
                p.worst_improvement_pp?,
            ))
        })
        .collect();
    if points.is_empty() {
        return String::new();
    }
    let xmax = points.iter().fold(0.5_f64, |m, p| m.max(p.1.abs()));
    let ymax = points.iter().fold(0.5_f64, |m, p| m.max(p.2.abs()));
    let (w, h, pad) = (520.0, 320.0, 50.0);
    let sx = |x: f64| pad + (x + xmax) / (2.0 * xmax) * (w - 2.0 * pad);
    let sy = |y: f64| h - pad - (y + ymax) / (2.0 * ymax) * (h - 2.0 * pad);
    let mut svg = format!(
        r##"<svg role="img" viewBox="0 0 {w} {h}" width="100%" aria-label="{}"><line x1="{pad}" y1="{}" x2="{}" y2="{}" stroke="#888"/><line x1="{}" y1="{pad}" x2="{}" y2="{}" stroke="#888"/>"##,
        tr(lang, "Patch cost against protection", "补丁成本与保护效果"),
        sy(0.0),
        w - pad,
        sy(0.0),
        sx(0.0),
        sx(0.0),
        h - pad
    );
    let _ = write!(
        svg,
        r#"<text x="{}" y="{}" font-size="12" text-anchor="end">{} ({xmax:.1})</text><text x="{pad}" y="{}" font-size="12">{} (±{ymax:.1} pp)</text>"#,
        w - pad,
        h - pad + 30.0,
        tr(lang, "cost, % a year", "年化成本，%"),
        pad - 20.0,
        tr(lang, "worst scenario improvement", "最差情景改善")
    );
    for (name, x, y) in points {
        let _ = write!(
            svg,
            r##"<circle cx="{:.1}" cy="{:.1}" r="5" fill="#2c3e50"/><text x="{:.1}" y="{:.1}" font-size="12">{}</text>"##,
            sx(x),
            sy(y),
            sx(x) + 7.0,
            sy(y) - 6.0,
            escape(name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The dashboard's holdings editor: the current CSV and the error of a refused edit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Editor<'a> {
    pub csv: &'a str,
    pub error: Option<&'a str>,
}

fn editor(e: &Editor<'_>, lang: Lang) -> String {
    let mut out = format!("<h2>{}</h2>", tr(lang, "Edit the holdings", "编辑持仓"));
    if let Some(err) = e.error {
        let _ = write!(out, r#"<p class="error" role="alert">{}</p>"#, escape(err));
    }
    let _ = write!(
        out,
        r#"<form method="post" action="/portfolio{}"><p>{}</p><textarea name="holdings" rows="10" cols="48">{}</textarea><p><button type="submit">{}</button></p></form>"#,
        crate::report::html::lang_query(lang, '?'),
        tr(
            lang,
            "CSV `asset,weight` (percent or fractions) or `asset,value`; assets: us_large_cap, us_tech, us_small_cap, treasuries_2y, treasuries_10y, treasuries_30y, tbills, ig_credit, hy_credit, gold, copper, oil, real_estate, quality, series:ID.",
            "CSV 格式 `asset,weight`（百分比或小数）或 `asset,value`；资产：us_large_cap、us_tech、us_small_cap、treasuries_2y、treasuries_10y、treasuries_30y、tbills、ig_credit、hy_credit、gold、copper、oil、real_estate、quality、series:ID。"
        ),
        escape(e.csv),
        tr(lang, "Save and recompute", "保存并重新计算")
    );
    out
}

/// The whole page: the single-file report (`editor` None) or the dashboard page with the
/// holdings editor (`report` None: no holdings saved yet, or a refused edit).
pub fn portfolio_page(r: Option<&Report>, lang: Lang, edit: Option<&Editor<'_>>) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>{}</h1>",
        tr(
            lang,
            "Portfolio under the stress scenarios",
            "压力情景下的投资组合"
        )
    );
    if let Some(e) = edit {
        body.push_str(&editor(e, lang));
    }
    if let Some(r) = r {
        report_body(&mut body, r, lang);
    }
    page(&Shell {
        title: tr(lang, "bullcheck portfolio", "bullcheck 投资组合"),
        lang,
        links: if edit.is_some() {
            Links::Dashboard
        } else {
            Links::SingleFile
        },
        path: crate::report::html::Page::Portfolio.path(),
        body: &body,
    })
}

fn report_body(body: &mut String, r: &Report, lang: Lang) {
    let _ = write!(
        body,
        "<p>{}</p>",
        tr(
            lang,
            "Return over each scenario's horizon. In replays, holdings with stored history use what actually happened (bars marked h), with the model's estimate in the table.",
            "各情景期限内的收益。历史重演中，有存储历史数据的持仓采用实际发生的收益（标记 h），模型估计列于表中。"
        )
    );
    let _ = write!(
        body,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        tr(lang, "Holdings", "持仓"),
        tr(lang, "asset", "资产"),
        tr(lang, "weight", "权重"),
        tr(lang, "carry, % a year", "年化息差收益，%")
    );
    for h in &r.holdings {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{:.2}%</td><td>{}</td></tr>",
            escape(&h.asset),
            100.0 * h.weight,
            num(h.carry_pct_per_year)
        );
    }
    body.push_str("</table>");
    let _ = write!(
        body,
        "<h2>{}</h2>{}",
        tr(lang, "Scenarios", "情景"),
        scenario_bars(r, lang)
    );
    let _ = write!(
        body,
        "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        tr(lang, "scenario", "情景"),
        tr(lang, "return, %", "收益，%"),
        tr(lang, "model, %", "模型，%"),
        tr(lang, "p5 – p95, %", "5%–95% 分位，%")
    );
    for s in &r.scenarios {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(tr(lang, &s.title, &s.title_zh)),
            num(s.return_pct),
            num(s.model_return_pct),
            s.distribution
                .as_ref()
                .map(|d| format!("{:+.2} – {:+.2}", d.p5, d.p95))
                .unwrap_or_else(|| "—".into())
        );
    }
    body.push_str("</table>");
    if !r.patches.is_empty() {
        let _ = write!(
            body,
            "<h2>{}</h2>{}<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            tr(lang, "Patches", "补丁"),
            patch_chart(r, lang),
            tr(lang, "patch", "补丁"),
            tr(lang, "cost, % a year", "年化成本，%"),
            tr(
                lang,
                "worst scenario improvement, pp",
                "最差情景改善，百分点"
            ),
            tr(lang, "pp per 1% a year", "每1%年化成本的改善")
        );
        for p in &r.patches {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&p.patch),
                num(p.cost_pct_per_year),
                num(p.worst_improvement_pp),
                p.improvement_per_unit_cost
                    .map(|x| format!("{x:.2}"))
                    .unwrap_or_else(|| "—".into())
            );
        }
        body.push_str("</table>");
    }
    let _ = write!(body, "<h2>{}</h2><ul>", tr(lang, "Sources", "来源"));
    for c in &r.cited {
        let _ = write!(
            body,
            "<li>{} = {} {} — {} ({})</li>",
            escape(c.name),
            c.value,
            escape(c.unit),
            escape(c.source),
            crate::report::html::source_link(c.url, c.as_of)
        );
    }
    let _ = write!(body, "<li>{}</li></ul>", escape(&r.skew_source));
}
