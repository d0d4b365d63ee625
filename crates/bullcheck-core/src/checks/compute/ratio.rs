//! `ratio`: one series divided by another at matching dates, times `params.scale`
//! (e.g. 100 for a percentage, 0.001 to turn millions over billions into a ratio).
//!
//! - What: e.g. federal interest outlays as a share of GDP, or a wealth group's share.
//! - Why: many seed claims compare two quantities ("interest vs defense", "capex vs profits").
//! - How: for each date of the first series, the second series' last value on or before that
//!   date (so quarterly can divide by quarterly, daily by monthly); `series[0] / series[1]`.
//!   Units are the caller's responsibility: state the scale's reason in the definition.
//! - Limits: mismatched frequencies make the ratio step; check units (millions vs billions).

use super::stored;
use crate::checks::{CheckDef, Computed, Missing, Note};
use crate::series::{Dataset, Date};

/// `params` of `ratio`: only `scale`.
pub use super::ScaleParams as Params;

/// `series = [numerator, denominator]` (at least two, checked when parsed).
pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let (num_id, den_id) = (&def.series[0], &def.series[1]);
    let num = stored(data, num_id)?;
    let den = stored(data, den_id)?;
    let history = ratio_history(num.up_to(as_of), den.up_to(as_of), p.scale);
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            format!("no date with both {num_id} and {den_id}"),
            format!("{num_id}与{den_id}没有共同日期"),
        ))
    })?;
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: Vec::new(),
        sources: vec![num_id.clone(), den_id.clone()],
    })
}

/// `num / den · scale` at each numerator date with a denominator on or before it.
pub fn ratio_history(num: &[(Date, f64)], den: &[(Date, f64)], scale: f64) -> Vec<(Date, f64)> {
    let mut res = Vec::new();
    let mut j = 0usize;
    for &(d, v) in num {
        while j + 1 < den.len() && den[j + 1].0 <= d {
            j += 1;
        }
        match den.get(j) {
            Some(&(dd, dv)) if dd <= d && dv != 0.0 => res.push((d, v / dv * scale)),
            _ => {}
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn divides_by_the_last_denominator_on_or_before() {
        let num = vec![
            (date(2024, 1, 1), 10.0),
            (date(2024, 2, 1), 12.0),
            (date(2024, 4, 1), 15.0),
        ];
        let den = vec![(date(2024, 1, 1), 100.0), (date(2024, 4, 1), 50.0)];
        assert_eq!(
            ratio_history(&num, &den, 100.0),
            vec![
                (date(2024, 1, 1), 10.0),
                (date(2024, 2, 1), 12.0),
                (date(2024, 4, 1), 30.0)
            ]
        );
    }

    /// Oracle by hand: interest 1,000 over GDP 25,000 × 100 = 4%; a missing denominator is
    /// named.
    #[test]
    fn the_check_divides_and_names_a_missing_series() {
        use super::super::test_util::{data, def};
        use crate::checks::compute::run;
        let d = def("ratio", &["INT", "GDP"], "{ scale = 100.0 }");
        let set = data(&[
            ("INT", vec![(date(2025, 1, 1), 1000.0)]),
            ("GDP", vec![(date(2025, 1, 1), 25_000.0)]),
        ]);
        let c = run(&d, &set, date(2025, 3, 31)).unwrap();
        assert!((c.value - 4.0).abs() < 1e-12);
        let set = data(&[("INT", vec![(date(2025, 1, 1), 1000.0)])]);
        assert_eq!(
            run(&d, &set, date(2025, 3, 31)).unwrap_err().en(),
            "GDP is not stored"
        );
    }
}
