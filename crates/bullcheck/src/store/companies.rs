//! SEC XBRL company facts in the store: the `companies` and `company_facts` tables of
//! migration 0002. [`write_company`] is the one write path (`data import` of a companyfacts or
//! companyconcept file, and `companies ingest`): it replaces a company's facts atomically
//! (delete + insert inside the caller's transaction). Loading returns [`CompanyData`] for the
//! pure screens.

use bullcheck_core::companies::annual::ANNUAL_FORMS;
use bullcheck_core::companies::screens::UnprofitableInputs;
use bullcheck_core::companies::{CompanyData, Concept, Fact, parse_ymd};
use bullcheck_core::series::Date;
use rusqlite::{Connection, params};

/// Replaces one company's row and facts. Call inside a transaction. Returns the facts stored.
pub fn write_company(
    conn: &Connection,
    company: &CompanyData,
    source: &str,
    ingested_at: &str,
) -> rusqlite::Result<usize> {
    // Parsers refuse CIKs over ten digits; never collapse two companies into i64::MAX.
    let cik = i64::try_from(company.cik)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    conn.prepare_cached("DELETE FROM company_facts WHERE cik = ?1")?
        .execute([cik])?;
    conn.prepare_cached("DELETE FROM company_filings WHERE cik = ?1")?
        .execute([cik])?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO companies (cik, entity_name, source, ingested_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![cik, company.entity_name, source, ingested_at])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO company_facts (cik, taxonomy, concept, unit, start, end, val, fy, fp, form, filed, accn, frame) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut start_text = String::new();
    for fact in &company.facts {
        let start = fact.start.map(|d| {
            start_text.clear();
            start_text.push_str(&d.to_string());
            start_text.as_str()
        });
        insert.execute(params![
            cik,
            fact.concept.taxonomy(),
            fact.concept.name(),
            fact.concept.unit(),
            start,
            fact.end.to_string(),
            fact.val,
            fact.fy,
            fact.fp,
            fact.form,
            fact.filed.to_string(),
            fact.accn,
            fact.frame,
        ])?;
    }
    let filings: std::collections::BTreeSet<(&str, Date)> = company
        .facts
        .iter()
        .map(|fact| (fact.form.as_str(), fact.filed))
        .collect();
    let mut insert_filing =
        conn.prepare_cached("INSERT INTO company_filings (cik, form, filed) VALUES (?1, ?2, ?3)")?;
    for (form, filed) in filings {
        insert_filing.execute(params![cik, form, filed.to_string()])?;
    }
    Ok(company.facts.len())
}

/// Which stored facts to load.
#[derive(Debug, Clone, Copy)]
pub enum LoadScope<'a> {
    /// What the screens read: annual-report facts and public floats.
    Screens,
    /// What the screens read of these companies only.
    ScreensOf(&'a [u64]),
    /// Every fact of these companies (quarterly values included).
    Companies(&'a [u64]),
}

/// The columns every load selects, in the order [`read_fact`] reads them.
const FACT_COLUMNS: &str =
    "cik, concept, taxonomy, start, end, val, fy, fp, form, filed, accn, frame";

/// The kept concept of a row, or `None` for a concept this bullcheck does not keep.
fn concept_of(row: &rusqlite::Row<'_>) -> anyhow::Result<Option<Concept>> {
    let name = row.get_ref(1)?.as_str()?;
    let taxonomy = row.get_ref(2)?.as_str()?;
    Ok(Concept::from_names(taxonomy, name))
}

fn read_date(row: &rusqlite::Row<'_>, index: usize) -> anyhow::Result<Option<Date>> {
    let Some(text) = row.get_ref(index)?.as_str_or_null()? else {
        return Ok(None);
    };
    parse_ymd(text)
        .map(Some)
        .ok_or_else(|| anyhow::anyhow!("stored company fact has a bad date {text:?}"))
}

/// One fact from a row of [`FACT_COLUMNS`].
fn read_fact(row: &rusqlite::Row<'_>, concept: Concept) -> anyhow::Result<Fact> {
    Ok(Fact {
        concept,
        start: read_date(row, 3)?,
        end: read_date(row, 4)?
            .ok_or_else(|| anyhow::anyhow!("stored company fact without end"))?,
        val: row.get(5)?,
        fy: row.get(6)?,
        fp: row.get(7)?,
        form: row.get(8)?,
        filed: read_date(row, 9)?
            .ok_or_else(|| anyhow::anyhow!("stored company fact without filed"))?,
        accn: row.get(10)?,
        frame: row.get(11)?,
    })
}

/// Loads stored companies with the facts filed on or before `as_of`: for `Screens` every
/// company, ordered by CIK; for a list of CIKs the stored ones, in the list's order.
pub fn load_companies(
    conn: &Connection,
    as_of: Date,
    scope: LoadScope<'_>,
) -> anyhow::Result<Vec<CompanyData>> {
    let as_of_text = as_of.to_string();
    let mut names = std::collections::HashMap::new();
    let mut name_rows = conn.prepare("SELECT cik, entity_name FROM companies")?;
    let mut rows = name_rows.query([])?;
    while let Some(row) = rows.next()? {
        names.insert(row.get::<_, i64>(0)?, row.get::<_, String>(1)?);
    }
    let select = format!("SELECT {FACT_COLUMNS} FROM company_facts");
    let mut companies: Vec<CompanyData> = Vec::new();
    let mut push = |row: &rusqlite::Row<'_>| -> anyhow::Result<()> {
        let cik: i64 = row.get(0)?;
        let Some(concept) = concept_of(row)? else {
            return Ok(());
        };
        let fact = read_fact(row, concept)?;
        let cik_u = u64::try_from(cik).unwrap_or(0);
        match companies.last_mut() {
            Some(last) if last.cik == cik_u => last.facts.push(fact),
            _ => companies.push(CompanyData {
                cik: cik_u,
                entity_name: names.get(&cik).cloned().unwrap_or_default(),
                facts: vec![fact],
            }),
        }
        Ok(())
    };
    match scope {
        LoadScope::Screens => {
            let mut statement = conn.prepare(&format!(
                "{select} WHERE filed <= ?1 AND (form IN ({}) OR concept = 'EntityPublicFloat') \
                 ORDER BY cik",
                annual_forms_sql()
            ))?;
            let mut rows = statement.query([&as_of_text])?;
            while let Some(row) = rows.next()? {
                push(row)?;
            }
        }
        LoadScope::ScreensOf(ciks) => {
            let mut statement = conn.prepare(&format!(
                "{select} WHERE cik = ?2 AND filed <= ?1 \
                 AND (form IN ({}) OR concept = 'EntityPublicFloat')",
                annual_forms_sql()
            ))?;
            for &cik in ciks {
                let mut rows =
                    statement.query(params![as_of_text, i64::try_from(cik).unwrap_or(-1)])?;
                while let Some(row) = rows.next()? {
                    push(row)?;
                }
            }
        }
        LoadScope::Companies(ciks) => {
            let mut statement =
                conn.prepare(&format!("{select} WHERE filed <= ?1 AND cik = ?2"))?;
            for &cik in ciks {
                let mut rows =
                    statement.query(params![as_of_text, i64::try_from(cik).unwrap_or(-1)])?;
                while let Some(row) = rows.next()? {
                    push(row)?;
                }
            }
        }
    }
    Ok(companies)
}

/// `'10-K', '10-K/A', ...` for an SQL `IN` list.
fn annual_forms_sql() -> String {
    ANNUAL_FORMS.map(|form| format!("'{form}'")).join(", ")
}

/// What the `unprofitable` screen reads of every stored company, from what was filed on or
/// before `as_of`, ordered by CIK: the annual-report filing dates from `company_filings`, and
/// as facts only the kept concepts ([`UnprofitableInputs::KEPT`]) of the rows
/// [`LoadScope::Screens`] reads. Equal to building the inputs from a `Screens` load (tested).
pub fn load_unprofitable_inputs(
    conn: &Connection,
    as_of: Date,
) -> anyhow::Result<Vec<UnprofitableInputs>> {
    let as_of_text = as_of.to_string();
    let mut by_cik: std::collections::BTreeMap<i64, UnprofitableInputs> = Default::default();
    fn entry(
        by_cik: &mut std::collections::BTreeMap<i64, UnprofitableInputs>,
        cik: i64,
    ) -> &mut UnprofitableInputs {
        by_cik.entry(cik).or_insert_with(|| UnprofitableInputs {
            cik: u64::try_from(cik).unwrap_or(0),
            annual_filings: Vec::new(),
            facts: Vec::new(),
        })
    }
    let mut filings = conn.prepare(&format!(
        "SELECT cik, form, filed FROM company_filings WHERE filed <= ?1 AND form IN ({})",
        annual_forms_sql()
    ))?;
    let mut rows = filings.query([&as_of_text])?;
    while let Some(row) = rows.next()? {
        let filed = read_date(row, 2)?
            .ok_or_else(|| anyhow::anyhow!("stored company filing without a date"))?;
        entry(&mut by_cik, row.get(0)?).add_filing(row.get_ref(1)?.as_str()?, filed);
    }
    let kept = UnprofitableInputs::KEPT
        .map(|concept| format!("'{}'", concept.name()))
        .join(", ");
    let mut facts = conn.prepare(&format!(
        "SELECT {FACT_COLUMNS} FROM company_facts \
         WHERE filed <= ?1 AND concept IN ({kept}) \
         AND (form IN ({}) OR concept = 'EntityPublicFloat')",
        annual_forms_sql()
    ))?;
    let mut rows = facts.query([&as_of_text])?;
    while let Some(row) = rows.next()? {
        let Some(concept) = concept_of(row)? else {
            continue;
        };
        if UnprofitableInputs::keeps(concept) {
            entry(&mut by_cik, row.get(0)?)
                .facts
                .push(read_fact(row, concept)?);
        }
    }
    let mut all: Vec<UnprofitableInputs> = by_cik.into_values().collect();
    for inputs in &mut all {
        inputs.finish();
    }
    Ok(all)
}

/// How many companies are stored.
pub fn company_count(conn: &Connection) -> anyhow::Result<usize> {
    let count: i64 = conn.query_row("SELECT count(*) FROM companies", [], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}
