"""Concurrent and interrupted `checklist add` processes: no lost item, no ID twice, no torn file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

HEADER = "department: 市财政局\ncode: CZJ\nitems:\n"


def _item(n: int) -> str:
    return (
        f"  - id: CZJ-{n:03d}\n    title: 问题{n}：部分干部思想松懈，有厌倦情绪\n    owner: 王芳\n"
        f"    deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-02\n"
        f"    measures: 制定专项整改方案，明确责任分工和完成时限，建立工作台账，逐项对账销号。\n"
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["CHECKLIST_TODAY"] = "2026-11-25"
    return env


def _add(root: Path, title: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "checklist", "--root", str(root), "add", "--dept", "CZJ", "--title", title,
         "--owner", "王芳", "--deadline", "2026-12-31"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=_env(),
    )


def test_eight_concurrent_adds(ledger: Path) -> None:
    from checklist.ledger.disk import parse_bytes

    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(HEADER + _item(1), encoding="utf-8")
    procs = [_add(ledger, f"并发问题{i}") for i in range(8)]
    results = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    ids = sorted(out.strip() for out, _ in results)
    assert ids == [f"CZJ-{n:03d}" for n in range(2, 10)]
    departments, problems = parse_bytes(path.read_bytes(), "CZJ.yaml")
    assert problems == []
    items = departments[0]["items"]
    assert sorted(it["title"] for it in items[1:]) == sorted(f"并发问题{i}" for i in range(8))
    assert len({it["id"] for it in items}) == 9


def test_sigkill_leaves_old_or_new_file(ledger: Path) -> None:
    path = ledger / "lists" / "CZJ.yaml"
    old = (HEADER + "".join(_item(n) for n in range(1, 2001))).encode("utf-8")
    path.write_bytes(old)
    rng = random.Random(7)
    seen_new = 0
    rounds = int(os.environ.get("CHECKLIST_KILL_ROUNDS", "6"))
    for _ in range(rounds):
        before = path.read_bytes()
        proc = _add(ledger, "被中断的问题")
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        after = path.read_bytes()
        if after != before:
            seen_new += 1
            assert after.startswith(before), "the new file is the old one plus one item"
            assert after[len(before):].startswith(b"  - id: CZJ-")
            assert after.endswith(b"created_on: 2026-11-25\n")
        leftovers = [p.name for p in path.parent.iterdir() if p.name != "CZJ.yaml"]
        for name in leftovers:  # a killed writer may leave its temp file, never a torn list
            assert name.startswith(".CZJ.yaml.") and name.endswith(".tmp")
            (path.parent / name).unlink()
    # Only a smoke check that the kills landed at different moments.
    assert 0 <= seen_new <= rounds
