//! Event studies (issue 14): the seeds' "when X then Y" rules (the 10-year crossing 5%, the VIX
//! in its bottom decile, the MLF rule), each with its events, the outcome after them against
//! every month-end, a bootstrap interval, a random-date p-value and the verdict on the claim;
//! or what to import. A section of the report and the dashboard's `/events` page.

use std::fmt::Write as _;

use super::super::structure::{EventStudy, StructureData, StudyRun};
use super::super::{Links, ReportData, Shell, escape, page};
use super::footer;
use crate::events::render::BuiltIn;
use crate::events::study::{DRAWDOWN_HIT, Measure, Rule};
use crate::report::{self, Lang};
use crate::vocab::tr;

fn signed_pct(x: Option<f64>) -> String {
    x.map_or("—".to_string(), |x| format!("{:+.1}%", 100.0 * x))
}

fn rate(x: Option<f64>) -> String {
    x.map_or("—".to_string(), |x| format!("{:.0}%", 100.0 * x))
}

/// The event rule in words.
fn rule_text(series: &str, rule: &Rule, lang: Lang) -> String {
    match (rule, lang) {
        (Rule::CrossAbove(l), Lang::En) => format!("{series} crosses above {l}"),
        (Rule::CrossAbove(l), Lang::Zh) => format!("{series} 向上突破 {l}"),
        (Rule::CrossBelow(l), Lang::En) => format!("{series} crosses below {l}"),
        (Rule::CrossBelow(l), Lang::Zh) => format!("{series} 向下跌破 {l}"),
        (Rule::Above(l), Lang::En) => format!("{series} above {l}"),
        (Rule::Above(l), Lang::Zh) => format!("{series} 高于 {l}"),
        (Rule::ChangeOver { months, threshold }, Lang::En) => {
            format!("{series} changes by more than {threshold} over {months} months")
        }
        (Rule::ChangeOver { months, threshold }, Lang::Zh) => {
            format!("{series} 在{months}个月内变动超过 {threshold}")
        }
        (Rule::BottomQuantile(q), Lang::En) => format!(
            "{series} below its {:.0}th percentile (whole sample)",
            100.0 * q
        ),
        (Rule::BottomQuantile(q), Lang::Zh) => {
            format!("{series} 低于其全样本第{:.0}百分位", 100.0 * q)
        }
    }
}

fn measure_text(series: &str, m: Measure, lang: Lang) -> String {
    match m {
        Measure::Return => format!("{series} {}", tr(lang, "return", "回报")),
        Measure::Drawdown => format!("{series} {}", tr(lang, "largest drawdown", "最大回撤")),
    }
}

/// What to import, in the page's language.
fn fill_with(b: &BuiltIn, lang: Lang) -> String {
    match b.event_series {
        Some(_) => format!("<code>{}</code>", escape(b.fill_with)),
        None => format!(
            "{} <code>bullcheck events study --builtin {} --mlf-file FILE</code> {}",
            tr(
                lang,
                "the report reads no MLF file: run",
                "报告不读取MLF文件：请运行"
            ),
            escape(b.name),
            tr(
                lang,
                "with a monthly MLF CSV (month,net_injection_bn_cny; from the PBoC's open-market announcements, pbc.gov.cn; docs/network.md), after importing china/shanghai_composite_daily_2000-2025.csv.",
                "并提供月度MLF CSV（month,net_injection_bn_cny；数据取自人民银行公开市场公告 pbc.gov.cn；见 docs/network.md），并先导入 china/shanghai_composite_daily_2000-2025.csv。"
            ),
        ),
    }
}

fn results(out: &mut String, b: &BuiltIn, run: &StudyRun, lang: Lang) {
    let st = &run.study;
    let _ = write!(
        out,
        r#"<p class="small"><b>{}</b> {} ({} {}): {}</p>"#,
        tr(lang, "Events:", "事件："),
        st.events.len(),
        st.raw_hits,
        tr(
            lang,
            "rule hits before de-clustering",
            "次去聚类前的规则触发"
        ),
        escape(
            &st.events
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    let hit = match b.spec.measure {
        Measure::Return => tr(lang, "Share up", "上涨比例").to_string(),
        Measure::Drawdown => format!(
            "{} ≥{:.0}%",
            tr(lang, "Share with drawdown", "回撤比例"),
            100.0 * DRAWDOWN_HIT
        ),
    };
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table class="event-table" id="event-table-{name}"><thead><tr><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{hit}</th><th class="num">{}</th><th class="num">{} {hit}</th><th class="num">{}</th></tr></thead><tbody>"#,
        tr(lang, "Horizon, months", "期限（月）"),
        tr(lang, "Events", "事件数"),
        tr(lang, "Mean after events", "事件后均值"),
        tr(lang, "95% interval (bootstrap)", "95%区间（自助法）"),
        tr(lang, "All month-ends: mean", "全部月末：均值"),
        tr(lang, "All month-ends:", "全部月末："),
        tr(lang, "p-value (random dates)", "p值（随机日期）"),
        name = escape(b.name),
    );
    for h in &st.horizons {
        let _ = write!(
            out,
            r#"<tr data-horizon="{}"><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            h.months,
            h.months,
            h.outcomes.len(),
            signed_pct(h.mean),
            h.ci95.map_or("—".to_string(), |(lo, hi)| format!(
                "{} … {}",
                signed_pct(Some(lo)),
                signed_pct(Some(hi))
            )),
            rate(h.hit_rate),
            signed_pct(h.unconditional_mean),
            rate(h.unconditional_hit_rate),
            h.p_value.map_or("—".to_string(), |p| format!("{p:.3}")),
        );
    }
    out.push_str("</tbody></table></div>");
    let _ = write!(
        out,
        r#"<p class="small muted">{} {} {} {}.</p>"#,
        tr(
            lang,
            "All month-ends: the same outcome after every month-end of the sample. Interval: events resampled with replacement; p: share of random draws of as many month-ends whose mean is as far from all month-ends'. Replications:",
            "全部月末：样本中每个月末之后的同一结果。区间：对事件有放回重抽样；p：随机抽取同样数量月末、其均值偏离全部月末均值至少同样远的比例。重复次数："
        ),
        b.spec.reps,
        tr(lang, "seed", "随机种子"),
        b.spec.seed,
    );
    if let Some((verdict, note)) = &run.verdict {
        let _ = write!(
            out,
            r#"<p class="verdict"><b>{}</b> <b data-verdict="{}">{}</b>: {}</p>"#,
            tr(lang, "Verdict on the claim:", "对论断的判定："),
            verdict.name(),
            report::verdict_label(*verdict, lang),
            escape(note.text(lang)),
        );
    } else {
        let _ = write!(
            out,
            r#"<p class="small muted">{}</p>"#,
            tr(
                lang,
                "The study gives no verdict: the claim is about today's level, which the check judges.",
                "该研究不给出判定：论断针对的是当前水平，由对应检查判定。"
            )
        );
    }
    let sources: Vec<String> = run
        .series
        .iter()
        .map(|(id, publisher, last)| {
            format!(
                "<code>{}</code> ({}{}, {} {last})",
                escape(id),
                escape(publisher),
                if publisher.is_empty() { "—" } else { "" },
                tr(lang, "data through", "数据截至"),
            )
        })
        .collect();
    let _ = write!(
        out,
        r#"<p class="small"><b>{}</b> {}</p>"#,
        tr(lang, "Sources:", "来源："),
        sources.join("; ")
    );
}

fn study_section(out: &mut String, e: &EventStudy, links: Links, lang: Lang) {
    let b = &e.builtin;
    let event_series = b.event_series.unwrap_or("MLF");
    let _ = write!(
        out,
        r#"<section class="check event-study" id="event-{name}" data-study="{name}" data-status="{status}"><h3>{claim}</h3><div class="small muted">{seeds_label} {seeds}{check} · <code>{name}</code></div><p class="small">{rule_label} {rule}; {outcome_label} {measure}, {horizons} {months_label}; {gap_label} {gap} {months_label}.</p>"#,
        name = escape(b.name),
        status = if e.outcome.is_ok() { "ok" } else { "no_data" },
        claim = escape(tr(lang, b.claim, b.claim_zh)),
        seeds_label = tr(lang, "Seeds", "原文"),
        seeds = escape(b.seeds),
        check = b.check.map_or(String::new(), |c| format!(
            r#" · <a href="{}">{}</a>"#,
            links.check(c, lang),
            tr(lang, "the check", "对应检查")
        )),
        rule_label = tr(lang, "Event:", "事件："),
        rule = escape(&rule_text(event_series, &b.spec.rule, lang)),
        outcome_label = tr(lang, "outcome:", "结果："),
        measure = escape(&measure_text(b.outcome_series, b.spec.measure, lang)),
        horizons = b
            .spec
            .horizons
            .iter()
            .map(|h| h.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        months_label = tr(lang, "months", "个月"),
        gap_label = tr(lang, "events at least", "事件间隔至少"),
        gap = b.spec.gap_months,
    );
    match &e.outcome {
        Ok(run) => results(out, b, run, lang),
        Err(missing) => {
            let ids: Vec<String> = missing
                .iter()
                .filter(|m| !m.starts_with("--"))
                .map(|m| format!("<code>{}</code>", escape(m)))
                .collect();
            let _ = write!(
                out,
                r#"<p class="placeholder" id="event-{}-missing">{} {}. <b>{}</b> {}</p>"#,
                escape(b.name),
                tr(
                    lang,
                    "Data missing, no figure shown:",
                    "数据缺失，不显示任何数字："
                ),
                if ids.is_empty() {
                    tr(lang, "the MLF series", "MLF序列").to_string()
                } else {
                    format!("{} {}", ids.join(", "), tr(lang, "not stored", "未存储"))
                },
                tr(lang, "Fill with:", "补齐方法："),
                fill_with(b, lang),
            );
        }
    }
    out.push_str("</section>");
}

/// The event-study section: every built-in study, or what each lacks.
pub fn events_section(s: &StructureData, links: Links, lang: Lang) -> String {
    let mut out = format!(
        r#"<h2 id="events">{}</h2><p class="small muted">{} {}.</p>"#,
        tr(
            lang,
            "Event studies: does “when X, then Y” hold?",
            "事件研究：“当X时，则Y”是否成立？"
        ),
        tr(
            lang,
            "Both series are cut at the report's date (point in time); each table is what `bullcheck events study --builtin NAME` prints on the same data. As of",
            "两个序列都截至报告日期（时点一致）；每张表与在相同数据上运行 `bullcheck events study --builtin NAME` 的结果相同。截至"
        ),
        s.as_of,
    );
    for e in &s.events {
        study_section(&mut out, e, links, lang);
    }
    out
}

/// Dashboard: the event-study page.
pub fn events_page(r: &ReportData, lang: Lang) -> String {
    let mut body = events_section(&r.structure, Links::Dashboard, lang);
    body.push_str(&footer(r, lang));
    page(&Shell {
        title: tr(lang, "Event studies", "事件研究"),
        lang,
        links: Links::Dashboard,
        path: crate::report::html::Page::Events.path(),
        body: &body,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_model::{empty_report, report_with_structure};
    use super::*;

    #[test]
    fn every_builtin_without_data_says_what_to_import() {
        let r = empty_report();
        let html = events_page(&r, Lang::En);
        for name in ["ten-year-5pct", "vix-low", "mlf"] {
            assert!(
                html.contains(&format!(r#"id="event-{name}-missing""#)),
                "{name}"
            );
        }
        assert!(html.contains("--mlf-file FILE") && !html.contains("event-table"));
        assert!(html.contains(r#"href="/check/fiscal_10y_5pct""#));
    }

    #[test]
    fn a_stored_study_shows_one_row_per_horizon_and_its_sources() {
        let r = report_with_structure();
        let html = events_page(&r, Lang::En);
        let table = html
            .split(r#"id="event-table-ten-year-5pct""#)
            .nth(1)
            .expect("the 10-year study ran")
            .split("</table>")
            .next()
            .unwrap();
        assert_eq!(table.matches("<tr data-horizon=").count(), 4);
        assert!(html.contains("<code>DGS10</code>") && html.contains("data through"));
        // VIXCLS is not stored in the model: that study says so.
        assert!(html.contains(r#"id="event-vix-low-missing""#));
    }
}
