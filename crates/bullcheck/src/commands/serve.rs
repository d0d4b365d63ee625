//! `bullcheck serve`: the local dashboard. Binds to loopback by default; any other address
//! needs `--allow-remote` (and prints a warning, since the dashboard has no authentication).
//! The pages and the API are `crate::serve`.

use std::net::SocketAddr;

use anyhow::Context as _;
use clap::Args;

use super::ExitStatus;
use super::audit::resolve_as_of;
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Port 0 picks a free port (the address is printed on stderr).
    #[arg(long, default_value = "127.0.0.1:8787", value_name = "IP:PORT")]
    pub addr: SocketAddr,
    /// Allow a non-loopback address (anyone who can reach it can read the dashboard and start
    /// a data update).
    #[arg(long)]
    pub allow_remote: bool,
    /// Evaluate as of this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

pub fn run(settings: &Settings, args: &ServeArgs) -> anyhow::Result<ExitStatus> {
    if !args.addr.ip().is_loopback() {
        if !args.allow_remote {
            anyhow::bail!(
                "refusing to listen on {}: not a loopback address\nhint: the dashboard has no \
                 authentication; pass --allow-remote to serve it beyond this machine",
                args.addr
            );
        }
        eprintln!(
            "warning: serving on {} (not loopback): anyone who can reach this address can read \
             the dashboard and start a data update",
            args.addr
        );
    }
    let as_of = args
        .as_of
        .as_deref()
        .map(|text| resolve_as_of(Some(text)))
        .transpose()?;
    let bullcheck = std::env::current_exe().context("cannot find the bullcheck executable")?;
    let state = crate::serve::AppState::new(settings.clone(), as_of, bullcheck);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        eprintln!("bullcheck dashboard listening on http://{local}/");
        axum::serve(listener, crate::serve::router(state))
            .await
            .context("the server stopped")
    })?;
    Ok(ExitStatus::Success)
}
