-- 0002: SEC XBRL company facts: the concepts the company screens need (see
-- bullcheck_core::companies::Concept), one row per fact as the SEC reports it.
-- Dates are TEXT 'YYYY-MM-DD'; timestamps are RFC 3339 UTC TEXT.

CREATE TABLE companies (
    cik         INTEGER NOT NULL PRIMARY KEY,
    entity_name TEXT NOT NULL,
    source      TEXT NOT NULL, -- archive, file or URL the facts came from
    ingested_at TEXT NOT NULL
) STRICT;

-- A company's rows are replaced together (delete + insert in one transaction) on re-ingest.
CREATE TABLE company_facts (
    cik      INTEGER NOT NULL,
    taxonomy TEXT NOT NULL,    -- us-gaap | dei
    concept  TEXT NOT NULL,
    unit     TEXT NOT NULL,
    start    TEXT,             -- NULL for instant facts
    end      TEXT NOT NULL,
    val      REAL NOT NULL,
    fy       INTEGER,
    fp       TEXT,
    form     TEXT NOT NULL,
    filed    TEXT NOT NULL,
    accn     TEXT NOT NULL,
    frame    TEXT
) STRICT;
CREATE INDEX company_facts_by_cik ON company_facts (cik);
