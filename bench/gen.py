"""Generate synthetic ledgers for benchmarks: realistic Chinese departments, items, notes.

    python bench/gen.py OUT_DIR --departments 50 --items 200 [--seed 1]

Writes OUT_DIR/checklist.toml and OUT_DIR/lists/<code>.yaml; deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

PROBLEMS = [
    ("疫情防控", "部分干部常态化疫情防控思想松懈，有厌倦情绪"),
    ("思想", "小富即安、小进则满，大发展快发展的紧迫感不强"),
    ("认识", "过分考虑部门利益，大局意识不够"),
    ("工作", "担当不够、认真不足、责任不到、浪费不少"),
    ("作风", "好人主义、得过且过，当“好好先生”"),
    ("廉洁自律", "对身边案例未能自觉汲取教训、引以为戒"),
    ("工作", "招商引资项目跟踪服务不到位"),
    ("工作", "重点项目建设土地环评手续办理迟缓"),
    ("工作", "向上争取资金主动性不强"),
    ("作风", "民营企业诉求办理只说“不能办”，不说“怎么办”"),
    ("工作", "非税收入未做到应收尽收，存在跑冒滴漏"),
    ("工作", "信访积案化解进度滞后"),
]
MEASURES = "制定专项整改方案，明确责任分工和完成时限，建立工作台账，逐项对账销号，定期向市委督查室报告进展。"
NOTES = ["已召开专题会议研究部署", "已制定整改方案并印发", "已完成阶段性整改任务", "已向分管领导专题汇报"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "芳强伟静敏磊军洋勇艳杰娟涛明超秀霞平刚桂"


def code_for(index: int) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "D" + letters[index // len(letters) % len(letters)] + letters[index % len(letters)]


def department_text(index: int, items: int, rng: random.Random, as_of: date) -> str:
    code = code_for(index)
    lines = [f"# 第{index + 1}个部门的整改清单", f"department: 市第{index + 1}局", f"code: {code}", "items:"]
    for n in range(1, items + 1):
        category, title = rng.choice(PROBLEMS)
        created = as_of - timedelta(days=rng.randint(20, 120))
        deadline = created + timedelta(days=rng.randint(10, 150))
        owner = rng.choice(SURNAMES) + rng.choice(GIVEN)
        roll = rng.random()
        lines += [
            f"  - id: {code}-{n:03d}",
            f"    title: {title}（{n}）",
            f"    category: {category}",
            f"    owner: {owner}",
            f"    deadline: {deadline.isoformat()}",
        ]
        status = "open" if roll < 0.55 else ("closed" if roll < 0.85 else "verified")
        lines += [f"    status: {status}", f"    created_on: {created.isoformat()}", f"    measures: {MEASURES}"]
        note_day = created + timedelta(days=rng.randint(1, 15))
        lines += ["    progress:", f"      - {{date: {note_day.isoformat()}, note: {rng.choice(NOTES)}}}"]
        if status != "open":
            closed = min(as_of, created + timedelta(days=rng.randint(5, 160)))
            lines += [f"    closed_on: {closed.isoformat()}", "    result: 已按整改方案完成整改，建立长效机制。"]
            if status == "verified":
                lines += [f"    verified_on: {min(as_of, closed + timedelta(days=3)).isoformat()}", "    verified_by: 市委督查室"]
    return "\n".join(lines) + "\n"


def generate(out: Path, departments: int, items: int, seed: int = 1, as_of: date = date(2026, 12, 1)) -> Path:
    """Write a ledger of departments x items to out; returns out."""
    rng = random.Random(seed)
    (out / "lists").mkdir(parents=True, exist_ok=True)
    (out / "checklist.toml").write_text('lists = "lists"\nauto_commit = false\n', encoding="utf-8")
    for index in range(departments):
        text = department_text(index, items, rng, as_of)
        (out / "lists" / f"{code_for(index).lower()}.yaml").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.departments, args.items, args.seed)


if __name__ == "__main__":
    main()
