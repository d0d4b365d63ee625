//! The dashboard's accept loop: hyper HTTP/1 connections with a header-read timeout that also
//! closes idle keep-alive connections, a cap on a connection's lifetime, and a cap on open
//! connections (past it a new connection is closed at once, so idle sockets cannot starve the
//! server of file descriptors).

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Limits of the accept loop.
#[derive(Debug, Clone, Copy)]
pub struct ConnLimits {
    /// Time a client has to send a request's headers, and the longest an idle keep-alive
    /// connection stays open.
    pub header_read_timeout: Duration,
    /// The longest a connection lives, however busy.
    pub max_lifetime: Duration,
    /// Open connections at most.
    pub max_connections: usize,
}

impl Default for ConnLimits {
    fn default() -> Self {
        ConnLimits {
            header_read_timeout: Duration::from_secs(10),
            max_lifetime: Duration::from_secs(300),
            max_connections: 128,
        }
    }
}

/// Serves `router` on `listener` until an accept error.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnLimits,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of descriptors or a reset before accept: wait a little, keep serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .max_buf_size(64 * 1024);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(limits.max_lifetime, connection).await;
            drop(permit);
        });
    }
}
