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
    "status",     # one of STATUSES
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

    @property
    def full_name(self) -> tuple[str, str]:
        """The name in the JSON Schema and the docs: the title, else the label."""
        return self.title or self.label


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
)

ITEM: tuple[Field, ...] = (
    _f("id", "id", "ID", "编号", "CODE-NNN (3 or more digits), unique in the ledger.",
       "部门代码-序号（3 位以上），在台账内唯一。", required=True),
    _f("title", "text", "Problem", "问题", "The problem found, in one sentence.", "存在的问题，一句话概括。",
       required=True, headers=("问题", "问题描述", "存在问题", "存在的问题", "突出问题", "问题表现", "主要问题")),
    _f("category", "text", "Category", "类别", "One of the categories in checklist.toml, if it lists them.",
       "问题类别；如 checklist.toml 设置了类别，须为其中之一。", headers=("类别", "问题类别", "问题类型")),
    _f("owner", "text", "Owner", "责任人", "The one person responsible for the fix.", "整改责任人（一人）。",
       required=True, headers=("责任人", "整改责任人", "具体责任人"), title=("Responsible person", "责任人")),
    _f("deadline", "date", "Deadline", "整改时限", "The date the fix is due (YYYY-MM-DD).", "整改完成时限（YYYY-MM-DD）。",
       required=True, headers=("整改时限", "完成时限", "整改期限", "完成时间")),
    _f("status", "status", "Status", "办理状态", "open (整改中), closed (已完成) or verified (已销号).",
       "open 整改中，closed 已完成，verified 已销号。", required=True, title=("Status", "状态")),
    _f("created_on", "date", "Created", "登记日期", "The day the item was listed (set by add).",
       "列入清单的日期（add 自动填写）。", title=("Created on", "登记日期")),
    _f("source", "text", "Source", "问题来源", "Where the problem was raised.", "问题来源（会议、督查等）。",
       headers=("问题来源", "来源")),
    _f("partners", "text_list", "Partners", "配合单位", "Departments that help with the fix.", "配合整改的单位。",
       headers=("配合单位",), title=("Cooperating departments", "配合单位")),
    _f("measures", "str", "Measures", "整改措施", "How the problem will be fixed.", "整改措施。",
       headers=("整改措施", "措施")),
    _f("progress", "entries", "Progress", "整改进展", "Dated notes, oldest first.", "按日期记录的整改进展，时间顺序排列。",
       entries=PROGRESS),
    _f("extensions", "entries", "Extensions", "延期记录", "Deadline extensions, oldest first.",
       "整改时限延期记录，时间顺序排列。", entries=EXTENSION),
    _f("closed_on", "date", "Closed on", "完成日期", "Required when closed or verified.", "状态为已完成或已销号时必填。",
       status_bound=("closed", "verified")),
    _f("result", "text", "Result", "整改结果", "What was done; required when closed or verified.",
       "整改结果；已完成或已销号时必填。", status_bound=("closed", "verified")),
    _f("evidence", "entries", "Evidence", "佐证材料",
       "Supporting files (paths relative to the ledger root) with their sha256.",
       "佐证材料（相对台账根目录的路径）及其 sha256。", entries=EVIDENCE),
    _f("verified_on", "date", "Verified on", "销号日期", "Required when verified.", "已销号时必填。",
       status_bound=("verified",)),
    _f("verified_by", "text", "Verified by", "复核单位", "Who checked that the fix worked; never the owner.",
       "复核整改成效的单位或人员，不能是责任人本人。", status_bound=("verified",), title=("Verified by", "复核人")),
    _f("reopenings", "entries", "Reopenings", "重新整改记录", "Earlier closures kept when an item was reopened.",
       "重新整改时保留的原完成记录。", entries=REOPENING),
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


def labelled() -> list[tuple[str, Field]]:
    """Every field with its catalog key: `field_<name>`, nested ones `field_<list>_<name>`."""
    out = [(f"field_{f.name}", f) for f in (*DEPARTMENT, *ITEM)]
    out += [(f"field_{f.name}_{e.name}", e) for f in ITEM for e in f.entries]
    return out
