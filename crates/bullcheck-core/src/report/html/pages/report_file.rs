//! The single-file report (`bullcheck report`): every section on one page, links as anchors.

use std::fmt::Write as _;

use super::super::{Links, ReportData, Shell, escape, page};
use super::bubbles::bubbles_section;
use super::check::check_section;
use super::events::events_section;
use super::history::{stress_section, track_record_section};
use super::network::network_section;
use super::overview::{header, heatmap};
use super::seed::{fair_pe_table, seed_charts};
use super::{footer, level_badge};
use crate::report::{self, Lang};
use crate::vocab::tr;

/// The single-file report.
pub fn report_page(r: &ReportData, lang: Lang) -> String {
    let mut body = header(r, lang);
    let _ = write!(
        body,
        r#"<h2 id="heatmap-title">{}</h2>"#,
        tr(lang, "Heat map", "热力图")
    );
    body.push_str(&heatmap(&r.audit, lang, Links::SingleFile, None));
    body.push_str(&seed_charts(r, lang));
    body.push_str(&fair_pe_table(lang));
    body.push_str(&stress_section(r, lang));
    body.push_str(&track_record_section(r, lang));
    body.push_str(&network_section(&r.structure, lang));
    body.push_str(&bubbles_section(&r.structure, lang));
    body.push_str(&events_section(&r.structure, Links::SingleFile, lang));
    let _ = write!(
        body,
        r#"<h2 id="checks">{}</h2>"#,
        tr(lang, "Every check", "全部检查")
    );
    for module in &r.audit.modules {
        let _ = write!(
            body,
            "<h2>{} {}</h2>",
            escape(report::module_label(&module.id, lang)),
            level_badge(module.level, lang)
        );
        for result in r.audit.checks.iter().filter(|c| c.module == module.id) {
            body.push_str(&check_section(r, result, lang));
        }
    }
    body.push_str(&footer(r, lang));
    page(&Shell {
        title: tr(lang, "bullcheck report", "bullcheck 报告"),
        lang,
        links: Links::SingleFile,
        path: crate::report::html::Page::Overview.path(),
        body: &body,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_model::empty_report;
    use super::*;

    #[test]
    fn report_is_one_file_with_anchors_and_no_script() {
        let r = empty_report();
        let html = report_page(&r, Lang::En);
        assert!(!html.contains("<script") && !html.contains("<nav"));
        let first = &r.audit.checks[0].id;
        assert!(html.contains(&format!(r##"href="#check-{first}""##)));
        assert_eq!(
            html.matches(r#"<section class="check""#).count(),
            r.audit.checks.len()
        );
        for id in [
            "seed-charts",
            "fair-pe",
            "stress",
            "track-record",
            "network",
            "contagion",
            "bubbles",
            "events",
            "checks",
        ] {
            assert!(html.contains(&format!(r#"id="{id}""#)), "{id}");
        }
        assert!(report_page(&r, Lang::Zh).contains("bullcheck 报告"));
    }
}
