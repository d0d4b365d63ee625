//! Text renderers for `bullcheck stress` (`list`, `show`, `run`, `reverse`, `validate`): pure
//! functions from the results of [`super`] to the lines the command prints. JSON is the
//! results' own `Serialize`; the sensitivity grids (`stress table`) are in [`tables`],
//! `validate` and `reverse` in their own files.

mod reverse;
pub mod tables;
mod validate;

pub use reverse::{Infeasible, infeasible_json, infeasible_text, reverse_text};
pub use validate::validation_text;

use std::fmt::{self, Write as _};

use super::Report;
use super::earnings::EarningsResponse;
use super::erp::ErpResponse;
use super::scenario::{NoData, Scenario, ShockSize};
use super::variables::Parameters;
use crate::vocab::{Lang, Note, pad, pad_left, tr, yi_scaled};

/// What kind of scenario this is: `replay`, `dfast` or `seed`.
pub fn scenario_kind(s: &Scenario) -> &'static str {
    if s.replay.is_some() {
        "replay"
    } else if s.dfast.is_some() {
        "dfast"
    } else {
        "seed"
    }
}

/// `stress list`: one line per scenario (name, kind, title in `lang`).
pub fn scenario_list(scenarios: &[Scenario], lang: Lang) -> String {
    let mut out = String::new();
    for s in scenarios {
        let _ = writeln!(
            out,
            "{:<28} {} {}",
            s.name,
            crate::vocab::pad(
                match scenario_kind(s) {
                    "replay" => tr(lang, "replay", "重演"),
                    "dfast" => tr(lang, "dfast", "DFAST"),
                    kind => tr(lang, kind, "原文"),
                },
                7
            ),
            tr(lang, &s.title, &s.title_zh)
        );
    }
    out
}

/// `stress show`: the scenario's shocks with their sources, parameters, citations, then the
/// multiple's and the earnings channel's regressions it would run with.
pub fn scenario_text(
    s: &Scenario,
    lang: Lang,
    erp: &ErpResponse,
    earnings: &EarningsResponse,
) -> String {
    let mut out = String::new();
    let _ = write_scenario(&mut out, s, lang, erp, earnings);
    out
}

fn write_scenario(
    out: &mut String,
    s: &Scenario,
    lang: Lang,
    erp: &ErpResponse,
    earnings: &EarningsResponse,
) -> fmt::Result {
    writeln!(out, "{} — {}", s.name, tr(lang, &s.title, &s.title_zh))?;
    writeln!(
        out,
        "{}",
        Note::new(
            format!("horizon: {} quarters", s.horizon_quarters),
            format!("期限：{}个季度", s.horizon_quarters)
        )
        .text(lang)
    )?;
    writeln!(
        out,
        "\n{}\n",
        tr(lang, &s.description, &s.description_zh).trim()
    )?;
    for shock in &s.shocks {
        let spec = shock.variable.spec();
        let size = match &shock.size {
            ShockSize::Level(v) if lang == Lang::Zh => {
                // Chinese counts dollars in 亿, never 十亿.
                let (factor, unit) = yi_scaled(spec.level_unit_label_zh);
                format!("至 {} {unit}", v * factor)
            }
            ShockSize::Level(v) => format!("to {v} {}", spec.level_unit_label),
            ShockSize::Change(v) => format!(
                "{v:+} {}",
                tr(lang, spec.change_unit_label, spec.change_unit_label_zh)
            ),
            ShockSize::Path(p) => format!("{} {p:?}", tr(lang, "path", "路径")),
        };
        writeln!(
            out,
            "{}{:<22} {} {} {}",
            pad(tr(lang, "shock", "冲击"), 7),
            shock.variable.name(),
            pad(&size, 18),
            tr(lang, "source:", "来源:"),
            shock.source
        )?;
    }
    for (k, v) in &s.parameters.overrides {
        let default = Parameters::default_of(k);
        writeln!(
            out,
            "{}",
            Note::new(
                format!("param  {k:<22} {v} (default {default})"),
                format!("参数   {k:<22} {v}（默认 {default}）")
            )
            .text(lang)
        )?;
    }
    if let Some(r) = &s.replay {
        writeln!(
            out,
            "{}",
            Note::new(
                format!(
                    "replay {} .. {} (shocks computed from stored series at run time)",
                    r.start, r.end
                ),
                format!(
                    "重演   {} .. {}（冲击在运行时根据存储序列计算）",
                    r.start, r.end
                )
            )
            .text(lang)
        )?;
    }
    if let Some(d) = &s.dfast {
        writeln!(
            out,
            "{}",
            Note::new(
                format!(
                    "dfast  {} {} (paths from stored DFAST series)",
                    d.year, d.scenario
                ),
                format!(
                    "DFAST  {} {}（路径取自存储的DFAST序列）",
                    d.year,
                    match d.scenario.as_str() {
                        "baseline" => "基准情景",
                        "severely-adverse" => "严重不利情景",
                        other => other,
                    }
                )
            )
            .text(lang)
        )?;
    }
    for c in &s.citations {
        writeln!(
            out,
            "{}{} {} {}",
            tr(lang, "cite   ", "引用   来源: "),
            c.source,
            c.url,
            c.as_of
        )?;
    }
    write_erp_response(out, erp, lang)?;
    write_earnings_response(out, earnings, lang)
}

/// `stress run` as text in `lang`: shocks, covariance sample, outputs with percentiles, the
/// channel waterfall, the two regressions, the equity decomposition and notes.
pub fn report_text(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let _ = write_report(&mut out, r, lang);
    out
}

/// `stress run` when a series the scenario needs is missing, as JSON.
pub fn no_data_json(no_data: &NoData) -> serde_json::Value {
    serde_json::json!({
        "scenario": no_data.scenario,
        "status": "no_data",
        "missing_series": no_data.missing_series,
        "message": no_data.message.en,
    })
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.3}")).unwrap_or_else(|| "—".into())
}

fn write_report(out: &mut String, r: &Report, lang: Lang) -> fmt::Result {
    writeln!(out, "{} — {}", r.scenario, r.title.text(lang))?;
    writeln!(
        out,
        "{}",
        Note::new(
            format!(
                "horizon {} quarters · {} paths · seed {} · {}",
                r.horizon_quarters, r.paths, r.seed, r.distribution.en
            ),
            format!(
                "期限 {}个季度 · {}条路径 · 随机种子 {} · {}",
                r.horizon_quarters, r.paths, r.seed, r.distribution.zh
            )
        )
        .text(lang)
    )?;
    writeln!(out, "\n{}", tr(lang, "Shocks", "冲击"))?;
    for s in &r.shocks {
        writeln!(
            out,
            "  {:<22} {:+10.3} {} {}",
            s.variable,
            s.change,
            pad(s.unit.text(lang), 7),
            s.explanation.text(lang)
        )?;
    }
    for (k, v) in &r.parameters {
        writeln!(out, "  {} {k:<16} {v}", tr(lang, "param", "参数"))?;
    }
    if let Some(c) = &r.covariance {
        let series = c
            .series
            .iter()
            .zip(&c.change_units)
            .map(|(id, unit)| {
                if unit == "log" {
                    format!("{id}{}", tr(lang, " (log)", "（对数）"))
                } else {
                    id.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let (q, first, last) = (c.quarters, &c.first_quarter, &c.last_quarter);
        writeln!(
            out,
            "{}",
            Note::new(
                format!("\nCovariance: {q} quarterly changes {first} .. {last} of {series}"),
                format!("\n协方差：{q}个季度变动，{first} .. {last}，序列 {series}")
            )
            .text(lang)
        )?;
        writeln!(
            out,
            "  {}{}",
            tr(
                lang,
                "pairwise samples (a series that ends early truncates no other); left out as another regime (> 10 robust s.d.): ",
                "成对样本（提前结束的序列不会截断其他序列）；作为另一种状态剔除（> 10个稳健标准差）："
            ),
            if c.excluded_quarters.is_empty() {
                tr(lang, "none", "无").to_string()
            } else {
                c.excluded_quarters
                    .iter()
                    .map(|n| n.text(lang))
                    .collect::<Vec<_>>()
                    .join(tr(lang, "; ", "；"))
            }
        )?;
    }
    write!(out, "\n{}", pad(tr(lang, "Outputs", "输出"), 37))?;
    for (i, (en, zh)) in [
        ("base", "基准"),
        ("shocked", "冲击后"),
        ("p5", "p5"),
        ("p50", "p50"),
        ("p95", "p95"),
        ("VaR95", "VaR95"),
    ]
    .into_iter()
    .enumerate()
    {
        let heading = if lang == Lang::Zh { zh } else { en };
        write!(
            out,
            "{}{}",
            if i > 0 { " " } else { "" },
            pad_left(heading, 10)
        )?;
    }
    writeln!(out)?;
    for o in &r.outputs {
        let p = o.percentiles.as_ref();
        // Chinese counts dollars in 亿: a row in 十亿美元 is shown ×10 in 亿美元.
        let (factor, unit) = match lang {
            Lang::Zh => yi_scaled(o.unit.text(lang)),
            Lang::En => (1.0, o.unit.text(lang).to_string()),
        };
        let shown = |v: Option<f64>| fmt_opt(v.map(|v| v * factor));
        writeln!(
            out,
            "  {:<34} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}  {}",
            o.name,
            shown(o.base),
            shown(o.shocked),
            shown(p.map(|p| p.p5)),
            shown(p.map(|p| p.p50)),
            shown(p.map(|p| p.p95)),
            shown(o.var95),
            unit
        )?;
    }
    writeln!(
        out,
        "\n{}",
        tr(lang, "Channels (waterfall)", "渠道（瀑布分解）")
    )?;
    for c in &r.channels {
        writeln!(
            out,
            "  {:<30} {} {:+10.3} {} {}",
            c.output,
            pad(c.name.text(lang), 62),
            c.contribution,
            pad(c.unit.text(lang), 18),
            c.explanation.text(lang)
        )?;
    }
    write_erp_response(out, &r.erp_response, lang)?;
    write_earnings_response(out, &r.earnings_response, lang)?;
    if let Some(e) = &r.equity_check {
        write_equity_check(out, r, e, lang)?;
    }
    if !r.notes.is_empty() {
        writeln!(out, "\n{}", tr(lang, "Notes", "注释"))?;
        for n in &r.notes {
            writeln!(out, "  - {}", n.text(lang))?;
        }
    }
    Ok(())
}

fn write_equity_check(
    out: &mut String,
    r: &Report,
    e: &super::EquityCheck,
    lang: Lang,
) -> fmt::Result {
    let d = &e.decomposition;
    let (jump_off, ey) = (e.jump_off.text(lang), d.earnings_yield_pct);
    writeln!(out, "{}", Note::new(format!("\nEquity = earnings × multiple (jump-off {jump_off}; earnings yield {ey:.3}% = 100/CAPE)"
        ), format!("\n股票 = 盈利 × 估值倍数（起点 {jump_off}；盈利收益率 {ey:.3}% = 100/CAPE）"
        )).text(lang))?;
    for (name, v) in [
        (tr(lang, "earnings", "盈利"), d.earnings_pct),
        (tr(lang, "multiple", "估值倍数"), d.multiple_pct),
        (
            tr(lang, "starting valuation gap closed", "起点估值缺口的收敛"),
            d.valuation_gap_pct,
        ),
        (tr(lang, "AI earnings layer", "AI盈利层"), d.ai_pct),
        (
            tr(lang, "small-cap distress & credit", "小盘股困境与信用"),
            d.small_cap_credit_pct,
        ),
        (tr(lang, "interaction", "交互项"), d.interaction_pct),
        (
            tr(lang, "model index change", "模型指数变动"),
            e.model_change_pct,
        ),
    ] {
        writeln!(out, "  {} {v:+8.2}%", pad(name, 32))?;
    }
    let (trailing, fair) = (fmt_opt(e.trailing_pe), fmt_opt(e.fair_pe));
    let closure = r
        .parameters
        .iter()
        .find(|(k, _)| k == "valuation_gap_closure")
        .map_or(0.0, |p| p.1);
    writeln!(out, "{}", Note::new(format!("  valuation gap: trailing P/E {trailing} vs the audit's fair P/E {fair} (closure {closure} of it; default none)"
        ), format!("  估值缺口：滚动P/E {trailing}，审计的合理P/E {fair}（收敛其中的 {closure}；默认不收敛）"
        )).text(lang))?;
    match (e.scenario_change_pct, e.gap_pp) {
        (Some(s), Some(gap)) => {
            let (model, needed) = (e.erp_change_model_pp, fmt_opt(e.erp_change_needed_pp));
            writeln!(
                out,
                "  {}{s:+8.2}%{}\n  {}{gap:+8.2} pp",
                pad(
                    tr(lang, "scenario's own equity path", "情景自身的股票路径"),
                    30
                ),
                Note::new(
                    format!(" ({})", e.scenario_source.en),
                    format!("（{}）", e.scenario_source.zh)
                )
                .text(lang),
                pad(
                    tr(lang, "gap (model − scenario)", "差距（模型 − 情景）"),
                    30
                ),
            )?;
            writeln!(out, "{}", Note::new(format!("  ΔEY in the model {model:+.2} pp; ΔEY that would reproduce the scenario {needed}"
                ), format!("  模型中的ΔEY {model:+.2} pp；重现情景所需的ΔEY {needed}"
                )).text(lang))?;
        }
        _ => writeln!(
            out,
            "  {}",
            tr(
                lang,
                "(the scenario has no equity path of its own)",
                "（情景本身没有股票路径）"
            )
        )?,
    }
    if let Some(c) = e.conditional_expectation_pct {
        writeln!(
            out,
            "  {} {c:+.2}%",
            tr(
                lang,
                "cross-check (statistical, not the model): E[S&P 500 | other shocks]",
                "交叉核对（统计关系，非模型）：E[S&P 500 | 其他冲击]"
            )
        )?;
    }
    Ok(())
}

fn write_erp_response(out: &mut String, e: &ErpResponse, lang: Lang) -> fmt::Result {
    writeln!(
        out,
        "\n{}{}",
        tr(
            lang,
            "Multiple (earnings-yield response): ",
            "估值倍数（盈利收益率响应）："
        ),
        e.equation.text(lang)
    )?;
    let se = tr(lang, "s.e.", "标准误");
    let (open, close) = (tr(lang, " (", "（"), tr(lang, ")", "）"));
    writeln!(
        out,
        "  β_10y {:.4}{open}{se} {:.4}{close}  β_hy_oas {:.4}{open}{se} {:.4}{close}  β_vix {:.4}{open}{se} {:.4}{close}  {} {}  R² {}",
        e.beta_ust10y,
        e.se_ust10y,
        e.beta_hy_oas,
        e.se_hy_oas,
        e.beta_vix,
        e.se_vix,
        tr(lang, "intercept", "截距"),
        fmt_opt(e.intercept),
        fmt_opt(e.r_squared),
    )?;
    if !e.dropped_terms.is_empty() {
        writeln!(
            out,
            "  {}{}",
            tr(
                lang,
                "dropped as insignificant (|t| < 2, beta set to 0): ",
                "因不显著而剔除（|t| < 2，系数设为0）："
            ),
            e.dropped_terms.join(", ")
        )?;
    }
    let (q, first, last, origin) = (
        e.quarters,
        &e.first_quarter,
        &e.last_quarter,
        e.origin.text(lang),
    );
    writeln!(
        out,
        "{}",
        Note::new(
            format!("  sample: {q} quarterly changes, {first} .. {last}; {origin}"),
            format!("  样本：{q}个季度变动，{first} .. {last}；{origin}")
        )
        .text(lang)
    )?;
    writeln!(
        out,
        "  {}{}",
        tr(lang, "method: ", "方法："),
        e.method.text(lang)
    )?;
    write_robust_notes(out, &e.downweighted, &e.excluded, lang)
}

fn write_earnings_response(out: &mut String, e: &EarningsResponse, lang: Lang) -> fmt::Result {
    writeln!(
        out,
        "\n{}{}",
        tr(lang, "Earnings channel: ", "盈利渠道："),
        e.equation.text(lang)
    )?;
    let (beta, se, intercept, r2) = (
        e.beta_unemployment,
        e.se_unemployment,
        fmt_opt(e.intercept),
        fmt_opt(e.r_squared),
    );
    writeln!(out, "{}", Note::new(format!("  β_unemployment {beta:.3} (s.e. {se:.3}) log points of real EPS per pp  intercept {intercept}  R² {r2}"
        ), format!("  β_unemployment {beta:.3}（标准误 {se:.3}，每pp对应实际EPS的对数点）  截距 {intercept}  R² {r2}"
        )).text(lang))?;
    let (n, first, last, origin) = (e.years, e.first_year, e.last_year, e.origin.text(lang));
    writeln!(
        out,
        "{}",
        Note::new(
            format!("  sample: {n} calendar years, {first} .. {last}; {origin}"),
            format!("  样本：{n}个日历年，{first} .. {last}；{origin}")
        )
        .text(lang)
    )?;
    write_robust_notes(out, &e.downweighted, &e.excluded, lang)
}
/// The observations a robust fit down-weighted and those it left out, when there are any.
fn write_robust_notes(
    out: &mut String,
    downweighted: &[String],
    excluded: &[String],
    lang: Lang,
) -> fmt::Result {
    if !downweighted.is_empty() {
        writeln!(
            out,
            "  {}{}",
            tr(
                lang,
                "down-weighted (weight < 0.5): ",
                "降权（权重 < 0.5）："
            ),
            downweighted.join(", ")
        )?;
    }
    if !excluded.is_empty() {
        writeln!(
            out,
            "  {}{}",
            tr(lang, "left out: ", "剔除："),
            excluded.join(", ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::Dataset;
    use crate::stress::earnings::earnings_response;
    use crate::stress::erp::erp_response;
    use crate::stress::history::Window;
    use crate::stress::reverse::ReverseResult;
    use crate::stress::scenario::built_in_scenarios;
    use crate::stress::validate::{DirectionRow, Validation, ValidationRow};
    use crate::stress::variables::Variable;
    use crate::stress::{ChannelReport, OutputReport, Percentiles, ShockReport};
    use crate::vocab::Note;

    fn fallback_responses() -> (ErpResponse, EarningsResponse) {
        let empty = Dataset::default();
        (
            erp_response(&empty, Window::default()),
            earnings_response(&empty, &[]),
        )
    }

    fn tiny_report() -> Report {
        let (erp, earnings) = fallback_responses();
        Report {
            scenario: "toy".into(),
            title: Note::same("A toy scenario"),
            horizon_quarters: 4,
            paths: 100,
            seed: 7,
            distribution: Note::same("normal"),
            shocks: vec![ShockReport {
                variable: "ust10y".into(),
                change: 1.5,
                unit: Note::same("pp"),
                log_change: None,
                explanation: Note::same("typed"),
            }],
            parameters: vec![("equity_duration".into(), 13.0)],
            covariance: None,
            outputs: vec![
                OutputReport {
                    name: "index_fair_value".into(),
                    unit: Note::same("% change"),
                    base: Some(0.0),
                    shocked: Some(-12.3456),
                    percentiles: Some(Percentiles {
                        p1: -30.0,
                        p5: -25.0,
                        p50: -12.0,
                        p95: 1.0,
                        p99: 3.0,
                    }),
                    var95: Some(25.0),
                    es95: None,
                    percentile_error: None,
                    at_floor: None,
                    histogram: None,
                },
                OutputReport {
                    name: "vix".into(),
                    unit: Note::same("level"),
                    base: None,
                    shocked: None,
                    percentiles: None,
                    var95: None,
                    es95: None,
                    percentile_error: None,
                    at_floor: None,
                    histogram: None,
                },
            ],
            channels: vec![ChannelReport {
                name: Note::same("multiple"),
                output: "index_fair_value".into(),
                contribution: -10.0,
                unit: Note::same("%"),
                explanation: Note::same("duration"),
            }],
            erp_response: erp,
            discount_response: None,
            earnings_response: earnings,
            equity_check: None,
            parameter_draws: Vec::new(),
            notes: vec![Note::same("a note")],
        }
    }

    /// A level in USD bn reads in 亿美元 in Chinese, ×10 (1 十亿 = 10 亿 by definition),
    /// and as stored in English.
    #[test]
    fn dollar_levels_read_in_yi_in_chinese() {
        let mut report = tiny_report();
        report.outputs[1] = OutputReport {
            name: "ai_capex".into(),
            unit: Note::new("$B (level)", "十亿美元（水平）"),
            base: Some(407.5),
            shocked: Some(300.0),
            ..report.outputs[1].clone()
        };
        let zh = report_text(&report, Lang::Zh);
        assert!(
            zh.contains("4075.000   3000.000") && zh.contains("亿美元（水平）"),
            "{zh}"
        );
        assert!(!zh.contains("十亿"), "{zh}");
        let en = report_text(&report, Lang::En);
        assert!(
            en.contains("407.500    300.000") && en.contains("$B (level)"),
            "{en}"
        );
    }

    #[test]
    fn report_text_has_every_section_and_dashes_for_missing_values() {
        let text = report_text(&tiny_report(), Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "toy — A toy scenario");
        assert_eq!(lines[1], "horizon 4 quarters · 100 paths · seed 7 · normal");
        assert!(lines.contains(&"  ust10y                     +1.500 pp      typed"));
        assert!(lines.contains(&"  param equity_duration  13"));
        // Three decimals, the unit last; a missing base is an em dash, never 0.
        assert!(text.contains(
            "  index_fair_value                        0.000    -12.346    -25.000    -12.000      1.000     25.000  % change"
        ));
        assert!(text.contains("  vix                                         —          —"));
        assert!(text.contains("\nChannels (waterfall)\n"));
        assert!(text.contains("\nMultiple (earnings-yield response): "));
        assert!(text.contains("\nEarnings channel: "));
        assert!(text.ends_with("\nNotes\n  - a note\n"));
    }

    #[test]
    fn scenario_list_and_show_use_the_language_and_cite_sources() {
        let scenarios = built_in_scenarios();
        let s = scenarios
            .iter()
            .find(|s| !s.title_zh.is_empty() && !s.citations.is_empty())
            .expect("a built-in scenario with a Chinese title and citations");
        let en = scenario_list(std::slice::from_ref(s), Lang::En);
        let zh = scenario_list(std::slice::from_ref(s), Lang::Zh);
        assert_eq!(
            en,
            format!("{:<28} {:<7} {}\n", s.name, scenario_kind(s), s.title)
        );
        assert!(zh.ends_with(&format!("{}\n", s.title_zh)));
        let (erp, earnings) = fallback_responses();
        let text = scenario_text(s, Lang::En, &erp, &earnings);
        assert!(text.starts_with(&format!("{} — {}\n", s.name, s.title)));
        assert!(text.contains(&format!("horizon: {} quarters\n", s.horizon_quarters)));
        let c = &s.citations[0];
        assert!(text.contains(&format!("cite   {} {} {}\n", c.source, c.url, c.as_of)));
        assert!(text.contains(&format!("  sample: {} quarterly changes", erp.quarters)));
    }

    #[test]
    fn validation_text_rows_summary_and_time() {
        let v = Validation {
            rows: vec![ValidationRow {
                scenario: "replay-2008".into(),
                kind: "replay".into(),
                model_change_pct: -30.04,
                realised_change_pct: -40.0,
                error_pp: 9.96,
                sign_hit: true,
                left_out: Some("2007-10-01..2009-03-31".into()),
                earnings_pct: -15.0,
                multiple_pct: -17.5,
            }],
            replay_mae_pp: Some(9.96),
            replay_sign_hits: 1,
            replays: 1,
            dfast_mae_pp: None,
            directions: vec![DirectionRow {
                scenario: "consumer-crack".into(),
                model_change_pct: -4.0,
            }],
            skipped: vec![Note::same("x: no data")],
            method: Note::same("m"),
        };
        let text = validation_text(&v, 1.234, Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[1],
            "replay-2008                    replay      -30.0     -40.0     +10.0   yes     -15.0     -17.5  2007-10-01..2009-03-31"
        );
        assert!(text.contains(
            "replays: mean absolute error 10.0 pp, signs right 1/1; DFAST severely adverse: mean absolute error — pp"
        ));
        assert!(text.contains("direction: consumer-crack model -4.0%\n"));
        assert!(text.contains("skipped: x: no data\n"));
        assert!(text.ends_with("method: m\n(computed in 1.23 s)\n"));
    }

    #[test]
    fn reverse_lines() {
        let r = ReverseResult {
            target: "index_fair_value".into(),
            target_change: -20.0,
            shock_variable: "ust10y".into(),
            shock_change: 1.23456,
            shock_unit: Note::same("pp"),
            achieved_change: -20.0,
            target_unit: Note::same("% change"),
            bounds: Some((-3.0, 4.0)),
        };
        assert_eq!(
            reverse_text(&r, Lang::En),
            "ust10y +1.2346 pp moves index_fair_value by -20.0000 % change (target -20); feasible range -3.000 .. +4.000 pp\n"
        );
        let i = Infeasible {
            target: "index_fair_value",
            target_change: -90.0,
            variable: Variable::Ust10y,
            bound: 4.0,
            unit: "pp",
            bounds: Some((-3.0, 4.0)),
            best_change: -35.0,
        };
        assert_eq!(
            infeasible_text(&i, Lang::En),
            "infeasible within bounds: ust10y would have to move beyond +4.0000 pp (its stored historical range from today's level); at that bound index_fair_value moves by -35.0000\n"
        );
        assert_eq!(infeasible_json(&i)["binding_bound"], 4.0);
    }
}
