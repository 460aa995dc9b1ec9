"""Hostile input never crashes: one located line, exit 1, no file touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""

HOSTILE: list[tuple[str, bytes, str]] = [
    ("python object apply", b"!!python/object/apply:os.system ['touch /tmp/checklist-pwned']\n", "1:1: tag !!python/object/apply:os.system is not allowed"),
    ("python name in value", b"department: !!python/name:os.system x\n", "1:13: tag !!python/name:os.system is not allowed"),
    ("local tag", b"department: !env HOME\n", "1:13: tag !env is not allowed"),
    ("billion laughs", BILLION_LAUGHS.encode(), "2:8: aliases (*a) are not allowed"),
    ("binary garbage", bytes(range(256)) * 4, "2:118: the file is not UTF-8 text"),
    ("nul bytes", b"department: \x00\x00\n", "1:13: character #x0000 is not allowed"),
    ("gb18030", "department: 市财政局\ncode: CZJ\n".encode("gb18030"), "1:13: the file is not UTF-8; it reads as GB18030/GBK"),
    ("bom accepted but empty", b"\xef\xbb\xbf", "1:1: the file is empty"),
    ("empty", b"", "1:1: the file is empty"),
    ("top-level scalar", b"42\n", "1:1: expected a department list"),
    ("top-level list of scalars", b"- a\n- b\n", "1:3: expected a department list: a mapping"),
    ("deep nesting", b"[" * 10000 + b"]" * 10000 + b"\n", "1:65: nested more than 64 levels deep"),
    ("very long line", b"department: " + "长".encode() * 200_000 + b"\ncode: CZJ\nitems: []\n", ""),
    ("invalid date", b"department: a\ncode: CZJ\nitems:\n- {id: CZJ-001, title: t, owner: o, deadline: 2026-13-45, status: open}\n", "4:47: deadline: '2026-13-45' is not a valid date"),
    ("complex key", b"? [a, b]\n: 1\n", "1:3: a key must be plain text"),
]


@pytest.mark.parametrize(("content", "expected"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli, content: bytes, expected: str) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "f.yaml"
    target.write_bytes(content)
    before = target.stat().st_mtime_ns
    monkeypatch.chdir(tmp_path)
    for command in ("validate", "list", "report"):
        result = cli(command, "f.yaml")
        if command != "validate" and "No such command" in result.err:
            continue
        assert "Traceback" not in result.err, result
        if expected:
            assert result.code == 1, result
            assert result.err.splitlines()[0].startswith("f.yaml:" + expected), result
        else:
            assert result.code == 0, result
    assert target.read_bytes() == content and target.stat().st_mtime_ns == before
    assert not os.path.exists("/tmp/checklist-pwned")


def test_huge_file_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "huge.yaml"
    with open(target, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "huge.yaml")
    assert result.code == 1, result
    assert result.err.splitlines()[0] == "huge.yaml:1:1: the file is 50 MB; list files are limited to 40 MB (split it by department)"


def test_unreadable_and_missing_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "nope.yaml")
    assert (result.code, result.err) == (2, "no such file or folder: nope.yaml\n"), result


def test_debug_shows_traceback_for_internal_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    import checklist.ledger.files

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(checklist.ledger.files, "check_ledger", boom)
    (tmp_path / "f.yaml").write_text("x: 1\n")
    result = cli("validate", str(tmp_path / "f.yaml"))
    assert result.code == 70 and "Traceback" not in result.err
    assert result.err == "internal error (RuntimeError: boom); please report it. Set CHECKLIST_DEBUG=1 for details\n"
    monkeypatch.setenv("CHECKLIST_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli("validate", str(tmp_path / "f.yaml"))
