"""`data export` and `audit --format parquet` read back by pyarrow, pandas and DuckDB; the
whole-store dataset round-trips the store's row counts (Python's sqlite3 is the oracle)."""

import json

import duckdb
import pandas as pd
import pyarrow.parquet as pq

import bullcheck
from conftest import store_counts

RANGE = ["--from", "2020-01-01", "--to", "2020-12-31"]


def one(query):
    """The first row of a DuckDB query."""
    return duckdb.connect().execute(query).fetchone()


def test_long_parquet_with_metadata(home, tmp_path):
    out = tmp_path / "long.parquet"
    bullcheck.run(["data", "export", "UNRATE", "DGS10", "--format", "parquet", *RANGE,
                   "--out", str(out)], home=home)
    table = pq.read_table(out)
    assert table.column_names == ["id", "date", "value", "vintage"]
    frame = table.to_pandas()
    frame["date"] = pd.to_datetime(frame["date"])
    unrate = frame[frame["id"] == "UNRATE"].set_index("date")["value"]
    assert unrate.loc["2020-04-01"] == 14.8
    assert frame["date"].min() >= pd.Timestamp("2020-01-01")
    assert frame["date"].max() <= pd.Timestamp("2020-12-31")
    meta = json.loads(table.schema.metadata[b"bullcheck:series"])
    assert [m["id"] for m in meta] == ["UNRATE", "DGS10"]
    assert meta[0]["frequency"] == "M" and meta[1]["frequency"] == "D"
    assert meta[0]["source"] == "FRED"
    # The same values as series() (the wide frame of the same range).
    wide = bullcheck.series(["UNRATE", "DGS10"], home=home, start="2020-01-01", end="2020-12-31")
    assert unrate.dropna().equals(wide["UNRATE"].dropna().rename("value"))
    # DuckDB reads it as is.
    n, top = one(f"SELECT count(*), max(value) FROM read_parquet('{out}') WHERE id = 'UNRATE'")
    assert n == 12 and top == 14.8


def test_wide_parquet_and_csv(home, tmp_path):
    pq_out, csv_out = tmp_path / "wide.parquet", tmp_path / "wide.csv"
    for fmt, out in [("parquet", pq_out), ("csv", csv_out)]:
        bullcheck.run(["data", "export", "UNRATE", "DGS10", "--format", fmt, "--wide", *RANGE,
                       "--out", str(out)], home=home)
    from_parquet = pd.read_parquet(pq_out)
    from_csv = pd.read_csv(csv_out, parse_dates=["date"])
    assert list(from_parquet.columns) == ["date", "UNRATE", "DGS10"]
    assert list(from_csv.columns) == ["date", "UNRATE", "DGS10"]
    from_parquet["date"] = pd.to_datetime(from_parquet["date"])
    pd.testing.assert_frame_equal(from_parquet, from_csv, check_dtype=False)
    assert from_csv.set_index("date").loc["2020-04-01", "UNRATE"] == 14.8
    (rows,) = one(f"SELECT count(*) FROM read_csv_auto('{csv_out}')")
    assert rows == len(from_csv)
    assert one(f"SELECT count(*) FROM '{pq_out}'")[0] == rows


def test_default_export_is_still_long_csv(home):
    text = bullcheck.run(["data", "export", "UNRATE", *RANGE], home=home)
    lines = text.splitlines()
    assert lines[0] == "series_id,date,value"
    assert "UNRATE,2020-04-01,14.8" in lines
    assert len(lines) == 13


def test_whole_store_round_trips(home, tmp_path):
    out = tmp_path / "store"
    bullcheck.run(["data", "export", "--all", "--format", "parquet", "--out", str(out)], home=home)
    counts = store_counts(home)
    tables = sorted(p.name for p in out.iterdir())
    assert {"observations", "series", "imports", "company_facts"} <= set(tables)
    for table in tables:
        rows = one(f"SELECT count(*) FROM read_parquet('{out}/{table}/*.parquet')")[0]
        assert rows == counts[table], table
        assert pq.read_table(out / table).num_rows == counts[table]
    # The whole folder in one glob, as the users write it.
    (total,) = one(f"SELECT count(*) FROM read_parquet('{out}/**/*.parquet', union_by_name = true)")
    assert total == sum(counts[t] for t in tables)
    assert counts["observations"] > 100_000


def test_export_into_a_non_empty_folder_is_refused(home, tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    try:
        bullcheck.run(["data", "export", "--all", "--format", "parquet", "--out", str(tmp_path)],
                      home=home)
    except bullcheck.BullcheckError as err:
        assert "not empty" in str(err)
    else:
        raise AssertionError("export into a non-empty folder succeeded")
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_audit_parquet(home, tmp_path):
    out = tmp_path / "audit.parquet"
    bullcheck.run(["audit", "--format", "parquet", "--out", str(out)], home=home)
    from_file = pd.read_parquet(out).set_index("id")
    frame = bullcheck.audit(home=home)
    assert list(from_file.index) == list(frame.index)
    assert (from_file["status"] == frame["status"]).all()
