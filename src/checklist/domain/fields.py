"""The field table: every field of a list file, declared once.

A department mapping, an item and each kind of nested entry are tuples of
`Field`, in the order a new item is written. Everything else is derived
from here: the plain checks (domain.checks), the pydantic models
(domain.models), the JSON Schema (domain.schema), the field labels in both
languages (the catalog's `field_*` keys), the spreadsheet headers import
understands, the order `show` and `history` use, and docs/fields.md.

Adding a field is one `Field(...)` below (tests/test_fields.py checks that
every derived place knows it). This module imports nothing of the package.
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("open", "closed", "verified")
TYPES = ("immediate", "deadline", "ongoing")
ID_PATTERN = r"^[A-Z][A-Z0-9]{1,9}-[0-9]{3,}$"
CODE_PATTERN = r"^[A-Z][A-Z0-9]{1,9}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"

# What a value may be: the checks, the models and the schema each map every kind.
KINDS = (
    "id",         # CODE-NNN
    "code",       # a department code
    "text",       # text with something other than spaces
    "str",        # any text, blank allowed
    "date",       # a YAML date
    "choice",     # one of the field's `choices`
    "percent",    # a whole number from 0 to 100
    "money",      # a number of 0 or more
    "sha256",     # 64 lower-case hex digits
    "text_list",  # a list of text
    "entries",    # a list of mappings, each of the field's `entries`
    "items",      # a department's items (checked one by one, never as a whole)
)


@dataclass(frozen=True)
class Field:
    """One key of a list file: what it holds, when it is required, how it is named."""

    name: str
    kind: str
    label: tuple[str, str]            # (English, Chinese), as column headers and forms show it
    doc: tuple[str, str]              # (English, Chinese), what it holds: schema and docs
    required: bool = False            # in every item
    status_bound: tuple[str, ...] = ()  # present exactly when the status is one of these
    entries: tuple[Field, ...] = ()   # kind "entries": the keys of each entry
    headers: tuple[str, ...] = ()     # spreadsheet headers that import into it (besides its name)
    title: tuple[str, str] | None = None  # (English, Chinese) full name where the label is short
    choices: tuple[tuple[str, str, str], ...] = ()  # kind "choice": (value, English, Chinese) each

    @property
    def full_name(self) -> tuple[str, str]:
        """The name in the JSON Schema and the docs: the title, else the label."""
        return self.title or self.label

    @property
    def values(self) -> tuple[str, ...]:
        """The values a choice field may take, as the file writes them."""
        return tuple(value for value, _, _ in self.choices)


def _f(name: str, kind: str, en: str, zh: str, doc_en: str, doc_zh: str, **more: object) -> Field:
    return Field(name, kind, (en, zh), (doc_en, doc_zh), **more)  # type: ignore[arg-type]


_DATE = _f("date", "date", "Date", "日期", "YYYY-MM-DD.", "日期（YYYY-MM-DD）。", required=True)

PROGRESS = (
    _DATE,
    _f("note", "text", "Note", "说明", "What happened.", "进展情况。", required=True),
)
EXTENSION = (
    _DATE,
    _f("from", "date", "From", "原时限", "The deadline before the extension.", "延期前的整改时限。", required=True),
    _f("to", "date", "To", "新时限", "The new deadline.", "延期后的整改时限。", required=True),
    _f("reason", "text", "Reason", "原因", "Why.", "原因。", required=True),
    _f("approved_by", "text", "Approved by", "批准人", "Who approved the extension.", "延期批准人。"),
)
EVIDENCE = (
    _f("path", "text", "Path", "路径", "Relative to the ledger root.", "相对台账根目录的路径。", required=True),
    _f("sha256", "sha256", "SHA-256", "SHA-256 校验值", "64 hex digits; validate checks the file still matches.",
       "64 位十六进制；validate 检查文件未被改动。", required=True),
)
REOPENING = (
    _DATE,
    _f("reason", "text", "Reason", "原因", "Why the item was reopened.", "重新整改的原因。", required=True),
    _f("closed_on", "date", "Closed on", "完成日期", "The earlier closure's date.", "原完成日期。"),
    _f("result", "str", "Result", "整改结果", "The earlier closure's result.", "原整改结果。"),
    _f("verified_on", "date", "Verified on", "销号日期", "The earlier verification's date.", "原销号日期。"),
    _f("verified_by", "str", "Verified by", "复核单位", "Who verified the earlier closure.", "原复核单位或人员。"),
    _f("kind", "choice", "Kind", "类型", "reopen (the default), rebound (反弹) or false (虚假整改).",
       "reopen 重新整改（默认），rebound 反弹，false 虚假整改。",
       choices=(("reopen", "reopened", "重新整改"), ("rebound", "rebound", "反弹"), ("false", "false rectification", "虚假整改"))),
)
TASK = (
    _f("task", "text", "Task", "任务", "What is to be done.", "具体任务。", required=True),
    _f("owner", "text", "Owner", "责任人", "Who does it.", "任务责任人。"),
    _f("deadline", "date", "Deadline", "完成时限", "When it is due.", "任务完成时限。"),
    _f("done_on", "date", "Done on", "完成日期", "When it was done.", "任务完成日期。"),
)
RULE = (
    _DATE,
    _f("title", "text", "Title", "名称", "The rule or system issued.", "出台的制度名称。", required=True),
    _f("doc_no", "text", "Document No.", "文号", "Its document number.", "发文字号。"),
)
ACCOUNTABILITY = (
    _DATE,
    _f("person", "text", "Person", "被问责人", "Who was held to account.", "被问责人员。", required=True),
    _f("measure", "text", "Measure", "问责方式", "One of accountability_measures in checklist.toml.",
       "问责方式，须为 checklist.toml 中 accountability_measures 之一。", required=True),
    _f("note", "text", "Note", "说明", "Why.", "问责事由。"),
)
RECHECK = (
    _DATE,
    _f("by", "text", "By", "回访单位", "Who checked.", "回访、复查的单位或人员。", required=True),
    _f("result", "choice", "Result", "回访结果", "ok (巩固), rebound (反弹) or false (虚假整改).",
       "ok 巩固，rebound 反弹，false 虚假整改。", required=True,
       choices=(("ok", "holds", "巩固"), ("rebound", "rebound", "反弹"), ("false", "false rectification", "虚假整改"))),
    _f("note", "text", "Note", "说明", "What was found.", "回访发现的情况。"),
)

ITEM: tuple[Field, ...] = (
    _f("id", "id", "ID", "编号", "CODE-NNN (3 or more digits), unique in the ledger.",
       "部门代码-序号（3 位以上），在台账内唯一。", required=True),
    _f("title", "text", "Problem", "问题", "The problem found, in one sentence.", "存在的问题，一句话概括。",
       required=True, headers=("问题", "问题描述", "存在问题", "存在的问题", "存在的突出问题", "突出问题", "问题表现", "主要问题", "问题清单", "具体问题")),
    _f("category", "text", "Category", "类别", "One of the categories in checklist.toml, if it lists them.",
       "问题类别；如 checklist.toml 设置了类别，须为其中之一。", headers=("问题类别", "类别", "问题类型", "类型")),
    _f("type", "choice", "Type", "整改类型",
       "immediate (立行立改), deadline (限期整改, the default) or ongoing (长期坚持: no end date needed).",
       "immediate 立行立改，deadline 限期整改（默认），ongoing 长期坚持（可不设时限）。",
       choices=(("immediate", "immediate", "立行立改"), ("deadline", "by a deadline", "限期整改"),
                ("ongoing", "ongoing", "长期坚持"))),
    _f("owner", "text", "Owner", "责任人", "The one person responsible for the fix.", "整改责任人（一人）。",
       required=True, headers=("责任人", "整改责任人", "具体责任人", "直接责任人"), title=("Responsible person", "责任人")),
    _f("co_owners", "text_list", "Co-owners", "其他责任人", "Other persons named responsible.", "同时列为责任人的其他人员。"),
    _f("leader", "text", "Leader", "责任领导", "The responsible leader (分管领导).", "责任领导（分管领导）。",
       headers=("责任领导", "分管领导", "牵头领导", "包保领导")),
    _f("unit", "text", "Unit", "责任科室", "The office inside the department that does the work.", "部门内具体负责的科室。",
       headers=("责任科室", "责任处室", "责任股室", "具体责任科室")),
    _f("deadline", "date", "Deadline", "整改时限", "The date the fix is due (YYYY-MM-DD); optional for an ongoing item.",
       "整改完成时限（YYYY-MM-DD）；长期坚持的问题可不设。", headers=("整改时限", "完成时限", "时限要求", "整改期限", "整改时间")),
    _f("status", "choice", "Status", "办理状态", "open (整改中), closed (已完成) or verified (已销号).",
       "open 整改中，closed 已完成，verified 已销号。", required=True, title=("Status", "状态"),
       choices=(("open", "open", "整改中"), ("closed", "closed, awaiting verification", "已完成，待销号"),
                ("verified", "verified", "已销号")),
       headers=("完成情况", "整改状态", "是否完成", "状态", "整改完成情况")),
    _f("created_on", "date", "Created", "登记日期", "The day the item was listed (set by add, may be earlier).",
       "列入清单（交办、登记）的日期（add 自动填写，可补填更早的日期）。", title=("Created on", "登记日期"),
       headers=("交办时间", "登记时间", "发现时间", "交办日期", "登记日期")),
    _f("source", "text", "Source", "问题来源", "Where the problem was raised.", "问题来源（会议、督查等）。",
       headers=("问题来源", "来源")),
    _f("partners", "text_list", "Partners", "配合单位", "Departments that help with the fix.", "配合整改的单位。",
       headers=("配合单位", "协同单位", "配合部门"), title=("Cooperating departments", "配合单位")),
    _f("target", "text", "Target", "整改目标", "What the fix is to achieve.", "整改要达到的目标。",
       headers=("整改目标", "目标")),
    _f("measures", "str", "Measures", "整改措施", "How the problem will be fixed.", "整改措施。",
       headers=("整改措施", "措施", "具体整改措施")),
    _f("remarks", "text", "Remarks", "备注", "Anything else worth noting.", "备注。",
       headers=("备注",)),
    _f("percent", "percent", "Progress %", "整改进度", "Progress from 0 to 100 (note --percent); 100 once closed.",
       "整改进度（0-100，note --percent 填写）；完成后为 100。",
       headers=("整改进度", "完成进度", "完成比例", "进度")),
    _f("amount", "money", "Amount", "问题金额", "Money involved, in money_unit (checklist.toml).",
       "问题涉及金额，单位见 checklist.toml 的 money_unit。",
       headers=("问题金额", "涉及金额")),
    _f("recovered", "money", "Recovered", "整改到位金额", "Money rectified or recovered, in money_unit.",
       "已整改到位（追回、规范）的金额，单位同上。",
       headers=("整改金额", "整改到位金额")),
    _f("tasks", "entries", "Tasks", "任务清单", "The measures broken into tasks, in order; each done_on when done.",
       "整改措施分解的任务，按顺序；完成时填 done_on。", entries=TASK),
    _f("progress", "entries", "Progress", "整改进展", "Dated notes, oldest first.", "按日期记录的整改进展，时间顺序排列。",
       entries=PROGRESS,
       headers=("整改进展", "进展情况", "进展", "整改落实情况", "推进情况")),
    _f("extensions", "entries", "Extensions", "延期记录", "Deadline extensions, oldest first.",
       "整改时限延期记录，时间顺序排列。", entries=EXTENSION),
    _f("rules", "entries", "Rules issued", "建章立制", "Rules and systems issued for the fix.", "整改中出台的制度。",
       entries=RULE),
    _f("accountability", "entries", "Accountability", "问责情况", "Persons held to account.", "被问责的人员及方式。",
       entries=ACCOUNTABILITY),
    _f("rechecks", "entries", "Rechecks", "回头看", "Follow-up checks after closure (回访).", "销号后的跟踪回访、回头看。",
       entries=RECHECK),
    _f("closed_on", "date", "Closed on", "完成日期", "Required when closed or verified.", "状态为已完成或已销号时必填。",
       status_bound=("closed", "verified"),
       headers=("完成时间", "完成日期", "整改完成时间", "实际完成时间")),
    _f("result", "text", "Result", "整改结果", "What was done; required when closed or verified.",
       "整改结果；已完成或已销号时必填。", status_bound=("closed", "verified"),
       headers=("整改结果", "完成情况说明", "整改成效")),
    _f("evidence", "entries", "Evidence", "佐证材料",
       "Supporting files (paths relative to the ledger root) with their sha256.",
       "佐证材料（相对台账根目录的路径）及其 sha256。", entries=EVIDENCE),
    _f("verified_on", "date", "Verified on", "销号日期", "Required when verified.", "已销号时必填。",
       status_bound=("verified",),
       headers=("销号时间", "销号日期")),
    _f("verified_by", "text", "Verified by", "复核单位", "Who checked that the fix worked; never the owner or a co-owner.",
       "复核整改成效的单位或人员，不能是责任人本人。", status_bound=("verified",), title=("Verified by", "复核人")),
    _f("reopenings", "entries", "Reopenings", "重新整改记录", "Earlier closures kept when an item was reopened.",
       "重新整改时保留的原完成记录。", entries=REOPENING),
    _f("renumbered_from", "id", "Renumbered from", "原编号",
       "The ID the item had before a merge renumbered it (another item had published that ID first).",
       "合并时因编号已被先行提交的问题占用而改号前的原编号。"),
)

DEPARTMENT: tuple[Field, ...] = (
    _f("department", "text", "Department", "责任单位", "The lead department's full name.", "牵头责任单位全称。",
       required=True, title=("Department", "牵头单位")),
    _f("code", "code", "Code", "代码", "2-10 capital letters or digits, the prefix of the IDs (e.g. CZJ).",
       "2-10 位大写字母或数字，作为问题编号前缀（如 CZJ）。", required=True, title=("Department code", "部门代码")),
    _f("items", "items", "Items", "问题清单", "The problems to rectify, one mapping each.", "需整改的问题，每项一个映射。"),
)

# Derived names, for code that needs only them.
ITEM_FIELDS: tuple[str, ...] = tuple(f.name for f in ITEM)
DEPARTMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in DEPARTMENT)
NESTED_FIELDS: dict[str, tuple[str, ...]] = {f.name: tuple(e.name for e in f.entries) for f in ITEM if f.entries}
BY_NAME: dict[str, Field] = {f.name: f for f in ITEM}
# (field, statuses it belongs to), e.g. ("closed_on", ("closed", "verified")), in table order.
STATUS_BOUND: tuple[tuple[str, tuple[str, ...]], ...] = tuple((f.name, f.status_bound) for f in ITEM if f.status_bound)
assert BY_NAME["status"].values == STATUSES and BY_NAME["type"].values == TYPES


def labelled() -> list[tuple[str, Field]]:
    """Every field with its catalog key: `field_<name>`, nested ones `field_<list>_<name>`."""
    out = [(f"field_{f.name}", f) for f in (*DEPARTMENT, *ITEM)]
    out += [(f"field_{f.name}_{e.name}", e) for f in ITEM for e in f.entries]
    return out


def choice_labels() -> dict[str, tuple[str, str]]:
    """Every choice's words, by catalog key: `choice_<field>_<value>` (nested: `choice_<list>_<field>_<value>`)."""
    out = {f"choice_{f.name}_{value}": (en, zh) for f in ITEM for value, en, zh in f.choices}
    out |= {f"choice_{f.name}_{e.name}_{value}": (en, zh) for f in ITEM for e in f.entries for value, en, zh in e.choices}
    return out


def choice_value(field: str | Field, given: str) -> str | None:
    """A choice as typed (its value, or its English or Chinese words) as the file writes it."""
    import unicodedata

    wanted = unicodedata.normalize("NFKC", given).strip().casefold()
    for value, en, zh in (BY_NAME[field] if isinstance(field, str) else field).choices:
        if wanted in (value, en.casefold(), zh):
            return value
    return None
