-- 0001: series, observations (with vintages), import provenance and cited facts.
-- Dates are TEXT 'YYYY-MM-DD'; timestamps are RFC 3339 UTC TEXT.

CREATE TABLE series (
    id                  TEXT NOT NULL PRIMARY KEY,
    source              TEXT NOT NULL DEFAULT '',
    title               TEXT NOT NULL DEFAULT '',
    units               TEXT NOT NULL DEFAULT '',
    frequency           TEXT NOT NULL DEFAULT '',
    seasonal_adjustment TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    -- When an import last inserted or changed an observation (or the metadata) of this series.
    updated_at          TEXT NOT NULL
) STRICT;

-- One row per imported file or download. Written inside the import's own transaction, so a
-- row exists only for an import that committed.
CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,  -- URL or absolute file path
    kind         TEXT NOT NULL,  -- Kind::name() of the parser
    sha256       TEXT NOT NULL,  -- of the bytes, lowercase hex
    retrieved_at TEXT NOT NULL,
    bytes        INTEGER NOT NULL,
    row_count    INTEGER NOT NULL, -- observations read from the file, all series
    finished_at  TEXT NOT NULL
) STRICT;
CREATE INDEX imports_by_sha256 ON imports (sha256);
CREATE INDEX imports_by_source ON imports (source);

-- Every value ever imported. realtime_start is '' when the source gives no vintage; a NULL
-- value is a value the source marks as missing (it is kept missing, never filled in).
CREATE TABLE observations (
    series_id      TEXT NOT NULL REFERENCES series (id),
    date           TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    realtime_start TEXT NOT NULL DEFAULT ''
                   CHECK (realtime_start = '' OR realtime_start GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    value          REAL,
    -- The import that last set this value.
    import_id      INTEGER NOT NULL REFERENCES imports (id),
    PRIMARY KEY (series_id, date, realtime_start)
) STRICT, WITHOUT ROWID;

-- Provenance: which import brought which series, and what it changed.
CREATE TABLE import_series (
    import_id    INTEGER NOT NULL REFERENCES imports (id),
    series_id    TEXT NOT NULL REFERENCES series (id),
    rows         INTEGER NOT NULL, -- observations of this series in the file
    new_rows     INTEGER NOT NULL, -- (date, vintage) pairs not stored before
    revised_rows INTEGER NOT NULL, -- stored pairs whose value changed
    PRIMARY KEY (import_id, series_id)
) STRICT;
CREATE INDEX import_series_by_series ON import_series (series_id);

-- The latest vintage of every (series, date). SQLite documents that with max() the bare
-- columns (value, import_id) come from the row holding the maximum.
CREATE VIEW latest_observations AS
SELECT series_id, date, max(realtime_start) AS realtime_start, value, import_id
FROM observations
GROUP BY series_id, date;

-- Figures with a citation that users add or updates bring (not time series).
CREATE TABLE cited_facts (
    id     TEXT NOT NULL,
    value  REAL NOT NULL,
    unit   TEXT NOT NULL DEFAULT '',
    as_of  TEXT NOT NULL,
    source TEXT NOT NULL,
    url    TEXT NOT NULL DEFAULT '',
    note   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (id, as_of)
) STRICT;
