//! M1: "fair" price/earnings multiple as a function of the 10-year yield, the term premium and
//! the equity risk premium (docs/catalogue.md §2 M1; seed 001's sensitivity table).
//!
//! What: four formulas side by side, so a reader can see which one (if any) produces the
//! seed's table (10-year 3.5% / 4.5% / 5.5% → 20.0× / 17.5× / 15.4× "assuming ERP 5%"):
//! - earnings-yield ("Fed model") form `PE = 1/(y10 + ERP)`;
//! - term-premium form `PE = 1/(TP + ERP)`;
//! - Gordon form `PE = k/(y10 + ERP − g)`;
//! - constant-duration form `PE = PE_anchor · exp(−D·(y10 − y_anchor))`.
//!
//! Why: the seed gives the table without its model. docs/catalogue.md M1 shows that with the stated
//! 5% ERP no standard formula reproduces it; the duration form with D ≈ 13 does, and the ERP
//! then plays no role. The stress tests use the duration form by default.
//!
//! How: plain functions of decimal rates. [`fit_gordon`] and [`fit_duration`] recover the
//! parameters that make a formula pass through two rows of a table.
//!
//! Limits: all four are one-factor sketches. None models earnings growth or its link with
//! rates; the Gordon fit needs a payout ratio above 100% (not economic, docs/catalogue.md M1.4).

/// One row of the seed's table (seed 001 §3.1, docs/catalogue.md M1): the seed's own numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeedFairPeRow {
    pub ten_year_yield: f64,
    pub term_premium: f64,
    pub fair_pe: f64,
    /// The seed's "current P/E deviation" column.
    pub deviation: f64,
}

/// The seed's table (seed 001, "标普500合理PE (假设ERP为5%)"), transcribed in docs/catalogue.md M1.
pub const SEED_FAIR_PE_TABLE: [SeedFairPeRow; 3] = [
    SeedFairPeRow {
        ten_year_yield: 0.035,
        term_premium: -0.005,
        fair_pe: 20.0,
        deviation: 0.05,
    },
    SeedFairPeRow {
        ten_year_yield: 0.045,
        term_premium: 0.005,
        fair_pe: 17.5,
        deviation: 0.20,
    },
    SeedFairPeRow {
        ten_year_yield: 0.055,
        term_premium: 0.015,
        fair_pe: 15.4,
        deviation: 0.35,
    },
];

/// The ERP the seed says its table assumes (seed 001: "假设ERP为5%").
pub const SEED_STATED_ERP: f64 = 0.05;

/// Parameters of the Gordon form `PE = k / (y10 + ERP − g)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GordonParams {
    /// k = payout ratio × (1 + g).
    pub payout_times_growth_factor: f64,
    /// Long-run nominal earnings growth g.
    pub growth: f64,
}

/// The Gordon parameters docs/catalogue.md M1.4 fits to the seed's rows 1–2: g = 1.5%, k = 1.40.
pub const SEED_FIT_GORDON: GordonParams = GordonParams {
    payout_times_growth_factor: 1.40,
    growth: 0.015,
};

/// Parameters of the constant-duration form `PE = anchor_pe · exp(−D·(y10 − anchor_yield))`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DurationParams {
    pub anchor_pe: f64,
    pub anchor_yield: f64,
    /// Equity duration D in years: the % fall of the P/E per +1 point of yield, ×100.
    pub duration_years: f64,
}

/// docs/catalogue.md M1.5 and its monitoring equation: `fairPE = 20·exp(−13·(DGS10 − 3.5%))`.
pub const CATALOGUE_DURATION: DurationParams = DurationParams {
    anchor_pe: 20.0,
    anchor_yield: 0.035,
    duration_years: 13.0,
};

/// Earnings-yield ("Fed model") form: `1 / (y10 + ERP)`. `None` when the denominator is ≤ 0.
pub fn earnings_yield_pe(ten_year_yield: f64, equity_risk_premium: f64) -> Option<f64> {
    positive_reciprocal(ten_year_yield + equity_risk_premium)
}

/// Term-premium form: `1 / (TP + ERP)`. `None` when the denominator is ≤ 0.
pub fn term_premium_pe(term_premium: f64, equity_risk_premium: f64) -> Option<f64> {
    positive_reciprocal(term_premium + equity_risk_premium)
}

/// Gordon form: `k / (y10 + ERP − g)`. `None` when the denominator is ≤ 0.
pub fn gordon_pe(
    ten_year_yield: f64,
    equity_risk_premium: f64,
    params: GordonParams,
) -> Option<f64> {
    positive_reciprocal(ten_year_yield + equity_risk_premium - params.growth)
        .map(|r| params.payout_times_growth_factor * r)
}

/// Constant-duration form: `anchor_pe · exp(−D·(y10 − anchor_yield))`.
pub fn duration_pe(ten_year_yield: f64, params: DurationParams) -> f64 {
    params.anchor_pe * (-params.duration_years * (ten_year_yield - params.anchor_yield)).exp()
}

/// The deviation column: `current_pe / fair_pe − 1`.
pub fn deviation(current_pe: f64, fair_pe: f64) -> f64 {
    current_pe / fair_pe - 1.0
}

/// The simple implied ERP of a market P/E: `1/PE − y10` (docs/catalogue.md val_implied_erp).
pub fn implied_erp(pe: f64, ten_year_yield: f64) -> f64 {
    1.0 / pe - ten_year_yield
}

/// Fits the Gordon form through two (yield, P/E) points at a given ERP. `None` when the points
/// coincide in P/E (no unique fit).
pub fn fit_gordon(
    equity_risk_premium: f64,
    first: (f64, f64),
    second: (f64, f64),
) -> Option<GordonParams> {
    let ((y1, pe1), (y2, pe2)) = (first, second);
    if (pe1 - pe2).abs() < f64::EPSILON {
        return None;
    }
    // pe1·(y1 + erp − g) = pe2·(y2 + erp − g)  ⇒  g = (pe1(y1+erp) − pe2(y2+erp)) / (pe1 − pe2)
    let growth =
        (pe1 * (y1 + equity_risk_premium) - pe2 * (y2 + equity_risk_premium)) / (pe1 - pe2);
    let k = pe1 * (y1 + equity_risk_premium - growth);
    Some(GordonParams {
        payout_times_growth_factor: k,
        growth,
    })
}

/// Fits the duration form through two (yield, P/E) points, anchored at the first.
pub fn fit_duration(first: (f64, f64), second: (f64, f64)) -> Option<DurationParams> {
    let ((y1, pe1), (y2, pe2)) = (first, second);
    if (y2 - y1).abs() < f64::EPSILON || pe1 <= 0.0 || pe2 <= 0.0 {
        return None;
    }
    Some(DurationParams {
        anchor_pe: pe1,
        anchor_yield: y1,
        duration_years: (pe1 / pe2).ln() / (y2 - y1),
    })
}

fn positive_reciprocal(denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| 1.0 / denominator)
}

#[cfg(test)]
mod tests {
    //! Oracles: docs/catalogue.md §2 M1 points 2–6 (hand-computed there from the seed's table).
    use super::*;

    fn round1(x: f64) -> f64 {
        (x * 10.0).round() / 10.0
    }

    #[test]
    fn earnings_yield_form_gives_catalogue_11_8_10_5_9_5() {
        let pes: Vec<f64> = SEED_FAIR_PE_TABLE
            .iter()
            .map(|r| round1(earnings_yield_pe(r.ten_year_yield, SEED_STATED_ERP).unwrap()))
            .collect();
        assert_eq!(pes, vec![11.8, 10.5, 9.5]);
    }

    #[test]
    fn term_premium_form_gives_catalogue_22_2_18_2_15_38() {
        let pes: Vec<f64> = SEED_FAIR_PE_TABLE
            .iter()
            .map(|r| term_premium_pe(r.term_premium, SEED_STATED_ERP).unwrap())
            .collect();
        assert_eq!(round1(pes[0]), 22.2);
        assert_eq!(round1(pes[1]), 18.2);
        assert!((pes[2] - 15.38).abs() < 0.005, "{}", pes[2]);
    }

    #[test]
    fn gordon_fit_to_rows_one_and_two_is_g_1_5_k_1_40_and_gives_15_56() {
        let [r1, r2, r3] = SEED_FAIR_PE_TABLE;
        let fit = fit_gordon(
            SEED_STATED_ERP,
            (r1.ten_year_yield, r1.fair_pe),
            (r2.ten_year_yield, r2.fair_pe),
        )
        .unwrap();
        assert!((fit.growth - 0.015).abs() < 1e-12);
        assert!((fit.payout_times_growth_factor - 1.40).abs() < 1e-12);
        let pes: Vec<f64> = [r1, r2, r3]
            .iter()
            .map(|r| gordon_pe(r.ten_year_yield, SEED_STATED_ERP, SEED_FIT_GORDON).unwrap())
            .collect();
        assert!((pes[0] - 20.0).abs() < 1e-9);
        assert!((pes[1] - 17.5).abs() < 1e-9);
        assert!((pes[2] - 15.56).abs() < 0.005, "{}", pes[2]);
    }

    #[test]
    fn duration_13_gives_20_0_17_5_15_4() {
        let pes: Vec<f64> = SEED_FAIR_PE_TABLE
            .iter()
            .map(|r| duration_pe(r.ten_year_yield, CATALOGUE_DURATION))
            .collect();
        assert_eq!(round1(pes[0]), 20.0);
        // docs/catalogue.md M1.5: D ≈ 13 gives 17.5–17.56 and 15.3–15.4, within 0.1× of the seed.
        assert!((pes[1] - 17.5).abs() < 0.1, "{}", pes[1]);
        assert!((pes[2] - 15.4).abs() < 0.1, "{}", pes[2]);
    }

    #[test]
    fn duration_fit_through_rows_one_and_three_is_between_13_0_and_13_35() {
        let [r1, _, r3] = SEED_FAIR_PE_TABLE;
        let fit = fit_duration(
            (r1.ten_year_yield, r1.fair_pe),
            (r3.ten_year_yield, r3.fair_pe),
        )
        .unwrap();
        assert!(
            (13.0..=13.35).contains(&fit.duration_years),
            "{}",
            fit.duration_years
        );
    }

    #[test]
    fn deviation_column_needs_a_current_pe_of_21() {
        // docs/catalogue.md M1.6: PE_now = 21.0 gives +5% / +20% / +36%; at 23.1: +15% / +32% / +50%.
        let at = |pe_now: f64| -> Vec<f64> {
            SEED_FAIR_PE_TABLE
                .iter()
                .map(|r| (deviation(pe_now, r.fair_pe) * 100.0).round())
                .collect()
        };
        assert_eq!(at(21.0), vec![5.0, 20.0, 36.0]);
        let at_factset: Vec<f64> = SEED_FAIR_PE_TABLE
            .iter()
            .map(|r| deviation(23.1, r.fair_pe))
            .collect();
        for (got, catalogue) in at_factset.iter().zip([0.15, 0.32, 0.50]) {
            assert!((got - catalogue).abs() < 0.006, "{got} vs {catalogue}");
        }
    }

    #[test]
    fn implied_erp_at_factset_23_1_and_4_1_percent_is_about_0_2() {
        // docs/catalogue.md val_implied_erp: 1/23.1 = 4.33% vs 10y ≈ 4.1% → ≈ 0.2–0.4pp.
        let erp = implied_erp(23.1, 0.041);
        assert!((0.002..=0.004).contains(&erp), "{erp}");
    }

    #[test]
    fn non_positive_denominators_are_none() {
        assert_eq!(earnings_yield_pe(0.01, -0.02), None);
        assert_eq!(term_premium_pe(-0.05, 0.05), None);
    }
}
