-- 0003: drops `cited_facts` (never written: cited figures are compiled into the binary's
-- snapshot, see bullcheck_core::snapshot), and adds the filings of every stored company, one row per (cik, form, filing date), written
-- with its facts by the one company write path. The report asks at each year-end which
-- companies had filed an annual report recently; this table answers from a few hundred
-- thousand rows instead of a scan of millions of facts.

DROP TABLE cited_facts;

CREATE TABLE company_filings (
    cik   INTEGER NOT NULL,
    form  TEXT NOT NULL,
    filed TEXT NOT NULL,   -- 'YYYY-MM-DD'
    PRIMARY KEY (cik, form, filed)
) STRICT, WITHOUT ROWID;

-- Stores written before this migration: the same rows, from the facts already stored.
INSERT INTO company_filings (cik, form, filed)
    SELECT DISTINCT cik, form, filed FROM company_facts;
