//! One request: the status, redirect and validators of the answer, and its body read in
//! memory or streamed to a file under the size cap.

use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use super::config::MAX_BODY_BYTES;
use super::retry::{parse_retry_after, transport_failure};
use super::urls::redact;
use super::{Attempt, Download, Fetched, Fetcher, Validators};

impl Fetcher {
    pub(super) fn attempt(
        &self,
        url: &str,
        shown: &str,
        validators: Option<&Validators>,
    ) -> Attempt<Fetched> {
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
    pub(super) fn attempt_to_file(
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
pub(super) fn failed_status<T>(
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
pub(super) enum BodyError {
    /// More than the cap once decompressed (or on the wire).
    TooLarge,
    Read(std::io::Error),
}

/// Reads a decoded body, refusing more than `cap` bytes; bytes past the cap are never buffered.
pub(super) fn read_decoded(reader: impl std::io::Read, cap: u64) -> Result<Vec<u8>, BodyError> {
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
pub(super) fn copy_decoded(
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
pub(super) fn is_body_limit(err: &std::io::Error) -> bool {
    err.get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
        .is_some_and(|e| matches!(e, ureq::Error::BodyExceedsLimit(_)))
}

/// A response header as text, if present and valid.
pub(super) fn response_header<B>(response: &ureq::http::Response<B>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}
