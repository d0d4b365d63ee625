//! Resolved settings: the command line plus environment, turned once into plain values that
//! commands use. Commands never read clap types for global options or environment variables
//! directly.

use std::path::PathBuf;

use anyhow::Context as _;

use crate::cli::{Cli, ColorChoice, Lang};

#[derive(Debug, Clone)]
pub struct Settings {
    /// Directory of the store, caches and user checks.
    pub home: PathBuf,
    pub offline: bool,
    pub lang: Lang,
    pub color: bool,
    /// Today's date (the clock read once): the cutoff for future-dated rows of a local file.
    pub today: jiff::civil::Date,
}

impl Settings {
    pub fn from_cli(cli: &Cli) -> anyhow::Result<Settings> {
        let home = match &cli.home {
            Some(h) => h.clone(),
            None => default_home()?,
        };
        if home.exists() && !home.is_dir() {
            anyhow::bail!(
                "--home {}: not a directory (BULLCHECK_HOME and --home name the directory that \
                 holds bullcheck.sqlite)",
                home.display()
            );
        }
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::IsTerminal::is_terminal(&std::io::stdout())
            }
        };
        Ok(Settings {
            home,
            offline: cli.offline,
            lang: cli.lang,
            color,
            today: today(),
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

/// Today's date in the local time zone: the one place the binary reads the calendar. Commands
/// read it once, through [`Settings::today`]; the long-running dashboard asks again for each
/// build when no `--as-of` is fixed.
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

fn default_home() -> anyhow::Result<PathBuf> {
    use etcetera::BaseStrategy as _;
    let strategy = etcetera::choose_base_strategy().context(
        "cannot find the platform data directory; pass --home DIR or set BULLCHECK_HOME",
    )?;
    Ok(strategy.data_dir().join("bullcheck"))
}
