"""yamldoc: style detection, item spans, rendering, and line edits of one item."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.domain.fields import ITEM_FIELDS
from checklist.yamldoc import document as layout
from checklist.yamldoc import emit
from checklist.yamldoc.document import Style
from checklist.yamldoc.parse import parse_text
from checklist.yamldoc.patch import ItemText

INDENTED = """\
# 市财政局整改清单
department: 市财政局
code: CZJ
items:
  - id: CZJ-001   # 第一项
    title: 部分干部思想松懈
    owner: 王芳
    deadline: 2026-12-31
    status: open
    measures: |
      一、制定方案
      二、开展培训
    progress:
      - {date: 2026-11-15, note: 已召开专题会议}

  # 以下为第二项
  - id: CZJ-002
    title: '台账不全'
    owner: 李强
    deadline: 2026-11-30
    status: open
# 文件结束
"""

FLUSH = """\
department: 市财政局
code: CZJ
items:
- id: CZJ-001
  title: 部分干部思想松懈
  owner: 王芳
  deadline: 2026-12-31
  status: open
  progress:
  - {date: 2026-11-15, note: 已召开专题会议}
- id: CZJ-002
  title: 台账不全
  owner: 李强
  deadline: 2026-11-30
  status: open
"""

CONSOLIDATED = """\
- department: 市财政局
  code: CZJ
  items:
  - id: CZJ-001
    title: 甲
    owner: 王芳
    deadline: 2026-12-31
    status: open
- department: 市发展和改革委员会
  code: FGW
  items:
    - id: FGW-001
      title: 乙
      owner: 张伟
      deadline: 2026-12-31
      status: open
"""


def _spans(text: str, base: tuple = ()) -> tuple[list[str], list[layout.Span]]:
    lines = layout.split_lines(text)
    return lines, layout.item_spans(lines, parse_text(text, "f"), base)


def test_split_lines_keeps_endings() -> None:
    assert layout.split_lines("a\r\nb\nc") == ["a\r\n", "b\n", "c"]
    assert layout.join(layout.split_lines("a\r\nb\n")) == "a\r\nb\n"


@pytest.mark.parametrize(
    ("text", "style"),
    [
        (INDENTED, Style("\n", False, 2, 2)),
        (FLUSH, Style("\n", False, 0, 2)),
        (INDENTED.replace("\n", "\r\n"), Style("\r\n", False, 2, 2)),
        ("\ufeff" + FLUSH, Style("\n", True, 0, 2)),
        (CONSOLIDATED, Style("\n", False, 0, 2)),
        ("department: 甲\ncode: JJ\nitems: []\n", Style("\n", False, 2, 2)),
    ],
)
def test_detect_style(text: str, style: Style) -> None:
    assert layout.detect_style(text, parse_text(text.lstrip("\ufeff"), "f")) == style


def test_spans_indented_comments_belong_to_item_before() -> None:
    lines, spans = _spans(INDENTED)
    assert [(s.start, s.end, s.dash_col, s.key_col) for s in spans] == [(4, 16, 2, 4), (16, 21, 2, 4)]
    assert lines[15] == "  # 以下为第二项\n"
    assert lines[21] == "# 文件结束\n"  # trailing content stays outside


def test_spans_flush_and_consolidated() -> None:
    _, spans = _spans(FLUSH)
    assert [(s.start, s.end, s.dash_col) for s in spans] == [(3, 10, 0), (10, 15, 0)]
    _, first = _spans(CONSOLIDATED, (0,))
    _, second = _spans(CONSOLIDATED, (1,))
    assert [(s.start, s.end) for s in first] == [(3, 8)]
    assert [(s.start, s.end, s.key_col) for s in second] == [(11, 16, 6)]


def test_render_item_in_both_styles() -> None:
    item = {
        "status": "open", "id": "CZJ-003", "title": "yes", "owner": "王芳",
        "deadline": date(2026, 12, 31), "partners": ["市发展和改革委员会"],
        "measures": "一、制定方案\n二、开展培训", "source": "会议: 汇报",
        "progress": [{"date": date(2026, 11, 15), "note": "已召开专题会议"}],
    }
    assert emit.render_item(item, Style(seq_offset=2), 2, ITEM_FIELDS) == [
        "  - id: CZJ-003\n",
        "    title: 'yes'\n",
        "    owner: 王芳\n",
        "    deadline: 2026-12-31\n",
        "    status: open\n",
        "    source: '会议: 汇报'\n",
        "    partners: [市发展和改革委员会]\n",
        "    measures: |-\n",
        "      一、制定方案\n",
        "      二、开展培训\n",
        "    progress:\n",
        "      - {date: 2026-11-15, note: 已召开专题会议}\n",
    ]
    flush = emit.render_item({"id": "A-001", "progress": [{"date": date(2026, 1, 2), "note": "a, b"}]}, Style("\r\n", seq_offset=0), 0, ITEM_FIELDS)
    assert flush == ["- id: A-001\r\n", "  progress:\r\n", "  - {date: 2026-01-02, note: 'a, b'}\r\n"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("已召开专题会议", "已召开专题会议"),
        ("2026-12-31", "'2026-12-31'"),
        ("123", "'123'"),
        ("null", "'null'"),
        ("no", "'no'"),
        ("- 列表", "'- 列表'"),
        ("a: b", "'a: b'"),
        ("'引号'", '"\'引号\'"'),
        ("a #b", "'a #b'"),
        (" 前导空格", "' 前导空格'"),
        ("制表\t符", '"制表\\t符"'),
        (date(2026, 1, 2), "2026-01-02"),
    ],
)
def test_scalar(value: object, text: str) -> None:
    assert emit.scalar(value) == text
    if isinstance(value, str):
        assert parse_text(f"k: {text}\n", "f").data == {"k": value}


def _item(text: str, index: int = 0) -> tuple[ItemText, list[str], layout.Span]:
    lines, spans = _spans(text)
    span = spans[index]
    style = layout.detect_style(text, parse_text(text, "f"))
    return ItemText(lines[span.start:span.end], span.dash_col, span.key_col, style), lines, span


def test_set_field_keeps_comment_and_inserts_in_order() -> None:
    item, _, _ = _item(INDENTED)
    item.set_field("id", "CZJ-009", ITEM_FIELDS)
    item.set_field("status", "closed", ITEM_FIELDS)
    item.set_field("closed_on", date(2026, 12, 1), ITEM_FIELDS)
    item.set_field("result", "已完成", ITEM_FIELDS)
    out = item.result()
    assert out[0] == "  - id: CZJ-009   # 第一项\n"
    assert out[4] == "    status: closed\n"
    assert out[-4:] == ["    closed_on: 2026-12-01\n", "    result: 已完成\n", "\n", "  # 以下为第二项\n"]


def test_set_multiline_value_replaced_whole() -> None:
    item, _, _ = _item(INDENTED)
    item.set_field("measures", "新措施", ITEM_FIELDS)
    assert "    measures: 新措施\n" in item.result()
    assert "      二、开展培训\n" not in item.result()


def test_remove_field() -> None:
    item, _, _ = _item(INDENTED)
    item.remove_field("measures")
    item.remove_field("progress")
    assert item.result() == [
        "  - id: CZJ-001   # 第一项\n", "    title: 部分干部思想松懈\n", "    owner: 王芳\n",
        "    deadline: 2026-12-31\n", "    status: open\n", "\n", "  # 以下为第二项\n",
    ]


@pytest.mark.parametrize("text", [INDENTED, FLUSH])
def test_append_entry_matches_existing(text: str) -> None:
    item, _, _ = _item(text)
    item.append_entry("progress", {"date": date(2026, 11, 20), "note": "已整改"}, ITEM_FIELDS)
    out = item.result()
    old = next(line for line in out if "已召开专题会议" in line)
    new = next(line for line in out if "已整改" in line)
    assert new == old.replace("2026-11-15", "2026-11-20").replace("已召开专题会议", "已整改")
    assert out.index(new) == out.index(old) + 1


def test_append_entry_creates_field_and_handles_flow() -> None:
    text = "department: 甲\ncode: JJ\nitems:\n- id: JJ-001\n  progress: []\n  status: open"
    item, _, _ = _item(text)
    item.append_entry("progress", {"date": date(2026, 1, 1), "note": "甲"}, ITEM_FIELDS)
    item.append_entry("extensions", {"date": date(2026, 1, 1), "from": date(2026, 1, 2), "to": date(2026, 2, 1), "reason": "乙"}, ITEM_FIELDS)
    assert item.result() == [
        "- id: JJ-001\n", "  progress:\n", "  - {date: 2026-01-01, note: 甲}\n", "  status: open\n",
        "  extensions:\n", "  - {date: 2026-01-01, from: 2026-01-02, to: 2026-02-01, reason: 乙}",
    ]


@pytest.mark.parametrize("text", [INDENTED, FLUSH, CONSOLIDATED, INDENTED.replace("\n", "\r\n"),
                                  "items:\n- id: A-001\n  t: 1\n\n# shallow\n  # deep\n- id: A-002\n  t: 2\n\n\n# end\n"],
                         ids=["indented", "flush", "consolidated", "crlf", "comments"])
def test_the_text_form_of_the_splitter_cuts_where_the_line_form_does(text: str) -> None:
    """History cuts blobs by offsets (item_slices), edits and merges by lines (spans_from_starts): one rule."""
    parsed = parse_text(text, "f")
    lines = layout.split_lines(text)
    starts = [start for base in layout.department_bases(parsed) for start in layout.item_starts(parsed, base)]
    spans = layout.spans_from_starts(lines, starts)
    offsets = [sum(len(line) for line in lines[:row]) for row in range(len(lines) + 1)]
    heads = [(offsets[span.start], span.dash_col) for span in spans]
    assert layout.item_slices(text, heads) == [(offsets[span.start], offsets[span.end]) for span in spans]


_TEXT = st.text(alphabet=st.sampled_from(list("ab 0:#-,[]{}'\"\t\n\r.+~!&*|>%@`?\u3000\u2028\x85\ufeff\x7f\x01整改yYnN")), max_size=8)


@settings(max_examples=400, deadline=None)
@given(text=_TEXT | st.text(max_size=6))
def test_any_text_reads_back_as_written(text: str) -> None:
    """A scalar written plain, quoted or as a block reads back as the same string, in block
    and in flow context (the quick checks of needs_quotes never let a wrong plain through)."""
    assert parse_text(f"k: {emit.scalar(text)}\n", "f").data == {"k": text}
    assert parse_text(f"k: {emit.flow_mapping({'note': text})}\n", "f").data == {"k": {"note": text}}
    assert parse_text("".join(emit.render_field("k", text, Style(), 0)), "f").data == {"k": text}
