//! What the `unprofitable` screen reads of each company ([`UnprofitableInputs`]), the screen
//! at many dates from one set of them ([`unprofitable_at_each`], the report's yearly chart),
//! and a universe chosen from them ([`universe_ciks`], so the audit loads the annual facts of
//! the small universe's members only).

use super::{
    CURRENT_WITHIN_DAYS, Universe, UnprofitableResult, count_losses, latest_public_float,
    small_ranks,
};
use crate::companies::annual::is_annual_form;
use crate::companies::{CompanyData, Concept, Fact, days_between};
use crate::series::Date;

/// What [`super::unprofitable`] reads of one company: its annual-report filing dates (is it
/// current?), its public floats (its rank) and its net income facts. The report screens every
/// year-end since 2009 from these ([`unprofitable_at_each`]); the store builds them straight
/// from its rows without materialising the other facts.
#[derive(Debug, Clone, PartialEq)]
pub struct UnprofitableInputs {
    pub cik: u64,
    /// Filing dates of the company's annual reports ([`crate::companies::annual::ANNUAL_FORMS`]), sorted,
    /// each once.
    pub annual_filings: Vec<Date>,
    /// Its facts of the concepts [`UnprofitableInputs::keeps`].
    pub facts: Vec<Fact>,
}

impl UnprofitableInputs {
    /// The concepts whose facts are kept in [`UnprofitableInputs::facts`].
    pub const KEPT: [Concept; 2] = [Concept::NetIncomeLoss, Concept::EntityPublicFloat];

    /// Whether facts of this concept are kept in [`UnprofitableInputs::facts`].
    pub fn keeps(concept: Concept) -> bool {
        UnprofitableInputs::KEPT.contains(&concept)
    }

    /// The inputs of one company with all its facts.
    pub fn of(company: &CompanyData) -> UnprofitableInputs {
        let mut inputs = UnprofitableInputs {
            cik: company.cik,
            annual_filings: Vec::new(),
            facts: Vec::new(),
        };
        for fact in &company.facts {
            inputs.add_filing(&fact.form, fact.filed);
            if UnprofitableInputs::keeps(fact.concept) {
                inputs.facts.push(fact.clone());
            }
        }
        inputs.finish();
        inputs
    }

    /// Records that a fact of this form was filed on `filed` (only annual forms count).
    pub fn add_filing(&mut self, form: &str, filed: Date) {
        if is_annual_form(form) && self.annual_filings.last() != Some(&filed) {
            self.annual_filings.push(filed);
        }
    }

    /// Sorts the filing dates once every fact was added.
    pub fn finish(&mut self) {
        self.annual_filings.sort_unstable();
        self.annual_filings.dedup();
    }

    /// [`super::is_current`] on these inputs.
    fn is_current(&self, as_of: Date) -> bool {
        let known = self.annual_filings.partition_point(|&filed| filed <= as_of);
        known > 0 && days_between(self.annual_filings[known - 1], as_of) <= CURRENT_WITHIN_DAYS
    }
}

/// [`super::unprofitable`] at each of `dates` (the report's year-ends): the same results as one call
/// per date on the companies the inputs come from, but each company's facts are read once,
/// not once per date.
pub fn unprofitable_at_each(
    inputs: &[UnprofitableInputs],
    dates: &[Date],
    which: Universe,
) -> Vec<UnprofitableResult> {
    dates
        .iter()
        .map(|&as_of| {
            count_losses(
                members(inputs, as_of, which)
                    .into_iter()
                    .map(|c| c.facts.as_slice()),
                as_of,
                which,
            )
        })
        .collect()
}

/// [`super::universe`] on the companies the inputs come from, in the same order.
fn members(
    inputs: &[UnprofitableInputs],
    as_of: Date,
    which: Universe,
) -> Vec<&UnprofitableInputs> {
    let current = inputs.iter().filter(|c| c.is_current(as_of));
    match which {
        Universe::All => current.collect(),
        Universe::Small => small_ranks(
            current
                .filter_map(|c| latest_public_float(&c.facts, as_of).map(|float| (float, c.cik, c)))
                .collect(),
        ),
    }
}

/// The CIKs of [`super::universe`] on `as_of`, in its order, from the [`UnprofitableInputs`] of the
/// companies (their filing dates and floats are all a universe reads). The audit loads the
/// facts of these companies only ([`super::zombies_among`], [`super::latest_maturity_schedule`]) instead of
/// every company's.
pub fn universe_ciks(inputs: &[UnprofitableInputs], as_of: Date, which: Universe) -> Vec<u64> {
    members(inputs, as_of, which)
        .into_iter()
        .map(|c| c.cik)
        .collect()
}
