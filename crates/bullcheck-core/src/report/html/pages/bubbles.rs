//! Industry bubbles (issue 14): Greenwood–Shleifer–You run-ups and crashes on the stored Ken
//! French 49 industries — the episodes chart (one bar per episode, crashed or not), the
//! crash share against the unconditional one and the paper's counts, every episode, and the
//! industries in a run-up now. Without the industries: what to import. A section of the
//! report and the dashboard's `/bubbles` page.

use std::fmt::Write as _;

use super::super::structure::{
    Bubbles, BubblesMissing, INDUSTRIES_FILL_WITH, INDUSTRY_SET, StructureData,
};
use super::super::timeline::{self, Episode, Labels};
use super::super::{Links, ReportData, Shell, escape, page};
use super::footer;
use crate::bubbles::render::{PAPER_CRASHES, PAPER_EPISODES};
use crate::report::Lang;
use crate::series::Date;
use crate::vocab::tr;

fn month(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn signed_pct(x: f64) -> String {
    format!("{:+.0}%", 100.0 * x)
}

fn share(x: Option<f64>, decimals: usize) -> String {
    x.map_or("—".to_string(), |s| format!("{:.decimals$}%", 100.0 * s))
}

fn outcome(crashed: Option<bool>, lang: Lang) -> &'static str {
    match crashed {
        Some(true) => tr(lang, "crashed", "崩盘"),
        Some(false) => tr(lang, "no crash", "未崩盘"),
        None => tr(lang, "pending", "待定"),
    }
}

fn missing(out: &mut String, why: &BubblesMissing, lang: Lang) {
    let _ = write!(
        out,
        r#"<p class="placeholder" id="bubbles-missing">{} <b>{}</b> <code>{INDUSTRIES_FILL_WITH}</code> {}"#,
        tr(
            lang,
            "Data missing: Ken French's 49 industry portfolios (FF49_VW_*, with the number of firms and average size of each industry for the market's weights) are not stored, so no run-up can be dated and no figure is shown.",
            "数据缺失：未存储肯·弗伦奇49行业组合（FF49_VW_*，以及计算市场权重所需的各行业公司数和平均市值），因此无法确定任何上涨期，也不显示任何数字。"
        ),
        tr(lang, "Fill with:", "补齐方法："),
        tr(
            lang,
            "(the full multi-section file from the Kenneth R. French data library).",
            "（肯·弗伦奇数据库中完整的多段文件）。"
        ),
    );
    if let BubblesMissing::Incomplete(detail) = why {
        let _ = write!(
            out,
            r#"<br>{} <code>{}</code>"#,
            tr(lang, "What is stored is incomplete:", "已存储数据不完整："),
            escape(detail)
        );
    }
    out.push_str("</p>");
}

fn summary(out: &mut String, b: &Bubbles, as_of: Date, lang: Lang) {
    let r = &b.result;
    let _ = write!(
        out,
        r#"<div class="summary" id="bubbles-summary" data-episodes="{n}" data-crashes="{c}"><div class="box"><div class="muted small">{episodes_label}</div><div class="big">{n}</div></div><div class="box"><div class="muted small">{crashed_label}</div><div class="big">{c} / {d}</div></div><div class="box"><div class="muted small">{share_label}</div><div class="big">{share}</div></div><div class="box"><div class="muted small">{uncond_label}</div><div class="big">{uncond}</div></div></div>"#,
        n = r.episodes.len(),
        c = r.crashes(),
        d = r.decided(),
        episodes_label = tr(lang, "Run-ups", "上涨期"),
        crashed_label = tr(lang, "Crashed / decided", "崩盘 / 已有结果"),
        share_label = tr(lang, "Crash share after a run-up", "上涨期之后的崩盘比例"),
        share = share(r.crash_share(), 0),
        uncond_label = tr(
            lang,
            "Unconditional (any industry-month)",
            "无条件（任意行业月份）"
        ),
        uncond = share(r.unconditional_crash_share, 1),
    );
    let _ = write!(
        out,
        r#"<p class="small">{} {} {} {} {} ({}, {}). {} {PAPER_EPISODES} {} {PAPER_CRASHES} {}</p>"#,
        tr(lang, "Source:", "来源："),
        escape(if b.source.is_empty() {
            "Kenneth R. French data library"
        } else {
            &b.source
        }),
        tr(
            lang,
            "value-weighted monthly returns of",
            "的价值加权月度回报："
        ),
        b.industries,
        tr(lang, "industries", "个行业"),
        format_args!(
            "{INDUSTRY_SET}_VW_*, {} – {}",
            month(b.span.0),
            month(b.span.1)
        ),
        format_args!(
            "{} {as_of}",
            tr(
                lang,
                "observations dated on or before",
                "仅用截至该日的观测："
            )
        ),
        tr(
            lang,
            "The paper (48 industries, 1928–2014):",
            "原论文（48个行业，1928–2014）："
        ),
        tr(lang, "run-ups,", "个上涨期，"),
        tr(
            lang,
            "crashed. The counts differ with 49 industries, a later vintage and the equal treatment of thin industries (docs/network.md).",
            "个崩盘。49个行业、更新的数据版本以及对小行业的同等处理会使计数不同（见 docs/network.md）。"
        ),
    );
}

fn chart(out: &mut String, b: &Bubbles, lang: Lang) {
    let episodes: Vec<Episode> = b
        .result
        .episodes
        .iter()
        .map(|e| Episode {
            start: e.start,
            return_pct: 100.0 * e.return_2y,
            crashed: e.crashed,
            label: format!(
                "{} {}: {} {}",
                e.industry,
                month(e.start),
                tr(lang, "2-year return", "两年回报"),
                signed_pct(e.return_2y)
            ),
        })
        .collect();
    let labels = Labels {
        title: tr(
            lang,
            "Industry run-ups: two-year return at the start of each episode",
            "行业上涨期：每个上涨期开始时的两年回报",
        ),
        unit: tr(lang, "% over 2 years", "两年涨幅 %"),
        threshold: tr(lang, "run-up rule 100%", "上涨期门槛 100%"),
        crashed: outcome(Some(true), lang),
        survived: outcome(Some(false), lang),
        pending: outcome(None, lang),
    };
    match timeline::render(&episodes, &labels, "chart-bubble-episodes") {
        Some(svg) => {
            out.push_str(&svg);
            let _ = write!(
                out,
                r#"<div class="legend"><span class="badge st-critical">{}</span> <span class="badge st-ok">{}</span> <span class="badge st-no_data">{}</span> <span class="muted">{}</span></div>"#,
                outcome(Some(true), lang),
                outcome(Some(false), lang),
                outcome(None, lang),
                tr(
                    lang,
                    "One bar per episode at its start month, as high as its two-year return; colour: a 40% drawdown within the next two years or not (pending: fewer than 24 months of data since).",
                    "每个上涨期一根柱，位于其开始月份，高度为两年回报；颜色：其后两年内是否回撤40%（待定：此后数据不足24个月）。"
                ),
            );
        }
        None => {
            let _ = write!(
                out,
                r#"<p class="placeholder" id="bubbles-none">{}</p>"#,
                tr(
                    lang,
                    "No industry met the run-up rule in the stored months.",
                    "已存储月份中没有行业满足上涨期规则。"
                )
            );
        }
    }
}

fn episodes_table(out: &mut String, b: &Bubbles, lang: Lang) {
    if b.result.episodes.is_empty() {
        return;
    }
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table id="episodes-table"><thead><tr><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th>{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(lang, "Start", "开始"),
        tr(lang, "Industry", "行业"),
        tr(lang, "2-year return", "两年回报"),
        tr(lang, "Net of market", "扣除市场"),
        tr(lang, "5-year return", "五年回报"),
        tr(lang, "Outcome", "结果"),
        tr(lang, "Max drawdown, 2 years", "两年内最大回撤"),
    );
    for e in &b.result.episodes {
        let _ = write!(
            out,
            r#"<tr data-crashed="{}"><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td class="num">{:.0}%</td></tr>"#,
            e.crashed
                .map_or("pending", |c| if c { "yes" } else { "no" }),
            month(e.start),
            escape(&e.industry),
            signed_pct(e.return_2y),
            signed_pct(e.net_return_2y),
            signed_pct(e.return_5y),
            outcome(e.crashed, lang),
            100.0 * e.max_drawdown,
        );
    }
    out.push_str("</tbody></table></div>");
}

fn current(out: &mut String, b: &Bubbles, lang: Lang) {
    let now: Vec<String> = b
        .result
        .current
        .iter()
        .filter(|c| c.in_run_up)
        .map(|c| {
            format!(
                "{} ({}: {} {}, {} {})",
                escape(&c.industry),
                month(c.month),
                tr(lang, "2 years", "两年"),
                c.return_2y.map_or("—".into(), signed_pct),
                tr(lang, "net", "扣除市场"),
                c.net_return_2y.map_or("—".into(), signed_pct),
            )
        })
        .collect();
    let _ = write!(
        out,
        r#"<p id="current-run-ups"><b>{}</b> {}</p>"#,
        tr(
            lang,
            "In a run-up at the last month:",
            "最后一个月处于上涨期的行业："
        ),
        if now.is_empty() {
            tr(lang, "none", "无").to_string()
        } else {
            now.join("; ")
        }
    );
}

/// The bubble section: episodes chart and table, or what to import.
pub fn bubbles_section(s: &StructureData, lang: Lang) -> String {
    let mut out = format!(
        r#"<h2 id="bubbles">{}</h2><p class="small muted">{}</p>"#,
        tr(
            lang,
            "Industry bubbles: do run-ups end in crashes?",
            "行业泡沫：大涨之后是否崩盘？"
        ),
        tr(
            lang,
            "Greenwood, Shleifer and You (2019), “Bubbles for Fama”: a run-up is a value-weighted industry return above 100% over two years, raw and net of the market, and above 50% over five years; a crash is a 40% drawdown within the next two years.",
            "Greenwood、Shleifer与You（2019）《Bubbles for Fama》：上涨期指行业价值加权回报两年超过100%（原始及扣除市场后均是）且五年超过50%；崩盘指其后两年内回撤40%。"
        ),
    );
    match &s.bubbles {
        Err(why) => missing(&mut out, why, lang),
        Ok(b) => {
            summary(&mut out, b, s.as_of, lang);
            chart(&mut out, b, lang);
            current(&mut out, b, lang);
            episodes_table(&mut out, b, lang);
        }
    }
    out
}

/// Dashboard: the bubbles page.
pub fn bubbles_page(r: &ReportData, lang: Lang) -> String {
    let mut body = bubbles_section(&r.structure, lang);
    body.push_str(&footer(r, lang));
    page(&Shell {
        title: tr(lang, "Industry bubbles", "行业泡沫"),
        lang,
        links: Links::Dashboard,
        path: crate::report::html::Page::Bubbles.path(),
        body: &body,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_model::{empty_report, report_with_structure};
    use super::*;

    #[test]
    fn without_industries_the_page_says_what_to_import_and_shows_no_number() {
        let r = empty_report();
        let html = bubbles_page(&r, Lang::En);
        assert!(html.contains(r#"id="bubbles-missing""#));
        assert!(html.contains("bullcheck data import 49_Industry_Portfolios.CSV"));
        assert!(!html.contains(r#"id="episodes-table""#) && !html.contains("<svg"));
        assert!(bubbles_page(&r, Lang::Zh).contains("数据缺失"));
    }

    #[test]
    fn stored_episodes_are_charted_counted_and_listed() {
        let r = report_with_structure();
        let b = r.structure.bubbles.as_ref().expect("synthetic industries");
        let html = bubbles_page(&r, Lang::En);
        let n = b.result.episodes.len();
        assert!(n >= 1);
        assert!(html.contains(&format!(r#"data-episodes="{n}""#)));
        assert_eq!(html.matches(r#"<rect class="bar "#).count(), n);
        assert_eq!(html.matches("<tr data-crashed=").count(), n);
        assert!(html.contains("FF49_VW_*"));
    }
}
