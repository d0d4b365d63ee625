//! The standing attack suite through the executable and the dashboard (issue 28 item 8): a
//! sample of the generated hostile inputs of `crates/bullcheck-core/tests/hostile_suite.rs`
//! (same generator) given to `data import`, `portfolio run`, `network show --file`,
//! `events study --mlf-file` and user checks TOML, and hostile requests to the dashboard.
//!
//! Contract: exit code 0 or 2 (never 101, an abort or a signal); stderr short (at most
//! [`MAX_STDERR`] bytes) without terminal escape characters; a refused import leaves the store
//! as it was; every HTTP answer is below 500, carries the security headers, and never echoes a
//! long value. Failures a parser fix on the `input` branch will remove are listed in [`KNOWN`].

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

#[path = "../../../bullcheck-core/tests/hostile/mutations.rs"]
mod mutations;

use crate::serve::start_server;
use crate::support::bullcheck;

/// Longest stderr accepted.
const MAX_STDERR: usize = 1024;

/// (command, mutation, why it still fails) expected until the `input` branch lands.
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "portfolio run",
        "oversize",
        "one excerpt rule (input branch, item 4)",
    ),
    (
        "portfolio run",
        "terminal escape row",
        "one excerpt rule (input branch, item 4)",
    ),
    (
        "portfolio run",
        "header",
        "one excerpt rule (input branch, item 4)",
    ),
];

struct Outcome {
    code: Option<i32>,
    stderr: String,
}

fn run(home: &Path, args: &[&str]) -> Outcome {
    let out = bullcheck(home)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    Outcome {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// What is wrong with `out`, if anything.
fn violation(out: &Outcome) -> Option<String> {
    if !matches!(out.code, Some(0 | 2)) {
        return Some(format!(
            "exit {:?}: {}",
            out.code,
            &out.stderr[..out.stderr.len().min(300)]
        ));
    }
    if out.stderr.len() > MAX_STDERR {
        return Some(format!("stderr of {} bytes", out.stderr.len()));
    }
    if out.stderr.contains(['\u{1b}', '\u{7}', '\0', '\r']) {
        return Some("raw control characters on stderr".to_string());
    }
    None
}

/// The store's content, cheaply: every series' listing (rows, first and last date, missing;
/// not its import time) and the rows of the first two series.
fn fingerprint(home: &Path) -> String {
    let out = bullcheck(home)
        .args(["data", "list", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let mut print = String::new();
    for (n, series) in list.as_array().into_iter().flatten().enumerate() {
        let id = series["id"].as_str().unwrap_or("");
        let mut series = series.clone();
        series.as_object_mut().map(|o| o.remove("last_import"));
        if n >= 2 {
            print.push_str(&format!("{series}\n"));
            continue;
        }
        let rows = bullcheck(home)
            .args(["data", "export", id, "--format", "csv"])
            .output()
            .unwrap();
        print.push_str(&format!(
            "{series}\n{}\n",
            String::from_utf8_lossy(&rows.stdout)
        ));
    }
    print
}

struct Tally {
    cases: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, command: &str, mutation: &str, what: Option<String>) {
        self.cases += 1;
        let Some(what) = what else { return };
        let known = KNOWN
            .iter()
            .any(|(c, m, _)| command.starts_with(c) && mutation.starts_with(m));
        if !known {
            self.failures
                .push(format!("{command} / {mutation}: {what}"));
        }
    }

    fn finish(self, at_least: usize) {
        eprintln!("hostile suite (executable): {} cases", self.cases);
        assert!(self.cases >= at_least, "only {} cases", self.cases);
        assert!(
            self.failures.is_empty(),
            "{} failures not listed in KNOWN:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

/// One fixture of each family, imported then damaged.
const IMPORT_SAMPLE: &[&str] = &[
    "testdata/fred/DGS10_dots.csv",
    "testdata/fred_api/GDPC1_observations.json",
    "testdata/nyfed/allmonth_sample.csv",
    "testdata/nyfed/ACMTermPremium_sample.xlsx",
    "testdata/shiller/ie_data_sample.xls",
    "testdata/treasury/debt_to_penny_page1.json",
    "testdata/dfast/2025-Baseline_Domestic_sample.csv",
    "testdata/records/cftc_gold_sample.json",
];

#[test]
fn data_import_of_generated_hostile_files_exits_0_or_2_and_a_refusal_changes_nothing() {
    let mut tally = Tally {
        cases: 0,
        failures: Vec::new(),
    };
    for (seed, rel) in IMPORT_SAMPLE.iter().enumerate() {
        let original = mutations::root().join(rel);
        let name = original.file_name().unwrap().to_string_lossy().into_owned();
        let home = tempfile::tempdir().unwrap();
        let imported = run(home.path(), &["data", "import", original.to_str().unwrap()]);
        assert_eq!(imported.code, Some(0), "{rel}: {}", imported.stderr);
        let bytes = std::fs::read(&original).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut before = fingerprint(home.path());
        for (mutation, variant) in mutations::mutations(&bytes, seed as u64).iter().step_by(2) {
            let file = dir.path().join(&name);
            std::fs::write(&file, variant).unwrap();
            let out = run(home.path(), &["data", "import", file.to_str().unwrap()]);
            let mut what = violation(&out);
            if what.is_none() && out.code == Some(2) && fingerprint(home.path()) != before {
                what = Some("refused, yet the store changed".to_string());
            }
            if out.code == Some(0) {
                before = fingerprint(home.path());
            }
            tally.check(&format!("data import {rel}"), mutation, what);
        }
    }
    tally.finish(120);
}

#[test]
fn other_file_inputs_of_the_cli_exit_0_or_2_on_generated_hostile_files() {
    let mut tally = Tally {
        cases: 0,
        failures: Vec::new(),
    };
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = mutations::root();
    let network = std::fs::read(root.join("crates/bullcheck-core/network/ai.toml")).unwrap();
    let checks = std::fs::read(root.join("crates/bullcheck-core/checks/market.toml")).unwrap();
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        (
            "portfolio run",
            b"asset,weight\nus_large_cap,60\ntreasuries_10y,40\n".to_vec(),
        ),
        (
            "events study --mlf-file",
            b"month,net_injection_bn_cny\n2024-01,200\n2024-02,-15.5\n".to_vec(),
        ),
        ("network show --file", network),
        ("checks (user TOML)", checks),
    ];
    for (seed, (command, base)) in inputs.iter().enumerate() {
        for (mutation, variant) in mutations::mutations(base, 200 + seed as u64)
            .iter()
            .step_by(2)
        {
            let file = dir.path().join("input");
            std::fs::write(&file, variant).unwrap();
            let f = file.to_str().unwrap();
            let out = match *command {
                "portfolio run" => run(home.path(), &["portfolio", "run", f, "--paths", "200"]),
                "events study --mlf-file" => run(
                    home.path(),
                    &[
                        "events",
                        "study",
                        "--builtin",
                        "mlf",
                        "--mlf-file",
                        f,
                        "--reps",
                        "50",
                    ],
                ),
                "network show --file" => run(home.path(), &["network", "show", "--file", f]),
                _ => {
                    let user = home.path().join("checks");
                    std::fs::create_dir_all(&user).unwrap();
                    std::fs::write(user.join("mine.toml"), variant).unwrap();
                    let out = run(home.path(), &["checks"]);
                    std::fs::remove_file(user.join("mine.toml")).unwrap();
                    out
                }
            };
            tally.check(command, mutation, violation(&out));
        }
    }
    tally.finish(60);
}

// ---- the dashboard --------------------------------------------------------------------------

/// Sends `request`; returns the answer's head (lower case) and body, or `None` when the server
/// closed without an answer.
fn ask(addr: SocketAddr, request: &[u8]) -> Option<(String, String)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .ok()?;
    let _ = stream.write_all(request);
    // A cut request ends here rather than waiting for the header timeout.
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    Some((head.to_ascii_lowercase(), body.to_string()))
}

fn encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("%{b:02X}")).collect()
}

#[test]
fn hostile_requests_get_short_secured_answers_below_500() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &["--header-timeout", "2"]);
    let addr = server.addr;
    let get = |target: &str| format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\n\r\n").into_bytes();
    let long = "A".repeat(20_000);
    let escape = encode(b"\x1b]0;pwned\x07\x1b[2J");
    let mut requests: Vec<(String, Vec<u8>)> = Vec::new();
    for route in ["/api/checks/", "/check/", "/module/", "/api/series/"] {
        for id in [long.as_str(), escape.as_str(), "%00", "%ff%fe", "x%20y"] {
            requests.push((
                format!("{route}<{}>", id.len()),
                get(&format!("{route}{id}")),
            ));
        }
    }
    for (name, query) in [
        ("long key", format!("{long}=1")),
        ("long value", format!("lang={long}")),
        ("escape value", format!("lang={escape}")),
        ("repeated key", "lang=en&lang=zh".to_string()),
        ("bad escape", "lang=%zz".to_string()),
        ("slider text", format!("gpu_life={escape}")),
        ("slider nan", "gpu_life=NaN".to_string()),
        ("slider huge", "gpu_life=1e999".to_string()),
    ] {
        for route in [
            "/",
            "/api/checks",
            "/scenario",
            "/api/scenario",
            "/api/series/DGS10",
        ] {
            requests.push((format!("{route}?{name}"), get(&format!("{route}?{query}"))));
        }
    }
    // Request lines and heads damaged by the generator.
    let sane = get("/api/checks?lang=en");
    for (mutation, variant) in mutations::mutations(&sane, 300) {
        requests.push((format!("request {mutation}"), variant));
    }
    // Portfolio saves of damaged holdings: refused ones must leave the saved file as it was.
    let holdings = b"asset,weight\nus_large_cap,60\ntreasuries_10y,40\n";
    let post = |body: &[u8]| {
        let form = format!("holdings={}", encode(body));
        format!(
            "POST /portfolio HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        )
        .into_bytes()
    };
    let saved = ask(addr, &post(holdings)).expect("an answer");
    assert!(saved.0.starts_with("http/1.1 303"), "{}", saved.0);
    let path = home.path().join("portfolio.csv");
    for (mutation, variant) in mutations::mutations(holdings, 301) {
        requests.push((format!("portfolio {mutation}"), post(&variant)));
    }
    let mut failures = Vec::new();
    for (what, request) in &requests {
        let before = std::fs::read(&path).unwrap();
        let Some((head, body)) = ask(addr, request) else {
            // Garbage or a cut request may be closed without an answer; anything else answers.
            if !what.starts_with("request ") {
                failures.push(format!("{what}: no answer"));
            }
            continue;
        };
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if !(200..500).contains(&status) {
            failures.push(format!("{what}: status {status}"));
        }
        if !head.contains("content-security-policy: default-src 'none'")
            || !head.contains("x-content-type-options: nosniff")
        {
            failures.push(format!("{what}: {status} without the security headers"));
        }
        // The portfolio editor shows the submitted holdings back in its form, by design.
        let editor = what.starts_with("portfolio") && head.contains("text/html");
        if status >= 400 && !editor && (body.contains(&"A".repeat(100)) || body.contains("\u{1b}"))
        {
            failures.push(format!("{what}: {status} echoes the value"));
        }
        if status >= 400 && head.contains("application/json") && body.len() > 512 {
            failures.push(format!("{what}: a {}-byte JSON error", body.len()));
        }
        if status != 303 && std::fs::read(&path).unwrap() != before {
            failures.push(format!("{what}: refused, yet portfolio.csv changed"));
        }
    }
    eprintln!("hostile suite (dashboard): {} requests", requests.len());
    assert!(requests.len() >= 100, "{}", requests.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
