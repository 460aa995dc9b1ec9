"""A changed list file read again, its unchanged items taken from its previous cache entry.

After a `git pull` a fifth of the list files may have changed, most by an item or two;
parsing and checking a 1,000-item file costs ~150 ms, nearly all of it in items whose
bytes did not change. So a full cache entry also keeps its file's item marks (`marks`):
the column of the items' dashes, per item the line of its dash and a digest of its bytes
(from its dash line to the next item's). Reading the file again, each item whose bytes
are those of an item of the previous entry, and which is not the last item of either,
is left out: each run of such items is replaced by one placeholder of as many lines (`- 0`
and blank lines), the rest is parsed and checked as usual, and each placeholder takes the
previous entry's items, facts and positions (lines shifted).

Why this reads exactly what a full read would: in block context the scanner and
parser are in one and the same state at the dash of every entry of a sequence (no flow
level, no pending key, the indents of the root mapping and the sequence); an item's
bytes, read from that state up to a dash at the sequence's column, give the same events
wherever they stand. The previous read showed each reused item doing so (it had another
item after it); this read shows the same for the header, the changed items and the
placeholders (its items are at exactly the dash lines). The checks of one item read only
the item and its department's code (kept equal). Anything unusual (a file with problems,
before or now; several departments; other line breaks than LF or CRLF; a changed code or
root column) is read in full, so problems are always those of a full read.
"""

from __future__ import annotations

import hashlib
from typing import Any

from checklist.problems import Problem

# Characters libyaml also counts as line breaks: a file holding them (or a lone CR) is
# read in full, as line numbers here count LF only.
_OTHER_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")

Read = tuple[list[dict[str, Any]], list[Problem], dict[str, Any] | None]


def read(raw: bytes, display: str) -> Read:
    """Decode, parse and check a list file in full: its departments, problems and item marks."""
    from checklist.domain.validate import check_parsed
    from checklist.yamldoc.parse import decode, parse_text

    text, problem = decode(raw, display)
    if text is None:
        assert problem is not None
        return [], [problem], None
    parsed = parse_text(text, display)
    departments, problems = check_parsed(parsed, display)
    found = None
    if not problems and isinstance(parsed.data, dict) and len(departments) == 1:
        found = _marks(raw, departments[0])
    return departments, problems, found


def reread(raw: bytes, display: str, previous: dict[str, Any] | None) -> Read:
    """As `read`, reusing the unchanged items of `previous` (the file's last full cache entry)."""
    try:
        plan = _plan(raw, previous) if previous is not None else None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        plan = None  # an entry of an unexpected shape is not reused
    if plan is None:
        return read(raw, display)
    reduced, placed, kept, marks = plan
    from checklist.domain.validate import check_parsed
    from checklist.yamldoc.parse import decode, parse_text

    text, _ = decode(reduced, display)
    if text is None:
        return read(raw, display)
    parsed = parse_text(text, display)
    data = parsed.data
    if parsed.problems or not isinstance(data, dict) or not _placed(parsed, placed, kept):
        return read(raw, display)
    if str(data.get("code", "")) != marks["code"] or parsed.where(())[1] != marks["root"]:
        return read(raw, display)
    departments, problems = check_parsed(parsed, display, kept)
    if problems or len(departments) != 1:
        return read(raw, display)
    return departments, problems, marks


def _plain_breaks(raw: bytes) -> bool:
    cr = raw.count(b"\r")
    return (cr == 0 or cr == raw.count(b"\r\n")) and not any(b in raw for b in _OTHER_BREAKS)


def _digest(chunk: bytes) -> str:
    return hashlib.blake2b(chunk, digest_size=16).hexdigest()


def _split(raw: bytes, col: int) -> tuple[list[int], list[int]]:
    """The byte offsets and (1-based) lines of every line that starts a block sequence entry
    at `col`: exactly col spaces, a dash, then a blank or the end of the line."""
    dash = b" " * col + b"-"
    starts = [0] if raw.startswith(dash) else []
    at = raw.find(b"\n" + dash)
    while at >= 0:
        starts.append(at + 1)
        at = raw.find(b"\n" + dash, at + 1)
    offsets = [a for a in starts if raw[a + col + 1:a + col + 2] in (b" ", b"\r", b"\n", b"")]
    rows = []
    row, last = 1, 0
    for at in offsets:
        row += raw.count(b"\n", last, at)
        last = at
        rows.append(row)
    return offsets, rows


def _shifted(position: list[int], shift: int) -> list[int]:
    """An item's position (domain.validate.item_position: pairs of line and column, a line
    of 0 for what is absent) moved down `shift` lines."""
    moved = position[:]
    for k in range(0, len(moved), 2):
        if moved[k]:
            moved[k] += shift
    return moved


def _marks(raw: bytes, dept: dict[str, Any]) -> dict[str, Any] | None:
    """The item marks of a file read without problems, its one department `dept` the root
    mapping; None when its items do not start exactly on the lines of its dashes."""
    pos = dept["pos"]
    if not pos or dept.get("invalid") or dept.get("broken") or not _plain_breaks(raw):
        return None
    first = pos[0][0]
    start = 0
    for _ in range(first - 1):
        start = raw.index(b"\n", start) + 1
    line = raw[start:raw.find(b"\n", start)]
    col = len(line) - len(line.lstrip(b" "))
    offsets, rows = _split(raw, col)
    if rows != [p[0] for p in pos]:
        return None
    ends = [*offsets[1:], len(raw)]
    return {"col": col, "root": dept["col"], "code": dept["code"], "rows": rows,
            "digests": [_digest(raw[a:b]) for a, b in zip(offsets, ends, strict=True)]}


Kept = dict[int, list[tuple[Any, list[int], Any]]]


def _plan(raw: bytes, previous: dict[str, Any]) -> tuple[bytes, list[int], Kept, dict[str, Any]] | None:
    """The text to parse (each run of unchanged items one placeholder of as many lines), the
    line of each of its items, the reused items by the index of their placeholder (item,
    shifted positions, facts) and the new marks; None when nothing can be reused."""
    old = previous.get("marks")
    departments = previous["departments"]
    if not isinstance(old, dict) or previous["problems"] or len(departments) != 1:
        return None
    dept = departments[0]
    items, pos, facts = dept["items"], dept["pos"], dept["facts"]
    old_rows, old_digests = old["rows"], old["digests"]
    if not (len(items) == len(pos) == len(facts) == len(old_rows) == len(old_digests)) or dept.get("invalid"):
        return None
    col = old["col"]
    if not isinstance(col, int) or not 0 <= col < len(raw):
        return None
    offsets, rows = _split(raw, col)
    if len(offsets) < 2:
        return None
    ends = [*offsets[1:], len(raw)]
    digests = [_digest(raw[a:b]) for a, b in zip(offsets, ends, strict=True)]
    # The last item of either version is followed by something else than an item: not reused.
    known = {digest: j for j, digest in enumerate(old_digests[:-1])}
    parts = [raw[:offsets[0]]]
    placed: list[int] = []  # the line of each item of the text to parse
    kept: Kept = {}
    run: list[tuple[Any, list[int], Any]] | None = None
    last = len(offsets) - 1
    for i, (a, b) in enumerate(zip(offsets, ends, strict=True)):
        j = known.get(digests[i]) if i < last else None
        if j is None:
            run = None
            placed.append(rows[i])
            parts.append(raw[a:b])
            continue
        shift = rows[i] - old_rows[j]
        if not shift:
            where = pos[j]
        elif len(pos[j]) == 6:  # no accountability entries: as _shifted, unrolled
            line, column, id_line, id_col, cat_line, cat_col = pos[j]
            where = [line + shift, column, id_line + shift, id_col, cat_line + shift if cat_line else 0, cat_col]
        else:
            where = _shifted(pos[j], shift)
        lines = rows[i + 1] - rows[i]  # (never the last item)
        if run is None:
            run = kept[len(placed)] = []
            placed.append(rows[i])
            parts.append(b" " * col + b"- 0\n" + b"\n" * (lines - 1))
        else:
            parts.append(b"\n" * lines)
        run.append((items[j], where, facts[j]))
    reduced = b"".join(parts)
    # The items left out had only LF or CRLF in the previous version (it has marks): the rest is
    # checked here, where it is all that is left.
    if not kept or not _plain_breaks(reduced):
        return None
    marks = {**old, "rows": rows, "digests": digests}
    return reduced, placed, kept, marks


def _placed(parsed: Any, rows: list[int], kept: Kept) -> bool:
    """Whether the parsed items are exactly one per line of `rows`, placeholders where they were put."""
    items = parsed.data.get("items")
    if not isinstance(items, list) or len(items) != len(rows):
        return False
    pos = parsed.pos
    for i, row in enumerate(rows):
        at = pos.get(("items", i))
        if at is None or at[0] != row:
            return False
        if i in kept and (items[i] != 0 or type(items[i]) is not int):
            return False
    return True
