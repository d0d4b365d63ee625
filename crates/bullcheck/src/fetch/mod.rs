//! HTTP fetching for live sources: one GET with timeouts, retries, conditional requests and an
//! optional rate limit, on ureq 3 (rustls).
//!
//! - **Timeouts**: connect 10 s; the whole request (headers and body) `overall_timeout`
//!   (default 120 s, env `BULLCHECK_HTTP_TIMEOUT_MS`).
//! - **Retries**: on timeouts, connection errors, 429, 5xx and truncated bodies (a read error,
//!   or fewer bytes than `Content-Length`), up to `max_attempts` attempts in all (default 5,
//!   env `BULLCHECK_HTTP_MAX_ATTEMPTS`). The wait before retry n is `retry_base * 2^(n-1)`
//!   (0.5 s, 1 s, 2 s, 4 s by default; env `BULLCHECK_HTTP_RETRY_BASE_MS`), without jitter so
//!   that runs are reproducible. A 429 with `Retry-After: SECONDS` waits that long instead
//!   (capped at [`MAX_RETRY_AFTER`]). Other 4xx are not retried: the error names the status.
//! - **Conditional requests**: callers pass the `ETag`/`Last-Modified` validators of the last
//!   download they imported; a 304 answer becomes [`Fetched::NotModified`]. Validators live in
//!   `$BULLCHECK_HOME/cache/http.json` ([`ValidatorCache`], written atomically).
//! - **Rate limit**: [`RateLimiter`] spaces requests by a minimum interval (SEC asks for at most
//!   10 requests per second: [`SEC_MIN_INTERVAL`]). It takes the current instant as a
//!   parameter, so tests drive it with a fake clock.
//! - **Secrets**: URLs and response snippets are passed through [`redact`] before they appear
//!   in any message, so the FRED `api_key=` never reaches the terminal or the store.

//!
//! Files: `config.rs` (the settings and their environment overrides, the SEC User-Agent),
//! `retry.rs` (backoff, rate limit, which failures are retried), `urls.rs` (redaction, hosts,
//! same-host redirects), `attempt.rs` (one request and how its answer or body is read),
//! `cache.rs` (the validators on disk); the retry loop is here.

mod attempt;
mod cache;
mod config;
mod retry;
#[cfg(test)]
mod tests;
mod urls;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

pub use cache::ValidatorCache;
pub use config::{
    DEFAULT_USER_AGENT, FetchConfig, MAX_RETRY_AFTER, SEC_MIN_INTERVAL, sec_user_agent,
};
use retry::{RateLimiter, backoff_delay, human_duration};
use urls::{MAX_REDIRECTS, redirect_allowed, resolve_location};
pub use urls::{host_of, redact};

/// The validators of one downloaded document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A downloaded body.
#[derive(Debug, Clone)]
pub struct Download {
    pub bytes: Vec<u8>,
    pub validators: Validators,
}

/// What a GET brought back.
#[derive(Debug, Clone)]
pub enum Fetched {
    Body(Download),
    /// 304: the document has not changed since the validators we sent.
    NotModified,
}

/// What one attempt led to.
enum Attempt<T> {
    Done(T),
    /// Worth another try: why, and the wait the server asked for (429 `Retry-After`).
    Retry {
        reason: String,
        retry_after: Option<Duration>,
    },
    Fail(anyhow::Error),
    /// A 3xx with a `Location`.
    Redirect(String),
}

/// The HTTP client: one ureq agent plus the retry policy and rate limit.
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    limiter: Option<RateLimiter>,
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Fetcher {
        let builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed by `get` itself, only on the same host (see
            // `redirect_allowed`).
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(config.user_agent.as_str())
            .timeout_connect(Some(config.connect_timeout));
        let agent_config = match config.long_body_timeout {
            None => builder.timeout_global(Some(config.overall_timeout)),
            Some(body) => builder
                .timeout_recv_response(Some(config.overall_timeout))
                .timeout_per_read(Some(config.overall_timeout))
                .timeout_recv_body(Some(body)),
        }
        .build();
        Fetcher {
            agent: ureq::Agent::new_with_config(agent_config),
            limiter: config.min_interval.map(RateLimiter::new),
            config,
        }
    }

    /// GETs `url` with retries. With `validators`, sends `If-None-Match`/`If-Modified-Since`
    /// and may return [`Fetched::NotModified`]. Errors name the redacted URL.
    pub fn get(&mut self, url: &str, validators: Option<&Validators>) -> anyhow::Result<Fetched> {
        let shown = redact(url);
        self.with_retries(url, |fetcher, current| {
            fetcher.attempt(current, &shown, validators)
        })
    }

    /// Downloads `url` to the file `dest`, streaming (the body is never held in memory), with
    /// the same timeouts, retries, backoff, redirects and rate limit as [`Fetcher::get`]. The
    /// body goes to `dest` with `.part` appended and is renamed to `dest` only when complete,
    /// so an interrupted download never leaves a truncated file at `dest`. More than
    /// `max_bytes` (once decompressed) is refused. Returns the bytes written.
    pub fn download_to(&mut self, url: &str, dest: &Path, max_bytes: u64) -> anyhow::Result<u64> {
        let shown = redact(url);
        let mut partial = dest.as_os_str().to_owned();
        partial.push(".part");
        let partial = PathBuf::from(partial);
        let result = self.with_retries(url, |fetcher, current| {
            fetcher.attempt_to_file(current, &shown, &partial, max_bytes)
        });
        let bytes = match result {
            Ok(bytes) => bytes,
            Err(err) => {
                let _ = std::fs::remove_file(&partial);
                return Err(err);
            }
        };
        std::fs::rename(&partial, dest)
            .with_context(|| format!("cannot move the download to {}", dest.display()))?;
        Ok(bytes)
    }

    /// The retry loop around one kind of attempt: rate limit, same-host redirects, retries
    /// with backoff (or the server's `Retry-After`), progress lines on stderr.
    fn with_retries<T>(
        &mut self,
        url: &str,
        mut attempt: impl FnMut(&Fetcher, &str) -> Attempt<T>,
    ) -> anyhow::Result<T> {
        let shown = redact(url);
        let mut retry = 0u32;
        let mut current = url.to_string();
        let mut redirects = 0u32;
        loop {
            if let Some(limiter) = &mut self.limiter {
                std::thread::sleep(limiter.reserve(Instant::now()));
            }
            let (reason, retry_after) = match attempt(self, &current) {
                Attempt::Done(fetched) => return Ok(fetched),
                Attempt::Fail(err) => return Err(err),
                Attempt::Redirect(location) => {
                    let target = resolve_location(&current, &location);
                    match target {
                        Some(target)
                            if redirect_allowed(&current, &target) && redirects < MAX_REDIRECTS =>
                        {
                            redirects += 1;
                            current = target;
                            continue;
                        }
                        _ => anyhow::bail!(
                            "GET {shown}: redirect to {} refused (only {MAX_REDIRECTS} \
                             redirects on the same host, never to plain HTTP)",
                            redact(&crate::cli_values::excerpt(&location))
                        ),
                    }
                }
                Attempt::Retry {
                    reason,
                    retry_after,
                } => (reason, retry_after),
            };
            retry += 1;
            if retry >= self.config.max_attempts {
                anyhow::bail!(
                    "GET {shown} failed after {} attempt{}: {reason}",
                    self.config.max_attempts,
                    if self.config.max_attempts == 1 {
                        ""
                    } else {
                        "s"
                    }
                );
            }
            let wait = match retry_after {
                Some(asked) if asked > MAX_RETRY_AFTER => anyhow::bail!(
                    "GET {shown}: {reason}; the server asks to wait {} s, more than the {} s \
                     bullcheck waits; try again later",
                    asked.as_secs(),
                    MAX_RETRY_AFTER.as_secs()
                ),
                Some(asked) => asked,
                None => backoff_delay(self.config.retry_base, retry),
            };
            eprintln!(
                "  {}: {reason}; retry {retry} of {} in {}",
                host_of(&shown),
                self.config.max_attempts - 1,
                human_duration(wait)
            );
            std::thread::sleep(wait);
        }
    }
}
