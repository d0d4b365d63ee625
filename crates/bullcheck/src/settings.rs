//! Resolved settings: the command line plus environment, turned once into plain values that
//! commands use. Commands never read clap types for global options or environment variables
//! directly.
//!
//! This file is the one place the binary reads the environment ([`Environment::read`]) and the
//! wall clock ([`clock`]); `crates/bullcheck/clippy.toml` forbids both everywhere else.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::cli::{Cli, ColorChoice, Lang};

#[derive(Debug, Clone)]
pub struct Settings {
    /// Directory of the store, caches and user checks.
    pub home: PathBuf,
    pub offline: bool,
    pub lang: Lang,
    pub color: bool,
    /// Today's date (the clock read once): the default `--as-of` and the cutoff for
    /// future-dated rows of a local file or a download.
    pub today: jiff::civil::Date,
    /// The environment variables bullcheck reads, read once.
    pub env: Environment,
}

impl Settings {
    pub fn from_cli(cli: &Cli) -> anyhow::Result<Settings> {
        // The config file lives in the home the command line, the environment or the
        // platform gives; its `home` moves the store only when neither of the first two did.
        let config_home = crate::config::home_of(cli.home.as_deref())?;
        let config = crate::config::load(&config_home)?;
        let home = match (&cli.home, &config.home) {
            (Some(h), _) => h.clone(),
            (None, Some(h)) => h.clone(),
            (None, None) => config_home,
        };
        if home.exists() && !home.is_dir() {
            anyhow::bail!(
                "--home {}: not a directory (BULLCHECK_HOME and --home name the directory that \
                 holds bullcheck.sqlite)",
                home.display()
            );
        }
        let env = Environment::read();
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                env.get("NO_COLOR").is_none()
                    && std::io::IsTerminal::is_terminal(&std::io::stdout())
            }
        };
        Ok(Settings {
            home,
            offline: cli.offline || config.offline == Some(true),
            lang: cli.lang,
            color,
            today: clock::today(),
            env,
        })
    }

    /// `$BULLCHECK_HOME/bullcheck.sqlite`.
    pub fn store_path(&self) -> PathBuf {
        self.home.join("bullcheck.sqlite")
    }

    /// `$BULLCHECK_HOME/checks/`: user-defined TOML checks.
    pub fn user_checks_dir(&self) -> PathBuf {
        self.home.join("checks")
    }

    /// `$BULLCHECK_HOME/cache/`: downloaded bodies and HTTP validators (ETag, Last-Modified).
    pub fn cache_dir(&self) -> PathBuf {
        self.home.join("cache")
    }
}

/// The wall clock. Commands read the date once, through [`Settings::today`]; what is read
/// here besides is when something happened, for the record (an import's `imported_at`, a
/// download's `retrieved_at`, a dashboard update's start and end), and the date of each
/// dashboard build when no `--as-of` is fixed (the server runs for days).
#[allow(clippy::disallowed_methods)]
pub mod clock {
    /// Today's date in the local time zone.
    pub fn today() -> jiff::civil::Date {
        jiff::Zoned::now().date()
    }

    /// Now, as an RFC 3339 UTC timestamp to the second.
    pub fn now_rfc3339() -> String {
        let now = jiff::Timestamp::now();
        jiff::Timestamp::from_second(now.as_second())
            .unwrap_or(now)
            .to_string()
    }
}

/// The environment variables bullcheck reads, each named in [`Environment::NAMES`], read once
/// when the settings are made. Values are trimmed; an empty value counts as unset.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    vars: BTreeMap<&'static str, String>,
}

impl Environment {
    /// Every variable bullcheck reads (besides `BULLCHECK_HOME`, which clap reads for `--home`).
    pub const NAMES: [&'static str; 14] = [
        // Live data.
        "FRED_API_KEY",
        "BULLCHECK_SEC_USER_AGENT",
        // The HTTP client (see fetch::FetchConfig).
        "BULLCHECK_HTTP_TIMEOUT_MS",
        "BULLCHECK_HTTP_MAX_ATTEMPTS",
        "BULLCHECK_HTTP_RETRY_BASE_MS",
        "BULLCHECK_HTTP_MAX_BODY_MB",
        // Publishers' base URLs (tests point them at a local server).
        "BULLCHECK_FRED_BASE_URL",
        "BULLCHECK_FRED_API_BASE_URL",
        "BULLCHECK_TREASURY_BASE_URL",
        "BULLCHECK_SEC_BASE_URL",
        "BULLCHECK_NYFED_BASE_URL",
        "BULLCHECK_SEC_BULK_URL",
        // Terminal.
        "NO_COLOR",
        // Where the measured track record is cached (default `$BULLCHECK_HOME/cache`; tests
        // share one folder so that each store state is measured once per run).
        "BULLCHECK_TRACK_RECORD_CACHE",
    ];

    /// Reads [`Environment::NAMES`] from the process environment.
    #[allow(clippy::disallowed_methods)]
    pub fn read() -> Environment {
        Environment::from_pairs(
            Environment::NAMES
                .iter()
                .filter_map(|&name| Some((name, std::env::var(name).ok()?))),
        )
    }

    /// An environment made of these pairs (tests); names outside [`Environment::NAMES`] and
    /// empty values are dropped.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (&'static str, String)>) -> Environment {
        Environment {
            vars: pairs
                .into_iter()
                .filter(|(name, _)| Environment::NAMES.contains(name))
                .map(|(name, value)| (name, value.trim().to_string()))
                .filter(|(_, value)| !value.is_empty())
                .collect(),
        }
    }

    /// The trimmed value of a variable, `None` when unset or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        debug_assert!(
            Environment::NAMES.contains(&name),
            "{name} is not in Environment::NAMES"
        );
        self.vars.get(name).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::Environment;

    #[test]
    fn environment_trims_values_and_treats_empty_as_unset() {
        let env = Environment::from_pairs([
            ("FRED_API_KEY", "  abc123 \n".to_string()),
            ("NO_COLOR", String::new()),
            ("BULLCHECK_SEC_BULK_URL", "   ".to_string()),
            ("PATH", "/usr/bin".to_string()),
        ]);
        assert_eq!(env.get("FRED_API_KEY"), Some("abc123"));
        assert_eq!(env.get("NO_COLOR"), None);
        assert_eq!(env.get("BULLCHECK_SEC_BULK_URL"), None);
        assert_eq!(env.vars.len(), 1, "names outside NAMES are not kept");
    }
}
