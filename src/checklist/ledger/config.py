"""checklist.toml and finding the ledger: the root, the settings with SPEC's
defaults, every problem in the file located."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.errors import UsageError
from checklist.problems import Problem, did_you_mean

CONFIG_NAME = "checklist.toml"
CONFIG_KEYS = ("lists", "due_soon_days", "auto_commit", "categories", "departments")


@dataclass
class Config:
    """checklist.toml, with SPEC's defaults."""

    lists: str = "lists"
    due_soon_days: int = 7
    auto_commit: bool = True
    categories: list[str] = field(default_factory=list)
    departments: dict[str, str] = field(default_factory=dict)


def _key_line(text: str, key: str) -> tuple[int, int]:
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    if not m:
        return 1, 1
    line = text.count("\n", 0, m.start()) + 1
    return line, m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1 + (len(m.group(0)) - len(m.group(0).lstrip()))


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
    config, problems = Config(), []

    def bad(key: str, msg: str, **params: Any) -> None:
        line, col = _key_line(text, key)
        problems.append(Problem(display, line, col, msg, {"field": key, **params}))

    for key, value in raw.items():
        if key not in CONFIG_KEYS:
            hint = did_you_mean(key, CONFIG_KEYS)
            bad(key, "unknown_field_hint" if hint else "unknown_field", hint=hint or "")
        elif key == "lists":
            if isinstance(value, str) and value.strip():
                config.lists = value
            else:
                bad(key, "config_expect_text")
        elif key == "due_soon_days":
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 366:
                config.due_soon_days = value
            else:
                bad(key, "config_expect_days")
        elif key == "auto_commit":
            if isinstance(value, bool):
                config.auto_commit = value
            else:
                bad(key, "config_expect_bool")
        elif key == "categories":
            if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
                config.categories = list(value)
            else:
                bad(key, "config_expect_text_list")
        elif key == "departments":
            if isinstance(value, dict) and all(
                isinstance(v, str) and re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", k) for k, v in value.items()
            ):
                config.departments = dict(value)
            else:
                bad(key, "config_expect_roster")
    return config, problems


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
