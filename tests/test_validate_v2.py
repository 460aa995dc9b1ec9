"""SPEC v2's validation rules, one table row per rule, each problem located FILE:LINE:COL."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_validate import HEAD, item

CLOSED = {"status": "closed", "closed_on": "2026-12-01", "result": "已整改", "created_on": "2026-11-02"}

CASES = [
    ("v2 fields valid", HEAD + item(type="ongoing", deadline=None, co_owners="[赵敏]", leader="刘志刚", unit="预算科",
                                     target="下降5%", remarks="备注", percent="40", amount="86.5", recovered="0"), []),
    ("ongoing may have a stage deadline", HEAD + item(type="ongoing"), []),
    ("deadline needed unless ongoing", HEAD + item(deadline=None), ["4:5: missing required field 'deadline'"]),
    ("immediate needs a deadline too", HEAD + item(type="immediate", deadline=None), ["4:5: missing required field 'deadline'"]),
    ("bad type", HEAD + item(type="soon"), ["9:11: type: 'soon' is not one of immediate, deadline, ongoing"]),
    ("percent over 100", HEAD + item(percent="101"), ["9:14: percent: '101' is not a whole number from 0 to 100"]),
    ("percent a fraction", HEAD + item(percent="40.5"), ["9:14: percent: '40.5' is not a whole number from 0 to 100"]),
    ("negative amount", HEAD + item(amount="-3"), ["9:13: amount: '-3' is not a number of 0 or more"]),
    ("amount as text", HEAD + item(recovered="很多"), ["9:16: recovered: '很多' is not a number of 0 or more"]),
    ("closed item at 60%", HEAD + item(**CLOSED, percent="60"),
     ["12:14: percent is 60 on a closed item: a finished item is 100"]),
    ("closed item with a task undone", HEAD + item(**CLOSED, tasks="[{task: 修订办法, done_on: 2026-11-10}, {task: 培训}]"),
     ["8:13: task 2 '培训' is not done, yet the item is closed"]),
    ("task without text", HEAD + item(tasks="[{owner: 何勇}]"), ["9:13: missing required field 'task'"]),
    ("task with a bad date", HEAD + item(tasks="[{task: 培训, done_on: someday}]"),
     ["9:33: done_on: 'someday' is not a valid date (write YYYY-MM-DD, e.g. 2026-12-31)"]),
    ("progress before listing", HEAD + item(created_on="2026-11-02", progress="[{date: 2026-11-01, note: 早}]"),
     ["10:23: progress.date 2026-11-01 is before created_on 2026-11-02"]),
    ("rule before listing", HEAD + item(created_on="2026-11-02", rules="[{date: 2026-10-01, title: 办法}]"),
     ["10:20: rules.date 2026-10-01 is before created_on 2026-11-02"]),
    ("task done before listing", HEAD + item(created_on="2026-11-02", tasks="[{task: 甲, done_on: 2026-10-30}]"),
     ["10:32: tasks.done_on 2026-10-30 is before created_on 2026-11-02"]),
    ("accountability before listing", HEAD + item(created_on="2026-11-02", accountability="[{date: 2026-10-30, person: 何勇, measure: 约谈}]"),
     ["10:29: accountability.date 2026-10-30 is before created_on 2026-11-02"]),
    ("recheck before listing", HEAD + item(**CLOSED, rechecks="[{date: 2026-10-30, by: 督查室, result: ok}]"),
     ["12:23: rechecks.date 2026-10-30 is before created_on 2026-11-02"]),
    ("recheck with a bad result", HEAD + item(**CLOSED, rechecks="[{date: 2026-12-02, by: 督查室, result: good}]"),
     ["12:52: result: 'good' is not one of ok, rebound, false"]),
    ("recheck without by", HEAD + item(**CLOSED, rechecks="[{date: 2026-12-02, result: ok}]"),
     ["12:16: missing required field 'by'"]),
    ("reopening of a kind", HEAD + item(reopenings="[{date: 2026-12-02, reason: 反弹, kind: rebound}]"), []),
    ("reopening of no known kind", HEAD + item(reopenings="[{date: 2026-12-02, reason: 反弹, kind: again}]"),
     ["9:55: kind: 'again' is not one of reopen, rebound, false"]),
    ("verifier is a co-owner", HEAD + item(**{**CLOSED, "status": "verified"}, co_owners="[赵　敏]", verified_by="赵敏",
                                           verified_on="2026-12-02"),
     ["13:18: verified_by is a co-owner of the item, 赵敏: the fix must be checked by someone else"]),
    ("co_owners not a list", HEAD + item(co_owners="赵敏"), ["9:16: co_owners: expected a list"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_v2_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "f.yaml")
    found = [line.removeprefix("f.yaml:") for line in result.err.splitlines() if line.startswith("f.yaml:")]
    assert found == expected, (text, result)
    assert result.code == (1 if expected else 0), result


def test_accountability_measure_from_the_config(ledger: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (ledger / "lists" / "CZJ.yaml").write_text(
        HEAD + item(accountability="[{date: 2026-12-02, person: 何勇, measure: 罚款}]"), encoding="utf-8")
    result = cli("validate")
    assert result.code == 1, result
    assert result.err.startswith("lists/CZJ.yaml:9:62: accountability measure '罚款' is not one of 提醒谈话、约谈"), result


def test_measures_and_extensions_judged_by_the_settings_after_edits(ledger: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-12-05")
    (ledger / "lists" / "CZJ.yaml").write_text(HEAD + item(created_on="2026-11-02"), encoding="utf-8")
    assert cli("accountability", "CZJ-001", "--person", "何勇", "--measure", "约谈").code == 0
    assert cli("note", "CZJ-001", "第一次进展").code == 0  # lines move above the entry: the cached place follows
    for to in ("2027-01-31", "2027-02-28", "2027-03-31"):
        assert cli("extend", "CZJ-001", "--to", to, "--reason", "协调").code == 0
    config = ledger / "checklist.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'max_extensions = 2\naccountability_measures = ["诫勉"]\n',
                      encoding="utf-8")
    result = cli("validate")
    assert result.code == 1, result
    text = (ledger / "lists" / "CZJ.yaml").read_text(encoding="utf-8").splitlines()
    row = next(n for n, line in enumerate(text, 1) if "measure: 约谈" in line)
    col = text[row - 1].index("约谈") + 1
    assert result.err.splitlines()[:2] == [
        "lists/CZJ.yaml:4:5: CZJ-001 has 3 extensions; this ledger allows 2 (max_extensions in checklist.toml)",
        f"lists/CZJ.yaml:{row}:{col}: accountability measure '约谈' is not one of 诫勉 (accountability_measures in checklist.toml)",
    ], result
