//! `interest_vs_defense`: federal net interest outlays against national defense, fiscal year
//! to date (Monthly Treasury Statement, Table 9).
//!
//! - What: net interest ÷ national defense outlays, fiscal-year-to-date, and the rank of net
//!   interest among the large functions (Social Security, Medicare, defense).
//! - Why: the seeds claim interest is overtaking defense and becoming the second-largest item.
//! - How: the latest month at which all four MTS fiscal-year-to-date series are stored.
//!   A ratio above 1 is a warning; net interest above Medicare is critical (docs/catalogue.md).
//! - Limits: MTS "net interest" nets interest received by trust funds; the CBO measure of net
//!   interest on the public debt is larger and ranks differently.

use crate::checks::{Computed, Detail, Missing, Note, Status};
use crate::series::{Dataset, Date};

const INTEREST: &str = "MTS9_NET_INTEREST_FYTD";
const DEFENSE: &str = "MTS9_NATIONAL_DEFENSE_FYTD";
const MEDICARE: &str = "MTS9_MEDICARE_FYTD";
const SOCIAL_SECURITY: &str = "MTS9_SOCIAL_SECURITY_FYTD";

pub type Params = super::NoParams;

/// Reads the four MTS series by id (`Compute::reads_by_id`).
pub fn compute(data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let get = |id: &str| {
        data.get(id).ok_or_else(|| Missing::NotStored {
            id: id.to_string(),
            update: true,
        })
    };
    let interest = get(INTEREST)?;
    let defense = get(DEFENSE)?;
    let history: Vec<(Date, f64)> = interest
        .up_to(as_of)
        .iter()
        .filter_map(|&(d, i)| {
            let dfn = defense.points.iter().find(|p| p.0 == d)?.1;
            (dfn > 0.0).then_some((d, i / dfn))
        })
        .collect();
    let &(date, value) = history.last().ok_or_else(|| {
        Missing::NoValue(Note::new(
            "no month with both net interest and defense",
            "没有同时有净利息和国防支出的月份",
        ))
    })?;
    let at = |id: &str| {
        data.get(id)
            .and_then(|s| s.points.iter().find(|p| p.0 == date))
            .map(|p| p.1)
    };
    let interest_now = at(INTEREST).unwrap_or(f64::NAN);
    let mut details = vec![
        Detail::figure(
            "net interest FYTD",
            "财年累计净利息",
            format!("${:.1}B", interest_now / 1e9),
        ),
        Detail::figure(
            "national defense FYTD",
            "财年累计国防支出",
            format!("${:.1}B", at(DEFENSE).unwrap_or(f64::NAN) / 1e9),
        ),
    ];
    let mut floor = None;
    let mut sources = vec![INTEREST.to_string(), DEFENSE.to_string()];
    if let Some(medicare) = at(MEDICARE) {
        details.push(Detail::figure(
            "Medicare FYTD",
            "财年累计医保支出",
            format!("${:.1}B", medicare / 1e9),
        ));
        sources.push(MEDICARE.to_string());
        if interest_now > medicare {
            floor = Some((
                Status::Critical,
                Note::new(
                    "net interest exceeds Medicare",
                    "净利息支出超过联邦医疗保险",
                ),
            ));
        }
    }
    if let Some(ss) = at(SOCIAL_SECURITY) {
        details.push(Detail::figure(
            "Social Security FYTD",
            "财年累计社保支出",
            format!("${:.1}B", ss / 1e9),
        ));
        sources.push(SOCIAL_SECURITY.to_string());
    }
    let others = [DEFENSE, MEDICARE, SOCIAL_SECURITY]
        .iter()
        .filter_map(|id| at(id));
    let rank = 1 + others.filter(|v| *v > interest_now).count();
    details.push(Detail::figure(
        "rank of net interest among the four",
        "净利息在四项中的排名",
        rank.to_string(),
    ));
    Ok(Computed {
        value,
        date,
        history,
        floor,
        details,
        sources,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{data, detail};
    use super::*;
    use jiff::civil::date;

    /// Oracle by hand: $800B of net interest against $700B of defense is 1.14×; only Social
    /// Security ($1,200B) is larger, so interest ranks 2nd, and above Medicare ($750B) it is
    /// critical.
    #[test]
    fn ratio_rank_and_the_medicare_floor() {
        let d = date(2025, 6, 30);
        let set = data(&[
            (INTEREST, vec![(d, 800e9)]),
            (DEFENSE, vec![(d, 700e9)]),
            (MEDICARE, vec![(d, 750e9)]),
            (SOCIAL_SECURITY, vec![(d, 1200e9)]),
        ]);
        let c = compute(&set, date(2025, 7, 31)).unwrap();
        assert!((c.value - 8.0 / 7.0).abs() < 1e-12);
        assert_eq!(detail(&c, "net interest FYTD"), "$800.0B");
        assert_eq!(detail(&c, "rank of net interest among the four"), "2");
        assert_eq!(c.floor.unwrap().0, Status::Critical);
        let missing = compute(&data(&[]), date(2025, 7, 31)).unwrap_err();
        assert_eq!(
            missing.en(),
            "MTS9_NET_INTEREST_FYTD is not stored (bullcheck data update MTS9_NET_INTEREST_FYTD)"
        );
    }
}
