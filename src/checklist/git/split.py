"""A list file's text cut into its items by a scan for `- id:` lines (no parse), for
history and audit, which read every version of every list file.

Consecutive versions of a file differ in a few lines, so a version is cut from one
already cut (`Layout.derive`): the text both share at the start and at the end is
found by comparing strings, only the lines between are scanned again, and the items
wholly inside the shared text are taken over with their text, words and parsed form.
A version then costs a string comparison and the changed lines, not a scan of the
whole file: reading all versions grows with the commits, not with commits times file
size. What a derived cut yields is exactly what `split_items` yields on the whole
text (`tests/test_split.py`): every test it makes is of one line, so the lines
outside the changed ones answer as before, and an item's text depends only on its
own lines and whether another item follows.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from checklist.git.blobcache import chunk_words
from checklist.yamldoc import document

# A `- id: CODE-NNN` line, where an item starts in the simple block style clerks and
# `checklist` write; any other `id:` key means the text needs a full parse.
_ID_LINE = re.compile(
    r"^([ ]*-[ ]+)id[ ]*:[ ]*(['\"]?)([A-Za-z][A-Za-z0-9]*-[0-9]+)\2[ \t]*(?:#[^\n]*)?\r?$", re.M
)
_ANY_ID_KEY = re.compile(r"^[ \t-]*['\"]?id['\"]?[ \t]*:", re.M)
_LONE_CR = re.compile(r"\r(?!\n)")
_FLOW_ID_KEY = re.compile(r"[{,][ \t]*['\"]?id['\"]?[ \t]*:")


def split_items(text: str) -> dict[str, str] | None:
    """Each item's text by ID, found by a scan for `- id:` lines (no parse) and cut by the
    one item splitter (its text form); None when the layout is not that simple block style."""
    matches = list(_ID_LINE.finditer(text))
    if len(matches) != len(_ANY_ID_KEY.findall(text)) or _FLOW_ID_KEY.search(text):
        return None
    if "\r" in text and _LONE_CR.search(text):
        return None  # lone CR line endings: the splitter reads lines by "\n"
    out: dict[str, str] = {}
    slices = document.item_slices(text, [(m.start(), _dash(m)) for m in matches])
    for m, (start, end) in zip(matches, slices, strict=True):
        item_id = m.group(3)
        if item_id in out:
            return None
        out[item_id] = text[start:end]
    return out


def _dash(m: re.Match[str]) -> int:
    return len(m.group(1)) - len(m.group(1).lstrip(" "))


def _counts(text: str, start: int = 0, end: int | None = None) -> tuple[int, int, int]:
    """How many `id:` keys of any form, flow `id:` keys and lone CRs the text holds between
    start and end: each a test within one line, so a text's counts are the sums of its lines'."""
    end = len(text) if end is None else end
    lone = len(_LONE_CR.findall(text, start, end)) if text.find("\r", start, end) >= 0 else 0
    return len(_ANY_ID_KEY.findall(text, start, end)), len(_FLOW_ID_KEY.findall(text, start, end)), lone


class Layout:
    """One version's text cut at its `- id:` lines: the text before the first (`header`), each
    item's chunk (from its line to the next item's, the last to the end), ID, and text as
    `split_items` cuts it (`snippets`), the counts that decide whether that cut stands, and,
    filled by the reader, each snippet's parsed item. `dash` is the column of every dash;
    -1 when they differ (nested or odd layouts: such a version is not derived from)."""

    __slots__ = ("_delta", "_words", "anykey", "chunks", "dash", "flow", "fresh", "header", "hsize", "ids", "lone",
                 "sizes", "snippets", "starts", "word_set")

    def __init__(self, header: str, chunks: list[str], ids: list[str], snippets: list[str], dash: int,
                 counts: tuple[int, int, int], hsize: int, sizes: list[int]) -> None:
        self.header = header
        self.chunks = chunks
        self.ids = ids
        self.snippets = snippets
        self.dash = dash
        self.anykey, self.flow, self.lone = counts
        self.hsize, self.sizes = hsize, sizes  # the header's and each chunk's size in UTF-8 bytes
        self.starts = list(accumulate(sizes[:-1], initial=hsize)) if chunks else []  # each chunk's byte offset
        self.fresh = (snippets, ids)  # the snippets (and IDs) not taken over from the version derived from
        self.word_set: frozenset[str] | None = None
        self._words: str | None = None
        # (the layout derived from, its chunks (and header) dropped, the chunks (and header) put instead)
        self._delta: tuple[Layout, list[str], list[str]] | None = None

    @property
    def text(self) -> str:
        return self.header + "".join(self.chunks)

    def items(self) -> dict[str, str] | None:
        """What `split_items` returns for this text."""
        if len(self.ids) != self.anykey or self.flow or self.lone or len(set(self.ids)) != len(self.ids):
            return None
        return dict(zip(self.ids, self.snippets, strict=True))

    def word_list(self) -> str:
        """`blobcache.words` of the text (the same runs: no run crosses a chunk's start). From
        the words of the layout derived from, when known: those, less the words only the
        changed chunks had that the text no longer holds, and the changed chunks' new ones."""
        if self._words is None:
            delta, self._delta = self._delta, None
            known = delta[0].word_set if delta is not None else None
            known_list = delta[0]._words if delta is not None else None
            if delta is not None and known is not None and known_list is not None:
                _, gone, came = delta
                lost = frozenset().union(*map(chunk_words, gone))
                got = frozenset().union(*map(chunk_words, came))
                removed: frozenset[str] = frozenset()
                if not lost <= got:  # a word only the changed chunks had may still be written in a kept one
                    text = self.text
                    removed = frozenset(w for w in lost - got if not _has_run(text, w))
                if not removed and got <= known:
                    self.word_set, self._words = known, known_list
                    return known_list
                self.word_set = (known - removed) | got
            else:
                self.word_set = frozenset().union(chunk_words(self.header), *map(chunk_words, self.chunks))
            self._words = "\n".join(sorted(self.word_set))
        return self._words

    @classmethod
    def whole(cls, text: str) -> Layout:
        """The cut of a text on its own."""
        matches = list(_ID_LINE.finditer(text))
        heads = [(m.start(), _dash(m)) for m in matches]
        dashes = {d for _, d in heads}
        starts = [s for s, _ in heads]
        chunks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=False)]
        slices = document.item_slices(text, heads)
        snippets = [_snippet(text, chunk, start, end) for chunk, (start, end) in zip(chunks, slices, strict=True)]
        header = text[:starts[0]] if starts else text
        return cls(header, chunks, [m.group(3) for m in matches], snippets,
                   dashes.pop() if len(dashes) == 1 else (-1 if dashes else 0), _counts(text),
                   len(header.encode()), [len(c.encode()) for c in chunks])

    def derive(self, raw: bytes, old: bytes) -> Layout | None:
        """The cut of `raw` (UTF-8 without a BOM), another version of this one's, whose bytes are
        `old`; None when raw is not UTF-8. Only the bytes of the items the change touches are
        decoded: the rest is the same bytes as before, hence the same text."""
        try:
            return self._derive(raw, old)
        except UnicodeDecodeError:
            return None

    def _derive(self, raw: bytes, old: bytes) -> Layout:
        if self.dash < 0:
            return Layout.whole(raw.decode())
        same = _common_prefix(old, raw)
        if same == len(old) == len(raw):
            return self
        tail = _common_suffix(old, raw, min(len(old), len(raw)) - same)
        # The changed lines (byte offsets): [start, old_end) of the old version became [start, new_end).
        start = raw.rfind(b"\n", 0, same) + 1
        new_end = raw.find(b"\n", len(raw) - tail)
        new_end = len(raw) if new_end < 0 else new_end + 1
        shift = len(raw) - len(old)
        old_end = new_end - shift
        starts = self.starts
        n = len(starts)
        # Items kept before: their chunk and the next item's line lie before the change.
        keep = max(0, bisect_left(starts, start, 1, n) - 1) if n > 1 else 0
        after = bisect_left(starts, old_end)  # items from here on lie wholly after it
        kept_line = keep < n and starts[keep] < start  # item `keep` keeps its line, not its chunk
        # The text read again: from that line (or the change) to the first item after the change.
        begin = starts[keep] if kept_line else start
        mid = raw[begin:(starts[after] + shift) if after < n else len(raw)].decode()
        lead = len(raw[begin:start].decode()) if kept_line else 0
        region = (lead, lead + len(raw[start:new_end].decode()))
        matches = list(_ID_LINE.finditer(mid, *region))
        dashes = {_dash(m) for m in matches}
        if (dashes - {self.dash}) if n else len(dashes) > 1:
            return Layout.whole(raw.decode())  # a dash at another column: cut afresh
        dash = self.dash if n or not dashes else dashes.pop()
        heads = [0] * kept_line + [m.start() for m in matches]
        mid_ids = self.ids[keep:keep + kept_line] + [m.group(3) for m in matches]
        # The first item after the change begins where `mid` ends: as its next item, it ends the last one.
        bound = [(h, dash) for h in heads] + [(len(mid), dash)] * (after < n)
        slices = document.item_slices(mid, bound)[:len(heads)]
        mid_chunks = [mid[a:b] for a, b in zip(heads, [*heads[1:], len(mid)], strict=False)]
        mid_snippets = [_snippet(mid, c, a, b) for c, (a, b) in zip(mid_chunks, slices, strict=True)]
        if keep or kept_line:
            header, hsize = self.header, self.hsize
        else:
            header = raw[:start].decode() + mid[:heads[0] if heads else len(mid)]
            hsize = len(header.encode())
        old_counts = _counts(old[start:old_end].decode())
        new_counts = _counts(mid, *region)
        counts = (self.anykey - old_counts[0] + new_counts[0], self.flow - old_counts[1] + new_counts[1],
                  self.lone - old_counts[2] + new_counts[2])
        out = Layout(header, [*self.chunks[:keep], *mid_chunks, *self.chunks[after:]],
                     [*self.ids[:keep], *mid_ids, *self.ids[after:]],
                     [*self.snippets[:keep], *mid_snippets, *self.snippets[after:]], dash, counts,
                     hsize, [*self.sizes[:keep], *(len(c.encode()) for c in mid_chunks), *self.sizes[after:]])
        gone, came = self.chunks[keep:after], mid_chunks
        if header is not self.header:
            gone, came = [self.header, *gone], [header, *came]
        out._delta = (self, gone, came)
        out.fresh = (mid_snippets, mid_ids)
        return out


def _snippet(text: str, chunk: str, start: int, end: int) -> str:
    """text[start:end], the chunk itself when it is that (an item nested deeper runs past it)."""
    return chunk if end - start == len(chunk) else text[start:end]


_RUN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")


def _has_run(text: str, word: str) -> bool:
    """Whether `word` is a whole run of [A-Za-z0-9-] somewhere in text (as `words` cuts runs)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or text[at - 1] not in _RUN) and (end == len(text) or text[end] not in _RUN):
            return True
        at = text.find(word, at + 1)
    return False


def _common_prefix(a: bytes, b: bytes) -> int:
    """The length of the longest common prefix (a binary search of byte comparisons, on views:
    nothing is copied)."""
    view = memoryview(a)
    lo, hi = 0, min(len(a), len(b))
    if b.startswith(view[:hi]):
        return hi
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if b.startswith(view[lo:mid], lo):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """The length of the longest common suffix, at most `limit`."""
    view = memoryview(a)
    lo, hi = 0, limit
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if b.startswith(view[la - mid:la - lo], lb - mid):
            lo = mid
        else:
            hi = mid - 1
    return lo
