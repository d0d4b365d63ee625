//! What a computation says besides its value, in both report languages from where it is made:
//! its supporting figures ([`Detail`]) and, when it has no value, why ([`Missing`]).
//! Renderers pick a language (`Note::text`, [`Missing::text`]); nothing is translated back
//! from English.

use crate::series::Date;
use crate::vocab::Note;

/// A labelled supporting figure of a check, label and value each in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub label: Note,
    pub value: Note,
}

impl Detail {
    /// A figure with a translated label and a value in both languages.
    pub fn new(label: Note, value: Note) -> Detail {
        Detail { label, value }
    }

    /// A figure whose value reads the same in both languages (numbers, dates, ids).
    pub fn figure(
        label_en: impl Into<String>,
        label_zh: impl Into<String>,
        value: impl Into<String>,
    ) -> Detail {
        Detail {
            label: Note::new(label_en, label_zh),
            value: Note::same(value),
        }
    }
}

/// How much history a computation needs (see [`Missing::TooShort`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// More than this many months (a look-back window).
    MoreMonths(u32),
    /// More than this many weeks.
    MoreWeeks(u32),
    /// This many months.
    Months(u32),
    /// At least this many observations.
    Observations(u32),
}

/// Why a check's computation has no value.
#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    /// The series is not in the store; `update` names the command that fetches it.
    NotStored { id: String, update: bool },
    /// None of `ids` (copies of one series) has an observation on or before `as_of` (or at
    /// all, without a date); `note` says in brackets what the series is or what else would do.
    NoObservation {
        ids: Vec<String>,
        as_of: Option<Date>,
        note: Option<Note>,
    },
    /// The series `id` is stored but its history is too short.
    TooShort { id: String, need: Need },
    /// The chosen series has no observation at all.
    EmptySeries,
    /// The inputs are stored but give no value together (no common period, …): why.
    NoValue(Note),
}

impl Missing {
    /// No observation of any of `ids` on or before `as_of`.
    pub fn no_observation(ids: &[String], as_of: Date) -> Missing {
        Missing::NoObservation {
            ids: ids.to_vec(),
            as_of: Some(as_of),
            note: None,
        }
    }

    /// The series `id` is not stored.
    pub fn not_stored(id: &str) -> Missing {
        Missing::NotStored {
            id: id.to_string(),
            update: false,
        }
    }

    /// The reason in English.
    pub fn en(&self) -> String {
        self.text(false)
    }

    /// The reason in Simplified Chinese (`zh`) or English.
    pub fn text(&self, zh: bool) -> String {
        match self {
            Missing::NotStored { id, update } => match (zh, update) {
                (false, false) => format!("{id} is not stored"),
                (false, true) => format!("{id} is not stored (bullcheck data update {id})"),
                (true, false) => format!("本地未存储{id}"),
                (true, true) => format!("本地未存储{id}（bullcheck data update {id}）"),
            },
            Missing::NoObservation { ids, as_of, note } => {
                let ids = ids.join(if zh { "或" } else { " or " });
                let note = note.as_ref().map_or(String::new(), |n| {
                    if zh {
                        format!("（{}）", n.text(true))
                    } else {
                        format!(" ({})", n.en)
                    }
                });
                match (zh, as_of) {
                    (false, Some(d)) => {
                        format!("no stored observation on or before {d} for {ids}{note}")
                    }
                    (false, None) => format!("no stored observation for {ids}{note}"),
                    (true, Some(d)) => format!("截至{d}，本地未存储{ids}{note}的观测值"),
                    (true, None) => format!("本地未存储{ids}{note}的观测值"),
                }
            }
            Missing::TooShort { id, need } => match (zh, need) {
                (false, Need::MoreMonths(n)) => {
                    format!("{id} needs more than {n} months of history")
                }
                (false, Need::MoreWeeks(n)) => format!("{id} needs more than {n} weeks of history"),
                (false, Need::Months(n)) => format!("{id} needs {n} months of history"),
                (false, Need::Observations(n)) => format!("{id} needs at least {n} observations"),
                (true, Need::MoreMonths(n)) => format!("{id}需要超过{n}个月的历史数据"),
                (true, Need::MoreWeeks(n)) => format!("{id}需要超过{n}周的历史数据"),
                (true, Need::Months(n)) => format!("{id}需要{n}个月的历史数据"),
                (true, Need::Observations(n)) => format!("{id}需要至少{n}个观测值"),
            },
            Missing::EmptySeries => if zh { "序列为空" } else { "empty series" }.to_string(),
            Missing::NoValue(note) => note.text(zh).to_string(),
        }
    }
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn reasons_read_the_same_as_before_in_english_and_are_translated() {
        let m = Missing::no_observation(&["BTOS_AI_USE_LARGE_FIRMS".into()], date(2026, 12, 1));
        assert_eq!(
            m.en(),
            "no stored observation on or before 2026-12-01 for BTOS_AI_USE_LARGE_FIRMS"
        );
        assert_eq!(
            m.text(true),
            "截至2026-12-01，本地未存储BTOS_AI_USE_LARGE_FIRMS的观测值"
        );
        let m = Missing::NoObservation {
            ids: vec!["DGS10".into(), "GS10".into()],
            as_of: None,
            note: None,
        };
        assert_eq!(m.en(), "no stored observation for DGS10 or GS10");
        assert_eq!(m.text(true), "本地未存储DGS10或GS10的观测值");
        let m = Missing::NotStored {
            id: "GDP".into(),
            update: true,
        };
        assert_eq!(m.en(), "GDP is not stored (bullcheck data update GDP)");
        assert_eq!(m.text(true), "本地未存储GDP（bullcheck data update GDP）");
        let m = Missing::TooShort {
            id: "UNRATE".into(),
            need: Need::MoreMonths(12),
        };
        assert_eq!(m.en(), "UNRATE needs more than 12 months of history");
        assert_eq!(m.text(true), "UNRATE需要超过12个月的历史数据");
    }
}
