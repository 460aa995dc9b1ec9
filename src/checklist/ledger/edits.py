"""The editing commands on a ledger: find the item or the department's file,
run the operation through the edit transaction, commit. Nothing here prints.

    edit_item(root, ID, action, operation)   close, note, extend, reopen, verify, update
    close(root, ID, result=..., evidence=[...], on=...)
    add(root, dept, NewItem)                 one new item, its ID the department's next
    add_many(root, dept, [NewItem, ...])     an import: one write, one commit
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from checklist.domain import dates, ids
from checklist.domain.entries import NewItem, new_item, require_text
from checklist.domain.transitions import op_close
from checklist.domain.values import Item, clean_text
from checklist.errors import ChecklistError, ProblemsError
from checklist.ledger import target as targets
from checklist.ledger import transaction as tx
from checklist.ledger.journal import all_or_nothing, recover
from checklist.ledger.lock import lock
from checklist.ledger.summary import open_view
from checklist.ledger.transaction import BatchOutcome, NoChange, Outcome
from checklist.yamldoc.emit import scalar


def _find(view: Any, typed: str) -> tuple[Any, int, int, str]:
    """(file, department slot, item index, ID as written) of an ID as typed; refused when
    unknown or ambiguous. Only the files holding IDs of its prefix are read."""
    found = _search(view.holding(ids.id_key(ids.normalize_id(typed))[0]), typed)
    if found is not None:
        return found
    # Not there: the whole ledger says why (a file it cannot read, an invalid item, a typo).
    from checklist.ledger.files import open_ledger

    ledger = open_ledger(str(view.root))
    found = _search(ledger.files, typed)
    if found is not None:
        return found
    wanted = ids.id_matcher(typed)
    # The item may be in a file we could not read, or be invalid itself: say why, not "no such item".
    unreadable = [
        p for fd in ledger.files
        if not fd.departments or any(wanted(bad[0]) for d in fd.departments for bad in d.get("invalid", ()))
        for p in fd.problems
    ]
    if unreadable:
        raise ProblemsError(unreadable)
    from checklist.problems import did_you_mean

    item_id = ids.normalize_id(typed)
    known = [item["id"] for fd in ledger.files for dept in fd.departments for item in dept["items"]]
    hint = did_you_mean(item_id, known)
    from checklist.domain.values import unknown_id

    raise unknown_id(typed, "edit_unknown_id_hint" if hint else "edit_unknown_id", id=item_id, hint=hint or "")


def _search(files: list[Any], typed: str) -> tuple[Any, int, int, str] | None:
    """The item of an ID as typed among `files`; refused when ambiguous."""
    wanted = ids.id_matcher(typed)
    found = ids.pick(typed, [(fd, slot, index, item["id"]) for fd in files for slot, dept in enumerate(fd.departments)
                             for index, item in enumerate(dept["items"]) if wanted(item["id"])], lambda entry: entry[3])
    if len(found) > 1:
        # A duplicate ID (validate reports it): editing either copy would be a guess.
        raise ChecklistError("edit_ambiguous_id", id=found[0][3], files="、".join(sorted({f[0].display for f in found})))
    return found[0] if found else None


def edit_item(root_option: str | None, item_id: str, action: str, operation: Callable[[Item], Item], *,
              commit_change: bool = True, also: tuple[Path, ...] = ()) -> Outcome:
    """Apply `operation` to one item, surgically, atomically, under the lock; commit it."""
    root = tx.ledger_root(root_option)
    repo = tx.repository(root, commit_change)
    with lock(root):
        recover(root, repo)
        view = open_view(root)
        fd, slot, index, item_id = _find(view, item_id)
        tx.refuse_link(view.root, fd.path, fd.display)  # before git is asked about a file it cannot see
        entry = None
        if repo is not None:
            from checklist.git.commit import check_clean

            entry = check_clean(repo, fd.path, fd.display)
        try:
            target = tx.read(fd)
            content, departments, new = tx.edit(target, slot, index, operation)
        except NoChange as same:
            view.save()
            return Outcome(action, item_id, same.title, fd.display, False, changed=False)
        title = str(new.get("title", ""))
        # `also`: files committed with the item (close's evidence), checked as git will take them.
        extra = _also(repo, also)
        with all_or_nothing(root, repo, [(fd.path, entry)], extra):
            tx.write(view, fd, target, content, departments)
            if repo is not None:
                from checklist.git.commit import commit

                commit(repo, [fd.path, *(path for path, _ in extra)], action, item_id, title)
    return Outcome(action, item_id, title, fd.display, repo is not None)


def _also(repo: Any, paths: tuple[Path, ...]) -> list[tuple[Path, str | None]]:
    if repo is None or not paths:
        return []
    from checklist.git.commit import evidence_entries

    return evidence_entries(repo, list(paths))


def close(root_option: str | None, item_id: str, *, result: str, evidence: list[str], on: date,
          commit_change: bool = True) -> Outcome:
    """`checklist close`: the closure, with each evidence file recorded once."""
    root = tx.ledger_root(root_option)
    records: list[dict[str, str]] = []
    for path in evidence:
        record = _evidence(root, path)
        if record not in records:  # the same file named twice is recorded once
            records.append(record)
    # Each evidence file goes into the item's commit, so every clone can check it.
    files = tuple(dict.fromkeys(root / r["path"] for r in records))
    return edit_item(root_option, item_id, "close", lambda it: op_close(it, result=result, on=on, evidence=records),
                     commit_change=commit_change, also=files)


def verify(root_option: str | None, item_id: str, *, by: str, note: str | None, on: date,
           commit_change: bool = True) -> Outcome:
    """`checklist verify`: refused while a recorded evidence file is missing or changed."""
    from checklist.domain.transitions import op_verify

    root = tx.ledger_root(root_option)

    def operation(item: Item) -> Item:
        new = op_verify(item, by=by, note=note, on=on)
        check_evidence(root, item)
        return new

    return edit_item(root_option, item_id, "verify", operation, commit_change=commit_change)


def check_evidence(root: Path, item: Item) -> None:
    """Each evidence file the item records must be there with the sha256 recorded."""
    from checklist.ledger.evidence import file_sha256

    for record in item.get("evidence") or []:
        rel = str(record.get("path", ""))
        path = root / rel
        if not path.is_file():
            raise ChecklistError("verify_evidence_missing", id=item["id"], path=rel)
        try:
            digest = file_sha256(path)
        except OSError as exc:
            raise ChecklistError("verify_evidence_unreadable", id=item["id"], path=rel, reason=exc.strerror or str(exc)) from None
        if digest != record.get("sha256"):
            raise ChecklistError("verify_evidence_changed", id=item["id"], path=rel)


def _evidence(root: Path, given: str) -> dict[str, str]:
    from checklist.ledger.evidence import record

    return record(root, given)


def add(root_option: str | None, dept: str, fields: NewItem, *, file: str | None = None,
        commit_change: bool = True) -> Outcome:
    """`checklist add`: append a new item to the department's list; its ID is the next free one."""
    root = tx.ledger_root(root_option)
    require_text(fields)
    created = check_created(fields)
    outcome = _append(root, dept, [fields], created, file, commit_change, "add", "")
    return Outcome("add", outcome.ids[0], clean_text(fields.title), outcome.file, outcome.committed)


def check_created(fields: NewItem) -> date:
    """The day a new item was listed: --created-on (never after today) or today; its deadline
    cannot be before it."""
    today = dates.today()
    created = fields.created_on or today
    if created > today:
        raise ChecklistError("edit_created_in_future", date=created.isoformat(), today=today.isoformat())
    if fields.deadline is not None and fields.deadline < created:
        raise ChecklistError("edit_deadline_before_created", date=fields.deadline.isoformat(), created=created.isoformat())
    return created


def add_many(root_option: str | None, dept: str, rows: list[NewItem], *, label: str,
             commit_change: bool = True) -> BatchOutcome:
    """Append several items to one department's list: one validated atomic write, one commit.

    Deadlines already past are taken as they are: a 台账 brought in late keeps its
    overdue items overdue. `label` names the source in the commit subject.
    """
    root = tx.ledger_root(root_option)
    for fields in rows:
        require_text(fields)
    return _append(root, dept, rows, dates.today(), None, commit_change, "import", label)


def _append(root: Path, dept: str, rows: list[NewItem], created: date, file: str | None, commit_change: bool,
            action: str, label: str) -> BatchOutcome:
    repo = tx.repository(root, commit_change)
    with lock(root):
        recover(root, repo)
        view, code, name, fd, entry = _department_file(root, dept, file, repo)
        # The department's next free IDs (items with problems still hold their numbers).
        items = [new_item(new_id, fields, created) for new_id, fields in zip(view.next_ids(code, len(rows)), rows, strict=True)]
        if not items:
            return BatchOutcome([], code, fd.display if fd is not None else "", False)
        target = _new_file(view, root, file, code, name) if fd is None else tx.read(fd)
        with all_or_nothing(root, repo, [(target.path, entry)]):
            written = _write_items(view, fd, target, code, name, items)
            if repo is not None:
                from checklist.git.commit import commit, commit_batch

                if action == "add":
                    commit(repo, [target.path], "add", items[0]["id"], items[0]["title"])
                else:
                    commit_batch(repo, [target.path], action, [it["id"] for it in items], label, title=items[0]["title"])
    return BatchOutcome([it["id"] for it in items], code, written, repo is not None)


def _write_items(view: Any, fd: Any, target: targets.Target, code: str, name: str, items: list[Item]) -> str:
    """Write new items into the department's file (created from the roster when missing)."""
    slot = next((i for i, d in enumerate(target.departments) if d["code"] == code), None)
    appended = tx.append(target, slot, items[0]) if slot is not None and len(items) == 1 else None
    content, departments = appended or tx.insert(target, code, name, items, fd)
    tx.write(view, fd, target, content, departments)
    return target.display


def _new_file(view: Any, root: Path, file: str | None, code: str, name: str) -> targets.Target:
    from checklist.ledger.config import display_path

    path = Path(file) if file else root / view.config.lists / f"{code}.yaml"
    path = path if path.is_absolute() else (Path.cwd() / path if file else path)
    if path.exists():
        raise ChecklistError("edit_file_exists", file=str(path), code=code)
    path.parent.mkdir(parents=True, exist_ok=True)
    schema = _schema_ref(path, root)
    # The first line tells VS Code's YAML extension which schema validates and completes the file.
    head = [f"# yaml-language-server: $schema={schema}\n"] if schema else []
    lines = [*head, f"department: {scalar(name)}\n", f"code: {code}\n", "items:\n"]
    return targets.new_file(path, display_path(path, root), lines)


def _schema_ref(path: Path, root: Path) -> str | None:
    """The path from a list file to the ledger's JSON Schema (written by init), if there is one."""
    schema = root / ".checklist" / "schema.json"
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema.resolve(), path.parent.resolve())).as_posix()


def _department_file(root: Path, dept: str, file: str | None, repo: Any) -> tuple[Any, str, str, Any, str | None]:
    """Under the lock: the ledger's view, the department's code and name, and its list file
    (None if there is none yet), refused when the file holds changes not committed."""
    from checklist.ledger.departments import Roster, resolve

    view = open_view(root)
    found = Roster.of(view).find(dept)
    if found is None:
        # Unknown: the whole ledger says why (a file it cannot read) or what was meant.
        from checklist.ledger.files import open_ledger

        found = resolve(open_ledger(str(root)), dept)
    code, name = found
    fd = _file_for(view, code, file)
    entry = None
    if repo is not None and fd is not None:
        from checklist.git.commit import check_clean

        tx.refuse_link(view.root, fd.path, fd.display)  # before git is asked about a file it cannot see
        entry = check_clean(repo, fd.path, fd.display)
    return view, code, name, fd, entry


def _file_for(view: Any, code: str, file: str | None) -> Any:
    """The list file of department `code` (the one named by `file`, if given); None if none."""
    if file:
        wanted = Path(file).resolve()
        for index, path in enumerate(view.paths):
            if path.resolve() == wanted:
                if any(d[0] == code for d in view.entries[index]["depts"]):
                    return view.file(index)
                raise ChecklistError("edit_dept_missing", code=code, file=view.file(index).display)
        if wanted.exists():
            raise ChecklistError("edit_file_not_in_ledger", file=file)
        return None
    index = view.file_with(code)
    return None if index is None else view.file(index)
