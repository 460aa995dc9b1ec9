"""The read path, as whole processes: `report` (table, json) and `list --state overdue` at
1k, 10k and 100k items (1M with --huge, with its peak memory), and the morning after a
`git pull` (20% of the list files changed), side by side with Taskwarrior at 10k.

    python bench/read_bench.py [--runs 7] [--huge] [--sizes 1k,10k,100k] [--src DIR] [--data DIR]

Times are CPU seconds (user + system of the child, from wait4: steadier than wall time
on a shared machine), the median of --runs interleaved with the peer; wall medians are
shown beside them. Ledgers come from bench/gen.py under --data (default
$CHECKLIST_BENCH_DATA/read (default: the system temp folder's checklist-bench/read), or a temp folder), generated once and reused; --src runs another
copy of the package (e.g. main's, for the numbers before a change).

The morning: a copy of the ledger is read once (warm cache), then each run rewrites a
different fifth of its list files (round robin: one item in each gets a progress note,
as a pull brings) and times one `report`.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gen import generate  # noqa: E402

SIZES = {"1k": (5, 200), "10k": (50, 200), "100k": (100, 1000), "1m": (500, 2000)}
DATA = Path(os.environ.get("CHECKLIST_BENCH_DATA") or Path(tempfile.gettempdir()) / "checklist-bench") / "read"


def _env(src: Path, data: Path) -> dict[str, str]:
    env = dict(os.environ, CHECKLIST_TODAY="2026-12-01", CHECKLIST_CACHE_DIR=str(data / "cache"),
               CHECKLIST_LANG="en", NO_COLOR="1", COLUMNS="100")
    env.pop("CHECKLIST_ROOT", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its bytecode
    env["PYTHONPATH"] = str(src)
    return env


def run(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak RSS (MB) of one process; exit 0 or 1 only."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.decode()[-500:]}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def ledger(data: Path, size: str) -> Path:
    folder = data / size
    if not (folder / "checklist.toml").exists():
        generate(folder, *SIZES[size])
    return folder


def taskwarrior(data: Path) -> Any | None:
    """A Taskwarrior database of the 10k ledger (built once), or None without `task`."""
    if shutil.which("task") is None:
        return None
    from run import Taskwarrior

    folder = data / "taskwarrior"
    return Taskwarrior.kept(folder, ledger(data, "10k"))


# The core of a warm `report`, timed inside one process: reading the ledger, the records (or the
# index's columns), the figures (what ledger/ and domain/ cost, without start-up, Typer or rendering).
CORE = """
import gc, sys, time
gc.disable()  # as __main__ runs a command
from datetime import date
from checklist.ledger import files
from checklist.domain.figures import build_report
start = time.process_time()
kwargs = {"compact": True} if "compact" in files.open_ledger.__code__.co_varnames else {}
ledger = files.open_ledger(None, **kwargs)
try:  # as report reads: the index's columns, no record per item (older versions: the records)
    from checklist.domain.figures import report_of
    from checklist.ledger.index import batches
    found = batches(ledger.files)
except ImportError:
    found = None
if found is None:
    found, report_of = ledger.records(), build_report
report_of(found, date(2026, 12, 1), ledger.policy(), None, ledger.config.categories, ledger.departments(),
          ledger.config.accountability_measures)
print(time.process_time() - start)
"""


def core(env: dict[str, str], folder: Path) -> float:
    """CPU seconds of the core of a warm report (CORE) in a fresh process."""
    out = subprocess.run([sys.executable, "-c", CORE], env=env, cwd=folder, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _stats(name: str, cpu: list[float], wall: list[float], peer: list[float] | None = None,
           peer_name: str = "", rss: list[float] | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"name": name, "seconds": statistics.median(cpu), "min": min(cpu), "max": max(cpu),
                           "wall": statistics.median(wall)}
    if peer:
        row["peer"] = statistics.median(peer)
        row["peer_name"] = peer_name
        row["ratio"] = row["seconds"] / row["peer"]
    if rss:
        row["peak_mb"] = max(rss)
    return row


def _touch_fifth(folder: Path, turn: int) -> None:
    """Rewrite every fifth list file (offset `turn`): its first item gets one more progress note."""
    files = sorted((folder / "lists").glob("*.yaml"))
    for path in files[turn % 5::5]:
        text = path.read_text(encoding="utf-8")
        at = text.index("    progress:\n") + len("    progress:\n")
        path.write_text(text[:at] + f"      - {{date: 2026-11-30, note: 晨会前更新{turn}}}\n" + text[at:], encoding="utf-8")


def rows(runs: int, *, sizes: tuple[str, ...] = ("1k", "10k", "100k"), huge: bool = False,
         src: Path | None = None, data: Path | None = None) -> list[dict[str, Any]]:
    """The read path's rows: each a dict of name, seconds (median CPU), min, max, wall, and
    peer, peer_name, ratio against Taskwarrior at 10k; peak_mb at 1M."""
    src = (src or HERE.parent / "src").resolve()
    data = data or DATA
    data.mkdir(parents=True, exist_ok=True)
    compileall.compile_dir(str(src / "checklist"), quiet=1)
    env = _env(src, data)
    exe = [sys.executable, "-m", "checklist"]
    tw = taskwarrior(data)
    out: list[dict[str, Any]] = []
    commands = (("report", ["report"], ("summary",)), ("report --format json", ["report", "--format", "json"], ("summary",)),
                ("list --state overdue", ["list", "--state", "overdue"], ("+OVERDUE", "list")))
    for size in dict.fromkeys((*sizes, *(("1m",) if huge else ()))):  # 1m once, even when also in --sizes
        folder = ledger(data, size)
        for name, args, peer_args in commands:
            if size == "1m" and name != "report":
                continue
            run([*exe, *args], env, folder)  # warm the cache
            cpu, wall, rss, peer = [], [], [], []
            for _ in range(runs if size != "1m" else max(1, runs // 3)):
                c, w, r = run([*exe, *args], env, folder)
                cpu.append(c)
                wall.append(w)
                rss.append(r)
                if tw is not None and size == "10k":
                    peer.append(run(["task", "rc.gc=off", *peer_args], tw.env, tw.folder)[0])
            out.append(_stats(f"{name}, {size}", cpu, wall, peer or None, "task " + " ".join(peer_args),
                              rss if size == "1m" else None))
        times = [core(env, folder) for _ in range(runs if size != "1m" else 1)]
        out.append(_stats(f"  core: read + records + figures, {size}", times, times))
    for size in ("10k", "100k"):
        if size not in sizes:
            continue
        copy = data / f"morning-{size}"
        if not copy.exists():
            shutil.copytree(ledger(data, size), copy)
        run([*exe, "report"], env, copy)  # warm
        cpu, wall, peer = [], [], []
        for turn in range(runs):
            _touch_fifth(copy, turn)
            c, w, _ = run([*exe, "report"], env, copy)
            cpu.append(c)
            wall.append(w)
            if tw is not None and size == "10k":
                peer.append(run(["task", "rc.gc=off", "summary"], tw.env, tw.folder)[0])
        out.append(_stats(f"report after a pull (20% of files changed), {size}", cpu, wall, peer or None,
                          "task summary"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--huge", action="store_true", help="also report at 1M items (peak memory too)")
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--src", type=Path, help="the src folder of the package to run (default: this one)")
    parser.add_argument("--data", type=Path, help=f"where ledgers are kept (default {DATA})")
    args = parser.parse_args()
    found = rows(args.runs, sizes=tuple(args.sizes.split(",")), huge=args.huge, src=args.src, data=args.data)
    print(f"{'':52} {'cpu s':>7} {'min':>7} {'max':>7} {'wall s':>7} {'peer':>7} {'ratio':>6} {'MB':>6}")
    for row in found:
        peer = f"{row['peer']:7.3f}" if "peer" in row else " " * 7
        ratio = f"{row['ratio']:6.2f}" if "ratio" in row else " " * 6
        mb = f"{row['peak_mb']:6.0f}" if "peak_mb" in row else ""
        print(f"{row['name']:52} {row['seconds']:7.3f} {row['min']:7.3f} {row['max']:7.3f} {row['wall']:7.3f} {peer} {ratio} {mb}")


if __name__ == "__main__":
    main()
