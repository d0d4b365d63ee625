//! The dashboard's scenario sliders: six inputs (10-year yield, ERP, AI capex, GPU life,
//! refinancing rate, unemployment) turned into shocks and parameters of the stress-test
//! transmission model (`stress::transmission`), evaluated deterministically. Unshocked
//! variables move with their conditional expectation under the historical covariance when
//! one can be estimated from the stored data.

use serde::Serialize;

use crate::series::Dataset;
use crate::stress::history::{Covariance, Window, estimate_covariance};
use crate::stress::montecarlo::{Histogram1, Innovations, McSetup, run_monte_carlo};
use crate::stress::scenario::ResolvedShock;
use crate::stress::soft_floor::SoftFloor;
use crate::stress::transmission::{
    BaseLevels, EquityDecomposition, NUM_VARIABLES, equity_decomposition, evaluate, output_specs,
    propagate,
};
use crate::stress::variables::{Parameters, Variable};

/// One slider.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Slider {
    /// Query-parameter name.
    pub name: &'static str,
    pub label_en: &'static str,
    pub label_zh: &'static str,
    pub unit: &'static str,
    pub unit_zh: &'static str,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// The value that means "no change".
    pub neutral: f64,
}

/// The sliders, in display order.
pub const SLIDERS: [Slider; 6] = [
    Slider {
        name: "ust10y",
        label_en: "10-year Treasury yield, change",
        label_zh: "10年期美债收益率变动",
        unit: "pp",
        unit_zh: "pp",
        min: -3.0,
        max: 4.0,
        step: 0.25,
        neutral: 0.0,
    },
    Slider {
        name: "erp",
        label_en: "Equity risk premium, change",
        label_zh: "股权风险溢价变动",
        unit: "pp",
        unit_zh: "pp",
        min: -3.0,
        max: 4.0,
        step: 0.25,
        neutral: 0.0,
    },
    Slider {
        name: "ai_capex",
        label_en: "AI capex (newest year), change",
        label_zh: "AI资本开支（最新年度）变动",
        unit: "%",
        unit_zh: "%",
        min: -75.0,
        max: 100.0,
        step: 5.0,
        neutral: 0.0,
    },
    Slider {
        name: "gpu_life",
        label_en: "GPU/server useful life",
        label_zh: "GPU/服务器使用年限",
        unit: "years",
        unit_zh: "年",
        min: 1.0,
        max: 6.0,
        step: 1.0,
        neutral: 6.0,
    },
    Slider {
        name: "refinancing_rate",
        label_en: "Rate on refinanced small-cap debt",
        label_zh: "小盘股再融资利率",
        unit: "%",
        unit_zh: "%",
        min: 2.0,
        max: 14.0,
        step: 0.5,
        neutral: 3.5,
    },
    Slider {
        name: "unemployment",
        label_en: "Unemployment rate, change",
        label_zh: "失业率变动",
        unit: "pp",
        unit_zh: "pp",
        min: -2.0,
        max: 8.0,
        step: 0.25,
        neutral: 0.0,
    },
];

/// The variables the page can hold at their current level (`hold_vix=1`), in display order.
pub const HOLDABLE: [(&str, Variable); 2] = [("vix", Variable::Vix), ("hy_oas", Variable::HyOas)];

/// Slider values, in [`SLIDERS`] order, and which of [`HOLDABLE`] are held.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SliderValues(pub [f64; 6], pub [bool; 2]);

impl Default for SliderValues {
    fn default() -> Self {
        SliderValues(SLIDERS.map(|s| s.neutral), [false; 2])
    }
}

impl SliderValues {
    /// Holds `name` (one of [`HOLDABLE`]) at its current level.
    pub fn hold(&mut self, name: &str) -> Result<(), String> {
        let i = HOLDABLE.iter().position(|h| h.0 == name).ok_or_else(|| {
            format!(
                "cannot hold `{name}` here (expected one of: {})",
                HOLDABLE.map(|h| h.0).join(", ")
            )
        })?;
        self.1[i] = true;
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<f64> {
        SLIDERS
            .iter()
            .position(|s| s.name == name)
            .map(|i| self.0[i])
    }

    /// Sets a slider, refusing unknown names and values outside its range.
    pub fn set(&mut self, name: &str, value: f64) -> Result<(), String> {
        let Some(i) = SLIDERS.iter().position(|s| s.name == name) else {
            return Err(format!(
                "unknown parameter `{name}` (expected one of: {})",
                SLIDERS.map(|s| s.name).join(", ")
            ));
        };
        let slider = SLIDERS[i];
        if !value.is_finite() || value < slider.min || value > slider.max {
            return Err(format!(
                "`{name}` must be between {} and {}, got {value}",
                slider.min, slider.max
            ));
        }
        self.0[i] = value;
        Ok(())
    }
}

/// One output of the model, before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioOutput {
    pub name: String,
    pub unit: String,
    /// The unit in Chinese (the page only; the API keeps its fields).
    #[serde(skip)]
    pub unit_zh: String,
    /// `None` when an input is missing (e.g. the series is not stored).
    pub base: Option<f64>,
    pub shocked: Option<f64>,
}

/// One channel's contribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioChannel {
    pub name: String,
    pub output: String,
    pub contribution: Option<f64>,
    pub unit: String,
    pub explanation: String,
}

/// The result the scenario page shows and `/api/scenarios/sliders` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    pub inputs: Vec<(String, f64)>,
    /// The variables held at their current level.
    pub held: Vec<String>,
    pub outputs: Vec<ScenarioOutput>,
    pub channels: Vec<ScenarioChannel>,
    /// The quarters the covariance was estimated on, or `None` (unshocked variables then
    /// stay unchanged).
    pub covariance_quarters: Option<usize>,
    /// The index change by channel (the waterfall; the parts add up to the total).
    pub decomposition: Option<EquityDecomposition>,
    /// The Monte Carlo histogram of the index change ([`SLIDER_PATHS`] paths, seed 1, four
    /// quarters); `None` without a covariance.
    pub histogram: Option<Histogram1>,
    /// The waterfall and histogram as server-rendered SVG (the API fills it in the request's
    /// language so the page's script can swap it in; empty otherwise).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub charts_html: String,
}

/// Monte Carlo paths behind the sliders' histogram.
pub const SLIDER_PATHS: u64 = 2_000;

/// The inputs a slider evaluation needs from the data (estimated once per store version).
#[derive(Debug, Clone)]
pub struct ModelInputs {
    pub covariance: Option<Covariance>,
    pub base: BaseLevels,
    /// The data-estimated parameters `stress run` uses (earnings and multiple betas, the
    /// discount-rate channel, today's earnings yield), so the sliders evaluate the same model.
    pub params: Parameters,
    /// The Monte Carlo's stored lows and soft floors (`stress::soft_floor`).
    pub floors: [Option<f64>; NUM_VARIABLES],
    pub soft_floors: [Option<SoftFloor>; NUM_VARIABLES],
}

pub fn model_inputs(data: &Dataset) -> ModelInputs {
    let mut params = crate::stress::erp::with_erp_response(
        &Parameters::default(),
        &crate::stress::erp::erp_response(data, Window::default()),
    );
    params.overrides.insert(
        crate::stress::earnings::BETA_UNEMPLOYMENT_PARAMETER.into(),
        crate::stress::earnings::earnings_response(data, &[]).beta_unemployment,
    );
    // One rate channel, as in `stress run`: the long-run discount-rate response replaces the
    // quarterly earnings-yield regression's 10-year term where it is estimated.
    if let Some(d) = crate::stress::discount::estimate(data, &[]) {
        params.overrides.insert(
            crate::stress::discount::GAMMA_UST10Y_PARAMETER.into(),
            d.gamma_ust10y,
        );
        params
            .overrides
            .insert(crate::stress::erp::BETA_UST10Y_PARAMETER.into(), 0.0);
    }
    if let (Some(cape), _, _) = crate::stress::valuation_at(data, None) {
        params
            .overrides
            .insert("earnings_yield".into(), 100.0 / cape);
    }
    ModelInputs {
        covariance: estimate_covariance(data, Window::default()),
        base: crate::stress::base_levels(data),
        params,
        floors: crate::stress::path_floors(data),
        soft_floors: crate::stress::soft_floors(data),
    }
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The slider values as shocks: each non-zero slider, and each held variable conditioned on
/// an unchanged level (a shock of 0, on every path too).
fn slider_shocks(values: &SliderValues) -> Vec<ResolvedShock> {
    let get = |name| values.get(name).unwrap_or(f64::NAN);
    let mut shocks = Vec::new();
    let mut shock = |variable, change: f64| {
        if change != 0.0 {
            shocks.push(ResolvedShock {
                variable,
                change,
                explanation: crate::vocab::Note::new("dashboard slider", "仪表盘滑块"),
            });
        }
    };
    shock(Variable::Ust10y, get("ust10y"));
    shock(Variable::Erp, get("erp"));
    // The model's AI capex change is 100 × log change; the slider is a plain percent.
    shock(
        Variable::AiCapex,
        100.0 * (1.0 + get("ai_capex") / 100.0).ln(),
    );
    shock(Variable::Unemployment, get("unemployment"));
    // Held variables: conditioned on an unchanged level (a shock of 0), on every path too.
    for ((_, variable), held) in HOLDABLE.iter().zip(values.1) {
        if held {
            shocks.push(ResolvedShock {
                variable: *variable,
                change: 0.0,
                explanation: crate::vocab::Note::new("held at its current level", "保持当前水平"),
            });
        }
    }
    shocks
}

/// Evaluates the transmission model at the slider values.
pub fn evaluate_sliders(values: &SliderValues, inputs: &ModelInputs) -> ScenarioResult {
    let get = |name| values.get(name).unwrap_or(f64::NAN);
    let shocks = slider_shocks(values);
    let mut params = inputs.params.clone();
    params
        .overrides
        .insert("gpu_life_years".to_string(), get("gpu_life"));
    let refinancing = get("refinancing_rate");
    if refinancing != Parameters::default_of("refinancing_rate") {
        params
            .overrides
            .insert("refinancing_rate".to_string(), refinancing);
    }
    let (changes, propagator) = propagate(&shocks, inputs.covariance.as_ref(), &inputs.base);
    let evaluation = evaluate(&changes, &params, &inputs.base);
    let histogram = propagator
        .as_ref()
        .filter(|p| !p.others.is_empty())
        .and_then(|p| {
            let setup = McSetup {
                mean_changes: &changes,
                propagator: Some(p),
                params: &params,
                base: &inputs.base,
                horizon_quarters: 4,
                innovations: Innovations::Normal,
                paths: SLIDER_PATHS,
                seed: 1,
                floors: inputs.floors,
                soft_floors: inputs.soft_floors,
                parameter_draws: &[],
            };
            let adverse: Vec<bool> = output_specs().iter().map(|s| s.adverse_is_down).collect();
            run_monte_carlo(&setup, &evaluation.base, &adverse)
                .into_iter()
                .next()
                .and_then(|d| d.histogram)
        });
    let outputs = output_specs()
        .into_iter()
        .enumerate()
        .map(|(i, spec)| ScenarioOutput {
            name: spec.name,
            unit: spec.unit,
            unit_zh: spec.unit_zh,
            base: finite(evaluation.base[i]),
            shocked: finite(evaluation.shocked[i]),
        })
        .collect();
    ScenarioResult {
        inputs: SLIDERS
            .iter()
            .zip(values.0)
            .map(|(s, v)| (s.name.to_string(), v))
            .collect(),
        held: HOLDABLE
            .iter()
            .zip(values.1)
            .filter(|(_, held)| *held)
            .map(|(h, _)| h.0.to_string())
            .collect(),
        outputs,
        channels: evaluation
            .channels
            .into_iter()
            .map(|c| ScenarioChannel {
                // The API's JSON keeps its English texts.
                name: c.name.en,
                output: c.output,
                contribution: finite(c.contribution),
                unit: c.unit.en,
                explanation: c.explanation.en,
            })
            .collect(),
        covariance_quarters: inputs.covariance.as_ref().map(|c| c.quarters),
        decomposition: Some(equity_decomposition(&changes, &params))
            .filter(|d| d.total_pct.is_finite()),
        histogram,
        charts_html: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_data() -> ModelInputs {
        model_inputs(&Dataset::default())
    }

    fn output(result: &ScenarioResult, name: &str) -> Option<f64> {
        result
            .outputs
            .iter()
            .find(|o| o.name == name)
            .and_then(|o| o.shocked)
    }

    #[test]
    fn neutral_sliders_change_nothing() {
        let result = evaluate_sliders(&SliderValues::default(), &no_data());
        assert_eq!(output(&result, "index_fair_value"), Some(0.0));
        assert_eq!(output(&result, "small_cap_interest_coverage"), Some(1.0));
    }

    #[test]
    fn erp_plus_one_point_maps_exactly_at_the_earnings_yield() {
        // P/E = 1/EY at the documented default EY₀ = 2.5263% (nothing stored): a required
        // yield one point higher gives 2.5263/3.5263 − 1 = −28.36%.
        let mut values = SliderValues::default();
        values.set("erp", 1.0).unwrap();
        let result = evaluate_sliders(&values, &no_data());
        let change = output(&result, "index_fair_value").unwrap();
        assert!(
            (change - 100.0 * (2.5263 / 3.5263 - 1.0)).abs() < 1e-9,
            "{change}"
        );
    }

    #[test]
    fn full_repricing_at_9_percent_is_not_full_here_but_moves_coverage_down() {
        // 85.2% of debt reprices from 3.5% to 9%: 3.5 / (0.148·3.5 + 0.852·9) = 0.4286.
        let mut values = SliderValues::default();
        values.set("refinancing_rate", 9.0).unwrap();
        let result = evaluate_sliders(&values, &no_data());
        let coverage = output(&result, "small_cap_interest_coverage").unwrap();
        assert!((coverage - 3.5 / (0.148 * 3.5 + 0.852 * 9.0)).abs() < 1e-9);
    }

    #[test]
    fn a_held_variable_stays_at_its_base_level() {
        // A covariance from generated data: the VIX moves with a 10-year shock unless held.
        use crate::series::{Series, SeriesMeta};
        let mut data = Dataset::default();
        let q = |i: usize| jiff::civil::date(2000 + (i / 4) as i16, (i % 4) as i8 * 3 + 1, 1);
        for (id, f) in [
            (
                "DGS10",
                (|i: usize| 4.0 + ((i * 7) % 5) as f64 * 0.1) as fn(usize) -> f64,
            ),
            ("VIXCLS", |i: usize| {
                18.0 + ((i * 7) % 5) as f64 + ((i * 3) % 2) as f64
            }),
        ] {
            data.insert(Series::new(
                SeriesMeta {
                    id: id.into(),
                    ..Default::default()
                },
                (0..40).map(|i| (q(i), f(i))).collect(),
            ));
        }
        let inputs = model_inputs(&data);
        let mut values = SliderValues::default();
        values.set("ust10y", 1.0).unwrap();
        let vix = |r: &ScenarioResult| {
            let o = r.outputs.iter().find(|o| o.name == "vix").unwrap();
            (o.base.unwrap(), o.shocked.unwrap())
        };
        let (base, free) = vix(&evaluate_sliders(&values, &inputs));
        assert!((free - base).abs() > 0.1, "{base} {free}");
        values.hold("vix").unwrap();
        let held = evaluate_sliders(&values, &inputs);
        assert_eq!(vix(&held), (base, base));
        assert_eq!(held.held, ["vix"]);
        assert!(values.hold("unemployment").is_err());
    }

    #[test]
    fn out_of_range_and_unknown_sliders_are_refused() {
        let mut values = SliderValues::default();
        assert!(values.set("ust10y", 40.0).is_err());
        assert!(values.set("ust10y", f64::NAN).is_err());
        assert!(values.set("nope", 1.0).is_err());
        assert!(values.set("gpu_life", 3.0).is_ok());
    }
}
