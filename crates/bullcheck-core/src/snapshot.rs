//! The bundled snapshot: cited figures compiled into the binary so that the audit works on a
//! fresh machine with no network and no imported data. Every figure has a value, unit, as-of
//! date, publisher and URL. Stored data, when present and at least as recent, wins.

use serde::Deserialize;

use crate::series::Date;
use crate::vocab::{Note, Status};

/// One cited figure.
#[derive(Debug, Clone, PartialEq)]
pub struct CitedFact {
    pub id: String,
    pub title: String,
    pub value: f64,
    pub unit: String,
    pub as_of: Date,
    /// The publisher (and carrier, where different).
    pub source: String,
    pub url: String,
    /// How the figure was obtained (read from a file, computed from one, quoted from a page),
    /// in English and Chinese.
    pub note: Option<Note>,
    /// A status the figure implies beyond the check's thresholds (e.g. a pace rule).
    pub status: Option<Status>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: String,
    title: String,
    value: f64,
    unit: String,
    as_of: String,
    source: String,
    url: String,
    #[serde(default)]
    note: Option<String>,
    /// The note in Simplified Chinese (reports in Chinese fall back to `note` without it).
    #[serde(default)]
    note_zh: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    fact: Vec<RawFact>,
}

/// The cited figures, by id.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub facts: Vec<CitedFact>,
}

impl Snapshot {
    pub fn get(&self, id: &str) -> Option<&CitedFact> {
        self.facts.iter().find(|f| f.id == id)
    }

    /// The facts public on `day` (see [`CitedFact::released_on`]).
    pub fn known_by(&self, day: Date) -> Snapshot {
        Snapshot {
            facts: self
                .facts
                .iter()
                .filter(|f| f.released_on() <= day)
                .cloned()
                .collect(),
        }
    }
}

impl CitedFact {
    /// The day the figure became public: for a figure read from a FRED series page (its URL
    /// `https://fred.stlouisfed.org/series/ID`), the release day of that observation
    /// ([`crate::release::released_on`], dated on the 1st: a month); otherwise its own
    /// `as_of`, which for a quoted figure is the day it was stated.
    pub fn released_on(&self) -> Date {
        let Some(id) = self
            .url
            .strip_prefix("https://fred.stlouisfed.org/series/")
            .map(|rest| rest.trim_end_matches('/'))
            .filter(|id| !id.is_empty() && !id.contains('/'))
        else {
            return self.as_of;
        };
        let frequency = if self.as_of.day() == 1 { "M" } else { "D" };
        crate::release::released_on(id, frequency, self.as_of).max(self.as_of)
    }
}

/// The bundled files: one per module (plus the first checks' `facts.toml`).
const BUNDLED: [(&str, &str); 10] = [
    (
        "snapshot/facts.toml",
        include_str!("../snapshot/facts.toml"),
    ),
    ("snapshot/ai.toml", include_str!("../snapshot/ai.toml")),
    (
        "snapshot/fiscal.toml",
        include_str!("../snapshot/fiscal.toml"),
    ),
    (
        "snapshot/valuation.toml",
        include_str!("../snapshot/valuation.toml"),
    ),
    (
        "snapshot/zombie.toml",
        include_str!("../snapshot/zombie.toml"),
    ),
    (
        "snapshot/consumer.toml",
        include_str!("../snapshot/consumer.toml"),
    ),
    (
        "snapshot/dollar.toml",
        include_str!("../snapshot/dollar.toml"),
    ),
    (
        "snapshot/market.toml",
        include_str!("../snapshot/market.toml"),
    ),
    (
        "snapshot/network.toml",
        include_str!("../snapshot/network.toml"),
    ),
    (
        "snapshot/china_liquidity.toml",
        include_str!("../snapshot/china_liquidity.toml"),
    ),
];

/// The snapshot compiled into the binary.
pub fn bundled() -> Snapshot {
    let mut facts = Vec::new();
    for (file, text) in BUNDLED {
        match parse_snapshot(text) {
            Ok(s) => facts.extend(s.facts),
            // Tested by tests::bundled_snapshot_parses; cannot fail in a released binary.
            Err(e) => panic!("bundled snapshot {file} is invalid: {e}"),
        }
    }
    Snapshot { facts }
}

/// Parses a snapshot file.
pub fn parse_snapshot(text: &str) -> Result<Snapshot, String> {
    let raw: RawFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let facts = raw
        .fact
        .into_iter()
        .map(|f| {
            let as_of = f
                .as_of
                .parse::<Date>()
                .map_err(|e| format!("fact {}: as_of: {e}", f.id))?;
            let status = match f.status.as_deref() {
                None => None,
                Some("watch") => Some(Status::Watch),
                Some("warning") => Some(Status::Warning),
                Some("critical") => Some(Status::Critical),
                Some(other) => return Err(format!("fact {}: unknown status `{other}`", f.id)),
            };
            if f.note.is_none() && f.note_zh.is_some() {
                return Err(format!(
                    "fact {}: `note_zh` translates `note`, which is missing",
                    f.id
                ));
            }
            if f.url.is_empty() || f.source.is_empty() {
                return Err(format!(
                    "fact {}: every cited figure needs a source and a URL",
                    f.id
                ));
            }
            Ok(CitedFact {
                id: f.id,
                title: f.title,
                value: f.value,
                unit: f.unit,
                as_of,
                source: f.source,
                url: f.url,
                note: f
                    .note
                    .map(|en| Note::new(en, f.note_zh.unwrap_or_default())),
                status,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Snapshot { facts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_snapshot_parses_and_every_check_reference_resolves() {
        let snap = bundled();
        assert!(!snap.facts.is_empty());
        let mut ids: Vec<&str> = snap.facts.iter().map(|f| f.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate snapshot fact ids");
        for def in crate::checks::builtin_defs() {
            if let Some(id) = &def.snapshot {
                assert!(
                    snap.get(id).is_some(),
                    "check {} names missing snapshot fact {id}",
                    def.id
                );
            }
        }
    }

    #[test]
    fn every_cited_note_has_a_chinese_translation_with_the_same_numbers() {
        // The Chinese report shows each cited figure's note; a translation must carry the
        // same figures (the digits of the English note, in any order).
        let digits = crate::test_util::quantity_runs;
        for fact in bundled().facts {
            let Some(note) = &fact.note else { continue };
            assert!(!note.zh.is_empty(), "fact {} has no note_zh", fact.id);
            assert_eq!(
                digits(&note.en),
                digits(&note.zh),
                "fact {}: the Chinese note's numbers differ from the English",
                fact.id
            );
        }
    }

    #[test]
    fn a_missing_note_zh_falls_back_to_english() {
        let snap = parse_snapshot(
            r#"
[[fact]]
id = "X"
title = "t"
value = 1.0
unit = "%"
as_of = "2025-01-01"
source = "s"
url = "https://example.org/"
note = "read from a file"
"#,
        )
        .unwrap();
        let note = snap.facts[0].note.as_ref().unwrap();
        assert_eq!(note.text(crate::vocab::Lang::Zh), "read from a file");
        let orphan = parse_snapshot(
            "[[fact]]\nid = \"Y\"\ntitle = \"t\"\nvalue = 1.0\nunit = \"%\"\nas_of = \"2025-01-01\"\n\
             source = \"s\"\nurl = \"https://example.org/\"\nnote_zh = \"注\"\n",
        )
        .unwrap_err();
        assert!(
            orphan.contains("fact Y") && orphan.contains("note_zh"),
            "{orphan}"
        );
    }
}

#[cfg(test)]
mod release_tests {
    use super::*;
    use jiff::civil::date;

    /// A figure computed from a FRED series is public when its observation was released:
    /// November 2025 payrolls (cited as of 2025-11-01) came out on 16 December 2025.
    #[test]
    fn a_figure_read_from_fred_is_known_from_its_release() {
        let snapshot = bundled();
        let payrolls = snapshot.get("PAYEMS_3M_AVG").expect("bundled");
        assert_eq!(payrolls.as_of, date(2025, 11, 1));
        assert_eq!(payrolls.released_on(), date(2025, 12, 16));
        assert!(
            snapshot
                .known_by(date(2025, 11, 26))
                .get("PAYEMS_3M_AVG")
                .is_none()
        );
        assert!(
            snapshot
                .known_by(date(2025, 12, 16))
                .get("PAYEMS_3M_AVG")
                .is_some()
        );
        // A quoted figure is public on the day it was stated.
        let quoted = snapshot
            .facts
            .iter()
            .find(|f| !f.url.contains("fred.stlouisfed.org"))
            .unwrap();
        assert_eq!(quoted.released_on(), quoted.as_of);
    }
}
