"""The read index (ledger/index.py) changes nothing a reader sees: `report` (table, json,
csv, markdown) and `list` (table, markdown) print byte for byte what they print from the
full items, on generated ledgers with every kind of field, with files that have problems,
a file changed behind the cache's back, a deleted file, and a damaged or missing index."""

from __future__ import annotations

import os
import random
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checklist.ledger import cache, files

from conftest import SAMPLE

PEOPLE = ["王芳", "李强", "张伟", "刘洋", "陈静", "赵敏"]
CATEGORIES = ["作风", "工作", "思想", "廉洁自律"]
AS_OF = date(2026, 12, 1)


def _flow(entry: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in entry.items()) + "}"


def _item(rng: random.Random, code: str, n: int) -> list[str]:
    """One valid item with a random choice of the optional fields the figures and filters read."""
    created = AS_OF - timedelta(days=rng.randint(5, 90))
    status = rng.choice(["open", "open", "open", "closed", "verified"])
    ongoing = status == "open" and rng.random() < 0.1
    lines = [f"  - id: {code}-{n:03d}", f"    title: 问题（{n}）{rng.choice(['', '：审批慢', '，拖延'])}",
             f"    owner: {rng.choice(PEOPLE)}"]
    if rng.random() < 0.8:
        lines.append(f"    category: {rng.choice(CATEGORIES + ['其他'] * (rng.random() < 0.05))}")
    if ongoing:
        lines.append("    type: ongoing")
    else:
        deadline = created + timedelta(days=rng.randint(3, 60))
        lines.append(f"    deadline: {deadline.isoformat()}")
        if rng.random() < 0.1:
            lines.append(f"    type: {rng.choice(['immediate', 'deadline'])}")
    lines += [f"    status: {status}", f"    created_on: {created.isoformat()}", "    measures: 建立台账，逐项销号。"]
    for key in ("leader", "unit"):
        if rng.random() < 0.3:
            lines.append(f"    {key}: {rng.choice(PEOPLE) if key == 'leader' else rng.choice(['一科', '二科'])}")
    if rng.random() < 0.7:
        notes = [{"date": (created + timedelta(days=rng.randint(0, 4))).isoformat(), "note": rng.choice(["已部署", "已推进", "阶段完成"])}
                 for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.2:
            notes.append({"date": notes[-1]["date"], "note": "同日第二条"})
        lines += ["    progress:", *(f"      - {_flow(e)}" for e in notes)]
    if rng.random() < 0.2:
        lines.append(f"    percent: {rng.choice([0, 10, 50, 90]) if status == 'open' else 100}")
    if rng.random() < 0.2:
        tasks = [{"task": "第一步", "deadline": (created + timedelta(days=rng.randint(1, 30))).isoformat()}]
        if status != "open" or rng.random() < 0.5:
            tasks[0]["done_on"] = (created + timedelta(days=2)).isoformat()
        lines += ["    tasks:", *(f"      - {_flow(e)}" for e in tasks)]
    if rng.random() < 0.15:
        lines += ["    extensions:", f"      - {{date: {created.isoformat()}, from: {created.isoformat()}, "
                  f"to: {(created + timedelta(days=90)).isoformat()}, reason: 跨部门}}"]
    if rng.random() < 0.1:
        lines += ["    rules:", f"      - {{date: {created.isoformat()}, title: 制度, doc_no: 1号}}"]
    if rng.random() < 0.1:
        lines += ["    accountability:", f"      - {{date: {created.isoformat()}, person: 某某, measure: {rng.choice(['约谈', '诫勉', '通报批评'])}}}"]
    if rng.random() < 0.1:
        lines += ["    rechecks:", f"      - {{date: {created.isoformat()}, by: 督查室, result: {rng.choice(['ok', 'rebound', 'false'])}}}"]
    if rng.random() < 0.1:
        lines += [f"    amount: {rng.choice([1, 2.5, 100])}", f"    recovered: {rng.choice([0, 1.5])}"]
    if status != "open":
        closed = min(AS_OF, created + timedelta(days=rng.randint(1, 80)))
        lines += [f"    closed_on: {closed.isoformat()}", "    result: 已完成。"]
        if status == "verified":
            lines += [f"    verified_on: {closed.isoformat()}", "    verified_by: 督查室"]
    return lines


def _ledger(root: Path, seed: int, departments: int = 4, items: int = 25) -> Path:
    rng = random.Random(seed)
    (root / "lists").mkdir(parents=True)
    roster = "".join(f'D{i}X = "第{i}局"\n' for i in range(departments + 1))  # one without items: 未报送
    (root / "checklist.toml").write_text(
        f'lists = "lists"\nauto_commit = false\ncategories = ["作风", "工作", "思想", "廉洁自律"]\n[departments]\n{roster}',
        encoding="utf-8")
    for i in range(departments):
        code = f"D{i}X"
        lines = [f"department: 第{i}局", f"code: {code}", "items:"]
        for n in range(1, items + 1):
            lines += _item(rng, code, n)
        (root / "lists" / f"{code.lower()}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


REPORTS = [("report", "--format", f) for f in ("table", "json", "csv", "markdown")] + [
    ("report", "--format", f, "--since", "2026-11-01") for f in ("table", "markdown", "json")]
LISTS = [("list", "--format", f, *more) for f in ("table", "markdown") for more in (
    (), ("--state", "overdue"), ("--state", "stale"), ("--state", "behind"), ("--state", "partial"),
    ("--state", "extended"), ("--state", "done"), ("--dept", "D1X"), ("--owner", "王芳"), ("--leader", "李强"),
    ("--unit", "一科"), ("--type", "ongoing"), ("--category", "作风"))]


def _outputs(cli: Any, monkeypatch: pytest.MonkeyPatch, root: Path, compact: bool | None) -> list[Any]:
    """Every command's exit code, stdout and stderr; compact=False forces the full items."""
    real = files.open_ledger

    def opened(*args: Any, **kwargs: Any) -> files.Ledger:
        if compact is not None:
            kwargs["compact"] = compact
        return real(*args, **kwargs)

    monkeypatch.setattr(files, "open_ledger", opened)
    monkeypatch.chdir(root)
    try:
        return [(args, cli(*args, "--as-of", AS_OF.isoformat())) for args in REPORTS + LISTS]
    finally:
        monkeypatch.setattr(files, "open_ledger", real)


def _same(cli: Any, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """The index path prints what the full path prints: parsing, deriving the index from the
    full entries, and reading the index."""
    first = _outputs(cli, monkeypatch, root, None)
    full = _outputs(cli, monkeypatch, root, False)
    shutil.rmtree(cache.cache_dir() / "index", ignore_errors=True)  # type: ignore[operator]
    for got in (first, _outputs(cli, monkeypatch, root, None), _outputs(cli, monkeypatch, root, None)):
        for (args, want), (_, have) in zip(full, got, strict=True):
            assert (have.code, have.out, have.err) == (want.code, want.out, want.err), args


def test_the_ledger_wide_rules_find_the_same_through_the_index(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _ledger(tmp_path / "ledger", 8, departments=3, items=30)
    config = root / "checklist.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("auto_commit = false\n", "auto_commit = false\naccountability_measures = [\"约谈\"]\n"), encoding="utf-8")
    lists = root / "lists"
    text = (lists / "d2x.yaml").read_text(encoding="utf-8")
    (lists / "d2x.yaml").write_text(text.replace("D2X-002", "D1X-001", 1).replace("category: 工作", "category: 工做", 1), encoding="utf-8")
    text = (lists / "d0x.yaml").read_text(encoding="utf-8")
    (lists / "d0x.yaml").write_text(text.replace("department: 第0局", "department: 第零局", 1).replace("status: open", "status: 开", 1), encoding="utf-8")
    monkeypatch.setattr(cache, "summary_read", lambda name: None)  # the rules run every time
    want = files.open_ledger(str(root)).problems
    keys = {p.key for p in want}
    assert {"duplicate_id", "category_unknown_hint", "measure_unknown", "dept_name_mismatch"} <= keys, keys
    for _ in range(2):
        assert files.open_ledger(str(root), compact=True).problems == want


@pytest.mark.parametrize(("seed", "aged"), [(1, False), (2, False), (3, True)])
def test_report_and_list_read_through_the_index_print_the_same(cli, monkeypatch, tmp_path, seed, aged) -> None:  # type: ignore[no-untyped-def]
    root = _ledger(tmp_path / "ledger", seed)
    if aged:
        # Files changed an hour ago: the ledger-wide rules' summary is written (not within the racy
        # window), so the index path reads it and drops the positions it then does not need.
        for path in [root / "checklist.toml", *(root / "lists").iterdir()]:
            os.utime(path, (path.stat().st_atime - 3600, path.stat().st_mtime - 3600))
    _same(cli, monkeypatch, root)
    assert list((cache.cache_dir() / "index").glob("*.json"))  # type: ignore[operator]
    if aged:
        assert list((cache.cache_dir() / "summaries").glob("*.json"))  # type: ignore[operator]


def test_the_records_are_the_same_but_for_the_fields_nobody_reads(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from checklist.domain.figures import latest_note
    from checklist.ledger.index import EXTRA

    root = _ledger(tmp_path / "ledger", 7, departments=3, items=40)
    full = files.open_ledger(str(root)).records()
    for _ in range(2):
        slim = files.open_ledger(str(root), compact=True).records()
        assert len(slim) == len(full)
        for a, b in zip(full, slim, strict=True):
            assert a[:11] == b[:11] and (a.latest, a.facts) == (b.latest, b.facts)
            assert b.note == latest_note(a.data)
            assert b.data == {k: v for k, v in a.data.items() if k in EXTRA and v is not None}


def test_files_with_problems_changed_behind_the_cache_or_deleted(cli, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _ledger(tmp_path / "ledger", 4, departments=5, items=15)
    lists = root / "lists"
    shutil.copy(SAMPLE, lists / "sample.yaml")  # every kind of field, other departments (not in the roster)
    _same(cli, monkeypatch, root)
    # A YAML error, an item that does not validate, a duplicate ID, an unknown category.
    (lists / "d0x.yaml").write_text((lists / "d0x.yaml").read_text(encoding="utf-8") + "  - id: [\n", encoding="utf-8")
    text = (lists / "d1x.yaml").read_text(encoding="utf-8")
    (lists / "d1x.yaml").write_text(text.replace("status: open", "status: opened", 1), encoding="utf-8")
    text = (lists / "d2x.yaml").read_text(encoding="utf-8")
    (lists / "d2x.yaml").write_text(text.replace("D2X-002", "D2X-001", 1).replace("category: 工作", "category: 工做", 1), encoding="utf-8")
    _same(cli, monkeypatch, root)
    # Changed behind the cache's back: same size, mtime put back (only the ctime and content differ).
    path = lists / "d3x.yaml"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "status: open" in text
    path.write_text(text.replace("status: open", "status: OPEN", 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    _same(cli, monkeypatch, root)
    (lists / "d4x.yaml").unlink()
    _same(cli, monkeypatch, root)
    # The problems are reported the same way (exit 1, partial output) from both paths.
    assert cli("report", "--as-of", AS_OF.isoformat()).code == 1


def _drop_last_line(raw: bytes) -> bytes:
    return raw[:raw.rstrip(b"\n").rfind(b"\n") + 1]


def _one_title_less(raw: bytes) -> bytes:
    return raw.replace(b"\\u001f", b" ", 1)


def _one_count_more(raw: bytes) -> bytes:
    return raw.replace(b'"n":10', b'"n":11', 1)


# Each damage turns a stored index entry into something that must not be read as it is: gone,
# not JSON, JSON of the wrong shape, a department's positions missing, a title column one short,
# a tally's count changed (still JSON of the right shape: the checksum tells).
@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"path": 1}', b"[]", None, _drop_last_line, _one_title_less,
                                    _one_count_more])
def test_a_damaged_or_missing_index_is_rebuilt_silently(cli, monkeypatch, tmp_path, damage) -> None:  # type: ignore[no-untyped-def]
    root = _ledger(tmp_path / "ledger", 5, departments=2, items=10)
    _same(cli, monkeypatch, root)
    folder = cache.cache_dir() / "index"  # type: ignore[operator]
    for entry in folder.glob("*.json"):
        if damage is None:
            entry.unlink()
        elif callable(damage):
            changed = damage(entry.read_bytes())
            assert changed != entry.read_bytes()
            entry.write_bytes(changed)
        else:
            entry.write_bytes(damage)
    if damage == b'{"path": 1}':
        # Valid JSON of the right key but the wrong shape: every column missing.
        for entry, full in zip(sorted(folder.glob("*.json")), sorted((folder.parent / "files").glob("*.json")), strict=True):
            import orjson

            head = orjson.loads(full.read_bytes())
            entry.write_bytes(orjson.dumps({**head, "departments": [{"code": "X", "department": "x", "ids": [1]}]}) + b"\n[]\n")
    _same(cli, monkeypatch, root)


def test_an_edit_leaves_the_index_stale_and_the_next_report_sees_the_edit(cli, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _ledger(tmp_path / "ledger", 6, departments=2, items=10)
    monkeypatch.chdir(root)
    before = cli("list", "--format", "markdown", "--as-of", AS_OF.isoformat())
    target = next(line.split("|")[1].strip() for line in before.out.splitlines() if "-0" in line)
    assert cli("close", target, "--result", "已完成整改", "--date", "2026-11-30", "--no-commit").code == 0
    _same(cli, monkeypatch, root)
    after = cli("list", "--format", "markdown", "--state", "done", "--as-of", AS_OF.isoformat())
    assert target in after.out


PROBE = """
import sys
from checklist.__main__ import main
code = main(sys.argv[1:])
print(code, "pydantic" in sys.modules, file=sys.stderr)
"""


def test_a_changed_valid_file_is_read_without_pydantic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The morning after a pull: files changed by others' edits (notes, closures, new items with
    every kind of field) are parsed and checked by the plain checks, without pydantic."""
    import subprocess
    import sys

    root = _ledger(tmp_path / "ledger", 9, departments=3, items=20)
    (root / "checklist.toml").write_text('lists = "lists"\nauto_commit = false\n', encoding="utf-8")  # no roster
    env = {**os.environ, "CHECKLIST_TODAY": AS_OF.isoformat()}

    def probe(*args: str) -> list[str]:
        proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=root, env=env, capture_output=True, text=True, timeout=120)
        return proc.stderr.strip().splitlines()[-1].split()

    probe("report")  # the first run of this code derives the command-line spec (every command's options)
    assert probe("report") == ["0", "False"]
    rng = random.Random(10)
    for path in sorted((root / "lists").glob("*.yaml"))[:2]:
        code = path.stem.upper()
        text = path.read_text(encoding="utf-8").replace("    status: ", "    remarks: 已更新\n    status: ", 1)
        added = [line for n in range(5) for line in _item(rng, code, 900 + n)]
        path.write_text(text + "\n".join(added) + "\n", encoding="utf-8")
    for args in (("report",), ("report", "--format", "json"), ("list", "--state", "overdue")):
        assert probe(*args) == ["0", "False"], args


def test_every_field_of_the_field_table_reads_the_same_through_the_index(cli, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Items holding every field (test_fields.VALID: a new field appears there first), open and
    done, overdue, due soon and on track: a renderer that starts reading a field the index
    does not keep makes this fail."""
    from checklist.domain.fields import ITEM
    from test_fields import VALID, _list_file

    assert {f.name for f in ITEM} <= set(VALID)
    root = tmp_path / "ledger"
    (root / "lists").mkdir(parents=True)
    (root / "checklist.toml").write_text('lists = "lists"\nauto_commit = false\n', encoding="utf-8")
    done = {**VALID, "id": "CZJ-006", "status": "closed", "verified_on": None, "verified_by": None}
    texts = [_list_file(VALID), _list_file({k: v for k, v in done.items() if v is not None})]
    for n, deadline in enumerate((date(2026, 11, 1), date(2026, 12, 3), date(2027, 3, 1)), 2):
        item = {k: v for k, v in VALID.items() if k not in ("closed_on", "result", "verified_on", "verified_by")}
        item.update(id=f"CZJ-00{n}", status="open", percent=10, deadline=deadline, created_on=date(2026, 10, 2),
                    rechecks=[], tasks=[{**VALID["tasks"][0], "done_on": None}] if n == 2 else VALID["tasks"])
        texts.append(_list_file({k: v for k, v in item.items() if v is not None and v != []}))
    body = "".join(text.split("items:\n", 1)[1] for text in texts)
    (root / "lists" / "czj.yaml").write_text(texts[0].split("items:\n", 1)[0] + "items:\n" + body, encoding="utf-8")
    ledger = files.open_ledger(str(root))
    assert not ledger.problems and len(ledger.records()) == 5, ledger.problems
    assert {f.name for f in ITEM} <= {k for r in ledger.records() for k in r.data}
    _same(cli, monkeypatch, root)


@pytest.mark.parametrize(("as_of", "since"), [(AS_OF, None), (AS_OF, date(2026, 11, 1)), (date(2027, 6, 1), date(2026, 10, 1)),
                                              (date(2026, 9, 1), None)])
def test_the_figures_counted_over_the_index_columns_are_those_of_the_records(monkeypatch, tmp_path, as_of, since) -> None:  # type: ignore[no-untyped-def]
    """report_of over the index's tallies (no record made) gives what build_report gives over the
    full items' records, to the last float; with `listed`, the lists' first entries only."""
    import io

    from checklist.domain.figures import build_report, report_of
    from checklist.ledger.index import parts
    from checklist.render import table

    root = _ledger(tmp_path / "ledger", 9, departments=3, items=40)
    full = files.open_ledger(str(root))
    want = build_report(full.records(), as_of, full.policy(), since, full.config.categories, full.departments(), ("约谈",))
    for _ in range(2):
        slim = files.open_ledger(str(root), compact=True)
        found = parts(slim.files)
        assert found is not None and sum(p.tally["n"] for p in found) == 120
        got = report_of(found, as_of, slim.policy(), since, slim.config.categories, slim.departments(), ("约谈",))
        assert got == want
        short = report_of(parts(slim.files) or [], as_of, slim.policy(), since, slim.config.categories,
                          slim.departments(), ("约谈",), listed=table.REPORT_ROWS)
        assert short == {**want, "overdue": want["overdue"][:table.REPORT_ROWS], "due_soon": want["due_soon"][:table.REPORT_ROWS]}
        printed = []
        for data in (want, short):
            buf = io.StringIO()
            table.report(data, 7, file=buf)
            printed.append(buf.getvalue())
        assert printed[0] == printed[1]
    if as_of.year == 2027:
        assert len(want["overdue"]) > table.REPORT_ROWS  # the table's "and N more" is counted from the totals


@pytest.mark.parametrize("titles", [["整改（1）", "", "二"], [], [""], ["含\x1f分隔符", "二"], ["\x1f"]])
def test_an_index_entry_is_stored_and_read_back_as_it_was(titles: list[str]) -> None:
    """The on-disk form: a checksum line, the departments' heads on one line, their columns on the
    next, each department's positions on a line of its own; a text column is one joined string
    unless a value holds the separator. A department's columns are parsed when first read."""
    from checklist.ledger import index

    items = [{"id": f"D1X-{n:03d}", "title": title, "owner": "王芳", "status": "open"} for n, title in enumerate(titles, 1)]
    pos = [[n + 3, 5, n + 3, 9, 0, 0] for n in range(len(items))]
    departments = [{"department": "第1局", "code": "D1X", "line": 1, "col": 1, "items": items, "pos": pos, "invalid": []},
                   {"department": "第2局", "code": "D2X", "line": 9, "col": 1, "items": [], "pos": [], "invalid": []}]
    slim = index.compact(departments)
    entry = {"path": "/x.yaml", "stat": [1, 2, 3, 4], "sha": "0", "written": 5, "departments": slim, "problems": []}
    raw = index.encode(entry)
    lines = raw.split(b"\n")
    assert len(lines) == 6 and lines[-1] == b"" and b"D1X-001" not in lines[1]
    assert (b"D1X-001" in lines[2]) == bool(titles) and b'"tally"' in lines[1]
    back = index.decode(raw)
    assert index.sound(back["departments"]) and all("bits" not in d for d in back["departments"])
    assert index.rule_view(back["departments"][1])["items"] == []  # parses the column line: for both
    assert back == entry
    assert [index.rule_view(d)["pos"] for d in back["departments"]] == [pos, []]
    assert index.batch(back["departments"][0], "x.yaml", {}).titles[:] == titles
    assert index.ids(back["departments"][0]) == [i["id"] for i in items]
    assert isinstance(slim[0]["titles"], list) == any(index.SEP in t for t in titles)


def test_a_later_column_is_made_once_and_only_when_read() -> None:
    from checklist.domain.records import Later, whole

    made: list[int] = []
    column = Later(lambda: made.append(1) or ["a", "b"])  # type: ignore[func-returns-value]
    assert made == []
    assert (column[1], len(column), list(column), column[:1]) == ("b", 2, ["a", "b"], ["a"])
    assert made == [1] and whole(column) == ["a", "b"] and whole(["c"]) == ["c"]


def test_records_as_columns_and_back() -> None:
    from checklist.domain.records import columns

    root_records = _sample_records()
    batches = columns(root_records)
    assert [b.record(row) for b in batches for row in range(len(b.ids))] == root_records
    assert len({(b.code, b.file) for b in batches}) == len(batches)


def _sample_records() -> list[Any]:
    from checklist.ledger.files import open_ledger

    return open_ledger(None, [str(SAMPLE)]).records()


IDS = st.one_of(
    st.builds(lambda code, n, width: f"{code}-{n:0{width}d}", st.sampled_from(["CZJ", "JYJ", "A-B", "czj"]),
              st.integers(0, 12000), st.integers(1, 5)),
    st.text(alphabet="AB-1x", max_size=6),
)


@given(ids=st.lists(IDS, max_size=40), first=st.lists(st.integers(-3, 3), max_size=40), keyed=st.booleans(),
       listed=st.integers(0, 12))
def test_id_order_is_the_stable_sort_by_the_first_key_then_natural_id_order(ids, first, keyed, listed) -> None:  # type: ignore[no-untyped-def]
    from checklist.domain.figures import _first, id_order
    from checklist.domain.states import id_key

    days = [len(key) % 3 for key in ids]
    assert _first(ids, days, listed) == id_order(ids, days)[:listed]
    assert _first(ids, days, None) == id_order(ids, days)

    first = (first * (len(ids) // max(len(first), 1) + 1))[:len(ids)] if keyed and first else []
    if not first:
        assert id_order(ids) == sorted(range(len(ids)), key=lambda k: id_key(ids[k]))
    else:
        assert id_order(ids, first) == sorted(range(len(ids)), key=lambda k: (first[k], id_key(ids[k])))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text() | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(value=JSON_VALUES)
def test_json_output_is_the_public_encoders(value) -> None:  # type: ignore[no-untyped-def]
    """The JSON renderer's encoder made once writes what json.JSONEncoder.encode writes."""
    from checklist.render import json as render_json

    assert not hasattr(render_json._encode, "__self__")  # not the public method: this Python's json has the C encoder
    assert render_json._encode(value) == render_json._ENCODER.encode(value)
