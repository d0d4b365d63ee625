//! The terminal report: checks grouped by module, with status colours (optional), value vs
//! thresholds, percentile, a sparkline, as-of date, data origin, the verdict on the seed's
//! claim and the source. It reads well without colour.

use std::fmt::Write as _;

use super::{
    Lang, claim_text, format_thresholds_in, format_value_in, level_label, module_label, sparkline,
    status_label, title, verdict_label,
};
use crate::audit::{Audit, Level};
use crate::checks::{DataOrigin, Status};
use crate::vocab::{pad, tr};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

fn status_colour(status: Status) -> &'static str {
    match status {
        Status::NoData => "\x1b[2m",
        Status::Ok => "\x1b[32m",
        Status::Watch => "\x1b[36m",
        Status::Warning => "\x1b[33m",
        Status::Critical => "\x1b[1;31m",
    }
}

fn level_colour(level: Option<Level>) -> &'static str {
    match level {
        None => "\x1b[2m",
        Some(Level::Low) => "\x1b[32m",
        Some(Level::Guarded) => "\x1b[36m",
        Some(Level::Elevated) => "\x1b[33m",
        Some(Level::High) => "\x1b[31m",
        Some(Level::Critical) => "\x1b[1;31m",
    }
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, style: &str, text: &str) -> String {
        if self.on {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

pub fn render(audit: &Audit, lang: Lang, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let score = audit
        .score
        .map_or("—".to_string(), |s| format!("{s:.0}/100"));
    let level = level_label(audit.level, lang);
    let heading = tr(lang, "bullcheck audit", "bullcheck 审计");
    let as_of_label = tr(lang, "as of", "评估日");
    // With --module, the score is the selected modules' mean, not the market rating.
    let selected: Vec<&str> = audit
        .modules
        .iter()
        .map(|m| module_label(&m.id, lang))
        .collect();
    let partial = audit.modules.len() < crate::checks::def::MODULES.len();
    let rating_label = if partial {
        tr(
            lang,
            &format!(
                "score of the selected modules ({}), not the overall rating",
                selected.join(", ")
            ),
            &format!("所选模块得分（{}），非整体评级", selected.join("、")),
        )
        .to_string()
    } else {
        tr(lang, "rating", "系统评级").to_string()
    };
    let _ = writeln!(
        out,
        "{} — {as_of_label} {} ({})    {rating_label}: {}",
        p.wrap(BOLD, heading),
        audit.as_of,
        super::headline::data_through(audit, lang),
        p.wrap(
            level_colour(audit.level),
            &format!("{} {score}", level.to_uppercase())
        ) + &format!(" ({})", super::headline::rating_reading(audit, lang))
    );
    for line in super::headline::summary(audit, lang) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "{}",
        p.wrap(
            DIM,
            &format!(
                "{}{}{}",
                super::headline::coverage(audit, lang),
                tr(lang, "; ", "；"),
                super::headline::stored_only(audit, lang)
            )
        )
    );
    let count = |o: DataOrigin| audit.checks.iter().filter(|c| c.data == o).count();
    let _ = writeln!(
        out,
        "{}",
        p.wrap(
            DIM,
            tr(lang, &format!(
                    "data: {} checks from stored series, {} from the bundled cited snapshot, {} with no data",
                    count(DataOrigin::Stored),
                    count(DataOrigin::Snapshot),
                    count(DataOrigin::None)
                ), &format!(
                    "数据：{} 项来自本地存储，{} 项来自内置引用快照，{} 项无数据",
                    count(DataOrigin::Stored),
                    count(DataOrigin::Snapshot),
                    count(DataOrigin::None)
                ))
        )
    );
    for module in &audit.modules {
        let _ = writeln!(out);
        let mscore = module.score.map_or("—".to_string(), |s| format!("{s:.0}"));
        let _ = writeln!(
            out,
            "{}  {}",
            p.wrap(BOLD, &module_label(&module.id, lang).to_uppercase()),
            p.wrap(
                level_colour(module.level),
                &format!("{} {mscore}", level_label(module.level, lang))
            )
        );
        for r in audit.checks.iter().filter(|c| c.module == module.id) {
            let Some(def) = audit.def(&r.id) else {
                continue;
            };
            // A fact (no thresholds) shows no status and no colour: it is never scored.
            let (status, colour) = if r.scored || r.status == Status::NoData {
                (status_label(r.status, lang), status_colour(r.status))
            } else {
                (super::headline::fact_label(lang), "")
            };
            let status = pad(&status.to_uppercase(), 9);
            let pct = r.percentile.map_or("—".to_string(), |v| format!("{v:.0}"));
            let as_of = r.as_of.map_or("—".to_string(), |d| d.to_string());
            let _ = writeln!(
                out,
                "  {} {}",
                if colour.is_empty() {
                    status.clone()
                } else {
                    p.wrap(colour, &status)
                },
                title(def, lang)
            );
            let labels = [
                tr(lang, "value", "数值"),
                tr(lang, "thresholds", "阈值"),
                tr(lang, "risk percentile", "风险百分位"),
                tr(lang, "as of", "日期"),
                tr(lang, "data", "数据"),
            ];
            let _ = writeln!(
                out,
                "            {} {}  {} {}  {} {pct}  {} {as_of}  {} {}  {}",
                labels[0],
                p.wrap(BOLD, &format_value_in(r.value, &r.unit, &r.unit_zh, lang)),
                labels[1],
                format_thresholds_in(def, lang),
                labels[2],
                labels[3],
                labels[4],
                super::data_label(r.data, lang),
                sparkline(&r.trend, 16),
            );
            let claim_label = tr(lang, "claim", "原文观点");
            let _ = writeln!(
                out,
                "            {claim_label} ({}): {} → {}: {}",
                def.claim.seed,
                claim_text(def, lang),
                p.wrap(BOLD, verdict_label(r.verdict, lang)),
                r.verdict_note.text(lang)
            );
            for (label, value) in &super::detail_rows(r, lang) {
                let _ = writeln!(
                    out,
                    "            {}",
                    p.wrap(DIM, &format!("{label}: {value}"))
                );
            }
            match &r.missing {
                Some(missing) => {
                    let fill = if def.fill_with.is_empty() {
                        String::new()
                    } else {
                        tr(
                            lang,
                            &format!("; fill with {}", def.fill_with),
                            &format!("；可由此补充：{}", super::fill_with(def, lang)),
                        )
                        .to_string()
                    };
                    let _ = writeln!(
                        out,
                        "            {}",
                        p.wrap(
                            DIM,
                            &format!(
                                "{}: {}{fill}",
                                tr(lang, "missing", "缺失"),
                                super::missing_text(missing, lang)
                            )
                        )
                    );
                }
                None => {
                    let src_label = tr(lang, "source", "来源");
                    let _ = writeln!(
                        out,
                        "            {}",
                        p.wrap(
                            DIM,
                            &format!("{src_label}: {}", super::source_line_in(r, lang))
                        )
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(crate::vocab::display_width("警告"), 4);
        assert_eq!(pad("警告", 6), "警告  ");
    }
}
