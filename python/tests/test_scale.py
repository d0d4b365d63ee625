"""docs/scale.md's SQL, run on DuckDB against a whole-store export of the shared data.
Oracles: Apple's and NVIDIA's 10-K net incomes (FY2023: $96,995M, Apple 10-K filed
2023-11-03; FY2024: $29,760M, NVIDIA 10-K filed 2024-02-21) and the sample moments of the
index's monthly returns (a bootstrap's mean converges to them)."""

import math
import pathlib
import re

import duckdb
import pytest

import bullcheck

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "scale.md"


def sql(name, export):
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- sql: {name} -->\s*```sql\n(.*?)```", text, re.S)
    assert match, f"no sql block {name} in docs/scale.md"
    return match.group(1).replace("EXPORT", str(export))


@pytest.fixture()
def export(home, tmp_path):
    out = tmp_path / "export"
    bullcheck.run(["data", "export", "--all", "--format", "parquet", "--out", str(out)], home=home)
    return out


def test_company_screen_sql(export):
    con = duckdb.connect()
    con.execute(sql("annual_net_income", export))
    rows = dict(
        ((cik, str(end)), value)
        for cik, end, value in con.execute(
            "SELECT cik, period_end, net_income FROM annual_net_income"
        ).fetchall()
    )
    assert rows[(320193, "2023-09-30")] == 96_995_000_000
    assert rows[(1045810, "2024-01-28")] == 29_760_000_000
    companies, loss_making, share = con.execute(sql("unprofitable_share", export)).fetchone()
    assert companies == 2 and loss_making == 0 and share == 0.0


def test_bootstrap_sql(export):
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute("SELECT setseed(0.42)")
    paths, mean, p01, p05, p50, sample_mean, sample_sd = con.execute(
        sql("bootstrap_12m", export)
    ).fetchone()
    assert paths == 20000
    assert p01 < p05 < p50
    # The bootstrap mean of 20,000 12-month sums is within 4 standard errors of 12x the
    # sample mean of the monthly returns.
    assert abs(mean - sample_mean) < 4 * sample_sd / math.sqrt(paths)
