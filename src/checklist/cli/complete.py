"""Shell completion: item IDs, departments, owners and categories from the ledger.

Read through the cache, so completing is as fast as a warm `list`; any
problem (no ledger, a broken file) completes nothing rather than failing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Completer = Callable[[Any, str], list[tuple[str, str]]]


def _records(ctx: Any) -> tuple[Any, list[Any]]:
    from checklist.ledger.files import open_ledger

    root = None
    node = ctx
    while node is not None:
        root = root or (node.params or {}).get("root")
        node = node.parent
    ledger = open_ledger(root, None)
    return ledger, ledger.records()


def _safe(fn: Callable[[Any, str], list[tuple[str, str]]]) -> Completer:
    def run(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
        try:
            return fn(ctx, incomplete)
        except Exception:  # completion must never break the shell
            return []

    return run


def _as_typed(value: str, incomplete: str) -> str:
    """The value continuing what was typed: the shell keeps only candidates that start with it,
    and IDs and codes are case-insensitive, so `czj-0` completes to `czj-001`."""
    return incomplete + value[len(incomplete):]


def _ids(statuses: tuple[str, ...], first: tuple[str, ...] = ()) -> Completer:
    def complete(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
        _, records = _records(ctx)
        wanted = incomplete.upper()
        found = [r for r in records if r.id.startswith(wanted) and (not statuses or r.status in statuses)]
        found.sort(key=lambda r: (r.status not in first, r.id))
        return [(_as_typed(r.id, incomplete), f"{r.title} ({r.owner})") for r in found]

    return _safe(complete)


complete_any_id = _ids(())
complete_open_id = _ids(("open",))
complete_closed_id = _ids(("closed", "verified"), first=("closed",))
complete_verifiable_id = _ids(("closed",))


@_safe
def complete_department(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Department codes, full names and aliases (names once something is typed)."""
    from checklist.ledger.departments import Roster, normalize

    ledger, _ = _records(ctx)
    roster = Roster.of(ledger)
    typed = normalize(incomplete)
    out = []
    for code, name in roster.names.items():
        if code.startswith(incomplete.upper()):
            out.append((_as_typed(code, incomplete), name))
        if typed:
            out += [(word, f"{code} {name}" if word != name else code) for word in [name, *roster.aliases.get(code, ())]
                    if normalize(word).startswith(typed)]
    return out


@_safe
def complete_owner(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Owners known in the ledger, each person once as first written ("孙 伟" and "孙伟" are one)."""
    from checklist.domain.names import distinct_persons

    _, records = _records(ctx)
    owners = (_name_as_typed(o, incomplete) for o in distinct_persons(r.owner for r in records))
    return [(o, "") for o in sorted(o for o in owners if o is not None)]


def _name_as_typed(name: str, incomplete: str) -> str | None:
    """The name continuing what was typed, if it is this person's: the shell keeps only
    candidates that start with the typed text, and `孙伟` is typed for `孙　伟`."""
    from checklist.domain.names import person_key

    if name.startswith(incomplete):
        return name
    typed = person_key(incomplete)
    for end in range(1, len(name) + 1):
        if person_key(name[:end]) == typed:
            return incomplete + name[end:]
    return None


@_safe
def complete_category(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Configured categories, else those in use."""
    ledger, records = _records(ctx)
    names = ledger.config.categories or sorted({r.category for r in records if r.category})
    return [(c, "") for c in names if c.startswith(incomplete)]


def _persons(field: str) -> Completer:
    """The persons named in a field of the ledger's items, each once as first written."""

    def complete(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
        from checklist.domain.names import distinct_persons

        _, records = _records(ctx)
        found = distinct_persons(str(r.data[field]) for r in records if r.data.get(field))
        names = (_name_as_typed(n, incomplete) for n in found)
        return [(n, "") for n in sorted(n for n in names if n is not None)]

    return _safe(complete)


complete_leader = _persons("leader")


@_safe
def complete_unit(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """The offices (责任科室) named in the ledger's items."""
    _, records = _records(ctx)
    units = sorted({str(r.data["unit"]) for r in records if r.data.get("unit")})
    return [(u, "") for u in units if u.startswith(incomplete)]


@_safe
def complete_type(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """immediate, deadline, ongoing, each with its Chinese word."""
    from checklist.domain.fields import BY_NAME

    return [(value, zh) for value, _, zh in BY_NAME["type"].choices if value.startswith(incomplete)]


@_safe
def complete_recheck_result(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """ok, rebound, false, each with its Chinese word."""
    from checklist.domain.fields import RECHECK

    field = next(f for f in RECHECK if f.name == "result")
    return [(value, zh) for value, _, zh in field.choices if value.startswith(incomplete)]


@_safe
def complete_measure(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """The ledger's accountability measures (checklist.toml)."""
    ledger, _ = _records(ctx)
    return [(m, "") for m in ledger.config.accountability_measures if m.startswith(incomplete)]
