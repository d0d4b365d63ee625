//! One check: the section the report, the module page and the check page show, and the
//! dashboard's check page (with the interactive chart hooks and the definition's prose).

use std::fmt::Write as _;

use super::super::chart::{self, LineChart, Reference};
use super::super::{Links, ReportData, Shell, escape, page, source_link};
use super::{recession_label, result_badge};
use crate::checks::{CheckDef, CheckResult, DataOrigin, Direction, Status};
use crate::report::{self, Lang};
use crate::vocab::tr;

/// The threshold lines of a check.
fn threshold_references(def: &CheckDef, lang: Lang) -> Vec<Reference> {
    let sign = match def.direction {
        Direction::HigherIsWorse => "≥",
        Direction::LowerIsWorse => "≤",
    };
    let t = &def.thresholds;
    [
        (t.watch, Status::Watch, "watch"),
        (t.warning, Status::Warning, "warning"),
        (t.critical, Status::Critical, "critical"),
    ]
    .into_iter()
    .filter_map(|(value, status, class)| {
        value.map(|v| Reference {
            label: format!(
                "{} {sign}{}",
                report::status_label(status, lang),
                crate::checks::judge::format_number(v)
            ),
            value: v,
            class,
        })
    })
    .collect()
}

/// The SVG chart of a check's history, or `None` without history.
pub fn check_chart(r: &ReportData, def: &CheckDef, lang: Lang) -> Option<String> {
    let points = r.histories.get(&def.id)?;
    let recession_label = recession_label(r, lang);
    chart::render(&LineChart {
        title: report::title(def, lang),
        unit: &def.unit,
        points,
        references: threshold_references(def, lang),
        recessions: &r.recessions.spans,
        recession_label: &recession_label,
        element_id: &format!("chart-{}", def.id),
    })
}

/// One check: title, value vs thresholds, status, percentile, verdict, sources, chart.
pub fn check_section(r: &ReportData, result: &CheckResult, lang: Lang) -> String {
    let Some(def) = r.audit.def(&result.id) else {
        return String::new();
    };
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<section class="check" id="check-{id}" data-check="{id}" data-status="{status_name}"><h3>{title} {badge}</h3><div class="small muted">{module} · <code>{id}</code></div><div class="facts"><div><b>{value_label}</b>{value}</div><div><b>{thresholds_label}</b>{thresholds}</div><div><b>{percentile_label}</b>{percentile}</div><div><b>{as_of_label}</b>{as_of}</div><div><b>{data_label}</b>{data}</div></div>"#,
        id = escape(&result.id),
        status_name = result.status.name(),
        title = escape(report::title(def, lang)),
        badge = result_badge(result, lang),
        module = escape(report::module_label(&result.module, lang)),
        value_label = tr(lang, "Value", "数值"),
        value = escape(&report::format_value_in(
            result.value,
            &result.unit,
            &result.unit_zh,
            lang
        )),
        thresholds_label = tr(
            lang,
            "Thresholds (watch / warning / critical)",
            "阈值（关注/警告/危急）"
        ),
        thresholds = escape(&report::format_thresholds_in(def, lang)),
        percentile_label = tr(lang, "Percentile in own history", "自身历史百分位"),
        percentile = result
            .percentile
            .map_or("—".to_string(), |p| format!("{p:.0}")),
        as_of_label = tr(lang, "Value dated", "数值日期"),
        as_of = match (result.as_of, result.stale) {
            (Some(d), true) => format!(
                r#"{d} <span class="stale" title="{}">{}</span>"#,
                tr(
                    lang,
                    "late for the series' frequency on the report's date",
                    "按该序列的发布频率，在报告日期时数据已陈旧"
                ),
                tr(lang, "stale", "数据陈旧")
            ),
            (Some(d), false) => d.to_string(),
            (None, _) => "—".to_string(),
        },
        data_label = tr(lang, "Data", "数据来源"),
        data = match result.data {
            DataOrigin::Stored => tr(lang, "stored series", "已存储序列"),
            DataOrigin::Snapshot => tr(lang, "bundled cited snapshot", "内置引用快照"),
            DataOrigin::None => tr(lang, "none", "无"),
        },
    );
    let _ = write!(
        out,
        r#"<p class="verdict"><b>{claim_label} ({seed}):</b> {claim} → <b data-verdict="{verdict_name}">{verdict}</b>: {note}</p>"#,
        claim_label = tr(lang, "Seed's claim", "原文论断"),
        seed = escape(&def.claim.seed),
        claim = escape(report::claim_text(def, lang)),
        verdict_name = result.verdict.name(),
        verdict = report::verdict_label(result.verdict, lang),
        note = escape(result.verdict_note.text(lang)),
    );
    if let Some(missing) = &result.missing {
        let _ = write!(
            out,
            r#"<p class="placeholder"><b>{}</b> {}</p>"#,
            tr(lang, "Missing:", "缺失："),
            escape(&crate::report::missing_text(missing, lang))
        );
    }
    let details = crate::report::detail_rows(result, lang);
    if !details.is_empty() {
        out.push_str(r#"<ul class="small">"#);
        for (key, value) in &details {
            let _ = write!(out, "<li>{}: {}</li>", escape(key), escape(value));
        }
        out.push_str("</ul>");
    }
    if !result.sources.is_empty() {
        let _ = write!(
            out,
            r#"<p class="small"><b>{}</b> "#,
            tr(lang, "Sources:", "来源：")
        );
        let items: Vec<String> = result
            .sources
            .iter()
            .map(|s| {
                let mut text = source_link(&s.url, &s.id);
                if !s.publisher.is_empty() {
                    let _ = write!(text, " ({})", escape(&s.publisher));
                }
                if let Some(d) = s.as_of {
                    let _ = write!(text, ", {} {d}", tr(lang, "last", "最新"));
                }
                text
            })
            .collect();
        out.push_str(&items.join("; "));
        out.push_str("</p>");
    }
    match check_chart(r, def, lang) {
        Some(svg) => out.push_str(&svg),
        None => {
            let why = match result.data {
                DataOrigin::Snapshot => tr(
                    lang,
                    "No chart: the value is a single cited figure, not a stored series.",
                    "无图表：该数值是单个引用数据，而非存储序列。",
                ),
                DataOrigin::None => tr(lang, "No chart: no data.", "无图表：没有数据。"),
                DataOrigin::Stored => tr(
                    lang,
                    "No chart: fewer than two month-ends of history.",
                    "无图表：历史不足两个月末。",
                ),
            };
            let _ = write!(out, r#"<p class="muted small">{why}</p>"#);
        }
    }
    out.push_str("</section>");
    out
}

/// Dashboard: one check, with the interactive chart hooks. `None` for an unknown check.
pub fn check_page(r: &ReportData, id: &str, lang: Lang) -> Option<String> {
    let result = r.audit.checks.iter().find(|c| c.id == id)?;
    let def = r.audit.def(id)?;
    let mut body = format!(
        r#"<p class="small"><a href="{}">← {}</a></p>"#,
        Links::Dashboard.module(&result.module, lang),
        escape(report::module_label(&result.module, lang))
    );
    body.push_str(&check_section(r, result, lang));
    if r.histories.contains_key(id) {
        let _ = write!(
            body,
            r#"<p class="small muted no-print" id="chart-help" data-interactive="chart-{}" data-api="/api/checks/{}">{}</p>"#,
            escape(id),
            escape(id),
            tr(
                lang,
                "Hover the chart for date and value; drag across it to zoom into a period; double-click to reset.",
                "鼠标悬停查看日期和数值；横向拖动放大时间段；双击复原。"
            )
        );
    }
    let _ = write!(
        body,
        r#"<h2>{}</h2><p>{}</p><h3>{}</h3><p>{}</p><h3>{}</h3><p>{}</p><h3>{}</h3><p>{}</p><p class="small muted">{}: {}</p>"#,
        tr(lang, "What it measures", "测量什么"),
        escape(tr(lang, &def.what, &def.what_zh)),
        tr(lang, "Why it matters", "为何重要"),
        escape(tr(lang, &def.why, &def.why_zh)),
        tr(lang, "How it is computed", "如何计算"),
        escape(tr(lang, &def.how, &def.how_zh)),
        tr(lang, "Limits", "局限"),
        escape(tr(lang, &def.limits, &def.limits_zh)),
        tr(lang, "Threshold origin", "阈值出处"),
        escape(crate::report::threshold_origin(def, lang)),
    );
    let path = format!("/check/{id}");
    Some(page(&Shell {
        title: report::title(def, lang),
        lang,
        links: Links::Dashboard,
        path: &path,
        body: &body,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::test_model::empty_report;
    use super::*;

    #[test]
    fn check_page_shows_the_definition_and_refuses_unknown_ids() {
        let r = empty_report();
        let id = r.audit.checks[0].id.clone();
        let html = check_page(&r, &id, Lang::En).expect("known check");
        assert!(html.contains(&format!(r#"id="check-{id}""#)));
        assert!(html.contains("What it measures") && html.contains("Seed's claim"));
        let zh = check_page(&r, &id, Lang::Zh).expect("known check");
        assert!(zh.contains("测量什么") && zh.contains("原文论断"));
        assert!(check_page(&r, "no_such_check", Lang::En).is_none());
    }

    #[test]
    fn a_check_without_history_says_why_there_is_no_chart() {
        let r = empty_report();
        let result = &r.audit.checks[0];
        let html = check_section(&r, result, Lang::En);
        assert!(html.contains("No chart:") && !html.contains("<svg"));
    }
}
