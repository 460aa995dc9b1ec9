"""checklist.toml and finding the ledger: the root, the settings with SPEC's
defaults, every problem in the file located."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.errors import UsageError
from checklist.problems import Problem, did_you_mean

CONFIG_NAME = "checklist.toml"
MEASURES = ("提醒谈话", "约谈", "批评教育", "责令检查", "通报批评", "诫勉", "组织处理", "党纪处分", "政务处分")
REPORT_KEYS = ("issuer", "title", "closing")
LEVELS = ("remind", "supervise", "interview")
MAX_DAYS = 3650  # a level of escalation beyond ten years overdue is a typo, and date sums stay in range


@dataclass(frozen=True)
class ReportHead:
    """[report]: the head and foot of the 通报."""

    issuer: str | None = None
    title: str = "整改情况通报"
    closing: str | None = None


@dataclass(frozen=True)
class Escalation:
    """[escalation]: days overdue at which each level starts (催办, 督办, 约谈)."""

    remind: int = 1
    supervise: int = 15
    interview: int = 30


@dataclass
class Config:
    """checklist.toml, with SPEC's defaults."""

    lists: str = "lists"
    due_soon_days: int = 7
    auto_commit: bool = True
    categories: list[str] = field(default_factory=list)
    departments: dict[str, str] = field(default_factory=dict)  # the roster: code -> full name
    aliases: dict[str, list[str]] = field(default_factory=dict)  # code -> its other names
    money_unit: str = "万元"
    behind_margin: int = 20
    update_every_days: int = 7
    max_extensions: int = 0
    extension_needs_approval: bool = False
    accountability_measures: list[str] = field(default_factory=lambda: list(MEASURES))
    report: ReportHead = field(default_factory=ReportHead)
    escalation: Escalation = field(default_factory=Escalation)


def _whole(value: Any, low: int, high: int | None = None) -> bool:
    """An integer (never a bool) in [low, high]."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value and (high is None or value <= high)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _texts(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_text(v) for v in value)


# Top-level keys: (the check, the message when it fails). Tables are read by their own functions.
_PLAIN: dict[str, tuple[Callable[[Any], bool], str]] = {
    "lists": (_text, "config_expect_text"),
    "due_soon_days": (lambda v: _whole(v, 0, 366), "config_expect_days"),
    "auto_commit": (lambda v: isinstance(v, bool), "config_expect_bool"),
    "categories": (lambda v: isinstance(v, list) and all(_text(x) for x in v), "config_expect_text_list"),
    "money_unit": (_text, "config_expect_name"),
    "behind_margin": (lambda v: _whole(v, 0, 100), "config_expect_points"),
    "update_every_days": (lambda v: _whole(v, 1, 366), "config_expect_every_days"),
    "max_extensions": (lambda v: _whole(v, 0), "config_expect_count"),
    "extension_needs_approval": (lambda v: isinstance(v, bool), "config_expect_bool"),
    "accountability_measures": (_texts, "config_expect_text_list"),
}
CONFIG_KEYS = (*_PLAIN, "departments", "report", "escalation")
Flag = Callable[..., None]  # bad(path of the key, message key, at=a value to point at, **params)
Unknown = Callable[[tuple[str, ...], tuple[str, ...]], None]  # unknown(path of the key, the keys allowed there)


def load_config(path: Path, display: str) -> tuple[Config, list[Problem]]:
    """Read checklist.toml; every problem located."""
    import tomllib

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return Config(), [Problem(display, 1, 1, "config_unreadable", {"reason": str(exc)})]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return Config(), [Problem(display, line, col, "config_syntax", {"detail": detail})]
    return read_config(raw, text, display)


def read_config(raw: dict[str, Any], text: str, display: str) -> tuple[Config, list[Problem]]:
    """checklist.toml's data checked against SPEC: the settings, and a located problem for each
    key that is unknown or wrong (a wrong key keeps its default)."""
    from checklist.ledger.departments import read_roster

    found: list[Any] = []  # the text's key positions, scanned only when a problem needs them
    problems: list[Problem] = []

    def bad(path: tuple[str, ...], key: str, at: str | None = None, **params: Any) -> None:
        if not found:
            from checklist.ledger.tomlpos import Positions

            found.append(Positions(text))
        where = found[0]
        line, col = where.key(*path) if at is None else where.value(at, *path)
        problems.append(Problem(display, line, col, key, params))

    def unknown(path: tuple[str, ...], choices: tuple[str, ...]) -> None:
        hint = did_you_mean(path[-1], choices)
        prefix = "".join(p + "." for p in path[:-1])
        bad(path, "unknown_field_hint" if hint else "unknown_field", field=prefix + path[-1],
             hint=prefix + hint if hint else "")

    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _PLAIN:
            check, message = _PLAIN[key]
            if check(value):
                values[key] = list(value) if isinstance(value, list) else value
            else:
                bad((key,), message, field=key)
        elif key not in CONFIG_KEYS:
            unknown((key,), CONFIG_KEYS)
        elif not isinstance(value, dict):
            bad((key,), "config_expect_table", field=key)
        elif key == "departments":
            values["departments"], values["aliases"] = read_roster(value, bad)
        elif key == "report":
            values["report"] = _report(value, bad, unknown)
        else:
            values["escalation"] = _escalation(value, bad, unknown)
    problems.sort(key=lambda p: (p.line, p.col))
    return Config(**values), problems



def _report(table: dict[str, Any], bad: Flag, unknown: Unknown) -> ReportHead:
    given: dict[str, Any] = {}
    for key, value in table.items():
        if key not in REPORT_KEYS:
            unknown(("report", key), REPORT_KEYS)
        elif _text(value):
            given[key] = value
        else:
            bad(("report", key), "config_expect_name", field=f"report.{key}")
    return ReportHead(**given)


def _escalation(table: dict[str, Any], bad: Flag, unknown: Unknown) -> Escalation:
    given: dict[str, Any] = {}
    for key, value in table.items():
        if key not in LEVELS:
            unknown(("escalation", key), LEVELS)
        elif _whole(value, 1, MAX_DAYS):
            given[key] = value
        else:
            bad(("escalation", key), "config_expect_level_days", field=f"escalation.{key}", most=MAX_DAYS)
    levels = Escalation(**given)
    for low, high in itertools.pairwise(LEVELS):
        before, after = getattr(levels, low), getattr(levels, high)
        if after <= before:
            # Located at the level the user wrote: the later one, unless only the earlier is written.
            at = high if high in given or low not in given else low
            bad(("escalation", at), "config_escalation_order", low=f"escalation.{low}", low_days=before,
                 high=f"escalation.{high}", high_days=after)
            return Escalation()
    return levels


def find_root(explicit: str | None) -> Path | None:
    """The ledger root: --root, CHECKLIST_ROOT, else the nearest folder upward with checklist.toml."""
    given = explicit or os.environ.get("CHECKLIST_ROOT")
    if given:
        root = Path(given).expanduser()
        if not root.is_dir():
            raise UsageError("root_missing", path=given)
        from checklist.git.run import is_bare_repo

        if is_bare_repo(root) and not (root / CONFIG_NAME).is_file():
            raise UsageError("root_bare_repo", path=given)
        return root.absolute()
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def display_path(path: Path, root: Path | None) -> str:
    """A path as the user should see it: relative to the root (or cwd) when inside it."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.absolute().relative_to(base.absolute()).as_posix()
        except ValueError:
            continue
    return str(path)


def locate_in_git(root_option: str | None) -> tuple[Path, Config]:
    """The ledger root, which must be inside a git work tree, and its settings (history, audit)."""
    from checklist.errors import ChecklistError
    from checklist.git.run import work_tree

    root = find_root(root_option)
    if root is None:
        raise UsageError("no_ledger")
    config = Config()
    if (root / CONFIG_NAME).is_file():
        config, _ = load_config(root / CONFIG_NAME, CONFIG_NAME)
    if work_tree(root) is None:
        raise ChecklistError("not_git", path=str(root))
    return root, config
