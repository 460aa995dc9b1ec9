"""What history and audit read out of list-file blobs, kept between runs.

A blob never changes, so what a blob holds is keyed by its id alone: its
items (as `log.Blobs` reads them) and its ID-like words (for the needle
test of `history`). Entries live in packs (zlib of JSON) named after the
digest of their bytes, in a folder of the cache named after the code that
reads blobs (the cache folder itself is named after the parser's code):
a new parser reads an empty folder. A run writes one pack of what it
learnt; past a few packs they are merged into one, and past a size bound
only the blobs of the run are kept. A damaged or missing pack is skipped
(and removed), its blobs read again: at worst work is redone.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import tempfile
import zlib
from pathlib import Path
from typing import Any

import orjson

from checklist.sha import sha1

_MAX_PACKS = 8
_MAX_BYTES = 64 * 1024 * 1024  # compressed, all packs together
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
_PACK = re.compile(r"^pack-[0-9a-f]{40}\.z$")

# Words of [A-Za-z0-9-] with a letter and a dash before a digit: every ID-like text.
_NOT_WORD = bytes(b if chr(b).isascii() and (chr(b).isalnum() or b == 0x2D) else 0x20 for b in range(256))
_DASH_DIGIT = re.compile(rb"-[0-9]")
_LETTER = re.compile(rb"[A-Za-z]")
_NEEDLE = re.compile(r"[A-Za-z0-9-]*")

UNREADABLE = -1  # the items of a blob that is not a readable list file


_PLAIN: set[bytes] = set()  # lines without words: most of a blob, the same in every version
_LINE_WORDS: dict[bytes, list[str]] = {}


def _line_words(line: bytes) -> list[str]:
    runs = set(line.translate(_NOT_WORD).split())
    return [r.decode("ascii") for r in runs if _DASH_DIGIT.search(r) and _LETTER.search(r)]


def words(raw: bytes) -> str:
    """The blob's maximal runs of [A-Za-z0-9-] holding a letter and a dash before a digit,
    sorted, one a line: any text of that kind is in the blob exactly when it is in this.
    No run crosses a line break, so lines seen in an earlier version are not scanned again."""
    found: set[str] = set()
    for line in set(raw.split(b"\n")) - _PLAIN:
        got = _LINE_WORDS.get(line)
        if got is None:
            got = _line_words(line)
            if not got:
                _PLAIN.add(line)
                continue
            _LINE_WORDS[line] = got
        found.update(got)
    return "\n".join(sorted(found))


_CHUNK_WORDS: dict[str, frozenset[str]] = {}


def chunk_words(chunk: str) -> frozenset[str]:
    """The words (as `words` finds them) of a piece of text made of whole lines, kept by its
    text: the chunks of one item are the same strings in every version that did not touch it."""
    found = _CHUNK_WORDS.get(chunk)
    if found is None:
        found = _CHUNK_WORDS[chunk] = frozenset(words(chunk.encode()).split("\n")) - {""}
    return found


@functools.cache
def words_cover(needle: str) -> bool:
    """Whether `words` answers `needle in raw` for this needle (a run holding it is kept)."""
    return _NEEDLE.fullmatch(needle) is not None and re.search(r"-[0-9]", needle) is not None and re.search(r"[A-Za-z]", needle) is not None


@functools.cache
def _code_digest() -> str:
    here = Path(__file__).resolve().parent
    digest = sha1()
    for name in ("log.py", "split.py", "blobcache.py"):
        digest.update(name.encode())
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def round_trips(item: dict[str, Any]) -> bool:
    """Whether an item reads back from JSON as it is (the packs hold JSON)."""
    try:
        return bool(orjson.loads(orjson.dumps(item)) == item)
    except (TypeError, orjson.JSONEncodeError):
        return False


class Entry:
    """What is known of one blob: its words (None: not yet) and its items (None: not yet;
    UNREADABLE; else the items in the blob's order). Items read from a pack stay indexes
    into its table until asked for."""

    __slots__ = ("_items", "_table", "words")

    def __init__(self, words: str | None = None, items: list[Any] | int | None = None,
                 table: list[dict[str, Any]] | None = None) -> None:
        self.words = words
        self._items = items
        self._table = table

    @property
    def items(self) -> list[dict[str, Any]] | int | None:
        if self._table is not None:
            index, table, self._table = self._items, self._table, None
            try:
                assert isinstance(index, list)
                self._items = [table[i] for i in index] if not index or min(index) >= 0 else None
            except (TypeError, IndexError):
                self._items = None  # a damaged index: the blob is read again
        return self._items

    @items.setter
    def items(self, value: list[dict[str, Any]] | int | None) -> None:
        self._items, self._table = value, None


class BlobCache:
    """The entries of every pack in `folder` (none when folder is None), and those learnt since."""

    def __init__(self, cache: Path | None) -> None:
        self.folder = cache / f"blobs-{_code_digest()}" if cache is not None else None
        self.entries: dict[str, Entry] = {}
        self._packs: list[Path] = []
        self._learnt: set[str] = set()
        self._fit: dict[int, dict[str, Any]] = {}  # id -> item that survives JSON (kept alive: ids stay unique)
        if self.folder is None:
            return
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return
        for name in names:
            if _PACK.match(name):
                path = self.folder / name
                if self._load(path):
                    self._packs.append(path)
                else:
                    with contextlib.suppress(OSError):
                        path.unlink()

    def _load(self, path: Path) -> bool:
        try:
            data = path.read_bytes()
        except OSError:
            return True  # gone meanwhile (merged by another run): nothing to remove
        if sha1(data).hexdigest() != path.name[5:45]:
            return False
        try:
            pack = orjson.loads(zlib.decompress(data))
            items, blobs = pack["items"], pack["blobs"]
            if not isinstance(items, list) or not isinstance(blobs, dict):
                return False
            if not all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
                return False
            found: dict[str, Entry] = {}
            for sha, (text, index) in blobs.items():
                if not _SHA.match(sha) or not (text is None or isinstance(text, str)):
                    return False
                if index is None or index == UNREADABLE:
                    found[sha] = Entry(text, index)
                elif isinstance(index, list):
                    found[sha] = Entry(text, index, items)
                else:
                    return False
        except (zlib.error, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return False
        for sha, entry in found.items():
            self._merge(sha, entry)
        return True

    def _merge(self, sha: str, entry: Entry) -> None:
        known = self.entries.get(sha)
        if known is None:
            self.entries[sha] = entry
            return
        if known.words is None:
            known.words = entry.words
        if known.items is None:
            known.items = entry.items

    def learn(self, sha: str, *, words: str | None = None, items: list[dict[str, Any]] | int | None = None,
              fit: bool = False) -> None:
        """Record what was read of a blob this run (items only when they survive JSON unchanged;
        `fit`: the reader checked that already, item by item, with `round_trips`)."""
        if isinstance(items, list) and not fit:
            fresh = [i for i in items if id(i) not in self._fit]  # items are shared between blobs
            if not all(round_trips(i) for i in fresh):
                items = None
            else:
                self._fit.update((id(i), i) for i in fresh)
        if words is None and items is None:
            return
        self._merge(sha, Entry(words, items))
        self._learnt.add(sha)

    def save(self, used: set[str]) -> None:
        """Write what was learnt as one pack; merge the packs when there are many (keeping only
        the blobs in `used` when they grow past the bound). Failures only cost a later rerun."""
        if self.folder is None or not self._learnt:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if len(self._packs) + 1 <= _MAX_PACKS:
                self._write({s: self.entries[s] for s in sorted(self._learnt)})
                return
            merged = self._write({s: self.entries[s] for s in sorted(self.entries)})
            if merged is None:  # past the bound: keep only the blobs of this run
                merged = self._write({s: self.entries[s] for s in sorted(used) if s in self.entries})
            for old in self._packs:
                if old != merged:
                    with contextlib.suppress(OSError):
                        old.unlink()
        except OSError:
            return

    def _write(self, entries: dict[str, Entry]) -> Path | None:
        assert self.folder is not None
        table: list[dict[str, Any]] = []
        seen: dict[int, int] = {}  # id(item) -> index: items read once are shared objects
        blobs: dict[str, list[Any]] = {}
        for sha, entry in entries.items():
            index: list[int] | int | None
            if isinstance(entry.items, list):
                keys = list(map(id, entry.items))
                if not seen.keys() >= set(keys):  # most items were in the blob before: no loop for them
                    for key, item in zip(keys, entry.items, strict=True):
                        if key not in seen:
                            seen[key] = len(table)
                            table.append(item)
                index = list(map(seen.__getitem__, keys))
            else:
                index = entry.items
            blobs[sha] = [entry.words, index]
        data = zlib.compress(orjson.dumps({"items": table, "blobs": blobs}), 1)
        if len(data) > _MAX_BYTES:
            return None
        path = self.folder / f"pack-{sha1(data).hexdigest()}.z"
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".pack.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)  # atomic: a reader sees the whole pack or none
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return path
