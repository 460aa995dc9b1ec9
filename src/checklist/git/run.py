"""Running git: argument lists, never a shell; plain results, no printing."""

from __future__ import annotations

import subprocess
from pathlib import Path

from checklist.errors import ChecklistError


def git(args: list[str], cwd: Path, *, check: bool = True, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `git ARGS` in cwd; raise a ChecklistError naming the failure when check is set."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, check=False)
    except FileNotFoundError:
        raise ChecklistError("git_missing") from None
    if check and proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChecklistError("git_failed", command="git " + " ".join(args[:2]), detail=detail[-1] if detail else "")
    return proc


def is_bare_repo(path: Path) -> bool:
    """Whether path is a git repository without a work tree (a bare clone, or a .git folder's insides)."""
    return (path / "HEAD").is_file() and (path / "objects").is_dir() and (path / "refs").is_dir()


def work_tree(path: Path) -> Path | None:
    """The top of the git work tree holding path, or None."""
    try:
        proc = git(["rev-parse", "--show-toplevel"], path, check=False)
    except ChecklistError:
        return None
    if proc.returncode != 0:
        return None
    return Path(proc.stdout.decode().strip())
