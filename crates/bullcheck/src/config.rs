//! The config file, `$BULLCHECK_HOME/config.toml`: a user's standing choices, so they need not
//! be typed on every command. Keys (all optional):
//!
//! ```toml
//! lang = "zh"          # default --lang: en | zh
//! format = "json"      # default --format of every command that offers it
//! home = "/data/bc"    # where the store lives when neither --home nor BULLCHECK_HOME says
//! offline = true       # as --offline
//! ```
//!
//! Precedence: the command line and the environment, then the file, then the built-in
//! defaults. The file is read from the home given by `--home`/`BULLCHECK_HOME`, else the
//! platform data directory. An unknown key or a wrong value is refused naming the file, line
//! and key (exit 2). `bullcheck config show` prints the file and the settings in effect.
//!
//! How: the defaults of clap's `--lang` and every `--format` are replaced before the command
//! line is parsed (a value the user types still wins, and `--help` shows the default in
//! effect); a `format` that a command does not offer leaves that command's default alone.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{CommandFactory as _, FromArgMatches as _, Parser as _};
use serde::Deserialize;

use crate::cli::Cli;

/// The file's keys.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub lang: Option<String>,
    pub format: Option<String>,
    pub home: Option<PathBuf>,
    pub offline: Option<bool>,
}

/// `HOME/config.toml`.
pub fn path(home: &Path) -> PathBuf {
    home.join("config.toml")
}

/// Reads `HOME/config.toml`; a missing file is the empty config.
pub fn load(home: &Path) -> anyhow::Result<Config> {
    let file = path(home);
    if !home.is_dir() {
        // No home yet (or a file in its place, which `Settings` reports): no config.
        return Ok(Config::default());
    }
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", file.display())),
    };
    parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))
}

/// Parses the file's text; errors name the line and the key.
pub fn parse(text: &str) -> Result<Config, String> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        match line {
            Some(line) => format!("line {line}: {}", e.message()),
            None => e.message().to_string(),
        }
    })?;
    if let Some(lang) = &config.lang
        && !matches!(lang.as_str(), "en" | "zh")
    {
        return Err(format!("key `lang`: `{lang}` is not en or zh"));
    }
    Ok(config)
}

/// The command line with the config file's defaults applied; exits (as clap does) on
/// `--help`, `--version` and usage errors.
pub fn parse_cli() -> anyhow::Result<Cli> {
    let first = Cli::parse();
    let home = home_of(first.home.as_deref())?;
    let config = load(&home)?;
    if config.lang.is_none() && config.format.is_none() {
        return Ok(first);
    }
    let mut command = Cli::command();
    if let Some(lang) = &config.lang {
        let lang: &'static str = Box::leak(lang.clone().into_boxed_str());
        command = command.mut_arg("lang", |a| a.default_value(lang));
    }
    if let Some(format) = &config.format {
        command = with_format_default(command, Box::leak(format.clone().into_boxed_str()));
    }
    let matches = command.get_matches();
    Cli::from_arg_matches(&matches).map_err(|e| e.exit())
}

/// `command` and its subcommands, with `format` as the default `--format` wherever it is one
/// of the offered values.
fn with_format_default(mut command: clap::Command, format: &'static str) -> clap::Command {
    let offered = command
        .get_arguments()
        .find(|a| a.get_id() == "format")
        .is_some_and(|a| {
            a.get_possible_values()
                .iter()
                .any(|v| v.matches(format, true))
        });
    if offered {
        command = command.mut_arg("format", |a| a.default_value(format));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, |s| with_format_default(s, format));
    }
    command
}

/// The home named on the command line or in `BULLCHECK_HOME`, else the platform data
/// directory: where `config.toml` is read.
pub fn home_of(flag: Option<&Path>) -> anyhow::Result<PathBuf> {
    use etcetera::BaseStrategy as _;
    if let Some(h) = flag {
        return Ok(h.to_path_buf());
    }
    let strategy = etcetera::choose_base_strategy().context(
        "cannot find the platform data directory; pass --home DIR or set BULLCHECK_HOME",
    )?;
    Ok(strategy.data_dir().join("bullcheck"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_unknown_keys_are_refused_with_their_line() {
        let c = parse("lang = \"zh\"\nformat = \"json\"\noffline = true\n").unwrap();
        assert_eq!(c.lang.as_deref(), Some("zh"));
        assert_eq!(c.format.as_deref(), Some("json"));
        assert_eq!(c.offline, Some(true));
        let err = parse("lang = \"zh\"\ncolour = \"red\"\n").unwrap_err();
        assert!(err.contains("line 2") && err.contains("colour"), "{err}");
        let err = parse("lang = \"fr\"\n").unwrap_err();
        assert!(err.contains("lang") && err.contains("fr"), "{err}");
        assert!(parse("offline = \"yes\"\n").is_err());
    }

    #[test]
    fn format_default_reaches_every_command_that_offers_it() {
        let command = with_format_default(Cli::command(), "json");
        let m = command
            .clone()
            .try_get_matches_from(["bullcheck", "audit"])
            .unwrap();
        let (_, audit) = m.subcommand().unwrap();
        assert_eq!(
            audit.get_one::<crate::cli::AuditFormat>("format").copied(),
            Some(crate::cli::AuditFormat::Json)
        );
        // `checks` offers table and markdown only: its default stays.
        let m = command
            .try_get_matches_from(["bullcheck", "checks"])
            .unwrap();
        let (_, checks) = m.subcommand().unwrap();
        assert_eq!(
            checks
                .get_one::<crate::cli::ChecksFormat>("format")
                .copied(),
            Some(crate::cli::ChecksFormat::Table)
        );
    }
}
