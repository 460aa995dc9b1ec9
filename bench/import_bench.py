"""Time and peak memory of `checklist import` on a large 台账, as whole processes.

    python bench/import_bench.py [--rows 5000] [--runs 3] [--departments 20]

Builds, in a temp folder, a git ledger with a roster of departments and a summary
台账 as an office keeps it: a merged title row and a 填报 row, a two-level header
(责任主体 over 责任领导/责任科室/责任人, 整改情况 over 整改进展/完成情况), section rows
every 25 rows, a 责任领导 cell merged over each pair of items, a 责任单位 per row,
statuses and deadlines in the words clerks write, a 合计 and a signature row. Then
runs `import --dry-run` and the real import (one write per department file and one
commit), each `--runs` times on a fresh ledger, and reports the median wall time and
the largest peak RSS. Targets: 5,000 rows < 3 s and < 300 MB.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXE = [sys.executable, "-m", "checklist"]
STATUS = ["正在整改", "已完成", "未完成", "基本完成", "长期坚持", "整改中"]
DEADLINES = ["2026年12月底前", "2026.12.31", "12月31日前", "2027年第一季度", "2026年12月中旬", "立行立改", "长期坚持"]
PEOPLE = ["王芳", "孙　伟", "何勇、赵敏", "陈静", "刘洋", "李强\n张丽"]


def build(root: Path, rows: int, departments: int) -> Path:
    from openpyxl import Workbook

    codes = [f"D{n:02d}" for n in range(departments)]
    roster = "".join(f'{c} = "第{n}局"\n' for n, c in enumerate(codes))
    (root / "lists").mkdir(parents=True)
    (root / "checklist.toml").write_text(f'lists = "lists"\n[departments]\n{roster}', encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-qm", "start"], cwd=root, check=True)
    rnd = random.Random(7)
    book = Workbook()
    sheet = book.active
    sheet.title = "汇总台账"
    sheet.append(["全市服务发展创优环境突出问题整改汇总台账"])
    sheet.append(["填报单位：市委督查室", None, None, None, None, None, None, None, None, "填报日期：2026年11月20日"])
    sheet.append(["序号", "责任单位", "存在问题", "整改措施", "责任主体", None, None, "完成时限", "整改情况", None, "备注"])
    sheet.append([None, None, None, None, "责任领导", "责任科室", "责任人", None, "整改进展", "完成情况", None])
    merges = ["A1:K1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:G3", "H3:H4", "I3:J3", "K3:K4"]
    line = 5
    for n in range(rows):
        if n % 25 == 0:
            sheet.append([f"{'一二三四五六七八九十'[n // 25 % 10]}、第{n // 25 + 1}类问题方面（25项）"])
            merges.append(f"A{line}:K{line}")
            line += 1
        status = rnd.choice(STATUS)
        leader = f"领导{n // 2}" if n % 2 == 0 else None
        if n % 2 == 0 and n + 1 < rows and (n + 1) % 25:
            merges.append(f"E{line}:E{line + 1}")
        sheet.append([n + 1, f"第{rnd.randrange(departments)}局", f"第{n + 1}号问题：" + "审批环节多、时限长，企业反映强烈。" * rnd.randint(1, 4),
                      "压缩审批环节\n建立限时办结制度", leader, f"科室{n % 7}", rnd.choice(PEOPLE), rnd.choice(DEADLINES),
                      "已召开专题会议研究部署" if status != "未完成" else None, status, "无" if n % 3 else "需配合"])
        line += 1
    sheet.append(["合计", f"共{rows}项"])
    sheet.append(["填表人：张三", None, None, "审核人：李四", None, None, "联系电话：12345678"])
    for cells in merges:
        sheet.merge_cells(cells)
    path = root / "汇总台账.xlsx"
    book.save(path)
    return path


def timed(args: list[str], root: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and the peak RSS (MB) of one `checklist`
    process (CPU time is steadier than wall time on a shared machine)."""
    start = time.perf_counter()
    proc = subprocess.Popen([*EXE, "--root", str(root), *args], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{args} failed with exit {proc.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--departments", type=int, default=20)
    opts = parser.parse_args()
    # As installed: pip compiles the package's bytecode; a process that compiles it each run
    # (PYTHONDONTWRITEBYTECODE and an editable install) would time the compiler too.
    import checklist

    compileall.compile_dir(str(Path(checklist.__file__).parent), quiet=1)
    results: dict[str, list[float]] = {"dry-run": [], "import": []}
    cpu: dict[str, list[float]] = {"dry-run": [], "import": []}
    peak = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CHECKLIST_CACHE_DIR=str(Path(tmp) / "cache"), CHECKLIST_TODAY="2026-11-25",
                   GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="bench",
                   GIT_COMMITTER_EMAIL="bench@example.org")
        template = Path(tmp) / "template"
        sheet = build(template, opts.rows, opts.departments)
        print(f"sheet: {sheet.stat().st_size // 1024} KB, {opts.rows} rows, {opts.departments} departments")
        for run in range(opts.runs):
            root = Path(tmp) / f"run{run}"
            shutil.copytree(template, root)
            for name, args in (("dry-run", ["import", sheet.name, "--dry-run"]), ("import", ["import", sheet.name])):
                seconds, used, rss = timed(args, root, env)
                results[name].append(seconds)
                cpu[name].append(used)
                peak = max(peak, rss)
    for name, times in results.items():
        print(f"{name:8} median {statistics.median(times):.2f} s wall, {statistics.median(cpu[name]):.2f} s CPU"
              f"  (wall of each run: {', '.join(f'{t:.2f}' for t in times)})")
    print(f"peak RSS {peak:.0f} MB (the largest of every process run)")


if __name__ == "__main__":
    sys.exit(main())
