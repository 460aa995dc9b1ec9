"""Reading list files out of git history: one `git log --raw` gives, per
commit, the old and new blob of every list file it touched; one
`git cat-file --batch` reads the blobs the blob cache (git.blobcache) cannot
answer for, newest first; each blob is cut into item snippets as it comes, from
the version of the same file cut before it (git.split: only the changed lines
are scanned), and only snippets not seen before are parsed, so a file revision
costs a comparison and its changed lines, not a YAML parse of the whole file.
What a blob holds (its items, its ID-like words) is kept by blob id, so a
second run reads no blob at all.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from checklist.domain.values import jsonable
from checklist.errors import ChecklistError
from checklist.git.blobcache import UNREADABLE, BlobCache, Entry, round_trips, words, words_cover
from checklist.git.run import git
from checklist.git.split import Layout
from checklist.yamldoc.parse import decode, parse_text

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
    """Blob contents read with `git cat-file --batch` (a batch at a time, only the blobs the
    blob cache cannot answer for), their items parsed once, and what was read kept there."""

    def __init__(self, root: Path, shas: set[str], cache: Path | None = None, paths: dict[str, str] | None = None) -> None:
        self.root = root
        self.shas = {s for s in shas if s != ZERO}
        self.cache = BlobCache(cache)
        self._raw: dict[str, bytes] = {}
        self._missing: set[str] = set()  # blobs git does not have: read as empty, never kept
        self._words: dict[str, str] = {}
        self._items: dict[str, Items | None] = {}
        self._snippets: dict[str, dict[str, Any] | None] = {}
        self._unfit: set[int] = set()  # ids of parsed snippets' items that do not survive JSON
        self._fit: set[str] = set()  # blobs whose items are parsed snippets that all survive JSON
        self._paths = paths or {}  # blob -> a file it is a version of
        self._layouts: dict[str, Layout | None] = {}  # None: not UTF-8 text
        self._bom: set[str] = set()  # blobs whose text followed a BOM
        self._last: dict[str | None, tuple[bytes, Layout]] = {}  # per file, the version cut last (its bytes): the next is cut from it

    def fetch(self, shas: Iterable[str], cut: bool = False) -> None:
        """Read, in one `git cat-file --batch`, the blobs among shas not read yet, in the order
        given (newest first is several times faster than any other: git's delta base cache);
        with `cut`, each is cut into items as it comes and kept as that text only."""
        wanted = list({s: None for s in shas if s != ZERO and s not in self._raw and s not in self._layouts
                       and s not in self._missing})
        if not wanted:
            return
        try:
            proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root, stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except FileNotFoundError:
            raise ChecklistError("git_missing") from None
        assert proc.stdin is not None and proc.stdout is not None

        def ask(stdin: IO[bytes] = proc.stdin) -> None:
            with contextlib.suppress(OSError):  # git gone: what it gave is read below
                stdin.write("\n".join(wanted).encode() + b"\n")
            with contextlib.suppress(OSError):
                stdin.close()

        # Asked from a thread and read as it comes: one copy of each blob in memory, never the whole output twice.
        writer = threading.Thread(target=ask, daemon=True)
        writer.start()
        with proc.stdout as out:
            while head_line := out.readline():
                head = head_line.split()
                if len(head) < 3 or head[1] == b"missing":
                    continue
                size = int(head[2])
                data = out.read(size)
                if len(data) < size or out.read(1) != b"\n":
                    break  # cut short (git stopped): the rest is not taken as read, nor kept
                sha = head[0].decode()
                self._raw[sha] = data
                if cut:  # cut (and its words found) from the version read before: in this order, its next
                    self.layout(sha)
                    self.words(sha)
        writer.join()
        proc.wait()
        self._missing.update(s for s in wanted if s not in self._raw and s not in self._layouts)

    def raw(self, sha: str) -> bytes:
        """The blob's bytes (empty for ZERO or a blob git did not have)."""
        layout = self._layouts.get(sha)
        if layout is not None:  # kept as its text, which is the bytes decoded (less a BOM)
            return (_BOM if sha in self._bom else b"") + layout.text.encode()
        if sha != ZERO and sha not in self._raw and sha not in self._missing:
            self.fetch([sha])
        return self._raw.get(sha, b"")

    def prefetch_words(self, shas: Iterable[str]) -> None:
        """Read at once the blobs whose words are neither known nor kept."""
        self.fetch((s for s in shas if s not in self._words and _known(self.cache.entries.get(s), "words") is None), cut=True)

    def prefetch_items(self, shas: Iterable[str]) -> None:
        """Read at once the blobs whose items are neither known nor kept, and parse at once the
        snippets they bring."""
        wanted = [s for s in shas if s not in self._items and _known(self.cache.entries.get(s), "items") is None]
        self.fetch(wanted, cut=True)
        pending: dict[str, str] = {}
        for sha in wanted:
            layout = self._layouts.get(sha)
            if layout is not None and layout.items() is not None:
                pending.update((s, i) for s, i in zip(*layout.fresh, strict=True) if s not in self._snippets)
        self._parse_many(pending)

    def _parse_many(self, pending: dict[str, str]) -> None:
        """Parse snippets (snippet -> its ID) a batch at a time, as one sequence: a batch stands
        only when it has no problem and each of its items begins on its own snippet's first line;
        a snippet of a batch that does not stand, or that a batch could read otherwise (no final
        line break, anchors, aliases, document markers, directives, tabs, CRs, wide spaces), is
        parsed alone when its version is read (`_snippet`)."""
        groups: dict[int, list[tuple[str, str]]] = {}
        for snippet, item_id in pending.items():
            if snippet.endswith("\n") and not _UNBATCHED.search(snippet):
                groups.setdefault(len(snippet) - len(snippet.lstrip(" ")), []).append((snippet, item_id))
        for group in groups.values():
            for at in range(0, len(group), _BATCH):
                batch = group[at:at + _BATCH]
                parsed = parse_text("".join(s for s, _ in batch), "")
                data = parsed.data
                if parsed.problems or not isinstance(data, list) or len(data) != len(batch):
                    continue
                line = 1
                for k, (snippet, _) in enumerate(batch):
                    if not isinstance(data[k], dict) or parsed.pos.get((k,), (0, 0))[0] != line:
                        break
                    line += snippet.count("\n")
                else:
                    for (snippet, item_id), value in zip(batch, data, strict=True):
                        self._keep_snippet(snippet, item_id, jsonable(value))

    def words(self, sha: str) -> str:
        """The blob's ID-like words (blobcache.words)."""
        if sha not in self._words:
            known = _known(self.cache.entries.get(sha), "words")
            if known is None:
                layout = self.layout(sha)
                known = layout.word_list() if layout is not None else words(self.raw(sha))
                if sha not in self._missing:
                    self.cache.learn(sha, words=known)
            self._words[sha] = known
        return self._words[sha]

    def contains(self, sha: str, needle: str) -> bool:
        """Whether the blob's text holds needle (from its words when they answer that)."""
        if words_cover(needle):
            return needle in self.words(sha)
        return needle.encode() in self.raw(sha)

    def items(self, sha: str) -> Items | None:
        """The blob's items by ID; None when it cannot be read as a list file."""
        if sha == ZERO:
            return {}
        if sha not in self._items:
            known = _known(self.cache.entries.get(sha), "items")
            if isinstance(known, list):
                self._items[sha] = {item["id"]: item for item in known}
            elif known == UNREADABLE:
                self._items[sha] = None
            else:
                items = self._parse(sha)
                self._items[sha] = items
                if sha not in self._missing:
                    self.cache.learn(sha, items=UNREADABLE if items is None else list(items.values()), fit=sha in self._fit)
                    self.words(sha)  # cheap with the text at hand: a later history reads no blob
        return self._items[sha]

    def save(self) -> None:
        """Keep what this run read in the blob cache."""
        self.cache.save(self.shas)

    def layout(self, sha: str) -> Layout | None:
        """The blob's text cut into items (None when it is not UTF-8), from the version of the
        same file cut last when there is one: consecutive versions share most of their text."""
        if sha not in self._layouts:
            raw = self.raw(sha)
            body = raw[len(_BOM):] if raw.startswith(_BOM) else raw  # as `decode` reads it
            path = self._paths.get(sha)
            base = self._last.get(path)
            layout: Layout | None
            if base is not None:
                layout = base[1].derive(body, base[0])
            else:
                text, _ = decode(raw, "")
                layout = Layout.whole(text) if text is not None else None
            if layout is not None:
                self._last[path] = (body, layout)
                self._raw.pop(sha, None)  # the text says it all (`raw`): one copy of each version in memory
                if body is not raw:
                    self._bom.add(sha)
            self._layouts[sha] = layout
        return self._layouts[sha]

    def _parse(self, sha: str) -> Items | None:
        layout = self.layout(sha)
        items = self._cut_items(layout)
        if items is None:
            return self._read(layout)
        if not self._unfit or self._unfit.isdisjoint(map(id, items.values())):
            self._fit.add(sha)  # every item checked once, when parsed: the cache need not check them again
        return items

    def _read(self, layout: Layout | None) -> Items | None:
        """A version's items: each snippet parsed once in the run, the whole text when the
        cut does not stand or a snippet is not one item of its ID."""
        if layout is None:
            return None
        items = self._cut_items(layout)
        return _full_parse(layout.text) if items is None else items

    def _cut_items(self, layout: Layout | None) -> Items | None:
        """The items of the version's snippets; None when its cut or a snippet does not stand."""
        spans = layout.items() if layout is not None else None
        if layout is None or spans is None:
            return None
        get = self._snippets.get
        parsed = [get(snippet, _UNSEEN) for snippet in layout.snippets]
        if _UNSEEN in parsed:
            for k, item in enumerate(parsed):
                if item is _UNSEEN:
                    parsed[k] = self._snippet(layout.snippets[k], layout.ids[k])
        return dict(zip(layout.ids, parsed, strict=True)) if None not in parsed else None

    def _snippet(self, snippet: str, item_id: str) -> dict[str, Any] | None:
        """The item a snippet holds; None when it is not one item of that ID (the ID is the one
        on the snippet's first line, so the snippet alone is the key)."""
        if snippet not in self._snippets:
            parsed = parse_text(snippet, "")
            data = parsed.data
            ok = not parsed.problems and isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict)
            self._keep_snippet(snippet, item_id, jsonable(data[0]) if ok else None)
        return self._snippets[snippet]

    def _keep_snippet(self, snippet: str, item_id: str, item: dict[str, Any] | None) -> None:
        self._snippets[snippet] = item if item is not None and item.get("id") == item_id else None
        if item is not None and not round_trips(item):
            self._unfit.add(id(item))


_UNSEEN: Any = object()
_BATCH = 64
_UNBATCHED = re.compile(r"[&*\t\r\u3000\ufeff]|^(?:---|\.\.\.|%)", re.M)
_BOM = b"\xef\xbb\xbf"


def _known(entry: Entry | None, what: str) -> Any:
    return getattr(entry, what) if entry is not None else None


def _full_parse(text: str) -> Items | None:
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
