//! SEC companyfacts exactly as EDGAR serves it (`../shared/data/real_formats/sec`): the
//! concept fallbacks on a filer that changed tags. Expected values were read from the JSON with
//! Python (annual 10-K facts of 350-380 days, the latest filing per period end).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests read fixture files

mod common;

use bullcheck_core::companies::hyperscalers::table;
use bullcheck_core::source::sec::extract;
use common::shared_data;

/// Nvidia moved its capex from `PaymentsToAcquirePropertyPlantAndEquipment` to
/// `PaymentsToAcquireProductiveAssets`, its D&A from `DepreciationAndAmortization` to
/// `DepreciationDepletionAndAmortization` and its revenue to `Revenues`. Run through the
/// hyperscaler table (its facts under Microsoft's CIK), every fiscal year takes the first
/// concept present and says which one.
#[test]
fn nvidia_fiscal_years_take_the_first_present_concept_and_name_it() {
    let Some(dir) = shared_data() else { return };
    let path = dir.join("real_formats/sec/CIK0001045810.json");
    let bytes = std::fs::read(&path).unwrap();
    let mut company = extract("CIK0001045810.json", &bytes).expect("real companyfacts");
    assert_eq!(company.cik, 1_045_810);
    company.cik = 789_019;
    let t = table(&[company], jiff::civil::date(2026, 11, 1));
    let row = &t.rows[0];
    let year = |end: &str| {
        &row.fiscal_years
            .iter()
            .find(|p| p.period == end)
            .unwrap_or_else(|| panic!("no fiscal year {end}"))
            .measures
    };
    let fy2026 = year("2026-01-25");
    assert_eq!(fy2026.capex, Some(6_042_000_000.0));
    assert_eq!(fy2026.depreciation_amortization, Some(2_843_000_000.0));
    assert_eq!(fy2026.revenue, Some(215_938_000_000.0));
    assert_eq!(
        fy2026.concepts["capex"],
        "PaymentsToAcquireProductiveAssets"
    );
    assert_eq!(
        fy2026.concepts["depreciation_amortization"],
        "DepreciationDepletionAndAmortization"
    );
    assert_eq!(fy2026.concepts["revenue"], "Revenues");
    // capex ÷ D&A = 6,042 / 2,843.
    assert!((fy2026.capex_to_da.unwrap() - 6042.0 / 2843.0).abs() < 1e-12);

    let fy2018 = year("2018-01-28");
    assert_eq!(fy2018.depreciation_amortization, Some(199_000_000.0));
    assert_eq!(
        fy2018.concepts["depreciation_amortization"],
        "DepreciationAndAmortization"
    );
    assert_eq!(fy2018.revenue, Some(9_714_000_000.0));
    assert_eq!(
        fy2018.concepts["revenue"],
        "RevenueFromContractWithCustomerExcludingAssessedTax"
    );
}
