//! What a command that did not fail hands back to `main`: the exit status. A base module, so
//! that `update` (run by `data update` and by the dashboard's task) and every command share
//! it without depending on `commands`.

use std::process::ExitCode;

/// The outcome of a command that did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Exit 0.
    Success,
    /// Exit 1: a `--fail-on` threshold was reached.
    ThresholdReached,
    /// Exit 2: an error (bad input, I/O failure).
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::ThresholdReached => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}
