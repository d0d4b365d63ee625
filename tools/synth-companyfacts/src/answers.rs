//! The known answers, computed from the plan by following the documented screen definitions
//! (bullcheck `companies screen`, docs/catalogue.md M3) step by step on the planned values.

use std::collections::BTreeMap;

use jiff::ToSpan as _;
use jiff::civil::Date;
use serde::Serialize;

use crate::plan::{CompanyPlan, Config, Reported, YearPlan};

/// A company is current when its latest 10-K was filed at most this many days before as-of.
const CURRENT_WITHIN_DAYS: i32 = 550;
const OLD_RATE: f64 = 0.035;
const NEW_RATE: f64 = 0.09;

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Answers {
    pub seed: u64,
    /// Entries in the archive (companies, damaged ones included).
    pub entries: usize,
    /// Damaged entries by the skip reason ingest must report.
    pub skipped: BTreeMap<String, usize>,
    pub skipped_ciks: Vec<u64>,
    pub as_of: Vec<AsOfAnswers>,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct AsOfAnswers {
    pub as_of: String,
    pub all: UniverseAnswers,
    pub small: UniverseAnswers,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct UniverseAnswers {
    /// Companies in the universe.
    pub members: usize,
    pub unprofitable: ShareAnswer,
    pub zombies: ZombieAnswer,
    pub maturity_wall: WallAnswer,
    pub refinancing: RefinancingAnswer,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ShareAnswer {
    pub companies: usize,
    pub count: usize,
    pub share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ZombieAnswer {
    pub companies: usize,
    pub count: usize,
    pub share: Option<f64>,
    pub ciks: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct WallYear {
    pub year: i16,
    pub usd: f64,
    pub companies: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct WallAnswer {
    pub companies: usize,
    pub by_year: Vec<WallYear>,
    pub after_year_five_usd: f64,
    pub after_year_five_companies: usize,
    pub total_usd: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct RefinancingAnswer {
    pub companies: usize,
    pub below_before: usize,
    pub pushed_below: usize,
    pub share: Option<f64>,
}

pub fn compute(config: &Config, companies: &[CompanyPlan], damaged: &[u64]) -> Answers {
    let mut skipped = BTreeMap::new();
    for company in companies {
        if let Some(damage) = company.damage {
            *skipped.entry(damage.reason().to_string()).or_insert(0) += 1;
        }
    }
    let valid: Vec<&CompanyPlan> = companies.iter().filter(|c| c.damage.is_none()).collect();
    Answers {
        seed: config.seed,
        entries: companies.len(),
        skipped,
        skipped_ciks: damaged.to_vec(),
        as_of: config
            .as_ofs
            .iter()
            .map(|&as_of| AsOfAnswers {
                as_of: as_of.to_string(),
                all: universe_answers(&all_universe(&valid, as_of), as_of),
                small: universe_answers(&small_universe(&valid, as_of), as_of),
            })
            .collect(),
    }
}

/// What a company's filings say as of a date.
struct Known<'a> {
    company: &'a CompanyPlan,
    /// The fiscal years whose 10-K was filed on or before as-of.
    years: &'a [YearPlan],
    all_years: &'a [YearPlan],
}

impl Known<'_> {
    fn latest(&self) -> &YearPlan {
        self.years.last().expect("known companies have a year")
    }

    /// The value known for year `index`: the restated value once the next 10-K (which repeats
    /// the year as a comparative) is filed, else the original.
    fn value(&self, index: usize, reported: Reported) -> i64 {
        if index + 1 < self.years.len() {
            reported.restated
        } else {
            reported.original
        }
    }
}

fn known(company: &CompanyPlan, as_of: Date) -> Option<Known<'_>> {
    let count = company
        .years
        .iter()
        .take_while(|y| y.filed <= as_of)
        .count();
    (count > 0).then(|| Known {
        company,
        years: &company.years[..count],
        all_years: &company.years,
    })
}

fn is_current(known: &Known<'_>, as_of: Date) -> bool {
    let days = as_of.since(known.latest().filed).expect("span").get_days();
    days <= CURRENT_WITHIN_DAYS
}

fn all_universe<'a>(companies: &[&'a CompanyPlan], as_of: Date) -> Vec<Known<'a>> {
    companies
        .iter()
        .filter_map(|c| known(c, as_of))
        .filter(|k| is_current(k, as_of))
        .collect()
}

fn small_universe<'a>(companies: &[&'a CompanyPlan], as_of: Date) -> Vec<Known<'a>> {
    let mut ranked: Vec<(i64, Known<'a>)> = all_universe(companies, as_of)
        .into_iter()
        .filter_map(|k| k.latest().public_float.map(|(_, value)| (value, k)))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.company.cik.cmp(&b.1.company.cik)));
    ranked
        .into_iter()
        .skip(1000)
        .take(2000)
        .map(|(_, k)| k)
        .collect()
}

fn share(count: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| count as f64 / of as f64)
}

fn universe_answers(members: &[Known<'_>], as_of: Date) -> UniverseAnswers {
    // Unprofitable: every 10-K reports net income.
    let losses = members
        .iter()
        .filter(|k| k.value(k.years.len() - 1, k.latest().net_income) < 0)
        .count();

    // Zombies.
    let ten_years_before = as_of.saturating_sub(10.years());
    let with_ebit: Vec<&Known<'_>> = members
        .iter()
        .filter(|k| k.company.reports_operating_income)
        .collect();
    let mut zombie_ciks: Vec<u64> = with_ebit
        .iter()
        .filter(|k| k.all_years[0].filed <= ten_years_before && k.years.len() >= 3)
        .filter(|k| {
            (k.years.len() - 3..k.years.len()).all(|i| {
                let year = &k.years[i];
                match year.interest {
                    Some((_, interest)) => {
                        let interest = k.value(i, interest);
                        interest > 0 && k.value(i, year.operating_income) < interest
                    }
                    None => false,
                }
            })
        })
        .map(|k| k.company.cik)
        .collect();
    zombie_ciks.sort_unstable();

    // Maturity wall and refinancing at the latest fiscal year end.
    let mut by_year: BTreeMap<i16, (i64, usize)> = BTreeMap::new();
    let (mut wall_companies, mut after_usd, mut after_companies, mut total) = (0, 0i64, 0, 0i64);
    let (mut refi_companies, mut below_before, mut pushed_below) = (0, 0, 0);
    for k in members {
        let latest = k.latest();
        let Some((buckets, after)) = latest.maturities else {
            continue;
        };
        let present = buckets.iter().any(Option::is_some) || after.is_some();
        if !present {
            continue;
        }
        wall_companies += 1;
        let mut schedule_total = 0i64;
        for (i, bucket) in buckets.iter().enumerate() {
            if let Some(amount) = bucket {
                let year = latest.end.saturating_add((i as i64 + 1).years()).year();
                let entry = by_year.entry(year).or_insert((0, 0));
                entry.0 += amount;
                entry.1 += 1;
                schedule_total += amount;
            }
        }
        if let Some(amount) = after {
            after_usd += amount;
            after_companies += 1;
            schedule_total += amount;
        }
        total += schedule_total;

        let index = k.years.len() - 1;
        let Some((_, interest)) = latest.interest else {
            continue;
        };
        let interest = k.value(index, interest);
        if !k.company.reports_operating_income || interest <= 0 || schedule_total <= 0 {
            continue;
        }
        let ebit = k.value(index, latest.operating_income);
        let near = buckets[0].unwrap_or(0) + buckets[1].unwrap_or(0);
        let repriced = near as f64 / schedule_total as f64;
        let before = ebit as f64 / interest as f64;
        let after_repricing =
            before * (OLD_RATE / ((1.0 - repriced) * OLD_RATE + repriced * NEW_RATE));
        refi_companies += 1;
        if before < 1.0 {
            below_before += 1;
        } else if after_repricing < 1.0 {
            pushed_below += 1;
        }
    }

    UniverseAnswers {
        members: members.len(),
        unprofitable: ShareAnswer {
            companies: members.len(),
            count: losses,
            share: share(losses, members.len()),
        },
        zombies: ZombieAnswer {
            companies: with_ebit.len(),
            count: zombie_ciks.len(),
            share: share(zombie_ciks.len(), with_ebit.len()),
            ciks: zombie_ciks,
        },
        maturity_wall: WallAnswer {
            companies: wall_companies,
            by_year: by_year
                .into_iter()
                .map(|(year, (usd, companies))| WallYear {
                    year,
                    usd: usd as f64,
                    companies,
                })
                .collect(),
            after_year_five_usd: after_usd as f64,
            after_year_five_companies: after_companies,
            total_usd: total as f64,
        },
        refinancing: RefinancingAnswer {
            companies: refi_companies,
            below_before,
            pushed_below,
            share: share(pushed_below, refi_companies),
        },
    }
}
