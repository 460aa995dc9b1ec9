"""Problem: one located finding in a file (line and column 1-based).

A problem is data: a message key and its parameters, formatted in the
user's language only at the edge, so a cached problem stays language-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    col: int
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        """The message text in the current language."""
        from checklist.i18n import t

        return t(self.key, **self.params)

    def format(self) -> str:
        """FILE:LINE:COL: message."""
        return f"{self.file}:{self.line}:{self.col}: {self.message()}"

    def to_json(self) -> list[Any]:
        return [self.file, self.line, self.col, self.key, self.params]

    @classmethod
    def from_json(cls, data: list[Any]) -> Problem:
        return cls(data[0], data[1], data[2], data[3], data[4])


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest choice to a misspelt word, if any is close."""
    import difflib

    # Two-character Chinese words share at most one character with a typo of them.
    cutoff = 0.6 if word.isascii() else 0.5
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None
