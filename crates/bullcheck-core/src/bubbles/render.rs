//! Renderers for `bullcheck bubbles industries` and `bullcheck bubbles gsadf` (text and JSON;
//! JSON keys are a contract: added, never renamed).

use serde_json::{Value, json};

use super::GsadfReport;
use super::gsy;
use crate::series::Date;

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

/// `bubbles industries` as text.
pub fn industries_table(r: &gsy::Result, span: (Date, Date)) -> String {
    let mut out = format!(
        "Industry run-ups (Greenwood-Shleifer-You): 2-year return > 100% raw and net of the market, 5-year > 50%; crash = 40% drawdown within 2 years. Episodes starting {} to {}.\n\n",
        month(span.0),
        month(span.1)
    );
    out.push_str(&format!(
        "{:<8} {:<7} {:>7} {:>7} {:>7} {:>9} {:>8}\n",
        "start", "ind.", "2y", "2y net", "5y", "crashed", "max DD"
    ));
    for e in &r.episodes {
        out.push_str(&format!(
            "{:<8} {:<7} {:>7} {:>7} {:>7} {:>9} {:>8}\n",
            month(e.start),
            e.industry,
            pct(e.return_2y),
            pct(e.net_return_2y),
            pct(e.return_5y),
            match e.crashed {
                Some(true) => "yes",
                Some(false) => "no",
                None => "pending",
            },
            format!("{:.0}%", 100.0 * e.max_drawdown),
        ));
    }
    out.push_str(&format!(
        "\n{} episodes, {} decided, {} crashed: crash share {}; unconditional (any industry-month): {}.\n",
        r.episodes.len(),
        r.decided(),
        r.crashes(),
        r.crash_share()
            .map_or("n/a".into(), |s| format!("{:.0}%", 100.0 * s)),
        r.unconditional_crash_share
            .map_or("n/a".into(), |s| format!("{:.1}%", 100.0 * s)),
    ));
    out.push_str(&format!(
        "The paper: {PAPER_EPISODES} run-ups in 48 industries 1928-2014, {PAPER_CRASHES} crashed (use --from 1928-01 --to 2014-12 to compare).\n"
    ));
    let now: Vec<String> = r
        .current
        .iter()
        .filter(|c| c.in_run_up)
        .map(|c| {
            format!(
                "{} ({}: 2y {}, net {})",
                c.industry,
                month(c.month),
                c.return_2y.map_or("-".into(), pct),
                c.net_return_2y.map_or("-".into(), pct)
            )
        })
        .collect();
    out.push_str(&format!(
        "In a run-up at the last month: {}.\n",
        if now.is_empty() {
            "none".to_string()
        } else {
            now.join(", ")
        }
    ));
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

/// `bubbles gsadf` as text.
pub fn gsadf_table(r: &GsadfReport, series_name: &str) -> String {
    let mut out = format!(
        "GSADF (Phillips-Shi-Yu 2015) on {series_name}, {} to {} ({} months, lag {}, minimum window {} months)\n\n",
        month(r.first),
        month(r.last),
        r.observations,
        r.lag,
        r.stats.window
    );
    out.push_str(&format!(
        "{:<7} {:>8} {:>8} {:>8} {:>8}\n",
        "test", "stat", "90%", "95%", "99%"
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
    out.push_str(&format!(
        "\nCritical values: {} seeded replications (seed {}) of a random walk with drift 1/T.\n",
        r.cv.reps, r.cv.seed
    ));
    out.push_str(&format!(
        "Explosive episodes (BSADF above its 95% critical value for at least {} months):\n",
        r.min_length
    ));
    if r.episodes.is_empty() {
        out.push_str("  none\n");
    }
    for (a, b) in &r.episodes {
        out.push_str(&format!("  {} to {}\n", month(*a), month(*b)));
    }
    out.push_str(&format!(
        "Explosive at the last month: {}.\n",
        if r.explosive_now { "yes" } else { "no" }
    ));
    out
}
