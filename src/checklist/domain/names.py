"""Names of persons (owner, verified_by, and the other person fields): one person is one key.

SPEC compares names after NFKC normalization with all whitespace removed, so
"孙　伟", "孙 伟" and "孙伟" are one person; the file keeps what was written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def person_key(name: str) -> str:
    """The key two names of one person share: NFKC, every whitespace character removed."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def same_person(a: object, b: object) -> bool:
    """Whether two values are names of one person (False unless both are text)."""
    return isinstance(a, str) and isinstance(b, str) and person_key(a) == person_key(b)


def distinct_persons(names: Iterable[str]) -> list[str]:
    """Each person once, as first written (blank names left out)."""
    seen: dict[str, str] = {}
    for name in names:
        key = person_key(name)
        if key and key not in seen:
            seen[key] = name
    return list(seen.values())
