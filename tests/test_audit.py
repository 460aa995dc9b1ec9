"""checklist audit: the policy rules over the git history, and revision ranges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import HEADER, item, new_repo, run_git, save

CLOSED = "    closed_on: {on}\n    result: 已整改\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_repo(tmp_path / "ledger")
    monkeypatch.chdir(root)
    return root


def audit(cli, *args: str, code: int = 1) -> list[dict]:  # type: ignore[no-untyped-def]
    result = cli("audit", *args, "--format", "json")
    assert result.code == code, result
    return json.loads(result.out)


def test_clean_history(cli, repo: Path) -> None:
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题"), "add")
    ext = "    extensions:\n      - {date: 2026-11-20, from: 2026-12-31, to: 2027-01-31, reason: 资金未到位}\n"
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", deadline="2027-01-31", extra=ext), "extend", "2026-11-20T10:00:00+08:00")
    closed = ext + CLOSED.format(on="2026-11-25")
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", deadline="2027-01-31", status="closed", extra=closed), "close", "2026-11-26T10:00:00+08:00")
    reopen = ext + "    reopenings:\n      - {date: 2026-11-28, reason: 回访发现反弹, closed_on: 2026-11-25, result: 已整改}\n"
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", deadline="2027-01-31", extra=reopen), "reopen", "2026-11-28T10:00:00+08:00")
    assert audit(cli, code=0) == []
    result = cli("audit")
    assert result.code == 0, result
    assert result.out == "4 commit(s) checked: no findings\n"


def test_every_rule(cli, repo: Path) -> None:
    base = item("CZJ-001", "甲") + item("CZJ-002", "乙") + item("CZJ-003", "丙") + item("CZJ-004", "丁", status="closed", extra=CLOSED.format(on="2026-11-05"))
    c0 = save(repo, "czj.yaml", HEADER + base, "add four", "2026-11-06T10:00:00+08:00")
    # A deadline moved by hand, with no extension record.
    moved = base.replace("deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-02\n", "deadline: 2027-03-31\n    status: open\n    created_on: 2026-11-02\n", 1)
    c1 = save(repo, "czj.yaml", HEADER + moved, "move deadline", "2026-11-07T10:00:00+08:00")
    # A closure erased without a reopening record.
    erased = moved.replace(item("CZJ-004", "丁", status="closed", extra=CLOSED.format(on="2026-11-05")), item("CZJ-004", "丁"))
    c2 = save(repo, "czj.yaml", HEADER + erased, "erase closure", "2026-11-08T10:00:00+08:00")
    # An item deleted, and one renumbered.
    gone = erased.replace(item("CZJ-002", "乙"), "").replace("CZJ-003", "CZJ-033")
    c3 = save(repo, "czj.yaml", HEADER + gone, "delete and renumber", "2026-11-09T10:00:00+08:00")
    # A closure backdated: committed 2026-12-20, closed_on 2026-11-10 (40 days > 7).
    back = gone.replace(item("CZJ-004", "丁"), item("CZJ-004", "丁", status="closed", extra=CLOSED.format(on="2026-11-10")))
    c4 = save(repo, "czj.yaml", HEADER + back, "close late", "2026-12-20T10:00:00+08:00")
    findings = audit(cli)
    assert [(f["commit"], f["file"], f["id"], f["rule"]) for f in findings] == [
        (c1, "lists/czj.yaml", "CZJ-001", "deadline_moved"),
        (c2, "lists/czj.yaml", "CZJ-004", "closure_erased"),
        (c3, "lists/czj.yaml", "CZJ-003", "id_changed"),
        (c3, "lists/czj.yaml", "CZJ-002", "deleted"),
        (c4, "lists/czj.yaml", "CZJ-004", "backdated"),
    ]
    messages = [f["message"] for f in findings]
    assert messages[0] == "deadline of CZJ-001 moved from 2026-12-31 to 2027-03-31 without an extension record"
    assert messages[1] == "closure of CZJ-004 (closed on 2026-11-05) was removed without a reopening record"
    assert messages[2] == "item CZJ-003 was renumbered to CZJ-033"
    assert messages[3] == "item CZJ-002 (乙) was deleted"
    assert messages[4] == "CZJ-004 was closed on 2026-12-20 with closed_on 2026-11-10, 40 days earlier (more than 7)"
    assert c0 not in {f["commit"] for f in findings}  # first appearing already closed: not checked

    # Ranges limit the findings.
    assert [f["commit"] for f in audit(cli, f"{c2}..{c4}")] == [c3, c3, c4]
    assert audit(cli, f"{c3}..HEAD")[0]["rule"] == "backdated"
    assert audit(cli, f"{c0}..{c1}")[0]["rule"] == "deadline_moved"
    assert audit(cli, f"{c4}..HEAD", code=0) == []

    table = cli("audit")
    assert table.code == 1, table
    assert "deadline moved" in table.out and "5 finding(s)" in table.err
    zh = cli("--lang", "zh", "audit", "--format", "json")
    assert "整改时限由 2026-12-31 改为 2027-03-31" in json.loads(zh.out)[0]["message"]


def test_deadline_with_extension_record_is_fine(cli, repo: Path) -> None:
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题"), "add")
    wrong = "    extensions:\n      - {date: 2026-11-20, from: 2026-12-31, to: 2027-01-31, reason: 资金}\n"
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", deadline="2027-02-28", extra=wrong), "extend by hand")
    findings = audit(cli)
    assert [f["rule"] for f in findings] == ["deadline_moved"]  # the record says another date


def test_close_within_window_is_not_backdated(cli, repo: Path) -> None:
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题"), "add", "2026-11-02T10:00:00+08:00")
    closed = item("CZJ-001", "题", status="closed", extra=CLOSED.format(on="2026-11-10"))
    save(repo, "czj.yaml", HEADER + closed, "close", "2026-11-17T10:00:00+08:00")
    assert audit(cli, code=0) == []


def test_deleted_file_and_bad_range(cli, repo: Path) -> None:
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题"), "add")
    (repo / "lists" / "czj.yaml").unlink()
    run_git(repo, "commit", "-q", "-am", "remove the file")
    assert [(f["id"], f["rule"]) for f in audit(cli)] == [("CZJ-001", "deleted")]
    result = cli("audit", "nosuchbranch..HEAD")
    assert result.code == 1, result
    assert "is not a revision range" in result.err


def test_ledger_in_a_subfolder(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = tmp_path / "repo"
    top.mkdir()
    run_git(top, "init", "-q")
    root = top / "财政"
    (root / "lists").mkdir(parents=True)
    (root / "checklist.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(root)
    save(root, "czj.yaml", HEADER + item("CZJ-001", "题"), "add")
    save(root, "czj.yaml", HEADER, "drop")
    assert [(f["file"], f["rule"]) for f in audit(cli)] == [("lists/czj.yaml", "deleted")]


def test_pre_push_range_from_the_environment(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c0 = save(repo, "czj.yaml", HEADER + item("CZJ-001", "题") + item("CZJ-002", "乙"), "add")
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题"), "delete")
    c2 = save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", owner="张伟"), "owner")
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", c0)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", c2)
    assert [f["rule"] for f in audit(cli, "--pre-push")] == ["deleted"]
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", run_git(repo, "rev-parse", "HEAD~1").stdout.strip())
    assert audit(cli, "--pre-push", code=0) == []


def test_hooks_file_offers_validate_and_audit() -> None:
    from checklist.yamldoc.parse import parse_text

    hooks = parse_text((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"), "").data
    assert [h["id"] for h in hooks] == ["checklist-validate", "checklist-audit"]
    assert hooks[0]["entry"] == "checklist validate" and hooks[0]["pass_filenames"] is False


def test_repository_without_commits(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "new"
    assert cli("init", str(root)).code == 0
    monkeypatch.chdir(root)
    assert audit(cli, code=0) == []
    assert cli("history", "CZJ-001").code == 1


def test_csv_and_markdown(cli, repo: Path) -> None:
    c0 = save(repo, "czj.yaml", HEADER + item("CZJ-001", "题") + item("CZJ-002", "乙"), "add")
    c1 = save(repo, "czj.yaml", HEADER + item("CZJ-001", "题"), "delete")
    result = cli("audit", "--format", "csv")
    assert result.code == 1, result
    assert result.out == f"\ufeffCommit,File,ID,Rule,Finding\r\n{c1},lists/czj.yaml,CZJ-002,deleted,item CZJ-002 (乙) was deleted\r\n"
    result = cli("audit", "--format", "markdown", f"{c1}..")
    assert result.code == 0, result
    assert result.out == "| Commit | File | ID | Rule | Finding |\n|---|---|---|---|---|\n"
    result = cli("history", "CZJ-002", "--format", "csv")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0] == "\ufeffCommit,Date,Author,Subject,Field,Old,New"
    assert lines[1] == f"{c0},2026-11-10T10:00:00+08:00,李明,add,ID,,CZJ-002"
    assert lines[-1] == f"{c1},2026-11-10T10:00:00+08:00,李明,delete,Created,2026-11-02,"  # field names in the interface language
