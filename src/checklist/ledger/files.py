"""The ledger: its list files read (through the cache) and checked, the
ledger-wide rules run once per change, and the items as records.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklist.domain.records import Record
from checklist.errors import UsageError
from checklist.ledger.config import CONFIG_NAME, Config, display_path, find_root, load_config
from checklist.ledger.rules import ledger_rules
from checklist.problems import Problem

if TYPE_CHECKING:
    from checklist.domain.states import Policy

LIST_SUFFIXES = (".yaml", ".yml")


def _walk(top: Path) -> Iterator[tuple[str, list[str]]]:
    """Each folder under `top` (hidden ones skipped) with the names of its list files, sorted,
    in the order the ledger reads them."""
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        yield dirpath, sorted(f for f in filenames if f.endswith(LIST_SUFFIXES) and not f.startswith("."))


def _collect(target: Path) -> list[Path]:
    if target.is_dir():
        found = []
        for dirpath, names in _walk(target):
            folder = Path(dirpath)  # once per folder: a city's thousand files share one
            found += [folder / f for f in names]
        return found
    return [target]


def list_folders(root: Path, config: Config) -> list[tuple[str, str, list[str]]]:
    """The ledger's list files as list_files finds them, by folder: (the folder, the text its
    files' paths start with, their names), so that `prefix + name` is `str(path)` of list_files'
    path. An edit only stats most files (cache.stat_keys) and reads one or two: a Path for each
    of a thousand files would cost more than the stats."""
    folder = root / config.lists
    if not folder.is_dir():
        return []
    # str(Path(f) / name) for a plain name is the folder's own text, normalised, then the name.
    return [(dirpath, str(Path(dirpath) / "x")[:-1], names) for dirpath, names in _walk(folder)]


@dataclass
class Ledger:
    """Every list file of a ledger (or of the PATHS given), read and checked."""

    root: Path | None
    config: Config
    files: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def records(self) -> list[Record]:
        """Every valid item, as records."""
        from checklist.ledger.index import is_compact
        from checklist.ledger.index import records as compact_records

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
                if is_compact(dept):
                    compact_records(dept, display, out, days)
                    continue
                name, code = dept["department"], dept["code"]
                facts = dept.get("facts") or ()
                known = len(facts) == len(dept["items"])
                for index, item in enumerate(dept["items"]):
                    latest, bits = facts[index] if known else ("", -1)
                    closed = item.get("closed_on")
                    created = item.get("created_on")
                    deadline = item.get("deadline")
                    append(new((
                        item["id"], item["title"], item["owner"], item.get("category"),
                        item["status"], day(deadline) if deadline else None,
                        day(created) if created else None,
                        day(closed) if closed else None,
                        name, code, display, item, latest, bits, ...,
                    )))
        return out

    def item_ids(self) -> list[str]:
        """Every ID in the ledger, items with problems included (they still hold their numbers)."""
        from checklist.ledger.index import ids

        out: list[str] = []
        for fd in self.files:
            for dept in fd.departments:
                out += ids(dept)
                out += [bad[0] for bad in dept.get("invalid", ()) if isinstance(bad[0], str)]
        return out

    def policy(self) -> Policy:
        """The settings an item's state depends on."""
        from checklist.domain.states import Policy

        c = self.config
        e = c.escalation
        return Policy(c.due_soon_days, c.behind_margin, c.update_every_days, (e.remind, e.supervise, e.interview))

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


# What the ledger's checklist.toml was when read: its path and stat key (taken before the read:
# a file changed meanwhile then only looks changed), or None without one.
ConfigKey = tuple[Path, list[int] | None] | None


def _locate(root_option: str | None, paths: list[str] | None) -> tuple[Path | None, Config, list[Problem], list[Path], ConfigKey]:
    from checklist.ledger.cache import stat_key

    root = find_root(root_option)
    config, problems = Config(), list[Problem]()
    config_key: ConfigKey = None
    if root is not None and (root / CONFIG_NAME).is_file():
        config_key = (root / CONFIG_NAME, stat_key(root / CONFIG_NAME))
        config, problems = load_config(root / CONFIG_NAME, display_path(root / CONFIG_NAME, root))
    elif root is not None and not paths:
        raise UsageError("no_config", path=str(root))
    return root, config, problems, list_files(root, config, paths), config_key


Progress = Callable[[int, int], None]


def open_ledger(root_option: str | None, paths: list[str] | None = None, *, evidence: bool = False,
                progress: Progress | None = None, compact: bool = False) -> Ledger:
    """Find, read and check a ledger (or PATHS); problems are collected, not raised.

    `progress(done, total)` is called after each file is read, for a progress bar.
    `compact=True` reads the read index (ledger.index) instead of the full items: the records
    then carry only what the report's figures and `list`'s filters and table read (their `data`
    holds index.EXTRA only). For `report` in table, json, csv or markdown and `list` in table or
    markdown; never for an edit, `show`, `list --format json/csv` or the office's documents.
    """
    root, config, problems, paths_found, config_key = _locate(root_option, paths)
    return _read(root, config, problems, paths_found, config_key, evidence=evidence and not compact,
                 progress=progress, compact=compact)


def _summary_name(root: Path | None, found: list[Path], purpose: str) -> str:
    """The name of a ledger's summary: its purpose, its files and where they are shown from."""
    shown = [display_path(p, root) for p in found]
    return json_digest([purpose, _resolved(found), shown, str(root)])


def _inputs(keys: list[tuple[Path, list[int] | None]], config_key: ConfigKey) -> list[Any]:
    """What a summary depends on: each file's resolved path and stat key (stat_key), the config's last."""
    watched = [*keys, *([config_key] if config_key is not None else [])]
    return [[real, key] for real, (_, key) in zip(_resolved([path for path, _ in watched]), watched, strict=True)]


def _resolved(paths: list[Path]) -> list[str]:
    """str(path.resolve()) of each path, each folder resolved once: a ledger's files share a
    few folders, and resolving a path costs a system call per part of it."""
    folders: dict[Path, Path] = {}
    out = []
    for path in paths:
        if path.name in ("", ".", "..") or path.is_symlink():
            out.append(str(path.resolve()))
            continue
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        out.append(str(folder / path.name))
    return out


def _read(root: Path | None, config: Config, problems: list[Problem], paths: list[Path], config_key: ConfigKey, *,
          evidence: bool, progress: Progress | None = None, compact: bool = False, positions: bool = False) -> Ledger:
    from checklist.ledger import cache as store
    from checklist.ledger.index import is_compact

    # The ledger-wide rules cost a pass over every item; with nothing changed since the last
    # run their findings are read from a summary instead. It is matched against the stat keys
    # of the versions read (a file changed while it was read has none: it never matches).
    name = _summary_name(root, paths, "rules") if not evidence else ""
    cached = store.summary_read(name) if name else None
    # Positions only serve the ledger-wide rules: when the summary holds their findings (as
    # the files' stats say now), a province's ledger need not keep a million of them.
    drop = compact and not positions and cached is not None and cached.get("inputs") == _inputs(
        [(p, store.stat_key(p)) for p in paths], config_key)
    files = []
    load = store.load_compact if compact else store.load_file
    for done, path in enumerate(paths, 1):
        fd = load(path, display_path(path, root))
        if drop:
            for dept in fd.departments:
                if is_compact(dept):
                    dept.pop("pos", None)
        files.append(fd)
        if progress is not None:
            progress(done, len(paths))
    ledger = Ledger(root, config, files, list(problems))
    for fd in files:
        ledger.problems += fd.problems
    if evidence:
        ledger.problems += ledger_rules(ledger, evidence=True)
        return ledger
    inputs = _inputs([(fd.path, fd.key) for fd in files], config_key)
    if cached is not None and cached.get("inputs") == inputs and isinstance(cached.get("problems"), list):
        ledger.problems += [Problem.from_json(p) for p in cached["problems"]]
        return ledger
    if drop:  # a file changed while the ledger was read: read it again, positions kept
        return _read(root, config, problems, paths, config_key, evidence=False, progress=progress, compact=True,
                     positions=True)
    found, own = _rules(ledger, compact, inputs, cached)
    ledger.problems += found
    # A key changed too recently to tell the next change apart is kept as none (never matches).
    kept = [[path, key if store.settled(key) else None] for path, key in inputs]
    summary = {"inputs": kept, "problems": [p.to_json() for p in found]}
    if own is not None:
        summary["files"] = own
    store.summary_write(name, summary, [key for _, key in kept if key is not None])
    return ledger


def _rules(ledger: Ledger, compact: bool, inputs: list[Any], cached: dict[str, Any] | None) -> tuple[list[Problem], list[Any] | None]:
    """The ledger-wide rules' findings, and each file's own findings (rules.file_rules) when made.

    Unique IDs is the only rule that reads more than one file: without an ID twice in the
    ledger, the findings are each file's own, in file order, and a file unchanged since the
    summary (`cached`, same settings) has the same own findings. So after a `git pull` only the
    changed files are checked again.
    """
    from checklist.ledger.cache import FileData
    from checklist.ledger.index import rule_view
    from checklist.ledger.rules import file_rules

    ids = ledger.item_ids()
    if len(set(ids)) != len(ids):
        return ledger_rules(_rule_view(ledger) if compact else ledger, evidence=False), None
    n = len(ledger.files)
    before = cached.get("inputs") if cached is not None else None
    known = cached.get("files") if cached is not None else None
    if not (isinstance(before, list) and isinstance(known, list) and len(known) == n and len(before) == len(inputs)
            and before[n:] == inputs[n:]):
        before = known = None
    own: list[Any] = []
    for i, fd in enumerate(ledger.files):
        if before is not None and known is not None and inputs[i][1] is not None and before[i] == inputs[i]:
            own.append(known[i])
            continue
        view = FileData(fd.path, fd.display, [rule_view(d) for d in fd.departments], fd.problems) if compact else fd
        own.append([p.to_json() for p in file_rules(ledger.config, view)])
    return [Problem.from_json(p) for found in own for p in found], own


def _rule_view(ledger: Ledger) -> Ledger:
    """A ledger read through the index as the ledger-wide rules read a full one."""
    from checklist.ledger.cache import FileData
    from checklist.ledger.index import rule_view

    files = [FileData(fd.path, fd.display, [rule_view(d) for d in fd.departments], fd.problems) for fd in ledger.files]
    return Ledger(ledger.root, ledger.config, files, ledger.problems)


@dataclass
class Checked:
    """What `validate` needs: the problems and how much was checked."""

    problems: list[Problem]
    files: int
    items: int


def check_ledger(root_option: str | None, paths: list[str] | None = None, *,
                 progress: Progress | None = None) -> Checked:
    """Validate a ledger (evidence included); a warm run with nothing changed reads one summary."""
    from checklist.ledger import cache as store

    root, config, config_problems, found, config_key = _locate(root_option, paths)
    name = _summary_name(root, found, "validate")
    cached = store.summary_read(name)
    if cached is not None and cached["inputs"] == _inputs([(p, store.stat_key(p)) for p in found], config_key) and all(
        store.stat_key(Path(path)) == key for path, key in cached["evidence"]
    ):
        return Checked([Problem.from_json(p) for p in cached["problems"]], cached["files"], cached["items"])
    ledger = _read(root, config, config_problems, found, config_key, evidence=True, progress=progress)
    inputs = _inputs([(fd.path, fd.key) for fd in ledger.files], config_key)
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
    import json

    from checklist.sha import sha1

    return sha1(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogateescape")).hexdigest()


