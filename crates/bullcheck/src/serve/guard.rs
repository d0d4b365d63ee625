//! Request guards of the dashboard, in front of every route:
//!
//! - **Host allow-list** (DNS rebinding): a request whose `Host` is not a loopback name
//!   (`localhost`, `127.0.0.1`, `[::1]`), the address the server is bound to, or a name given
//!   with `serve --allow-host`, is refused with 421. A request without `Host` (not a browser)
//!   passes.
//! - **Cross-site writes** (CSRF): a state-changing request (anything but GET, HEAD, OPTIONS)
//!   is refused with 403 when the browser says it comes from another site: a
//!   `Sec-Fetch-Site` other than `same-origin`/`none`, or an `Origin` whose host is not the
//!   request's own allowed host. The dashboard's own script sends same-origin requests.
//! - **Body limit whatever the framing**: a body is read up to [`super::MAX_BODY_BYTES`]
//!   before any handler runs, chunked or not; past it the answer is 413, even for a route that
//!   ignores its body.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::{MAX_BODY_BYTES, json_error};

/// The host names (without port) the dashboard answers to.
#[derive(Debug, Clone)]
pub struct Guard {
    hosts: Arc<Vec<String>>,
}

impl Guard {
    /// Loopback names only.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn loopback() -> Guard {
        Guard::with_hosts(Vec::new())
    }

    /// Loopback names plus `extra` (the bound address, `--allow-host` names).
    pub fn with_hosts(extra: Vec<String>) -> Guard {
        let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "[::1]", "::1"]
            .iter()
            .map(|h| h.to_string())
            .collect();
        hosts.extend(extra.into_iter().map(|h| h.to_ascii_lowercase()));
        Guard {
            hosts: Arc::new(hosts),
        }
    }

    fn allows(&self, host: &str) -> bool {
        let name = host_name(host).to_ascii_lowercase();
        self.hosts.contains(&name)
    }
}

/// `localhost:8787` → `localhost`; `[::1]:8787` → `[::1]`.
fn host_name(host: &str) -> &str {
    let host = host.trim();
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// The host of an `Origin` (`http://localhost:8787` → `localhost:8787`); `None` for `null` or
/// anything unparsable.
fn origin_host(origin: &str) -> Option<&str> {
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))?;
    Some(rest.split('/').next().unwrap_or(rest))
}

fn header_text(request: &Request, name: header::HeaderName) -> Option<&str> {
    request
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap_or("\u{fffd}"))
}

pub async fn check(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let host = header_text(&request, header::HOST).map(str::to_string);
    if let Some(host) = &host
        && !guard.allows(host)
    {
        return json_error(
            StatusCode::MISDIRECTED_REQUEST,
            "unknown Host: the dashboard answers to loopback names and its own address \
             (serve --allow-host NAME adds one)",
        );
    }
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if writes {
        if let Some(site) = request.headers().get("sec-fetch-site") {
            let site = site.to_str().unwrap_or("");
            if !matches!(site, "same-origin" | "none") {
                return json_error(
                    StatusCode::FORBIDDEN,
                    "cross-site request refused (Sec-Fetch-Site)",
                );
            }
        }
        if let Some(origin) = header_text(&request, header::ORIGIN) {
            let same = origin_host(origin).is_some_and(|o| {
                guard.allows(o)
                    && host
                        .as_deref()
                        .is_none_or(|h| o.eq_ignore_ascii_case(h.trim()))
            });
            if !same {
                return json_error(
                    StatusCode::FORBIDDEN,
                    "cross-origin request refused (Origin)",
                );
            }
        }
    }
    // Read the body under the limit, whatever its framing (chunked bodies have no length).
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return json_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("request body over {MAX_BODY_BYTES} bytes"),
            );
        }
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_without_ports() {
        assert_eq!(host_name("localhost:8787"), "localhost");
        assert_eq!(host_name("[::1]:8787"), "[::1]");
        assert_eq!(host_name("127.0.0.1"), "127.0.0.1");
        let guard = Guard::loopback();
        assert!(guard.allows("LOCALHOST:1"));
        assert!(!guard.allows("evil.example:8787"));
        assert!(!guard.allows("localhost.evil.example"));
        assert_eq!(origin_host("http://evil.example"), Some("evil.example"));
        assert_eq!(origin_host("null"), None);
    }
}
