//! The JSON API under `/api/`: audit, checks, series, scenarios, history, data update, and
//! the OpenAPI 3 document describing them. The dashboard's script uses these same routes.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bullcheck_core::checks::Direction;
use bullcheck_core::report::html::scenario::{SLIDERS, evaluate_sliders};
use bullcheck_core::report::{self, Lang};
use bullcheck_core::series::Date;
use serde_json::{Value, json};

use super::query::{LangParam, NoParams, Params, RangeParams, SliderParams};
use super::state::Encoded;
use super::{AppState, default_lang, json_error, server_error, slider_values};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/audit", get(audit))
        .route("/api/checks", get(checks))
        .route("/api/checks/{id}", get(check))
        .route("/api/series", get(series_list))
        .route("/api/series/{id}", get(series))
        .route("/api/scenarios", get(scenarios))
        .route("/api/scenarios/sliders", get(sliders))
        .route("/api/history", get(history))
        .route("/api/data/update", get(update_status).post(update_start))
}

fn json_body(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The answer's language: `lang` when given, else `--lang`.
fn lang_of(state: &AppState, params: &LangParam) -> Lang {
    params.lang.unwrap_or_else(|| default_lang(state))
}

fn points_json(points: &[(Date, f64)]) -> Value {
    Value::Array(
        points
            .iter()
            .map(|(d, v)| json!([d.to_string(), v]))
            .collect(),
    )
}

async fn audit(State(state): State<AppState>, Params(q): Params<LangParam>) -> Response {
    let lang = lang_of(&state, &q);
    match state.current().await {
        Ok(built) => {
            let key = format!("/api/audit?{lang:?}");
            let body = built.cached(&key, || report::json::render(&built.report.audit, lang));
            json_body(body.as_str().to_owned())
        }
        Err(err) => server_error(&err),
    }
}

async fn checks(State(state): State<AppState>, Params(q): Params<LangParam>) -> Response {
    let lang = lang_of(&state, &q);
    let built = match state.current().await {
        Ok(b) => b,
        Err(err) => return server_error(&err),
    };
    let body = built.cached(&format!("/api/checks?{lang:?}"), || {
        let audit = &built.report.audit;
        let list: Vec<Value> = audit
            .checks
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "module": r.module,
                    "title": audit.def(&r.id).map(|d| report::title(d, lang)),
                    "status": r.status.name(),
                    "value": r.value,
                    "unit": r.unit,
                    "as_of": r.as_of.map(|d| d.to_string()),
                    "percentile": r.percentile,
                    "data": r.data.name(),
                    "verdict": r.verdict.name(),
                    "history_points": built.report.histories.get(&r.id).map_or(0, Vec::len),
                })
            })
            .collect();
        json!({ "as_of": audit.as_of.to_string(), "checks": list }).to_string()
    });
    json_body(body.as_str().to_owned())
}

async fn check(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Params(q): Params<LangParam>,
) -> Response {
    let lang = lang_of(&state, &q);
    let built = match state.current().await {
        Ok(b) => b,
        Err(err) => return server_error(&err),
    };
    let audit = &built.report.audit;
    let (Some(def), Some(result)) = (audit.def(&id), audit.checks.iter().find(|c| c.id == id))
    else {
        return json_error(
            StatusCode::NOT_FOUND,
            format!("no check `{}`", super::quote(&id)),
        );
    };
    let body = built.cached(&format!("/api/checks/{id}?{lang:?}"), || {
        let history = built
            .report
            .histories
            .get(&id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        json!({
            "id": result.id,
            "module": result.module,
            "title": report::title(def, lang),
            "status": result.status.name(),
            "status_label": report::status_label(result.status, lang),
            "value": result.value,
            "unit": result.unit,
            "as_of": result.as_of.map(|d| d.to_string()),
            "percentile": result.percentile,
            "data": result.data.name(),
            "verdict": result.verdict.name(),
            "verdict_note": result.verdict_note.text(lang),
            "thresholds": {
                "watch": def.thresholds.watch,
                "warning": def.thresholds.warning,
                "critical": def.thresholds.critical,
                "direction": match def.direction {
                    Direction::HigherIsWorse => "higher_is_worse",
                    Direction::LowerIsWorse => "lower_is_worse",
                },
            },
            "sources": result.sources.iter().map(|s| json!({
                "id": s.id, "publisher": s.publisher, "url": s.url,
                "as_of": s.as_of.map(|d| d.to_string()),
            })).collect::<Vec<_>>(),
            "history": points_json(history),
            "recessions": built.report.recessions.spans.iter()
                .map(|(a, b)| json!([a.to_string(), b.to_string()])).collect::<Vec<_>>(),
            "recession_source": built.report.recessions.source,
        })
        .to_string()
    });
    json_body(body.as_str().to_owned())
}

async fn series_list(
    State(state): State<AppState>,
    Params(NoParams {}): Params<NoParams>,
) -> Response {
    match state.current().await {
        Ok(built) => json_body(json!({ "series": built.data_rows }).to_string()),
        Err(err) => server_error(&err),
    }
}

/// The most points `max_points` may ask for (the longest stored daily series has ~40,000).
const MAX_POINTS_LIMIT: usize = 1_000_000;

/// One stored series' observations in [`from`, `to`], downsampled to at most `max_points` by
/// Largest-Triangle-Three-Buckets (`bullcheck_core::series::downsample_lttb`: the first and
/// last observation kept, each point an observation). The body is rendered once per store
/// version and query; it carries a strong `ETag` (304 to a matching `If-None-Match`) and is
/// sent gzipped to clients that accept it.
async fn series(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Params(q): Params<RangeParams>,
) -> Response {
    let mut range: [Option<Date>; 2] = [None, None];
    let given = [("from", &q.from), ("to", &q.to)];
    for (key, text) in given.iter().filter_map(|(k, v)| Some((*k, v.as_deref()?))) {
        let Ok(date) = text.parse::<Date>() else {
            return json_error(
                StatusCode::BAD_REQUEST,
                format!(
                    "`{key}` must be a date YYYY-MM-DD, got `{}`",
                    crate::cli_values::excerpt(text)
                ),
            );
        };
        range[usize::from(key == "to")] = Some(date);
    }
    if let [Some(from), Some(to)] = range
        && from > to
    {
        return json_error(
            StatusCode::BAD_REQUEST,
            format!("`from` {from} is after `to` {to}: the range is reversed"),
        );
    }
    let max_points = match q.max_points.as_deref().map(str::parse::<usize>) {
        None => None,
        Some(Ok(n)) if (2..=MAX_POINTS_LIMIT).contains(&n) => Some(n),
        Some(_) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                format!(
                    "`max_points` must be a whole number from 2 to {MAX_POINTS_LIMIT}, got `{}`",
                    crate::cli_values::excerpt(q.max_points.as_deref().unwrap_or(""))
                ),
            );
        }
    };
    let built = match state.current().await {
        Ok(b) => b,
        Err(err) => return server_error(&err),
    };
    let Some(series) = built.data.get(&id) else {
        return json_error(
            StatusCode::NOT_FOUND,
            format!("series `{}` is not stored", super::quote(&id)),
        );
    };
    let key = format!("/api/series/{id}?{range:?}&{max_points:?}");
    let encoded = built.encoded(&key, || {
        let points: Vec<(Date, f64)> = series
            .points
            .iter()
            .filter(|(d, _)| {
                range[0].is_none_or(|from| *d >= from) && range[1].is_none_or(|to| *d <= to)
            })
            .copied()
            .collect();
        let observations = points.len();
        let points = match max_points {
            Some(max) => bullcheck_core::series::downsample_lttb(&points, max),
            None => points,
        };
        json!({
            "id": series.meta.id,
            "source": series.meta.source,
            "title": series.meta.title,
            "units": series.meta.units,
            "frequency": series.meta.frequency,
            "observations": observations,
            "downsampled": points.len() < observations,
            "points": points_json(&points),
        })
        .to_string()
    });
    encoded_json(&encoded, &headers)
}

/// `encoded` as a JSON response: 304 when `If-None-Match` names its tag, gzipped when the
/// client accepts gzip, and always with its `ETag` and `Vary: Accept-Encoding`.
fn encoded_json(encoded: &Encoded, headers: &HeaderMap) -> Response {
    let etag = HeaderValue::from_str(&encoded.etag).expect("hex digits in quotes");
    let validators = [
        (header::ETAG, etag),
        (header::VARY, HeaderValue::from_static("accept-encoding")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == encoded.etag || tag == "*");
    if matches {
        return (StatusCode::NOT_MODIFIED, validators).into_response();
    }
    let json = (
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    match &encoded.gzip {
        Some(gzip) if accepts_gzip(headers) => (
            validators,
            [
                json,
                (header::CONTENT_ENCODING, HeaderValue::from_static("gzip")),
            ],
            gzip.clone(),
        )
            .into_response(),
        _ => (validators, [json], encoded.body.clone()).into_response(),
    }
}

/// Whether `Accept-Encoding` lists gzip (or `*`) without `q=0`.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or("").to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f64>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            (coding == "gzip" || coding == "*") && !refused
        })
}

async fn scenarios(
    State(state): State<AppState>,
    Params(NoParams {}): Params<NoParams>,
) -> Response {
    let built = match state.current().await {
        Ok(b) => b,
        Err(err) => return server_error(&err),
    };
    let stress: Vec<Value> = built
        .report
        .stress
        .iter()
        .map(|s| {
            json!({
                "name": s.name, "title": s.title, "title_zh": s.title_zh,
                "index_fair_value_pct": s.index_fair_value_pct,
                "realised_pct": s.realised_pct,
                "fair_pe_base": s.fair_pe_base, "fair_pe_shocked": s.fair_pe_shocked,
                "ai_earnings_pct": s.ai_earnings_pct,
                "small_cap_coverage": s.small_cap_coverage,
                "no_data": s.no_data,
            })
        })
        .collect();
    json_body(json!({ "sliders": SLIDERS, "built_in": stress }).to_string())
}

async fn sliders(State(state): State<AppState>, Params(q): Params<SliderParams>) -> Response {
    let (values, lang) = match slider_values(&state, &q) {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    match state.current().await {
        Ok(built) => match serde_json::to_string(&{
            let mut result = evaluate_sliders(&values, &built.model);
            result.charts_html =
                bullcheck_core::report::html::pages::scenario_charts(&result, lang);
            result
        }) {
            Ok(body) => json_body(body),
            Err(err) => server_error(&err.into()),
        },
        Err(err) => server_error(&err),
    }
}

async fn history(State(state): State<AppState>, Params(NoParams {}): Params<NoParams>) -> Response {
    let built = match state.current().await {
        Ok(b) => b,
        Err(err) => return server_error(&err),
    };
    let report = match state.with_history(&built).await {
        Ok(r) => r,
        Err(err) => return server_error(&err),
    };
    let Some(history) = &report.history else {
        return json_error(
            StatusCode::NOT_FOUND,
            "no track record: the store holds no history (bullcheck data import DIR)",
        );
    };
    let body = built.cached("/api/history", || {
        let note = bullcheck_core::history::render::DataNote {
            revised_data: true,
            vintage_series: Vec::new(),
        };
        bullcheck_core::history::render::render_json(history, &note)
    });
    json_body(body.as_str().to_owned())
}

async fn update_status(
    State(state): State<AppState>,
    Params(NoParams {}): Params<NoParams>,
) -> Response {
    match serde_json::to_string(&state.0.update.status()) {
        Ok(body) => json_body(body),
        Err(err) => server_error(&err.into()),
    }
}

async fn update_start(
    State(state): State<AppState>,
    Params(NoParams {}): Params<NoParams>,
) -> Response {
    if state.0.update.start() {
        (
            StatusCode::ACCEPTED,
            [(header::CONTENT_TYPE, "application/json")],
            json!({ "state": "running", "poll": "/api/data/update" }).to_string(),
        )
            .into_response()
    } else {
        json_error(StatusCode::CONFLICT, "an update is already running")
    }
}

async fn openapi() -> Response {
    json_body(openapi_document().to_string())
}

/// The OpenAPI 3 description of every route above.
pub fn openapi_document() -> Value {
    let lang = json!({ "name": "lang", "in": "query", "required": false,
        "schema": { "type": "string", "enum": ["en", "zh"] } });
    let id =
        json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } });
    let error = json!({ "description": "error", "content": { "application/json": {
        "schema": { "$ref": "#/components/schemas/Error" } } } });
    let ok = |description: &str| json!({ "description": description, "content": { "application/json": { "schema": { "type": "object" } } } });
    let slider_params: Vec<Value> = SLIDERS
        .iter()
        .map(|s| {
            json!({ "name": s.name, "in": "query", "required": false,
                "description": format!("{} ({}), default {}", s.label_en, s.unit, s.neutral),
                "schema": { "type": "number", "minimum": s.min, "maximum": s.max } })
        })
        .collect();
    json!({
        "openapi": "3.0.3",
        "info": { "title": "bullcheck dashboard API", "version": env!("CARGO_PKG_VERSION"),
                  "description": "Read-only views of the audit, the checks, the stored series, the stress-test sliders and the track record; one write: starting `data update`." },
        "paths": {
            "/api/audit": { "get": { "summary": "The audit (same JSON as `bullcheck audit --format json`)",
                "parameters": [lang], "responses": { "200": ok("audit"), "400": error } } },
            "/api/checks": { "get": { "summary": "Every check: status, value, percentile, verdict",
                "parameters": [lang], "responses": { "200": ok("checks"), "400": error } } },
            "/api/checks/{id}": { "get": { "summary": "One check with its full month-end history, thresholds and recessions",
                "parameters": [id, lang], "responses": { "200": ok("check"), "400": error, "404": error } } },
            "/api/series": { "get": { "summary": "Every stored series: source, range, last value, last update",
                "responses": { "200": ok("series list"), "400": error } } },
            "/api/series/{id}": { "get": { "summary": "One stored series' observations",
                "description": "Observations dated from `from` to `to` (inclusive). With `max_points`, at most that many, chosen by Largest-Triangle-Three-Buckets (Steinarsson 2013): the first and last observation are kept and each other point is an observation, never an interpolation; `observations` counts the points in the range before downsampling. Responses carry a strong ETag (If-None-Match gives 304) and are gzipped when the client accepts gzip.",
                "parameters": [id,
                    { "name": "from", "in": "query", "required": false, "schema": { "type": "string", "format": "date" } },
                    { "name": "to", "in": "query", "required": false, "schema": { "type": "string", "format": "date" } },
                    { "name": "max_points", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 2, "maximum": MAX_POINTS_LIMIT } }],
                "responses": { "200": ok("series"), "304": { "description": "not modified (If-None-Match)" }, "400": error, "404": error } } },
            "/api/scenarios": { "get": { "summary": "The sliders and the built-in stress scenarios evaluated on the data",
                "responses": { "200": ok("scenarios"), "400": error } } },
            "/api/scenarios/sliders": { "get": { "summary": "The transmission model evaluated at slider values",
                "parameters": slider_params, "responses": { "200": ok("result"), "400": error } } },
            "/api/history": { "get": { "summary": "The rating's track record (same JSON as `bullcheck history --format json`)",
                "responses": { "200": ok("history"), "400": error, "404": error } } },
            "/api/data/update": {
                "get": { "summary": "Progress of the background `data update`", "responses": { "200": ok("status") } },
                "post": { "summary": "Start `data update` in the background",
                    "responses": { "202": ok("started"), "409": error, "413": error } } }
        },
        "components": { "schemas": { "Error": { "type": "object", "required": ["error"],
            "properties": { "error": { "type": "string" }, "status": { "type": "integer" } } } } }
    })
}
