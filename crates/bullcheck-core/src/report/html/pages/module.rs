//! The dashboard's module page: the module's heat-map row and each of its checks.

use super::super::{Links, ReportData, Shell, escape, page};
use super::check::check_section;
use super::overview::heatmap;
use super::{level_badge, score_text};
use crate::report::{self, Lang};
use crate::vocab::tr;

/// Dashboard: one module. `None` for an unknown module.
pub fn module_page(r: &ReportData, module: &str, lang: Lang) -> Option<String> {
    let score = r.audit.modules.iter().find(|m| m.id == module)?;
    let mut body = format!(
        "<h1>{} {}</h1><p>{}: {}</p>",
        escape(report::module_label(module, lang)),
        level_badge(score.level, lang),
        tr(lang, "Score", "分数"),
        score_text(score.score)
    );
    body.push_str(&heatmap(&r.audit, lang, Links::Dashboard, Some(module)));
    for result in r.audit.checks.iter().filter(|c| c.module == module) {
        body.push_str(&check_section(r, result, lang));
    }
    let path = format!("/module/{module}");
    Some(page(&Shell {
        title: report::module_label(module, lang),
        lang,
        links: Links::Dashboard,
        path: &path,
        body: &body,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::test_model::empty_report;
    use super::*;

    #[test]
    fn module_page_holds_each_of_its_checks_and_refuses_unknown_modules() {
        let r = empty_report();
        let module = r.audit.modules[0].id.clone();
        let html = module_page(&r, &module, Lang::En).expect("known module");
        for c in r.audit.checks.iter().filter(|c| c.module == module) {
            assert!(html.contains(&format!(r#"<section class="check" id="check-{}""#, c.id)));
        }
        assert!(module_page(&r, "no_such_module", Lang::En).is_none());
    }
}
