"""`checklist import` written: under the lock, each department's file gets its edits (each
item's own lines, as the matching command would change them) and its new items, every
file is checked before any is written, one write per file, then one commit of them all.
If a write or the commit fails, every file and index entry is put back as it was
(ledger.journal's all or nothing, the same as every edit's).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from checklist.domain import ids
from checklist.errors import ChecklistError
from checklist.ledger import target as targets
from checklist.ledger import transaction as tx
from checklist.ledger.journal import all_or_nothing, recover
from checklist.ledger.lock import lock
from checklist.ledger.spreadsheet import Plan
from checklist.ledger.summary import from_ledger
from checklist.yamldoc import document


@dataclass
class Written:
    """What an import did: new IDs and edited IDs per department, the files, the commit."""

    added: dict[str, list[str]] = field(default_factory=dict)
    file_of: dict[str, str] = field(default_factory=dict)  # department code -> its list file, as shown
    edited: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    committed: bool = False


def new_ids(ledger: Any, plan: Plan) -> list[str]:
    """The IDs the plan's new items get, in row order."""
    taken = list(ledger.item_ids())
    counts: dict[str, int] = {}
    for new in plan.new:
        counts[new.code] = counts.get(new.code, 0) + 1
    free = {code: iter(ids.next_ids(code, taken, count)) for code, count in counts.items()}
    return [next(free[new.code]) for new in plan.new]


def apply(root_option: str | None, plan: Plan, *, commit_change: bool = True) -> Written:
    from checklist.ledger.edits import _file_for, _new_file
    from checklist.ledger.files import open_ledger

    root = tx.ledger_root(root_option)
    repo = tx.repository(root, commit_change)
    done = Written()
    with lock(root):
        recover(root, repo)
        ledger = open_ledger(str(root))
        view = from_ledger(ledger)
        numbers = new_ids(ledger, plan)
        by_code: dict[str, list[tuple[Any, str]]] = {}
        for new, item_id in zip(plan.new, numbers, strict=True):
            by_code.setdefault(new.code, []).append((new, item_id))
        staged = []
        entries: list[tuple[Path, str | None]] = []
        for code in dict.fromkeys([n.code for n in plan.new] + [e.code for e in plan.edits]):
            fd = _file_for(view, code, None)
            entry = None
            if repo is not None and fd is not None:
                from checklist.git.commit import check_clean

                tx.refuse_link(ledger.root, fd.path, fd.display)
                entry = check_clean(repo, fd.path, fd.display)
            target = tx.read(fd) if fd is not None else _new_file(view, root, None, code, plan.names[code])
            entries.append((target.path, entry))
            content, departments = b"", target.departments
            for edit in (e for e in plan.edits if e.code == code):
                slot, index = _place(target, code, edit.id)
                content, departments, _ = tx.edit(target, slot, index, edit.changes.apply)
                target = _advanced(target, content, departments)
                done.edited.append(edit.id)
            items = [{"id": item_id, **new.item} for new, item_id in by_code.get(code, [])]
            if items:
                shown = SimpleNamespace(departments=target.departments) if fd is not None else None
                content, departments = tx.insert(target, code, plan.names[code], items, shown)
                done.added[code] = [it["id"] for it in items]
                done.file_of[code] = target.display
            staged.append((fd, target, content, departments))
        # Every file written, then one commit; when anything fails, every file and index entry as before.
        with all_or_nothing(root, repo, entries), _put_back([t.path for _, t, _, _ in staged], repo is None):
            for fd, target, content, departments in staged:
                tx.write(view, fd, target, content, departments)
                done.files.append(target.display)
            if repo is not None and staged:
                from checklist.git.commit import commit_batch

                changed = [item_id for ids_ in done.added.values() for item_id in ids_] + done.edited
                title = plan.new[0].item["title"] if plan.new else ""
                commit_batch(repo, [s[1].path for s in staged], "import", changed, Path(plan.file).name, title=title)
                done.committed = True
    return done


def _place(target: targets.Target, code: str, item_id: str) -> tuple[int, int]:
    for slot, dept in enumerate(target.departments):
        if dept["code"] == code:
            for index, item in enumerate(dept["items"]):
                if item["id"] == item_id:
                    return slot, index
    raise ChecklistError("edit_unknown_id", id=item_id)


def _advanced(target: targets.Target, content: bytes, departments: list[dict[str, Any]]) -> targets.Target:
    """The file as one edit left it, for the next edit (nothing written yet)."""
    body = content[len(targets.BOM):] if target.style.bom else content
    lines = document.split_lines(body.decode("utf-8"))
    return targets.Target(target.path, target.display, content, lines, target.style, departments)


@contextlib.contextmanager
def _put_back(paths: list[Path], active: bool) -> Iterator[None]:
    """Without git (all_or_nothing then does nothing), a failed write still leaves every file as
    it was: the ones already written get their old bytes back, a new one is removed."""
    if not active:
        yield
        return
    from checklist.ledger.disk import write_locked

    before = {path: path.read_bytes() if path.exists() else None for path in paths}
    try:
        yield
    except BaseException:
        for path, raw in before.items():
            with contextlib.suppress(OSError):
                if raw is None:
                    path.unlink(missing_ok=True)
                elif path.read_bytes() != raw:
                    write_locked(path, raw)
        raise
