"""An item as the reports see it: the file's data plus where it lives."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import groupby
from operator import attrgetter
from types import EllipsisType
from typing import Any, Generic, NamedTuple, TypeVar, overload

T = TypeVar("T")


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


class Later(Sequence[T], Generic[T]):
    """A column made when first read: the report reads titles, owners and notes for the items it
    lists only, and a million of each need not be made for the fifty a table shows."""

    __slots__ = ("_make", "_values")

    def __init__(self, make: Callable[[], list[T]]) -> None:
        self._make: Callable[[], list[T]] | None = make
        self._values: list[T] | None = None

    def values(self) -> list[T]:
        """The column as a list (made now if not yet)."""
        if self._values is None:
            assert self._make is not None
            self._values, self._make = self._make(), None
        return self._values

    @overload
    def __getitem__(self, at: int) -> T: ...
    @overload
    def __getitem__(self, at: slice) -> list[T]: ...
    def __getitem__(self, at: int | slice) -> T | list[T]:
        return self.values()[at]

    def __len__(self) -> int:
        return len(self.values())

    def __iter__(self) -> Iterator[T]:
        return iter(self.values())


def whole(column: Sequence[T]) -> Sequence[T]:
    """A column whose items are read in C (a Later column as the list it makes)."""
    return column.values() if isinstance(column, Later) else column


class Batch(NamedTuple):
    """One department's items as columns (each as long as `ids`), in file order: what the
    report's figures read. Counting a column runs in C; a million records need not be made.
    The fields are those of Record, by the same names where one column holds one field. A
    column read only for the listed items may be a Later one (read it through `whole`)."""

    department: str
    code: str
    file: str
    ids: Sequence[str]
    titles: Sequence[str]
    owners: Sequence[str]
    categories: Sequence[str | None]
    statuses: Sequence[str]
    deadlines: Sequence[date | None]
    created: Sequence[date | None]
    closed: Sequence[date | None]
    data: Sequence[dict[str, Any]]
    latest: Sequence[str]
    facts: Sequence[int]
    notes: Sequence[str | None | EllipsisType]

    def record(self, row: int) -> Record:
        """The item at `row` as a record."""
        return Record(self.ids[row], self.titles[row], self.owners[row], self.categories[row], self.statuses[row],
                      self.deadlines[row], self.created[row], self.closed[row], self.department, self.code,
                      self.file, self.data[row], self.latest[row], self.facts[row], self.notes[row])


def columns(records: Iterable[Record]) -> list[Batch]:
    """Records as batches: each run of records of one department and file becomes one."""
    out = []
    for (department, code, file), run in groupby(records, attrgetter("department", "code", "file")):
        cols = list(zip(*run, strict=True))
        out.append(Batch(department, code, file, *cols[:8], *cols[11:]))
    return out
