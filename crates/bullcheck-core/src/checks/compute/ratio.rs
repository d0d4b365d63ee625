//! `ratio`: one series divided by another at matching dates, times `params.scale`
//! (e.g. 100 for a percentage, 0.001 to turn millions over billions into a ratio).
//!
//! - What: e.g. federal interest outlays as a share of GDP, or a wealth group's share.
//! - Why: many seed claims compare two quantities ("interest vs defense", "capex vs profits").
//! - How: for each date of the first series, the second series' last value on or before that
//!   date (so quarterly can divide by quarterly, daily by monthly); `series[0] / series[1]`.
//!   Units are the caller's responsibility: state the scale's reason in the definition.
//! - Limits: mismatched frequencies make the ratio step; check units (millions vs billions).

use crate::checks::{CheckDef, Computed};
use crate::series::{Dataset, Date};

pub fn compute(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let [num_id, den_id] = [def.series.first(), def.series.get(1)];
    let (Some(num_id), Some(den_id)) = (num_id, den_id) else {
        return Err(format!(
            "check {} needs two series (numerator, denominator)",
            def.id
        ));
    };
    let num = data
        .get(num_id)
        .ok_or_else(|| format!("{num_id} is not stored"))?;
    let den = data
        .get(den_id)
        .ok_or_else(|| format!("{den_id} is not stored"))?;
    let scale = def.param_f64("scale").unwrap_or(1.0);
    let history = ratio_history(num.up_to(as_of), den.up_to(as_of), scale);
    let &(date, value) = history
        .last()
        .ok_or_else(|| format!("no date with both {num_id} and {den_id}"))?;
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
}
