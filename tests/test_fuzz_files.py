"""Fuzzing: random mutations of valid list files never crash a reading command.

Every run of validate, list and report on a mutated file exits 0 or 1, prints
no traceback, and a file reported broken gets at least one FILE:LINE:COL line.
CHECKLIST_SLOW=1 runs many more examples.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BASE = """\
# 市商务局整改清单
department: 市商务局
code: SWJ
items:
  - id: SWJ-001
    title: 民营企业诉求办理只说“不能办”
    category: 作风
    owner: 陈静
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-02
    partners: [市发展和改革委员会, 市财政局]
    progress:
      - {date: 2026-11-15, note: 已召开专题会议}
  - id: SWJ-002
    title: 招商引资项目落地慢
    owner: 刘洋
    deadline: 2026-11-20
    status: closed
    created_on: 2026-10-20
    closed_on: 2026-11-25
    result: |
      已建立项目跟踪服务机制，
      12个项目全部落地。
"""

EXAMPLES = 400 if os.environ.get("CHECKLIST_SLOW") else 40
STRAY = [":", "&", "*", "!", "[", "{", "'", '"', "\t", "\x00", "- ", "? ", "|", ">", "%", "@", "`", "!!python/object:os.system ", "&a ", "*a", "\ufeff", "\u2028"]
ODD = ["2026-02-30", "2026-13-45", "0000-00-00", "tomorrow", "done", "verified", "~", "null", "[]", "{}", "-1", "1e309", "0x1F", "2026-12-31T25:00", "!!binary aGk=", "*x"]
LOCATED = re.compile(r"^.+:\d+:\d+: .+$")


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = BASE.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "truncate", "stray", "odd", "swap"]))
        line = lines[index]
        if kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "indent":
            lines[index] = " " * draw(st.integers(1, 3)) + line
        elif kind == "dedent":
            lines[index] = line.lstrip(" ")
        elif kind == "truncate":
            lines[index] = line[: draw(st.integers(0, max(0, len(line) - 1)))] + "\n"
        elif kind == "stray":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(STRAY)) + line[at:]
        elif kind == "odd" and ": " in line:
            lines[index] = line.split(": ", 1)[0] + ": " + draw(st.sampled_from(ODD)) + "\n"
        elif kind == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return "".join(lines)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated(), crlf=st.booleans(), bom=st.booleans())
def test_mutations_never_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli, text: str, crlf: bool, bom: bool) -> None:  # type: ignore[no-untyped-def]
    data = text.replace("\n", "\r\n") if crlf else text
    raw = (b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8", "surrogatepass")
    target = tmp_path / "swj.yaml"
    target.write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    for args in (("validate", "swj.yaml"), ("list", "swj.yaml", "--format", "json"), ("report", "swj.yaml", "--as-of", "2026-12-01")):
        result = cli(*args)
        assert result.code in (0, 1), result
        assert "Traceback" not in result.err and "internal error" not in result.err, result
        if result.code == 1:
            assert any(LOCATED.match(line) for line in result.err.splitlines()), result
    assert target.read_bytes() == raw
