//! `portfolio run` as a terminal table or Markdown, and `portfolio put-price` as text, in
//! English or Chinese. JSON is the report's own `Serialize`; the HTML page is [`super::html`].
//! Asset names, scenario names and patch specs are ids (what the user typed or can type) and
//! print as they are; citations print in their source's words after a `来源:` label.

use std::fmt::Write as _;

use super::Report;
use super::bsm::OptionPrices;
use crate::vocab::{Lang, Note, display_width, pad, pad_left, tr};

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "—".into())
}

/// A table as aligned text (first column left, the others right, by display width) or as
/// Markdown.
fn table(out: &mut String, markdown: bool, header: &[String], rows: &[Vec<String>]) {
    if markdown {
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        for r in rows {
            let _ = writeln!(out, "| {} |", r.join(" | "));
        }
        return;
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| display_width(&r[i]))
                .chain([display_width(&header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| if i == 0 { pad(c, *w) } else { pad_left(c, *w) })
            .collect::<Vec<_>>()
            .join("  ")
    };
    let _ = writeln!(out, "  {}", line(header));
    for r in rows {
        let _ = writeln!(out, "  {}", line(r));
    }
}

fn heading(out: &mut String, markdown: bool, text: &str) {
    if markdown {
        let _ = writeln!(out, "\n## {text}\n");
    } else {
        let _ = writeln!(out, "\n{text}");
    }
}

fn labels(lang: Lang, en_zh: &[(&str, &str)]) -> Vec<String> {
    en_zh
        .iter()
        .map(|(en, zh)| tr(lang, en, zh).to_string())
        .collect()
}

/// A scenario's kind for people: `seed`, `replay` or `dfast` in English.
fn kind_label(kind: &str, lang: Lang) -> &str {
    match kind {
        "seed" => tr(lang, "seed", "原文"),
        "replay" => tr(lang, "replay", "重演"),
        "dfast" => tr(lang, "dfast", "DFAST"),
        other => other,
    }
}

/// The report as a terminal table or Markdown, in `lang`.
pub fn report_text(r: &Report, markdown: bool, lang: Lang) -> String {
    let mut out = String::new();
    let title = tr(
        lang,
        "Portfolio under the stress scenarios",
        "压力情景下的投资组合",
    );
    let _ = writeln!(out, "{}{title}", if markdown { "# " } else { "" });
    holdings(&mut out, r, markdown, lang);
    scenarios(&mut out, r, markdown, lang);
    if !r.patches.is_empty() {
        patches(&mut out, r, markdown, lang);
    }
    estimates(&mut out, r, markdown, lang);
    out
}

fn holdings(out: &mut String, r: &Report, markdown: bool, lang: Lang) {
    heading(out, markdown, tr(lang, "Holdings", "持仓"));
    let rows: Vec<Vec<String>> = r
        .holdings
        .iter()
        .map(|h| {
            vec![
                h.asset.clone(),
                format!("{:.2}%", 100.0 * h.weight),
                pct(h.carry_pct_per_year),
                match (&h.fit, &h.fit_missing) {
                    (Some(f), _) => f.describe(lang),
                    (None, Some(why)) => why.text(lang).to_string(),
                    _ => tr(
                        lang,
                        "model (see docs/portfolio.md)",
                        "模型（见 docs/portfolio.md）",
                    )
                    .to_string(),
                },
            ]
        })
        .collect();
    let header = labels(
        lang,
        &[
            ("asset", "资产"),
            ("weight", "权重"),
            ("carry %/y", "年化息差收益 %"),
            ("sensitivities", "敏感度"),
        ],
    );
    table(out, markdown, &header, &rows);
    let carry = pct(r.carry_pct_per_year);
    let line = Note::new(
        format!("  portfolio carry: {carry} % a year"),
        format!("  组合息差收益：每年 {carry} %"),
    );
    let _ = writeln!(out, "{}", line.text(lang));
}

fn scenarios(out: &mut String, r: &Report, markdown: bool, lang: Lang) {
    heading(
        out,
        markdown,
        tr(
            lang,
            "Scenarios (return over the horizon, %)",
            "情景（情景期限内的收益，%）",
        ),
    );
    let mut header = labels(
        lang,
        &[
            ("scenario", "情景"),
            ("kind", "类型"),
            ("quarters", "季度数"),
            ("return", "收益"),
            ("model", "模型"),
            ("p5", "p5"),
            ("p95", "p95"),
        ],
    );
    header.extend(r.holdings.iter().map(|h| {
        Note::new(
            format!("{} (contrib.)", h.asset),
            format!("{}（贡献）", h.asset),
        )
        .text(lang)
        .to_string()
    }));
    let rows: Vec<Vec<String>> = r
        .scenarios
        .iter()
        .map(|s| {
            let mut row = vec![
                s.scenario.clone(),
                kind_label(&s.kind, lang).to_string(),
                s.horizon_quarters.to_string(),
                pct(s.return_pct),
                pct(s.model_return_pct),
                pct(s.distribution.as_ref().map(|d| d.p5)),
                pct(s.distribution.as_ref().map(|d| d.p95)),
            ];
            row.extend(s.contributions.iter().map(|c| {
                let mark = match c.source.as_str() {
                    "history" => " h",
                    "model" => "",
                    _ => " ?",
                };
                format!("{}{mark}", pct(c.contribution_pct))
            }));
            row
        })
        .collect();
    table(out, markdown, &header, &rows);
    let _ = writeln!(
        out,
        "{}",
        tr(
            lang,
            "  return: history (h) where stored in replays, else the model; model: every holding at the model's estimate; p5/p95: the model's equity percentiles",
            "  收益：历史重演中有存储数据时取历史（h），否则取模型；模型：所有持仓均取模型估计；p5/p95：模型的股票收益分位数",
        )
    );

    let replays: Vec<_> = r.scenarios.iter().filter(|s| s.kind == "replay").collect();
    if replays.is_empty() {
        return;
    }
    heading(
        out,
        markdown,
        tr(
            lang,
            "Replays: what happened vs the model (% per holding)",
            "历史重演：实际发生与模型对比（各持仓，%）",
        ),
    );
    let rows: Vec<Vec<String>> = replays
        .iter()
        .flat_map(|s| {
            s.contributions.iter().map(move |c| {
                vec![
                    s.scenario.clone(),
                    c.asset.clone(),
                    pct(c.history_return_pct),
                    pct(c.model_return_pct),
                ]
            })
        })
        .collect();
    let header = labels(
        lang,
        &[
            ("scenario", "情景"),
            ("asset", "资产"),
            ("history", "历史"),
            ("model", "模型"),
        ],
    );
    table(out, markdown, &header, &rows);
}

fn patches(out: &mut String, r: &Report, markdown: bool, lang: Lang) {
    heading(out, markdown, tr(lang, "Patches", "补丁"));
    let worst = |w: &Option<(String, f64)>| {
        w.as_ref()
            .map(|w| format!("{} {:+.2}", w.0, w.1))
            .unwrap_or("—".into())
    };
    let rows: Vec<Vec<String>> = r
        .patches
        .iter()
        .map(|p| {
            vec![
                p.patch.clone(),
                pct(p.cost_pct_per_year),
                worst(&p.worst_unpatched),
                worst(&p.worst_patched),
                pct(p.worst_improvement_pp),
                p.improvement_per_unit_cost
                    .map(|x| format!("{x:.2}"))
                    .unwrap_or("—".into()),
            ]
        })
        .collect();
    let header = labels(
        lang,
        &[
            ("patch", "补丁"),
            ("cost %/y", "年化成本 %"),
            ("worst, unpatched", "最差情景（未打补丁）"),
            ("worst, patched", "最差情景（打补丁后）"),
            ("improvement pp", "改善（百分点）"),
            ("pp per 1%/y", "每1%年化成本的改善"),
        ],
    );
    table(out, markdown, &header, &rows);
    heading(
        out,
        markdown,
        tr(
            lang,
            "Patched return by scenario (%; change in pp)",
            "各情景打补丁后的收益（%；括号内为变化，百分点）",
        ),
    );
    let mut header = labels(lang, &[("scenario", "情景"), ("unpatched", "未打补丁")]);
    header.extend(r.patches.iter().map(|p| p.patch.clone()));
    let rows: Vec<Vec<String>> = r
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut row = vec![s.scenario.clone(), pct(s.return_pct)];
            row.extend(r.patches.iter().map(|p| {
                let ps = &p.scenarios[i];
                format!("{} ({})", pct(ps.return_pct), pct(ps.change_pp))
            }));
            row
        })
        .collect();
    table(out, markdown, &header, &rows);
    for p in &r.patches {
        for n in &p.notes {
            let _ = writeln!(out, "  {}{}{}", p.patch, tr(lang, ": ", "："), n.text(lang));
        }
    }
}

fn estimates(out: &mut String, r: &Report, markdown: bool, lang: Lang) {
    heading(
        out,
        markdown,
        tr(lang, "Estimated on stored data", "基于已存储数据的估计"),
    );
    let e = &r.estimates;
    for f in [&e.curve_2y, &e.curve_30y, &e.ig_on_hy]
        .into_iter()
        .flatten()
    {
        let _ = writeln!(out, "  {}", f.describe(lang));
    }
    let (y2, y10, y30, m3) = (pct(e.ust2y), pct(e.ust10y), pct(e.ust30y), pct(e.tbill));
    let (ig, hy, hy_mean, dy) = (
        pct(e.ig_oas),
        pct(e.hy_oas),
        pct(e.hy_oas_mean),
        pct(e.dividend_yield),
    );
    let levels = Note::new(
        format!(
            "  levels: 2y {y2} · 10y {y10} · 30y {y30} · 3m {m3} · IG OAS {ig} · HY OAS {hy} (stored mean {hy_mean}) · S&P dividend yield {dy}"
        ),
        format!(
            "  水平：2年期 {y2} · 10年期 {y10} · 30年期 {y30} · 3个月 {m3} · IG OAS {ig} · HY OAS {hy}（存储均值 {hy_mean}）· 标普股息率 {dy}"
        ),
    );
    let _ = writeln!(out, "{}", levels.text(lang));
    heading(out, markdown, tr(lang, "Cited parameters", "引用参数"));
    for c in &r.cited {
        let line = Note::new(
            format!(
                "  {} = {} {} — {} ({}, {})",
                c.name, c.value, c.unit, c.source, c.url, c.as_of
            ),
            format!(
                "  {} = {} {} — 来源: {}（{}，{}）",
                c.name, c.value, c.unit_zh, c.source, c.url, c.as_of
            ),
        );
        let _ = writeln!(out, "{}", line.text(lang));
    }
    let skew = Note::new(
        format!("  put skew — {}", r.skew_source),
        format!("  看跌期权波动率偏斜 — 来源: {}", r.skew_source),
    );
    let _ = writeln!(out, "{}", skew.text(lang));
    if !r.notes.is_empty() {
        heading(out, markdown, tr(lang, "Notes", "说明"));
        for n in &r.notes {
            let _ = writeln!(out, "  {}", n.text(lang));
        }
    }
}

/// `portfolio put-price` as text: both prices, the put's delta (and the call's), vega.
pub fn option_prices_text(p: &OptionPrices, lang: Lang) -> String {
    let (call, put, delta, call_delta, vega) = (p.call, p.put, p.delta, p.call_delta, p.vega);
    Note::new(
        format!(
            "call   {call:.4}\nput    {put:.4}\ndelta  {delta:.4} (put; call {call_delta:.4})\nvega   {vega:.4} per vol point\n"
        ),
        format!(
            "看涨期权  {call:.4}\n看跌期权  {put:.4}\nDelta     {delta:.4}（看跌；看涨 {call_delta:.4}）\nVega      {vega:.4}（每个波动率百分点）\n"
        ),
    )
    .text(lang)
    .to_string()
}
