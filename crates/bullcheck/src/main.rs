//! bullcheck: the binary. Parses the command line, runs one command, maps the outcome to an
//! exit code (0 success, 1 a `--fail-on` threshold was reached, 2 error). A closed stdout pipe
//! is not an error.

mod cli;
mod cli_values;
mod commands;
mod companies;
mod config;
mod exit;
mod fetch;
mod load;
mod output;
mod progress;
mod serve;
mod settings;
mod store;
mod update;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match config::parse_cli() {
        Ok(cli) => cli,
        Err(err) => {
            eprintln!("error: {err:#}");
            return exit::ExitStatus::Error.into();
        }
    };
    match commands::run(cli) {
        Ok(status) => status.into(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            exit::ExitStatus::Error.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
