//! The retry policy: exponential backoff without jitter, the rate limit, `Retry-After`, and
//! which transport failures are worth another attempt.

use std::time::{Duration, Instant};

use super::Attempt;
use super::urls::redact;

/// The wait before retry number `retry` (1 = the first retry): `base * 2^(retry-1)`.
pub fn backoff_delay(base: Duration, retry: u32) -> Duration {
    let doublings = retry.saturating_sub(1).min(16);
    base.saturating_mul(1 << doublings)
}

/// Spaces requests at least `min_interval` apart. Pure: the caller passes the current instant
/// and sleeps for the returned duration.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    min_interval: Duration,
    next_free: Option<Instant>,
}

impl RateLimiter {
    pub fn new(min_interval: Duration) -> RateLimiter {
        RateLimiter {
            min_interval,
            next_free: None,
        }
    }

    /// Books the next request slot at or after `now` and returns how long to wait for it.
    pub fn reserve(&mut self, now: Instant) -> Duration {
        let slot = match self.next_free {
            Some(free) if free > now => free,
            _ => now,
        };
        self.next_free = Some(slot + self.min_interval);
        slot - now
    }
}

/// `1.5 s`, `250 ms`.
pub(super) fn human_duration(duration: Duration) -> String {
    if duration >= Duration::from_secs(1) {
        format!("{:.1} s", duration.as_secs_f64())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// Errors worth retrying: timeouts, connection and read failures, dropped connections.
/// A request that got no HTTP answer: retried when the fault is transient (timeout,
/// connection reset), else a failure naming the (redacted) URL.
pub(super) fn transport_failure<T>(err: &ureq::Error, shown: &str) -> Attempt<T> {
    if is_transient(err) {
        Attempt::Retry {
            reason: redact(&err.to_string()),
            retry_after: None,
        }
    } else {
        Attempt::Fail(anyhow::anyhow!("GET {shown}: {}", redact(&err.to_string())))
    }
}

fn is_transient(err: &ureq::Error) -> bool {
    matches!(
        err,
        ureq::Error::Timeout(_)
            | ureq::Error::Io(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::Protocol(_)
            | ureq::Error::BodyStalled
    )
}

/// `Retry-After` in seconds (the HTTP-date form is not honoured: we fall back to backoff).
pub(super) fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}
