"""Editing commands in git work trees: what is committed, and refusals before any write."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tests.conftest import ONE_ITEM, git

ITEMS = ONE_ITEM


@pytest.fixture
def repo(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "lists" / "CZJ.yaml").write_text(ITEMS, encoding="utf-8")
    (ledger / "notes.txt").write_text("草稿\n", encoding="utf-8")
    git(ledger, "init", "-q")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    return ledger


def test_commit_subject_trailers_and_only_the_file(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "notes.txt").write_text("用户自己暂存的修改\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    result = cli("close", "czj-001", "--result", "已整改")
    assert result.code == 0, result
    assert git(repo, "log", "-1", "--format=%s") == "close CZJ-001: 部分干部思想松懈\n"
    body = git(repo, "log", "-1", "--format=%b")
    assert "Checklist-Action: close\nChecklist-Item: CZJ-001\n" in body
    assert git(repo, "show", "--name-only", "--format=", "HEAD") == "lists/CZJ.yaml\n"
    # The user's staged work is still staged, not committed; the list file is clean.
    assert git(repo, "status", "--porcelain", "--", "lists", "notes.txt") == "M  notes.txt\n"
    assert git(repo, "diff", "--cached", "--name-only") == "notes.txt\n"


def test_add_commits_a_new_file(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "checklist.toml").write_text('lists = "lists"\n[departments]\nCZJ = "市财政局"\nFGW = "市发展和改革委员会"\n', encoding="utf-8")
    git(repo, "commit", "-qam", "roster")
    result = cli("add", "--dept", "FGW", "--title", "审批迟缓", "--owner", "张伟", "--deadline", "+1m")
    assert result.code == 0, result
    assert git(repo, "log", "-1", "--format=%B").startswith("add FGW-001: 审批迟缓\n\nChecklist-Action: add\nChecklist-Item: FGW-001\n")
    assert "lists/FGW.yaml" in git(repo, "ls-files")
    assert git(repo, "status", "--porcelain", "--", "lists") == ""


def test_no_commit_and_auto_commit_false(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    head = git(repo, "rev-parse", "HEAD")
    assert cli("note", "CZJ-001", "已开会", "--no-commit").code == 0
    assert git(repo, "rev-parse", "HEAD") == head
    (repo / "checklist.toml").write_text('lists = "lists"\nauto_commit = false\n', encoding="utf-8")
    assert cli("note", "CZJ-001", "又开会").code == 0
    assert git(repo, "rev-parse", "HEAD") == head


def test_refused_mid_merge(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    git(repo, "checkout", "-qb", "other")
    (repo / "notes.txt").write_text("分支\n", encoding="utf-8")
    git(repo, "commit", "-qam", "other")
    git(repo, "checkout", "-q", "-")
    (repo / "notes.txt").write_text("主线\n", encoding="utf-8")
    git(repo, "commit", "-qam", "main")
    subprocess.run(["git", "merge", "-q", "other"], cwd=repo, capture_output=True)
    assert (repo / ".git" / "MERGE_HEAD").exists()
    before = (repo / "lists" / "CZJ.yaml").read_bytes()
    result = cli("close", "CZJ-001", "--result", "已整改")
    assert result.code == 1, result
    assert "merge" in result.err and "git merge --abort" in result.err
    assert (repo / "lists" / "CZJ.yaml").read_bytes() == before


def test_refused_without_identity(cli, repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(var, raising=False)
    empty = tmp_path / "empty-home"
    empty.mkdir()
    monkeypatch.setenv("HOME", str(empty))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(empty / ".config"))
    if subprocess.run(["git", "var", "GIT_COMMITTER_IDENT"], cwd=repo, capture_output=True).returncode == 0:
        pytest.skip("git guesses an identity on this machine")
    before = (repo / "lists" / "CZJ.yaml").read_bytes()
    head = git(repo, "rev-parse", "HEAD")
    result = cli("add", "--dept", "CZJ", "--title", "甲", "--owner", "王芳", "--deadline", "+1m")
    assert result.code == 1, result
    assert "git config --global user.name" in result.err
    assert (repo / "lists" / "CZJ.yaml").read_bytes() == before
    assert git(repo, "rev-parse", "HEAD") == head
    assert cli("add", "--dept", "CZJ", "--title", "甲", "--owner", "王芳", "--deadline", "+1m", "--no-commit").code == 0
