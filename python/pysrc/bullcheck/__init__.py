"""bullcheck from Python: the audit, the stored series, the track record, stress tests and
portfolios as pandas objects and dicts.

Every function calls bullcheck's Rust library in-process (never the ``bullcheck``
executable) on the store in ``home`` (default: ``$BULLCHECK_HOME``, else the platform data
directory, as the command line). Failures raise :class:`BullcheckError` with the message the
command line prints after ``error:``.

    >>> import bullcheck
    >>> bullcheck.audit(home="~/bc").loc["unemployment_rate"]          # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any, Iterable, Optional, Sequence, Union

import pandas as pd

from . import _native
from ._native import BullcheckError

__all__ = [
    "BullcheckError",
    "audit",
    "series",
    "history",
    "stress",
    "portfolio",
    "import_files",
    "update",
    "run",
]
__version__: str = _native.__version__

PathLike = Union[str, "os.PathLike[str]"]

AUDIT_COLUMNS = [
    "module",
    "title",
    "value",
    "unit",
    "status",
    "percentile",
    "as_of",
    "data",
    "stale",
    "verdict",
    "source",
    "url",
]


def _home(home: Optional[PathLike]) -> Optional[str]:
    return None if home is None else os.path.expanduser(os.fspath(home))


def _date(value: Any) -> Optional[str]:
    if value is None:
        return None
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _call(op: str, **request: Any) -> str:
    return _native.call(op, json.dumps(request))


def run(args: Sequence[str], home: Optional[PathLike] = None, lang: Optional[str] = None) -> str:
    """Run one ``bullcheck`` command in-process and return what it prints on stdout.

    ``run(["stress", "list"])`` is ``bullcheck stress list``. Raises :class:`BullcheckError`
    on failure (usage errors included).
    """
    return _call("run", args=[os.fspath(a) if isinstance(a, os.PathLike) else str(a) for a in args],
                 home=_home(home), lang=lang)


def _run_json(args: Sequence[str], home: Optional[PathLike] = None) -> Any:
    return json.loads(run(args, home=home))


def audit(
    home: Optional[PathLike] = None, as_of: Any = None, lang: str = "en"
) -> pd.DataFrame:
    """The audit as of a date (default today), one row per check, indexed by check id.

    Columns: module, title, value, unit, status, percentile, as_of (datetime64), data
    (``stored``, ``snapshot`` or ``no_data``), stale, verdict (of the check's published
    claim, if any), source and url (the first source's publisher and address). The whole
    ``audit --format json`` report (rating, forecasts, coverage) is in ``.attrs["report"]``.
    """
    doc = json.loads(_call("audit", home=_home(home), as_of=_date(as_of), lang=lang))
    frame = pd.DataFrame(doc["rows"], columns=["id"] + AUDIT_COLUMNS).set_index("id")
    frame["as_of"] = pd.to_datetime(frame["as_of"], errors="coerce")
    frame["value"] = frame["value"].astype("float64")
    frame["percentile"] = frame["percentile"].astype("float64")
    frame.attrs["report"] = doc["report"]
    return frame


def series(
    ids: Union[str, Iterable[str]],
    home: Optional[PathLike] = None,
    start: Any = None,
    end: Any = None,
) -> pd.DataFrame:
    """Stored series as a frame: a DatetimeIndex named ``date`` (every date of any of the
    series within ``[start, end]``), one float column per id, NaN where a series has no
    value. ``.attrs`` holds ``titles``, ``units``, ``sources``, ``vintages`` (the newest
    ALFRED vintage, or None) and ``meta`` (everything stored about each series), by id.

    Unknown ids raise :class:`BullcheckError` naming them (as ``bullcheck data show``).
    """
    ids = [ids] if isinstance(ids, str) else list(ids)
    doc = json.loads(_call("series", ids=ids, home=_home(home), start=_date(start), end=_date(end)))
    index = pd.DatetimeIndex(pd.to_datetime(doc["dates"]), name="date")
    frame = pd.DataFrame(
        {k: pd.array(v, dtype="float64") for k, v in doc["columns"].items()}, index=index
    )
    # In the order asked for (the JSON object's keys come sorted).
    frame = frame[[m["id"] for m in doc["meta"]]].astype("float64")
    meta = {m["id"]: m for m in doc["meta"]}
    frame.attrs["titles"] = {k: m["title"] for k, m in meta.items()}
    frame.attrs["units"] = {k: m["units"] for k, m in meta.items()}
    frame.attrs["sources"] = {k: m["source"] for k, m in meta.items()}
    frame.attrs["vintages"] = {k: m["vintage"] for k, m in meta.items()}
    frame.attrs["meta"] = meta
    return frame


def history(home: Optional[PathLike] = None) -> pd.DataFrame:
    """The track record (``bullcheck history --format json``): one row per month-end,
    indexed by month (datetime64), with the score, level, module scores (``module.<id>``),
    the comparators (NY Fed probit, NFCI, STLFSI), the events and the 12-month forecasts.
    The rest of the report (skill, events, forecasts' record, sources) is in
    ``.attrs["report"]``.
    """
    doc = _run_json(["history", "--format", "json"], home)
    rows = []
    for month in doc.get("series", []):
        row = {k: v for k, v in month.items() if k != "modules"}
        row.update({f"module.{k}": v for k, v in (month.get("modules") or {}).items()})
        rows.append(row)
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["month"] = pd.to_datetime(frame["month"])
        frame = frame.set_index("month")
    frame.attrs["report"] = {k: v for k, v in doc.items() if k != "series"}
    return frame


def stress(
    name_or_path: PathLike,
    home: Optional[PathLike] = None,
    paths: int = 0,
    seed: Optional[int] = None,
) -> dict:
    """Run a stress scenario (built-in name, DFAST name or TOML file) and return the
    ``bullcheck stress run --format json`` document as a dict. ``paths`` Monte Carlo paths
    (0: the deterministic scenario only); ``seed`` for reproducible paths.
    """
    args = ["stress", "run", os.fspath(name_or_path), "--format", "json", "--paths", str(paths)]
    if seed is not None:
        args += ["--seed", str(seed)]
    return _run_json(args, home)


def portfolio(
    holdings: Union[pd.DataFrame, PathLike],
    scenarios: Sequence[str] = (),
    patches: Sequence[str] = (),
    home: Optional[PathLike] = None,
    paths: Optional[int] = None,
    seed: Optional[int] = None,
) -> dict:
    """Run a holdings file (a path, or a DataFrame written as CSV with its columns as
    ``bullcheck portfolio run`` reads them) through the scenarios and patches; returns the
    ``portfolio run --format json`` document as a dict.
    """
    tmp = None
    if isinstance(holdings, pd.DataFrame):
        tmp = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="")
        holdings.to_csv(tmp, index=False)
        tmp.close()
        path = tmp.name
    else:
        path = os.fspath(holdings)
    try:
        args = ["portfolio", "run", path, "--format", "json"]
        for s in scenarios:
            args += ["--scenario", s]
        for p in patches:
            args += ["--patch", p]
        if paths is not None:
            args += ["--paths", str(paths)]
        if seed is not None:
            args += ["--seed", str(seed)]
        return _run_json(args, home)
    finally:
        if tmp is not None:
            os.unlink(tmp.name)


def import_files(paths: Union[PathLike, Iterable[PathLike]], home: Optional[PathLike] = None) -> str:
    """Import files or folders into the store (``bullcheck data import``); returns the
    summary it prints. A bad file raises :class:`BullcheckError` naming file, line and field;
    nothing of it is stored.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return run(["data", "import"] + [os.fspath(p) for p in paths], home=home)


def update(ids: Optional[Iterable[str]] = None, home: Optional[PathLike] = None) -> str:
    """Fetch the public sources (``bullcheck data update [ID...]``; the network) and store
    what changed; returns the summary it prints.
    """
    return run(["data", "update"] + list(ids or []), home=home)
