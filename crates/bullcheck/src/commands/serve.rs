//! `bullcheck serve`: the local dashboard. Binds to loopback by default; any other address
//! needs `--allow-remote` (and prints a warning, since the dashboard has no authentication).
//! The pages and the API are `crate::serve`.

use anyhow::Context as _;

use crate::cli::ServeArgs;
use crate::exit::ExitStatus;
use crate::load;
use crate::settings::Settings;

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
        .map(|t| load::parse_as_of(t, settings.today))
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
            ..crate::serve::listen::ConnLimits::with_max_connections(args.max_connections)
        };
        crate::serve::listen::serve(listener, router, limits)
            .await
            .context("the server stopped")
    })?;
    Ok(ExitStatus::Success)
}
