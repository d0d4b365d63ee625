//! `sahm_rule`: Claudia Sahm's real-time recession indicator.
//!
//! - What: the three-month average of the unemployment rate (U-3) minus the lowest
//!   three-month average of the previous twelve months, in percentage points.
//! - Why: every rise of 0.50 point or more since 1970 came early in a recession.
//! - How: from monthly UNRATE: MA3_t = (U_t + U_{t−1} + U_{t−2})/3;
//!   Sahm_t = MA3_t − min(MA3_{t−12}, …, MA3_{t−1}), over calendar months: a month the BLS did
//!   not publish (October 2025, the federal shutdown; FRED writes `.`) is absent from the
//!   averages that would contain it (MA3 is the mean of the values present), never a shift of
//!   the window. This reproduces FRED SAHMCURRENT exactly (to its two decimals) on all 929
//!   months of the FRED API files of the same vintage (`real_formats/fred_api`), and within
//!   0.07 point on the older CSV copies (UNRATE revisions between vintages). When UNRATE is not stored the check reads the
//!   published SAHMCURRENT / SAHMREALTIME instead.
//! - Limits: 2024 showed a trigger (0.53 in July) driven by labour supply, with no recession
//!   following within the year; revised data differ from what was known in real time.

use super::first_available;
use crate::checks::{CheckDef, Computed, Detail, Missing, Need};
use crate::series::{Dataset, Date, month_index, month_start_of};

/// The Sahm indicator for every month with 14 months of history (2 for the first average,
/// 12 previous averages).
pub fn sahm_series(unrate: &[(Date, f64)]) -> Vec<(Date, f64)> {
    let Some((&(first, _), &(last, _))) = unrate.first().zip(unrate.last()) else {
        return Vec::new();
    };
    let (first, last) = (month_index(first), month_index(last));
    // One slot per calendar month; a month the publisher skipped stays empty.
    let mut by_month = vec![None; (last - first + 1) as usize];
    for &(d, v) in unrate {
        by_month[(month_index(d) - first) as usize] = Some(v);
    }
    // MA3 of a month: the mean of the values present among it and the two months before.
    let ma3: Vec<Option<f64>> = (0..by_month.len())
        .map(|i| {
            let present: Vec<f64> = by_month[i.saturating_sub(2)..=i]
                .iter()
                .flatten()
                .copied()
                .collect();
            (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64)
        })
        .collect();
    // The first Sahm value needs two months for its own MA3 and twelve full MA3s before it.
    (14..ma3.len())
        .filter_map(|i| {
            let now = ma3[i]?;
            let low = ma3[i - 12..i]
                .iter()
                .flatten()
                .copied()
                .fold(f64::INFINITY, f64::min);
            low.is_finite()
                .then(|| (month_start_of(first + i as i32), now - low))
        })
        .collect()
}

pub type Params = super::NoParams;

/// From UNRATE when stored (read by id, `Compute::reads_by_id`), else the first of `series`
/// (the published indicator).
pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    if let Some(unrate) = data.get("UNRATE").filter(|s| s.last_at(as_of).is_some()) {
        let history = sahm_series(unrate.up_to(as_of));
        let &(date, value) = history.last().ok_or_else(|| Missing::TooShort {
            id: "UNRATE".to_string(),
            need: Need::Months(15),
        })?;
        let mut details = Vec::new();
        let mut sources = vec!["UNRATE".to_string()];
        for id in ["SAHMCURRENT", "SAHMREALTIME"] {
            if let Some(p) = data
                .get(id)
                .and_then(|s| s.points.iter().find(|p| p.0 == date))
            {
                details.push(Detail::figure(
                    format!("FRED {id}, same month"),
                    format!("FRED {id}（同月）"),
                    format!("{:.2}", p.1),
                ));
                sources.push(id.to_string());
            }
        }
        return Ok(Computed {
            value,
            date,
            history,
            floor: None,
            details,
            sources,
        });
    }
    let published = first_available(&def.series, data, as_of)?;
    let history = published.up_to(as_of).to_vec();
    let &(date, value) = history.last().ok_or(Missing::EmptySeries)?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![published.meta.id.clone()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Hand-computed: U flat at 4.0 for 14 months, then 4.3, 4.5, 4.7.
    /// MA3 of the last month = 4.5; the previous 12 MA3 have minimum 4.0 → 0.5.
    #[test]
    fn hand_computed_trigger() {
        let mut u: Vec<(Date, f64)> = (0..14)
            .map(|i| (date(2020, 1, 1) + jiff::Span::new().months(i), 4.0))
            .collect();
        for (i, v) in [4.3, 4.5, 4.7].into_iter().enumerate() {
            u.push((date(2021, 3, 1) + jiff::Span::new().months(i as i64), v));
        }
        let s = sahm_series(&u);
        let last = s.last().unwrap();
        assert_eq!(last.0, date(2021, 5, 1));
        assert!((last.1 - 0.5).abs() < 1e-12, "{}", last.1);
        // 2021-03: (4.0 + 4.0 + 4.3)/3 − 4.0 = 0.1; 2021-04: (4.0 + 4.3 + 4.5)/3 − 4.0 = 0.2667.
        assert_eq!(s.len(), 3);
        assert!((s[0].1 - 0.1).abs() < 1e-12, "{}", s[0].1);
        assert!((s[1].1 - 0.8 / 3.0).abs() < 1e-12, "{}", s[1].1);
    }
}
