//! API and hardening tests against the router itself (`tower::ServiceExt::oneshot`, no
//! socket), on a fresh home (no store: the bundled snapshot). Tests on imported data and
//! through a real socket are in `tests/it/serve.rs`; browser tests in `tests/it/browser.rs`.

use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt as _;

use super::{AppState, MAX_BODY_BYTES, router};
use crate::settings::Settings;
use bullcheck_core::report::html::Page;

fn state(home: &std::path::Path) -> AppState {
    let settings = Settings {
        home: home.to_path_buf(),
        offline: true,
        lang: crate::cli::Lang::En,
        color: false,
        today: jiff::civil::date(2026, 12, 2),
        env: crate::settings::Environment::default(),
    };
    let as_of = Some(jiff::civil::date(2025, 12, 31));
    AppState::new(
        settings,
        as_of,
        std::path::PathBuf::from("/nonexistent/bullcheck"),
    )
}

async fn call(
    state: &AppState,
    method: Method,
    uri: &str,
    body: Body,
) -> (StatusCode, String, String) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(body)
        .expect("request");
    let response = router(state.clone())
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = to_bytes(response.into_body(), 64 * 1024 * 1024)
        .await
        .expect("body");
    (
        status,
        content_type,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, String, String) {
    call(state, Method::GET, uri, Body::empty()).await
}

async fn get_json(state: &AppState, uri: &str) -> (StatusCode, Value) {
    let (status, content_type, body) = get(state, uri).await;
    assert_eq!(content_type, "application/json", "{uri}: {body}");
    (status, serde_json::from_str(&body).expect("JSON body"))
}

#[tokio::test]
async fn every_page_answers_html_in_both_languages() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let (_, checks) = get_json(&state, "/api/checks").await;
    let first = checks["checks"][0]["id"].as_str().unwrap().to_string();
    let module = checks["checks"][0]["module"].as_str().unwrap().to_string();
    // Every page of the registry (the navigation's links) is routed, plus a module and a check.
    let mut paths: Vec<String> = Page::ALL.iter().map(|p| p.path().to_string()).collect();
    paths.extend([format!("/module/{module}"), format!("/check/{first}")]);
    for path in paths {
        let (status, content_type, body) = get(&state, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(content_type, "text/html; charset=utf-8", "{path}");
        assert!(body.starts_with("<!DOCTYPE html>"), "{path}");
        assert!(body.contains(r#"<script src="/assets/bullcheck.js" defer></script>"#));
        let (status, _, zh) = get(&state, &format!("{path}?lang=zh")).await;
        assert_eq!(status, StatusCode::OK, "{path}?lang=zh");
        assert!(
            zh.contains(r#"<html lang="zh-Hans">"#) && zh.contains("总览"),
            "{path}"
        );
    }
    let (status, content_type, script) = get(&state, "/assets/bullcheck.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/javascript"));
    assert_eq!(script, include_str!("../../../../assets/bullcheck.js"));
}

#[tokio::test]
async fn overview_heat_map_has_one_cell_per_check_of_the_api() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let (_, checks) = get_json(&state, "/api/checks").await;
    let ids: Vec<&str> = checks["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let (_, _, page) = get(&state, "/").await;
    assert_eq!(page.matches(r#"<a class="cell "#).count(), ids.len());
    for id in ids {
        assert!(
            page.contains(&format!(r#"href="/check/{id}" data-check="{id}""#)),
            "{id}"
        );
    }
}

#[tokio::test]
async fn every_api_route_answers_json_and_is_in_the_openapi_document() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let (status, doc) = get_json(&state, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.0.3");
    let (_, checks) = get_json(&state, "/api/checks").await;
    let first = checks["checks"][0]["id"].as_str().unwrap().to_string();
    for (path, documented) in [
        ("/api/audit".to_string(), "/api/audit"),
        ("/api/checks".to_string(), "/api/checks"),
        (format!("/api/checks/{first}"), "/api/checks/{id}"),
        ("/api/series".to_string(), "/api/series"),
        ("/api/scenarios".to_string(), "/api/scenarios"),
        (
            "/api/scenarios/sliders?ust10y=1".to_string(),
            "/api/scenarios/sliders",
        ),
        ("/api/data/update".to_string(), "/api/data/update"),
    ] {
        let (status, _) = get_json(&state, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            doc["paths"][documented].is_object(),
            "{documented} not documented"
        );
    }
    // No store: the audit comes from the bundled snapshot, the track record is missing.
    let (_, audit) = get_json(&state, "/api/audit").await;
    assert_eq!(audit["as_of"], "2025-12-31");
    let (status, history) = get_json(&state, "/api/history").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        history["error"]
            .as_str()
            .unwrap()
            .contains("no track record")
    );
    assert!(doc["paths"]["/api/history"].is_object());
    let (status, missing) = get_json(&state, "/api/series/DGS10").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(missing["error"].as_str().unwrap().contains("DGS10"));
}

#[tokio::test]
async fn sliders_recompute_the_transmission_model() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let index = |v: &Value| {
        v["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == "index_fair_value")
            .unwrap()["shocked"]
            .as_f64()
            .unwrap()
    };
    let (_, neutral) = get_json(&state, "/api/scenarios/sliders").await;
    assert_eq!(index(&neutral), 0.0);
    // P/E = 1/EY (issue 10): a required earnings yield 1 point higher at the documented
    // default EY₀ = 2.5263% (nothing stored) gives 2.5263/3.5263 − 1 = −28.3583%.
    let (_, shocked) = get_json(&state, "/api/scenarios/sliders?erp=1").await;
    assert!(
        (index(&shocked) - (-28.3583)).abs() < 1e-3,
        "{}",
        index(&shocked)
    );
    // The page without JavaScript: the same numbers through the GET form.
    let (status, _, page) = get(&state, "/scenario?erp=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(r#"data-index-fair-value="-28.3583""#),
        "{page}"
    );
    // Issue 23: the waterfall by channel on the page and in the API's `charts_html`; the
    // multiple carries the whole change here (nothing else moves): one bar of −28.36.
    assert!(page.contains(r#"id="waterfall-scenario""#), "{page}");
    assert!(
        page.contains(r#"data-part="multiple" data-value="-28.358"#),
        "{page}"
    );
    assert!(
        shocked["charts_html"]
            .as_str()
            .unwrap()
            .contains("waterfall-scenario")
    );
    // The hold toggle: read, echoed, checked on the page; a bad value is refused.
    let (_, held) = get_json(&state, "/api/scenarios/sliders?erp=1&hold_vix=1").await;
    assert_eq!(held["held"], serde_json::json!(["vix"]));
    let (_, _, page) = get(&state, "/scenario?hold_hy_oas=1").await;
    assert!(
        page.contains(r#"name="hold_hy_oas" value="1" checked"#),
        "{page}"
    );
    let (status, body) = get_json(&state, "/api/scenarios/sliders?hold_vix=maybe").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("`hold_vix` must be 1 or 0")
    );
}

#[tokio::test]
async fn unknown_paths_are_404_and_traversal_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let (status, content_type, _) = get(&state, "/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(content_type.starts_with("text/html"));
    let (status, body) = get_json(&state, "/api/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].is_string());
    let (status, _, _) = get(&state, "/check/no_such_check").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(&state, "/module/no_such_module").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for path in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/check/..%2F..%2Fetc%2Fpasswd",
        "/assets/..%5c..%5cCargo.toml",
        "//etc/passwd",
    ] {
        let (status, body) = get_json(&state, path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(body["error"], "path traversal refused", "{path}");
    }
}

#[tokio::test]
async fn bad_query_parameters_are_400_with_a_json_error() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    for (uri, expected) in [
        ("/?lang=fr", "`lang` must be `en` or `zh`"),
        ("/?foo=1", "unknown query parameter `foo`"),
        ("/?lang=en&lang=zh", "given twice"),
        (
            "/api/scenarios/sliders?ust10y=abc",
            "`ust10y` must be a number",
        ),
        (
            "/api/scenarios/sliders?ust10y=99",
            "`ust10y` must be between",
        ),
        (
            "/api/scenarios/sliders?gpu_life=NaN",
            "`gpu_life` must be between",
        ),
        ("/scenario?erp=%zz", "malformed percent escape"),
        ("/api/series/DGS10?from=yesterday", "`from` must be a date"),
        ("/api/audit?lang=xx", "`lang` must be"),
        ("/assets/bullcheck.js?v=1", "unknown query parameter `v`"),
    ] {
        let (status, body) = get_json(&state, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            body["error"].as_str().unwrap().contains(expected),
            "{uri}: {body}"
        );
    }
}

#[tokio::test]
async fn request_bodies_over_the_limit_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let big = vec![b'x'; MAX_BODY_BYTES + 1];
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/data/update")
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big))
        .unwrap();
    let response = router(state.clone()).oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Nothing was started.
    let (_, status) = get_json(&state, "/api/data/update").await;
    assert_eq!(status["state"], "idle");
}

#[tokio::test]
async fn the_update_button_reports_a_failure_to_start() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let (status, _, _) = call(&state, Method::POST, "/api/data/update", Body::empty()).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let mut last = Value::Null;
    for _ in 0..100 {
        let (_, s) = get_json(&state, "/api/data/update").await;
        if s["state"] != "running" {
            last = s;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(last["state"], "failed", "{last}");
    assert!(last["log"][0].as_str().unwrap().contains("cannot start"));
}

#[tokio::test]
async fn responses_carry_a_same_origin_content_security_policy() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let response = router(state)
        .oneshot(Request::builder().uri("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
}

#[tokio::test]
async fn portfolio_page_saves_valid_holdings_and_refuses_bad_ones() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let (status, _, page) = get(&state, "/portfolio?lang=zh").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("编辑持仓") && page.contains(r#"<textarea name="holdings""#));
    let form = |csv: &str| {
        let mut body = String::from("holdings=");
        for b in csv.bytes() {
            body.push_str(&format!("%{b:02X}"));
        }
        Body::from(body)
    };
    // NaN on line 3: 400, the line and field named, nothing saved.
    let (status, _, page) = call(
        &state,
        Method::POST,
        "/portfolio",
        form("asset,weight\nus_large_cap,60\ngold,NaN\n"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("holdings:3: field `weight`"), "{page}");
    assert!(!home.path().join("portfolio.csv").exists());
    let (status, _, _) = call(
        &state,
        Method::POST,
        "/portfolio?lang=zh",
        form("asset,weight\nus_large_cap,60\ntreasuries_10y,40\n"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        std::fs::read_to_string(home.path().join("portfolio.csv")).unwrap(),
        "asset,weight\nus_large_cap,60\ntreasuries_10y,40\n"
    );
    let (status, _, page) = get(&state, "/portfolio").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("us_large_cap") && page.contains("<svg"),
        "{page}"
    );
    // Unknown form fields are refused like unknown query parameters.
    let (status, _, _) = call(&state, Method::POST, "/portfolio", Body::from("x=1")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn issue_14_pages_answer_in_both_languages_and_say_what_is_missing() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    for (path, en_marks, zh_marks) in [
        (
            "/network",
            [
                r#"id="contagion-table""#,
                r#"data-shock="OPENAI""#,
                "OpenAI defaults",
            ],
            ["AI融资网络", "所示冲击", "系统DebtRank"],
        ),
        (
            "/bubbles",
            [
                r#"id="bubbles-missing""#,
                "bullcheck data import 49_Industry_Portfolios.CSV",
                "Greenwood, Shleifer and You",
            ],
            ["行业泡沫", "数据缺失", "补齐方法"],
        ),
        (
            "/events",
            [
                r#"id="event-ten-year-5pct-missing""#,
                r#"id="event-mlf-missing""#,
                "Fill with:",
            ],
            ["事件研究", "数据缺失", "补齐方法"],
        ),
    ] {
        let (status, content_type, body) = get(&state, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(content_type, "text/html; charset=utf-8", "{path}");
        for mark in en_marks {
            assert!(body.contains(mark), "{path}: {mark}");
        }
        assert!(body.contains(&format!(r#"<a href="{path}" aria-current="page">"#)));
        let (status, _, zh) = get(&state, &format!("{path}?lang=zh")).await;
        assert_eq!(status, StatusCode::OK, "{path}?lang=zh");
        assert!(zh.contains(r#"<html lang="zh-Hans">"#), "{path}");
        for mark in zh_marks {
            assert!(zh.contains(mark), "{path}?lang=zh: {mark}");
        }
        let (status, _, _) = get(&state, &format!("{path}?lang=fr")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}?lang=fr");
    }
}

/// Issue 28: the guard's and the traversal filter's refusals carried no CSP or nosniff (the
/// header layer sat inside them). Each kind of refusal, with variants, must carry both.
#[tokio::test]
async fn refusals_of_the_guard_carry_the_security_headers() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let big = vec![b'x'; MAX_BODY_BYTES + 1];
    let cases: Vec<(StatusCode, Request<Body>)> = vec![
        (
            StatusCode::MISDIRECTED_REQUEST,
            Request::get("/")
                .header(header::HOST, "evil.example")
                .body(Body::empty())
                .unwrap(),
        ),
        (
            StatusCode::MISDIRECTED_REQUEST,
            Request::get("/api/checks")
                .header(header::HOST, "rebind.test:8787")
                .body(Body::empty())
                .unwrap(),
        ),
        (
            StatusCode::FORBIDDEN,
            Request::post("/api/data/update")
                .header("sec-fetch-site", "cross-site")
                .body(Body::empty())
                .unwrap(),
        ),
        (
            StatusCode::FORBIDDEN,
            Request::post("/portfolio")
                .header(header::ORIGIN, "null")
                .body(Body::empty())
                .unwrap(),
        ),
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            Request::post("/portfolio").body(Body::from(big)).unwrap(),
        ),
        (
            StatusCode::BAD_REQUEST,
            Request::get("/assets/../../etc/passwd")
                .body(Body::empty())
                .unwrap(),
        ),
        (
            StatusCode::BAD_REQUEST,
            Request::get("/check/%2e%2e").body(Body::empty()).unwrap(),
        ),
    ];
    for (expected, request) in cases {
        let uri = request.uri().to_string();
        let response = router(state.clone()).oneshot(request).await.unwrap();
        assert_eq!(response.status(), expected, "{uri}");
        let headers = response.headers();
        let csp = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap_or_else(|| panic!("{uri}: no CSP on {expected}"));
        assert!(
            csp.to_str().unwrap().contains("default-src 'none'"),
            "{uri}"
        );
        assert_eq!(
            headers
                .get(header::X_CONTENT_TYPE_OPTIONS)
                .map(|v| v.to_str().unwrap()),
            Some("nosniff"),
            "{uri}"
        );
    }
}

/// Issue 28: every save shared one `portfolio.csv.tmp`, so concurrent saves renamed each
/// other's file away and answered 500. Many concurrent saves must all succeed, leave one of
/// the posted files whole, and no temporary file behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn concurrent_portfolio_saves_all_succeed_and_leave_one_whole_file() {
    let home = tempfile::tempdir().unwrap();
    let state = state(home.path());
    let csv = |i: usize| {
        format!(
            "asset,weight\nus_large_cap,{}\ntreasuries_10y,{}\n",
            i,
            100 - i
        )
    };
    let mut tasks = Vec::new();
    for client in 0..16 {
        let state = state.clone();
        tasks.push(tokio::spawn(async move {
            let mut failures = Vec::new();
            for round in 0..60 {
                let i = 1 + (client * 60 + round) % 99;
                let body: String = csv(i).bytes().map(|b| format!("%{b:02X}")).collect();
                let (status, _, text) = call(
                    &state,
                    Method::POST,
                    "/portfolio",
                    Body::from(format!("holdings={body}")),
                )
                .await;
                if status != StatusCode::SEE_OTHER {
                    failures.push(format!("{status}: {text}"));
                }
            }
            failures
        }));
    }
    let mut failures = Vec::new();
    for task in tasks {
        failures.extend(task.await.unwrap());
    }
    assert!(
        failures.is_empty(),
        "{} of 960 saves failed: {:?}",
        failures.len(),
        failures.first()
    );
    let saved = std::fs::read_to_string(home.path().join("portfolio.csv")).unwrap();
    assert!((1..100).any(|i| saved == csv(i)), "{saved:?}");
    let leftovers: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
