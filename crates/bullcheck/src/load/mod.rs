//! What the commands and the dashboard share: the inputs they read and the models they build
//! from them, below both (`commands` and `serve` use this module; it uses neither).
//!
//! - here: the report language and the as-of date (`--as-of` parsed by one function, today's
//!   date from [`Settings::today`]);
//! - `defs.rs`: check definitions (built-in plus the user's), user TOML files under a size
//!   cap, stress scenarios by name or file;
//! - `data.rs`: the stored series (all, or what the checks read, with the series derived from
//!   company facts) and the 12-month forecasts;
//! - `report.rs`: the [`ReportData`](bullcheck_core::report::html::ReportData) behind
//!   `bullcheck report` and every dashboard page;
//! - `skill.rs`: the measured skill of the headline and the gauges (the monthly ratings from
//!   1990, cached per store state);
//! - `portfolio.rs`: a holdings file run through the stress scenarios and patches
//!   (`portfolio run` and the dashboard's `/portfolio`).

mod data;
mod defs;
mod portfolio;
mod report;
mod skill;

use anyhow::Context as _;
use bullcheck_core::report::Lang;
use bullcheck_core::series::Date;

use crate::settings::Settings;

pub use data::{forecasts, load_data_for, load_dataset};
pub use defs::{find_scenario, load_defs};
pub use portfolio::build_portfolio;
pub use report::build_report_data;
pub use skill::measured_skill;

/// The language of reports and pages.
pub fn lang(settings: &Settings) -> Lang {
    match settings.lang {
        crate::cli::Lang::En => Lang::En,
        crate::cli::Lang::Zh => Lang::Zh,
    }
}

/// `--as-of` when given, else today ([`Settings::today`], the clock read once).
pub fn as_of(settings: &Settings, text: Option<&str>) -> anyhow::Result<Date> {
    match text {
        Some(t) => parse_as_of(t),
        None => Ok(settings.today),
    }
}

/// Parses an `--as-of` date (YYYY-MM-DD): the one parser of every command's `--as-of`.
pub fn parse_as_of(text: &str) -> anyhow::Result<Date> {
    text.parse::<Date>()
        .with_context(|| format!("invalid --as-of `{text}`: expected YYYY-MM-DD"))
}
