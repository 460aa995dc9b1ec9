"""Whole-process benchmarks of checklist, side by side with Taskwarrior when installed.

    python bench/run.py [--runs 5] [--quick] [--json] [--keep DIR]

Generates a city ledger (50 departments x 200 items = 10,000) and a province
(100 x 1,000 = 100,000) with bench/gen.py, then times whole processes (median
of --runs, the two sides interleaved). Taskwarrior's column appears when
`task` is on PATH (Debian: `apt-get install taskwarrior`); it imports the
same 10,000 items (project = department code, due = deadline, done = closed).
--quick skips the province and the 1,000-commit history. --growth then runs the
benchmarks of each path (bench/startup_bench.py, read_bench.py, edit_bench.py,
history_bench.py: start-up and help, report/list and the morning after a pull from
1,000 to 1,000,000 items, edits to a fixed 1,000-item file in ledgers of every
size, history and audit at 1,000 and 5,000 commits) and prints their CPU medians
with min and max and the ratios to their peers; their ledgers are kept in
$CHECKLIST_BENCH_DATA (default: the system temp folder's checklist-bench).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from git_history import build as build_history  # noqa: E402

from gen import generate  # noqa: E402

CHECKLIST = [sys.executable, "-m", "checklist"]


@dataclass
class Row:
    name: str
    seconds: float | None
    target: str
    peer: float | None = None
    peer_name: str = ""
    ok: bool | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def timed(argv: list[str], env: dict[str, str], cwd: Path, strict: bool = False) -> float:
    """Seconds one whole process takes; exit 1 (findings, problems) counts unless strict."""
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if proc.returncode not in ((0,) if strict else (0, 1)):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


def median_pair(ours: Any, theirs: Any | None, runs: int) -> tuple[float, float | None]:
    """Median seconds of two callables, run interleaved."""
    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        if theirs is not None:
            b.append(theirs())
    return statistics.median(a), (statistics.median(b) if b else None)


def peak_rss_mb(argv: list[str], env: dict[str, str], cwd: Path) -> float | None:
    if not Path("/usr/bin/time").exists():
        return None
    proc = subprocess.run(["/usr/bin/time", "-v", *argv], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return int(m.group(1)) / 1024 if m else None


class Taskwarrior:
    """A Taskwarrior database holding the same items, in its own folder."""

    def __init__(self, folder: Path, ledger: Path) -> None:
        self.folder = folder
        self.env = dict(os.environ, TASKRC=str(folder / "taskrc"), TASKDATA=str(folder / "data"))
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "data").mkdir(parents=True)
        (folder / "taskrc").write_text(
            f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\nhooks=off\nnews.version=99.99.99\n"
        )
        self.import_ledger(ledger)

    @classmethod
    def kept(cls, folder: Path, ledger: Path) -> Taskwarrior:
        """The database in `folder` when an earlier run built it, else built now from `ledger`."""
        if not (folder / "data" / "pending.data").exists():
            return cls(folder, ledger)
        tw = cls.__new__(cls)
        tw.folder = folder
        tw.env = dict(os.environ, TASKRC=str(folder / "taskrc"), TASKDATA=str(folder / "data"))
        return tw

    def run(self, *args: str) -> float:
        return timed(["task", "rc.gc=off", *args], self.env, self.folder)

    def import_ledger(self, ledger: Path) -> None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        from checklist.ledger.disk import parse_bytes

        tasks = []
        for path in sorted((ledger / "lists").glob("*.yaml")):
            departments, _ = parse_bytes(path.read_bytes(), path.name)
            for dept in departments:
                for item in dept["items"]:
                    task = {
                        "description": item["title"],
                        "project": dept["code"],
                        "due": item["deadline"].replace("-", "") + "T000000Z",
                        "entry": (item.get("created_on") or "2026-10-01").replace("-", "") + "T000000Z",
                        "status": "pending" if item["status"] == "open" else "completed",
                        "tags": [item.get("category") or "none"],
                    }
                    if item["status"] != "open":
                        task["end"] = item["closed_on"].replace("-", "") + "T000000Z"
                    tasks.append(task)
        data = json.dumps(tasks, ensure_ascii=False).encode()
        subprocess.run(["task", "import", "-"], input=data, env=self.env, cwd=self.folder, capture_output=True, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the province and the history repo")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--keep", type=Path, help="keep generated data in this folder")
    parser.add_argument("--growth", action="store_true", help="also the growth and ratio tables of every path")
    parser.add_argument("--huge", action="store_true", help="with --growth: reads and edits at 1,000,000 items too (the first run parses them once: minutes)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="checklist-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CHECKLIST_TODAY="2026-12-01", CHECKLIST_CACHE_DIR=str(work / "cache"),
               CHECKLIST_LANG="en", NO_COLOR="1", COLUMNS="100")
    env.pop("CHECKLIST_ROOT", None)
    # Measure an installed program: compiled bytecode is written once and reused.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rows: list[Row] = []
    city = work / "city"
    if not city.exists():
        generate(city, 50, 200)
    has_task = shutil.which("task") is not None
    tw = Taskwarrior(work / "taskwarrior", city) if has_task else None

    def ours(*argv: str, cwd: Path = city, e: dict[str, str] = env) -> Any:
        return lambda: timed([*CHECKLIST, *argv], e, cwd)

    def add_row(name: str, target: float | None, target_text: str, fn: Any, peer: Any = None, peer_name: str = "") -> None:
        mine, theirs = median_pair(fn, peer, args.runs)
        limit = target
        if target is None and theirs is not None:
            limit = theirs
        rows.append(Row(name, mine, target_text, theirs, peer_name, None if limit is None else mine <= limit))

    add_row("--version", 0.100, "≤ 100 ms", ours("--version"))
    add_row("--help", 0.200, "≤ 200 ms", ours("--help"))

    def cold() -> float:
        shutil.rmtree(work / "cold-cache", ignore_errors=True)
        return timed([*CHECKLIST, "validate"], dict(env, CHECKLIST_CACHE_DIR=str(work / "cold-cache")), city)

    add_row("validate, 10,000, cold", 10.0, "≤ 10 s", cold)
    timed([*CHECKLIST, "validate"], env, city)
    add_row("validate, 10,000, warm", 0.300, "≤ 0.3 s", ours("validate"))
    timed([*CHECKLIST, "report"], env, city)
    add_row("report, 10,000", None, "≤ task summary", ours("report"),
            (lambda: tw.run("summary")) if tw else None, "task summary")
    add_row("list --state overdue, 10,000", None, "≤ task +OVERDUE list", ours("list", "--state", "overdue"),
            (lambda: tw.run("+OVERDUE", "list")) if tw else None, "task +OVERDUE list")

    genv = dict(env, GIT_AUTHOR_NAME="王芳", GIT_AUTHOR_EMAIL="wf@example.gov.cn",
                GIT_COMMITTER_NAME="王芳", GIT_COMMITTER_EMAIL="wf@example.gov.cn")
    for size in (200, 1000):
        limit = 0.2 if size == 200 else 0.25
        for suffix, extra in (("", []), (" --no-commit", ["--no-commit"])):
            # With a commit: a clerk's git work tree (auto_commit on); without: a plain folder.
            folder = work / f"edit-{size}{extra and '-nc' or ''}"
            shutil.rmtree(folder, ignore_errors=True)
            generate(folder, 1, size)
            if not extra:
                (folder / "checklist.toml").write_text('lists = "lists"\n', encoding="utf-8")
                for git_args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "ledger"]):
                    subprocess.run(["git", *git_args], cwd=folder, env=genv, check=True)
            timed([*CHECKLIST, "validate"], env, folder)
            open_ids = iter(_open_ids(folder))
            add_row(
                f"add{suffix}, {size}-item file", limit, f"≤ {int(limit * 1000)} ms",
                lambda folder=folder, extra=extra: timed(
                    [*CHECKLIST, "add", "--dept", "DAA", "--title", "招商引资项目落地慢", "--owner", "王芳",
                     "--deadline", "2026-12-31", *extra], genv, folder, strict=True),
                (lambda: tw.run("add", "招商引资项目落地慢", "project:DAA", "due:2026-12-31")) if tw and not extra else None,
                "task add",
            )
            add_row(
                f"close{suffix}, {size}-item file", limit, f"≤ {int(limit * 1000)} ms",
                lambda folder=folder, extra=extra, ids=open_ids: timed(
                    [*CHECKLIST, "close", next(ids), "--result", "已完成整改", "--date", "2026-11-30", *extra],
                    genv, folder, strict=True),
            )

    if not args.quick:
        root = work / "git"
        if not root.exists():
            # Clerks' hand edits spread over five files: adds, notes, owner fixes, closes.
            build_history(root, 1000)
        add_row("history, 1,000 commits", 2.0, "≤ 2 s", ours("history", "CZJ-001", cwd=root))
        add_row("audit, 1,000 commits", 10.0, "≤ 10 s", ours("audit", "--format", "json", cwd=root))
        province = work / "province"
        if not province.exists():
            generate(province, 100, 1000)
        pcache = dict(env, CHECKLIST_CACHE_DIR=str(work / "province-cache"))
        shutil.rmtree(work / "province-cache", ignore_errors=True)
        started = time.perf_counter()
        timed([*CHECKLIST, "validate"], pcache, province)
        rows.append(Row("validate, 100,000, cold", time.perf_counter() - started, "(informative)", ok=None))
        add_row("validate, 100,000, warm", None, "(informative)", ours("validate", cwd=province, e=pcache))
        add_row("report, 100,000", 1.5, "≤ 1.5 s", ours("report", cwd=province, e=pcache))
        rss = peak_rss_mb([*CHECKLIST, "report"], pcache, province)
        if rss is not None:
            rows.append(Row("report, 100,000: peak RSS", None, "≤ 400 MB", ok=rss <= 400, note=f"{rss:.0f} MB", extra={"rss_mb": rss}))

    growth = _growth(args.runs, args.huge) if args.growth else []
    if args.json:
        print(json.dumps({"rows": [r.__dict__ for r in rows], "growth": growth}, ensure_ascii=False, indent=2))
    else:
        print_table(rows, has_task)
        if growth:
            print()
            print_growth(growth)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def _growth(runs: int, huge: bool) -> list[dict[str, Any]]:
    """The rows of each path's own benchmark (CPU seconds: median, min, max; peers and ratios)."""
    import edit_bench
    import history_bench
    import read_bench
    import startup_bench

    out: list[dict[str, Any]] = []
    out += startup_bench.rows(runs)
    out += read_bench.rows(runs, sizes=("1k", "10k", "100k", *(("1m",) if huge else ())), huge=huge)
    out += edit_bench.measure(runs, (1_000, 10_000, 100_000, *((1_000_000,) if huge else ())))
    out += history_bench.rows(runs)
    return out


def print_growth(rows: list[dict[str, Any]]) -> None:
    def ms(value: Any) -> str:
        return "" if value is None else f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"

    header = ["measure (CPU)", "median", "min", "max", "peer", "ratio"]
    table = [[r["name"], ms(r.get("seconds")), ms(r.get("min")), ms(r.get("max")),
              f"{ms(r['peer'])} ({r.get('peer_name', '')})".replace(" ()", "") if r.get("peer") else "",
              f"{r['ratio']:.2f}x" if r.get("ratio") else ""] for r in rows]
    widths = [max(len(str(row[i])) for row in [header, *table]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *table]:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def _open_ids(folder: Path) -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in (folder / "lists").glob("*.yaml"))
    ids, current = [], None
    for line in text.splitlines():
        if "- id:" in line:
            current = line.split("id:")[1].strip()
        elif line.strip() == "status: open" and current:
            ids.append(current)
    return ids


def print_table(rows: list[Row], has_task: bool) -> None:
    def ms(value: float | None) -> str:
        return "" if value is None else (f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s")

    header = ["measure", "checklist", "target", "Taskwarrior", "ratio", "met"]
    table = []
    for r in rows:
        ratio = f"{r.seconds / r.peer:.2f}x" if r.seconds and r.peer else ""
        peer = f"{ms(r.peer)} ({r.peer_name})" if r.peer is not None else ""
        met = "" if r.ok is None else ("yes" if r.ok else "NO")
        table.append([r.name, r.note or ms(r.seconds), r.target, peer, ratio, met])
    widths = [max(len(str(row[i])) for row in [header, *table]) for i in range(len(header))]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}" + ("" if has_task else "; Taskwarrior not installed (apt-get install taskwarrior)"))
    for row in [header, ["-" * w for w in widths], *table]:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
