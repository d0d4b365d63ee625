//! The audit as a complete Markdown document: a summary table per module and a section per
//! check with value, thresholds, status, percentile, verdict, sources and details.

use std::fmt::Write as _;

use super::{
    Lang, claim_text, format_thresholds, format_value_in, level_label, module_label,
    source_line_in, status_label, title, verdict_label,
};
use crate::audit::Audit;

/// The status, or "fact" for a figure without thresholds (never scored).
fn shown_status(r: &crate::checks::CheckResult, lang: Lang) -> &'static str {
    if r.scored || r.status == crate::checks::Status::NoData {
        status_label(r.status, lang)
    } else {
        super::headline::fact_label(lang)
    }
}

pub fn render(audit: &Audit, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let score = audit
        .score
        .map_or("—".to_string(), |s| format!("{s:.0}/100"));
    let _ = writeln!(
        out,
        "# {} — {}\n",
        if zh {
            "bullcheck 审计报告"
        } else {
            "bullcheck audit"
        },
        audit.as_of
    );
    let _ = writeln!(
        out,
        "**{}:** {} ({score}) — {}\n",
        if zh { "系统评级" } else { "Rating" },
        level_label(audit.level, lang),
        super::headline::data_through(audit, lang)
    );
    let _ = writeln!(out, "{}\n", super::headline::gauges(audit, lang));
    if let Some(line) = super::headline::forecasts(audit, lang) {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = writeln!(
        out,
        "{}{}{}\n",
        super::headline::coverage(audit, lang),
        if zh { "；" } else { "; " },
        super::headline::stored_only(audit, lang)
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        if zh { "模块" } else { "Module" },
        if zh { "等级" } else { "Level" },
        if zh { "得分" } else { "Score" },
        if zh {
            "有数据的检查"
        } else {
            "Checks with data"
        }
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
            if zh { "检查" } else { "Check" },
            if zh { "状态" } else { "Status" },
            if zh { "数值" } else { "Value" },
            if zh { "阈值" } else { "Thresholds" },
            if zh { "百分位" } else { "Percentile" },
            if zh { "日期" } else { "As of" },
            if zh { "数据" } else { "Data" }
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
                format_value_in(r.value, &r.unit, lang),
                format_thresholds(def).replace('|', "\\|"),
                r.percentile.map_or("—".to_string(), |p| format!("{p:.0}")),
                r.as_of.map_or("—".to_string(), |d| d.to_string()),
                r.data.name()
            );
        }
        for r in audit.checks.iter().filter(|c| c.module == m.id) {
            let Some(def) = audit.def(&r.id) else {
                continue;
            };
            let _ = writeln!(out, "\n### {} <a id=\"{}\"></a>\n", title(def, lang), r.id);
            let _ = writeln!(out, "- id: `{}`", r.id);
            let _ = writeln!(
                out,
                "- {}: **{}** ({}: {})",
                if zh { "状态" } else { "status" },
                shown_status(r, lang),
                if zh { "数值" } else { "value" },
                format_value_in(r.value, &r.unit, lang)
            );
            let _ = writeln!(
                out,
                "- {}: {} — {}",
                if zh { "阈值" } else { "thresholds" },
                format_thresholds(def),
                super::threshold_origin(def, lang)
            );
            let _ = writeln!(
                out,
                "- {} ({}): “{}” → **{}** — {}",
                if zh { "种子观点" } else { "seed claim" },
                def.claim.seed,
                claim_text(def, lang),
                verdict_label(r.verdict, lang),
                r.verdict_note.text(zh)
            );
            for (label, value) in &super::detail_rows(r, lang) {
                let _ = writeln!(out, "- {label}: {value}");
            }
            match &r.missing {
                Some(missing) => {
                    let _ = writeln!(
                        out,
                        "- {}: {} ({})",
                        if zh { "缺失" } else { "missing" },
                        super::missing_text(missing, lang),
                        super::fill_with(def, lang)
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "- {}: {}",
                        if zh { "来源" } else { "sources" },
                        source_line_in(r, lang)
                    );
                }
            }
        }
    }
    out
}
