//! The core's vocabulary below every computation: a check's [`Status`], the [`Verdict`] on a
//! seed's claim and a [`Note`] in both report languages. `checks`, `snapshot`, `events` and
//! the renderers all speak it; it depends on nothing in the crate. (Dates and month
//! arithmetic are the other half of the vocabulary: `crate::series`.)

use serde::Deserialize;

/// How worrying a check's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    NoData,
    Ok,
    Watch,
    Warning,
    Critical,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::NoData => "no_data",
            Status::Ok => "ok",
            Status::Watch => "watch",
            Status::Warning => "warning",
            Status::Critical => "critical",
        }
    }

    /// Points on a 0-100 scale used by the rating (see docs/rating.md).
    pub fn points(self) -> Option<f64> {
        match self {
            Status::NoData => None,
            Status::Ok => Some(0.0),
            Status::Watch => Some(33.3),
            Status::Warning => Some(66.7),
            Status::Critical => Some(100.0),
        }
    }
}

/// The verdict on a seed's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Holds,
    Approx,
    Outdated,
    Wrong,
    Unverified,
    Forecast,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Approx => "approx",
            Verdict::Outdated => "outdated",
            Verdict::Wrong => "wrong",
            Verdict::Unverified => "unverified",
            Verdict::Forecast => "forecast",
        }
    }
}

/// A text in both report languages, made where the text is made (see ARCHITECTURE.md,
/// Language): a sentence, a label, a figure with its wording.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Note {
    pub en: String,
    pub zh: String,
}

impl Note {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Note {
        Note {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// A text that reads the same in both languages (numbers, dates, ids).
    pub fn same(text: impl Into<String>) -> Note {
        let en = text.into();
        Note { zh: en.clone(), en }
    }

    /// The text in `lang` (see [`tr`]).
    pub fn text(&self, lang: Lang) -> &str {
        tr(lang, &self.en, &self.zh)
    }
}

/// JSON is English (its texts are a contract, see `report/json.rs`): a note serializes as its
/// English text, so a result can carry both languages without changing its JSON.
impl serde::Serialize for Note {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.en)
    }
}

/// Report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// The one way a renderer chooses its words: `zh` when the report is in Chinese and a
/// translation exists, else `en`. Renderers write both texts side by side at the place
/// they are printed, `tr(lang, "as of", "评估日")`; texts made with a figure travel as a
/// [`Note`]; texts read from definition files pass their two fields. Every literal pair is
/// checked to have a Chinese text (`tests/zh_everywhere.rs`), and every output a user reads
/// is rendered in Chinese and searched for English words (`tests/it/zh_outputs.rs`).
pub fn tr<'a>(lang: Lang, en: &'a str, zh: &'a str) -> &'a str {
    if lang == Lang::Zh && !zh.is_empty() {
        zh
    } else {
        en
    }
}

/// `text` padded with spaces to `width` terminal columns (a Chinese character takes two), so
/// that columns line up in both languages.
pub fn pad(text: &str, width: usize) -> String {
    let w = display_width(text);
    if w >= width {
        text.to_string()
    } else {
        format!("{text}{}", " ".repeat(width - w))
    }
}

/// `text` right-aligned in `width` terminal columns (spaces before it), the counterpart of
/// [`pad`] for columns of figures and their headers.
pub fn pad_left(text: &str, width: usize) -> String {
    let w = display_width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

/// Terminal columns of `text`: CJK characters count as two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// An amount in USD bn as a Chinese writer counts it, in 亿 (10^8) dollars: `407.5` → `4075`
/// (one decimal of a billion is a whole 亿). Tables whose Chinese column says 亿美元 print
/// their USD bn figures with this, never a number of 十亿美元.
pub fn bn_in_yi(value: f64) -> String {
    format!("{:.0}", value * 10.0)
}

/// How a figure in `unit_zh` reads in Chinese: a unit in 十亿美元 becomes 亿美元 with the
/// figure ×10 (`十亿美元（水平）` → `(10, 亿美元（水平）)`); any other unit stays, ×1.
pub fn yi_scaled(unit_zh: &str) -> (f64, String) {
    match unit_zh.strip_prefix("十亿美元") {
        Some(rest) => (10.0, format!("亿美元{rest}")),
        None => (1.0, unit_zh.to_string()),
    }
}

#[cfg(test)]
mod bn_in_yi_tests {
    /// Oracle: 1 十亿 = 10 亿, by definition of the units.
    #[test]
    fn billions_read_in_yi() {
        assert_eq!(super::bn_in_yi(407.5), "4075");
        assert_eq!(super::bn_in_yi(0.66), "7");
        assert_eq!(super::bn_in_yi(-12.0), "-120");
        assert_eq!(
            super::yi_scaled("十亿美元（水平）"),
            (10.0, "亿美元（水平）".to_string())
        );
        assert_eq!(super::yi_scaled("%"), (1.0, "%".to_string()));
    }
}
