//! `interest_vs_defense`: federal net interest outlays against national defense, fiscal year
//! to date (Monthly Treasury Statement, Table 9).
//!
//! - What: net interest ÷ national defense outlays, fiscal-year-to-date, and the rank of net
//!   interest among the large functions (Social Security, Medicare, defense).
//! - Why: the seeds claim interest is overtaking defense and becoming the second-largest item.
//! - How: the latest month at which all four MTS fiscal-year-to-date series are stored.
//!   A ratio above 1 is a warning; net interest above Medicare is critical (CATALOGUE).
//! - Limits: MTS "net interest" nets interest received by trust funds; the CBO measure of net
//!   interest on the public debt is larger and ranks differently.

use crate::checks::{CheckDef, Computed, Note, Status};
use crate::series::{Dataset, Date};

const INTEREST: &str = "MTS9_NET_INTEREST_FYTD";
const DEFENSE: &str = "MTS9_NATIONAL_DEFENSE_FYTD";
const MEDICARE: &str = "MTS9_MEDICARE_FYTD";
const SOCIAL_SECURITY: &str = "MTS9_SOCIAL_SECURITY_FYTD";

pub fn compute(_def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, String> {
    let get = |id: &str| {
        data.get(id)
            .ok_or_else(|| format!("{id} is not stored (bullcheck data update {id})"))
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
    let &(date, value) = history
        .last()
        .ok_or("no month with both net interest and defense")?;
    let at = |id: &str| {
        data.get(id)
            .and_then(|s| s.points.iter().find(|p| p.0 == date))
            .map(|p| p.1)
    };
    let interest_now = at(INTEREST).unwrap_or(f64::NAN);
    let mut details = vec![
        (
            "net interest FYTD".to_string(),
            format!("${:.1}B", interest_now / 1e9),
        ),
        (
            "national defense FYTD".to_string(),
            format!("${:.1}B", at(DEFENSE).unwrap_or(f64::NAN) / 1e9),
        ),
    ];
    let mut floor = None;
    let mut sources = vec![INTEREST.to_string(), DEFENSE.to_string()];
    if let Some(medicare) = at(MEDICARE) {
        details.push((
            "Medicare FYTD".to_string(),
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
        details.push((
            "Social Security FYTD".to_string(),
            format!("${:.1}B", ss / 1e9),
        ));
        sources.push(SOCIAL_SECURITY.to_string());
    }
    let others = [DEFENSE, MEDICARE, SOCIAL_SECURITY]
        .iter()
        .filter_map(|id| at(id));
    let rank = 1 + others.filter(|v| *v > interest_now).count();
    details.push((
        "rank of net interest among the four".to_string(),
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
