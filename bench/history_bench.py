"""`checklist history ID` and `checklist audit` at 1,000 and 5,000 commits, cold and warm
blob cache, against `git log -p -- FILE` of the item's file: CPU time (user + sys of the
child), medians of interleaved runs with min and max. A cold cache has no blob but the
command line's tables, which the first command of an installed version derives once.

The repositories (bench/git_history.py's ledger, built by one `git fast-import`) are kept
under $CHECKLIST_BENCH_DATA/git (default: the system temp folder's checklist-bench/git) and reused between runs.

    python bench/history_bench.py [RUNS] [--src PATH]   # --src: another checkout's src/ (e.g. main's)
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from git_history import build_fast  # noqa: E402

DATA = Path(os.environ.get("CHECKLIST_BENCH_DATA") or Path(tempfile.gettempdir()) / "checklist-bench") / "git"
SIZES = (1000, 5000)
ITEM, FILE = "CZJ-001", "lists/czj.yaml"


def repo(commits: int) -> Path:
    root = DATA / f"c{commits}"
    if not (root / ".git").exists():
        shutil.rmtree(root, ignore_errors=True)
        root.parent.mkdir(parents=True, exist_ok=True)
        build_fast(root, commits)
    return root


def _env(src: Path | None, cache: Path) -> dict[str, str]:
    env = dict(os.environ, CHECKLIST_CACHE_DIR=str(cache), CHECKLIST_LANG="en", COLUMNS="100")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its bytecode
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def cpu(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """User + sys CPU seconds of one child process (and the git processes it waited for)."""
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{args} failed: {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def _compile(src: Path | None) -> None:
    import checklist

    package = Path(checklist.__file__).parent if src is None else src / "checklist"
    compileall.compile_dir(str(package), quiet=1)


def _cli_tables(warm: Path, cold: Path) -> None:
    """A cold cache holds no blob, but the command line's derived tables (cli-*: what any first
    command of an installed version derives once), as a user's first `history` finds them."""
    cold.mkdir(parents=True, exist_ok=True)
    for folder in warm.glob("cli-*"):
        shutil.copytree(folder, cold / folder.name)


def rows(runs: int, src: Path | None = None, cold_runs: int | None = None) -> list[dict]:
    """One row per (command, commits, cache): median, min and max CPU seconds; history rows
    carry the ratio to `git log -p` of the item's file."""
    _compile(src)
    cold_runs = max(1, runs // 3) if cold_runs is None else cold_runs
    commands = {"history": ["history", ITEM, "--format", "json"], "audit": ["audit", "--format", "json"]}
    samples: dict[tuple[str, int, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        roots = {n: repo(n) for n in SIZES}
        warm = {n: Path(tmp) / f"warm{n}" for n in SIZES}
        for n in SIZES:  # prime the warm caches
            for args in commands.values():
                cpu([sys.executable, "-m", "checklist", *args], roots[n], _env(src, warm[n]))
        for k in range(runs):
            for n in SIZES:
                samples.setdefault(("git log -p", n, ""), []).append(cpu(["git", "log", "-p", "--", FILE], roots[n]))
                for name, args in commands.items():
                    argv = [sys.executable, "-m", "checklist", *args]
                    samples.setdefault((name, n, "warm"), []).append(cpu(argv, roots[n], _env(src, warm[n])))
                    if k < cold_runs:
                        cold = Path(tmp) / f"cold{n}-{k}-{name}"
                        _cli_tables(warm[n], cold)
                        samples.setdefault((name, n, "cold"), []).append(cpu(argv, roots[n], _env(src, cold)))
                        shutil.rmtree(cold, ignore_errors=True)
    out = []
    for (name, n, cache), values in samples.items():
        row = {"name": f"{name} {n} commits{' ' + cache + ' cache' if cache else ''}",
               "seconds": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}
        if name == "history":
            peer = statistics.median(samples[("git log -p", n, "")])
            row.update(peer=peer, ratio=row["seconds"] / peer)
        out.append(row)
    return sorted(out, key=lambda r: r["name"])


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=5, help="warm runs per case (cold: a third of them)")
    parser.add_argument("--src", type=Path, help="another checkout's src/ to time (e.g. main's)")
    args = parser.parse_args()
    print(f"{'case':<34} {'median':>8} {'min':>8} {'max':>8} {'runs':>5} {'ratio to git log -p':>20}")
    for row in rows(args.runs, args.src.resolve() if args.src else None):
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else ""
        print(f"{row['name']:<34} {row['seconds']:8.3f} {row['min']:8.3f} {row['max']:8.3f} {row['runs']:5d} {ratio:>20}")


if __name__ == "__main__":
    main()
