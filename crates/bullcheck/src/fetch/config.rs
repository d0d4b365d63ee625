//! How the client behaves: timeouts, attempts, backoff base, body cap, from the defaults and
//! their `BULLCHECK_HTTP_*` environment overrides; the SEC User-Agent.

use std::time::Duration;

use anyhow::Context as _;

use crate::settings::Environment;

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
pub(super) const MAX_BODY_BYTES: u64 = 512 * 1024 * 1024;

/// How the client behaves; [`FetchConfig::new`] gives the defaults with env overrides.
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
    /// Defaults, overridden by `BULLCHECK_HTTP_TIMEOUT_MS`, `BULLCHECK_HTTP_MAX_ATTEMPTS`,
    /// `BULLCHECK_HTTP_RETRY_BASE_MS` and `BULLCHECK_HTTP_MAX_BODY_MB`.
    pub fn new(env: &Environment, user_agent: &str) -> anyhow::Result<FetchConfig> {
        let env_number = |name: &str, default: u64| env_number(env, name, default);
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

fn env_number(env: &Environment, name: &str, default: u64) -> anyhow::Result<u64> {
    match env.get(name) {
        Some(text) => text.parse().with_context(|| {
            format!("{name}={text:?} is not a whole number (unset it to use {default})")
        }),
        None => Ok(default),
    }
}

/// The SEC User-Agent from `BULLCHECK_SEC_USER_AGENT`: required, "Name email@example.com".
pub fn sec_user_agent(env: &Environment) -> anyhow::Result<String> {
    check_sec_user_agent(env.get(SEC_USER_AGENT_ENV).unwrap_or_default())
}

pub(super) fn check_sec_user_agent(value: &str) -> anyhow::Result<String> {
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
