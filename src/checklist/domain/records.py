"""An item as the reports see it: the file's data plus where it lives."""

from __future__ import annotations

from datetime import date
from types import EllipsisType
from typing import Any, NamedTuple


class Record(NamedTuple):
    """One item as the reports see it: the file's data plus where it lives.

    A named tuple, not a dataclass: a province's ledger makes 100,000 of
    them per run, and a tuple is built in C.
    """

    id: str
    title: str
    owner: str
    category: str | None
    status: str
    deadline: date | None
    created_on: date | None
    closed_on: date | None
    department: str
    code: str
    file: str
    data: dict[str, Any]
    # Derived when the file was read and kept in the cache (domain.states.item_facts): the latest
    # dated entry as YYYY-MM-DD and the flag bits that do not depend on the day; -1: not known.
    latest: str = ""
    facts: int = -1
    # The text of the latest progress note (domain.figures.latest_note), kept in the read index:
    # a record read from it carries only the fields the reports need. ...: not known, read `data`.
    note: str | None | EllipsisType = ...
