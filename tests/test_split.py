"""A version of a list file cut from an earlier cut (git.split.Layout.derive) reads exactly as
the version cut on its own by `split_items`: the same items and their text, the same refusal of
odd layouts, the same words (blobcache.words of its bytes), whatever the edit between them; and
snippets parsed a batch at a time (git.log.Blobs) read as each parsed alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.git.blobcache import words
from checklist.git.split import Layout, split_items

_LINES = [
    "department: 市财政局", "items:", "  - id: CZJ-001", "  - id: CZJ-002  # 备注", "  - id: 'CZJ-003'",
    "    - id: CZJ-004", "- id: FGW-1", "  -  id: CZJ-005\r", "    title: 题", "    note: 见CZJ-001 x-9",
    "    progress:", "      - {date: 2026-11-15, note: 推进}", "", "   ", "\u3000", "  # 说明", "# 顶层",
    "    id: CZJ-006", "  - {id: CZJ-007, title: 题}", "  - title: 无号", "x\ry", "    owner: 王芳\r",
    "code: CZJ", "  - id: CZJ-001",
]

_text = st.lists(st.sampled_from(_LINES), max_size=14).map("\n".join) | st.lists(
    st.sampled_from(_LINES), max_size=14).map(lambda lines: "".join(line + "\n" for line in lines))


def _edit(text: str, start: int, stop: int, new: list[str], newline: bool) -> str:
    lines = text.split("\n")
    start, stop = sorted((start % (len(lines) + 1), stop % (len(lines) + 1)))
    return "\n".join(lines[:start] + new + lines[stop:]) + ("\n" if newline and not text.endswith("\n") else "")


_edits = st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20), st.lists(st.sampled_from(_LINES), max_size=4),
                            st.booleans()), min_size=1, max_size=8)


def _same_as_alone(layout: Layout, text: str) -> None:
    alone = Layout.whole(text)
    assert layout.text == text
    assert layout.items() == split_items(text) == alone.items()
    assert layout.word_list() == words(text.encode()) == alone.word_list()
    assert (layout.ids, layout.snippets, layout.chunks) == (alone.ids, alone.snippets, alone.chunks)
    assert (layout.header, layout.hsize, layout.sizes, layout.starts) == (alone.header, alone.hsize, alone.sizes, alone.starts)


@settings(max_examples=400, deadline=None)
@given(_text, _edits, st.booleans())
def test_a_cut_derived_from_any_earlier_version_reads_as_the_version_alone(first: str, edits: list, words_first: bool) -> None:
    texts = [first]
    for edit in edits:
        texts.append(_edit(texts[-1], *edit))
    layout = Layout.whole(first)
    if words_first:
        layout.word_list()  # the next version's words are then derived from these
    for old, text in zip(texts, texts[1:], strict=False):
        derived = layout.derive(text.encode(), old.encode())
        assert derived is not None
        _same_as_alone(derived, text)
        layout = derived


@settings(max_examples=200, deadline=None)
@given(_text, _text)
def test_a_cut_derived_from_an_unrelated_text_reads_as_the_text_alone(first: str, second: str) -> None:
    base = Layout.whole(first)
    base.word_list()
    derived = base.derive(second.encode(), first.encode())
    assert derived is not None
    _same_as_alone(derived, second)


def test_an_edit_of_one_item_takes_the_others_over_unchanged() -> None:
    head = "department: 市财政局\ncode: CZJ\nitems:\n"
    items = [f"  - id: CZJ-{n:03d}\n    title: 题{n}\n    owner: 王芳\n" for n in range(1, 6)]
    old = Layout.whole(head + "".join(items))
    changed = items.copy()
    changed[2] = changed[2].replace("王芳", "张伟")
    new = old.derive((head + "".join(changed)).encode(), (head + "".join(items)).encode())
    assert new is not None
    assert [a is b for a, b in zip(old.snippets, new.snippets, strict=True)] == [True, True, False, True, True]
    assert new.header is old.header
    assert new.items() == split_items(head + "".join(changed))


def test_a_version_not_utf8_in_its_changed_lines_is_not_cut() -> None:
    text = "code: CZJ\nitems:\n  - id: CZJ-001\n    title: 题\n"
    old = Layout.whole(text)
    assert old.derive(text.replace("题", "问题").encode("gb18030"), text.encode()) is None


_SNIPPETS = [
    "  - id: CZJ-001\n    title: 题\n", "  - id: CZJ-002\n    title: 'unclosed\n", "  - id: CZJ-003\n    title: x\n",
    "  - id: CZJ-004\n    a: &x 1\n    b: *x\n", "  - id: CZJ-005\n    note: |\n      多行\n\n", "  - id: CZJ-006\n    t: 1",
    "    - id: CZJ-007\n      t: 2\n", "  - id: CZJ-008\n  t: 3\n", "  - id: CZJ-009\n---\n", "  - id: CZJ-010\n    t: \"a\n",
    "  - id: CZJ-011\n    t: b\"\n", "  - id: CZJ-012\n    t: {a: 1,\n", "  - id: CZJ-013\n      b: 2}\n", "  - id: CZJ-014\n\tt: 1\n",
    "  - id: CZJ-015\n    progress:\n      - {date: 2026-11-15, note: 推进}\n", "  - id: CZJ-016\n    id: CZJ-017\n",
    "  - id: CZJ-018\n    t: 'a''b'\n", "  - id: CZJ-019\n    t: [1,\n", "  - id: CZJ-020\n    t: 2]\n  # 说明\n",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SNIPPETS), min_size=1, max_size=12, unique=True))
def test_snippets_parsed_in_batches_read_as_each_alone(snippets: list[str]) -> None:
    from pathlib import Path

    from checklist.git.log import Blobs

    ids = {s: s.split("id: ", 1)[1].split("\n", 1)[0] for s in snippets}
    batched, alone = Blobs(Path("."), set()), Blobs(Path("."), set())
    batched._parse_many(ids)
    for snippet, item_id in ids.items():
        assert batched._snippet(snippet, item_id) == alone._snippet(snippet, item_id)
    assert batched._unfit == set() == alone._unfit


def test_a_batch_that_stands_is_taken_and_one_that_does_not_is_left_to_each_alone() -> None:
    from pathlib import Path

    from checklist.git.log import Blobs

    good = {_SNIPPETS[0]: "CZJ-001", _SNIPPETS[2]: "CZJ-003", _SNIPPETS[14]: "CZJ-015"}
    blobs = Blobs(Path("."), set())
    blobs._parse_many(good)
    assert set(blobs._snippets) == set(good)
    assert blobs._snippets[_SNIPPETS[14]] == {"id": "CZJ-015", "progress": [{"date": "2026-11-15", "note": "推进"}]}
    # An unclosed quote reads the next snippet into its title: that batch is not taken.
    blobs = Blobs(Path("."), set())
    blobs._parse_many({_SNIPPETS[1]: "CZJ-002", _SNIPPETS[2]: "CZJ-003"})
    assert blobs._snippets == {}
