//! A tiny scripted HTTP/1.1 server for the network tests: listens on 127.0.0.1:0, answers each
//! request with the next scripted [`Reply`] of the first route whose prefix matches the request
//! target (the last reply of a route repeats), and records every request with its headers.
//! Replies can be delayed and truncated (a `Content-Length` larger than the bytes sent, then the
//! connection closes). Every response closes its connection. Built on std only.

use std::collections::VecDeque;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One scripted response.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
    /// Send only this many body bytes (still declaring the full length), then close.
    truncate_at: Option<usize>,
}

impl Reply {
    /// 200 with this body.
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply::status(200).body(body)
    }

    /// This status with an empty body.
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            truncate_at: None,
        }
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = body.into();
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Waits this long before sending anything.
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// Sends only the first `bytes` bytes of the body, under the full `Content-Length`.
    pub fn truncated(mut self, bytes: usize) -> Reply {
        self.truncate_at = Some(bytes);
        self
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

struct Route {
    prefix: String,
    replies: VecDeque<Reply>,
}

struct Shared {
    routes: Mutex<Vec<Route>>,
    requests: Mutex<Vec<Recorded>>,
    stop: AtomicBool,
}

/// The running server; dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept_thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server with these routes: (target prefix, replies in order).
    pub fn start(routes: Vec<(&str, Vec<Reply>)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            routes: Mutex::new(
                routes
                    .into_iter()
                    .map(|(prefix, replies)| Route {
                        prefix: prefix.to_string(),
                        replies: replies.into(),
                    })
                    .collect(),
            ),
            requests: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
        });
        let accept_shared = Arc::clone(&shared);
        let accept_thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let conn_shared = Arc::clone(&accept_shared);
                std::thread::spawn(move || serve(stream, &conn_shared));
            }
        });
        Server {
            addr,
            shared,
            accept_thread: Some(accept_thread),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept.
        let _ = TcpStream::connect(self.addr);
        if let Some(handle) = self.accept_thread.take() {
            let _ = handle.join();
        }
    }
}

fn serve(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = read_request(&stream) else {
        return;
    };
    let reply = next_reply(shared, &request.target);
    shared.requests.lock().unwrap().push(request);
    std::thread::sleep(reply.delay);
    let _ = write_reply(stream, &reply);
}

fn read_request(stream: &TcpStream) -> Option<Recorded> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            break;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Some(Recorded {
        method,
        target,
        headers,
    })
}

fn next_reply(shared: &Shared, target: &str) -> Reply {
    let mut routes = shared.routes.lock().unwrap();
    match routes.iter_mut().find(|r| target.starts_with(&r.prefix)) {
        Some(route) if route.replies.len() > 1 => route.replies.pop_front().unwrap(),
        Some(route) => route
            .replies
            .front()
            .cloned()
            .unwrap_or_else(|| Reply::status(404)),
        None => Reply::status(404).body(format!("no route for {target}")),
    }
}

fn write_reply(mut stream: TcpStream, reply: &Reply) -> std::io::Result<()> {
    let reason = match reply.status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if reply.status != 304 {
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    stream.write_all(head.as_bytes())?;
    if reply.status != 304 {
        let sent = reply
            .truncate_at
            .unwrap_or(reply.body.len())
            .min(reply.body.len());
        stream.write_all(&reply.body[..sent])?;
    }
    stream.flush()?;
    stream.shutdown(std::net::Shutdown::Both)
}
