//! What the commands and the dashboard share: the inputs they read and the models they build
//! from them, below both (`commands` and `serve` use this module; it uses neither).
//!
//! - here: the report language and the as-of date (`--as-of` parsed by one function, today's
//!   date from [`Settings::today`]);
//! - `defs.rs`: check definitions (built-in plus the user's), user TOML files under a size
//!   cap, stress scenarios by name or file;
//! - `audit.rs`: the one audit (checks, forecasts, skill) behind `audit`, the report, the
//!   dashboard and the Python package;
//! - `data.rs`: the stored series (all, or what the checks read, with the series derived from
//!   company facts);
//! - `report.rs`: the [`ReportData`](bullcheck_core::report::html::ReportData) behind
//!   `bullcheck report` and every dashboard page;
//! - `skill.rs`: the monthly ratings of the track record, cached per store state, and what
//!   is built on them: the measured skill of the headline and the gauges, `history`'s
//!   ratings, the report's and the dashboard's track record;
//! - `gsadf_cache.rs`: GSADF critical values cached per (T, minimum window, lag,
//!   replications, seed);
//! - `portfolio.rs`: a holdings file run through the stress scenarios and patches
//!   (`portfolio run` and the dashboard's `/portfolio`).

mod audit;
mod data;
mod defs;
mod gsadf_cache;
mod portfolio;
mod report;
mod skill;

use anyhow::Context as _;
use bullcheck_core::report::Lang;
use bullcheck_core::series::Date;

use crate::settings::Settings;

pub use audit::{AuditOptions, assemble, audit};
pub use data::{load_data_for, load_dataset};
pub use defs::{find_scenario, load_defs};
pub use gsadf_cache::critical_values_cached;
pub use portfolio::build_portfolio;
pub use report::build_report_data;
pub use skill::{measured_skill, rate_cached, track_record};

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
        Some(t) => parse_as_of(t, settings.today),
        None => Ok(settings.today),
    }
}

/// How far past today an `--as-of` may be: one year. No stored figure can be dated later, and
/// dates near 9999-12-31 would overflow the calendar arithmetic of the checks (issue 28).
const AS_OF_MAX_AHEAD_DAYS: i64 = 366;

/// Parses an `--as-of` date (YYYY-MM-DD): the one parser of every command's `--as-of`
/// (the CLI's and the dashboard's). Refuses a date more than a year after `today`.
pub fn parse_as_of(text: &str, today: Date) -> anyhow::Result<Date> {
    let date = text.parse::<Date>().with_context(|| {
        let shown = crate::cli_values::excerpt(text);
        format!("invalid --as-of `{shown}`: expected YYYY-MM-DD")
    })?;
    let latest = today
        .checked_add(jiff::Span::new().days(AS_OF_MAX_AHEAD_DAYS))
        .unwrap_or(Date::MAX);
    if date > latest {
        anyhow::bail!(
            "invalid --as-of `{date}`: more than a year after today ({today}); the latest \
             accepted is {latest}"
        );
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 28: `--as-of 9999-12-31` panicked in the checks' calendar arithmetic (exit 101)
    /// and made every dashboard page 500. Dates more than a year after today are refused,
    /// naming the flag; dates up to a year ahead and any past date still parse.
    #[test]
    fn as_of_far_in_the_future_is_refused() {
        let today = jiff::civil::date(2026, 12, 7);
        for far in [
            "9999-12-31",
            "9999-01-01",
            "9000-06-15",
            "2200-01-01",
            "2100-02-28",
            "2028-12-31",
            "2027-12-09",
        ] {
            let err = parse_as_of(far, today).unwrap_err().to_string();
            assert!(
                err.contains("--as-of") && err.contains("after today"),
                "{far}: {err}"
            );
        }
        for fine in [
            "2027-12-07",
            "2026-12-08",
            "2026-12-07",
            "1990-01-31",
            "0001-01-01",
        ] {
            assert!(parse_as_of(fine, today).is_ok(), "{fine}");
        }
        // A garbage value is quoted as an excerpt, never whole.
        let long = "9".repeat(10_000);
        let err = parse_as_of(&long, today).unwrap_err().to_string();
        assert!(err.len() < 200, "{}", err.len());
    }
}
