"""checklist history: an item's changes read out of each commit's version of its file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import HEADER, item, new_repo, run_git, save


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_repo(tmp_path / "ledger")
    monkeypatch.chdir(root)
    return root


def history(cli, *args: str) -> list[dict]:  # type: ignore[no-untyped-def]
    result = cli("history", *args, "--format", "json")
    assert result.code == 0, result
    return json.loads(result.out)


def test_creation_hand_edit_and_notes(cli, repo: Path) -> None:
    c1 = save(repo, "czj.yaml", HEADER + item("CZJ-001", "思想松懈"), "add CZJ-001: 思想松懈", "2026-11-02T09:00:00+08:00")
    c2 = save(repo, "czj.yaml", HEADER + item("CZJ-001", "思想松懈", owner="张伟"), "fix owner", "2026-11-03T09:00:00+08:00")
    note = "    progress:\n      - {date: 2026-11-15, note: 已召开专题会议}\n"
    c3 = save(repo, "czj.yaml", HEADER + item("CZJ-001", "思想松懈", owner="张伟", extra=note) + item("CZJ-002", "其他"), "note", "2026-11-15T09:00:00+08:00")
    entries = history(cli, "czj-001")
    assert [e["commit"] for e in entries] == [c1, c2, c3]
    assert entries[0]["date"] == "2026-11-02T09:00:00+08:00"
    assert entries[0]["author"] == "李明"
    assert entries[0]["subject"] == "add CZJ-001: 思想松懈"
    assert entries[0]["changes"] == [
        {"field": "id", "old": None, "new": "CZJ-001"},
        {"field": "title", "old": None, "new": "思想松懈"},
        {"field": "owner", "old": None, "new": "王芳"},
        {"field": "deadline", "old": None, "new": "2026-12-31"},
        {"field": "status", "old": None, "new": "open"},
        {"field": "created_on", "old": None, "new": "2026-11-02"},
    ]
    assert entries[1]["changes"] == [{"field": "owner", "old": "王芳", "new": "张伟"}]
    assert entries[2]["changes"] == [{"field": "progress", "old": None, "new": {"date": "2026-11-15", "note": "已召开专题会议"}}]


def test_list_entries_removed_and_item_deleted(cli, repo: Path) -> None:
    notes = "    progress:\n      - {date: 2026-11-15, note: 甲}\n      - {date: 2026-11-16, note: 乙}\n"
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", extra=notes), "add")
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", extra=notes.replace("      - {date: 2026-11-15, note: 甲}\n", "")), "drop a note")
    save(repo, "czj.yaml", HEADER + item("CZJ-002", "另一个"), "delete it")
    entries = history(cli, "CZJ-001")
    assert entries[1]["changes"] == [{"field": "progress", "old": {"date": "2026-11-15", "note": "甲"}, "new": None}]
    assert entries[2]["subject"] == "delete it"
    assert {"field": "id", "old": "CZJ-001", "new": None} in entries[2]["changes"]
    assert all(c["new"] is None for c in entries[2]["changes"])


def test_item_moved_between_files_is_followed(cli, repo: Path) -> None:
    save(repo, "a.yaml", HEADER + item("CZJ-001", "题"), "add")
    (repo / "lists" / "a.yaml").unlink()
    save(repo, "b.yaml", HEADER + item("CZJ-001", "题", owner="张伟"), "move")
    entries = history(cli, "CZJ-001")
    assert len(entries) == 2
    assert entries[1]["changes"] == [
        {"field": "owner", "old": "王芳", "new": "张伟"},
        {"field": "file", "old": "lists/a.yaml", "new": "lists/b.yaml"},
    ]


def test_renumbered_item_keeps_its_earlier_history(cli, repo: Path) -> None:
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题"), "add")
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", owner="张伟"), "owner")
    save(repo, "czj.yaml", HEADER + item("CZJ-009", "题", owner="张伟"), "renumber")
    entries = history(cli, "CZJ-009")
    assert [e["subject"] for e in entries] == ["add", "owner", "renumber"]
    assert entries[2]["changes"] == [{"field": "id", "old": "CZJ-001", "new": "CZJ-009"}]


def test_unreadable_revision_in_between(cli, repo: Path) -> None:
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题"), "add")
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题") + "  - [broken\n", "broken")
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", owner="张伟"), "fixed")
    entries = history(cli, "CZJ-001")
    assert [e["subject"] for e in entries] == ["add", "fixed"]
    assert entries[1]["changes"] == [{"field": "owner", "old": "王芳", "new": "张伟"}]


def test_flow_style_and_consolidated_files(cli, repo: Path) -> None:
    text = (
        "- department: 市财政局\n  code: CZJ\n  items:\n"
        "  - {id: CZJ-001, title: 题, owner: 王芳, deadline: 2026-12-31, status: open}\n"
    )
    save(repo, "all.yaml", text, "add")
    save(repo, "all.yaml", text.replace("王芳", "张伟"), "owner")
    entries = history(cli, "CZJ-001")
    assert entries[1]["changes"] == [{"field": "owner", "old": "王芳", "new": "张伟"}]


def test_table_and_errors(cli, repo: Path) -> None:
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "思想松懈"), "add CZJ-001")
    result = cli("history", "CZJ-001")
    assert result.code == 0, result
    assert "History of CZJ-001" in result.out and "思想松懈" in result.out
    result = cli("history", "CZJ-404")
    assert result.code == 1, result
    assert "no item CZJ-404 in the git history" in result.err
    assert cli("history", "CZJ-001", "--format", "xml").code == 2
    assert cli("--lang", "zh", "history", "CZJ-404").err.strip() == "git 历史中没有问题 CZJ-404"


def test_terminal_layout_one_block_a_commit(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    c1 = save(repo, "czj.yaml", HEADER + item("CZJ-001", "思想松懈"), "add CZJ-001: 思想松懈", "2026-11-02T09:00:00+08:00")
    note = "    progress:\n      - {date: 2026-11-15, note: 已召开专题会议}\n"
    c2 = save(repo, "czj.yaml", HEADER + item("CZJ-001", "思想松懈", owner="张伟", extra=note), "fix", "2026-11-15T09:00:00+08:00")
    from checklist.cli.history import label, worded
    from checklist.render.grid import cell_len

    changes = history(cli, "CZJ-001")[0]["changes"]
    width = max(cell_len(label(c["field"])) for c in changes)
    created = [f"    {label(c['field']).ljust(width)}  + {worded(c['field'], c['new'])}" for c in changes]
    assert "    Deadline  + 2026-12-31" in created  # field names and values as `show` words them
    result = cli("history", "CZJ-001")
    assert result.code == 0, result
    assert result.out == "\n".join([
        "History of CZJ-001", "",
        f"{c1[:8]}  2026-11-02 09:00  李明  add CZJ-001: 思想松懈", *created, "",
        f"{c2[:8]}  2026-11-15 09:00  李明  fix",
        "    Owner     王芳 → 张伟",
        "    Progress  + 2026-11-15 已召开专题会议",
    ]) + "\n"
    zh = cli("--lang", "zh", "history", "CZJ-001").out.splitlines()
    assert zh[-2:] == ["    责任人    王芳 → 张伟", "    整改进展  + 2026-11-15 已召开专题会议"]


def test_not_a_git_repo(cli, ledger: Path) -> None:
    result = cli("history", "CZJ-001")
    assert result.code == 1, result
    assert "not inside a git work tree" in result.err


def test_merge_shows_only_what_is_new(cli, repo: Path) -> None:
    notes = "    progress:\n      - {date: 2026-11-15, note: 甲}\n"
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", extra=notes), "add")
    run_git(repo, "branch", "other")
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", extra=notes + "      - {date: 2026-11-16, note: 乙}\n"), "ours")
    run_git(repo, "checkout", "-q", "other")
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", extra=notes + "      - {date: 2026-11-17, note: 丙}\n"), "theirs")
    run_git(repo, "checkout", "-q", "main")
    run_git(repo, "merge", "-q", "other", "-m", "merge", check=False)
    both = notes + "      - {date: 2026-11-16, note: 乙}\n      - {date: 2026-11-17, note: 丙}\n"
    save(repo, "czj.yaml", HEADER + item("CZJ-001", "题", extra=both), "merge")
    entries = history(cli, "CZJ-001")

    subjects = [e["subject"] for e in entries]
    assert subjects[0] == "add" and set(subjects[1:]) == {"ours", "theirs"}


def test_item_snippets_read_as_the_whole_file_does() -> None:
    from checklist.git.log import Blobs, _full_parse
    from checklist.git.split import Layout, split_items

    from conftest import SAMPLE

    text = SAMPLE.read_text(encoding="utf-8")
    assert split_items(text) is not None
    blobs = Blobs(SAMPLE.parent, set())
    assert blobs._read(Layout.whole(text)) == _full_parse(text)
    crlf = text.replace("\n", "\r\n")
    assert blobs._read(Layout.whole(crlf)) == _full_parse(text)
