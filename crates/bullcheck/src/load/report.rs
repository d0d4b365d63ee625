//! The [`ReportData`] behind `bullcheck report` and every dashboard page, from the stored
//! data as of a date.

use std::borrow::Cow;

use anyhow::Context as _;
use bullcheck_core::companies::screens::{self, Universe, UnprofitableInputs};
use bullcheck_core::report::html::{self, ReportData, SmallCapLosses};
use bullcheck_core::series::{Dataset, Date};

use super::data::{CompanyDerived, company_derived};
use super::load_defs;
use crate::settings::Settings;

/// Everything the report and the dashboard show, from the stored data as of `as_of`.
/// `with_track_record` computes the month-by-month rating (seconds on full history). The
/// audit reads the series derived from the stored company facts, as `bullcheck audit` does;
/// the company facts are loaded on a second thread while the track record is computed.
pub fn build_report_data(
    settings: &Settings,
    data: &Dataset,
    as_of: Date,
    with_track_record: bool,
) -> anyhow::Result<ReportData> {
    let defs = load_defs(settings)?;
    let snapshot = bullcheck_core::snapshot::bundled();
    let (history, companies) = std::thread::scope(|scope| {
        let companies = scope.spawn(|| company_facts(settings, as_of));
        let history = if with_track_record {
            super::track_record(settings, &defs, data, as_of)
        } else {
            Ok(None)
        };
        let companies = companies
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (history, companies)
    });
    let (history, companies) = (history?, companies?);
    let audit_data = match &companies {
        Some(companies) if !companies.series.is_empty() => {
            let mut extended = data.clone();
            for series in &companies.series {
                extended.insert(series.clone());
            }
            Cow::Owned(extended)
        }
        _ => Cow::Borrowed(data),
    };
    let audit_data = audit_data.as_ref();
    let skill = match &history {
        Some(h) => {
            let ratings: Vec<_> = h.months.iter().map(|m| m.rating.clone()).collect();
            bullcheck_core::history::headline::headline_skill(&ratings, data, as_of)
        }
        None => super::measured_skill(settings, &defs, as_of)?,
    };
    let audit = super::assemble(defs, audit_data, data, &snapshot, as_of, skill);
    let small_caps = companies
        .map(|companies| small_cap_losses(&companies.unprofitable_inputs, as_of))
        .transpose()?;
    // The charts' data are independent of each other: built in parallel.
    let ((histories, stress), (structure, wealth)) = rayon::join(
        || {
            rayon::join(
                || html::build::check_histories(&audit, audit_data),
                || html::build::stress_summaries(data),
            )
        },
        || {
            rayon::join(
                || html::structure::build(data, as_of),
                || html::build::wealth_chart(data),
            )
        },
    );
    Ok(ReportData {
        histories,
        recessions: html::build::recessions(data),
        small_caps,
        wealth,
        stress,
        history,
        generator: format!("bullcheck {}", env!("CARGO_PKG_VERSION")),
        structure,
        audit,
    })
}

/// The company facts the report reads, as of `as_of`; `None` without a store or without
/// company facts in it.
fn company_facts(settings: &Settings, as_of: Date) -> anyhow::Result<Option<CompanyDerived>> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(None);
    }
    let store = crate::store::Store::open(&path)
        .with_context(|| format!("cannot open the store {}", path.display()))?;
    company_derived(&store, as_of)
}

/// The first year with XBRL company facts at the SEC (the phase-in began in 2009).
const FIRST_XBRL_YEAR: i16 = 2009;

/// The share of loss-making small caps at each year-end since 2009, from every stored
/// company's [`UnprofitableInputs`] as of `as_of` (each year screened on the facts filed by
/// then; [`screens::unprofitable_at_each`] reads each company's facts once).
fn small_cap_losses(stored: &[UnprofitableInputs], as_of: Date) -> anyhow::Result<SmallCapLosses> {
    let mut losses = SmallCapLosses {
        points: Vec::new(),
        companies: Vec::new(),
        note: bullcheck_core::vocab::Note::new(
            screens::Universe::Small.note(),
            screens::Universe::Small.note_zh(),
        ),
    };
    let year_ends = (FIRST_XBRL_YEAR..=as_of.year())
        .map(|year| Ok(Date::new(year, 12, 31)?.min(as_of)))
        .collect::<anyhow::Result<Vec<Date>>>()?;
    let results = screens::unprofitable_at_each(stored, &year_ends, Universe::Small);
    for (year_end, result) in year_ends.into_iter().zip(results) {
        if let Some(share) = result.share {
            losses.points.push((year_end, share * 100.0));
            losses.companies.push(result.header.companies);
        }
    }
    Ok(losses)
}
