//! `bullcheck checks`: the catalogue as a list, and the full explanation of one check.

use std::fmt::Write as _;

use super::{Lang, claim_text, format_thresholds_in, title};
use crate::checks::{CheckDef, CheckResult, DataOrigin, VerdictRule};
use crate::vocab::{pad, tr};

/// One line per check: id, module, title, data sources, data status.
pub fn render_list(defs: &[CheckDef], results: &[CheckResult], lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} {} {} {}",
        pad(tr(lang, "id", "编号"), 28),
        pad(tr(lang, "module", "模块"), 16),
        pad(tr(lang, "data", "数据"), 9),
        pad(tr(lang, "series", "序列"), 28),
        tr(lang, "title", "标题")
    );
    for def in defs {
        let data = results
            .iter()
            .find(|r| r.id == def.id)
            .map_or(DataOrigin::None, |r| r.data);
        let series = if def.series.is_empty() {
            "—".to_string()
        } else {
            def.series.join(",")
        };
        let _ = writeln!(
            out,
            "{:<28} {:<16} {} {:<28} {}",
            def.id,
            def.module,
            pad(super::data_label(data, lang), 9),
            truncate(&series, 28),
            title(def, lang)
        );
    }
    out
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// Everything about one check: what, why, how, limits, thresholds, claim and how it is judged.
pub fn render_one(def: &CheckDef, result: Option<&CheckResult>, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", def.id, title(def, lang));
    let _ = writeln!(
        out,
        "{}: {}   {}: {}   {}: {}",
        tr(lang, "module", "模块"),
        def.module,
        tr(lang, "unit", "单位"),
        super::unit_label(&def.unit, &def.unit_zh, lang),
        tr(lang, "computation", "计算"),
        def.compute.name()
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        tr(lang, "What it measures", "衡量什么"),
        tr(lang, &def.what, &def.what_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        tr(lang, "Why it matters", "为何重要"),
        tr(lang, &def.why, &def.why_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        tr(lang, "How it is computed", "如何计算"),
        tr(lang, &def.how, &def.how_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        tr(lang, "Limits", "局限"),
        tr(lang, &def.limits, &def.limits_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        tr(lang, "Thresholds", "阈值"),
        format_thresholds_in(def, lang)
    );
    if !def.threshold_origin.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            tr(lang, "origin", "阈值来源"),
            super::threshold_origin(def, lang)
        );
    }
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        tr(lang, "Data", "数据"),
        def.series.join(", ")
    );
    for alt in &def.alternatives {
        let _ = writeln!(
            out,
            "  {}: {} ({}) — {}",
            tr(
                lang,
                "equivalent source (the freshest is used)",
                "等效来源（取最新者）"
            ),
            alt.series.join(", "),
            alt.compute.name(),
            tr(lang, &alt.note, &alt.note_zh)
        );
    }
    if !def.fill_with.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            tr(lang, "live source", "在线来源"),
            super::fill_with(def, lang)
        );
    }
    if def.series.iter().any(|s| s.starts_with("SEC_")) {
        let _ = writeln!(
            out,
            "  {}\n  {}",
            tr(
                lang,
                "company data: derived from stored SEC XBRL company facts (`bullcheck companies ingest`).",
                "公司数据：由本地存储的 SEC XBRL 公司财务数据推算（`bullcheck companies ingest`）。"
            ),
            tr(
                lang,
                crate::companies::annual::ANNUAL_VALUE_DEFINITION,
                crate::companies::annual::ANNUAL_VALUE_DEFINITION_ZH
            )
        );
    }
    if let Some(id) = &def.snapshot {
        let _ = writeln!(
            out,
            "  {}: {id}",
            tr(lang, "bundled cited figure", "内置引用数据")
        );
    }
    let _ = writeln!(
        out,
        "\n{} ({})\n  “{}”",
        tr(lang, "Seed claim", "原文观点"),
        def.claim.seed,
        claim_text(def, lang)
    );
    let verdict_name = |v: crate::checks::Verdict| match lang {
        Lang::Zh => super::verdict_label(v, lang).to_string(),
        Lang::En => format!("`{}`", v.name()),
    };
    let rule = match &def.claim.rule {
        VerdictRule::Cited {
            verdict,
            note,
            note_zh,
        } => {
            tr(lang, &format!("cited verdict {}: {note}", verdict_name(*verdict)), &format!(
                    "引用的判定「{}」：{}",
                    verdict_name(*verdict),
                    tr(lang, note, note_zh)
                )).to_string()
        }
        VerdictRule::AtLeast {
            claim,
            tolerance_pct,
        } => {
            tr(lang, &format!(
                    "decided by data: holds if the value is at least {claim} and within {tolerance_pct}% above it; outdated beyond; wrong below"
                ), &format!(
                    "由数据判定：数值不低于{claim}且高出不超过{tolerance_pct}%为成立；高出更多为已过时；低于则为错误"
                )).to_string()
        }
        VerdictRule::Approx {
            claim,
            tolerance_pct,
            ..
        } => {
            tr(lang, &format!(
                    "decided by data: holds within {tolerance_pct}% of {claim}, approx within twice that"
                ), &format!(
                    "由数据判定：与{claim}相差{tolerance_pct}%以内为成立，两倍范围以内为大致成立"
                )).to_string()
        }
        VerdictRule::Above { threshold } => {
            tr(lang, &format!("decided by data: holds if the value is above {threshold}"), &format!("由数据判定：数值高于{threshold}为成立")).to_string()
        }
        VerdictRule::Below { threshold } => {
            tr(lang, &format!("decided by data: holds if the value is below {threshold}"), &format!("由数据判定：数值低于{threshold}为成立")).to_string()
        }
        VerdictRule::BelowPercentile { pct } => {
            tr(lang, &format!(
                    "decided by data: holds if the value ranks below the {pct}th percentile of its own history"
                ), &format!("由数据判定：数值在自身历史中的百分位低于第{pct}百分位为成立")).to_string()
        }
        VerdictRule::Forecast { trigger, .. } => {
            tr(lang, &format!(
                    "a forecast: holds once the value reaches {trigger}, otherwise stays `forecast`"
                ), &format!("预测：数值达到{trigger}时成立，否则保持「预测」")).to_string()
        }
        VerdictRule::EventStudy { study } => {
            tr(lang, &format!(
                    "decided by data: the event study {study} (bullcheck events study --builtin {study}) on the data up to the as-of date"
                ), &format!(
                    "由数据判定：事件研究{study}（bullcheck events study --builtin {study}），只用评估日（含）之前的数据"
                )).to_string()
        }
        VerdictRule::Monitor { note, note_zh } => {
            tr(lang, &format!("monitored: {note}"), &format!("持续监测：{}", tr(lang, note, note_zh))).to_string()
        }
    };
    let _ = writeln!(out, "  {}: {rule}", tr(lang, "judged", "判定方法"));
    if let Some(fallback) = &def.claim.fallback {
        let _ = writeln!(
            out,
            "  {}: {} — {}",
            tr(
                lang,
                "when the data are too old to judge",
                "数据过旧时的引用判定"
            ),
            super::verdict_label(fallback.verdict, lang),
            tr(lang, &fallback.note, &fallback.note_zh)
        );
    }
    if let Some(r) = result {
        let as_of = r.as_of.map_or("—".to_string(), |d| d.to_string());
        let value = super::format_value_in(r.value, &r.unit, &r.unit_zh, lang);
        // The two languages punctuate the line differently.
        if lang == Lang::Zh {
            let _ = writeln!(
                out,
                "\n当前\n  {} = {}（{}；日期 {}；数据：{}）  判定：{} — {}",
                def.id,
                value,
                super::status_label(r.status, lang),
                as_of,
                super::data_label(r.data, lang),
                super::verdict_label(r.verdict, lang),
                r.verdict_note.text(lang)
            );
        } else {
            let _ = writeln!(
                out,
                "\nNow\n  {} = {} ({}; as of {}; data: {})  verdict: {} — {}",
                def.id,
                value,
                r.status.name(),
                as_of,
                r.data.name(),
                r.verdict.name(),
                r.verdict_note.text(lang)
            );
        }
        if let Some(through) = r.data_through {
            let _ = writeln!(
                out,
                "  {}: {through}{}",
                tr(lang, "data through", "数据截至"),
                if r.stale {
                    tr(
                        lang,
                        " (stale for the series' frequency)",
                        "（按发布频率，数据陈旧）",
                    )
                } else {
                    ""
                }
            );
        }
        if let Some(p) = &r.at_publication {
            let value = super::format_value_in(p.value, &r.unit, &r.unit_zh, lang);
            let assumed = if p.date_assumed {
                tr(lang, ", date assumed", "，日期为假定")
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {} ({} {}, {}{assumed}): {value} → {} — {}",
                tr(lang, "at publication", "发表时"),
                tr(lang, "seed", "原文"),
                p.seed,
                p.date,
                super::verdict_label(p.verdict, lang),
                p.note.text(lang)
            );
        }
        for (label, value) in &super::detail_rows(r, lang) {
            let _ = writeln!(out, "  {label}: {value}");
        }
        if !r.sources.is_empty() {
            let _ = writeln!(
                out,
                "  {}: {}",
                tr(lang, "sources", "来源"),
                super::source_line_in(r, lang)
            );
        }
        if let Some(m) = &r.missing {
            let _ = writeln!(
                out,
                "  {}: {}",
                tr(lang, "missing", "缺失"),
                super::missing_text(m, lang)
            );
        }
    }
    out
}
