"""The package's functions on the shared data, against what history and the command line
say (oracles: the published April 2020 unemployment rate, the 2008 crisis's sign, the
in-process command line's own JSON)."""

import json

import pandas as pd
import pytest

import bullcheck
from conftest import store_counts


def test_audit_has_a_row_per_check(home):
    frame = bullcheck.audit(home=home)
    assert len(frame) >= 100
    assert frame.index.name == "id"
    for column in ["module", "title", "value", "unit", "status", "percentile", "as_of",
                   "data", "stale", "verdict", "source", "url"]:
        assert column in frame.columns
    assert frame["value"].dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(frame["as_of"])
    # The same checks, values and statuses as `bullcheck audit --format json`.
    cli = json.loads(bullcheck.run(["audit", "--format", "json"], home=home))
    assert list(frame.index) == [c["id"] for c in cli["checks"]]
    by_id = {c["id"]: c for c in cli["checks"]}
    for check_id, row in frame.iterrows():
        assert row["status"] == by_id[check_id]["status"]
        value = by_id[check_id]["value"]
        assert (pd.isna(row["value"]) and value is None) or row["value"] == value
    assert frame.attrs["report"]["rating"] == cli["rating"]


def test_audit_as_of_a_past_date(home):
    frame = bullcheck.audit(home=home, as_of="2020-06-30")
    assert (frame["as_of"].dropna() <= pd.Timestamp("2020-06-30")).all()


def test_series_unrate_in_april_2020(home):
    frame = bullcheck.series(["UNRATE", "DGS10"], home=home, start="2020-01-01", end="2020-12-31")
    assert isinstance(frame.index, pd.DatetimeIndex)
    assert list(frame.columns) == ["UNRATE", "DGS10"]
    # BLS Employment Situation, April 2020: 14.8 per cent (as revised; first printed 14.7).
    assert frame.loc["2020-04-01", "UNRATE"] == 14.8
    assert frame.index.min() >= pd.Timestamp("2020-01-01")
    assert frame.index.max() <= pd.Timestamp("2020-12-31")
    assert frame["DGS10"].notna().sum() > 200  # a daily series: one value per business day
    assert set(frame.attrs["titles"]) == {"UNRATE", "DGS10"}
    assert frame.attrs["meta"]["UNRATE"]["frequency"] == "M"
    assert frame.attrs["sources"]["DGS10"] == "FRED"


def test_series_errors_carry_the_cli_message(home):
    with pytest.raises(bullcheck.BullcheckError, match=r"unknown series `NOPE`"):
        bullcheck.series(["NOPE"], home=home)
    with pytest.raises(bullcheck.BullcheckError, match="did you mean `UNRATE`"):
        bullcheck.series(["unrate"], home=home)


def test_stress_gfc_2008_falls(home):
    result = bullcheck.stress("gfc-2008", home=home)
    assert result["equity_check"]["model_change_pct"] < 0


def test_unknown_scenario_is_an_error(home):
    with pytest.raises(bullcheck.BullcheckError):
        bullcheck.stress("no-such-scenario", home=home)


def test_history_is_a_monthly_frame(home):
    frame = bullcheck.history(home=home)
    assert isinstance(frame.index, pd.DatetimeIndex)
    assert frame.index.min() <= pd.Timestamp("1991-01-31")
    # The 2008 recession is inside the record: NBER's 2007-12 peak is flagged in the months
    # before it.
    assert frame.loc["2007-06"]["recession_12m"].any()
    assert "skill" in frame.attrs["report"]


def test_import_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("observation_date,UNRATE\n2020-01-01,abc\n")
    # The call raises with the command line's reasons: the file and line of the bad value.
    with pytest.raises(bullcheck.BullcheckError, match="exit code 2") as raised:
        bullcheck.import_files([bad], home=tmp_path / "home")
    assert "bad.csv:2" in str(raised.value), str(raised.value)


def test_update_offline_stores_nothing(tmp_path, monkeypatch):
    # Tests never touch the network: offline (BULLCHECK_OFFLINE, as the command line reads
    # it), `update` fetches nothing and stores nothing; it may end in a BullcheckError.
    monkeypatch.setenv("BULLCHECK_OFFLINE", "1")
    try:
        bullcheck.update(["UNRATE"], home=tmp_path)
    except bullcheck.BullcheckError:
        pass
    store = tmp_path / "bullcheck.sqlite"
    if store.exists():
        assert store_counts(tmp_path).get("observations", 0) == 0


def test_usage_errors_are_exceptions(tmp_path):
    with pytest.raises(bullcheck.BullcheckError, match="unrecognized|unexpected"):
        bullcheck.run(["audit", "--no-such-flag"], home=tmp_path)
