//! Damodaran's implied equity risk premium (docs/methods.md §B4; docs/catalogue.md val_implied_erp).
//!
//! What: the discount rate r that equates the S&P 500 level with the present value of the cash
//! it is expected to return (dividends + buybacks), minus the 10-year T-bond rate: ERP = r − rf.
//!
//! Why: seed 001 assumes an ERP of 5%; the implied ERP says what premium today's prices
//! actually offer, and Damodaran publishes it every year (a public oracle).
//!
//! How: two stages. CF_t = CF0·(1+g)^t for t = 1..5 (g = analysts' 5-year growth estimate),
//! then growth at rf forever: terminal value CF5·(1+rf)/(r − rf) at year 5. r is found by
//! bisection on (rf, 1): the present value falls as r rises, so the root is unique.
//!
//! Limits: the answer depends on which CF0 is used. Damodaran's table reproduces within
//! 0.01 percentage point for 2015-2019 from the trailing 12-month dividends + buybacks of
//! the table itself; other years used a cash flow different from the one the table now
//! holds (see [`tests`] and the `val_damodaran_erp` check's limits).

/// Inputs of the two-stage model. Rates are decimal fractions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImpliedErpInputs {
    /// Index level at the valuation date.
    pub index_level: f64,
    /// Cash returned over the trailing 12 months (dividends + buybacks), in index units.
    pub base_cash_flow: f64,
    /// Growth of the cash flow in years 1-5.
    pub high_growth: f64,
    /// Risk-free rate (10-year T-bond); also the growth rate after year 5.
    pub risk_free: f64,
}

/// Years of high growth in Damodaran's model.
pub const HIGH_GROWTH_YEARS: i32 = 5;

/// The present value of the expected cash flows at discount rate `r` (needs `r > risk_free`).
pub fn present_value(inputs: &ImpliedErpInputs, r: f64) -> f64 {
    let mut cash_flow = inputs.base_cash_flow;
    let mut total = 0.0;
    for year in 1..=HIGH_GROWTH_YEARS {
        cash_flow *= 1.0 + inputs.high_growth;
        total += cash_flow / (1.0 + r).powi(year);
    }
    let terminal = cash_flow * (1.0 + inputs.risk_free) / (r - inputs.risk_free);
    total + terminal / (1.0 + r).powi(HIGH_GROWTH_YEARS)
}

/// The expected return r that prices the index. `None` when no r in (rf, 100%) does (e.g.
/// non-positive inputs).
pub fn expected_return(inputs: &ImpliedErpInputs) -> Option<f64> {
    if inputs.index_level <= 0.0 || inputs.base_cash_flow <= 0.0 {
        return None;
    }
    let mut low = inputs.risk_free + 1e-9;
    let mut high = 1.0;
    if present_value(inputs, high) > inputs.index_level {
        return None;
    }
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if present_value(inputs, mid) > inputs.index_level {
            low = mid;
        } else {
            high = mid;
        }
    }
    Some(0.5 * (low + high))
}

/// The implied equity risk premium r − rf.
pub fn implied_erp(inputs: &ImpliedErpInputs) -> Option<f64> {
    expected_return(inputs).map(|r| r - inputs.risk_free)
}

/// The cash flow CF0 that would make the model give `erp`: used to explain years whose
/// published ERP was computed from a different cash flow than the table now holds.
pub fn cash_flow_for_erp(inputs: &ImpliedErpInputs, erp: f64) -> f64 {
    let per_unit = ImpliedErpInputs {
        base_cash_flow: 1.0,
        ..*inputs
    };
    inputs.index_level / present_value(&per_unit, inputs.risk_free + erp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damodaran_1_jan_2005_gives_7_87_and_3_65() {
        // docs/methods.md §B4 oracle 1 (Damodaran's slide): 1211.92, CF0 35.15, g 8.5%,
        // rf 4.22% → CFs 38.13 … 52.85, r = 7.87%, ERP = 3.65%.
        let inputs = ImpliedErpInputs {
            index_level: 1211.92,
            base_cash_flow: 35.15,
            high_growth: 0.085,
            risk_free: 0.0422,
        };
        let r = expected_return(&inputs).unwrap();
        assert!((r - 0.0787).abs() < 0.00005, "{r}");
        let erp = implied_erp(&inputs).unwrap();
        assert!((erp - 0.0365).abs() < 0.00005, "{erp}");
        assert!((35.15 * 1.085_f64.powi(5) - 52.85).abs() < 0.01);
    }

    #[test]
    fn damodaran_1_jan_2006_gives_4_08() {
        // Oracle 2: 1248.29, yield 3.34%, g 8%, rf 4.39% → r ≈ 8.474%, ERP ≈ 4.08%.
        let inputs = ImpliedErpInputs {
            index_level: 1248.29,
            base_cash_flow: 1248.29 * 0.0334,
            high_growth: 0.08,
            risk_free: 0.0439,
        };
        let erp = implied_erp(&inputs).unwrap();
        assert!((erp - 0.0408).abs() < 0.0001, "{erp}");
    }

    #[test]
    fn the_premium_falls_as_the_price_rises() {
        let base = ImpliedErpInputs {
            index_level: 4000.0,
            base_cash_flow: 150.0,
            high_growth: 0.06,
            risk_free: 0.04,
        };
        let dearer = ImpliedErpInputs {
            index_level: 5000.0,
            ..base
        };
        assert!(implied_erp(&dearer).unwrap() < implied_erp(&base).unwrap());
        assert_eq!(
            implied_erp(&ImpliedErpInputs {
                base_cash_flow: 0.0,
                ..base
            }),
            None
        );
    }

    #[test]
    fn cash_flow_for_erp_inverts_the_model() {
        let inputs = ImpliedErpInputs {
            index_level: 1211.92,
            base_cash_flow: 35.15,
            high_growth: 0.085,
            risk_free: 0.0422,
        };
        let erp = implied_erp(&inputs).unwrap();
        assert!((cash_flow_for_erp(&inputs, erp) - 35.15).abs() < 1e-6);
    }

    /// The shared data folder (env BULLCHECK_SHARED_DATA, else `<workspace>/$BULLCHECK_SHARED_DATA`);
    /// on a clone without it, `testdata/validation/`, which holds a copy of the one file read
    /// here under the same relative path (origin in `testdata/README.md`).
    fn shared_data() -> std::path::PathBuf {
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = std::env::var_os("BULLCHECK_SHARED_DATA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| manifest.join("../../../shared/data"));
        if dir.is_dir() {
            dir
        } else {
            manifest.join("../../testdata/validation")
        }
    }

    /// (year, index, dividends + buybacks, analyst growth, T-bond, published FCFE ERP), read
    /// with the csv crate straight from Damodaran's table (independent of bullcheck's parser).
    fn damodaran_rows() -> Vec<(i32, ImpliedErpInputs, f64)> {
        let path = shared_data().join("valuation/damodaran_histimpl_implied_erp_annual.csv");
        let mut reader =
            csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let headers = reader.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (year, index, cash, growth, bond, erp) = (
            col("Year"),
            col("S&P 500"),
            col("Dividends + Buybacks"),
            col("Analyst Growth Estimate"),
            col("T.Bond Rate"),
            col("Implied ERP (FCFE)"),
        );
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.unwrap();
            let num = |i: usize| record[i].trim().parse::<f64>().ok();
            if let (Some(idx), Some(cf), Some(g), Some(rf), Some(published)) =
                (num(index), num(cash), num(growth), num(bond), num(erp))
            {
                let inputs = ImpliedErpInputs {
                    index_level: idx,
                    base_cash_flow: cf,
                    high_growth: g,
                    risk_free: rf,
                };
                rows.push((record[year].parse().unwrap(), inputs, published));
            }
        }
        rows
    }

    #[test]
    fn reproduces_damodarans_published_fcfe_erp_2015_to_2019_from_trailing_cash() {
        let rows = damodaran_rows();
        for year in 2015..=2019 {
            let (_, inputs, published) = rows.iter().find(|r| r.0 == year).unwrap();
            let ours = implied_erp(inputs).unwrap();
            assert!(
                (ours - published).abs() < 0.0005,
                "{year}: ours {ours:.4} vs published {published:.4}"
            );
        }
    }

    #[test]
    fn the_2014_row_needs_a_cash_flow_1_5_percent_below_the_tables() {
        // 2014 (the ERP of 1 Jan 2015) is 0.09 pp above the published 5.78% with the table's
        // own 101.98; the published value needs CF0 ≈ 100.4, i.e. the trailing cash before
        // the table's later revision of 2014 buybacks.
        let rows = damodaran_rows();
        let (_, inputs, published) = rows.iter().find(|r| r.0 == 2014).unwrap();
        let ours = implied_erp(inputs).unwrap();
        assert!((ours - published).abs() < 0.001, "{ours} vs {published}");
        let needed = cash_flow_for_erp(inputs, *published);
        assert!((needed - 100.44).abs() < 0.05, "{needed}");
    }

    #[test]
    fn earlier_years_used_a_smaller_cash_flow_than_the_table_now_holds() {
        // 2004 and 2005: the cash flows Damodaran published at the time (35.15 = 2.90% and
        // 3.34% of the index, oracles above) are well below the table's revised buybacks, so
        // the table's own inputs overstate his published ERP by more than 0.5 pp.
        let rows = damodaran_rows();
        for (year, cash_he_used) in [(2004, 35.15), (2005, 1248.29 * 0.0334)] {
            let (_, inputs, published) = rows.iter().find(|r| r.0 == year).unwrap();
            assert!(implied_erp(inputs).unwrap() - published > 0.005, "{year}");
            let needed = cash_flow_for_erp(inputs, *published);
            assert!(
                (needed / cash_he_used - 1.0).abs() < 0.01,
                "{year}: {needed}"
            );
        }
    }
}
