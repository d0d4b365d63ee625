//! The seeds' publication dates, for verdicts "at publication".
//!
//! From `docs/catalogue.md`: seed 001 is dated 22 January 2026 and seed 003 26 November 2025 (both
//! stated in the text); 000 and 002 carry no date, and the catalogue assigns them 26 November
//! 2025 (they cite events up to November 2025, and 001, dated January 2026, expands 000). Those
//! two dates are labelled assumed wherever they are shown.

use crate::series::Date;

/// A seed's publication date and whether the seed states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedDate {
    pub seed: &'static str,
    pub date: Date,
    /// `true` when the seed carries no date and the catalogue's assumed one is used.
    pub assumed: bool,
}

pub const SEED_DATES: [SeedDate; 4] = [
    SeedDate {
        seed: "000",
        date: Date::constant(2025, 11, 26),
        assumed: true,
    },
    SeedDate {
        seed: "001",
        date: Date::constant(2026, 1, 22),
        assumed: false,
    },
    SeedDate {
        seed: "002",
        date: Date::constant(2025, 11, 26),
        assumed: true,
    },
    SeedDate {
        seed: "003",
        date: Date::constant(2025, 11, 26),
        assumed: false,
    },
];

/// The first publication of a claim made by the seeds listed in `seeds` (`"000, 001"`): the
/// earliest of their dates; a stated date wins over an assumed one on the same day.
pub fn first_publication(seeds: &str) -> Option<SeedDate> {
    seeds
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .filter_map(|code| SEED_DATES.iter().find(|d| d.seed == code))
        .min_by_key(|d| (d.date, d.assumed))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn earliest_seed_date_with_its_label() {
        let d = first_publication("000, 001").unwrap();
        assert_eq!(
            (d.seed, d.date, d.assumed),
            ("000", date(2025, 11, 26), true)
        );
        let d = first_publication("001").unwrap();
        assert_eq!((d.date, d.assumed), (date(2026, 1, 22), false));
        // 003 states the same day 000 is assumed to have: the stated date is shown.
        let d = first_publication("000, 003").unwrap();
        assert_eq!((d.seed, d.assumed), ("003", false));
        assert_eq!(first_publication("user"), None);
    }
}
