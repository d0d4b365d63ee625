//! The dashboard's accept loop: hyper HTTP/1 connections, one request each (no keep-alive, so
//! no connection sits idle after its answer), under these limits:
//!
//! - **Request deadline**: a client must send its whole request, headers and body, within the
//!   header timeout (hyper closes a connection whose head is late; [`super::exchange`] answers
//!   408 to a body that is late).
//! - **Lifetime**: a connection lives at most [`ConnLimits::max_lifetime`], however busy.
//! - **Connection cap, idle first out**: at most [`ConnLimits::max_connections`] are open, and
//!   one client (IP address) holds at most [`ConnLimits::max_per_client`]. A connection past
//!   either cap evicts the oldest connection still waiting for its request (of that client,
//!   or of the client holding the most connections) instead of being refused, so sockets
//!   opened and left idle, re-opened, or trickling a body cannot keep a legitimate request
//!   out: its connection is the newest and its request arrives at once. Only when every
//!   connection is busy with a handler is a new one closed at once.
//! - Protocol errors hyper answers by itself carry the security headers ([`super::exchange`]).
//!
//! Limits: on loopback every client has the same address, so the per-client cap there is
//! only a lower total; a flood that opens connections faster than the server can read a
//! legitimate request's head (tens of thousands a second) can still evict it.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::task::AbortHandle;

use super::exchange::{self, HEAD, OwnErrors, Phase};

/// Limits of the accept loop.
#[derive(Debug, Clone, Copy)]
pub struct ConnLimits {
    /// Time a client has to send its whole request (headers and body).
    pub header_read_timeout: Duration,
    /// The longest a connection lives, however busy.
    pub max_lifetime: Duration,
    /// Open connections at most.
    pub max_connections: usize,
    /// Open connections of one client (IP address) at most.
    pub max_per_client: usize,
}

impl ConnLimits {
    /// The defaults with `max_connections` open at most, half of them per client.
    pub fn with_max_connections(max_connections: usize) -> ConnLimits {
        ConnLimits {
            max_connections: max_connections.max(1),
            max_per_client: (max_connections / 2).max(1),
            ..ConnLimits::default()
        }
    }
}

impl Default for ConnLimits {
    fn default() -> Self {
        ConnLimits {
            header_read_timeout: Duration::from_secs(10),
            max_lifetime: Duration::from_secs(300),
            max_connections: 128,
            max_per_client: 64,
        }
    }
}

/// One open connection, as the accept loop sees it.
struct Conn {
    client: IpAddr,
    phase: Phase,
    task: AbortHandle,
}

/// The open connections, keyed by an increasing number (so the first is the oldest).
#[derive(Default)]
struct Table {
    next: u64,
    conns: BTreeMap<u64, Conn>,
}

impl Table {
    fn count(&self, client: IpAddr) -> usize {
        self.conns.values().filter(|c| c.client == client).count()
    }

    /// The oldest connection still waiting for (part of) its request, among `client`'s
    /// connections when given.
    fn oldest_waiting(&self, client: Option<IpAddr>) -> Option<u64> {
        self.conns
            .iter()
            .find(|(_, c)| {
                client.is_none_or(|ip| c.client == ip)
                    && c.phase.load(Ordering::Acquire) != exchange::BUSY
            })
            .map(|(id, _)| *id)
    }

    /// The client holding the most connections.
    fn largest_client(&self) -> Option<IpAddr> {
        let mut counts: BTreeMap<IpAddr, usize> = BTreeMap::new();
        for conn in self.conns.values() {
            *counts.entry(conn.client).or_default() += 1;
        }
        counts.into_iter().max_by_key(|(_, n)| *n).map(|(ip, _)| ip)
    }

    /// Makes room for a new connection of `client`: `true` when there is room (possibly after
    /// evicting a waiting connection), `false` when every connection in the way is busy.
    fn make_room(&mut self, client: IpAddr, limits: &ConnLimits) -> bool {
        let victim = if self.count(client) >= limits.max_per_client {
            match self.oldest_waiting(Some(client)) {
                Some(id) => id,
                None => return false,
            }
        } else if self.conns.len() >= limits.max_connections {
            match self
                .oldest_waiting(self.largest_client())
                .or_else(|| self.oldest_waiting(None))
            {
                Some(id) => id,
                None => return false,
            }
        } else {
            return true;
        };
        if let Some(conn) = self.conns.remove(&victim) {
            conn.task.abort();
        }
        true
    }
}

/// Removes its connection from the table when the connection's task ends or is aborted.
struct Leave {
    table: Arc<Mutex<Table>>,
    id: u64,
}

impl Drop for Leave {
    fn drop(&mut self) {
        lock(&self.table).conns.remove(&self.id);
    }
}

fn lock(table: &Mutex<Table>) -> std::sync::MutexGuard<'_, Table> {
    table
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Serves `router` on `listener` until an accept error.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnLimits,
) -> std::io::Result<()> {
    let table = Arc::new(Mutex::new(Table::default()));
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of descriptors or a reset before accept: wait a little, keep serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let client = peer.ip();
        let mut open = lock(&table);
        if !open.make_room(client, &limits) {
            drop(open);
            drop(stream);
            continue;
        }
        let id = open.next;
        open.next += 1;
        let phase: Phase = Arc::new(AtomicU8::new(HEAD));
        let deadline = tokio::time::Instant::now() + limits.header_read_timeout;
        let leave = Leave {
            table: table.clone(),
            id,
        };
        let service = {
            let (router, phase) = (router.clone(), phase.clone());
            hyper::service::service_fn(move |request| {
                let (router, phase) = (router.clone(), phase.clone());
                async move {
                    Ok::<_, std::convert::Infallible>(
                        exchange::answer(router, request, phase, deadline).await,
                    )
                }
            })
        };
        let io = TokioIo::new(OwnErrors::new(stream, phase.clone()));
        let task = tokio::spawn(async move {
            let _leave = leave;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .keep_alive(false)
                // A client that shuts down its sending side after the request still gets the answer.
                .half_close(true)
                .header_read_timeout(limits.header_read_timeout)
                .max_buf_size(64 * 1024);
            let connection = builder.serve_connection(io, service);
            let _ = tokio::time::timeout(limits.max_lifetime, connection).await;
        });
        open.conns.insert(
            id,
            Conn {
                client,
                phase,
                task: task.abort_handle(),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_of(conns: &[(&str, u8)]) -> (Table, Vec<tokio::task::JoinHandle<()>>) {
        let mut table = Table::default();
        let mut tasks = Vec::new();
        for (ip, phase) in conns {
            let task = tokio::spawn(std::future::pending::<()>());
            table.conns.insert(
                table.next,
                Conn {
                    client: ip.parse().unwrap(),
                    phase: Arc::new(AtomicU8::new(*phase)),
                    task: task.abort_handle(),
                },
            );
            table.next += 1;
            tasks.push(task);
        }
        (table, tasks)
    }

    #[tokio::test]
    async fn the_oldest_waiting_connection_of_the_largest_client_is_evicted() {
        let limits = ConnLimits {
            max_connections: 4,
            max_per_client: 3,
            ..ConnLimits::default()
        };
        let a = "10.0.0.1";
        let b = "10.0.0.2";
        // Full: b's busy connection is oldest, then a's waiting ones (a holds the most).
        let (mut table, mut tasks) = table_of(&[
            (b, exchange::BUSY),
            (a, HEAD),
            (a, exchange::BODY),
            (a, HEAD),
        ]);
        assert!(table.make_room("10.0.0.3".parse().unwrap(), &limits));
        assert!(!table.conns.contains_key(&1), "a's oldest waiting one goes");
        assert!(tasks.remove(1).await.unwrap_err().is_cancelled());
        // A client at its own cap evicts its own oldest waiting connection.
        let (mut table, _tasks) = table_of(&[(a, HEAD), (a, HEAD), (a, HEAD)]);
        assert!(table.make_room(a.parse().unwrap(), &limits));
        assert_eq!(table.conns.keys().copied().collect::<Vec<_>>(), vec![1, 2]);
        // Every connection busy: no room, nothing evicted.
        let (mut table, _tasks) = table_of(&[
            (a, exchange::BUSY),
            (b, exchange::BUSY),
            (a, exchange::BUSY),
            (b, exchange::BUSY),
        ]);
        assert!(!table.make_room("10.0.0.3".parse().unwrap(), &limits));
        assert_eq!(table.conns.len(), 4);
    }
}
