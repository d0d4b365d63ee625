//! The asset classes a holding can be, and what a scenario does to each.
//!
//! What: for every asset class, its return over a scenario's horizon from the scenario's
//! [`ModelMoves`] (the model estimate), what it actually returned over a replay's window when
//! its history is stored, and its carry (the yearly income it earns when nothing moves).
//! Why: a portfolio's scenario return is the weighted sum of these; the seeds' patches are
//! judged by the same numbers.
//! How (equations in `docs/portfolio.md`):
//! - `us_large_cap`: the equity index change (the scenario's own path for DFAST, the model's
//!   otherwise); history: S&P 500 (`SP500_LONG`, else `SP500`).
//! - `treasuries_2y/10y/30y`: a par bond of that maturity bought at today's yield (DGS2, DGS10,
//!   DGS30), repriced exactly at the horizon after the yield change, plus coupons. The 10-year
//!   change is the scenario's; the 2- and 30-year changes are the slopes of their quarterly
//!   changes on the 10-year's (fits on stored history). History: the same bond bought at the
//!   window's first yield and repriced at its last.
//! - `tbills`: today's 3-month yield over the horizon; history: the window's average yield.
//! - `ig_credit`, `hy_credit`: a par bond at yield + spread whose maturity gives the cited
//!   effective duration, repriced exactly after the yield + spread change; the investment-grade
//!   spread change is its slope on the high-yield change (monthly fit on stored BAMLC0A0CM); high
//!   yield also loses defaults × loss given
//!   default over the horizon. Durations, the average default rate and recovery are cited
//!   ([`CITED`]).
//! - `us_tech`, `us_small_cap`, `gold`, `copper`, `oil`, `real_estate`, `quality`, `series:ID`:
//!   slopes of quarterly log returns on the S&P 500, 10-year and high-yield spread changes,
//!   estimated on stored history ([`super::fit`]); history: the stored series.
//!
//! Limits: one scenario path end point per variable; no roll-down; equity classes other than
//! the index carry the S&P 500's dividend yield.

use std::collections::BTreeMap;

use serde::Serialize;

use super::fit::{Change, Fit, Frequency, first_stored, fit, index_from_monthly_returns};
use crate::series::{Dataset, Series};
use crate::vocab::Note;

mod outcome;
pub use outcome::{
    AssetOutcome, carry_pct, equity_input, horizon_years, hy_default_rate, outcome,
    par_maturity_for_duration,
};

/// An asset class (or any stored series).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AssetKind {
    UsLargeCap,
    UsTech,
    UsSmallCap,
    Treasuries2y,
    Treasuries10y,
    Treasuries30y,
    Tbills,
    IgCredit,
    HyCredit,
    Gold,
    Copper,
    Oil,
    RealEstate,
    Quality,
    Series(String),
}

/// The names accepted in a holdings file, with a one-line description.
pub const ASSET_CLASSES: [(&str, &str); 14] = [
    ("us_large_cap", "S&P 500 (price index)"),
    (
        "us_tech",
        "US technology: Ken French 12-industry Business Equipment (BusEq), value-weighted",
    ),
    ("us_small_cap", "US small caps: Fama-French market + SMB"),
    ("treasuries_2y", "2-year Treasury par bond (DGS2)"),
    ("treasuries_10y", "10-year Treasury par bond (DGS10)"),
    ("treasuries_30y", "30-year Treasury par bond (DGS30)"),
    ("tbills", "3-month Treasury bills (DGS3MO)"),
    (
        "ig_credit",
        "US investment-grade corporate bonds (ICE BofA OAS BAMLC0A0CM)",
    ),
    (
        "hy_credit",
        "US high-yield corporate bonds (ICE BofA OAS BAMLH0A0HYM2)",
    ),
    ("gold", "gold, LBMA PM fix in USD"),
    ("copper", "copper, IMF global price (FRED PCOPPUSDM)"),
    ("oil", "WTI crude oil spot (FRED DCOILWTICO)"),
    (
        "real_estate",
        "US real-estate companies: Ken French 49-industry RlEst, value-weighted",
    ),
    (
        "quality",
        "Fama-French RMW (robust minus weak profitability), long-short",
    ),
];

impl AssetKind {
    /// Parses a holdings-file name; the error lists the known names.
    pub fn parse(name: &str) -> Result<AssetKind, String> {
        if let Some(id) = name.strip_prefix("series:") {
            let ok = !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'));
            return if ok {
                Ok(AssetKind::Series(id.to_string()))
            } else {
                Err(format!(
                    "`{name}`: a series id is letters, digits, _ - . : (e.g. series:DCOILWTICO)"
                ))
            };
        }
        Ok(match name {
            "us_large_cap" => AssetKind::UsLargeCap,
            "us_tech" => AssetKind::UsTech,
            "us_small_cap" => AssetKind::UsSmallCap,
            "treasuries_2y" => AssetKind::Treasuries2y,
            "treasuries_10y" => AssetKind::Treasuries10y,
            "treasuries_30y" => AssetKind::Treasuries30y,
            "tbills" => AssetKind::Tbills,
            "ig_credit" => AssetKind::IgCredit,
            "hy_credit" => AssetKind::HyCredit,
            "gold" => AssetKind::Gold,
            "copper" => AssetKind::Copper,
            "oil" => AssetKind::Oil,
            "real_estate" => AssetKind::RealEstate,
            "quality" => AssetKind::Quality,
            _ => {
                return Err(format!(
                    "unknown asset `{name}`; known: {}, or series:ID for a stored series",
                    ASSET_CLASSES.map(|a| a.0).join(", ")
                ));
            }
        })
    }

    pub fn name(&self) -> String {
        match self {
            AssetKind::Series(id) => format!("series:{id}"),
            other => ASSET_CLASSES[other.position()].0.to_string(),
        }
    }

    fn position(&self) -> usize {
        match self {
            AssetKind::UsLargeCap => 0,
            AssetKind::UsTech => 1,
            AssetKind::UsSmallCap => 2,
            AssetKind::Treasuries2y => 3,
            AssetKind::Treasuries10y => 4,
            AssetKind::Treasuries30y => 5,
            AssetKind::Tbills => 6,
            AssetKind::IgCredit => 7,
            AssetKind::HyCredit => 8,
            AssetKind::Gold => 9,
            AssetKind::Copper => 10,
            AssetKind::Oil => 11,
            AssetKind::RealEstate => 12,
            AssetKind::Quality => 13,
            AssetKind::Series(_) => usize::MAX,
        }
    }

    fn is_equity(&self) -> bool {
        matches!(
            self,
            AssetKind::UsLargeCap
                | AssetKind::UsTech
                | AssetKind::UsSmallCap
                | AssetKind::RealEstate
        )
    }
}

/// A cited parameter: value, unit and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cited {
    pub name: &'static str,
    pub value: f64,
    pub unit: &'static str,
    /// [`Cited::unit`] in Chinese (the JSON keeps the English).
    #[serde(skip)]
    pub unit_zh: &'static str,
    pub source: &'static str,
    pub url: &'static str,
    pub as_of: &'static str,
}

pub const IG_DURATION: Cited = Cited {
    name: "ig_effective_duration",
    value: 7.48,
    unit: "years",
    unit_zh: "年",
    source: "ETF Trends, \"iShares Launches Short-Duration Corporate Bond ETFs\": iShares iBoxx $ Investment Grade Corporate Bond ETF (LQD) effective duration 7.48 years",
    url: "https://www.etftrends.com/2013/10/ishares-launches-short-duration-corporate-bond-etfs/2/",
    as_of: "2013-10",
};

pub const HY_DURATION: Cited = Cited {
    name: "hy_effective_duration",
    value: 4.14,
    unit: "years",
    unit_zh: "年",
    source: "ETF Trends, same article: iShares iBoxx $ High Yield Corporate Bond ETF (HYG) effective duration 4.14 years",
    url: "https://www.etftrends.com/2013/10/ishares-launches-short-duration-corporate-bond-etfs/2/",
    as_of: "2013-10",
};

pub const HY_DEFAULT_RATE: Cited = Cited {
    name: "speculative_grade_default_rate_average",
    value: 4.2,
    unit: "% of issuers per year",
    unit_zh: "%（发行人，每年）",
    source: "Moody's Investors Service, Annual Default Study: Corporate Default and Recovery Rates, 1920-2015 (29 Feb 2016): \"the historical average of 4.2% since 1983\" (speculative grade)",
    url: "https://pdfcoffee.com/moodys-pbc-1018455-pdf-free.html",
    as_of: "2016-02-29",
};

pub const HY_RECOVERY: Cited = Cited {
    name: "defaulted_bond_recovery_average",
    value: 36.0,
    unit: "% of face",
    unit_zh: "%（面值）",
    source: "Moody's Investors Service, Default and Recovery Rates of Corporate Bond Issuers, 1920-2005: recovery rates of defaulted corporate bonds \"well above their 36% historical average\"",
    url: "https://pdfslide.net/documents/moodys-report-2005.html",
    as_of: "2006-01",
};

/// Every cited parameter of the asset models.
pub const CITED: [Cited; 4] = [IG_DURATION, HY_DURATION, HY_DEFAULT_RATE, HY_RECOVERY];

/// Today's levels and the fits, estimated once on the stored data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimates {
    pub ust2y: Option<f64>,
    pub ust10y: Option<f64>,
    pub ust30y: Option<f64>,
    pub tbill: Option<f64>,
    pub ig_oas: Option<f64>,
    pub hy_oas: Option<f64>,
    /// Mean of the stored high-yield spread (the level at which the default rate is the
    /// cited average).
    pub hy_oas_mean: Option<f64>,
    /// S&P 500 dividend yield, % (Shiller D / P, last month with both).
    pub dividend_yield: Option<f64>,
    pub curve_2y: Option<Fit>,
    pub curve_30y: Option<Fit>,
    pub ig_on_hy: Option<Fit>,
    /// Per fitted asset: its fit, or why there is none.
    pub fits: BTreeMap<String, Result<Fit, Note>>,
    /// Series the fitted assets were estimated on (asset name → series description).
    #[serde(skip)]
    pub asset_series: BTreeMap<String, Series>,
}

const TBILL_IDS: [&str; 3] = ["DGS3MO", "GHALAM_DGS3MO", "NYFED_3M_BEY"];
const EQUITY_IDS: [&str; 2] = ["SP500_LONG", "SP500"];

fn latest(data: &Dataset, ids: &[&str]) -> Option<f64> {
    first_stored(data, ids).and_then(|s| s.last()).map(|p| p.1)
}

/// The stored series behind a fitted asset (`Err`: what is missing).
fn asset_series(kind: &AssetKind, data: &Dataset) -> Result<Series, Note> {
    let need = |id: &str| {
        data.get(id)
            .filter(|s| !s.points.is_empty())
            .ok_or_else(|| {
                Note::new(
                    format!("no_data: {id} not stored"),
                    format!("无数据：未存储 {id}"),
                )
            })
    };
    let name = kind.name();
    match kind {
        AssetKind::UsTech => index_from_monthly_returns(&name, &[need("FF12_VW_BUSEQ")?]),
        AssetKind::UsSmallCap => index_from_monthly_returns(
            &name,
            &[need("FF5_MKT_RF")?, need("FF5_RF")?, need("FF5_SMB")?],
        ),
        AssetKind::RealEstate => index_from_monthly_returns(&name, &[need("FF49_VW_RLEST")?]),
        AssetKind::Quality => index_from_monthly_returns(&name, &[need("FF5_RMW")?]),
        AssetKind::Gold => Some(need("GOLD_LBMA_PM_USD")?.clone()),
        AssetKind::Copper => Some(need("PCOPPUSDM")?.clone()),
        AssetKind::Oil => Some(need("DCOILWTICO")?.clone()),
        AssetKind::Series(id) if id.starts_with("FF") => {
            index_from_monthly_returns(&name, &[need(id)?])
        }
        AssetKind::Series(id) => Some(need(id)?.clone()),
        _ => None,
    }
    .ok_or_else(|| {
        Note::new(
            format!("{name}: its return series could not be built"),
            format!("{name}：无法构建其收益序列"),
        )
    })
}

fn is_fitted(kind: &AssetKind) -> bool {
    matches!(
        kind,
        AssetKind::UsTech
            | AssetKind::UsSmallCap
            | AssetKind::RealEstate
            | AssetKind::Quality
            | AssetKind::Gold
            | AssetKind::Copper
            | AssetKind::Oil
            | AssetKind::Series(_)
    )
}

/// Levels and fits for the assets in `kinds` (and the curve and credit fits every portfolio
/// may need).
pub fn estimate(data: &Dataset, kinds: &[AssetKind]) -> Estimates {
    let quarterly_on_10y = |id: &str| {
        let target = data.get(id)?;
        let ten = data.get("DGS10")?;
        fit(
            (id, target, Change::Difference),
            &[("DGS10", ten, Change::Difference)],
            Frequency::Quarterly,
        )
    };
    let ig_on_hy = match (data.get("BAMLC0A0CM"), data.get("BAMLH0A0HYM2")) {
        (Some(ig), Some(hy)) => fit(
            ("BAMLC0A0CM", ig, Change::Difference),
            &[("BAMLH0A0HYM2", hy, Change::Difference)],
            Frequency::Monthly,
        ),
        _ => None,
    };
    let hy_oas_mean = data.get("BAMLH0A0HYM2").and_then(|s| {
        (!s.points.is_empty())
            .then(|| s.points.iter().map(|p| p.1).sum::<f64>() / s.points.len() as f64)
    });
    let dividend_yield = match (data.get("SHILLER_D"), data.get("SHILLER_P")) {
        (Some(d), Some(p)) => d.points.iter().rev().find_map(|&(date, div)| {
            let price = p.points.iter().find(|q| q.0 == date)?.1;
            (price > 0.0).then_some(100.0 * div / price)
        }),
        _ => None,
    };
    let mut fits = BTreeMap::new();
    let mut series_by_asset = BTreeMap::new();
    let factors: Option<[(&str, &Series, Change); 3]> = (|| {
        Some([
            (
                "sp500",
                first_stored(data, &EQUITY_IDS)?,
                Change::LogPercent,
            ),
            ("ust10y", data.get("DGS10")?, Change::Difference),
            ("hy_oas", data.get("BAMLH0A0HYM2")?, Change::Difference),
        ])
    })();
    for kind in kinds.iter().filter(|k| is_fitted(k)) {
        let name = kind.name();
        if fits.contains_key(&name) {
            continue;
        }
        let result = asset_series(kind, data).and_then(|series| {
            let factors = factors.as_ref().ok_or_else(|| {
                Note::new(
                    "no_data: the factors need SP500_LONG (or SP500), DGS10 and BAMLH0A0HYM2",
                    "无数据：因子需要 SP500_LONG（或 SP500）、DGS10 和 BAMLH0A0HYM2",
                )
            })?;
            let f = fit(
                (&name, &series, Change::LogPercent),
                factors,
                Frequency::Quarterly,
            )
            .ok_or_else(|| {
                Note::new(
                    format!("{name}: fewer than 13 quarters in common with the S&P 500, DGS10 and BAMLH0A0HYM2"),
                    format!("{name}：与标普500、DGS10 和 BAMLH0A0HYM2 的共同季度少于13个"),
                )
            })?;
            series_by_asset.insert(name.clone(), series);
            Ok(f)
        });
        fits.insert(name, result);
    }
    Estimates {
        ust2y: latest(data, &["DGS2"]),
        ust10y: latest(data, &["DGS10"]),
        ust30y: latest(data, &["DGS30"]),
        tbill: latest(data, &TBILL_IDS),
        ig_oas: latest(data, &["BAMLC0A0CM"]),
        hy_oas: latest(data, &["BAMLH0A0HYM2"]),
        hy_oas_mean,
        dividend_yield,
        curve_2y: quarterly_on_10y("DGS2"),
        curve_30y: quarterly_on_10y("DGS30"),
        ig_on_hy,
        fits,
        asset_series: series_by_asset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::bond::par_bond_return_pct;

    #[test]
    fn names_round_trip_and_unknown_names_list_the_known_ones() {
        for (name, _) in ASSET_CLASSES {
            assert_eq!(AssetKind::parse(name).unwrap().name(), name);
        }
        assert_eq!(
            AssetKind::parse("series:DCOILWTICO").unwrap(),
            AssetKind::Series("DCOILWTICO".into())
        );
        let e = AssetKind::parse("bitcoin").unwrap_err();
        assert!(e.contains("us_large_cap") && e.contains("series:ID"), "{e}");
    }

    #[test]
    fn credit_is_repriced_as_a_par_bond_with_the_cited_duration() {
        let m = par_maturity_for_duration(HY_DURATION.value, 7.5);
        let bond = super::super::bond::Bond {
            coupon_pct: 7.5,
            maturity_years: m,
            frequency: 2,
        };
        assert!(
            (bond.modified_duration(7.5) - HY_DURATION.value).abs() < 0.02,
            "{m}"
        );
        // Small shock: −D·Δy; large widening: convexity makes the loss smaller than linear.
        let small = par_bond_return_pct(m, 7.5, 0.01, 0.0);
        assert!((small + HY_DURATION.value * 0.01).abs() < 2e-3, "{small}");
        let large = par_bond_return_pct(m, 7.5, 12.0, 0.0);
        assert!(large > -HY_DURATION.value * 12.0, "{large}");
    }

    #[test]
    fn default_rate_is_the_cited_average_at_the_mean_spread() {
        assert_eq!(hy_default_rate(5.0, 5.0), 4.2);
        assert!((hy_default_rate(10.0, 5.0) - 8.4).abs() < 1e-12);
    }
}
