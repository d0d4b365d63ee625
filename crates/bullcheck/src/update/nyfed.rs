//! The NY Fed: the ACM term premium (`ACMTermPremium.csv`; the NY Fed now publishes a
//! workbook, which the update names and asks to import instead) and why the recession
//! probability is not fetched.

use anyhow::Context as _;
use bullcheck_core::source::Kind;

use super::registry::Source;
use super::{Outcome, Updater};

/// Why `NYFED_RECPROB` is not fetched.
pub(super) const RECPROB_NOT_LIVE: &str = "not available live: the NY Fed publishes its recession-probability \
table only as allmonth.xls (Excel), which bullcheck cannot read. The audit computes the \
probability from FRED T10Y3M instead (updated with `bullcheck data update T10Y3M`); to store \
the NY Fed's own table, save it as CSV and run `bullcheck data import FILE`.";

/// ACM ids: `ACMY01`..`ACMY10`, `ACMTP01`..`ACMTP10`, `ACMRNY01`..`ACMRNY10`.
pub(super) fn is_acm_id(id: &str) -> bool {
    ["ACMY", "ACMTP", "ACMRNY"].iter().any(|prefix| {
        id.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

impl Updater<'_> {
    pub(super) fn update_acm(&mut self, source: &Source) -> anyhow::Result<Outcome> {
        let url = format!(
            "{}/medialibrary/media/research/data_indicators/ACMTermPremium.csv",
            self.endpoints.nyfed
        );
        self.update_document(source, &url, Kind::NyfedAcm, "ACMTermPremium.csv", None)
            .context(
                "the NY Fed now publishes the ACM file as ACMTermPremium.xls (Excel); \
                 save its `ACM Daily` sheet as CSV and run `bullcheck data import FILE`",
            )
    }
}

/// Excel files: the OLE2 compound-file magic (`.xls`) or a zip (`.xlsx`).
pub(super) fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || bytes.starts_with(b"PK\x03\x04")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheets_are_recognised() {
        assert!(is_spreadsheet(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]));
        assert!(is_spreadsheet(b"PK\x03\x04rest"));
        assert!(!is_spreadsheet(b"DATE,ACMY01"));
    }
}
