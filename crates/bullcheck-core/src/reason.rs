//! What a computation says besides its value, in both report languages from where it is made:
//! its supporting figures ([`Detail`]) and, when it has no value, why ([`Missing`]).
//! Renderers pick a language (`Note::text`, [`Missing::text`]); nothing is translated back
//! from English.

use crate::series::Date;
use crate::vocab::{Lang, Note};

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
        self.note().en
    }

    /// The reason in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.note().text(lang).to_string()
    }

    /// The reason in both languages.
    pub fn note(&self) -> Note {
        match self {
            Missing::NotStored { id, update: false } => {
                Note::new(format!("{id} is not stored"), format!("本地未存储{id}"))
            }
            Missing::NotStored { id, update: true } => Note::new(
                format!("{id} is not stored (bullcheck data update {id})"),
                format!("本地未存储{id}（bullcheck data update {id}）"),
            ),
            Missing::NoObservation { ids, as_of, note } => {
                let (ids_en, ids_zh) = (ids.join(" or "), ids.join("或"));
                let (note_en, note_zh) =
                    note.as_ref().map_or((String::new(), String::new()), |n| {
                        (format!(" ({})", n.en), format!("（{}）", n.text(Lang::Zh)))
                    });
                match as_of {
                    Some(d) => Note::new(
                        format!("no stored observation on or before {d} for {ids_en}{note_en}"),
                        format!("截至{d}，本地未存储{ids_zh}{note_zh}的观测值"),
                    ),
                    None => Note::new(
                        format!("no stored observation for {ids_en}{note_en}"),
                        format!("本地未存储{ids_zh}{note_zh}的观测值"),
                    ),
                }
            }
            Missing::TooShort { id, need } => match need {
                Need::MoreMonths(n) => Note::new(
                    format!("{id} needs more than {n} months of history"),
                    format!("{id}需要超过{n}个月的历史数据"),
                ),
                Need::MoreWeeks(n) => Note::new(
                    format!("{id} needs more than {n} weeks of history"),
                    format!("{id}需要超过{n}周的历史数据"),
                ),
                Need::Months(n) => Note::new(
                    format!("{id} needs {n} months of history"),
                    format!("{id}需要{n}个月的历史数据"),
                ),
                Need::Observations(n) => Note::new(
                    format!("{id} needs at least {n} observations"),
                    format!("{id}需要至少{n}个观测值"),
                ),
            },
            Missing::EmptySeries => Note::new("empty series", "序列为空"),
            Missing::NoValue(note) => note.clone(),
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
            m.text(Lang::Zh),
            "截至2026-12-01，本地未存储BTOS_AI_USE_LARGE_FIRMS的观测值"
        );
        let m = Missing::NoObservation {
            ids: vec!["DGS10".into(), "GS10".into()],
            as_of: None,
            note: None,
        };
        assert_eq!(m.en(), "no stored observation for DGS10 or GS10");
        assert_eq!(m.text(Lang::Zh), "本地未存储DGS10或GS10的观测值");
        let m = Missing::NotStored {
            id: "GDP".into(),
            update: true,
        };
        assert_eq!(m.en(), "GDP is not stored (bullcheck data update GDP)");
        assert_eq!(
            m.text(Lang::Zh),
            "本地未存储GDP（bullcheck data update GDP）"
        );
        let m = Missing::TooShort {
            id: "UNRATE".into(),
            need: Need::MoreMonths(12),
        };
        assert_eq!(m.en(), "UNRATE needs more than 12 months of history");
        assert_eq!(m.text(Lang::Zh), "UNRATE需要超过12个月的历史数据");
    }
}
