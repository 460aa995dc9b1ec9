"""A small ledger built for the edges of the report figures (as of 2026-12-01, due soon = 7 days)."""

from __future__ import annotations

from pathlib import Path

from conftest import write

AS_OF = "2026-12-01"

CONFIG = """\
lists = "lists"
due_soon_days = 7
categories = ["思想", "作风", "工作"]
"""

AAA = """\
department: 市甲局
code: AAA
items:
  - id: AAA-001
    title: 截止日就是统计日
    category: 工作
    owner: 王芳
    deadline: 2026-12-01
    status: open
    created_on: 2026-11-25
  - id: AAA-002
    title: 正好七天后到期
    owner: 王芳
    deadline: 2026-12-08
    status: open
    created_on: 2026-11-01
  - id: AAA-003
    title: 八天后到期
    owner: 李强
    deadline: 2026-12-09
    status: open
    created_on: 2026-11-01
  - id: AAA-004
    title: 昨天到期，存在“好好先生”现象 | 管道符
    category: 作风
    owner: 李强
    deadline: 2026-11-30
    status: open
    created_on: 2026-11-01
    measures: 开展专题教育
    partners: [市乙局]
    progress:
      - {date: 2026-11-10, note: 已召开专题会议}
    extensions:
      - {date: 2026-11-15, from: 2026-11-20, to: 2026-11-30, reason: 等待上级批复, approved_by: 市委督查室}
  - id: AAA-005
    title: 按期完成
    category: 工作
    owner: 赵敏
    deadline: 2026-11-20
    status: closed
    created_on: 2026-11-01
    closed_on: 2026-11-20
    result: 已整改
  - id: AAA-006
    title: 晚一天完成
    owner: 赵敏
    deadline: 2026-11-20
    status: closed
    created_on: 2026-11-01
    closed_on: 2026-11-21
    result: 已整改
  - id: AAA-007
    title: 已销号
    owner: 赵敏
    deadline: 2026-11-25
    status: verified
    created_on: 2026-11-01
    closed_on: 2026-11-24
    result: 已整改到位
    verified_on: 2026-11-28
    verified_by: 市委督查室
"""

BBB = """\
department: 市乙局
code: BBB
items:
  - id: BBB-001
    title: 逾期三十天
    category: 作风
    owner: 陈刚
    deadline: 2026-11-01
    status: open
    created_on: 2026-10-01
  - id: BBB-002
    title: 年底完成
    owner: 陈刚
    deadline: 2026-12-31
    status: open
    created_on: 2026-10-01
"""


def make_edge_ledger(root: Path) -> Path:
    """Write the edge ledger under root; returns root."""
    write(root / "checklist.toml", CONFIG)
    write(root / "lists" / "aaa.yaml", AAA)
    write(root / "lists" / "bbb.yaml", BBB)
    return root
