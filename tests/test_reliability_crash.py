"""Crashes and stale state: SIGKILL during `close`, temp files left behind,
a lock held by a killed process, and the read cache after a crash, a hand
edit, a `git checkout` and a `git pull`.

CHECKLIST_SLOW=1 kills many more times.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import git

SLOW = bool(os.environ.get("CHECKLIST_SLOW"))
HEADER = "department: 市财政局\ncode: CZJ\nitems:\n"
ITEMS = HEADER + """\
  - id: CZJ-001
    title: 部分干部思想松懈
    owner: 王芳
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-02
"""


def _item(n: int) -> str:
    return (
        f"  - id: CZJ-{n:03d}\n    title: 问题{n}：部分干部思想松懈，有厌倦情绪\n    owner: 王芳\n"
        f"    deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-02\n"
        f"    measures: 制定专项整改方案，明确责任分工和完成时限，建立工作台账，逐项对账销号。\n"
    )


def _checklist(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "CHECKLIST_TODAY": "2026-11-25"}
    return subprocess.Popen([sys.executable, "-m", "checklist", "--root", str(root), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env)


def _items(raw: bytes) -> dict[str, dict[str, object]]:
    from checklist.ledger.disk import parse_bytes

    departments, problems = parse_bytes(raw, "CZJ.yaml")
    assert problems == [], problems
    return {item["id"]: item for dept in departments for item in dept["items"]}


def _statuses(cli) -> dict[str, str]:  # type: ignore[no-untyped-def]
    result = cli("list", "--format", "json")
    assert result.code == 0, result
    return {item["id"]: item["status"] for item in json.loads(result.out)}


# ---------------------------------------------------------------- SIGKILL during close


def test_sigkill_during_close_leaves_old_or_new_file(ledger: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = ledger / "lists" / "CZJ.yaml"
    path.write_bytes((HEADER + "".join(_item(n) for n in range(1, 2001))).encode("utf-8"))
    rng = random.Random(11)
    rounds = 30 if SLOW else 6
    outcomes = {"old": 0, "new": 0}
    for n in rng.sample(range(1, 2001), rounds):
        before = path.read_bytes()
        old = _items(before)
        proc = _checklist(ledger, "close", f"CZJ-{n:03d}", "--result", "已整改到位")
        time.sleep(rng.uniform(0.05, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        after = path.read_bytes()
        if after == before:
            outcomes["old"] += 1
        else:
            outcomes["new"] += 1
            new = _items(after)
            changed = {key for key in old if new[key] != old[key]}
            assert changed == {f"CZJ-{n:03d}"} and new[f"CZJ-{n:03d}"]["status"] == "closed"
        # What the commands read (through the cache) is what is on disk.
        assert _statuses(cli) == {key: str(item["status"]) for key, item in _items(after).items()}
    assert sum(outcomes.values()) == rounds
    # Temp files a killed writer may have left (and one planted, full of garbage) trip nothing up.
    (ledger / "lists" / ".CZJ.yaml.planted.tmp").write_bytes(b"\x00garbage: [\n")
    leftovers = sorted(p.name for p in path.parent.iterdir() if p.name != "CZJ.yaml")
    assert all(name.startswith(".CZJ.yaml.") and name.endswith(".tmp") for name in leftovers), leftovers
    assert cli("validate").code == 0
    assert len(_statuses(cli)) == 2000
    open_ids = sorted(key for key, status in _statuses(cli).items() if status == "open")
    assert cli("close", open_ids[0], "--result", "已整改").code == 0
    add = cli("add", "--dept", "CZJ", "--title", "崩溃之后的新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert (add.code, add.out) == (0, "CZJ-2001\n"), add
    # The next edit, holding the lock, swept what no live writer can own.
    assert sorted(p.name for p in path.parent.iterdir()) == ["CZJ.yaml"]


def test_crash_after_rename_before_cache_update(ledger: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from checklist.ledger import cache as store

    (ledger / "lists" / "CZJ.yaml").write_text(ITEMS, encoding="utf-8")
    assert _statuses(cli) == {"CZJ-001": "open"}  # cached

    def die(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the process stops right after the rename

    real = store.remember
    monkeypatch.setattr(store, "remember", die)
    assert cli("close", "CZJ-001", "--result", "已整改").code == 130
    monkeypatch.setattr(store, "remember", real)
    assert "status: closed" in (ledger / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    assert _statuses(cli) == {"CZJ-001": "closed"}


# ---------------------------------------------------------------- the lock


def test_lock_of_a_killed_process_is_recovered(ledger: Path) -> None:
    (ledger / "lists" / "CZJ.yaml").write_text(ITEMS, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom pathlib import Path\nfrom checklist.ledger.lock import lock\n"
         "with lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n    time.sleep(120)\n", str(ledger)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        waiting = _checklist(ledger, "note", "CZJ-001", "已开会")
        time.sleep(1.0)
        assert waiting.poll() is None, "the lock is real: the command waits for it"
        assert "progress" not in (ledger / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    out, err = waiting.communicate(timeout=60)
    # Had the dead holder's lock stayed, the command would have given up after 30 s (exit 1).
    assert waiting.returncode == 0, err
    assert (ledger / ".checklist" / "lock").exists(), "a lock file left behind means nothing"
    later = _checklist(ledger, "note", "CZJ-001", "又开会")
    assert later.communicate(timeout=30)[1] == "" and later.returncode == 0
    assert (ledger / "lists" / "CZJ.yaml").read_text(encoding="utf-8").count("note:") == 2


# ---------------------------------------------------------------- the read cache


@pytest.mark.parametrize("old_mtime", [False, True], ids=["recent file", "file last changed an hour ago"])
@pytest.mark.parametrize("how", ["in place", "by rename"])
def test_hand_edit_same_size_same_mtime(ledger: Path, cli, how: str, old_mtime: bool) -> None:  # type: ignore[no-untyped-def]
    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(ITEMS, encoding="utf-8")
    if old_mtime:
        hour_ago = time.time_ns() - 3600 * 10**9
        os.utime(path, ns=(hour_ago, hour_ago))
    assert _statuses(cli) == {"CZJ-001": "open"}
    assert cli("validate").code == 0
    st = path.stat()
    time.sleep(0.05)  # past the file system's timestamp tick, as a clerk's editor would be
    edited = ITEMS.replace("status: open", "status: opem")  # same size, now invalid
    if how == "in place":
        with open(path, "r+b") as fh:
            fh.write(edited.encode())
    else:
        tmp = path.with_name("CZJ.yaml~")
        tmp.write_text(edited, encoding="utf-8")
        os.replace(tmp, path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    result = cli("validate")
    problem = "lists/CZJ.yaml:8:13: status 'opem' is not one of open, closed, verified"
    assert (result.code, result.err.splitlines()[0]) == (1, problem), result
    listed = cli("list", "--format", "json")
    assert (listed.code, listed.err) == (1, problem + "\n"), listed


def _ledger_repo(root: Path) -> Path:
    (root / "lists").mkdir(parents=True)
    (root / "checklist.toml").write_text('lists = "lists"\n', encoding="utf-8")
    (root / "lists" / "CZJ.yaml").write_text(ITEMS, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


def test_git_checkout_of_another_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    root = _ledger_repo(tmp_path / "ledger")
    monkeypatch.chdir(root)
    assert cli("close", "CZJ-001", "--result", "已整改").code == 0
    assert _statuses(cli) == {"CZJ-001": "closed"}
    git(root, "checkout", "-q", "HEAD~1", "--", "lists/CZJ.yaml")
    assert _statuses(cli) == {"CZJ-001": "open"}
    git(root, "checkout", "-q", "HEAD", "--", "lists/CZJ.yaml")
    assert _statuses(cli) == {"CZJ-001": "closed"}
    git(root, "checkout", "-q", "HEAD~1")  # the whole tree, detached
    assert _statuses(cli) == {"CZJ-001": "open"}
    git(root, "checkout", "-q", "main")
    assert _statuses(cli) == {"CZJ-001": "closed"}


def test_git_pull(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    origin = _ledger_repo(tmp_path / "origin")
    shared = tmp_path / "shared.git"
    git(tmp_path, "clone", "-q", "--bare", str(origin), str(shared))
    git(tmp_path, "clone", "-q", str(shared), "a")
    git(tmp_path, "clone", "-q", str(shared), "b")
    monkeypatch.chdir(tmp_path / "a")
    assert _statuses(cli) == {"CZJ-001": "open"}  # clone a has read (and cached) its list
    monkeypatch.chdir(tmp_path / "b")
    assert cli("close", "CZJ-001", "--result", "已整改").code == 0
    git(tmp_path / "b", "push", "-q", "origin", "main")
    monkeypatch.chdir(tmp_path / "a")
    git(tmp_path / "a", "pull", "-q", "--ff-only")
    assert _statuses(cli) == {"CZJ-001": "closed"}
    assert cli("validate").code == 0
