"""Shared fixtures: a clean environment per test, a CLI runner, ledgers in tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# One department, one open item: the list most editing tests start from.
ONE_ITEM = """\
department: 市财政局
code: CZJ
items:
  - id: CZJ-001
    title: 部分干部思想松懈
    owner: 王芳
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-02
"""
SAMPLE = REPO / "data" / "sample_issues.yaml"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def __repr__(self) -> str:  # shown when an assertion fails
        return f"<exit {self.code}>\n--- stdout ---\n{self.out}\n--- stderr ---\n{self.err}"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test: English, no colour, fixed width, its own cache, a git identity."""
    for var in list(os.environ):
        if var.startswith(("CHECKLIST_", "GIT_", "LC_")):
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("CHECKLIST_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_AUTHOR_NAME", "李明")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "liming@example.gov.cn")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "李明")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "liming@example.gov.cn")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    from checklist import i18n

    i18n.set_lang("en")


@pytest.fixture
def cli(capfd: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `checklist ARGS` in this process; a Result with exit code, stdout, stderr."""
    from checklist.__main__ import main

    def run(*args: str) -> Result:
        capfd.readouterr()
        code = main(list(args))
        captured = capfd.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_proc():  # type: ignore[no-untyped-def]
    """Run `python -m checklist ARGS` as a separate process (for TTY-free, language, signal tests)."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        full_env = dict(os.environ)
        full_env.update(env or {})
        proc = subprocess.run(
            [sys.executable, "-m", "checklist", *args],
            cwd=cwd, env=full_env, input=input, capture_output=True, text=True, timeout=60,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


def write(path: Path, text: str) -> Path:
    """Write dedented text (UTF-8) to path, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ledger (checklist.toml, lists/) as the current folder, not a git repo."""
    root = tmp_path / "ledger"
    (root / "lists").mkdir(parents=True)
    (root / "checklist.toml").write_text('lists = "lists"\n', encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def git(root: Path, *args: str) -> str:
    """Run git in root; its stdout."""
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture(params=["cached positions", "full parse"])
def both_read_paths(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run an editing test twice: the item found by the positions the ledger was read with
    (the cache's, usually), and by a full parse of its file under the lock."""
    from checklist.ledger import target

    monkeypatch.setattr(target, "TRUST_CACHED_POSITIONS", request.param == "cached positions")
    return str(request.param)
