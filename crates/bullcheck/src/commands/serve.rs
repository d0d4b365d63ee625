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
    /// Another host name the dashboard answers to (besides loopback names and the bound
    /// address); other `Host` headers get 421 (DNS rebinding). Repeatable.
    /// Example: `--allow-remote --addr 0.0.0.0:8787 --allow-host mybox.lan`.
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// Seconds a client has to send its request headers; also how long an idle connection
    /// stays open. Example: `--header-timeout 5`.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Open connections at most (further ones are closed at once).
    /// Example: `--max-connections 64`.
    #[arg(long, value_name = "N", default_value_t = 128, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000))]
    pub max_connections: usize,
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
             the dashboard and start a data update; only loopback names, the bound address and \
             --allow-host names are answered",
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
        let mut hosts = args.allow_host.clone();
        if !local.ip().is_unspecified() {
            hosts.push(match local.ip() {
                std::net::IpAddr::V6(ip) => format!("[{ip}]"),
                ip => ip.to_string(),
            });
        }
        let router =
            crate::serve::router_with(state, crate::serve::guard::Guard::with_hosts(hosts));
        let limits = crate::serve::listen::ConnLimits {
            header_read_timeout: std::time::Duration::from_secs(args.header_timeout),
            max_connections: args.max_connections,
            ..Default::default()
        };
        crate::serve::listen::serve(listener, router, limits)
            .await
            .context("the server stopped")
    })?;
    Ok(ExitStatus::Success)
}
