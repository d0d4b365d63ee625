//! Bubble statistics: Greenwood–Shleifer–You industry run-ups and crashes ([`gsy`]) and the
//! Phillips–Shi–Yu GSADF explosive-root test with date-stamping ([`gsadf`]).

pub mod gsadf;
pub mod gsy;
pub mod render;

use crate::series::{Dataset, Date};

/// The industries of a Ken French industry set in `ds` (`prefix` = `FF49`, `FF12`, …):
/// value-weighted monthly returns (`<prefix>_VW_<IND>`, percent) and, for the market's
/// weights, `<prefix>_NFIRMS_<IND>` × `<prefix>_AVG_SIZE_<IND>` (firms × average market value,
/// as of the start of the month in French's files). Errors say which series are missing.
pub fn french_panel(ds: &Dataset, prefix: &str) -> Result<gsy::Panel, String> {
    let vw = format!("{prefix}_VW_");
    let names: Vec<String> = ds
        .series
        .keys()
        .filter_map(|id| id.strip_prefix(&vw))
        .filter(|rest| !rest.starts_with("ANNUAL"))
        .map(str::to_string)
        .collect();
    if names.is_empty() {
        return Err(format!(
            "no {prefix}_VW_* series stored (import Ken French's industry portfolios, e.g. 49_Industry_Portfolios.CSV)"
        ));
    }
    let mut first: Option<Date> = None;
    let mut last: Option<Date> = None;
    for n in &names {
        let s = ds.get(&format!("{vw}{n}")).expect("listed");
        if let (Some(a), Some(b)) = (s.first(), s.last()) {
            first = Some(first.map_or(a.0, |f: Date| f.min(a.0)));
            last = Some(last.map_or(b.0, |l: Date| l.max(b.0)));
        }
    }
    let (Some(first), Some(last)) = (first, last) else {
        return Err(format!("the {prefix}_VW_* series hold no observations"));
    };
    let mut months = Vec::new();
    let mut m = first.first_of_month();
    while m <= last {
        months.push(m);
        m = m
            .checked_add(jiff::Span::new().months(1))
            .map_err(|e| e.to_string())?;
    }
    let column = |id: &str, scale: f64| -> Option<Vec<Option<f64>>> {
        let s = ds.get(id)?;
        let mut out = vec![None; months.len()];
        for &(d, v) in &s.points {
            if d < first || d > last {
                continue;
            }
            let k = (d.year() as i32 - first.year() as i32) * 12
                + (d.month() as i32 - first.month() as i32);
            if let Some(slot) = out.get_mut(k as usize) {
                *slot = Some(v * scale);
            }
        }
        Some(out)
    };
    let mut returns = Vec::new();
    let mut weights = Vec::new();
    let mut firm_counts = Vec::new();
    for n in &names {
        returns.push(column(&format!("{vw}{n}"), 0.01).expect("listed"));
        let firms = column(&format!("{prefix}_NFIRMS_{n}"), 1.0);
        let size = column(&format!("{prefix}_AVG_SIZE_{n}"), 1.0);
        let (Some(firms), Some(size)) = (firms, size) else {
            return Err(format!(
                "{prefix}_NFIRMS_{n} or {prefix}_AVG_SIZE_{n} missing: the market return needs the number of firms and their average size (the full multi-section French file)"
            ));
        };
        firm_counts.push(firms.clone());
        weights.push(
            firms
                .iter()
                .zip(&size)
                .map(|(f, s)| f.zip(*s).map(|(f, s)| f * s))
                .collect::<Vec<_>>(),
        );
    }
    let market = gsy::value_weighted_market(&returns, &weights);
    Ok(gsy::Panel {
        months,
        industries: names,
        returns,
        market,
        firms: Some(firm_counts),
    })
}

/// Shiller's monthly price–dividend ratio `SHILLER_P / SHILLER_D` on the months where both
/// are stored and the dividend is positive.
pub fn price_dividend(ds: &Dataset) -> Result<Vec<(Date, f64)>, String> {
    let p = ds
        .get("SHILLER_P")
        .ok_or("SHILLER_P not stored (import Shiller's ie_data)")?;
    let d = ds
        .get("SHILLER_D")
        .ok_or("SHILLER_D not stored (import Shiller's ie_data)")?;
    let dividends: std::collections::BTreeMap<Date, f64> = d.points.iter().copied().collect();
    Ok(p.points
        .iter()
        .filter_map(|&(date, price)| {
            let div = *dividends.get(&date)?;
            (div > 0.0 && price > 0.0).then_some((date, price / div))
        })
        .collect())
}

/// GSADF on a dated series, with critical values and dated episodes.
#[derive(Debug, Clone, PartialEq)]
pub struct GsadfReport {
    pub first: Date,
    pub last: Date,
    pub observations: usize,
    pub lag: usize,
    pub stats: gsadf::Statistics,
    pub cv: gsadf::CriticalValues,
    /// Minimum episode length, months (⌈ln T⌉).
    pub min_length: usize,
    /// (origination, termination) months: the first and last month above the 95% BSADF
    /// critical value.
    pub episodes: Vec<(Date, Date)>,
    /// Whether the last month is above its critical value.
    pub explosive_now: bool,
}

/// Runs GSADF on `series` (monthly, sorted) with `reps` seeded null replications.
pub fn gsadf_report(
    series: &[(Date, f64)],
    lag: usize,
    reps: usize,
    seed: u64,
) -> Result<GsadfReport, String> {
    gsadf_report_with(series, lag, |t, window| {
        gsadf::critical_values(t, lag, window, reps, seed, &GSADF_LEVELS)
    })
}

/// The critical values' probabilities.
pub const GSADF_LEVELS: [f64; 3] = [0.90, 0.95, 0.99];

/// [`gsadf_report`] with the critical values from `critical(T, minimum window)` (the binary
/// serves them from a cache keyed by T, window, lag, replications and seed).
pub fn gsadf_report_with(
    series: &[(Date, f64)],
    lag: usize,
    critical: impl FnOnce(usize, usize) -> Option<gsadf::CriticalValues>,
) -> Result<GsadfReport, String> {
    let y: Vec<f64> = series.iter().map(|p| p.1).collect();
    let t = y.len();
    let window = gsadf::min_window(t);
    let stats = gsadf::statistics(&y, lag, window).ok_or_else(|| {
        format!("{t} observations are too few for GSADF with lag {lag} (minimum window {window})")
    })?;
    let cv =
        critical(t, window).ok_or("at least 10 replications are needed for critical values")?;
    let min_length = (t as f64).ln().ceil() as usize;
    let offset = window - 1;
    let episodes = gsadf::episodes(&stats.bsadf, &cv.bsadf_95, min_length)
        .into_iter()
        .map(|(a, b)| (series[a + offset].0, series[b + offset].0))
        .collect();
    let explosive_now = stats
        .bsadf
        .last()
        .zip(cv.bsadf_95.last())
        .is_some_and(|(b, c)| b > c);
    Ok(GsadfReport {
        first: series[0].0,
        last: series[t - 1].0,
        observations: t,
        lag,
        stats,
        cv,
        min_length,
        episodes,
        explosive_now,
    })
}
