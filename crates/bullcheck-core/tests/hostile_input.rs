//! Hostile input against the pure core (issue 16): damaged and malicious files for every
//! importer, check and scenario TOML with garbage numbers, charts on extreme values. Each test
//! is named after the defect it pins; none may end in a panic or a silent acceptance.
//!
//! Fuzzing: cargo-fuzz needs a nightly toolchain, which CI does not have; instead the
//! `arbitrary_bytes_never_panic_*` property tests below feed random bytes to each parser
//! and to the company-facts extractor (the archive reader's parser; the zip layer itself is
//! fuzzed through the executable in `crates/bullcheck/tests/it/hostile.rs`) — the same
//! contract a fuzz target checks. 48 cases each on every `cargo test`; `.ci/run` runs them
//! again with `BULLCHECK_FUZZ_CASES=50000` under a five-minute limit (about 20 s).

// Tests read fixture files and one environment variable (the fuzz case count).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use bullcheck_core::checks::parse_defs;
use bullcheck_core::report::html::chart::{self, LineChart, Reference};
use bullcheck_core::series::Date;
use bullcheck_core::source::{self, Kind, ParseOptions};
use bullcheck_core::stress::scenario::parse_scenario;
use jiff::civil::date;
use proptest::prelude::*;

fn parse(kind: Kind, name: &str, bytes: &[u8]) -> Result<source::Parsed, source::ParseError> {
    source::parse(kind, name, bytes, &ParseOptions::default())
}

fn fixture(path: &str) -> Vec<u8> {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// The fixture cut right after `needle`'s first occurrence (a download interrupted inside a
/// number).
fn cut_after(bytes: &[u8], needle: &str) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in fixture"))
        + needle.len();
    bytes[..at].to_vec()
}

// ---- truncated multi-column files -------------------------------------------------------

#[test]
fn truncated_dfast_row_is_refused_not_stored_as_583() {
    let whole = fixture("dfast/2025-Baseline_Domestic_sample.csv");
    // Line 2 holds `...,7.6,58399.3,...`: cut inside the number.
    let cut = cut_after(&whole, ",7.6,583");
    let err = parse(Kind::Dfast, "2025-Baseline_Domestic.csv", &cut).unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");
    assert!(err.message.contains("truncated"), "{err}");
    // The whole fixture still parses.
    assert!(parse(Kind::Dfast, "2025-Baseline_Domestic.csv", &whole).is_ok());
}

#[test]
fn truncated_damodaran_row_is_refused() {
    let whole = fixture("damodaran/histimpl_sample.csv");
    let cut = cut_after(&whole, "1961,0.0471,0.0285,71.5");
    let err = parse(Kind::Damodaran, "histimpl.csv", &cut).unwrap_err();
    assert!(err.message.contains("truncated"), "{err}");
    assert!(err.line.is_some(), "{err}");
}

#[test]
fn truncated_dfa_row_is_refused() {
    let whole = fixture("fed_dfa/dfa-networth-levels_sample.csv");
    let cut = cut_after(&whole, "1989:Q3,RemainingTop1,2838759,29");
    let err = parse(Kind::FedDfa, "dfa-networth-levels.csv", &cut).unwrap_err();
    assert!(err.message.contains("truncated"), "{err}");
}

#[test]
fn truncated_nyfed_acm_row_is_refused() {
    let text = b"DATE,ACMY10,ACMTP10\n14-Jun-1961,1.5,0.089406\n15-Jun-1961,1.6";
    let err = parse(Kind::NyfedAcm, "ACMTermPremium.csv", text).unwrap_err();
    assert!(err.message.contains("truncated"), "{err}");
    assert_eq!(err.line, Some(3), "{err}");
}

#[test]
fn truncated_french_row_is_refused() {
    let text = b"This file was created by CMPT_ME_BEME_RETS using the 202505 CRSP database.\n\n  Average Value Weighted Returns -- Monthly\n,Lo 10,Hi 10\n192607,1.5,2.3\n192608,0.5";
    let err = parse(Kind::French, "Portfolios_Formed_on_BE-ME.CSV", text).unwrap_err();
    assert_eq!(err.line, Some(6), "{err}");
}

#[test]
fn complete_file_without_final_newline_is_accepted() {
    let text = b"DATE,ACMY10,ACMTP10\n14-Jun-1961,1.5,0.089406\n15-Jun-1961,1.6,0.1";
    let parsed = parse(Kind::NyfedAcm, "ACMTermPremium.csv", text).unwrap();
    assert_eq!(parsed.series[0].observations.len(), 2);
}

// ---- duplicate dates ----------------------------------------------------------------------

#[test]
fn duplicate_dates_with_different_values_are_refused_naming_both_lines() {
    let text = b"DATE,DGS10\n2020-01-02,1.88\n2020-01-03,1.80\n2020-01-02,1.90\n";
    let err = parse(Kind::FredCsv, "DGS10.csv", text).unwrap_err();
    assert!(err.message.contains("lines 2 and 4"), "{err}");
    assert!(
        err.message.contains("1.88") && err.message.contains("1.9"),
        "{err}"
    );
    assert_eq!(err.line, Some(4));
}

#[test]
fn duplicate_dates_with_the_same_value_are_harmless() {
    let text = b"DATE,DGS10\n2020-01-02,1.88\n2020-01-02,1.88\n";
    assert!(parse(Kind::FredCsv, "DGS10.csv", text).is_ok());
}

#[test]
fn duplicate_dates_in_json_records_are_refused() {
    let text = br#"{"id":"gold_price","source":"LBMA","records":[
{"date":"2020-01-02","value":1500.5},
{"date":"2020-01-02","value":1600.0}]}"#;
    let err = parse(Kind::JsonRecords, "lbma_gold_pm_usd.json", text).unwrap_err();
    assert!(err.message.contains("appears twice"), "{err}");
    assert!(err.message.contains("lines 2 and 3"), "{err}");
}

#[test]
fn duplicate_monthly_dates_are_found_in_their_own_rendering() {
    let text = b"Scenario Name,Date,Real GDP growth\nSupervisory Baseline,2025 Q1,2.1\nSupervisory Baseline,2025 Q1,2.5\n";
    let err = parse(Kind::Dfast, "2025-Baseline_Domestic.csv", text).unwrap_err();
    assert!(err.message.contains("lines 2 and 3"), "{err}");
}

#[test]
fn cftc_gold_keeps_the_comex_record_of_a_date() {
    // Two contracts on one date, the small one last (the order in the real file varies).
    let text = br#"{"id":"legacy_futures_only_gold","source":"CFTC","records":[
{"date":"1987-06-30T00:00:00.000","open_interest":146960.0,"noncommercial_long":15476.0,"noncommercial_short":11621.0,"commercial_long":63817.0,"commercial_short":78120.0},
{"date":"1987-06-30T00:00:00.000","open_interest":5100.0,"noncommercial_long":0.0,"noncommercial_short":19.0,"commercial_long":3912.0,"commercial_short":3598.0}]}"#;
    let parsed = parse(Kind::JsonRecords, "cftc_gold.json", text).unwrap();
    let net = parsed
        .series
        .iter()
        .find(|s| s.meta.id == "CFTC_GOLD_NONCOMM_NET")
        .unwrap();
    assert_eq!(net.observations.len(), 1);
    assert_eq!(net.observations[0].value, Some(15476.0 - 11621.0));
}

// ---- strict dates ---------------------------------------------------------------------------

#[test]
fn date_with_trailing_junk_is_refused() {
    let text = b"DATE,UNRATE\n1960-05-01 junk,5.1\n";
    let err = parse(Kind::FredCsv, "UNRATE.csv", text).unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");
    assert!(err.message.contains("invalid date"), "{err}");
}

#[test]
fn date_with_trailing_t_junk_is_refused() {
    let text = br#"{"id":"gold_price","source":"LBMA","records":[{"date":"2020-01-02Tnonsense","value":1.0}]}"#;
    assert!(parse(Kind::JsonRecords, "lbma_gold_pm_usd.json", text).is_err());
}

#[test]
fn dates_with_a_real_time_of_day_are_still_accepted() {
    for stamp in [
        "1986-01-15T00:00:00.000",
        "2024-01-01 00:00:00",
        "2024-01-01T00:00:00Z",
        "2024-01-01T00:00:00+00:00",
        "2024-01-01 00:00",
    ] {
        let text = format!("DATE,X\n{stamp},1\n");
        assert!(
            parse(Kind::FredCsv, "X.csv", text.as_bytes()).is_ok(),
            "{stamp}"
        );
    }
}

// ---- ids, sizes and excerpts ----------------------------------------------------------------

#[test]
fn series_id_of_50_mb_is_refused_with_a_short_message() {
    let id = "A".repeat(50 << 20);
    let err = source::parse(
        Kind::GenericCsv,
        "x.csv",
        b"date,value\n2020-01-02,1\n",
        &ParseOptions {
            series_override: Some(&id),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        err.to_string().len() < 1_000,
        "{} bytes",
        err.to_string().len()
    );
    assert!(err.message.contains("at most 128"), "{err}");
}

#[test]
fn series_id_with_a_newline_is_refused() {
    let text = b"DATE,\"DGS\n10\"\n2020-01-02,1\n";
    let err = parse(Kind::FredCsv, "x.csv", text).unwrap_err();
    assert!(err.message.contains("series id"), "{err}");
}

#[test]
fn a_50_mb_value_is_quoted_as_an_excerpt() {
    let mut text = b"DATE,DGS10\n2020-01-02,".to_vec();
    text.extend(std::iter::repeat_n(b'x', 50 << 20));
    text.push(b'\n');
    let err = parse(Kind::FredCsv, "DGS10.csv", &text).unwrap_err();
    let shown = err.to_string();
    assert!(shown.len() < 1_000, "{} bytes", shown.len());
    assert!(shown.contains("invalid number"), "{}", &shown[..200]);
}

#[test]
fn a_50_mb_header_cell_is_quoted_as_an_excerpt() {
    let mut text = b"Scenario Name,Date,".to_vec();
    text.extend(std::iter::repeat_n(b'y', 50 << 20));
    text.extend_from_slice(b"\nSupervisory Baseline,2025 Q1,abc\n");
    let err = parse(Kind::Dfast, "2025-Baseline_Domestic.csv", &text).unwrap_err();
    assert!(
        err.to_string().len() < 1_000,
        "{} bytes",
        err.to_string().len()
    );
}

#[test]
fn infinite_values_in_files_are_refused() {
    for value in ["inf", "-inf", "1e400", "infinity"] {
        let text = format!("DATE,DGS10\n2020-01-02,{value}\n");
        assert!(
            parse(Kind::FredCsv, "DGS10.csv", text.as_bytes()).is_err(),
            "{value}"
        );
    }
}

#[test]
fn json_record_value_error_names_its_line() {
    let text = br#"{"id":"gold_price","source":"LBMA","records":[
{"date":"2020-01-02","value":1.0},
{"date":"2020-01-03","value":true}]}"#;
    let err = parse(Kind::JsonRecords, "lbma_gold_pm_usd.json", text).unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
}

#[test]
fn cik_above_2_pow_63_is_refused() {
    for cik in ["18446744073709551615", "9223372036854775808", "99999999999"] {
        let text = format!(r#"{{"cik":{cik},"entityName":"X","facts":{{}}}}"#);
        let err = parse(Kind::SecCompanyFacts, "CIK.json", text.as_bytes()).unwrap_err();
        assert!(err.message.contains("CIK"), "{cik}: {err}");
        let bulk = bullcheck_core::source::sec::extract("CIK.json", text.as_bytes());
        assert!(bulk.is_err(), "{cik}");
    }
    let ok = r#"{"cik":9999999999,"entityName":"X","facts":{}}"#;
    assert!(parse(Kind::SecCompanyFacts, "CIK.json", ok.as_bytes()).is_ok());
}

// ---- charts ---------------------------------------------------------------------------------

fn chart_svg(points: &[(Date, f64)]) -> String {
    chart::render(&LineChart {
        title: "t",
        unit: "%",
        points,
        references: vec![Reference {
            label: "critical".into(),
            value: 5.0,
            class: "critical",
        }],
        recessions: &[],
        recession_label: "",
        element_id: "c",
    })
    .expect("two points draw a chart")
}

#[test]
fn chart_ticks_on_plus_minus_1e308_do_not_panic() {
    let svg = chart_svg(&[(date(2020, 1, 1), -1e308), (date(2020, 2, 1), 1e308)]);
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    let svg = chart_svg(&[(date(2020, 1, 1), f64::MAX), (date(2020, 2, 1), f64::MIN)]);
    assert!(!svg.contains("NaN"), "{svg}");
}

#[test]
fn ticks_are_bounded_whatever_the_step() {
    assert!(chart::ticks(-1e308, 1e308, 1.0).len() <= chart::MAX_TICKS + 1);
    assert!(chart::ticks(0.0, 1.0, 1e-300).len() <= chart::MAX_TICKS + 1);
    assert!(chart::ticks(0.0, 1.0, f64::NAN).len() <= 2);
    assert_eq!(chart::ticks(0.0, 10.0, 2.5), vec![0.0, 2.5, 5.0, 7.5, 10.0]);
}

// ---- check definitions (TOML) ---------------------------------------------------------------

fn check_toml(thresholds: &str, params: &str, rule: &str) -> String {
    format!(
        r#"[[check]]
id = "my_check"
module = "fiscal"
title = "t"
unit = "%"
compute = "latest"
series = ["DGS10"]
direction = "higher_is_worse"
thresholds = {thresholds}
params = {params}
what = "w"
why = "w"
how = "h"
limits = "l"
[check.claim]
seed = "000"
text = "t"
rule = {rule}
"#
    )
}

const OK_RULE: &str = r#"{ kind = "forecast", trigger = 5.0 }"#;

#[test]
fn user_check_with_valid_numbers_parses() {
    let text = check_toml(
        "{ watch = 1.0, warning = 2.0, critical = 3.0 }",
        "{}",
        OK_RULE,
    );
    assert!(parse_defs("my.toml", &text).is_ok());
}

#[test]
fn nan_threshold_is_refused() {
    let text = check_toml("{ watch = nan, warning = 2.0 }", "{}", OK_RULE);
    let err = parse_defs("my.toml", &text).unwrap_err();
    assert!(err.message.contains("finite"), "{err}");
    assert_eq!(err.line, Some(2), "{err}");
}

#[test]
fn infinite_param_is_refused() {
    let text = check_toml("{}", "{ window_years = inf }", OK_RULE);
    let err = parse_defs("my.toml", &text).unwrap_err();
    assert!(err.message.contains("params.window_years"), "{err}");
}

#[test]
fn nan_inside_a_param_array_is_refused() {
    let text = check_toml("{}", "{ weights = [1.0, nan] }", OK_RULE);
    assert!(parse_defs("my.toml", &text).is_err());
}

#[test]
fn param_of_the_wrong_type_is_refused_not_ignored() {
    // `months` of a computation that reads it (`latest` reads only `scale`).
    let text = check_toml("{}", r#"{ months = "twelve" }"#, OK_RULE)
        .replace(r#"compute = "latest""#, r#"compute = "rise_over_low""#);
    let err = parse_defs("my.toml", &text).unwrap_err();
    assert!(
        err.message
            .contains("params.months: invalid type: string \"twelve\""),
        "{err}"
    );
    assert_eq!(err.line, Some(10), "{err}");
    let text = check_toml("{}", "{ mode = 3 }", OK_RULE)
        .replace(r#"compute = "latest""#, r#"compute = "change_over""#);
    let err = parse_defs("my.toml", &text).unwrap_err();
    assert!(err.message.contains("params.mode"), "{err}");
}

#[test]
fn thresholds_in_the_wrong_order_are_refused() {
    let text = check_toml(
        "{ watch = 5.0, warning = 4.0, critical = 3.0 }",
        "{}",
        OK_RULE,
    );
    let err = parse_defs("my.toml", &text).unwrap_err();
    assert!(err.message.contains("out of order"), "{err}");
    let lower = text.replace("higher_is_worse", "lower_is_worse");
    assert!(parse_defs("my.toml", &lower).is_ok());
}

#[test]
fn nan_claim_trigger_is_refused() {
    let text = check_toml("{}", "{}", r#"{ kind = "forecast", trigger = nan }"#);
    assert!(parse_defs("my.toml", &text).is_err());
}

#[test]
fn percentile_rule_out_of_range_is_refused() {
    let text = check_toml("{}", "{}", r#"{ kind = "below_percentile", pct = 250.0 }"#);
    assert!(parse_defs("my.toml", &text).is_err());
}

#[test]
fn duplicate_check_ids_in_one_file_are_refused() {
    let one = check_toml("{}", "{}", OK_RULE);
    let err = parse_defs("my.toml", &format!("{one}\n{one}")).unwrap_err();
    assert!(err.message.contains("defined twice"), "{err}");
}

// ---- scenarios (TOML) -----------------------------------------------------------------------

const SCENARIO_HEAD: &str = "name = \"x\"\ntitle = \"t\"\nhorizon_quarters = 4\n";

#[test]
fn nan_scenario_shock_is_refused() {
    let text = format!(
        "{SCENARIO_HEAD}[[shocks]]\nvariable = \"ust10y\"\nkind = \"change\"\nvalue = nan\n"
    );
    let err = parse_scenario("x.toml", &text).unwrap_err();
    assert!(err.message.contains("finite"), "{err}");
}

#[test]
fn infinite_scenario_path_is_refused() {
    let text = format!(
        "{SCENARIO_HEAD}[[shocks]]\nvariable = \"ust10y\"\nkind = \"path\"\npath = [0.5, inf]\n"
    );
    assert!(parse_scenario("x.toml", &text).is_err());
}

#[test]
fn gpu_life_years_zero_is_refused() {
    let text = format!("{SCENARIO_HEAD}[parameters]\ngpu_life_years = 0\n");
    let err = parse_scenario("x.toml", &text).unwrap_err();
    assert_eq!(err.key, "parameters.gpu_life_years", "{err}");
    assert!(err.message.contains("outside"), "{err}");
    let ok = format!("{SCENARIO_HEAD}[parameters]\ngpu_life_years = 4\n");
    assert!(parse_scenario("x.toml", &ok).is_ok());
}

#[test]
fn share_parameter_above_one_is_refused() {
    let text = format!("{SCENARIO_HEAD}[parameters]\nrefinanced_share = 1.5\n");
    assert!(parse_scenario("x.toml", &text).is_err());
}

// ---- arbitrary bytes never panic (bounded property tests, one per parser) -------------------

/// Cases per property: 48 in the ordinary suite; CI's fuzz step raises it with
/// `BULLCHECK_FUZZ_CASES` under a time limit (`.ci/run`).
fn fuzz_cases() -> u32 {
    std::env::var("BULLCHECK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    #[test]
    fn arbitrary_bytes_never_panic_any_parser(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        kind in prop::sample::select(Kind::ALL.to_vec()),
    ) {
        let _ = source::detect("x.csv", &bytes);
        let _ = parse(kind, "x.csv", &bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic_company_extract(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = bullcheck_core::source::sec::extract("CIK.json", &bytes);
    }

    #[test]
    fn arbitrary_text_never_panics_check_and_scenario_toml(text in "[a-z_=\\[\\]\\{\\}\"0-9., \\n-]{0,400}") {
        let _ = parse_defs("x.toml", &text);
        let _ = parse_scenario("x.toml", &text);
    }

    #[test]
    fn any_finite_values_draw_a_chart(
        a in prop::num::f64::NORMAL | prop::num::f64::ZERO | prop::num::f64::SUBNORMAL,
        b in prop::num::f64::NORMAL | prop::num::f64::ZERO | prop::num::f64::SUBNORMAL,
    ) {
        let svg = chart_svg(&[(date(2020, 1, 1), a), (date(2020, 2, 1), b)]);
        prop_assert!(!svg.contains("NaN"));
    }
}

/// Each format's own fixture, damaged by truncation at every 97th byte: never a panic.
#[test]
fn every_truncation_of_real_fixtures_is_an_error_or_a_parse() {
    let fixtures = [
        ("dfast/2025-Baseline_Domestic_sample.csv", Kind::Dfast),
        ("damodaran/histimpl_sample.csv", Kind::Damodaran),
        ("fed_dfa/dfa-networth-levels_sample.csv", Kind::FedDfa),
        ("nyfed/ACMTermPremium_sample.csv", Kind::NyfedAcm),
        ("nyfed/allmonth_sample.csv", Kind::NyfedRecession),
        ("fred/DGS10_dots.csv", Kind::FredCsv),
        ("records/cftc_gold_sample.json", Kind::JsonRecords),
        ("sec/companyfacts_restated.json", Kind::SecCompanyFacts),
        (
            "treasury/debt_to_penny_page1.json",
            Kind::TreasuryDebtToPenny,
        ),
    ];
    for (path, kind) in fixtures {
        let bytes = fixture(path);
        for cut in (0..bytes.len()).step_by(97) {
            let _ = parse(kind, path, &bytes[..cut]);
        }
    }
}
