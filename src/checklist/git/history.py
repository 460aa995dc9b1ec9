"""An item's history, field by field, from the commits' own versions of the
list files (hand edits included), never from commit messages or trailers;
renumberings and moves between files are followed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, cast

from checklist.domain.fields import ITEM_FIELDS
from checklist.domain.ids import id_parts, normalize_id
from checklist.errors import ChecklistError
from checklist.git.blobcache import words_cover
from checklist.git.log import ZERO, Blobs, Commit, Items, read_log
from checklist.git.run import git

State = dict[str, tuple[dict[str, Any], str]]  # id -> (item, file)


def _field_order(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    keys = set(old) | set(new)
    return [k for k in ITEM_FIELDS if k in keys] + sorted(k for k in keys if k not in ITEM_FIELDS)


def _multiset_diff(old: list[Any], new: list[Any]) -> tuple[list[Any], list[Any]]:
    """(removed, appended) between two lists, element by element."""
    keyed = [repr(v) for v in new]
    left = Counter(keyed)
    removed = []
    for v in old:
        k = repr(v)
        if left[k] > 0:
            left[k] -= 1
        else:
            removed.append(v)
    appended = []
    for v, k in zip(new, keyed, strict=True):
        if left[k] > 0:
            left[k] -= 1
            appended.append(v)
    return removed, appended


def diff_item(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Field-level changes; a list field shows each element removed or appended."""
    old, new = old or {}, new or {}
    changes: list[dict[str, Any]] = []
    for name in _field_order(old, new):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        if isinstance(a, list) or isinstance(b, list):
            removed, appended = _multiset_diff(a if isinstance(a, list) else [], b if isinstance(b, list) else [])
            if not isinstance(a, list) and a is not None:
                removed.insert(0, a)
            if not isinstance(b, list) and b is not None:
                appended.append(b)
            changes += [{"field": name, "old": v, "new": None} for v in removed]
            changes += [{"field": name, "old": None, "new": v} for v in appended]
        else:
            changes.append({"field": name, "old": a, "new": b})
    return changes


class Walk:
    """The commits of a walk with their blobs; per-commit item states on demand."""

    def __init__(self, root: Path, lists: str, rev_range: str | None, needle: str | None = None,
                 cache: Path | None = None) -> None:
        self.root = root
        self.commits = read_log(root, lists, rev_range)
        prefix = git(["rev-parse", "--show-prefix"], root).stdout.decode().strip()
        self.prefix = prefix
        paths = {b: path for c in self.commits for path, olds, new in c.files for b in (new, *olds)}
        self.blobs = Blobs(root, set(self.shas(len(self.commits))), cache, paths)
        self.needle = needle
        self._last_good: dict[str, Items] = {}

    def shas(self, stop: int) -> list[str]:
        """The blobs of the files the commits before `stop` changed, newest first: the order
        in which git reads them fastest (a pack stores the newest whole, older ones as deltas)."""
        seen = {b: None for c in reversed(self.commits[:stop]) for _, olds, new in c.files for b in (new, *olds) if b != ZERO}
        return list(seen)

    def display(self, path: str) -> str:
        return path[len(self.prefix):] if self.prefix and path.startswith(self.prefix) else path

    def _items(self, sha: str, path: str, *, new: bool) -> Items | None:
        if self.needle is not None and sha != ZERO and not self.blobs.contains(sha, self.needle):
            return {}
        items = self.blobs.items(sha)
        if items is None and not new:
            # An unreadable old version: compare with the last version we could read.
            return self._last_good.get(path)
        if items is not None and new and self.needle is None:
            self._last_good[path] = items
        return items

    def versions(self, commit: Commit) -> list[tuple[str, Items, list[Items]]]:
        """The readable files a commit changed: (shown path, items after, items before per parent)."""
        out = []
        for path, parent_blobs, blob in commit.files:
            after = self._items(blob, path, new=True)
            befores = [self._items(b, path, new=False) for b in parent_blobs]
            if after is None or any(b is None for b in befores):
                continue  # a version that cannot be read says nothing about its items
            out.append((self.display(path), after, cast(list[Items], befores)))
        return out

    def states(self, commit: Commit, versions: list[tuple[str, Items, list[Items]]] | None = None
               ) -> tuple[list[State], State]:
        """The items of the files a commit changed: before (per parent) and after."""
        olds: list[State] = [{} for _ in range(max(1, len(commit.parents)))]
        new_state: State = {}
        for shown, after, befores in self.versions(commit) if versions is None else versions:
            for item_id, item in after.items():
                new_state.setdefault(item_id, (item, shown))
            for state, before in zip(olds, befores, strict=False):
                for item_id, item in before.items():
                    state.setdefault(item_id, (item, shown))
        return olds, new_state

    @staticmethod
    def state_of(commit: Commit, versions: list[tuple[str, Items, list[Items]]], item_id: str
                 ) -> tuple[list[tuple[dict[str, Any], str] | None], tuple[dict[str, Any], str] | None]:
        """One ID's entries of `states` (per parent, and after), without the other items."""
        olds: list[tuple[dict[str, Any], str] | None] = [None] * max(1, len(commit.parents))
        new = None
        for shown, after, befores in versions:
            if new is None and item_id in after:
                new = (after[item_id], shown)
            for k, before in enumerate(befores[:len(olds)]):
                if olds[k] is None and item_id in before:
                    olds[k] = (before[item_id], shown)
        return olds, new


def _same_item(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two items under different IDs are one item renumbered."""
    if a.get("title") == b.get("title") and a.get("created_on") == b.get("created_on"):
        return True
    skip = ("id", "renumbered_from")
    return {k: v for k, v in a.items() if k not in skip} == {k: v for k, v in b.items() if k not in skip}


def renames(old: State, new: State) -> dict[str, str]:
    """old ID -> new ID for items that vanished under one ID and appeared under another, and
    for an item a merge renumbered (`renumbered_from`) while another item took its old ID."""
    came = [i for i in new if i not in old]
    pairs: dict[str, str] = {}
    for c in came:
        was = new[c][0].get("renumbered_from")
        if isinstance(was, str) and was in old and was not in pairs and _same_item(old[was][0], new[c][0]):
            pairs[was] = c
    gone = [i for i in old if i not in new and i not in pairs]
    for g in gone:
        for c in came:
            if c not in pairs.values() and _same_item(old[g][0], new[c][0]):
                pairs[g] = c
                break
    return pairs


def _entry(commit: Commit, changes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"commit": commit.sha, "date": commit.date, "author": commit.author,
            "subject": commit.subject, "changes": changes}


def _changes(before: tuple[dict[str, Any], str] | None, after: tuple[dict[str, Any], str] | None) -> list[dict[str, Any]]:
    changes = diff_item(before[0] if before else None, after[0] if after else None)
    if before and after and before[1] != after[1]:
        changes.append({"field": "file", "old": before[1], "new": after[1]})
    return changes


def _only_in(walk: Walk, tips: list[str], other: list[str]) -> set[str]:
    """Commits reachable from `tips` and not from `other`: one side of a merge."""
    proc = git(["rev-list", *tips, "--not", *other, "--"], walk.root, check=False)
    return set(proc.stdout.decode().split()) if proc.returncode == 0 else set()


def _track(walk: Walk, item_id: str, stop: int, excluded: frozenset[str] = frozenset()
           ) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    """History entries of one ID in commits before `stop`, and where it was created.

    Two items may have held one ID on two branches (a merge renumbered one of them): the
    commits of the branch whose item lost the ID are not this item's history."""
    entries: list[dict[str, Any]] = []
    creations: list[tuple[int, str]] = []  # (commit index, ID it was renumbered from or "")
    other_items: set[str] = set(excluded)
    for index, commit in enumerate(walk.commits[:stop]):
        if commit.sha in excluded:
            continue
        versions = walk.versions(commit)
        befores, after = walk.state_of(commit, versions, item_id)
        if after is not None and len(befores) > 1:
            won = [k for k, b in enumerate(befores) if b is not None and _same_item(b[0], after[0])]
            lost = [k for k, b in enumerate(befores) if b is not None and not _same_item(b[0], after[0])]
            if won and lost:
                other_items |= _only_in(walk, [commit.parents[k] for k in lost], [commit.parents[k] for k in won])
        if any(b == after for b in befores):
            continue  # unchanged, or a merge taking this item as one side had it
        changes = _changes(befores[0], after)
        if len(befores) > 1:
            # A merge: keep only what differs from every parent (a list entry by entry).
            lists = {k for k, v in (after[0] if after else {}).items() if isinstance(v, list)}

            def key(c: dict[str, Any], lists: set[str] = lists) -> tuple[str, ...]:
                return (c["field"], repr(c["old"]), repr(c["new"])) if c["field"] in lists else (c["field"],)

            common = set.intersection(*({key(c) for c in _changes(b, after)} for b in befores))
            changes = [c for c in changes if key(c) in common]
        if befores[0] is None and after is not None:
            olds, new = walk.states(commit, versions)
            renamed = [g for g, c in renames(olds[0], new).items() if c == item_id]
            if renamed:
                before = olds[0][renamed[0]]
                changes = _changes(before, after)  # the ID change comes first, as id is the first field
                creations.append((index, renamed[0]))
            else:
                creations.append((index, ""))
        if changes:
            entries.append(_entry(commit, changes))
    if other_items:
        kept = {c.sha for c in walk.commits} - other_items
        entries = [e for e in entries if e["commit"] in kept]
        creations = [(i, r) for i, r in creations if walk.commits[i].sha in kept]
    return entries, creations


def item_history(root: Path, lists: str, item_id: str, cache: Path | None = None) -> tuple[str, list[dict[str, Any]]]:
    """The ID as written in the files and every change to that item, oldest first, following
    renumberings and moves; the ID as typed may differ in case, width and padding (czj-1).
    What is read of each blob is kept in `cache` (git.blobcache), if given."""
    walk = Walk(root, lists, None, needle=None, cache=cache)
    try:
        return _item_history(walk, item_id)
    finally:
        walk.blobs.save()


def _item_history(walk: Walk, item_id: str) -> tuple[str, list[dict[str, Any]]]:
    typed = normalize_id(item_id)
    found: list[tuple[str, list[dict[str, Any]]]] = []
    for candidate in _written_as(walk, typed):
        entries = _follow(walk, candidate)
        if entries and candidate == typed:
            return candidate, entries
        if entries:
            found.append((candidate, entries))
    if len(found) > 1:
        raise ChecklistError("id_ambiguous", id=item_id.strip(), ids="、".join(c for c, _ in found))
    if not found:
        from checklist.domain.values import unknown_id

        raise unknown_id(typed, "history_unknown_id", id=typed)
    return found[0]


def _written_as(walk: Walk, typed: str) -> list[str]:
    """The IDs written in the walk's versions that are the one typed (CZJ-001 for CZJ-1), the
    exact one first: found by a scan of the raw text, as the needle is."""
    parts = id_parts(typed)
    if parts is None:
        return [typed]
    code, number = parts
    digits = r"-0*" + number if number else r"-0+"
    # No look-behind: it would cost re its literal search; a match inside XCZJ-001 proposes
    # CZJ-001, which is kept only if it has a history of its own. A match is a run of
    # [A-Za-z0-9-] with a letter and a dash before a digit: the blob's words hold it.
    pattern = re.compile(re.escape(code) + digits + r"(?![0-9])")
    shas = walk.shas(len(walk.commits))
    walk.blobs.prefetch_words(shas)
    written = {m.group() for sha in shas for m in pattern.finditer(walk.blobs.words(sha))}
    others = sorted(written - {typed})
    return [typed, *others] if typed in written else others


def _follow(walk: Walk, item_id: str) -> list[dict[str, Any]]:
    """Every change to one ID, and to the IDs it was renumbered from."""
    # Only blobs mentioning the ID (or one it was renumbered from) need reading.
    entries, creations = _track_with_needle(walk, item_id, len(walk.commits))
    seen = {item_id}
    while creations and creations[0][1] and creations[0][1] not in seen:
        index, earlier = creations[0]
        seen.add(earlier)
        # Renumbered by a merge: the old ID's history is the first parent's, not the other side's.
        merge = walk.commits[index]
        excluded = frozenset(_only_in(walk, merge.parents[1:], merge.parents[:1])) if len(merge.parents) > 1 else frozenset()
        before, creations = _track_with_needle(walk, earlier, index, excluded)
        entries = before + entries
    return entries


def _track_with_needle(walk: Walk, item_id: str, stop: int, excluded: frozenset[str] = frozenset()
                       ) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    walk.needle = item_id
    # Read at once the blobs that mention the ID and whose items the cache does not hold.
    shas = walk.shas(stop)
    if not words_cover(item_id):
        walk.blobs.fetch(shas)  # searched in the raw text: read it in one go
    walk.blobs.prefetch_items(s for s in shas if walk.blobs.contains(s, item_id))
    try:
        entries, creations = _track(walk, item_id, stop, excluded)
    finally:
        walk.needle = None
    for index, renamed in creations:
        if renamed:
            continue
        # The ID's creation may be a renumbering: look at that commit without the needle.
        olds, new = walk.states(walk.commits[index])
        sources = [g for g, c in renames(olds[0], new).items() if c == item_id]
        if sources:
            entry = next(e for e in entries if e["commit"] == walk.commits[index].sha)
            entry["changes"] = _changes(olds[0][sources[0]], new[item_id])
            creations = [(i, sources[0] if i == index else r) for i, r in creations]
    return entries, creations
