"""The edit transaction: under the ledger's lock, read the file, patch the
item's own lines, validate what the new text says, write it atomically,
commit it. Every edit (add, close, note, ..., import) goes through here.

Two ways to validate new text, one way to write it:

- one item's lines changed or appended inside a block items sequence: those
  lines are parsed back alone, must read exactly as the new item, and are
  checked with the item rules (the rest of the file is unchanged text);
- anything else (a new file, a department without items yet, several items):
  the whole new text is parsed and validated, and every department must read
  as intended;

then `write` runs the ledger-wide rules on the result (from the ledger's summary,
ledger.summary: the other files are not read), replaces the file atomically and
updates its cache entry and the summary. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checklist.domain.fields import ITEM_FIELDS
from checklist.domain.states import item_facts
from checklist.domain.values import Item, jsonable
from checklist.errors import ChecklistError, ProblemsError, UsageError
from checklist.ledger import target as targets
from checklist.ledger.target import Stale, Target
from checklist.yamldoc import document, patch
from checklist.yamldoc.emit import render_item


@dataclass(frozen=True)
class Outcome:
    """What an edit did: for the command to report."""

    action: str
    id: str
    title: str
    file: str
    committed: bool
    changed: bool = True


@dataclass(frozen=True)
class BatchOutcome:
    """What an import did: the new IDs, the file written, whether it was committed."""

    ids: list[str]
    code: str
    file: str
    committed: bool


class NoChange(Exception):
    """The operation leaves the item as it was: nothing to write or commit."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.title = title


def ledger_root(root_option: str | None) -> Path:
    """The root of the ledger to edit; refused without one or with a broken checklist.toml."""
    from checklist.ledger.config import CONFIG_NAME, display_path, find_root, load_config

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


def repository(root: Path, commit_change: bool) -> Any:
    """The repository to commit in, checked before anything is written (None: no commit)."""
    from checklist.git.commit import prepare
    from checklist.ledger.config import CONFIG_NAME, load_config

    if not commit_change:
        return None
    config, _ = load_config(root / CONFIG_NAME, CONFIG_NAME)
    if not config.auto_commit:
        return None
    return prepare(root)


def read(fd: Any) -> Target:
    """The file of `fd` as it is now, with the positions its departments were read with;
    parsed whole now if the file has problems or cached positions are not to be trusted."""
    target = targets.read(fd.path, fd.display, fd.departments)
    if fd.problems or not targets.TRUST_CACHED_POSITIONS:
        targets.parse_whole(target)
    return target


def edit(target: Target, slot: int, index: int, operation: Callable[[Item], Item]) -> tuple[bytes, list[dict[str, Any]], Item]:
    """Apply `operation` to item `index` of department `slot`: the new content, the new
    departments (for the cache) and the new item. NoChange when the item stays the same."""
    try:
        span, old = targets.locate(target, slot, index)
    except Stale:
        code, item_id = target.departments[slot]["code"], target.departments[slot]["items"][index]["id"]
        targets.parse_whole(target)
        slot = next(i for i, d in enumerate(target.departments) if d["code"] == code)
        index = next(i for i, it in enumerate(target.departments[slot]["items"]) if it["id"] == item_id)
        try:
            span, old = targets.locate(target, slot, index)
        except Stale:
            raise ChecklistError("edit_flow_items", file=target.display) from None
    new = operation(old)
    if new == old:
        raise NoChange(str(old.get("title", "")))
    frag = target.lines[span.start:span.end]
    lines = patch.rewritten_if_flow(frag, new, target.style, span.dash_col)
    if lines is None:
        text = patch.ItemText(frag, span.dash_col, span.key_col, target.style)
        patch.apply(text, old, new, ITEM_FIELDS)
        lines = text.result()
    departments = _replaced(target, slot, index, span, span.start, lines, new)
    content = target.encode(target.lines[:span.start] + lines + target.lines[span.end:])
    return content, departments, new


def append(target: Target, slot: int, item: Item) -> tuple[bytes, list[dict[str, Any]]] | None:
    """One new item after the department's last one, its lines checked alone (None when the
    department has no block items to append after: then `insert` the whole file's way)."""
    dept = target.departments[slot]
    if not dept["items"]:
        return None
    try:
        span, _ = targets.locate(target, slot, len(dept["items"]) - 1)
    except Stale:
        return None
    lines = document.terminated(target.lines, target.style.newline)
    new = render_item(item, target.style, span.dash_col, ITEM_FIELDS)
    departments = _replaced(target, slot, len(dept["items"]), span, span.end, new, item)
    return target.encode(lines[:span.end] + new + lines[span.end:]), departments


def _replaced(target: Target, slot: int, index: int, span: document.Span, start: int, lines: list[str],
              new: Item) -> list[dict[str, Any]]:
    """Check the new lines of item `index`, which replace the span's lines (an edit, `start`
    at the span) or go in after them (a new item, `start` at its end): they must read
    exactly as `new` and pass the item rules. The departments after the change."""
    dept = target.departments[slot]
    old_length = span.end - span.start if start == span.start else 0
    try:
        data, parsed = targets.fragment(lines, start, span.dash_col, target.display)
    except Stale:
        # The line edit would leave the items sequence: never write a surprise.
        raise ChecklistError("edit_not_surgical", file=target.display) from None
    if jsonable(data) != jsonable(new):
        raise ChecklistError("edit_not_surgical", file=target.display)
    position = targets.check_fragment(data, parsed, start, dept, index, target.display)
    departments = targets.shifted(target.departments, start + (1 if old_length else 0), len(lines) - old_length)
    items, pos, facts = departments[slot]["items"], departments[slot]["pos"], departments[slot]["facts"]
    item = jsonable(new)
    if index < len(items):
        items[index], pos[index], facts[index] = item, position, list(item_facts(item))
    else:
        items.append(item)
        pos.append(position)
        facts.append(list(item_facts(item)))
    return departments


def insert(target: Target, code: str, name: str, items: list[Item], fd: Any) -> tuple[bytes, list[dict[str, Any]]]:
    """New items at the end of a department's items, the whole new text validated: for a new
    file, a department without items yet, or several items at once."""
    if target.parsed is None and target.raw:
        targets.parse_whole(target)
    style = target.style

    def render(dash_col: int) -> list[str]:
        return [line for item in items for line in render_item(item, style, dash_col, ITEM_FIELDS)]

    if target.parsed is None:
        lines = document.terminated(target.lines, style.newline) + render(style.seq_offset)
    else:
        try:
            lines = patch.insert_items(target.lines, target.parsed, targets.dept_base(target, code), render, style)
        except document.NotBlockStyle:
            raise ChecklistError("edit_flow_items", file=target.display) from None
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
    content = target.encode(lines)
    return content, _whole(content, target.display, expected)


def _whole(content: bytes, display: str, expected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The departments a whole new text reads as; refused unless valid and as `expected`."""
    from checklist.ledger.disk import parse_bytes

    departments, problems = parse_bytes(content, display)
    if problems:
        raise ProblemsError(problems)

    def key(depts: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(d.get("department"), d.get("code"), d.get("items")) for d in depts]

    if key(expected) != key(departments):
        # The line edit did not produce the intended data: never write a surprise.
        raise ChecklistError("edit_not_surgical", file=display)
    return departments


def write(view: Any, fd: Any, target: Target, content: bytes, departments: list[dict[str, Any]]) -> None:
    """The one write of every edit: the ledger-wide rules on the new departments (no new
    problem allowed; `view` is the ledger's summary, ledger.summary.View), then the atomic
    write under the lock, the cache entry and the summary."""
    from checklist.ledger import cache
    from checklist.ledger.disk import write_locked

    fresh = view.fresh_problems(target.path, target.display, None if fd is None else fd.departments, departments)
    if fresh:
        raise ProblemsError(fresh)
    _writable(view.root, target.path, target.display)
    try:
        write_locked(target.path, content)
    except OSError as exc:
        raise ChecklistError("ledger_unwritable", path=str(target.path.parent), reason=exc.strerror or str(exc)) from None
    cache.remember(target.path, content, departments, [])
    view.wrote(target.path, departments)


def refuse_link(root: Path | None, path: Path, display: str) -> None:
    """Refuse to write through a symbolic link or outside the ledger (the file there is not the ledger's)."""
    _writable(root, path, display)


def _writable(root: Path | None, path: Path, display: str) -> None:
    """Refuse to write through a symbolic link or outside the ledger (the file there is not the ledger's)."""
    if path.is_symlink():
        raise ChecklistError("edit_symlink", file=display, target=str(path.resolve()))
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        raise ChecklistError("edit_outside_ledger", file=display, root=str(root))
