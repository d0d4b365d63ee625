//! Renderings of the track record: a terminal summary (skill table and a yearly strip of the
//! rating level), JSON (the contract of `report/json.rs` / issue 3) and CSV of the monthly series.

use serde_json::{Map, Value, json};

use super::{EventKind, History, Period, Signal, SkillRow, month_end_of, month_index};
use crate::audit::Level;
use crate::series::Date;
use crate::vocab::{Lang, Note, pad, pad_left, tr};

/// What the caller knows about the data behind the record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataNote {
    /// Whether latest-vintage (revised) values had to be used for some series.
    pub revised_data: bool,
    /// Series whose point-in-time vintages were used.
    pub vintage_series: Vec<String>,
}

/// What nothing in this record was fitted on.
pub fn tuning_note() -> Note {
    Note::new(
        "none: the rating uses the fixed equal weights of docs/rating.md (audit.rs) and every \
         alarm threshold is a published reading of its signal, so nothing was fitted on any \
         period; the pre-2000 / post-2000 split is reported for stability, not as a train/test \
         split. The forecasts (forecast_*) are fitted, but only point in time on an expanding \
         window, with specifications fixed before any result was seen; their skill is out of \
         sample",
        "无：评级使用 docs/rating.md（audit.rs）中固定的等权重，每个警报阈值都是对该信号已发表的\
         解读，因此没有在任何时期上拟合参数；2000年前 / 2000年起的划分用于检验稳定性，而非训练集 / \
         测试集划分。预测（forecast_*）经过拟合，但只在扩展窗口上按当时可得的数据拟合，其设定在看到\
         任何结果之前已经固定；其能力为样本外表现",
    )
}

fn snapshot_note() -> Note {
    Note::new(
        "no bundled cited figure is used: checks without stored data count as no_data in every \
         month",
        "未使用任何内置引用数字：没有存储数据的检查在每个月都计为无数据",
    )
}

fn month_text(date: Date) -> String {
    date.strftime("%Y-%m").to_string()
}

fn revised_note(note: &DataNote) -> Note {
    if !note.revised_data {
        return Note::new(
            "every series was read as it was known at each month-end (vintages)",
            "每个序列都按各月末当时已知的数值读取（历史版本）",
        );
    }
    if note.vintage_series.is_empty() {
        Note::new(
            "revised data: no vintages are stored, so every series is read in its latest vintage \
             (observations dated after the month-end are never used, but earlier values are as \
             revised since)",
            "修订后数据：未存储历史版本，因此每个序列都按最新版本读取（从不使用月末之后的观测值，\
             但更早的数值是此后修订过的）",
        )
    } else {
        let ids = note.vintage_series.join(", ");
        Note::new(
            format!(
                "revised data: vintages were used for {ids}; every other series is read in its \
                 latest vintage"
            ),
            format!("修订后数据：{ids} 使用了历史版本；其他序列按最新版本读取"),
        )
    }
}

fn round(value: Option<f64>, decimals: i32) -> Value {
    match value {
        Some(v) if v.is_finite() => {
            let scale = 10f64.powi(decimals);
            json!((v * scale).round() / scale)
        }
        _ => Value::Null,
    }
}

/// The JSON document.
pub fn render_json(history: &History, note: &DataNote) -> String {
    let series: Vec<Value> = history
        .months
        .iter()
        .map(|m| {
            let modules: Map<String, Value> = m
                .rating
                .modules
                .iter()
                .map(|(id, score)| (id.clone(), round(*score, 2)))
                .collect();
            json!({
                "month": month_text(m.rating.month),
                "score": round(m.rating.score, 2),
                "level": m.rating.level.map(Level::name),
                "modules": modules,
                "checks_with_data": m.rating.checks_with_data,
                "nyfed_probit": round(m.comparators.nyfed_probit, 2),
                "nfci": round(m.comparators.nfci, 4),
                "stlfsi": round(m.comparators.stlfsi, 4),
                "recession_12m": m.recession_12m,
                "drawdown20_12m": m.drawdown20_12m,
                "forecast_recession_12m": round(m.forecast_recession_12m, 4),
                "forecast_drawdown20_12m": round(m.forecast_drawdown20_12m, 4),
            })
        })
        .collect();
    let skill: Vec<Value> = history.skill.iter().map(skill_json).collect();
    let events: Map<String, Value> = EventKind::ALL
        .iter()
        .map(|&kind| {
            let value = match history.events(kind) {
                Some(e) => json!({
                    "definition": kind.definition().en,
                    "source": e.source,
                    "starts": starts_in_record(history, &e.starts),
                }),
                None => json!({
                    "definition": kind.definition().en,
                    "source": Value::Null,
                    "starts": [],
                    "missing": missing_event_note(kind).en,
                }),
            };
            (kind.name().to_string(), value)
        })
        .collect();
    let thresholds: Map<String, Value> = Signal::ALL
        .iter()
        .map(|s| (s.name().to_string(), json!(s.threshold_note().en)))
        .collect();
    let doc = json!({
        "from": history.months.first().map(|m| month_text(m.rating.month)),
        "to": history.months.last().map(|m| month_text(m.rating.month)),
        "months": history.months.len(),
        "revised_data": note.revised_data,
        "vintage_series": note.vintage_series,
        "data_note": revised_note(note).en,
        "snapshot": snapshot_note().en,
        "tuning": tuning_note().en,
        "split": "pre2000 = months before 2000-01; post2000 = months from 2000-01; an event belongs to the period of its start month and its 12-month warning window may reach across the split",
        "alarm_thresholds": thresholds,
        "sources": {
            "nyfed_probit": history.sources.nyfed_spread,
            "nfci": history.sources.nfci,
            "stlfsi": history.sources.stlfsi,
        },
        "events": events,
        "skill": skill,
        "forecasts": crate::forecast::json::record(&history.forecasts),
        "series": series,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The event starts a month of the record can warn of: after its first month and at most
/// twelve months after its last.
fn starts_in_record(history: &History, starts: &[i32]) -> Vec<String> {
    let (Some(first), Some(last)) = (history.months.first(), history.months.last()) else {
        return Vec::new();
    };
    let (first, last) = (
        month_index(first.rating.month),
        month_index(last.rating.month),
    );
    starts
        .iter()
        .filter(|&&s| s > first && s <= last + super::metrics::WARNING_WINDOW)
        .map(|&s| month_text(month_end_of(s)))
        .collect()
}

fn missing_event_note(kind: EventKind) -> Note {
    match kind {
        EventKind::Recession12m => Note::new(
            "no NBER indicator stored: import FRED USREC",
            "未存储NBER衰退指标：导入 FRED USREC",
        ),
        EventKind::Drawdown20_12m => Note::new(
            "no S&P 500 index stored: import market/sp500_index_daily_1950-2026.csv (SP500_LONG) or FRED SP500",
            "未存储标普500指数：导入 market/sp500_index_daily_1950-2026.csv（SP500_LONG）或 FRED SP500",
        ),
    }
}

fn skill_json(row: &SkillRow) -> Value {
    json!({
        "signal": row.signal.name(),
        "event": row.event.name(),
        "period": row.period.name(),
        "auroc": round(row.auroc, 4),
        "hit_rate": round(row.hit_rate, 4),
        "hits": row.hits,
        "false_alarm_rate": round(row.false_alarm_rate, 4),
        "median_lead_months": round(row.median_lead_months, 1),
        "n_months": row.n_months,
        "n_positive_months": row.n_positive_months,
        "n_alarm_months": row.n_alarm_months,
        "n_events": row.n_events,
    })
}

/// CSV of the monthly series: rating, module scores, comparators and event labels.
pub fn render_csv(history: &History) -> String {
    let module_ids: Vec<String> = history
        .months
        .iter()
        .find(|m| !m.rating.modules.is_empty())
        .map(|m| m.rating.modules.iter().map(|(id, _)| id.clone()).collect())
        .unwrap_or_default();
    let mut header: Vec<String> = ["month", "score", "level"].map(String::from).to_vec();
    header.extend(module_ids.iter().cloned());
    header.extend(
        [
            "nyfed_probit",
            "nfci",
            "stlfsi",
            "recession_12m",
            "drawdown20_12m",
            "forecast_recession_12m",
            "forecast_drawdown20_12m",
        ]
        .map(String::from),
    );
    let number = |v: Option<f64>, decimals: usize| match v {
        Some(v) => format!("{v:.decimals$}"),
        None => String::new(),
    };
    let flag = |v: Option<bool>| match v {
        Some(true) => "1",
        Some(false) => "0",
        None => "",
    };
    let rows = history.months.iter().map(|m| {
        let mut record = vec![
            month_text(m.rating.month),
            number(m.rating.score, 2),
            m.rating.level.map_or("", Level::name).to_string(),
        ];
        for id in &module_ids {
            let score = m
                .rating
                .modules
                .iter()
                .find(|(mid, _)| mid == id)
                .and_then(|(_, s)| *s);
            record.push(number(score, 2));
        }
        record.extend([
            number(m.comparators.nyfed_probit, 2),
            number(m.comparators.nfci, 4),
            number(m.comparators.stlfsi, 4),
            flag(m.recession_12m).to_string(),
            flag(m.drawdown20_12m).to_string(),
            number(m.forecast_recession_12m, 4),
            number(m.forecast_drawdown20_12m, 4),
        ]);
        record
    });
    crate::csv_text::from_records(std::iter::once(header).chain(rows))
}

fn level_glyph(level: Option<Level>) -> char {
    match level {
        None => ' ',
        Some(Level::Low) => '·',
        Some(Level::Guarded) => '░',
        Some(Level::Elevated) => '▒',
        Some(Level::High) => '▓',
        Some(Level::Critical) => '█',
    }
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{:.0}%", 100.0 * v))
}

/// A period's name in the table: its id in English, in words in Chinese.
fn period_label(period: Period, lang: Lang) -> &'static str {
    match period {
        Period::Pre2000 => tr(lang, "pre2000", "2000年前"),
        Period::Post2000 => tr(lang, "post2000", "2000年起"),
        Period::All => tr(lang, "all", "全部"),
    }
}

/// The terminal summary in `lang`.
pub fn render_table(history: &History, note: &DataNote, lang: Lang) -> String {
    let mut out = String::new();
    let (Some(first), Some(last)) = (history.months.first(), history.months.last()) else {
        return tr(
            lang,
            "bullcheck history: no month has a rating (import data first: bullcheck data import DIR)\n",
            "bullcheck history：没有任何月份有评级（请先导入数据：bullcheck data import DIR）\n",
        )
        .to_string();
    };
    let (from, to, n) = (
        month_text(first.rating.month),
        month_text(last.rating.month),
        history.months.len(),
    );
    out.push_str(
        Note::new(
            format!(
                "bullcheck history: the rating at every month-end, {from} to {to} ({n} months)\n"
            ),
            format!("bullcheck history：每个月末的评级，{from} 至 {to}（{n} 个月）\n"),
        )
        .text(lang),
    );
    for (label, text) in [
        (tr(lang, "Data: ", "数据："), revised_note(note)),
        (tr(lang, "Snapshot: ", "快照："), snapshot_note()),
        (tr(lang, "Tuning: ", "调参："), tuning_note()),
    ] {
        out.push_str(&format!(
            "{label}{}{}\n",
            text.text(lang),
            tr(lang, ".", "。")
        ));
    }
    out.push('\n');

    out.push_str(tr(
        lang,
        "Skill as a warning signal (AUROC 0.5 = coin flip, 1 = perfect ranking; hits = events with an alarm in the 12 months before)\n\
         AUROC ranks months; +months = months with an event start in the next 12, so a period's last months can count an event that starts after it\n",
        "作为预警信号的能力（AUROC 0.5 = 抛硬币，1 = 完美排序；命中 = 之前12个月内有警报的事件）\n\
         AUROC 对月份排序；+月数 = 未来12个月内有事件开始的月份数，因此一个时期的最后几个月可能计入在该时期之后才开始的事件\n",
    ));
    out.push_str(&format!(
        "{} {} {} {} {} {} {} {} {} {}\n",
        pad(tr(lang, "signal", "信号"), 13),
        pad(tr(lang, "event", "事件"), 15),
        pad(tr(lang, "period", "时期"), 9),
        pad_left("AUROC", 6),
        pad_left(tr(lang, "hits", "命中"), 11),
        pad_left(tr(lang, "false alarm", "误报"), 12),
        pad_left(tr(lang, "lead", "提前月数"), 5),
        pad_left(tr(lang, "months", "月数"), 7),
        pad_left(tr(lang, "+months", "+月数"), 8),
        pad_left(tr(lang, "events", "事件数"), 7),
    ));
    for row in &history.skill {
        out.push_str(&format!(
            "{:<13} {:<15} {} {:>6} {:>11} {:>12} {:>5} {:>7} {:>8} {:>7}\n",
            row.signal.name(),
            row.event.name(),
            pad(period_label(row.period, lang), 9),
            row.auroc
                .map_or_else(|| "-".to_string(), |v| format!("{v:.2}")),
            if row.n_events == 0 {
                "-".to_string()
            } else {
                format!("{}/{} {}", row.hits, row.n_events, percent(row.hit_rate))
            },
            percent(row.false_alarm_rate),
            row.median_lead_months.map_or_else(
                || "-".to_string(),
                |v| Note::new(format!("{v:.0}m"), format!("{v:.0}"))
                    .text(lang)
                    .to_string()
            ),
            row.n_months,
            row.n_positive_months,
            row.n_events,
        ));
    }
    out.push_str(tr(lang, "\nAlarm levels:\n", "\n警报阈值：\n"));
    for signal in Signal::ALL {
        out.push_str(&format!(
            "  {:<13} {}\n",
            signal.name(),
            signal.threshold_note().text(lang)
        ));
    }
    out.push_str(tr(lang, "Events:\n", "事件：\n"));
    for kind in EventKind::ALL {
        let definition = kind.definition();
        let line = match history.events(kind) {
            Some(e) => {
                let (source, starts) = (&e.source, starts_in_record(history, &e.starts).join(" "));
                Note::new(
                    format!("{} ({source}; starts: {starts})", definition.en),
                    format!("{}（{source}；开始：{starts}）", definition.zh),
                )
            }
            None => missing_event_note(kind),
        };
        out.push_str(&format!("  {:<15} {}\n", kind.name(), line.text(lang)));
    }
    out.push_str(tr(
        lang,
        "Split: pre2000 = months before 2000-01 vs post2000 = months from 2000-01.\n\n",
        "划分：2000年前 = 2000-01 之前的月份，2000年起 = 2000-01 及之后的月份。\n\n",
    ));
    out.push_str(&forecast_table(history, lang));
    out.push_str(&level_strip(history, lang));
    out
}

fn two(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"))
}

fn three(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

/// The forecasts' out-of-sample skill from 1990 beside the comparators on the same months.
fn forecast_table(history: &History, lang: Lang) -> String {
    let mut out = tr(
        lang,
        "12-month forecasts, out of sample from 1990-01 (AUROC; Brier vs the base rate's p(1-p); comparators on the same months)\n",
        "12个月预测，1990-01 起样本外（AUROC；Brier 与基准率的 p(1-p) 对比；对照指标取相同月份）\n",
    )
    .to_string();
    for kind in EventKind::ALL {
        let Some(f) = history.forecasts.get(kind) else {
            out.push_str(&format!(
                "  {:<15} {}\n",
                kind.name(),
                tr(
                    lang,
                    "no fit (inputs or events not stored)",
                    "未拟合（输入或事件未存储）"
                )
            ));
            continue;
        };
        let s = &f.from_1990;
        let (spec, auroc, brier, base) = (
            f.spec.name(),
            two(s.auroc),
            three(s.brier),
            three(s.brier_base_rate),
        );
        let (n, positive) = (s.n_months, s.n_positive);
        let line = Note::new(
            format!(
                "{spec}: AUROC {auroc} Brier {brier} (base rate {base}) on {n} months, {positive} with an event ahead"
            ),
            format!(
                "{spec}：AUROC {auroc} Brier {brier}（基准率 {base}），{n} 个月，其中 {positive} 个月其后12个月内有事件"
            ),
        );
        out.push_str(&format!("  {:<15} {}\n", kind.name(), line.text(lang)));
        for c in &f.comparisons {
            let (auroc, model_auroc, brier, model_brier) = (
                two(c.auroc),
                two(c.model_auroc),
                three(c.brier),
                three(c.model_brier),
            );
            let line = Note::new(
                format!(
                    "{:>4} months: AUROC {auroc} (model {model_auroc}), Brier {brier} (model {model_brier})",
                    c.n_months
                ),
                format!(
                    "{:>4} 个月：AUROC {auroc}（模型 {model_auroc}），Brier {brier}（模型 {model_brier}）",
                    c.n_months
                ),
            );
            out.push_str(&format!("    vs {:<13} {}\n", c.signal, line.text(lang)));
        }
        let bins: Vec<String> = s
            .reliability
            .iter()
            .filter(|b| b.n > 0)
            .map(|b| {
                let (lo, hi, n, observed) =
                    (b.lower * 100.0, b.upper * 100.0, b.n, percent(b.observed));
                Note::new(
                    format!("{lo:.0}-{hi:.0}%: {n} months, {observed} observed"),
                    format!("{lo:.0}-{hi:.0}%：{n} 个月，实际发生 {observed}"),
                )
                .text(lang)
                .to_string()
            })
            .collect();
        out.push_str(&format!(
            "    {}{}\n",
            tr(lang, "reliability: ", "可靠性："),
            bins.join(tr(lang, "; ", "；"))
        ));
    }
    out.push('\n');
    out
}

/// One line per year: twelve glyphs for the monthly level, the year's mean score and the
/// events starting that year.
fn level_strip(history: &History, lang: Lang) -> String {
    let mut out = tr(
        lang,
        "Rating level by month (· low  ░ guarded  ▒ elevated  ▓ high  █ critical; R recession starts, B bear market peaks)\n",
        "每月评级等级（· 低  ░ 戒备  ▒ 偏高  ▓ 高  █ 危急；R 衰退开始，B 熊市峰值）\n",
    )
    .to_string();
    let first_year = history.months[0].rating.month.year();
    let last_year = history.months[history.months.len() - 1].rating.month.year();
    for year in first_year..=last_year {
        let mut glyphs = String::new();
        let mut scores = Vec::new();
        for month in 1..=12 {
            let found = history.months.iter().find(|m| {
                m.rating.month.year() == year && i32::from(m.rating.month.month()) == month
            });
            glyphs.push(level_glyph(found.and_then(|m| m.rating.level)));
            if let Some(score) = found.and_then(|m| m.rating.score) {
                scores.push(score);
            }
        }
        let mean = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
        let mut marks = Vec::new();
        for (kind, letter) in [
            (EventKind::Recession12m, 'R'),
            (EventKind::Drawdown20_12m, 'B'),
        ] {
            for &start in history.events(kind).map_or(&[][..], |e| &e.starts[..]) {
                let date = month_end_of(start);
                if date.year() == year {
                    marks.push(
                        Note::new(
                            format!("{letter} {}", date.strftime("%b")),
                            format!("{letter} {}月", date.month()),
                        )
                        .text(lang)
                        .to_string(),
                    );
                }
            }
        }
        out.push_str(&format!(
            "{year} {glyphs} {:>5}  {}\n",
            mean.map_or_else(String::new, |m| format!("{m:.0}")),
            marks.join(tr(lang, ", ", "，"))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{ComparatorValues, HistoryMonth, MonthRating, Sources};
    use jiff::civil::date;

    fn tiny_history() -> History {
        let months = vec![HistoryMonth {
            rating: MonthRating {
                month: date(1999, 12, 31),
                score: Some(61.0),
                level: Some(Level::High),
                modules: vec![("fiscal".to_string(), Some(61.0))],
                checks_with_data: 1,
                vulnerability: None,
                stress: None,
            },
            comparators: ComparatorValues {
                nyfed_probit: Some(29.69),
                nfci: None,
                stlfsi: Some(-0.5),
            },
            recession_12m: Some(true),
            drawdown20_12m: None,
            forecast_recession_12m: Some(0.25),
            forecast_drawdown20_12m: None,
        }];
        let mut history = History {
            months,
            recessions: None,
            bear_markets: None,
            sources: Sources::default(),
            skill: Vec::new(),
            forecasts: Default::default(),
        };
        history.skill = crate::history::skill_table(&history);
        history
    }

    #[test]
    fn json_follows_the_contract() {
        let note = DataNote {
            revised_data: true,
            vintage_series: Vec::new(),
        };
        let doc: Value = serde_json::from_str(&render_json(&tiny_history(), &note)).unwrap();
        assert_eq!(doc["from"], "1999-12");
        assert_eq!(doc["months"], 1);
        assert_eq!(doc["revised_data"], true);
        assert_eq!(doc["series"][0]["level"], "high");
        assert_eq!(doc["series"][0]["modules"]["fiscal"], 61.0);
        assert_eq!(doc["series"][0]["nfci"], Value::Null);
        assert_eq!(doc["series"][0]["forecast_recession_12m"], 0.25);
        assert_eq!(doc["series"][0]["forecast_drawdown20_12m"], Value::Null);
        assert_eq!(doc["forecasts"]["events"][0]["model"], Value::Null);
        // 4 signals × 2 events × 3 periods.
        assert_eq!(doc["skill"].as_array().unwrap().len(), 24);
        assert_eq!(doc["skill"][0]["signal"], "rating");
        assert_eq!(doc["skill"][0]["period"], "pre2000");
    }

    #[test]
    fn csv_has_one_row_per_month_and_blank_missing_values() {
        let csv = render_csv(&tiny_history());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "month,score,level,fiscal,nyfed_probit,nfci,stlfsi,recession_12m,drawdown20_12m,forecast_recession_12m,forecast_drawdown20_12m"
        );
        assert_eq!(
            lines[1],
            "1999-12,61.00,high,61.00,29.69,,-0.5000,1,,0.2500,"
        );
    }

    #[test]
    fn table_shows_the_strip() {
        let text = render_table(&tiny_history(), &DataNote::default(), Lang::En);
        assert!(text.contains("1999            ▓    61"), "{text}");
    }

    #[test]
    fn table_counts_labelled_months_apart_from_event_starts() {
        // One month, labelled "recession within 12 months", and no event start in the record:
        // one +month, zero events.
        let text = render_table(&tiny_history(), &DataNote::default(), Lang::En);
        assert!(text.contains("months  +months  events"), "{text}");
        let row = text
            .lines()
            .find(|l| l.starts_with("rating        recession_12m   pre2000"))
            .unwrap();
        assert!(row.ends_with("      1        1       0"), "{row}");
    }
}
