"""--quiet: only what a script needs (the new ID from add, data from reading commands), nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import git


@pytest.fixture
def repo(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "checklist.toml").write_text('lists = "lists"\n[departments]\nCZJ = "市财政局"\n', encoding="utf-8")
    git(ledger, "init", "-q")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    return ledger


def test_quiet_editing_session(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    steps = [
        (("add", "--dept", "CZJ", "--title", "非税收入未应收尽收", "--owner", "王芳", "--deadline", "2026-12-31"), "CZJ-001\n"),
        (("note", "CZJ-001", "已召开专题会议"), ""),
        (("extend", "CZJ-001", "--to", "2027-01-31", "--reason", "跨部门协调"), ""),
        (("update", "CZJ-001", "--measures", "全面清理"), ""),
        (("close", "CZJ-001", "--result", "已清理"), ""),
        (("verify", "CZJ-001", "--by", "市委督查室"), ""),
        (("reopen", "CZJ-001", "--reason", "回访发现反弹"), ""),
        (("validate",), ""),
        (("init", "."), ""),
        (("report", "--format", "html", "--output", "r.html"), ""),
        (("audit",), ""),
    ]
    for args, expected in steps:
        result = cli("--quiet", *args)
        assert (result.code, result.out, result.err) == (0, expected, ""), (args, result)
    (repo / "a.csv").write_text("问题,责任人,整改时限\n甲,乙,2026-12-31\n丙,丁,2026-12-31\n", encoding="utf-8")
    result = cli("-q", "import", "a.csv", "--dept", "CZJ")
    assert (result.code, result.out, result.err) == (0, "CZJ-002\nCZJ-003\n", "")
    (repo / "b.csv").write_text("问题,责任人,整改时限\n戊,己,2026-12-31\n", encoding="utf-8")
    result = cli("-q", "import", "b.csv", "--dept", "CZJ", "--dry-run")
    assert result.code == 0 and result.err == "" and "CZJ-004" in result.out
    # Rows already in the ledger are skipped, quietly.
    assert cli("-q", "import", "a.csv", "--dept", "CZJ").out == ""


def test_quiet_still_reports_errors(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("--quiet", "close", "CZJ-404", "--result", "x")
    assert result.code == 1 and result.out == "" and "CZJ-404" in result.err
