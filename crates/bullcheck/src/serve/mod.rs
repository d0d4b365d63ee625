//! The local dashboard behind `bullcheck serve`: an axum [`Router`] with HTML pages (rendered
//! by `bullcheck_core::report::html`, the same renderer as `bullcheck report`) and a JSON API
//! under `/api/` that the pages' small script calls (documented at `/api/openapi.json`).
//!
//! Hardening: unknown paths are 404; paths with `..`, encoded dots or backslashes are refused
//! (400) before routing; request bodies are limited to [`MAX_BODY_BYTES`] (413); unknown or
//! malformed query parameters are 400 with a JSON error; a panic in a handler becomes a 500
//! (catch-panic layer) instead of dropping the connection; every response carries a
//! Content-Security-Policy that allows nothing but this origin.

mod api;
mod exchange;
pub mod guard;
pub mod listen;
mod portfolio;
mod query;
mod state;
mod structure;
#[cfg(test)]
mod tests;
mod update_task;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bullcheck_core::report::Lang;
use bullcheck_core::report::html::scenario::{SliderValues, evaluate_sliders};
use bullcheck_core::report::html::{Page, pages};

use query::{LangParam, NoParams, Params, SliderParams};
pub use state::AppState;

/// The dashboard's script, shipped inside the binary.
const SCRIPT: &str = include_str!("../../../../assets/bullcheck.js");

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

const CSP: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The router with every page, the API, the asset and the hardening layers.
#[cfg_attr(not(test), allow(dead_code))]
pub fn router(state: AppState) -> Router {
    router_with(state, guard::Guard::loopback())
}

/// [`router`] answering to the hosts of `guard` (see [`guard`]: Host allow-list, cross-site
/// write refusal, body limit for any framing).
pub fn router_with(state: AppState, guard: guard::Guard) -> Router {
    Router::new()
        .route(Page::Overview.path(), get(overview))
        .route("/module/{id}", get(module))
        .route("/check/{id}", get(check))
        .route(Page::Scenarios.path(), get(scenario))
        .route(Page::History.path(), get(history))
        .route(Page::Data.path(), get(data))
        .route(
            Page::Portfolio.path(),
            get(portfolio::show).post(portfolio::save),
        )
        .route(Page::Network.path(), get(structure::network))
        .route(Page::Bubbles.path(), get(structure::bubbles))
        .route(Page::Events.path(), get(structure::events))
        .route("/assets/bullcheck.js", get(script))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .merge(api::routes())
        .fallback(not_found)
        .with_state(state)
        .layer(middleware::from_fn(refuse_traversal))
        .layer(middleware::from_fn_with_state(guard, guard::check))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_BODY_BYTES,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic_response,
        ))
        // Outermost, so the guard's and the traversal filter's refusals (421, 403, 413, 400)
        // and a panic's 500 carry the headers too (issue 28).
        .layer(middleware::from_fn(security_headers))
}

/// A value from the request as an error may quote it: a short excerpt, control characters
/// escaped (a terminal escape in an id never reaches a page or a log raw).
pub fn quote(text: &str) -> String {
    crate::cli_values::excerpt(text)
        .chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// A JSON error body with `status`.
pub fn json_error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = serde_json::json!({ "error": message.into(), "status": status.as_u16() });
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A client error (400 and the like) on its way to becoming a JSON error response.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError(pub StatusCode, pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_error(self.0, self.1)
    }
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    json_error(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
}

/// An HTML page (from the cache, shared as `Arc<String>`).
pub fn html(body: Arc<String>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body.as_str().to_owned(),
    )
        .into_response()
}

/// 500 for a failure to load or build (the message names what failed).
pub fn server_error(err: &anyhow::Error) -> Response {
    json_error(StatusCode::INTERNAL_SERVER_ERROR, format!("{err:#}"))
}

/// The headers every response carries (the router's, the accept loop's own refusals and the
/// answers that replace hyper's protocol errors).
pub const SECURITY_HEADERS: [(&str, &str); 3] = [
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
];

/// `response` with [`SECURITY_HEADERS`].
pub fn secured(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

async fn security_headers(request: Request, next: Next) -> Response {
    secured(next.run(request).await)
}

/// Refuses paths that try to climb out (`..`, `%2e`, `%2f`, `\`) before any route sees them.
async fn refuse_traversal(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_ascii_lowercase();
    if path.contains("..")
        || path.contains("%2e")
        || path.contains("%2f")
        || path.contains("%5c")
        || path.contains('\\')
        || path.contains("//")
    {
        return json_error(StatusCode::BAD_REQUEST, "path traversal refused");
    }
    next.run(request).await
}

async fn not_found(request: Request<Body>) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/") || path == "/api" {
        json_error(StatusCode::NOT_FOUND, format!("no such API route: {path}"))
    } else {
        (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            pages::error_page(404, "Not found.", Lang::En),
        )
            .into_response()
    }
}

fn default_lang(state: &AppState) -> Lang {
    crate::load::lang(&state.0.settings)
}

/// The page's language: `lang` when given, else `--lang`.
fn page_lang(state: &AppState, params: &LangParam) -> Lang {
    params.lang.unwrap_or_else(|| default_lang(state))
}

fn lang_key(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

async fn overview(State(state): State<AppState>, Params(q): Params<LangParam>) -> Response {
    let lang = page_lang(&state, &q);
    match state.current().await {
        Ok(built) => html(built.cached(&format!("/?{}", lang_key(lang)), || {
            pages::overview_page(&built.report, lang)
        })),
        Err(err) => server_error(&err),
    }
}

async fn module(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Params(q): Params<LangParam>,
) -> Response {
    let lang = page_lang(&state, &q);
    let built = match state.current().await {
        Ok(b) => b,
        Err(err) => return server_error(&err),
    };
    if !built.report.audit.modules.iter().any(|m| m.id == id) {
        return not_found_page(&format!("No module `{}`.", quote(&id)), lang);
    }
    html(
        built.cached(&format!("/module/{id}?{}", lang_key(lang)), || {
            pages::module_page(&built.report, &id, lang).unwrap_or_default()
        }),
    )
}

fn not_found_page(message: &str, lang: Lang) -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        pages::error_page(404, message, lang),
    )
        .into_response()
}

async fn check(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Params(q): Params<LangParam>,
) -> Response {
    let lang = page_lang(&state, &q);
    let built = match state.current().await {
        Ok(b) => b,
        Err(err) => return server_error(&err),
    };
    if built.report.audit.def(&id).is_none() {
        return not_found_page(&format!("No check `{}`.", quote(&id)), lang);
    }
    html(
        built.cached(&format!("/check/{id}?{}", lang_key(lang)), || {
            pages::check_page(&built.report, &id, lang).unwrap_or_default()
        }),
    )
}

/// Slider values and language from a query (each slider optional, within its range).
pub fn slider_values(
    state: &AppState,
    params: &SliderParams,
) -> Result<(SliderValues, Lang), ApiError> {
    let mut values = SliderValues::default();
    for (key, text) in params.given() {
        let value: f64 = text.trim().parse().map_err(|_| {
            ApiError(
                StatusCode::BAD_REQUEST,
                format!(
                    "`{key}` must be a number, got `{}`",
                    crate::cli_values::excerpt(text)
                ),
            )
        })?;
        values
            .set(key, value)
            .map_err(|message| ApiError(StatusCode::BAD_REQUEST, message))?;
    }
    for (name, text) in params.holds() {
        match text.trim() {
            "1" | "on" | "true" => values.hold(name),
            "0" | "off" | "false" | "" => Ok(()),
            other => Err(format!(
                "`hold_{name}` must be 1 or 0, got `{}`",
                crate::cli_values::excerpt(other)
            )),
        }
        .map_err(|message| ApiError(StatusCode::BAD_REQUEST, message))?;
    }
    Ok((values, params.lang.unwrap_or_else(|| default_lang(state))))
}

async fn scenario(State(state): State<AppState>, Params(q): Params<SliderParams>) -> Response {
    let (values, lang) = match slider_values(&state, &q) {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    let built = match state.current().await {
        Ok(b) => b,
        Err(err) => return server_error(&err),
    };
    let render = || pages::scenario_page(&values, &evaluate_sliders(&values, &built.model), lang);
    if values == SliderValues::default() {
        html(built.cached(&format!("/scenario?{}", lang_key(lang)), render))
    } else {
        html(Arc::new(render()))
    }
}

async fn history(State(state): State<AppState>, Params(q): Params<LangParam>) -> Response {
    let lang = page_lang(&state, &q);
    let built = match state.current().await {
        Ok(b) => b,
        Err(err) => return server_error(&err),
    };
    let report = match state.with_history(&built).await {
        Ok(r) => r,
        Err(err) => return server_error(&err),
    };
    html(built.cached(&format!("/history?{}", lang_key(lang)), || {
        pages::history_page(&report, lang)
    }))
}

async fn data(State(state): State<AppState>, Params(q): Params<LangParam>) -> Response {
    let lang = page_lang(&state, &q);
    match state.current().await {
        Ok(built) => html(built.cached(&format!("/data?{}", lang_key(lang)), || {
            pages::data_page(&built.data_rows, lang)
        })),
        Err(err) => server_error(&err),
    }
}

async fn script(Params(NoParams {}): Params<NoParams>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
        .into_response()
}
