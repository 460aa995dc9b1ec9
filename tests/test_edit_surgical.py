"""Editing commands change only the lines of the item they touch, byte for byte."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

# Every edit here runs on both ways of finding the item: cached positions and a full parse.
pytestmark = pytest.mark.usefixtures("both_read_paths")

INDENTED = """\
# 市财政局整改清单（手工维护）
department: 市财政局
code: CZJ

items:
  - id: CZJ-001   # 第一项
    title: "部分干部常态化疫情防控思想松懈"
    owner: 王芳
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-02
    # 措施由分管领导审定
    measures: |
      一、制定专项方案
      二、开展警示教育
    progress:
      - {date: 2026-11-15, note: 已召开专题会议}

  - id: CZJ-002
    title: 非税收入未做到应收尽收
    owner: 李强
    deadline: 2026-11-30
    status: closed
    created_on: 2026-11-02
    closed_on: 2026-11-20
    result: 已全面清理
# 文件结束
"""

FLUSH = """\
department: 市财政局
code: CZJ
items:
- id: CZJ-001
  title: 部分干部常态化疫情防控思想松懈
  owner: 王芳
  deadline: 2026-12-31
  status: open
  created_on: 2026-11-02
  progress:
  - date: 2026-11-15
    note: 已召开专题会议
- id: CZJ-002
  title: '非税收入未做到应收尽收'
  owner: 李强
  deadline: 2026-11-30
  status: closed
  created_on: 2026-11-02
  closed_on: 2026-11-20
  result: 已全面清理
"""

VARIANTS = {
    "indented": (INDENTED, "\n", b""),
    "flush": (FLUSH, "\n", b""),
    "crlf": (INDENTED, "\r\n", b""),
    "bom-crlf-flush": (FLUSH, "\r\n", b"\xef\xbb\xbf"),
}


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")


def _setup(ledger: Path, variant: str) -> tuple[Path, bytes]:
    text, nl, bom = VARIANTS[variant]
    raw = bom + text.replace("\n", nl).encode("utf-8")
    path = ledger / "lists" / "CZJ.yaml"
    path.write_bytes(raw)
    return path, raw


def _diff(before: bytes, after: bytes) -> list[str]:
    """The changed lines as a unified diff without context (line endings included)."""
    old = before.decode("utf-8").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    return [line for line in difflib.unified_diff(old, new, n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _check(path: Path, before: bytes, expected: list[str], variant: str) -> None:
    after = path.read_bytes()
    nl = VARIANTS[variant][1]
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    assert _diff(before, after) == [line.replace("\n", nl) for line in expected]


def _pad(variant: str, line: str) -> str:
    """A line written for the indented style, as the flush style writes it."""
    if variant not in ("flush", "bom-crlf-flush"):
        return line
    if line.startswith("      - "):
        return line[4:]  # nested entries: dash at the key column
    if line.startswith("  "):
        return line[2:]
    return line


@pytest.mark.parametrize("variant", VARIANTS)
def test_add_appends_lines_only(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    result = cli("add", "--dept", "czj", "--title", "台账: 不全", "--owner", "赵六", "--deadline", "2026年12月底",
                 "--partner", "市发展和改革委员会", "--measures", "一、建立台账\n二、逐项销号")
    assert result.code == 0, result
    assert result.out == "CZJ-003\n"
    lines = [
        "+  - id: CZJ-003\n", "+    title: '台账: 不全'\n", "+    owner: 赵六\n", "+    deadline: 2026-12-31\n",
        "+    status: open\n", "+    created_on: 2026-11-25\n", "+    partners: [市发展和改革委员会]\n",
        "+    measures: |-\n", "+      一、建立台账\n", "+      二、逐项销号\n",
    ]
    _check(path, before, ["+" + _pad(variant, line[1:]) for line in lines], variant)
    text = path.read_bytes().decode("utf-8-sig")
    assert text.index("CZJ-003") > text.index("已全面清理")
    if variant == "indented":
        assert text.endswith("二、逐项销号\n# 文件结束\n")


@pytest.mark.parametrize("variant", VARIANTS)
def test_close_with_comment_in_item(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    evidence = ledger / "evidence" / "方案.pdf"
    evidence.parent.mkdir()
    evidence.write_bytes(b"%PDF-1.4 test")
    result = cli("close", "CZJ-001", "--result", "已制定方案并落实", "--date", "2026/11/24", "--evidence", "evidence/方案.pdf")
    assert result.code == 0, result
    import hashlib

    digest = hashlib.sha256(b"%PDF-1.4 test").hexdigest()
    status = _pad(variant, "    status: open\n")
    closed = _pad(variant, "    status: closed\n")
    tail = [_pad(variant, line) for line in (
        "    closed_on: 2026-11-24\n", "    result: 已制定方案并落实\n", "    evidence:\n",
        f"      - {{path: evidence/方案.pdf, sha256: {digest}}}\n",
    )]
    expected = ["-" + status, "+" + closed, *("+" + line for line in tail)]
    _check(path, before, expected, variant)
    assert cli("validate").code == 0


@pytest.mark.parametrize("variant", VARIANTS)
def test_note_appends_in_the_existing_style(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    assert cli("note", "czj-001", "已完成阶段性整改任务", "--date", "2026年11月20日").code == 0
    if variant in ("flush", "bom-crlf-flush"):
        expected = ["+  - date: 2026-11-20\n", "+    note: 已完成阶段性整改任务\n"]
    else:
        expected = ["+      - {date: 2026-11-20, note: 已完成阶段性整改任务}\n"]
    _check(path, before, expected, variant)


@pytest.mark.parametrize("variant", VARIANTS)
def test_extend_moves_deadline_and_records(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    result = cli("extend", "CZJ-001", "--to", "2027-03-31", "--reason", "涉及跨部门协调", "--approved-by", "市委督查室")
    assert result.code == 0, result
    expected = [
        "-" + _pad(variant, "    deadline: 2026-12-31\n"),
        "+" + _pad(variant, "    deadline: 2027-03-31\n"),
        "+" + _pad(variant, "    extensions:\n"),
        "+" + _pad(variant, "      - {date: 2026-11-25, from: 2026-12-31, to: 2027-03-31, reason: 涉及跨部门协调, approved_by: 市委督查室}\n"),
    ]
    _check(path, before, expected, variant)


@pytest.mark.parametrize("variant", VARIANTS)
def test_reopen_then_verify(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    assert cli("verify", "CZJ-002", "--by", "市委督查室", "--date", "2026-11-24").code == 0
    expected = [
        "-" + _pad(variant, "    status: closed\n"), "+" + _pad(variant, "    status: verified\n"),
        "+" + _pad(variant, "    verified_on: 2026-11-24\n"), "+" + _pad(variant, "    verified_by: 市委督查室\n"),
    ]
    _check(path, before, expected, variant)
    middle = path.read_bytes()
    assert cli("reopen", "CZJ-002", "--reason", "回访发现问题反弹").code == 0
    expected = [
        "-" + _pad(variant, "    status: verified\n"), "+" + _pad(variant, "    status: open\n"),
        "-" + _pad(variant, "    closed_on: 2026-11-20\n"), "-" + _pad(variant, "    result: 已全面清理\n"),
        "-" + _pad(variant, "    verified_on: 2026-11-24\n"), "-" + _pad(variant, "    verified_by: 市委督查室\n"),
        "+" + _pad(variant, "    reopenings:\n"),
        "+" + _pad(variant, "      - {date: 2026-11-25, reason: 回访发现问题反弹, closed_on: 2026-11-20, result: 已全面清理, verified_on: 2026-11-24, verified_by: 市委督查室}\n"),
    ]
    assert sorted(_diff(middle, path.read_bytes())) == sorted(line.replace("\n", VARIANTS[variant][1]) for line in expected)


@pytest.mark.parametrize("variant", VARIANTS)
def test_update_keeps_quotes_style_and_comments(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    result = cli("update", "CZJ-001", "--owner", "赵六", "--source", "服务发展创优环境汇报会")
    assert result.code == 0, result
    expected = [
        "-" + _pad(variant, "    owner: 王芳\n"), "+" + _pad(variant, "    owner: 赵六\n"),
        "+" + _pad(variant, "    source: 服务发展创优环境汇报会\n"),
    ]
    _check(path, before, expected, variant)


def test_update_multiline_measures_replaced_whole(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, "indented")
    assert cli("update", "CZJ-001", "--measures", "建立台账，逐项销号").code == 0
    assert _diff(before, path.read_bytes()) == [
        "-    measures: |\n", "-      一、制定专项方案\n", "-      二、开展警示教育\n", "+    measures: 建立台账，逐项销号\n",
    ]
    assert "    # 措施由分管领导审定\n" in path.read_text(encoding="utf-8")


def test_add_creates_department_file_from_roster(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    (ledger / "checklist.toml").write_text('lists = "lists"\n[departments]\nFGW = "市发展和改革委员会"\n', encoding="utf-8")
    result = cli("add", "--dept", "市发展和改革委员会", "--title", "招商引资项目跟踪服务不到位", "--owner", "张伟", "--deadline", "+1m")
    assert result.code == 0, result
    assert result.out == "FGW-001\n"
    assert (ledger / "lists" / "FGW.yaml").read_text(encoding="utf-8") == (
        "department: 市发展和改革委员会\ncode: FGW\nitems:\n  - id: FGW-001\n    title: 招商引资项目跟踪服务不到位\n"
        "    owner: 张伟\n    deadline: 2026-12-25\n    status: open\n    created_on: 2026-11-25\n"
    )
    assert cli("add", "--dept", "fgw", "--title", "第二", "--owner", "张伟", "--deadline", "+1m").out == "FGW-002\n"


def test_add_keeps_padding_and_never_reuses_below_max(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(
        "department: 市财政局\ncode: CZJ\nitems: []  # 暂无问题\n", encoding="utf-8",
    )
    assert cli("add", "--dept", "CZJ", "--title", "甲", "--owner", "王芳", "--deadline", "+1m").out == "CZJ-001\n"
    assert path.read_text(encoding="utf-8").startswith("department: 市财政局\ncode: CZJ\nitems:  # 暂无问题\n  - id: CZJ-001\n")
    text = path.read_text(encoding="utf-8").replace("CZJ-001", "CZJ-0041")
    path.write_text(text, encoding="utf-8")
    assert cli("add", "--dept", "CZJ", "--title", "乙", "--owner", "王芳", "--deadline", "+1m").out == "CZJ-0042\n"


def test_cache_after_edit_matches_a_fresh_read(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    from checklist.ledger import cache as store
    from checklist.ledger.disk import parse_bytes

    path, _ = _setup(ledger, "crlf")
    assert cli("validate").code == 0
    steps = [
        ("note", "CZJ-001", "进展"), ("update", "CZJ-001", "--measures", "短"),
        ("add", "--dept", "CZJ", "--title", "丙", "--owner", "王芳", "--deadline", "+1m"),
        ("close", "CZJ-001", "--result", "好"), ("reopen", "CZJ-001", "--reason", "再查"),
    ]
    for step in steps:
        assert cli(*step).code == 0
        cached = store.load_file(path, "lists/CZJ.yaml").departments
        fresh, problems = parse_bytes(path.read_bytes(), "lists/CZJ.yaml")
        assert problems == []
        assert cached == fresh, step


@pytest.mark.parametrize("step", [("close", "CZJ-001", "--result", "已整改", "--date", "2026-11-24"),
                                  ("add", "--dept", "CZJ", "--title", "丙", "--owner", "王芳", "--deadline", "+1m")],
                         ids=["edit", "add"])
def test_wrong_cached_positions_fall_back_to_a_full_parse(cli, ledger: Path, step: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """A cache entry whose positions point at the wrong lines (the file itself unchanged, so
    the entry still looks fresh) never misplaces an edit: the file is parsed whole instead."""
    import orjson

    from checklist.ledger import cache as store

    path, _ = _setup(ledger, "indented")
    assert cli("validate").code == 0
    entry_path = store._entry_path(path.resolve())
    assert entry_path is not None and entry_path.exists()
    entry = orjson.loads(entry_path.read_bytes())
    for dept in entry["departments"]:
        dept["pos"] = [[p[0] + 1, *p[1:]] for p in dept["pos"]]
    entry_path.write_bytes(orjson.dumps(entry))
    expected = ledger.parent / "expected"
    (expected / "lists").mkdir(parents=True)
    (expected / "checklist.toml").write_text('lists = "lists"\n', encoding="utf-8")
    (expected / "lists" / "CZJ.yaml").write_bytes(path.read_bytes())
    assert cli("--root", str(expected), *step, "--no-commit").code == 0  # the same edit on a true cache
    result = cli(*step, "--no-commit")
    assert result.code == 0, result
    assert path.read_bytes() == (expected / "lists" / "CZJ.yaml").read_bytes()


FLOW = (
    "department: 市财政局\r\ncode: CZJ\r\nitems:\r\n"
    "- {id: CZJ-001, title: 流式问题, owner: 李四, deadline: 2026-12-31, status: open}  # 手写\r\n"
    "# 注释\r\n"
    "- id: CZJ-002\r\n  title: 块状问题\r\n  owner: 张三\r\n  deadline: 2026-12-31\r\n  status: open\r\n"
)


@pytest.mark.parametrize("warm", [True, False], ids=["cached", "full parse"])
def test_a_one_line_item_becomes_block_style_when_edited(ledger: Path, cli, monkeypatch: pytest.MonkeyPatch, warm: bool) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-29")
    path = ledger / "lists" / "czj.yaml"
    path.write_bytes(FLOW.encode())
    if warm:
        assert cli("validate").code == 0
    result = cli("note", "CZJ-001", "已召开专题会议", "--no-commit")
    assert result.code == 0, result
    assert path.read_bytes().decode() == (
        "department: 市财政局\r\ncode: CZJ\r\nitems:\r\n"
        "- id: CZJ-001  # 手写\r\n  title: 流式问题\r\n  owner: 李四\r\n  deadline: 2026-12-31\r\n  status: open\r\n"
        "  progress:\r\n  - {date: 2026-11-29, note: 已召开专题会议}\r\n"
        "# 注释\r\n"
        "- id: CZJ-002\r\n  title: 块状问题\r\n  owner: 张三\r\n  deadline: 2026-12-31\r\n  status: open\r\n"
    )
    assert cli("validate").code == 0


def test_a_back_dated_note_goes_in_date_order(ledger: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-29")
    path = ledger / "lists" / "czj.yaml"
    before = (
        "department: 市财政局\ncode: CZJ\nitems:\n  - id: CZJ-001\n    title: 块状\n    owner: 张三\n"
        "    deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-01\n    progress:\n"
        "      - {date: 2026-11-10, note: 一}\n      - {date: 2026-11-20, note: 三}   # 已逾期\n    measures: x\n"
    )
    path.write_text(before, encoding="utf-8")
    assert cli("note", "CZJ-001", "二", "--date", "2026-11-15", "--no-commit").code == 0
    assert path.read_text(encoding="utf-8") == before.replace(
        "      - {date: 2026-11-20", "      - {date: 2026-11-15, note: 二}\n      - {date: 2026-11-20")
