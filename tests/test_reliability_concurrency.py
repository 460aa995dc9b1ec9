"""Eight clerks at once: processes mixing `add`, `close` and `note` on the
same file and on different files of one ledger, auto-commit on, in a real
repository. Nothing is lost, no ID is handed out twice, and every commit
holds exactly its own change (one file, one item, the action its trailers
name). CHECKLIST_SLOW=1 gives each clerk more commands.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import git

SLOW = bool(os.environ.get("CHECKLIST_SLOW"))
CLERKS = 8
PER_CLERK = 6 if SLOW else 2
DEPTS = {"CZJ": "市财政局", "FGW": "市发展和改革委员会"}


def _file(code: str, count: int) -> str:
    items = "".join(
        f"  - id: {code}-{n:03d}\n    title: {DEPTS[code]}问题{n}\n    owner: 王芳\n"
        f"    deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-02\n"
        for n in range(1, count + 1)
    )
    return f"department: {DEPTS[code]}\ncode: {code}\nitems:\n{items}"


def _commands(clerk: int) -> list[tuple[str, ...]]:
    """Clerk k's commands: adds, closes and notes, across both files; no two clerks close the same item."""
    out: list[tuple[str, ...]] = []
    for j in range(PER_CLERK):
        code = "CZJ" if (clerk + j) % 2 == 0 else "FGW"
        kind = (clerk + j) % 3
        if kind == 0:
            out.append(("add", "--dept", code, "--title", f"并发新增{clerk}-{j}", "--owner", "张伟", "--deadline", "2026-12-31"))
        elif kind == 1:
            out.append(("close", f"{code}-{clerk * PER_CLERK + j + 1:03d}", "--result", f"整改完成{clerk}-{j}"))
        else:
            out.append(("note", f"{code}-{(clerk % 3) + 1:03d}", f"进展{clerk}-{j}"))
    return out


def _items(raw: bytes) -> dict[str, dict[str, Any]]:
    from checklist.ledger.disk import parse_bytes

    departments, problems = parse_bytes(raw, "list")
    assert problems == []
    return {item["id"]: item for dept in departments for item in dept["items"]}


def test_eight_clerks_with_auto_commit(ledger: Path) -> None:
    size = CLERKS * PER_CLERK
    for code in DEPTS:
        (ledger / "lists" / f"{code}.yaml").write_text(_file(code, size), encoding="utf-8")
    git(ledger, "init", "-q", "-b", "main")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    start = git(ledger, "rev-parse", "HEAD").strip()
    env = {**os.environ, "CHECKLIST_TODAY": "2026-11-25"}
    python = shlex.quote(sys.executable)
    procs = []
    for clerk in range(CLERKS):
        script = " && ".join(f"{python} -m checklist {shlex.join(cmd)}" for cmd in _commands(clerk))
        procs.append(subprocess.Popen(["sh", "-c", script], cwd=ledger, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True))
    results = [p.communicate(timeout=240) for p in procs]
    assert [p.returncode for p in procs] == [0] * CLERKS, results

    every = [cmd for clerk in range(CLERKS) for cmd in _commands(clerk)]
    commits = git(ledger, "rev-list", "--reverse", f"{start}..HEAD").split()
    assert len(commits) == len(every), "one commit per command"
    assert git(ledger, "status", "--porcelain", "--", "lists") == ""

    # Nothing lost, no ID twice.
    final = {**_items((ledger / "lists" / "CZJ.yaml").read_bytes()), **_items((ledger / "lists" / "FGW.yaml").read_bytes())}
    titles = [item["title"] for item in final.values()]
    added = [cmd for cmd in every if cmd[0] == "add"]
    assert len(final) == 2 * size + len(added) and len(set(final)) == len(final)
    assert sorted(t for t in titles if t.startswith("并发新增")) == sorted(cmd[4] for cmd in added)
    for cmd in every:
        if cmd[0] == "close":
            assert (final[cmd[1]]["status"], final[cmd[1]]["result"]) == ("closed", cmd[3])
    notes = sorted(p["note"] for item in final.values() for p in item.get("progress", []))
    assert notes == sorted(cmd[2] for cmd in every if cmd[0] == "note")

    # Every commit holds exactly its own change.
    seen: list[tuple[str, str]] = []
    for commit in commits:
        body = git(ledger, "log", "-1", "--format=%B", commit)
        action = body.split("Checklist-Action: ", 1)[1].split("\n", 1)[0]
        item_id = body.split("Checklist-Item: ", 1)[1].split("\n", 1)[0]
        assert body.startswith(f"{action} {item_id}: ")
        changed = git(ledger, "show", "--format=", "--name-only", commit).split()
        assert changed == [f"lists/{item_id.split('-')[0]}.yaml"], (commit, changed)
        old = _items(subprocess.run(["git", "show", f"{commit}^:{changed[0]}"], cwd=ledger, capture_output=True, check=True).stdout)
        new = _items(subprocess.run(["git", "show", f"{commit}:{changed[0]}"], cwd=ledger, capture_output=True, check=True).stdout)
        differing = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
        assert differing == {item_id}, (commit, body, differing)
        if action == "add":
            assert item_id not in old and new[item_id]["status"] == "open"
        elif action == "close":
            assert (old[item_id]["status"], new[item_id]["status"]) == ("open", "closed")
        else:
            assert action == "note"
            assert new[item_id]["progress"][:-1] == old[item_id].get("progress", [])
        seen.append((action, item_id))
    expected = sorted((cmd[0], cmd[1]) for cmd in every if cmd[0] != "add")
    assert sorted(s for s in seen if s[0] != "add") == expected
    assert sorted(item for action, item in seen if action == "add") == sorted(
        key for key, item in final.items() if item["title"].startswith("并发新增")
    )
