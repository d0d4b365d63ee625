//! CAPE (Shiller P/E10) and the Buffett indicator (docs/methods.md §B5).
//!
//! What: CAPE = real price ÷ the average of the previous ten years of real earnings; the
//! Buffett indicator = corporate equities at market value ÷ nominal GDP, in percent.
//!
//! Why: the seeds call US equities expensive; CAPE and the Buffett indicator are the two
//! standard long-history valuation gauges that do not depend on one year's earnings.
//!
//! How: real value = nominal × CPI_base / CPI_t (the base cancels in the ratio). Shiller's
//! spreadsheet averages the 120 monthly real earnings *before* the month of the price
//! (months t−120 … t−1); [`cape_series`] does the same, so it reproduces his CAPE column.
//! Buffett: Fed Z.1 `NCBEILQ027S` is in **millions** of dollars, FRED `GDP` in **billions**
//! (SAAR): percent = 100 × equities / (GDP × 1000) = equities / GDP × 0.1.
//!
//! Limits: Shiller's monthly earnings are interpolated from quarterly reports and the last
//! months are blank until reported; CAPE's level has drifted up with accounting changes and
//! buybacks. The Z.1 numerator covers nonfinancial corporations only.

use crate::series::Date;

/// Months of earnings CAPE averages.
pub const CAPE_MONTHS: usize = 120;

/// One month of Shiller's data: nominal price, nominal 12-month earnings (None when not yet
/// reported) and CPI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShillerMonth {
    pub date: Date,
    pub price: f64,
    pub earnings: Option<f64>,
    pub cpi: f64,
}

/// CAPE at each month that has 120 reported months of earnings before it.
pub fn cape_series(months: &[ShillerMonth]) -> Vec<(Date, f64)> {
    let mut res = Vec::new();
    for i in CAPE_MONTHS..months.len() {
        let window = &months[i - CAPE_MONTHS..i];
        // 120 calendar months, not 120 rows: a gap in the file leaves no value.
        if crate::series::month_index(months[i].date) - crate::series::month_index(window[0].date)
            != CAPE_MONTHS as i32
        {
            continue;
        }
        let real_earnings: Option<f64> = window.iter().map(|m| m.earnings.map(|e| e / m.cpi)).sum();
        let Some(total) = real_earnings else {
            continue;
        };
        let average = total / CAPE_MONTHS as f64;
        if average > 0.0 {
            let real_price = months[i].price / months[i].cpi;
            res.push((months[i].date, real_price / average));
        }
    }
    res
}

/// The Buffett indicator in percent from Z.1 equities in $ millions and GDP in $ billions.
pub fn buffett_indicator_pct(equities_millions: f64, gdp_billions: f64) -> Option<f64> {
    (gdp_billions > 0.0).then(|| equities_millions / gdp_billions * 0.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn hand_computed_cape_on_a_flat_cpi() {
        // 120 months of earnings 10 at CPI 100, then price 300 at CPI 100: CAPE = 300/10 = 30.
        let mut months: Vec<ShillerMonth> = (0..121)
            .map(|i| ShillerMonth {
                date: date(2000, 1, 1) + jiff::Span::new().months(i),
                price: 300.0,
                earnings: Some(10.0),
                cpi: 100.0,
            })
            .collect();
        let cape = cape_series(&months);
        assert_eq!(cape.len(), 1);
        assert_eq!(cape[0].0, months[120].date);
        assert!((cape[0].1 - 30.0).abs() < 1e-9, "{}", cape[0].1);
        // Doubling the price level and CPI in the last month leaves the real price unchanged.
        months[120].price = 600.0;
        months[120].cpi = 200.0;
        assert!((cape_series(&months)[0].1 - 30.0).abs() < 1e-12);
        // A missing month of earnings in the window: no CAPE.
        months[5].earnings = None;
        assert!(cape_series(&months).is_empty());
    }

    #[test]
    fn buffett_units_millions_over_billions() {
        // $50,000,000 million of equities over $25,000 billion of GDP = 200%.
        assert_eq!(buffett_indicator_pct(50_000_000.0, 25_000.0), Some(200.0));
        assert_eq!(buffett_indicator_pct(1.0, 0.0), None);
    }

    /// Every month of Shiller's file with P, E, CPI and his CAPE column, read with the csv
    /// crate (independent of bullcheck's parser).
    fn shiller_file() -> (Vec<ShillerMonth>, Vec<Option<f64>>) {
        // The shared data, else the copy of this one file in `testdata/validation/`.
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut root = std::env::var_os("BULLCHECK_SHARED_DATA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| manifest.join("../../../shared/data"));
        if !root.is_dir() {
            root = manifest.join("../../testdata/validation");
        }
        let path = root.join("valuation/shiller_ie_data_monthly.csv");
        let mut reader =
            csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut months = Vec::new();
        let mut published = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.unwrap();
            let num = |k: usize| record[k].trim().parse::<f64>().ok();
            months.push(ShillerMonth {
                // A stand-in date: only the order matters here.
                date: date(1871, 1, 1) + jiff::Span::new().months(i as i64),
                price: num(1).unwrap(),
                earnings: num(3),
                cpi: num(4).unwrap(),
            });
            published.push(num(12));
        }
        (months, published)
    }

    #[test]
    fn reproduces_shillers_cape_column() {
        let (months, published) = shiller_file();
        let ours = cape_series(&months);
        let mut compared = 0;
        for (d, value) in &ours {
            let i = months.iter().position(|m| m.date == *d).unwrap();
            let theirs = published[i].expect("CAPE published where we have one");
            assert!(
                (value - theirs).abs() < 1e-6,
                "month {i}: {value} vs {theirs}"
            );
            compared += 1;
        }
        // Every month from 1881.01 with 120 reported months of earnings before it.
        assert!(compared > 1700, "{compared}");
        // Last month with a full window is 2026.04 (earnings reported to 2026.03): 38.14.
        let last = ours.last().unwrap().1;
        assert!((last - 38.1426).abs() < 0.001, "{last}");
    }
}
