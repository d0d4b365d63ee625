//! The forecasts on the track-record page: each event's out-of-sample probability through
//! time, its skill beside the comparators on the same months, and a reliability chart (mean
//! forecast against observed frequency by decile, with the diagonal of perfect calibration),
//! drawn by hand as SVG like the other charts.

use std::fmt::Write as _;

use super::chart::{self, LineChart, Reference};
use super::{ReportData, escape};
use crate::forecast::{EventForecast, Skill};
use crate::history::{EventKind, History};
use crate::report::Lang;
use crate::series::Date;
use crate::vocab::tr;

fn event_title(kind: EventKind, lang: Lang) -> &'static str {
    match kind {
        EventKind::Recession12m => tr(
            lang,
            "Probability that an NBER recession starts within 12 months",
            "12个月内开始NBER衰退的概率",
        ),
        EventKind::Drawdown20_12m => tr(
            lang,
            "Probability that a 20% S&P 500 bear market starts within 12 months",
            "12个月内开始标普500下跌20%熊市的概率",
        ),
    }
}

fn num(v: Option<f64>, decimals: usize) -> String {
    v.map_or("—".to_string(), |v| format!("{v:.decimals$}"))
}

/// The reliability chart of one skill: a dot per non-empty decile.
pub fn reliability_svg(skill: &Skill, id: &str, lang: Lang) -> String {
    let (size, pad) = (220.0, 30.0);
    let scale = |v: f64| pad + v * (size - 2.0 * pad);
    let mut out = format!(
        r##"<svg class="chart reliability" id="{id}" viewBox="0 0 {size} {size}" width="{size}" height="{size}" role="img" aria-label="{label}"><title>{label}</title><rect x="{pad}" y="{pad}" width="{w}" height="{w}" fill="none" stroke="#dadce0"/><line x1="{pad}" y1="{b}" x2="{b}" y2="{pad}" stroke="#9e9e9e" stroke-dasharray="4 3"/>"##,
        label = escape(tr(
            lang,
            "Reliability: observed frequency against mean forecast, by decile",
            "可靠性：按十分位，实际发生频率对平均预测"
        )),
        w = size - 2.0 * pad,
        b = size - pad,
    );
    for b in &skill.reliability {
        let (Some(f), Some(o)) = (b.mean_forecast, b.observed) else {
            continue;
        };
        let r = 2.5 + (b.n as f64).sqrt() / 2.0;
        let _ = write!(
            out,
            r##"<circle cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="#1a56a8" fill-opacity="0.7"><title>{:.0}–{:.0}%: {} · {:.1}% → {:.1}%</title></circle>"##,
            scale(f),
            size - scale(o),
            b.lower * 100.0,
            b.upper * 100.0,
            b.n,
            f * 100.0,
            o * 100.0
        );
    }
    let _ = write!(
        out,
        r##"<text x="{x}" y="{y}" font-size="10" text-anchor="middle">{fx}</text><text x="10" y="{x}" font-size="10" text-anchor="middle" transform="rotate(-90 10 {x})">{oy}</text></svg>"##,
        x = size / 2.0,
        y = size - 8.0,
        fx = escape(tr(lang, "mean forecast 0–100%", "平均预测 0–100%")),
        oy = escape(tr(lang, "observed 0–100%", "实际频率 0–100%")),
    );
    out
}

fn event_section(
    kind: EventKind,
    f: &EventForecast,
    history: &History,
    r: &ReportData,
    lang: Lang,
) -> String {
    let mut out = format!(
        r#"<h3 id="forecast-{}">{}</h3>"#,
        kind.name(),
        event_title(kind, lang)
    );
    let points: Vec<(Date, f64)> = history
        .months
        .iter()
        .filter_map(|m| {
            let p = match kind {
                EventKind::Recession12m => m.forecast_recession_12m,
                EventKind::Drawdown20_12m => m.forecast_drawdown20_12m,
            }?;
            Some((m.rating.month, 100.0 * p))
        })
        .collect();
    let label = tr(lang, "NBER recessions", "NBER衰退期");
    let element_id = format!("chart-forecast-{}", kind.name());
    if let Some(svg) = chart::render(&LineChart {
        title: event_title(kind, lang),
        unit: "%",
        points: &points,
        references: vec![Reference {
            label: "50%".to_string(),
            value: 50.0,
            class: "warning",
        }],
        recessions: &r.recessions.spans,
        recession_label: label,
        element_id: &element_id,
    }) {
        out.push_str(&svg);
    }
    let s = &f.from_1990;
    let _ = write!(
        out,
        r#"<p class="small">{}: <code>{}</code>. {} AUROC {} · Brier {} ({} {}) · {} {}, {} {}.</p>"#,
        tr(lang, "Model", "模型"),
        escape(&f.spec.name()),
        tr(lang, "Out of sample from 1990:", "1990年起样本外："),
        num(s.auroc, 2),
        num(s.brier, 3),
        tr(lang, "base rate", "基准率"),
        num(s.brier_base_rate, 3),
        s.n_months,
        tr(lang, "months", "个月"),
        s.n_positive,
        tr(lang, "with an event ahead", "其后有事件"),
    );
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table class="forecast-skill"><thead><tr><th>{}</th><th class="num">{}</th><th class="num">AUROC</th><th class="num">{}</th><th class="num">Brier</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(lang, "Comparator (same months)", "对照（相同月份）"),
        tr(lang, "Months", "月数"),
        tr(lang, "Model AUROC", "模型AUROC"),
        tr(lang, "Model Brier", "模型Brier"),
    );
    for c in &f.comparisons {
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            c.signal,
            c.n_months,
            num(c.auroc, 2),
            num(c.model_auroc, 2),
            num(c.brier, 3),
            num(c.model_brier, 3),
        );
    }
    out.push_str("</tbody></table></div>");
    out.push_str(&reliability_svg(
        s,
        &format!("reliability-{}", kind.name()),
        lang,
    ));
    out
}

/// The forecasts subsection, or nothing when no forecast was fitted.
pub fn section(r: &ReportData, lang: Lang) -> String {
    let Some(history) = &r.history else {
        return String::new();
    };
    let mut out = format!(
        r#"<h2 id="forecasts-record">{}</h2><p class="small muted">{}</p>"#,
        tr(
            lang,
            "12-month forecasts and their track record",
            "12个月预测及其历史表现"
        ),
        tr(
            lang,
            "Each month's probability is fitted only on data dated by that month and on event labels known by then (docs/rating.md section 7); the skill is out of sample from 1990. The NY Fed and Fed models were fitted on samples that include these months.",
            "每个月的概率只用截至该月的数据和当时已知的事件标签拟合（见 docs/rating.md 第7节）；表现为1990年起的样本外结果。纽约联储和美联储模型的样本包含这些月份。"
        )
    );
    let mut any = false;
    for kind in EventKind::ALL {
        if let Some(f) = history.forecasts.get(kind) {
            any = true;
            out.push_str(&event_section(kind, f, history, r, lang));
        }
    }
    if !any {
        return String::new();
    }
    out
}
