//! The dashboard's track-record page and its two sections, shared with the report: the
//! rating through time with its skill, and the built-in stress scenarios.

use std::fmt::Write as _;

use super::super::chart::{self, LineChart, Reference};
use super::super::{Links, ReportData, Shell, escape, page};
use super::{opt_number, recession_label};
use crate::history::{Period, Signal};
use crate::report::{self, Lang};
use crate::series::Date;
use crate::vocab::tr;

/// Built-in stress scenarios, or a placeholder.
pub fn stress_section(r: &ReportData, lang: Lang) -> String {
    let mut out = format!(
        r#"<h2 id="stress">{}</h2>"#,
        tr(
            lang,
            "Stress tests (built-in scenarios)",
            "压力测试（内置情景）"
        )
    );
    if r.stress.is_empty() {
        let _ = write!(
            out,
            r#"<p class="placeholder" id="stress-placeholder">{}</p>"#,
            tr(
                lang,
                "No stress-test results: no scenario could be evaluated.",
                "无压力测试结果：没有可评估的情景。"
            )
        );
        return out;
    }
    let _ = write!(
        out,
        r#"<p class="small muted">{}</p><div class="table-wrap"><table id="stress-table"><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(
            lang,
            "Deterministic transmission model (docs/transmission.md) on the stored data; `bullcheck stress run NAME` adds the Monte Carlo distribution; `bullcheck stress validate` gives the out-of-sample track record.",
            "基于存储数据的确定性传导模型（docs/transmission.md）；`bullcheck stress run NAME` 可给出蒙特卡洛分布；`bullcheck stress validate` 给出样本外历史检验。"
        ),
        tr(lang, "Scenario", "情景"),
        tr(lang, "Index fair value, % change", "指数合理价值变动 %"),
        tr(
            lang,
            "Realised (replay) or Fed path, %",
            "实际（历史重演）或美联储路径 %"
        ),
        tr(
            lang,
            "P/E10 (base → shocked)",
            "周期调整市盈率（基准 → 冲击后）"
        ),
        tr(lang, "AI earnings, % change", "AI盈利变动 %"),
        tr(
            lang,
            "Small-cap coverage, × today's",
            "小盘股利息覆盖倍数（相对当前）"
        ),
    );
    for s in &r.stress {
        let title = tr(lang, &s.title, &s.title_zh);
        if let Some(reason) = &s.no_data {
            let _ = write!(
                out,
                r#"<tr><td>{}<br><span class="small muted">{}</span></td><td colspan="5" class="muted small">{}</td></tr>"#,
                escape(title),
                escape(&s.name),
                escape(reason)
            );
            continue;
        }
        let _ = write!(
            out,
            r#"<tr><td>{}<br><span class="small muted">{}</span></td><td class="num">{}</td><td class="num">{}</td><td class="num">{} → {}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            escape(title),
            escape(&s.name),
            opt_number(s.index_fair_value_pct, 1),
            opt_number(s.realised_pct, 1),
            opt_number(s.fair_pe_base, 1),
            opt_number(s.fair_pe_shocked, 1),
            opt_number(s.ai_earnings_pct, 1),
            opt_number(s.small_cap_coverage, 2),
        );
    }
    out.push_str("</tbody></table></div>");
    for s in r.stress.iter().filter(|s| s.no_data.is_none()) {
        let _ = write!(
            out,
            r#"<details class="stress-charts" id="stress-charts-{name}"><summary>{title} · {label}</summary>{charts}</details>"#,
            name = escape(&s.name),
            title = escape(tr(lang, &s.title, &s.title_zh)),
            label = tr(
                lang,
                "waterfall by channel and Monte Carlo histogram",
                "按渠道的瀑布图和蒙特卡洛直方图"
            ),
            charts = super::super::stress_charts::stress_charts(
                s.decomposition.as_ref(),
                s.histogram.as_ref(),
                &s.name,
                lang
            )
        );
    }
    out
}

/// The rating through time with recessions shaded, and its skill as a warning signal.
pub fn track_record_section(r: &ReportData, lang: Lang) -> String {
    let mut out = format!(
        r#"<h2 id="track-record">{}</h2>"#,
        tr(lang, "Track record of the rating", "评级的历史表现")
    );
    let Some(history) = &r.history else {
        let _ = write!(
            out,
            r#"<p class="placeholder" id="track-record-placeholder">{}</p>"#,
            tr(
                lang,
                "No track record: it needs stored history (`bullcheck data import DIR`, then `bullcheck history`).",
                "无历史表现：需要存储的历史数据（`bullcheck data import DIR`，然后 `bullcheck history`）。"
            )
        );
        return out;
    };
    let points: Vec<(Date, f64)> = history
        .months
        .iter()
        .filter_map(|m| m.rating.score.map(|s| (m.rating.month, s)))
        .collect();
    let label = recession_label(r, lang);
    let references = vec![Reference {
        label: format!(
            "{} ≥60",
            report::level_label(Some(crate::audit::Level::High), lang)
        ),
        value: 60.0,
        class: "warning",
    }];
    match chart::render(&LineChart {
        title: tr(lang, "Rating score at each month-end", "每月末评级分数"),
        unit: tr(lang, "score", "分数"),
        points: &points,
        references,
        recessions: &r.recessions.spans,
        recession_label: &label,
        element_id: "chart-track-record",
    }) {
        Some(svg) => out.push_str(&svg),
        None => {
            let _ = write!(
                out,
                r#"<p class="placeholder">{}</p>"#,
                tr(lang, "Fewer than two rated months.", "评级月份不足两个。")
            );
        }
    }
    let _ = write!(
        out,
        r#"<p class="small muted">{}</p><div class="table-wrap"><table id="skill-table"><thead><tr><th>{}</th><th>{}</th><th class="num">AUROC</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(
            lang,
            "Every series in its latest vintage (no point-in-time vintages): observations dated after a month-end are never used, but earlier values are as revised since. Events: an NBER recession or a 20% S&P 500 fall starting within 12 months.",
            "各序列均为最新版本（非实时版本）：不使用月末之后的数据，但此前数值为修订后数值。事件：12个月内开始的NBER衰退或标普500下跌20%。"
        ),
        tr(lang, "Signal", "信号"),
        tr(lang, "Event (next 12 months)", "事件（未来12个月）"),
        tr(lang, "Hit rate", "命中率"),
        tr(lang, "False alarms", "误报率"),
        tr(lang, "Median lead, months", "中位提前月数"),
        tr(lang, "Months", "月数"),
    );
    for row in history.skill.iter().filter(|row| row.period == Period::All) {
        let _ = write!(
            out,
            r#"<tr{}><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            if row.signal == Signal::Rating {
                r#" class="rating-row""#
            } else {
                ""
            },
            row.signal.name(),
            row.event.name(),
            opt_number(row.auroc, 2),
            row.hit_rate
                .map_or("—".to_string(), |h| format!("{:.0}%", h * 100.0)),
            row.false_alarm_rate
                .map_or("—".to_string(), |h| format!("{:.0}%", h * 100.0)),
            opt_number(row.median_lead_months, 0),
            row.n_months,
        );
    }
    out.push_str("</tbody></table></div>");
    out.push_str(&super::super::forecast::section(r, lang));
    out
}

/// Dashboard: the track record page (rating through time, skill, stress results).
pub fn history_page(r: &ReportData, lang: Lang) -> String {
    let mut body = track_record_section(r, lang);
    body.push_str(&stress_section(r, lang));
    page(&Shell {
        title: tr(lang, "Track record", "历史表现"),
        lang,
        links: Links::Dashboard,
        path: crate::report::html::Page::History.path(),
        body: &body,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_model::empty_report;
    use super::*;

    #[test]
    fn without_results_both_sections_are_placeholders() {
        let r = empty_report();
        let html = history_page(&r, Lang::En);
        assert!(html.contains(r#"id="track-record-placeholder""#));
        assert!(html.contains(r#"id="stress-placeholder""#));
        let zh = history_page(&r, Lang::Zh);
        assert!(zh.contains("无历史表现") && zh.contains("无压力测试结果"));
    }

    #[test]
    fn stress_rows_show_numbers_or_the_reason_they_are_missing() {
        let mut r = empty_report();
        r.stress = vec![crate::report::html::StressSummary {
            name: "gfc".into(),
            title: "GFC replay".into(),
            title_zh: "金融危机重演".into(),
            index_fair_value_pct: Some(-31.24),
            realised_pct: None,
            fair_pe_base: Some(30.0),
            fair_pe_shocked: Some(21.0),
            ai_earnings_pct: None,
            small_cap_coverage: Some(0.5),
            no_data: None,
            decomposition: None,
            histogram: None,
        }];
        let html = stress_section(&r, Lang::En);
        assert!(html.contains(r#"id="stress-table""#) && html.contains("GFC replay"));
        assert!(
            html.contains(">-31.2<") && html.contains("30.0 → 21.0") && html.contains(">0.50<")
        );
        assert!(stress_section(&r, Lang::Zh).contains("金融危机重演"));
        // Without a decomposition or paths the charts block says why there is no histogram.
        assert!(
            html.contains(r#"id="stress-charts-gfc""#) && html.contains("No Monte Carlo histogram")
        );
    }
}
