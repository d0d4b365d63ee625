//! What every publisher's update shares once the bytes are in: merging the pages of one paged
//! answer, refusing rows dated after the download, provenance, and the progress lines.

use std::collections::BTreeMap;

use bullcheck_core::source::{self, Kind, Parsed};
use sha2::Digest as _;

use super::registry::Source;
use crate::fetch::{host_of, redact};
use crate::store::{ImportSummary, Provenance};

/// A document of a paged API, ready to parse.
pub(super) struct Page {
    pub bytes: Vec<u8>,
}

/// Drops rows dated after the download (`today`, the command's date) with a warning naming
/// them.
pub(super) fn warn_future_rows(parsed: &mut Parsed, shown: &str, today: jiff::civil::Date) {
    for dropped in source::future::drop_future_rows(parsed, today) {
        eprintln!("warning: {shown}: refused {dropped} (dated after the download, {today})");
    }
}

/// Provenance of downloaded bodies: the (redacted) URL, SHA-256 of all bytes in order, now.
pub(super) fn provenance(shown_url: &str, kind: Kind, bodies: &[&[u8]]) -> Provenance {
    let mut hasher = sha2::Sha256::new();
    for body in bodies {
        hasher.update(body);
    }
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let retrieved_at = crate::settings::clock::now_rfc3339();
    Provenance {
        source: redact(shown_url),
        kind: kind.name().to_string(),
        sha256,
        retrieved_at,
        bytes: bodies.iter().map(|b| b.len() as u64).sum(),
    }
}

/// Joins the pages of one paged answer: observations of the same series id are concatenated
/// (first page's metadata kept), companies appended.
pub(super) fn merge_parsed(kind: Kind, pages: Vec<Parsed>) -> Parsed {
    let mut merged = Parsed {
        kind,
        series: Vec::new(),
        companies: Vec::new(),
    };
    let mut index_of: BTreeMap<String, usize> = BTreeMap::new();
    for page in pages {
        for series in page.series {
            match index_of.get(&series.meta.id) {
                Some(&i) => merged.series[i].observations.extend(series.observations),
                None => {
                    index_of.insert(series.meta.id.clone(), merged.series.len());
                    merged.series.push(series);
                }
            }
        }
        merged.companies.extend(page.companies);
    }
    merged
}

/// One progress line per stored series (or company).
pub(super) fn report(source: &Source, parsed: &Parsed, summary: &ImportSummary, shown: &str) {
    let host = host_of(shown);
    for detail in &summary.details {
        if summary.unchanged {
            eprintln!(
                "{}: {} rows, unchanged since the last import, from {host}",
                detail.id,
                thousands(detail.rows)
            );
            continue;
        }
        let mut changes = format!("{} new", thousands(detail.new_rows));
        if detail.revised_rows > 0 {
            changes.push_str(&format!(", {} revised", thousands(detail.revised_rows)));
        }
        eprintln!(
            "{}: {} rows ({changes}) from {host}",
            detail.id,
            thousands(detail.rows)
        );
    }
    for company in &parsed.companies {
        eprintln!(
            "{}: {} (CIK {}), {} facts from {host}",
            source.label(),
            company.entity_name,
            company.cik,
            thousands(company.facts.len())
        );
    }
    if summary.details.is_empty() && parsed.companies.is_empty() {
        eprintln!("{}: the answer held no data ({host})", source.label());
    }
}

/// `16144` → `16,144`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(16_144), "16,144");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
