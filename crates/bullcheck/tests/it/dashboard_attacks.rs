//! The dashboard under attack through real sockets on 127.0.0.1 (issue 28), at the real
//! defaults (`--max-connections 128`, `--header-timeout 10`):
//!
//! - hyper's own protocol errors (malformed request line, oversize request target, oversize or
//!   too many headers) carry the security headers like every other response;
//! - the three connection attacks of the issue (500 idle connections opened once, an attacker
//!   re-opening every closed connection, 128 clients trickling a body): at least 90% of
//!   legitimate requests are answered within 5 s during each (before: 22 of 60, 3 of 120,
//!   0 of 240);
//! - SIGKILL during concurrent portfolio saves leaves `portfolio.csv` absent or one whole
//!   posted file, never empty or mixed.

use std::io::{ErrorKind, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::serve::{Server, start_server};

/// Sends `request` as is and reads the whole answer (the server closes after it).
fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    // The server may answer and close before it read everything we send.
    let _ = stream.write_all(request);
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

fn assert_secured(answer: &str, status: &[u16], what: &str) {
    let head = answer
        .split("\r\n\r\n")
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let code: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "{what}: no HTTP answer: {:?}",
                &answer[..answer.len().min(200)]
            )
        });
    assert!(
        status.contains(&code),
        "{what}: {code} not in {status:?}: {head}"
    );
    assert!(
        head.contains("content-security-policy: default-src 'none'"),
        "{what}: no CSP: {head}"
    );
    assert!(
        head.contains("x-content-type-options: nosniff"),
        "{what}: {head}"
    );
    assert!(
        head.contains("referrer-policy: no-referrer"),
        "{what}: {head}"
    );
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    assert!(
        code < 400 || body.len() < 300,
        "{what}: long error body of {} bytes",
        body.len()
    );
}

/// Issue 28: hyper answered 400/414/431 itself, without CSP or nosniff.
#[test]
fn protocol_errors_carry_the_security_headers() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &[]);
    let host = server.addr;
    let long = |n: usize| "a".repeat(n);
    let many_headers: String = (0..200).map(|i| format!("X-H{i}: v\r\n")).collect();
    let cases: Vec<(&str, Vec<u8>, &[u16])> = vec![
        ("malformed request line", b"GARBAGE\r\n\r\n".to_vec(), &[400]),
        ("three words, no version", b"GET / HTTP\r\n\r\n".to_vec(), &[400]),
        ("unknown version", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n".to_vec(), &[400, 505]),
        ("control character in the target", b"GET /\x01 HTTP/1.1\r\n\r\n".to_vec(), &[400]),
        ("space in a header name", format!("GET / HTTP/1.1\r\nHost: {host}\r\nBad Name: x\r\n\r\n").into_bytes(), &[400]),
        ("bare binary", vec![0xff, 0x00, 0x13, 0x37, b'\r', b'\n', b'\r', b'\n'], &[400]),
        ("10 KB request target", format!("GET /{} HTTP/1.1\r\nHost: {host}\r\n\r\n", long(10_000)).into_bytes(), &[414]),
        ("70 KB request target", format!("GET /{} HTTP/1.1\r\nHost: {host}\r\n\r\n", long(70_000)).into_bytes(), &[414, 431]),
        ("70 KB header", format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: {}\r\n\r\n", long(70_000)).into_bytes(), &[431]),
        ("200 headers", format!("GET / HTTP/1.1\r\nHost: {host}\r\n{many_headers}\r\n").into_bytes(), &[431]),
        ("two different lengths", format!("POST /portfolio HTTP/1.1\r\nHost: {host}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab").into_bytes(), &[400]),
        ("bad chunk size", format!("POST /portfolio HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").into_bytes(), &[400]),
    ];
    for (what, request, status) in cases {
        let answer = exchange(server.addr, &request);
        assert_secured(&answer, status, what);
    }
    // And an ordinary request still works on the same server.
    let ok = exchange(
        server.addr,
        format!("GET /api/checks HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
    );
    assert_secured(&ok, &[200], "a valid request");
}

// ---- availability ---------------------------------------------------------------------------

/// One legitimate request: answered 200 within 5 s of connecting?
fn legit(addr: SocketAddr) -> bool {
    let started = Instant::now();
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(5)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = format!("GET /api/checks HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf);
    buf.starts_with(b"HTTP/1.1 200") && started.elapsed() <= Duration::from_secs(5)
}

/// Runs `requests` legitimate requests one after another; returns how many were served.
fn legit_requests(addr: SocketAddr, requests: usize) -> usize {
    (0..requests)
        .filter(|_| {
            let served = legit(addr);
            std::thread::sleep(Duration::from_millis(20));
            served
        })
        .count()
}

fn warm(server: &Server) {
    // The first request builds the report (seconds on a loaded machine, so no 5 s limit
    // here); the attacks target a warm server.
    let (status, _, _) = crate::serve::http(server.addr, "GET", "/api/checks");
    assert_eq!(status, 200, "the server does not answer");
}

fn assert_served(served: usize, requests: usize, attack: &str) {
    assert!(
        served * 10 >= requests * 9,
        "{attack}: only {served} of {requests} legitimate requests answered within 5 s"
    );
}

/// Issue 28: 500 idle connections opened once left 22 of 60 legitimate requests served.
#[test]
fn idle_connections_opened_once_do_not_starve_legitimate_requests() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &[]);
    warm(&server);
    let idle: Vec<TcpStream> = (0..500)
        .filter_map(|_| TcpStream::connect(server.addr).ok())
        .collect();
    assert!(idle.len() >= 400, "{} connections opened", idle.len());
    std::thread::sleep(Duration::from_millis(300));
    let served = legit_requests(server.addr, 60);
    drop(idle);
    assert_served(served, 60, "500 idle connections");
}

/// An attacker thread holding `width` connections, each rebuilt by `open` when the server
/// closes it, and fed by `tick` every sweep; stops when the flag is set.
fn attacker(
    addr: SocketAddr,
    width: usize,
    sweep: Duration,
    open: fn(SocketAddr) -> Option<TcpStream>,
    tick: fn(&mut TcpStream) -> bool,
) -> (Arc<AtomicBool>, std::thread::JoinHandle<usize>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let handle = std::thread::spawn(move || {
        let mut socks: Vec<Option<TcpStream>> = (0..width).map(|_| open(addr)).collect();
        let mut reopened = 0;
        while !flag.load(Ordering::Relaxed) {
            for slot in socks.iter_mut() {
                let alive = slot.as_mut().is_some_and(|s| {
                    let mut byte = [0u8; 64];
                    let closed = match s.read(&mut byte) {
                        Ok(_) => true,
                        Err(e) => e.kind() != ErrorKind::WouldBlock,
                    };
                    !closed && tick(s)
                });
                if !alive {
                    *slot = open(addr);
                    reopened += 1;
                }
            }
            std::thread::sleep(sweep);
        }
        reopened
    });
    (stop, handle)
}

fn open_idle(addr: SocketAddr) -> Option<TcpStream> {
    let s = TcpStream::connect(addr).ok()?;
    s.set_nonblocking(true).ok()?;
    Some(s)
}

/// Issue 28: an attacker re-opening every closed connection left 3 of 120 served.
#[test]
fn a_reopening_attacker_does_not_starve_legitimate_requests() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &[]);
    warm(&server);
    let (stop, handle) = attacker(
        server.addr,
        300,
        Duration::from_millis(2),
        open_idle,
        |_| true,
    );
    std::thread::sleep(Duration::from_millis(500));
    let served = legit_requests(server.addr, 60);
    stop.store(true, Ordering::Relaxed);
    let reopened = handle.join().unwrap();
    assert!(
        reopened > 100,
        "the attacker re-opened only {reopened} connections"
    );
    assert_served(served, 60, "re-opening attacker");
}

fn open_slow_body(addr: SocketAddr) -> Option<TcpStream> {
    let mut s = TcpStream::connect(addr).ok()?;
    let head = format!(
        "POST /portfolio HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 16000\r\n\r\nholdings="
    );
    s.write_all(head.as_bytes()).ok()?;
    s.set_nonblocking(true).ok()?;
    Some(s)
}

/// Issue 28: 128 clients trickling a body (the header timeout did not cover bodies and a
/// connection lived 5 minutes) left 0 of 240 served in 60 s.
#[test]
fn slow_body_clients_do_not_starve_legitimate_requests() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &[]);
    warm(&server);
    let (stop, handle) = attacker(
        server.addr,
        128,
        Duration::from_millis(200),
        open_slow_body,
        |s| {
            // A full send buffer (WouldBlock) is fine: the attacker only trickles.
            let _ = s.write_all(b"a");
            true
        },
    );
    std::thread::sleep(Duration::from_millis(800));
    let served = legit_requests(server.addr, 60);
    stop.store(true, Ordering::Relaxed);
    handle.join().unwrap();
    assert_served(served, 60, "128 slow-body clients");
}

/// A body that trickles past the header timeout is answered 408 (with the headers), not
/// held for the connection's 5-minute lifetime.
#[test]
fn a_body_slower_than_the_header_timeout_is_cut_with_408() {
    let home = tempfile::tempdir().unwrap();
    let server = start_server(home.path(), &["--header-timeout", "1"]);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let head = format!(
        "POST /portfolio HTTP/1.1\r\nHost: {}\r\nContent-Length: 1000\r\n\r\nholdings=",
        server.addr
    );
    stream.write_all(head.as_bytes()).unwrap();
    let started = Instant::now();
    let mut writer = stream.try_clone().unwrap();
    let trickle = std::thread::spawn(move || {
        for _ in 0..40 {
            std::thread::sleep(Duration::from_millis(100));
            if writer.write_all(b"a").is_err() {
                return;
            }
        }
    });
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf);
    let elapsed = started.elapsed();
    let _ = trickle.join();
    assert_secured(&String::from_utf8_lossy(&buf), &[408], "slow body");
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
}

// ---- kill during saves ---------------------------------------------------------------------

fn holdings(i: usize) -> String {
    format!(
        "asset,weight\nus_large_cap,{i}\ntreasuries_10y,{}\n",
        100 - i
    )
}

fn post_holdings(addr: SocketAddr, i: usize) {
    let body: String = holdings(i).bytes().map(|b| format!("%{b:02X}")).collect();
    let body = format!("holdings={body}");
    let request = format!(
        "POST /portfolio HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    if let Ok(mut s) = TcpStream::connect(addr) {
        let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
        let _ = s.write_all(request.as_bytes());
        let _ = s.read_to_end(&mut Vec::new());
    }
}

/// Issue 28: a kill during 4 concurrent posters left `portfolio.csv` empty in 2 of 12 trials.
/// SIGKILL at a varying moment during 4 posters, 8 times: the file is absent (no save
/// finished yet) or exactly one posted file.
#[test]
fn sigkill_during_concurrent_portfolio_saves_leaves_a_whole_file() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("portfolio.csv");
    for trial in 0..8u64 {
        let server = start_server(home.path(), &[]);
        let addr = server.addr;
        let stop = Arc::new(AtomicBool::new(false));
        let posters: Vec<_> = (0..4)
            .map(|client| {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let mut round = 0;
                    while !stop.load(Ordering::Relaxed) {
                        post_holdings(addr, 1 + (client * 31 + round) % 99);
                        round += 1;
                    }
                })
            })
            .collect();
        // A different moment each trial, from early in the first saves to well into them.
        std::thread::sleep(Duration::from_millis(40 + trial * 37));
        drop(server); // SIGKILL, then wait
        stop.store(true, Ordering::Relaxed);
        for poster in posters {
            poster.join().unwrap();
        }
        match std::fs::read_to_string(&path) {
            Ok(saved) => assert!(
                (1..100).any(|i| saved == holdings(i)),
                "trial {trial}: portfolio.csv is not one whole posted file: {saved:?}"
            ),
            Err(e) => assert_eq!(e.kind(), ErrorKind::NotFound, "trial {trial}"),
        }
    }
}
