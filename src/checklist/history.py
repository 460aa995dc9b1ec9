"""Git as the audit trail: reading list files out of history, an item's
field-by-field history, and the audit rules over a range of commits.

Everything here is read out of the commits' own versions of the list files
(hand edits included), never out of commit messages or trailers. One
`git log --raw` gives, per commit, the old and new blob of every list file it
touched; one `git cat-file --batch` reads those blobs. A blob is split into
item snippets by its text layout and only snippets that changed are parsed,
so a file revision costs a text scan, not a YAML parse of the whole file.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError
from checklist.gitcmd import git

ZERO = "0" * 40
_FORMAT = "%x1e%H %P%x1f%aI%x1f%an%x1f%s"
_SUFFIXES = (".yaml", ".yml")

Items = dict[str, dict[str, Any]]
State = dict[str, tuple[dict[str, Any], str]]  # id -> (item, file)


@dataclass
class Commit:
    """One commit of the walk and the list files it changed."""

    sha: str
    parents: list[str]
    date: str
    author: str
    subject: str
    # (path, blob in each parent (ZERO: absent), blob in this commit (ZERO: deleted))
    files: list[tuple[str, list[str], str]] = field(default_factory=list)


def read_log(root: Path, lists: str, rev_range: str | None = None) -> list[Commit]:
    """Commits touching the lists folder, oldest first, with the blobs they changed."""
    args = [
        "-c", "core.quotePath=false", "log", "--reverse", "--topo-order", "--full-history",
        "-c", "--raw", "--no-renames", "--no-abbrev", "-z", f"--format={_FORMAT}",
    ]
    if rev_range:
        if rev_range.startswith("-"):
            raise ChecklistError("audit_bad_range", range=rev_range)
        args.append(rev_range)
    args += ["--", lists]
    if git(["rev-parse", "--verify", "-q", "HEAD"], root, check=False).returncode != 0 and not rev_range:
        return []  # a repository without commits has no history yet
    proc = git(args, root, check=False)
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        if rev_range:
            raise ChecklistError("audit_bad_range", range=rev_range)
        raise ChecklistError("git_failed", command="git log", detail=detail[-1] if detail else "")
    commits = []
    for chunk in proc.stdout.split(b"\x1e")[1:]:
        header, _, raw = chunk.partition(b"\0")
        shas, when, author, subject = header.decode("utf-8", "replace").split("\x1f", 3)
        sha, *parents = shas.split()
        commit = Commit(sha, parents, when, author, subject)
        tokens = raw.lstrip(b"\n\0").split(b"\0")
        for meta, path_b in zip(tokens[0::2], tokens[1::2], strict=False):
            path = path_b.decode("utf-8", "surrogateescape")
            if not path.endswith(_SUFFIXES):
                continue
            parts = meta.decode().lstrip(":").split()
            n = meta.count(b":", 0, 3)  # 1 for a plain diff, one per parent for a merge
            blobs = parts[n + 1: n + 1 + n + 1]
            commit.files.append((path, blobs[:-1], blobs[-1]))
        if commit.files:
            commits.append(commit)
    return commits


class Blobs:
    """Blob contents read in one `git cat-file --batch`, and their items, parsed once."""

    def __init__(self, root: Path, shas: set[str]) -> None:
        self._raw: dict[str, bytes] = {}
        self._items: dict[str, Items | None] = {}
        self._snippets: dict[str, dict[str, Any] | None] = {}
        wanted = sorted(s for s in shas if s != ZERO)
        if not wanted:
            return
        try:
            proc = subprocess.run(
                ["git", "cat-file", "--batch"], cwd=root, input="\n".join(wanted).encode() + b"\n",
                capture_output=True, check=False,
            )
        except FileNotFoundError:
            raise ChecklistError("git_missing") from None
        data, at = proc.stdout, 0
        while at < len(data):
            eol = data.index(b"\n", at)
            head = data[at:eol].split()
            at = eol + 1
            if len(head) < 3 or head[1] == b"missing":
                continue
            size = int(head[2])
            self._raw[head[0].decode()] = data[at: at + size]
            at += size + 1

    def raw(self, sha: str) -> bytes:
        """The blob's bytes (empty for ZERO or a blob git did not have)."""
        return self._raw.get(sha, b"")

    def items(self, sha: str) -> Items | None:
        """The blob's items by ID; None when it cannot be read as a list file."""
        if sha == ZERO:
            return {}
        if sha not in self._items:
            self._items[sha] = self._parse(self.raw(sha))
        return self._items[sha]

    def _parse(self, raw: bytes) -> Items | None:
        from checklist.parse import decode

        text, _ = decode(raw, "")
        if text is None:
            return None
        spans = split_items(text)
        if spans is not None:
            out: Items = {}
            for item_id, snippet in spans.items():
                item = self._snippet(snippet)
                if item is None or item.get("id") != item_id:
                    break
                out[item_id] = item
            else:
                return out
        return _full_parse(text)

    def _snippet(self, snippet: str) -> dict[str, Any] | None:
        if snippet not in self._snippets:
            from checklist.fields import jsonable
            from checklist.parse import parse_text

            parsed = parse_text(snippet, "")
            data = parsed.data
            ok = not parsed.problems and isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict)
            self._snippets[snippet] = jsonable(data[0]) if ok else None
        return self._snippets[snippet]


_ID_LINE = re.compile(
    r"^([ ]*)-[ ]+id[ ]*:[ ]*(['\"]?)([A-Za-z][A-Za-z0-9]*-[0-9]+)\2[ \t]*(?:#[^\n]*)?\r?$", re.M
)
_ANY_ID_KEY = re.compile(r"^[ \t-]*['\"]?id['\"]?[ \t]*:", re.M)
_FLOW_ID_KEY = re.compile(r"[{,][ \t]*['\"]?id['\"]?[ \t]*:")
_DEDENT: dict[int, re.Pattern[str]] = {}


def split_items(text: str) -> dict[str, str] | None:
    """Each item's text (from its `- id:` line to the next line indented no deeper
    than its dash), by ID; None when the layout is not that simple block style."""
    matches = list(_ID_LINE.finditer(text))
    if len(matches) != len(_ANY_ID_KEY.findall(text)) or _FLOW_ID_KEY.search(text):
        return None
    out: dict[str, str] = {}
    for m in matches:
        indent = len(m.group(1))
        pattern = _DEDENT.get(indent)
        if pattern is None:
            pattern = _DEDENT[indent] = re.compile(rf"\n {{0,{indent}}}(?=[^ \t\r\n#])")
        end = pattern.search(text, m.end())
        item_id = m.group(3)
        if item_id in out:
            return None
        out[item_id] = text[m.start(): end.start() + 1 if end else len(text)]
    return out


def _full_parse(text: str) -> Items | None:
    from checklist.fields import jsonable
    from checklist.parse import parse_text

    parsed = parse_text(text, "")
    data = parsed.data
    if data is None:
        return None
    out: Items = {}
    for dept in data if isinstance(data, list) else [data]:
        items = dept.get("items") if isinstance(dept, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.setdefault(item["id"], jsonable(item))
    return out


# -- comparing two versions of an item -------------------------------------

def _field_order(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    from checklist.fields import ITEM_FIELDS

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


# -- the walk ---------------------------------------------------------------

class _Walk:
    """The commits of a walk with their blobs; per-commit item states on demand."""

    def __init__(self, root: Path, lists: str, rev_range: str | None, needle: bytes | None = None) -> None:
        self.root = root
        self.commits = read_log(root, lists, rev_range)
        prefix = git(["rev-parse", "--show-prefix"], root).stdout.decode().strip()
        self.prefix = prefix
        shas = {b for c in self.commits for _, olds, new in c.files for b in (*olds, new)}
        self.blobs = Blobs(root, shas)
        self.needle = needle
        self._last_good: dict[str, Items] = {}

    def display(self, path: str) -> str:
        return path[len(self.prefix):] if self.prefix and path.startswith(self.prefix) else path

    def _items(self, sha: str, path: str, *, new: bool) -> Items | None:
        if self.needle is not None and sha != ZERO and self.needle not in self.blobs.raw(sha):
            return {}
        items = self.blobs.items(sha)
        if items is None and not new:
            # An unreadable old version: compare with the last version we could read.
            return self._last_good.get(path)
        if items is not None and new and self.needle is None:
            self._last_good[path] = items
        return items

    def states(self, commit: Commit) -> tuple[list[State], State]:
        """The items of the files a commit changed: before (per parent) and after."""
        olds: list[State] = [{} for _ in range(max(1, len(commit.parents)))]
        new_state: State = {}
        for path, parent_blobs, blob in commit.files:
            after = self._items(blob, path, new=True)
            befores = [self._items(b, path, new=False) for b in parent_blobs]
            if after is None or any(b is None for b in befores):
                continue  # a version that cannot be read says nothing about its items
            shown = self.display(path)
            for item_id, item in after.items():
                new_state.setdefault(item_id, (item, shown))
            for state, before in zip(olds, befores, strict=False):
                assert before is not None
                for item_id, item in before.items():
                    state.setdefault(item_id, (item, shown))
        return olds, new_state


def _same_item(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two items under different IDs are one item renumbered."""
    if a.get("title") == b.get("title") and a.get("created_on") == b.get("created_on"):
        return True
    return {k: v for k, v in a.items() if k != "id"} == {k: v for k, v in b.items() if k != "id"}


def _renames(old: State, new: State) -> dict[str, str]:
    """old ID -> new ID for items that vanished under one ID and appeared under another."""
    gone = [i for i in old if i not in new]
    came = [i for i in new if i not in old]
    pairs: dict[str, str] = {}
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


def _track(walk: _Walk, item_id: str, stop: int) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    """History entries of one ID in commits before `stop`, and where it was created."""
    entries: list[dict[str, Any]] = []
    creations: list[tuple[int, str]] = []  # (commit index, ID it was renumbered from or "")
    for index, commit in enumerate(walk.commits[:stop]):
        olds, new = walk.states(commit)
        after = new.get(item_id)
        befores = [o.get(item_id) for o in olds]
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
            renamed = [g for g, c in _renames(olds[0], new).items() if c == item_id]
            if renamed:
                before = olds[0][renamed[0]]
                changes = _changes(before, after)  # the ID change comes first, as id is the first field
                creations.append((index, renamed[0]))
            else:
                creations.append((index, ""))
        if changes:
            entries.append(_entry(commit, changes))
    return entries, creations


def item_history(root: Path, lists: str, item_id: str) -> list[dict[str, Any]]:
    """Every change to one item, oldest first, following renumberings and moves."""
    item_id = item_id.strip().upper()
    walk = _Walk(root, lists, None, needle=None)
    # Only blobs mentioning the ID (or one it was renumbered from) need reading.
    entries, creations = _track_with_needle(walk, item_id, len(walk.commits))
    seen = {item_id}
    while creations and creations[0][1] and creations[0][1] not in seen:
        index, earlier = creations[0]
        seen.add(earlier)
        before, creations = _track_with_needle(walk, earlier, index)
        entries = before + entries
    if not entries:
        raise ChecklistError("history_unknown_id", id=item_id)
    return entries


def _track_with_needle(walk: _Walk, item_id: str, stop: int) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    walk.needle = item_id.encode()
    try:
        entries, creations = _track(walk, item_id, stop)
    finally:
        walk.needle = None
    for index, renamed in creations:
        if renamed:
            continue
        # The ID's creation may be a renumbering: look at that commit without the needle.
        olds, new = walk.states(walk.commits[index])
        sources = [g for g, c in _renames(olds[0], new).items() if c == item_id]
        if sources:
            entry = next(e for e in entries if e["commit"] == walk.commits[index].sha)
            entry["changes"] = _changes(olds[0][sources[0]], new[item_id])
            creations = [(i, sources[0] if i == index else r) for i, r in creations]
    return entries, creations


# -- the audit ----------------------------------------------------------------

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
    renames = _renames(old, new)
    for gone, came in renames.items():
        found[(gone, "id_changed")] = _finding(commit, new[came][1], gone, "id_changed", new=came)
    pairs: list[tuple[str, tuple[dict[str, Any], str], tuple[dict[str, Any], str]]] = []
    for item_id, before in old.items():
        if item_id in new:
            pairs.append((item_id, before, new[item_id]))
        elif item_id in renames:
            pairs.append((item_id, before, new[renames[item_id]]))
        else:
            found[(item_id, "deleted")] = _finding(commit, before[1], item_id, "deleted", title=before[0].get("title", ""))
    day = commit.date[:10]
    for item_id, (a, _), (b, file) in pairs:
        if a == b:
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


def audit(root: Path, lists: str, rev_range: str | None, soon_days: int) -> tuple[list[dict[str, Any]], int]:
    """Findings of the audit rules over the commits of a range (default: all history),
    and how many commits touching the lists were checked."""
    walk = _Walk(root, lists, rev_range)
    findings: list[dict[str, Any]] = []
    for commit in walk.commits:
        olds, new = walk.states(commit)
        per_parent = [_rules(commit, old, new, soon_days) for old in olds]
        # In a merge, what one side already had is no news: a finding must hold against every parent.
        for key, finding in per_parent[0].items():
            if all(key in other for other in per_parent[1:]):
                findings.append(finding)
    return findings, len(walk.commits)


def locate(root_option: str | None) -> tuple[Path, str, int]:
    """The ledger root (inside a git work tree), its lists folder and due_soon_days."""
    from checklist.errors import UsageError
    from checklist.gitcmd import work_tree
    from checklist.ledger import CONFIG_NAME, Config, find_root, load_config

    root = find_root(root_option)
    if root is None:
        raise UsageError("no_ledger")
    config = Config()
    if (root / CONFIG_NAME).is_file():
        config, _ = load_config(root / CONFIG_NAME, CONFIG_NAME)
    if work_tree(root) is None:
        raise ChecklistError("not_git", path=str(root))
    return root, config.lists, config.due_soon_days


def pushed_range(env: Mapping[str, str]) -> str | None:
    """The range a push sends, from the pre-commit framework's pre-push variables."""
    new = env.get("PRE_COMMIT_TO_REF") or env.get("PRE_COMMIT_SOURCE")
    old = env.get("PRE_COMMIT_FROM_REF") or env.get("PRE_COMMIT_ORIGIN")
    if not new:
        return None
    if not old or set(old) == {"0"}:
        return new  # a new branch: everything it holds
    return f"{old}..{new}"
