//! The dashboard's issue-14 pages: `/network` (the AI financing network, DebtRank contagion,
//! circular shares), `/bubbles` (industry run-ups and crashes) and `/events` (the built-in
//! event studies). Each renders from the cached report data (built once per store version,
//! like every page), so the pages match `bullcheck report`.

use axum::extract::State;
use axum::response::Response;
use bullcheck_core::report::Lang;
use bullcheck_core::report::html::{Page, ReportData, pages};

use super::query::{LangParam, Params};
use super::{AppState, html, lang_key, page_lang, server_error};

/// Renders `path` with `render`, cached per store version and language.
async fn cached_page(
    state: AppState,
    query: LangParam,
    path: &str,
    render: fn(&ReportData, Lang) -> String,
) -> Response {
    let lang = page_lang(&state, &query);
    match state.current().await {
        Ok(built) => html(built.cached(&format!("{path}?{}", lang_key(lang)), || {
            render(&built.report, lang)
        })),
        Err(err) => server_error(&err),
    }
}

pub async fn network(State(state): State<AppState>, Params(q): Params<LangParam>) -> Response {
    cached_page(state, q, Page::Network.path(), pages::network_page).await
}

pub async fn bubbles(State(state): State<AppState>, Params(q): Params<LangParam>) -> Response {
    cached_page(state, q, Page::Bubbles.path(), pages::bubbles_page).await
}

pub async fn events(State(state): State<AppState>, Params(q): Params<LangParam>) -> Response {
    cached_page(state, q, Page::Events.path(), pages::events_page).await
}
