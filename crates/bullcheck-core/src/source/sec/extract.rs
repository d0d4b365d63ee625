//! Fast extraction of the kept concepts from one SEC `companyfacts` (or `companyconcept`)
//! JSON document.
//!
//! The document is `{"cik", "entityName", "facts": {"dei": {...}, "us-gaap": {concept:
//! {"label", "description", "units": {"USD": [fact, ...]}}}, ...}}`. Only the concepts in
//! [`Concept::ALL`] are decoded, into [`Fact`] rows; every other concept, taxonomy and field
//! is validated and skipped by serde's `IgnoredAny` without allocating. Strings borrow from
//! the input where they can.
//!
//! Errors name the file, the JSON line and column, and the concept, and carry a
//! [`SkipReason`] so ingest can count skipped companies by reason.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{CompanyData, Concept, Fact, SkipReason, parse_ymd};
use crate::source::ParseError;
use crate::source::common::{excerpt, strip_bom};

/// Why one document could not be extracted.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractError {
    pub reason: SkipReason,
    /// `file:line:column: field `...`: message`.
    pub message: String,
    pub file: String,
    /// The JSON line of the problem, when the document was read that far.
    pub line: Option<u64>,
    /// The concept (`us-gaap:NetIncomeLoss`) or top-level field at fault.
    pub field: Option<String>,
    /// The message without its location.
    pub detail: String,
}

impl ExtractError {
    fn new(
        reason: SkipReason,
        file: &str,
        position: Option<(u64, u64)>,
        field: Option<&str>,
        detail: String,
    ) -> ExtractError {
        let mut message = file.to_string();
        if let Some((line, column)) = position {
            message.push_str(&format!(":{line}:{column}"));
        }
        if let Some(field) = field {
            message.push_str(&format!(": field `{field}`"));
        }
        message.push_str(&format!(": {detail}"));
        ExtractError {
            reason,
            message,
            file: file.to_string(),
            line: position.map(|(line, _)| line),
            field: field.map(str::to_string),
            detail,
        }
    }

    /// The same error as `data import` reports every parse error: file, line, field.
    pub fn into_parse_error(self) -> ParseError {
        ParseError::new(&self.file, self.line, self.field.as_deref(), self.detail)
    }
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason.name(), self.message)
    }
}

impl std::error::Error for ExtractError {}

/// Extracts the kept facts of one `companyfacts` document. `file_name` is used in errors and,
/// when the document has no `cik`, never guessed from: a missing `cik` is an error.
pub fn extract(file_name: &str, bytes: &[u8]) -> Result<CompanyData, ExtractError> {
    let problem = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(strip_bom(bytes));
    let seed = DocumentSeed { problem: &problem };
    let result = seed
        .deserialize(&mut deserializer)
        .and_then(|doc| deserializer.end().map(|()| doc));
    let document = result.map_err(|e| json_error(file_name, e, problem.into_inner()))?;
    let Some(cik) = document.cik else {
        return Err(ExtractError::new(
            SkipReason::BadValue,
            file_name,
            None,
            None,
            "no `cik` field".into(),
        ));
    };
    let Some(facts) = document.facts else {
        return Err(ExtractError::new(
            SkipReason::MissingFacts,
            file_name,
            None,
            None,
            "no `facts` object".into(),
        ));
    };
    Ok(CompanyData {
        cik,
        entity_name: document.entity_name.unwrap_or_default(),
        facts,
    })
}

/// A `companyconcept` document (one concept of one company). A concept bullcheck does not
/// keep yields the company without facts.
pub fn extract_concept(file_name: &str, bytes: &[u8]) -> Result<CompanyData, ExtractError> {
    let problem = RefCell::new(None);
    let parsed = serde_json::from_slice::<ConceptDocument<'_>>(strip_bom(bytes));
    let document = parsed.map_err(|e| json_error(file_name, e, None))?;
    let mut facts = Vec::new();
    if let Some(concept) = Concept::from_names(&document.taxonomy, &document.tag) {
        let mut seed = ConceptSeed {
            concept,
            problem: &problem,
            out: &mut facts,
        };
        for (unit, list) in document.units {
            let checked: Result<(), serde_json::Error> = seed.check_unit(&unit).and_then(|()| {
                list.into_iter()
                    .enumerate()
                    .try_for_each(|(index, raw)| seed.push(index, raw))
            });
            // The document was read whole: the problem has no position of its own.
            if checked.is_err()
                && let Some((reason, field, message)) = problem.borrow_mut().take()
            {
                return Err(ExtractError::new(
                    reason,
                    file_name,
                    None,
                    Some(&field),
                    message,
                ));
            }
        }
    }
    Ok(CompanyData {
        cik: document.cik.0,
        entity_name: document.entity_name.unwrap_or_default(),
        facts,
    })
}

/// A `companyconcept` document: small, so its facts are read whole before the concept is known.
#[derive(Deserialize)]
struct ConceptDocument<'a> {
    cik: Cik,
    #[serde(borrow)]
    taxonomy: Cow<'a, str>,
    #[serde(borrow)]
    tag: Cow<'a, str>,
    #[serde(rename = "entityName", default)]
    entity_name: Option<String>,
    #[serde(borrow)]
    units: BTreeMap<Cow<'a, str>, Vec<RawFact<'a>>>,
}

/// The error of a failed parse: the first problem found inside a kept concept when there is
/// one, else serde's, classified.
fn json_error(
    file_name: &str,
    error: serde_json::Error,
    problem: Option<(SkipReason, String, String)>,
) -> ExtractError {
    let position = Some((error.line() as u64, error.column() as u64));
    if let Some((reason, field, message)) = problem {
        return ExtractError::new(reason, file_name, position, Some(&field), message);
    }
    let reason = match error.classify() {
        serde_json::error::Category::Data => SkipReason::BadValue,
        _ => SkipReason::InvalidJson,
    };
    // serde's message ends with its own " at line L column C": the position is said apart.
    let text = error.to_string();
    let detail = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text.clone(),
    };
    let mut extract_error = ExtractError::new(reason, file_name, position, None, detail);
    extract_error.message = format!("{file_name}:{}:{}: {text}", error.line(), error.column());
    extract_error
}

/// The first problem found inside a kept concept: reason, field path, message.
type Problem = RefCell<Option<(SkipReason, String, String)>>;

struct Document {
    cik: Option<u64>,
    entity_name: Option<String>,
    facts: Option<Vec<Fact>>,
}

struct DocumentSeed<'p> {
    problem: &'p Problem,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = Document;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Document, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = Document;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a companyfacts object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut document = Document {
            cik: None,
            entity_name: None,
            facts: None,
        };
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.0.as_ref() {
                "cik" => document.cik = Some(map.next_value::<Cik>()?.0),
                "entityName" => document.entity_name = map.next_value::<Option<String>>()?,
                "facts" => {
                    let mut facts = Vec::new();
                    map.next_value_seed(FactsSeed {
                        problem: self.problem,
                        out: &mut facts,
                    })?;
                    document.facts = Some(facts);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(document)
    }
}

/// A map key, borrowed unless it contains escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The CIK: a JSON number in the SEC files; a digit string (zero-padded, possibly prefixed
/// `CIK`) is accepted too.
struct Cik(u64);

impl<'de> Deserialize<'de> for Cik {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CikVisitor;
        impl Visitor<'_> for CikVisitor {
            type Value = Cik;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a CIK number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cik, E> {
                if v > super::MAX_CIK {
                    return Err(E::custom(format!(
                        "`cik` {v} has more than ten digits: not a CIK"
                    )));
                }
                Ok(Cik(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cik, E> {
                // `320193.0`: a whole number written as a float by some tools.
                if v.fract() == 0.0 && (0.0..1e15).contains(&v) {
                    return self.visit_u64(v as u64);
                }
                Err(E::custom(format!("`cik` {v} is not a CIK")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cik, E> {
                let shown = excerpt(v);
                let digits = v.trim();
                let digits = digits.strip_prefix("CIK").unwrap_or(digits);
                let n: u64 = digits
                    .parse()
                    .map_err(|_| E::custom(format!("`cik` is not a number: {shown:?}")))?;
                self.visit_u64(n)
            }
        }
        deserializer.deserialize_any(CikVisitor)
    }
}

/// `facts`: taxonomy → concepts.
struct FactsSeed<'p, 'o> {
    problem: &'p Problem,
    out: &'o mut Vec<Fact>,
}

impl<'de> DeserializeSeed<'de> for FactsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FactsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a `facts` object of taxonomies")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(taxonomy) = map.next_key::<Key<'de>>()? {
            let taxonomy = taxonomy.0;
            if matches!(taxonomy.as_ref(), "us-gaap" | "dei") {
                map.next_value_seed(TaxonomySeed {
                    taxonomy: taxonomy.as_ref(),
                    problem: self.problem,
                    out: self.out,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// One taxonomy: concept name → concept.
struct TaxonomySeed<'t, 'p, 'o> {
    taxonomy: &'t str,
    problem: &'p Problem,
    out: &'o mut Vec<Fact>,
}

impl<'de> DeserializeSeed<'de> for TaxonomySeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TaxonomySeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of concepts")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(name) = map.next_key::<Key<'de>>()? {
            match Concept::from_names(self.taxonomy, name.0.as_ref()) {
                Some(concept) => map.next_value_seed(ConceptSeed {
                    concept,
                    problem: self.problem,
                    out: self.out,
                })?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// One kept concept: `{"label", "description", "units": {...}}`.
struct ConceptSeed<'p, 'o> {
    concept: Concept,
    problem: &'p Problem,
    out: &'o mut Vec<Fact>,
}

impl ConceptSeed<'_, '_> {
    fn fail<E: de::Error>(&self, reason: SkipReason, message: String) -> E {
        let field = format!("{}:{}", self.concept.taxonomy(), self.concept.name());
        self.problem
            .borrow_mut()
            .get_or_insert((reason, field, message.clone()));
        E::custom(message)
    }

    /// Only [`Concept::unit`] is accepted.
    fn check_unit<E: de::Error>(&self, unit: &str) -> Result<(), E> {
        let expected = self.concept.unit();
        if unit == expected {
            return Ok(());
        }
        let message = format!("unit `{unit}` where only `{expected}` is expected");
        Err(self.fail(SkipReason::UnexpectedUnit, message))
    }

    /// Checks fact number `index` of the concept and keeps it.
    fn push<E: de::Error>(&mut self, index: usize, raw: RawFact<'_>) -> Result<(), E> {
        let date = |text: &str, field: &str| {
            parse_ymd(text).ok_or_else(|| {
                format!("fact {index}: `{field}` is not a YYYY-MM-DD date: {text:?}")
            })
        };
        let parsed = (|| -> Result<Fact, String> {
            let start = match &raw.start {
                Some(text) => Some(date(text, "start")?),
                None => None,
            };
            if !raw.val.is_finite() {
                return Err(format!("fact {index}: `val` is not finite"));
            }
            Ok(Fact {
                concept: self.concept,
                start,
                end: date(&raw.end, "end")?,
                val: raw.val,
                fy: raw.fy,
                fp: raw.fp.map(Cow::into_owned),
                form: raw.form.into_owned(),
                filed: date(&raw.filed, "filed")?,
                accn: raw.accn.into_owned(),
                frame: raw.frame.map(Cow::into_owned),
            })
        })();
        match parsed {
            Ok(fact) => {
                self.out.push(fact);
                Ok(())
            }
            Err(message) => Err(self.fail(SkipReason::BadValue, message)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for ConceptSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ConceptSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a concept object with `units`")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0.as_ref() == "units" {
                map.next_value_seed(UnitsSeed { concept: &mut self })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// `units`: unit → array of facts.
struct UnitsSeed<'c, 'p, 'o> {
    concept: &'c mut ConceptSeed<'p, 'o>,
}

impl<'de> DeserializeSeed<'de> for UnitsSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for UnitsSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of units")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(unit) = map.next_key::<Key<'de>>()? {
            self.concept.check_unit(unit.0.as_ref())?;
            map.next_value_seed(FactListSeed {
                concept: &mut *self.concept,
            })?;
        }
        Ok(())
    }
}

/// The array of facts of one unit.
struct FactListSeed<'c, 'p, 'o> {
    concept: &'c mut ConceptSeed<'p, 'o>,
}

impl<'de> DeserializeSeed<'de> for FactListSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

/// One fact as the SEC writes it.
#[derive(Deserialize)]
struct RawFact<'a> {
    #[serde(borrow, default)]
    start: Option<Cow<'a, str>>,
    #[serde(borrow)]
    end: Cow<'a, str>,
    val: f64,
    #[serde(borrow)]
    accn: Cow<'a, str>,
    #[serde(default)]
    fy: Option<i32>,
    #[serde(borrow, default)]
    fp: Option<Cow<'a, str>>,
    #[serde(borrow)]
    form: Cow<'a, str>,
    #[serde(borrow)]
    filed: Cow<'a, str>,
    #[serde(borrow, default)]
    frame: Option<Cow<'a, str>>,
}

impl<'de> Visitor<'de> for FactListSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of facts")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        loop {
            let raw = match seq.next_element::<RawFact<'de>>() {
                Ok(Some(raw)) => raw,
                Ok(None) => return Ok(()),
                Err(e) => {
                    let message = format!("fact {index}: {e}");
                    return Err(self.concept.fail(SkipReason::BadValue, message));
                }
            };
            self.concept.push(index, raw)?;
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::Date;

    const DOC: &str = r#"{"cik":320193,"entityName":"Example Corp","facts":{
      "dei":{"EntityCommonStockSharesOutstanding":{"label":"x","description":"y","units":{"shares":[{"end":"2024-10-18","val":15115823000,"accn":"0000320193-24-000123","fy":2024,"fp":"FY","form":"10-K","filed":"2024-11-01","frame":"CY2024Q3I"}]}},
             "EntityPublicFloat":{"label":"Public float","description":"d","units":{"USD":[{"end":"2024-03-29","val":2628553000000,"accn":"0000320193-24-000123","fy":2024,"fp":"FY","form":"10-K","filed":"2024-11-01","frame":"CY2024Q1I"}]}}},
      "us-gaap":{"AccountsPayableCurrent":{"label":"AP","description":"d","units":{"USD":[{"end":"2024-09-28","val":1.5,"accn":"a","fy":2024,"fp":"FY","form":"10-K","filed":"2024-11-01"}]}},
        "NetIncomeLoss":{"label":"Net Income (Loss)","description":"d","units":{"USD":[
          {"start":"2022-09-25","end":"2023-09-30","val":96995000000,"accn":"0000320193-23-000106","fy":2023,"fp":"FY","form":"10-K","filed":"2023-11-03","frame":"CY2023"},
          {"start":"2023-09-30","end":"2024-09-28","val":-93736000000.5,"accn":"0000320193-24-000123","fy":null,"fp":null,"form":"10-K","filed":"2024-11-01"}]}},
        "EarningsPerShareBasic":{"label":"EPS","description":"d","units":{"USD/shares":[{"start":"2023-09-30","end":"2024-09-28","val":6.11,"accn":"a","fy":2024,"fp":"FY","form":"10-K","filed":"2024-11-01"}]}}},
      "srt":{"Whatever":{"units":{"pure":[1,2,3]}}}}}"#;

    #[test]
    fn keeps_only_the_needed_concepts_with_every_field() {
        let company = extract("CIK0000320193.json", DOC.as_bytes()).expect("valid");
        assert_eq!(company.cik, 320193);
        assert_eq!(company.entity_name, "Example Corp");
        assert_eq!(company.facts.len(), 3);
        let float = &company.facts[0];
        assert_eq!(float.concept, Concept::EntityPublicFloat);
        assert_eq!(float.val, 2_628_553_000_000.0);
        assert_eq!(float.start, None);
        assert_eq!(float.frame.as_deref(), Some("CY2024Q1I"));
        let first = &company.facts[1];
        assert_eq!(first.concept, Concept::NetIncomeLoss);
        assert_eq!(first.start, Some(Date::constant(2022, 9, 25)));
        assert_eq!(first.end, Date::constant(2023, 9, 30));
        assert_eq!(first.fy, Some(2023));
        assert_eq!(first.fp.as_deref(), Some("FY"));
        assert_eq!(first.accn, "0000320193-23-000106");
        assert_eq!(first.filed, Date::constant(2023, 11, 3));
        let second = &company.facts[2];
        assert_eq!(second.val, -93_736_000_000.5);
        assert_eq!(
            (second.fy, second.fp.as_deref(), second.frame.as_deref()),
            (None, None, None)
        );
    }

    #[test]
    fn empty_facts_object_is_a_company_without_facts() {
        let company = extract(
            "f.json",
            br#"{"cik":"0000000042","entityName":"E","facts":{}}"#,
        )
        .unwrap();
        assert_eq!((company.cik, company.facts.len()), (42, 0));
    }

    #[test]
    fn classifies_bad_documents() {
        let truncated = &DOC.as_bytes()[..DOC.len() / 2];
        let err = extract("CIK1.json", truncated).unwrap_err();
        assert_eq!(err.reason, SkipReason::InvalidJson);
        assert!(err.message.starts_with("CIK1.json:"), "{}", err.message);

        let err = extract("CIK1.json", br#"{"cik":1,"entityName":"E"}"#).unwrap_err();
        assert_eq!(err.reason, SkipReason::MissingFacts);

        let euro = DOC.replace(
            r#""NetIncomeLoss":{"label":"Net Income (Loss)","description":"d","units":{"USD""#,
            r#""NetIncomeLoss":{"label":"Net Income (Loss)","description":"d","units":{"EUR""#,
        );
        let err = extract("CIK1.json", euro.as_bytes()).unwrap_err();
        assert_eq!(err.reason, SkipReason::UnexpectedUnit);
        assert!(
            err.message.contains("us-gaap:NetIncomeLoss"),
            "{}",
            err.message
        );

        let text_value = DOC.replace("96995000000", "\"96995000000\"");
        let err = extract("CIK1.json", text_value.as_bytes()).unwrap_err();
        assert_eq!(err.reason, SkipReason::BadValue);
        assert!(
            err.message.contains("field `us-gaap:NetIncomeLoss`"),
            "{}",
            err.message
        );

        let bad_date = DOC.replace("\"end\":\"2023-09-30\"", "\"end\":\"2023-13-30\"");
        assert_eq!(
            extract("CIK1.json", bad_date.as_bytes())
                .unwrap_err()
                .reason,
            SkipReason::BadValue
        );

        // A wrongly typed value in a concept we skip does not matter.
        let skipped_concept = DOC.replace("\"val\":1.5", "\"val\":\"1.5\"");
        assert!(extract("CIK1.json", skipped_concept.as_bytes()).is_ok());

        let trailing = format!("{DOC} x");
        assert_eq!(
            extract("CIK1.json", trailing.as_bytes())
                .unwrap_err()
                .reason,
            SkipReason::InvalidJson
        );
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../../testdata/sec/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn keeps_every_filing_of_a_kept_concept_including_restatements() {
        let c = extract("CIK0000320193.json", &fixture("companyfacts_restated.json")).unwrap();
        assert_eq!((c.cik, c.entity_name.as_str()), (320193, "Apple Inc."));
        // Shares outstanding and Assets are not kept; both filings of Revenues are.
        assert_eq!(c.facts.len(), 2);
        let (first, amended) = (&c.facts[0], &c.facts[1]);
        assert_eq!(first.concept, Concept::Revenues);
        // Same period, two filings: the original 10-K and the 10-K/A that revised it.
        assert_eq!(first.start, Some(Date::constant(2023, 10, 1)));
        assert_eq!(first.end, amended.end);
        assert_eq!(
            (first.val, first.form.as_str()),
            (383_000_000_000.0, "10-K")
        );
        assert_eq!(
            (amended.val, amended.form.as_str()),
            (383_285_000_000.0, "10-K/A")
        );
        assert_eq!(amended.filed, Date::constant(2025, 1, 15));
        assert_eq!(amended.accn, "0000320193-25-000010");
    }

    #[test]
    fn a_byte_order_mark_and_padded_or_prefixed_ciks_are_read() {
        for doc in [
            "\u{feff}{\"cik\":320193,\"entityName\":\"A\",\"facts\":{}}",
            r#"{"cik":"0000320193","entityName":"A","facts":{}}"#,
            r#"{"cik":"CIK0000320193","entityName":"A","facts":{}}"#,
            r#"{"cik":320193.0,"entityName":"A","facts":{}}"#,
        ] {
            assert_eq!(
                extract("x.json", doc.as_bytes()).unwrap().cik,
                320193,
                "{doc}"
            );
        }
        assert!(extract("x.json", br#"{"cik":320193.5,"facts":{}}"#).is_err());
    }

    #[test]
    fn companyconcept_documents_give_the_same_facts() {
        let doc = br#"{"cik":320193,"taxonomy":"us-gaap","tag":"LongTermDebt","label":"L","description":"d","entityName":"Apple Inc.","units":{"USD":[{"end":"2023-09-30","val":95281000000,"accn":"0000320193-23-000106","fy":2023,"fp":"FY","form":"10-K","filed":"2023-11-03","frame":"CY2023Q3I"}]}}"#;
        let c = extract_concept("LongTermDebt.json", doc).unwrap();
        assert_eq!((c.cik, c.entity_name.as_str()), (320193, "Apple Inc."));
        assert_eq!(c.facts.len(), 1);
        let fact = &c.facts[0];
        assert_eq!(fact.concept, Concept::LongTermDebt);
        assert_eq!(
            (fact.start, fact.end, fact.val, fact.fy),
            (
                None,
                Date::constant(2023, 9, 30),
                95_281_000_000.0,
                Some(2023)
            )
        );
        assert_eq!(fact.frame.as_deref(), Some("CY2023Q3I"));
        // The same fact inside a companyfacts document is the same row.
        let whole = br#"{"cik":320193,"entityName":"Apple Inc.","facts":{"us-gaap":{"LongTermDebt":{"units":{"USD":[{"end":"2023-09-30","val":95281000000,"accn":"0000320193-23-000106","fy":2023,"fp":"FY","form":"10-K","filed":"2023-11-03","frame":"CY2023Q3I"}]}}}}}"#;
        assert_eq!(extract("CIK0000320193.json", whole).unwrap(), c);
        // A concept bullcheck does not keep: the company, no facts.
        let assets =
            extract_concept("Assets.json", &fixture("companyconcept_assets.json")).unwrap();
        assert_eq!((assets.cik, assets.facts.len()), (320193, 0));
        // A kept concept in another unit is refused, naming it.
        let euro = String::from_utf8_lossy(doc).replace("\"USD\"", "\"EUR\"");
        let err = extract_concept("LongTermDebt.json", euro.as_bytes()).unwrap_err();
        assert_eq!(err.reason, SkipReason::UnexpectedUnit);
        assert_eq!(err.field.as_deref(), Some("us-gaap:LongTermDebt"));
    }

    #[test]
    fn errors_become_parse_errors_with_line_and_concept() {
        let doc = b"{\"cik\":1,\"entityName\":\"A\",\"facts\":{\"us-gaap\":{\"LongTermDebt\":{\"units\":{\"USD\":[\n{\"end\":\"2024-13-01\",\"val\":1,\"accn\":\"a\",\"fy\":2024,\"fp\":\"FY\",\"form\":\"10-K\",\"filed\":\"2025-01-01\"}]}}}}}";
        let err = extract("f.json", doc).unwrap_err().into_parse_error();
        assert_eq!((err.file.as_str(), err.line), ("f.json", Some(2)));
        assert_eq!(err.field.as_deref(), Some("us-gaap:LongTermDebt"));
        assert!(
            err.message.contains("`end` is not a YYYY-MM-DD date"),
            "{err}"
        );
        let truncated = extract("f.json", &doc[..40]).unwrap_err();
        assert_eq!(truncated.reason, SkipReason::InvalidJson);
        let parse_error = truncated.into_parse_error();
        assert_eq!(parse_error.line, Some(1));
        assert!(!parse_error.message.contains(" at line "), "{parse_error}");
    }
}
