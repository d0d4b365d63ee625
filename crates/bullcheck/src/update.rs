//! `bullcheck data update [ID...]`: fetches series live over HTTPS and stores them, one store
//! transaction per source document (all pages of a paged API together), so an interrupted or
//! failed update never leaves a half series and stored data stays usable after any failure.
//!
//! Live sources (base URLs overridable for tests and mirrors by the env variable in brackets):
//! - **FRED** [`BULLCHECK_FRED_BASE_URL`, `BULLCHECK_FRED_API_BASE_URL`]: any FRED id
//!   (`DGS10`, or `FRED:DGS10`). Without `FRED_API_KEY`:
//!   `https://fred.stlouisfed.org/graph/fredgraph.csv?id=ID` ([`Kind::FredCsv`], conditional
//!   GET with `ETag`/`Last-Modified`). With a key:
//!   `https://api.stlouisfed.org/fred/series/observations?series_id=ID&api_key=KEY&file_type=json&realtime_start=1776-07-04&realtime_end=9999-12-31`
//!   ([`Kind::FredApiJson`], every ALFRED vintage, paged with `offset` when the series has more
//!   rows than the API's `limit`). The key is redacted from every message and from provenance.
//! - **NY Fed ACM term premium** [`BULLCHECK_NYFED_BASE_URL`] (ids `ACMTP10`, `ACMY01`, ...,
//!   explicit request only): `https://www.newyorkfed.org/medialibrary/media/research/data_indicators/ACMTermPremium.csv`
//!   ([`Kind::NyfedAcm`]). Checked 2026-11: public code that downloads the ACM file today
//!   (e.g. repositories raylia529/market-indicators-dashboard, and several others found with
//!   the code search) fetches `ACMTermPremium.xls`, an Excel workbook with sheets
//!   `ACM Monthly` and `ACM Daily`; one notes the old `.csv` is gone. bullcheck has no Excel
//!   reader, so when the server answers with a workbook (or 404) the update says so and asks
//!   for a CSV export via `bullcheck data import`. For that reason the default update does not
//!   try it.
//! - **NY Fed recession probability** (`NYFED_RECPROB`): not available live. The NY Fed
//!   publishes `allmonth.xls` (Excel) only; the audit computes the probability from FRED
//!   `T10Y3M` (which the default update fetches). `data update NYFED_RECPROB` says so.
//! - **US Treasury Fiscal Data** [`BULLCHECK_TREASURY_BASE_URL`]: `DEBT_TO_PENNY` from
//!   `https://api.fiscaldata.treasury.gov/services/api/fiscal_service/v2/accounting/od/debt_to_penny?sort=-record_date&page[size]=10000&page[number]=N`
//!   (ids `DEBT_TO_PENNY`, `DEBT_HELD_BY_PUBLIC`, `DEBT_INTRAGOV`) and `MTS9_*` (outlays by
//!   function) from `/v1/accounting/mts/mts_table_9?filter=record_type_cd:eq:F`, following
//!   `meta.total-pages` and importing all pages in one transaction.
//! - **SEC EDGAR companyfacts** [`BULLCHECK_SEC_BASE_URL`]: `SEC:CIK0001045810` or
//!   `SEC:NVDA` (tickers in [`SEC_TICKERS`]) from
//!   `https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json`, at most 10 requests per
//!   second, with the User-Agent from `BULLCHECK_SEC_USER_AGENT` ("Name email", required).
//!
//! Without ids, updates [`DEFAULT_FRED_IDS`], `DEBT_TO_PENNY` and every stored series with a
//! FRED (or Treasury MTS) source. `--offline` fetches nothing and exits 2 (asked-for work not
//! done); the store is not even opened. Exit 2 when any source failed or an explicitly
//! requested id has no live source. HTTP behaviour (timeouts, retries, caching): see
//! [`crate::fetch`].

use std::collections::BTreeMap;

use anyhow::Context as _;
use bullcheck_core::source::{self, Kind, ParseOptions, Parsed};
use serde::Deserialize;
use sha2::Digest as _;

use crate::cli::UpdateArgs;
use crate::commands::ExitStatus;
use crate::fetch::{self, FetchConfig, Fetched, Fetcher, ValidatorCache, host_of, redact};
use crate::settings::Settings;
use crate::store::{ImportSummary, Provenance, Store};

/// FRED series the default update fetches (ids as FRED spells them).
pub const DEFAULT_FRED_IDS: &[&str] = &[
    "DGS10",
    "DGS2",
    "DGS30",
    "T10Y3M",
    "UNRATE",
    "SAHMREALTIME",
    "SAHMCURRENT",
    "VIXCLS",
    "BAMLH0A0HYM2",
    "BAMLH0A0HYM2EY",
    "BAMLH0A3HYCEY",
    "USREC",
    "NFCI",
    "STLFSI4",
    "SP500",
    "NASDAQCOM",
    "GFDEBTN",
    "FYOINT",
    "WALCL",
    "DFII10",
    "T10YIE",
    "DTWEXBGS",
    "DEXJPUS",
    "CPIAUCSL",
    "PSAVERT",
    "DRCLACBS",
    "DRCCLACBS",
    "DRCRELEXFACBS",
    "GDP",
    "WFRBLT01026",
    "WFRBLN09053",
    "WFRBLN40080",
    "WFRBLB50107",
];

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

/// The id the Treasury debt-to-the-penny update answers to.
const DEBT_TO_PENNY_ID: &str = "DEBT_TO_PENNY";

/// Every series the debt-to-the-penny answer holds (see `bullcheck_core::source::treasury`).
const DEBT_TO_PENNY_IDS: [&str; 3] = [DEBT_TO_PENNY_ID, "DEBT_HELD_BY_PUBLIC", "DEBT_INTRAGOV"];

/// Why `NYFED_RECPROB` is not fetched.
const RECPROB_NOT_LIVE: &str = "not available live: the NY Fed publishes its recession-probability \
table only as allmonth.xls (Excel), which bullcheck cannot read. The audit computes the \
probability from FRED T10Y3M instead (updated with `bullcheck data update T10Y3M`); to store \
the NY Fed's own table, save it as CSV and run `bullcheck data import FILE`.";

/// The first days of ALFRED's real-time range: every vintage.
const ALFRED_ALL_VINTAGES: &str = "&realtime_start=1776-07-04&realtime_end=9999-12-31";

/// Rows per Treasury Fiscal Data page (the API's maximum is 10,000).
const TREASURY_PAGE_SIZE: u32 = 10_000;

/// Base URLs of the live sources, overridable by env (tests point them at a local server).
#[derive(Debug, Clone)]
struct Endpoints {
    fred: String,
    fred_api: String,
    treasury: String,
    sec: String,
    nyfed: String,
}

impl Endpoints {
    fn from_env() -> Endpoints {
        let base = |var: &str, default: &str| {
            std::env::var(var)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.to_string())
                .trim()
                .trim_end_matches('/')
                .to_string()
        };
        Endpoints {
            fred: base("BULLCHECK_FRED_BASE_URL", "https://fred.stlouisfed.org"),
            fred_api: base("BULLCHECK_FRED_API_BASE_URL", "https://api.stlouisfed.org"),
            treasury: base(
                "BULLCHECK_TREASURY_BASE_URL",
                "https://api.fiscaldata.treasury.gov",
            ),
            sec: base("BULLCHECK_SEC_BASE_URL", "https://data.sec.gov"),
            nyfed: base("BULLCHECK_NYFED_BASE_URL", "https://www.newyorkfed.org"),
        }
    }
}

/// One document (or paged collection) to fetch and import.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Fred(String),
    NyfedAcm,
    DebtToPenny,
    TreasuryMts9,
    SecCompany { label: String, cik: u64 },
}

impl Source {
    /// What progress lines call this source.
    fn label(&self) -> String {
        match self {
            Source::Fred(id) => id.clone(),
            Source::NyfedAcm => "ACM term premium".to_string(),
            Source::DebtToPenny => DEBT_TO_PENNY_ID.to_string(),
            Source::TreasuryMts9 => "MTS table 9".to_string(),
            Source::SecCompany { label, .. } => label.clone(),
        }
    }
}

/// What an id asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Plan {
    Fetch(Source),
    /// Known, but with no live source; the reason is printed.
    NotLive(String),
    Unknown(String),
}

/// Maps one id to its live source.
fn resolve(id: &str) -> Plan {
    let id = id.trim();
    if id.eq_ignore_ascii_case("NYFED_RECPROB") {
        return Plan::NotLive(RECPROB_NOT_LIVE.to_string());
    }
    if let Some(rest) = strip_prefix_ignore_case(id, "SEC:") {
        return resolve_sec(rest);
    }
    if let Some(rest) = strip_prefix_ignore_case(id, "FRED:") {
        return if is_fred_id(rest) {
            Plan::Fetch(Source::Fred(rest.to_string()))
        } else {
            Plan::Unknown(format!("`{rest}` is not a FRED series id"))
        };
    }
    if DEBT_TO_PENNY_IDS.contains(&id) {
        return Plan::Fetch(Source::DebtToPenny);
    }
    if id.starts_with("MTS9_") {
        return Plan::Fetch(Source::TreasuryMts9);
    }
    if is_acm_id(id) {
        return Plan::Fetch(Source::NyfedAcm);
    }
    if is_fred_id(id) {
        return Plan::Fetch(Source::Fred(id.to_string()));
    }
    Plan::Unknown(format!(
        "no live source for `{id}`: use a FRED id (DGS10, FRED:DGS10), an ACM id (ACMTP10), \
         DEBT_TO_PENNY, MTS9_..., or SEC:CIK0001045810 / SEC:NVDA"
    ))
}

fn resolve_sec(rest: &str) -> Plan {
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

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// FRED ids: upper-case letters, digits and underscores, starting with a letter or digit.
fn is_fred_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && !id.starts_with('_')
}

/// ACM ids: `ACMY01`..`ACMY10`, `ACMTP01`..`ACMTP10`, `ACMRNY01`..`ACMRNY10`.
fn is_acm_id(id: &str) -> bool {
    ["ACMY", "ACMTP", "ACMRNY"].iter().any(|prefix| {
        id.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// What updating one source did.
enum Outcome {
    Imported,
    NotModified,
}

/// Runs `bullcheck data update`.
pub fn run(settings: &Settings, args: &UpdateArgs) -> anyhow::Result<ExitStatus> {
    if settings.offline {
        eprintln!("offline: not fetching; stored data is unchanged");
        return Ok(ExitStatus::Error);
    }
    // `companies`: the SEC bulk companyfacts archive, downloaded and ingested as a whole.
    let wants_companies = args
        .ids
        .iter()
        .any(|id| id.eq_ignore_ascii_case("companies"));
    let series_ids: Vec<String> = args
        .ids
        .iter()
        .filter(|id| !id.eq_ignore_ascii_case("companies"))
        .cloned()
        .collect();
    if wants_companies {
        if let Err(err) = update_companies(settings) {
            eprintln!("companies: FAILED: {err:#}; stored data unchanged");
            return Ok(ExitStatus::Error);
        }
        if series_ids.is_empty() {
            return Ok(ExitStatus::Success);
        }
    }
    let mut store = Store::open(&settings.store_path())?;
    let explicit = !series_ids.is_empty();
    let ids: Vec<String> = if explicit {
        series_ids
    } else {
        default_ids(&store)?
    };

    // Plan: one job per distinct source, in the order first asked for.
    let mut jobs: Vec<Source> = Vec::new();
    let mut not_done = 0usize;
    for id in &ids {
        match resolve(id) {
            Plan::Fetch(source) => {
                if !jobs.contains(&source) {
                    jobs.push(source);
                }
            }
            Plan::NotLive(reason) => {
                eprintln!("{id}: {reason}");
                not_done += 1;
            }
            Plan::Unknown(reason) => {
                eprintln!("{id}: {reason}");
                not_done += 1;
            }
        }
    }
    if !explicit {
        note_stored_without_default_update(&store)?;
    }

    let mut updater = Updater {
        endpoints: Endpoints::from_env(),
        fred_api_key: std::env::var("FRED_API_KEY")
            .ok()
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty()),
        fetcher: Fetcher::new(FetchConfig::from_env(fetch::DEFAULT_USER_AGENT)?),
        sec_fetcher: None,
        cache: ValidatorCache::load(&settings.cache_dir().join("http.json")),
        store: &mut store,
    };
    let (mut imported, mut not_modified, mut failed) = (0usize, 0usize, 0usize);
    for job in &jobs {
        match updater.update(job) {
            Ok(Outcome::Imported) => imported += 1,
            Ok(Outcome::NotModified) => not_modified += 1,
            Err(err) => {
                failed += 1;
                eprintln!(
                    "{}: FAILED: {}; stored data unchanged",
                    job.label(),
                    redact(&format!("{err:#}"))
                );
            }
        }
    }

    let mut summary =
        format!("data update: {imported} updated, {not_modified} not modified, {failed} failed");
    if not_done > 0 {
        summary.push_str(&format!(", {not_done} without a live source"));
    }
    eprintln!("{summary}");
    let all_done = failed == 0 && (not_done == 0 || !explicit);
    Ok(if all_done {
        ExitStatus::Success
    } else {
        ExitStatus::Error
    })
}

/// The ids a bare `data update` fetches: the default FRED list, the debt to the penny, and
/// every stored series from FRED or the Treasury MTS.
fn default_ids(store: &Store) -> anyhow::Result<Vec<String>> {
    let mut ids: Vec<String> = DEFAULT_FRED_IDS.iter().map(|s| s.to_string()).collect();
    ids.push(DEBT_TO_PENNY_ID.to_string());
    for listing in store.list_series()? {
        let from_fred = listing.source.to_ascii_uppercase().contains("FRED");
        let wanted = (from_fred && is_fred_id(&listing.id)) || listing.id.starts_with("MTS9_");
        if wanted && !ids.contains(&listing.id) {
            ids.push(listing.id);
        }
    }
    Ok(ids)
}

/// Tells about stored series the default update leaves alone (and why).
fn note_stored_without_default_update(store: &Store) -> anyhow::Result<()> {
    let stored = store.series_ids()?;
    if stored.iter().any(|id| id == "NYFED_RECPROB") {
        eprintln!("NYFED_RECPROB: {RECPROB_NOT_LIVE}");
    }
    let acm: Vec<&str> = stored
        .iter()
        .map(String::as_str)
        .filter(|id| is_acm_id(id))
        .collect();
    if !acm.is_empty() {
        eprintln!(
            "{}: not updated by default: the NY Fed now publishes the ACM file as Excel \
             (ACMTermPremium.xls); try `bullcheck data update ACMTP10`, or import a CSV export",
            acm.join(", ")
        );
    }
    Ok(())
}

/// The state of one `data update` run.
struct Updater<'a> {
    endpoints: Endpoints,
    fred_api_key: Option<String>,
    fetcher: Fetcher,
    /// Built on first use: it needs `BULLCHECK_SEC_USER_AGENT`.
    sec_fetcher: Option<Fetcher>,
    cache: ValidatorCache,
    store: &'a mut Store,
}

/// A document of a paged API, ready to parse.
struct Page {
    bytes: Vec<u8>,
}

impl Updater<'_> {
    fn update(&mut self, source: &Source) -> anyhow::Result<Outcome> {
        match source {
            Source::Fred(id) => match self.fred_api_key.clone() {
                Some(key) => self.update_fred_api(id, &key),
                None => {
                    let url = format!("{}/graph/fredgraph.csv?id={id}", self.endpoints.fred);
                    self.update_document(
                        source,
                        &url,
                        Kind::FredCsv,
                        &format!("{id}.csv"),
                        Some(id),
                    )
                }
            },
            Source::NyfedAcm => {
                let url = format!(
                    "{}/medialibrary/media/research/data_indicators/ACMTermPremium.csv",
                    self.endpoints.nyfed
                );
                self.update_document(source, &url, Kind::NyfedAcm, "ACMTermPremium.csv", None)
                    .context(
                        "the NY Fed now publishes the ACM file as ACMTermPremium.xls (Excel); \
                         save its `ACM Daily` sheet as CSV and run `bullcheck data import FILE`",
                    )
            }
            Source::DebtToPenny => {
                let base = format!(
                    "{}/services/api/fiscal_service/v2/accounting/od/debt_to_penny?sort=-record_date&page%5Bsize%5D={TREASURY_PAGE_SIZE}",
                    self.endpoints.treasury
                );
                self.update_treasury(
                    source,
                    &base,
                    Kind::TreasuryDebtToPenny,
                    "debt_to_penny.json",
                )
            }
            Source::TreasuryMts9 => {
                let base = format!(
                    "{}/services/api/fiscal_service/v1/accounting/mts/mts_table_9?filter=record_type_cd:eq:F&sort=record_date&page%5Bsize%5D={TREASURY_PAGE_SIZE}",
                    self.endpoints.treasury
                );
                self.update_treasury(source, &base, Kind::TreasuryMts9, "mts_table_9.json")
            }
            Source::SecCompany { cik, .. } => {
                if self.sec_fetcher.is_none() {
                    let mut config = FetchConfig::from_env(&fetch::sec_user_agent()?)?;
                    config.min_interval = Some(fetch::SEC_MIN_INTERVAL);
                    self.sec_fetcher = Some(Fetcher::new(config));
                }
                let file = format!("CIK{cik:010}.json");
                let url = format!("{}/api/xbrl/companyfacts/{file}", self.endpoints.sec);
                self.update_document(source, &url, Kind::SecCompanyFacts, &file, None)
            }
        }
    }

    /// One document: conditional GET (when this URL was imported before), parse, import.
    fn update_document(
        &mut self,
        source: &Source,
        url: &str,
        kind: Kind,
        file_name: &str,
        series_override: Option<&str>,
    ) -> anyhow::Result<Outcome> {
        let shown = redact(url);
        let imported_before = self.store.last_import_sha(&shown)?.is_some();
        let validators = if imported_before {
            self.cache.get(url).cloned()
        } else {
            None
        };
        let fetcher = match source {
            Source::SecCompany { .. } => self.sec_fetcher.as_mut().expect("built above"),
            _ => &mut self.fetcher,
        };
        let download = match fetcher.get(url, validators.as_ref())? {
            Fetched::NotModified => {
                eprintln!(
                    "{}: not modified since the last update ({})",
                    source.label(),
                    host_of(&shown)
                );
                return Ok(Outcome::NotModified);
            }
            Fetched::Body(download) => download,
        };
        if matches!(source, Source::NyfedAcm) && is_spreadsheet(&download.bytes) {
            anyhow::bail!(
                "{shown} is an Excel workbook, which bullcheck cannot read; save its `ACM Daily` \
                 sheet as CSV and run `bullcheck data import FILE`"
            );
        }
        let opts = ParseOptions { series_override };
        let mut parsed = source::parse(kind, file_name, &download.bytes, &opts)
            .with_context(|| format!("cannot read the answer of {shown}"))?;
        warn_future_rows(&mut parsed, &shown);
        let prov = provenance(&shown, kind, &[&download.bytes]);
        let summary = self.store.import(&parsed, &prov)?;
        report(source, &parsed, &summary, &shown);
        self.cache.set(url, download.validators);
        if let Err(err) = self.cache.save() {
            eprintln!("warning: {err:#}");
        }
        Ok(Outcome::Imported)
    }

    /// FRED API JSON with every ALFRED vintage, following `offset` paging; one import.
    fn update_fred_api(&mut self, id: &str, key: &str) -> anyhow::Result<Outcome> {
        let base = format!(
            "{}/fred/series/observations?series_id={id}&api_key={key}&file_type=json{ALFRED_ALL_VINTAGES}",
            self.endpoints.fred_api
        );
        let mut pages = Vec::new();
        let mut offset = 0u64;
        loop {
            let url = if offset == 0 {
                base.clone()
            } else {
                format!("{base}&offset={offset}")
            };
            let bytes = self.fetch_body(&url)?;
            let next = fred_next_offset(&bytes);
            pages.push(Page { bytes });
            match next {
                Some(next) if next > offset => offset = next,
                _ => break,
            }
        }
        let source = Source::Fred(id.to_string());
        self.import_pages(
            &source,
            &redact(&base),
            Kind::FredApiJson,
            &format!("{id}.json"),
            Some(id),
            &pages,
        )
    }

    /// Treasury Fiscal Data: page 1, then every page up to `meta.total-pages`; one import.
    fn update_treasury(
        &mut self,
        source: &Source,
        base: &str,
        kind: Kind,
        file_name: &str,
    ) -> anyhow::Result<Outcome> {
        let page_url = |n: u32| format!("{base}&page%5Bnumber%5D={n}");
        let first = self.fetch_body(&page_url(1))?;
        let total_pages = treasury_total_pages(&first)
            .with_context(|| format!("{}: no usable meta.total-pages", page_url(1)))?;
        let mut pages = vec![Page { bytes: first }];
        for n in 2..=total_pages {
            eprintln!("  {}: page {n} of {total_pages}", source.label());
            pages.push(Page {
                bytes: self.fetch_body(&page_url(n))?,
            });
        }
        self.import_pages(source, base, kind, file_name, None, &pages)
    }

    fn fetch_body(&mut self, url: &str) -> anyhow::Result<Vec<u8>> {
        match self.fetcher.get(url, None)? {
            Fetched::Body(download) => Ok(download.bytes),
            Fetched::NotModified => anyhow::bail!("GET {}: unexpected 304", redact(url)),
        }
    }

    /// Parses every page, merges them and imports the whole in one transaction.
    fn import_pages(
        &mut self,
        source: &Source,
        shown: &str,
        kind: Kind,
        file_name: &str,
        series_override: Option<&str>,
        pages: &[Page],
    ) -> anyhow::Result<Outcome> {
        let opts = ParseOptions { series_override };
        let mut parsed_pages = Vec::with_capacity(pages.len());
        for (index, page) in pages.iter().enumerate() {
            let parsed = source::parse(kind, file_name, &page.bytes, &opts)
                .with_context(|| format!("cannot read page {} of {shown}", index + 1))?;
            parsed_pages.push(parsed);
        }
        let mut merged = merge_parsed(kind, parsed_pages);
        warn_future_rows(&mut merged, shown);
        let bodies: Vec<&[u8]> = pages.iter().map(|p| p.bytes.as_slice()).collect();
        let prov = provenance(shown, kind, &bodies);
        let summary = self.store.import(&merged, &prov)?;
        report(source, &merged, &summary, shown);
        Ok(Outcome::Imported)
    }
}

/// Drops rows dated after the download (today, UTC) with a warning naming them.
fn warn_future_rows(parsed: &mut source::Parsed, shown: &str) {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    for dropped in source::future::drop_future_rows(parsed, today) {
        eprintln!("warning: {shown}: refused {dropped} (dated after the download, {today})");
    }
}

/// Provenance of downloaded bodies: the (redacted) URL, SHA-256 of all bytes in order, now.
fn provenance(shown_url: &str, kind: Kind, bodies: &[&[u8]]) -> Provenance {
    let mut hasher = sha2::Sha256::new();
    for body in bodies {
        hasher.update(body);
    }
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let now = jiff::Timestamp::now();
    let retrieved_at = jiff::Timestamp::from_second(now.as_second())
        .unwrap_or(now)
        .to_string();
    Provenance {
        source: redact(shown_url),
        kind: kind.name().to_string(),
        sha256,
        retrieved_at,
        bytes: bodies.iter().map(|b| b.len() as u64).sum(),
    }
}

/// Joins the pages of one paged answer: observations of the same series id are concatenated
/// (first page's metadata kept), companies appended.
fn merge_parsed(kind: Kind, pages: Vec<Parsed>) -> Parsed {
    let mut merged = Parsed {
        kind,
        series: Vec::new(),
        companies: Vec::new(),
    };
    let mut index_of: BTreeMap<String, usize> = BTreeMap::new();
    for page in pages {
        for series in page.series {
            match index_of.get(&series.meta.id) {
                Some(&i) => merged.series[i].observations.extend(series.observations),
                None => {
                    index_of.insert(series.meta.id.clone(), merged.series.len());
                    merged.series.push(series);
                }
            }
        }
        merged.companies.extend(page.companies);
    }
    merged
}

/// One progress line per stored series (or company).
fn report(source: &Source, parsed: &Parsed, summary: &ImportSummary, shown: &str) {
    let host = host_of(shown);
    for detail in &summary.details {
        if summary.unchanged {
            eprintln!(
                "{}: {} rows, unchanged since the last import, from {host}",
                detail.id,
                thousands(detail.rows)
            );
            continue;
        }
        let mut changes = format!("{} new", thousands(detail.new_rows));
        if detail.revised_rows > 0 {
            changes.push_str(&format!(", {} revised", thousands(detail.revised_rows)));
        }
        eprintln!(
            "{}: {} rows ({changes}) from {host}",
            detail.id,
            thousands(detail.rows)
        );
    }
    for company in &parsed.companies {
        eprintln!(
            "{}: {} (CIK {}), {} facts from {host}",
            source.label(),
            company.entity_name,
            company.cik,
            thousands(company.facts.len())
        );
    }
    if summary.details.is_empty() && parsed.companies.is_empty() {
        eprintln!("{}: the answer held no data ({host})", source.label());
    }
}

/// `16144` → `16,144`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Excel files: the OLE2 compound-file magic (`.xls`) or a zip (`.xlsx`).
fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || bytes.starts_with(b"PK\x03\x04")
}

/// The paging fields of a FRED `series/observations` answer.
#[derive(Deserialize)]
struct FredPaging {
    count: u64,
    offset: u64,
    limit: u64,
}

/// The offset of the next page, when this page does not reach `count`.
fn fred_next_offset(bytes: &[u8]) -> Option<u64> {
    let paging: FredPaging = serde_json::from_slice(bytes).ok()?;
    let next = paging.offset.checked_add(paging.limit)?;
    (paging.limit > 0 && next < paging.count).then_some(next)
}

/// `meta.total-pages` of a Fiscal Data answer (a number, or a number in a string); at least 1.
fn treasury_total_pages(bytes: &[u8]) -> anyhow::Result<u32> {
    #[derive(Deserialize)]
    struct Answer {
        meta: Meta,
    }
    #[derive(Deserialize)]
    struct Meta {
        #[serde(rename = "total-pages")]
        total_pages: serde_json::Value,
    }
    let answer: Answer = serde_json::from_slice(bytes).context("not a Fiscal Data JSON answer")?;
    let pages = match &answer.meta.total_pages {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .with_context(|| format!("meta.total-pages is {}", answer.meta.total_pages))?;
    u32::try_from(pages.max(1)).context("meta.total-pages is too large")
}

/// `data update companies`: downloads the SEC bulk archive `companyfacts.zip` (URL overridable
/// with `BULLCHECK_SEC_BULK_URL`, for tests) to `$BULLCHECK_HOME/cache/` with the required
/// User-Agent, retrying with backoff, then ingests it (each company replaced atomically).
/// The archive is over a gigabyte: the download is written to a `.part` file and renamed only
/// when complete, so an interrupted download never reaches the ingest.
fn update_companies(settings: &Settings) -> anyhow::Result<()> {
    let user_agent = fetch::sec_user_agent()?;
    let config = FetchConfig::from_env(&user_agent)?;
    let url = std::env::var("BULLCHECK_SEC_BULK_URL")
        .unwrap_or_else(|_| crate::companies::BULK_URL.to_string());
    let cache = settings.cache_dir();
    std::fs::create_dir_all(&cache)
        .with_context(|| format!("cannot create {}", cache.display()))?;
    let dest = cache.join("companyfacts.zip");
    let mut attempt = 0;
    let bytes = loop {
        match crate::companies::download_bulk(&url, &user_agent, &dest) {
            Ok(bytes) => break bytes,
            Err(err) if attempt + 1 < config.max_attempts => {
                let wait = fetch::backoff_delay(config.retry_base, attempt);
                eprintln!(
                    "companies: {err:#}; retrying in {:.1} s",
                    wait.as_secs_f64()
                );
                std::thread::sleep(wait);
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_map_to_their_live_sources() {
        assert_eq!(resolve("DGS10"), Plan::Fetch(Source::Fred("DGS10".into())));
        assert_eq!(
            resolve("FRED:PAYEMS"),
            Plan::Fetch(Source::Fred("PAYEMS".into()))
        );
        assert_eq!(resolve("ACMTP10"), Plan::Fetch(Source::NyfedAcm));
        assert_eq!(resolve("DEBT_TO_PENNY"), Plan::Fetch(Source::DebtToPenny));
        assert_eq!(resolve("DEBT_INTRAGOV"), Plan::Fetch(Source::DebtToPenny));
        assert_eq!(
            resolve("MTS9_NATIONAL_DEFENSE"),
            Plan::Fetch(Source::TreasuryMts9)
        );
        assert_eq!(
            resolve("SEC:NVDA"),
            Plan::Fetch(Source::SecCompany {
                label: "SEC:NVDA".into(),
                cik: 1_045_810
            })
        );
        assert_eq!(
            resolve("sec:CIK0000789019"),
            Plan::Fetch(Source::SecCompany {
                label: "SEC:CIK0000789019".into(),
                cik: 789_019
            })
        );
        assert!(matches!(resolve("NYFED_RECPROB"), Plan::NotLive(r) if r.contains("T10Y3M")));
        assert!(matches!(resolve("SEC:NOPE"), Plan::Unknown(_)));
        assert!(matches!(resolve("dgs10 lower"), Plan::Unknown(_)));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(16_144), "16,144");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn treasury_total_pages_from_meta() {
        // The shape of a real answer (meta of debt_to_penny with page[size]=2, total 8306 rows).
        let real =
            br#"{"data":[],"meta":{"count":2,"total-count":8306,"total-pages":4153},"links":{}}"#;
        assert_eq!(treasury_total_pages(real).unwrap(), 4153);
        let string = br#"{"data":[],"meta":{"total-pages":"3","total-count":"5"}}"#;
        assert_eq!(treasury_total_pages(string).unwrap(), 3);
        let empty = br#"{"data":[],"meta":{"total-pages":0}}"#;
        assert_eq!(treasury_total_pages(empty).unwrap(), 1);
        assert!(treasury_total_pages(b"{}").is_err());
    }

    #[test]
    fn fred_paging_follows_count_and_limit() {
        let first = br#"{"count":250000,"offset":0,"limit":100000,"observations":[]}"#;
        assert_eq!(fred_next_offset(first), Some(100_000));
        let last = br#"{"count":250000,"offset":200000,"limit":100000,"observations":[]}"#;
        assert_eq!(fred_next_offset(last), None);
        assert_eq!(fred_next_offset(b"not json"), None);
    }

    #[test]
    fn spreadsheets_are_recognised() {
        assert!(is_spreadsheet(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]));
        assert!(is_spreadsheet(b"PK\x03\x04rest"));
        assert!(!is_spreadsheet(b"DATE,ACMY01"));
    }
}
