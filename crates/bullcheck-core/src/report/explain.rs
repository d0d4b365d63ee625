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
    let pick = |en: &str, zh_text: &str| {
        if zh && !zh_text.is_empty() {
            zh_text.to_string()
        } else {
            en.to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", def.id, title(def, lang));
    let _ = writeln!(
        out,
        "module: {}   unit: {}   computation: {}",
        def.module, def.unit, def.compute
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh {
            "衡量什么"
        } else {
            "What it measures"
        },
        pick(&def.what, &def.what_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh { "为何重要" } else { "Why it matters" },
        pick(&def.why, &def.why_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh {
            "如何计算"
        } else {
            "How it is computed"
        },
        pick(&def.how, &def.how_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh { "局限" } else { "Limits" },
        pick(&def.limits, &def.limits_zh)
    );
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh { "阈值" } else { "Thresholds" },
        format_thresholds(def)
    );
    if !def.threshold_origin.is_empty() {
        let _ = writeln!(out, "  origin: {}", def.threshold_origin);
    }
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        if zh { "数据" } else { "Data" },
        def.series.join(", ")
    );
    if !def.fill_with.is_empty() {
        let _ = writeln!(out, "  live source: {}", def.fill_with);
    }
    if def.series.iter().any(|s| s.starts_with("SEC_")) {
        let _ = writeln!(
            out,
            "  company data: derived from stored SEC XBRL company facts (`bullcheck companies ingest`).\n  {}",
            crate::companies::annual::ANNUAL_VALUE_DEFINITION
        );
    }
    if let Some(id) = &def.snapshot {
        let _ = writeln!(out, "  bundled cited figure: {id}");
    }
    let _ = writeln!(
        out,
        "\n{} ({})\n  “{}”",
        if zh { "种子观点" } else { "Seed claim" },
        def.claim.seed,
        claim_text(def, lang)
    );
    let rule = match &def.claim.rule {
        VerdictRule::Cited { verdict, note, .. } => {
            format!("cited verdict `{}`: {note}", verdict.name())
        }
        VerdictRule::AtLeast {
            claim,
            tolerance_pct,
        } => {
            format!(
                "decided by data: holds if the value is at least {claim} and within {tolerance_pct}% above it; outdated beyond; wrong below"
            )
        }
        VerdictRule::Approx {
            claim,
            tolerance_pct,
            ..
        } => {
            format!(
                "decided by data: holds within {tolerance_pct}% of {claim}, approx within twice that"
            )
        }
        VerdictRule::Above { threshold } => {
            format!("decided by data: holds if the value is above {threshold}")
        }
        VerdictRule::Below { threshold } => {
            format!("decided by data: holds if the value is below {threshold}")
        }
        VerdictRule::BelowPercentile { pct } => {
            format!(
                "decided by data: holds if the value ranks below the {pct}th percentile of its own history"
            )
        }
        VerdictRule::Forecast { trigger, .. } => {
            format!(
                "a forecast: holds once the value reaches {trigger}, otherwise stays `forecast`"
            )
        }
        VerdictRule::Monitor { note, .. } => format!("monitored: {note}"),
    };
    let _ = writeln!(out, "  {}: {rule}", if zh { "判定方法" } else { "judged" });
    if let Some(r) = result {
        let _ = writeln!(
            out,
            "\n{}\n  {} = {} ({}; as of {}; data: {})  verdict: {} — {}",
            if zh { "当前" } else { "Now" },
            def.id,
            super::format_value(r.value, &r.unit),
            r.status.name(),
            r.as_of.map_or("—".to_string(), |d| d.to_string()),
            r.data.name(),
            r.verdict.name(),
            r.verdict_note.text(zh)
        );
        for (label, value) in &super::detail_rows(r, lang) {
            let label = super::detail_label(label, lang);
            let _ = writeln!(out, "  {label}: {value}");
        }
        if !r.sources.is_empty() {
            let _ = writeln!(out, "  sources: {}", super::source_line(r));
        }
        if let Some(m) = &r.missing {
            let _ = writeln!(out, "  missing: {m}");
        }
    }
    out
}
