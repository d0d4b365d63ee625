//! The registry of live sources: which id is fetched from where ([`resolve`]), and the list
//! a bare `data update` fetches ([`default_update_ids`]), derived from what the built-in
//! checks read.

use bullcheck_core::checks::compute::series_read;
use bullcheck_core::checks::def::builtin_defs;

use super::nyfed::{RECPROB_NOT_LIVE, is_acm_id};
use super::sec::resolve_sec;
use super::treasury::{DEBT_TO_PENNY_ID, DEBT_TO_PENNY_IDS};
use crate::settings::Environment;
use crate::store::Store;

/// Every FRED series id bullcheck reads, checks and elsewhere: the ids FRED publishes under
/// (each one a file of `shared/data/fred`, or named `FRED ID` in the check's `fill_with`).
/// An id is fetched from FRED by a bare `data update` only when it is here: any other id a
/// check reads (`SHILLER_CAPE`, `OPENAI_VALUATION`, …) is not a FRED series, and asking FRED
/// for it would fail. The test `every_live_series_a_check_reads_is_updated` holds this list to
/// the checks.
pub const FRED_SERIES: &[&str] = &[
    // Read by built-in checks.
    "DGS10",
    "DGS30",
    "T10Y3M",
    "T10Y3MM",
    "T10Y2Y",
    "UNRATE",
    "SAHMREALTIME",
    "SAHMCURRENT",
    "VIXCLS",
    "BAMLH0A0HYM2",
    "BAMLH0A0HYM2EY",
    "BAMLC0A0CM",
    "NFCI",
    "STLFSI4",
    "SP500",
    "GFDEBTN",
    "WALCL",
    "RRPONTSYD",
    "DFII10",
    "T10YIE",
    "THREEFYTP10",
    "DTWEXBGS",
    "DEXJPUS",
    "DEXCHUS",
    "CPIAUCSL",
    "CES0500000003",
    "PAYEMS",
    "ICSA",
    "TDSP",
    "PSAVERT",
    "MSPUS",
    "DRCLACBS",
    "DRBLACBS",
    "DRCRELEXFACBS",
    "GDP",
    "GDPC1",
    "INDPRO",
    "RECPROUSM156N",
    "A091RC1Q027SBEA",
    "W006RC1Q027SBEA",
    "NCBEILQ027S",
    // Read outside the checks: the stress model and the portfolio (DGS2, BAMLH0A3HYCEY,
    // DRCCLACBS, NASDAQCOM), the track record (USREC), the fiscal and K-shape pages (FYOINT,
    // the Fed's distributional wealth levels WFRB*).
    "DGS2",
    "BAMLH0A3HYCEY",
    "USREC",
    "NASDAQCOM",
    "FYOINT",
    "DRCCLACBS",
    "WFRBLT01026",
    "WFRBLN09053",
    "WFRBLN40080",
    "WFRBLB50107",
];

/// Base URLs of the live sources, overridable by env (tests point them at a local server).
#[derive(Debug, Clone)]
pub(super) struct Endpoints {
    pub fred: String,
    pub fred_api: String,
    pub treasury: String,
    pub sec: String,
    pub nyfed: String,
}

impl Endpoints {
    pub(super) fn from_env(env: &Environment) -> Endpoints {
        let base = |var: &str, default: &str| {
            env.get(var)
                .unwrap_or(default)
                .trim_end_matches('/')
                .to_string()
        };
        Endpoints {
            fred: base("BULLCHECK_FRED_BASE_URL", "https://fred.stlouisfed.org"),
            fred_api: base("BULLCHECK_FRED_API_BASE_URL", "https://api.stlouisfed.org"),
            treasury: base(
                "BULLCHECK_TREASURY_BASE_URL",
                "https://api.fiscaldata.treasury.gov",
            ),
            sec: base("BULLCHECK_SEC_BASE_URL", "https://data.sec.gov"),
            nyfed: base("BULLCHECK_NYFED_BASE_URL", "https://www.newyorkfed.org"),
        }
    }
}

/// One document (or paged collection) to fetch and import.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Source {
    Fred(String),
    NyfedAcm,
    DebtToPenny,
    TreasuryMts9,
    SecCompany { label: String, cik: u64 },
}

impl Source {
    /// What progress lines call this source.
    pub(super) fn label(&self) -> String {
        match self {
            Source::Fred(id) => id.clone(),
            Source::NyfedAcm => "ACM term premium".to_string(),
            Source::DebtToPenny => DEBT_TO_PENNY_ID.to_string(),
            Source::TreasuryMts9 => "MTS table 9".to_string(),
            Source::SecCompany { label, .. } => label.clone(),
        }
    }
}

/// What an id asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Plan {
    Fetch(Source),
    /// Known, but with no live source; the reason is printed.
    NotLive(String),
    Unknown(String),
}

/// Maps one id to its live source.
pub(super) fn resolve(id: &str) -> Plan {
    let id = id.trim();
    if id.eq_ignore_ascii_case("NYFED_RECPROB") {
        return Plan::NotLive(RECPROB_NOT_LIVE.to_string());
    }
    if let Some(rest) = strip_prefix_ignore_case(id, "SEC:") {
        return resolve_sec(rest);
    }
    if let Some(rest) = strip_prefix_ignore_case(id, "FRED:") {
        return if is_fred_id(rest) {
            Plan::Fetch(Source::Fred(rest.to_string()))
        } else {
            Plan::Unknown(format!("`{rest}` is not a FRED series id"))
        };
    }
    if DEBT_TO_PENNY_IDS.contains(&id) {
        return Plan::Fetch(Source::DebtToPenny);
    }
    if id.starts_with("MTS9_") {
        return Plan::Fetch(Source::TreasuryMts9);
    }
    if is_acm_id(id) {
        return Plan::Fetch(Source::NyfedAcm);
    }
    if is_fred_id(id) {
        return Plan::Fetch(Source::Fred(id.to_string()));
    }
    Plan::Unknown(format!(
        "no live source for `{id}`: use a FRED id (DGS10, FRED:DGS10), an ACM id (ACMTP10), \
         DEBT_TO_PENNY, MTS9_..., or SEC:CIK0001045810 / SEC:NVDA"
    ))
}

pub(super) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// FRED ids: upper-case letters, digits and underscores, starting with a letter or digit.
fn is_fred_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && !id.starts_with('_')
}

/// Whether a bare `data update` fetches `id`: a FRED series of [`FRED_SERIES`] or a Treasury
/// Fiscal Data series. The ACM term premium (published as Excel now) and the NY Fed recession
/// probability (Excel only) are left to an explicit request.
fn updated_by_default(id: &str) -> bool {
    match resolve(id) {
        Plan::Fetch(Source::Fred(fred)) => FRED_SERIES.contains(&fred.as_str()),
        Plan::Fetch(Source::DebtToPenny | Source::TreasuryMts9) => true,
        _ => false,
    }
}

/// The ids a bare `data update` fetches before the stored ones: every series a built-in check
/// reads (`checks::compute::series_read`, in check order) that has a live FRED or Treasury
/// source, then the rest of [`FRED_SERIES`] (read by the stress model, the track record and
/// the portfolio).
pub fn default_update_ids() -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for def in builtin_defs() {
        for id in series_read(&def) {
            if updated_by_default(&id) && !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    for id in FRED_SERIES {
        if !ids.iter().any(|i| i == id) {
            ids.push((*id).to_string());
        }
    }
    if !ids.iter().any(|i| i == DEBT_TO_PENNY_ID) {
        ids.push(DEBT_TO_PENNY_ID.to_string());
    }
    ids
}

/// The ids a bare `data update` fetches: [`default_update_ids`], then every stored series from
/// FRED or the Treasury MTS.
pub(super) fn default_ids(store: &Store) -> anyhow::Result<Vec<String>> {
    let mut ids = default_update_ids();
    for listing in store.list_series()? {
        let from_fred = listing.source.to_ascii_uppercase().contains("FRED");
        let wanted = (from_fred && is_fred_id(&listing.id)) || listing.id.starts_with("MTS9_");
        if wanted && !ids.contains(&listing.id) {
            ids.push(listing.id);
        }
    }
    Ok(ids)
}

/// Tells about stored series the default update leaves alone (and why).
pub(super) fn note_stored_without_default_update(store: &Store) -> anyhow::Result<()> {
    let stored = store.series_ids()?;
    if stored.iter().any(|id| id == "NYFED_RECPROB") {
        eprintln!("NYFED_RECPROB: {RECPROB_NOT_LIVE}");
    }
    let acm: Vec<&str> = stored
        .iter()
        .map(String::as_str)
        .filter(|id| is_acm_id(id))
        .collect();
    if !acm.is_empty() {
        eprintln!(
            "{}: not updated by default: the NY Fed now publishes the ACM file as Excel \
             (ACMTermPremium.xls); try `bullcheck data update ACMTP10`, or import a CSV export",
            acm.join(", ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_map_to_their_live_sources() {
        assert_eq!(resolve("DGS10"), Plan::Fetch(Source::Fred("DGS10".into())));
        assert_eq!(
            resolve("FRED:PAYEMS"),
            Plan::Fetch(Source::Fred("PAYEMS".into()))
        );
        assert_eq!(resolve("ACMTP10"), Plan::Fetch(Source::NyfedAcm));
        assert_eq!(resolve("DEBT_TO_PENNY"), Plan::Fetch(Source::DebtToPenny));
        assert_eq!(resolve("DEBT_INTRAGOV"), Plan::Fetch(Source::DebtToPenny));
        assert_eq!(
            resolve("MTS9_NATIONAL_DEFENSE"),
            Plan::Fetch(Source::TreasuryMts9)
        );
        assert_eq!(
            resolve("SEC:NVDA"),
            Plan::Fetch(Source::SecCompany {
                label: "SEC:NVDA".into(),
                cik: 1_045_810
            })
        );
        assert_eq!(
            resolve("sec:CIK0000789019"),
            Plan::Fetch(Source::SecCompany {
                label: "SEC:CIK0000789019".into(),
                cik: 789_019
            })
        );
        assert!(matches!(resolve("NYFED_RECPROB"), Plan::NotLive(r) if r.contains("T10Y3M")));
        assert!(matches!(resolve("SEC:NOPE"), Plan::Unknown(_)));
        assert!(matches!(resolve("dgs10 lower"), Plan::Unknown(_)));
    }

    /// An id is a live FRED series when the shared data holds its FRED download
    /// (`shared/data/fred/ID.csv`) or its check names it as a FRED source (`FRED ID` in
    /// `fill_with`): independent of [`FRED_SERIES`].
    fn fred_by_the_checks_own_words(id: &str, fill_with: &str) -> bool {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/fred")
            .join(format!("{id}.csv"));
        let named = fill_with
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0] == "FRED" && w[1] == id);
        shared.is_file() || named
    }

    #[test]
    fn every_live_series_a_check_reads_is_updated() {
        let defaults = default_update_ids();
        let mut checked = 0;
        for def in builtin_defs() {
            for id in series_read(&def) {
                let treasury = DEBT_TO_PENNY_IDS.contains(&id.as_str()) || id.starts_with("MTS9_");
                if treasury || fred_by_the_checks_own_words(&id, &def.fill_with) {
                    checked += 1;
                    assert!(
                        defaults.contains(&id),
                        "check {} reads {id}, which has a live source, but a bare `data update` \
                         does not fetch it",
                        def.id
                    );
                }
            }
        }
        // The 2026-12 checks read 45 such series (40 FRED, 5 Treasury); fewer means the oracle
        // broke, not that the list is right.
        assert!(checked >= 40, "only {checked} live series found");
    }

    #[test]
    fn the_default_list_has_no_duplicates_and_asks_nothing_of_fred_it_does_not_publish() {
        let defaults = default_update_ids();
        for (i, id) in defaults.iter().enumerate() {
            assert!(!defaults[..i].contains(id), "{id} twice");
            assert!(matches!(resolve(id), Plan::Fetch(_)), "{id}");
        }
        for not_fred in [
            "SHILLER_CAPE",
            "OPENAI_VALUATION",
            "SEC_NVDA_REVENUE_QTR",
            "ACMTP10",
        ] {
            assert!(!defaults.iter().any(|d| d == not_fred), "{not_fred}");
        }
        // Every Treasury series a check reads is fetched (DEBT_TO_PENNY, MTS table 9).
        assert!(defaults.iter().any(|d| d == "DEBT_TO_PENNY"));
        assert!(defaults.iter().any(|d| d == "MTS9_NET_INTEREST_FYTD"));
    }
}
