//! `bullcheck serve` through a real socket: the address policy (loopback unless
//! `--allow-remote`), pages and API on imported public files against values read from the
//! files, the rebuild when the store changes, and hardening on raw requests. The router-level
//! API tests (no socket) live next to the router in `src/serve/tests.rs`.

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::support::{bullcheck, shared_data};

/// A running `bullcheck serve`, killed on drop.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `bullcheck serve --addr 127.0.0.1:0` with `home` and waits for its address.
pub fn start_server(home: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("bullcheck"))
        .env("BULLCHECK_HOME", home)
        .env("NO_COLOR", "1")
        .env("BULLCHECK_OFFLINE", "true")
        .env(
            "BULLCHECK_TRACK_RECORD_CACHE",
            crate::support::track_record_cache(),
        )
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start bullcheck serve");
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("serve exited before listening")
            .unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim_end_matches('/').parse().expect("address");
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

/// A raw HTTP/1.1 request; returns (status, head, body).
pub fn http(addr: SocketAddr, method: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(300)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("HTTP response");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, head.to_string(), body)
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}

pub fn get_json(addr: SocketAddr, path: &str) -> (u16, Value) {
    let (status, _, body) = http(addr, "GET", path);
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|_| panic!("{path}: {body}")),
    )
}

pub fn import(home: &Path, files: &[&str]) {
    let dir = shared_data().expect("shared data");
    let out = bullcheck(home)
        .args(["data", "import"])
        .args(files.iter().map(|f| dir.join(f)))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn non_loopback_addresses_need_allow_remote() {
    let home = tempfile::tempdir().unwrap();
    let out = bullcheck(home.path())
        .args(["serve", "--addr", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("refusing to listen on 0.0.0.0:0: not a loopback address"),
        "{stderr}"
    );
    assert!(stderr.contains("--allow-remote"));

    let mut child = Command::new(assert_cmd::cargo::cargo_bin("bullcheck"))
        .env("BULLCHECK_HOME", home.path())
        .args(["serve", "--addr", "0.0.0.0:0", "--allow-remote"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.starts_with("warning: serving on 0.0.0.0:0 (not loopback)"),
        "{first}"
    );
    assert!(second.contains("listening on http://0.0.0.0:"), "{second}");
}

/// Distinct year-months with a value on or before `as_of` in a `date,value` CSV.
fn months_with_values(file: &Path, as_of: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    let months: BTreeSet<&str> = text
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(','))
        .filter(|(date, value)| *date <= as_of && value.trim().parse::<f64>().is_ok())
        .map(|(date, _)| &date[..7])
        .collect();
    months.len()
}

#[test]
fn pages_and_api_on_imported_data_follow_the_files_and_the_store() {
    let Some(dir) = shared_data() else { return };
    let home = tempfile::tempdir().unwrap();
    import(home.path(), &["fred/DGS10.csv", "fred/USREC.csv"]);
    let server = start_server(home.path(), &["--as-of", "2024-06-30"]);
    let addr = server.addr;

    // The check's full history: one point per month of DGS10 up to the as-of date.
    let (status, check) = get_json(addr, "/api/checks/fiscal_10y_5pct");
    assert_eq!(status, 200);
    let months = months_with_values(&dir.join("fred/DGS10.csv"), "2024-06-30");
    assert_eq!(check["history"].as_array().unwrap().len(), months);
    assert_eq!(check["data"], "stored");
    assert_eq!(check["recession_source"], "USREC");
    let (_, _, page) = http(addr, "GET", "/check/fiscal_10y_5pct");
    assert!(page.contains(&format!(r#"data-points="{months}""#)));
    assert!(page.contains(r#"data-interactive="chart-fiscal_10y_5pct""#));

    // A stored series, cut to a range: the rows of the file in June 2024 with a value.
    let text = std::fs::read_to_string(dir.join("fred/DGS10.csv")).unwrap();
    let june: Vec<(&str, f64)> = text
        .lines()
        .filter(|l| l.starts_with("2024-06-"))
        .filter_map(|l| {
            let (d, v) = l.split_once(',')?;
            Some((d, v.parse().ok()?))
        })
        .collect();
    let (status, series) = get_json(addr, "/api/series/DGS10?from=2024-06-01&to=2024-06-30");
    assert_eq!(status, 200);
    let points = series["points"].as_array().unwrap();
    assert_eq!(points.len(), june.len());
    assert_eq!(points[0][0], june[0].0);
    assert_eq!(points[0][1].as_f64().unwrap(), june[0].1);

    // The data page lists every stored series with its last observation.
    let (_, _, data_page) = http(addr, "GET", "/data");
    assert!(data_page.contains("https://fred.stlouisfed.org/series/DGS10"));
    assert!(
        data_page.contains("2026-08-20"),
        "DGS10's last date in the file"
    );

    // The store changes under the server: the next request sees the new series.
    let (_, before) = get_json(addr, "/api/checks");
    let unemployment = |doc: &Value| {
        doc["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "cons_unemployment")
            .unwrap()["data"]
            .clone()
    };
    assert_ne!(unemployment(&before), "stored");
    import(home.path(), &["fred/UNRATE.csv"]);
    let (_, after) = get_json(addr, "/api/checks");
    assert_eq!(unemployment(&after), "stored");

    // The track record page (computed on first use) and its API.
    let (status, _, history) = http(addr, "GET", "/history?lang=zh");
    assert_eq!(status, 200);
    assert!(history.contains(r#"id="chart-track-record""#) && history.contains("评级的历史表现"));
    let (status, record) = get_json(addr, "/api/history");
    assert_eq!(status, 200);
    assert_eq!(record["events"]["recession_12m"]["source"], "USREC");
}

#[test]
fn raw_requests_that_climb_out_or_do_not_exist_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &["--as-of", "2025-12-31"]);
    for path in [
        "/assets/../../Cargo.toml",
        "/../../../etc/passwd",
        "/assets/%2e%2e/Cargo.toml",
    ] {
        let (status, _, body) = http(server.addr, "GET", path);
        assert_eq!(status, 400, "{path}");
        assert!(body.contains("path traversal refused"), "{path}");
    }
    let (status, _, _) = http(server.addr, "GET", "/etc/passwd");
    assert_eq!(status, 404);
    let (status, _, _) = http(server.addr, "DELETE", "/api/audit");
    assert_eq!(status, 405);
    let (status, body) = get_json(server.addr, "/api/checks?lang=de");
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("`lang` must be"));
}

/// A raw GET with extra header lines; returns (status, head, body bytes as sent: no
/// decoding of chunks or gzip).
fn get_raw(addr: SocketAddr, path: &str, headers: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(300)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{headers}\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("HTTP response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, raw[split + 4..].to_vec())
}

fn header_value(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// `/api/series/{id}` (issue 29): `max_points` downsamples to observations of the file (the
/// first and last kept), the ETag answers a matching `If-None-Match` with 304, and a client
/// accepting gzip gets the same JSON gzipped.
#[test]
fn series_api_downsamples_validates_and_compresses() {
    let Some(dir) = shared_data() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    import(home.path(), &["fred/DGS10.csv"]);
    let file: Vec<(String, f64)> = std::fs::read_to_string(dir.join("fred/DGS10.csv"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            let (d, v) = l.split_once(',')?;
            Some((d.to_string(), v.parse().ok()?))
        })
        .filter(|(d, _)| d.as_str() >= "2000-01-01" && d.as_str() <= "2019-12-31")
        .collect();
    assert!(file.len() > 4000);
    let server = start_server(home.path(), &[]);
    let addr = server.addr;
    let path = "/api/series/DGS10?from=2000-01-01&to=2019-12-31&max_points=500";
    let (status, doc) = get_json(addr, path);
    assert_eq!(status, 200);
    assert_eq!(doc["observations"], file.len());
    assert_eq!(doc["downsampled"], true);
    let points = doc["points"].as_array().unwrap();
    assert_eq!(points.len(), 500);
    let as_pair = |p: &Value| (p[0].as_str().unwrap().to_string(), p[1].as_f64().unwrap());
    assert_eq!(as_pair(&points[0]), file[0]);
    assert_eq!(as_pair(&points[499]), file[file.len() - 1]);
    // Every point is a row of the file, in order.
    let mut rows = file.iter();
    for p in points {
        let p = as_pair(p);
        assert!(
            rows.any(|r| *r == p),
            "{p:?} is not a row of the file in order"
        );
    }

    // Validators: the tag is stable, a match is 304 without a body, another tag is 200.
    let (status, head, body) = get_raw(addr, path, "");
    assert_eq!(status, 200);
    let etag = header_value(&head, "etag").expect("an ETag");
    assert_eq!(serde_json::from_slice::<Value>(&body).unwrap(), doc);
    let (status, head, body) = get_raw(addr, path, &format!("If-None-Match: {etag}\r\n"));
    assert_eq!(status, 304, "{head}");
    assert!(body.is_empty());
    assert_eq!(header_value(&head, "etag").as_deref(), Some(etag.as_str()));
    let (status, _, _) = get_raw(addr, path, "If-None-Match: \"0000\"\r\n");
    assert_eq!(status, 200);
    let (_, other, _) = get_raw(addr, "/api/series/DGS10?max_points=500", "");
    assert_ne!(header_value(&other, "etag"), Some(etag.clone()));

    // Compression: gzip when accepted, identity when refused with q=0.
    let (status, head, body) = get_raw(addr, path, "Accept-Encoding: gzip, br\r\n");
    assert_eq!(status, 200);
    assert_eq!(
        header_value(&head, "content-encoding").as_deref(),
        Some("gzip")
    );
    let mut json = String::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_string(&mut json)
        .unwrap();
    assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), doc);
    let (_, head, _) = get_raw(addr, path, "Accept-Encoding: gzip;q=0\r\n");
    assert_eq!(header_value(&head, "content-encoding"), None);

    // Bad counts are refused naming the parameter.
    for bad in ["1", "0", "-3", "many", "99999999999"] {
        let (status, doc) = get_json(addr, &format!("/api/series/DGS10?max_points={bad}"));
        assert_eq!(status, 400, "{bad}");
        assert!(doc["error"].as_str().unwrap().contains("`max_points`"));
    }
}
