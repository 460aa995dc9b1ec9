"""The ledger: root discovery, checklist.toml, the list files, and the rules
that need every file at once (unique IDs, the roster, categories, evidence).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from checklist.errors import UsageError
from checklist.problems import Problem, did_you_mean

CONFIG_NAME = "checklist.toml"
CONFIG_KEYS = ("lists", "due_soon_days", "auto_commit", "categories", "departments")
LIST_SUFFIXES = (".yaml", ".yml")


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
        from checklist.gitcmd import is_bare_repo

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


def _collect(target: Path) -> list[Path]:
    if target.is_dir():
        found = []
        for dirpath, dirnames, filenames in os.walk(target):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            found += [Path(dirpath) / f for f in sorted(filenames) if f.endswith(LIST_SUFFIXES) and not f.startswith(".")]
        return found
    return [target]


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
    deadline: date
    created_on: date | None
    closed_on: date | None
    department: str
    code: str
    file: str
    data: dict[str, Any]


@dataclass
class Ledger:
    """Every list file of a ledger (or of the PATHS given), read and checked."""

    root: Path | None
    config: Config
    files: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def records(self) -> list[Record]:
        """Every valid item, as records."""
        out: list[Record] = []
        append = out.append
        new = Record._make
        # A ledger repeats few distinct dates: parse each once.
        days: dict[str, date] = {}

        def day(text: str) -> date:
            found = days.get(text)
            if found is None:
                found = days[text] = date.fromisoformat(text)
            return found

        for fd in self.files:
            display = fd.display
            for dept in fd.departments:
                name, code = dept["department"], dept["code"]
                for item in dept["items"]:
                    closed = item.get("closed_on")
                    created = item.get("created_on")
                    append(new((
                        item["id"], item["title"], item["owner"], item.get("category"),
                        item["status"], day(item["deadline"]),
                        day(created) if created else None,
                        day(closed) if closed else None,
                        name, code, display, item,
                    )))
        return out

    def departments(self) -> list[tuple[str, str]]:
        """(code, name) of every department seen, in file order, then the roster's others."""
        seen: dict[str, str] = {}
        for fd in self.files:
            for dept in fd.departments:
                if not dept.get("broken"):
                    seen.setdefault(dept["code"], dept["department"])
        for code, name in self.config.departments.items():
            seen.setdefault(code, name)
        return list(seen.items())


def list_files(root: Path | None, config: Config, paths: list[str] | None) -> list[Path]:
    """The list files to read: PATHS (files or folders), else the ledger's lists folder."""
    if paths:
        files: list[Path] = []
        for given in paths:
            target = Path(given)
            if not target.exists():
                raise UsageError("path_missing", path=given)
            files += _collect(target)
        return files
    if root is None:
        raise UsageError("no_ledger")
    folder = root / config.lists
    if not folder.is_dir():
        return []
    return _collect(folder)


def _locate(root_option: str | None, paths: list[str] | None) -> tuple[Path | None, Config, list[Problem], list[Path]]:
    root = find_root(root_option)
    config, problems = Config(), list[Problem]()
    if root is not None and (root / CONFIG_NAME).is_file():
        config, problems = load_config(root / CONFIG_NAME, display_path(root / CONFIG_NAME, root))
    elif root is not None and not paths:
        raise UsageError("no_config", path=str(root))
    return root, config, problems, list_files(root, config, paths)


Progress = Callable[[int, int], None]


def open_ledger(root_option: str | None, paths: list[str] | None = None, *, evidence: bool = False,
                progress: Progress | None = None) -> Ledger:
    """Find, read and check a ledger (or PATHS); problems are collected, not raised.

    `progress(done, total)` is called after each file is read, for a progress bar.
    """
    root, config, problems, paths_found = _locate(root_option, paths)
    return _read(root, config, problems, paths_found, evidence=evidence, progress=progress)


def _fingerprint(root: Path | None, found: list[Path], purpose: str) -> tuple[str, list[Any]]:
    """A summary's name and the stat keys of everything it depends on (files and config)."""
    from checklist import store

    watched = list(found)
    if root is not None and (root / CONFIG_NAME).is_file():
        watched.append(root / CONFIG_NAME)
    inputs = [[str(p.resolve()), store.stat_key(p)] for p in watched]
    shown = [display_path(p, root) for p in found]
    return json_digest([purpose, inputs, shown, str(root)]), inputs


def _read(root: Path | None, config: Config, problems: list[Problem], paths: list[Path], *, evidence: bool,
          progress: Progress | None = None) -> Ledger:
    from checklist import store

    # The ledger-wide rules cost a pass over every item; with nothing changed
    # since the last run their findings are read from a summary instead.
    name, inputs = _fingerprint(root, paths, "rules") if not evidence else ("", [])
    cached = store.summary_read(name) if name else None
    files = []
    for done, path in enumerate(paths, 1):
        files.append(store.load_file(path, display_path(path, root)))
        if progress is not None:
            progress(done, len(paths))
    ledger = Ledger(root, config, files, list(problems))
    for fd in files:
        ledger.problems += fd.problems
    if cached is not None and cached["inputs"] == inputs:
        ledger.problems += [Problem.from_json(p) for p in cached["problems"]]
        return ledger
    found = ledger_rules(ledger, evidence=evidence)
    ledger.problems += found
    if name:
        store.summary_write(name, {"inputs": inputs, "problems": [p.to_json() for p in found]},
                            [key for _, key in inputs])
    return ledger


@dataclass
class Checked:
    """What `validate` needs: the problems and how much was checked."""

    problems: list[Problem]
    files: int
    items: int


def check_ledger(root_option: str | None, paths: list[str] | None = None, *,
                 progress: Progress | None = None) -> Checked:
    """Validate a ledger (evidence included); a warm run with nothing changed reads one summary."""
    from checklist import store

    root, config, config_problems, found = _locate(root_option, paths)
    name, inputs = _fingerprint(root, found, "validate")
    cached = store.summary_read(name)
    if cached is not None and cached["inputs"] == inputs and all(
        store.stat_key(Path(path)) == key for path, key in cached["evidence"]
    ):
        return Checked([Problem.from_json(p) for p in cached["problems"]], cached["files"], cached["items"])
    ledger = _read(root, config, config_problems, found, evidence=True, progress=progress)
    items = sum(len(d["items"]) for fd in ledger.files for d in fd.departments)
    result = Checked(ledger.problems, len(ledger.files), items)
    base = root if root is not None else Path.cwd()
    evidence = sorted({
        str((base / ev["path"]).resolve())
        for fd in ledger.files for d in fd.departments for item in d["items"] for ev in item.get("evidence") or ()
    })
    evidence_keys = [[path, store.stat_key(Path(path))] for path in evidence]
    store.summary_write(name, {
        "inputs": inputs,
        "evidence": evidence_keys,
        "problems": [p.to_json() for p in result.problems],
        "files": result.files,
        "items": result.items,
    }, [key for _, key in inputs + evidence_keys if key is not None])
    return result


def json_digest(value: Any) -> str:
    """A short stable digest of JSON-able data."""
    import hashlib
    import json

    return hashlib.sha1(json.dumps(value, ensure_ascii=False).encode()).hexdigest()


def ledger_rules(ledger: Ledger, *, evidence: bool) -> list[Problem]:
    """Rules over the whole ledger: unique IDs, roster, categories, evidence files."""
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int, int]] = {}
    roster = ledger.config.departments
    categories = ledger.config.categories
    for fd in ledger.files:
        for dept in fd.departments:
            code, name = dept["code"], dept["department"]
            if roster and not dept.get("broken"):
                if code not in roster:
                    problems.append(Problem(fd.display, dept["line"], dept["col"], "dept_not_in_roster", {"code": code}))
                elif roster[code] != name:
                    problems.append(Problem(fd.display, dept["line"], dept["col"], "dept_name_mismatch", {"code": code, "name": name, "expected": roster[code]}))
            entries = [(i["id"], i.get("category"), pos, i) for i, pos in zip(dept["items"], dept["pos"], strict=True)]
            entries += [(key, category, pos, None) for key, category, pos in dept.get("invalid", ())]
            entries.sort(key=lambda e: (e[2][0], e[2][1]))
            for key, category, pos, item in entries:
                if key is not None and key in seen:
                    other = seen[key]
                    problems.append(Problem(fd.display, pos[2], pos[3], "duplicate_id", {"id": key, "other": f"{other[0]}:{other[1]}:{other[2]}"}))
                elif key is not None:
                    seen[key] = (fd.display, pos[2], pos[3])
                if categories and category and category not in categories:
                    hint = did_you_mean(category, categories)
                    problems.append(Problem(fd.display, pos[4], pos[5], "category_unknown_hint" if hint else "category_unknown", {"category": category, "hint": hint or "", "choices": "、".join(categories)}))
                if evidence and item is not None and item.get("evidence"):
                    problems += _evidence_problems(ledger.root, fd, item, pos)
    return problems


def _evidence_problems(root: Path | None, fd: Any, item: dict[str, Any], pos: list[int]) -> list[Problem]:
    from checklist.evidence import file_sha256

    base = root if root is not None else Path.cwd()
    out = []
    for ev in item["evidence"]:
        target = base / ev["path"]
        try:
            digest = file_sha256(target)
        except OSError:
            out.append(Problem(fd.display, pos[0], pos[1], "evidence_missing", {"id": item["id"], "path": ev["path"]}))
            continue
        if digest != ev["sha256"]:
            out.append(Problem(fd.display, pos[0], pos[1], "evidence_changed", {"id": item["id"], "path": ev["path"]}))
    return out
