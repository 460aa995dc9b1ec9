"""The growth table of edits: `add`, `close`, `note --no-commit` on one fixed 1,000-item
file inside ledgers of 1k, 10k, 100k and 1M items, and the ratios against Taskwarrior at 10k.

    python bench/edit_bench.py [--runs 7] [--sizes 1000 10000 100000 1000000] [--src DIR]

Ledgers are generated once (bench/gen.py's items, 1,000 per file, every file its own
department code) under $CHECKLIST_BENCH_DATA/edit (default: the system temp folder's checklist-bench/edit) and reused; the
target file lists/daa.yaml is restored before each run. Times are CPU seconds (user +
system) of the whole process, from os.wait4: medians of interleaved runs, with min
and max. --src runs the package found in DIR (e.g. an export of main) instead of the
installed one, for before/after numbers.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gen import code_for, department_text  # noqa: E402

DATA = Path(os.environ.get("CHECKLIST_BENCH_DATA") or Path(tempfile.gettempdir()) / "checklist-bench") / "edit"
PER_FILE = 1000
SIZES = (1_000, 10_000, 100_000, 1_000_000)
AS_OF = date(2026, 12, 1)


def _code(index: int) -> str:
    """gen.py's codes repeat after 576 departments: past that, four letters."""
    if index < 576:
        return code_for(index)
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "E" + letters[index // 576 % 24] + letters[index // 24 % 24] + letters[index % 24]


def _text(index: int) -> str:
    import random

    text = department_text(index, PER_FILE, random.Random(1000 + index), AS_OF)
    if index >= 576:
        old, new = code_for(index), _code(index)
        text = text.replace(f"code: {old}\n", f"code: {new}\n").replace(f"id: {old}-", f"id: {new}-")
    return text


def ledger(items: int) -> Path:
    """The ledger of `items` items (generated once), its target file restored."""
    folder = DATA / f"ledger-{items}"
    lists = folder / "lists"
    files = items // PER_FILE
    if not (folder / "ready").exists():
        lists.mkdir(parents=True, exist_ok=True)
        (folder / "checklist.toml").write_text('lists = "lists"\nauto_commit = false\n', encoding="utf-8")
        for index in range(files):
            (lists / f"{_code(index).lower()}.yaml").write_text(_text(index), encoding="utf-8")
        (folder / "ready").write_text("")
    target = lists / "daa.yaml"
    text = _text(0)
    if target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return folder


def open_ids() -> list[str]:
    ids, current = [], None
    for line in _text(0).splitlines():
        if "- id:" in line:
            current = line.split("id:")[1].strip()
        elif line.strip() == "status: open" and current:
            ids.append(current)
    return ids


def cpu(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """CPU seconds (user + system) of one whole process; it must succeed."""
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.decode()[-800:]}")
    return usage.ru_utime + usage.ru_stime


def environment(src: Path | None) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, CHECKLIST_TODAY="2026-12-01", CHECKLIST_LANG="en", NO_COLOR="1", COLUMNS="100",
               CHECKLIST_CACHE_DIR=str(DATA / "cache"))
    env.pop("CHECKLIST_ROOT", None)
    # Measure an installed program: compiled bytecode is written once and reused.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    package = (src or Path(__import__("checklist").__file__).resolve().parent.parent) / "checklist"
    compileall.compile_dir(str(package), quiet=1)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return [sys.executable, "-m", "checklist"], env


class Taskwarrior:
    """The 10,000 items of the 10k ledger in Taskwarrior (bench/run.py's import)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.next = 1

    @classmethod
    def fresh(cls, folder: Path, source: Path) -> Taskwarrior:
        """run.py's database built anew from `source`: the runs close and annotate tasks 1, 2, ...,
        so a database an earlier run kept would refuse them."""
        from run import Taskwarrior as Import

        return cls(Import(folder, source))

    def time(self, *args: str) -> float:
        return cpu(["task", "rc.gc=off", *args], self.db.env, self.db.folder)


def summary(values: list[float]) -> dict[str, float]:
    return {"seconds": statistics.median(values), "min": min(values), "max": max(values)}


def measure(runs: int, sizes: tuple[int, ...] = SIZES, src: Path | None = None) -> list[dict[str, Any]]:
    exe, env = environment(src)
    folders = {size: ledger(size) for size in sizes}
    wanted = iter(open_ids())
    for folder in folders.values():
        # Warm: the cache entries (and whatever an edit keeps) of this code.
        cpu([*exe, "validate"], env, folder)
        cpu([*exe, "note", "DAA-001", "warm", "--no-commit"], env, folder)
    tw = Taskwarrior.fresh(DATA / "taskwarrior", folders[10_000]) if shutil.which("task") and 10_000 in folders else None
    times: dict[str, list[float]] = {}

    def record(name: str, seconds: float) -> None:
        times.setdefault(name, []).append(seconds)

    for run in range(runs):
        for size, folder in folders.items():
            add = ["add", "--dept", "DAA", "--title", f"招商引资项目落地慢{run}", "--owner", "王芳", "--deadline", "2099-12-31"]
            record(f"add, {size:,}", cpu([*exe, *add, "--no-commit"], env, folder))
            record(f"close, {size:,}", cpu([*exe, "close", next(wanted), "--result", "已完成整改", "--no-commit"], env, folder))
            record(f"note, {size:,}", cpu([*exe, "note", "DAA-002", f"进展{run}", "--no-commit"], env, folder))
        if tw is not None:
            record("task add", tw.time("add", f"招商引资项目落地慢{run}", "project:DAA", "due:2099-12-31"))
            record("task done", tw.time(str(tw.next), "done"))
            tw.next += 1
            record("task annotate", tw.time(str(tw.next), "annotate", f"进展{run}"))
    rows = [{"name": name, **summary(values)} for name, values in times.items() if not name.startswith("task")]
    if tw is not None:
        for row in rows:
            if row["name"].endswith(" 10,000"):
                peer = {"add": "task add", "close": "task done", "note": "task annotate"}[row["name"].split(",")[0]]
                row["peer"] = statistics.median(times[peer])
                row["peer_name"] = peer
                row["ratio"] = row["seconds"] / row["peer"]
    return rows


def memory_allows(items: int) -> bool:
    """Whether warming a ledger of `items` items fits (validate holds ~3 kB an item)."""
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return items <= 100_000
    return items * 3_000 * 1.5 < available


def rows(runs: int) -> list[dict[str, Any]]:
    """The growth table and the ratios at 10k, for bench/run.py (1M where memory allows;
    the first run at 1M parses a million items once, minutes)."""
    return measure(runs, tuple(size for size in SIZES if memory_allows(size)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--src", type=Path, help="run the package in this folder (PYTHONPATH)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.runs, tuple(args.sizes), args.src)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"{'':<18}{'median ms':>10}{'min':>8}{'max':>8}   vs Taskwarrior (CPU time)")
    for row in result:
        peer = f"   {row['ratio']:.2f}x {row['peer_name']} ({row['peer'] * 1000:.0f} ms)" if "peer" in row else ""
        print(f"{row['name']:<18}{row['seconds'] * 1000:>10.0f}{row['min'] * 1000:>8.0f}{row['max'] * 1000:>8.0f}{peer}")


if __name__ == "__main__":
    main()
