-- 0004: every copy of every observation, so that the value readers see is chosen by a rule
-- (store/copies.rs) instead of by import order. `observations` keeps one row per
-- (series, date, realtime_start): the authoritative value, recomputed from the copies of the
-- dates an import touches. A copy is what one origin (a file path or URL) says about a
-- (series, date, realtime_start), with the vintage of the file it came from.

CREATE TABLE origins (
    id     INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE  -- imports.source: absolute file path or URL
) STRICT;

CREATE TABLE observation_copies (
    series_id      TEXT NOT NULL REFERENCES series (id),
    date           TEXT NOT NULL,
    realtime_start TEXT NOT NULL DEFAULT '',
    origin_id      INTEGER NOT NULL REFERENCES origins (id),
    -- The file's vintage: its newest observation date or realtime_start ('YYYY-MM-DD').
    vintage        TEXT NOT NULL,
    -- Decimals of the copy: the most any value of this series in the file has; -1 when the
    -- file holds no value of it.
    precision      INTEGER NOT NULL,
    -- 1 when the file is the publisher's own (see copies::is_primary), 0 for a re-shaped copy.
    is_primary     INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
    value          REAL,
    import_id      INTEGER NOT NULL REFERENCES imports (id),
    PRIMARY KEY (series_id, date, realtime_start, origin_id)
) STRICT, WITHOUT ROWID;

-- Stores written before this migration: each stored value becomes the one copy of its date,
-- from the import that last set it, with that import's newest date of the series as vintage.
INSERT OR IGNORE INTO origins (source)
    SELECT DISTINCT i.source FROM observations o JOIN imports i ON i.id = o.import_id;

INSERT INTO observation_copies
    (series_id, date, realtime_start, origin_id, vintage, precision, is_primary, value, import_id)
WITH decimals AS (
    SELECT o.series_id, o.date, o.realtime_start, o.value, o.import_id,
           CASE
               WHEN o.value IS NULL THEN -1
               WHEN instr(lower(CAST(o.value AS TEXT)), 'e') > 0 THEN 15
               WHEN CAST(o.value AS TEXT) LIKE '%.0' THEN 0
               ELSE length(CAST(o.value AS TEXT)) - instr(CAST(o.value AS TEXT), '.')
           END AS places
    FROM observations o)
SELECT d.series_id, d.date, d.realtime_start, g.id,
       max(max(d.date, d.realtime_start)) OVER w,
       max(d.places) OVER w,
       1, d.value, d.import_id
FROM decimals d
JOIN imports i ON i.id = d.import_id
JOIN origins g ON g.source = i.source
WINDOW w AS (PARTITION BY d.series_id, d.import_id);
