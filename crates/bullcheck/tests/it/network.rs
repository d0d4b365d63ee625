//! `bullcheck data update` against the local scripted server ([`crate::http_server`]): success,
//! retries (429 + Retry-After, 5xx, truncated and slow bodies), failures that leave the store
//! intact, conditional requests, the SEC User-Agent, Treasury paging, API-key redaction and
//! `--offline`. Bodies are the real-format fixtures of `testdata/http/`. Plus one opt-in live
//! test (`BULLCHECK_LIVE_TESTS=1`).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::http_server::{Reply, Server};
use crate::support::{bullcheck, workspace_root};

const FRED_DGS10: &str = "/graph/fredgraph.csv?id=DGS10";
const DEBT_TO_PENNY: &str = "/services/api/fiscal_service/v2/accounting/od/debt_to_penny";
const NVDA_FACTS: &str = "/api/xbrl/companyfacts/CIK0001045810.json";
const MTS9: &str = "/services/api/fiscal_service/v1/accounting/mts/mts_table_9";

fn fixture(name: &str) -> Vec<u8> {
    let path = workspace_root().join("testdata/http").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (date, value) rows of a `date,value` CSV with a header line (an empty value is missing).
type Rows = Vec<(String, Option<f64>)>;

fn rows_of(csv_text: &str, columns_before_date: usize) -> Rows {
    csv_text
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').skip(columns_before_date).collect();
            let value = cells[1].trim();
            let value = (!value.is_empty()).then(|| value.parse::<f64>().expect(line));
            (cells[0].to_string(), value)
        })
        .collect()
}

/// What `data export DGS10` must hold after importing a fredgraph fixture: the fixture's own
/// rows, read from the file (not from bullcheck), missing values missing.
fn expected_rows(fredgraph: &[u8]) -> Rows {
    rows_of(std::str::from_utf8(fredgraph).unwrap(), 0)
}

/// `bullcheck data update IDS` with every base URL pointing at `server` and fast retries.
fn update(home: &Path, server: &Server, ids: &[&str]) -> assert_cmd::Command {
    let mut cmd = bullcheck(home);
    for var in [
        "BULLCHECK_FRED_BASE_URL",
        "BULLCHECK_FRED_API_BASE_URL",
        "BULLCHECK_TREASURY_BASE_URL",
        "BULLCHECK_SEC_BASE_URL",
        "BULLCHECK_NYFED_BASE_URL",
    ] {
        cmd.env(var, server.url());
    }
    cmd.env("BULLCHECK_HTTP_RETRY_BASE_MS", "10")
        .env_remove("BULLCHECK_HTTP_MAX_ATTEMPTS")
        .env_remove("BULLCHECK_HTTP_TIMEOUT_MS")
        .env_remove("BULLCHECK_SEC_USER_AGENT")
        .env_remove("BULLCHECK_OFFLINE")
        .args(["data", "update"])
        .args(ids);
    cmd
}

/// The stored DGS10 rows, through `data export DGS10 --format csv` (`series_id,date,value`).
fn export_dgs10(home: &Path) -> Rows {
    let out = bullcheck(home)
        .args(["data", "export", "DGS10", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("series_id,date,value\n"), "{text}");
    assert!(
        text.lines().skip(1).all(|l| l.starts_with("DGS10,")),
        "{text}"
    );
    rows_of(&text, 1)
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(mut cmd: assert_cmd::Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Imports the first DGS10 fixture through a fresh server; returns its body.
fn import_first_dgs10(home: &Path) -> Vec<u8> {
    let body = fixture("fredgraph_DGS10_to_2024-07-05.csv");
    let server = Server::start(vec![(FRED_DGS10, vec![Reply::ok(body.clone())])]);
    let first = run(update(home, &server, &["DGS10"]));
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    body
}

#[test]
fn fred_csv_update_imports_rows_and_reports_new_ones() {
    let home = tempfile::tempdir().unwrap();
    let first_body = fixture("fredgraph_DGS10_to_2024-07-05.csv");
    let later_body = fixture("fredgraph_DGS10_to_2024-07-12.csv");
    let server = Server::start(vec![(
        FRED_DGS10,
        vec![Reply::ok(first_body.clone()), Reply::ok(later_body.clone())],
    )]);

    let first = run(update(home.path(), &server, &["DGS10"]));
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let host = server.url().trim_start_matches("http://").to_string();
    // 5 rows in the fixture (the 2024-07-04 holiday is a missing value), all new.
    assert!(
        first
            .stderr
            .contains(&format!("DGS10: 5 rows (5 new) from {host}")),
        "{}",
        first.stderr
    );
    assert_eq!(export_dgs10(home.path()), expected_rows(&first_body));

    let second = run(update(home.path(), &server, &["DGS10"]));
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    // 10 rows, of which 2024-07-08..12 are new.
    assert!(
        second.stderr.contains("DGS10: 10 rows (5 new)"),
        "{}",
        second.stderr
    );
    assert_eq!(export_dgs10(home.path()), expected_rows(&later_body));

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "GET");
    let agent = requests[0].header("user-agent").unwrap_or_default();
    assert!(
        agent.starts_with("bullcheck/")
            && agent.contains("(+https://github.com/bullcheck/bullcheck)"),
        "User-Agent {agent:?}"
    );
}

#[test]
fn too_many_requests_waits_for_retry_after_then_succeeds() {
    let home = tempfile::tempdir().unwrap();
    let body = fixture("fredgraph_DGS10_to_2024-07-05.csv");
    let server = Server::start(vec![(
        FRED_DGS10,
        vec![
            Reply::status(429).header("Retry-After", "1"),
            Reply::ok(body.clone()),
        ],
    )]);
    let started = Instant::now();
    let result = run(update(home.path(), &server, &["DGS10"]));
    let elapsed = started.elapsed();
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert_eq!(server.requests().len(), 2);
    // Retry-After: 1 is honoured (the backoff base is only 10 ms here).
    assert!(
        elapsed >= Duration::from_secs(1),
        "retried after {elapsed:?}"
    );
    assert!(result.stderr.contains("HTTP 429"), "{}", result.stderr);
    assert_eq!(export_dgs10(home.path()), expected_rows(&body));
}

#[test]
fn server_errors_are_retried_until_success() {
    let home = tempfile::tempdir().unwrap();
    let body = fixture("fredgraph_DGS10_to_2024-07-05.csv");
    let server = Server::start(vec![(
        FRED_DGS10,
        vec![
            Reply::status(500),
            Reply::status(503),
            Reply::ok(body.clone()),
        ],
    )]);
    let result = run(update(home.path(), &server, &["DGS10"]));
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert_eq!(server.requests().len(), 3);
    assert_eq!(export_dgs10(home.path()), expected_rows(&body));
}

#[test]
fn persistent_server_error_fails_and_keeps_stored_data() {
    let home = tempfile::tempdir().unwrap();
    let first_body = import_first_dgs10(home.path());

    let server = Server::start(vec![(FRED_DGS10, vec![Reply::status(500)])]);
    let mut cmd = update(home.path(), &server, &["DGS10"]);
    cmd.env("BULLCHECK_HTTP_MAX_ATTEMPTS", "3");
    let result = run(cmd);
    assert_eq!(result.code, Some(2), "{}", result.stderr);
    assert_eq!(server.requests().len(), 3, "3 attempts in all");
    assert!(
        result.stderr.contains("DGS10: FAILED") && result.stderr.contains("HTTP 500"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("1 failed"), "{}", result.stderr);
    assert_eq!(export_dgs10(home.path()), expected_rows(&first_body));
}

#[test]
fn other_client_errors_are_not_retried() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(vec![(
        "/graph/fredgraph.csv?id=NOSUCHSERIES",
        vec![Reply::status(404).body("Series not found")],
    )]);
    let result = run(update(home.path(), &server, &["NOSUCHSERIES"]));
    assert_eq!(result.code, Some(2), "{}", result.stderr);
    assert_eq!(server.requests().len(), 1);
    assert!(result.stderr.contains("HTTP 404"), "{}", result.stderr);
}

#[test]
fn truncated_body_is_retried_and_persistent_truncation_keeps_the_store() {
    let home = tempfile::tempdir().unwrap();
    let body = fixture("fredgraph_DGS10_to_2024-07-05.csv");
    let server = Server::start(vec![(
        FRED_DGS10,
        vec![
            Reply::ok(body.clone()).truncated(40),
            Reply::ok(body.clone()),
        ],
    )]);
    let result = run(update(home.path(), &server, &["DGS10"]));
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert_eq!(server.requests().len(), 2);
    assert!(result.stderr.contains("truncated"), "{}", result.stderr);
    assert_eq!(export_dgs10(home.path()), expected_rows(&body));

    // Now the newer file only ever arrives cut short: error, and the stored rows stay.
    let later = fixture("fredgraph_DGS10_to_2024-07-12.csv");
    let cut = Server::start(vec![(FRED_DGS10, vec![Reply::ok(later).truncated(60)])]);
    let mut cmd = update(home.path(), &cut, &["DGS10"]);
    cmd.env("BULLCHECK_HTTP_MAX_ATTEMPTS", "2");
    let failed = run(cmd);
    assert_eq!(failed.code, Some(2), "{}", failed.stderr);
    assert_eq!(cut.requests().len(), 2);
    assert!(failed.stderr.contains("truncated"), "{}", failed.stderr);
    assert_eq!(export_dgs10(home.path()), expected_rows(&body));
}

#[test]
fn slow_response_times_out_and_is_retried() {
    let home = tempfile::tempdir().unwrap();
    let body = fixture("fredgraph_DGS10_to_2024-07-05.csv");
    let server = Server::start(vec![(
        FRED_DGS10,
        vec![
            Reply::ok(body.clone()).delay(Duration::from_millis(1500)),
            Reply::ok(body.clone()),
        ],
    )]);
    let mut cmd = update(home.path(), &server, &["DGS10"]);
    cmd.env("BULLCHECK_HTTP_TIMEOUT_MS", "300");
    let result = run(cmd);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert_eq!(server.requests().len(), 2);
    assert_eq!(export_dgs10(home.path()), expected_rows(&body));

    let always_slow = Server::start(vec![(
        FRED_DGS10,
        vec![Reply::ok(body).delay(Duration::from_millis(1500))],
    )]);
    let mut cmd = update(home.path(), &always_slow, &["DGS10"]);
    cmd.env("BULLCHECK_HTTP_TIMEOUT_MS", "300")
        .env("BULLCHECK_HTTP_MAX_ATTEMPTS", "2");
    let failed = run(cmd);
    assert_eq!(failed.code, Some(2), "{}", failed.stderr);
    assert!(
        failed.stderr.to_lowercase().contains("timeout")
            || failed.stderr.to_lowercase().contains("timed out"),
        "{}",
        failed.stderr
    );
}

#[test]
fn etag_round_trip_gives_not_modified() {
    let home = tempfile::tempdir().unwrap();
    let body = fixture("fredgraph_DGS10_to_2024-07-05.csv");
    let last_modified = "Fri, 12 Jul 2024 20:17:03 GMT";
    let server = Server::start(vec![(
        FRED_DGS10,
        vec![
            Reply::ok(body.clone())
                .header("ETag", "\"dgs10-v1\"")
                .header("Last-Modified", last_modified),
            Reply::status(304),
        ],
    )]);
    let first = run(update(home.path(), &server, &["DGS10"]));
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(home.path().join("cache/http.json").is_file());

    let second = run(update(home.path(), &server, &["DGS10"]));
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert!(
        second.stderr.contains("DGS10: not modified"),
        "{}",
        second.stderr
    );
    assert!(
        second.stderr.contains("1 not modified"),
        "{}",
        second.stderr
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("if-none-match"), None);
    assert_eq!(requests[1].header("if-none-match"), Some("\"dgs10-v1\""));
    assert_eq!(requests[1].header("if-modified-since"), Some(last_modified));
    // Nothing re-imported: still exactly one import of DGS10.
    let show = run({
        let mut cmd = bullcheck(home.path());
        cmd.args(["data", "show", "DGS10"]);
        cmd
    });
    assert!(
        show.stdout.contains("imports (1, oldest first)"),
        "{}",
        show.stdout
    );
}

#[test]
fn sec_requires_a_user_agent_and_sends_it() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(vec![(
        NVDA_FACTS,
        vec![Reply::ok(fixture("CIK0001045810.json"))],
    )]);

    let missing = run(update(home.path(), &server, &["SEC:NVDA"]));
    assert_eq!(missing.code, Some(2), "{}", missing.stderr);
    assert!(
        missing.stderr.contains("BULLCHECK_SEC_USER_AGENT") && missing.stderr.contains("hint"),
        "{}",
        missing.stderr
    );
    assert!(
        server.requests().is_empty(),
        "no request without a User-Agent"
    );

    let agent = "Jane Doe jane@example.com";
    let mut cmd = update(home.path(), &server, &["SEC:NVDA"]);
    cmd.env("BULLCHECK_SEC_USER_AGENT", agent);
    let result = run(cmd);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].target, NVDA_FACTS);
    assert_eq!(requests[0].header("user-agent"), Some(agent));
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(result.stderr.contains("NVIDIA CORP"), "{}", result.stderr);
}

#[test]
fn treasury_pages_are_all_imported_in_one_import() {
    let home = tempfile::tempdir().unwrap();
    let page = |n: u32| {
        format!("{DEBT_TO_PENNY}?sort=-record_date&page%5Bsize%5D=10000&page%5Bnumber%5D={n}")
    };
    let (p1, p2, p3) = (page(1), page(2), page(3));
    let server = Server::start(vec![
        (
            p1.as_str(),
            vec![Reply::ok(fixture("debt_to_penny_page1_of_3.json"))],
        ),
        (
            p2.as_str(),
            vec![Reply::ok(fixture("debt_to_penny_page2_of_3.json"))],
        ),
        (
            p3.as_str(),
            vec![Reply::ok(fixture("debt_to_penny_page3_of_3.json"))],
        ),
    ]);
    let result = run(update(home.path(), &server, &["DEBT_TO_PENNY"]));
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, [p1.clone(), p2.clone(), p3.clone()]);

    // 3 pages of 3 records each: every series from them has 9 rows, all new, in ONE import.
    let line = result
        .stderr
        .lines()
        .find(|l| l.contains(": 9 rows (9 new)"))
        .unwrap_or_else(|| panic!("no 9-row series in:\n{}", result.stderr));
    let id = line.split(':').next().unwrap().trim();
    let show = run({
        let mut cmd = bullcheck(home.path());
        cmd.args(["data", "show", id]);
        cmd
    });
    assert!(
        show.stdout.contains("imports (1, oldest first)"),
        "{}",
        show.stdout
    );
    assert!(show.stdout.contains("2024-07-01"), "{}", show.stdout);
    assert!(show.stdout.contains("2024-07-12"), "{}", show.stdout);
}

#[test]
fn fred_api_key_is_sent_but_never_printed_or_stored() {
    let home = tempfile::tempdir().unwrap();
    let key = "0123456789abcdef0123456789abcdef";
    let server = Server::start(vec![(
        "/fred/series/observations?series_id=DGS10",
        vec![Reply::ok(fixture("fred_api_DGS10_alfred.json"))],
    )]);
    let mut cmd = update(home.path(), &server, &["DGS10"]);
    cmd.env("FRED_API_KEY", key);
    let result = run(cmd);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(!result.stdout.contains(key) && !result.stderr.contains(key));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].target.contains(&format!("api_key={key}")));
    assert!(requests[0].target.contains("file_type=json"));
    assert!(requests[0].target.contains("realtime_start=1776-07-04"));
    assert!(requests[0].target.contains("realtime_end=9999-12-31"));

    let show = run({
        let mut cmd = bullcheck(home.path());
        cmd.args(["data", "show", "DGS10"]);
        cmd
    });
    assert!(show.stdout.contains("api_key=REDACTED"), "{}", show.stdout);
    assert!(!show.stdout.contains(key));
    let store_bytes = std::fs::read(home.path().join("bullcheck.sqlite")).unwrap();
    let key_in_store = store_bytes.windows(key.len()).any(|w| w == key.as_bytes());
    assert!(!key_in_store, "the API key is in the store");

    // A failing request does not leak it either.
    let failing = Server::start(vec![(
        "/fred/series/observations",
        vec![Reply::status(400).body(format!(
            "{{\"error_code\":400,\"error_message\":\"Bad Request. api_key={key} is not registered.\"}}"
        ))],
    )]);
    let mut cmd = update(home.path(), &failing, &["DGS10"]);
    cmd.env("FRED_API_KEY", key);
    let failed = run(cmd);
    assert_eq!(failed.code, Some(2), "{}", failed.stderr);
    assert!(
        !failed.stdout.contains(key) && !failed.stderr.contains(key),
        "{}",
        failed.stderr
    );
}

#[test]
fn offline_fetches_nothing_and_leaves_the_store_alone() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(vec![(
        FRED_DGS10,
        vec![Reply::ok(fixture("fredgraph_DGS10_to_2024-07-05.csv"))],
    )]);
    let mut cmd = update(home.path(), &server, &["DGS10"]);
    cmd.arg("--offline");
    let result = run(cmd);
    assert_eq!(result.code, Some(2), "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("offline: not fetching; stored data is unchanged"),
        "{}",
        result.stderr
    );
    assert!(server.requests().is_empty());
    assert!(!home.path().join("bullcheck.sqlite").exists());
}

#[test]
fn recession_probability_is_explained_not_fetched() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(vec![]);
    let result = run(update(home.path(), &server, &["NYFED_RECPROB"]));
    assert_eq!(result.code, Some(2), "{}", result.stderr);
    assert!(
        result.stderr.contains("allmonth.xls") && result.stderr.contains("T10Y3M"),
        "{}",
        result.stderr
    );
    assert!(server.requests().is_empty());
}

/// Opt-in: fetches DGS10 from FRED and the debt to the penny from the Treasury for real.
#[test]
fn live_fred_and_treasury() {
    if std::env::var_os("BULLCHECK_LIVE_TESTS").is_none_or(|v| v != "1") {
        crate::support::skip("live network test: opt in with BULLCHECK_LIVE_TESTS=1");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let mut cmd = bullcheck(home.path());
    cmd.args(["data", "update", "DGS10", "DEBT_TO_PENNY"]);
    let result = run(cmd);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    // DGS10 starts on 1962-01-02 at 4.06 (FRED; ../shared/data/fred/DGS10.csv line 2), and
    // has more than 16,000 rows.
    let rows = export_dgs10(home.path());
    assert_eq!(rows.first(), Some(&("1962-01-02".to_string(), Some(4.06))));
    assert!(rows.len() > 16_000, "{} rows", rows.len());
}

#[test]
fn acm_excel_answer_is_a_clear_error() {
    let home = tempfile::tempdir().unwrap();
    // The first bytes of an OLE2 compound file, which is what `.xls` workbooks are.
    let workbook = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let server = Server::start(vec![(
        "/medialibrary/media/research/data_indicators/ACMTermPremium.csv",
        vec![Reply::ok(workbook.to_vec())],
    )]);
    let result = run(update(home.path(), &server, &["ACMTP10"]));
    assert_eq!(result.code, Some(2), "{}", result.stderr);
    assert!(
        result.stderr.contains("Excel") && result.stderr.contains("bullcheck data import"),
        "{}",
        result.stderr
    );
}

/// The series the built-in checks read that have a live FRED source, by the checks' own words
/// (`FRED ID` in `fill_with`) or by the FRED download in `../shared/data/fred`: independent of
/// the binary's list.
fn fred_series_the_checks_read() -> Vec<String> {
    use bullcheck_core::checks::compute::series_read;
    let shared = workspace_root().join("../shared/data/fred");
    let mut ids: Vec<String> = Vec::new();
    for def in bullcheck_core::checks::def::builtin_defs() {
        let words: Vec<&str> = def
            .fill_with
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .collect();
        for id in series_read(&def) {
            let named = words.windows(2).any(|w| w[0] == "FRED" && w[1] == id);
            let downloaded = shared.join(format!("{id}.csv")).is_file();
            if (named || downloaded) && !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

#[test]
fn bare_update_fetches_the_default_list_and_stored_fred_series() {
    let home = tempfile::tempdir().unwrap();
    let body = fixture("fredgraph_DGS10_to_2024-07-05.csv");
    let page = |n: u32| fixture(&format!("debt_to_penny_page{n}_of_3.json"));
    let debt = |n: u32| {
        format!("{DEBT_TO_PENNY}?sort=-record_date&page%5Bsize%5D=10000&page%5Bnumber%5D={n}")
    };
    // One page of MTS table 9 in the API's format (strings for every value).
    let mts9 = br#"{"data":[{"record_date":"2025-09-30","classification_desc":"Net Interest","current_month_rcpt_outly_amt":"84000000000","current_fytd_rcpt_outly_amt":"970000000000","record_type_cd":"F"}],"meta":{"count":1,"total-count":1,"total-pages":1},"links":{"next":null}}"#;
    let (d1, d2, d3) = (debt(1), debt(2), debt(3));
    let server = Server::start(vec![
        ("/graph/fredgraph.csv?id=", vec![Reply::ok(body)]),
        (d1.as_str(), vec![Reply::ok(page(1))]),
        (d2.as_str(), vec![Reply::ok(page(2))]),
        (d3.as_str(), vec![Reply::ok(page(3))]),
        (MTS9, vec![Reply::ok(mts9.to_vec())]),
    ]);
    // A FRED series read by nothing built in, stored earlier: a bare update refreshes it too.
    let stored = run(update(home.path(), &server, &["M2SL"]));
    assert_eq!(stored.code, Some(0), "{}", stored.stderr);

    let before = server.requests().len();
    let result = run(update(home.path(), &server, &[]));
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    let requests = server.requests()[before..].to_vec();
    let fred_ids: Vec<String> = requests
        .iter()
        .filter_map(|r| r.target.strip_prefix("/graph/fredgraph.csv?id="))
        .map(str::to_string)
        .collect();
    let mut required = fred_series_the_checks_read();
    assert!(required.len() >= 35, "the oracle found only {required:?}");
    // Read by the stress model, the portfolio and the track record; and the stored one.
    required.extend(["USREC", "DGS2", "NASDAQCOM", "M2SL"].map(String::from));
    for id in &required {
        assert!(
            fred_ids.iter().any(|f| f == id),
            "{id} not fetched: {fred_ids:?}"
        );
    }
    // Each FRED id fetched once; nothing that is not a FRED series asked of FRED.
    let mut unique = fred_ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fred_ids.len(), "{fred_ids:?}");
    for not_fred in [
        "SHILLER_P",
        "SEC_NVDA_REVENUE_QTR",
        "GHALAM_GDP",
        "DEBT_TO_PENNY",
    ] {
        assert!(!fred_ids.iter().any(|f| f == not_fred), "{not_fred}");
    }
    let count = |prefix: &str| {
        requests
            .iter()
            .filter(|r| r.target.starts_with(prefix))
            .count()
    };
    assert_eq!(count(DEBT_TO_PENNY), 3);
    assert_eq!(count(MTS9), 1, "the checks read MTS table 9");
}

/// A body cut inside its last line but served as complete (no length to betray it): the cut
/// value `4.1` would replace the stored `4.18` of 2024-07-12, so the update is refused naming
/// the URL and line, and the store keeps its rows.
#[test]
fn a_body_cut_inside_its_last_line_is_refused_and_keeps_the_store() {
    let home = tempfile::tempdir().unwrap();
    let later = fixture("fredgraph_DGS10_to_2024-07-12.csv");
    let full = Server::start(vec![(FRED_DGS10, vec![Reply::ok(later.clone())])]);
    let first = run(update(home.path(), &full, &["DGS10"]));
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(later.ends_with(b"2024-07-12,4.18\n"));
    let lines = later.iter().filter(|&&b| b == b'\n').count();
    let cut = later[..later.len() - 2].to_vec();
    let server = Server::start(vec![(FRED_DGS10, vec![Reply::ok(cut)])]);
    let result = run(update(home.path(), &server, &["DGS10"]));
    assert_eq!(result.code, Some(2), "{}", result.stderr);
    assert!(
        result.stderr.contains(&format!(
            ":{lines}: the last line has no line end and would change DGS10 on 2024-07-12 \
             from 4.18 to 4.1"
        )),
        "{}",
        result.stderr
    );
    assert_eq!(export_dgs10(home.path()), expected_rows(&later));
}
