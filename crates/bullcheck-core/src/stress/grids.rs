//! Sensitivity grids for `bullcheck stress table`: fair P/E over 10-year yields × ERPs beside
//! seed 001's table (M1), the EPS hit of a 6 → 3 year GPU life over capex growth rates (M2),
//! and interest coverage after repricing over new rates × refinanced shares (M3).

use serde::Serialize;

use crate::models::{depreciation, fair_pe, refinancing};

/// One cell row of the fair-P/E grid. Rates in percent; `None` where a formula is undefined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FairPeRow {
    pub ten_year_yield: f64,
    pub erp: f64,
    /// Term premium by the seed's identity TP = y10 − 4.0% (docs/catalogue.md M1.1).
    pub term_premium_seed_identity: f64,
    pub earnings_yield_pe: Option<f64>,
    pub term_premium_pe: Option<f64>,
    pub gordon_pe: Option<f64>,
    pub duration_pe: f64,
    /// The seed's own fair P/E (seed 001 table), only on its rows at ERP 5%.
    pub seed_pe: Option<f64>,
    /// The ERP the seed's P/E implies in the earnings-yield form, 100/seed_pe − y10 (pp):
    /// 1.50 / 1.21 / 0.99 against its stated 5% (docs/catalogue.md M1.7).
    pub seed_implied_erp: Option<f64>,
}

/// The formula behind each column, for the table header and JSON.
pub const FAIR_PE_FORMULAS: [(&str, &str); 6] = [
    (
        "earnings_yield_pe",
        "1/(y10 + ERP)  (Fed model; docs/catalogue.md M1.2)",
    ),
    (
        "term_premium_pe",
        "1/(TP + ERP), TP = y10 − 4.0%  (docs/catalogue.md M1.3)",
    ),
    (
        "gordon_pe",
        "1.40/(y10 + ERP − 1.5%)  (Gordon fit to seed rows 1–2; docs/catalogue.md M1.4)",
    ),
    (
        "duration_pe",
        "20·exp(−13·(y10 − 3.5%))  (equity duration 13; docs/catalogue.md M1.5; ERP plays no role)",
    ),
    (
        "seed_pe",
        "seed 001's table, \"ERP 5%\" (20.0/17.5/15.4 at 3.5/4.5/5.5%)",
    ),
    (
        "seed_implied_erp",
        "100/seed_pe − y10: the ERP the seed's own multiples imply (docs/catalogue.md M1.7)",
    ),
];

/// [`FAIR_PE_FORMULAS`] in Simplified Chinese, in the same order.
pub const FAIR_PE_FORMULAS_ZH: [(&str, &str); 6] = [
    (
        "earnings_yield_pe",
        "1/(y10 + ERP)（美联储模型；docs/catalogue.md M1.2）",
    ),
    (
        "term_premium_pe",
        "1/(TP + ERP)，TP = y10 − 4.0%（docs/catalogue.md M1.3）",
    ),
    (
        "gordon_pe",
        "1.40/(y10 + ERP − 1.5%)（以戈登模型拟合原文第1–2行；docs/catalogue.md M1.4）",
    ),
    (
        "duration_pe",
        "20·exp(−13·(y10 − 3.5%))（股票久期13；docs/catalogue.md M1.5；ERP不起作用）",
    ),
    (
        "seed_pe",
        "原文001的表格，“ERP 5%”（3.5/4.5/5.5%时为20.0/17.5/15.4）",
    ),
    (
        "seed_implied_erp",
        "100/seed_pe − y10：原文自身市盈率所隐含的ERP（docs/catalogue.md M1.7）",
    ),
];

/// The note shown under the grid (docs/catalogue.md M1.2–M1.7).
pub const FAIR_PE_NOTE: &str = "No formula reproduces seed 001's table with its stated 5% ERP: 1/(y10+ERP) gives \
11.8/10.5/9.5x; 1/(TP+ERP) 22.2/18.2/15.38x (row 3 only); the Gordon fit needs a 138% payout ratio and gives \
15.56x on row 3. Only the duration form (about -12.5% of P/E per +100bp, D = 13) matches all three rows, and in it \
the ERP plays no role. Read the other way, the seed's multiples imply an ERP of 1.50/1.21/0.99 pp \
(100/PE − y10), not the 5% it states. The seed's deviation column assumes a current P/E of 21.0x. Sources: seed 001 section 3.2; \
docs/catalogue.md M1.";
/// [`FAIR_PE_NOTE`] in Chinese.
pub const FAIR_PE_NOTE_ZH: &str = "在原文声明的5% ERP下，没有任何公式能复现原文001的表格：1/(y10+ERP)得出\
11.8/10.5/9.5x；1/(TP+ERP)得出22.2/18.2/15.38x（仅第3行）；Gordon拟合需要138%的派息率，第3行得出15.56x。\
只有久期形式（收益率每升100bp，P/E约降12.5%，D = 13）三行全部吻合，而该形式中ERP不起作用。\
反过来看，原文的倍数隐含的ERP为1.50/1.21/0.99 pp（100/PE − y10），而非其所称的5%。\
原文的偏离列假设当前P/E为21.0x。来源: 原文001第3.2节；docs/catalogue.md M1。";

pub fn fair_pe_grid(yields_pct: &[f64], erps_pct: &[f64]) -> Vec<FairPeRow> {
    let mut rows = Vec::new();
    for &y in yields_pct {
        for &erp in erps_pct {
            let tp = y - 4.0;
            let seed_pe = fair_pe::SEED_FAIR_PE_TABLE
                .iter()
                .find(|r| (r.ten_year_yield * 100.0 - y).abs() < 1e-9 && (erp - 5.0).abs() < 1e-9)
                .map(|r| r.fair_pe);
            rows.push(FairPeRow {
                ten_year_yield: y,
                erp,
                term_premium_seed_identity: tp,
                earnings_yield_pe: fair_pe::earnings_yield_pe(y / 100.0, erp / 100.0),
                term_premium_pe: fair_pe::term_premium_pe(tp / 100.0, erp / 100.0),
                gordon_pe: fair_pe::gordon_pe(y / 100.0, erp / 100.0, fair_pe::SEED_FIT_GORDON),
                duration_pe: fair_pe::duration_pe(y / 100.0, fair_pe::CATALOGUE_DURATION),
                seed_pe,
                seed_implied_erp: seed_pe.map(|pe| 100.0 / pe - y),
            });
        }
    }
    rows
}

/// One row of the depreciation grid (per unit of year-t capex).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepreciationRow {
    pub capex_growth: f64,
    pub depreciation_6y_per_capex: f64,
    pub depreciation_3y_per_capex: f64,
    pub ratio_3y_over_6y: f64,
    pub extra_pre_tax_per_capex: f64,
}

pub fn depreciation_grid(growths_pct: &[f64]) -> Vec<DepreciationRow> {
    growths_pct
        .iter()
        .map(|&g| {
            let d6 = depreciation::depreciation_per_capex(g / 100.0, 6);
            let d3 = depreciation::depreciation_per_capex(g / 100.0, 3);
            DepreciationRow {
                capex_growth: g,
                depreciation_6y_per_capex: d6,
                depreciation_3y_per_capex: d3,
                ratio_3y_over_6y: d3 / d6,
                extra_pre_tax_per_capex: d3 - d6,
            }
        })
        .collect()
}

/// One row of the refinancing grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RefinancingRow {
    pub old_rate: f64,
    pub new_rate: f64,
    pub refinanced_share: f64,
    pub coverage_multiplier: Option<f64>,
    /// Coverage after repricing of a firm at coverage 2.0 today (docs/catalogue.md M3 example).
    pub coverage_of_firm_at_2: Option<f64>,
}

pub fn refinancing_grid(
    old_rate_pct: f64,
    new_rates_pct: &[f64],
    shares: &[f64],
) -> Vec<RefinancingRow> {
    let mut rows = Vec::new();
    for &r1 in new_rates_pct {
        for &s in shares {
            let repricing = refinancing::Repricing {
                old_rate: old_rate_pct / 100.0,
                new_rate: r1 / 100.0,
                repriced_share: s,
            };
            rows.push(RefinancingRow {
                old_rate: old_rate_pct,
                new_rate: r1,
                refinanced_share: s,
                coverage_multiplier: refinancing::coverage_multiplier(repricing),
                coverage_of_firm_at_2: refinancing::coverage_after(2.0, repricing),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_formula_labels_match_the_english_keys_and_numbers() {
        let digits = crate::test_util::digit_runs;
        for ((key, en), (key_zh, zh)) in FAIR_PE_FORMULAS.iter().zip(FAIR_PE_FORMULAS_ZH) {
            assert_eq!(*key, key_zh);
            assert_eq!(digits(en), digits(zh), "{key}");
        }
    }

    #[test]
    fn fair_pe_grid_carries_the_seed_rows_only_at_erp_5() {
        let rows = fair_pe_grid(&[3.5, 4.5, 5.5], &[4.0, 5.0]);
        let seeds: Vec<f64> = rows.iter().filter_map(|r| r.seed_pe).collect();
        assert_eq!(seeds, vec![20.0, 17.5, 15.4]);
        let row3 = rows
            .iter()
            .find(|r| r.ten_year_yield == 5.5 && r.erp == 5.0)
            .unwrap();
        assert!((row3.term_premium_pe.unwrap() - 15.38).abs() < 0.005);
        assert!((row3.gordon_pe.unwrap() - 15.56).abs() < 0.005);
    }

    #[test]
    fn refinancing_grid_has_m3_multipliers() {
        let rows = refinancing_grid(3.5, &[9.0], &[0.25, 0.5, 1.0]);
        let m: Vec<f64> = rows
            .iter()
            .map(|r| (r.coverage_multiplier.unwrap() * 100.0).round() / 100.0)
            .collect();
        assert_eq!(m, vec![0.72, 0.56, 0.39]);
    }

    #[test]
    fn depreciation_grid_has_m2_ratios() {
        let rows = depreciation_grid(&[10.0, 30.0, 50.0]);
        let r: Vec<f64> = rows
            .iter()
            .map(|r| (r.ratio_3y_over_6y * 100.0).round() / 100.0)
            .collect();
        assert_eq!(r, vec![1.14, 1.37, 1.54]);
    }
}
