//! One file per subcommand; `run` is the single dispatch point.

mod audit;
pub mod bubbles;
mod checks;
pub mod companies;
mod data;
mod data_list;
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
            let config_home = crate::settings::home_of(cli.home.as_deref())?;
            crate::output::print(&crate::config::show(&settings, &config_home)?)?;
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
