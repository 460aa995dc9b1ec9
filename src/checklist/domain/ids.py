"""Item IDs: CODE-NNN, as typed and as allocated (the highest number + 1, never reused below it)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def normalize_id(value: str) -> str:
    """An ID as typed (any case, stray spaces) in its canonical form."""
    return value.strip().upper()


def next_ids(code: str, taken: Iterable[str], count: int = 1) -> list[str]:
    """The department's next `count` free IDs after the highest number among `taken`,
    zero-padded like the widest existing number (at least three digits)."""
    pattern = re.compile(rf"^{re.escape(code)}-([0-9]+)$")
    numbers = [m.group(1) for value in taken if (m := pattern.match(value))]
    width = max([3, *(len(n) for n in numbers)])
    top = max((int(n) for n in numbers), default=0)
    return [f"{code}-{n:0{width}d}" for n in range(top + 1, top + 1 + count)]
