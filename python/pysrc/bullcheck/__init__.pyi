import os
from typing import Any, Iterable, Optional, Sequence, Union

import pandas as pd

PathLike = Union[str, os.PathLike[str]]

__version__: str

class BullcheckError(Exception):
    """A bullcheck error: the message the command line prints after ``error:``."""

def run(args: Sequence[str], home: Optional[PathLike] = ..., lang: Optional[str] = ...) -> str: ...
def audit(home: Optional[PathLike] = ..., as_of: Any = ..., lang: str = ...) -> pd.DataFrame: ...
def series(
    ids: Union[str, Iterable[str]],
    home: Optional[PathLike] = ...,
    start: Any = ...,
    end: Any = ...,
) -> pd.DataFrame: ...
def history(home: Optional[PathLike] = ...) -> pd.DataFrame: ...
def stress(
    name_or_path: PathLike,
    home: Optional[PathLike] = ...,
    paths: int = ...,
    seed: Optional[int] = ...,
) -> dict[str, Any]: ...
def portfolio(
    holdings: Union[pd.DataFrame, PathLike],
    scenarios: Sequence[str] = ...,
    patches: Sequence[str] = ...,
    home: Optional[PathLike] = ...,
    paths: Optional[int] = ...,
    seed: Optional[int] = ...,
) -> dict[str, Any]: ...
def import_files(paths: Union[PathLike, Iterable[PathLike]], home: Optional[PathLike] = ...) -> str: ...
def update(ids: Optional[Iterable[str]] = ..., home: Optional[PathLike] = ...) -> str: ...
