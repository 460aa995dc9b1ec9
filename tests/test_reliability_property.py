"""Property: any valid ledger survives any sequence of editing commands.

Hypothesis writes ledgers as clerks do (Chinese text, every state, both
indentation styles, CRLF, a BOM, comments, quoted and plain scalars, a
consolidated file) and runs random `add close note extend reopen verify
update` commands on them through the CLI. After every step:

- the command succeeds exactly when the transition makes sense (else exit 1
  and the file is byte for byte the same);
- every file still validates;
- outside the touched item, no line of any file changed;
- the touched item holds what the command said;
- `report --format json` agrees with a plain recount of the files, read with
  an independent YAML loader.

CI runs a bounded number of ledgers; CHECKLIST_SLOW=1 runs many more.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

SLOW = bool(os.environ.get("CHECKLIST_SLOW"))
EXAMPLES = 300 if SLOW else 25
TODAY = date(2026, 12, 1)
DUE_SOON = 7
CATEGORIES = ["疫情防控", "思想", "作风", "廉洁自律"]
DEPARTMENTS = {"CZJ": "市财政局", "FGW": "市发展和改革委员会", "SWJ": "市商务局"}
CJK = "市委财政局发展改革商务整改问题干部思想松懈作风廉洁项目落地审批迟缓服务企业群众会议方案制度台账销号督查回访"
PUNCT = "，。、：；（）“”《》"
PEOPLE = ["王芳", "张伟", "李娜", "刘洋", "陈静", "市委督查室", "赵 强"]


# ---------------------------------------------------------------- text


def _cjk_text(min_size: int = 1) -> st.SearchStrategy[str]:
    """Text as clerks write it; starts with a CJK character (never parsed as an option)."""
    body = st.text(alphabet=CJK + PUNCT + "ab12 :#'\"-", min_size=0, max_size=14)
    return st.builds(lambda first, rest: first + rest, st.sampled_from(CJK), body).filter(lambda s: len(s.strip()) >= min_size)


def _plain_ok(text: str) -> bool:
    return all(c in CJK or c in PUNCT for c in text)


def scalar(draw: st.DrawFn, text: str) -> str:
    """A string in one of YAML's styles, as a hand-kept file may use them."""
    styles = ["double", "single"] + (["plain", "plain"] if _plain_ok(text) else [])
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------- ledgers


@dataclass
class Layout:
    seq: int  # columns from `items:` to its dashes: 2 (`  - id:`) or 0 (`- id:`)
    crlf: bool
    bom: bool
    comments: bool


@st.composite
def item_text(draw: st.DrawFn, item_id: str, dash: int, lay: Layout) -> tuple[list[str], dict[str, Any]]:
    """One valid item in some state: its lines (no line endings) and what it holds."""
    pad = " " * (dash + 2)
    created = TODAY - timedelta(days=draw(st.integers(5, 60)))
    deadline = created + timedelta(days=draw(st.integers(0, 70)))
    status = draw(st.sampled_from(["open", "open", "closed", "verified"]))
    title = draw(_cjk_text())
    owner = draw(st.sampled_from(PEOPLE[:5]))
    lines = [f"{' ' * dash}- id: {item_id}", f"{pad}title: {scalar(draw, title)}"]
    model: dict[str, Any] = {"id": item_id, "title": title, "owner": owner, "deadline": deadline, "status": status, "created_on": created}
    if draw(st.booleans()):
        model["category"] = draw(st.sampled_from(CATEGORIES))
        lines.append(f"{pad}category: {model['category']}")
    lines.append(f"{pad}owner: {owner}" + ("  # 责任人" if lay.comments and draw(st.booleans()) else ""))
    lines += [f"{pad}deadline: {deadline.isoformat()}", f"{pad}status: {status}", f"{pad}created_on: {created.isoformat()}"]
    if lay.comments and draw(st.booleans()):
        lines.append(f"{pad}# 以下为整改措施")
    if draw(st.booleans()):
        lines.append(f"{pad}measures: {scalar(draw, draw(_cjk_text()))}")
    if draw(st.booleans()):
        partners = draw(st.lists(st.sampled_from(list(DEPARTMENTS.values())), min_size=1, max_size=2, unique=True))
        if draw(st.booleans()):
            lines.append(f"{pad}partners: [{', '.join(partners)}]")
        else:
            lines += [f"{pad}partners:"] + [f"{pad}  - {p}" for p in partners]
    if draw(st.booleans()):
        note = draw(_cjk_text())
        on = created + timedelta(days=1)
        if draw(st.booleans()):
            lines += [f"{pad}progress:", f"{pad}  - {{date: {on.isoformat()}, note: {json.dumps(note, ensure_ascii=False)}}}"]
        else:
            lines += [f"{pad}progress:", f"{pad}  - date: {on.isoformat()}", f"{pad}    note: {scalar(draw, note)}"]
    if status != "open":
        closed = created + timedelta(days=draw(st.integers(0, (TODAY - created).days)))
        model["closed_on"] = closed
        lines.append(f"{pad}closed_on: {closed.isoformat()}")
        if draw(st.booleans()):
            lines += [f"{pad}result: |", f"{pad}  {draw(_cjk_text()).strip()}", f"{pad}  {draw(_cjk_text()).strip()}"]
        else:
            lines.append(f"{pad}result: {scalar(draw, draw(_cjk_text()))}")
        if status == "verified":
            model["verified_on"] = closed + timedelta(days=draw(st.integers(0, (TODAY - closed).days)))
            lines += [f"{pad}verified_on: {model['verified_on'].isoformat()}", f"{pad}verified_by: 市委督查室"]
    return lines, model


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[Layout, dict[str, list[str]], dict[str, dict[str, Any]]]:
    """A ledger: file name -> lines, and the items' model (ID -> fields)."""
    lay = Layout(draw(st.sampled_from([0, 2])), draw(st.booleans()), draw(st.booleans()), draw(st.booleans()))
    codes = draw(st.lists(st.sampled_from(sorted(DEPARTMENTS)), min_size=1, max_size=3, unique=True))
    consolidated = len(codes) > 1 and draw(st.booleans())
    files: dict[str, list[str]] = {}
    items: dict[str, dict[str, Any]] = {}
    for n_dept, code in enumerate(codes):
        lead = "- " if consolidated else ""
        base = 2 if consolidated else 0
        head = [f"# {DEPARTMENTS[code]}整改清单"] if lay.comments and n_dept == 0 else []
        head += [f"{lead}department: {DEPARTMENTS[code]}", f"{' ' * base}code: {code}", f"{' ' * base}items:"]
        body: list[str] = []
        for n in range(1, draw(st.integers(1, 4)) + 1):
            if lay.comments and n > 1 and draw(st.booleans()):
                body.append(f"{' ' * (base + lay.seq)}# 第{n}项")
            if draw(st.booleans()):
                body.append("")
            lines, model = draw(item_text(f"{code}-{n:03d}", base + lay.seq, lay))
            body += lines
            model["code"] = code
            items[model["id"]] = model
        name = "lists/consolidated.yaml" if consolidated else f"lists/{code}.yaml"
        files.setdefault(name, []).extend(head + body)
    if lay.comments:
        for lines in files.values():
            lines.append("# 文件结束")
    return lay, files, items


def encode(lay: Layout, lines: list[str]) -> bytes:
    nl = "\r\n" if lay.crlf else "\n"
    return (b"\xef\xbb\xbf" if lay.bom else b"") + (nl.join(lines) + nl).encode("utf-8")


# ---------------------------------------------------------------- commands


@st.composite
def command(draw: st.DrawFn, ids: list[str], codes: list[str]) -> tuple[str, list[str]]:
    action = draw(st.sampled_from(["add", "close", "note", "extend", "reopen", "verify", "update"]))
    target = draw(st.sampled_from(ids))
    typed = draw(st.sampled_from([target, target.lower()]))
    if action == "add":
        deadline = TODAY + timedelta(days=draw(st.integers(0, 40)))
        args = ["add", "--dept", draw(st.sampled_from(codes)), "--title", draw(_cjk_text()), "--owner", draw(st.sampled_from(PEOPLE)),
                "--deadline", deadline.isoformat()]
        if draw(st.booleans()):
            args += ["--category", draw(st.sampled_from(CATEGORIES))]
        if draw(st.booleans()):
            args += ["--measures", draw(_cjk_text())]
        return action, args
    if action == "close":
        return action, ["close", typed, "--result", draw(_cjk_text())]
    if action == "note":
        return action, ["note", typed, draw(_cjk_text())]
    if action == "extend":
        to = TODAY + timedelta(days=draw(st.integers(-30, 60)))
        return action, ["extend", typed, "--to", to.isoformat(), "--reason", draw(_cjk_text()), "--approved-by", "市委督查室"]
    if action == "reopen":
        return action, ["reopen", typed, "--reason", draw(_cjk_text())]
    if action == "verify":
        return action, ["verify", typed, "--by", draw(st.sampled_from(PEOPLE))]
    field_name = draw(st.sampled_from(["title", "owner", "measures", "source", "category"]))
    value = draw(st.sampled_from(CATEGORIES)) if field_name == "category" else draw(_cjk_text())
    return action, ["update", typed, f"--{field_name}", value]


def norm(text: str) -> str:
    return " ".join(text.split())


def expect_ok(action: str, args: list[str], item: dict[str, Any] | None) -> bool:
    """Whether SPEC says this command succeeds on this item (as read from the file)."""
    if action in ("add", "note", "update"):
        return True
    assert item is not None
    status = item["status"]
    if action == "close":
        return status == "open"
    if action == "extend":
        return status == "open" and date.fromisoformat(args[3]) > item["deadline"]
    if action == "reopen":
        return status != "open"
    return status == "closed" and norm(args[3]) != norm(item["owner"]) and item["closed_on"] <= TODAY


# ---------------------------------------------------------------- reading back


_ITEM_START = re.compile(r"^( *)- id: ")


def chunks(text: str) -> tuple[list[str], dict[str, str]]:
    """The file split into item texts (by ID) and everything else (in order).

    An item runs from its `- id:` line to its last line indented deeper than
    its dash (comments that deep included, trailing blank lines not).
    """
    lines = text.splitlines(keepends=True)
    rest: list[str] = []
    items: dict[str, str] = {}
    i = 0
    while i < len(lines):
        m = _ITEM_START.match(lines[i].lstrip("\ufeff"))
        if not m:
            rest.append(lines[i])
            i += 1
            continue
        dash = len(m.group(1))
        last = i
        j = i + 1
        while j < len(lines):
            body = lines[j].rstrip("\r\n")
            indent = len(body) - len(body.lstrip(" "))
            if body.strip() and indent <= dash:
                break
            if body.strip():
                last = j
            j += 1
        item_id = lines[i].split("- id:", 1)[1].strip()
        items[item_id] = "".join(lines[i:last + 1])
        rest.append(f"<{item_id}>\n")
        i = last + 1
    return rest, items


def read_all(root: Path) -> dict[str, dict[str, Any]]:
    """Every item of the ledger, read by ruamel's safe loader (not by checklist)."""
    yaml = YAML(typ="safe", pure=True)
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((root / "lists").glob("*.yaml")):
        data = yaml.load(path.read_bytes().decode("utf-8-sig"))
        for dept in data if isinstance(data, list) else [data]:
            for item in dept["items"]:
                assert item["id"] not in found
                found[item["id"]] = {**item, "code": dept["code"], "department": dept["department"]}
    return found


def _last_update(item: dict[str, Any]) -> date | None:
    days = [item.get("created_on"), *(p["date"] for p in item.get("progress") or []),
            *(t.get("done_on") for t in item.get("tasks") or []), *(e["date"] for e in item.get("extensions") or [])]
    found = [d for d in days if d is not None]
    return max(found) if found else None


def recount(items: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """SPEC's report figures, counted the plain way (defaults: behind_margin 20,
    update_every_days 7, escalation 1/15/30)."""

    def figures(group: list[dict[str, Any]]) -> dict[str, Any]:
        done = [i for i in group if i["status"] != "open"]
        open_ = [i for i in group if i["status"] == "open"]
        late = sum(1 for i in done if i.get("deadline") and i["closed_on"] > i["deadline"])
        overdue_days = [(TODAY - i["deadline"]).days for i in open_ if i.get("deadline") and i["deadline"] < TODAY]
        stale = [i for i in open_ if _last_update(i) is not None and (TODAY - _last_update(i)).days > 7]
        return {
            "total": len(group), "open": len(open_),
            "closed": sum(1 for i in group if i["status"] == "closed"),
            "verified": sum(1 for i in group if i["status"] == "verified"),
            "done": len(done),
            "overdue": len(overdue_days),
            "due_soon": sum(1 for i in open_ if TODAY <= i["deadline"] <= TODAY + timedelta(days=DUE_SOON)),
            "on_track": sum(1 for i in open_ if i["deadline"] > TODAY + timedelta(days=DUE_SOON)),
            "late": late,
            "completion_rate": len(done) / len(group) if group else 0.0,
            "on_time_rate": (len(done) - late) / len(done) if done else None,
            "ongoing": sum(1 for i in open_ if i.get("type") == "ongoing" and not i.get("deadline")),
            "partial": sum(1 for i in open_ if (i.get("percent") or 0) >= 1 or any(t.get("done_on") for t in i.get("tasks") or [])),
            "behind": 0,  # these ledgers have no tasks and no percent
            "extended": sum(1 for i in open_ if i.get("extensions")),
            "stale": len(stale),
            "remind": sum(1 for d in overdue_days if d < 15),
            "supervise": sum(1 for d in overdue_days if 15 <= d < 30),
            "interview": sum(1 for d in overdue_days if d >= 30),
            "rules": 0, "accountability": 0, "rechecked": 0, "rebound": 0, "amount": 0.0, "recovered": 0.0, "rebound_rate": None,
        }

    def department(code: str) -> dict[str, Any]:
        group = [i for i in everything if i["code"] == code]
        counted = figures(group)
        light = "red" if counted["overdue"] else ("yellow" if counted["due_soon"] else "green")
        updates = [d for d in (_last_update(i) for i in group) if d is not None]
        return {"department": DEPARTMENTS[code], "code": code, "light": light, "reported": bool(group),
                "last_update": max(updates).isoformat() if updates else None,
                "update_stale": counted["open"] > 0 and (not updates or (TODAY - max(updates)).days > 7), **counted}

    everything = list(items.values())
    codes = sorted({i["code"] for i in everything} | set(DEPARTMENTS))  # every roster department is listed
    cats = {i.get("category") for i in everything}
    return {
        "totals": figures(everything),
        "departments": {c: department(c) for c in codes},
        "categories": {
            c: {"category": c, "total": len(g), "done": sum(1 for i in g if i["status"] != "open"),
                "overdue": sum(1 for i in g if i["status"] == "open" and i["deadline"] < TODAY)}
            for c in cats for g in [[i for i in everything if i.get("category") == c]]
        },
        "overdue": sorted(i["id"] for i in everything if i["status"] == "open" and i["deadline"] < TODAY),
    }


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "lists").iterdir())}


# ---------------------------------------------------------------- the property


def _check_step(cli, root: Path, before: dict[str, bytes], action: str, args: list[str], touched: str | None, ok: bool, result: Any) -> None:  # type: ignore[no-untyped-def]
    after = snapshot(root)
    assert "Traceback" not in result.err, result
    if not ok:
        assert result.code == 1, (args, result)
        assert after == before, args
        return
    assert result.code == 0, (args, result)
    if touched is None:  # add prints the new ID
        touched = result.out.strip()
    assert sorted(after) == sorted(before), "no file appears or vanishes"
    for name in before:
        old_rest, old_items = chunks(before[name].decode("utf-8"))
        new_rest, new_items = chunks(after[name].decode("utf-8"))
        if action == "add" and touched in new_items and touched not in old_items:
            # The new item follows the department's last item in the file.
            position = new_rest.index(f"<{touched}>\n")
            assert new_rest[position - 1].startswith("<"), new_rest
            del new_rest[position]
            del new_items[touched]
        assert new_rest == old_rest, f"{name}: a line outside the item changed after {args}"
        for item_id, text in old_items.items():
            if item_id != touched:
                assert new_items[item_id] == text, f"{name}: {item_id} changed after {args}"
        assert after[name].startswith(b"\xef\xbb\xbf") == before[name].startswith(b"\xef\xbb\xbf")
        crlf = b"\r\n" in before[name]
        assert (after[name].count(b"\n") == after[name].count(b"\r\n")) == crlf


def _check_item(action: str, args: list[str], item: dict[str, Any]) -> None:
    """The touched item says what the command did (read independently)."""
    if action == "add":
        assert (norm(args[4]), norm(args[6]), item["deadline"], item["status"], item["created_on"]) == (
            norm(item["title"]), norm(item["owner"]), date.fromisoformat(args[8]), "open", TODAY)
        return
    if action == "close":
        assert (item["status"], item["closed_on"], item["result"]) == ("closed", TODAY, norm(args[3]))
    elif action == "note":
        assert item["progress"][-1] == {"date": TODAY, "note": norm(args[2])}
    elif action == "extend":
        assert item["deadline"] == date.fromisoformat(args[3])
        assert item["extensions"][-1]["to"] == item["deadline"] and item["extensions"][-1]["reason"] == norm(args[5])
    elif action == "reopen":
        assert item["status"] == "open" and "closed_on" not in item and "result" not in item
        assert item["reopenings"][-1]["reason"] == norm(args[3]) and "closed_on" in item["reopenings"][-1]
    elif action == "verify":
        assert (item["status"], item["verified_on"], item["verified_by"]) == ("verified", TODAY, norm(args[3]))
    else:
        assert item[args[2][2:]] == norm(args[3])


def _check_report(cli, root: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", "--format", "json", "--as-of", TODAY.isoformat())
    assert result.code == 0, result
    report = json.loads(result.out)
    expected = recount(read_all(root))
    assert report["totals"] == pytest.approx(expected["totals"])
    assert sorted(d["code"] for d in report["departments"]) == sorted(expected["departments"])
    for dept in report["departments"]:
        assert dept == pytest.approx(expected["departments"][dept["code"]])
    ranked = [(not d["reported"], -d["completion_rate"], d["overdue"], -d["total"]) for d in report["departments"]]
    assert ranked == sorted(ranked)
    assert {c["category"]: c for c in report["categories"]} == expected["categories"]
    assert sorted(e["id"] for e in report["overdue"]) == expected["overdue"]


@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink], suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ledger_spec=ledgers(), data=st.data())
def test_edits_keep_every_file_valid_and_untouched_lines_intact(  # type: ignore[no-untyped-def]
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, cli, ledger_spec: Any, data: st.DataObject,
) -> None:
    lay, files, _ = ledger_spec
    root = tmp_path_factory.mktemp("ledger")
    roster = "".join(f'{c} = "{n}"\n' for c, n in DEPARTMENTS.items())
    (root / "checklist.toml").write_text(
        f'lists = "lists"\nauto_commit = false\ncategories = {json.dumps(CATEGORIES, ensure_ascii=False)}\n[departments]\n{roster}',
        encoding="utf-8",
    )
    (root / "lists").mkdir()
    for name, lines in files.items():
        (root / name).write_bytes(encode(lay, lines))
    monkeypatch.chdir(root)
    monkeypatch.setenv("CHECKLIST_TODAY", TODAY.isoformat())
    result = cli("validate")
    assert result.code == 0, (files, result)
    codes = sorted({i["code"] for i in read_all(root).values()})
    for _ in range(data.draw(st.integers(1, 6), label="steps")):
        items = read_all(root)
        action, args = data.draw(command(sorted(items), codes), label="command")
        touched = None if action == "add" else args[1].upper()
        ok = expect_ok(action, args, items.get(touched) if touched else None)
        before = snapshot(root)
        result = cli(*args, "--no-commit")
        _check_step(cli, root, before, action, args, touched, ok, result)
        assert cli("validate").code == 0, (args, snapshot(root))
        if ok:
            new_id = touched or result.out.strip()
            _check_item(action, args, read_all(root)[new_id])
        _check_report(cli, root)

