//! SEC XBRL company facts in the store: the `companies` and `company_facts` tables of
//! migration 0002. Writing replaces a company's facts atomically (delete + insert inside the
//! caller's transaction); loading returns [`CompanyData`] for the pure screens.

use bullcheck_core::companies::annual::ANNUAL_FORMS;
use bullcheck_core::companies::{CompanyData, Concept, Fact, parse_ymd};
use bullcheck_core::series::Date;
use bullcheck_core::source::CompanyFacts;
use rusqlite::{Connection, params};

/// Stores the facts of these companies inside the caller's transaction, replacing each
/// company's previous facts atomically. Only the concepts of [`Concept::ALL`] in US dollars are
/// kept. Returns the number of facts stored.
pub fn store_companies(
    tx: &rusqlite::Transaction<'_>,
    companies: &[CompanyFacts],
) -> anyhow::Result<usize> {
    let ingested_at = crate::store::now_rfc3339();
    let mut stored = 0;
    for company in companies {
        let facts: Vec<Fact> = company
            .facts
            .iter()
            .filter_map(|fact| {
                let concept = Concept::from_names(&fact.taxonomy, &fact.concept)?;
                (fact.unit == concept.unit()).then(|| Fact {
                    concept,
                    start: fact.start,
                    end: fact.end,
                    val: fact.val,
                    fy: fact.fy,
                    fp: fact.fp.clone(),
                    form: fact.form.clone(),
                    filed: fact.filed,
                    accn: fact.accn.clone(),
                    frame: fact.frame.clone(),
                })
            })
            .collect();
        let data = CompanyData {
            cik: company.cik,
            entity_name: company.entity_name.clone(),
            facts,
        };
        stored += write_company(tx, &data, "data import", &ingested_at)?;
    }
    Ok(stored)
}

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
    Ok(company.facts.len())
}

/// Which stored facts to load.
#[derive(Debug, Clone, Copy)]
pub enum LoadScope<'a> {
    /// What the screens read: annual-report facts and public floats.
    Screens,
    /// Every fact of these companies (quarterly values included).
    Companies(&'a [u64]),
}

/// Loads stored companies with the facts filed on or before `as_of`, ordered by CIK.
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
    let select = "SELECT cik, concept, taxonomy, start, end, val, fy, fp, form, filed, accn, frame FROM company_facts";
    let mut companies: Vec<CompanyData> = Vec::new();
    let mut push = |row: &rusqlite::Row<'_>| -> anyhow::Result<()> {
        let cik: i64 = row.get(0)?;
        let concept_name: String = row.get(1)?;
        let taxonomy: String = row.get(2)?;
        let Some(concept) = Concept::from_names(&taxonomy, &concept_name) else {
            return Ok(());
        };
        let date = |index: usize| -> anyhow::Result<Option<Date>> {
            let text: Option<String> = row.get(index)?;
            text.map(|t| {
                parse_ymd(&t)
                    .ok_or_else(|| anyhow::anyhow!("stored company fact has a bad date {t:?}"))
            })
            .transpose()
        };
        let fact = Fact {
            concept,
            start: date(3)?,
            end: date(4)?.ok_or_else(|| anyhow::anyhow!("stored company fact without end"))?,
            val: row.get(5)?,
            fy: row.get(6)?,
            fp: row.get(7)?,
            form: row.get(8)?,
            filed: date(9)?.ok_or_else(|| anyhow::anyhow!("stored company fact without filed"))?,
            accn: row.get(10)?,
            frame: row.get(11)?,
        };
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
            let annual_forms = ANNUAL_FORMS.map(|form| format!("'{form}'")).join(", ");
            let mut statement = conn.prepare(&format!(
                "{select} WHERE filed <= ?1 AND (form IN ({annual_forms}) OR concept = 'EntityPublicFloat') \
                 ORDER BY cik"
            ))?;
            let mut rows = statement.query([&as_of_text])?;
            while let Some(row) = rows.next()? {
                push(row)?;
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

/// How many companies are stored.
pub fn company_count(conn: &Connection) -> anyhow::Result<usize> {
    let count: i64 = conn.query_row("SELECT count(*) FROM companies", [], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}
