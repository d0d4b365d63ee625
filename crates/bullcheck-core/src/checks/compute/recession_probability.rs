//! `recession_probability`: the NY Fed yield-curve model of the probability of a US recession
//! twelve months ahead (Estrella and Trubin 2006).
//!
//! - What: P = Φ(−0.5333 − 0.6330·S), S the monthly average of the 10-year Treasury yield
//!   minus the 3-month bill (bond-equivalent basis), in percentage points.
//! - Why: the yield curve has preceded every US recession since 1968; the NY Fed publishes
//!   this probability monthly.
//! - How: the NY Fed table dates the probability for month t at t, from the spread of month
//!   t−12. The check's value is the **forward** probability: the one computed from the latest
//!   complete month's spread, for the target month twelve months later (shown as a detail);
//!   its date is the spread month. The probability dated the as-of month (the forecast made a
//!   year earlier) and the NY Fed's published figure for that month are supporting details.
//!   The spread is the NY Fed table's own `Spread` column (`NYFED_SPREAD`) when stored, else
//!   the monthly average of FRED `T10Y3M` (3-month constant maturity rather than the
//!   bond-equivalent bill: a close proxy, not the NY Fed's exact input).
//!   The published probability (`NYFED_RECPROB`) is shown beside ours when stored.
//! - Limits: one variable; the model says nothing about timing within the year; the 2022-24
//!   inversion was followed by no recession within 12 months.

use statrs::distribution::{ContinuousCDF as _, Normal};

use crate::checks::{Computed, Detail, Missing, Note};
use crate::series::{Dataset, Date, monthly_average};

/// The model's coefficients (NY Fed, "The Yield Curve as a Leading Indicator").
pub const ALPHA: f64 = -0.5333;
pub const BETA: f64 = -0.6330;

/// Probability of recession in percent for a spread `s` in percentage points.
pub fn nyfed_probability(s: f64) -> f64 {
    // Normal::standard() cannot fail; `new(0, 1)` is its definition.
    let phi = Normal::standard();
    100.0 * phi.cdf(ALPHA + BETA * s)
}

/// Month-end dated probabilities computed from the best stored spread, using only spread
/// months complete on or before `as_of`. Each probability is dated twelve months after its
/// spread month. Returns the series id used.
pub fn recession_probability_series(
    data: &Dataset,
    as_of: Date,
) -> Option<(String, Vec<(Date, f64)>)> {
    let spread_months: Vec<(Date, f64)> = if let Some(table) = data.get("NYFED_SPREAD") {
        table
            .up_to(as_of)
            .iter()
            .map(|&(d, v)| (d.first_of_month(), v))
            .collect()
    } else if let Some(daily) = data.get("T10Y3M") {
        monthly_average(daily.up_to(as_of))
    } else if let Some(monthly) = data.get("T10Y3MM") {
        monthly.up_to(as_of).to_vec()
    } else {
        return None;
    };
    let id = ["NYFED_SPREAD", "T10Y3M", "T10Y3MM"]
        .into_iter()
        .find(|id| data.get(id).is_some())?;
    let probs = spread_months
        .into_iter()
        .filter(|(m, _)| m.last_of_month() <= as_of)
        .filter_map(|(m, s)| {
            let target = m
                .checked_add(jiff::Span::new().months(12))
                .ok()?
                .last_of_month();
            Some((target, nyfed_probability(s)))
        })
        .collect();
    Some((id.to_string(), probs))
}

pub type Params = super::NoParams;

/// Reads the spread and the published probability by id (`Compute::reads_by_id`).
pub fn compute(data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let (spread_id, probs) = recession_probability_series(data, as_of).ok_or_else(|| {
        Missing::NoValue(Note::new(
            "no stored spread: import the NY Fed table (NYFED_SPREAD) or FRED T10Y3M",
            "本地未存储利差：请导入纽约联储表格（NYFED_SPREAD）或FRED T10Y3M",
        ))
    })?;
    // Each probability is made at its spread month, twelve months before its target.
    let made_at = |target: Date| -> Option<Date> {
        Some(
            target
                .first_of_month()
                .checked_sub(jiff::Span::new().months(12))
                .ok()?
                .last_of_month(),
        )
    };
    let history: Vec<(Date, f64)> = probs
        .iter()
        .filter_map(|&(target, p)| Some((made_at(target)?, p)))
        .collect();
    let no_month = || {
        Missing::NoValue(Note::new(
            "no complete month of spread on or before the as-of date",
            "截至评估日期没有完整月份的利差",
        ))
    };
    let &(target, value) = probs.last().ok_or_else(no_month)?;
    let date = made_at(target).ok_or_else(no_month)?;
    let mut details = vec![Detail::figure(
        "target month",
        "目标月份",
        target.strftime("%Y-%m").to_string(),
    )];
    let this_month = as_of.last_of_month();
    if let Some(&(dated, backward)) = probs.iter().rev().find(|p| p.0 <= this_month) {
        let month = dated.strftime("%Y-%m");
        details.push(Detail::figure(
            format!("probability dated {month}"),
            format!("{month} 的概率"),
            format!("{backward:.2}%"),
        ));
    }
    let mut sources = vec![spread_id];
    if let Some(published) = data
        .get("NYFED_RECPROB")
        .map(|s| s.up_to(as_of))
        // The NY Fed table dates leap-year Februaries the 28th: match by month.
        .and_then(|points| {
            points
                .iter()
                .rev()
                .find(|p| p.0.year() == this_month.year() && p.0.month() == this_month.month())
        })
    {
        details.push(Detail::figure(
            "NY Fed published, same month",
            "纽约联储同月公布值",
            format!("{:.2}%", published.1),
        ));
        sources.push("NYFED_RECPROB".to_string());
    }
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details,
        sources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Oracle: docs/methods.md §B1 table (computed from the published formula).
    #[test]
    fn reproduces_the_formula_table() {
        for (s, p) in [
            (-1.5, 66.14),
            (-1.0, 53.97),
            (-0.5, 41.42),
            (0.0, 29.69),
            (0.5, 19.77),
            (1.0, 12.17),
            (2.0, 3.60),
            (3.0, 0.75),
        ] {
            assert!(
                (nyfed_probability(s) - p).abs() < 0.01,
                "S={s}: {} vs {p}",
                nyfed_probability(s)
            );
        }
        // The 50% threshold is S = -0.8425.
        assert!((nyfed_probability(-0.8425) - 50.0).abs() < 0.01);
    }

    /// Oracle: NY Fed allmonth table rows 2023-07-31 (spread -1.49) and 2024-07-31
    /// (probability 66.01%), 2024-07-31 (spread -1.09) and 2025-07-31 (56.29%).
    #[test]
    fn dates_twelve_months_ahead() {
        use crate::series::{Series, SeriesMeta};
        use jiff::civil::date;
        let mut data = Dataset::default();
        let meta = SeriesMeta {
            id: "NYFED_SPREAD".into(),
            ..Default::default()
        };
        data.insert(Series::new(
            meta,
            vec![(date(2023, 7, 31), -1.49), (date(2024, 7, 31), -1.09)],
        ));
        let (_, probs) = recession_probability_series(&data, date(2024, 7, 31)).unwrap();
        assert_eq!(probs[0].0, date(2024, 7, 31));
        assert!((probs[0].1 - 66.01).abs() < 0.15, "{}", probs[0].1);
        assert_eq!(probs[1].0, date(2025, 7, 31));
        assert!((probs[1].1 - 56.29).abs() < 0.15, "{}", probs[1].1);
    }

    /// Oracle: the NY Fed table's row 2025-07-31 (56.29%) is the probability made from the
    /// July 2024 spread (−1.09): as of 2024-07-31 the check shows it, dated 2024-07-31 with
    /// target month 2025-07, and the probability dated 2024-07 (66.01%, from July 2023's
    /// spread) as a detail.
    #[test]
    fn the_check_shows_the_forward_probability() {
        use crate::series::{Series, SeriesMeta};
        use jiff::civil::date;
        let mut data = Dataset::default();
        let meta = SeriesMeta {
            id: "NYFED_SPREAD".into(),
            ..Default::default()
        };
        data.insert(Series::new(
            meta,
            vec![(date(2023, 7, 31), -1.49), (date(2024, 7, 31), -1.09)],
        ));
        let c = compute(&data, date(2024, 7, 31)).unwrap();
        assert!((c.value - 56.29).abs() < 0.15, "{}", c.value);
        assert_eq!(c.date, date(2024, 7, 31));
        assert_eq!(
            c.details[0],
            Detail::figure("target month", "目标月份", "2025-07")
        );
        assert_eq!(c.details[1].label.en, "probability dated 2024-07");
        let backward: f64 = c.details[1].value.en.trim_end_matches('%').parse().unwrap();
        assert!((backward - 66.01).abs() < 0.15, "{backward}");
    }
}
