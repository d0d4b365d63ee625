//! Stress tests: scenarios as data, the transmission model, conditional propagation, Monte
//! Carlo, sensitivity grids and reverse stress tests. Pure: the binary reads scenario files
//! and the store and passes text and a [`Dataset`] in.
//!
//! ```text
//! Scenario (TOML) ─► resolve_shocks (Dataset) ─► propagate (historical Σ) ─► evaluate ─► Report
//!                                                          └─► Monte Carlo (Cholesky, Xoshiro, rayon)
//! ```

pub mod dfast_credit;
pub mod discount;
pub mod earnings;
pub mod episodes;
pub mod erp;
pub mod grids;
pub mod history;
pub mod levels;
pub mod montecarlo;
pub mod render;
pub mod reverse;
pub mod scenario;
pub mod scoring;
pub mod soft_floor;
pub mod transmission;
pub mod uncertainty;
pub mod validate;
pub mod variables;
pub mod volatility;

use serde::Serialize;

use crate::series::Dataset;
use crate::series::Date;
use earnings::{EarningsResponse, earnings_response};
use erp::{ErpResponse, erp_response_excluding, with_erp_response};
use history::{Covariance, Window, estimate_covariance};
pub use levels::{base_levels, base_levels_at, jump_off, path_floors, soft_floors, valuation_at};
use montecarlo::{Distribution1, Innovations, McSetup, run_monte_carlo};
use scenario::{NoData, Scenario, resolve_shocks};
use transmission::{EquityDecomposition, equity_decomposition, evaluate, output_specs, propagate};
use variables::VARIABLES;

use crate::vocab::Note;

/// Options of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunOptions {
    pub paths: u64,
    pub seed: u64,
    pub innovations: Innovations,
    pub window: Window,
}

/// One output line of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputReport {
    pub name: String,
    pub unit: Note,
    /// `null` when the base is not known (e.g. the series is not stored).
    pub base: Option<f64>,
    pub shocked: Option<f64>,
    pub percentiles: Option<Percentiles>,
    pub var95: Option<f64>,
    pub es95: Option<f64>,
    pub percentile_error: Option<f64>,
    /// Share of Monte Carlo paths stopped at the variable's level floor (`None`: no floor or no
    /// Monte Carlo).
    pub at_floor: Option<f64>,
    /// The Monte Carlo histogram (index fair value only; absent without dispersing paths).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub histogram: Option<montecarlo::Histogram1>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percentiles {
    pub p1: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelReport {
    pub name: Note,
    pub output: String,
    pub contribution: f64,
    pub unit: Note,
    pub explanation: Note,
}

/// One shocked variable. `change` is in `unit`: points (pp) for rates, spreads and the VIX,
/// a simple % change for index-like variables (the model's log change is in `log_change`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShockReport {
    pub variable: String,
    pub change: f64,
    pub unit: Note,
    /// 100 × ln change for index-like variables (what the model uses); `None` for point
    /// variables.
    pub log_change: Option<f64>,
    pub explanation: Note,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CovarianceReport {
    pub variables: Vec<String>,
    pub series: Vec<String>,
    /// How each variable's quarterly change is measured: `difference` or `log` (100 × ln).
    pub change_units: Vec<String>,
    pub quarters: usize,
    pub first_quarter: String,
    pub last_quarter: String,
    pub dropped: Vec<String>,
    /// Quarters flagged as another regime (a move beyond 10 robust s.d.) and left out.
    pub excluded_quarters: Vec<Note>,
}

/// The model's index change with its decomposition, for every scenario; beside it, when the
/// scenario carries its own equity path (a replay: what happened; DFAST: the Fed's Dow Jones
/// Total Stock Market path), that change and the gap. The equity path is never an input of the
/// model's answer (it is left out of the conditional expectation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EquityCheck {
    /// The scenario's equity change in simple % (100·(exp(Δlog/100) − 1)); `None` when the
    /// scenario has no equity path of its own.
    pub scenario_change_pct: Option<f64>,
    pub scenario_source: Note,
    /// The model's `index_fair_value` change in % (earnings × multiple × gap × AI × small caps).
    pub model_change_pct: f64,
    /// model − scenario, percentage points.
    pub gap_pp: Option<f64>,
    /// The earnings-yield change (pp) that would make the model reproduce the scenario's
    /// equity move, the other channels given.
    pub erp_change_needed_pp: Option<f64>,
    /// The earnings-yield change the model has (scenario + 10-year, spread and VIX responses).
    pub erp_change_model_pp: f64,
    /// The model's index change by channel.
    pub decomposition: EquityDecomposition,
    /// The statistical cross-check: the conditional expectation of the S&P 500 given the
    /// non-equity shocks (historical covariance), simple %; `None` when not computable.
    pub conditional_expectation_pct: Option<f64>,
    /// The jump-off date of the valuation (replay start, DFAST jump-off quarter, else latest).
    pub jump_off: Note,
    /// The jump-off trailing P/E and the audit's fair P/E (duration form) behind the
    /// valuation-gap parameter; `None` when not stored.
    pub trailing_pe: Option<f64>,
    pub fair_pe: Option<f64>,
}

/// The result of `stress run`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub scenario: String,
    pub title: Note,
    pub horizon_quarters: u32,
    pub paths: u64,
    pub seed: u64,
    pub distribution: Note,
    pub shocks: Vec<ShockReport>,
    pub parameters: Vec<(String, f64)>,
    pub covariance: Option<CovarianceReport>,
    pub outputs: Vec<OutputReport>,
    pub channels: Vec<ChannelReport>,
    /// The ERP response used by the valuation channel (estimate or fallback).
    pub erp_response: ErpResponse,
    /// The discount-rate channel's estimate (`None` without the Shiller series).
    pub discount_response: Option<discount::DiscountResponse>,
    /// The earnings channel's regression (estimate or fallback).
    pub earnings_response: EarningsResponse,
    pub equity_check: Option<EquityCheck>,
    /// The coefficients drawn on every Monte Carlo path (estimate and s.e.; empty without
    /// paths).
    pub parameter_draws: Vec<uncertainty::ParameterDraw>,
    pub notes: Vec<Note>,
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Runs a scenario on stored data: resolution, propagation, evaluation and Monte Carlo.
pub fn run(scenario: &Scenario, data: &Dataset, options: RunOptions) -> Result<Report, NoData> {
    run_excluding(scenario, data, options, &[])
}

/// [`run`] with the regressions (earnings and multiple) estimated without the quarters that
/// overlap `excluded` (leave-one-episode-out validation, `stress validate`).
pub fn run_excluding(
    scenario: &Scenario,
    data: &Dataset,
    options: RunOptions,
    excluded: &[(Date, Date)],
) -> Result<Report, NoData> {
    let shocks = resolve_shocks(scenario, data)?;
    let covariance = estimate_covariance(data, options.window);
    // A replay starts from the levels of its own start (a VIX of 20 doubling is +100%
    // whatever today's VIX); other scenarios from the latest stored levels.
    let base = match &scenario.replay {
        Some(r) => base_levels_at(data, r.start),
        None => base_levels(data),
    };
    // A replay's or DFAST scenario's own equity path is what the model is checked against: it
    // is not an input (neither to the conditional expectation nor to the channels).
    let own_equity_path = scenario.replay.is_some() || scenario.dfast.is_some();
    let model_shocks: Vec<scenario::ResolvedShock> = shocks
        .iter()
        .filter(|s| !(own_equity_path && s.variable == variables::Variable::EquityIndex))
        .cloned()
        .collect();
    let (changes, propagator) = propagate(&model_shocks, covariance.as_ref(), &base);
    let erp = erp_response_excluding(data, options.window, excluded);
    let earnings = earnings_response(data, excluded);
    // One rate channel: where the long-run discount-rate response is estimated, it replaces
    // the quarterly earnings-yield regression's 10-year term.
    let mut params = scenario.parameters.clone();
    let discount_response = discount::estimate(data, excluded);
    if let Some(d) = &discount_response {
        params
            .overrides
            .entry(discount::GAMMA_UST10Y_PARAMETER.into())
            .or_insert(d.gamma_ust10y);
        params
            .overrides
            .entry(erp::BETA_UST10Y_PARAMETER.into())
            .or_insert(0.0);
    }
    let mut params = with_erp_response(&params, &erp);
    params
        .overrides
        .entry(earnings::BETA_UNEMPLOYMENT_PARAMETER.into())
        .or_insert(earnings.beta_unemployment);
    // A replay is history on its own terms: the small-cap refinancing channel's parameters
    // (the 2026–27 maturity wall, today's share below coverage 1) describe today's market, not
    // the episode's, so a replay runs without it unless the scenario sets the weight.
    if scenario.replay.is_some() {
        params
            .overrides
            .entry("small_cap_index_weight".into())
            .or_insert(0.0);
    }
    let at = jump_off(scenario);
    let (cape, trailing_pe, fair_pe) = valuation_at(data, at);
    if let Some(cape) = cape {
        params
            .overrides
            .entry("earnings_yield".into())
            .or_insert(100.0 / cape);
    }
    if let (Some(t), Some(f)) = (trailing_pe, fair_pe) {
        params
            .overrides
            .entry("valuation_gap_log".into())
            .or_insert((f / t).ln());
    }
    let evaluation = evaluate(&changes, &params, &base);
    let specs = output_specs();
    let adverse: Vec<bool> = specs.iter().map(|s| s.adverse_is_down).collect();
    // Monte Carlo draws only the statistical variables the scenario does not shock; when it
    // shocks all of them (a replay), every path is the same and the run is deterministic.
    let floors = path_floors(data);
    let draws = uncertainty::parameter_draws(
        &scenario.parameters,
        &earnings,
        discount_response.as_ref(),
        &erp,
    );
    let drawn = propagator.as_ref().map_or(0, |p| {
        p.others
            .iter()
            .filter(|&&i| {
                !(own_equity_path && p.covariance_variables[i] == variables::Variable::EquityIndex)
            })
            .count()
    });
    let distributions: Vec<Option<Distribution1>> =
        if options.paths > 0 && (drawn > 0 || !draws.is_empty()) {
            let setup = McSetup {
                floors,
                soft_floors: soft_floors(data),
                parameter_draws: &draws,
                mean_changes: &changes,
                propagator: propagator.as_ref(),
                params: &params,
                base: &base,
                horizon_quarters: scenario.horizon_quarters,
                innovations: options.innovations,
                paths: options.paths,
                seed: options.seed,
            };
            let base_for_var: Vec<f64> = evaluation.base.clone();
            run_monte_carlo(&setup, &base_for_var, &adverse)
                .into_iter()
                .map(Some)
                .collect()
        } else {
            vec![None; specs.len()]
        };
    let outputs: Vec<OutputReport> = specs
        .iter()
        .zip(distributions)
        .enumerate()
        .map(|(i, (spec, dist))| {
            // Percentiles and VaR only where the paths disperse.
            let dist =
                dist.filter(|d| d.p50.is_finite() && d.p99 - d.p1 > 1e-9 * d.p50.abs().max(1.0));
            OutputReport {
                name: spec.name.clone(),
                unit: Note::new(spec.unit.clone(), spec.unit_zh.clone()),
                base: finite(evaluation.base[i]),
                shocked: finite(evaluation.shocked[i]),
                percentiles: dist.as_ref().map(|d| Percentiles {
                    p1: d.p1,
                    p5: d.p5,
                    p50: d.p50,
                    p95: d.p95,
                    p99: d.p99,
                }),
                var95: dist.as_ref().and_then(|d| finite(d.var95)),
                es95: dist.as_ref().and_then(|d| finite(d.es95)),
                percentile_error: dist.as_ref().map(|d| d.percentile_error),
                at_floor: dist.as_ref().and_then(|d| d.at_floor),
                histogram: dist
                    .as_ref()
                    .filter(|_| spec.output == transmission::Output::IndexFairValue)
                    .and_then(|d| d.histogram.clone()),
            }
        })
        .collect();
    let own = if own_equity_path {
        shocks
            .iter()
            .find(|s| s.variable == variables::Variable::EquityIndex)
    } else {
        None
    };
    let equity_check = Some(equity_check(
        own,
        &changes,
        &params,
        evaluation.shocked[0],
        EquityContext {
            jump_off: at.map_or_else(
                || Note::new("latest stored", "最新存储值"),
                |d| Note::same(d.to_string()),
            ),
            trailing_pe,
            fair_pe,
        },
    ));
    let mut notes = Vec::new();
    for (spec, output) in specs.iter().zip(&outputs) {
        if let (Some(share), transmission::Output::Market(variable)) =
            (output.at_floor, spec.output)
            && share > 0.0
        {
            let (name, floor) = (&output.name, floors[variable.index()].unwrap_or(0.0));
            let (share_en, share_zh) = if share < 0.001 {
                ("under 0.1%".to_string(), "不到0.1%".to_string())
            } else {
                let share = format!("{:.1}%", 100.0 * share);
                (share.clone(), share)
            };
            notes.push(Note::new(
                format!("{name}: {share_en} of paths end at or below its lowest stored level of {floor} (a new low; falls approach a soft floor below it)"),
                format!("{name}：{share_zh}的路径终点等于或低于其历史最低存储值{floor}（创新低；下跌趋近其下方的软下限）"),
            ));
        }
    }
    for shock in &shocks {
        let (Some(floor), Some(level)) = (
            shock.variable.spec().level_floor,
            base.levels[shock.variable.index()],
        ) else {
            continue;
        };
        if level + shock.change <= floor {
            let (name, to) = (shock.variable.name(), level + shock.change);
            notes.push(Note::new(
                format!(
                    "{name}: the shock takes the level from {level} to {to}, at or below its floor of {floor}; \
                     outputs that depend on it (and, for the spread and the VIX, modelled in log changes, \
                     every conditional change) cannot be computed and show as missing"
                ),
                format!(
                    "{name}：冲击使水平从{level}变为{to}，达到或低于其下限{floor}；依赖它的输出\
                     （对以对数变动建模的利差和VIX而言，还包括所有条件变动）无法计算，显示为缺失"
                ),
            ));
        }
    }
    if options.paths > 0 && drawn == 0 && !draws.is_empty() {
        notes.push(Note::new(
            "the scenario gives every statistical variable: its Monte Carlo band is the estimated coefficients' uncertainty alone (parameter_draws)",
            "情景给定了所有统计变量：其蒙特卡洛区间仅反映估计系数的不确定性（parameter_draws）",
        ));
    }
    if options.paths > 0 && drawn == 0 && draws.is_empty() {
        let paths = options.paths;
        notes.push(Note::new(
            format!(
                "deterministic: the scenario shocks every statistical variable with stored history, so the \
                 {paths} Monte Carlo paths would all be the same; no percentiles or VaR are reported"
            ),
            format!(
                "确定性：情景冲击了所有有存储历史的统计变量，{paths}条蒙特卡洛路径将完全相同；\
                 不报告分位数和VaR"
            ),
        ));
    }
    if covariance.is_none() {
        notes.push(Note::new(
            "no_data: fewer than two statistical series with 12 common quarters are stored, so unshocked \
             variables stay unchanged and Monte Carlo has no innovations (import DGS10, VIXCLS, \
             BAMLH0A0HYM2, UNRATE, DRCLACBS, SP500, ...)",
            "no_data：有12个共同季度的统计序列不足两个，未受冲击的变量保持不变，蒙特卡洛没有随机扰动\
             （请导入DGS10、VIXCLS、BAMLH0A0HYM2、UNRATE、DRCLACBS、SP500等）",
        ));
    }
    for spec in VARIABLES.iter().filter(|s| s.variable.is_statistical()) {
        if base.levels[spec.variable.index()].is_none() {
            notes.push(Note::new(
                format!(
                    "no_data: {} not stored ({}), its level is unknown",
                    spec.name,
                    spec.series_ids.join(" or ")
                ),
                format!(
                    "no_data：{}未存储（{}），其水平未知",
                    spec.name,
                    spec.series_ids.join("或")
                ),
            ));
        }
    }
    notes.push(Note::new(
        "AI channel uses docs/catalogue.md M2's ILLUSTRATIVE capex vintages ($B 45/55/60/70/120/200, an assumed \
         server share of Big-4 capex), not company data",
        "AI渠道使用docs/catalogue.md M2的示意性各期资本开支（$B 45/55/60/70/120/200，四大厂商资本开支中\
         服务器占比为假设值），并非公司数据",
    ));
    Ok(Report {
        scenario: scenario.name.clone(),
        title: Note::new(scenario.title.clone(), scenario.title_zh.clone()),
        horizon_quarters: scenario.horizon_quarters,
        paths: options.paths,
        seed: options.seed,
        distribution: match options.innovations {
            Innovations::Normal => Note::new("normal", "正态分布"),
            Innovations::StudentT { degrees_of_freedom } => Note::new(
                format!("student-t(nu={degrees_of_freedom})"),
                format!("t分布（自由度 {degrees_of_freedom}）"),
            ),
        },
        shocks: shocks
            .iter()
            .map(|s| {
                let log = s.variable.spec().change_unit == variables::ChangeUnit::LogPercent;
                ShockReport {
                    variable: s.variable.name().into(),
                    change: if log {
                        100.0 * ((s.change / 100.0).exp() - 1.0)
                    } else {
                        s.change
                    },
                    unit: Note::new(
                        s.variable.spec().change_unit_label,
                        s.variable.spec().change_unit_label_zh,
                    ),
                    log_change: log.then_some(s.change),
                    explanation: s.explanation.clone(),
                }
            })
            .collect(),
        parameters: scenario
            .parameters
            .overrides
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
        covariance: covariance.as_ref().map(covariance_report),
        outputs,
        channels: evaluation
            .channels
            .into_iter()
            .map(|c| ChannelReport {
                name: c.name,
                output: c.output,
                contribution: c.contribution,
                unit: c.unit,
                explanation: c.explanation,
            })
            .collect(),
        erp_response: erp,
        discount_response,
        earnings_response: earnings,
        equity_check,
        parameter_draws: if options.paths > 0 { draws } else { Vec::new() },
        notes,
    })
}

struct EquityContext {
    jump_off: Note,
    trailing_pe: Option<f64>,
    fair_pe: Option<f64>,
}

fn equity_check(
    shock: Option<&scenario::ResolvedShock>,
    changes: &transmission::Changes,
    params: &variables::Parameters,
    model_change_pct: f64,
    context: EquityContext,
) -> EquityCheck {
    use variables::Variable;
    let decomposition = equity_decomposition(changes, params);
    let scenario_change_pct = shock.map(|s| 100.0 * ((s.change / 100.0).exp() - 1.0));
    // index = (1+m)·(other channels): the multiple m that reproduces the scenario, then
    // EY₀/(EY₀ + ΔEY) = 1 + m solved for ΔEY.
    let erp_change_needed_pp = scenario_change_pct.map(|s| {
        let others =
            (1.0 + decomposition.total_pct / 100.0) / (1.0 + decomposition.multiple_pct / 100.0);
        let multiple_needed = (1.0 + s / 100.0) / others;
        decomposition.earnings_yield_pct / multiple_needed - decomposition.earnings_yield_pct
    });
    let conditional =
        changes.origin[Variable::EquityIndex.index()] == transmission::ChangeOrigin::Conditional;
    EquityCheck {
        scenario_change_pct,
        scenario_source: shock.map_or_else(
            || {
                Note::new(
                    "the scenario has no equity path of its own",
                    "情景本身没有股票路径",
                )
            },
            |s| s.explanation.clone(),
        ),
        model_change_pct,
        gap_pp: scenario_change_pct.map(|s| model_change_pct - s),
        erp_change_needed_pp,
        erp_change_model_pp: decomposition.earnings_yield_change_pp,
        decomposition,
        conditional_expectation_pct: conditional
            .then(|| 100.0 * ((changes.get(Variable::EquityIndex) / 100.0).exp() - 1.0))
            .filter(|v| v.is_finite()),
        jump_off: context.jump_off,
        trailing_pe: context.trailing_pe,
        fair_pe: context.fair_pe,
    }
}

fn covariance_report(c: &Covariance) -> CovarianceReport {
    CovarianceReport {
        variables: c.variables.iter().map(|v| v.name().to_string()).collect(),
        series: c.series_ids.clone(),
        change_units: c
            .variables
            .iter()
            .map(|v| match v.spec().model_unit {
                variables::ChangeUnit::Difference => "difference".to_string(),
                variables::ChangeUnit::LogPercent => "log".to_string(),
            })
            .collect(),
        quarters: c.quarters,
        first_quarter: c.first_quarter.to_string(),
        last_quarter: c.last_quarter.to_string(),
        dropped: c
            .dropped
            .iter()
            .map(|(v, why)| format!("{}: {why}", v.name()))
            .collect(),
        excluded_quarters: c.excluded_quarters.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;
    use proptest::prelude::*;
    use scenario::parse_scenario;

    /// A hand-built dataset: quarterly DGS10, VIXCLS, UNRATE, DRCLACBS with simple patterns.
    fn dataset() -> Dataset {
        let mut data = Dataset::default();
        let q = |i: usize| date(2000 + (i / 4) as i16, (i % 4) as i8 * 3 + 1, 1);
        let mk = |id: &str, f: &dyn Fn(usize) -> f64| {
            Series::new(
                SeriesMeta {
                    id: id.into(),
                    ..Default::default()
                },
                (0..40).map(|i| (q(i), f(i))).collect(),
            )
        };
        data.insert(mk("DGS10", &|i| 4.0 + ((i * 7) % 5) as f64 * 0.1));
        data.insert(mk("VIXCLS", &|i| 18.0 + ((i * 3) % 7) as f64));
        data.insert(mk("UNRATE", &|i| 5.0 + ((i * 5) % 4) as f64 * 0.2));
        data.insert(mk("DRCLACBS", &|i| {
            2.5 + ((i * 5) % 4) as f64 * 0.1 + ((i * 2) % 3) as f64 * 0.05
        }));
        data
    }

    fn scenario_with(shocks: &str) -> Scenario {
        let text = format!(
            "name = \"t\"\ntitle = \"t\"\nhorizon_quarters = 2\n[[citations]]\nsource = \"test\"\n{shocks}"
        );
        parse_scenario("t.toml", &text).unwrap()
    }

    /// A scenario with one `change` shock.
    fn change_shock(variable: &str, size: f64) -> Scenario {
        scenario_with(&format!(
            "[[shocks]]\nvariable = \"{variable}\"\nkind = \"change\"\nvalue = {size}\n"
        ))
    }

    fn options(paths: u64, seed: u64) -> RunOptions {
        RunOptions {
            paths,
            seed,
            innovations: Innovations::Normal,
            window: Window::default(),
        }
    }

    #[test]
    fn zero_shocks_reproduce_the_baseline_exactly() {
        let s = scenario_with(
            "[[shocks]]\nvariable = \"unemployment\"\nkind = \"change\"\nvalue = 0.0\n",
        );
        let r = run(&s, &dataset(), options(0, 1)).unwrap();
        for o in &r.outputs {
            assert_eq!(o.base, o.shocked, "{}", o.name);
        }
    }

    #[test]
    fn same_seed_same_output_and_seed_matters() {
        let s = scenario_with(
            "[[shocks]]\nvariable = \"unemployment\"\nkind = \"change\"\nvalue = 2.0\n",
        );
        let a = run(&s, &dataset(), options(10_000, 42)).unwrap();
        let b = run(&s, &dataset(), options(10_000, 42)).unwrap();
        let c = run(&s, &dataset(), options(10_000, 43)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a.outputs, c.outputs);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn doubling_a_linear_shock_doubles_a_linear_output(shock in -3.0f64..3.0) {
            // Delinquency (conditional on unemployment) is linear in the shock.
            let one = change_shock("unemployment", shock);
            let two = change_shock("unemployment", 2.0 * shock);
            let data = dataset();
            let delta = |s: &Scenario| {
                let r = run(s, &data, options(0, 1)).unwrap();
                let o = r.outputs.iter().find(|o| o.name == "consumer_delinquency").unwrap();
                o.shocked.unwrap() - o.base.unwrap()
            };
            let (d1, d2) = (delta(&one), delta(&two));
            prop_assert!((d2 - 2.0 * d1).abs() < 1e-9 * (1.0 + d1.abs()), "{} vs {}", d2, d1);
        }

        #[test]
        fn doubling_a_ten_year_shock_doubles_the_earnings_yield_response(shock in -3.0f64..3.0) {
            // The earnings yield responds to the 10-year in points (β_10·Δy10; the test data
            // store no spread): linear in the shock.
            let data = dataset();
            let erp = |size: f64| {
                let r = run(&change_shock("ust10y", size), &data, options(0, 1)).unwrap();
                r.channels.iter().filter(|c| c.output == "erp").map(|c| c.contribution).sum::<f64>()
            };
            let (e1, e2) = (erp(shock / 2.0), erp(shock));
            prop_assert!((e2 - 2.0 * e1).abs() < 1e-9 * (1.0 + e1.abs()), "{} vs {}", e2, e1);
        }

        #[test]
        fn doubling_a_point_shock_doubles_the_conditional_changes_in_points(shock in -3.0f64..3.0) {
            // Unemployment, the 10-year and delinquency are modelled in point differences, so
            // their conditional changes are linear in an unemployment shock. (The VIX and the
            // spread are modelled in log changes: linear in the log change, not in points.)
            let data = dataset();
            let changes = |size: f64| {
                let r = run(&change_shock("unemployment", size), &data, options(0, 1)).unwrap();
                let get = |name: &str| r.channels.iter().find(|c| c.output == name).unwrap().contribution;
                (get("ust10y"), get("consumer_delinquency"))
            };
            let ((y1, d1), (y2, d2)) = (changes(shock), changes(2.0 * shock));
            prop_assert!((y2 - 2.0 * y1).abs() < 1e-9 * (1.0 + y1.abs()), "{} vs {}", y2, y1);
            prop_assert!((d2 - 2.0 * d1).abs() < 1e-9 * (1.0 + d1.abs()), "{} vs {}", d2, d1);
        }

        #[test]
        fn zero_change_shocks_always_reproduce_baseline(seed in 0u64..1000) {
            let s = scenario_with("[[shocks]]\nvariable = \"vix\"\nkind = \"change\"\nvalue = 0.0\n");
            let r = run(&s, &dataset(), options(0, seed)).unwrap();
            for o in &r.outputs {
                prop_assert_eq!(o.base, o.shocked);
            }
        }
    }

    #[test]
    fn monte_carlo_levels_never_cross_their_floors_and_say_how_often_they_stop_there() {
        // The 10-year alone shocked: every other variable is drawn, and a spread, the VIX,
        // unemployment and delinquency cannot go below zero on any path.
        let s =
            scenario_with("[[shocks]]\nvariable = \"ust10y\"\nkind = \"change\"\nvalue = 2.0\n");
        // An unemployment rate that swings by points each quarter and ends at 0.5%, its lowest
        // stored level, and a high-yield spread that does the same: falls approach a soft floor
        // (issue 23), a new low is possible but no path goes below the spec floor 0, and the
        // share of paths at or below the stored low is reported.
        let mut data = dataset();
        let q = |i: usize| date(2000 + (i / 4) as i16, (i % 4) as i8 * 3 + 1, 1);
        let swings = |i: usize| {
            if i == 39 {
                0.5
            } else {
                1.0 + ((i * 3) % 4) as f64 * 1.5
            }
        };
        for id in ["UNRATE", "BAMLH0A0HYM2"] {
            data.insert(Series::new(
                SeriesMeta {
                    id: id.into(),
                    ..Default::default()
                },
                (0..40).map(|i| (q(i), swings(i))).collect(),
            ));
        }
        let r = run(&s, &data, options(20_000, 3)).unwrap();
        let output = |name: &str| r.outputs.iter().find(|o| o.name == name).unwrap();
        for name in ["unemployment", "hy_oas"] {
            let o = output(name);
            let p1 = o.percentiles.as_ref().unwrap().p1;
            assert!(p1 >= 0.0, "{name}: {p1}");
            // The base is the stored low itself: every fall is a new low, reported as such.
            let share = o.at_floor.unwrap();
            assert!(share > 0.0 && share < 1.0, "{name}: {share}");
        }
        let mut floored = 0;
        for o in &r.outputs {
            let Some(variable) = variables::Variable::from_name(&o.name) else {
                continue;
            };
            let Some(floor) = variable.spec().level_floor else {
                assert_eq!(o.at_floor, None, "{}", o.name);
                continue;
            };
            let (Some(p), Some(share)) = (&o.percentiles, o.at_floor) else {
                continue;
            };
            floored += 1;
            assert!(
                p.p1 >= floor - o.percentile_error.unwrap(),
                "{}: {}",
                o.name,
                p.p1
            );
            assert!((0.0..=1.0).contains(&share), "{}", o.name);
            if share > 0.0 {
                assert!(
                    r.notes
                        .iter()
                        .any(|n| n.en.starts_with(&format!("{}: ", o.name)))
                );
            }
        }
        assert!(floored > 0, "no floored variable in the test data");
    }

    #[test]
    fn a_held_variable_stays_at_its_level_on_every_path_and_conditions_the_others() {
        let free = change_shock("unemployment", 2.0);
        let mut held = free.clone();
        held.hold("vix").unwrap();
        let data = dataset();
        let (a, b) = (
            run(&free, &data, options(5_000, 2)).unwrap(),
            run(&held, &data, options(5_000, 2)).unwrap(),
        );
        let out =
            |r: &Report, name: &str| r.outputs.iter().find(|o| o.name == name).unwrap().clone();
        // Without hold the VIX follows its conditional expectation and is drawn on paths.
        let vix_free = out(&a, "vix");
        assert_ne!(vix_free.shocked, vix_free.base);
        assert!(vix_free.percentiles.is_some());
        // Held: exactly its base level, no dispersion, and said in the shocks.
        let vix_held = out(&b, "vix");
        assert_eq!(vix_held.shocked, vix_held.base);
        assert!(vix_held.percentiles.is_none(), "{vix_held:?}");
        assert!(
            b.shocks.iter().any(|s| s.variable == "vix"
                && s.change == 0.0
                && s.explanation.en.contains("held"))
        );
        // Delinquency is now conditioned on an unchanged VIX too: its expectation moves.
        assert_ne!(
            out(&a, "consumer_delinquency").shocked,
            out(&b, "consumer_delinquency").shocked
        );
        // The shocked variable cannot be held, and an unknown name is refused.
        let mut s = change_shock("unemployment", 2.0);
        assert!(s.hold("unemployment").unwrap_err().contains("shocked"));
        assert!(s.hold("vixx").unwrap_err().contains("unknown variable"));
    }

    #[test]
    fn a_shock_below_a_floor_is_said_not_silently_missing() {
        // VIX stored at 18..24; a −30-point change takes it below zero.
        let r = run(&change_shock("vix", -30.0), &dataset(), options(0, 1)).unwrap();
        assert!(
            r.notes
                .iter()
                .any(|n| n.en.starts_with("vix: the shock takes the level from")
                    && n.en.contains("floor of 0")),
            "{:?}",
            r.notes
        );
        let ust10y = r.outputs.iter().find(|o| o.name == "ust10y").unwrap();
        assert_eq!(ust10y.shocked, None);
    }

    #[test]
    fn monte_carlo_median_is_near_the_deterministic_value() {
        let s = scenario_with(
            "[[shocks]]\nvariable = \"unemployment\"\nkind = \"change\"\nvalue = 2.0\n",
        );
        let r = run(&s, &dataset(), options(50_000, 9)).unwrap();
        let o = r
            .outputs
            .iter()
            .find(|o| o.name == "consumer_delinquency")
            .unwrap();
        let p = o.percentiles.as_ref().unwrap();
        let tol = 0.05 + o.percentile_error.unwrap();
        assert!(
            (p.p50 - o.shocked.unwrap()).abs() < tol,
            "{} vs {:?}",
            p.p50,
            o.shocked
        );
        assert!(p.p1 <= p.p5 && p.p5 <= p.p50 && p.p50 <= p.p95 && p.p95 <= p.p99);
    }
}
