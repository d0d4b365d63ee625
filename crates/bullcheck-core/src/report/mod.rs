//! Renderers: the audit as a terminal report, JSON (the stable contract of `json.rs`) and
//! Markdown, in English or Simplified Chinese. Pure functions from an [`Audit`] to a `String`.
//!
//! [`Audit`]: crate::audit::Audit

pub mod claims;
pub mod explain;
pub mod headline;
pub mod html;
pub mod json;
pub mod markdown;
pub mod terminal;

use crate::checks::{CheckDef, CheckResult, Detail, Missing, Status, Verdict};

pub use crate::vocab::Lang;
use crate::vocab::tr;

/// The title of a check in `lang` (English when no translation exists).
pub fn title(def: &CheckDef, lang: Lang) -> &str {
    tr(lang, &def.title, &def.title_zh)
}

/// Where a check's thresholds come from, in `lang` (English when no translation exists).
pub fn threshold_origin(def: &CheckDef, lang: Lang) -> &str {
    tr(lang, &def.threshold_origin, &def.threshold_origin_zh)
}

/// The live source that would fill a check, in `lang` (English when no translation exists).
pub fn fill_with(def: &CheckDef, lang: Lang) -> &str {
    tr(lang, &def.fill_with, &def.fill_with_zh)
}

pub fn claim_text(def: &CheckDef, lang: Lang) -> &str {
    tr(lang, &def.claim.text, &def.claim.text_zh)
}

pub fn status_label(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::NoData => tr(lang, "no_data", "无数据"),
        Status::Ok => tr(lang, "ok", "正常"),
        Status::Watch => tr(lang, "watch", "关注"),
        Status::Warning => tr(lang, "warning", "警告"),
        Status::Critical => tr(lang, "critical", "危急"),
    }
}

pub fn verdict_label(verdict: Verdict, lang: Lang) -> &'static str {
    match verdict {
        Verdict::Holds => tr(lang, "holds", "成立"),
        Verdict::Approx => tr(lang, "approx", "大致成立"),
        Verdict::Outdated => tr(lang, "outdated", "已过时"),
        Verdict::Wrong => tr(lang, "wrong", "错误"),
        Verdict::Unverified => tr(lang, "unverified", "无法核实"),
        Verdict::Forecast => tr(lang, "forecast", "预测"),
    }
}

pub fn level_label(level: Option<crate::audit::Level>, lang: Lang) -> &'static str {
    use crate::audit::Level;
    match level {
        None => tr(lang, "no data", "无数据"),
        Some(Level::Low) => tr(lang, "low", "低"),
        Some(Level::Guarded) => tr(lang, "guarded", "戒备"),
        Some(Level::Elevated) => tr(lang, "elevated", "偏高"),
        Some(Level::High) => tr(lang, "high", "高"),
        Some(Level::Critical) => tr(lang, "critical", "危急"),
    }
}

pub fn module_label(module: &str, lang: Lang) -> &str {
    match module {
        "ai" => tr(lang, "AI capex and revenue", "AI资本开支与收入"),
        "fiscal" => tr(lang, "Fiscal", "财政"),
        "valuation" => tr(lang, "Valuation", "估值"),
        "zombie" => tr(lang, "Zombie companies and credit", "僵尸企业与信用"),
        "consumer" => tr(lang, "Consumer", "消费者"),
        "dollar" => tr(lang, "Dollar", "美元"),
        "market" => tr(lang, "Market", "市场"),
        "network" => tr(lang, "AI financing network", "AI融资网络"),
        "china_liquidity" => tr(lang, "China liquidity", "中国流动性"),
        other => other,
    }
}

/// A value with its unit, or a dash when missing.
pub fn format_value(value: Option<f64>, unit: &str) -> String {
    match value {
        None => "—".to_string(),
        Some(v) => {
            let n = crate::checks::judge::format_number(v);
            match unit {
                "%" => format!("{n}%"),
                "USD tn" => format!("${n}T"),
                "" => n,
                u => format!("{n} {u}"),
            }
        }
    }
}

/// A value with its unit in `lang` (see [`unit_label`]), or a dash when missing. In Chinese,
/// dollar amounts count in 亿 (10^8) and 万亿 (10^12), as Chinese writers do, never in
/// 十亿 (10^9): USD 407.5 bn reads `4075亿美元`, USD 38.4 tn `38.40万亿美元`.
pub fn format_value_in(value: Option<f64>, unit: &str, unit_zh: &str, lang: Lang) -> String {
    if lang == Lang::Zh
        && let Some(v) = value
        && let Some((scaled, unit)) = yi_amount(v, unit, unit_zh)
    {
        return format!("{}{unit}", crate::checks::judge::format_number(scaled));
    }
    match (value, unit) {
        (Some(_), "%" | "USD tn" | "") | (None, _) => format_value(value, unit),
        (Some(_), u) => format_value(value, unit_label(u, unit_zh, lang)),
    }
}

/// A check's unit in `lang`: its definition's `unit_zh` in Chinese, or `unit` when the
/// definition has none (a unit that reads the same, or a user's check without one). A
/// Chinese unit in 十亿美元 reads 亿美元, the unit [`format_value_in`] shows amounts in.
pub fn unit_label<'a>(unit: &'a str, unit_zh: &'a str, lang: Lang) -> &'a str {
    let label = tr(lang, unit, unit_zh);
    label
        .strip_prefix('十')
        .filter(|l| l.starts_with("亿美元"))
        .unwrap_or(label)
}

/// A dollar amount in USD bn or tn as (number, Chinese unit) in 亿 or 万亿 dollars, keeping
/// what the Chinese unit says after the amount (`十亿美元/年` → `亿美元/年`); `None` for any
/// other unit.
fn yi_amount(value: f64, unit: &str, unit_zh: &str) -> Option<(f64, String)> {
    let billions = if unit.starts_with("USD bn") {
        value
    } else if unit.starts_with("USD tn") {
        value * 1000.0
    } else {
        return None;
    };
    let suffix = ["十亿美元", "万亿美元", "亿美元"]
        .iter()
        .find_map(|u| unit_zh.strip_prefix(u))
        .unwrap_or("");
    Some(if billions.abs() >= 1000.0 {
        (billions / 1000.0, format!("万亿美元{suffix}"))
    } else {
        (billions * 10.0, format!("亿美元{suffix}"))
    })
}

/// The thresholds as text, e.g. `≥4.50 / ≥4.75 / ≥5.00`.
pub fn format_thresholds(def: &CheckDef) -> String {
    format_thresholds_in(def, Lang::En)
}

/// The thresholds as text in `lang`: in the unit the values are shown in, so in Chinese a
/// dollar amount's thresholds count in 亿 as its value does ([`format_value_in`]).
pub fn format_thresholds_in(def: &CheckDef, lang: Lang) -> String {
    use crate::checks::Direction;
    let scale = if lang == Lang::Zh && def.unit.starts_with("USD bn") {
        10.0
    } else {
        1.0
    };
    let sign = match def.direction {
        Direction::HigherIsWorse => "≥",
        Direction::LowerIsWorse => "≤",
    };
    let t = &def.thresholds;
    let parts: Vec<String> = [t.watch, t.warning, t.critical]
        .iter()
        .map(|x| {
            x.map_or("—".to_string(), |v| {
                format!("{sign}{}", crate::checks::judge::format_number(v * scale))
            })
        })
        .collect();
    if parts.iter().all(|p| p == "—") {
        "—".to_string()
    } else {
        parts.join(" / ")
    }
}

/// A sparkline of the trend, e.g. `▁▂▄▆█`.
pub fn sparkline(points: &[(crate::series::Date, f64)], width: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    if points.len() < 2 {
        return String::new();
    }
    let start = points.len().saturating_sub(width);
    let vals: Vec<f64> = points[start..].iter().map(|p| p.1).collect();
    let (lo, hi) = vals
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(*v), h.max(*v))
        });
    vals.iter()
        .map(|v| {
            if (hi - lo).abs() < f64::EPSILON {
                BARS[3]
            } else {
                BARS[(((v - lo) / (hi - lo)) * 7.0).round() as usize]
            }
        })
        .collect()
}

/// How a data origin reads in `lang`.
pub fn data_label(origin: crate::checks::DataOrigin, lang: Lang) -> &'static str {
    use crate::checks::DataOrigin;
    match origin {
        DataOrigin::Stored => tr(lang, "stored", "本地存储"),
        DataOrigin::Snapshot => tr(lang, "snapshot", "引用快照"),
        DataOrigin::None => tr(lang, "none", "无"),
    }
}

/// The text naming a result's source(s).
pub fn source_line(result: &CheckResult) -> String {
    source_line_in(result, Lang::En)
}

/// The text naming a result's source(s), in `lang`.
pub fn source_line_in(result: &CheckResult, lang: Lang) -> String {
    let last = tr(lang, "last", "最新");
    result
        .sources
        .iter()
        .map(|s| {
            let mut text = if s.publisher.is_empty() {
                s.id.clone()
            } else {
                format!("{} ({})", s.id, s.publisher)
            };
            if let Some(d) = s.as_of {
                text.push_str(&format!(", {last} {d}"));
            }
            if !s.url.is_empty() {
                text.push_str(&format!(" <{}>", s.url));
            }
            text
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a check has no data, in `lang` (the computation made it in both, see [`Missing`]).
pub fn missing_text(missing: &Missing, lang: Lang) -> String {
    missing.text(lang)
}

/// A check's supporting figures: its remarks first (why a rule raised the status, which
/// equivalent source was used, how a cited figure was obtained), then the computation's own
/// details. Each carries its label and value in both languages (see [`Detail`]).
pub fn details(r: &CheckResult) -> impl Iterator<Item = &Detail> {
    r.remarks.iter().chain(&r.details)
}

/// [`details`] as `(label, value)` text in `lang`.
pub fn detail_rows(r: &CheckResult, lang: Lang) -> Vec<(String, String)> {
    details(r)
        .map(|d| {
            (
                d.label.text(lang).to_string(),
                d.value.text(lang).to_string(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Oracle: 1 十亿 = 10 亿 and 1 万亿 = 1000 十亿, by definition of the units.
    #[test]
    fn chinese_amounts_count_in_yi_and_wan_yi() {
        assert_eq!(
            format_value_in(Some(407.5), "USD bn", "十亿美元", Lang::Zh),
            "4075亿美元"
        );
        assert_eq!(
            format_value_in(Some(12.5), "USD bn/yr", "十亿美元/年", Lang::Zh),
            "125.0亿美元/年"
        );
        assert_eq!(
            format_value_in(Some(38_400.0), "USD bn", "十亿美元", Lang::Zh),
            "38.40万亿美元"
        );
        assert_eq!(
            format_value_in(Some(38.4), "USD tn", "", Lang::Zh),
            "38.40万亿美元"
        );
        assert_eq!(
            format_value_in(Some(-120.0), "USD bn", "十亿美元（12个月变化）", Lang::Zh),
            "-1200亿美元（12个月变化）"
        );
        assert_eq!(unit_label("USD bn", "十亿美元/年", Lang::Zh), "亿美元/年");
        // English is unchanged.
        assert_eq!(
            format_value_in(Some(407.5), "USD bn", "十亿美元", Lang::En),
            "407.5 USD bn"
        );
    }

    #[test]
    fn units_translate_for_built_in_checks_and_formatting_keeps_the_number() {
        assert_eq!(
            format_value_in(Some(5.5), "years", "年", Lang::Zh),
            "5.50 年"
        );
        assert_eq!(
            format_value_in(Some(5.5), "years", "年", Lang::En),
            "5.50 years"
        );
        // Chinese counts dollars in 万亿 (see `chinese_amounts_count_in_yi_and_wan_yi`).
        assert_eq!(
            format_value_in(Some(40.033), "USD tn", "", Lang::Zh),
            "40.03万亿美元"
        );
        assert_eq!(
            format_value_in(Some(40.033), "USD tn", "", Lang::En),
            "$40.03T"
        );
        assert_eq!(format_value_in(Some(4.69), "%", "", Lang::Zh), "4.69%");
        assert_eq!(format_value_in(None, "years", "年", Lang::Zh), "—");
        assert_eq!(unit_label("widgets", "", Lang::Zh), "widgets");
        // Every unit of a built-in check that has words has a translation (`USD tn` prints
        // as `$…T`).
        for def in crate::checks::builtin_defs() {
            let translated = if def.unit == "USD tn" {
                ""
            } else {
                unit_label(&def.unit, &def.unit_zh, Lang::Zh)
            };
            let ascii_words = translated
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 3 && w.chars().any(|c| c.is_ascii_lowercase()));
            assert!(!ascii_words, "{}: unit `{}` untranslated", def.id, def.unit);
        }
    }

    #[test]
    fn values_carry_their_units() {
        assert_eq!(format_value(Some(40.033), "USD tn"), "$40.03T");
        assert_eq!(format_value(Some(4.69), "%"), "4.69%");
        assert_eq!(format_value(None, "%"), "—");
    }
}
