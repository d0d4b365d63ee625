//! SEC XBRL company facts for the company screens: the annual-value rules ([`annual`]), the
//! universes and screens ([`screens`]), the hyperscaler tables ([`hyperscalers`]) and the
//! series the audit derives from them ([`derived`]). The concepts bullcheck keeps, the fact
//! rows and their one parser are [`crate::source::sec`] (re-exported here).
//!
//! Everything here is pure: callers hand in facts and an as-of date.

pub mod annual;
pub mod derived;
pub mod hyperscalers;
pub mod render;
pub mod screens;
#[cfg(test)]
mod test_facts;

pub use crate::source::sec::{CompanyData, Concept, Fact, MAX_CIK, SkipReason, parse_ymd};

use crate::series::Date;

/// Days from `start` to `end` (negative when `end` is earlier).
pub fn days_between(start: Date, end: Date) -> i64 {
    // A civil date difference always fits a span of days; 0 is unreachable in practice.
    end.since(start)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_days_across_leap_years() {
        // 2023-01-01 .. 2023-12-31 is 364 days apart; 2024 has 366 days.
        assert_eq!(
            days_between(Date::constant(2023, 1, 1), Date::constant(2023, 12, 31)),
            364
        );
        assert_eq!(
            days_between(Date::constant(2024, 1, 1), Date::constant(2025, 1, 1)),
            366
        );
    }
}
