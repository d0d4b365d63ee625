//! SEC EDGAR: one filer's companyfacts (`SEC:CIK##########` or `SEC:TICKER`, at most 10
//! requests per second with the User-Agent from `BULLCHECK_SEC_USER_AGENT`), and `data update
//! companies`, the bulk archive of every filer, downloaded through the same [`Fetcher`]
//! (timeouts, retries with backoff, redirects) streaming to a file, then ingested.

use std::time::Duration;

use anyhow::Context as _;
use bullcheck_core::source::Kind;

use super::registry::{Plan, Source, strip_prefix_ignore_case};
use super::{Outcome, Updater};
use crate::fetch::{self, FetchConfig, Fetcher};
use crate::settings::Settings;

/// The SEC's nightly bulk archive of every filer's company facts.
pub const BULK_URL: &str = "https://www.sec.gov/Archives/edgar/daily-index/xbrl/companyfacts.zip";

/// The largest bulk archive accepted (8 GiB once decompressed; the real one is about 1.3 GB),
/// so a server that never stops cannot fill the disk.
const MAX_BULK_BYTES: u64 = 8 << 30;

/// The longest the bulk archive's body may take (at 100 kB/s the real archive takes 3.6 h).
/// Each read must still make progress within the HTTP timeout, so a stalled download fails
/// within `BULLCHECK_HTTP_TIMEOUT_MS` and is retried.
const BULK_BODY_TIMEOUT: Duration = Duration::from_secs(6 * 3600);

/// Tickers accepted in `SEC:TICKER`, with their SEC CIK: the hyperscalers, Oracle and Nvidia.
/// The CIKs are those of the companies' EDGAR filings (`data.sec.gov/submissions/CIK...`), as
/// used in many public EDGAR clients (e.g. ticker tables checked 2026-11 with the code
/// search; they all agree).
pub const SEC_TICKERS: &[(&str, u64)] = &[
    ("MSFT", 789_019),
    ("GOOGL", 1_652_044),
    ("AMZN", 1_018_724),
    ("META", 1_326_801),
    ("ORCL", 1_341_439),
    ("NVDA", 1_045_810),
];

/// `SEC:` followed by `CIK##########` or a ticker of [`SEC_TICKERS`].
pub(super) fn resolve_sec(rest: &str) -> Plan {
    let cik = match strip_prefix_ignore_case(rest, "CIK") {
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.parse::<u64>().ok()
        }
        _ => SEC_TICKERS
            .iter()
            .find(|(ticker, _)| ticker.eq_ignore_ascii_case(rest))
            .map(|&(_, cik)| cik),
    };
    match cik {
        Some(cik) if cik <= 9_999_999_999 => Plan::Fetch(Source::SecCompany {
            label: format!("SEC:{}", rest.to_ascii_uppercase()),
            cik,
        }),
        _ => {
            let known: Vec<&str> = SEC_TICKERS.iter().map(|(t, _)| *t).collect();
            Plan::Unknown(format!(
                "`SEC:{rest}`: give SEC:CIK########## or one of the tickers {}",
                known.join(", ")
            ))
        }
    }
}

impl Updater<'_> {
    pub(super) fn update_sec_company(
        &mut self,
        source: &Source,
        cik: u64,
    ) -> anyhow::Result<Outcome> {
        if self.sec_fetcher.is_none() {
            let mut config = FetchConfig::new(&self.env, &fetch::sec_user_agent(&self.env)?)?;
            config.min_interval = Some(fetch::SEC_MIN_INTERVAL);
            self.sec_fetcher = Some(Fetcher::new(config));
        }
        let file = format!("CIK{cik:010}.json");
        let url = format!("{}/api/xbrl/companyfacts/{file}", self.endpoints.sec);
        self.update_document(source, &url, Kind::SecCompanyFacts, &file, None)
    }
}

/// `data update companies`: downloads the SEC bulk archive `companyfacts.zip` (URL overridable
/// with `BULLCHECK_SEC_BULK_URL`, for tests) to `$BULLCHECK_HOME/cache/` with the required
/// User-Agent through [`Fetcher::download_to`] (timeouts, retries with backoff), then ingests it (each company replaced atomically).
/// The archive is over a gigabyte: the download is written to a `.part` file and renamed only
/// when complete, so an interrupted download never reaches the ingest.
pub(super) fn update_companies(settings: &Settings) -> anyhow::Result<()> {
    let user_agent = fetch::sec_user_agent(&settings.env)?;
    let mut config = FetchConfig::new(&settings.env, &user_agent)?;
    config.long_body_timeout = Some(BULK_BODY_TIMEOUT);
    let url = settings
        .env
        .get("BULLCHECK_SEC_BULK_URL")
        .unwrap_or(BULK_URL)
        .to_string();
    let cache = settings.cache_dir();
    std::fs::create_dir_all(&cache)
        .with_context(|| format!("cannot create {}", cache.display()))?;
    let dest = cache.join("companyfacts.zip");
    let bytes = Fetcher::new(config).download_to(&url, &dest, MAX_BULK_BYTES)?;
    eprintln!(
        "companies: downloaded {:.1} MB from {}",
        bytes as f64 / 1e6,
        fetch::host_of(&url)
    );
    let show_progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let summary = crate::companies::ingest(&settings.store_path(), &dest, show_progress)?;
    eprintln!(
        "companies: {} ingested, {} skipped, {} facts stored in {:.1} s",
        summary.companies, summary.skipped_total, summary.facts, summary.seconds
    );
    Ok(())
}
