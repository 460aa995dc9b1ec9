"""`checklist validate`: every rule of a list file, as (yaml text, expected line:col: message)."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

from conftest import write

HEAD = "department: 市财政局\ncode: CZJ\nitems:\n"
ITEM = """\
  - id: CZJ-001
    title: 部分干部常态化疫情防控思想松懈
    owner: 王芳
    deadline: 2026-12-31
    status: open
"""


def item(**changes: str | None) -> str:
    """ITEM with fields replaced (value None removes the line), or added at the end."""
    lines = ITEM.splitlines()
    out = []
    for line in lines:
        key = line.strip().removeprefix("- ").split(":")[0]
        if key in changes:
            value = changes.pop(key)
            if value is None:
                continue
            prefix = line[: line.index(key)]
            out.append(f"{prefix}{key}: {value}")
        else:
            out.append(line)
    out += [f"    {k}: {v}" for k, v in changes.items() if v is not None]
    return "\n".join(out) + "\n"


CASES = [
    ("valid", HEAD + ITEM, []),
    ("valid, sequence style without indent", HEAD + ITEM.replace("  - ", "- ").replace("    ", "  "), []),
    ("missing owner", HEAD + item(owner=None), ["4:5: missing required field 'owner'"]),
    ("missing department", "code: CZJ\nitems: []\n", ["1:1: missing required field 'department'"]),
    ("unknown key with hint", HEAD + item(titel="x"), ["9:5: unknown field 'titel' (did you mean 'title'?)"]),
    ("unknown key no hint", HEAD + item(colour="red"), ["9:5: unknown field 'colour'"]),
    ("unknown department key", "department: 市财政局\ncode: CZJ\nitem: []\n", ["3:1: unknown field 'item' (did you mean 'items'?)"]),
    ("bad id", HEAD + item(id="CZJ-1"), ["4:9: ID 'CZJ-1' must look like CODE-NNN (e.g. CZJ-001)"]),
    ("lowercase id", HEAD + item(id="czj-001"), ["4:9: ID 'czj-001' must look like CODE-NNN (e.g. CZJ-001)"]),
    ("id prefix", HEAD + item(id="FGW-001"), ["4:9: ID FGW-001 does not start with the department code CZJ"]),
    ("bad code", "department: 市财政局\ncode: czj\nitems: []\n", ["2:7: department code 'czj' must be 2-10 capital letters or digits, starting with a letter (e.g. CZJ)"]),
    ("bad status", HEAD + item(status="done"), ["8:13: status 'done' is not one of open, closed, verified"]),
    ("status a list", HEAD + item(status="[]"), ["8:13: status '[]' is not one of open, closed, verified"]),
    ("invalid date", HEAD + item(deadline="2026-13-45"), ["7:15: deadline: '2026-13-45' is not a valid date (write YYYY-MM-DD, e.g. 2026-12-31)"]),
    ("slash date", HEAD + item(deadline="2026/12/31"), ["7:15: deadline: '2026/12/31' is not a valid date (write YYYY-MM-DD, e.g. 2026-12-31)"]),
    ("empty title", HEAD + item(title='""'), ["5:12: title must not be empty"]),
    ("blank title", HEAD + item(title='"  "'), ["5:12: title must not be empty"]),
    ("number as owner", HEAD + item(owner="123"), ["6:12: owner: expected text, found '123'"]),
    ("closed needs result", HEAD + item(status="closed", closed_on="2026-12-01"), ["4:5: 'result' is required when status is closed"]),
    ("closed needs closed_on", HEAD + item(status="closed", result="已完成"), ["4:5: 'closed_on' is required when status is closed"]),
    ("open with closure", HEAD + item(closed_on="2026-12-01"), ["9:5: 'closed_on' must be absent when status is open"]),
    (
        "verified needs verifier",
        HEAD + item(status="verified", closed_on="2026-12-01", result="已完成"),
        ["4:5: 'verified_on' is required when status is verified", "4:5: 'verified_by' is required when status is verified"],
    ),
    (
        "closed with verification",
        HEAD + item(status="closed", closed_on="2026-12-01", result="已完成", verified_by="市委督查室"),
        ["11:5: 'verified_by' must be absent when status is closed"],
    ),
    (
        "closed before created",
        HEAD + item(status="closed", created_on="2026-11-10", closed_on="2026-11-01", result="已完成"),
        ["10:16: closed_on 2026-11-01 is before created_on 2026-11-10"],
    ),
    (
        "verified before closed",
        HEAD + item(status="verified", closed_on="2026-12-01", result="已完成", verified_on="2026-11-30", verified_by="市委督查室"),
        ["11:18: verified_on 2026-11-30 is before closed_on 2026-12-01"],
    ),
    (
        "verified by owner",
        HEAD + item(status="verified", closed_on="2026-12-01", result="已完成", verified_on="2026-12-02", verified_by="王芳"),
        ["12:18: verified_by is the item's owner 王芳: the fix must be checked by someone else"],
    ),
    (
        "extension not later",
        HEAD + item(extensions="[{date: 2026-11-01, from: 2026-12-31, to: 2026-12-01, reason: 延期}]"),
        ["9:59: extension to 2026-12-01 is not later than 2026-12-31"],
    ),
    ("progress note missing date", HEAD + item(progress="[{note: 已召开专题会议}]"), ["9:16: missing required field 'date'"]),
    ("progress unknown key", HEAD + item(progress="[{date: 2026-11-01, text: 会议}]"), ["9:16: missing required field 'note'", "9:35: unknown field 'text'"]),
    ("evidence bad hash", HEAD + item(evidence="[{path: a.pdf, sha256: abc}]"), ["9:38: sha256 'abc' is not 64 hex digits"]),
    ("partners not a list", HEAD + item(partners="市发展和改革委员会"), ["9:15: partners: expected a list"]),
    ("item not a mapping", HEAD + "  - just text\n", ["4:5: expected an item: a mapping with id, title, owner, deadline, status"]),
    ("top-level scalar", "hello\n", ["1:1: expected a department list (a mapping) or a sequence of them"]),
    ("empty file", "", ["1:1: the file is empty: expected department, code and items"]),
    ("comments only", "# 市财政局\n", ["1:1: the file is empty: expected department, code and items"]),
    ("duplicate key", HEAD + ITEM + "    owner: 李强\n", ["9:5: duplicate key 'owner' (first at line 6)"]),
    ("duplicate id in file", HEAD + ITEM + ITEM, ["9:9: duplicate ID CZJ-001 (also at f.yaml:4:9)"]),
    ("yaml syntax", HEAD + "  - id: [CZJ-001\n", ["5:1: YAML syntax error: did not find expected ',' or ']'"]),
    ("tab indentation", HEAD + "\t- id: CZJ-001\n", ["4:1: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"]),
    ("python tag", "!!python/object/apply:os.system [echo hacked]\n", ["1:1: tag !!python/object/apply:os.system is not allowed: a list file holds plain data only"]),
    ("custom tag", HEAD + item(owner="!secret 王芳"), ["6:12: tag !secret is not allowed: a list file holds plain data only"]),
    ("alias", HEAD + item(owner="&o 王芳", title="*o"), ["5:12: aliases (*o) are not allowed in a list file; write the value out"]),
    ("two documents", HEAD + ITEM + "---\n" + HEAD + ITEM, ["9:1: a list file holds one YAML document; found a second one"]),
    ("control character", HEAD + item(title="问题\x07"), ["5:14: character #x0007 is not allowed in a list file (binary data?)"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "f.yaml")
    found = [line.removeprefix("f.yaml:") for line in result.err.splitlines() if line.startswith("f.yaml:")]
    assert found == expected, result
    assert result.code == (1 if expected else 0), result


def test_consolidated_file_locates_problems_per_department(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = textwrap.dedent("""\
        - department: 市财政局
          code: CZJ
          items:
            - {id: CZJ-001, title: 非税收入应收尽收, owner: 王芳, deadline: 2026-12-31, status: open}
        - department: 市发展和改革委员会
          code: FGW
          items:
            - {id: FGW-001, title: 项目建设推进缓慢, owner: 赵刚, deadline: 2026-12-31, status: opne}
        """)
    write(tmp_path / "all.yaml", text)
    result = cli("validate", str(tmp_path / "all.yaml"))
    assert result.code == 1, result
    assert result.err.splitlines()[0].endswith("all.yaml:8:79: status 'opne' is not one of open, closed, verified")


def test_every_file_checked_and_summary(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "a.yaml", HEAD + item(owner=None))
    write(tmp_path / "sub" / "b.yml", HEAD.replace("CZJ", "FGW") + item(id="FGW-001", status="x"))
    write(tmp_path / "notes.txt", "not a list")
    result = cli("validate", str(tmp_path))
    assert result.code == 1, result
    lines = result.err.splitlines()
    assert len(lines) == 3, result
    assert "a.yaml:4:5:" in lines[0] and "b.yml:8:13:" in lines[1]
    assert lines[2] == "2 file(s) checked: 2 problem(s)"


def test_clean_summary(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "a.yaml", HEAD + ITEM)
    result = cli("validate", str(tmp_path / "a.yaml"))
    assert (result.code, result.out, result.err) == (0, "1 file(s), 1 item(s): no problems\n", ""), result


def test_duplicate_ids_across_files_name_both_places(ledger: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(ledger / "lists" / "a.yaml", HEAD + ITEM)
    write(ledger / "lists" / "b.yaml", "department: 市财政局\ncode: CZJ\nitems:\n" + "\n" * 2 + ITEM)
    result = cli("validate")
    assert result.code == 1, result
    assert result.err.splitlines()[0] == "lists/b.yaml:6:9: duplicate ID CZJ-001 (also at lists/a.yaml:4:9)"


ROSTER = 'categories = ["疫情防控", "作风"]\n[departments]\nCZJ = "市财政局"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + item(category="疫情防空"), "lists/a.yaml:9:15: category '疫情防空' is not one of 疫情防控、作风 (did you mean '疫情防控'?)"),
        (HEAD + item(category="廉洁"), "lists/a.yaml:9:15: category '廉洁' is not one of 疫情防控、作风"),
        (HEAD.replace("市财政局", "财政局") + ITEM, "lists/a.yaml:1:1: department 财政局 does not match the roster: CZJ is 市财政局"),
        (HEAD.replace("CZJ", "SWJ") + item(id="SWJ-001"), "lists/a.yaml:1:1: department code SWJ is not in the roster of checklist.toml"),
    ],
)
def test_roster_and_categories(ledger: Path, cli, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    (ledger / "checklist.toml").write_text(ROSTER, encoding="utf-8")
    write(ledger / "lists" / "a.yaml", text)
    result = cli("validate")
    assert (result.code, result.err.splitlines()[0]) == (1, expected), result


def test_invalid_item_still_checked_against_the_ledger(ledger: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (ledger / "checklist.toml").write_text(ROSTER, encoding="utf-8")
    write(ledger / "lists" / "a.yaml", HEAD + item(category="疫情防空", owner=None) + item(category="作风"))
    result = cli("validate")
    assert result.err.splitlines()[:3] == [
        "lists/a.yaml:4:5: missing required field 'owner'",
        "lists/a.yaml:8:15: category '疫情防空' is not one of 疫情防控、作风 (did you mean '疫情防控'?)",
        "lists/a.yaml:9:9: duplicate ID CZJ-001 (also at lists/a.yaml:4:9)",
    ], result


def test_evidence_present_and_matching(ledger: Path, cli) -> None:  # type: ignore[no-untyped-def]
    proof = ledger / "evidence" / "CZJ-001-方案.pdf"
    proof.parent.mkdir()
    proof.write_bytes(b"%PDF-1.4 plan")
    digest = hashlib.sha256(proof.read_bytes()).hexdigest()
    closed = item(status="closed", closed_on="2026-11-20", result="已印发方案")
    text = HEAD + closed + f"    evidence:\n      - {{path: evidence/CZJ-001-方案.pdf, sha256: {digest}}}\n"
    text += f"      - {{path: evidence/missing.pdf, sha256: {digest}}}\n"
    write(ledger / "lists" / "a.yaml", text)
    result = cli("validate")
    assert result.err.splitlines()[0] == "lists/a.yaml:4:5: CZJ-001: evidence file evidence/missing.pdf is missing", result
    proof.write_bytes(b"%PDF-1.4 tampered")
    result = cli("validate")
    assert result.code == 1
    assert "CZJ-001: evidence file evidence/CZJ-001-方案.pdf has changed since it was recorded (sha256 differs)" in result.err


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('lists = "lists"\ndue_son_days = 3\n', "checklist.toml:2:1: unknown field 'due_son_days' (did you mean 'due_soon_days'?)"),
        ("due_soon_days = -1\n", "checklist.toml:1:1: due_soon_days: expected a number of days (0-366)"),
        ('auto_commit = "yes"\n', "checklist.toml:1:1: auto_commit: expected true or false"),
        ('lists = "a"\nlists = "b"\n', "checklist.toml:2:12: TOML syntax error: Cannot overwrite a value"),
    ],
)
def test_config_problems(ledger: Path, cli, config: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    (ledger / "checklist.toml").write_text(config, encoding="utf-8")
    result = cli("validate")
    assert result.code == 1, result
    assert result.err.splitlines()[0] == expected, result


def test_one_run_reports_type_problems_and_rules_together(ledger: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = HEAD + item(title="[1, 2]", status="closed", closed_on="2026-11-01", created_on="2026-11-10")
    write(ledger / "lists" / "a.yaml", text)
    write(ledger / "lists" / "b.yaml", "department: 市财政局\ncode: czj\nitems:\n" + ITEM)
    result = cli("validate")
    assert result.err.splitlines()[:5] == [
        "lists/a.yaml:4:5: 'result' is required when status is closed",
        "lists/a.yaml:5:12: title: expected text, found '[1, 2]'",
        "lists/a.yaml:9:16: closed_on 2026-11-01 is before created_on 2026-11-10",
        "lists/b.yaml:2:7: department code 'czj' must be 2-10 capital letters or digits, starting with a letter (e.g. CZJ)",
        "lists/b.yaml:4:9: duplicate ID CZJ-001 (also at lists/a.yaml:4:9)",
    ], result
