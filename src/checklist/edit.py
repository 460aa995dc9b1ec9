"""Surgical edits of list files: the clerk's operations (add, close, note,
extend, reopen, verify, update).

Each operation is a pure function from an item (plain data) to the new item;
the difference is then written into the item's own lines by `layout`, never
by dumping the file, so every other line stays byte for byte. Under the
ledger's lock the new content is parsed and validated again (the edited
item must read back exactly as intended, every other item unchanged, the
ledger's cross-file rules still hold) before it replaces the file
atomically; then the change is committed. Nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checklist import layout
from checklist.errors import ChecklistError, ProblemsError, UsageError
from checklist.fields import ITEM_FIELDS, check_item, jsonable

Item = dict[str, Any]
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Outcome:
    """What an edit did: for the command to report."""

    action: str
    id: str
    title: str
    file: str
    committed: bool
    changed: bool = True


# ---------------------------------------------------------------- operations


def _text(value: str | None) -> str:
    return " ".join((value or "").split()) if value is not None and "\n" not in value else (value or "").strip()


def _created(item: Item) -> date | None:
    value = item.get("created_on")
    return value if isinstance(value, date) else None


def _not_future(on: date) -> None:
    """A record says what happened: its date cannot be after today."""
    from checklist.dates import today

    if on > today():
        raise ChecklistError("edit_date_in_future", date=on.isoformat(), today=today().isoformat())


def _not_before_created(item: Item, on: date) -> None:
    created = _created(item)
    if created and on < created:
        raise ChecklistError("edit_date_before_created", date=on.isoformat(), created=created.isoformat())


def op_close(item: Item, *, result: str, on: date, evidence: list[dict[str, str]]) -> Item:
    """open -> closed, with the result, the day, and evidence files."""
    _not_future(on)
    status = item.get("status")
    if status != "open":
        raise ChecklistError("edit_close_" + ("verified" if status == "verified" else "closed"), id=item["id"])
    if not _text(result):
        raise ChecklistError("edit_empty_result")
    created = _created(item)
    if created and on < created:
        raise ChecklistError("edit_closed_before_created", date=on.isoformat(), created=created.isoformat())
    new = dict(item)
    new["status"] = "closed"
    new["closed_on"] = on
    new["result"] = _text(result)
    if evidence:
        new["evidence"] = [*(item.get("evidence") or []), *evidence]
    return new


def op_note(item: Item, *, note: str, on: date) -> Item:
    """A dated progress note, appended."""
    if not _text(note):
        raise ChecklistError("edit_empty_note")
    _not_future(on)
    _not_before_created(item, on)
    new = dict(item)
    new["progress"] = _dated_insert(item.get("progress") or [], {"date": on, "note": _text(note)})
    return new


def _dated_insert(entries: list[Any], entry: dict[str, Any]) -> list[Any]:
    """Entries kept oldest first: a back-dated note goes before the first later one."""
    at = len(entries)
    while at > 0 and isinstance(entries[at - 1], dict) and isinstance(entries[at - 1].get("date"), date) \
            and entries[at - 1]["date"] > entry["date"]:
        at -= 1
    return [*entries[:at], entry, *entries[at:]]


def op_extend(item: Item, *, to: date, reason: str, approved_by: str | None, on: date) -> Item:
    """Move the deadline, recording the extension (延期)."""
    if item.get("status") != "open":
        raise ChecklistError("edit_extend_done", id=item["id"], status=item.get("status"))
    if not _text(reason):
        raise ChecklistError("edit_empty_reason")
    old = item["deadline"]
    if to <= old:
        raise ChecklistError("edit_extend_not_later", to=to.isoformat(), deadline=old.isoformat())
    created = _created(item)
    if created and to < created:
        raise ChecklistError("edit_deadline_before_created", date=to.isoformat(), created=created.isoformat())
    entry: dict[str, Any] = {"date": on, "from": old, "to": to, "reason": _text(reason)}
    if approved_by and _text(approved_by):
        entry["approved_by"] = _text(approved_by)
    new = dict(item)
    new["deadline"] = to
    new["extensions"] = [*(item.get("extensions") or []), entry]
    return new


def op_reopen(item: Item, *, reason: str, on: date) -> Item:
    """closed/verified -> open; the earlier closure is kept under `reopenings`."""
    if item.get("status") == "open":
        raise ChecklistError("edit_reopen_open", id=item["id"])
    if not _text(reason):
        raise ChecklistError("edit_empty_reason")
    _not_future(on)
    closed = item.get("closed_on")
    if isinstance(closed, date) and on < closed:
        raise ChecklistError("edit_reopen_before_closed", date=on.isoformat(), closed=closed.isoformat())
    entry: dict[str, Any] = {"date": on, "reason": _text(reason)}
    new = dict(item)
    for name in ("closed_on", "result", "verified_on", "verified_by"):
        if name in new:
            entry[name] = new.pop(name)
    new["status"] = "open"
    new["reopenings"] = [*(item.get("reopenings") or []), entry]
    return new


def op_verify(item: Item, *, by: str, note: str | None, on: date) -> Item:
    """closed -> verified (复核): the follow-up check passed."""
    status = item.get("status")
    if status == "open":
        raise ChecklistError("edit_verify_open", id=item["id"])
    if status == "verified":
        raise ChecklistError("edit_verify_verified", id=item["id"])
    who = _text(by)
    if not who:
        raise ChecklistError("edit_empty_verified_by")
    if who == _text(item.get("owner")):
        raise ChecklistError("edit_verify_owner", who=who)
    _not_future(on)
    closed = item.get("closed_on")
    if isinstance(closed, date) and on < closed:
        raise ChecklistError("edit_verify_before_closed", date=on.isoformat(), closed=closed.isoformat())
    new = dict(item)
    new["status"] = "verified"
    new["verified_on"] = on
    new["verified_by"] = who
    if note and _text(note):
        new["progress"] = [*(item.get("progress") or []), {"date": on, "note": _text(note)}]
    return new


UPDATABLE = ("title", "owner", "category", "measures", "source")
REQUIRED = ("title", "owner")


def op_update(item: Item, *, changes: dict[str, str]) -> Item:
    """Edit plain fields; an optional field given as empty text is removed."""
    new = dict(item)
    for name, value in changes.items():
        text = _text(value)
        if not text:
            if name in REQUIRED:
                raise ChecklistError(f"edit_empty_{name}")
            new.pop(name, None)
        else:
            new[name] = text
    return new


def apply(text: layout.ItemText, old: Item, new: Item) -> None:
    """Write the difference between two versions of an item into its lines."""
    for name in old:
        if name not in new:
            text.remove_field(name)
    rank = {name: i for i, name in enumerate(ITEM_FIELDS)}
    for name in sorted(new, key=lambda n: rank.get(n, len(rank))):
        value, before = new[name], old.get(name)
        if name in old and before == value:
            continue
        if (
            name != "partners" and isinstance(value, list) and isinstance(before, list)
            and len(value) > len(before) and value[:len(before)] == before
        ):
            for entry in value[len(before):]:
                text.append_entry(name, entry, ITEM_FIELDS)
        elif (
            name != "partners" and isinstance(value, list) and isinstance(before, list)
            and len(value) == len(before) + 1 and _inserted_at(before, value) is not None
        ):
            text.append_entry(name, value[_inserted_at(before, value) or 0], ITEM_FIELDS, before=_inserted_at(before, value))
        else:
            text.set_field(name, value, ITEM_FIELDS)


def _inserted_at(before: list[Any], after: list[Any]) -> int | None:
    """Where `after` is `before` with one entry inserted, if it is."""
    for k in range(len(after)):
        if after[:k] + after[k + 1:] == before:
            return k
    return None


# ---------------------------------------------------------------- the file


@dataclass
class _Target:
    """A list file under edit: its bytes, text lines, parse and style."""

    path: Path
    display: str
    raw: bytes
    lines: list[str]
    parsed: Any
    style: layout.Style


def _read(path: Path, display: str) -> _Target:
    from checklist.parse import decode, parse_text
    from checklist.store import read_bytes

    raw, problem = read_bytes(path, display)
    if raw is None:
        assert problem is not None
        raise ProblemsError([problem])
    text, problem = decode(raw, display)
    if text is None:
        assert problem is not None
        raise ProblemsError([problem])
    parsed = parse_text(text, display)
    if parsed.problems:
        raise ProblemsError(parsed.problems)
    style = layout.detect_style(text, parsed)
    if raw.startswith(BOM):
        style = layout.Style(style.newline, True, style.seq_offset, style.key_offset)
    return _Target(path, display, raw, layout.split_lines(text), parsed, style)


def _base_of(target: _Target, code: str) -> tuple[Any, ...]:
    for base in layout.department_bases(target.parsed):
        data = target.parsed.data
        for part in base:
            data = data[part]
        if data.get("code") == code:
            return base
    raise ChecklistError("edit_dept_missing", code=code, file=target.display)


def _node(parsed: Any, base: tuple[Any, ...]) -> Any:
    data = parsed.data
    for part in base:
        data = data[part]
    return data


def _spans(target: _Target, base: tuple[Any, ...]) -> list[layout.Span]:
    try:
        return layout.item_spans(target.lines, target.parsed, base)
    except ValueError:
        raise ChecklistError("edit_flow_items", file=target.display) from None


def _encode(target: _Target, lines: list[str]) -> bytes:
    body = layout.join(lines).encode("utf-8")
    return BOM + body if target.style.bom else body


def _same_items(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> bool:
    def key(depts: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(d.get("department"), d.get("code"), d.get("items")) for d in depts]

    return key(old) == key(new)


def _writable(root: Path | None, path: Path, display: str) -> None:
    """Refuse to write through a symbolic link or outside the ledger (the file there is not the ledger's)."""
    if path.is_symlink():
        raise ChecklistError("edit_symlink", file=display, target=str(path.resolve()))
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        raise ChecklistError("edit_outside_ledger", file=display, root=str(root))


def _check_and_write(ledger: Any, fd: Any, target: _Target, content: bytes, expected: list[dict[str, Any]]) -> None:
    """Validate the new content (alone and in the ledger), confirm it says what we meant, write it."""
    from checklist import store
    from checklist.ledger import ledger_rules

    departments, problems = store.parse_bytes(content, target.display)
    if problems:
        raise ProblemsError(problems)
    if not _same_items(expected, departments):
        # The line edit did not produce the intended data: never write a surprise.
        raise ChecklistError("edit_not_surgical", file=target.display)
    before = {(p.key, repr(sorted(p.params.items()))) for p in ledger_rules(ledger, evidence=False)}
    old_departments = fd.departments if fd is not None else None
    if fd is None:
        fd = store.FileData(target.path, target.display, departments, [])
        ledger.files.append(fd)
    else:
        fd.departments = departments
    try:
        fresh = [p for p in ledger_rules(ledger, evidence=False) if (p.key, repr(sorted(p.params.items()))) not in before]
    finally:
        if old_departments is None:
            ledger.files.remove(fd)
        else:
            fd.departments = old_departments
    if fresh:
        raise ProblemsError(fresh)
    _writable(ledger.root, target.path, target.display)
    store.write_locked(target.path, content)
    store.remember(target.path, content, departments, [])


# ---------------------------------------------------------------- the fast path
#
# A full parse and validation of a 1,000-item file costs more than the whole
# command may take, so when the file is known valid (its fresh cache entry
# says so) we locate the item by the cached positions, parse and validate only
# the item's own fragment, and check that the fragment stays inside the items
# sequence (every line deeper than the dash). The rest of the file is unchanged
# text, so it still reads as before; the cache entry is updated, not re-derived.


class _Fallback(Exception):
    """The fast path cannot be sure; take the full parse instead."""


def _dash_row(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """The row and column of the dash that starts the item whose mapping begins at (line, col)."""
    row = line - 1
    head = lines[row][:col - 1] if row < len(lines) else ""
    if head.strip(" ") == "" and row > 0:
        row -= 1  # `-` alone on the line above
        head = lines[row].rstrip("\r\n")
        if head.strip() != "-":
            raise _Fallback
    stripped = head.rstrip(" ")
    if not stripped.endswith("-") or stripped[:-1].strip(" "):
        raise _Fallback
    return row, len(stripped) - 1


def _locate(lines: list[str], dept: dict[str, Any], index: int) -> tuple[int, int, int]:
    """(start, end, dash_col) of the department's item `index`, from cached positions."""
    pos = dept["pos"]
    start, dash_col = _dash_row(lines, pos[index][0], pos[index][1])
    if index + 1 < len(pos):
        end, next_col = _dash_row(lines, pos[index + 1][0], pos[index + 1][1])
        if next_col != dash_col:
            raise _Fallback
    else:
        end = layout._extent(lines, start, len(lines), dash_col)
    return start, end, dash_col


def _fragment(frag: list[str], start: int, dash_col: int, display: str) -> tuple[dict[str, Any], Any]:
    """Parse an item's lines alone; its data and the parse (positions relative to the fragment)."""
    from checklist.parse import parse_text

    first = frag[0].rstrip("\r\n") if frag else ""
    if first[:dash_col].strip(" ") or first[dash_col:dash_col + 1] != "-":
        raise _Fallback
    for line in frag[1:]:
        if line.strip() and not line.lstrip(" ").startswith("#") and len(line) - len(line.lstrip(" ")) <= dash_col:
            raise _Fallback  # it would leave the items sequence
    parsed = parse_text(layout.join(frag), display)
    if parsed.problems:
        from checklist.problems import Problem

        raise ProblemsError([Problem(p.file, p.line + start, p.col, p.key, p.params) for p in parsed.problems])
    data = parsed.data
    if not isinstance(data, list) or len(data) != 1 or not isinstance(data[0], dict):
        raise _Fallback
    return data[0], parsed


def _validate_fragment(raw: dict[str, Any], parsed: Any, start: int, dept: dict[str, Any], index: int, display: str) -> list[int]:
    """Check one item with the file's rules, located in the whole file; its cached position."""
    from checklist.parse import Parsed

    shifted = Parsed(data=raw)
    shifted.pos[()] = (dept["line"], dept["col"])
    for table, target in ((parsed.pos, shifted.pos), (parsed.keypos, shifted.keypos)):
        for path, (line, col) in table.items():
            if path:
                target[("items", index, *path[1:])] = (line + start, col)
    ibase: tuple[Any, ...] = ("items", index)
    found = check_item(raw, ibase, shifted, display, dept["code"])
    if found:
        raise ProblemsError(found)
    iline, icol = shifted.where(ibase)
    idl, idc = shifted.where(ibase + ("id",))
    cl, cc = shifted.where(ibase + ("category",)) if isinstance(raw.get("category"), str) else (0, 0)
    return [iline, icol, idl, idc, cl, cc]


def _shifted(departments: list[dict[str, Any]], dept: dict[str, Any], index: int, after_line: int, delta: int) -> list[dict[str, Any]]:
    """The cached departments with every position below `after_line` moved by delta lines."""
    def move(p: list[int]) -> list[int]:
        if p[0] <= after_line:
            return p
        return [p[0] + delta, p[1], p[2] + delta, p[3], p[4] + delta if p[4] else 0, p[5]]

    out = []
    for d in departments:
        new = dict(d)
        new["pos"] = [move(list(p)) for p in d["pos"]]
        if d["line"] > after_line:
            new["line"] = d["line"] + delta
        new["items"] = list(d["items"])
        out.append(new)
    return out


def _commit_edit(ledger: Any, fd: Any, target_path: Path, display: str, content: bytes, departments: list[dict[str, Any]]) -> None:
    """Cross-file rules on the new departments, then the atomic write and the cache update."""
    from checklist import store
    from checklist.ledger import ledger_rules

    def keys(problems: list[Any]) -> set[tuple[str, str]]:
        return {(p.key, repr(sorted(p.params.items()))) for p in problems}

    before = keys(ledger_rules(ledger, evidence=False))
    old = fd.departments
    fd.departments = departments
    try:
        fresh = [p for p in ledger_rules(ledger, evidence=False) if (p.key, repr(sorted(p.params.items()))) not in before]
    finally:
        fd.departments = old
    if fresh:
        raise ProblemsError(fresh)
    _writable(ledger.root, target_path, display)
    store.write_locked(target_path, content)
    store.remember(target_path, content, departments, [])


def _rewritten_if_flow(span: list[str], new: Item, style: layout.Style, dash_col: int) -> list[str] | None:
    """A hand-written one-line item (`- {id: ..., title: ...}`) cannot be edited line by
    line: its lines become the new item in the file's block style (its comments kept
    after it); None for a block-style item."""
    first = span[0] if span else ""
    if not first[dash_col + 1:].lstrip(" ").startswith("{"):
        return None
    nl = layout._ending(first, style.newline)
    comments = [line if line.endswith(("\n", "\r")) else line + nl for line in span[1:]
                if not line.strip() or line.lstrip(" ").startswith("#")]
    rendered = layout.render_item(new, style, dash_col, order=(*new.keys(),))
    remark = layout._trailing_comment(first.rstrip("\r\n"))
    if remark and rendered:
        rendered[0] = rendered[0].rstrip("\r\n") + "  " + remark.strip() + nl
    return rendered + comments


def _fast_edit(ledger: Any, fd: Any, dept: dict[str, Any], item_id: str, operation: Callable[[Item], Item]) -> Item:
    """Edit one item of a valid file without parsing the whole file; the new item."""
    from checklist.parse import decode
    from checklist.store import read_bytes

    if fd.problems:
        raise _Fallback
    raw_bytes, _ = read_bytes(fd.path, fd.display)
    if raw_bytes is None:
        raise _Fallback
    text, _ = decode(raw_bytes, fd.display)
    if text is None:
        raise _Fallback
    lines = layout.split_lines(text)
    index = next(i for i, it in enumerate(dept["items"]) if it["id"] == item_id)
    start, end, dash_col = _locate(lines, dept, index)
    old, parsed = _fragment(lines[start:end], start, dash_col, fd.display)
    if jsonable(old) != dept["items"][index]:
        raise _Fallback  # the cached positions do not point at this item
    new = operation(old)
    style = _style_of(text, raw_bytes, lines, dept)
    key_col = parsed.pos[(0,)][1] - 1
    item_text = layout.ItemText(lines[start:end], dash_col, key_col, style)
    frag = _rewritten_if_flow(lines[start:end], new, style, dash_col) or []
    if not frag:
        apply(item_text, old, new)
        frag = item_text.result()
    data, fparsed = _fragment(frag, start, dash_col, fd.display)
    if jsonable(data) != jsonable(new):
        raise ChecklistError("edit_not_surgical", file=fd.display)
    position = _validate_fragment(data, fparsed, start, dept, index, fd.display)
    delta = len(frag) - (end - start)
    departments = _shifted(fd.departments, dept, index, start + 1, delta)
    slot = fd.departments.index(dept)
    departments[slot]["items"][index] = jsonable(new)
    departments[slot]["pos"][index] = position
    content = (BOM if raw_bytes.startswith(BOM) else b"") + layout.join(lines[:start] + frag + lines[end:]).encode("utf-8")
    _commit_edit(ledger, fd, fd.path, fd.display, content, departments)
    return new


def _style_of(text: str, raw_bytes: bytes, lines: list[str], dept: dict[str, Any]) -> layout.Style:
    """The file's style from its first item (no full parse)."""
    m = re.search(r"\r\n|\r|\n", text)
    newline = m.group(0) if m else "\n"
    seq_offset, key_offset = 2, 2
    if dept["pos"]:
        row, dash_col = _dash_row(lines, dept["pos"][0][0], dept["pos"][0][1])
        key_offset = max(1, dept["pos"][0][1] - 1 - dash_col)
        # The `items:` key is the nearest shallower non-comment line above the first item.
        for k in range(row - 1, -1, -1):
            line = lines[k]
            if line.strip() and not line.lstrip(" ").startswith("#"):
                body = line.rstrip("\r\n")
                key = body.lstrip(" -")
                if key.startswith("items") and body.rstrip().endswith(":"):
                    seq_offset = max(0, dash_col - (len(body) - len(key)))
                break
    return layout.Style(newline, raw_bytes.startswith(BOM), seq_offset, key_offset)


def _fast_add(ledger: Any, fd: Any, code: str, item: Item) -> bool:
    """Append a new item after the department's last one without a full parse (False: cannot)."""
    from checklist.parse import decode
    from checklist.store import read_bytes

    dept = next((d for d in fd.departments if d["code"] == code), None)
    if fd.problems or dept is None or not dept["items"]:
        return False
    raw_bytes, _ = read_bytes(fd.path, fd.display)
    text, _ = decode(raw_bytes, fd.display) if raw_bytes is not None else (None, None)
    if raw_bytes is None or text is None:
        return False
    lines = layout.split_lines(text)
    try:
        index = len(dept["items"]) - 1
        _, end, dash_col = _locate(lines, dept, index)
        style = _style_of(text, raw_bytes, lines, dept)
        if end == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += style.newline
        frag = layout.render_item(item, style, dash_col)
        data, fparsed = _fragment(frag, end, dash_col, fd.display)
    except _Fallback:
        return False
    if jsonable(data) != jsonable(item):
        raise ChecklistError("edit_not_surgical", file=fd.display)
    position = _validate_fragment(data, fparsed, end, dept, index + 1, fd.display)
    departments = _shifted(fd.departments, dept, index, end, len(frag))
    slot = fd.departments.index(dept)
    departments[slot]["items"].append(jsonable(item))
    departments[slot]["pos"].append(position)
    content = (BOM if raw_bytes.startswith(BOM) else b"") + layout.join(lines[:end] + frag + lines[end:]).encode("utf-8")
    _commit_edit(ledger, fd, fd.path, fd.display, content, departments)
    return True


# ---------------------------------------------------------------- the commands


def _root(root_option: str | None) -> Path:
    from checklist.ledger import CONFIG_NAME, display_path, find_root, load_config

    root = find_root(root_option)
    if root is None:
        raise UsageError("no_ledger")
    if not (root / CONFIG_NAME).is_file():
        raise UsageError("no_config", path=str(root))
    # Defaults in place of a broken checklist.toml could commit, or admit, what it forbids.
    _, problems = load_config(root / CONFIG_NAME, display_path(root / CONFIG_NAME, root))
    if problems:
        raise ProblemsError(problems)
    return root


def _repo(root: Path, commit_change: bool) -> Any:
    """The repository to commit in, checked before anything is written (None: no commit)."""
    from checklist.commit import prepare
    from checklist.ledger import CONFIG_NAME, load_config

    if not commit_change:
        return None
    config, _ = load_config(root / CONFIG_NAME, CONFIG_NAME)
    if not config.auto_commit:
        return None
    return prepare(root)


def normalize_id(value: str) -> str:
    """An ID as typed (any case, stray spaces) in its canonical form."""
    return value.strip().upper()


class _NoChange(Exception):
    """The operation leaves the item as it was: nothing to write or commit."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.title = title


def _find(ledger: Any, item_id: str) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    found = [(fd, dept, item) for fd in ledger.files for dept in fd.departments for item in dept["items"]
             if item["id"] == item_id]
    if len(found) > 1:
        # A duplicate ID (validate reports it): editing either copy would be a guess.
        raise ChecklistError("edit_ambiguous_id", id=item_id, files="、".join(sorted({f[0].display for f in found})))
    if found:
        return found[0]
    # The item may be in a file we could not read, or be invalid itself: say why, not "no such item".
    unreadable = [
        p for fd in ledger.files
        if not fd.departments or any(bad[0] == item_id for d in fd.departments for bad in d.get("invalid", ()))
        for p in fd.problems
    ]
    if unreadable:
        raise ProblemsError(unreadable)
    from checklist.problems import did_you_mean

    known = [item["id"] for fd in ledger.files for dept in fd.departments for item in dept["items"]]
    hint = did_you_mean(item_id, known)
    raise ChecklistError("edit_unknown_id_hint" if hint else "edit_unknown_id", id=item_id, hint=hint or "")


def edit_item(
    root_option: str | None,
    item_id: str,
    action: str,
    operation: Callable[[Item], Item],
    *,
    commit_change: bool = True,
) -> Outcome:
    """Apply `operation` to one item, surgically, atomically, under the lock; commit it."""
    from checklist import store
    from checklist.ledger import open_ledger

    root = _root(root_option)
    item_id = normalize_id(item_id)
    repo = _repo(root, commit_change)
    with store.lock(root):
        ledger = open_ledger(str(root))
        fd, dept, _ = _find(ledger, item_id)
        if repo is not None:
            from checklist.commit import check_clean

            check_clean(repo, fd.path, fd.display)
        def changing(item: Item) -> Item:
            new = operation(item)
            if new == item:
                raise _NoChange(str(item.get("title", "")))
            return new

        try:
            try:
                new = _fast_edit(ledger, fd, dept, item_id, changing)
            except _Fallback:
                new = _slow_edit(ledger, fd, dept, item_id, changing)
        except _NoChange as same:
            return Outcome(action, item_id, same.title, fd.display, False, changed=False)
        title = str(new.get("title", ""))
        if repo is not None:
            from checklist.commit import commit

            commit(repo, [fd.path], action, item_id, title)
    return Outcome(action, item_id, title, fd.display, repo is not None)


def _slow_edit(ledger: Any, fd: Any, dept: dict[str, Any], item_id: str, operation: Callable[[Item], Item]) -> Item:
    """Edit one item with a full parse and validation of its file."""
    target = _read(fd.path, fd.display)
    base = _base_of(target, dept["code"])
    raw_items = _node(target.parsed, base).get("items") or []
    index = next(i for i, it in enumerate(raw_items) if isinstance(it, dict) and it.get("id") == item_id)
    old = raw_items[index]
    new = operation(old)
    span = _spans(target, base)[index]
    frag = _rewritten_if_flow(target.lines[span.start:span.end], new, target.style, span.dash_col)
    if frag is None:
        text = layout.ItemText(target.lines[span.start:span.end], span.dash_col, span.key_col, target.style)
        apply(text, old, new)
        frag = text.result()
    lines = target.lines[:span.start] + frag + target.lines[span.end:]
    expected = []
    for d in fd.departments:
        items = [jsonable(new) if (d is dept and it["id"] == item_id) else it for it in d["items"]]
        expected.append({**d, "items": items})
    _check_and_write(ledger, fd, target, _encode(target, lines), expected)
    return new


def close(root_option: str | None, item_id: str, *, result: str, evidence: list[str], on: date, commit_change: bool = True) -> Outcome:
    """`checklist close`."""
    root = _root(root_option)
    records: list[dict[str, str]] = []
    for path in evidence:
        record = _evidence(root, path)
        if record not in records:  # the same file named twice is recorded once
            records.append(record)
    return edit_item(root_option, item_id, "close", lambda it: op_close(it, result=result, on=on, evidence=records), commit_change=commit_change)


def _evidence(root: Path, given: str) -> dict[str, str]:
    from checklist.evidence import file_sha256

    path = Path(given)
    full = path if path.is_absolute() else Path.cwd() / path
    if full.is_dir():
        raise ChecklistError("edit_evidence_folder", path=given)
    if not full.is_file():
        raise ChecklistError("edit_evidence_not_found", path=given)
    try:
        rel = full.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise ChecklistError("edit_evidence_outside", path=given, root=str(root)) from None
    return {"path": rel, "sha256": file_sha256(full)}


# ---------------------------------------------------------------- add


@dataclass
class NewItem:
    """The fields of `checklist add`."""

    title: str
    owner: str
    deadline: date
    category: str | None = None
    measures: str | None = None
    source: str | None = None
    partners: list[str] | None = None


def resolve_department(ledger: Any, given: str) -> tuple[str, str]:
    """(code, name) of a department given by code (any case) or name."""
    wanted = given.strip()
    for code, name in ledger.departments():
        if code == wanted.upper() or name == wanted:
            return code, name
    unreadable = [p for fd in ledger.files if all(d.get("broken") for d in fd.departments) for p in fd.problems]
    if unreadable:
        # The department may well be in a file that cannot be read: show why, not "unknown".
        raise ProblemsError(unreadable)
    known = ", ".join(f"{c} {n}" for c, n in ledger.departments())
    raise ChecklistError("edit_unknown_dept", dept=given, known=known or "-")


def next_id(ledger: Any, code: str, extra: list[str]) -> str:
    """The department's next free ID: max existing number + 1, zero-padded like existing IDs."""
    pattern = re.compile(rf"^{re.escape(code)}-([0-9]+)$")
    numbers: list[str] = []
    for fd in ledger.files:
        for dept in fd.departments:
            numbers += [m.group(1) for it in dept["items"] if (m := pattern.match(str(it["id"])))]
            # Items with problems still hold their numbers.
            numbers += [m.group(1) for bad in dept.get("invalid", []) if (m := pattern.match(str(bad[0])))]
    numbers += [m.group(1) for value in extra if (m := pattern.match(value))]
    width = max([3, *(len(n) for n in numbers)])
    top = max((int(n) for n in numbers), default=0)
    return f"{code}-{top + 1:0{width}d}"


def next_ids(ledger: Any, code: str, count: int) -> list[str]:
    """The department's next `count` free IDs (one scan of the ledger, however many)."""
    first = next_id(ledger, code, [])
    number = first.rsplit("-", 1)[1]
    start, width = int(number), len(number)
    return [f"{code}-{n:0{width}d}" for n in range(start, start + count)]


def _schema_ref(path: Path, root: Path) -> str | None:
    """The path from a list file to the ledger's JSON Schema (written by init), if there is one."""
    import os

    schema = root / ".checklist" / "schema.json"
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema.resolve(), path.parent.resolve())).as_posix()


def _new_file_lines(code: str, name: str, schema: str | None = None) -> list[str]:
    # The first line tells VS Code's YAML extension which schema validates and completes the file.
    head = [f"# yaml-language-server: $schema={schema}\n"] if schema else []
    return [*head, f"department: {layout.scalar(name)}\n", f"code: {code}\n", "items:\n"]


def add(root_option: str | None, dept: str, fields: NewItem, *, file: str | None = None, commit_change: bool = True) -> Outcome:
    """`checklist add`: append a new item to the department's list; its ID is the next free one."""
    from checklist import dates, store

    root = _root(root_option)
    created = dates.today()
    _require_text(fields)
    if fields.deadline < created:
        raise ChecklistError("edit_deadline_before_created", date=fields.deadline.isoformat(), created=created.isoformat())
    repo = _repo(root, commit_change)
    with store.lock(root):
        ledger, code, name, fd = _department_file(root, dept, file, repo)
        item_id = next_id(ledger, code, [])
        item = _new_item(item_id, fields, created)
        if fd is not None and _fast_add(ledger, fd, code, item):
            target_path, display = fd.path, fd.display
        else:
            target_path, display = _slow_add(ledger, fd, root, file, code, name, [item])
        if repo is not None:
            from checklist.commit import commit

            commit(repo, [target_path], "add", item_id, item["title"])
    return Outcome("add", item_id, item["title"], display, repo is not None)


@dataclass(frozen=True)
class BatchOutcome:
    """What an import did: the new IDs, the file written, whether it was committed."""

    ids: list[str]
    code: str
    file: str
    committed: bool


def add_many(
    root_option: str | None, dept: str, rows: list[NewItem], *, label: str, commit_change: bool = True
) -> BatchOutcome:
    """Append several items to one department's list: one validated atomic write, one commit.

    Deadlines already past are taken as they are: a 台账 brought in late keeps its
    overdue items overdue. `label` names the source in the commit subject.
    """
    from checklist import dates, store

    root = _root(root_option)
    created = dates.today()
    for fields in rows:
        _require_text(fields)
    repo = _repo(root, commit_change)
    with store.lock(root):
        ledger, code, name, fd = _department_file(root, dept, None, repo)
        items = [_new_item(new_id, fields, created) for new_id, fields in zip(next_ids(ledger, code, len(rows)), rows, strict=True)]
        if not items:
            return BatchOutcome([], code, fd.display if fd is not None else "", False)
        target_path, display = _slow_add(ledger, fd, root, None, code, name, items)
        if repo is not None:
            from checklist.commit import commit_batch

            commit_batch(repo, [target_path], "import", [it["id"] for it in items], label, title=items[0]["title"])
    return BatchOutcome([it["id"] for it in items], code, display, repo is not None)


def _require_text(fields: NewItem) -> None:
    if not _text(fields.title):
        raise ChecklistError("edit_empty_title")
    if not _text(fields.owner):
        raise ChecklistError("edit_empty_owner")


def _department_file(root: Path, dept: str, file: str | None, repo: Any) -> tuple[Any, str, str, Any]:
    """Under the lock: the ledger, the department's code and name, and its list file (None if
    there is none yet), refused when the file holds changes not committed."""
    from checklist.ledger import open_ledger

    ledger = open_ledger(str(root))
    code, name = resolve_department(ledger, dept)
    fd = _file_for(ledger, code, file)
    if repo is not None and fd is not None:
        from checklist.commit import check_clean

        check_clean(repo, fd.path, fd.display)
    return ledger, code, name, fd


def _new_item(item_id: str, fields: NewItem, created: date) -> Item:
    item: Item = {
        "id": item_id, "title": _text(fields.title), "category": _text(fields.category) or None,
        "owner": _text(fields.owner), "deadline": fields.deadline, "status": "open", "created_on": created,
        "source": _text(fields.source) or None,
        "partners": [p for p in (_text(x) for x in fields.partners or []) if p] or None,
        "measures": (fields.measures or "").strip() or None,
    }
    return {k: v for k, v in item.items() if v is not None}


def _slow_add(ledger: Any, fd: Any, root: Path, file: str | None, code: str, name: str, items: list[Item]) -> tuple[Path, str]:
    """Add with a full parse: a new file, a department without items, an unusual layout, several items."""
    from checklist.ledger import display_path

    if fd is not None:
        target = _read(fd.path, fd.display)
        base = _base_of(target, code)
    else:
        path = Path(file) if file else root / ledger.config.lists / f"{code}.yaml"
        path = path if path.is_absolute() else (Path.cwd() / path if file else path)
        if path.exists():
            raise ChecklistError("edit_file_exists", file=str(path), code=code)
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = _new_file_lines(code, name, _schema_ref(path, root))
        target = _Target(path, display_path(path, root), b"", lines, None, layout.Style())
        base = ()
    lines = _insert_items(target, base, items)
    expected: list[dict[str, Any]] = []
    if fd is not None:
        placed = False
        for d in fd.departments:
            kept = d["items"]
            if d["code"] == code and not placed:
                kept, placed = [*kept, *(jsonable(item) for item in items)], True
            expected.append({**d, "items": kept})
    else:
        expected = [{"department": name, "code": code, "items": [jsonable(item) for item in items]}]
    _check_and_write(ledger, fd, target, _encode(target, lines), expected)
    return target.path, target.display


def _file_for(ledger: Any, code: str, file: str | None) -> Any:
    if file:
        wanted = Path(file).resolve()
        for fd in ledger.files:
            if fd.path.resolve() == wanted:
                if any(d["code"] == code for d in fd.departments):
                    return fd
                raise ChecklistError("edit_dept_missing", code=code, file=fd.display)
        if wanted.exists():
            raise ChecklistError("edit_file_not_in_ledger", file=file)
        return None
    for fd in ledger.files:
        if any(d["code"] == code for d in fd.departments):
            return fd
    return None


def _insert_items(target: _Target, base: tuple[Any, ...], items: list[Item]) -> list[str]:
    """The file's lines with the new items appended at the end of the department's items."""

    def rendered(dash_col: int) -> list[str]:
        return [line for item in items for line in layout.render_item(item, style, dash_col)]

    lines = list(target.lines)
    style = target.style
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += style.newline
    if target.parsed is None:
        return lines + rendered(style.seq_offset)
    spans = _spans(target, base)
    if spans:
        at, dash_col = spans[-1].end, spans[-1].dash_col
        return lines[:at] + rendered(dash_col) + lines[at:]
    parsed = target.parsed
    node = _node(parsed, base)
    keypos = parsed.keypos.get(base + ("items",))
    if keypos is not None:
        row, col = keypos[0] - 1, keypos[1] - 1
        if node.get("items") not in (None, []):
            raise ChecklistError("edit_flow_items", file=target.display)
        line = lines[row]
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        m = re.match(r"^(\s*(?:-\s+)?items\s*:)\s*(?:\[\s*\]|~|null)?(\s+#.*)?$", body)
        if m is None:
            raise ChecklistError("edit_flow_items", file=target.display)
        lines[row] = m.group(1) + (m.group(2) or "") + ending
        at = row + 1
        while at < len(lines) and (not lines[at].strip() or (lines[at].lstrip().startswith("#") and len(lines[at]) - len(lines[at].lstrip(" ")) > col)):
            at += 1
        return lines[:at] + rendered(col + style.seq_offset) + lines[at:]
    # No `items` key at all: add one after the department's last key.
    keys = [(pos, k) for k, pos in ((k, parsed.keypos.get(base + (k,))) for k in node) if pos is not None]
    (row, col), _ = max(keys)
    end = layout._extent(lines, row - 1, len(lines), col - 1, dashes=True)
    new = [" " * (col - 1) + "items:" + style.newline, *rendered(col - 1 + style.seq_offset)]
    return lines[:end] + new + lines[end:]
