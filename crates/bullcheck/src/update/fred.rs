//! FRED: `fredgraph.csv` without a key (conditional GET), or the API's JSON with every ALFRED
//! vintage, paged with `offset`, when `FRED_API_KEY` is set (the key is redacted everywhere).

use bullcheck_core::source::Kind;
use serde::Deserialize;

use super::pages::Page;
use super::registry::Source;
use super::{Outcome, Updater};
use crate::fetch::redact;

/// The first days of ALFRED's real-time range: every vintage.
const ALFRED_ALL_VINTAGES: &str = "&realtime_start=1776-07-04&realtime_end=9999-12-31";

impl Updater<'_> {
    /// One FRED series: the API with a key, else the graph CSV.
    pub(super) fn update_fred(&mut self, source: &Source, id: &str) -> anyhow::Result<Outcome> {
        match self.fred_api_key.clone() {
            Some(key) => self.update_fred_api(id, &key),
            None => {
                let url = format!("{}/graph/fredgraph.csv?id={id}", self.endpoints.fred);
                self.update_document(source, &url, Kind::FredCsv, &format!("{id}.csv"), Some(id))
            }
        }
    }

    /// FRED API JSON with every ALFRED vintage, following `offset` paging; one import.
    fn update_fred_api(&mut self, id: &str, key: &str) -> anyhow::Result<Outcome> {
        let base = format!(
            "{}/fred/series/observations?series_id={id}&api_key={key}&file_type=json{ALFRED_ALL_VINTAGES}",
            self.endpoints.fred_api
        );
        let mut pages = Vec::new();
        let mut offset = 0u64;
        loop {
            let url = if offset == 0 {
                base.clone()
            } else {
                format!("{base}&offset={offset}")
            };
            let bytes = self.fetch_body(&url)?;
            let next = fred_next_offset(&bytes);
            pages.push(Page { bytes });
            match next {
                Some(next) if next > offset => offset = next,
                _ => break,
            }
        }
        let source = Source::Fred(id.to_string());
        self.import_pages(
            &source,
            &redact(&base),
            Kind::FredApiJson,
            &format!("{id}.json"),
            Some(id),
            &pages,
        )
    }
}

/// The paging fields of a FRED `series/observations` answer.
#[derive(Deserialize)]
struct FredPaging {
    count: u64,
    offset: u64,
    limit: u64,
}

/// The offset of the next page, when this page does not reach `count`.
fn fred_next_offset(bytes: &[u8]) -> Option<u64> {
    let paging: FredPaging = serde_json::from_slice(bytes).ok()?;
    let next = paging.offset.checked_add(paging.limit)?;
    (paging.limit > 0 && next < paging.count).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fred_paging_follows_count_and_limit() {
        let first = br#"{"count":250000,"offset":0,"limit":100000,"observations":[]}"#;
        assert_eq!(fred_next_offset(first), Some(100_000));
        let last = br#"{"count":250000,"offset":200000,"limit":100000,"observations":[]}"#;
        assert_eq!(fred_next_offset(last), None);
        assert_eq!(fred_next_offset(b"not json"), None);
    }
}
