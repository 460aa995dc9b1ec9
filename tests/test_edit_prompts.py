"""`checklist add` on a terminal asks for what is missing, offering known owners."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from conftest import write

LIST = """\
department: 市财政局
code: CZJ
items:
  - id: CZJ-001
    title: 非税收入未做到应收尽收
    owner: 王芳
    deadline: 2026-12-31
    status: open
"""


def _read_until(fd: int, needle: str, seen: bytearray, timeout: float = 20) -> str:
    end = time.monotonic() + timeout
    while needle.encode() not in seen:
        left = end - time.monotonic()
        assert left > 0, f"waited for {needle!r}, got:\n{seen.decode('utf-8', 'replace')}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen.decode("utf-8", "replace")


def test_prompts_on_a_terminal(ledger: Path) -> None:
    write(ledger / "lists" / "czj.yaml", LIST)
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "checklist", "add", "--dept", "CZJ", "--no-commit"],
        stdin=secondary, stdout=secondary, stderr=secondary, cwd=ledger, env=dict(os.environ, CHECKLIST_TODAY="2026-12-01"),
    )
    os.close(secondary)
    seen = bytearray()
    try:
        _read_until(primary, "Problem", seen)
        os.write(primary, "资金争取主动性不强\r".encode())
        text = _read_until(primary, "Responsible person", seen)
        assert "王芳" in text  # the department's known owners are offered
        os.write(primary, "李强\r".encode())
        _read_until(primary, "Deadline", seen)
        os.write(primary, "下周\r".encode())  # not a date: explained, asked again
        text = _read_until(primary, "is not a date", seen)
        os.write(primary, "2026年12月底\r".encode())
        _read_until(primary, "CZJ-002", seen)
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()
        os.close(primary)
    added = (ledger / "lists" / "czj.yaml").read_text(encoding="utf-8")
    assert added.startswith(LIST)
    assert "  - id: CZJ-002\n    title: 资金争取主动性不强\n    owner: 李强\n    deadline: 2026-12-31\n" in added


def test_no_terminal_missing_option_is_a_usage_error(ledger: Path, cli_proc) -> None:  # type: ignore[no-untyped-def]
    write(ledger / "lists" / "czj.yaml", LIST)
    result = cli_proc("add", "--dept", "CZJ", "--title", "资金争取主动性不强", cwd=ledger, input="")
    assert result.code == 2, result
    assert "--owner" in result.err and "--deadline" in result.err
    assert (ledger / "lists" / "czj.yaml").read_text(encoding="utf-8") == LIST


def test_each_answer_is_checked_at_its_own_prompt(ledger: Path) -> None:
    """An unknown department, a deadline before the listing day and an unknown category are
    refused at their own prompt, which is asked again; nothing is checked only at the end."""
    write(ledger / "checklist.toml", 'lists = "lists"\ncategories = ["作风", "工作"]\n[departments]\nCZJ = "市财政局"\n')
    write(ledger / "lists" / "czj.yaml", LIST)
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "checklist", "add", "--no-commit"],
        stdin=secondary, stdout=secondary, stderr=secondary, cwd=ledger,
        env=dict(os.environ, CHECKLIST_TODAY="2026-12-01", COLUMNS="200"),
    )
    os.close(secondary)
    seen = bytearray()
    try:
        _read_until(primary, "Department", seen)
        os.write(primary, "市财政\r".encode())  # no such department: did you mean, asked again
        _read_until(primary, "市财政局 (CZJ)", seen)
        os.write(primary, "财政局\r".encode())
        _read_until(primary, "市财政局 (CZJ)", seen)
        os.write(primary, b"CZJ\r")
        _read_until(primary, "Problem", seen)
        os.write(primary, "资金争取主动性不强\r".encode())
        _read_until(primary, "Responsible person", seen)
        os.write(primary, "李强\r".encode())
        _read_until(primary, "Deadline", seen)
        os.write(primary, b"2026-11-30\r")  # before the listing day (today)
        _read_until(primary, "the deadline 2026-11-30 is before the item was created (2026-12-01)", seen)
        os.write(primary, "2026年12月底\r".encode())
        _read_until(primary, "Category", seen)
        os.write(primary, "作凤\r".encode())  # a typo: refused at this prompt
        _read_until(primary, "category '作凤' is not one of 作风、工作", seen)
        os.write(primary, "作风\r".encode())
        _read_until(primary, "CZJ-002", seen)
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()
        os.close(primary)
    added = (ledger / "lists" / "czj.yaml").read_text(encoding="utf-8")
    assert "  - id: CZJ-002\n    title: 资金争取主动性不强\n    category: 作风\n    owner: 李强\n    deadline: 2026-12-31\n" in added
