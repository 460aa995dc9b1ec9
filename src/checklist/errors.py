"""The exception tree for user errors; the CLI maps it to exit codes."""

from __future__ import annotations

from typing import Any


class ChecklistError(Exception):
    """A problem the user can fix: bad data, unknown ID, refused action (exit 1)."""

    exit_code = 1

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self) -> str:
        """The message in the current language."""
        from checklist.i18n import t

        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message()


class UsageError(ChecklistError):
    """The command line itself is wrong (exit 2)."""

    exit_code = 2


class ProblemsError(ChecklistError):
    """Data that does not validate; carries the located problems."""

    def __init__(self, problems: list[Any]) -> None:
        super().__init__("problems_found", count=len(problems))
        self.problems = problems
