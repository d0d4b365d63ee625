//! US Treasury Fiscal Data: the debt to the penny and MTS table 9, every page (up to
//! `meta.total-pages`) imported in one transaction.

use anyhow::Context as _;
use bullcheck_core::source::Kind;
use serde::Deserialize;

use super::pages::Page;
use super::registry::Source;
use super::{Outcome, Updater};

/// The id the Treasury debt-to-the-penny update answers to.
pub(super) const DEBT_TO_PENNY_ID: &str = "DEBT_TO_PENNY";

/// Every series the debt-to-the-penny answer holds (see `bullcheck_core::source::treasury`).
pub(super) const DEBT_TO_PENNY_IDS: [&str; 3] =
    [DEBT_TO_PENNY_ID, "DEBT_HELD_BY_PUBLIC", "DEBT_INTRAGOV"];

/// Rows per Treasury Fiscal Data page (the API's maximum is 10,000).
const TREASURY_PAGE_SIZE: u32 = 10_000;

impl Updater<'_> {
    pub(super) fn update_debt_to_penny(&mut self, source: &Source) -> anyhow::Result<Outcome> {
        let base = format!(
            "{}/services/api/fiscal_service/v2/accounting/od/debt_to_penny?sort=-record_date&page%5Bsize%5D={TREASURY_PAGE_SIZE}",
            self.endpoints.treasury
        );
        self.update_treasury(
            source,
            &base,
            Kind::TreasuryDebtToPenny,
            "debt_to_penny.json",
        )
    }

    pub(super) fn update_mts9(&mut self, source: &Source) -> anyhow::Result<Outcome> {
        let base = format!(
            "{}/services/api/fiscal_service/v1/accounting/mts/mts_table_9?filter=record_type_cd:eq:F&sort=record_date&page%5Bsize%5D={TREASURY_PAGE_SIZE}",
            self.endpoints.treasury
        );
        self.update_treasury(source, &base, Kind::TreasuryMts9, "mts_table_9.json")
    }

    /// Treasury Fiscal Data: page 1, then every page up to `meta.total-pages`; one import.
    fn update_treasury(
        &mut self,
        source: &Source,
        base: &str,
        kind: Kind,
        file_name: &str,
    ) -> anyhow::Result<Outcome> {
        let page_url = |n: u32| format!("{base}&page%5Bnumber%5D={n}");
        let first = self.fetch_body(&page_url(1))?;
        let total_pages = treasury_total_pages(&first)
            .with_context(|| format!("{}: no usable meta.total-pages", page_url(1)))?;
        let mut pages = vec![Page { bytes: first }];
        for n in 2..=total_pages {
            eprintln!("  {}: page {n} of {total_pages}", source.label());
            pages.push(Page {
                bytes: self.fetch_body(&page_url(n))?,
            });
        }
        self.import_pages(source, base, kind, file_name, None, &pages)
    }
}

/// `meta.total-pages` of a Fiscal Data answer (a number, or a number in a string); at least 1.
fn treasury_total_pages(bytes: &[u8]) -> anyhow::Result<u32> {
    #[derive(Deserialize)]
    struct Answer {
        meta: Meta,
    }
    #[derive(Deserialize)]
    struct Meta {
        #[serde(rename = "total-pages")]
        total_pages: serde_json::Value,
    }
    let answer: Answer = serde_json::from_slice(bytes).context("not a Fiscal Data JSON answer")?;
    let pages = match &answer.meta.total_pages {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .with_context(|| format!("meta.total-pages is {}", answer.meta.total_pages))?;
    u32::try_from(pages.max(1)).context("meta.total-pages is too large")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn treasury_total_pages_from_meta() {
        // The shape of a real answer (meta of debt_to_penny with page[size]=2, total 8306 rows).
        let real =
            br#"{"data":[],"meta":{"count":2,"total-count":8306,"total-pages":4153},"links":{}}"#;
        assert_eq!(treasury_total_pages(real).unwrap(), 4153);
        let string = br#"{"data":[],"meta":{"total-pages":"3","total-count":"5"}}"#;
        assert_eq!(treasury_total_pages(string).unwrap(), 3);
        let empty = br#"{"data":[],"meta":{"total-pages":0}}"#;
        assert_eq!(treasury_total_pages(empty).unwrap(), 1);
        assert!(treasury_total_pages(b"{}").is_err());
    }
}
