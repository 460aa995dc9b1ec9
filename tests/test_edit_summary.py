"""Edits read the edited file and a small ledger summary (ledger/summary.py), and refuse
exactly what the ledger-wide rules over every file refuse.

The property tests build random small ledgers (files of departments, items with IDs
that collide across files and prefixes, padding, IDs that are not CODE-digits, items
with problems, a roster, categories, measures, a limit on extensions) and a random
change of one file (or a new file), and compare the summary's answer with the full
check as the edit transaction made it before: `rules.ledger_rules` on the whole ledger
before and after, a finding new when its identity was not there before. The entries go
through JSON as the stored summary does. The end-to-end tests change files behind the
summary's back, remove or damage it, and change the settings.
"""

from __future__ import annotations

import binascii
import json
import os
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.domain import ids
from checklist.errors import ChecklistError
from checklist.ledger import cache, summary
from checklist.ledger.cache import FileData
from checklist.ledger.config import Config
from checklist.ledger.rules import identity, ledger_rules

from conftest import write

CODES = ["A", "AB", "A-1", "B", "Q\n"]
NUMBERS = ["1", "01", "001", "002", "0010", "10", "999", "1000"]
ODD = ["x", "A-", "A-001\n", "A\n-1", "AB-1-2", "-001", ""]


def an_id() -> st.SearchStrategy[str]:
    numbered = st.builds(lambda c, n: f"{c}-{n}", st.sampled_from(CODES), st.sampled_from(NUMBERS))
    return st.one_of(numbered, numbered, st.sampled_from(ODD))


@st.composite
def departments(draw: Any, first_line: int = 1) -> list[dict[str, Any]]:
    out = []
    line = first_line
    for _ in range(draw(st.integers(0, 2))):
        dept: dict[str, Any] = {
            "code": draw(st.sampled_from(CODES)), "department": draw(st.sampled_from(["财政局", "发改委", "审计局"])),
            "line": line, "col": 1, "items": [], "pos": [], "invalid": [],
        }
        if draw(st.booleans()) and draw(st.booleans()):
            dept["broken"] = True
        line += 3
        for _ in range(draw(st.integers(0, 4))):
            measures = draw(st.lists(st.sampled_from(["约谈", "通报", "诫勉"]), max_size=2))
            pos = [line, 5, line, 9, line + 1 if draw(st.booleans()) else 0, 7]
            for k in range(len(measures)):
                pos += [line + 2 + k, 9]
            item = {"id": draw(an_id()), "category": draw(st.sampled_from([None, "作风", "工作", "纪律"])),
                    "accountability": [{"measure": m} for m in measures],
                    "extensions": [{}] * draw(st.integers(0, 3))}
            if draw(st.integers(0, 5)) == 0:
                dept["invalid"].append([draw(st.one_of(an_id(), st.none())), item["category"], pos])
            else:
                dept["items"].append(item)
                dept["pos"].append(pos)
            line += 3 + len(measures)
        out.append(dept)
    return out


@st.composite
def changed(draw: Any, before: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`before` with one edit: an item's ID, category or extensions changed, an item added
    or removed, the lines moved; or a file of new departments altogether."""
    if not before or draw(st.integers(0, 4)) == 0:
        return draw(departments(first_line=draw(st.integers(1, 5))))
    after = json.loads(json.dumps(before))
    dept = after[draw(st.integers(0, len(after) - 1))]
    kind = draw(st.sampled_from(["id", "category", "extensions", "add", "remove", "move", "name"]))
    if kind == "name":
        dept["department"] = draw(st.sampled_from(["财政局", "发改委", "市审计局"]))
    elif kind == "move":
        delta = draw(st.integers(-2, 5))
        for pos in dept["pos"]:
            pos[0] += delta
            pos[2] += delta
    elif kind == "add":
        line = 1 + max([p[0] for p in dept["pos"]] + [dept["line"]]) + 3
        dept["items"].append({"id": draw(an_id()), "category": draw(st.sampled_from([None, "作风", "其他"])),
                              "accountability": [], "extensions": []})
        dept["pos"].append([line, 5, line, 9, 0, 0])
    elif dept["items"]:
        index = draw(st.integers(0, len(dept["items"]) - 1))
        item = dept["items"][index]
        if kind == "id":
            item["id"] = draw(an_id())
        elif kind == "category":
            item["category"] = draw(st.sampled_from([None, "作风", "其他"]))
        elif kind == "extensions":
            item["extensions"] = [{}] * draw(st.integers(0, 4))
        else:
            del dept["items"][index], dept["pos"][index]
    return after


@st.composite
def ledgers(draw: Any) -> tuple[Config, list[FileData]]:
    config = Config()
    if draw(st.booleans()):
        config.departments = {"A": "财政局", "AB": "发改委", "B": "审计局"}
        config.aliases = {"A": ["财政"], "AB": [], "B": ["市审计局"]}
    if draw(st.booleans()):
        config.categories = ["作风", "工作"]
    config.accountability_measures = ["约谈", "通报"]
    config.max_extensions = draw(st.sampled_from([0, 1, 2]))
    files = [FileData(Path(f"/l/{n}.yaml"), f"lists/{n}.yaml", draw(departments()), [])
             for n in range(draw(st.integers(1, 4)))]
    return config, files


def full_check(config: Config, files: list[FileData], index: int | None, after: list[dict[str, Any]],
               new: FileData | None) -> list[list[Any]]:
    """What the edit transaction found before the summary: every rule on every file, before and after."""
    ledger = SimpleNamespace(root=None, config=config, files=list(files))
    before = {identity(p) for p in ledger_rules(ledger, evidence=False)}
    if new is not None:
        ledger.files.append(new)
    else:
        assert index is not None
        ledger.files[index] = FileData(files[index].path, files[index].display, after, [])
    return [p.to_json() for p in ledger_rules(ledger, evidence=False) if identity(p) not in before]


def view_of(config: Config, files: list[FileData]) -> summary.View:
    """A View as an edit opens it: each entry through JSON, the files read only when asked for."""
    entries = [orjson.loads(orjson.dumps(summary.entry_of(fd, config, [1, 2, 3, 4], 0))) for fd in files]
    view = summary.View(None, config, [str(fd.path) for fd in files], entries)
    read: list[int] = []
    original = view.file

    def file(i: int) -> Any:
        read.append(i)
        view.loaded[i] = files[i]
        return original(i)

    view.file = file  # type: ignore[method-assign]
    view.read = read  # type: ignore[attr-defined]
    return view


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_summary_refuses_exactly_what_the_full_check_refuses(data: Any) -> None:
    config, files = data.draw(ledgers())
    view = view_of(config, files)
    if data.draw(st.integers(0, 5)) == 0:
        after = data.draw(departments())
        new = FileData(Path("/l/new.yaml"), "lists/new.yaml", after, [])
        expected = full_check(config, files, None, after, new)
        got = view.fresh_problems(new.path, new.display, None, after)
    else:
        index = data.draw(st.integers(0, len(files) - 1))
        after = data.draw(changed(files[index].departments))
        expected = full_check(config, files, index, after, None)
        got = view.fresh_problems(files[index].path, files[index].display, files[index].departments, after)
    assert [p.to_json() for p in got] == expected


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_summary_allocates_the_same_ids(data: Any) -> None:
    config, files = data.draw(ledgers())
    taken = [i["id"] for fd in files for d in fd.departments for i in d["items"]]
    taken += [bad[0] for fd in files for d in fd.departments for bad in d["invalid"] if isinstance(bad[0], str)]
    code = data.draw(st.one_of(st.sampled_from([*CODES, "C", "A-"]), st.from_regex(r"\A[A-Z][A-Z0-9]{0,3}\Z")))
    count = data.draw(st.integers(1, 3))
    assert view_of(config, files).next_ids(code, count) == ids.next_ids(code, taken, count)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_summary_finds_what_a_search_of_every_file_finds(data: Any) -> None:
    from checklist.ledger.edits import _search

    config, files = data.draw(ledgers())
    typed = data.draw(st.one_of(an_id(), st.sampled_from(["a-1", "ａ－００１", " AB-01 ", "a-0001"])))
    view = view_of(config, files)

    def outcome(search: Any) -> Any:
        try:
            found = search()
        except ChecklistError as exc:
            return exc.key, sorted(exc.params.items())
        return None if found is None else (found[0].path, found[1], found[2], found[3])

    assert outcome(lambda: _search(view.holding(ids.id_key(ids.normalize_id(typed))[0]), typed)) == outcome(
        lambda: _search(files, typed))


def test_a_clean_edit_reads_no_other_file() -> None:
    """The point of the summary: departments with codes of their own read nothing else."""
    config = Config()
    files = [FileData(Path(f"/l/{c}.yaml"), c, [{"code": c, "department": c, "line": 1, "col": 1, "invalid": [],
                                                 "items": [{"id": f"{c}-001"}], "pos": [[4, 3, 4, 7, 0, 0]]}], [])
             for c in ("AA", "BB", "CC")]
    view = view_of(config, files)
    after = json.loads(json.dumps(files[1].departments))
    after[0]["items"].append({"id": "BB-002"})
    after[0]["pos"].append([9, 3, 9, 7, 0, 0])
    assert view.fresh_problems(files[1].path, "BB", files[1].departments, after) == []
    assert view.read == []  # type: ignore[attr-defined]
    after[0]["items"][1]["id"] = "CC-001"
    assert [p.key for p in view.fresh_problems(files[1].path, "BB", files[1].departments, after)] == ["duplicate_id"]
    assert set(view.read) == {2}  # type: ignore[attr-defined]


# End to end: the stored summary never answers for a file that changed.

ITEM = """\
  - id: {id}
    title: 问题{id}
    owner: 王芳
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-02
"""


def list_text(code: str, name: str, numbers: list[str]) -> str:
    return f"department: {name}\ncode: {code}\nitems:\n" + "".join(ITEM.format(id=f"{code}-{n}") for n in numbers)


def summary_file() -> Path:
    folder = cache.cache_dir()
    assert folder is not None
    found = list((folder / "summaries").glob("edit-*.json"))
    assert len(found) == 1
    return found[0]


def age(path: Path) -> None:
    """Date a file back past the racy window, as a file changed a while ago is."""
    past = time.time() - 10
    os.utime(path, (past, past))


@pytest.fixture
def two_files(ledger: Path) -> Path:
    write(ledger / "lists" / "czj.yaml", list_text("CZJ", "市财政局", ["001", "002"]))
    write(ledger / "lists" / "fgw.yaml", list_text("FGW", "市发改委", ["001"]))
    for path in (ledger / "lists").iterdir():
        age(path)
    return ledger


def test_a_file_changed_behind_the_summary_is_read_again(two_files: Path, cli: Any) -> None:
    assert cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31").code == 0
    assert summary_file().exists()
    # `git pull` brings CZJ-007 into the department's file; FGW's file is edited next.
    fgw = two_files / "lists" / "fgw.yaml"
    czj = two_files / "lists" / "czj.yaml"
    czj.write_text(czj.read_text(encoding="utf-8") + ITEM.format(id="CZJ-007"), encoding="utf-8")
    age(czj)
    assert cli("note", "FGW-001", "进展").code == 0
    result = cli("add", "--dept", "CZJ", "--title", "又一个问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 0, result
    assert "CZJ-008" in czj.read_text(encoding="utf-8")
    # An item with problems brought into another file behind its back still holds its number.
    fgw.write_text(fgw.read_text(encoding="utf-8").replace("FGW-001", "CZJ-009"), encoding="utf-8")
    age(fgw)
    result = cli("add", "--dept", "CZJ", "--title", "第三个问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 0, result
    assert "CZJ-010" in czj.read_text(encoding="utf-8")


def test_a_change_within_the_racy_window_is_seen(two_files: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file system whose stat tells only size and mtime, changed twice within one mtime tick.
    def coarse(path: Path) -> list[int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return [st.st_size, st.st_mtime_ns]

    def coarse_keys(folder: str, names: list[str]) -> list[list[int] | None]:
        return [coarse(Path(folder) / name) for name in names]

    monkeypatch.setattr(cache, "stat_key", coarse)
    monkeypatch.setattr(cache, "stat_keys", coarse_keys)
    fgw = two_files / "lists" / "fgw.yaml"
    fgw.write_text(fgw.read_text(encoding="utf-8"), encoding="utf-8")  # changed just now
    tick = fgw.stat().st_mtime_ns
    assert cli("note", "CZJ-001", "进展").code == 0  # the summary made with FGW's file as it is now
    fgw.write_text(fgw.read_text(encoding="utf-8").replace("FGW-001", "CZJ-009"), encoding="utf-8")
    os.utime(fgw, ns=(tick, tick))
    assert coarse(fgw) == [fgw.stat().st_size, tick]
    result = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 0, result
    assert "CZJ-010" in (two_files / "lists" / "czj.yaml").read_text(encoding="utf-8")


def stored_summary() -> Any:
    """The stored summary's data (its bytes: a check of the rest, a line, the data as JSON)."""
    check, _, body = summary_file().read_bytes().partition(b"\n")
    assert check == b"%08x" % binascii.crc32(body)
    return orjson.loads(body)


def stored_stats() -> dict[str, Any]:
    """Each file's name (its last part) and the stat stored with its entry (None: made again)."""
    data = stored_summary()
    return {Path(name).name: entry["stat"] for name, entry in zip(data["names"], data["entries"], strict=True)}


def store_summary(data: Any, *, check: bytes | None = None) -> None:
    body = orjson.dumps(data)
    summary_file().write_bytes((check or b"%08x" % binascii.crc32(body)) + b"\n" + body)


@pytest.mark.parametrize("damage", ["missing", "garbage", "wrong shape", "other settings", "names and entries apart",
                                    "damaged entry", "entry cut short", "cut short"])
def test_a_missing_or_damaged_summary_is_made_again(two_files: Path, cli: Any, damage: str) -> None:
    assert cli("note", "FGW-001", "进展").code == 0
    age(two_files / "lists" / "fgw.yaml")  # so that its entry is stored again
    stored = summary_file()
    data = stored_summary()
    old_check = stored.read_bytes().partition(b"\n")[0]
    (czj,) = [entry for path, entry in zip(data["names"], data["entries"], strict=True) if path.endswith("czj.yaml")]
    if damage == "missing":
        stored.unlink()
    elif damage == "garbage":
        stored.write_bytes(b"{not json")
    elif damage == "wrong shape":
        store_summary({"settings": data["settings"], "files": []})
    elif damage == "other settings":
        czj["keys"] = {"PCZJ": ["1", 3]}  # it would give CZJ-002, were the settings the same
        store_summary({**data, "settings": "0" * 40})
    elif damage == "names and entries apart":
        store_summary({**data, "names": data["names"][:1]})
    elif damage in ("damaged entry", "entry cut short"):
        # Bytes changed behind the check: the summary is not this code's.
        if damage == "damaged entry":
            czj["keys"] = {"PCZJ": ["x", 3]}
        else:
            del czj["local"]
        store_summary(data, check=old_check)
    else:
        stored.write_bytes(stored.read_bytes()[:-40])
    result = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 0, result
    assert "CZJ-003" in (two_files / "lists" / "czj.yaml").read_text(encoding="utf-8")
    assert stored_stats()["fgw.yaml"] == cache.stat_key(two_files / "lists" / "fgw.yaml")  # made again, stored


def test_changed_settings_are_applied(two_files: Path, cli: Any) -> None:
    fgw = two_files / "lists" / "fgw.yaml"
    fgw.write_text(fgw.read_text(encoding="utf-8").replace("    status: open", "    category: 工作\n    status: open"),
                   encoding="utf-8")
    age(fgw)
    assert cli("note", "FGW-001", "进展").code == 0
    add = ["add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31", "--category"]
    config = two_files / "checklist.toml"
    config.write_text('lists = "lists"\ncategories = ["作风"]\n', encoding="utf-8")
    # FGW-001's category is now unknown: the same finding in CZJ's file is not a new one...
    assert cli(*add, "工作").code == 0
    # ...another unknown category is.
    result = cli(*add, "纪律")
    assert result.code == 1 and "纪律" in result.err, result
    config.write_text('lists = "lists"\n', encoding="utf-8")
    assert cli(*add, "纪律").code == 0


def test_a_new_or_removed_file_is_seen(two_files: Path, cli: Any) -> None:
    assert cli("note", "FGW-001", "进展").code == 0
    czj = two_files / "lists" / "czj.yaml"
    extra = two_files / "lists" / "more.yaml"
    # An item with problems (no owner) in a file the summary has not seen holds its number.
    write(extra, "department: 市财政局\ncode: CZJ\nitems:\n  - id: CZJ-040\n    title: 无责任人\n")
    age(extra)
    result = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 0, result
    assert "CZJ-041" in czj.read_text(encoding="utf-8")
    extra.unlink()
    czj.write_text(czj.read_text(encoding="utf-8").replace("CZJ-041", "CZJ-003"), encoding="utf-8")
    age(czj)
    result = cli("add", "--dept", "CZJ", "--title", "再一个", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 0, result
    assert "CZJ-004" in czj.read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["replaced", "rewritten in place"])
def test_a_file_of_the_same_size_and_mtime_is_still_seen_as_changed(two_files: Path, cli: Any, how: str) -> None:
    assert cli("note", "CZJ-001", "进展").code == 0
    fgw = two_files / "lists" / "fgw.yaml"
    assert stored_stats()["fgw.yaml"] is not None
    before = fgw.stat()
    text = fgw.read_text(encoding="utf-8").replace("FGW-001", "CZJ-009")  # the same size
    if how == "replaced":
        other = fgw.with_name(".fgw.new")
        other.write_text(text, encoding="utf-8")
        os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(other, fgw)
    else:
        fgw.write_text(text, encoding="utf-8")
        os.utime(fgw, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (fgw.stat().st_size, fgw.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    result = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 0, result
    assert "CZJ-010" in (two_files / "lists" / "czj.yaml").read_text(encoding="utf-8")


def test_the_entry_of_a_file_gone_is_not_used(two_files: Path, cli: Any) -> None:
    extra = two_files / "lists" / "more.yaml"
    write(extra, list_text("CZJ", "市财政局", ["040"]))
    age(extra)
    assert cli("note", "FGW-001", "进展").code == 0
    assert stored_stats()["more.yaml"] is not None
    extra.unlink()
    result = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 0, result
    assert "CZJ-003" in (two_files / "lists" / "czj.yaml").read_text(encoding="utf-8")


def test_an_entry_is_stored_only_once_its_stat_tells_the_next_change(two_files: Path, cli: Any) -> None:
    fgw = two_files / "lists" / "fgw.yaml"
    fgw.write_text(fgw.read_text(encoding="utf-8"), encoding="utf-8")  # changed just now
    assert cli("note", "CZJ-001", "进展").code == 0
    assert stored_stats() == {"czj.yaml": None, "fgw.yaml": None}  # both changed just now
    age(fgw)
    assert cli("note", "CZJ-001", "又一条进展").code == 0
    stats = stored_stats()
    assert stats["czj.yaml"] is None and stats["fgw.yaml"] == cache.stat_key(fgw)


def test_the_files_listed_and_their_stats_are_those_of_a_read(ledger: Path) -> None:
    from checklist.ledger.config import Config
    from checklist.ledger.files import list_files, list_folders

    lists = ledger / "lists"
    for name in ("b.yaml", "a.yml", "c.txt", ".hidden.yaml", "sub/d.yaml", "sub/.e.yaml", ".git/f.yaml", "sub/deeper/g.yaml"):
        write(lists / name, "department: 财政局\ncode: A\nitems: []\n")
    (lists / "folder.yaml").mkdir()
    write(lists / "folder.yaml" / "h.yaml", "department: 财政局\ncode: A\nitems: []\n")
    (lists / "broken.yaml").symlink_to(lists / "nowhere.yaml")
    (lists / "linked.yaml").symlink_to(lists / "b.yaml")
    for root, lists_setting in [(r, s) for r in (ledger, Path(".")) for s in ("lists", "lists/", "./lists", "lists/sub/..")]:
        config = Config(lists=lists_setting)
        folders = list_folders(root, config)
        names = [prefix + name for _, prefix, found in folders for name in found]
        assert names == [str(p) for p in list_files(root, config, None)]
        assert [key for folder, _, found in folders for key in cache.stat_keys(folder, found)] == [
            cache.stat_key(Path(name)) for name in names]
    assert cache.stat_keys(str(lists / "gone"), ["b.yaml"]) == [None]
