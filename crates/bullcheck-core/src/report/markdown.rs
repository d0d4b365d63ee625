//! The audit as a complete Markdown document: a summary table per module and a section per
//! check with value, thresholds, status, percentile, verdict, sources and details.

use std::fmt::Write as _;

use super::{
    Lang, claim_text, format_thresholds_in, format_value_in, level_label, module_label,
    source_line_in, status_label, title, verdict_label,
};
use crate::audit::Audit;
use crate::vocab::tr;

/// The status, or "fact" for a figure without thresholds (never scored).
fn shown_status(r: &crate::checks::CheckResult, lang: Lang) -> &'static str {
    if r.scored || r.status == crate::checks::Status::NoData {
        status_label(r.status, lang)
    } else {
        super::headline::fact_label(lang)
    }
}

pub fn render(audit: &Audit, lang: Lang) -> String {
    let mut out = String::new();
    let score = audit
        .score
        .map_or("—".to_string(), |s| format!("{s:.0}/100"));
    let _ = writeln!(
        out,
        "# {} — {}\n",
        tr(lang, "bullcheck audit", "bullcheck 审计报告"),
        audit.as_of
    );
    let _ = writeln!(
        out,
        "**{}:** {} ({score}; {}) — {}\n",
        tr(lang, "Rating", "系统评级"),
        level_label(audit.level, lang),
        super::headline::rating_reading(audit, lang),
        super::headline::data_through(audit, lang)
    );
    for line in super::headline::summary(audit, lang) {
        let _ = writeln!(out, "- {line}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}{}{}\n",
        super::headline::coverage(audit, lang),
        tr(lang, "; ", "；"),
        super::headline::stored_only(audit, lang)
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        tr(lang, "Module", "模块"),
        tr(lang, "Level", "等级"),
        tr(lang, "Score", "得分"),
        tr(lang, "Checks with data", "有数据的检查")
    );
    for m in &audit.modules {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}/{} |",
            module_label(&m.id, lang),
            level_label(m.level, lang),
            m.score.map_or("—".to_string(), |s| format!("{s:.0}")),
            m.with_data,
            m.checks
        );
    }
    for m in &audit.modules {
        let _ = writeln!(out, "\n## {}\n", module_label(&m.id, lang));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|",
            tr(lang, "Check", "检查"),
            tr(lang, "Status", "状态"),
            tr(lang, "Value", "数值"),
            tr(lang, "Thresholds", "阈值"),
            tr(lang, "Percentile", "百分位"),
            tr(lang, "As of", "日期"),
            tr(lang, "Data", "数据")
        );
        for r in audit.checks.iter().filter(|c| c.module == m.id) {
            let Some(def) = audit.def(&r.id) else {
                continue;
            };
            let _ = writeln!(
                out,
                "| [{}](#{}) | {} | {} | {} | {} | {} | {} |",
                title(def, lang),
                r.id,
                shown_status(r, lang),
                format_value_in(r.value, &r.unit, &r.unit_zh, lang),
                format_thresholds_in(def, lang).replace('|', "\\|"),
                r.percentile.map_or("—".to_string(), |p| format!("{p:.0}")),
                r.as_of.map_or("—".to_string(), |d| d.to_string()),
                super::data_label(r.data, lang)
            );
        }
        for r in audit.checks.iter().filter(|c| c.module == m.id) {
            let Some(def) = audit.def(&r.id) else {
                continue;
            };
            let _ = writeln!(out, "\n### {} <a id=\"{}\"></a>\n", title(def, lang), r.id);
            let _ = writeln!(out, "- {}: `{}`", tr(lang, "id", "编号"), r.id);
            let _ = writeln!(
                out,
                "- {}: **{}** ({}: {})",
                tr(lang, "status", "状态"),
                shown_status(r, lang),
                tr(lang, "value", "数值"),
                format_value_in(r.value, &r.unit, &r.unit_zh, lang)
            );
            let _ = writeln!(
                out,
                "- {}: {} — {}",
                tr(lang, "thresholds", "阈值"),
                format_thresholds_in(def, lang),
                super::threshold_origin(def, lang)
            );
            let _ = writeln!(
                out,
                "- {} ({}): “{}” → **{}** — {}",
                tr(lang, "seed claim", "原文观点"),
                def.claim.seed,
                claim_text(def, lang),
                verdict_label(r.verdict, lang),
                r.verdict_note.text(lang)
            );
            for (label, value) in &super::detail_rows(r, lang) {
                let _ = writeln!(out, "- {label}: {value}");
            }
            match &r.missing {
                Some(missing) => {
                    let _ = writeln!(
                        out,
                        "- {}: {} ({})",
                        tr(lang, "missing", "缺失"),
                        super::missing_text(missing, lang),
                        super::fill_with(def, lang)
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "- {}: {}",
                        tr(lang, "sources", "来源"),
                        source_line_in(r, lang)
                    );
                }
            }
        }
    }
    out
}
