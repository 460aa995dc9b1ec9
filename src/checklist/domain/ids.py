"""Item IDs: CODE-NNN, as typed and as allocated (the highest number + 1, never reused below it).

On input an ID is case- and width-insensitive and its padding optional:
`ＣＺＪ－００１`, `czj-1` and ` CZJ-001 ` all name the item CZJ-001.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from checklist.errors import ChecklistError

T = TypeVar("T")
_TYPED = re.compile(r"^([A-Z][A-Z0-9]*)-([0-9]+)$")
# Leading zeros an ID in a file may carry and still fit a number typed without them.
_MAX_PADDING = 32
# Dashes a Chinese input method types where the hyphen belongs (NFKC already maps － and ﹣).
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


def normalize_id(value: str) -> str:
    """An ID as typed, in canonical text: NFKC (full width to ASCII), one kind of dash,
    no spaces, upper case (`ｃｚｊ－１` -> `CZJ-1`; the padding is left as typed)."""
    text = unicodedata.normalize("NFKC", value).translate(_DASHES)
    return "".join(text.split()).upper()


def id_parts(value: str) -> tuple[str, str] | None:
    """(code, number without its padding) of an ID as typed; None when it is not CODE-digits."""
    m = _TYPED.match(normalize_id(value))
    return (m.group(1), m.group(2).lstrip("0")) if m else None


def id_matcher(value: str) -> Callable[[object], bool]:
    """Whether an ID as read from a file (text or None) is the one typed: the same code and
    the same number, padding aside. A set of the written forms, so a pass over 100,000
    items costs a hash lookup each."""
    typed, parts = normalize_id(value), id_parts(value)
    if parts is None:
        return {typed}.__contains__
    code, number = parts
    return {f"{code}-{'0' * zeros}{number}" for zeros in range(0 if number else 1, _MAX_PADDING + 1)}.__contains__


def pick(value: str, found: list[T], id_of: Callable[[T], object]) -> list[T]:
    """Of the entries whose ID fits the one typed (id_matcher): those written exactly as typed
    if any, else all of them. Two different IDs that both fit (CZJ-001 and CZJ-0001 for
    `czj-1`) are refused as ambiguous; the same ID twice is the caller's to judge."""
    typed = normalize_id(value)
    exact = [entry for entry in found if id_of(entry) == typed]
    if exact:
        return exact
    distinct = sorted({str(id_of(entry)) for entry in found})
    if len(distinct) > 1:
        raise ChecklistError("id_ambiguous", id=value.strip(), ids="、".join(distinct))
    return found


def next_ids(code: str, taken: Iterable[str], count: int = 1) -> list[str]:
    """The department's next `count` free IDs after the highest number among `taken`,
    zero-padded like the widest existing number (at least three digits)."""
    pattern = re.compile(rf"^{re.escape(code)}-([0-9]+)$")
    numbers = [m.group(1) for value in taken if (m := pattern.match(value))]
    return ids_after(code, max((int(n) for n in numbers), default=0), max((len(n) for n in numbers), default=0), count)


def ids_after(code: str, top: int, width: int, count: int = 1) -> list[str]:
    """`count` IDs after number `top`, zero-padded to `width` digits (at least three)."""
    width = max(3, width)
    return [f"{code}-{n:0{width}d}" for n in range(top + 1, top + 1 + count)]


# An ID written CODE-digits, whatever CODE is: the same match next_ids makes for that code.
_NUMBERED = re.compile(r"(.*)-([0-9]+)$", re.S)


def id_key(value: str) -> tuple[str, str | None]:
    """What files to look in for an ID: ("P" + code, digits) for CODE-digits (every ID
    next_ids(code) counts has that key), else ("S" + the ID itself, None)."""
    m = _NUMBERED.match(value)
    return ("P" + m.group(1), m.group(2)) if m else ("S" + value, None)
