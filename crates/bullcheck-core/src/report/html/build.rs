//! The data behind the report's charts, computed from the audit and the dataset: every check's
//! full history (recomputed with the check's own computation, because `CheckResult.trend`
//! keeps only 24 months), NBER recession spans from stored USREC / NBER_REC, the top-10% wealth
//! index and the consumer-credit delinquency rate, the built-in stress scenarios and the
//! rating's track record. Pure functions; missing inputs give empty or `None` results, never
//! filled-in values.

use std::collections::BTreeMap;

use crate::audit::Audit;
use crate::checks::{self, CheckDef, DataOrigin};
use crate::history::{self, History};
use crate::series::{Dataset, Date};
use crate::stress::{self, RunOptions};

/// Recession spans and the series they were read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recessions {
    /// `USREC` or `NBER_REC`; `None` when neither is stored (then nothing is shaded).
    pub source: Option<String>,
    /// (first day of the first recession month, last day of the last one).
    pub spans: Vec<(Date, Date)>,
}

/// The share of loss-making small caps through time, from the company screens.
#[derive(Debug, Clone, PartialEq)]
pub struct SmallCapLosses {
    /// (as-of date, share in percent).
    pub points: Vec<(Date, f64)>,
    /// Companies assessed at each date (same order).
    pub companies: Vec<usize>,
    /// How the universe is defined, in both languages.
    pub note: crate::vocab::Note,
}

/// The seed's wealth-vs-delinquency chart: what is plotted is named exactly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WealthChart {
    /// Net worth of the top 10% (DFA top 0.1% + rest of top 1% + next 9%), index = 100 at
    /// the first quarter all three groups have.
    pub wealth_index: Vec<(Date, f64)>,
    /// The ids summed.
    pub wealth_ids: Vec<String>,
    /// The delinquency series used (`DRCCLACBS` credit cards, else `DRCLACBS` all consumer
    /// loans), with its stored title.
    pub delinquency_id: Option<String>,
    pub delinquency_title: String,
    pub delinquency: Vec<(Date, f64)>,
}

/// One built-in stress scenario evaluated deterministically (no Monte Carlo) on the data.
#[derive(Debug, Clone, PartialEq)]
pub struct StressSummary {
    pub name: String,
    pub title: String,
    pub title_zh: String,
    /// Change in index fair value, %.
    pub index_fair_value_pct: Option<f64>,
    /// What happened (a replay's S&P 500 move) or the Fed's own equity path, simple %;
    /// `None` for scenarios without an equity path of their own.
    pub realised_pct: Option<f64>,
    /// P/E10 before and after (100 / CAPE earnings yield at the jump-off, moved by the multiple).
    pub fair_pe_base: Option<f64>,
    pub fair_pe_shocked: Option<f64>,
    /// Change in AI earnings, %.
    pub ai_earnings_pct: Option<f64>,
    /// Small-cap interest coverage, multiple of today's.
    pub small_cap_coverage: Option<f64>,
    /// Why it could not run (missing series), when it could not.
    pub no_data: Option<String>,
    /// The index change by channel (the waterfall; parts add up to the total).
    pub decomposition: Option<crate::stress::transmission::EquityDecomposition>,
    /// The Monte Carlo histogram of the index change ([`STRESS_PATHS`] paths; `None` for a
    /// deterministic run such as a replay).
    pub histogram: Option<crate::stress::montecarlo::Histogram1>,
}

/// Monte Carlo paths per built-in scenario in the report (seed 1, normal innovations).
pub const STRESS_PATHS: u64 = 2_000;

/// The DFA groups that make up the top 10% of the wealth distribution.
pub const TOP_TEN_PERCENT_NET_WORTH: [&str; 3] = [
    "DFA_TOPPT1_NET_WORTH",
    "DFA_REMAININGTOP1_NET_WORTH",
    "DFA_NEXT9_NET_WORTH",
];

/// Delinquency series, in order of preference: credit cards, then all consumer loans.
pub const DELINQUENCY_IDS: [&str; 2] = ["DRCCLACBS", "DRCLACBS"];

/// Every stored check's full history, as of the audit date, reduced to month-ends.
pub fn check_histories(audit: &Audit, data: &Dataset) -> BTreeMap<String, Vec<(Date, f64)>> {
    audit
        .checks
        .iter()
        .filter(|result| result.data == DataOrigin::Stored)
        .filter_map(|result| {
            let def: &CheckDef = audit.def(&result.id)?;
            let (computed, _) = checks::compute_freshest(def, data, audit.as_of).ok()?;
            let monthly = checks::month_ends(&computed.history);
            (monthly.len() >= 2).then(|| (result.id.clone(), monthly))
        })
        .collect()
}

/// Recession spans from a stored monthly 0/1 indicator (`USREC`, else `NBER_REC`).
pub fn recessions(data: &Dataset) -> Recessions {
    for id in ["USREC", "NBER_REC"] {
        let Some(series) = data.get(id) else { continue };
        let mut spans = Vec::new();
        let mut open: Option<(Date, Date)> = None;
        for &(date, value) in &series.points {
            if value >= 0.5 {
                open = Some(match open {
                    None => (date.first_of_month(), date.last_of_month()),
                    Some((start, _)) => (start, date.last_of_month()),
                });
            } else if let Some(span) = open.take() {
                spans.push(span);
            }
        }
        spans.extend(open);
        return Recessions {
            source: Some(id.to_string()),
            spans,
        };
    }
    Recessions::default()
}

/// The top-10% wealth index and the delinquency rate, from whatever of them is stored.
pub fn wealth_chart(data: &Dataset) -> WealthChart {
    let mut chart = WealthChart::default();
    let groups: Vec<_> = TOP_TEN_PERCENT_NET_WORTH
        .iter()
        .filter_map(|id| data.get(id))
        .collect();
    if groups.len() == TOP_TEN_PERCENT_NET_WORTH.len() {
        let mut sums: BTreeMap<Date, (f64, usize)> = BTreeMap::new();
        for series in &groups {
            for &(date, value) in &series.points {
                let entry = sums.entry(date).or_insert((0.0, 0));
                entry.0 += value;
                entry.1 += 1;
            }
        }
        let totals: Vec<(Date, f64)> = sums
            .into_iter()
            .filter(|(_, (_, n))| *n == groups.len())
            .map(|(date, (sum, _))| (date, sum))
            .collect();
        if let Some(&(_, base)) = totals.first()
            && base > 0.0
        {
            chart.wealth_index = totals
                .iter()
                .map(|&(date, total)| (date, 100.0 * total / base))
                .collect();
            chart.wealth_ids = TOP_TEN_PERCENT_NET_WORTH
                .iter()
                .map(|s| s.to_string())
                .collect();
        }
    }
    if let Some(series) = DELINQUENCY_IDS.iter().find_map(|id| data.get(id)) {
        chart.delinquency_id = Some(series.meta.id.clone());
        chart.delinquency_title = series.meta.title.clone();
        chart.delinquency = series.points.clone();
    }
    chart
}

/// Every built-in scenario evaluated on the data, with a small Monte Carlo for the histogram.
pub fn stress_summaries(data: &Dataset) -> Vec<StressSummary> {
    let options = RunOptions {
        paths: STRESS_PATHS,
        seed: 1,
        innovations: stress::montecarlo::Innovations::Normal,
        window: stress::history::Window::default(),
    };
    stress::scenario::built_in_scenarios()
        .iter()
        .map(|scenario| match stress::run(scenario, data, options) {
            Ok(report) => {
                let output = |name: &str| report.outputs.iter().find(|o| o.name == name);
                StressSummary {
                    name: report.scenario.clone(),
                    title: report.title.en.clone(),
                    title_zh: scenario.title_zh.clone(),
                    index_fair_value_pct: output("index_fair_value").and_then(|o| o.shocked),
                    realised_pct: report
                        .equity_check
                        .as_ref()
                        .and_then(|e| e.scenario_change_pct),
                    fair_pe_base: output("fair_pe").and_then(|o| o.base),
                    fair_pe_shocked: output("fair_pe").and_then(|o| o.shocked),
                    ai_earnings_pct: output("ai_earnings").and_then(|o| o.shocked),
                    small_cap_coverage: output("small_cap_interest_coverage")
                        .and_then(|o| o.shocked),
                    no_data: None,
                    decomposition: report.equity_check.as_ref().map(|e| e.decomposition),
                    histogram: output("index_fair_value").and_then(|o| o.histogram.clone()),
                }
            }
            Err(missing) => StressSummary {
                name: scenario.name.clone(),
                title: scenario.title.clone(),
                title_zh: scenario.title_zh.clone(),
                index_fair_value_pct: None,
                realised_pct: None,
                fair_pe_base: None,
                fair_pe_shocked: None,
                ai_earnings_pct: None,
                small_cap_coverage: None,
                no_data: Some(missing.to_string()),
                decomposition: None,
                histogram: None,
            },
        })
        .collect()
}

/// The rating at every month-end from the first month the data cover to `as_of` (latest
/// vintage of every series), trimmed to the months that have a rating; `None` without data.
pub fn track_record(defs: &[CheckDef], data: &Dataset, as_of: Date) -> Option<History> {
    track_record_with(data, as_of, |months| {
        history::rate_months(defs, data, months)
    })
}

/// [`track_record`] with the monthly ratings from `rate` (given the month-ends to rate, in
/// order), so that a caller can serve them from a cache of the same ratings.
pub fn track_record_with(
    data: &Dataset,
    as_of: Date,
    rate: impl FnOnce(&[Date]) -> Vec<history::MonthRating>,
) -> Option<History> {
    let (first, last) = history::data_span(data)?;
    // The last month-end on or before `as_of`: a month still running is not rated, and no
    // point is dated after the report.
    let last_complete = if as_of == as_of.last_of_month() {
        as_of
    } else {
        as_of.first_of_month().yesterday().ok()?
    };
    let end = last.min(last_complete);
    if first > end {
        return None;
    }
    let months = history::month_ends_between(first, end);
    let ratings = rate(&months);
    let (rated_first, rated_last) = history::rated_span(&ratings)?;
    let ratings: Vec<_> = ratings
        .into_iter()
        .filter(|r| r.month >= rated_first && r.month <= rated_last)
        .collect();
    Some(history::build(ratings, data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    fn series(id: &str, points: Vec<(Date, f64)>) -> Series {
        Series::new(
            SeriesMeta {
                id: id.into(),
                ..Default::default()
            },
            points,
        )
    }

    #[test]
    fn recession_spans_are_runs_of_ones() {
        let mut data = Dataset::default();
        let months = [0.0, 1.0, 1.0, 0.0, 1.0];
        data.insert(series(
            "USREC",
            months
                .iter()
                .enumerate()
                .map(|(i, v)| (date(2020, i as i8 + 1, 1), *v))
                .collect(),
        ));
        let r = recessions(&data);
        assert_eq!(r.source.as_deref(), Some("USREC"));
        assert_eq!(
            r.spans,
            vec![
                (date(2020, 2, 1), date(2020, 3, 31)),
                (date(2020, 5, 1), date(2020, 5, 31))
            ]
        );
    }

    #[test]
    fn wealth_index_sums_the_three_top_groups_and_starts_at_100() {
        let mut data = Dataset::default();
        // Hand case: totals 100+200+700 = 1000 then 110+220+770 = 1100 → index 100, 110.
        let values = [(100.0, 110.0), (200.0, 220.0), (700.0, 770.0)];
        for (id, (a, b)) in TOP_TEN_PERCENT_NET_WORTH.iter().zip(values) {
            data.insert(series(
                id,
                vec![(date(1989, 7, 1), a), (date(1989, 10, 1), b)],
            ));
        }
        let chart = wealth_chart(&data);
        assert_eq!(
            chart.wealth_index,
            vec![(date(1989, 7, 1), 100.0), (date(1989, 10, 1), 110.0)]
        );
        assert_eq!(chart.delinquency_id, None);
    }

    #[test]
    fn wealth_index_is_missing_when_a_group_is_missing() {
        let mut data = Dataset::default();
        data.insert(series(
            "DFA_NEXT9_NET_WORTH",
            vec![(date(1989, 7, 1), 1.0), (date(1989, 10, 1), 2.0)],
        ));
        data.insert(series("DRCLACBS", vec![(date(1989, 7, 1), 3.0)]));
        let chart = wealth_chart(&data);
        assert!(chart.wealth_index.is_empty());
        assert_eq!(chart.delinquency_id.as_deref(), Some("DRCLACBS"));
    }

    #[test]
    fn the_track_record_ends_at_the_last_month_end_on_or_before_the_report() {
        // The 10-year yield every day of 2024-01-01..2026-12-01, a report dated 2026-12-02:
        // December is still running, so the last rated month is November.
        let mut day = date(2024, 1, 1);
        let mut points = Vec::new();
        while day <= date(2026, 12, 1) {
            points.push((day, 4.0));
            day = day.tomorrow().unwrap();
        }
        let mut data = Dataset::default();
        data.insert(series("DGS10", points));
        let defs = crate::checks::builtin_defs();
        let record = track_record(&defs, &data, date(2026, 12, 2)).expect("rated months");
        let last = record.months.last().unwrap().rating.month;
        assert_eq!(last, date(2026, 11, 30));
        // On a month's last day that month is complete.
        let record = track_record(&defs, &data, date(2026, 10, 31)).unwrap();
        assert_eq!(
            record.months.last().unwrap().rating.month,
            date(2026, 10, 31)
        );
    }
}
