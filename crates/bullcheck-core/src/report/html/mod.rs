//! HTML rendering: the single-file report (`bullcheck report`) and the pages of the local
//! dashboard (`bullcheck serve`) come from the same functions, so the two cannot drift apart.
//!
//! Pure: a [`ReportData`] (the audit plus everything the charts need, built by the functions in
//! [`build`]) goes in, HTML strings come out. Pages are self-contained: inline CSS, inline SVG
//! charts drawn by hand ([`chart`]), no web fonts, no images, no network requests. The only
//! difference between the report file and a dashboard page is where links point ([`Links`])
//! and whether the dashboard's small script is referenced (it only adds hover, zoom, sliders
//! and polling; every page reads fine without it).

pub mod build;
pub mod chart;
pub mod forecast;
pub mod pages;
pub mod scenario;
pub mod stress_charts;
pub mod structure;
mod style;
pub mod timeline;

use crate::audit::Audit;
use crate::history::History;
use crate::report::Lang;
use crate::series::Date;
use crate::vocab::tr;
use std::collections::BTreeMap;

pub use build::{Recessions, SmallCapLosses, StressSummary, WealthChart};

/// Everything the report and the dashboard show.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub audit: Audit,
    /// The full history of every check computed from stored data, reduced to month-ends
    /// (the audit's `trend` keeps only 24 months).
    pub histories: BTreeMap<String, Vec<(Date, f64)>>,
    pub recessions: Recessions,
    /// The seed's first chart: share of loss-making small caps, from the company screens.
    /// `None` when no company facts are stored.
    pub small_caps: Option<SmallCapLosses>,
    /// The seed's second chart: top-10% wealth against consumer-credit delinquency.
    pub wealth: WealthChart,
    /// Built-in stress scenarios evaluated on the data (empty: none could run).
    pub stress: Vec<StressSummary>,
    /// The track record of `bullcheck history`, when computed.
    pub history: Option<History>,
    /// The AI financing network, industry bubbles and event studies (issue 14).
    pub structure: structure::StructureData,
    /// e.g. `bullcheck 0.1.0`.
    pub generator: String,
}

/// Where links point: anchors inside one file, or dashboard URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// The single-file report: `#check-<id>`.
    SingleFile,
    /// The dashboard: `/check/<id>?lang=..`.
    Dashboard,
}

impl Links {
    pub fn check(self, id: &str, lang: Lang) -> String {
        match self {
            Links::SingleFile => format!("#check-{}", escape(id)),
            Links::Dashboard => format!("/check/{}{}", escape(id), lang_query(lang, '?')),
        }
    }

    pub fn module(self, id: &str, lang: Lang) -> String {
        match self {
            Links::SingleFile => format!("#module-{}", escape(id)),
            Links::Dashboard => format!("/module/{}{}", escape(id), lang_query(lang, '?')),
        }
    }
}

/// `?lang=zh` (or `&lang=zh`) for Chinese pages, nothing for English.
pub fn lang_query(lang: Lang, separator: char) -> String {
    match lang {
        Lang::En => String::new(),
        Lang::Zh => format!("{separator}lang=zh"),
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link to a source: only `http(s)` URLs become links (anything else is printed as text).
pub fn source_link(url: &str, text: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        format!(
            r#"<a href="{}" rel="noopener noreferrer">{}</a>"#,
            escape(url),
            escape(text)
        )
    } else {
        escape(text)
    }
}

/// The page around a body: `<head>` with the inline style, the navigation (dashboard only),
/// and the dashboard script when asked for.
pub struct Shell<'a> {
    pub title: &'a str,
    pub lang: Lang,
    pub links: Links,
    /// The current dashboard path without the query (for the language switch).
    pub path: &'a str,
    pub body: &'a str,
}

pub fn page(shell: &Shell<'_>) -> String {
    let html_lang = match shell.lang {
        Lang::En => "en",
        Lang::Zh => "zh-Hans",
    };
    let mut out = String::with_capacity(shell.body.len() + 8192);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!(
        "<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{}</style></head><body>",
        escape(shell.title),
        style::CSS
    ));
    if shell.links == Links::Dashboard {
        out.push_str(&nav(shell.lang, shell.path));
    }
    out.push_str("<main>");
    out.push_str(shell.body);
    out.push_str("</main>");
    if shell.links == Links::Dashboard {
        out.push_str(r#"<script src="/assets/bullcheck.js" defer></script>"#);
    }
    out.push_str("</body></html>\n");
    out
}

/// The dashboard's top-level pages: one entry each gives the route (the binary's router
/// mounts [`Page::path`]), the navigation label and its order. Adding a page is a variant
/// here, its renderer, and its handler in `serve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Overview,
    Scenarios,
    Portfolio,
    Network,
    Bubbles,
    Events,
    History,
    Data,
}

impl Page {
    /// Every page, in the navigation's order.
    pub const ALL: [Page; 8] = [
        Page::Overview,
        Page::Scenarios,
        Page::Portfolio,
        Page::Network,
        Page::Bubbles,
        Page::Events,
        Page::History,
        Page::Data,
    ];

    /// The page's route.
    pub const fn path(self) -> &'static str {
        match self {
            Page::Overview => "/",
            Page::Scenarios => "/scenario",
            Page::Portfolio => "/portfolio",
            Page::Network => "/network",
            Page::Bubbles => "/bubbles",
            Page::Events => "/events",
            Page::History => "/history",
            Page::Data => "/data",
        }
    }

    /// The page's name in the navigation.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Page::Overview => tr(lang, "Overview", "总览"),
            Page::Scenarios => tr(lang, "Scenarios", "情景"),
            Page::Portfolio => tr(lang, "Portfolio", "投资组合"),
            Page::Network => tr(lang, "Network", "融资网络"),
            Page::Bubbles => tr(lang, "Bubbles", "泡沫"),
            Page::Events => tr(lang, "Event studies", "事件研究"),
            Page::History => tr(lang, "Track record", "历史表现"),
            Page::Data => tr(lang, "Data", "数据"),
        }
    }
}

fn nav(lang: Lang, path: &str) -> String {
    let q = lang_query(lang, '?');
    let mut out = String::from(r#"<nav class="top"><span class="brand">bullcheck</span>"#);
    for (href, label) in Page::ALL.map(|p| (p.path(), p.label(lang))) {
        let current = if href == path {
            r#" aria-current="page""#
        } else {
            ""
        };
        out.push_str(&format!(r#"<a href="{href}{q}"{current}>{label}</a>"#));
    }
    let (other, other_label) = match lang {
        Lang::En => ("?lang=zh", "ZH 中文"),
        Lang::Zh => ("?lang=en", "EN English"),
    };
    out.push_str(&format!(
        r#"<a class="lang" href="{}{other}" hreflang="{}">{other_label}</a></nav>"#,
        escape(path),
        if lang == Lang::En { "zh" } else { "en" }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_five_html_specials() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn only_http_urls_become_links() {
        assert!(
            source_link("https://fred.stlouisfed.org/series/DGS10", "DGS10").starts_with("<a ")
        );
        assert_eq!(source_link("javascript:alert(1)", "x"), "x");
    }

    #[test]
    fn report_shell_has_no_script_and_dashboard_shell_has_ours() {
        let shell = |links| {
            page(&Shell {
                title: "t",
                lang: Lang::En,
                links,
                path: Page::Overview.path(),
                body: "",
            })
        };
        assert!(!shell(Links::SingleFile).contains("<script"));
        assert!(shell(Links::Dashboard).contains(r#"<script src="/assets/bullcheck.js""#));
    }
}
