"""The audit: policy rules over the commits of a range (items deleted, IDs
changed, deadlines moved without an extension record, closures erased,
back-dated closures), and the range a pre-push hook checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from checklist.git.history import State, Walk, renames
from checklist.git.log import Commit

RULES = ("deleted", "id_changed", "deadline_moved", "closure_erased", "backdated")


def _finding(commit: Commit, file: str, item_id: str, rule: str, **params: Any) -> dict[str, Any]:
    from checklist.i18n import t

    return {"commit": commit.sha, "file": file, "id": item_id, "rule": rule,
            "message": t(f"audit_{rule}", id=item_id, **params)}


def _extension_matches(before: dict[str, Any], after: dict[str, Any]) -> bool:
    for ext in after.get("extensions") or []:
        if isinstance(ext, dict) and ext.get("from") == before.get("deadline") and ext.get("to") == after.get("deadline"):
            return True
    return False


def _reopening_matches(before: dict[str, Any], after: dict[str, Any]) -> bool:
    earlier = before.get("reopenings") or []
    for rec in after.get("reopenings") or []:
        if not isinstance(rec, dict):
            continue
        if rec.get("closed_on") == before.get("closed_on"):
            return True
        if rec.get("closed_on") is None and rec not in earlier:
            return True
    return False


def _rules(commit: Commit, old: State, new: State, soon_days: int) -> dict[tuple[str, str], dict[str, Any]]:
    """Findings of one commit against one parent, keyed by (id, rule)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    renamed = renames(old, new)
    for gone, came in renamed.items():
        if new[came][0].get("renumbered_from") == gone:
            continue  # a merge renumbered it, saying so: the ID was published for another item first
        found[(gone, "id_changed")] = _finding(commit, new[came][1], gone, "id_changed", new=came)
    pairs: list[tuple[str, tuple[dict[str, Any], str], tuple[dict[str, Any], str]]] = []
    for item_id, before in old.items():
        if item_id in renamed:  # first: a renumbered item's old ID may now name another item
            pairs.append((item_id, before, new[renamed[item_id]]))
        elif item_id in new:
            pairs.append((item_id, before, new[item_id]))
        else:
            found[(item_id, "deleted")] = _finding(commit, before[1], item_id, "deleted", title=before[0].get("title", ""))
    day = commit.date[:10]
    for item_id, (a, _), (b, file) in pairs:
        if a is b or a == b:
            continue
        if a.get("deadline") != b.get("deadline") and not _extension_matches(a, b):
            found[(item_id, "deadline_moved")] = _finding(
                commit, file, item_id, "deadline_moved", old=a.get("deadline"), new=b.get("deadline"))
        if a.get("closed_on") and not b.get("closed_on") and not _reopening_matches(a, b):
            found[(item_id, "closure_erased")] = _finding(
                commit, file, item_id, "closure_erased", closed_on=a.get("closed_on"))
        closed = b.get("closed_on")
        if not a.get("closed_on") and isinstance(closed, str):
            try:
                days = (date.fromisoformat(day) - date.fromisoformat(closed)).days
            except ValueError:
                continue
            if days > soon_days:
                found[(item_id, "backdated")] = _finding(
                    commit, file, item_id, "backdated", closed_on=closed, date=day, days=days, limit=soon_days)
    return found


def audit(root: Path, lists: str, rev_range: str | None, soon_days: int, cache: Path | None = None
          ) -> tuple[list[dict[str, Any]], int]:
    """Findings of the audit rules over the commits of a range (default: all history),
    and how many commits touching the lists were checked. What is read of each blob is
    kept in `cache` (git.blobcache), if given."""
    walk = Walk(root, lists, rev_range, cache=cache)
    walk.blobs.prefetch_items(walk.shas(len(walk.commits)))
    try:
        return _findings(walk, soon_days), len(walk.commits)
    finally:
        walk.blobs.save()


def _findings(walk: Walk, soon_days: int) -> list[dict[str, Any]]:
    findings: list[dict[str, Any]] = []
    for commit in walk.commits:
        olds, new = walk.states(commit)
        per_parent = [_rules(commit, old, new, soon_days) for old in olds]
        # In a merge, what one side already had is no news: a finding must hold against every parent.
        for key, finding in per_parent[0].items():
            if all(key in other for other in per_parent[1:]):
                findings.append(finding)
    return findings


def pushed_range(env: Mapping[str, str]) -> str | None:
    """The range a push sends, from the pre-commit framework's pre-push variables."""
    new = env.get("PRE_COMMIT_TO_REF") or env.get("PRE_COMMIT_SOURCE")
    old = env.get("PRE_COMMIT_FROM_REF") or env.get("PRE_COMMIT_ORIGIN")
    if not new:
        return None
    if not old or set(old) == {"0"}:
        return new  # a new branch: everything it holds
    return f"{old}..{new}"
