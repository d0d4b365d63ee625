//! The dashboard's overview page (rating, heat map, module table) and the two sections it
//! shares with the report: the header and the heat map.

use std::fmt::Write as _;

use super::super::{Links, ReportData, Shell, escape, page};
use super::seed::{fair_pe_table, seed_charts};
use super::{badge, footer, level_badge, result_class, score_text};
use crate::audit::Audit;
use crate::checks::{DataOrigin, Status};
use crate::report;
use crate::report::Lang;
use crate::vocab::tr;

/// Counts of checks by where their value came from: (stored, snapshot, none).
pub fn data_counts(audit: &Audit) -> (usize, usize, usize) {
    let count = |origin| audit.checks.iter().filter(|c| c.data == origin).count();
    (
        count(DataOrigin::Stored),
        count(DataOrigin::Snapshot),
        count(DataOrigin::None),
    )
}

/// The header: title, rating, score, as-of date and what data was used.
pub fn header(r: &ReportData, lang: Lang) -> String {
    let audit = &r.audit;
    let (stored, snapshot, none) = data_counts(audit);
    format!(
        r#"<h1>{title}</h1><div class="summary" id="rating" data-level="{level_name}" data-score="{score_attr}"><div class="box"><div class="muted small">{rating_label}</div><div class="big">{level}</div></div><div class="box"><div class="muted small">{score_label}</div><div class="big">{score}</div><div class="small" id="rating-reading">{reading}</div></div><div class="box"><div class="muted small">{as_of_label}</div><div class="big">{as_of}</div></div><div class="box" id="data-used" data-stored="{stored}" data-snapshot="{snapshot}" data-none="{none}"><div class="muted small">{data_label}</div><div>{stored} {stored_text}<br>{snapshot} {snapshot_text}<br>{none} {none_text}</div></div></div><div class="box summary-block" id="summary" data-vulnerability="{vuln_attr}" data-stress="{stress_attr}" data-skill-measured="{measured}"><div class="muted small">{summary_label}</div><ul class="summary-lines">{summary}</ul></div><p class="muted small">{data_through} · {coverage} · {stored_only}</p><p class="muted small">{method}</p>"#,
        title = tr(
            lang,
            "bullcheck: the long bull, audited",
            "bullcheck：美股长牛体检报告"
        ),
        level_name = audit.level.map_or("none", |l| l.name()),
        score_attr = audit.score.map_or(String::new(), |s| format!("{s:.1}")),
        rating_label = tr(lang, "Overall rating", "总体评级"),
        level = level_badge(audit.level, lang),
        score_label = tr(
            lang,
            "Score (0 low – 100 critical)",
            "分数（0低 – 100危急）"
        ),
        score = score_text(audit.score),
        reading = escape(&report::headline::rating_reading(audit, lang)),
        as_of_label = tr(lang, "As of", "截至"),
        as_of = audit.as_of,
        data_label = tr(lang, "Data used (checks)", "所用数据（检查数）"),
        stored_text = tr(lang, "from stored series", "来自已存储序列"),
        snapshot_text = tr(lang, "from the bundled cited snapshot", "来自内置引用快照"),
        none_text = tr(lang, "with no data", "无数据"),
        method = tr(
            lang,
            "Score: mean of module scores; a module's score is the mean of its scored checks' status points and percentiles (docs/rating.md); facts without thresholds are never scored. Missing values stay missing.",
            "分数：各模块分数的平均；模块分数为其计分检查的状态分与百分位的平均（见 docs/rating.md）；没有阈值的事实从不计分。缺失值保持缺失。"
        ),
        vuln_attr = audit
            .vulnerability
            .score
            .map_or(String::new(), |s| format!("{s:.1}")),
        stress_attr = audit
            .stress
            .score
            .map_or(String::new(), |s| format!("{s:.1}")),
        measured = audit.skill.is_measured(),
        summary_label = tr(
            lang,
            "Bottom line: each number with its measured skill (docs/rating.md §8), what drives it, how fresh it is",
            "结论：每个数字及其实测预测力（docs/rating.md §8）、主要驱动与数据时效"
        ),
        summary = summary_items(audit, lang),
        data_through = escape(&report::headline::data_through(audit, lang)),
        coverage = escape(&report::headline::coverage(audit, lang)),
        stored_only = escape(&report::headline::stored_only(audit, lang)),
    )
}

/// The summary block's lines as list items, each with an id a test or a reader can find.
fn summary_items(audit: &Audit, lang: Lang) -> String {
    let [vulnerability, stress] = report::headline::gauge_lines(audit, lang);
    let mut items = vec![
        ("rating-skill", report::headline::rating_skill(audit, lang)),
        ("gauge-vulnerability", vulnerability),
        ("gauge-stress", stress),
    ];
    for (f, line) in audit
        .forecasts
        .iter()
        .zip(report::headline::forecast_lines(audit, lang))
    {
        let id = if f.event == "recession_12m" {
            "forecast-recession"
        } else {
            "forecast-drawdown"
        };
        items.push((id, line));
    }
    if let Some(line) = report::headline::drivers(audit, lang) {
        items.push(("drivers", line));
    }
    items.push(("freshness", report::headline::freshness(audit, lang)));
    items
        .iter()
        .map(|(id, line)| format!(r#"<li id="{id}">{}</li>"#, escape(line)))
        .collect()
}

/// The heat map: one row per module, one linked cell per check.
pub fn heatmap(audit: &Audit, lang: Lang, links: Links, only_module: Option<&str>) -> String {
    let mut out = String::from(r#"<div class="heatmap" id="heatmap">"#);
    for module in &audit.modules {
        if only_module.is_some_and(|m| m != module.id) {
            continue;
        }
        let _ = write!(
            out,
            r#"<div class="row-label" id="module-{id}"><a href="{href}">{label}</a><br>{level} <span class="small muted">{score}</span></div><div class="cells">"#,
            id = escape(&module.id),
            href = links.module(&module.id, lang),
            label = escape(report::module_label(&module.id, lang)),
            level = level_badge(module.level, lang),
            score = score_text(module.score),
        );
        for result in audit.checks.iter().filter(|c| c.module == module.id) {
            let Some(def) = audit.def(&result.id) else {
                continue;
            };
            let title = report::title(def, lang);
            let value = report::format_value_in(result.value, &result.unit, &result.unit_zh, lang);
            let percentile = result.percentile.map_or(String::new(), |p| {
                format!(r#"<span class="pbar" style="width:{p:.0}%"></span>"#)
            });
            let _ = write!(
                out,
                r#"<a class="cell {class}" href="{href}" data-check="{id}" data-status="{status}" title="{tooltip}"><span class="cell-title">{title}</span><span class="cell-value">{value}</span>{percentile}</a>"#,
                class = result_class(result),
                href = links.check(&result.id, lang),
                id = escape(&result.id),
                status = result.status.name(),
                tooltip = escape(&format!(
                    "{title} — {} — {value}{}",
                    if result.scored || result.status == Status::NoData {
                        report::status_label(result.status, lang)
                    } else {
                        report::headline::fact_label(lang)
                    },
                    result
                        .percentile
                        .map_or(String::new(), |p| format!(" — p{p:.0}"))
                )),
                title = escape(title),
                value = escape(&value),
            );
        }
        out.push_str("</div>");
    }
    out.push_str("</div>");
    let _ = write!(
        out,
        r#"<div class="legend">{} {} {} {} {} <span class="badge st-fact">{}</span> <span class="muted">{} {}</span></div>"#,
        badge(Status::Ok, lang),
        badge(Status::Watch, lang),
        badge(Status::Warning, lang),
        badge(Status::Critical, lang),
        badge(Status::NoData, lang),
        report::headline::fact_label(lang),
        tr(
            lang,
            "Bar at the bottom of a cell: percentile in the check's own history (higher = more vulnerable).",
            "格子底部的条：在该检查自身历史中的百分位（越高越脆弱）。"
        ),
        tr(
            lang,
            "A fact is a figure without thresholds: shown with its source, never scored.",
            "事实指没有阈值的数字：附来源展示，从不计分。"
        )
    );
    out
}

/// Dashboard: overview (rating, heat map, module table).
pub fn overview_page(r: &ReportData, lang: Lang) -> String {
    let mut body = header(r, lang);
    body.push_str(&heatmap(&r.audit, lang, Links::Dashboard, None));
    let _ = write!(
        body,
        r#"<h2>{}</h2><div class="table-wrap"><table><thead><tr><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(lang, "Modules", "模块"),
        tr(lang, "Module", "模块"),
        tr(lang, "Level", "级别"),
        tr(lang, "Score", "分数"),
        tr(lang, "Checks with data", "有数据的检查"),
    );
    for m in &r.audit.modules {
        let _ = write!(
            body,
            r#"<tr><td><a href="{}">{}</a></td><td>{}</td><td class="num">{}</td><td class="num">{}/{}</td></tr>"#,
            Links::Dashboard.module(&m.id, lang),
            escape(report::module_label(&m.id, lang)),
            level_badge(m.level, lang),
            score_text(m.score),
            m.with_data,
            m.checks
        );
    }
    body.push_str("</tbody></table></div>");
    body.push_str(&seed_charts(r, lang));
    body.push_str(&fair_pe_table(lang));
    body.push_str(&footer(r, lang));
    page(&Shell {
        title: tr(lang, "bullcheck dashboard", "bullcheck 仪表盘"),
        lang,
        links: Links::Dashboard,
        path: crate::report::html::Page::Overview.path(),
        body: &body,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_model::empty_report;
    use super::*;

    #[test]
    fn overview_lists_every_module_and_counts_every_check() {
        let r = empty_report();
        let (stored, snapshot, none) = data_counts(&r.audit);
        assert_eq!(stored + snapshot + none, r.audit.checks.len());
        assert_eq!(stored, 0, "nothing is stored");
        let html = overview_page(&r, Lang::En);
        assert!(html.contains("bullcheck dashboard") && html.contains(r#"id="heatmap""#));
        for m in &r.audit.modules {
            assert!(html.contains(&format!(r#"href="/module/{}""#, m.id)));
        }
        let zh = overview_page(&r, Lang::Zh);
        assert!(zh.contains("bullcheck 仪表盘") && zh.contains("?lang=zh"));
    }

    #[test]
    fn heatmap_for_one_module_shows_only_its_checks() {
        let r = empty_report();
        let module = &r.audit.modules[0].id;
        let html = heatmap(&r.audit, Lang::En, Links::SingleFile, Some(module));
        let cells = html.matches(r#"class="cell "#).count();
        let expected = r
            .audit
            .checks
            .iter()
            .filter(|c| &c.module == module)
            .count();
        assert_eq!(cells, expected);
    }
}
