//! Resolution of a scenario into one change per variable over its horizon: typed shocks
//! (a level needs the stored level to become a change), replays (the observed change between
//! the two dates on stored series) and DFAST paths (the imported Fed tables).

use std::fmt;

use super::{DfastRef, Scenario, ShockSize};
use crate::series::{Dataset, Date, Series};
use crate::stress::variables::{ChangeUnit, Variable};
use crate::vocab::{Lang, Note};

/// Which stored series measures a statistical variable in `data` (first id found).
pub fn series_for(data: &Dataset, variable: Variable) -> Option<&Series> {
    variable
        .spec()
        .series_ids
        .iter()
        .find_map(|id| data.get(id))
        .filter(|s| !s.points.is_empty())
}

/// A variable's change over the scenario horizon, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedShock {
    pub variable: Variable,
    pub change: f64,
    pub explanation: Note,
}

/// Why a scenario could not be resolved on the stored data.
#[derive(Debug, Clone, PartialEq)]
pub struct NoData {
    pub scenario: String,
    pub missing_series: Vec<String>,
    pub message: Note,
}

impl NoData {
    /// The line `stress run` prints, in `lang` (the English one is [`NoData`]'s `Display`).
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => format!(
                "no_data：情景 `{}`：{}（序列：{}）",
                self.scenario,
                self.message.zh,
                self.missing_series.join(", ")
            ),
        }
    }
}

impl fmt::Display for NoData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no_data: scenario `{}`: {} (series: {})",
            self.scenario,
            self.message.en,
            self.missing_series.join(", ")
        )
    }
}

/// A replay uses a series only if its last observation on or before the start date is at most
/// this many days old (one quarter: quarterly series like DRCLACBS qualify).
const MAX_REPLAY_START_GAP_DAYS: i64 = 92;

fn days_between(from: Date, to: Date) -> i64 {
    (to - from).get_days().into()
}

fn change_between(variable: Variable, from: f64, to: f64) -> f64 {
    match variable.spec().change_unit {
        ChangeUnit::Difference => to - from,
        ChangeUnit::LogPercent => 100.0 * (to / from).ln(),
    }
}

/// Turns a scenario into one change per shocked variable. Level and path shocks need the
/// variable's latest stored level; replays and DFAST scenarios need their stored series.
pub fn resolve_shocks(scenario: &Scenario, data: &Dataset) -> Result<Vec<ResolvedShock>, NoData> {
    let no_data = |missing: Vec<String>, message: Note| NoData {
        scenario: scenario.name.clone(),
        missing_series: missing,
        message,
    };
    let mut resolved = Vec::new();
    for shock in &scenario.shocks {
        let target_level = match &shock.size {
            ShockSize::Change(c) => {
                resolved.push(ResolvedShock {
                    variable: shock.variable,
                    change: *c,
                    explanation: Note::new(
                        format!(
                            "change {c:+} {} ({})",
                            shock.variable.spec().change_unit_label,
                            shock.source
                        ),
                        format!(
                            "变动 {c:+} {}（来源: {}）",
                            shock.variable.spec().change_unit_label_zh,
                            shock.source
                        ),
                    ),
                });
                continue;
            }
            ShockSize::Level(level) => *level,
            ShockSize::Path(path) => path[(scenario.horizon_quarters as usize).min(path.len()) - 1],
        };
        let Some((date, base)) = series_for(data, shock.variable).and_then(Series::last) else {
            return Err(no_data(
                shock
                    .variable
                    .spec()
                    .series_ids
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                Note::new(
                    format!(
                        "a level shock on `{}` needs its latest stored level",
                        shock.variable.name()
                    ),
                    format!("`{}`的水平冲击需要其最新存储水平", shock.variable.name()),
                ),
            ));
        };
        resolved.push(ResolvedShock {
            variable: shock.variable,
            change: change_between(shock.variable, base, target_level),
            explanation: Note::new(
                format!(
                    "to {target_level} from {base} (stored, {date}) ({})",
                    shock.source
                ),
                format!(
                    "由{base}（存储值，{date}）变为{target_level}（来源: {}）",
                    shock.source
                ),
            ),
        });
    }
    if let Some(replay) = &scenario.replay {
        let mut missing = Vec::new();
        for spec in crate::stress::variables::VARIABLES
            .iter()
            .filter(|s| s.variable.is_statistical())
        {
            if scenario.shocks.iter().any(|s| s.variable == spec.variable) {
                continue;
            }
            // Forward mode: only the drivers (and the index, the comparison) are read.
            if !replay.drivers.is_empty()
                && !replay.drivers.contains(&spec.variable)
                && spec.variable != Variable::EquityIndex
            {
                continue;
            }
            let series = series_for(data, spec.variable);
            let covers = series.is_some_and(|series| {
                matches!(
                    (series.last_at(replay.start), series.last_at(replay.end)),
                    (Some((d0, _)), Some((d1, _)))
                        if d1 > d0 && days_between(d0, replay.start) <= MAX_REPLAY_START_GAP_DAYS
                )
            });
            // Before the VIX existed: the realised-volatility proxy (stress::volatility).
            if !covers
                && spec.variable == Variable::Vix
                && let (Some(v0), Some(v1)) = (
                    crate::stress::volatility::proxy_at(data, replay.start),
                    crate::stress::volatility::proxy_at(data, replay.end),
                )
            {
                resolved.push(ResolvedShock {
                    variable: spec.variable,
                    change: change_between(spec.variable, v0, v1),
                    explanation: Note::new(
                        format!(
                            "{} {v0:.2} → {v1:.2}: VIX proxy (scaled 21-day realised volatility of the S&P 500; the VIX is not stored at {})",
                            spec.name, replay.start
                        ),
                        format!(
                            "{} {v0:.2} → {v1:.2}：VIX代理值（标普500的21日已实现波动率，按比例换算；{}没有存储VIX）",
                            spec.name, replay.start
                        ),
                    ),
                });
                continue;
            }
            let Some(series) = series else {
                missing.push(spec.series_ids[0].to_string());
                continue;
            };
            match (series.last_at(replay.start), series.last_at(replay.end)) {
                (Some((d0, v0)), Some((d1, v1)))
                    if d1 > d0 && days_between(d0, replay.start) <= MAX_REPLAY_START_GAP_DAYS =>
                {
                    resolved.push(ResolvedShock {
                        variable: spec.variable,
                        change: change_between(spec.variable, v0, v1),
                        explanation: Note::new(
                            format!(
                                "{} {v0} ({d0}) → {v1} ({d1}), stored {}",
                                spec.name, series.meta.id
                            ),
                            format!(
                                "{} {v0}（{d0}）→ {v1}（{d1}），存储序列 {}",
                                spec.name, series.meta.id
                            ),
                        ),
                    });
                }
                _ => missing.push(series.meta.id.clone()),
            }
        }
        if resolved.is_empty() {
            return Err(no_data(
                missing,
                Note::new(
                    format!("no stored series covers {} .. {}", replay.start, replay.end),
                    format!("没有存储序列覆盖 {} .. {}", replay.start, replay.end),
                ),
            ));
        }
    }
    if let Some(dfast) = &scenario.dfast {
        resolved.extend(resolve_dfast(scenario, dfast, data)?);
    }
    // Held variables: an unchanged level, whatever the replay or DFAST path says.
    for &variable in &scenario.hold {
        resolved.retain(|s| s.variable != variable);
        resolved.push(ResolvedShock {
            variable,
            change: 0.0,
            explanation: Note::new("held at its current level (hold)", "保持当前水平（hold）"),
        });
    }
    Ok(resolved)
}

/// Our variables and the DFAST column each maps to (matched on the stored id's suffix).
fn dfast_column_matches(variable: Variable, suffix: &str) -> bool {
    let s = suffix.to_ascii_uppercase();
    match variable {
        Variable::Ust10y => {
            (s.contains("10_YEAR") || s.contains("10Y") || s.contains("TEN_YEAR"))
                && s.contains("TREASURY")
        }
        Variable::Unemployment => s.contains("UNEMPLOYMENT"),
        Variable::Vix => s.contains("VOLATILITY") || s.contains("VIX"),
        Variable::EquityIndex => {
            s.contains("DOW_JONES") || s.contains("STOCK_MARKET") || s.contains("DJ_TOTAL")
        }
        _ => false,
    }
}

const DFAST_VARIABLES: [Variable; 4] = [
    Variable::Ust10y,
    Variable::Unemployment,
    Variable::Vix,
    Variable::EquityIndex,
];

fn resolve_dfast(
    scenario: &Scenario,
    dfast: &DfastRef,
    data: &Dataset,
) -> Result<Vec<ResolvedShock>, NoData> {
    let tag = if dfast.scenario == "baseline" {
        "BASELINE"
    } else {
        "SEVERELY_ADVERSE"
    };
    let prefix = format!("DFAST_{}_{tag}_", dfast.year);
    let baseline_prefix = format!("DFAST_{}_BASELINE_", dfast.year);
    let find = |prefix: &str, variable: Variable| {
        data.series.iter().find(|(id, s)| {
            id.strip_prefix(prefix)
                .is_some_and(|suffix| dfast_column_matches(variable, suffix))
                && !s.points.is_empty()
        })
    };
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let h = scenario.horizon_quarters as usize;
    for variable in DFAST_VARIABLES {
        let Some((id, path)) = find(&prefix, variable) else {
            missing.push(format!("{prefix}<{}>", variable.name()));
            continue;
        };
        let at_horizon = path.points[h.min(path.points.len()) - 1];
        // Every path is applied as its change from the scenario's own jump-off, not from
        // today's level (a flat Fed path must give no change). The Fed's baseline starts at
        // the jump-off, so the baseline's first quarter is the jump-off value.
        let Some((_, jump_off)) = find(&baseline_prefix, variable).and_then(|(_, s)| s.first())
        else {
            missing.push(format!("{baseline_prefix}<{}>", variable.name()));
            continue;
        };
        let (change, how) = match variable {
            Variable::EquityIndex => (
                change_between(variable, jump_off, at_horizon.1),
                Note::default(),
            ),
            Variable::Vix => {
                // DFAST's VIX is a quarterly maximum: compared with the baseline's own
                // quarterly maximum at the jump-off, as a ratio, applied to today's level
                // (the model's VIX moves in log changes).
                let Some((_, today)) = series_for(data, variable).and_then(Series::last) else {
                    missing.push(variable.spec().series_ids[0].to_string());
                    continue;
                };
                (
                    today * (at_horizon.1 / jump_off - 1.0),
                    Note::new(
                        format!(
                            "; quarterly maxima, ratio {:.3} applied to today's {today}",
                            at_horizon.1 / jump_off
                        ),
                        format!(
                            "；季度最大值，比率{:.3}作用于当前水平{today}",
                            at_horizon.1 / jump_off
                        ),
                    ),
                )
            }
            _ => (at_horizon.1 - jump_off, Note::default()),
        };
        out.push(ResolvedShock {
            variable,
            change,
            explanation: Note::new(
                format!(
                    "{id} {} at {} vs baseline jump-off {jump_off}{}",
                    at_horizon.1, at_horizon.0, how.en
                ),
                format!(
                    "{id} {}（{}），对比基准情景起点 {jump_off}{}",
                    at_horizon.1, at_horizon.0, how.zh
                ),
            ),
        });
    }
    if let Some(shock) = dfast_bbb_shock(&prefix, &baseline_prefix, h, data) {
        out.push(shock);
    }
    if out.is_empty() {
        return Err(NoData {
            scenario: scenario.name.clone(),
            missing_series: missing,
            message: Note::new(
                format!(
                    "no stored DFAST {} {} series (import the Fed's DFAST tables, docs/scenarios.md)",
                    dfast.year, dfast.scenario
                ),
                format!(
                    "没有存储DFAST {} {}序列（导入美联储DFAST情景表，见docs/scenarios.md）",
                    dfast.year, dfast.scenario
                ),
            ),
        });
    }
    Ok(out)
}

/// DFAST's BBB spread path (BBB yield − 10-year, change from the baseline jump-off at the
/// horizon) as a high-yield OAS change, `m · Δspread` ([`crate::stress::dfast_credit`]);
/// `None` without the paths or the mapping.
fn dfast_bbb_shock(
    prefix: &str,
    baseline_prefix: &str,
    h: usize,
    data: &Dataset,
) -> Option<ResolvedShock> {
    let get = |p: &str, suffix: &str| {
        data.get(&format!("{p}{suffix}"))
            .filter(|s| !s.points.is_empty())
    };
    let (bbb, y10) = (get(prefix, "BBB_YIELD")?, get(prefix, "10Y_TREASURY")?);
    let (bbb0, y100) = (
        get(baseline_prefix, "BBB_YIELD")?,
        get(baseline_prefix, "10Y_TREASURY")?,
    );
    let at = |s: &Series| s.points[h.min(s.points.len()) - 1].1;
    let spread_change = (at(bbb) - at(y10)) - (bbb0.first()?.1 - y100.first()?.1);
    let m = crate::stress::dfast_credit::bbb_to_hy(data)?;
    let change = m.slope * spread_change;
    Some(ResolvedShock {
        variable: Variable::HyOas,
        change,
        explanation: Note::new(
            format!(
                "{prefix}BBB_YIELD − 10Y_TREASURY changes by {spread_change:+.2} pp from the baseline jump-off; × {:.2} (s.e. {:.2}, {} quarters: HY OAS on the Fed's historic BBB spread) = {change:+.2} pp",
                m.slope, m.se, m.quarters
            ),
            format!(
                "{prefix}BBB_YIELD − 10Y_TREASURY 相对基准情景起点变动 {spread_change:+.2} pp；× {:.2}（标准误 {:.2}，{} 个季度：HY OAS 对美联储历史BBB利差回归）= {change:+.2} pp",
                m.slope, m.se, m.quarters
            ),
        ),
    })
}
