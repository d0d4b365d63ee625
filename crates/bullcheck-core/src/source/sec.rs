//! SEC EDGAR XBRL JSON: `companyfacts` ([`Kind::SecCompanyFacts`], every fact of one company)
//! and `companyconcept` ([`Kind::SecCompanyConcept`], one concept of one company).
//!
//! Formats (`data.sec.gov/api/xbrl/companyfacts/CIK##########.json` and
//! `.../companyconcept/CIK##########/<taxonomy>/<tag>.json`):
//! `{"cik":320193,"entityName":"Apple Inc.","facts":{"dei":{...},"us-gaap":{"Concept":{"label",
//! "description","units":{"USD":[{"start"?,"end","val","accn","fy","fp","form","filed",
//! "frame"?}]}}}}}` and `{"cik","taxonomy","tag","label","description","entityName",
//! "units":{...}}`.
//!
//! Traps: `cik` is a number in the SEC's responses but many tools store it as a zero-padded
//! string (`"0000320193"`) — both are read. `start` is absent for instant facts (balances);
//! `frame` is absent on facts that are not the best fit for a calendar period; `fy`/`fp` may
//! be null. The same period is reported again by later filings (10-Q then 10-K, restatements,
//! amendments): every reported fact is kept, with its `accn`, `form` and `filed` date — nothing
//! is deduplicated here. Labels and descriptions are not kept.
//!
//! Parsing borrows strings from the input (typed serde structs, no `serde_json::Value` tree) so
//! bulk ingest stays cheap.
//!
//! [`Kind::SecCompanyFacts`]: super::Kind::SecCompanyFacts
//! [`Kind::SecCompanyConcept`]: super::Kind::SecCompanyConcept

use std::collections::BTreeMap;

use serde::Deserialize;

use super::common::{self, JsonStr, Scalar, bad_date, line_of};
use super::{CompanyFact, CompanyFacts, ParseError};
use crate::series::Date;

#[derive(Deserialize)]
struct CompanyFactsDoc<'a> {
    #[serde(borrow)]
    cik: Scalar<'a>,
    #[serde(rename = "entityName", borrow)]
    entity_name: JsonStr<'a>,
    #[serde(borrow)]
    facts: BTreeMap<String, BTreeMap<String, ConceptDoc<'a>>>,
}

#[derive(Deserialize)]
struct CompanyConceptDoc<'a> {
    #[serde(borrow)]
    cik: Scalar<'a>,
    #[serde(borrow)]
    taxonomy: JsonStr<'a>,
    #[serde(borrow)]
    tag: JsonStr<'a>,
    #[serde(rename = "entityName", borrow)]
    entity_name: JsonStr<'a>,
    #[serde(borrow)]
    units: BTreeMap<String, Vec<FactDoc<'a>>>,
}

#[derive(Deserialize)]
struct ConceptDoc<'a> {
    #[serde(borrow, default)]
    units: BTreeMap<String, Vec<FactDoc<'a>>>,
}

#[derive(Deserialize)]
struct FactDoc<'a> {
    #[serde(borrow, default)]
    start: Option<JsonStr<'a>>,
    #[serde(borrow)]
    end: JsonStr<'a>,
    val: f64,
    #[serde(borrow)]
    accn: JsonStr<'a>,
    #[serde(default)]
    fy: Option<i32>,
    #[serde(borrow, default)]
    fp: Option<JsonStr<'a>>,
    #[serde(borrow)]
    form: JsonStr<'a>,
    #[serde(borrow)]
    filed: JsonStr<'a>,
    #[serde(borrow, default)]
    frame: Option<JsonStr<'a>>,
}

/// Parses a `companyfacts` document.
pub fn parse_company_facts(file: &str, bytes: &[u8]) -> Result<CompanyFacts, ParseError> {
    let whole = common::strip_bom(bytes);
    let doc: CompanyFactsDoc<'_> = common::from_json(file, whole)?;
    let cik = parse_cik(file, whole, &doc.cik)?;
    let count: usize = doc
        .facts
        .values()
        .flat_map(|c| c.values())
        .flat_map(|c| c.units.values())
        .map(Vec::len)
        .sum();
    let mut facts = Vec::with_capacity(count);
    for (taxonomy, concepts) in &doc.facts {
        for (concept, body) in concepts {
            push_units(file, whole, taxonomy, concept, &body.units, &mut facts)?;
        }
    }
    Ok(CompanyFacts {
        cik,
        entity_name: doc.entity_name.0.into_owned(),
        facts,
    })
}

/// Parses a `companyconcept` document (one concept) into the same shape.
pub fn parse_company_concept(file: &str, bytes: &[u8]) -> Result<CompanyFacts, ParseError> {
    let whole = common::strip_bom(bytes);
    let doc: CompanyConceptDoc<'_> = common::from_json(file, whole)?;
    let cik = parse_cik(file, whole, &doc.cik)?;
    let mut facts = Vec::new();
    push_units(
        file,
        whole,
        &doc.taxonomy.0,
        &doc.tag.0,
        &doc.units,
        &mut facts,
    )?;
    Ok(CompanyFacts {
        cik,
        entity_name: doc.entity_name.0.into_owned(),
        facts,
    })
}

fn parse_cik(file: &str, whole: &[u8], cik: &Scalar<'_>) -> Result<u64, ParseError> {
    let parsed = match cik {
        Scalar::Num(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e15 => Some(*n as u64),
        Scalar::Str(text) => text.trim().trim_start_matches("CIK").parse::<u64>().ok(),
        _ => None,
    };
    // A CIK has at most ten digits; anything larger is not one (and used to collapse into
    // one stored company once past 2^63).
    parsed
        .filter(|&c| c <= crate::companies::MAX_CIK)
        .ok_or_else(|| {
            let line = cik.as_text().and_then(|t| line_of(whole, t));
            let shown = match cik {
                Scalar::Str(text) => format!("{:?}", common::excerpt(text)),
                other => format!("{other:?}"),
            };
            ParseError::new(
                file,
                line,
                Some("cik"),
                format!("invalid CIK {shown} (at most ten digits)"),
            )
        })
}

fn parse_fact_date(
    file: &str,
    whole: &[u8],
    field: &str,
    text: &JsonStr<'_>,
) -> Result<Date, ParseError> {
    common::parse_iso_date(&text.0)
        .ok_or_else(|| bad_date(file, line_of(whole, &text.0), field, &text.0, "YYYY-MM-DD"))
}

fn push_units(
    file: &str,
    whole: &[u8],
    taxonomy: &str,
    concept: &str,
    units: &BTreeMap<String, Vec<FactDoc<'_>>>,
    out: &mut Vec<CompanyFact>,
) -> Result<(), ParseError> {
    for (unit, facts) in units {
        for fact in facts {
            let start = match &fact.start {
                Some(text) => Some(parse_fact_date(file, whole, "start", text)?),
                None => None,
            };
            if !fact.val.is_finite() {
                return Err(ParseError::new(
                    file,
                    line_of(whole, &fact.accn.0),
                    Some("val"),
                    "value is not finite",
                ));
            }
            out.push(CompanyFact {
                taxonomy: taxonomy.to_string(),
                concept: concept.to_string(),
                unit: unit.clone(),
                start,
                end: parse_fact_date(file, whole, "end", &fact.end)?,
                val: fact.val,
                fy: fact.fy,
                fp: fact.fp.as_ref().map(|t| t.0.to_string()),
                form: fact.form.0.to_string(),
                filed: parse_fact_date(file, whole, "filed", &fact.filed)?,
                accn: fact.accn.0.to_string(),
                frame: fact.frame.as_ref().map(|t| t.0.to_string()),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../../testdata/sec/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn companyfacts_keeps_every_fact_including_restatements() {
        let c = parse_company_facts("CIK0000320193.json", &fixture("companyfacts_restated.json"))
            .unwrap();
        assert_eq!(c.cik, 320193);
        assert_eq!(c.entity_name, "Apple Inc.");
        assert_eq!(c.facts.len(), 4);
        let revenues: Vec<&CompanyFact> =
            c.facts.iter().filter(|f| f.concept == "Revenues").collect();
        assert_eq!(revenues.len(), 2);
        // Same period, two filings: the original 10-K and the 10-K/A that revised it.
        assert_eq!(revenues[0].start, Some(date(2023, 10, 1)));
        assert_eq!(revenues[0].end, revenues[1].end);
        assert_eq!(
            (revenues[0].val, revenues[0].form.as_str()),
            (383_000_000_000.0, "10-K")
        );
        assert_eq!(
            (revenues[1].val, revenues[1].form.as_str()),
            (383_285_000_000.0, "10-K/A")
        );
        assert_eq!(revenues[1].filed, date(2025, 1, 15));
        let shares = c.facts.iter().find(|f| f.taxonomy == "dei").unwrap();
        assert_eq!(shares.unit, "shares");
        assert_eq!(shares.start, None);
        let assets = c.facts.iter().find(|f| f.concept == "Assets").unwrap();
        assert_eq!(assets.frame.as_deref(), Some("CY2023Q3I"));
        assert_eq!(assets.fp.as_deref(), Some("FY"));
        assert_eq!(assets.val, 352_583_000_000.0);
    }

    #[test]
    fn zero_padded_string_cik() {
        let doc = br#"{"cik":"0000320193","entityName":"Apple Inc.","facts":{}}"#;
        assert_eq!(parse_company_facts("x.json", doc).unwrap().cik, 320193);
    }

    #[test]
    fn companyconcept_document() {
        let c =
            parse_company_concept("Assets.json", &fixture("companyconcept_assets.json")).unwrap();
        assert_eq!(c.cik, 320193);
        assert_eq!(c.facts.len(), 1);
        assert_eq!(c.facts[0].taxonomy, "us-gaap");
        assert_eq!(c.facts[0].concept, "Assets");
        assert_eq!(c.facts[0].end, date(2023, 9, 30));
        assert_eq!(c.facts[0].fy, Some(2023));
    }

    #[test]
    fn bad_date_is_located() {
        let doc = b"{\"cik\":1,\"entityName\":\"A\",\"facts\":{\"us-gaap\":{\"Assets\":{\"units\":{\"USD\":[\n{\"end\":\"2024-13-01\",\"val\":1,\"accn\":\"a\",\"fy\":2024,\"fp\":\"FY\",\"form\":\"10-K\",\"filed\":\"2025-01-01\"}]}}}}}";
        let err = parse_company_facts("f.json", doc).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.field.as_deref(), Some("end"));
    }
}
