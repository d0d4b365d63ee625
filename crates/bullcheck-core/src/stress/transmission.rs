//! The transmission model (every equation is in `docs/transmission.md`): from a scenario's
//! changes to valuations, earnings, small-cap solvency, consumers and markets, with the
//! contribution of each channel.
//!
//! 1. Conditional propagation: statistical variables a scenario does not shock move with
//!    E[x_o | x_s] = Σ_os Σ_ss⁻¹ x_s (historical quarterly covariance, [`super::history`]).
//! 2. Valuation: fair P/E in the constant-duration form (docs/catalogue.md M1.5),
//!    `PE₁ = PE₀·exp(−D·(Δy10 + ΔERP)/100)`, with the ERP responding to the high-yield spread
//!    and the VIX, `ΔERP = ΔERP_scenario + β_hy·Δhy_oas + β_vix·Δvix` ([`super::erp`]).
//! 3. AI earnings: hyperscaler depreciation (M2) with the scenario's GPU life and capex, and
//!    Nvidia earnings moving with data-center revenue, i.e. with capex; to the index through the
//!    Magnificent-7 weight.
//! 4. Refinancing: coverage multiplier (M3) and the share of small caps below coverage 1 under
//!    a lognormal cross-section of coverage.
//! 5. Markets and consumers (equities, small caps, spreads, VIX, delinquency): the shocked or
//!    conditional changes of the statistical variables themselves — the regression betas on
//!    stored history.

use statrs::distribution::{ContinuousCDF, Normal};

use super::variables::{ChangeUnit, Parameters, VARIABLES, Variable};
use crate::models::{depreciation, refinancing};
use crate::vocab::Note;

mod propagation;
pub use propagation::{
    ChangeOrigin, Changes, Propagator, cholesky_with_jitter, propagate, propagator,
};

pub const NUM_VARIABLES: usize = VARIABLES.len();

/// The model outputs, in a fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    IndexFairValue,
    FairPe,
    AiEarnings,
    SmallCapCoverage,
    SmallCapShareBelowIcr1,
    Market(Variable),
}

/// Static description of an output.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputSpec {
    pub output: Output,
    pub name: String,
    pub unit: String,
    /// [`OutputSpec::unit`] in Chinese.
    pub unit_zh: String,
    /// True when a fall is the adverse direction (VaR/ES measured on the lower tail).
    pub adverse_is_down: bool,
}

/// The outputs in evaluation order.
pub fn output_specs() -> Vec<OutputSpec> {
    let mut specs = vec![
        OutputSpec {
            output: Output::IndexFairValue,
            name: "index_fair_value".into(),
            unit: "% change".into(),
            unit_zh: "%（变动）".into(),
            adverse_is_down: true,
        },
        OutputSpec {
            output: Output::FairPe,
            name: "fair_pe".into(),
            unit: "x".into(),
            unit_zh: "倍".into(),
            adverse_is_down: true,
        },
        OutputSpec {
            output: Output::AiEarnings,
            name: "ai_earnings".into(),
            unit: "% change".into(),
            unit_zh: "%（变动）".into(),
            adverse_is_down: true,
        },
        OutputSpec {
            output: Output::SmallCapCoverage,
            name: "small_cap_interest_coverage".into(),
            unit: "multiple of today's".into(),
            unit_zh: "当前值的倍数".into(),
            adverse_is_down: true,
        },
        OutputSpec {
            output: Output::SmallCapShareBelowIcr1,
            name: "small_cap_share_below_coverage_1".into(),
            unit: "share".into(),
            unit_zh: "占比".into(),
            adverse_is_down: false,
        },
    ];
    for spec in VARIABLES.iter().filter(|s| s.variable.is_statistical()) {
        let adverse_is_down = matches!(
            spec.variable,
            Variable::EquityIndex | Variable::SmallCapRelative | Variable::Usdjpy
        );
        let unit = match spec.change_unit {
            ChangeUnit::Difference => format!("{} (level)", spec.level_unit_label),
            ChangeUnit::LogPercent => format!("{} (level)", spec.level_unit_label),
        };
        specs.push(OutputSpec {
            output: Output::Market(spec.variable),
            name: spec.name.into(),
            unit,
            unit_zh: format!("{}（水平）", spec.level_unit_label_zh),
            adverse_is_down,
        });
    }
    specs
}

/// Levels the outputs start from (today's stored values; `None` when not stored).
#[derive(Debug, Clone, PartialEq)]
pub struct BaseLevels {
    pub levels: [Option<f64>; NUM_VARIABLES],
}

/// A channel's contribution to an output.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    pub name: Note,
    pub output: String,
    pub contribution: f64,
    pub unit: Note,
    pub explanation: Note,
}

/// Deterministic evaluation: base and shocked value of each output (same order as
/// [`output_specs`]), `NaN` where an input is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub base: Vec<f64>,
    pub shocked: Vec<f64>,
    pub channels: Vec<Channel>,
}

/// The change of the earnings yield (pp), in four pieces: the scenario's own (an `erp` shock
/// plus an `erp` parameter override: a higher required premium is a higher yield one for one),
/// and the responses to the 10-year, the high-yield spread and the VIX
/// (`ΔEY = β_10·Δy10 + β_hy·Δhy_oas + β_vix·Δvix`, [`super::erp`]).
pub fn erp_change_pieces(changes: &Changes, params: &Parameters) -> [f64; 4] {
    [
        changes.get(Variable::Erp) + (params.get("erp") - Parameters::default_of("erp")),
        params.get(super::erp::BETA_UST10Y_PARAMETER) * changes.get(Variable::Ust10y),
        params.get(super::erp::BETA_HY_OAS_PARAMETER) * changes.get(Variable::HyOas),
        params.get(super::erp::BETA_VIX_PARAMETER) * changes.get(Variable::Vix),
    ]
}

/// The index change split by channel, each in % of the index (`total` is their product:
/// `(1+e)(1+m)(1+g)(1+a)(1+s) − 1`; `interaction` makes the pieces add up to it).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct EquityDecomposition {
    /// Earnings: exp(β_u·Δunemployment/100) − 1.
    pub earnings_pct: f64,
    /// Multiple at the jump-off earnings yield and the discount-rate channel:
    /// EY₀/(EY₀ + ΔEY) · exp(γ_10·Δy10/100) − 1.
    pub multiple_pct: f64,
    /// Starting-valuation gap closed: exp(closure · ln(fair P/E / trailing P/E)) − 1.
    pub valuation_gap_pct: f64,
    /// AI earnings layer: Mag-7 weight × AI earnings change.
    pub ai_pct: f64,
    /// Small-cap distress and credit losses: −weight × Δ(share below coverage 1) × 100.
    pub small_cap_credit_pct: f64,
    pub interaction_pct: f64,
    pub total_pct: f64,
    /// The jump-off earnings yield EY₀ (%, 100/CAPE) and its change (pp).
    pub earnings_yield_pct: f64,
    pub earnings_yield_change_pp: f64,
}

/// The equity decomposition of a set of changes.
pub fn equity_decomposition(changes: &Changes, params: &Parameters) -> EquityDecomposition {
    let earnings = 100.0
        * ((params.get(super::earnings::BETA_UNEMPLOYMENT_PARAMETER)
            * changes.get(Variable::Unemployment)
            / 100.0)
            .exp()
            - 1.0);
    let ey0 = params.get("earnings_yield");
    let dey: f64 = erp_change_pieces(changes, params).iter().sum();
    // The discount-rate channel (super::discount) scales the multiple by exp(γ·Δy10/100).
    let rate = (params.get(super::discount::GAMMA_UST10Y_PARAMETER)
        * changes.get(Variable::Ust10y)
        / 100.0)
        .exp();
    let multiple = if ey0 > 0.0 && ey0 + dey > 0.0 {
        100.0 * (ey0 / (ey0 + dey) * rate - 1.0)
    } else {
        f64::NAN
    };
    let gap = 100.0
        * ((params.get("valuation_gap_closure") * params.get("valuation_gap_log")).exp() - 1.0);
    let ai = ai_index_change_pct(changes, params);
    let small_cap = small_cap_credit_pct(changes, params);
    let total = 100.0
        * ((1.0 + earnings / 100.0)
            * (1.0 + multiple / 100.0)
            * (1.0 + gap / 100.0)
            * (1.0 + ai / 100.0)
            * (1.0 + small_cap / 100.0)
            - 1.0);
    EquityDecomposition {
        earnings_pct: earnings,
        multiple_pct: multiple,
        valuation_gap_pct: gap,
        ai_pct: ai,
        small_cap_credit_pct: small_cap,
        interaction_pct: total - earnings - multiple - gap - ai - small_cap,
        total_pct: total,
        earnings_yield_pct: ey0,
        earnings_yield_change_pp: dey,
    }
}

/// Small caps pushed below interest coverage 1 by refinancing lose their equity (an upper
/// bound), weighted by the small caps' share of the market: −w · Δshare · 100.
fn small_cap_credit_pct(changes: &Changes, params: &Parameters) -> f64 {
    let multiplier = coverage_multiplier(changes, params);
    let before = params.get("share_below_icr1_before");
    let after = share_below_one(multiplier, params);
    -params.get("small_cap_index_weight") * 100.0 * (after - before)
}

fn coverage_multiplier(changes: &Changes, params: &Parameters) -> f64 {
    refinancing::coverage_multiplier(refinancing::Repricing {
        old_rate: params.get("legacy_coupon") / 100.0,
        new_rate: new_refinancing_rate(changes, params) / 100.0,
        repriced_share: params.get("refinanced_share"),
    })
    .unwrap_or(f64::NAN)
}

/// The AI channel's pieces, each in % of combined AI net income: (gpu life, capex on
/// depreciation, Nvidia revenue).
fn ai_earnings_pieces(changes: &Changes, params: &Parameters) -> [f64; 3] {
    let capex = depreciation::CATALOGUE_ILLUSTRATIVE_CAPEX_BN;
    let tau = params.get("tax_rate");
    let base_life = Parameters::default_of("gpu_life_years").round() as usize;
    let life = params.get("gpu_life_years").round();
    if !(1.0..=capex.len() as f64).contains(&life) {
        return [f64::NAN; 3];
    }
    let life = life as usize;
    let capex_factor = (changes.get(Variable::AiCapex) / 100.0).exp();
    let mut shocked_capex = capex;
    shocked_capex[capex.len() - 1] *= capex_factor;
    let d =
        |c: &[f64], l: usize| depreciation::depreciation_from_vintages(c, l).unwrap_or(f64::NAN);
    let d_base = d(&capex, base_life);
    let life_effect = d(&capex, life) - d_base;
    let capex_effect = d(&shocked_capex, life) - d(&capex, life);
    let hyperscaler_ni = params.get("hyperscaler_net_income_bn");
    let nvidia_ni = params.get("nvidia_net_income_bn");
    let total_ni = hyperscaler_ni + nvidia_ni;
    let nvidia_change = nvidia_ni * params.get("nvidia_datacenter_share") * (capex_factor - 1.0);
    [
        -life_effect * (1.0 - tau) / total_ni * 100.0,
        -capex_effect * (1.0 - tau) / total_ni * 100.0,
        nvidia_change / total_ni * 100.0,
    ]
}

/// The AI channel's effect on the index, in % (Mag-7 weight × AI earnings change).
pub fn ai_index_change_pct(changes: &Changes, params: &Parameters) -> f64 {
    params.get("mag7_index_weight") * ai_earnings_pieces(changes, params).iter().sum::<f64>()
}

/// The new rate on refinanced debt (%): the `refinancing_rate` override, or else the legacy
/// coupon moved by the 10-year and the high-yield spread, floored at 0.
fn new_refinancing_rate(changes: &Changes, params: &Parameters) -> f64 {
    if params.overrides.contains_key("refinancing_rate") {
        params.get("refinancing_rate")
    } else {
        // A rate cannot go below 0: a spread falling by more than the coupon floors it there.
        (params.get("legacy_coupon") + changes.get(Variable::Ust10y) + changes.get(Variable::HyOas))
            .max(0.0)
    }
}

fn share_below_one(multiplier: f64, params: &Parameters) -> f64 {
    let sd = params.get("icr_log_sd");
    let before = params.get("share_below_icr1_before");
    let Ok(std_normal) = Normal::new(0.0, 1.0) else {
        return f64::NAN;
    };
    if !(0.0..1.0).contains(&before) || before == 0.0 || sd <= 0.0 || multiplier <= 0.0 {
        return f64::NAN;
    }
    // ln ICR ~ N(μ, sd²) with P(ICR < 1) = before ⇒ μ = −sd·Φ⁻¹(before).
    let mu = -sd * std_normal.inverse_cdf(before);
    std_normal.cdf((-multiplier.ln() - mu) / sd)
}

/// Shocked values of every output, in [`output_specs`] order (fast path for Monte Carlo).
pub fn evaluate_values(
    changes: &Changes,
    params: &Parameters,
    base: &BaseLevels,
    out: &mut Vec<f64>,
) {
    out.clear();
    let equity = equity_decomposition(changes, params);
    let ai_total: f64 = ai_earnings_pieces(changes, params).iter().sum();
    out.push(equity.total_pct);
    out.push(fair_pe_after(&equity));
    out.push(ai_total);
    let multiplier = coverage_multiplier(changes, params);
    out.push(multiplier);
    out.push(share_below_one(multiplier, params));
    for spec in VARIABLES.iter().filter(|s| s.variable.is_statistical()) {
        let level = base.levels[spec.variable.index()].unwrap_or(f64::NAN);
        let change = changes.get(spec.variable);
        out.push(match spec.change_unit {
            ChangeUnit::Difference => level + change,
            ChangeUnit::LogPercent => level * (change / 100.0).exp(),
        });
    }
}

/// The P/E10 after the multiple and the valuation gap: 100/(EY₀ + ΔEY) · gap factor.
fn fair_pe_after(equity: &EquityDecomposition) -> f64 {
    let ey = equity.earnings_yield_pct + equity.earnings_yield_change_pp;
    if ey > 0.0 {
        100.0 / ey * (1.0 + equity.valuation_gap_pct / 100.0)
    } else {
        f64::NAN
    }
}

/// Full deterministic evaluation with the channel waterfall.
pub fn evaluate(changes: &Changes, params: &Parameters, base: &BaseLevels) -> Evaluation {
    let zero = Changes {
        values: [0.0; NUM_VARIABLES],
        origin: [ChangeOrigin::Unchanged; NUM_VARIABLES],
    };
    let mut base_values = Vec::new();
    // The base: no scenario (default parameters) at the same jump-off earnings yield.
    let mut base_params = Parameters::default();
    if let Some(&ey) = params.overrides.get("earnings_yield") {
        base_params.overrides.insert("earnings_yield".into(), ey);
    }
    evaluate_values(&zero, &base_params, base, &mut base_values);
    let mut shocked = Vec::new();
    evaluate_values(changes, params, base, &mut shocked);

    let equity = equity_decomposition(changes, params);
    let erp = erp_change_pieces(changes, params);
    let ai = ai_earnings_pieces(changes, params);
    let weight = params.get("mag7_index_weight");
    let index = |name: Note, contribution: f64, explanation: Note| Channel {
        name,
        output: "index_fair_value".into(),
        contribution,
        unit: Note::same("%"),
        explanation,
    };
    let (beta_u, du) = (
        params.get(super::earnings::BETA_UNEMPLOYMENT_PARAMETER),
        changes.get(Variable::Unemployment),
    );
    let ey = format!(
        "EY₀ {:.3}% / (EY₀ + ΔEY {:+.3}) − 1",
        equity.earnings_yield_pct, equity.earnings_yield_change_pp
    );
    let dey = format!(
        "{:+.2} + {:.4}·Δy10 {:+.2} + {:.4}·Δhy_oas {:+.2} + {:.4}·Δvix {:+.2}",
        erp[0],
        params.get(super::erp::BETA_UST10Y_PARAMETER),
        changes.get(Variable::Ust10y),
        params.get(super::erp::BETA_HY_OAS_PARAMETER),
        changes.get(Variable::HyOas),
        params.get(super::erp::BETA_VIX_PARAMETER),
        changes.get(Variable::Vix),
    );
    let (closure, gap_log) = (
        params.get("valuation_gap_closure"),
        params.get("valuation_gap_log"),
    );
    let ai_change = ai.iter().sum::<f64>();
    let small_cap_weight = params.get("small_cap_index_weight");
    let mut channels = vec![
        index(
            Note::new(
                "earnings (unemployment → index EPS)",
                "盈利（失业率 → 指数EPS）",
            ),
            equity.earnings_pct,
            Note::new(
                format!(
                    "exp({beta_u:.3}·Δunemployment {du:+.2} / 100) − 1 (Huber regression on Shiller real E, docs/transmission.md §1)"
                ),
                format!(
                    "exp({beta_u:.3}·Δunemployment {du:+.2} / 100) − 1（基于Shiller实际盈利的Huber回归，docs/transmission.md §1）"
                ),
            ),
        ),
        index(
            Note::new(
                "multiple (earnings yield at the jump-off, P/E = 1/EY)",
                "估值倍数（起点盈利收益率，P/E = 1/EY）",
            ),
            equity.multiple_pct,
            Note::new(
                format!("{ey}; ΔEY = scenario {dey}"),
                format!("{ey}；ΔEY = 情景 {dey}"),
            ),
        ),
        index(
            Note::new("starting valuation gap closed", "起点估值缺口的收敛"),
            equity.valuation_gap_pct,
            Note::new(
                format!(
                    "exp(closure {closure} · ln(fair P/E / trailing P/E) {gap_log:+.3}) − 1 (fair P/E: duration form of the audit's fair_pe_gap)"
                ),
                format!(
                    "exp(收敛比例 {closure} · ln(合理P/E / 滚动P/E) {gap_log:+.3}) − 1（合理P/E：审计中fair_pe_gap的久期形式）"
                ),
            ),
        ),
        index(
            Note::new(
                "AI earnings (capex & GPU life → Mag-7 earnings)",
                "AI盈利（资本开支与GPU寿命 → Mag-7盈利）",
            ),
            equity.ai_pct,
            Note::new(
                format!("Mag-7 weight {weight} × AI earnings change {ai_change:+.2}%"),
                format!("Mag-7权重 {weight} × AI盈利变动 {ai_change:+.2}%"),
            ),
        ),
        index(
            Note::new("small-cap distress & credit losses", "小盘股困境与信用损失"),
            equity.small_cap_credit_pct,
            Note::new(
                format!(
                    "−small-cap weight {small_cap_weight} × Δ share below coverage 1 × 100 (their equity lost: an upper bound)"
                ),
                format!(
                    "−小盘股权重 {small_cap_weight} × 利息覆盖倍数低于1的占比变动 × 100（其股权全部损失：上限）"
                ),
            ),
        ),
        index(
            Note::new("interaction", "交互项"),
            equity.interaction_pct,
            Note::new(
                "product of the channels minus their sum: Π(1+cᵢ) − 1 − Σcᵢ",
                "各渠道之积减去其和：Π(1+cᵢ) − 1 − Σcᵢ",
            ),
        ),
    ];
    let erp_names = [
        (
            Note::new(
                "earnings yield: scenario (erp shock and erp parameter)",
                "盈利收益率：情景（erp冲击与erp参数）",
            ),
            Note::new(
                "the scenario's own change of the equity risk premium",
                "情景自身设定的股权风险溢价变动",
            ),
        ),
        (
            Note::new(
                "earnings yield: response to the 10-year",
                "盈利收益率：对10年期收益率的响应",
            ),
            Note::new(
                "β_10 · Δy10 (Huber regression on Shiller CAPE yield; 0 when dropped as insignificant)",
                "β_10 · Δy10（基于Shiller CAPE收益率的Huber回归；因不显著而剔除时为0）",
            ),
        ),
        (
            Note::new(
                "earnings yield: response to high-yield spread",
                "盈利收益率：对高收益债利差的响应",
            ),
            Note::new(
                "β_hy · Δhy_oas (same regression)",
                "β_hy · Δhy_oas（同一回归）",
            ),
        ),
        (
            Note::new("earnings yield: response to VIX", "盈利收益率：对VIX的响应"),
            Note::new(
                "β_vix · Δvix (same regression; 0 when dropped as insignificant)",
                "β_vix · Δvix（同一回归；因不显著而剔除时为0）",
            ),
        ),
    ];
    for ((name, explanation), value) in erp_names.into_iter().zip(erp) {
        channels.push(Channel {
            name,
            output: "erp".into(),
            contribution: value,
            unit: Note::same("pp"),
            explanation,
        });
    }
    let ai_names = [
        (
            Note::new("GPU life (depreciation, M2)", "GPU寿命（折旧，M2）"),
            Note::new(
                "D(new life) − D(6y) on docs/catalogue.md M2's illustrative capex, after tax",
                "D(新寿命) − D(6年)，基于docs/catalogue.md M2的示意性资本开支，税后",
            ),
        ),
        (
            Note::new("capex level (depreciation)", "资本开支水平（折旧）"),
            Note::new(
                "change in the newest vintage's depreciation, after tax",
                "最新一期资本开支的折旧变动，税后",
            ),
        ),
        (
            Note::new("Nvidia data-center revenue", "Nvidia数据中心收入"),
            Note::new(
                "Nvidia net income × data-center share × capex change",
                "Nvidia净利润 × 数据中心占比 × 资本开支变动",
            ),
        ),
    ];
    for ((name, explanation), value) in ai_names.into_iter().zip(ai) {
        channels.push(Channel {
            name,
            output: "ai_earnings".into(),
            contribution: value,
            unit: Note::new("% of AI net income", "%（占AI净利润）"),
            explanation,
        });
    }
    let new_rate = new_refinancing_rate(changes, params);
    let (share, coupon) = (
        params.get("refinanced_share") * 100.0,
        params.get("legacy_coupon"),
    );
    channels.push(Channel {
        name: Note::new("refinancing (M3)", "再融资（M3）"),
        output: "small_cap_interest_coverage".into(),
        contribution: shocked[3] - 1.0,
        unit: Note::new("change in multiple", "倍数变动"),
        explanation: Note::new(
            format!("{share:.1}% of debt reprices from {coupon:.2}% to {new_rate:.2}%"),
            format!("{share:.1}%的债务利率从{coupon:.2}%重定价至{new_rate:.2}%"),
        ),
    });
    for spec in VARIABLES.iter().filter(|s| s.variable.is_statistical()) {
        let i = spec.variable.index();
        let how = match changes.origin[i] {
            ChangeOrigin::Shocked => Note::new("shocked by the scenario", "情景冲击"),
            ChangeOrigin::Conditional => Note::new(
                "conditional expectation given the shocked variables",
                "给定受冲击变量的条件期望",
            ),
            ChangeOrigin::Unchanged => Note::new(
                "not shocked and no stored history: unchanged",
                "未受冲击且无存储历史：不变",
            ),
        };
        channels.push(Channel {
            name: Note::new(
                format!("{} ({})", spec.name, how.en),
                format!("{}（{}）", spec.name, how.zh),
            ),
            output: spec.name.into(),
            contribution: changes.values[i],
            unit: Note::new(spec.change_unit_label, spec.change_unit_label_zh),
            explanation: Note::new(spec.title, spec.title_zh),
        });
    }
    Evaluation {
        base: base_values,
        shocked,
        channels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stress::history::Covariance;
    use crate::stress::scenario::ResolvedShock;
    use jiff::civil::date;
    use nalgebra::DMatrix;

    fn no_base() -> BaseLevels {
        BaseLevels {
            levels: [None; NUM_VARIABLES],
        }
    }

    fn shock(v: Variable, change: f64) -> ResolvedShock {
        ResolvedShock {
            variable: v,
            change,
            explanation: Note::default(),
        }
    }

    #[test]
    fn the_multiple_maps_the_yield_change_exactly_at_the_jump_off_yield() {
        // EY₀ = 2.5%, β_hy = 0.25, spread +2 points ⇒ ΔEY = 0.5 and the multiple is
        // 2.5/3.0 − 1 = −16.67%; P/E10 from 40× to 33.3×. Nothing else moves.
        let mut params = Parameters::default();
        for (k, v) in [
            ("earnings_yield", 2.5),
            ("erp_beta_hy_oas", 0.25),
            ("ey_beta_ust10y", 0.0),
            ("small_cap_index_weight", 0.0),
        ] {
            params.overrides.insert(k.into(), v);
        }
        let (ch, _) = propagate(&[shock(Variable::HyOas, 2.0)], None, &no_base());
        let e = evaluate(&ch, &params, &no_base());
        assert!(
            (e.shocked[0] - 100.0 * (2.5 / 3.0 - 1.0)).abs() < 1e-9,
            "{}",
            e.shocked[0]
        );
        assert!((e.base[1] - 40.0).abs() < 1e-9);
        assert!((e.shocked[1] - 100.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn unemployment_moves_earnings_by_the_estimated_slope() {
        // β_u = −8 log points per pp: +2 pp ⇒ exp(−0.16) − 1 = −14.79% (multiple unchanged).
        let mut params = Parameters::default();
        params
            .overrides
            .insert("earnings_beta_unemployment".into(), -8.0);
        let (ch, _) = propagate(&[shock(Variable::Unemployment, 2.0)], None, &no_base());
        let d = equity_decomposition(&ch, &params);
        assert!((d.earnings_pct - 100.0 * ((-0.16f64).exp() - 1.0)).abs() < 1e-9);
        assert_eq!(d.multiple_pct, 0.0);
    }

    #[test]
    fn gpu_life_three_years_hits_ai_earnings_by_catalogue_38bn_after_tax() {
        let mut params = Parameters::default();
        params.overrides.insert("gpu_life_years".into(), 3.0);
        let (ch, _) = propagate(&[], None, &no_base());
        let e = evaluate(&ch, &params, &no_base());
        // ΔD = 130.0 − 91.67 = 38.33; after tax 31.8; over 380 + 127.64 = 507.64 → −6.27%.
        let expected = -(130.0 - 550.0 / 6.0) * 0.83 / 507.64 * 100.0;
        assert!((e.shocked[2] - expected).abs() < 1e-9, "{}", e.shocked[2]);
    }

    #[test]
    fn refinancing_at_9_percent_gives_m3_multiplier() {
        let mut params = Parameters::default();
        params.overrides.insert("refinancing_rate".into(), 9.0);
        params.overrides.insert("refinanced_share".into(), 1.0);
        let (ch, _) = propagate(&[], None, &no_base());
        let e = evaluate(&ch, &params, &no_base());
        assert_eq!((e.shocked[3] * 100.0).round() / 100.0, 0.39);
        // Before: 42% below 1 by construction.
        assert!((e.base[4] - 0.42).abs() < 1e-9);
        assert!(e.shocked[4] > 0.42);
    }

    #[test]
    fn conditional_expectation_is_regression_beta() {
        // Two variables with var(x)=1, cov=0.5, var(y)=2: E[y | x=2] = 0.5/1·2 = 1.
        let cov = Covariance {
            variables: vec![Variable::Unemployment, Variable::ConsumerDelinquency],
            series_ids: vec!["UNRATE".into(), "DRCLACBS".into()],
            matrix: DMatrix::from_row_slice(2, 2, &[1.0, 0.5, 0.5, 2.0]),
            quarters: 20,
            first_quarter: date(2000, 1, 1),
            last_quarter: date(2005, 1, 1),
            dropped: vec![],
            excluded_quarters: vec![],
        };
        let (ch, prop) = propagate(
            &[shock(Variable::Unemployment, 2.0)],
            Some(&cov),
            &no_base(),
        );
        assert!((ch.get(Variable::ConsumerDelinquency) - 1.0).abs() < 1e-12);
        assert_eq!(
            ch.origin[Variable::ConsumerDelinquency.index()],
            ChangeOrigin::Conditional
        );
        // Conditional variance 2 − 0.25 = 1.75.
        let l = prop.unwrap().conditional_cholesky;
        assert!((l[(0, 0)].powi(2) - 1.75).abs() < 1e-12);
    }
}
