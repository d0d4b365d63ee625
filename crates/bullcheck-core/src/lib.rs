//! bullcheck-core: the pure middle of bullcheck.
//!
//! ```text
//! bytes ─► source::parse ─► (store, in the binary) ─► Dataset ─► checks::evaluate ─► Audit ─► report::render_*
//! ```
//!
//! Nothing in this crate touches the network, the file system, the clock or an ambient random
//! number generator: every function is a function of its arguments. The binary crate does
//! all I/O. `clippy.toml` beside `Cargo.toml` makes this a lint error (`disallowed-methods`,
//! `disallowed-types`) outside tests.
#![cfg_attr(test, allow(clippy::disallowed_methods, clippy::disallowed_types))]

pub mod audit;
pub mod bubbles;
pub mod checks;
pub mod companies;
pub mod csv_text;
pub mod events;
pub mod forecast;
pub mod fred_titles;
pub mod history;
pub mod models;
pub mod network;
pub mod portfolio;
pub mod reason;
pub mod release;
pub mod report;
pub mod scoring;
pub mod series;
pub mod snapshot;
pub mod source;
pub mod stats;
pub mod stress;
pub mod vocab;

#[cfg(test)]
pub(crate) mod test_util {
    /// The runs of ASCII digits in `text`, sorted: a translation must carry the same numbers
    /// as its English source, in any order.
    pub fn digit_runs(text: &str) -> Vec<String> {
        let mut runs: Vec<String> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
            .map(str::to_string)
            .collect();
        runs.sort_unstable();
        runs
    }

    /// [`digit_runs`] of `text` once dates and money are written one way in both languages,
    /// so a Chinese text that writes `2025年10月` for `October 2025` and `3800亿美元` for
    /// `$380B` (as a Chinese analyst does) still carries the same quantities: dates become
    /// `YYYY-M-D`/`YYYY-M`/`M-D`, a lone month its number, and `$`/`¥` amounts in B, M or T
    /// and Chinese ones in 万/亿/万亿 (美)元 whole units of currency (ranges end by end).
    pub fn quantity_runs(text: &str) -> Vec<String> {
        digit_runs(&canonical_quantities(text))
    }

    fn canonical_quantities(text: &str) -> String {
        use regex::{Captures, Regex};
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = |name: &str| {
            MONTHS
                .iter()
                .position(|m| name.starts_with(m))
                .map_or(0, |i| i + 1)
        };
        let m = r"(January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b";
        let num = |s: &str| s.replace(',', "").parse::<f64>().unwrap_or(f64::NAN);
        let whole = |v: f64| format!("{:.0}", v);
        let mut t = text.to_string();
        type Rewrite = Box<dyn Fn(&Captures) -> String>;
        let rules: Vec<(String, Rewrite)> = vec![
            (
                format!(r"(\d{{1,2}}) {m},? (\d{{4}})"),
                Box::new(move |c: &Captures| format!("{}-{}-{}", &c[3], month(&c[2]), &c[1])),
            ),
            (
                format!(r"{m} (\d{{1,2}}), (\d{{4}})"),
                Box::new(move |c: &Captures| format!("{}-{}-{}", &c[3], month(&c[1]), &c[2])),
            ),
            (
                format!(r"{m}[ -](\d{{4}})"),
                Box::new(move |c: &Captures| format!("{}-{}", &c[2], month(&c[1]))),
            ),
            (
                format!(r"(\d{{1,2}}) {m}"),
                Box::new(move |c: &Captures| format!("{}-{}", month(&c[2]), &c[1])),
            ),
            (
                r"(\d{4})年(\d{1,2})月(\d{1,2})日".to_string(),
                Box::new(|c: &Captures| format!("{}-{}-{}", &c[1], &c[2], &c[3])),
            ),
            (
                r"(\d{4})年(\d{1,2})月".to_string(),
                Box::new(|c: &Captures| format!("{}-{}", &c[1], &c[2])),
            ),
            (
                r"(\d{1,2})月(\d{1,2})日".to_string(),
                Box::new(|c: &Captures| format!("{}-{}", &c[1], &c[2])),
            ),
            (
                r"(?:^|[^A-Za-z])(January|February|March|April|June|July|August|September|October|November|December)(?:$|[^A-Za-z])".to_string(),
                Box::new(move |c: &Captures| c[0].replace(&c[1], &month(&c[1]).to_string())),
            ),
            (
                r"[$¥](\d[\d,]*(?:\.\d+)?)(?:-(\d[\d,]*(?:\.\d+)?))?([BMT])".to_string(),
                Box::new(move |c: &Captures| {
                    let unit = match &c[3] {
                        "T" => 1e12,
                        "B" => 1e9,
                        _ => 1e6,
                    };
                    let a = whole(num(&c[1]) * unit);
                    match c.get(2) {
                        Some(b) => format!("{a}-{}", whole(num(b.as_str()) * unit)),
                        None => a,
                    }
                }),
            ),
            (
                r"(\d[\d,]*(?:\.\d+)?)M shares".to_string(),
                Box::new(move |c: &Captures| format!("{} shares", whole(num(&c[1]) * 1e6))),
            ),
            (
                r"(\d[\d,]*(?:\.\d+)?)(?:-(\d[\d,]*(?:\.\d+)?))?(万亿|亿|万)(?:美元|元|股)".to_string(),
                Box::new(move |c: &Captures| {
                    let unit = match &c[3] {
                        "万亿" => 1e12,
                        "亿" => 1e8,
                        _ => 1e4,
                    };
                    let a = whole(num(&c[1]) * unit);
                    match c.get(2) {
                        Some(b) => format!("{a}-{}", whole(num(b.as_str()) * unit)),
                        None => a,
                    }
                }),
            ),
        ];
        for (pattern, rewrite) in &rules {
            let re = Regex::new(pattern).expect("pattern");
            t = re.replace_all(&t, |c: &Captures| rewrite(c)).into_owned();
        }
        t
    }

    #[test]
    fn quantities_are_the_same_in_either_writing() {
        let en = "$380-410B by October 2025 (29 Oct 2025); $650M; ¥1T; November";
        let zh = "2025年10月（2025年10月29日）前3800-4100亿美元；6.5亿美元；1万亿元；11月";
        assert_eq!(quantity_runs(en), quantity_runs(zh));
        assert_ne!(quantity_runs("$380B"), quantity_runs("380亿美元"));
    }
}
