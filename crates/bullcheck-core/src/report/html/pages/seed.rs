//! The seeds' charts rebuilt from data (loss-making small caps, top-10% wealth against
//! delinquency) and the fair-P/E table beside the seed's.

use std::fmt::Write as _;

use super::super::chart::{self, LineChart};
use super::super::{ReportData, escape};
use super::recession_label;
use crate::report::{self, Lang};
use crate::stress::grids;
use crate::vocab::tr;

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
                escape(losses.note.text(lang))
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
                escape(losses.note.text(lang))
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
                    escape(&report::format_value_in(
                        Some(value),
                        &result.unit,
                        &result.unit_zh,
                        lang
                    )),
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
    for ((_, en), (_, zh)) in grids::FAIR_PE_FORMULAS
        .iter()
        .zip(grids::FAIR_PE_FORMULAS_ZH)
    {
        let _ = write!(out, "<li>{}</li>", escape(tr(lang, en, zh)));
    }
    out.push_str("</ul>");
    let note = tr(
        lang,
        grids::FAIR_PE_NOTE,
        "在原文声明的5% ERP下，没有任何公式能复现其表格：只有久期形式（D = 13，收益率每升100bp市盈率约降12.5%）三行全部吻合，而该形式中ERP不起作用。来源：原文001第3.2节；docs/catalogue.md M1。",
    );
    let _ = write!(out, r#"<p class="small">{}</p>"#, escape(note));
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_model::empty_report;
    use super::*;

    #[test]
    fn seed_charts_without_data_say_what_to_import() {
        let r = empty_report();
        let html = seed_charts(&r, Lang::En);
        for id in [
            "small-caps-missing",
            "wealth-missing",
            "delinquency-missing",
        ] {
            assert!(html.contains(&format!(r#"id="{id}""#)), "{id}");
        }
        assert!(html.contains("bullcheck companies ingest") && !html.contains("<svg"));
        assert!(seed_charts(&r, Lang::Zh).contains("数据缺失"));
    }

    #[test]
    fn fair_pe_table_has_the_seeds_three_yields() {
        let html = fair_pe_table(Lang::En);
        assert_eq!(html.matches("<tr><td").count(), 3);
        for y in ["3.5%", "4.5%", "5.5%"] {
            assert!(
                html.contains(&format!(r#"<td class="num">{y}</td>"#)),
                "{y}"
            );
        }
    }
}
