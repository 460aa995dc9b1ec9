"""The JSON Schema (draft 2020-12) of a list file, generated from the models,
with titles and descriptions in English and Chinese for editors (VS Code's
YAML extension validates and completes as the clerk types).
"""

from __future__ import annotations

from typing import Any

SCHEMA_ID = "https://checklist.invalid/schema/list-file.json"

# field -> (English title, Chinese title, English description, Chinese description)
FIELDS: dict[str, tuple[str, str, str, str]] = {
    "department": ("Department", "牵头单位", "The lead department's full name.", "牵头责任单位全称。"),
    "code": ("Department code", "部门代码", "2-10 capital letters or digits, the prefix of the IDs (e.g. CZJ).", "2-10 位大写字母或数字，作为问题编号前缀（如 CZJ）。"),
    "items": ("Items", "问题清单", "The problems to rectify, one mapping each.", "需整改的问题，每项一个映射。"),
    "id": ("ID", "编号", "CODE-NNN (3 or more digits), unique in the ledger.", "部门代码-序号（3 位以上），在台账内唯一。"),
    "title": ("Problem", "问题", "The problem found, in one sentence.", "存在的问题，一句话概括。"),
    "category": ("Category", "类别", "One of the categories in checklist.toml, if it lists them.", "问题类别；如 checklist.toml 设置了类别，须为其中之一。"),
    "owner": ("Responsible person", "责任人", "The one person responsible for the fix.", "整改责任人（一人）。"),
    "deadline": ("Deadline", "整改时限", "The date the fix is due (YYYY-MM-DD).", "整改完成时限（YYYY-MM-DD）。"),
    "status": ("Status", "状态", "open (整改中), closed (已完成) or verified (已销号).", "open 整改中，closed 已完成，verified 已销号。"),
    "created_on": ("Created on", "登记日期", "The day the item was listed (set by add).", "列入清单的日期（add 自动填写）。"),
    "source": ("Source", "问题来源", "Where the problem was raised.", "问题来源（会议、督查等）。"),
    "partners": ("Cooperating departments", "配合单位", "Departments that help with the fix.", "配合整改的单位。"),
    "measures": ("Measures", "整改措施", "How the problem will be fixed.", "整改措施。"),
    "progress": ("Progress", "整改进展", "Dated notes, oldest first.", "按日期记录的整改进展，时间顺序排列。"),
    "extensions": ("Extensions", "延期记录", "Deadline extensions, oldest first.", "整改时限延期记录，时间顺序排列。"),
    "closed_on": ("Closed on", "完成日期", "Required when closed or verified.", "状态为已完成或已销号时必填。"),
    "result": ("Result", "整改结果", "What was done; required when closed or verified.", "整改结果；已完成或已销号时必填。"),
    "evidence": ("Evidence", "佐证材料", "Supporting files (paths relative to the ledger root) with their sha256.", "佐证材料（相对台账根目录的路径）及其 sha256。"),
    "verified_on": ("Verified on", "销号日期", "Required when verified.", "已销号时必填。"),
    "verified_by": ("Verified by", "复核人", "Who checked that the fix worked; never the owner.", "复核整改成效的单位或人员，不能是责任人本人。"),
    "reopenings": ("Reopenings", "重新整改记录", "Earlier closures kept when an item was reopened.", "重新整改时保留的原完成记录。"),
    "date": ("Date", "日期", "YYYY-MM-DD.", "日期（YYYY-MM-DD）。"),
    "note": ("Note", "说明", "What happened.", "进展情况。"),
    "from": ("From", "原时限", "The deadline before the extension.", "延期前的整改时限。"),
    "to": ("To", "新时限", "The new deadline.", "延期后的整改时限。"),
    "reason": ("Reason", "原因", "Why.", "原因。"),
    "approved_by": ("Approved by", "批准人", "Who approved the extension.", "延期批准人。"),
    "path": ("Path", "路径", "Relative to the ledger root.", "相对台账根目录的路径。"),
    "sha256": ("SHA-256", "SHA-256", "64 hex digits; validate checks the file still matches.", "64 位十六进制；validate 检查文件未被改动。"),
}


def _describe(node: dict[str, Any]) -> None:
    for name, prop in node.get("properties", {}).items():
        if name in FIELDS:
            en, zh, den, dzh = FIELDS[name]
            prop["title"] = f"{zh} {en}"
            prop["description"] = f"{dzh} {den}"
        if "anyOf" in prop and {"type": "null"} in prop["anyOf"]:
            # An optional field is omitted, not written as null.
            others = [p for p in prop["anyOf"] if p != {"type": "null"}]
            prop.pop("default", None)
            if len(others) == 1:
                prop.pop("anyOf")
                prop.update(others[0])
            else:
                prop["anyOf"] = others


def list_file_schema() -> dict[str, Any]:
    """The JSON Schema of a list file (one department mapping or a sequence of them)."""
    from pydantic import BaseModel, ConfigDict

    from checklist.fields import CODE_PATTERN
    from checklist.model import Item

    class Department(BaseModel):
        model_config = ConfigDict(extra="forbid")
        department: str
        code: str
        items: list[Item] = []

    schema = Department.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    defs = schema.pop("$defs", {})
    defs["Department"] = schema
    for node in defs.values():
        _describe(node)
        node.pop("title", None)
    dept = defs["Department"]
    dept["properties"]["department"].update({"minLength": 1})
    dept["properties"]["code"]["pattern"] = CODE_PATTERN
    dept["required"] = ["department", "code"]
    item = defs["Item"]
    item["allOf"] = [
        {"if": {"properties": {"status": {"const": "open"}}},
         "then": {"not": {"anyOf": [{"required": [f]} for f in ("closed_on", "result", "verified_on", "verified_by")]}}},
        {"if": {"properties": {"status": {"const": "closed"}}},
         "then": {"required": ["closed_on", "result"],
                  "not": {"anyOf": [{"required": ["verified_on"]}, {"required": ["verified_by"]}]}}},
        {"if": {"properties": {"status": {"const": "verified"}}},
         "then": {"required": ["closed_on", "result", "verified_on", "verified_by"]}},
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "整改清单 Rectification list",
        "description": "One department's list (a mapping), or a sequence of them. 一个部门的整改清单，或多个部门清单组成的序列。",
        "oneOf": [
            {"$ref": "#/$defs/Department"},
            {"type": "array", "items": {"$ref": "#/$defs/Department"}, "minItems": 1},
        ],
        "$defs": defs,
    }
