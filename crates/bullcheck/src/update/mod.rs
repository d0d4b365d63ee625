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
//!   `SEC:NVDA` (tickers in [`sec::SEC_TICKERS`]) from
//!   `https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json`, at most 10 requests per
//!   second, with the User-Agent from `BULLCHECK_SEC_USER_AGENT` ("Name email", required).
//!
//! Without ids, updates [`default_update_ids`] (every series a built-in check reads that has a
//! live FRED or Treasury source, then the FRED series the stress model, the track record and
//! the portfolio read) and every stored series with a FRED (or Treasury MTS) source. `--offline` fetches nothing and exits 2 (asked-for work not
//! done); the store is not even opened. Exit 2 when any source failed or an explicitly
//! requested id has no live source. HTTP behaviour (timeouts, retries, caching): see
//! [`crate::fetch`].
//!
//! Files: `registry.rs` (ids → sources, the default list), one file per publisher (`fred.rs`,
//! `nyfed.rs`, `treasury.rs`, `sec.rs`: URLs, paging, the SEC bulk download) and `pages.rs`
//! (merging pages, provenance, progress lines).

mod fred;
mod nyfed;
mod pages;
pub(crate) mod registry;
mod sec;
mod treasury;

use anyhow::Context as _;
use bullcheck_core::source::{self, Kind, ParseOptions};

use crate::cli::UpdateArgs;
use crate::exit::ExitStatus;
use crate::fetch::{self, FetchConfig, Fetched, Fetcher, ValidatorCache, host_of, redact};
use crate::settings::{Environment, Settings};
use crate::store::{ImportMode, LastLine, Store};

use pages::{Page, merge_parsed, provenance, report, warn_future_rows};
use registry::{Endpoints, Plan, Source, default_ids, note_stored_without_default_update, resolve};

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
        if let Err(err) = sec::update_companies(settings) {
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
        endpoints: Endpoints::from_env(&settings.env),
        fred_api_key: settings.env.get("FRED_API_KEY").map(str::to_string),
        fetcher: Fetcher::new(FetchConfig::new(&settings.env, fetch::DEFAULT_USER_AGENT)?),
        env: settings.env.clone(),
        today: settings.today,
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

/// The state of one `data update` run.
struct Updater<'a> {
    endpoints: Endpoints,
    fred_api_key: Option<String>,
    fetcher: Fetcher,
    env: Environment,
    /// Rows dated after this (the command's today) are refused.
    today: jiff::civil::Date,
    /// Built on first use: it needs `BULLCHECK_SEC_USER_AGENT`.
    sec_fetcher: Option<Fetcher>,
    cache: ValidatorCache,
    store: &'a mut Store,
}

impl Updater<'_> {
    fn update(&mut self, source: &Source) -> anyhow::Result<Outcome> {
        match source {
            Source::Fred(id) => self.update_fred(source, id),
            Source::NyfedAcm => self.update_acm(source),
            Source::DebtToPenny => self.update_debt_to_penny(source),
            Source::TreasuryMts9 => self.update_mts9(source),
            Source::SecCompany { cik, .. } => self.update_sec_company(source, *cik),
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
        if matches!(source, Source::NyfedAcm) && nyfed::is_spreadsheet(&download.bytes) {
            anyhow::bail!(
                "{shown} is an Excel workbook, which bullcheck cannot read; save its `ACM Daily` \
                 sheet as CSV and run `bullcheck data import FILE`"
            );
        }
        let opts = ParseOptions {
            series_override,
            own: None,
        };
        let mut parsed = source::parse(kind, file_name, &download.bytes, &opts)
            .with_context(|| format!("cannot read the answer of {shown}"))?;
        warn_future_rows(&mut parsed, &shown, self.today);
        let prov = provenance(&shown, kind, &[&download.bytes]);
        // A body cut short by the server or the network is refused like a cut file.
        let last_line = LastLine::of(kind, &shown, &download.bytes, &opts);
        let summary =
            self.store
                .import_checked(&parsed, &prov, ImportMode::default(), last_line.as_ref())?;
        report(source, &parsed, &summary, &shown);
        self.cache.set(url, download.validators);
        if let Err(err) = self.cache.save() {
            eprintln!("warning: {err:#}");
        }
        Ok(Outcome::Imported)
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
        let opts = ParseOptions {
            series_override,
            own: None,
        };
        let mut parsed_pages = Vec::with_capacity(pages.len());
        for (index, page) in pages.iter().enumerate() {
            let parsed = source::parse(kind, file_name, &page.bytes, &opts)
                .with_context(|| format!("cannot read page {} of {shown}", index + 1))?;
            parsed_pages.push(parsed);
        }
        let mut merged = merge_parsed(kind, parsed_pages);
        warn_future_rows(&mut merged, shown, self.today);
        let bodies: Vec<&[u8]> = pages.iter().map(|p| p.bytes.as_slice()).collect();
        let prov = provenance(shown, kind, &bodies);
        let summary = self.store.import(&merged, &prov)?;
        report(source, &merged, &summary, shown);
        Ok(Outcome::Imported)
    }
}
