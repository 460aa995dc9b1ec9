"""What an edit needs of the files it does not edit, kept small: the ledger summary.

An edit reads the file it changes (its cache entry, or a parse) and, for every
other list file, an entry of this summary:

    stat      the file's stat key when the entry was made (`cache.stat_key`)
    written   when it was made (an entry whose file changed less than RACY_NS
              before is made again: the stat may not tell that change apart)
    depts     [code, name, broken] of each department (finding a department, its file)
    keys      per ID prefix (`ids.id_key`): the highest number and the widest
              (allocating IDs); an ID not CODE-digits as a key of its own
    local     the findings of the ledger-wide rules the file answers alone
              (`rules.file_rules`, as `rules.identity`): none in a clean ledger

Unique IDs are checked exactly as `rules.ledger_rules` checks them, on the
edited file before and after together with every file holding a key of an ID
it has (those files are read whole; a department's code usually lives in one
file); every other file's findings cannot change and are taken from `local`.

The summary is one cache file per ledger (`cache.summary_bytes/summary_store`),
in the cache folder of this code, its entries checked against the stat of
every list file on each use: a file changed behind our back (`git pull`), new
or removed, is read again, as is every file when the rule settings of
checklist.toml changed. A missing or damaged summary is made again from every
file, which is what an edit cost before it existed. Edits write it under the
ledger's lock, atomically.

What an edit pays per list file is kept to a stat and a comparison: the files are
listed by name (no Path each: `files.list_folders`), stat'ed through their
folder (`cache.stat_keys`), and the stored entries are matched against those
stats as lists. An entry is stored with its stat only when that stat will tell
the file's next change (taken long enough after it, RACY_NS), so matching the
stat is enough; and the stored bytes start with a check of the rest, so an
entry read back is one `entry_of` made (damaged bytes: the summary is made
again), with no check of its shape per file.
"""

from __future__ import annotations

import binascii
import json
import time
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import orjson

from checklist.domain import ids
from checklist.ledger import cache
from checklist.ledger.config import CONFIG_NAME, Config, display_path, load_config
from checklist.ledger.rules import file_rules, identity, ledger_rules
from checklist.problems import Problem
from checklist.sha import sha1

# As ledger/cache.py: an mtime this close to when an entry was made does not tell changes apart.
RACY_NS = 2_000_000_000
Entry = dict[str, Any]


def entry_of(fd: Any, config: Config, stat: list[int] | None, written: int) -> Entry:
    """A file's summary entry, from its departments as read."""
    keys: dict[str, list[Any] | None] = {}
    for dept in fd.departments:
        found = [item["id"] for item in dept["items"]]
        found += [bad[0] for bad in dept.get("invalid", ()) if isinstance(bad[0], str)]
        for value in found:
            key, digits = ids.id_key(value)
            if digits is None:
                keys[key] = None
                continue
            top, width = keys.get(key) or ["0", 0]
            number = digits.lstrip("0") or "0"
            if (len(number), number) > (len(top), top):
                top = number
            keys[key] = [top, max(width, len(digits))]
    return {
        "stat": stat,
        "written": written,
        "depts": [[d["code"], d["department"], bool(d.get("broken"))] for d in fd.departments],
        "keys": keys,
        "local": [identity(p) for p in file_rules(config, fd)],
    }


def settings_key(config: Config) -> str:
    """The settings the entries' findings depend on."""
    rules = [config.departments, config.aliases, config.categories, config.accountability_measures, config.max_extensions]
    return sha1(json.dumps(rules, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogateescape")).hexdigest()


@dataclass
class View:
    """A ledger as an edit sees it: every list file's summary entry, the files read whole."""

    root: Path | None
    config: Config
    names: list[str]  # each list file's path, as str(path) of files.list_files' Path
    entries: list[Entry]
    loaded: dict[int, Any] = field(default_factory=dict)
    name: str = ""  # the summary's name in the cache ("" : not stored)
    changed: bool = False  # an entry to store was made

    @property
    def paths(self) -> list[Path]:
        """Every list file's path, in ledger order."""
        return [Path(name) for name in self.names]

    def file(self, index: int) -> Any:
        """File `index` read whole (cache.FileData)."""
        fd = self.loaded.get(index)
        if fd is None:
            path = Path(self.names[index])
            fd = self.loaded[index] = cache.load_file(path, display_path(path, self.root))
        return fd

    def holding(self, key: str) -> list[Any]:
        """The files with an ID of `key` (ids.id_key), read whole, in ledger order."""
        return [self.file(i) for i, entry in enumerate(self.entries) if key in entry["keys"]]

    def departments(self) -> list[tuple[str, str]]:
        """(code, name) of every department seen, in file order, then the roster's others
        (as Ledger.departments)."""
        seen: dict[str, str] = {}
        for entry in self.entries:
            for code, name, broken in entry["depts"]:
                if not broken:
                    seen.setdefault(code, name)
        for code, name in self.config.departments.items():
            seen.setdefault(code, name)
        return list(seen.items())

    def file_with(self, code: str) -> int | None:
        """The first file with a department `code`."""
        return next((i for i, e in enumerate(self.entries) if any(d[0] == code for d in e["depts"])), None)

    def next_ids(self, code: str, count: int = 1) -> list[str]:
        """The department's next `count` free IDs, as ids.next_ids over every ID of the ledger."""
        top, width = 0, 0
        for entry in self.entries:
            found = entry["keys"].get("P" + code)
            if found:
                top, width = max(top, int(found[0])), max(width, found[1])
        return ids.ids_after(code, top, width, count)

    def fresh_problems(self, path: Path, display: str, before: list[dict[str, Any]] | None,
                       after: list[dict[str, Any]]) -> list[Problem]:
        """What the ledger-wide rules (evidence aside) find once file `path` reads as `after`
        (it read as `before`; None: a new file) and did not find before: rules.ledger_rules
        on the whole ledger before and after, compared by rules.identity."""
        mine = {ids.id_key(v)[0] for depts in (before or [], after) for v in _ids(depts)}
        index = self._index(path) if before is not None else None
        old: list[Any] = []
        new: list[Any] = []
        known: set[str] = set()
        for i, entry in enumerate(self.entries):
            if i == index:
                old.append(cache.FileData(path, display, before or [], []))
                new.append(cache.FileData(path, display, after, []))
            elif not mine.isdisjoint(entry["keys"]):
                old.append(self.file(i))
                new.append(self.file(i))
            elif entry["local"]:
                known.update(entry["local"])  # its findings are the same before and after
        if before is not None and index is None:
            old.append(cache.FileData(path, display, before, []))
            new.append(cache.FileData(path, display, after, []))
        elif before is None:
            new.append(cache.FileData(path, display, after, []))  # a new file comes last, as ledger_rules saw it
        known.update(identity(p) for p in ledger_rules(SimpleNamespace(root=self.root, config=self.config, files=old), evidence=False))
        now = ledger_rules(SimpleNamespace(root=self.root, config=self.config, files=new), evidence=False)
        return [p for p in now if identity(p) not in known]

    def wrote(self, path: Path, departments: list[dict[str, Any]]) -> None:
        """File `path` now reads as `departments`: its entry made again for what follows in this
        process, the summary stored if other entries were made. The file's entry is not stored:
        changed just now, its stat could not tell a change in the same instant; the next edit
        makes it from the file. An entry of it already stored need not be removed: its stat is no
        longer the file's, so it is never used again."""
        i = self._index(path)
        if i is not None:
            self.entries[i] = entry_of(cache.FileData(path, "", departments, []), self.config, None, 0)
            self.loaded.pop(i, None)
        self.save()

    def _index(self, path: Path) -> int | None:
        """The place of file `path` in the ledger."""
        try:
            return self.names.index(str(path))
        except ValueError:
            return None

    def save(self) -> None:
        """Store the summary if an entry to store was made (atomically; a failure only costs speed):
        the entries, with a stat where it will tell the file's next change, after a check of the rest."""
        if not self.name or not self.changed:
            return
        # Every file has its entry, so that the next edit finds the same list of files; an entry
        # whose stat could not tell the next change has none (it is made again).
        entries = [e if _settled(e) else {**e, "stat": None} for e in self.entries]
        body = orjson.dumps({"settings": settings_key(self.config), "names": self.names, "entries": entries})
        cache.summary_store(self.name, _check(body) + b"\n" + body)
        self.changed = False


def _check(body: bytes) -> bytes:
    """What the stored bytes start with: a CRC of the rest, which any damage changes (a digest
    would cost ten times as much for nothing: the summary's own bytes guard against accidents,
    not against someone who can write the user's cache)."""
    return b"%08x" % binascii.crc32(body)


def _settled(entry: Entry) -> bool:
    """Whether an entry's stat tells its file's next change: taken, and long enough after the
    file's last change (an mtime this close to when the entry was made may not change again)."""
    stat = entry["stat"]
    return stat is not None and stat[1] < entry["written"] - RACY_NS


def _ids(departments: list[dict[str, Any]]) -> list[str]:
    out = [item["id"] for d in departments for item in d["items"]]
    return out + [bad[0] for d in departments for bad in d.get("invalid", ()) if isinstance(bad[0], str)]


def open_view(root: Path) -> View:
    """The ledger at `root` as an edit sees it: the stored summary, each entry whose file
    changed made again from the file (all of them when there is no summary)."""
    from checklist.ledger.files import list_folders

    config, _ = load_config(root / CONFIG_NAME, display_path(root / CONFIG_NAME, root))
    names: list[str] = []
    stats: list[list[int] | None] = []
    for folder, prefix, found in list_folders(root, config):
        names += [prefix + f for f in found]
        stats += cache.stat_keys(folder, found)
    name = "edit-" + sha1(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    view = View(root, config, names, [], name=name)
    stored_names, stored, old = _stored(name, settings_key(config))
    if stored_names != names:  # a file new or removed
        by_name = dict(zip(stored_names, zip(stored, old, strict=True), strict=True))
        none: tuple[Entry, list[int] | None] = ({}, None)  # no stat: made from the file below
        matched = [by_name.get(n, none) for n in names]
        stored, old = [e for e, _ in matched], [k for _, k in matched]
    view.entries = stored
    # A stored entry with a stat was settled when stored (View.save): the same stat is the same
    # file. Compared as whole lists: with nothing changed, no Python step per file.
    if old != stats or None in old:
        for index in [i for i, (was, now) in enumerate(zip(old, stats, strict=True)) if was is None or was != now]:
            view.entries[index] = _made(view, index, stats[index])
    return view


def _stored(name: str, settings: str) -> tuple[list[str], list[Entry], list[list[int] | None]]:
    """The stored summary's file names, entries and their stats (none when it is missing,
    damaged, or of other rule settings)."""
    raw = cache.summary_bytes(name)
    if raw is None:
        return [], [], []
    check, _, body = raw.partition(b"\n")
    if check != _check(body):
        return [], [], []
    try:
        data = orjson.loads(body)
        names, entries = data["names"], data["entries"]
        if data["settings"] != settings or type(names) is not list or type(entries) is not list or len(names) != len(entries):
            return [], [], []
        return names, entries, list(map(itemgetter("stat"), entries))
    except (ValueError, TypeError, KeyError):
        return [], [], []


def _made(view: View, index: int, stat: list[int] | None) -> Entry:
    """File `index`'s entry made from the file (stored only if the file held still meanwhile)."""
    written = time.time_ns()
    fd = view.file(index)
    still = stat is not None and cache.stat_key(Path(view.names[index])) == stat
    entry = entry_of(fd, view.config, stat if still else None, written)
    if _settled(entry):
        view.changed = True
    return entry


def from_ledger(ledger: Any) -> View:
    """A View of a ledger read whole (ledger.files.open_ledger); not stored."""
    entries = [entry_of(fd, ledger.config, None, 0) for fd in ledger.files]
    return View(ledger.root, ledger.config, [str(fd.path) for fd in ledger.files], entries, dict(enumerate(ledger.files)))
