//! The command line, as clap sees it. Doc comments here are the `--help` text.

pub mod bubbles;
pub mod companies;
pub mod events;
pub mod network;
pub mod portfolio;
pub mod stress;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Audit and stress-test the US equity "long bull" on real public data.
///
/// Every figure bullcheck prints comes from stored data (imported files or live downloads) or
/// from a bundled snapshot of cited facts, with its source and as-of date.
///
/// Start with `bullcheck audit` (works offline on the bundled snapshot), then
/// `bullcheck data import DIR` or `bullcheck data update` to audit on full history.
#[derive(Debug, Parser)]
#[command(
    name = "bullcheck",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Directory holding the store (bullcheck.sqlite), caches and user checks.
    /// Default: the platform data directory (e.g. ~/.local/share/bullcheck).
    #[arg(long, global = true, env = "BULLCHECK_HOME", value_name = "DIR")]
    pub home: Option<PathBuf>,

    /// Never touch the network (updates fail with a clear message; stored data is used).
    #[arg(long, global = true, env = "BULLCHECK_OFFLINE")]
    pub offline: bool,

    /// Language of every output a person reads (terminal tables, Markdown, the HTML report and
    /// dashboard): English or Simplified Chinese (zh). JSON and CSV stay English (their keys
    /// and texts are a contract), and so do error messages.
    #[arg(long, global = true, value_enum, default_value = "en")]
    pub lang: Lang,

    /// When to colour terminal output (NO_COLOR is honoured under `auto`).
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    En,
    Zh,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every check on the data as of a date and print the report (the main job).
    ///
    /// Each check reads a stored series when one is present, else a bundled cited figure, and
    /// says which (`data`: stored | snapshot | none). Exit code 1 when `--fail-on` is reached.
    Audit(AuditArgs),
    /// List the checks, or explain one (what it measures, why, how, limits, sources).
    Checks(ChecksArgs),
    /// Import, update, list, show and export stored data.
    #[command(subcommand)]
    Data(DataCommand),
    /// Stress tests: built-in and user scenarios, Monte Carlo, sensitivity grids.
    #[command(subcommand)]
    Stress(stress::StressCommand),
    /// SEC XBRL company facts: ingest the bulk archive, run screens.
    #[command(subcommand)]
    Companies(companies::CompaniesCommand),
    /// The rating at every month-end as far back as the data reach, and its track record
    /// against NBER recessions and 20% S&P 500 drawdowns beside the NY Fed probit, the NFCI
    /// and the St. Louis Fed stress index (AUROC, hit rate, false alarms, lead time).
    History(HistoryArgs),
    /// Write the audit as one self-contained HTML file (charts, heat map, sources; no network).
    Report(ReportArgs),
    /// Serve the local dashboard (pages and a JSON API; loopback only unless --allow-remote).
    Serve(ServeArgs),
    /// The AI financing network (who funds, supplies and owes whom, every figure cited) and
    /// DebtRank contagion on it. Example: `bullcheck network contagion --default OPENAI`.
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Bubble statistics: industry run-ups and crashes (Greenwood-Shleifer-You) and the GSADF
    /// explosive-root test (Phillips-Shi-Yu). Example: `bullcheck bubbles industries`.
    #[command(subcommand)]
    Bubbles(bubbles::BubblesCommand),
    /// Event studies for "when X then Y" rules (built-ins from the seeds or your own).
    /// Example: `bullcheck events study --builtin ten-year-5pct`.
    #[command(subcommand)]
    Events(events::EventsCommand),
    /// A portfolio under the stress scenarios, the seeds' patches (index puts, gold, T-bills,
    /// quality, diversification), and a Black-Scholes-Merton pricer.
    ///
    /// Example: bullcheck portfolio run holdings.csv --scenario gfc-2008 --format json
    #[command(subcommand)]
    Portfolio(portfolio::PortfolioCommand),
    /// Print a completion script for a shell, e.g.
    /// `bullcheck completions bash > ~/.local/share/bash-completion/completions/bullcheck`,
    /// `bullcheck completions zsh > ~/.zfunc/_bullcheck`,
    /// `bullcheck completions fish > ~/.config/fish/completions/bullcheck.fish`.
    Completions(CompletionsArgs),
    /// The config file `$BULLCHECK_HOME/config.toml` (keys: lang, format, home, offline).
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path and keys, and the settings in effect.
    ///
    /// Example `config.toml`: lang = "zh", format = "json", home = "/data/bullcheck",
    /// offline = true (one per line; all optional). The command line and the environment win
    /// over the file.
    Show,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Evaluate with observations dated on or before this day (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: AuditFormat,
    /// Only these modules (repeatable): ai, fiscal, valuation, zombie, consumer, dollar,
    /// market, network, china_liquidity.
    #[arg(long = "module", value_name = "M")]
    pub modules: Vec<String>,
    /// Exit with code 1 when any check reaches this status.
    #[arg(long, value_enum, value_name = "STATUS")]
    pub fail_on: Option<FailOn>,
    /// Use only observations released by the as-of date (each series' release calendar or
    /// its publisher's documented lag; docs/verdicts.md), not merely dated by it.
    #[arg(long)]
    pub real_time: bool,
    /// Write to this file instead of stdout (required by `--format parquet`).
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    Table,
    Json,
    Markdown,
    /// One row per check (id, module, title, value, unit, status, percentile, as_of, data,
    /// stale, verdict, source, url); needs --out.
    Parquet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Warning,
    Critical,
}

#[derive(Debug, Args)]
pub struct ChecksArgs {
    /// A check id (e.g. `fiscal_10y_5pct`) to explain in full.
    pub id: Option<String>,
    /// `markdown`: the claims catalogue from the definitions alone (every claim, its seed,
    /// source, thresholds and their origin; no data), as in `docs/claims.md`.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ChecksFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChecksFormat {
    Table,
    Markdown,
}

#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Import files or directories (recursively) into the store.
    ///
    /// The format is detected where unambiguous (or forced with --kind). The series id comes
    /// from --series, else from the header (`DATE,DGS10`), else from the file name's leading id
    /// (`DGS10.csv`, `ACMTP10_acm_10y_term_premium_daily.csv`). Files of known publishers map
    /// to documented ids (see `docs/series-ids.md`). Each file is imported in one transaction:
    /// a failed or interrupted import leaves the store as it was.
    ///
    /// Excel workbooks (`ie_data.xls`, `histimpl.xls`, `histretSP.xls`, `fredgraph.xls`,
    /// `ACMTermPremium.xls`/`.xlsx`) are read like the publishers' CSVs; a `.zip` (Ken French
    /// serves each table as one) is read member by member.
    ///
    /// Your own files (Yahoo, Bloomberg, pandas, a spreadsheet) are read as tables described by
    /// the options under "Your own files", labelled with their file name and never named after
    /// a generic column such as `Close`: see docs/own-data.md. Example:
    /// `bullcheck data import NVDA.csv --value-col "Adj Close" --id NVDA`. SEC `companyfacts` JSON files (`CIK##########.json`) are
    /// stored as company facts, exactly as `bullcheck companies ingest FILE` stores them.
    ///
    /// Prints one line per file on stdout. In a directory, files of no known format are
    /// skipped, and a malformed file is reported and does not stop the others; the command
    /// then exits 2 at the end, listing the files that failed and why. Re-importing the same bytes
    /// changes nothing; a newer file revises values and keeps dates it lacks.
    Import(Box<ImportArgs>),
    /// Fetch series live over HTTPS (FRED, NY Fed, Treasury, SEC) and store them.
    ///
    /// Without ids, updates every stored series that has a known live source. FRED uses the
    /// API when FRED_API_KEY is set (with ALFRED vintages), else the public fredgraph CSV.
    /// SEC requests need BULLCHECK_SEC_USER_AGENT ("Name email@example.com").
    Update(UpdateArgs),
    /// List stored series with source, range and last update.
    ///
    /// Ken French tables (hundreds of series) are shown one line per table, `FF49_VW_*`, with
    /// the number of series; `--all` lists every series. `--format json` always lists every
    /// series, one object each.
    ///
    /// Example: `bullcheck data list --all`
    List(ListArgs),
    /// Show one series: metadata, provenance of every import, first and last observations.
    Show(ShowArgs),
    /// Export stored series as CSV, JSON or Parquet (long or wide, a date range), or the whole
    /// store as a Parquet dataset (`--all`).
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// List every series, also each column of the Ken French tables.
    ///
    /// Example: `bullcheck data list --all`
    #[arg(long)]
    pub all: bool,
    /// Output format: a text table, or JSON (every series: id, source, title, first, last,
    /// rows, missing, last_import).
    ///
    /// Example: `bullcheck data list --format json`
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or directories to import.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Series id for a single-series file (overrides header and file name).
    #[arg(long, value_name = "ID")]
    pub series: Option<String>,
    /// Force the format instead of detecting it (see `bullcheck data import --help`):
    /// fred-csv, fred-json, csv, nyfed-acm, nyfed-recession, treasury-debt-to-penny,
    /// treasury-mts9, sec-companyfacts, sec-companyconcept, shiller, damodaran, dfast,
    /// french, fed-dfa, json-records, shanghai-composite, nber-peaks, gz-ebp, table (your
    /// own file, see the options below).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Replace each series in the file with the file's rows: stored dates the file lacks are
    /// removed (rows a publisher withdrew disappear), and a change of frequency or source is
    /// accepted. Without it, history is kept and such a change is refused.
    /// Example: `bullcheck data import --replace UNRATE.csv`.
    #[arg(long)]
    pub replace: bool,
    /// Refuse a file larger than this many MiB (only regular files are read).
    /// Example: `--max-file-mb 1024`.
    #[arg(long, value_name = "MIB", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=1 << 20))]
    pub max_file_mb: u64,
    /// Refuse a CSV/text file with a line longer than this many KiB (JSON documents are
    /// exempt: they may be one line). Example: `--max-line-kb 4096`.
    #[arg(long, value_name = "KIB", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=1 << 30))]
    pub max_line_kb: u64,
    #[command(flatten)]
    pub own: OwnFileArgs,
}

/// Your own file (a Yahoo, Bloomberg or pandas CSV, a spreadsheet): any of these options reads
/// the file as your table (`--kind table`), labelled with its file name, never as a publisher's.
/// See docs/own-data.md.
#[derive(Debug, Args, Default)]
pub struct OwnFileArgs {
    /// The series id of the one value column (default: a column name that is an id, else the
    /// file name: `AAPL.csv` → `AAPL`; never a generic name such as `Close` or `PX_LAST`).
    /// Example: `--id AAPL`.
    #[arg(long, value_name = "ID", help_heading = "Your own files")]
    pub id: Option<String>,
    /// The date column's header (default: `Date`, `Dates`, `observation_date`, `Datetime`, or
    /// pandas' unnamed index). Example: `--date-col "Trade Date"`.
    #[arg(long, value_name = "NAME", help_heading = "Your own files")]
    pub date_col: Option<String>,
    /// The one value column to store (default: the only column besides the date).
    /// Example: `--value-col "Adj Close"`.
    #[arg(long, value_name = "NAME", help_heading = "Your own files")]
    pub value_col: Option<String>,
    /// Store several columns, each under its id (repeat the option).
    /// Example: `--col Close=NVDA --col Volume=NVDA_VOLUME`.
    #[arg(long = "col", value_name = "NAME=ID", help_heading = "Your own files")]
    pub cols: Vec<String>,
    /// How dates are written: YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY, YYYYMMDD,
    /// YYYY-MM, YYYYMM or YYYY (default: ISO, or slash dates in the order the file proves: a
    /// day above 12, or monthly data on the 1st). Example: `--date-format DD/MM/YYYY`.
    #[arg(long, value_name = "FORMAT", help_heading = "Your own files")]
    pub date_format: Option<String>,
    /// Who published the numbers (default: "your file NAME"). Example: `--source "Yahoo Finance"`.
    #[arg(long, value_name = "TEXT", help_heading = "Your own files")]
    pub source: Option<String>,
    /// Units of the values. Example: `--units USD`.
    #[arg(long, value_name = "TEXT", help_heading = "Your own files")]
    pub units: Option<String>,
    /// D, W, M, Q or A (default: inferred from the dates). Example: `--frequency D`.
    #[arg(long, value_name = "D|W|M|Q|A", help_heading = "Your own files")]
    pub frequency: Option<String>,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Series ids to fetch (e.g. DGS10 UNRATE ACMTP10 DEBT_TO_PENNY MTS9_NET_INTEREST_FYTD
    /// SEC:NVDA), or `companies` for the SEC bulk archive companyfacts.zip (over 1 GB; downloaded
    /// to $BULLCHECK_HOME/cache and ingested). Default: every FRED and Treasury series the
    /// built-in checks read, the FRED series the stress model and track record read, and every
    /// stored FRED or MTS series.
    ///
    /// Testing and tuning: BULLCHECK_{FRED,FRED_API,TREASURY,SEC,NYFED}_BASE_URL and
    /// BULLCHECK_SEC_BULK_URL replace the publishers' addresses; BULLCHECK_HTTP_TIMEOUT_MS,
    /// BULLCHECK_HTTP_MAX_ATTEMPTS and BULLCHECK_HTTP_RETRY_BASE_MS tune timeouts and retries.
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The series id.
    pub id: String,
    /// How many of the latest observations to print.
    #[arg(long, default_value_t = 10)]
    pub tail: usize,
    /// Also list the copies of the series (each imported file or download: its vintage,
    /// precision, publisher or copy) and every date where they disagree beyond rounding.
    ///
    /// Example: `bullcheck data show DTWEXBGS --vintages`
    #[arg(long)]
    pub vintages: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Series ids to export.
    #[arg(
        required_unless_present = "all",
        conflicts_with = "all",
        value_name = "ID"
    )]
    pub ids: Vec<String>,
    /// Output format: csv and json long (series_id, date, value) unless --wide; parquet long
    /// (id, date, value, vintage) or wide, the series' metadata in the file's key-value
    /// metadata (needs --out).
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// One row per date, one column per series (missing values empty).
    #[arg(long)]
    pub wide: bool,
    /// Only observations dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Only observations dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// Write to this file (a folder with --all) instead of stdout.
    #[arg(long, value_name = "PATH")]
    pub out: Option<std::path::PathBuf>,
    /// The whole store (series, observations with every vintage, imports, company facts) as
    /// a Parquet dataset: one folder per table under --out DIR (`--format parquet`).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Parquet,
}

/// The output of commands that print a table or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableOrJson {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// First month (YYYY-MM). Default: the first month at which the rating has a score.
    #[arg(long, value_name = "YYYY-MM")]
    pub from: Option<String>,
    /// Last month (YYYY-MM). Default: the last complete month covered by stored data.
    #[arg(long, value_name = "YYYY-MM")]
    pub to: Option<String>,
    /// Output: a summary with a yearly strip (table), the full record (json) or the monthly
    /// series (csv). Every format includes the 12-month forecasts (json: `forecasts` and
    /// `forecast_recession_12m` / `forecast_drawdown20_12m` per month), e.g.
    /// `bullcheck history --from 1990-01 --format json`.
    #[arg(long, value_enum, default_value = "table")]
    pub format: HistoryFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The HTML file to write (replaced atomically when it exists).
    #[arg(long, value_name = "FILE.html")]
    pub out: PathBuf,
    /// Evaluate with observations dated on or before this day (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

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
    /// Seconds a client has to send its whole request (headers and body); a connection serves
    /// one request. Example: `--header-timeout 5`.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Open connections at most, half of them per client (IP address); past either cap the
    /// oldest connection still waiting for its request is closed to make room.
    /// Example: `--max-connections 64`.
    #[arg(long, value_name = "N", default_value_t = 128, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000))]
    pub max_connections: usize,
}
