//! The dashboard's data page: every stored series and the update button.

use std::fmt::Write as _;

use super::super::chart;
use super::super::{Links, Shell, escape, page, source_link};
use crate::report::Lang;
use crate::vocab::tr;

/// One stored series on the data page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DataRow {
    pub id: String,
    pub source: String,
    pub first: Option<String>,
    pub last: Option<String>,
    pub last_value: Option<f64>,
    pub rows: usize,
    pub last_update: Option<String>,
}

/// Dashboard: every stored series and the update button.
pub fn data_page(rows: &[DataRow], lang: Lang) -> String {
    let mut body = format!(
        r#"<h1>{}</h1><form method="post" action="/api/data/update" id="update-form" class="no-print"><button type="submit" id="update-button">{}</button> <span class="small muted">{}</span></form><pre class="log" id="update-log" hidden></pre>"#,
        tr(lang, "Stored data", "已存储数据"),
        tr(lang, "Update from live sources", "从在线来源更新"),
        tr(
            lang,
            "Runs `bullcheck data update` in the background (FRED, NY Fed, Treasury, SEC); progress appears below.",
            "在后台运行 `bullcheck data update`（FRED、纽约联储、财政部、SEC）；进度显示在下方。"
        )
    );
    if rows.is_empty() {
        let _ = write!(
            body,
            r#"<p class="placeholder" id="no-data">{}</p>"#,
            tr(
                lang,
                "No stored series: the audit uses the bundled cited snapshot. Import files with `bullcheck data import DIR`.",
                "没有存储的序列：审计使用内置引用快照。请用 `bullcheck data import DIR` 导入文件。"
            )
        );
    } else {
        let _ = write!(
            body,
            r#"<div class="table-wrap"><table id="series-table"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th><th>{}</th></tr></thead><tbody>"#,
            tr(lang, "Series", "序列"),
            tr(lang, "Source", "来源"),
            tr(lang, "First", "首个观测"),
            tr(lang, "Last observation", "最新观测"),
            tr(lang, "Last value", "最新值"),
            tr(lang, "Rows", "行数"),
            tr(lang, "Last update", "最近更新"),
        );
        for row in rows {
            let url = crate::checks::series_url(&row.id, &row.source);
            let _ = write!(
                body,
                r#"<tr><td><code>{}</code></td><td class="small">{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="small">{}</td></tr>"#,
                source_link(&url, &row.id),
                escape(&row.source),
                escape(row.first.as_deref().unwrap_or("—")),
                escape(row.last.as_deref().unwrap_or("—")),
                row.last_value.map_or("—".to_string(), chart::value_label),
                row.rows,
                escape(row.last_update.as_deref().unwrap_or("—")),
            );
        }
        body.push_str("</tbody></table></div>");
    }
    page(&Shell {
        title: tr(lang, "Data", "数据"),
        lang,
        links: Links::Dashboard,
        path: crate::report::html::Page::Data.path(),
        body: &body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_page_lists_series_or_says_how_to_import() {
        assert!(data_page(&[], Lang::En).contains(r#"id="no-data""#));
        let row = DataRow {
            id: "DGS10".into(),
            source: "FRED".into(),
            first: Some("1962-01-02".into()),
            last: Some("2026-01-30".into()),
            last_value: Some(4.26),
            rows: 16_000,
            last_update: None,
        };
        let html = data_page(&[row], Lang::Zh);
        assert!(html.contains(r#"id="series-table""#) && html.contains("最新观测"));
        assert!(html.contains(">4.26<") && html.contains(">16000<"));
        assert!(html.contains("https://fred.stlouisfed.org/series/DGS10"));
    }
}
