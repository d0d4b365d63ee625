//! bullcheck: the binary, thin over the library (`lib.rs`). Parses the command line, runs one
//! command, maps the outcome to an exit code (0 success, 1 a `--fail-on` threshold was
//! reached, 2 error). A closed stdout pipe is not an error.

use bullcheck::{commands, config, exit, is_broken_pipe};
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
