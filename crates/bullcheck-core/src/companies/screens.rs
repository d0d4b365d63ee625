//! Company screens over extracted facts: the universes (all current filers, and the
//! small-cap proxy for the Russell 2000) and the screens `unprofitable`, `zombies`,
//! `maturity-wall` and `refinancing`. Every screen is a function of the companies' facts, the
//! as-of date and its parameters; values use the rules of [`super::annual`].
//!
//! A company is *current* on the as-of date when its latest annual report (10-K, 10-K/A,
//! 20-F, 40-F) was filed within [`CURRENT_WITHIN_DAYS`] days before it: a fiscal year plus the
//! filing window and some slack, so that filers that stopped reporting years ago do not count.

use std::collections::BTreeMap;

use serde::Serialize;

use super::annual::{
    MAX_ANNUAL_DAYS, MIN_ANNUAL_DAYS, annual_durations, annual_instants_at,
    annual_interest_expense, first_annual_filing, fiscal_year_ends, latest_annual_filing,
};
use super::{CompanyData, Concept, Fact, days_between};
use crate::models::refinancing::{Repricing, coverage_after};
use crate::series::Date;

mod inputs;
mod texts;
pub use inputs::{UnprofitableInputs, universe_ciks, unprofitable_at_each};
pub use texts::*;

/// A company is current when its latest annual report was filed at most this many days
/// before the as-of date.
pub const CURRENT_WITHIN_DAYS: i64 = 550;
/// The small universe: these ranks (1-based, inclusive) by latest public float.
pub const SMALL_FIRST_RANK: usize = 1001;
pub const SMALL_LAST_RANK: usize = 3000;
/// A zombie's first annual report is at least this many years older than the as-of date.
pub const ZOMBIE_MIN_AGE_YEARS: i16 = 10;
/// A zombie's coverage is below 1 in this many latest consecutive fiscal years.
pub const ZOMBIE_YEARS: usize = 3;

/// Which companies a screen looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Universe {
    All,
    Small,
}

impl Universe {
    pub fn name(self) -> &'static str {
        match self {
            Universe::All => "all",
            Universe::Small => "small",
        }
    }

    pub fn note(self) -> &'static str {
        match self {
            Universe::All => ALL_UNIVERSE_NOTE,
            Universe::Small => SMALL_UNIVERSE_NOTE,
        }
    }

    /// [`Universe::note`] in Chinese.
    pub fn note_zh(self) -> &'static str {
        match self {
            Universe::All => ALL_UNIVERSE_NOTE_ZH,
            Universe::Small => SMALL_UNIVERSE_NOTE_ZH,
        }
    }
}

/// Whether the company's latest annual report was filed within [`CURRENT_WITHIN_DAYS`].
pub fn is_current(company: &CompanyData, as_of: Date) -> bool {
    latest_annual_filing(&company.facts, as_of)
        .is_some_and(|filed| days_between(filed, as_of) <= CURRENT_WITHIN_DAYS)
}

/// The latest `dei:EntityPublicFloat` known on `as_of` (latest `end`; ties: latest filed).
pub fn latest_public_float(facts: &[Fact], as_of: Date) -> Option<f64> {
    facts
        .iter()
        .filter(|f| f.concept == Concept::EntityPublicFloat && f.filed <= as_of)
        .max_by(|a, b| (a.end, a.filed, a.accn.as_str()).cmp(&(b.end, b.filed, b.accn.as_str())))
        .map(|f| f.val)
}

/// The companies of a universe on `as_of`, in input order for `All` and by float rank for
/// `Small` (float descending, ties by CIK).
pub fn universe(companies: &[CompanyData], as_of: Date, universe: Universe) -> Vec<&CompanyData> {
    let current = companies.iter().filter(|c| is_current(c, as_of));
    match universe {
        Universe::All => current.collect(),
        Universe::Small => small_ranks(
            current
                .filter_map(|c| latest_public_float(&c.facts, as_of).map(|float| (float, c.cik, c)))
                .collect(),
        ),
    }
}

/// The small universe from (latest float, CIK, company) of the current filers: ranks
/// [`SMALL_FIRST_RANK`] to [`SMALL_LAST_RANK`] by float descending, ties by CIK.
fn small_ranks<T>(mut ranked: Vec<(f64, u64, T)>) -> Vec<T> {
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked
        .into_iter()
        .skip(SMALL_FIRST_RANK - 1)
        .take(SMALL_LAST_RANK - SMALL_FIRST_RANK + 1)
        .map(|(_, _, c)| c)
        .collect()
}

/// What every screen result starts with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreenHeader {
    pub screen: &'static str,
    pub as_of: String,
    pub universe: &'static str,
    pub universe_note: &'static str,
    /// [`ScreenHeader::universe_note`] in Chinese (the JSON keeps the English).
    #[serde(skip)]
    pub universe_note_zh: &'static str,
    /// Companies assessed: in the universe and with the data the screen needs.
    pub companies: usize,
}

impl ScreenHeader {
    fn new(screen: &'static str, as_of: Date, universe: Universe, companies: usize) -> Self {
        ScreenHeader {
            screen,
            as_of: as_of.to_string(),
            universe: universe.name(),
            universe_note: universe.note(),
            universe_note_zh: universe.note_zh(),
            companies,
        }
    }
}

/// `unprofitable`: share of companies whose latest annual `NetIncomeLoss` is below 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnprofitableResult {
    #[serde(flatten)]
    pub header: ScreenHeader,
    pub count: usize,
    pub share: Option<f64>,
}

pub fn unprofitable(companies: &[CompanyData], as_of: Date, which: Universe) -> UnprofitableResult {
    count_losses(
        universe(companies, as_of, which)
            .into_iter()
            .map(|c| c.facts.as_slice()),
        as_of,
        which,
    )
}

/// [`unprofitable`] over the facts of a universe's members: those whose latest annual net
/// income is below 0, among those that report one.
fn count_losses<'a>(
    members: impl IntoIterator<Item = &'a [Fact]>,
    as_of: Date,
    which: Universe,
) -> UnprofitableResult {
    let mut assessed = 0;
    let mut count = 0;
    for facts in members {
        if let Some((_, &net_income)) =
            annual_durations(facts, Concept::NetIncomeLoss, as_of).last_key_value()
        {
            assessed += 1;
            if net_income < 0.0 {
                count += 1;
            }
        }
    }
    UnprofitableResult {
        header: ScreenHeader::new("unprofitable", as_of, which, assessed),
        count,
        share: share(count, assessed),
    }
}

fn share(count: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| count as f64 / of as f64)
}

/// One zombie company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZombieRow {
    pub cik: u64,
    pub name: String,
    pub first_annual_report: String,
    /// The fiscal years (ends) tested, oldest first, with EBIT, interest and coverage.
    pub years: Vec<CoverageYear>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageYear {
    pub fiscal_year_end: String,
    pub operating_income: f64,
    pub interest_expense: f64,
    pub coverage: f64,
}

/// `zombies`: BIS broad definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZombieResult {
    #[serde(flatten)]
    pub header: ScreenHeader,
    pub definition: &'static str,
    /// [`ZombieResult::definition`] in Chinese (the JSON keeps the English).
    #[serde(skip)]
    pub definition_zh: &'static str,
    pub count: usize,
    pub share: Option<f64>,
    pub zombies: Vec<ZombieRow>,
}

/// Whether successive fiscal year ends are one fiscal year apart.
fn consecutive(ends: &[Date]) -> bool {
    ends.windows(2)
        .all(|pair| (MIN_ANNUAL_DAYS..=MAX_ANNUAL_DAYS).contains(&days_between(pair[0], pair[1])))
}

pub fn zombies(companies: &[CompanyData], as_of: Date, which: Universe) -> ZombieResult {
    zombies_among(&universe(companies, as_of, which), as_of, which)
}

/// [`zombies`] on the members of the universe `which`, already chosen (by [`universe`] or
/// [`universe_ciks`]) and in its order.
pub fn zombies_among(members: &[&CompanyData], as_of: Date, which: Universe) -> ZombieResult {
    let mut assessed = 0;
    let mut rows = Vec::new();
    let age_cutoff = as_of.saturating_sub(jiff::Span::new().years(ZOMBIE_MIN_AGE_YEARS));
    for &company in members {
        let operating = annual_durations(&company.facts, Concept::OperatingIncomeLoss, as_of);
        if operating.is_empty() {
            continue;
        }
        assessed += 1;
        let Some(first_report) = first_annual_filing(&company.facts, as_of) else {
            continue;
        };
        if first_report > age_cutoff || operating.len() < ZOMBIE_YEARS {
            continue;
        }
        let latest: Vec<(Date, f64)> = operating
            .iter()
            .rev()
            .take(ZOMBIE_YEARS)
            .rev()
            .map(|(d, v)| (*d, *v))
            .collect();
        let ends: Vec<Date> = latest.iter().map(|(d, _)| *d).collect();
        if !consecutive(&ends) {
            continue;
        }
        let interest = annual_interest_expense(&company.facts, as_of);
        let years: Option<Vec<CoverageYear>> = latest
            .iter()
            .map(|&(end, ebit)| {
                let paid = *interest.get(&end)?;
                (paid > 0.0 && ebit < paid).then(|| CoverageYear {
                    fiscal_year_end: end.to_string(),
                    operating_income: ebit,
                    interest_expense: paid,
                    coverage: ebit / paid,
                })
            })
            .collect();
        if let Some(years) = years {
            rows.push(ZombieRow {
                cik: company.cik,
                name: company.entity_name.clone(),
                first_annual_report: first_report.to_string(),
                years,
            });
        }
    }
    rows.sort_by_key(|row| row.cik);
    ZombieResult {
        header: ScreenHeader::new("zombies", as_of, which, assessed),
        definition: ZOMBIE_DEFINITION,
        definition_zh: ZOMBIE_DEFINITION_ZH,
        count: rows.len(),
        share: share(rows.len(), assessed),
        zombies: rows,
    }
}

/// One company's latest annual debt maturity schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct MaturitySchedule {
    pub fiscal_year_end: Date,
    /// Buckets 1 (next twelve months) to 5 (year five); `None` when not reported.
    pub buckets: [Option<f64>; 5],
    pub after_year_five: Option<f64>,
}

impl MaturitySchedule {
    pub fn is_empty(&self) -> bool {
        self.buckets.iter().all(Option::is_none) && self.after_year_five.is_none()
    }

    pub fn total(&self) -> f64 {
        self.buckets.iter().flatten().sum::<f64>() + self.after_year_five.unwrap_or(0.0)
    }

    pub fn within_24_months(&self) -> f64 {
        self.buckets[0].unwrap_or(0.0) + self.buckets[1].unwrap_or(0.0)
    }
}

/// The maturity schedule at the company's latest fiscal year end known on `as_of` (`None` when
/// that balance sheet reports no maturity bucket).
pub fn latest_maturity_schedule(facts: &[Fact], as_of: Date) -> Option<MaturitySchedule> {
    let year_ends = fiscal_year_ends(facts, as_of);
    let &latest_end = year_ends.last()?;
    let at_end = |concept: Concept| {
        annual_instants_at(facts, concept, as_of, &year_ends)
            .get(&latest_end)
            .copied()
    };
    let schedule = MaturitySchedule {
        fiscal_year_end: latest_end,
        buckets: Concept::MATURITY_BUCKETS.map(at_end),
        after_year_five: at_end(Concept::MaturityAfterYearFive),
    };
    (!schedule.is_empty()).then_some(schedule)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WallYear {
    pub year: i16,
    pub usd: f64,
    pub companies: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WallRest {
    pub usd: f64,
    pub companies: usize,
}

/// `maturity-wall`: maturities by calendar year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaturityWallResult {
    #[serde(flatten)]
    pub header: ScreenHeader,
    pub definition: &'static str,
    pub by_year: Vec<WallYear>,
    pub after_year_five: WallRest,
    pub total_usd: f64,
    /// Buckets 1 and 2 over all buckets: the share of debt due within 24 months.
    pub due_within_24_months_share: Option<f64>,
}

pub fn maturity_wall(
    companies: &[CompanyData],
    as_of: Date,
    which: Universe,
) -> MaturityWallResult {
    let mut by_year: BTreeMap<i16, (f64, usize)> = BTreeMap::new();
    let mut rest = WallRest {
        usd: 0.0,
        companies: 0,
    };
    let mut assessed = 0;
    let (mut total, mut near) = (0.0, 0.0);
    for company in universe(companies, as_of, which) {
        let Some(schedule) = latest_maturity_schedule(&company.facts, as_of) else {
            continue;
        };
        assessed += 1;
        total += schedule.total();
        near += schedule.within_24_months();
        for (k, amount) in schedule.buckets.iter().enumerate() {
            let Some(amount) = amount else { continue };
            let years = i16::try_from(k + 1).unwrap_or(i16::MAX);
            let bucket_end = schedule
                .fiscal_year_end
                .saturating_add(jiff::Span::new().years(years));
            let entry = by_year.entry(bucket_end.year()).or_insert((0.0, 0));
            entry.0 += amount;
            entry.1 += 1;
        }
        if let Some(amount) = schedule.after_year_five {
            rest.usd += amount;
            rest.companies += 1;
        }
    }
    MaturityWallResult {
        header: ScreenHeader::new("maturity-wall", as_of, which, assessed),
        definition: MATURITY_WALL_DEFINITION,
        by_year: by_year
            .into_iter()
            .map(|(year, (usd, companies))| WallYear {
                year,
                usd,
                companies,
            })
            .collect(),
        after_year_five: rest,
        total_usd: total,
        due_within_24_months_share: (total > 0.0).then(|| near / total),
    }
}

/// Parameters of the refinancing screen (docs/catalogue.md M3).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RefinancingParams {
    /// r0: the rate the debt carries today.
    pub old_rate: f64,
    /// r1: the rate repriced debt pays.
    pub new_rate: f64,
    /// s: a fixed repriced share for every company; `None` = each company's share of debt
    /// maturing within 24 months (buckets 1 and 2 over all buckets).
    pub repriced_share: Option<f64>,
}

impl Default for RefinancingParams {
    fn default() -> Self {
        RefinancingParams {
            old_rate: crate::models::refinancing::SEED_OLD_RATE,
            new_rate: crate::models::refinancing::SEED_NEW_RATE,
            repriced_share: None,
        }
    }
}

/// `refinancing`: coverage after repricing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RefinancingResult {
    #[serde(flatten)]
    pub header: ScreenHeader,
    pub definition: &'static str,
    pub params: RefinancingParams,
    /// Coverage already below 1 before the repricing.
    pub below_before: usize,
    /// Coverage at or above 1 before and below 1 after.
    pub pushed_below: usize,
    /// `pushed_below / companies`.
    pub share: Option<f64>,
    /// Below 1 after the repricing, either way.
    pub below_after: usize,
}

pub fn refinancing(
    companies: &[CompanyData],
    as_of: Date,
    which: Universe,
    params: RefinancingParams,
) -> RefinancingResult {
    let (mut assessed, mut below_before, mut pushed_below) = (0, 0, 0);
    for company in universe(companies, as_of, which) {
        let Some(schedule) = latest_maturity_schedule(&company.facts, as_of) else {
            continue;
        };
        let end = schedule.fiscal_year_end;
        let Some(&ebit) =
            annual_durations(&company.facts, Concept::OperatingIncomeLoss, as_of).get(&end)
        else {
            continue;
        };
        let Some(&interest) = annual_interest_expense(&company.facts, as_of).get(&end) else {
            continue;
        };
        let total = schedule.total();
        if interest <= 0.0 || total <= 0.0 {
            continue;
        }
        let repriced_share = params
            .repriced_share
            .unwrap_or(schedule.within_24_months() / total);
        let before = ebit / interest;
        let repricing = Repricing {
            old_rate: params.old_rate,
            new_rate: params.new_rate,
            repriced_share,
        };
        let Some(after) = coverage_after(before, repricing) else {
            continue;
        };
        assessed += 1;
        if before < 1.0 {
            below_before += 1;
        } else if after < 1.0 {
            pushed_below += 1;
        }
    }
    RefinancingResult {
        header: ScreenHeader::new("refinancing", as_of, which, assessed),
        definition: REFINANCING_DEFINITION,
        params,
        below_before,
        pushed_below,
        share: share(pushed_below, assessed),
        below_after: below_before + pushed_below,
    }
}

#[cfg(test)]
mod tests {
    //! Hand-built companies; expected answers worked out by hand in the comments.
    use super::*;
    use crate::companies::test_facts::annual;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::constant(y, m, day)
    }

    fn company(cik: u64, facts: Vec<Fact>) -> CompanyData {
        CompanyData {
            cik,
            entity_name: format!("Company {cik}"),
            facts,
        }
    }

    /// EBIT and InterestExpense for each year.
    fn coverage_history(cik: u64, years: &[(i16, f64, f64)]) -> CompanyData {
        let mut facts = Vec::new();
        for &(y, ebit, interest) in years {
            facts.push(annual(Concept::OperatingIncomeLoss, y, ebit));
            facts.push(annual(Concept::InterestExpense, y, interest));
            facts.push(annual(Concept::NetIncomeLoss, y, ebit - interest));
        }
        company(cik, facts)
    }

    #[test]
    fn zombies_need_three_consecutive_years_below_one_and_ten_years_of_age() {
        let as_of = d(2026, 6, 30);
        let companies = vec![
            // Zombie: first 10-K filed 2014-02-20 (≥ 10 years before 2026-06-30), ICR < 1 in
            // 2023-2025 (0.5, 0.9, 0.99).
            coverage_history(
                1,
                &[
                    (2013, 50.0, 10.0),
                    (2023, 5.0, 10.0),
                    (2024, 9.0, 10.0),
                    (2025, 9.9, 10.0),
                ],
            ),
            // Too young: first 10-K filed 2017-02-20.
            coverage_history(
                2,
                &[
                    (2016, 1.0, 10.0),
                    (2023, 1.0, 10.0),
                    (2024, 1.0, 10.0),
                    (2025, 1.0, 10.0),
                ],
            ),
            // Coverage exactly 1 in 2024: not below 1.
            coverage_history(
                3,
                &[
                    (2013, 1.0, 10.0),
                    (2023, 1.0, 10.0),
                    (2024, 10.0, 10.0),
                    (2025, 1.0, 10.0),
                ],
            ),
            // No interest expense in 2025: cannot be below 1 that year.
            coverage_history(
                4,
                &[
                    (2013, 1.0, 10.0),
                    (2023, 1.0, 10.0),
                    (2024, 1.0, 10.0),
                    (2025, -1.0, 0.0),
                ],
            ),
            // A gap (2021 missing): the latest three years are not consecutive.
            coverage_history(
                5,
                &[
                    (2013, 1.0, 10.0),
                    (2021, 1.0, 10.0),
                    (2024, 1.0, 10.0),
                    (2025, 1.0, 10.0),
                ],
            ),
        ];
        let result = zombies(&companies, as_of, Universe::All);
        assert_eq!(result.header.companies, 5);
        assert_eq!(result.count, 1);
        assert_eq!(result.share, Some(0.2));
        assert_eq!(result.zombies[0].cik, 1);
        assert_eq!(result.zombies[0].first_annual_report, "2014-02-20");
        let coverage: Vec<f64> = result.zombies[0].years.iter().map(|y| y.coverage).collect();
        assert_eq!(coverage, vec![0.5, 0.9, 0.99]);

        // Unprofitable: NI = EBIT − interest in 2025: −0.1, −9, −9, −1, −9 → all 5.
        let loss = unprofitable(&companies, as_of, Universe::All);
        assert_eq!((loss.header.companies, loss.count), (5, 5));
    }

    #[test]
    fn stale_filers_are_outside_every_universe() {
        let stale = coverage_history(9, &[(2020, 1.0, 10.0)]); // last 10-K filed 2021-02-20
        let fresh = coverage_history(8, &[(2024, 1.0, 10.0)]); // filed 2025-02-20, 495 days before
        let companies = vec![stale, fresh];
        let all: Vec<u64> = universe(&companies, d(2026, 6, 30), Universe::All)
            .iter()
            .map(|c| c.cik)
            .collect();
        assert_eq!(all, vec![8]);
        // 2025-02-20 + 550 days = 2026-08-24: current through that day, not the next.
        assert_eq!(universe(&companies, d(2026, 8, 24), Universe::All).len(), 1);
        assert_eq!(universe(&companies, d(2026, 8, 25), Universe::All).len(), 0);
    }

    #[test]
    fn small_universe_is_ranks_1001_to_3000_by_float() {
        // 3,100 current companies with floats 1..=3100 (CIK = float); 10 without a float.
        let mut companies: Vec<CompanyData> = (1..=3100u64)
            .map(|cik| {
                company(
                    cik,
                    vec![
                        annual(Concept::EntityPublicFloat, 2025, cik as f64),
                        annual(Concept::NetIncomeLoss, 2025, -1.0),
                    ],
                )
            })
            .collect();
        companies.extend(
            (5000..5010).map(|cik| company(cik, vec![annual(Concept::NetIncomeLoss, 2025, -1.0)])),
        );
        let small = universe(&companies, d(2026, 6, 30), Universe::Small);
        // Rank 1 is float 3100; rank 1001 is float 2100; rank 3000 is float 101.
        assert_eq!(small.len(), 2000);
        assert_eq!(small.first().map(|c| c.cik), Some(2100));
        assert_eq!(small.last().map(|c| c.cik), Some(101));
        assert_eq!(
            unprofitable(&companies, d(2026, 6, 30), Universe::Small).count,
            2000
        );
        assert_eq!(
            unprofitable(&companies, d(2026, 6, 30), Universe::All).count,
            3110
        );
    }

    #[test]
    fn maturity_wall_attributes_buckets_to_the_calendar_year_they_end_in() {
        // June fiscal year: FYE 2025-06-30, bucket 1 ends 2026-06-30 → 2026 ... bucket 5 → 2030.
        let mut june = Vec::new();
        let fye = d(2025, 6, 30);
        let instant = |concept, val| Fact {
            concept,
            start: None,
            end: fye,
            val,
            fy: Some(2025),
            fp: Some("FY".to_string()),
            form: "10-K".to_string(),
            filed: d(2025, 8, 30),
            accn: "j".to_string(),
            frame: None,
        };
        june.push(Fact {
            start: Some(d(2024, 7, 1)),
            ..instant(Concept::OperatingIncomeLoss, 500.0)
        });
        june.push(Fact {
            start: Some(d(2024, 7, 1)),
            ..instant(Concept::InterestExpense, 100.0)
        });
        for (concept, val) in Concept::MATURITY_BUCKETS
            .into_iter()
            .zip([100.0, 200.0, 300.0, 400.0, 500.0])
        {
            june.push(instant(concept, val));
        }
        june.push(instant(Concept::MaturityAfterYearFive, 1000.0));
        // December fiscal year 2025 (filed 2026-02-20): bucket 1 → 2026, bucket 2 → 2027; an
        // older schedule at 2024 must be ignored.
        let december = company(
            2,
            vec![
                annual(Concept::OperatingIncomeLoss, 2024, 50.0),
                annual(Concept::MaturityNextTwelveMonths, 2024, 77777.0),
                annual(Concept::OperatingIncomeLoss, 2025, 50.0),
                annual(Concept::InterestExpense, 2025, 40.0),
                annual(Concept::MaturityNextTwelveMonths, 2025, 10.0),
                annual(Concept::MaturityYearTwo, 2025, 20.0),
            ],
        );
        let companies = vec![company(1, june), december];
        let wall = maturity_wall(&companies, d(2026, 6, 30), Universe::All);
        let years: Vec<(i16, f64, usize)> = wall
            .by_year
            .iter()
            .map(|y| (y.year, y.usd, y.companies))
            .collect();
        assert_eq!(
            years,
            vec![
                (2026, 110.0, 2),
                (2027, 220.0, 2),
                (2028, 300.0, 1),
                (2029, 400.0, 1),
                (2030, 500.0, 1)
            ]
        );
        assert_eq!(
            (wall.after_year_five.usd, wall.after_year_five.companies),
            (1000.0, 1)
        );
        assert_eq!(wall.total_usd, 2530.0);
        assert_eq!(wall.due_within_24_months_share, Some(330.0 / 2530.0));

        // Refinancing at 3.5% → 9%: company 1 ICR0 = 5, s = 300/2500 = 0.12,
        // multiplier = 0.035 / (0.88·0.035 + 0.12·0.09) = 0.035/0.0416 = 0.841 → 4.2, stays.
        // Company 2 ICR0 = 1.25, s = 1, multiplier 0.389 → 0.486: pushed below 1.
        let refi = refinancing(
            &companies,
            d(2026, 6, 30),
            Universe::All,
            RefinancingParams::default(),
        );
        assert_eq!(
            (
                refi.header.companies,
                refi.below_before,
                refi.pushed_below,
                refi.below_after
            ),
            (2, 0, 1, 1)
        );
        assert_eq!(refi.share, Some(0.5));
    }

    #[test]
    fn unprofitable_at_each_date_equals_one_screen_per_date() {
        // 3,000 filers (enough for the small universe, ranks 1,001-3,000) with varied
        // histories from a fixed generator: start and stop years, floats, losses, 10-K/A
        // restatements and quarterly 10-Q facts that the annual rules must ignore.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let companies: Vec<CompanyData> = (1..=3_000u64)
            .map(|cik| {
                let first = 2008 + next(10) as i16;
                let last = first + next(12) as i16;
                let mut facts = Vec::new();
                for year in first..=last.min(2025) {
                    let income = next(200) as f64 - 80.0;
                    facts.push(annual(Concept::NetIncomeLoss, year, income));
                    if next(4) > 0 {
                        let float = (next(1_000_000) + 1) as f64;
                        facts.push(annual(Concept::EntityPublicFloat, year, float));
                    }
                    if next(6) == 0 {
                        let mut restated = annual(Concept::NetIncomeLoss, year, -income);
                        restated.form = "10-K/A".to_string();
                        restated.filed = d(year + 1, 9, 1);
                        facts.push(restated);
                    }
                    let mut quarter = annual(Concept::NetIncomeLoss, year, -1.0);
                    quarter.form = "10-Q".to_string();
                    quarter.fp = Some("Q1".to_string());
                    quarter.start = Some(d(year, 1, 1));
                    quarter.end = d(year, 3, 31);
                    quarter.filed = d(year, 5, 10);
                    facts.push(quarter);
                }
                company(cik, facts)
            })
            .collect();
        let dates: Vec<Date> = (2009..=2026)
            .map(|y| d(y, 12, 31).min(d(2026, 6, 30)))
            .collect();
        let inputs: Vec<UnprofitableInputs> =
            companies.iter().map(UnprofitableInputs::of).collect();
        for which in [Universe::All, Universe::Small] {
            let at_each = unprofitable_at_each(&inputs, &dates, which);
            let one_by_one: Vec<UnprofitableResult> = dates
                .iter()
                .map(|&date| unprofitable(&companies, date, which))
                .collect();
            assert_eq!(at_each, one_by_one, "{}", which.name());
        }
        // The small universe was filled in some years, so the comparison covered it.
        let small = unprofitable_at_each(&inputs, &dates, Universe::Small);
        assert!(small.iter().any(|r| r.header.companies > 100), "{small:?}");
    }
}
