"""Why git would not commit a command's change: one line naming the cause and the fix.

git's own stderr ends, as often as not, with a hint; the cause is read from
the whole of it (and from the repository: the lock file, the hooks, the
ignore rules), and the hook's own words are passed on as the hook said them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError
from checklist.git.run import git

_LOCK = re.compile(r"Unable to create '([^']+\.lock)'")


def _lines(stderr: bytes) -> list[str]:
    text = stderr.decode("utf-8", "replace")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("hint:")]


def explain(repo: Any, rel: list[str], stderr: bytes, stage: str) -> ChecklistError:
    """The ChecklistError for a failed `git add` or `git commit` of `rel`."""
    text = stderr.decode("utf-8", "replace")
    lines = _lines(stderr)
    paths = " ".join(rel)
    lock = _LOCK.search(text)
    if lock:
        return ChecklistError("commit_locked", lock=lock.group(1))
    if "ignored by one of your .gitignore files" in text:
        return ChecklistError("commit_ignored", paths=paths, source=_ignored_by(repo, rel))
    if "sparse-checkout" in text:
        folder = str(Path(rel[0]).parent.as_posix())
        return ChecklistError("commit_sparse", paths=paths, folder=folder)
    if "failed to sign" in text:
        return ChecklistError("commit_signing", detail=_last(lines))
    if "NUL byte" in text:
        return ChecklistError("commit_nul", paths=paths)
    hook = _hook(repo) if stage == "commit" else None
    if hook is not None:
        said = [line for line in lines if not line.startswith(("fatal:", "error:"))] or lines
        return ChecklistError("commit_hook", hook=hook, detail=" / ".join(said[-3:]) or "-")
    return ChecklistError("commit_failed", paths=paths, detail=" / ".join(lines[-2:]) or "-")


def _last(lines: list[str]) -> str:
    errors = [line for line in lines if line.startswith(("error:", "fatal:"))]
    return (errors or lines or ["-"])[0]


def _hook(repo: Any) -> str | None:
    """The commit hook that may have refused (pre-commit, commit-msg), if one is installed."""
    proc = git(["rev-parse", "--git-path", "hooks"], repo.top, check=False)
    folder = Path(proc.stdout.decode("utf-8", "surrogateescape").strip() or ".git/hooks")
    hooks = folder if folder.is_absolute() else repo.top / folder
    for name in ("pre-commit", "prepare-commit-msg", "commit-msg"):
        if (hooks / name).is_file():
            return name
    return None


def _ignored_by(repo: Any, rel: list[str]) -> str:
    """Where the rule that ignores the file is (`.git/info/exclude:3: *.yaml`)."""
    proc = git(["check-ignore", "-v", "--no-index", "--", *rel], repo.top, check=False)
    line = proc.stdout.decode("utf-8", "replace").strip().splitlines()
    if not line:
        return ".gitignore"
    source = line[0].split("\t", 1)[0]
    return source
