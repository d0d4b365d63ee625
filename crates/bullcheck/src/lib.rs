//! bullcheck as a library: the command line's modules (settings, the store, the loads shared by
//! the commands and the dashboard, the commands themselves), for the thin binary (`main.rs`)
//! and the Python package (`python/`), which call the same functions.

pub mod cli;
pub mod cli_values;
pub mod commands;
pub mod companies;
pub mod config;
pub mod exit;
pub mod export;
pub mod fetch;
pub mod load;
pub mod output;
pub mod progress;
pub mod serve;
pub mod settings;
pub mod store;
pub mod update;

/// Whether an error (anywhere in its chain) is a closed pipe: not an error for a command that
/// prints (`bullcheck audit | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
