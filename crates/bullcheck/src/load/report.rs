//! The [`ReportData`] behind `bullcheck report` and every dashboard page, from the stored
//! data as of a date.

use anyhow::Context as _;
use bullcheck_core::audit;
use bullcheck_core::companies::screens::{self, Universe};
use bullcheck_core::report::html::{self, ReportData, SmallCapLosses};
use bullcheck_core::series::{Dataset, Date};

use super::load_defs;
use crate::settings::Settings;

/// Everything the report and the dashboard show, from the stored data as of `as_of`.
/// `with_track_record` computes the month-by-month rating (seconds on full history).
pub fn build_report_data(
    settings: &Settings,
    data: &Dataset,
    as_of: Date,
    with_track_record: bool,
) -> anyhow::Result<ReportData> {
    let defs = load_defs(settings)?;
    let snapshot = bullcheck_core::snapshot::bundled();
    let history = if with_track_record {
        html::build::track_record(&defs, data, as_of)
    } else {
        None
    };
    let mut audit = audit::run(defs, data, &snapshot, as_of);
    audit.forecasts = bullcheck_core::forecast::summaries(data, as_of);
    Ok(ReportData {
        histories: html::build::check_histories(&audit, data),
        recessions: html::build::recessions(data),
        small_caps: small_cap_losses(settings, as_of)?,
        wealth: html::build::wealth_chart(data),
        stress: html::build::stress_summaries(data),
        history,
        generator: format!("bullcheck {}", env!("CARGO_PKG_VERSION")),
        structure: html::structure::build(data, as_of),
        audit,
    })
}

/// The first year with XBRL company facts at the SEC (the phase-in began in 2009).
const FIRST_XBRL_YEAR: i16 = 2009;

/// The share of loss-making small caps at each year-end, from the stored company facts (each
/// year screened on the facts filed by then). `None` when no company facts are stored. The
/// companies are loaded once, as of `as_of`, and every year-end is screened from that one load
/// ([`screens::unprofitable_at_each`]).
fn small_cap_losses(settings: &Settings, as_of: Date) -> anyhow::Result<Option<SmallCapLosses>> {
    let path = settings.store_path();
    if !path.exists() {
        return Ok(None);
    }
    let store = crate::store::Store::open(&path)
        .with_context(|| format!("cannot open the store {}", path.display()))?;
    if store.company_count()? == 0 {
        return Ok(None);
    }
    drop(store);
    let mut losses = SmallCapLosses {
        points: Vec::new(),
        companies: Vec::new(),
        note: bullcheck_core::vocab::Note::new(
            screens::Universe::Small.note(),
            screens::Universe::Small.note_zh(),
        ),
    };
    let stored = crate::companies::load_unprofitable_inputs(&path, as_of)?;
    let year_ends = (FIRST_XBRL_YEAR..=as_of.year())
        .map(|year| Ok(Date::new(year, 12, 31)?.min(as_of)))
        .collect::<anyhow::Result<Vec<Date>>>()?;
    let results = screens::unprofitable_at_each(&stored, &year_ends, Universe::Small);
    for (year_end, result) in year_ends.into_iter().zip(results) {
        if let Some(share) = result.share {
            losses.points.push((year_end, share * 100.0));
            losses.companies.push(result.header.companies);
        }
    }
    Ok(Some(losses))
}
