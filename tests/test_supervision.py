"""The office's follow-up, as SPEC v2 and the supervision issue describe it: extensions
limited and approved, rechecks that reopen, reproducible 回头看 samples, notices per
department, departments that stopped reporting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import git, write

AS_OF = date(2026, 12, 1)

CONFIG = """\
lists = "lists"
due_soon_days = 7
update_every_days = 7
{extra}
[departments]
CZJ = "市财政局"
FGW = "市发展和改革委员会"
SJJ = "市审计局"

[report]
issuer = "市委督查室"

[escalation]
remind = 1
supervise = 15
interview = 30
"""


def _item(n: int, code: str, *, deadline: date, status: str = "open", created: date = date(2026, 9, 1),
          closed: date | None = None, leader: str = "", progress: date | None = None) -> str:
    lines = [f"  - id: {code}-{n:03d}", f"    title: {code}问题{n}", f"    owner: 责任人{n}",
             f"    deadline: {deadline}", f"    status: {status}", f"    created_on: {created}"]
    if leader:
        lines.append(f"    leader: {leader}")
    if progress:
        lines += ["    progress:", f"      - {{date: {progress}, note: 第{n}项进展}}"]
    if closed:
        lines += [f"    closed_on: {closed}", "    result: 已整改到位"]
    return "\n".join(lines) + "\n"


def _file(root: Path, code: str, name: str, items: list[str]) -> None:
    write(root / "lists" / f"{code}.yaml", f"department: {name}\ncode: {code}\nitems:\n" + "".join(items))


@pytest.fixture
def office(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three departments on 2026-12-01: CZJ 40 days overdue (interview) and one due soon; FGW
    16 days overdue (supervise); SJJ with nothing to send. Ten done items to sample."""
    monkeypatch.setenv("CHECKLIST_TODAY", AS_OF.isoformat())
    (ledger / "checklist.toml").write_text(CONFIG.format(extra=""), encoding="utf-8")
    d = AS_OF
    _file(ledger, "CZJ", "市财政局", [
        _item(1, "CZJ", deadline=d - timedelta(40), leader="刘志刚", progress=d - timedelta(3)),
        _item(2, "CZJ", deadline=d + timedelta(3)),
        *[_item(n, "CZJ", deadline=d - timedelta(5), status="closed", closed=d - timedelta(6)) for n in range(3, 8)],
    ])
    _file(ledger, "FGW", "市发展和改革委员会", [
        _item(1, "FGW", deadline=d - timedelta(16), progress=d - timedelta(8)),
        *[_item(n, "FGW", deadline=d - timedelta(5), status="closed", closed=d - timedelta(6)) for n in range(2, 7)],
    ])
    _file(ledger, "SJJ", "市审计局", [_item(1, "SJJ", deadline=d + timedelta(60), progress=d)])
    return ledger


# --- extensions governed --------------------------------------------------------------------------

def _settings(root: Path, extra: str) -> None:
    (root / "checklist.toml").write_text(CONFIG.format(extra=extra), encoding="utf-8")


def test_extend_up_to_max_extensions_then_refused_and_file_untouched(cli, office: Path) -> None:  # type: ignore[no-untyped-def]
    _settings(office, "max_extensions = 2")
    assert cli("extend", "CZJ-002", "--to", "2026-12-10", "--reason", "等待批复").code == 0
    assert cli("extend", "CZJ-002", "--to", "2026-12-20", "--reason", "等待批复").code == 0
    before = (office / "lists/CZJ.yaml").read_bytes()
    r = cli("extend", "CZJ-002", "--to", "2026-12-30", "--reason", "等待批复")
    assert r.code == 1
    assert "extended 2 times" in r.err and "at most 2" in r.err and "max_extensions" in r.err
    assert (office / "lists/CZJ.yaml").read_bytes() == before


def test_no_limit_when_max_extensions_is_zero(cli, office: Path) -> None:  # type: ignore[no-untyped-def]
    _settings(office, "max_extensions = 0")
    for day in ("2026-12-10", "2026-12-20", "2026-12-30"):
        assert cli("extend", "CZJ-002", "--to", day, "--reason", "等待批复").code == 0


def test_extend_needs_an_approver_when_the_ledger_says_so(cli, office: Path) -> None:  # type: ignore[no-untyped-def]
    _settings(office, "extension_needs_approval = true")
    before = (office / "lists/CZJ.yaml").read_bytes()
    r = cli("--lang", "zh", "extend", "CZJ-002", "--to", "2026-12-10", "--reason", "等待批复")
    assert r.code == 1 and "--approved-by" in r.err and "须经批准" in r.err
    assert (office / "lists/CZJ.yaml").read_bytes() == before
    assert cli("extend", "CZJ-002", "--to", "2026-12-10", "--reason", "等待批复", "--approved-by", "刘志刚").code == 0
    assert "approved_by: 刘志刚" in (office / "lists/CZJ.yaml").read_text(encoding="utf-8")


# --- recheck ------------------------------------------------------------------------------------

def test_recheck_ok_is_recorded_and_the_item_stays_done(cli, office: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("--lang", "zh", "recheck", "CZJ-003", "--by", "市委督查室", "--result", "巩固", "--note", "抽查未发现反弹")
    assert r.code == 0, r
    item = json.loads(cli("show", "CZJ-003", "--format", "json").out)
    assert item["status"] == "closed"
    assert item["rechecks"] == [{"date": "2026-12-01", "by": "市委督查室", "result": "ok", "note": "抽查未发现反弹"}]


def test_recheck_rebound_reopens_in_one_commit_and_the_report_counts_it(cli, office: Path) -> None:  # type: ignore[no-untyped-def]
    git(office, "init", "-q")
    git(office, "add", "-A")
    git(office, "commit", "-qm", "ledger")
    r = cli("recheck", "FGW-002", "--by", "市委督查室", "--result", "rebound", "--note", "回访发现问题反弹")
    assert r.code == 0, r
    item = json.loads(cli("show", "FGW-002", "--format", "json").out)
    assert item["status"] == "open" and "closed_on" not in item
    assert item["rechecks"][-1]["result"] == "rebound"
    assert item["reopenings"] == [{"date": "2026-12-01", "reason": "回访发现问题反弹", "closed_on": "2026-11-25",
                                   "result": "已整改到位", "kind": "rebound"}]
    assert git(office, "log", "--format=%s").splitlines()[0] == "recheck FGW-002: FGW问题2"
    assert len(git(office, "log", "--format=%s").splitlines()) == 2  # the recheck and the reopening: one commit
    assert git(office, "status", "--porcelain") == ""
    totals = json.loads(cli("report", "--format", "json").out)["totals"]
    assert (totals["rechecked"], totals["rebound"]) == (1, 1)


def test_recheck_false_without_a_note_says_who_found_it(cli, office: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("--lang", "zh", "recheck", "CZJ-004", "--by", "市委督查室", "--result", "虚假整改").code == 0
    item = json.loads(cli("show", "CZJ-004", "--format", "json").out)
    assert item["reopenings"][-1]["kind"] == "false"
    assert item["reopenings"][-1]["reason"] == "市委督查室回访发现虚假整改"


@pytest.mark.parametrize(("args", "code", "words"), [
    (("CZJ-001", "--by", "督查室", "--result", "ok"), 1, "still open"),
    (("CZJ-003", "--by", "督查室", "--result", "bad"), 2, "--result 'bad'"),
    (("CZJ-003", "--by", " ", "--result", "ok"), 1, "who rechecked is empty"),
    (("CZJ-003", "--by", "督查室", "--result", "ok", "--date", "2026-11-20"), 1, "before the item was closed"),
])
def test_recheck_refusals(cli, office: Path, args: tuple[str, ...], code: int, words: str) -> None:  # type: ignore[no-untyped-def]
    before = (office / "lists/CZJ.yaml").read_bytes()
    r = cli("recheck", *args)
    assert r.code == code and words in r.err, r
    assert (office / "lists/CZJ.yaml").read_bytes() == before


# --- sample ------------------------------------------------------------------------------------

def _sample(office: Path, *args: str, hashseed: str = "0") -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    proc = subprocess.run([sys.executable, "-m", "checklist", "sample", "--format", "json", *args],
                          cwd=office, env=env, capture_output=True, text=True, timeout=60, check=True)
    return [item["id"] for item in json.loads(proc.stdout)]


def test_sample_is_the_same_in_two_processes_and_another_seed_draws_others(office: Path) -> None:
    first = _sample(office, "--n", "4", "--seed", "2026-12", hashseed="1")
    assert len(first) == 4 and len(set(first)) == 4
    assert _sample(office, "--n", "4", "--seed", "2026-12", hashseed="12345") == first
    others = {tuple(_sample(office, "--n", "4", "--seed", seed)) for seed in ("a", "b", "c")}
    assert any(set(o) != set(first) for o in others)


def test_sample_defaults_to_the_as_of_day_as_seed(cli, office: Path) -> None:  # type: ignore[no-untyped-def]
    by_default = json.loads(cli("sample", "--n", "3", "--format", "json").out)
    by_seed = json.loads(cli("sample", "--n", "3", "--seed", "2026-12-01", "--format", "json").out)
    assert [i["id"] for i in by_default] == [i["id"] for i in by_seed]
    assert all(i["state"] == "done" for i in by_default)


def test_sample_each_department_and_one_department(cli, office: Path) -> None:  # type: ignore[no-untyped-def]
    each = [i["code"] for i in json.loads(cli("sample", "--n", "2", "--each-dept", "--format", "json").out)]
    assert sorted(each) == ["CZJ", "CZJ", "FGW", "FGW"]  # SJJ has nothing done
    only = json.loads(cli("sample", "--n", "9", "--dept", "市发展和改革委员会", "--format", "json").out)
    assert sorted(i["id"] for i in only) == [f"FGW-{n:03d}" for n in range(2, 7)]  # fewer than asked: all


def test_sample_as_a_sheet_for_the_visit(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    r = cli("--lang", "zh", "sample", "--n", "3", "--format", "xlsx", "--output", str(tmp_path / "回头看.xlsx"))
    assert r.code == 0, r
    ws = load_workbook(tmp_path / "回头看.xlsx").active
    assert "回头看抽查表" in ws["A1"].value
    assert [c.value for c in ws[2]][:3] == ["序号", "编号", "责任单位"]
    assert [c.value for c in ws[2]][-2:] == ["回访结果（巩固/反弹/虚假整改）", "回访情况"]
    assert ws.max_row == 5 and all(ws.cell(row, 9).value is None for row in range(3, 6))
    assert ws["G3"].is_date
    assert cli("sample", "--n", "0").code == 2
    assert cli("sample", "--format", "xlsx").code == 2


# --- notice ------------------------------------------------------------------------------------

def test_notices_one_per_department_with_something_to_send(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    out = tmp_path / "通知"
    r = cli("--lang", "zh", "notice", "--output", str(out))
    assert r.code == 0, r
    names = sorted(p.name for p in out.iterdir())
    assert names == ["01-CZJ-市财政局-约谈通知.docx", "02-FGW-市发展和改革委员会-督办通知.docx"]  # SJJ: nothing to send
    assert r.out.count("已生成") == 2
    doc = Document(str(out / names[0]))
    text = [p.text for p in doc.paragraphs]
    assert text[0] == "约谈通知" and text[1] == "约谈〔2026〕1号" and text[2] == "市财政局："
    assert "逾期未完成问题1个、即将到期问题1个" in text[3]
    assert any("2026年12月4日前" in p for p in text)  # reply by: as-of + 3 days
    assert text[-2:] == ["市委督查室", "2026年12月1日"]
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "编号", "问题"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [row[1] for row in rows] == ["CZJ-001", "CZJ-002"]  # overdue first
    assert rows[0][4] == "刘志刚" and rows[0][6] == "逾期40天" and rows[0][7] == "约谈" and rows[0][8] == "第1项进展"
    assert rows[1][6] == "剩3天" and rows[1][7] == "即将到期"
    fgw = Document(str(out / names[1]))
    assert fgw.paragraphs[0].text == "督办通知" and fgw.paragraphs[1].text == "督办〔2026〕2号"


def test_notice_markdown_reply_by_and_numbering(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("--lang", "zh", "notice", "--dept", "FGW", "--format", "markdown", "--reply-by", "2026-12-10",
            "--first-number", "7", "--output", str(tmp_path))
    assert r.code == 0, r
    text = (tmp_path / "07-FGW-市发展和改革委员会-督办通知.md").read_text(encoding="utf-8")
    assert "督办〔2026〕7号" in text and "2026年12月10日前" in text and "逾期16天" in text


def test_nothing_to_send_says_so(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("notice", "--dept", "SJJ", "--output", str(tmp_path / "n"))
    assert r.code == 0 and "nothing to send" in r.out
    assert not (tmp_path / "n").exists()
    assert cli("notice").code == 2  # --output is required
    assert cli("notice", "--output", str(tmp_path), "--reply-by", "2026-11-01").code == 2


# --- departments that stopped reporting -----------------------------------------------------------

@pytest.mark.parametrize(("days", "stale"), [(7, False), (8, True)])
def test_a_department_is_stale_after_update_every_days(cli, office: Path, days: int, stale: bool) -> None:  # type: ignore[no-untyped-def]
    # FGW's latest dated entry is its progress of 2026-11-23 (8 days before as-of); CZJ's of 11-28.
    as_of = (date(2026, 11, 23) + timedelta(days)).isoformat()
    data = json.loads(cli("report", "--as-of", as_of, "--format", "json").out)
    fgw = next(d for d in data["departments"] if d["code"] == "FGW")
    assert fgw["last_update"] == "2026-11-23" and fgw["update_stale"] is stale
    assert [d["code"] for d in data["stale_departments"]] == (["FGW"] if stale else [])
    table = cli("report", "--as-of", as_of).out
    assert ("Not reporting on time" in table) is stale
