"""Start-up and the command line's share of a read: checklist against `python -c pass` and Taskwarrior.

    python bench/startup_bench.py [--runs 11] [--src DIR] [--data DIR] [--json]

Times whole processes by their CPU time (user + system, from os.wait4: wall time is noisy
on a shared machine), all commands interleaved run by run, and reports medians with min and
max: `--version`, `--help`, `report --help` against `python -c pass`; `report` and `list
--state overdue` on a 10,000-item ledger (bench/gen.py, 50 x 200) against `task summary`
and `task +OVERDUE list` holding the same items (bench/run.py's Taskwarrior). checklist
runs as installed: its console script, bytecode compiled first, PYTHONDONTWRITEBYTECODE
removed. --src DIR times another source tree (DIR/checklist, e.g. an older commit's
`git archive`) through PYTHONPATH. The ledger, its cache and the Taskwarrior data are kept
in --data (default $CHECKLIST_BENCH_DATA/cli (default: the system temp folder's checklist-bench/cli)) and reused.
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate  # noqa: E402

DATA = Path(os.environ.get("CHECKLIST_BENCH_DATA") or Path(tempfile.gettempdir()) / "checklist-bench") / "cli"


def cpu_seconds(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """User + system CPU seconds of one whole process (output discarded); exit 0 or 1 only."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        try:
            os.chdir(cwd)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {code}")
    return usage.ru_utime + usage.ru_stime


def _checklist(src: Path | None) -> tuple[list[str], dict[str, str], Path]:
    """The command that runs checklist as installed, its environment, and its package folder."""
    env = dict(os.environ, CHECKLIST_TODAY="2026-12-01", CHECKLIST_CACHE_DIR=str(DATA / "cache"),
               CHECKLIST_LANG="en", NO_COLOR="1", COLUMNS="100")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CHECKLIST_ROOT", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    probe = subprocess.run([sys.executable, "-c", "import checklist, os; print(os.path.dirname(checklist.__file__))"],
                           env=env, capture_output=True, text=True, check=True)
    package = Path(probe.stdout.strip())
    script = Path(sys.executable).parent / "checklist"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "checklist"]
    return command, env, package


def _taskwarrior(city: Path) -> Any:
    """bench/run.py's Taskwarrior database of the same items, built once and kept in DATA."""
    if shutil.which("task") is None:
        return None
    from run import Taskwarrior

    return Taskwarrior.kept(DATA / "taskwarrior", city)


def rows(runs: int, src: Path | None = None) -> list[dict[str, Any]]:
    """One dict per measure: name, seconds (median CPU), min, max, and peer/ratio where there is one."""
    city = DATA / "city"
    if not (city / "checklist.toml").exists():
        generate(city, 50, 200)
    command, env, package = _checklist(src)
    compileall.compile_dir(str(package), quiet=1)
    tw = _taskwarrior(city)
    python = [sys.executable, "-c", "pass"]
    cases: dict[str, tuple[list[str], dict[str, str]]] = {
        "python -c pass": (python, env),
        "--version": ([*command, "--version"], env),
        "--help": ([*command, "--help"], env),
        "report --help": ([*command, "report", "--help"], env),
        "report, 10,000": ([*command, "report"], env),
        "list --state overdue, 10,000": ([*command, "list", "--state", "overdue"], env),
    }
    if tw is not None:
        cases["task summary"] = (["task", "rc.gc=off", "summary"], tw.env)
        cases["task +OVERDUE list"] = (["task", "rc.gc=off", "+OVERDUE", "list"], tw.env)
    for argv, e in cases.values():  # warm: the ledger's cache, the derived files, the OS's caches
        cpu_seconds(argv, e, city)
        cpu_seconds(argv, e, city)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (argv, e) in cases.items():
            times[name].append(cpu_seconds(argv, e, city))
    peers = {"--version": "python -c pass", "--help": "python -c pass", "report --help": "python -c pass",
             "report, 10,000": "task summary", "list --state overdue, 10,000": "task +OVERDUE list"}
    out = []
    for name, values in times.items():
        row: dict[str, Any] = {"name": name, "seconds": statistics.median(values), "min": min(values), "max": max(values)}
        peer = peers.get(name)
        if peer in times:
            row["peer"] = peer
            row["peer_seconds"] = statistics.median(times[peer])
            row["ratio"] = row["seconds"] / row["peer_seconds"]
        out.append(row)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--src", type=Path, help="time this source tree (DIR/checklist) instead of the installed one")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = rows(args.runs, args.src)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"CPU ms, median of {args.runs} interleaved runs (min-max); machine: {os.cpu_count()} cores")
    for row in result:
        ratio = f"{row['ratio']:.2f}x {row['peer']}" if "ratio" in row else ""
        print(f"{row['name']:<30} {row['seconds'] * 1000:7.1f} ({row['min'] * 1000:.1f}-{row['max'] * 1000:.1f})  {ratio}")


if __name__ == "__main__":
    main()
