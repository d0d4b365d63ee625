//! Renderers for `bullcheck bubbles industries` and `bullcheck bubbles gsadf` (text and JSON;
//! JSON keys are a contract: added, never renamed).

use serde_json::{Value, json};

use super::GsadfReport;
use super::gsy;
use crate::series::Date;
use crate::vocab::{Lang, Note, pad, pad_left, tr};

fn month(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn pct(x: f64) -> String {
    format!("{:+.0}%", 100.0 * x)
}

/// The paper's counts (GSY 2019: 48 US industries, 1928–2014).
pub const PAPER_EPISODES: usize = 40;
pub const PAPER_CRASHES: usize = 21;

/// `bubbles industries` as JSON.
pub fn industries_json(r: &gsy::Result, rule: &gsy::Rule, span: (Date, Date)) -> Value {
    json!({
        "method": "Greenwood, Shleifer and You (2019), Bubbles for Fama",
        "rule": {
            "two_year_raw_and_net_above": rule.two_year,
            "five_year_raw_above": rule.five_year,
            "crash_drawdown": rule.crash,
            "horizon_months": rule.horizon,
            "min_firms": rule.min_firms,
        },
        "from": month(span.0),
        "to": month(span.1),
        "episodes": r.episodes.iter().map(|e| json!({
            "industry": e.industry,
            "start": month(e.start),
            "return_2y": e.return_2y,
            "net_return_2y": e.net_return_2y,
            "return_5y": e.return_5y,
            "crashed": e.crashed,
            "max_drawdown": e.max_drawdown,
            "trough": e.trough.map(month),
            "return_next_2y": e.return_next,
        })).collect::<Vec<_>>(),
        "episodes_count": r.episodes.len(),
        "decided_count": r.decided(),
        "crashes_count": r.crashes(),
        "crash_share": r.crash_share(),
        "unconditional_crash_share": r.unconditional_crash_share,
        "months_tested": r.months_tested,
        "current_run_ups": r.current.iter().filter(|c| c.in_run_up).map(|c| json!({
            "industry": c.industry,
            "month": month(c.month),
            "return_2y": c.return_2y,
            "net_return_2y": c.net_return_2y,
            "return_5y": c.return_5y,
        })).collect::<Vec<_>>(),
        "current": r.current.iter().map(|c| json!({
            "industry": c.industry,
            "month": month(c.month),
            "return_2y": c.return_2y,
            "net_return_2y": c.net_return_2y,
            "return_5y": c.return_5y,
            "in_run_up": c.in_run_up,
        })).collect::<Vec<_>>(),
        "paper": {"episodes": PAPER_EPISODES, "crashes": PAPER_CRASHES, "period": "1928-2014", "industries": 48},
    })
}

/// `bubbles industries` as text in `lang`.
pub fn industries_table(r: &gsy::Result, span: (Date, Date), lang: Lang) -> String {
    let (from, to) = (month(span.0), month(span.1));
    let mut out = Note::new(
        format!(
            "Industry run-ups (Greenwood-Shleifer-You): 2-year return > 100% raw and net of the market, 5-year > 50%; crash = 40% drawdown within 2 years. Episodes starting {from} to {to}.\n\n"
        ),
        format!(
            "行业上涨期（Greenwood-Shleifer-You）：两年回报 > 100%（原始回报及扣除市场回报后），五年回报 > 50%；崩盘 = 两年内回撤40%。起始于 {from} 至 {to} 的上涨期。\n\n"
        ),
    )
    .text(lang)
    .to_string();
    out.push_str(&format!(
        "{} {} {} {} {} {} {}\n",
        pad(tr(lang, "start", "起始"), 8),
        pad(tr(lang, "ind.", "行业"), 7),
        pad_left(tr(lang, "2y", "两年"), 7),
        pad_left(tr(lang, "2y net", "两年净"), 7),
        pad_left(tr(lang, "5y", "五年"), 7),
        pad_left(tr(lang, "crashed", "崩盘"), 9),
        pad_left(tr(lang, "max DD", "最大回撤"), 8),
    ));
    for e in &r.episodes {
        out.push_str(&format!(
            "{:<8} {:<7} {:>7} {:>7} {:>7} {} {:>8}\n",
            month(e.start),
            e.industry,
            pct(e.return_2y),
            pct(e.net_return_2y),
            pct(e.return_5y),
            pad_left(
                match e.crashed {
                    Some(true) => tr(lang, "yes", "是"),
                    Some(false) => tr(lang, "no", "否"),
                    None => tr(lang, "pending", "待定"),
                },
                9
            ),
            format!("{:.0}%", 100.0 * e.max_drawdown),
        ));
    }
    let n_a = tr(lang, "n/a", "无");
    let share = r
        .crash_share()
        .map_or(n_a.to_string(), |s| format!("{:.0}%", 100.0 * s));
    let base = r
        .unconditional_crash_share
        .map_or(n_a.to_string(), |s| format!("{:.1}%", 100.0 * s));
    let (episodes, decided, crashes) = (r.episodes.len(), r.decided(), r.crashes());
    out.push_str(
        Note::new(
            format!(
                "\n{episodes} episodes, {decided} decided, {crashes} crashed: crash share {share}; unconditional (any industry-month): {base}.\n\
                 The paper: {PAPER_EPISODES} run-ups in 48 industries 1928-2014, {PAPER_CRASHES} crashed (use --from 1928-01 --to 2014-12 to compare).\n"
            ),
            format!(
                "\n{episodes} 个上涨期，{decided} 个已有结果，{crashes} 个崩盘：崩盘比例 {share}；无条件（任一行业-月份）：{base}。\n\
                 论文：1928-2014年48个行业中 {PAPER_EPISODES} 个上涨期，{PAPER_CRASHES} 个崩盘（用 --from 1928-01 --to 2014-12 对比）。\n"
            ),
        )
        .text(lang),
    );
    let now: Vec<String> = r
        .current
        .iter()
        .filter(|c| c.in_run_up)
        .map(|c| {
            let (m, two, net) = (
                month(c.month),
                c.return_2y.map_or("-".into(), pct),
                c.net_return_2y.map_or("-".into(), pct),
            );
            Note::new(
                format!("{} ({m}: 2y {two}, net {net})", c.industry),
                format!("{}（{m}：两年 {two}，净 {net}）", c.industry),
            )
            .text(lang)
            .to_string()
        })
        .collect();
    let now = if now.is_empty() {
        tr(lang, "none", "无").to_string()
    } else {
        now.join(tr(lang, ", ", "，"))
    };
    out.push_str(
        Note::new(
            format!("In a run-up at the last month: {now}.\n"),
            format!("最后一个月处于上涨期：{now}。\n"),
        )
        .text(lang),
    );
    out
}

/// `bubbles gsadf` as JSON.
pub fn gsadf_json(r: &GsadfReport, series_name: &str) -> Value {
    let levels: Vec<String> =
        r.cv.levels
            .iter()
            .map(|l| format!("{:.0}%", 100.0 * l))
            .collect();
    let cv = |v: &[f64]| -> Value {
        levels
            .iter()
            .zip(v)
            .map(|(l, v)| (l.clone(), json!(v)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    json!({
        "method": "Phillips, Shi and Yu (2015) GSADF",
        "series": series_name,
        "from": month(r.first),
        "to": month(r.last),
        "observations": r.observations,
        "lag": r.lag,
        "min_window": r.stats.window,
        "adf": r.stats.adf,
        "sadf": r.stats.sadf,
        "gsadf": r.stats.gsadf,
        "critical_values": {
            "adf": cv(&r.cv.adf),
            "sadf": cv(&r.cv.sadf),
            "gsadf": cv(&r.cv.gsadf),
            "replications": r.cv.reps,
            "seed": r.cv.seed,
            "null": "random walk with drift 1/T, N(0,1) errors",
        },
        "rejects_unit_root_5pct": r.cv.gsadf.get(1).is_some_and(|c| r.stats.gsadf > *c),
        "min_episode_months": r.min_length,
        "episodes": r.episodes.iter().map(|(a, b)| json!({"start": month(*a), "end": month(*b)})).collect::<Vec<_>>(),
        "explosive_now": r.explosive_now,
    })
}

/// `bubbles gsadf` as text in `lang`; `series_name` is the tested series in `lang`.
pub fn gsadf_table(r: &GsadfReport, series_name: &str, lang: Lang) -> String {
    let (first, last, n, lag, window) = (
        month(r.first),
        month(r.last),
        r.observations,
        r.lag,
        r.stats.window,
    );
    let mut out = Note::new(
        format!(
            "GSADF (Phillips-Shi-Yu 2015) on {series_name}, {first} to {last} ({n} months, lag {lag}, minimum window {window} months)\n\n"
        ),
        format!(
            "GSADF（Phillips-Shi-Yu 2015）检验 {series_name}，{first} 至 {last}（{n} 个月，滞后 {lag}，最小窗口 {window} 个月）\n\n"
        ),
    )
    .text(lang)
    .to_string();
    out.push_str(&format!(
        "{} {} {:>8} {:>8} {:>8}\n",
        pad(tr(lang, "test", "检验"), 7),
        pad_left(tr(lang, "stat", "统计量"), 8),
        "90%",
        "95%",
        "99%"
    ));
    for (name, stat, cv) in [
        ("ADF", r.stats.adf, &r.cv.adf),
        ("SADF", r.stats.sadf, &r.cv.sadf),
        ("GSADF", r.stats.gsadf, &r.cv.gsadf),
    ] {
        out.push_str(&format!(
            "{:<7} {:>8.2} {:>8.2} {:>8.2} {:>8.2}\n",
            name, stat, cv[0], cv[1], cv[2]
        ));
    }
    let (reps, seed, min) = (r.cv.reps, r.cv.seed, r.min_length);
    out.push_str(
        Note::new(
            format!(
                "\nCritical values: {reps} seeded replications (seed {seed}) of a random walk with drift 1/T.\n\
                 Explosive episodes (BSADF above its 95% critical value for at least {min} months):\n"
            ),
            format!(
                "\n临界值：带漂移 1/T 的随机游走，{reps} 次设定原文的模拟（原文 {seed}）。\n\
                 爆炸性区间（BSADF 连续至少 {min} 个月高于其95%临界值）：\n"
            ),
        )
        .text(lang),
    );
    if r.episodes.is_empty() {
        out.push_str(&format!("  {}\n", tr(lang, "none", "无")));
    }
    for (a, b) in &r.episodes {
        out.push_str(&format!(
            "  {} {} {}\n",
            month(*a),
            tr(lang, "to", "至"),
            month(*b)
        ));
    }
    out.push_str(
        Note::new(
            format!(
                "Explosive at the last month: {}.\n",
                if r.explosive_now { "yes" } else { "no" }
            ),
            format!(
                "最后一个月是否爆炸性：{}。\n",
                if r.explosive_now { "是" } else { "否" }
            ),
        )
        .text(lang),
    );
    out
}
