//! `sequoia_required`: the AI revenue requirement of Sequoia's "$600B question" (docs/catalogue.md
//! M8) from Nvidia's quarterly data-centre revenue (`series = [SEC_NVDA_DC_REVENUE_QTR]`, in
//! dollars; `params.scale` 1e-9 for $B), with
//! [`crate::models::sequoia`].
//!
//! - What: 4 × quarterly revenue (run-rate) × 2 (GPU ≈ half of data-centre cost) × 2 (50%
//!   end-user margin), in $B a year.
//! - Why: seeds 000/001 repeat Cahn's $600B of June 2024; the same arithmetic on the latest
//!   quarter says how far the requirement has moved.
//! - How: the freshest of the listed copies; every quarter gives one point of the history.
//!   The built-in check lists data-centre revenue only: total revenue is another basis
//!   (it overstates), and a claim's basis must not change between then and now (issue 22).
//! - Limits: rules of thumb (see models::sequoia). The SEC series are derived by the binary
//!   from stored companyfacts; without them the check uses the cited Q3 FY26 figure.

use super::first_available;
use crate::checks::{CheckDef, Computed, Detail, Missing};
use crate::models::sequoia::required_from_quarter;
use crate::series::{Dataset, Date};

/// `params` of `sequoia_required`: only `scale`.
pub use super::ScaleParams as Params;

pub fn compute(
    def: &CheckDef,
    p: &Params,
    data: &Dataset,
    as_of: Date,
) -> Result<Computed, Missing> {
    let series = first_available(&def.series, data, as_of)?;
    let scale = p.scale;
    let history: Vec<(Date, f64)> = series
        .up_to(as_of)
        .iter()
        .map(|&(d, q)| (d, required_from_quarter(q * scale)))
        .collect();
    let &(date, value) = history.last().ok_or(Missing::EmptySeries)?;
    let quarter = series.last_at(as_of).map_or(f64::NAN, |p| p.1 * scale);
    Ok(Computed {
        value,
        date,
        history,
        floor: None,
        details: vec![Detail::figure(
            format!("{} (quarter, $B)", series.meta.id),
            format!("{}（季度，十亿美元）", series.meta.id),
            format!("{quarter:.1}"),
        )],
        sources: vec![series.meta.id.clone()],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, def, detail};
    use crate::checks::compute::run;
    use jiff::civil::date;

    /// Oracle: Cahn's arithmetic, $37.5B a quarter × 4 × 2 × 2 = $600B a year.
    #[test]
    fn a_quarter_of_revenue_times_sixteen() {
        let d = def("sequoia_required", &["DC_REV"], "{ scale = 1e-9 }");
        let data = data(&[(
            "DC_REV",
            vec![(date(2024, 1, 28), 18.4e9), (date(2024, 4, 28), 37.5e9)],
        )]);
        let c = run(&d, &data, date(2024, 6, 30)).unwrap();
        assert!((c.value - 600.0).abs() < 1e-9, "{}", c.value);
        assert!((c.history[0].1 - 294.4).abs() < 1e-9);
        assert_eq!(detail(&c, "DC_REV (quarter, $B)"), "37.5");
    }
}
