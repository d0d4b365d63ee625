"""Fixtures of the Python package's tests: one home with the whole shared data set imported
(through the package), shared by every test of the session.

Tests that need the public data set (``../shared/data`` beside the repository, or
``BULLCHECK_SHARED_DATA=DIR``) are skipped loudly when it is absent: one line per test in
``$BULLCHECK_SKIP_LOG`` (``scripts/test`` sums them), as the Rust tests' ``support::skip``
does; with ``BULLCHECK_REQUIRE_SHARED_DATA=1`` (set by ``.ci/run``) they fail instead.
"""

import os
import pathlib
import sqlite3

import pytest

import bullcheck

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED_DATA_MISSING = "needs the public data set in ../shared/data (not found); put it there or set BULLCHECK_SHARED_DATA=DIR"  # noqa: E501


def shared_data():
    """The shared data folder, or None (the caller skips, see ``skip``)."""
    folder = pathlib.Path(
        os.environ.get("BULLCHECK_SHARED_DATA") or REPO.parent / "shared" / "data"
    )
    if folder.is_dir():
        return folder
    if os.environ.get("BULLCHECK_REQUIRE_SHARED_DATA") == "1":
        pytest.fail(
            f"shared data not found at {folder} and BULLCHECK_REQUIRE_SHARED_DATA=1 "
            "(set BULLCHECK_SHARED_DATA=DIR)"
        )
    return None


def skip(request, reason):
    """Skips the test, recorded in $BULLCHECK_SKIP_LOG for scripts/test's summary."""
    log = os.environ.get("BULLCHECK_SKIP_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"python\t{request.node.nodeid}\t{reason}\n")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def _imported_home(tmp_path_factory):
    folder = shared_data()
    if folder is None:
        return None
    home = tmp_path_factory.mktemp("home")
    bullcheck.import_files([folder], home=home)
    return home


@pytest.fixture()
def home(request, _imported_home):
    """A home holding the whole shared data set (skips when it is absent)."""
    if _imported_home is None:
        skip(request, SHARED_DATA_MISSING)
    return _imported_home


@pytest.fixture(autouse=True, scope="session")
def _track_record_cache():
    # The measured skill's monthly ratings are cached per store state: one folder for the
    # session (and across runs, under target/) instead of each home's.
    cache = REPO / "target" / "python-track-record-cache"
    cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("BULLCHECK_TRACK_RECORD_CACHE", str(cache))
    os.environ["NO_COLOR"] = "1"
    os.environ.pop("FRED_API_KEY", None)


def store_counts(home):
    """Rows of every table of the store, read with Python's own sqlite3 (the oracle)."""
    con = sqlite3.connect(f"file:{pathlib.Path(home) / 'bullcheck.sqlite'}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()
