//! One file per subcommand; `run` is the single dispatch point.

mod audit;
pub mod bubbles;
mod checks;
pub mod companies;
mod data;
mod data_export;
mod data_files;
mod data_list;
mod data_vintages;
pub mod events;
pub mod history;
pub mod network;
pub mod portfolio;
pub mod report;
pub mod serve;
pub mod stress;

use crate::cli::{Cli, Command};
use crate::exit::ExitStatus;
use crate::settings::Settings;

pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    if let Command::Completions(args) = &cli.command {
        let mut text = Vec::new();
        let mut command = <Cli as clap::CommandFactory>::command();
        clap_complete::generate(args.shell, &mut command, "bullcheck", &mut text);
        crate::output::print(&String::from_utf8_lossy(&text))?;
        return Ok(ExitStatus::Success);
    }
    let settings = Settings::from_cli(&cli)?;
    match cli.command {
        Command::Completions(_) => unreachable!("handled above"),
        Command::Config(crate::cli::ConfigCommand::Show) => {
            let config_home = crate::config::home_of(cli.home.as_deref())?;
            crate::output::print(&config_show(&settings, &config_home)?)?;
            Ok(ExitStatus::Success)
        }
        Command::Audit(args) => audit::run(&settings, &args),
        Command::Checks(args) => checks::run(&settings, &args),
        Command::Data(cmd) => data::run(&settings, cmd),
        Command::Stress(cmd) => stress::run(&settings, cmd),
        Command::Companies(cmd) => companies::run(&settings, cmd),
        Command::History(args) => history::run(&settings, &args),
        Command::Report(args) => report::run(&settings, &args),
        Command::Serve(args) => serve::run(&settings, &args),
        Command::Network(cmd) => network::run(&settings, cmd),
        Command::Bubbles(cmd) => bubbles::run(&settings, cmd),
        Command::Events(cmd) => events::run(&settings, cmd),
        Command::Portfolio(cmd) => portfolio::run(&settings, cmd),
    }
}

/// `bullcheck config show`: the file and the settings in effect.
fn config_show(settings: &Settings, config_home: &std::path::Path) -> anyhow::Result<String> {
    let file = crate::config::path(config_home);
    let config = crate::config::load(config_home)?;
    let shown = |v: Option<String>| v.unwrap_or_else(|| "(not set)".to_string());
    let mut out = String::new();
    out.push_str(&format!(
        "config file  {}{}\n",
        file.display(),
        if file.is_file() {
            ""
        } else {
            " (none: built-in defaults)"
        }
    ));
    out.push_str(&format!("  lang       {}\n", shown(config.lang)));
    out.push_str(&format!("  format     {}\n", shown(config.format)));
    out.push_str(&format!(
        "  home       {}\n",
        shown(config.home.map(|h| h.display().to_string()))
    ));
    out.push_str(&format!(
        "  offline    {}\n",
        shown(config.offline.map(|o| o.to_string()))
    ));
    out.push_str("in effect (command line and environment first, then the file)\n");
    out.push_str(&format!("  home       {}\n", settings.home.display()));
    out.push_str(&format!(
        "  lang       {}\n",
        match settings.lang {
            crate::cli::Lang::En => "en",
            crate::cli::Lang::Zh => "zh",
        }
    ));
    out.push_str(&format!("  offline    {}\n", settings.offline));
    Ok(out)
}
