"""Speed of `checklist history` and `checklist audit` on a repository of N commits.

Builds (once, in a temp folder) a ledger of 5 department files whose items
grow to ~200 per file, with N commits mixing adds, notes, owner fixes and
closes written by hand, then times `history` of one item and `audit` of all.

    python bench/git_history.py [COMMITS]     # default 1000
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CODES = ["CZJ", "FGW", "JYJ", "WJW", "ZJJ"]


def item(code: str, n: int, owner: str, notes: list[str], closed: bool) -> str:
    text = (f"  - id: {code}-{n:03d}\n    title: 部分干部常态化疫情防控思想松懈问题{n}\n    category: 疫情防控\n"
            f"    owner: {owner}\n    deadline: 2026-12-31\n    status: {'closed' if closed else 'open'}\n"
            f"    created_on: 2026-11-02\n    measures: 制定专项方案，加强督查，建立长效机制\n")
    if notes:
        text += "    progress:\n" + "".join(f"      - {{date: 2026-11-15, note: {x}}}\n" for x in notes)
    if closed:
        text += "    closed_on: 2026-11-28\n    result: 已整改到位\n"
    return text


def versions(commits: int) -> Iterator[tuple[int, str, str]]:
    """The clerks' hand edits, commit by commit: (k, department code, the file's new text).
    Each file starts with 40 items so files are realistic from the first commit."""
    rng = random.Random(7)
    state = {code: [{"n": i, "owner": "王芳", "notes": [], "closed": False} for i in range(1, 41)] for code in CODES}
    for k in range(commits):
        code = rng.choice(CODES)
        items: list[dict[str, Any]] = state[code]
        action = rng.random()
        if action < 0.3:
            items.append({"n": len(items) + 1, "owner": "王芳", "notes": [], "closed": False})
        elif action < 0.7:
            rng.choice(items)["notes"].append(f"第{k}次推进")
        elif action < 0.85:
            rng.choice(items)["owner"] = rng.choice(["张伟", "李娜", "王芳"])
        else:
            rng.choice(items)["closed"] = True
        yield k, code, f"department: 部门{code}\ncode: {code}\nitems:\n" + "".join(
            item(code, i["n"], i["owner"], i["notes"], i["closed"]) for i in items)


def build(root: Path, commits: int) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="李明", GIT_AUTHOR_EMAIL="l@x", GIT_COMMITTER_NAME="李明", GIT_COMMITTER_EMAIL="l@x")
    run = lambda *a: subprocess.run(["git", *a], cwd=root, env=env, check=True, capture_output=True)  # noqa: E731
    (root / "lists").mkdir(parents=True)
    (root / "checklist.toml").write_text('lists = "lists"\n', encoding="utf-8")
    run("init", "-q")
    for k, code, text in versions(commits):
        (root / "lists" / f"{code.lower()}.yaml").write_text(text, encoding="utf-8")
        run("add", "-A")
        run("commit", "-q", "--allow-empty", "-m", f"edit {k}")


def build_fast(root: Path, commits: int) -> None:
    """The same commits as `build` (same files, same messages), written by one
    `git fast-import` instead of three git processes a commit."""
    (root / "lists").mkdir(parents=True)
    (root / "checklist.toml").write_text('lists = "lists"\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    stream = []
    toml = b'lists = "lists"\n'
    when = 1_780_000_000
    for k, code, written in versions(commits):
        text = written.encode()
        message = f"edit {k}\n".encode()
        person = f"李明 <l@x> {when + 60 * k} +0800".encode()
        stream += [b"commit refs/heads/main\n", b"author " + person + b"\n", b"committer " + person + b"\n",
                   b"data %d\n" % len(message), message]
        if k == 0:
            stream.append(b"M 100644 inline checklist.toml\ndata %d\n" % len(toml) + toml + b"\n")
        stream.append(f"M 100644 inline lists/{code.lower()}.yaml\n".encode() + b"data %d\n" % len(text) + text + b"\n")
        stream.append(b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream), check=True)
    subprocess.run(["git", "symbolic-ref", "HEAD", "refs/heads/main"], cwd=root, check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)


def timed(args: list[str], root: Path) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "checklist", "--root", str(root), *args], capture_output=True)
    return time.perf_counter() - start, proc.returncode


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().splitlines()[0])
    parser.add_argument("commits", nargs="?", type=int, default=1000, help="commits to build (default 1000)")
    commits = parser.parse_args().commits
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ledger"
        t0 = time.perf_counter()
        build(root, commits)
        print(f"built {commits} commits in {time.perf_counter() - t0:.1f} s; "
              f"files: {', '.join(f'{p.name} {p.stat().st_size // 1024} KB' for p in sorted((root / 'lists').iterdir()))}")
        for args in (["history", "CZJ-001", "--format", "json"], ["history", "FGW-020"], ["audit", "--format", "json"], ["audit", "HEAD~100..HEAD"]):
            seconds, code = timed(args, root)
            print(f"checklist {' '.join(args)}: {seconds:.2f} s (exit {code})")


if __name__ == "__main__":
    main()
