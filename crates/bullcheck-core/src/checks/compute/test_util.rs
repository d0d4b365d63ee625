//! Helpers for the computations' unit tests: a definition parsed from TOML like a user's, and
//! series from points.

use crate::checks::CheckDef;
use crate::series::{Dataset, Date, Series, SeriesMeta};

/// A definition of `compute` over `series` with `params` (a TOML inline table), parsed as a
/// user's file is.
pub fn def(compute: &str, series: &[&str], params: &str) -> CheckDef {
    let series = series
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ");
    crate::checks::parse_defs(
        "t.toml",
        &check_toml("t", compute, &format!("[{series}]"), params),
    )
    .unwrap()
    .remove(0)
}

/// A user's check file with one monitored check `id` of `compute` over `series` (a TOML array)
/// with `params` (a TOML inline table); `params` is on line 8.
pub fn check_toml(id: &str, compute: &str, series: &str, params: &str) -> String {
    format!(
        r#"[[check]]
id = "{id}"
module = "fiscal"
title = "t"
unit = "%"
compute = "{compute}"
series = {series}
params = {params}
direction = "higher_is_worse"
what = "w"
why = "w"
how = "h"
limits = "l"
[check.claim]
seed = "-"
text = "-"
rule = {{ kind = "monitor", note = "-" }}
"#
    )
}

/// A dataset of the given series.
pub fn data(series: &[(&str, Vec<(Date, f64)>)]) -> Dataset {
    let mut data = Dataset::default();
    for (id, points) in series {
        data.insert(Series::new(
            SeriesMeta {
                id: (*id).to_string(),
                ..SeriesMeta::default()
            },
            points.clone(),
        ));
    }
    data
}

/// `values` on the first day of consecutive months from `start`.
pub fn monthly(start: Date, values: &[f64]) -> Vec<(Date, f64)> {
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| (start + jiff::Span::new().months(i as i64), v))
        .collect()
}

/// The detail labelled `label` (English), in English.
pub fn detail(c: &crate::checks::Computed, label: &str) -> String {
    c.details
        .iter()
        .find(|d| d.label.en == label)
        .map(|d| d.value.en.clone())
        .unwrap_or_else(|| panic!("no detail `{label}` in {:?}", c.details))
}
