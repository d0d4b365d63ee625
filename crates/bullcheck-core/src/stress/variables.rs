//! The vocabulary of the stress tests: the variables a scenario may shock, the stored series
//! each one is measured by, and the model parameters a scenario may override (with their
//! defaults and where each default comes from).
//!
//! A *statistical* variable has a stored series, so its quarterly changes enter the historical
//! covariance and it moves with its conditional expectation when a scenario does not shock it.
//! The others (`erp`, `ai_capex`) have no quarterly history in the store and move only when
//! shocked.

/// How a variable's change is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeUnit {
    /// Difference of levels in the series' own unit (percentage points, index points).
    Difference,
    /// 100 × log change (≈ percent change).
    LogPercent,
}

/// A variable a scenario may shock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variable {
    Ust10y,
    TermPremium,
    HyOas,
    Vix,
    Unemployment,
    ConsumerDelinquency,
    EquityIndex,
    SmallCapRelative,
    UsdBroad,
    Usdjpy,
    Erp,
    AiCapex,
}

/// Static description of a variable.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VariableSpec {
    pub variable: Variable,
    pub name: &'static str,
    pub title: &'static str,
    /// [`VariableSpec::title`] in Chinese.
    pub title_zh: &'static str,
    /// Unit of a change (what a `change` shock means).
    pub change_unit_label: &'static str,
    /// [`VariableSpec::change_unit_label`] in Chinese.
    pub change_unit_label_zh: &'static str,
    /// Unit of a level (what a `level` shock means).
    pub level_unit_label: &'static str,
    /// [`VariableSpec::level_unit_label`] in Chinese.
    pub level_unit_label_zh: &'static str,
    pub change_unit: ChangeUnit,
    /// How changes enter the historical covariance and the conditional expectations. The
    /// high-yield spread and the VIX are modelled in log changes (their moves scale with their
    /// level: a 2.75% spread does not fall by the points a 20% one can) while shocks, the ERP
    /// response and the outputs stay in points; see [`to_model`] and [`from_model`].
    pub model_unit: ChangeUnit,
    /// Stored series ids measuring the variable, tried in order (empty: not statistical).
    pub series_ids: &'static [&'static str],
    /// The lowest level the variable can take (a spread, the VIX, a rate of unemployment or
    /// delinquency cannot be negative). Monte Carlo paths stop there: normal or Student-t
    /// innovations on level differences would otherwise cross it (see `stress::montecarlo`).
    pub level_floor: Option<f64>,
}

pub const VARIABLES: [VariableSpec; 12] = [
    VariableSpec {
        variable: Variable::Ust10y,
        name: "ust10y",
        title: "10-year Treasury yield",
        title_zh: "10年期美国国债收益率",
        change_unit_label: "pp",
        change_unit_label_zh: "pp",
        level_unit_label: "%",
        level_unit_label_zh: "%",
        change_unit: ChangeUnit::Difference,
        model_unit: ChangeUnit::Difference,
        series_ids: &["DGS10"],
        level_floor: None,
    },
    VariableSpec {
        variable: Variable::TermPremium,
        name: "term_premium",
        title: "10-year term premium (ACM)",
        title_zh: "10年期期限溢价（ACM）",
        change_unit_label: "pp",
        change_unit_label_zh: "pp",
        level_unit_label: "%",
        level_unit_label_zh: "%",
        change_unit: ChangeUnit::Difference,
        model_unit: ChangeUnit::Difference,
        series_ids: &["ACMTP10", "THREEFYTP10"],
        level_floor: None,
    },
    VariableSpec {
        variable: Variable::HyOas,
        name: "hy_oas",
        title: "High-yield option-adjusted spread (ICE BofA)",
        title_zh: "高收益债期权调整利差（ICE BofA）",
        change_unit_label: "pp",
        change_unit_label_zh: "pp",
        level_unit_label: "%",
        level_unit_label_zh: "%",
        change_unit: ChangeUnit::Difference,
        model_unit: ChangeUnit::LogPercent,
        series_ids: &["BAMLH0A0HYM2"],
        level_floor: Some(0.0),
    },
    VariableSpec {
        variable: Variable::Vix,
        name: "vix",
        title: "VIX",
        title_zh: "VIX",
        change_unit_label: "points",
        change_unit_label_zh: "点",
        level_unit_label: "index",
        level_unit_label_zh: "指数",
        change_unit: ChangeUnit::Difference,
        model_unit: ChangeUnit::LogPercent,
        series_ids: &["VIXCLS"],
        level_floor: Some(0.0),
    },
    VariableSpec {
        variable: Variable::Unemployment,
        name: "unemployment",
        title: "Unemployment rate",
        title_zh: "失业率",
        change_unit_label: "pp",
        change_unit_label_zh: "pp",
        level_unit_label: "%",
        level_unit_label_zh: "%",
        change_unit: ChangeUnit::Difference,
        model_unit: ChangeUnit::Difference,
        series_ids: &["UNRATE"],
        level_floor: Some(0.0),
    },
    VariableSpec {
        variable: Variable::ConsumerDelinquency,
        name: "consumer_delinquency",
        title: "Delinquency rate on consumer loans, all commercial banks",
        title_zh: "全部商业银行消费贷款拖欠率",
        change_unit_label: "pp",
        change_unit_label_zh: "pp",
        level_unit_label: "%",
        level_unit_label_zh: "%",
        change_unit: ChangeUnit::Difference,
        model_unit: ChangeUnit::Difference,
        series_ids: &["DRCCLACBS", "DRCLACBS"],
        level_floor: Some(0.0),
    },
    VariableSpec {
        variable: Variable::EquityIndex,
        name: "equity_index",
        title: "S&P 500 index",
        title_zh: "标普500指数",
        change_unit_label: "%",
        change_unit_label_zh: "%",
        level_unit_label: "index",
        level_unit_label_zh: "指数",
        change_unit: ChangeUnit::LogPercent,
        model_unit: ChangeUnit::LogPercent,
        series_ids: &["SP500_LONG", "SP500", "SPX"],
        level_floor: None,
    },
    VariableSpec {
        variable: Variable::SmallCapRelative,
        name: "small_cap_relative",
        title: "Small caps relative to large caps (IWM/SPY price ratio)",
        title_zh: "小盘股相对大盘股（IWM/SPY价格比）",
        change_unit_label: "%",
        change_unit_label_zh: "%",
        level_unit_label: "ratio",
        level_unit_label_zh: "比率",
        change_unit: ChangeUnit::LogPercent,
        model_unit: ChangeUnit::LogPercent,
        series_ids: &["IWM_SPY_RATIO", "IWM_SPY"],
        level_floor: None,
    },
    VariableSpec {
        variable: Variable::UsdBroad,
        name: "usd_broad",
        title: "Nominal broad US dollar index",
        title_zh: "名义广义美元指数",
        change_unit_label: "%",
        change_unit_label_zh: "%",
        level_unit_label: "index",
        level_unit_label_zh: "指数",
        change_unit: ChangeUnit::LogPercent,
        model_unit: ChangeUnit::LogPercent,
        series_ids: &["DTWEXBGS"],
        level_floor: None,
    },
    VariableSpec {
        variable: Variable::Usdjpy,
        name: "usdjpy",
        title: "Yen per US dollar",
        title_zh: "每美元兑日元",
        change_unit_label: "%",
        change_unit_label_zh: "%",
        level_unit_label: "JPY per USD",
        level_unit_label_zh: "日元/美元",
        change_unit: ChangeUnit::LogPercent,
        model_unit: ChangeUnit::LogPercent,
        series_ids: &["DEXJPUS"],
        level_floor: None,
    },
    VariableSpec {
        variable: Variable::Erp,
        name: "erp",
        title: "Equity risk premium",
        title_zh: "股权风险溢价",
        change_unit_label: "pp",
        change_unit_label_zh: "pp",
        level_unit_label: "%",
        level_unit_label_zh: "%",
        change_unit: ChangeUnit::Difference,
        model_unit: ChangeUnit::Difference,
        series_ids: &[],
        level_floor: None,
    },
    VariableSpec {
        variable: Variable::AiCapex,
        name: "ai_capex",
        title: "Hyperscaler capex (latest year)",
        title_zh: "超大规模云厂商资本开支（最近一年）",
        change_unit_label: "%",
        change_unit_label_zh: "%",
        level_unit_label: "$B",
        level_unit_label_zh: "十亿美元",
        change_unit: ChangeUnit::LogPercent,
        model_unit: ChangeUnit::LogPercent,
        series_ids: &[],
        level_floor: None,
    },
];

/// `change` (in the variable's `change_unit`) in its `model_unit`, from the base `level`.
/// NaN when the conversion needs a positive level it does not have, or the change would take
/// the level to zero or below.
pub fn to_model(variable: Variable, change: f64, level: Option<f64>) -> f64 {
    let spec = variable.spec();
    match (spec.change_unit, spec.model_unit) {
        (ChangeUnit::Difference, ChangeUnit::LogPercent) => match level {
            Some(l) if l > 0.0 && l + change > 0.0 => 100.0 * ((l + change) / l).ln(),
            _ => f64::NAN,
        },
        (ChangeUnit::LogPercent, ChangeUnit::Difference) => match level {
            Some(l) => l * ((change / 100.0).exp() - 1.0),
            None => f64::NAN,
        },
        _ => change,
    }
}

/// The inverse of [`to_model`]: a change in the `model_unit` back in the `change_unit`.
pub fn from_model(variable: Variable, model_change: f64, level: Option<f64>) -> f64 {
    let spec = variable.spec();
    match (spec.change_unit, spec.model_unit) {
        (ChangeUnit::Difference, ChangeUnit::LogPercent) => match level {
            Some(l) if l > 0.0 => l * ((model_change / 100.0).exp() - 1.0),
            _ => f64::NAN,
        },
        (ChangeUnit::LogPercent, ChangeUnit::Difference) => match level {
            Some(l) if l > 0.0 && l + model_change > 0.0 => 100.0 * ((l + model_change) / l).ln(),
            _ => f64::NAN,
        },
        _ => model_change,
    }
}

impl Variable {
    pub fn spec(self) -> &'static VariableSpec {
        VARIABLES
            .iter()
            .find(|s| s.variable == self)
            .expect("every variable has a spec")
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn index(self) -> usize {
        VARIABLES
            .iter()
            .position(|s| s.variable == self)
            .expect("every variable has a spec")
    }

    pub fn from_name(name: &str) -> Option<Variable> {
        VARIABLES
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.variable)
    }

    pub fn is_statistical(self) -> bool {
        !self.spec().series_ids.is_empty()
    }
}

/// The names of every variable, for error messages.
pub fn variable_names() -> Vec<&'static str> {
    VARIABLES.iter().map(|s| s.name).collect()
}

/// A model parameter a scenario may override, with its default and the default's source.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParameterSpec {
    pub name: &'static str,
    pub unit: &'static str,
    pub default: f64,
    pub source: &'static str,
}

pub const PARAMETERS: [ParameterSpec; 22] = [
    ParameterSpec {
        name: "equity_duration_years",
        unit: "years",
        default: 13.0,
        source: "docs/catalogue.md M1.5: D ≈ 13.0–13.35 reproduces seed 001's fair-P/E table; since issue 10 only the audit's fair P/E (the valuation gap) uses it — the index maps yields at P/E = 1/EY",
    },
    ParameterSpec {
        name: "erp",
        unit: "%",
        default: 5.0,
        source: "seed 001 fair-P/E table: \"假设ERP为5%\" (an override moves the required earnings yield by the difference)",
    },
    ParameterSpec {
        name: "ey_beta_ust10y",
        unit: "pp of earnings yield per pp of 10-year",
        default: 0.0747,
        source: "Huber regression of quarterly Δ(100/CAPE) on Δ SHILLER_GS10, Δ BAMLH0A0HYM2, Δ VIXCLS, 1997 Q1 – 2026 Q2 (118 quarters) on the public data set (docs/data.md) (HY OAS file as repaired): 0.0747 (s.e. 0.0365, t = 2.05); re-estimated from the store at run time; set to 0 where the discount-rate channel (pe_gamma_ust10y) is estimated",
    },
    ParameterSpec {
        name: "pe_gamma_ust10y",
        unit: "log points of P/E per pp of 10-year",
        default: 0.0,
        source: "discount-rate channel (issue 23): OLS of 100·ln CAPE on SHILLER_GS10 and CPI inflation, Decembers 1953 onwards, Newey–West s.e., estimated from the store at run time; 0 (channel off) without the Shiller series",
    },
    ParameterSpec {
        name: "erp_beta_hy_oas",
        unit: "pp of earnings yield per pp of HY OAS",
        default: 0.1842,
        source: "same regression, 1997 Q1 – 2026 Q2 (118 quarters, s.e. 0.0097) on the public data set (docs/data.md) (Shiller ie_data, FRED); re-estimated from the store at run time",
    },
    ParameterSpec {
        name: "erp_beta_vix",
        unit: "pp of earnings yield per VIX point",
        default: 0.0,
        source: "same regression: dropped (t = 0.54 < 2), so 0",
    },
    ParameterSpec {
        name: "earnings_beta_unemployment",
        unit: "100 × log change of real EPS per pp of unemployment",
        default: -8.2766,
        source: "Huber regression of calendar-year Δ100·ln SHILLER_REAL_E on Δ UNRATE (Q4 averages), 1949–2023 (75 years, s.e. 1.584) on the public data set (docs/data.md); re-estimated from the store at run time",
    },
    ParameterSpec {
        name: "earnings_yield",
        unit: "%",
        default: 2.5263,
        source: "100 / Shiller CAPE at the scenario's jump-off (replay start; DFAST: Q4 before the test year; else the latest stored month), filled from the store at run time; default: May 2026 CAPE 39.58 (Shiller ie_data, docs/data.md)",
    },
    ParameterSpec {
        name: "valuation_gap_closure",
        unit: "share of the gap",
        default: 0.0,
        source: "scenario choice: how much of the gap between the trailing P/E and the audit's fair P/E closes (default none)",
    },
    ParameterSpec {
        name: "valuation_gap_log",
        unit: "log points",
        default: 0.0,
        source: "ln(fair P/E / trailing P/E) at the jump-off: fair P/E = 20·exp(−13·(y10 − 3.5%)) (the audit's fair_pe_gap), trailing = SHILLER_P / SHILLER_E; filled from the store at run time (0 when not stored)",
    },
    ParameterSpec {
        name: "small_cap_index_weight",
        unit: "share",
        default: 0.08,
        source: "Russell 2000 ≈ 8% of Russell 3000 market capitalization (intrivest.com/universe, undated; other summaries give 7–10%): APPROXIMATE",
    },
    ParameterSpec {
        name: "gpu_life_years",
        unit: "years",
        default: 6.0,
        source: "seeds 000/001: servers depreciated over 5–6 years; docs/catalogue.md ai_server_useful_life: MSFT and GOOGL 6y",
    },
    ParameterSpec {
        name: "refinancing_rate",
        unit: "%",
        default: 3.5,
        source: "docs/catalogue.md M3 r0 = 3.5% (seeds 000/001: debt written at 3–4%); the default means no repricing",
    },
    ParameterSpec {
        name: "legacy_coupon",
        unit: "%",
        default: 3.5,
        source: "docs/catalogue.md M3 r0 = 3.5% (midpoint of the seeds' 3–4%)",
    },
    ParameterSpec {
        name: "refinanced_share",
        unit: "share",
        default: 0.852,
        source: "docs/catalogue.md zombie_maturity_wall: $709B due 2026–27 over ≈ $832B total R2K debt (upper end of $800–832B)",
    },
    ParameterSpec {
        name: "share_below_icr1_before",
        unit: "share",
        default: 0.42,
        source: "docs/catalogue.md zombie_r2k_unprofitable: Apollo 42% of R2K unprofitable (Sep 2024) — a net-income proxy for ICR < 1, flagged",
    },
    ParameterSpec {
        name: "icr_log_sd",
        unit: "log points",
        default: 1.0,
        source: "ASSUMPTION (no source found): cross-sectional sd of ln(ICR) among small caps, lognormal distribution",
    },
    ParameterSpec {
        name: "mag7_index_weight",
        unit: "share",
        default: 0.343,
        source: "docs/catalogue.md ai_mag7_weight: 34.3% of the S&P 500 at 31 Dec 2025 (Motley Fool via reportify.ai)",
    },
    ParameterSpec {
        name: "hyperscaler_net_income_bn",
        unit: "$B/yr",
        default: 380.0,
        source: "docs/catalogue.md ai_capex_vs_profits: 2025 Big-4 capex ≈ combined net income; ai_hyperscaler_capex_2025: press total > $380B (nv)",
    },
    ParameterSpec {
        name: "nvidia_net_income_bn",
        unit: "$B/yr",
        default: 127.64,
        source: "docs/catalogue.md ai_nvda_q3fy26: Q3 FY26 net income $31.910B, annualised ×4",
    },
    ParameterSpec {
        name: "nvidia_datacenter_share",
        unit: "share",
        default: 0.898,
        source: "docs/catalogue.md ai_nvda_q3fy26: data-center revenue $51.2B of $57.006B total (Q3 FY26)",
    },
    ParameterSpec {
        name: "tax_rate",
        unit: "share",
        default: 0.17,
        source: "docs/catalogue.md M2 illustration: τ = 17%",
    },
];

pub fn parameter_spec(name: &str) -> Option<&'static ParameterSpec> {
    PARAMETERS.iter().find(|p| p.name == name)
}

pub fn parameter_names() -> Vec<&'static str> {
    PARAMETERS.iter().map(|p| p.name).collect()
}

/// Parameter values by name; missing names take their default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parameters {
    pub overrides: std::collections::BTreeMap<String, f64>,
}

impl Parameters {
    pub fn get(&self, name: &str) -> f64 {
        self.overrides
            .get(name)
            .copied()
            .unwrap_or_else(|| parameter_spec(name).map(|p| p.default).unwrap_or(f64::NAN))
    }

    pub fn default_of(name: &str) -> f64 {
        parameter_spec(name).map(|p| p.default).unwrap_or(f64::NAN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_indices_are_positions() {
        for (i, spec) in VARIABLES.iter().enumerate() {
            assert_eq!(Variable::from_name(spec.name), Some(spec.variable));
            assert_eq!(spec.variable.index(), i);
        }
        assert_eq!(Variable::from_name("nope"), None);
    }

    #[test]
    fn every_parameter_has_a_source() {
        for p in PARAMETERS {
            assert!(!p.source.is_empty() && p.default.is_finite(), "{}", p.name);
        }
    }
}
