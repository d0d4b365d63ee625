//! A small HTML error page (404 and the like).

use super::super::{Links, Shell, escape, lang_query, page};
use crate::report::Lang;
use crate::vocab::tr;

/// A small HTML error page (404 and the like).
pub fn error_page(status: u16, message: &str, lang: Lang) -> String {
    let body = format!(
        r#"<h1>{status}</h1><p>{}</p><p><a href="/{}">{}</a></p>"#,
        escape(message),
        lang_query(lang, '?'),
        tr(lang, "Back to the overview", "返回总览")
    );
    page(&Shell {
        title: &status.to_string(),
        lang,
        links: Links::Dashboard,
        path: crate::report::html::Page::Overview.path(),
        body: &body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_page_escapes_the_message_and_links_back_in_its_language() {
        let html = error_page(404, "No check `<x>`.", Lang::Zh);
        assert!(html.contains("<h1>404</h1>") && html.contains("&lt;x&gt;"));
        assert!(html.contains(r#"<a href="/?lang=zh">返回总览</a>"#));
    }
}
