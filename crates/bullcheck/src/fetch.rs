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

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

/// The User-Agent of every request except SEC's.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "bullcheck/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/bullcheck/bullcheck)"
);

/// The environment variable holding the SEC User-Agent ("Name email@example.com").
pub const SEC_USER_AGENT_ENV: &str = "BULLCHECK_SEC_USER_AGENT";

/// SEC EDGAR fair-access policy: no more than 10 requests per second.
pub const SEC_MIN_INTERVAL: Duration = Duration::from_millis(100);

/// The longest `Retry-After` we honour; a server asking for more gets an error instead of a
/// CLI that hangs for an hour.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// The largest body we accept (SEC companyfacts of the largest filers are tens of MB).
const MAX_BODY_BYTES: u64 = 512 * 1024 * 1024;

/// How the client behaves; [`FetchConfig::from_env`] gives the defaults with env overrides.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    pub connect_timeout: Duration,
    /// Limit for one whole attempt (connect, headers and body).
    pub overall_timeout: Duration,
    /// Attempts in all, the first one included (at least 1).
    pub max_attempts: u32,
    /// The wait before the first retry; it doubles for each further retry.
    pub retry_base: Duration,
    /// The most bytes one response may have once decompressed (gzip/brotli included);
    /// `BULLCHECK_HTTP_MAX_BODY_MB` sets it in MiB.
    pub max_body_bytes: u64,
    /// Minimum spacing between requests (None: no limit).
    pub min_interval: Option<Duration>,
    /// For large downloads ([`Fetcher::download_to`], the SEC bulk archive): the whole body
    /// must arrive within this, instead of within `overall_timeout`; the headers must still
    /// arrive within `overall_timeout`, and every read must make progress within it, so a
    /// stalled download fails (and is retried) rather than hanging.
    pub long_body_timeout: Option<Duration>,
}

impl FetchConfig {
    /// Defaults, overridden by `BULLCHECK_HTTP_TIMEOUT_MS`, `BULLCHECK_HTTP_MAX_ATTEMPTS` and
    /// `BULLCHECK_HTTP_RETRY_BASE_MS`.
    pub fn from_env(user_agent: &str) -> anyhow::Result<FetchConfig> {
        Ok(FetchConfig {
            user_agent: user_agent.to_string(),
            connect_timeout: Duration::from_secs(10),
            overall_timeout: Duration::from_millis(env_number(
                "BULLCHECK_HTTP_TIMEOUT_MS",
                120_000,
            )?),
            max_attempts: u32::try_from(env_number("BULLCHECK_HTTP_MAX_ATTEMPTS", 5)?)
                .context("BULLCHECK_HTTP_MAX_ATTEMPTS is too large")?
                .max(1),
            retry_base: Duration::from_millis(env_number("BULLCHECK_HTTP_RETRY_BASE_MS", 500)?),
            max_body_bytes: env_number("BULLCHECK_HTTP_MAX_BODY_MB", MAX_BODY_BYTES >> 20)?
                .clamp(1, 1 << 20)
                << 20,
            min_interval: None,
            long_body_timeout: None,
        })
    }
}

fn env_number(name: &str, default: u64) -> anyhow::Result<u64> {
    match std::env::var(name) {
        Ok(text) => text.trim().parse().with_context(|| {
            format!("{name}={text:?} is not a whole number (unset it to use {default})")
        }),
        Err(_) => Ok(default),
    }
}

/// The SEC User-Agent from `BULLCHECK_SEC_USER_AGENT`: required, "Name email@example.com".
pub fn sec_user_agent() -> anyhow::Result<String> {
    check_sec_user_agent(&std::env::var(SEC_USER_AGENT_ENV).unwrap_or_default())
}

fn check_sec_user_agent(value: &str) -> anyhow::Result<String> {
    let value = value.trim();
    if value.is_empty() {
        anyhow::bail!(
            "{SEC_USER_AGENT_ENV} is not set: SEC EDGAR requires a User-Agent naming you and \
             an email address.\n  hint: export {SEC_USER_AGENT_ENV}=\"Jane Doe jane@example.com\""
        );
    }
    if !value.contains('@') || !value.contains(' ') {
        anyhow::bail!(
            "{SEC_USER_AGENT_ENV}={value:?} does not look like \"Name email@example.com\"; \
             SEC EDGAR blocks requests without a contact.\n  hint: export \
             {SEC_USER_AGENT_ENV}=\"Jane Doe jane@example.com\""
        );
    }
    Ok(value.to_string())
}

/// Replaces the value of every `api_key=` query parameter (in a URL or any text) by `REDACTED`.
pub fn redact(text: &str) -> String {
    const NEEDLE: &str = "api_key=";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(NEEDLE) {
        out.push_str(&rest[..pos + NEEDLE.len()]);
        rest = &rest[pos + NEEDLE.len()..];
        let end = rest
            .find(|c: char| c == '&' || c == '"' || c == '\'' || c.is_whitespace())
            .unwrap_or(rest.len());
        out.push_str("REDACTED");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The host of a URL (`https://fred.stlouisfed.org/graph/...` → `fred.stlouisfed.org`).
pub fn host_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme)
}

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

/// The most redirects one `get` follows.
const MAX_REDIRECTS: u32 = 5;

/// `scheme://host[:port]` of an absolute URL, host lower-cased.
fn origin_of(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    Some((scheme.to_ascii_lowercase(), authority.to_ascii_lowercase()))
}

/// The absolute target of a `Location` relative to `from` (absolute or `/path`).
fn resolve_location(from: &str, location: &str) -> Option<String> {
    if location.contains("://") {
        return Some(location.to_string());
    }
    let (scheme, authority) = origin_of(from)?;
    location
        .starts_with('/')
        .then(|| format!("{scheme}://{authority}{location}"))
}

/// A redirect stays on the same host and never downgrades: same scheme, or http → https.
fn redirect_allowed(from: &str, to: &str) -> bool {
    let (Some((s1, a1)), Some((s2, a2))) = (origin_of(from), origin_of(to)) else {
        return false;
    };
    let host = |a: &str| a.rsplit_once(':').map_or(a, |(h, _)| h).to_string();
    let same_host = a1 == a2 || (s1 == "http" && s2 == "https" && host(&a1) == host(&a2));
    same_host && (s1 == s2 || (s1 == "http" && s2 == "https"))
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

    fn attempt(&self, url: &str, shown: &str, validators: Option<&Validators>) -> Attempt<Fetched> {
        let mut request = self.agent.get(url);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag.as_str());
            }
            if let Some(date) = &v.last_modified {
                request = request.header("If-Modified-Since", date.as_str());
            }
        }
        let mut response = match request.call() {
            Ok(response) => response,
            Err(err) => return transport_failure(&err, shown),
        };
        let status = response.status().as_u16();
        let header = |name: &str| response_header(&response, name);
        let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v));
        let validators_received = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let declared_length = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
        let encoded = header("content-encoding").is_some();

        if status == 304 {
            return Attempt::Done(Fetched::NotModified);
        }
        if (300..=399).contains(&status) {
            return match header("location") {
                Some(location) => Attempt::Redirect(location),
                None => Attempt::Fail(anyhow::anyhow!(
                    "GET {shown}: HTTP {status} without a Location"
                )),
            };
        }
        // ureq's limit counts the bytes on the wire; a gzip body is capped once inflated too.
        let cap = self.config.max_body_bytes;
        let body = read_decoded(
            response
                .body_mut()
                .with_config()
                .limit(cap.min(MAX_BODY_BYTES))
                .reader(),
            cap,
        );
        if !(200..=299).contains(&status) {
            return failed_status(status, shown, retry_after, body.as_deref().ok());
        }
        let bytes = match body {
            Ok(bytes) => bytes,
            Err(BodyError::TooLarge) => {
                return Attempt::Fail(anyhow::anyhow!(
                    "GET {shown}: the body is larger than {cap} bytes once decompressed \
                     (BULLCHECK_HTTP_MAX_BODY_MB raises the cap)"
                ));
            }
            Err(BodyError::Read(err)) => {
                return Attempt::Retry {
                    reason: format!("truncated body ({})", redact(&err.to_string())),
                    retry_after: None,
                };
            }
        };
        if let Some(expected) = declared_length
            && !encoded
            && (bytes.len() as u64) < expected
        {
            return Attempt::Retry {
                reason: format!(
                    "truncated body: {} of {expected} bytes (Content-Length)",
                    bytes.len()
                ),
                retry_after: None,
            };
        }
        Attempt::Done(Fetched::Body(Download {
            bytes,
            validators: validators_received,
        }))
    }

    /// One attempt of [`Fetcher::download_to`]: the body streamed to `partial` (created
    /// afresh), at most `max_bytes` once decompressed (and on the wire).
    fn attempt_to_file(
        &self,
        url: &str,
        shown: &str,
        partial: &Path,
        max_bytes: u64,
    ) -> Attempt<u64> {
        let mut response = match self.agent.get(url).call() {
            Ok(response) => response,
            Err(err) => return transport_failure(&err, shown),
        };
        let status = response.status().as_u16();
        let header = |name: &str| response_header(&response, name);
        let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v));
        let declared_length = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
        let encoded = header("content-encoding").is_some();
        if (300..=399).contains(&status) {
            return match header("location") {
                Some(location) => Attempt::Redirect(location),
                None => Attempt::Fail(anyhow::anyhow!(
                    "GET {shown}: HTTP {status} without a Location"
                )),
            };
        }
        if !(200..=299).contains(&status) {
            // Only the start of an error page is shown; never buffer more than that.
            let snippet = read_decoded(
                response.body_mut().with_config().limit(1 << 16).reader(),
                1 << 16,
            );
            return failed_status(status, shown, retry_after, snippet.as_deref().ok());
        }
        let written = (|| -> std::io::Result<Result<u64, BodyError>> {
            let mut file = std::fs::File::create(partial)?;
            let reader = response
                .body_mut()
                .with_config()
                .limit(max_bytes.saturating_add(1))
                .reader();
            let copied = copy_decoded(reader, &mut file, max_bytes);
            if copied.is_ok() {
                file.flush()?;
                file.sync_all()?;
            }
            Ok(copied)
        })();
        let bytes = match written {
            Err(err) => {
                return Attempt::Fail(anyhow::anyhow!("cannot write {}: {err}", partial.display()));
            }
            Ok(Ok(bytes)) => bytes,
            Ok(Err(BodyError::TooLarge)) => {
                return Attempt::Fail(anyhow::anyhow!(
                    "GET {shown}: the download passed {max_bytes} bytes: refused"
                ));
            }
            Ok(Err(BodyError::Read(err))) => {
                return Attempt::Retry {
                    reason: format!("truncated body ({})", redact(&err.to_string())),
                    retry_after: None,
                };
            }
        };
        if let Some(expected) = declared_length
            && !encoded
            && bytes < expected
        {
            return Attempt::Retry {
                reason: format!("truncated body: {bytes} of {expected} bytes (Content-Length)"),
                retry_after: None,
            };
        }
        Attempt::Done(bytes)
    }
}

/// The attempt's outcome for a status other than 2xx and 3xx: 429 and 5xx are retried
/// (429 after its `Retry-After`), any other status fails naming it, with the start of the
/// body.
fn failed_status<T>(
    status: u16,
    shown: &str,
    retry_after: Option<Duration>,
    body: Option<&[u8]>,
) -> Attempt<T> {
    if status == 429 || (500..=599).contains(&status) {
        return Attempt::Retry {
            reason: format!("HTTP {status}"),
            retry_after: if status == 429 { retry_after } else { None },
        };
    }
    let snippet = body
        .map(|b| {
            String::from_utf8_lossy(&b[..b.len().min(300)])
                .trim()
                .to_string()
        })
        .unwrap_or_default();
    let hint = match status {
        404 => " (not found: check the series id)",
        400 => " (bad request: check the series id)",
        401 | 403 => " (refused: check the API key or User-Agent)",
        _ => "",
    };
    let mut message = format!("GET {shown}: HTTP {status}{hint}");
    if !snippet.is_empty() {
        message.push_str(&format!(": {}", redact(&snippet)));
    }
    Attempt::Fail(anyhow::anyhow!(message))
}

/// Why a body could not be read.
enum BodyError {
    /// More than the cap once decompressed (or on the wire).
    TooLarge,
    Read(std::io::Error),
}

/// Reads a decoded body, refusing more than `cap` bytes; bytes past the cap are never buffered.
fn read_decoded(reader: impl std::io::Read, cap: u64) -> Result<Vec<u8>, BodyError> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    match reader.take(cap.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > cap => Err(BodyError::TooLarge),
        Ok(_) => Ok(bytes),
        Err(err) if is_body_limit(&err) => Err(BodyError::TooLarge),
        Err(err) => Err(BodyError::Read(err)),
    }
}

/// Copies a decoded body to `out`, refusing more than `cap` bytes (the bytes past the cap are
/// never written). A write error is a read error here: the caller retries, then fails naming
/// it.
fn copy_decoded(
    reader: impl std::io::Read,
    out: &mut impl std::io::Write,
    cap: u64,
) -> Result<u64, BodyError> {
    match std::io::copy(&mut reader.take(cap.saturating_add(1)), out) {
        Ok(n) if n > cap => Err(BodyError::TooLarge),
        Ok(n) => Ok(n),
        Err(err) if is_body_limit(&err) => Err(BodyError::TooLarge),
        Err(err) => Err(BodyError::Read(err)),
    }
}

/// Whether a read failed on ureq's body limit.
fn is_body_limit(err: &std::io::Error) -> bool {
    err.get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
        .is_some_and(|e| matches!(e, ureq::Error::BodyExceedsLimit(_)))
}

/// `1.5 s`, `250 ms`.
fn human_duration(duration: Duration) -> String {
    if duration >= Duration::from_secs(1) {
        format!("{:.1} s", duration.as_secs_f64())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// Errors worth retrying: timeouts, connection and read failures, dropped connections.
/// A request that got no HTTP answer: retried when the fault is transient (timeout,
/// connection reset), else a failure naming the (redacted) URL.
fn transport_failure<T>(err: &ureq::Error, shown: &str) -> Attempt<T> {
    if is_transient(err) {
        Attempt::Retry {
            reason: redact(&err.to_string()),
            retry_after: None,
        }
    } else {
        Attempt::Fail(anyhow::anyhow!("GET {shown}: {}", redact(&err.to_string())))
    }
}

/// A response header as text, if present and valid.
fn response_header<B>(response: &ureq::http::Response<B>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
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
fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// `$BULLCHECK_HOME/cache/http.json`: the validators of the last imported download per URL
/// (API keys redacted from the keys).
#[derive(Debug)]
pub struct ValidatorCache {
    path: PathBuf,
    entries: BTreeMap<String, Validators>,
}

impl ValidatorCache {
    /// Loads the cache; a missing file is an empty cache, and so is an unreadable one (with a
    /// warning): validators only save bandwidth, losing them is harmless.
    pub fn load(path: &Path) -> ValidatorCache {
        let entries = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|err| {
                eprintln!(
                    "warning: ignoring the unreadable HTTP cache {}: {err}",
                    path.display()
                );
                BTreeMap::new()
            }),
            Err(_) => BTreeMap::new(),
        };
        ValidatorCache {
            path: path.to_path_buf(),
            entries,
        }
    }

    pub fn get(&self, url: &str) -> Option<&Validators> {
        self.entries.get(&redact(url)).filter(|v| !v.is_empty())
    }

    /// Records the validators of `url` (or forgets them when the server sent none).
    pub fn set(&mut self, url: &str, validators: Validators) {
        if validators.is_empty() {
            self.entries.remove(&redact(url));
        } else {
            self.entries.insert(redact(url), validators);
        }
    }

    /// Writes the cache atomically: a temporary file in the same directory, then a rename.
    pub fn save(&self) -> anyhow::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the cache directory {}", dir.display()))?;
        let temp = dir.join(format!(".http.json.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(&serde_json::to_vec_pretty(&self.entries)?)?;
            file.sync_all()?;
            std::fs::rename(&temp, &self.path)
        };
        write().with_context(|| format!("cannot write the HTTP cache {}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_without_jitter() {
        let base = Duration::from_millis(500);
        let delays: Vec<Duration> = (1..=4).map(|n| backoff_delay(base, n)).collect();
        assert_eq!(
            delays,
            [
                Duration::from_millis(500),
                Duration::from_secs(1),
                Duration::from_secs(2),
                Duration::from_secs(4)
            ]
        );
        // Deterministic: the same retry always waits the same.
        assert_eq!(backoff_delay(base, 3), backoff_delay(base, 3));
    }

    #[test]
    fn redirects_stay_on_the_host_and_never_downgrade() {
        assert!(redirect_allowed(
            "https://fred.stlouisfed.org/a",
            "https://fred.stlouisfed.org/b"
        ));
        assert!(redirect_allowed(
            "http://127.0.0.1:5/a",
            "http://127.0.0.1:5/b"
        ));
        assert!(redirect_allowed("http://sec.gov/a", "https://sec.gov/b"));
        assert!(!redirect_allowed("https://sec.gov/a", "http://sec.gov/b"));
        assert!(!redirect_allowed(
            "https://sec.gov/a",
            "https://evil.example/b"
        ));
        assert!(!redirect_allowed(
            "https://sec.gov/a",
            "https://sec.gov@evil.example/b"
        ));
        assert_eq!(
            resolve_location("https://h.org/x?y", "/z").as_deref(),
            Some("https://h.org/z")
        );
        assert_eq!(resolve_location("https://h.org/x", "z"), None);
    }

    #[test]
    fn rate_limiter_allows_ten_requests_per_second() {
        let start = Instant::now();
        let mut limiter = RateLimiter::new(SEC_MIN_INTERVAL);
        // Eleven requests at the same instant: the 11th waits a full second.
        let waits: Vec<Duration> = (0..11).map(|_| limiter.reserve(start)).collect();
        assert_eq!(waits[0], Duration::ZERO);
        assert_eq!(waits[1], Duration::from_millis(100));
        assert_eq!(waits[10], Duration::from_secs(1));
        // Slots booked within any one second of fake time: at most 10.
        let slots: Vec<Duration> = waits.clone();
        for window_start in &slots {
            let in_window = slots
                .iter()
                .filter(|s| **s >= *window_start && **s < *window_start + Duration::from_secs(1))
                .count();
            assert!(in_window <= 10, "{in_window} requests within one second");
        }
    }

    #[test]
    fn rate_limiter_does_not_wait_after_a_pause() {
        let start = Instant::now();
        let mut limiter = RateLimiter::new(Duration::from_millis(100));
        assert_eq!(limiter.reserve(start), Duration::ZERO);
        // 250 ms later (fake clock) the next request may go at once ...
        let later = start + Duration::from_millis(250);
        assert_eq!(limiter.reserve(later), Duration::ZERO);
        // ... and one 30 ms after that waits the remaining 70 ms.
        assert_eq!(
            limiter.reserve(later + Duration::from_millis(30)),
            Duration::from_millis(70)
        );
    }

    #[test]
    fn redact_hides_every_api_key() {
        let url = "https://api.stlouisfed.org/fred/series/observations?series_id=DGS10&api_key=abcdef0123456789abcdef0123456789&file_type=json";
        assert_eq!(
            redact(url),
            "https://api.stlouisfed.org/fred/series/observations?series_id=DGS10&api_key=REDACTED&file_type=json"
        );
        assert_eq!(redact("x?api_key=secret"), "x?api_key=REDACTED");
        assert_eq!(redact("no key here"), "no key here");
        assert!(!redact("a api_key=k1 b api_key=k2&c").contains("k1"));
        assert!(!redact("a api_key=k1 b api_key=k2&c").contains("k2"));
    }

    #[test]
    fn host_of_urls() {
        assert_eq!(
            host_of("https://fred.stlouisfed.org/graph/fredgraph.csv?id=DGS10"),
            "fred.stlouisfed.org"
        );
        assert_eq!(host_of("http://127.0.0.1:4000/x"), "127.0.0.1:4000");
        assert_eq!(host_of("https://data.sec.gov"), "data.sec.gov");
    }

    #[test]
    fn retry_after_seconds() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn validator_cache_round_trips_atomically_and_redacts_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache/http.json");
        let mut cache = ValidatorCache::load(&path);
        assert!(cache.get("https://x/a").is_none());
        let v = Validators {
            etag: Some("\"abc\"".into()),
            last_modified: Some("Wed, 21 Oct 2015 07:28:00 GMT".into()),
        };
        cache.set("https://x/a?api_key=secret", v.clone());
        cache.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("secret"));
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["http.json"]);
        let reloaded = ValidatorCache::load(&path);
        assert_eq!(reloaded.get("https://x/a?api_key=other"), Some(&v));
    }

    #[test]
    fn unreadable_validator_cache_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("http.json");
        std::fs::write(&path, "{not json").unwrap();
        assert!(ValidatorCache::load(&path).get("https://x/a").is_none());
    }

    #[test]
    fn sec_user_agent_needs_a_name_and_an_email() {
        let missing = check_sec_user_agent("  ").unwrap_err().to_string();
        assert!(
            missing.contains("is not set") && missing.contains("hint"),
            "{missing}"
        );
        let no_email = check_sec_user_agent("bullcheck").unwrap_err().to_string();
        assert!(no_email.contains("Name email@example.com"), "{no_email}");
        assert_eq!(
            check_sec_user_agent(" Jane Doe jane@example.com ").unwrap(),
            "Jane Doe jane@example.com"
        );
    }
}
