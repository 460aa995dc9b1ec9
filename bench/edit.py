"""Time `checklist add` and `checklist close` as whole processes (warm cache).

    python bench/edit.py [--items 200 1000] [--runs 5]

Builds a one-department ledger per size with bench/gen.py in a temp folder
(a git work tree, so each edit also commits), then reports the median
wall time of each command. Targets: 200 items <= 0.2 s, 1,000 items <= 0.25 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXE = [sys.executable, "-m", "checklist"]


def run(args: list[str], root: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([*EXE, "--root", str(root), *args], capture_output=True, env=env, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed: {proc.stderr}")
    return elapsed


def bench(items: int, runs: int, commit: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ledger"
        subprocess.run([sys.executable, str(HERE / "gen.py"), str(root), "--departments", "1", "--items", str(items)], check=True, capture_output=True)
        env = dict(os.environ, CHECKLIST_CACHE_DIR=str(Path(tmp) / "cache"), GIT_AUTHOR_NAME="bench",
                   GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org")
        if commit:
            for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
                subprocess.run(["git", *cmd], cwd=root, check=True, env=env)
        extra = [] if commit else ["--no-commit"]
        code = next(p.stem for p in (root / "lists").glob("*.yaml"))
        run(["validate"], root, env)  # warm the cache
        adds, closes = [], []
        for i in range(runs):
            adds.append(run(["add", "--dept", code, "--title", f"测试问题{i}", "--owner", "王芳", "--deadline", "2099-12-31", *extra], root, env))
        out = subprocess.run([*EXE, "--root", str(root), "list", "--format", "json"], capture_output=True, text=True, env=env).stdout
        import json

        open_ids = [it["id"] for it in json.loads(out) if it["status"] == "open"]
        for item_id in open_ids[:runs]:
            closes.append(run(["close", item_id, "--result", "已整改到位", *extra], root, env))
        return {"add": statistics.median(adds), "close": statistics.median(closes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for commit in (True, False):
        for items in args.items:
            result = bench(items, args.runs, commit)
            label = "git commit" if commit else "--no-commit"
            print(f"{items:>6} items ({label}): add {result['add'] * 1000:.0f} ms, close {result['close'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
