"""A small ledger holding SPEC v2's items (as of 2026-12-01, due soon = 7 days, stale after 7 days
without an update, escalation at 1/15/30 days overdue), for the renderers' tests.

What each item is on 2026-12-01, counted by hand:

- CZJ-001 overdue 3 days (remind), partial (40%), extended once, leader 刘志刚, latest progress
  已完成初稿; amount 120 and recovered 50; one rule; one accountability (约谈).
- CZJ-002 overdue 20 days (supervise), partial and behind (10% when its time is up), stale (last
  entry 2026-10-15).
- CZJ-003 ongoing without a deadline (持续整改), partial (one task of two done), co-owner, target, remarks.
- CZJ-004 verified, done late, rechecked ok; one rule; one accountability (提醒谈话).
- CZJ-005 reopened after a rebound found by a recheck; due soon (2026-12-05).
- FGW-001 overdue 40 days (interview), stale, no progress note, leader 陈建国.
- FGW-002 due soon, behind (a task past its deadline undone).
- FGW-003 on track, extended once.
- FGW-004 closed on time; amount and recovered 30.5.
- SJJ (市审计局) is on the roster with no items: 未报送.
"""

from __future__ import annotations

from pathlib import Path

from conftest import write

AS_OF = "2026-12-01"

CONFIG = """\
lists = "lists"
due_soon_days = 7
money_unit = "万元"

[departments]
CZJ = "市财政局"
FGW = { name = "市发展和改革委员会", aliases = ["市发改委"] }
SJJ = "市审计局"
"""

CZJ = """\
department: 市财政局
code: CZJ
items:
  - id: CZJ-001
    title: 公务支出管理不严，会议培训存在浪费
    type: deadline
    owner: 王芳
    leader: 刘志刚
    unit: 预算科
    deadline: 2026-11-28
    status: open
    created_on: 2026-10-01
    measures: 修订公务支出管理办法
    percent: 40
    amount: 120
    recovered: 50
    progress:
      - {date: 2026-11-10, note: 已召开专题会议}
      - {date: 2026-11-26, note: 已完成初稿}
    extensions:
      - {date: 2026-11-14, from: 2026-11-15, to: 2026-11-28, reason: 等待审计结果, approved_by: 刘志刚}
    rules:
      - {date: 2026-11-20, title: 市财政局公务支出管理办法, doc_no: 市财发〔2026〕12号}
    accountability:
      - {date: 2026-11-21, person: 何勇, measure: 约谈, note: 审批把关不严}
  - id: CZJ-002
    title: 资金拨付进度慢
    owner: 李强
    deadline: 2026-11-11
    status: open
    created_on: 2026-10-01
    percent: 10
    progress:
      - {date: 2026-10-15, note: 已梳理问题清单}
  - id: CZJ-003
    title: 预算绩效管理长效机制不健全
    type: ongoing
    owner: 王芳
    co_owners: [赵敏, 孙伟]
    leader: 刘志刚
    status: open
    created_on: 2026-10-01
    target: 建立预算绩效管理长效机制
    remarks: 需市审计局配合
    tasks:
      - {task: 制定绩效评价办法, owner: 赵敏, deadline: 2026-11-30, done_on: 2026-11-27}
      - {task: 开展年度绩效评价, deadline: 2027-03-31}
  - id: CZJ-004
    title: 政府采购流程不规范
    owner: 赵敏
    deadline: 2026-11-10
    status: verified
    created_on: 2026-10-01
    percent: 100
    rules:
      - {date: 2026-11-05, title: 政府采购内控规程}
    accountability:
      - {date: 2026-11-06, person: 周涛, measure: 提醒谈话}
    rechecks:
      - {date: 2026-11-25, by: 市委督查室, result: ok, note: 抽查3个项目未发现反弹}
    closed_on: 2026-11-12
    result: 已修订采购流程
    verified_on: 2026-11-20
    verified_by: 市委督查室
  - id: CZJ-005
    title: 非税收入征缴不及时
    owner: 孙伟
    deadline: 2026-12-05
    status: open
    created_on: 2026-10-01
    progress:
      - {date: 2026-11-28, note: 重新制定征缴台账}
    rechecks:
      - {date: 2026-11-27, by: 市委督查室, result: rebound, note: 仍有2笔未按时征缴}
    reopenings:
      - {date: 2026-11-27, reason: 回头看发现反弹, closed_on: 2026-11-01, result: 已征缴, kind: rebound}
"""

FGW = """\
department: 市发展和改革委员会
code: FGW
items:
  - id: FGW-001
    title: 项目审批服务不主动
    owner: 李卫东
    leader: 陈建国
    deadline: 2026-10-22
    status: open
    created_on: 2026-10-01
  - id: FGW-002
    title: 县域经济指导不够
    owner: 赵立群
    deadline: 2026-12-06
    status: open
    created_on: 2026-11-01
    tasks:
      - {task: 调研县域产业, deadline: 2026-11-20}
    progress:
      - {date: 2026-11-27, note: 已拟定调研方案}
  - id: FGW-003
    title: 重点项目储备不足
    owner: 吴昊
    deadline: 2027-01-31
    status: open
    created_on: 2026-11-01
    extensions:
      - {date: 2026-11-28, from: 2026-12-31, to: 2027-01-31, reason: 等待省里批复}
  - id: FGW-004
    title: 收费清单未公示
    owner: 吴昊
    deadline: 2026-11-30
    status: closed
    created_on: 2026-11-01
    amount: 30.5
    recovered: 30.5
    closed_on: 2026-11-20
    result: 已在官网公示
"""


def make_v2_ledger(root: Path) -> Path:
    """Write the v2 ledger under root; returns root."""
    write(root / "checklist.toml", CONFIG)
    write(root / "lists" / "czj.yaml", CZJ)
    write(root / "lists" / "fgw.yaml", FGW)
    return root
