//! The dashboard's issue-14 pages: `/network` (the AI financing network, DebtRank contagion,
//! circular shares), `/bubbles` (industry run-ups and crashes) and `/events` (the built-in
//! event studies). Each renders from the cached report data (built once per store version,
//! like every page), so the pages match `bullcheck report`.

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use bullcheck_core::report::Lang;
use bullcheck_core::report::html::{ReportData, pages};

use super::{AppState, html, lang_key, page_lang, server_error};

/// Renders `path` with `render`, cached per store version and language.
async fn cached_page(
    state: AppState,
    raw: Option<String>,
    path: &str,
    render: fn(&ReportData, Lang) -> String,
) -> Response {
    let lang = match page_lang(&state, raw.as_deref()) {
        Ok(l) => l,
        Err(r) => return r.into_response(),
    };
    match state.current().await {
        Ok(built) => html(built.cached(&format!("{path}?{}", lang_key(lang)), || {
            render(&built.report, lang)
        })),
        Err(err) => server_error(&err),
    }
}

pub async fn network(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    cached_page(state, raw, "/network", pages::network_page).await
}

pub async fn bubbles(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    cached_page(state, raw, "/bubbles", pages::bubbles_page).await
}

pub async fn events(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    cached_page(state, raw, "/events", pages::events_page).await
}
