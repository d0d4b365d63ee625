//! The pages: the single-file report and the dashboard's overview, module, check, scenario,
//! track-record and data pages, built from shared sections (header, heat map, check section,
//! seed charts, fair-P/E table, stress table, track record).

use std::fmt::Write as _;

use super::chart::{self, LineChart, Reference};
use super::scenario::{SLIDERS, ScenarioResult, SliderValues};
use super::{Links, ReportData, Shell, escape, lang_query, page, source_link, tr};
use crate::audit::Audit;
use crate::checks::{CheckDef, CheckResult, DataOrigin, Direction, Status};
use crate::history::{Period, Signal};
use crate::report::{self, Lang, pick};
use crate::series::Date;
use crate::stress::grids;

/// The CSS class of a status.
fn status_class(status: Status) -> &'static str {
    match status {
        Status::NoData => "st-no_data",
        Status::Ok => "st-ok",
        Status::Watch => "st-watch",
        Status::Warning => "st-warning",
        Status::Critical => "st-critical",
    }
}

/// The CSS class of a result: a fact (no thresholds, never scored) is neutral.
fn result_class(result: &CheckResult) -> &'static str {
    if result.scored || result.status == Status::NoData {
        status_class(result.status)
    } else {
        "st-fact"
    }
}

/// The badge of a result: "fact" for an unscored figure.
fn result_badge(result: &CheckResult, lang: Lang) -> String {
    if result.scored || result.status == Status::NoData {
        badge(result.status, lang)
    } else {
        format!(
            r#"<span class="badge st-fact">{}</span>"#,
            report::headline::fact_label(lang)
        )
    }
}

fn badge(status: Status, lang: Lang) -> String {
    format!(
        r#"<span class="badge {}">{}</span>"#,
        status_class(status),
        report::status_label(status, lang)
    )
}

fn level_badge(level: Option<crate::audit::Level>, lang: Lang) -> String {
    let class = level.map_or("none", |l| l.name());
    format!(
        r#"<span class="badge lv-{class}">{}</span>"#,
        escape(report::level_label(level, lang))
    )
}

fn score_text(score: Option<f64>) -> String {
    score.map_or("—".to_string(), |s| format!("{s:.0}/100"))
}

fn opt_number(value: Option<f64>, decimals: usize) -> String {
    value.map_or("—".to_string(), |v| format!("{v:.decimals$}"))
}

/// Counts of checks by where their value came from: (stored, snapshot, none).
pub fn data_counts(audit: &Audit) -> (usize, usize, usize) {
    let count = |origin| audit.checks.iter().filter(|c| c.data == origin).count();
    (
        count(DataOrigin::Stored),
        count(DataOrigin::Snapshot),
        count(DataOrigin::None),
    )
}

/// The header: title, rating, score, as-of date and what data was used.
pub fn header(r: &ReportData, lang: Lang) -> String {
    let audit = &r.audit;
    let (stored, snapshot, none) = data_counts(audit);
    format!(
        r#"<h1>{title}</h1><div class="summary" id="rating" data-level="{level_name}" data-score="{score_attr}"><div class="box"><div class="muted small">{rating_label}</div><div class="big">{level}</div></div><div class="box"><div class="muted small">{score_label}</div><div class="big">{score}</div></div><div class="box"><div class="muted small">{as_of_label}</div><div class="big">{as_of}</div></div><div class="box" id="data-used" data-stored="{stored}" data-snapshot="{snapshot}" data-none="{none}"><div class="muted small">{data_label}</div><div>{stored} {stored_text}<br>{snapshot} {snapshot_text}<br>{none} {none_text}</div></div></div><div class="summary" id="gauges" data-vulnerability="{vuln_attr}" data-stress="{stress_attr}"><div class="box"><div class="muted small">{gauges_label}</div><div>{gauges}</div></div><div class="box" id="forecasts"><div class="muted small">{forecasts_label}</div><div>{forecasts}</div></div></div><p class="muted small">{data_through} · {coverage} · {stored_only}</p><p class="muted small">{method}</p>"#,
        title = tr(
            lang,
            "bullcheck: the long bull, audited",
            "bullcheck：美股长牛体检报告"
        ),
        level_name = audit.level.map_or("none", |l| l.name()),
        score_attr = audit.score.map_or(String::new(), |s| format!("{s:.1}")),
        rating_label = tr(lang, "Overall rating", "总体评级"),
        level = level_badge(audit.level, lang),
        score_label = tr(
            lang,
            "Score (0 low – 100 critical)",
            "分数（0低 – 100危急）"
        ),
        score = score_text(audit.score),
        as_of_label = tr(lang, "As of", "截至"),
        as_of = audit.as_of,
        data_label = tr(lang, "Data used (checks)", "所用数据（检查数）"),
        stored_text = tr(lang, "from stored series", "来自已存储序列"),
        snapshot_text = tr(lang, "from the bundled cited snapshot", "来自内置引用快照"),
        none_text = tr(lang, "with no data", "无数据"),
        method = tr(
            lang,
            "Score: mean of module scores; a module's score is the mean of its scored checks' status points and percentiles (docs/rating.md); facts without thresholds are never scored. Missing values stay missing.",
            "分数：各模块分数的平均；模块分数为其计分检查的状态分与百分位的平均（见 docs/rating.md）；没有阈值的事实从不计分。缺失值保持缺失。"
        ),
        vuln_attr = audit
            .vulnerability
            .score
            .map_or(String::new(), |s| format!("{s:.1}")),
        stress_attr = audit
            .stress
            .score
            .map_or(String::new(), |s| format!("{s:.1}")),
        gauges_label = tr(lang, "Gauges (slow · fast)", "两个分项（慢变量 · 快变量）"),
        gauges = escape(&report::headline::gauges(audit, lang)),
        forecasts_label = tr(
            lang,
            "12-month forecasts (out-of-sample skill)",
            "12个月预测（样本外表现）"
        ),
        forecasts = report::headline::forecasts(audit, lang).map_or_else(
            || tr(
                lang,
                "not fitted: no stored inputs",
                "未拟合：没有已存储的输入"
            )
            .to_string(),
            |f| escape(&f)
        ),
        data_through = escape(&report::headline::data_through(audit, lang)),
        coverage = escape(&report::headline::coverage(audit, lang)),
        stored_only = escape(&report::headline::stored_only(audit, lang)),
    )
}

/// The heat map: one row per module, one linked cell per check.
pub fn heatmap(audit: &Audit, lang: Lang, links: Links, only_module: Option<&str>) -> String {
    let mut out = String::from(r#"<div class="heatmap" id="heatmap">"#);
    for module in &audit.modules {
        if only_module.is_some_and(|m| m != module.id) {
            continue;
        }
        let _ = write!(
            out,
            r#"<div class="row-label" id="module-{id}"><a href="{href}">{label}</a><br>{level} <span class="small muted">{score}</span></div><div class="cells">"#,
            id = escape(&module.id),
            href = links.module(&module.id, lang),
            label = escape(report::module_label(&module.id, lang)),
            level = level_badge(module.level, lang),
            score = score_text(module.score),
        );
        for result in audit.checks.iter().filter(|c| c.module == module.id) {
            let Some(def) = audit.def(&result.id) else {
                continue;
            };
            let title = report::title(def, lang);
            let value = report::format_value_in(result.value, &result.unit, lang);
            let percentile = result.percentile.map_or(String::new(), |p| {
                format!(r#"<span class="pbar" style="width:{p:.0}%"></span>"#)
            });
            let _ = write!(
                out,
                r#"<a class="cell {class}" href="{href}" data-check="{id}" data-status="{status}" title="{tooltip}"><span class="cell-title">{title}</span><span class="cell-value">{value}</span>{percentile}</a>"#,
                class = result_class(result),
                href = links.check(&result.id, lang),
                id = escape(&result.id),
                status = result.status.name(),
                tooltip = escape(&format!(
                    "{title} — {} — {value}{}",
                    if result.scored || result.status == Status::NoData {
                        report::status_label(result.status, lang)
                    } else {
                        report::headline::fact_label(lang)
                    },
                    result
                        .percentile
                        .map_or(String::new(), |p| format!(" — p{p:.0}"))
                )),
                title = escape(title),
                value = escape(&value),
            );
        }
        out.push_str("</div>");
    }
    out.push_str("</div>");
    let _ = write!(
        out,
        r#"<div class="legend">{} {} {} {} {} <span class="badge st-fact">{}</span> <span class="muted">{} {}</span></div>"#,
        badge(Status::Ok, lang),
        badge(Status::Watch, lang),
        badge(Status::Warning, lang),
        badge(Status::Critical, lang),
        badge(Status::NoData, lang),
        report::headline::fact_label(lang),
        tr(
            lang,
            "Bar at the bottom of a cell: percentile in the check's own history (higher = more vulnerable).",
            "格子底部的条：在该检查自身历史中的百分位（越高越脆弱）。"
        ),
        tr(
            lang,
            "A fact is a figure without thresholds: shown with its source, never scored.",
            "事实指没有阈值的数字：附来源展示，从不计分。"
        )
    );
    out
}

/// The threshold lines of a check.
fn threshold_references(def: &CheckDef, lang: Lang) -> Vec<Reference> {
    let sign = match def.direction {
        Direction::HigherIsWorse => "≥",
        Direction::LowerIsWorse => "≤",
    };
    let t = &def.thresholds;
    [
        (t.watch, Status::Watch, "watch"),
        (t.warning, Status::Warning, "warning"),
        (t.critical, Status::Critical, "critical"),
    ]
    .into_iter()
    .filter_map(|(value, status, class)| {
        value.map(|v| Reference {
            label: format!(
                "{} {sign}{}",
                report::status_label(status, lang),
                crate::checks::judge::format_number(v)
            ),
            value: v,
            class,
        })
    })
    .collect()
}

/// The SVG chart of a check's history, or `None` without history.
pub fn check_chart(r: &ReportData, def: &CheckDef, lang: Lang) -> Option<String> {
    let points = r.histories.get(&def.id)?;
    let recession_label = recession_label(r, lang);
    chart::render(&LineChart {
        title: report::title(def, lang),
        unit: &def.unit,
        points,
        references: threshold_references(def, lang),
        recessions: &r.recessions.spans,
        recession_label: &recession_label,
        element_id: &format!("chart-{}", def.id),
    })
}

fn recession_label(r: &ReportData, lang: Lang) -> String {
    match &r.recessions.source {
        Some(id) => format!("{} ({id})", tr(lang, "NBER recession", "NBER衰退期")),
        None => String::new(),
    }
}

/// One check: title, value vs thresholds, status, percentile, verdict, sources, chart.
pub fn check_section(r: &ReportData, result: &CheckResult, lang: Lang) -> String {
    let Some(def) = r.audit.def(&result.id) else {
        return String::new();
    };
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<section class="check" id="check-{id}" data-check="{id}" data-status="{status_name}"><h3>{title} {badge}</h3><div class="small muted">{module} · <code>{id}</code></div><div class="facts"><div><b>{value_label}</b>{value}</div><div><b>{thresholds_label}</b>{thresholds}</div><div><b>{percentile_label}</b>{percentile}</div><div><b>{as_of_label}</b>{as_of}</div><div><b>{data_label}</b>{data}</div></div>"#,
        id = escape(&result.id),
        status_name = result.status.name(),
        title = escape(report::title(def, lang)),
        badge = result_badge(result, lang),
        module = escape(report::module_label(&result.module, lang)),
        value_label = tr(lang, "Value", "数值"),
        value = escape(&report::format_value_in(result.value, &result.unit, lang)),
        thresholds_label = tr(
            lang,
            "Thresholds (watch / warning / critical)",
            "阈值（关注/警告/危急）"
        ),
        thresholds = escape(&report::format_thresholds(def)),
        percentile_label = tr(lang, "Percentile in own history", "自身历史百分位"),
        percentile = result
            .percentile
            .map_or("—".to_string(), |p| format!("{p:.0}")),
        as_of_label = tr(lang, "Value dated", "数值日期"),
        as_of = match (result.as_of, result.stale) {
            (Some(d), true) => format!(
                r#"{d} <span class="stale" title="{}">{}</span>"#,
                tr(
                    lang,
                    "late for the series' frequency on the report's date",
                    "按该序列的发布频率，在报告日期时已过时"
                ),
                tr(lang, "stale", "过时")
            ),
            (Some(d), false) => d.to_string(),
            (None, _) => "—".to_string(),
        },
        data_label = tr(lang, "Data", "数据来源"),
        data = match result.data {
            DataOrigin::Stored => tr(lang, "stored series", "已存储序列"),
            DataOrigin::Snapshot => tr(lang, "bundled cited snapshot", "内置引用快照"),
            DataOrigin::None => tr(lang, "none", "无"),
        },
    );
    let _ = write!(
        out,
        r#"<p class="verdict"><b>{claim_label} ({seed}):</b> {claim} → <b data-verdict="{verdict_name}">{verdict}</b>: {note}</p>"#,
        claim_label = tr(lang, "Seed's claim", "原文论断"),
        seed = escape(&def.claim.seed),
        claim = escape(report::claim_text(def, lang)),
        verdict_name = result.verdict.name(),
        verdict = report::verdict_label(result.verdict, lang),
        note = escape(result.verdict_note.text(lang == Lang::Zh)),
    );
    if let Some(missing) = &result.missing {
        let _ = write!(
            out,
            r#"<p class="placeholder"><b>{}</b> {}</p>"#,
            tr(lang, "Missing:", "缺失："),
            escape(&crate::report::missing_text(missing, lang))
        );
    }
    let details = crate::report::detail_rows(result, lang);
    if !details.is_empty() {
        out.push_str(r#"<ul class="small">"#);
        for (key, value) in &details {
            let _ = write!(out, "<li>{}: {}</li>", escape(key), escape(value));
        }
        out.push_str("</ul>");
    }
    if !result.sources.is_empty() {
        let _ = write!(
            out,
            r#"<p class="small"><b>{}</b> "#,
            tr(lang, "Sources:", "来源：")
        );
        let items: Vec<String> = result
            .sources
            .iter()
            .map(|s| {
                let mut text = source_link(&s.url, &s.id);
                if !s.publisher.is_empty() {
                    let _ = write!(text, " ({})", escape(&s.publisher));
                }
                if let Some(d) = s.as_of {
                    let _ = write!(text, ", {} {d}", tr(lang, "last", "最新"));
                }
                text
            })
            .collect();
        out.push_str(&items.join("; "));
        out.push_str("</p>");
    }
    match check_chart(r, def, lang) {
        Some(svg) => out.push_str(&svg),
        None => {
            let why = match result.data {
                DataOrigin::Snapshot => tr(
                    lang,
                    "No chart: the value is a single cited figure, not a stored series.",
                    "无图表：该数值是单个引用数据，而非存储序列。",
                ),
                DataOrigin::None => tr(lang, "No chart: no data.", "无图表：没有数据。"),
                DataOrigin::Stored => tr(
                    lang,
                    "No chart: fewer than two month-ends of history.",
                    "无图表：历史不足两个月末。",
                ),
            };
            let _ = write!(out, r#"<p class="muted small">{why}</p>"#);
        }
    }
    out.push_str("</section>");
    out
}

/// The seed's two charts rebuilt from data.
pub fn seed_charts(r: &ReportData, lang: Lang) -> String {
    let mut out = format!(
        r#"<h2 id="seed-charts">{}</h2>"#,
        tr(
            lang,
            "The seeds' charts, rebuilt from data",
            "原文图表：用数据重建"
        )
    );
    // 1. Loss-making small caps.
    let _ = write!(
        out,
        "<h3>{}</h3>",
        tr(lang, "Share of small caps losing money", "亏损小盘股占比")
    );
    match &r.small_caps {
        Some(losses) if losses.points.len() >= 2 => {
            let label = recession_label(r, lang);
            if let Some(svg) = chart::render(&LineChart {
                title: tr(
                    lang,
                    "Share of small caps with a net loss",
                    "净亏损小盘股占比",
                ),
                unit: "%",
                points: &losses.points,
                references: Vec::new(),
                recessions: &r.recessions.spans,
                recession_label: &label,
                element_id: "chart-seed-small-caps",
            }) {
                out.push_str(&svg);
            }
            let _ = write!(
                out,
                r#"<p class="small muted">{}: {}. {}</p>"#,
                tr(lang, "Plotted", "图中为"),
                tr(
                    lang,
                    "share of companies in the small universe whose latest annual NetIncomeLoss (SEC XBRL) is below zero, at each year-end",
                    "小盘样本中最近年度净利润（SEC XBRL NetIncomeLoss）为负的公司占比，按年末计算"
                ),
                escape(&losses.note)
            );
        }
        Some(losses) => {
            let _ = write!(
                out,
                r#"<p class="placeholder" id="small-caps-missing">{} {}</p>"#,
                tr(
                    lang,
                    "Company facts are stored, but fewer than two year-ends could be screened.",
                    "已存储公司数据，但可筛选的年末不足两个。"
                ),
                escape(&losses.note)
            );
        }
        None => {
            let _ = write!(
                out,
                r#"<p class="placeholder" id="small-caps-missing">{}</p>"#,
                tr(
                    lang,
                    "Data missing: no SEC company facts are stored, so the share of loss-making small caps through time cannot be computed. Run `bullcheck companies ingest companyfacts.zip` to fill it. What exists is the cited figure below, if any.",
                    "数据缺失：未存储SEC公司财务数据，无法计算亏损小盘股占比的时间序列。运行 `bullcheck companies ingest companyfacts.zip` 以补齐。现有的仅为下方的引用数据（如有）。"
                )
            );
            if let Some(result) = r
                .audit
                .checks
                .iter()
                .find(|c| c.id == "zombie_r2k_unprofitable")
                && let Some(value) = result.value
            {
                let source = result.sources.first();
                let _ = write!(
                    out,
                    r#"<p class="small">{}: {} ({}{})</p>"#,
                    tr(lang, "Cited figure", "引用数据"),
                    escape(&report::format_value_in(Some(value), &result.unit, lang)),
                    escape(&source.map_or(String::new(), |s| s.publisher.clone())),
                    result.as_of.map_or(String::new(), |d| format!(", {d}"))
                );
            }
        }
    }
    // 2. Top-10% wealth against delinquency.
    let _ = write!(
        out,
        "<h3>{}</h3>",
        tr(
            lang,
            "Top-10% wealth against consumer-credit delinquency",
            "前10%财富与消费信贷拖欠率"
        )
    );
    let w = &r.wealth;
    let label = recession_label(r, lang);
    if w.wealth_index.len() >= 2 {
        let title = tr(
            lang,
            "Net worth of the top 10% (Fed DFA: top 0.1% + rest of top 1% + next 9%), nominal, index first quarter = 100",
            "前10%人群净资产（美联储DFA：前0.1% + 前1%其余 + 其后9%），名义值，首季度 = 100",
        );
        if let Some(svg) = chart::render(&LineChart {
            title,
            unit: tr(lang, "index", "指数"),
            points: &w.wealth_index,
            references: Vec::new(),
            recessions: &r.recessions.spans,
            recession_label: &label,
            element_id: "chart-seed-wealth",
        }) {
            let _ = write!(
                out,
                r#"<p class="small"><b>{}</b> {}: {}</p>{svg}"#,
                escape(title),
                tr(lang, "summed series", "加总序列"),
                escape(&w.wealth_ids.join(" + "))
            );
        }
    } else {
        let _ = write!(
            out,
            r#"<p class="placeholder" id="wealth-missing">{}</p>"#,
            tr(
                lang,
                "Data missing: the Fed DFA net-worth levels (DFA_TOPPT1_NET_WORTH, DFA_REMAININGTOP1_NET_WORTH, DFA_NEXT9_NET_WORTH) are not stored; import dfa-networth-levels.csv.",
                "数据缺失：未存储美联储DFA净资产水平（DFA_TOPPT1_NET_WORTH、DFA_REMAININGTOP1_NET_WORTH、DFA_NEXT9_NET_WORTH）；请导入 dfa-networth-levels.csv。"
            )
        );
    }
    match &w.delinquency_id {
        Some(id) if w.delinquency.len() >= 2 => {
            let title = format!(
                "{id}: {}",
                if w.delinquency_title.is_empty() {
                    tr(lang, "delinquency rate", "拖欠率")
                } else {
                    &w.delinquency_title
                }
            );
            if let Some(svg) = chart::render(&LineChart {
                title: &title,
                unit: "%",
                points: &w.delinquency,
                references: Vec::new(),
                recessions: &r.recessions.spans,
                recession_label: &label,
                element_id: "chart-seed-delinquency",
            }) {
                let _ = write!(
                    out,
                    r#"<p class="small"><b>{}</b></p>{svg}"#,
                    escape(&title)
                );
            }
            if id != "DRCCLACBS" {
                let _ = write!(
                    out,
                    r#"<p class="small muted">{}</p>"#,
                    tr(
                        lang,
                        "Credit-card delinquency (DRCCLACBS) is not stored; the chart shows delinquency on all consumer loans instead, as labelled.",
                        "未存储信用卡拖欠率（DRCCLACBS）；图中为全部消费贷款拖欠率，如标注所示。"
                    )
                );
            }
        }
        _ => {
            let _ = write!(
                out,
                r#"<p class="placeholder" id="delinquency-missing">{}</p>"#,
                tr(
                    lang,
                    "Data missing: neither DRCCLACBS (credit cards) nor DRCLACBS (consumer loans) is stored.",
                    "数据缺失：未存储 DRCCLACBS（信用卡）或 DRCLACBS（消费贷款）。"
                )
            );
        }
    }
    out
}

/// The fair-P/E sensitivity table beside the seed's (M1), from `models::fair_pe`.
pub fn fair_pe_table(lang: Lang) -> String {
    let rows = grids::fair_pe_grid(&[3.5, 4.5, 5.5], &[5.0]);
    let mut out = format!(
        r#"<h2 id="fair-pe">{}</h2><div class="table-wrap"><table id="fair-pe-table"><thead><tr><th class="num">{}</th><th class="num">{}</th><th class="num">1/(y10+ERP)</th><th class="num">1/(TP+ERP)</th><th class="num">Gordon</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(
            lang,
            "Fair P/E: the seed's table against four formulas (ERP 5%)",
            "合理市盈率：原文表格与四种公式对照（ERP 5%）"
        ),
        tr(lang, "10-year yield", "10年期收益率"),
        tr(lang, "Seed's fair P/E", "原文合理PE"),
        tr(lang, "Duration D=13", "久期 D=13"),
    );
    for row in &rows {
        let _ = write!(
            out,
            r#"<tr><td class="num">{:.1}%</td><td class="num seed">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{:.1}×</td></tr>"#,
            row.ten_year_yield,
            row.seed_pe.map_or("—".to_string(), |p| format!("{p:.1}×")),
            row.earnings_yield_pe
                .map_or("—".to_string(), |p| format!("{p:.1}×")),
            row.term_premium_pe
                .map_or("—".to_string(), |p| format!("{p:.1}×")),
            row.gordon_pe
                .map_or("—".to_string(), |p| format!("{p:.1}×")),
            row.duration_pe,
        );
    }
    out.push_str("</tbody></table></div><ul class=\"small muted\">");
    let formulas = match lang {
        Lang::En => grids::FAIR_PE_FORMULAS,
        Lang::Zh => grids::FAIR_PE_FORMULAS_ZH,
    };
    for (_, formula) in formulas {
        let _ = write!(out, "<li>{}</li>", escape(formula));
    }
    out.push_str("</ul>");
    let note = match lang {
        Lang::En => grids::FAIR_PE_NOTE,
        Lang::Zh => {
            "在原文声明的5% ERP下，没有任何公式能复现其表格：只有久期形式（D = 13，收益率每升100bp市盈率约降12.5%）三行全部吻合，而该形式中ERP不起作用。来源：种子文章001第3.2节；CATALOGUE M1。"
        }
    };
    let _ = write!(out, r#"<p class="small">{}</p>"#, escape(note));
    out
}

/// Built-in stress scenarios, or a placeholder.
pub fn stress_section(r: &ReportData, lang: Lang) -> String {
    let mut out = format!(
        r#"<h2 id="stress">{}</h2>"#,
        tr(
            lang,
            "Stress tests (built-in scenarios)",
            "压力测试（内置情景）"
        )
    );
    if r.stress.is_empty() {
        let _ = write!(
            out,
            r#"<p class="placeholder" id="stress-placeholder">{}</p>"#,
            tr(
                lang,
                "No stress-test results: no scenario could be evaluated.",
                "无压力测试结果：没有可评估的情景。"
            )
        );
        return out;
    }
    let _ = write!(
        out,
        r#"<p class="small muted">{}</p><div class="table-wrap"><table id="stress-table"><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(
            lang,
            "Deterministic transmission model (docs/transmission.md) on the stored data; `bullcheck stress run NAME` adds the Monte Carlo distribution; `bullcheck stress validate` gives the out-of-sample track record.",
            "基于存储数据的确定性传导模型（docs/transmission.md）；`bullcheck stress run NAME` 可给出蒙特卡洛分布；`bullcheck stress validate` 给出样本外历史检验。"
        ),
        tr(lang, "Scenario", "情景"),
        tr(lang, "Index fair value, % change", "指数合理价值变动 %"),
        tr(
            lang,
            "Realised (replay) or Fed path, %",
            "实际（历史重演）或美联储路径 %"
        ),
        tr(
            lang,
            "P/E10 (base → shocked)",
            "周期调整市盈率（基准 → 冲击后）"
        ),
        tr(lang, "AI earnings, % change", "AI盈利变动 %"),
        tr(
            lang,
            "Small-cap coverage, × today's",
            "小盘股利息覆盖倍数（相对当前）"
        ),
    );
    for s in &r.stress {
        let title = pick(lang, &s.title, &s.title_zh);
        if let Some(reason) = &s.no_data {
            let _ = write!(
                out,
                r#"<tr><td>{}<br><span class="small muted">{}</span></td><td colspan="5" class="muted small">{}</td></tr>"#,
                escape(title),
                escape(&s.name),
                escape(reason)
            );
            continue;
        }
        let _ = write!(
            out,
            r#"<tr><td>{}<br><span class="small muted">{}</span></td><td class="num">{}</td><td class="num">{}</td><td class="num">{} → {}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            escape(title),
            escape(&s.name),
            opt_number(s.index_fair_value_pct, 1),
            opt_number(s.realised_pct, 1),
            opt_number(s.fair_pe_base, 1),
            opt_number(s.fair_pe_shocked, 1),
            opt_number(s.ai_earnings_pct, 1),
            opt_number(s.small_cap_coverage, 2),
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The rating through time with recessions shaded, and its skill as a warning signal.
pub fn track_record_section(r: &ReportData, lang: Lang) -> String {
    let mut out = format!(
        r#"<h2 id="track-record">{}</h2>"#,
        tr(lang, "Track record of the rating", "评级的历史表现")
    );
    let Some(history) = &r.history else {
        let _ = write!(
            out,
            r#"<p class="placeholder" id="track-record-placeholder">{}</p>"#,
            tr(
                lang,
                "No track record: it needs stored history (`bullcheck data import DIR`, then `bullcheck history`).",
                "无历史表现：需要存储的历史数据（`bullcheck data import DIR`，然后 `bullcheck history`）。"
            )
        );
        return out;
    };
    let points: Vec<(Date, f64)> = history
        .months
        .iter()
        .filter_map(|m| m.rating.score.map(|s| (m.rating.month, s)))
        .collect();
    let label = recession_label(r, lang);
    let references = vec![Reference {
        label: format!(
            "{} ≥60",
            report::level_label(Some(crate::audit::Level::High), lang)
        ),
        value: 60.0,
        class: "warning",
    }];
    match chart::render(&LineChart {
        title: tr(lang, "Rating score at each month-end", "每月末评级分数"),
        unit: tr(lang, "score", "分数"),
        points: &points,
        references,
        recessions: &r.recessions.spans,
        recession_label: &label,
        element_id: "chart-track-record",
    }) {
        Some(svg) => out.push_str(&svg),
        None => {
            let _ = write!(
                out,
                r#"<p class="placeholder">{}</p>"#,
                tr(lang, "Fewer than two rated months.", "评级月份不足两个。")
            );
        }
    }
    let _ = write!(
        out,
        r#"<p class="small muted">{}</p><div class="table-wrap"><table id="skill-table"><thead><tr><th>{}</th><th>{}</th><th class="num">AUROC</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(
            lang,
            "Every series in its latest vintage (no point-in-time vintages): observations dated after a month-end are never used, but earlier values are as revised since. Events: an NBER recession or a 20% S&P 500 fall starting within 12 months.",
            "各序列均为最新版本（非实时版本）：不使用月末之后的数据，但此前数值为修订后数值。事件：12个月内开始的NBER衰退或标普500下跌20%。"
        ),
        tr(lang, "Signal", "信号"),
        tr(lang, "Event (next 12 months)", "事件（未来12个月）"),
        tr(lang, "Hit rate", "命中率"),
        tr(lang, "False alarms", "误报率"),
        tr(lang, "Median lead, months", "中位提前月数"),
        tr(lang, "Months", "月数"),
    );
    for row in history.skill.iter().filter(|row| row.period == Period::All) {
        let _ = write!(
            out,
            r#"<tr{}><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            if row.signal == Signal::Rating {
                r#" class="rating-row""#
            } else {
                ""
            },
            row.signal.name(),
            row.event.name(),
            opt_number(row.auroc, 2),
            row.hit_rate
                .map_or("—".to_string(), |h| format!("{:.0}%", h * 100.0)),
            row.false_alarm_rate
                .map_or("—".to_string(), |h| format!("{:.0}%", h * 100.0)),
            opt_number(row.median_lead_months, 0),
            row.n_months,
        );
    }
    out.push_str("</tbody></table></div>");
    out.push_str(&super::forecast::section(r, lang));
    out
}

fn footer(r: &ReportData, lang: Lang) -> String {
    format!(
        r#"<footer>{} {} · {} {}. {}</footer>"#,
        tr(lang, "Generated by", "生成工具"),
        escape(&r.generator),
        tr(lang, "as of", "截至"),
        r.audit.as_of,
        tr(
            lang,
            "Every figure comes from stored data or a bundled cited snapshot, with its source; missing values are shown as missing.",
            "所有数字均来自存储数据或内置引用快照，并注明来源；缺失值显示为缺失。"
        )
    )
}

/// The single-file report.
pub fn report_page(r: &ReportData, lang: Lang) -> String {
    let mut body = header(r, lang);
    let _ = write!(
        body,
        r#"<h2 id="heatmap-title">{}</h2>"#,
        tr(lang, "Heat map", "热力图")
    );
    body.push_str(&heatmap(&r.audit, lang, Links::SingleFile, None));
    body.push_str(&seed_charts(r, lang));
    body.push_str(&fair_pe_table(lang));
    body.push_str(&stress_section(r, lang));
    body.push_str(&track_record_section(r, lang));
    let _ = write!(
        body,
        r#"<h2 id="checks">{}</h2>"#,
        tr(lang, "Every check", "全部检查")
    );
    for module in &r.audit.modules {
        let _ = write!(
            body,
            "<h2>{} {}</h2>",
            escape(report::module_label(&module.id, lang)),
            level_badge(module.level, lang)
        );
        for result in r.audit.checks.iter().filter(|c| c.module == module.id) {
            body.push_str(&check_section(r, result, lang));
        }
    }
    body.push_str(&footer(r, lang));
    page(&Shell {
        title: tr(lang, "bullcheck report", "bullcheck 报告"),
        lang,
        links: Links::SingleFile,
        path: "/",
        body: &body,
    })
}

/// Dashboard: overview (rating, heat map, module table).
pub fn overview_page(r: &ReportData, lang: Lang) -> String {
    let mut body = header(r, lang);
    body.push_str(&heatmap(&r.audit, lang, Links::Dashboard, None));
    let _ = write!(
        body,
        r#"<h2>{}</h2><div class="table-wrap"><table><thead><tr><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(lang, "Modules", "模块"),
        tr(lang, "Module", "模块"),
        tr(lang, "Level", "级别"),
        tr(lang, "Score", "分数"),
        tr(lang, "Checks with data", "有数据的检查"),
    );
    for m in &r.audit.modules {
        let _ = write!(
            body,
            r#"<tr><td><a href="{}">{}</a></td><td>{}</td><td class="num">{}</td><td class="num">{}/{}</td></tr>"#,
            Links::Dashboard.module(&m.id, lang),
            escape(report::module_label(&m.id, lang)),
            level_badge(m.level, lang),
            score_text(m.score),
            m.with_data,
            m.checks
        );
    }
    body.push_str("</tbody></table></div>");
    body.push_str(&seed_charts(r, lang));
    body.push_str(&fair_pe_table(lang));
    body.push_str(&footer(r, lang));
    page(&Shell {
        title: tr(lang, "bullcheck dashboard", "bullcheck 仪表盘"),
        lang,
        links: Links::Dashboard,
        path: "/",
        body: &body,
    })
}

/// Dashboard: one module. `None` for an unknown module.
pub fn module_page(r: &ReportData, module: &str, lang: Lang) -> Option<String> {
    let score = r.audit.modules.iter().find(|m| m.id == module)?;
    let mut body = format!(
        "<h1>{} {}</h1><p>{}: {}</p>",
        escape(report::module_label(module, lang)),
        level_badge(score.level, lang),
        tr(lang, "Score", "分数"),
        score_text(score.score)
    );
    body.push_str(&heatmap(&r.audit, lang, Links::Dashboard, Some(module)));
    for result in r.audit.checks.iter().filter(|c| c.module == module) {
        body.push_str(&check_section(r, result, lang));
    }
    let path = format!("/module/{module}");
    Some(page(&Shell {
        title: report::module_label(module, lang),
        lang,
        links: Links::Dashboard,
        path: &path,
        body: &body,
    }))
}

/// Dashboard: one check, with the interactive chart hooks. `None` for an unknown check.
pub fn check_page(r: &ReportData, id: &str, lang: Lang) -> Option<String> {
    let result = r.audit.checks.iter().find(|c| c.id == id)?;
    let def = r.audit.def(id)?;
    let mut body = format!(
        r#"<p class="small"><a href="{}">← {}</a></p>"#,
        Links::Dashboard.module(&result.module, lang),
        escape(report::module_label(&result.module, lang))
    );
    body.push_str(&check_section(r, result, lang));
    if r.histories.contains_key(id) {
        let _ = write!(
            body,
            r#"<p class="small muted no-print" id="chart-help" data-interactive="chart-{}" data-api="/api/checks/{}">{}</p>"#,
            escape(id),
            escape(id),
            tr(
                lang,
                "Hover the chart for date and value; drag across it to zoom into a period; double-click to reset.",
                "鼠标悬停查看日期和数值；横向拖动放大时间段；双击复原。"
            )
        );
    }
    let _ = write!(
        body,
        r#"<h2>{}</h2><p>{}</p><h3>{}</h3><p>{}</p><h3>{}</h3><p>{}</p><h3>{}</h3><p>{}</p><p class="small muted">{}: {}</p>"#,
        tr(lang, "What it measures", "测量什么"),
        escape(pick(lang, &def.what, &def.what_zh)),
        tr(lang, "Why it matters", "为何重要"),
        escape(pick(lang, &def.why, &def.why_zh)),
        tr(lang, "How it is computed", "如何计算"),
        escape(pick(lang, &def.how, &def.how_zh)),
        tr(lang, "Limits", "局限"),
        escape(pick(lang, &def.limits, &def.limits_zh)),
        tr(lang, "Threshold origin", "阈值出处"),
        escape(crate::report::threshold_origin(def, lang)),
    );
    let path = format!("/check/{id}");
    Some(page(&Shell {
        title: report::title(def, lang),
        lang,
        links: Links::Dashboard,
        path: &path,
        body: &body,
    }))
}

/// Dashboard: the scenario sliders (a plain GET form without JavaScript) and the result.
pub fn scenario_page(values: &SliderValues, result: &ScenarioResult, lang: Lang) -> String {
    let mut body = format!(
        r#"<h1>{}</h1><p class="small muted">{}</p><form method="get" action="/scenario" id="scenario-form" data-api="/api/scenarios/sliders">"#,
        tr(lang, "Scenario: move the inputs", "情景：调整输入"),
        tr(
            lang,
            "The stress-test transmission model (docs/transmission.md), recomputed on the server at each change. Unshocked market variables move with their conditional expectation under the historical covariance of the stored data.",
            "压力测试传导模型（docs/transmission.md），每次调整都在服务器上重新计算。未冲击的市场变量按存储数据的历史协方差取条件期望。"
        )
    );
    if lang == Lang::Zh {
        body.push_str(r#"<input type="hidden" name="lang" value="zh">"#);
    }
    body.push_str(r#"<div class="sliders">"#);
    for (slider, value) in SLIDERS.iter().zip(values.0) {
        let _ = write!(
            body,
            r#"<label for="s-{name}">{label} ({unit}): <output id="o-{name}" for="s-{name}">{value}</output><input type="range" id="s-{name}" name="{name}" min="{min}" max="{max}" step="{step}" value="{value}"></label>"#,
            name = slider.name,
            label = if lang == Lang::Zh {
                slider.label_zh
            } else {
                slider.label_en
            },
            unit = slider.unit,
            min = slider.min,
            max = slider.max,
            step = slider.step,
        );
    }
    let _ = write!(
        body,
        r#"</div><button type="submit" class="no-js-submit">{}</button></form>"#,
        tr(lang, "Recompute", "重新计算")
    );
    body.push_str(&scenario_result_table(result, lang));
    page(&Shell {
        title: tr(lang, "Scenario", "情景"),
        lang,
        links: Links::Dashboard,
        path: "/scenario",
        body: &body,
    })
}

/// The outputs table (the page's script rebuilds the same table from the JSON API).
pub fn scenario_result_table(result: &ScenarioResult, lang: Lang) -> String {
    let index = result
        .outputs
        .iter()
        .find(|o| o.name == "index_fair_value")
        .and_then(|o| o.shocked);
    let mut out = format!(
        r#"<div id="scenario-result" data-index-fair-value="{}"><h2>{}</h2><p class="small muted">{}</p><div class="table-wrap"><table><thead><tr><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody id="scenario-outputs">"#,
        index.map_or(String::new(), |v| format!("{v:.4}")),
        tr(lang, "Result", "结果"),
        match result.covariance_quarters {
            Some(q) => format!(
                "{} {q} {}",
                tr(lang, "Covariance estimated on", "协方差估计样本："),
                tr(lang, "quarters of stored data.", "个季度的存储数据。")
            ),
            None => tr(
                lang,
                "No covariance (fewer than two statistical series with 12 common quarters stored): unshocked variables stay unchanged.",
                "无协方差（存储的统计序列不足）：未冲击的变量保持不变。"
            )
            .to_string(),
        },
        tr(lang, "Output", "输出"),
        tr(lang, "Unit", "单位"),
        tr(lang, "Base", "基准"),
        tr(lang, "Shocked", "冲击后"),
    );
    for o in &result.outputs {
        let _ = write!(
            out,
            r#"<tr data-output="{}"><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            escape(&o.name),
            escape(&o.name),
            escape(&o.unit),
            opt_number(o.base, 3),
            opt_number(o.shocked, 3)
        );
    }
    out.push_str("</tbody></table></div></div>");
    out
}

/// Dashboard: the track record page (rating through time, skill, stress results).
pub fn history_page(r: &ReportData, lang: Lang) -> String {
    let mut body = track_record_section(r, lang);
    body.push_str(&stress_section(r, lang));
    page(&Shell {
        title: tr(lang, "Track record", "历史表现"),
        lang,
        links: Links::Dashboard,
        path: "/history",
        body: &body,
    })
}

/// One stored series on the data page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DataRow {
    pub id: String,
    pub source: String,
    pub first: Option<String>,
    pub last: Option<String>,
    pub last_value: Option<f64>,
    pub rows: usize,
    pub last_update: Option<String>,
}

/// Dashboard: every stored series and the update button.
pub fn data_page(rows: &[DataRow], lang: Lang) -> String {
    let mut body = format!(
        r#"<h1>{}</h1><form method="post" action="/api/data/update" id="update-form" class="no-print"><button type="submit" id="update-button">{}</button> <span class="small muted">{}</span></form><pre class="log" id="update-log" hidden></pre>"#,
        tr(lang, "Stored data", "已存储数据"),
        tr(lang, "Update from live sources", "从在线来源更新"),
        tr(
            lang,
            "Runs `bullcheck data update` in the background (FRED, NY Fed, Treasury, SEC); progress appears below.",
            "在后台运行 `bullcheck data update`（FRED、纽约联储、财政部、SEC）；进度显示在下方。"
        )
    );
    if rows.is_empty() {
        let _ = write!(
            body,
            r#"<p class="placeholder" id="no-data">{}</p>"#,
            tr(
                lang,
                "No stored series: the audit uses the bundled cited snapshot. Import files with `bullcheck data import DIR`.",
                "没有存储的序列：审计使用内置引用快照。请用 `bullcheck data import DIR` 导入文件。"
            )
        );
    } else {
        let _ = write!(
            body,
            r#"<div class="table-wrap"><table id="series-table"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th><th>{}</th></tr></thead><tbody>"#,
            tr(lang, "Series", "序列"),
            tr(lang, "Source", "来源"),
            tr(lang, "First", "首个观测"),
            tr(lang, "Last observation", "最新观测"),
            tr(lang, "Last value", "最新值"),
            tr(lang, "Rows", "行数"),
            tr(lang, "Last update", "最近更新"),
        );
        for row in rows {
            let url = crate::checks::series_url(&row.id, &row.source);
            let _ = write!(
                body,
                r#"<tr><td><code>{}</code></td><td class="small">{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="small">{}</td></tr>"#,
                source_link(&url, &row.id),
                escape(&row.source),
                escape(row.first.as_deref().unwrap_or("—")),
                escape(row.last.as_deref().unwrap_or("—")),
                row.last_value.map_or("—".to_string(), chart::value_label),
                row.rows,
                escape(row.last_update.as_deref().unwrap_or("—")),
            );
        }
        body.push_str("</tbody></table></div>");
    }
    page(&Shell {
        title: tr(lang, "Data", "数据"),
        lang,
        links: Links::Dashboard,
        path: "/data",
        body: &body,
    })
}

/// A small HTML error page (404 and the like).
pub fn error_page(status: u16, message: &str, lang: Lang) -> String {
    let body = format!(
        r#"<h1>{status}</h1><p>{}</p><p><a href="/{}">{}</a></p>"#,
        escape(message),
        lang_query(lang, '?'),
        tr(lang, "Back to the overview", "返回总览")
    );
    page(&Shell {
        title: &status.to_string(),
        lang,
        links: Links::Dashboard,
        path: "/",
        body: &body,
    })
}
