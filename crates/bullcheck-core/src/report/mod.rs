//! Renderers: the audit as a terminal report, JSON (the stable contract of PRODUCT.md) and
//! Markdown, in English or Simplified Chinese. Pure functions from an [`Audit`] to a `String`.
//!
//! [`Audit`]: crate::audit::Audit

pub mod explain;
pub mod html;
pub mod json;
pub mod markdown;
pub mod terminal;

use crate::checks::{CheckDef, CheckResult, Status, Verdict};

/// Report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// The title of a check in `lang` (English when no translation exists).
pub fn title(def: &CheckDef, lang: Lang) -> &str {
    match lang {
        Lang::Zh if !def.title_zh.is_empty() => &def.title_zh,
        _ => &def.title,
    }
}

pub fn claim_text(def: &CheckDef, lang: Lang) -> &str {
    match lang {
        Lang::Zh if !def.claim.text_zh.is_empty() => &def.claim.text_zh,
        _ => &def.claim.text,
    }
}

pub fn status_label(status: Status, lang: Lang) -> &'static str {
    match (lang, status) {
        (Lang::En, s) => s.name(),
        (Lang::Zh, Status::NoData) => "无数据",
        (Lang::Zh, Status::Ok) => "正常",
        (Lang::Zh, Status::Watch) => "关注",
        (Lang::Zh, Status::Warning) => "警告",
        (Lang::Zh, Status::Critical) => "危急",
    }
}

pub fn verdict_label(verdict: Verdict, lang: Lang) -> &'static str {
    match (lang, verdict) {
        (Lang::En, v) => v.name(),
        (Lang::Zh, Verdict::Holds) => "成立",
        (Lang::Zh, Verdict::Approx) => "大致成立",
        (Lang::Zh, Verdict::Outdated) => "已过时",
        (Lang::Zh, Verdict::Wrong) => "错误",
        (Lang::Zh, Verdict::Unverified) => "无法核实",
        (Lang::Zh, Verdict::Forecast) => "预测",
    }
}

pub fn level_label(level: Option<crate::audit::Level>, lang: Lang) -> &'static str {
    use crate::audit::Level;
    match (lang, level) {
        (_, None) => match lang {
            Lang::En => "no data",
            Lang::Zh => "无数据",
        },
        (Lang::En, Some(l)) => l.name(),
        (Lang::Zh, Some(Level::Low)) => "低",
        (Lang::Zh, Some(Level::Guarded)) => "戒备",
        (Lang::Zh, Some(Level::Elevated)) => "升高",
        (Lang::Zh, Some(Level::High)) => "高",
        (Lang::Zh, Some(Level::Critical)) => "危急",
    }
}

pub fn module_label(module: &str, lang: Lang) -> &str {
    match lang {
        Lang::En => match module {
            "ai" => "AI capex and revenue",
            "fiscal" => "Fiscal",
            "valuation" => "Valuation",
            "zombie" => "Zombie companies and credit",
            "consumer" => "Consumer",
            "dollar" => "Dollar",
            "market" => "Market",
            "network" => "AI financing network",
            "china_liquidity" => "China liquidity",
            other => other,
        },
        Lang::Zh => match module {
            "ai" => "AI资本开支与收入",
            "fiscal" => "财政",
            "valuation" => "估值",
            "zombie" => "僵尸企业与信用",
            "consumer" => "消费者",
            "dollar" => "美元",
            "market" => "市场",
            "network" => "AI融资网络",
            "china_liquidity" => "中国流动性",
            other => other,
        },
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

/// The thresholds as text, e.g. `≥4.50 / ≥4.75 / ≥5.00`.
pub fn format_thresholds(def: &CheckDef) -> String {
    use crate::checks::Direction;
    let sign = match def.direction {
        Direction::HigherIsWorse => "≥",
        Direction::LowerIsWorse => "≤",
    };
    let t = &def.thresholds;
    let parts: Vec<String> = [t.watch, t.warning, t.critical]
        .iter()
        .map(|x| {
            x.map_or("—".to_string(), |v| {
                format!("{sign}{}", crate::checks::judge::format_number(v))
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
    match (lang, origin) {
        (Lang::En, o) => o.name(),
        (Lang::Zh, DataOrigin::Stored) => "本地存储",
        (Lang::Zh, DataOrigin::Snapshot) => "引用快照",
        (Lang::Zh, DataOrigin::None) => "无",
    }
}

/// The text naming a result's source(s).
pub fn source_line(result: &CheckResult) -> String {
    source_line_in(result, Lang::En)
}

/// The text naming a result's source(s), in `lang`.
pub fn source_line_in(result: &CheckResult, lang: Lang) -> String {
    let last = if lang == Lang::Zh { "最新" } else { "last" };
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
