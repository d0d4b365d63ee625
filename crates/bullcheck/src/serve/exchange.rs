//! One connection's exchange (one request, one response; no keep-alive), between hyper and
//! the router:
//!
//! - [`OwnErrors`] wraps the socket so that an answer hyper writes by itself (a request it
//!   cannot parse: 400, a request target too long: 414, headers too large or too many: 431)
//!   is replaced by the dashboard's own JSON error with the security headers. Hyper writes
//!   such an answer only before any handler is called, so anything written before then is
//!   hyper's own.
//! - [`answer`] refuses a request target over [`MAX_URI_BYTES`] (414) and headers over
//!   [`MAX_HEADER_BYTES`] (431), reads the body under
//!   [`super::MAX_BODY_BYTES`] (413) before the request's deadline (408: the header timeout
//!   covers the whole request, body included, so a slow body cannot hold a connection), then
//!   marks the connection busy (no longer evictable, see [`super::listen`]) and runs the
//!   router.
//!
//! Hyper's own parse limits apply first (100 headers; a head past its 64 KiB read buffer);
//! the wrapper only changes what is written for them.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::task::{Context, Poll, ready};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use http_body_util::{BodyExt as _, Limited};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tower::ServiceExt as _;

use super::{MAX_BODY_BYTES, SECURITY_HEADERS, json_error, secured};

/// Longest request target (path and query) accepted; longer is 414.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// Largest request headers accepted (names, values and line ends); larger is 431.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// A connection waiting for its request head (hyper is reading it).
pub const HEAD: u8 = 0;
/// A connection whose head was read and whose body is being read.
pub const BODY: u8 = 1;
/// A connection whose whole request arrived: a handler is working on it.
pub const BUSY: u8 = 2;

/// The phase of a connection ([`HEAD`], [`BODY`], [`BUSY`]), shared with the accept loop.
pub type Phase = Arc<AtomicU8>;

/// Reads the body of `request` before `deadline`, then runs `router` on it.
pub async fn answer(
    router: Router,
    request: Request<hyper::body::Incoming>,
    phase: Phase,
    deadline: tokio::time::Instant,
) -> Response {
    phase.store(BODY, Ordering::Release);
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if target > MAX_URI_BYTES {
        return secured(json_error(
            StatusCode::URI_TOO_LONG,
            format!("request target over {MAX_URI_BYTES} bytes"),
        ));
    }
    let head: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if head > MAX_HEADER_BYTES {
        return secured(json_error(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("request headers over {MAX_HEADER_BYTES} bytes"),
        ));
    }
    let (parts, body) = request.into_parts();
    let collected =
        tokio::time::timeout_at(deadline, Limited::new(body, MAX_BODY_BYTES).collect()).await;
    let bytes = match collected {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(err)) if err.is::<http_body_util::LengthLimitError>() => {
            return secured(json_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("request body over {MAX_BODY_BYTES} bytes"),
            ));
        }
        Ok(Err(_)) => {
            return secured(json_error(
                StatusCode::BAD_REQUEST,
                "malformed or interrupted request body",
            ));
        }
        Err(_) => {
            return secured(json_error(
                StatusCode::REQUEST_TIMEOUT,
                "the request did not arrive within the header timeout",
            ));
        }
    };
    phase.store(BUSY, Ordering::Release);
    let request = Request::from_parts(parts, Body::from(bytes));
    match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// The socket of one connection; replaces whatever hyper writes before the handler is
/// called (its own protocol-error answers) with [`own_answer`].
pub struct OwnErrors<S> {
    inner: S,
    phase: Phase,
    /// The replacement being written and how much of it is out.
    replacement: Option<(Vec<u8>, usize)>,
}

impl<S> OwnErrors<S> {
    pub fn new(inner: S, phase: Phase) -> OwnErrors<S> {
        OwnErrors {
            inner,
            phase,
            replacement: None,
        }
    }
}

/// The status hyper's answer starts with (`HTTP/1.1 431 ...`), 400 when unreadable.
fn status_of(head: &[u8]) -> StatusCode {
    head.get(9..12)
        .and_then(|code| std::str::from_utf8(code).ok())
        .and_then(|code| code.parse::<u16>().ok())
        .and_then(|code| StatusCode::from_u16(code).ok())
        .filter(|status| status.is_client_error() || status.is_server_error())
        .unwrap_or(StatusCode::BAD_REQUEST)
}

/// The dashboard's answer for a request hyper refused by itself: a short JSON error with the
/// security headers, then the connection closes.
pub fn own_answer(status: StatusCode) -> Vec<u8> {
    let message = match status {
        StatusCode::URI_TOO_LONG => "request target too long",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => "request headers too large or too many",
        _ => "malformed request",
    };
    /// The JSON error body, the same shape as the router's errors.
    #[derive(serde::Serialize)]
    struct ErrorBody<'a> {
        error: &'a str,
        status: u16,
    }
    let body = serde_json::to_string(&ErrorBody {
        error: message,
        status: status.as_u16(),
    })
    .unwrap_or_default();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error"),
        body.len()
    );
    for (name, value) in SECURITY_HEADERS {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head.push_str(&body);
    head.into_bytes()
}

impl<S: AsyncRead + Unpin> AsyncRead for OwnErrors<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for OwnErrors<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.replacement.is_none() && this.phase.load(Ordering::Acquire) != HEAD {
            return Pin::new(&mut this.inner).poll_write(cx, buf);
        }
        // Hyper's own answer: write ours instead, and swallow the rest of its bytes.
        let (bytes, sent) = this
            .replacement
            .get_or_insert_with(|| (own_answer(status_of(buf)), 0));
        while *sent < bytes.len() {
            let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &bytes[*sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *sent += n;
        }
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        // One buffer per write, so a replaced answer is recognised from its first bytes.
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyper_statuses_are_read_and_answered_with_the_headers() {
        assert_eq!(
            status_of(b"HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE
        );
        assert_eq!(status_of(b"HTTP/1.1 414 "), StatusCode::URI_TOO_LONG);
        assert_eq!(status_of(b"garbage"), StatusCode::BAD_REQUEST);
        assert_eq!(status_of(b"HTTP/1.1 200 OK"), StatusCode::BAD_REQUEST);
        let text = String::from_utf8(own_answer(StatusCode::URI_TOO_LONG)).unwrap();
        assert!(text.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{text}");
        assert!(text.contains("content-security-policy: default-src 'none'"));
        assert!(text.contains("x-content-type-options: nosniff\r\n"));
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}", body.len())));
    }
}
