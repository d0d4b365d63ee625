//! `bullcheck checks`: the catalogue as a list, and the full explanation of one check.

use std::fmt::Write as _;

use super::{Lang, claim_text, format_thresholds, title};
use crate::checks::{CheckDef, CheckResult, VerdictRule};

/// One line per check: id, module, title, data sources, data status.
pub fn render_list(defs: &[CheckDef], results: &[CheckResult], lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<28} {:<16} {:<9} {:<28} title",
        "id", "module", "data", "series"
    );
    for def in defs {
        let data = results
            .iter()
            .find(|r| r.id == def.id)
            .map_or("none", |r| r.data.name());
        let series = if def.series.is_empty() {
            "—".to_string()
        } else {
            def.series.join(",")
        };
        let _ = writeln!(
            out,
            "{:<28} {:<16} {:<9} {:<28} {}",
            def.id,
            def.module,
            data,
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
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", def.id, title(def, lang));
    let _ = writeln!(
        out,
        "{}: {}   {}: {}   {}: {}",
        if zh { "模块" } else { "module" },
        def.module,
        if zh { "单位" } else { "unit" },
        def.unit,
        if zh { "计算" } else { "computation" },
        def.compute.name()
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh {
            "衡量什么"
        } else {
            "What it measures"
        },
        super::pick(lang, &def.what, &def.what_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh { "为何重要" } else { "Why it matters" },
        super::pick(lang, &def.why, &def.why_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh {
            "如何计算"
        } else {
            "How it is computed"
        },
        super::pick(lang, &def.how, &def.how_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh { "局限" } else { "Limits" },
        super::pick(lang, &def.limits, &def.limits_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh { "阈值" } else { "Thresholds" },
        format_thresholds(def)
    );
    if !def.threshold_origin.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            if zh { "阈值来源" } else { "origin" },
            super::threshold_origin(def, lang)
        );
    }
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh { "数据" } else { "Data" },
        def.series.join(", ")
    );
    for alt in &def.alternatives {
        let _ = writeln!(
            out,
            "  {}: {} ({}) — {}",
            if zh {
                "等效来源（取最新者）"
            } else {
                "equivalent source (the freshest is used)"
            },
            alt.series.join(", "),
            alt.compute.name(),
            super::pick(lang, &alt.note, &alt.note_zh)
        );
    }
    if !def.fill_with.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            if zh { "在线来源" } else { "live source" },
            super::fill_with(def, lang)
        );
    }
    if def.series.iter().any(|s| s.starts_with("SEC_")) {
        let _ = writeln!(
            out,
            "  {}\n  {}",
            if zh {
                "公司数据：由本地存储的 SEC XBRL 公司财务数据推算（`bullcheck companies ingest`）。"
            } else {
                "company data: derived from stored SEC XBRL company facts (`bullcheck companies ingest`)."
            },
            if zh {
                crate::companies::annual::ANNUAL_VALUE_DEFINITION_ZH
            } else {
                crate::companies::annual::ANNUAL_VALUE_DEFINITION
            }
        );
    }
    if let Some(id) = &def.snapshot {
        let _ = writeln!(
            out,
            "  {}: {id}",
            if zh {
                "内置引用数据"
            } else {
                "bundled cited figure"
            }
        );
    }
    let _ = writeln!(
        out,
        "\n{} ({})\n  “{}”",
        if zh { "种子观点" } else { "Seed claim" },
        def.claim.seed,
        claim_text(def, lang)
    );
    let verdict_name = |v: crate::checks::Verdict| {
        if zh {
            super::verdict_label(v, lang).to_string()
        } else {
            format!("`{}`", v.name())
        }
    };
    let rule = match &def.claim.rule {
        VerdictRule::Cited {
            verdict,
            note,
            note_zh,
        } => {
            if zh {
                format!(
                    "引用的判定「{}」：{}",
                    verdict_name(*verdict),
                    super::pick(lang, note, note_zh)
                )
            } else {
                format!("cited verdict {}: {note}", verdict_name(*verdict))
            }
        }
        VerdictRule::AtLeast {
            claim,
            tolerance_pct,
        } => {
            if zh {
                format!(
                    "由数据判定：数值不低于{claim}且高出不超过{tolerance_pct}%为成立；高出更多为已过时；低于则为错误"
                )
            } else {
                format!(
                    "decided by data: holds if the value is at least {claim} and within {tolerance_pct}% above it; outdated beyond; wrong below"
                )
            }
        }
        VerdictRule::Approx {
            claim,
            tolerance_pct,
            ..
        } => {
            if zh {
                format!(
                    "由数据判定：与{claim}相差{tolerance_pct}%以内为成立，两倍范围以内为大致成立"
                )
            } else {
                format!(
                    "decided by data: holds within {tolerance_pct}% of {claim}, approx within twice that"
                )
            }
        }
        VerdictRule::Above { threshold } => {
            if zh {
                format!("由数据判定：数值高于{threshold}为成立")
            } else {
                format!("decided by data: holds if the value is above {threshold}")
            }
        }
        VerdictRule::Below { threshold } => {
            if zh {
                format!("由数据判定：数值低于{threshold}为成立")
            } else {
                format!("decided by data: holds if the value is below {threshold}")
            }
        }
        VerdictRule::BelowPercentile { pct } => {
            if zh {
                format!("由数据判定：数值在自身历史中的百分位低于第{pct}百分位为成立")
            } else {
                format!(
                    "decided by data: holds if the value ranks below the {pct}th percentile of its own history"
                )
            }
        }
        VerdictRule::Forecast { trigger, .. } => {
            if zh {
                format!("预测：数值达到{trigger}时成立，否则保持「预测」")
            } else {
                format!(
                    "a forecast: holds once the value reaches {trigger}, otherwise stays `forecast`"
                )
            }
        }
        VerdictRule::EventStudy { study } => {
            if zh {
                format!(
                    "由数据判定：事件研究{study}（bullcheck events study --builtin {study}），只用评估日（含）之前的数据"
                )
            } else {
                format!(
                    "decided by data: the event study {study} (bullcheck events study --builtin {study}) on the data up to the as-of date"
                )
            }
        }
        VerdictRule::Monitor { note, note_zh } => {
            if zh {
                format!("持续监测：{}", super::pick(lang, note, note_zh))
            } else {
                format!("monitored: {note}")
            }
        }
    };
    let _ = writeln!(out, "  {}: {rule}", if zh { "判定方法" } else { "judged" });
    if let Some(fallback) = &def.claim.fallback {
        let _ = writeln!(
            out,
            "  {}: {} — {}",
            if zh {
                "数据过旧时的引用判定"
            } else {
                "when the data are too old to judge"
            },
            super::verdict_label(fallback.verdict, lang),
            super::pick(lang, &fallback.note, &fallback.note_zh)
        );
    }
    if let Some(r) = result {
        let as_of = r.as_of.map_or("—".to_string(), |d| d.to_string());
        let value = super::format_value_in(r.value, &r.unit, lang);
        if zh {
            let _ = writeln!(
                out,
                "\n当前\n  {} = {}（{}；日期 {}；数据：{}）  判定：{} — {}",
                def.id,
                value,
                super::status_label(r.status, lang),
                as_of,
                super::data_label(r.data, lang),
                super::verdict_label(r.verdict, lang),
                r.verdict_note.text(zh)
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
                r.verdict_note.text(zh)
            );
        }
        if let Some(through) = r.data_through {
            let _ = writeln!(
                out,
                "  {}: {through}{}",
                if zh { "数据截至" } else { "data through" },
                match (r.stale, zh) {
                    (false, _) => "",
                    (true, true) => "（按发布频率已过时）",
                    (true, false) => " (stale for the series' frequency)",
                }
            );
        }
        if let Some(p) = &r.at_publication {
            let value = super::format_value_in(p.value, &r.unit, lang);
            let assumed = match (p.date_assumed, zh) {
                (false, _) => "",
                (true, true) => "，日期为假定",
                (true, false) => ", date assumed",
            };
            let _ = writeln!(
                out,
                "  {} ({} {}, {}{assumed}): {value} → {} — {}",
                if zh { "发表时" } else { "at publication" },
                if zh { "种子" } else { "seed" },
                p.seed,
                p.date,
                super::verdict_label(p.verdict, lang),
                p.note.text(zh)
            );
        }
        for (label, value) in &super::detail_rows(r, lang) {
            let _ = writeln!(out, "  {label}: {value}");
        }
        if !r.sources.is_empty() {
            let _ = writeln!(
                out,
                "  {}: {}",
                if zh { "来源" } else { "sources" },
                super::source_line_in(r, lang)
            );
        }
        if let Some(m) = &r.missing {
            let _ = writeln!(
                out,
                "  {}: {}",
                if zh { "缺失" } else { "missing" },
                super::missing_text(m, lang)
            );
        }
    }
    out
}
