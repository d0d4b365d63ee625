"""docs/python.md's walkthrough, run block by block on the shared data (``H`` set to the
test's home); blocks fenced as ``python notest`` are shown, not run."""

import pathlib
import re

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "python.md"


def test_walkthrough_runs(home, capsys):
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 6
    scope = {}
    for block in blocks:
        code = block.replace("H = None  #", f"H = {str(home)!r}  #")
        exec(compile(code, str(DOC), "exec"), scope)
    out = capsys.readouterr().out
    assert "14.8" in out
    assert "did you mean `UNRATE`" in out
    assert scope["gfc"]["equity_check"]["model_change_pct"] < 0
