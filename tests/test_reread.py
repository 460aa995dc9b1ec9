"""A changed list file read again with its unchanged items taken from its previous cache entry
(ledger/reread.py) reads exactly what a full read reads: the same departments (items, their
positions and facts), the same problems (file:line:col) and the same item marks, whatever the
edit: items changed, added, removed, reordered, comments and blank lines, the header, a file
that becomes invalid, CRLF, a BOM, a quoted text running into the next item."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.domain import validate
from checklist.ledger import cache, reread
from checklist.ledger.index import ready
from test_read_index import _item

HEADER = ["# 第1局的整改清单", "department: 第1局", "code: D1X", "items:"]


def _items(seed: int, n: int, code: str = "D1X") -> list[list[str]]:
    rng = random.Random(seed)
    return [_item(rng, code, k) for k in range(1, n + 1)]


def _text(items: list[list[str]], header: list[str] = HEADER, newline: str = "\n", tail: str = "") -> bytes:
    return (newline.join(header + [line for item in items for line in item]) + newline + tail).encode("utf-8")


def _previous(raw: bytes) -> dict[str, Any]:
    """The file's full cache entry as the cache keeps it (through JSON)."""
    departments, problems, marks = reread.read(raw, "lists/d1x.yaml")
    entry = {"departments": departments, "problems": [p.to_json()[1:] for p in problems]}
    if marks is not None:
        entry["marks"] = marks
    return orjson.loads(orjson.dumps(entry))


def _checked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the items checked from their parse (not taken from the previous entry)."""
    calls: list[int] = []
    real = validate.check_item

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(validate, "check_item", counted)
    return calls


def _same(old: bytes, new: bytes) -> None:
    got = reread.reread(new, "lists/d1x.yaml", _previous(old))
    want = reread.read(new, "lists/d1x.yaml")
    assert got[1] == want[1]  # the problems, located
    assert got[0] == want[0]  # the departments: items, positions, facts
    assert got[2] == want[2]  # the marks the next read reuses


def _note(item: list[str]) -> list[str]:
    return [*item, "    rechecks:", "      - {date: 2026-11-30, by: 督查室, result: ok}"]


ITEMS = _items(5, 30)
# (name, the new items, or a function of the old text giving the new text; how many items at most
# are checked from their parse: None when the file is read in full)
EDITS: list[tuple[str, Any, int | None]] = [
    ("a recheck added to one item", ITEMS[:7] + [_note(ITEMS[7])] + ITEMS[8:], 2),
    ("one item's title changed", ITEMS[:3] + [[ITEMS[3][0], "    title: 新标题", *ITEMS[3][2:]]] + ITEMS[4:], 2),
    ("an item added in the middle", ITEMS[:10] + _items(9, 31)[30:] + ITEMS[10:], 2),
    ("an item removed", ITEMS[:12] + ITEMS[13:], 1),
    ("two items swapped", ITEMS[:4] + [ITEMS[5], ITEMS[4]] + ITEMS[6:], 1),
    ("items reversed", ITEMS[-1:] + ITEMS[-2::-1], 2),
    ("a comment between items", ITEMS[:9] + [[*ITEMS[9], "  # 以下为第二批"]] + ITEMS[10:], 2),
    ("a comment inside an item changed", ITEMS[:2] + [[ITEMS[2][0], "    # 备注", *ITEMS[2][1:]]] + ITEMS[3:], 2),
    ("blank lines between items", ITEMS[:15] + [[*ITEMS[15], "", ""]] + ITEMS[16:], 2),
    ("the last item changed", ITEMS[:-1] + [_note(ITEMS[-1])], 1),
    ("an item appended", ITEMS + _items(9, 31)[30:], 2),
    ("the last item removed", ITEMS[:-1], 1),
    ("the same item twice", ITEMS[:6] + [ITEMS[5]] + ITEMS[6:], 2),
    ("an item in the dash-alone form", ITEMS[:3] + [["  -", "  " + ITEMS[3][0][2:].replace("- ", "  ", 1), *ITEMS[3][1:]]] + ITEMS[4:], None),
    ("an item with a block text", ITEMS[:3] + [[*ITEMS[3], "    result: |", "      第一段", "", "      - 不是条目"]] + ITEMS[4:], None),
    ("an item becomes invalid", ITEMS[:3] + [[line.replace("status: ", "status: x") for line in ITEMS[3]]] + ITEMS[4:], None),
    ("an unknown field", ITEMS[:3] + [[*ITEMS[3], "    colour: red"]] + ITEMS[4:], None),
    ("an unclosed quote", ITEMS[:3] + [[*ITEMS[3][:-1], ITEMS[3][-1] + ' "']] + ITEMS[4:], None),
    ("a quote running into the next item", ITEMS[:3] + [[*ITEMS[3], '    leader: "王'], ['  - 芳"', *ITEMS[4][1:]]] + ITEMS[5:], None),
    ("a flow list left open", ITEMS[:3] + [[*ITEMS[3], "    co_owners: [王芳,"]] + ITEMS[4:], None),
    ("a tab in the indentation", ITEMS[:3] + [[*ITEMS[3], "\tleader: 王芳"]] + ITEMS[4:], None),
    ("a full-width space indentation", ITEMS[:3] + [[*ITEMS[3], "    \u3000leader: 王芳"]] + ITEMS[4:], None),
    ("a full-width colon", ITEMS[:3] + [[*ITEMS[3], "    leader：王芳"]] + ITEMS[4:], None),
    ("a conflict marker", ITEMS[:3] + [["<<<<<<< HEAD", *ITEMS[3]]] + ITEMS[4:], None),
    ("an item indented deeper", ITEMS[:3] + [["  " + line for line in ITEMS[3]]] + ITEMS[4:], None),
    ("an item indented less", ITEMS[:3] + [[line[2:] for line in ITEMS[3]]] + ITEMS[4:], None),
    ("a second document", ITEMS[:3] + [["---", *ITEMS[3]]] + ITEMS[4:], None),
]


@pytest.mark.parametrize(("name", "edit", "most"), EDITS, ids=[e[0] for e in EDITS])
def test_an_edited_file_reads_as_a_full_read(monkeypatch: pytest.MonkeyPatch, name: str, edit: Any, most: int | None) -> None:
    old = _text(ITEMS)
    new = _text(edit)
    _same(old, new)
    previous = _previous(old)
    calls = _checked(monkeypatch)
    reread.reread(new, "lists/d1x.yaml", previous)
    if most is not None:
        assert len(calls) <= most, name  # the other items were taken from the previous entry
    else:
        assert len(calls) >= len(edit) - 1 or reread.read(new, "x")[1], name  # read in full (or has problems)


HEADERS: list[tuple[str, list[str], str, str]] = [
    ("the department renamed", ["department: 第一局", *HEADER[2:]], "", "\n"),
    ("the code changed", ["department: 第1局", "code: D2X", "items:"], "", "\n"),
    ("the header comment removed", HEADER[1:], "", "\n"),
    ("a key after the items", HEADER, "aliases: [一局]\n", "\n"),
    ("a list after the items", HEADER, "notes:\n  - 甲\n", "\n"),
    ("a BOM", ["\ufeff" + HEADER[0], *HEADER[1:]], "", "\n"),
    ("CRLF", HEADER, "", "\r\n"),
    ("a lone CR", HEADER, "# a\rb\n", "\n"),
    ("a line separator", HEADER, "# a\u2028b\n", "\n"),
    ("a list of departments", ["- department: 第1局", "  code: D1X", "  items:"], "", "\n"),
]


@pytest.mark.parametrize(("name", "header", "tail", "newline"), HEADERS, ids=[h[0] for h in HEADERS])
def test_a_changed_header_or_form_reads_as_a_full_read(name: str, header: list[str], tail: str, newline: str) -> None:
    edited = ITEMS[:7] + [_note(ITEMS[7])] + ITEMS[8:]
    nested = header[0].startswith("- ")
    items = [["  " + line for line in item] for item in edited] if nested else edited
    old_items = [["  " + line for line in item] for item in ITEMS] if nested else ITEMS
    for before in (_text(ITEMS), _text(old_items, header, newline, tail)):
        _same(before, _text(items, header, newline, tail))
        _same(_text(items, header, newline, tail), _text(ITEMS))


@pytest.mark.parametrize("tail", ["code: D1X\n", "# 完\n", "code: |-\n  D1X\n", ""])
def test_items_after_what_ended_the_file(tail: str) -> None:
    """The last item's bytes run to the end of the file: read again with items after them (which
    may make the file invalid), they are parsed, never taken from the previous entry."""
    header = HEADER if not tail.startswith("code") else [HEADER[1], HEADER[3]]
    extra = "\n".join(_items(9, 31)[30]) + "\n"
    old = _text(ITEMS, header, tail=tail)
    assert reread.read(old, "x")[1] == []
    _same(old, old + extra.encode())
    _same(old, old + extra.encode() + tail.encode())


def test_a_new_code_checks_every_item_again() -> None:
    """The items' checks read the department's code: with another code none is reused (here only
    the last item, always parsed, has an ID of the new code)."""
    last = [ITEMS[-1][0].replace("D1X", "D2X"), *ITEMS[-1][1:]]
    new = _text(ITEMS[:-1] + [last], ["department: 第1局", "code: D2X", "items:"])
    _same(_text(ITEMS), new)
    assert reread.read(new, "x")[1]


def test_items_at_the_keys_column_reuse_too(monkeypatch: pytest.MonkeyPatch) -> None:
    flat = [[line[2:] for line in item] for item in ITEMS]
    edited = flat[:7] + [[line[2:] for line in _note(ITEMS[7])]] + flat[8:]
    _same(_text(flat), _text(edited))
    previous = _previous(_text(flat))
    calls = _checked(monkeypatch)
    reread.reread(_text(edited), "lists/d1x.yaml", previous)
    assert len(calls) <= 2


def test_a_previous_entry_with_problems_or_damaged_is_not_reused() -> None:
    bad = _text(ITEMS[:3] + [[line.replace("status: ", "status: x") for line in ITEMS[3]]] + ITEMS[4:])
    _same(bad, _text(ITEMS))
    entry = _previous(_text(ITEMS))
    entry["marks"]["digests"] = entry["marks"]["digests"][:-1]
    assert reread.reread(_text(ITEMS[1:]), "x", entry) == reread.read(_text(ITEMS[1:]), "x")
    entry["marks"] = "damaged"
    assert reread.reread(_text(ITEMS[1:]), "x", entry) == reread.read(_text(ITEMS[1:]), "x")


# Lines a clerk (or a bad merge) may put anywhere in an item.
ODD_LINES = ["    # 注释", "", "  # 浅注释", '    leader: "王', "    leader: '王", "    result: |", "      - 文字",
             "  - ", "  -", "    co_owners: [王芳,", "    co_owners: {", "\tleader: 王芳", "    leader：王芳",
             "    \u3000leader: 王芳", "<<<<<<< HEAD", "---", "  - 0", "    status: 开", "    percent: 101",
             "    rechecks:", "      - {date: 2026-11-30, by: 督查室, result: ok}", "- id: X", "    - id: Y", "...",
             "    title: &a 锚", "    leader: *a"]

operation = st.one_of(
    st.tuples(st.just("line"), st.integers(0, 60), st.integers(0, 40), st.sampled_from(ODD_LINES)),
    st.tuples(st.just("drop"), st.integers(0, 60), st.integers(0, 40), st.just("")),
    st.tuples(st.just("move"), st.integers(0, 60), st.integers(0, 60), st.just("")),
    st.tuples(st.just("copy"), st.integers(0, 60), st.integers(0, 60), st.just("")),
    st.tuples(st.just("remove"), st.integers(0, 60), st.just(0), st.just("")),
    st.tuples(st.just("new"), st.integers(0, 60), st.integers(0, 10_000), st.just("")),
)


def _apply(items: list[list[str]], ops: list[tuple[str, int, int, str]]) -> list[list[str]]:
    items = [list(item) for item in items]
    for kind, i, j, line in ops:
        if not items:
            items = _items(1, 1)
        at = i % len(items)
        if kind == "line":
            items[at].insert(j % (len(items[at]) + 1), line)
        elif kind == "drop" and len(items[at]) > 1:
            del items[at][1 + j % (len(items[at]) - 1)]
        elif kind == "move":
            items.insert(j % len(items), items.pop(at))
        elif kind == "copy":
            items.insert(j % (len(items) + 1), list(items[at]))
        elif kind == "remove":
            del items[at]
        elif kind == "new":
            items.insert(at, _items(j, 1)[0])
    return items


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 50), n=st.integers(1, 12), before=st.lists(operation, max_size=3),
       after=st.lists(operation, max_size=4), crlf=st.booleans())
def test_any_edit_reads_as_a_full_read(seed: int, n: int, before: list[Any], after: list[Any], crlf: bool) -> None:
    old_items = _apply(_items(seed, n), before)
    newline = "\r\n" if crlf else "\n"
    old = _text(old_items, newline=newline)
    new = _text(_apply(old_items, after), newline=newline)
    _same(old, new)


def test_a_morning_through_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the cache: each changed file read again reads what a read without cache reads,
    and its new entries are those a full read writes."""
    path = tmp_path / "d1x.yaml"
    texts = [_text(ITEMS), _text(ITEMS[:7] + [_note(ITEMS[7])] + ITEMS[8:]),
             _text(ITEMS[:3] + [[line.replace("status: ", "status: x") for line in ITEMS[3]]] + ITEMS[4:]),
             _text(ITEMS[:-2]), _text(ITEMS[1:] + ITEMS[:1])]
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(tmp_path / "cache"))
    calls = _checked(monkeypatch)
    for number, text in enumerate(texts):
        path.write_bytes(text)
        calls.clear()
        got = [cache.load_file(path, "d1x.yaml"), cache.load_compact(path, "d1x.yaml")]
        if number in (1, 4):  # the unchanged items came from the previous entry (but the last of either)
            assert len(calls) <= {1: 2, 4: 4}[number], number
        entries = [cache._open_entry(path.resolve(), kind) for kind in ("files", "index")]
        monkeypatch.setenv("CHECKLIST_CACHE_DIR", "")
        want = [cache.load_file(path, "d1x.yaml"), cache.load_compact(path, "d1x.yaml")]
        monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(tmp_path / f"fresh{number}"))
        cache._load(path, "d1x.yaml", compact=True)
        fresh = [cache._open_entry(path.resolve(), kind) for kind in ("files", "index")]
        monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(tmp_path / "cache"))
        for a, b in zip(got, want, strict=True):
            assert ([ready(d) for d in a.departments], a.problems) == ([ready(d) for d in b.departments], b.problems)
        for a, b in zip(entries, fresh, strict=True):
            assert a is not None and b is not None
            for d in (*a["departments"], *b["departments"]):
                ready(d)
            assert {k: v for k, v in a.items() if k != "written"} == {k: v for k, v in b.items() if k != "written"}
