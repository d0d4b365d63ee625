//! The monthly inputs of the forecasts, each read point in time: the value for month m uses
//! only observations dated within month m (or, for a trailing average, before it), so an
//! observation dated after m never changes it.
//!
//! Dating follows `docs/rating.md` §3: a monthly value dated the first of m is treated as
//! known at the end of m (a few days early for unemployment, about a week for the EBP).

use std::collections::BTreeMap;

use crate::checks::compute::sahm_series;
use crate::series::month_index;
use crate::series::{Dataset, Series, monthly_average};

/// An input of a forecast model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// 10-year minus 3-month Treasury spread, monthly average, percentage points: the NY Fed
    /// table's `NYFED_SPREAD` for the months it covers, else the monthly average of FRED
    /// `T10Y3M`, else FRED `T10Y3MM`.
    TermSpread,
    /// Gilchrist–Zakrajšek excess bond premium (`GZ_EBP`), percentage points.
    Ebp,
    /// Gilchrist–Zakrajšek credit spread (`GZ_SPREAD`), percentage points.
    GzSpread,
    /// Chicago Fed NFCI, the last weekly value of the month.
    Nfci,
    /// Sahm rule indicator from `UNRATE` (else FRED `SAHMCURRENT`), percentage points.
    Sahm,
    /// VIX (`VIXCLS`), monthly average (from 1990 only).
    Vix,
    /// Valuation: log Shiller CAPE (`SHILLER_CAPE`) minus its mean over the previous 120
    /// months (a deviation from its own ten-year norm, not a trending level).
    CapeGap,
}

impl Feature {
    pub fn name(self) -> &'static str {
        match self {
            Feature::TermSpread => "term_spread",
            Feature::Ebp => "ebp",
            Feature::GzSpread => "gz_spread",
            Feature::Nfci => "nfci",
            Feature::Sahm => "sahm",
            Feature::Vix => "vix",
            Feature::CapeGap => "cape_gap",
        }
    }

    /// The stored series the feature may read.
    pub fn series(self) -> &'static [&'static str] {
        match self {
            Feature::TermSpread => &["NYFED_SPREAD", "T10Y3M", "T10Y3MM"],
            Feature::Ebp => &["GZ_EBP"],
            Feature::GzSpread => &["GZ_SPREAD"],
            Feature::Nfci => &["NFCI"],
            Feature::Sahm => &["UNRATE", "SAHMCURRENT"],
            Feature::Vix => &["VIXCLS"],
            Feature::CapeGap => &["SHILLER_CAPE"],
        }
    }

    /// The feature's value by month index.
    pub fn monthly(self, data: &Dataset) -> BTreeMap<i32, f64> {
        let by_month = |points: &[(crate::series::Date, f64)], last: bool| {
            let mut out = BTreeMap::new();
            if last {
                for &(d, v) in points {
                    out.insert(month_index(d), v);
                }
            } else {
                for (d, v) in monthly_average(points) {
                    out.insert(month_index(d), v);
                }
            }
            out
        };
        let points = |id: &str| data.get(id).map(|s: &Series| s.points.as_slice());
        match self {
            Feature::TermSpread => {
                let mut out = BTreeMap::new();
                if let Some(p) = points("T10Y3MM") {
                    out.extend(by_month(p, true));
                }
                if let Some(p) = points("T10Y3M") {
                    out.extend(by_month(p, false));
                }
                if let Some(p) = points("NYFED_SPREAD") {
                    out.extend(by_month(p, true));
                }
                out
            }
            Feature::Ebp => points("GZ_EBP").map_or_else(BTreeMap::new, |p| by_month(p, true)),
            Feature::GzSpread => {
                points("GZ_SPREAD").map_or_else(BTreeMap::new, |p| by_month(p, true))
            }
            Feature::Nfci => points("NFCI").map_or_else(BTreeMap::new, |p| by_month(p, true)),
            Feature::Sahm => {
                if let Some(p) = points("UNRATE").filter(|p| !p.is_empty()) {
                    by_month(&sahm_series(p), true)
                } else {
                    points("SAHMCURRENT").map_or_else(BTreeMap::new, |p| by_month(p, true))
                }
            }
            Feature::Vix => points("VIXCLS").map_or_else(BTreeMap::new, |p| by_month(p, false)),
            Feature::CapeGap => {
                let logs: BTreeMap<i32, f64> = points("SHILLER_CAPE")
                    .map_or_else(BTreeMap::new, |p| by_month(p, true))
                    .into_iter()
                    .filter(|(_, v)| *v > 0.0)
                    .map(|(m, v)| (m, v.ln()))
                    .collect();
                logs.iter()
                    .filter_map(|(&m, &v)| {
                        let past: Vec<f64> = logs.range(m - 120..m).map(|(_, &x)| x).collect();
                        (past.len() >= 108)
                            .then(|| (m, v - past.iter().sum::<f64>() / past.len() as f64))
                    })
                    .collect()
            }
        }
    }
}

/// The rows of `features` by month: only months where every feature has a value.
pub fn table(data: &Dataset, features: &[Feature]) -> BTreeMap<i32, Vec<f64>> {
    let columns: Vec<BTreeMap<i32, f64>> = features.iter().map(|f| f.monthly(data)).collect();
    let Some(first) = columns.first() else {
        return BTreeMap::new();
    };
    first
        .keys()
        .filter_map(|&m| {
            let row: Option<Vec<f64>> = columns.iter().map(|c| c.get(&m).copied()).collect();
            row.map(|r| (m, r))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::SeriesMeta;
    use jiff::civil::date;

    fn put(data: &mut Dataset, id: &str, points: Vec<(crate::series::Date, f64)>) {
        data.insert(Series::new(
            SeriesMeta {
                id: id.to_string(),
                ..Default::default()
            },
            points,
        ));
    }

    /// The NY Fed spread wins where it exists; FRED's daily spread is averaged by month.
    #[test]
    fn term_spread_prefers_the_ny_fed_table_then_averages_daily_fred() {
        let mut data = Dataset::default();
        put(
            &mut data,
            "T10Y3M",
            vec![
                (date(2020, 1, 2), 1.0),
                (date(2020, 1, 3), 2.0),
                (date(2020, 2, 3), 0.5),
            ],
        );
        put(&mut data, "NYFED_SPREAD", vec![(date(2020, 1, 31), 1.2)]);
        let m = Feature::TermSpread.monthly(&data);
        assert_eq!(m[&month_index(date(2020, 1, 1))], 1.2);
        assert_eq!(m[&month_index(date(2020, 2, 1))], 0.5);
    }

    /// Hand computation: CAPE 20 for 120 months then 40: gap = ln 40 − ln 20 = ln 2.
    #[test]
    fn cape_gap_is_the_log_deviation_from_the_ten_year_mean() {
        let mut data = Dataset::default();
        let start = month_index(date(1990, 1, 1));
        let points = (0..121)
            .map(|i| {
                let d = crate::series::month_end_of(start + i).first_of_month();
                (d, if i < 120 { 20.0 } else { 40.0 })
            })
            .collect();
        put(&mut data, "SHILLER_CAPE", points);
        let m = Feature::CapeGap.monthly(&data);
        assert!((m[&(start + 120)] - 2f64.ln()).abs() < 1e-12);
        assert_eq!(m.len(), 121 - 108);
    }
}
