//! The data behind the network, bubble and event-study sections (issue 14), computed once per
//! report or dashboard build from the dataset and the built-in registry. Pure: what is missing
//! is recorded as missing (with the file to import), never filled in.
//!
//! - Network: the built-in registry (`network/ai.toml`), each company's circular share, and
//!   DebtRank contagion from one default shock, [`DEFAULT_SHOCK`] (OpenAI defaults: the
//!   counterparty the seeds' circular-financing argument turns on).
//! - Bubbles: Greenwood–Shleifer–You run-ups and crashes on the stored Ken French 49
//!   industries (`FF49_*`), with observations dated on or before the as-of date.
//! - Events: the built-in event studies, both series cut at the as-of date (as the audit's
//!   `event_study` claims are), with the same replications and seed as `bullcheck events
//!   study`, so the tables match the command and the verdicts.

use crate::bubbles::{self, gsy};
use crate::checks::{Note, Verdict};
use crate::events::render::{BuiltIn, builtins, verdict};
use crate::events::{claim, study};
use crate::network::{self, Circular, Contagion, Network, Shock, registry};
use crate::series::{Dataset, Date, Series};

/// The node whose default the report's contagion table shows.
pub const DEFAULT_SHOCK: &str = "OPENAI";

/// The Ken French industry set the bubble section reads.
pub const INDUSTRY_SET: &str = "FF49";

/// What to import for the industries.
pub const INDUSTRIES_FILL_WITH: &str = "bullcheck data import 49_Industry_Portfolios.CSV";

/// Everything the three sections show.
#[derive(Debug, Clone, PartialEq)]
pub struct StructureData {
    pub as_of: Date,
    pub network: Network,
    /// Where the registry came from, e.g. `network/ai.toml (built in)`.
    pub network_source: String,
    pub circular: Vec<Circular>,
    /// The contagion from [`DEFAULT_SHOCK`]; `Err` names why it could not run (e.g. the node is
    /// not in the registry).
    pub contagion: Result<Contagion, String>,
    pub bubbles: Result<Bubbles, BubblesMissing>,
    pub events: Vec<EventStudy>,
}

/// The industry run-ups found in the stored industries.
#[derive(Debug, Clone, PartialEq)]
pub struct Bubbles {
    pub result: gsy::Result,
    pub rule: gsy::Rule,
    /// First and last month of the panel.
    pub span: (Date, Date),
    pub industries: usize,
    /// The stored series' publisher (from the import), e.g. `Kenneth R. French data library`.
    pub source: String,
}

/// Why the bubble section has no results.
#[derive(Debug, Clone, PartialEq)]
pub enum BubblesMissing {
    /// No `FF49_VW_*` series stored.
    NotStored,
    /// Stored, but the panel cannot be built (the reason, naming the series).
    Incomplete(String),
}

/// One built-in event study on the data.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStudy {
    pub builtin: BuiltIn,
    pub outcome: Result<StudyRun, Vec<String>>,
}

/// A study that ran: the result, its verdict on the claim (when the study decides one) and
/// the last observation of each series used (the figures' dates).
#[derive(Debug, Clone, PartialEq)]
pub struct StudyRun {
    pub study: study::Study,
    pub verdict: Option<(Verdict, Note)>,
    /// (series id, publisher, last date used).
    pub series: Vec<(String, String, Date)>,
}

/// Builds every section's data from `data` as of `as_of`.
pub fn build(data: &Dataset, as_of: Date) -> StructureData {
    let network = registry::builtin();
    let circular = network::circular_shares(&network);
    let contagion = network::contagion(
        &network,
        &[Shock {
            id: DEFAULT_SHOCK.to_string(),
            share: 1.0,
        }],
    );
    StructureData {
        as_of,
        network_source: registry::BUILTIN_NAME.to_string(),
        circular,
        contagion,
        network,
        bubbles: industry_bubbles(data, as_of),
        events: builtins(claim::REPS, claim::SEED)
            .into_iter()
            .map(|b| event_study(b, data, as_of))
            .collect(),
    }
}

/// GSY on the `FF49_*` series dated on or before `as_of`.
pub fn industry_bubbles(data: &Dataset, as_of: Date) -> Result<Bubbles, BubblesMissing> {
    let prefix = format!("{INDUSTRY_SET}_");
    let mut cut = Dataset::default();
    for (id, s) in data.series.range(prefix.clone()..) {
        if !id.starts_with(&prefix) {
            break;
        }
        cut.insert(Series::new(s.meta.clone(), s.up_to(as_of).to_vec()));
    }
    let vw = format!("{INDUSTRY_SET}_VW_");
    if !cut.series.keys().any(|id| id.starts_with(&vw)) {
        return Err(BubblesMissing::NotStored);
    }
    let panel = bubbles::french_panel(&cut, INDUSTRY_SET).map_err(BubblesMissing::Incomplete)?;
    let (Some(&first), Some(&last)) = (panel.months.first(), panel.months.last()) else {
        return Err(BubblesMissing::Incomplete(format!(
            "the {vw}* series hold no observations on or before {as_of}"
        )));
    };
    let rule = gsy::Rule::default();
    let result = gsy::analyse(&panel, &rule, None, None);
    let source = cut
        .series
        .iter()
        .find(|(id, _)| id.starts_with(&vw))
        .map(|(_, s)| s.meta.source.clone())
        .unwrap_or_default();
    Ok(Bubbles {
        result,
        rule,
        span: (first, last),
        industries: panel.industries.len(),
        source,
    })
}

/// One built-in study on the series dated on or before `as_of`; `Err` lists what is missing
/// (the MLF study always needs a user file, which a report does not read).
pub fn event_study(builtin: BuiltIn, data: &Dataset, as_of: Date) -> EventStudy {
    let stored = |id: &str| {
        data.get(id)
            .map(|s| (s, s.up_to(as_of)))
            .filter(|(_, p)| !p.is_empty())
    };
    let mut missing = Vec::new();
    let events = match builtin.event_series {
        Some(id) => {
            let s = stored(id);
            if s.is_none() {
                missing.push(id.to_string());
            }
            s
        }
        None => {
            missing.push("--mlf-file".to_string());
            None
        }
    };
    let outcome = stored(builtin.outcome_series);
    if outcome.is_none() {
        missing.push(builtin.outcome_series.to_string());
    }
    let (Some((event_series, event_points)), Some((outcome_series, outcome_points))) =
        (events, outcome)
    else {
        return EventStudy {
            builtin,
            outcome: Err(missing),
        };
    };
    let st = study::run(event_points, outcome_points, &builtin.spec);
    let series = [
        (event_series, event_points),
        (outcome_series, outcome_points),
    ]
    .iter()
    .filter_map(|(s, p)| {
        p.last()
            .map(|last| (s.meta.id.clone(), s.meta.source.clone(), last.0))
    })
    .collect();
    EventStudy {
        outcome: Ok(StudyRun {
            verdict: verdict(builtin.name, &st),
            study: st,
            series,
        }),
        builtin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::SeriesMeta;

    fn series(id: &str, points: Vec<(Date, f64)>) -> Series {
        Series::new(
            SeriesMeta {
                id: id.to_string(),
                source: "test".to_string(),
                ..Default::default()
            },
            points,
        )
    }

    #[test]
    fn nothing_stored_gives_missing_sections_and_the_network_still_draws() {
        let as_of = Date::new(2026, 1, 31).unwrap();
        let s = build(&Dataset::default(), as_of);
        assert_eq!(s.bubbles, Err(BubblesMissing::NotStored));
        assert_eq!(s.events.len(), 3);
        for e in &s.events {
            assert!(e.outcome.is_err(), "{}", e.builtin.name);
        }
        let mlf = s.events.iter().find(|e| e.builtin.name == "mlf").unwrap();
        assert!(
            mlf.outcome
                .as_ref()
                .unwrap_err()
                .contains(&"--mlf-file".to_string())
        );
        let c = s.contagion.expect("OPENAI is in the built-in registry");
        let openai = c.nodes.iter().find(|n| n.id == DEFAULT_SHOCK).unwrap();
        assert_eq!(openai.distress, 1.0);
        assert!(!s.network.nodes.is_empty());
    }

    #[test]
    fn event_series_are_cut_at_the_as_of_date() {
        // Month-ends of 2000–2003; the 10-year crosses 5% in 2001-06 and (after the as-of
        // date) in 2003-06.
        let mut rates = Vec::new();
        let mut prices = Vec::new();
        for k in 0..48 {
            let d = crate::series::month_end(crate::series::month_start_of(2000 * 12 + k));
            let crossing = k == 17 || k == 41;
            rates.push((d, if crossing { 5.5 } else { 4.5 }));
            prices.push((d, 100.0 + k as f64));
        }
        let mut data = Dataset::default();
        data.insert(series("DGS10", rates));
        data.insert(series("SP500_LONG", prices));
        let b = builtins(50, 1)
            .into_iter()
            .find(|b| b.name == "ten-year-5pct")
            .unwrap();
        let as_of = Date::new(2002, 12, 31).unwrap();
        let run = event_study(b, &data, as_of).outcome.expect("both stored");
        assert_eq!(run.study.events.len(), 1);
        assert!(run.series.iter().all(|(_, _, last)| *last <= as_of));
    }
}
