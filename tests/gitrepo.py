"""Helpers for tests that build git repositories of list files by hand."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

HEADER = "department: 市财政局\ncode: CZJ\nitems:\n"


def item(item_id: str, title: str, *, owner: str = "王芳", deadline: str = "2026-12-31",
         status: str = "open", created: str = "2026-11-02", extra: str = "") -> str:
    """One item in block style, as a clerk writes it by hand."""
    text = (
        f"  - id: {item_id}\n    title: {title}\n    owner: {owner}\n    deadline: {deadline}\n"
        f"    status: {status}\n    created_on: {created}\n"
    )
    return text + extra


def run_git(root: Path, *args: str, when: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """git in root; `when` fixes both commit dates (ISO 8601)."""
    env = dict(os.environ)
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    return subprocess.run(["git", *args], cwd=root, env=env, check=check, capture_output=True, text=True)


def save(root: Path, name: str, text: str, message: str, when: str = "2026-11-10T10:00:00+08:00") -> str:
    """Write a list file by hand and commit it; the commit's sha."""
    path = root / "lists" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    run_git(root, "add", "-A", "lists", when=when)
    run_git(root, "commit", "-q", "-m", message, when=when)
    return run_git(root, "rev-parse", "HEAD").stdout.strip()


def new_repo(root: Path) -> Path:
    """A git work tree with checklist.toml and lists/, committed."""
    (root / "lists").mkdir(parents=True)
    (root / "checklist.toml").write_text('lists = "lists"\ndue_soon_days = 7\n', encoding="utf-8")
    run_git(root, "init", "-q", "-b", "main")
    run_git(root, "add", "checklist.toml")
    run_git(root, "commit", "-q", "-m", "ledger", when="2026-11-01T09:00:00+08:00")
    return root
