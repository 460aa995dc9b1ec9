"""The read index: per list file, the compact form of its cache entry that
`report` and `list` read instead of the full items.

A full cache entry holds every item as the file has it (measures, progress
notes, results: 5.6 MB at 10,000 items); the report and the item list need
far less: the ID, title, owner, category, status and dates, the facts the
flags are computed from (domain.states.item_facts), the latest progress note,
and the few fields the figures and filters read (`EXTRA`). An index entry is
derived from a full entry only (never edited on its own), carries the same
stat key, content hash and write time, so it is exactly as fresh as the entry
it was made from, and is rebuilt silently when missing, stale or damaged.

Per department, columns: `ids`, `titles` (each one text joined by SEP, see
`_pack`); owner, category, status, the latest dated entry and the note as
indexes into `strings` (0: none); the three dates as indexes into `days` (0:
none); `bits` (item_facts' flags); `extra`: [row, {key: value}] for the items
that have any of EXTRA; `invalid` as in the full entry and `pos`, the
positions as JSON bytes, for the ledger-wide rules.

Each department also keeps its `tally` (domain.tally): the counts the report's
figures need that do not depend on the day.

On disk (`encode`, `decode`) an entry is a checksum line, then the JSON of the
entry with each department's head only (its name, code, place and tally), then
the JSON of the departments' columns, then each department's positions on a
line of its own. The report parses the head only: at a million items the
columns were most of its time, and it reads them only for the departments
whose items it lists (`parts`: the column line is parsed when a department's
columns are first read, `ready`). The checksum (CRC-32 of everything after
it) makes a damaged entry one that is rebuilt when it is opened, not one that
fails when a column is read later. A joined column parses as one string; the
titles are split only when a row of their department is listed (`batch`,
domain.records.Later).

`list` reads records (`records`); the ledger-wide rules a view of the full
items (`rule_view`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache, partial
from itertools import repeat
from typing import Any, overload
from zlib import crc32

import orjson

from checklist.domain.figures import latest_note
from checklist.domain.records import Batch, Later, Record
from checklist.domain.states import item_facts
from checklist.domain.tally import Part, tally

# The item fields (beyond the columns) that the figures, the flags, `list`'s filters and
# the ledger-wide rules read: each kept, when present and not null, as the file has it.
EXTRA = ("type", "leader", "unit", "tasks", "percent", "extensions", "rules", "accountability", "rechecks",
         "amount", "recovered")
_TEXT_COLUMNS = ("owner", "category", "status")
_DAY_COLUMNS = ("deadline", "created_on", "closed_on")
# Joins the values of a text column (`_pack`): the ASCII unit separator, which no ID holds and a
# title practically never does (one that does keeps its column a list).
SEP = "\x1f"
# A record from a row of exactly its fields (zip(strict=True) makes them so), without _make's
# Python-level call per record.
_RECORD = partial(tuple.__new__, Record)
# The data of a record without any EXTRA field; read-only by convention, as every record's data.
_NOTHING: dict[str, Any] = {}


def compact(departments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A file's departments (as a full cache entry holds them) in the index's compact form."""
    return [_compact(dept) for dept in departments]


def _compact(dept: dict[str, Any]) -> dict[str, Any]:
    items = dept["items"]
    facts = dept.get("facts") or ()
    known = len(facts) == len(items)
    strings: dict[str, int] = {}
    days: dict[str, int] = {}

    def text(value: Any) -> int:
        if value is None:
            return 0
        found = strings.get(value)
        if found is None:
            found = strings[value] = len(strings) + 1
        return found

    def day(value: Any) -> int:
        if not value:
            return 0
        found = days.get(value)
        if found is None:
            found = days[value] = len(days) + 1
        return found

    out: dict[str, Any] = {key: dept[key] for key in ("department", "code", "line", "col") if key in dept}
    if dept.get("broken"):
        out["broken"] = True
    columns: dict[str, list[Any]] = {name: [] for name in ("ids", "titles", *_TEXT_COLUMNS, *_DAY_COLUMNS,
                                                             "latest", "bits", "note")}
    extra: list[list[Any]] = []
    for row, item in enumerate(items):
        latest, bits = facts[row] if known else item_facts(item)
        columns["ids"].append(item["id"])
        columns["titles"].append(item["title"])
        for name in _TEXT_COLUMNS:
            columns[name].append(text(item.get(name)))
        for name in _DAY_COLUMNS:
            columns[name].append(day(item.get(name)))
        columns["latest"].append(text(latest))
        columns["bits"].append(bits)
        columns["note"].append(text(latest_note(item)))
        kept = {key: item[key] for key in EXTRA if item.get(key) is not None}
        if kept:
            extra.append([row, kept])
    out.update(columns)
    out["ids"], out["titles"] = _pack(columns["ids"]), _pack(columns["titles"])
    out["strings"] = list(strings)
    out["days"] = list(days)
    out["extra"] = extra
    # Positions only serve the ledger-wide rules, which a warm report reads from their summary:
    # kept as JSON, decoded by rule_view when the rules run (a million positions parsed and freed
    # on every report cost more than the figures' counts), stored apart from the columns (`encode`).
    out["pos"] = orjson.dumps(dept.get("pos", []))
    out["invalid"] = dept.get("invalid", [])
    counted = out["tally"] = tally(batch(out, "", {}))
    counted["order"] = _pack(counted["order"])  # split when the report lists some (`parts`)
    return out


def _pack(values: list[str]) -> str | list[str]:
    """A text column as one text joined by SEP, which JSON parses as one string rather than a
    string per item; as the list itself when a value holds SEP."""
    text = SEP.join(values)
    return values if text.count(SEP) != max(len(values) - 1, 0) else text


class _Joined(Sequence[str]):
    """A packed column of IDs (see _pack; no ID is empty) read as a list, split only as far as a
    slice reads: the report lists the first few of each department's `order`."""

    __slots__ = ("_done", "_parts", "_text")

    def __init__(self, column: str | list[str]) -> None:
        self._text = column if isinstance(column, str) else None
        self._parts = column if isinstance(column, list) else [] if not column else None
        self._done = self._parts is not None

    def _upto(self, stop: int | None) -> list[str]:
        if not self._done:
            assert self._text is not None
            found = self._text.split(SEP, -1 if stop is None else stop)
            if stop is None or len(found) <= stop:
                self._parts, self._done = found, True
            else:
                return found[:stop]
        assert self._parts is not None
        return self._parts

    @overload
    def __getitem__(self, at: int) -> str: ...
    @overload
    def __getitem__(self, at: slice) -> list[str]: ...
    def __getitem__(self, at: int | slice) -> str | list[str]:
        if isinstance(at, slice) and at.step is None and at.stop is not None and at.stop >= 0 and (at.start or 0) >= 0:
            return self._upto(at.stop)[at]
        return self._upto(None)[at]

    def __len__(self) -> int:
        return len(self._upto(None))


def _unpack(dept: dict[str, Any], name: str) -> list[str]:
    """A text column of a compact department as a list (see _pack)."""
    column = dept[name]
    if isinstance(column, list):
        return column
    return column.split(SEP) if dept["bits"] else []


# A department's head: what the report reads of every department (the rest are its columns).
_HEAD = ("department", "code", "line", "col", "broken", "tally")
# Where a department read from disk keeps its file's column line until a column is read.
_REST = "rest"


def encode(entry: dict[str, Any]) -> bytes:
    """An index entry as stored: a checksum line, the entry's JSON with each department's head
    only, the departments' columns as one JSON list, then each department's positions (JSON,
    which holds no line break) on a line of its own."""
    departments = [ready(d) for d in entry["departments"]]
    head = orjson.dumps({**entry, "departments": [{k: d[k] for k in _HEAD if k in d} for d in departments]})
    body = b"".join([head, b"\n",
                     orjson.dumps([{k: v for k, v in d.items() if k not in _HEAD and k != "pos"} for d in departments]),
                     b"\n", *(d["pos"] + b"\n" for d in departments)])
    return b"%d\n" % crc32(body) + body


class _Rest:
    """A stored entry's column line and position lines, read when a column of one of its
    departments is first read (its checksum has been checked: they are as `encode` wrote them)."""

    __slots__ = ("columns", "departments", "pos")

    def __init__(self, columns: memoryview, pos: memoryview, departments: list[dict[str, Any]]) -> None:
        self.columns, self.pos, self.departments = columns, pos, departments

    def load(self) -> None:
        columns = orjson.loads(self.columns)
        pos = bytes(self.pos).split(b"\n")
        if not isinstance(columns, list) or len(columns) != len(self.departments) or pos.pop() != b"" \
                or len(pos) != len(self.departments):
            raise ValueError("read index: the column line does not match its departments")
        for dept, found, at in zip(self.departments, columns, pos, strict=True):
            dept.update(found)
            dept.setdefault("pos", at)
            del dept[_REST]
        if not _sound_columns(self.departments):
            raise ValueError("read index: a column does not match its department")


def ready(dept: dict[str, Any]) -> dict[str, Any]:
    """A department with its columns: a compact one read from disk has them parsed now if not yet
    (any other is returned as it is)."""
    rest = dept.get(_REST)
    if rest is not None:
        rest.load()
    return dept


def decode(raw: bytes) -> Any:
    """An entry as `encode` stored it, its departments' heads and positions parsed (their
    columns when first read, `ready`); None when it is not of that form or its checksum fails."""
    cut = raw.find(b"\n")
    if cut < 0 or not raw[:cut].isdigit():
        return None
    body = memoryview(raw)[cut + 1:]
    if crc32(body) != int(raw[:cut]):
        return None
    cut = raw.find(b"\n", cut + 1)
    after = raw.find(b"\n", cut + 1)
    if cut < 0 or after < 0:
        return None
    entry = orjson.loads(memoryview(raw)[len(raw) - len(body):cut])
    departments = entry.get("departments") if isinstance(entry, dict) else None
    if not isinstance(departments, list) or not all(isinstance(d, dict) for d in departments):
        return None
    whole = memoryview(raw)
    rest = _Rest(whole[cut + 1:after], whole[after + 1:], departments)
    for dept in departments:
        dept[_REST] = rest
    return entry


_TEXTS = ("ids", "titles")
_NUMBERS = (*_TEXT_COLUMNS, *_DAY_COLUMNS, "latest", "bits", "note")


def sound(departments: Any) -> bool:
    """Whether decoded index departments' heads have the compact form's shape (a damaged entry is
    then recomputed rather than misread); their columns are checked when parsed (`_Rest`)."""
    return isinstance(departments, list) and all(
        isinstance(dept, dict) and isinstance(dept.get("code"), str) and "department" in dept
        and isinstance(dept.get("tally"), dict) for dept in departments)


def _sound_columns(departments: list[dict[str, Any]]) -> bool:
    """Whether departments' columns have the compact form's shape: every column present and as
    long as the IDs."""
    for dept in departments:
        if not all(isinstance(dept.get(k), list) for k in (*_NUMBERS, "strings", "days", "extra", "invalid")):
            return False
        n = len(dept["bits"])
        if any(len(dept[k]) != n for k in _NUMBERS) or dept["tally"].get("n") != n:
            return False
        for name in _TEXTS:
            column = dept.get(name)
            if not (len(column) == n if isinstance(column, list) else isinstance(column, str)
                    and column.count(SEP) == max(n - 1, 0) and (n > 0 or column == "")):
                return False
    return True


def is_compact(dept: dict[str, Any]) -> bool:
    """Whether a department is in the index's compact form (else as a full entry holds it)."""
    return "tally" in dept


def _calendar(dept: dict[str, Any], days: dict[str, date]) -> list[date | None]:
    """A compact department's dates (index 0: none); `days` memoizes them across departments."""
    calendar: list[date | None] = [None]
    for text in dept["days"]:
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text)
        calendar.append(found)
    return calendar


def _data(dept: dict[str, Any]) -> list[dict[str, Any]]:
    data = [_NOTHING] * len(dept["bits"])
    for row, kept in dept["extra"]:
        data[row] = kept
    return data


def batch(dept: dict[str, Any], display: str, days: dict[str, date]) -> Batch:
    """A compact department as columns (each mapped in C), without a record per item; the
    titles, owners, notes and creation dates made only when read (Later)."""
    ready(dept)
    word, when = [None, *dept["strings"]].__getitem__, _calendar(dept, days).__getitem__

    def mapped(how: Callable[[int], Any], name: str) -> Later[Any]:
        return Later(lambda: list(map(how, dept[name])))

    return Batch(
        dept["department"], dept["code"], display, _unpack(dept, "ids"), Later(partial(_unpack, dept, "titles")),
        mapped(word, "owner"), list(map(word, dept["category"])), list(map(word, dept["status"])),
        list(map(when, dept["deadline"])), mapped(when, "created_on"), list(map(when, dept["closed_on"])), _data(dept),
        list(map(word, dept["latest"])), dept["bits"], mapped(word, "note"),
    )


def parts(files: Iterable[Any]) -> list[Part] | None:
    """Every valid item of the files read (ledger.cache.FileData) as the report's figures read
    them: per department its tally, and its columns when asked for (`batch`); None when some
    department is not in the compact form (its file's index could not be made: read the records
    then)."""
    days: dict[str, date] = {}
    out: list[Part] = []
    for fd in files:
        for dept in fd.departments:
            if not is_compact(dept):
                return None
            counted = dept["tally"]
            # Columns made into a batch once: the overdue list, the due-soon list and --since may each read them.
            out.append(Part(dept["department"], dept["code"], fd.display, {**counted, "order": _Joined(counted["order"])},
                            cache(partial(batch, dept, fd.display, days))))
    return out


def records(dept: dict[str, Any], display: str, out: list[Record], days: dict[str, date]) -> None:
    """Append a compact department's items to `out` as records (the loop runs in C).
    `days` memoizes dates across departments: a ledger repeats few."""
    ready(dept)
    strings = [None, *dept["strings"]]
    word, when = strings.__getitem__, _calendar(dept, days).__getitem__
    n = len(dept["bits"])
    out.extend(map(_RECORD, zip(
        _unpack(dept, "ids"), _unpack(dept, "titles"), map(word, dept["owner"]), map(word, dept["category"]),
        map(word, dept["status"]), map(when, dept["deadline"]), map(when, dept["created_on"]),
        map(when, dept["closed_on"]), repeat(dept["department"], n), repeat(dept["code"], n),
        repeat(display, n), _data(dept), map(word, dept["latest"]), dept["bits"], map(word, dept["note"]), strict=True,
    )))


def ids(dept: dict[str, Any]) -> list[str]:
    """The IDs of a department's valid items, in either form."""
    return _unpack(ready(dept), "ids") if is_compact(dept) else [item["id"] for item in dept["items"]]


def rule_view(dept: dict[str, Any]) -> dict[str, Any]:
    """A compact department as the ledger-wide rules read a full one: each item's ID, category
    and EXTRA fields (accountability measures, extensions), with positions and invalid items."""
    if not is_compact(dept):
        return dept
    ready(dept)
    strings = [None, *dept["strings"]]
    items = [{"id": key, "category": strings[cat]} for key, cat in zip(_unpack(dept, "ids"), dept["category"], strict=True)]
    for row, kept in dept["extra"]:
        items[row].update(kept)
    view: dict[str, Any] = {k: dept[k] for k in ("department", "code", "line", "col", "broken", "invalid") if k in dept}
    if "pos" in dept:
        view["pos"] = orjson.loads(dept["pos"])
    view["items"] = items
    return view
