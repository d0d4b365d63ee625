//! Portfolios under the stress scenarios, and the seeds' patches.
//!
//! ```text
//! holdings CSV ─► holdings::parse_holdings ─┐
//! stress::run(scenario) ─► adapter::scenario_moves ─► ModelMoves ─┤
//! Dataset ─► assets::estimate (levels, fits) ─────────────────────┴─► run ─► Report
//!                                                     patches ─┘
//! ```
//!
//! Pure: the binary reads the holdings file and the store and runs the stress model; this
//! module prices every holding from [`adapter::ModelMoves`] only (see `docs/portfolio.md`).

pub mod adapter;
pub mod assets;
pub mod bond;
pub mod bsm;
pub mod fit;
pub mod holdings;
pub mod html;
pub mod montecarlo;
pub mod patches;
pub mod percent;
pub mod text;

use serde::Serialize;

use crate::series::Dataset;
use crate::vocab::Note;
use adapter::ModelMoves;
use assets::{AssetKind, Cited, Estimates, carry_pct, outcome};
use fit::{Fit, Realised};
use holdings::Holding;
use patches::{
    Patch, PutMarket, patched_holdings, put_cost_per_year, put_program_pnl, put_program_pnl_on_path,
};

/// One holding's part in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub asset: String,
    pub weight: f64,
    /// The return used: history in a replay when stored, else the model (%).
    pub return_pct: Option<f64>,
    /// weight × return_pct (percentage points of the portfolio).
    pub contribution_pct: Option<f64>,
    /// `history`, `model` or `missing`.
    pub source: String,
    pub model_return_pct: Option<f64>,
    pub history_return_pct: Option<f64>,
    pub how: String,
    pub history: Vec<Realised>,
}

/// Percentiles of the portfolio's return and what they vary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub basis: String,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

/// The portfolio in one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    pub scenario: String,
    pub title: String,
    pub title_zh: String,
    pub kind: String,
    pub horizon_quarters: u32,
    /// Σ contributions (`null` when any holding is missing).
    pub return_pct: Option<f64>,
    /// The same with every holding at its model estimate.
    pub model_return_pct: Option<f64>,
    pub distribution: Option<Distribution>,
    pub contributions: Vec<Contribution>,
    pub moves: ModelMoves,
}

/// A patch's outcome in one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchScenario {
    pub scenario: String,
    pub return_pct: Option<f64>,
    /// Patched − unpatched, percentage points.
    pub change_pp: Option<f64>,
}

/// A patch: cost, outcome per scenario, worst-scenario improvement per unit of cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchResult {
    pub patch: String,
    pub parameters: Patch,
    /// Yearly carry given up, % of the portfolio (negative: the patch earns more carry).
    pub cost_pct_per_year: Option<f64>,
    pub scenarios: Vec<PatchScenario>,
    pub worst_unpatched: Option<(String, f64)>,
    pub worst_patched: Option<(String, f64)>,
    /// worst patched − worst unpatched, pp.
    pub worst_improvement_pp: Option<f64>,
    /// worst_improvement_pp / cost_pct_per_year (`null` when the cost is not positive).
    pub improvement_per_unit_cost: Option<f64>,
    pub notes: Vec<Note>,
}

/// A holding with its carry and how it is modelled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoldingReport {
    pub asset: String,
    pub weight: f64,
    pub carry_pct_per_year: Option<f64>,
    pub fit: Option<Fit>,
    pub fit_missing: Option<Note>,
}

/// The result of `portfolio run`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub holdings: Vec<HoldingReport>,
    pub carry_pct_per_year: Option<f64>,
    pub scenarios: Vec<ScenarioResult>,
    pub patches: Vec<PatchResult>,
    pub estimates: Estimates,
    pub cited: Vec<Cited>,
    pub skew_source: String,
    pub notes: Vec<Note>,
}

fn weighted_return(
    holdings: &[(AssetKind, f64)],
    moves: &ModelMoves,
    est: &Estimates,
    data: &Dataset,
) -> (Option<f64>, Option<f64>, Vec<Contribution>) {
    let contributions: Vec<Contribution> = holdings
        .iter()
        .map(|(kind, w)| {
            let o = outcome(kind, moves, est, data, None);
            Contribution {
                asset: kind.name(),
                weight: *w,
                return_pct: o.used(),
                contribution_pct: o.used().map(|r| w * r),
                source: o.source().to_string(),
                model_return_pct: o.model_pct,
                history_return_pct: o.history_pct,
                how: o.how,
                history: o.history,
            }
        })
        .collect();
    let total: Option<f64> = contributions.iter().map(|c| c.contribution_pct).sum();
    let model: Option<f64> = contributions
        .iter()
        .map(|c| c.model_return_pct.map(|r| r * c.weight))
        .sum();
    (total, model, contributions)
}

fn equity_weight(holdings: &[(AssetKind, f64)]) -> f64 {
    holdings
        .iter()
        .filter(|h| {
            matches!(
                h.0,
                AssetKind::UsLargeCap | AssetKind::UsTech | AssetKind::UsSmallCap
            )
        })
        .map(|h| h.1)
        .sum()
}

fn portfolio_carry(holdings: &[(AssetKind, f64)], est: &Estimates) -> Option<f64> {
    holdings
        .iter()
        .map(|(k, w)| carry_pct(k, est).map(|c| c * w))
        .sum()
}

fn put_market(est: &Estimates) -> PutMarket {
    PutMarket {
        rate: est.tbill.unwrap_or(0.0) / 100.0,
        dividend: est.dividend_yield.unwrap_or(0.0) / 100.0,
    }
}

/// The put program's P&L per unit of index notional in one scenario: along the stored daily
/// S&P 500 and VIX in a replay (what actually happened), else along the smooth path from the
/// scenario's equity change and VIX change.
fn put_pnl(
    patch: (f64, f64, f64),
    moves: &ModelMoves,
    est: &Estimates,
    data: &Dataset,
    market: PutMarket,
) -> Option<(f64, &'static str)> {
    let (moneyness, tenor, skew) = patch;
    if let (Some((a, b)), Some(vix), Some(sp)) = (
        moves.replay.as_ref(),
        data.get("VIXCLS"),
        fit::first_stored(data, &["SP500_LONG", "SP500"]),
    ) {
        let (a, b) = (crate::series::parse_date(a)?, crate::series::parse_date(b)?);
        let s0 = fit::realised(sp, a, b)?.start_value;
        fit::realised(vix, a, b)?;
        let horizon = (b - a).get_days() as f64 / 365.25;
        let at = |t: f64| {
            a.checked_add(jiff::Span::new().days((t * 365.25).round() as i64))
                .unwrap_or(b)
                .min(b)
        };
        let value_at = |s: &crate::series::Series, t: f64| s.last_at(at(t)).map(|p| p.1);
        let pnl = put_program_pnl_on_path(
            moneyness,
            tenor,
            skew,
            horizon,
            |t| value_at(sp, t).unwrap_or(s0) / s0,
            |t| value_at(vix, t).unwrap_or(f64::NAN),
            market,
        );
        return pnl
            .is_finite()
            .then_some((pnl, "the stored daily S&P 500 and VIX"));
    }
    let equity = outcome(&AssetKind::UsLargeCap, moves, est, data, None).used()?;
    let vix0 = moves.vix_level?;
    let pnl = put_program_pnl(
        moneyness,
        tenor,
        skew,
        equity,
        assets::horizon_years(moves),
        vix0,
        vix0 + moves.vix_change_pts?,
        market,
    );
    pnl.is_finite().then_some((
        pnl,
        "a smooth path from the scenario's equity and VIX changes",
    ))
}

/// Runs the holdings through every scenario and patch.
pub fn run(
    holdings: &[Holding],
    scenarios: &[ModelMoves],
    patches: &[(String, Patch)],
    data: &Dataset,
) -> Report {
    let base: Vec<(AssetKind, f64)> = holdings
        .iter()
        .map(|h| (h.kind.clone(), h.weight))
        .collect();
    let mut kinds: Vec<AssetKind> = base.iter().map(|h| h.0.clone()).collect();
    for (_, p) in patches {
        if let Some(ph) = patched_holdings(p, &base) {
            kinds.extend(ph.into_iter().map(|h| h.0));
        }
    }
    let est = assets::estimate(data, &kinds);
    let mut notes = Vec::new();
    let results: Vec<ScenarioResult> = scenarios
        .iter()
        .map(|moves| {
            let (return_pct, model_return_pct, contributions) =
                weighted_return(&base, moves, &est, data);
            let distribution = distribution(&base, moves, &est, data);
            ScenarioResult {
                scenario: moves.scenario.clone(),
                title: moves.title.clone(),
                title_zh: moves.title_zh.clone(),
                kind: moves.kind.clone(),
                horizon_quarters: moves.horizon_quarters,
                return_pct,
                model_return_pct,
                distribution,
                contributions,
                moves: moves.clone(),
            }
        })
        .collect();
    let carry = portfolio_carry(&base, &est);
    let patch_results = patches
        .iter()
        .map(|(spec, patch)| evaluate_patch(spec, patch, &base, &results, scenarios, &est, data))
        .collect();
    if est.dividend_yield.is_none() {
        notes.push(Note::new(
            "no_data: SHILLER_D/SHILLER_P not stored: equity carry (dividend yield) is missing",
            "无数据：未存储 SHILLER_D/SHILLER_P：缺少股票类资产的息差收益（股息率）",
        ));
    }
    notes.push(Note::new(
        "equity classes are price returns except in carry, where they earn the S&P 500's dividend yield",
        "股票类资产采用价格收益，息差收益除外：息差收益按标普500股息率计算",
    ));
    Report {
        holdings: base
            .iter()
            .map(|(k, w)| {
                let fit = est.fits.get(&k.name());
                HoldingReport {
                    asset: k.name(),
                    weight: *w,
                    carry_pct_per_year: carry_pct(k, &est),
                    fit: fit.and_then(|f| f.as_ref().ok().cloned()),
                    fit_missing: fit.and_then(|f| f.as_ref().err().cloned()),
                }
            })
            .collect(),
        carry_pct_per_year: carry,
        scenarios: results,
        patches: patch_results,
        estimates: est,
        cited: assets::CITED.to_vec(),
        skew_source: patches::SKEW_SOURCE.to_string(),
        notes,
    }
}

/// Percentiles of the portfolio's model return when the scenario's stress run had Monte Carlo
/// paths: the model's equity change at its 5th, 50th and 95th percentiles, every other
/// variable at the scenario's central change (seed scenarios only: DFAST and replays fix the
/// equity move).
fn distribution(
    holdings: &[(AssetKind, f64)],
    moves: &ModelMoves,
    est: &Estimates,
    data: &Dataset,
) -> Option<Distribution> {
    if moves.kind != "seed" {
        return None;
    }
    let d = moves.equity_model_distribution?;
    let at = |e: f64| -> Option<f64> {
        holdings
            .iter()
            .map(|(k, w)| {
                outcome(k, moves, est, data, Some(e))
                    .model_pct
                    .map(|r| r * w)
            })
            .sum()
    };
    Some(Distribution {
        basis: format!(
            "the model's equity change at its Monte Carlo percentiles ({} paths, seed {}), other variables at the scenario's changes",
            moves.paths, moves.seed
        ),
        p5: at(d.p5)?,
        p50: at(d.p50)?,
        p95: at(d.p95)?,
    })
}

fn worst(values: &[(String, Option<f64>)]) -> Option<(String, f64)> {
    values
        .iter()
        .filter_map(|(s, v)| v.map(|v| (s.clone(), v)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

fn evaluate_patch(
    spec: &str,
    patch: &Patch,
    base: &[(AssetKind, f64)],
    results: &[ScenarioResult],
    scenarios: &[ModelMoves],
    est: &Estimates,
    data: &Dataset,
) -> PatchResult {
    let mut notes = Vec::new();
    let (cost, returns): (Option<f64>, Vec<Option<f64>>) = match patch {
        Patch::PutOtm {
            moneyness_pct,
            tenor_months,
            notional_pct,
            skew,
        } => {
            let notional = equity_weight(base) * notional_pct / 100.0;
            let market = put_market(est);
            let vix_today = scenarios.iter().find_map(|m| m.vix_level);
            let cost = vix_today.and_then(|v| put_cost_per_year(patch, v, market)).map(
                |(premium, per_year)| {
                    let (cost, vix) = (100.0 * premium, vix_today.unwrap_or(f64::NAN));
                    let vol = 100.0
                        * patches::skewed_vol(vix_today.unwrap_or(0.0), *skew, moneyness_pct / 100.0);
                    let rolls = 12.0 / tenor_months;
                    notes.push(Note::new(
                        format!(
                            "one put costs {cost:.3}% of spot at VIX {vix:.2} + skew ({vol:.2} vol) ; {rolls} rolls a year"
                        ),
                        format!(
                            "一份看跌期权的成本为现价的 {cost:.3}%（VIX {vix:.2} 加偏斜，波动率 {vol:.2}）；每年滚动 {rolls} 次"
                        ),
                    ));
                    100.0 * per_year * notional
                },
            );
            notes.push(Note::new(
                "in replays the puts are rolled along the stored daily S&P 500 and VIX (what happened); elsewhere along a smooth path from the scenario's start to its end, which understates what puts pay in a fast crash",
                "历史重演中，看跌期权沿已存储的标普500和VIX日度数据（实际发生的情况）滚动；其他情景中沿从情景起点到终点的平滑路径滚动，这会低估快速崩盘中看跌期权的收益",
            ));
            if vix_today.is_none() {
                notes.push(Note::new(
                    "no_data: VIXCLS not stored: the puts cannot be priced",
                    "无数据：未存储 VIXCLS：无法为看跌期权定价",
                ));
            }
            let returns = results
                .iter()
                .zip(scenarios)
                .map(|(r, moves)| {
                    let base_return = r.return_pct?;
                    if notional == 0.0 {
                        return Some(base_return);
                    }
                    let (pnl, _) = put_pnl(
                        (moneyness_pct / 100.0, tenor_months / 12.0, *skew),
                        moves,
                        est,
                        data,
                        market,
                    )?;
                    Some(base_return + 100.0 * notional * pnl)
                })
                .collect();
            (cost, returns)
        }
        other => {
            let patched = patched_holdings(other, base).unwrap_or_default();
            let cost = match (portfolio_carry(base, est), portfolio_carry(&patched, est)) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            };
            if matches!(other, Patch::Quality { .. }) {
                notes.push(Note::new(
                    "RMW is a self-financing long-short factor: no carry; the company-facts screen (net cash, positive free cash flow) is not included yet",
                    "RMW 是自融资的多空因子：没有息差收益；基于公司财报数据的筛选（净现金、正自由现金流）尚未纳入",
                ));
            }
            if matches!(other, Patch::Diversify { .. }) {
                notes.push(Note::new(
                    "seed 002 names stocks (S&P 500 funds), bonds, gold and real estate without weights: equal weights are this patch's assumption",
                    "原文 002 提到股票（标普500基金）、债券、黄金和房地产，但未给权重：等权重是本补丁的假设",
                ));
            }
            let returns = scenarios
                .iter()
                .map(|moves| weighted_return(&patched, moves, est, data).0)
                .collect();
            (cost, returns)
        }
    };
    let base_values: Vec<(String, Option<f64>)> = results
        .iter()
        .map(|r| (r.scenario.clone(), r.return_pct))
        .collect();
    let patched_values: Vec<(String, Option<f64>)> = results
        .iter()
        .zip(&returns)
        .map(|(r, v)| (r.scenario.clone(), *v))
        .collect();
    let worst_unpatched = worst(&base_values);
    let worst_patched = worst(&patched_values);
    let worst_improvement_pp = match (&worst_unpatched, &worst_patched) {
        (Some(a), Some(b)) => Some(b.1 - a.1),
        _ => None,
    };
    let improvement_per_unit_cost = match (worst_improvement_pp, cost) {
        (Some(i), Some(c)) if c > 0.0 => Some(i / c),
        _ => None,
    };
    PatchResult {
        patch: spec.to_string(),
        parameters: patch.clone(),
        cost_pct_per_year: cost,
        scenarios: results
            .iter()
            .zip(&returns)
            .map(|(r, v)| PatchScenario {
                scenario: r.scenario.clone(),
                return_pct: *v,
                change_pp: match (v, r.return_pct) {
                    (Some(a), Some(b)) => Some(a - b),
                    _ => None,
                },
            })
            .collect(),
        worst_unpatched,
        worst_patched,
        worst_improvement_pp,
        improvement_per_unit_cost,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    fn series(id: &str, points: Vec<(crate::series::Date, f64)>) -> Series {
        Series::new(
            SeriesMeta {
                id: id.into(),
                ..Default::default()
            },
            points,
        )
    }

    fn moves(equity_pct: f64, quarters: u32) -> ModelMoves {
        ModelMoves {
            scenario: "s".into(),
            title: "s".into(),
            title_zh: String::new(),
            kind: "seed".into(),
            horizon_quarters: quarters,
            replay: None,
            ust10y_level: None,
            ust10y_change_pp: None,
            hy_oas_level: None,
            hy_oas_change_pp: None,
            vix_level: Some(20.0),
            vix_change_pts: Some(0.0),
            equity_model_pct: Some(equity_pct),
            equity_scenario_pct: None,
            ai_earnings_pct: None,
            equity_model_distribution: None,
            paths: 0,
            seed: 1,
        }
    }

    #[test]
    fn a_tbills_patch_by_hand() {
        // 3-month yield 4%, S&P dividend yield 2% (D 40 / P 2000); all in the index.
        let mut data = Dataset::default();
        data.insert(series("DGS3MO", vec![(date(2026, 1, 2), 4.0)]));
        data.insert(series("SHILLER_D", vec![(date(2026, 1, 1), 40.0)]));
        data.insert(series("SHILLER_P", vec![(date(2026, 1, 1), 2000.0)]));
        let holdings =
            holdings::parse_holdings("h.csv", b"asset,weight\nus_large_cap,100\n").unwrap();
        let patches = vec![(
            "tbills:weight=25".to_string(),
            patches::parse_patch("tbills:weight=25").unwrap(),
        )];
        let r = run(
            &holdings,
            &[moves(-20.0, 2), moves(10.0, 4)],
            &patches,
            &data,
        );
        assert_eq!(r.scenarios[0].return_pct, Some(-20.0));
        assert_eq!(r.carry_pct_per_year, Some(2.0));
        let p = &r.patches[0];
        // Half a year: 0.75 × −20 + 0.25 × 4 × 0.5 = −14.5; a year: 0.75 × 10 + 0.25 × 4 = 8.5.
        assert!((p.scenarios[0].return_pct.unwrap() + 14.5).abs() < 1e-12);
        assert!((p.scenarios[1].return_pct.unwrap() - 8.5).abs() < 1e-12);
        // Carry 2% → 0.75 × 2 + 0.25 × 4 = 2.5%: the patch earns 0.5% more, a negative cost.
        assert!((p.cost_pct_per_year.unwrap() + 0.5).abs() < 1e-12);
        assert!((p.worst_improvement_pp.unwrap() - 5.5).abs() < 1e-12);
        assert_eq!(p.improvement_per_unit_cost, None);
    }

    #[test]
    fn a_missing_holding_makes_the_portfolio_missing_not_a_partial_sum() {
        let holdings =
            holdings::parse_holdings("h.csv", b"asset,weight\nus_large_cap,50\ngold,50\n").unwrap();
        let r = run(&holdings, &[moves(-20.0, 2)], &[], &Dataset::default());
        assert_eq!(r.scenarios[0].return_pct, None);
        let gold = &r.scenarios[0].contributions[1];
        assert_eq!(gold.source, "missing");
        assert!(gold.how.contains("no_data"), "{}", gold.how);
    }
}
