"""Working together through a shared remote: a bare repository and clones in tmp_path, the
clerks using the installed command and plain git as the README tells them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROSTER = '\n[departments]\nCZJ = "市财政局"\n'


def git(root: Path, *args: str, check: bool = True, name: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if name:
        env.update(GIT_AUTHOR_NAME=name, GIT_COMMITTER_NAME=name)
    proc = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def checklist(root: Path, *args: str, name: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if name:
        env.update(GIT_AUTHOR_NAME=name, GIT_COMMITTER_NAME=name)
    return subprocess.run([sys.executable, "-m", "checklist", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=60)


def add(root: Path, title: str, name: str = "", owner: str = "王芳") -> str:
    proc = checklist(root, "add", "--dept", "CZJ", "--title", title, "--owner", owner, "--deadline", "2026-12-31", name=name)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def item(root: Path, item_id: str) -> dict[str, object]:
    proc = checklist(root, "show", item_id, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert isinstance(data, dict)
    return data


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A bare remote and three clones, each set up with `checklist init` as the README says."""
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    seed = tmp_path / "seed"
    assert checklist(tmp_path, "init", str(seed)).returncode == 0
    with (seed / "checklist.toml").open("a", encoding="utf-8") as toml:
        toml.write(ROSTER)
    git(seed, "checkout", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "台账")
    add(seed, "预算执行偏慢")
    git(seed, "push", "-q", str(remote), "HEAD:refs/heads/main")
    clones = {}
    for name in ("clerk", "office", "other"):
        clone = tmp_path / name
        git(tmp_path, "clone", "-q", str(remote), str(clone))
        init = checklist(clone, "init", ".")
        assert init.returncode == 0, init.stderr
        clones[name] = clone
    return clones


def test_init_sets_pull_and_quotepath_and_says_so(city: dict[str, Path], tmp_path: Path) -> None:
    clerk = city["clerk"]
    assert git(clerk, "config", "--local", "pull.rebase").stdout.strip() == "false"
    assert git(clerk, "config", "--local", "core.quotepath").stdout.strip() == "false"
    mine = tmp_path / "mine"
    git(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), str(mine))
    git(mine, "config", "pull.rebase", "true")  # the user's own choice is kept
    proc = checklist(mine, "init", ".")
    assert "pull.rebase" not in proc.stdout and "core.quotepath=false" in proc.stdout
    assert git(mine, "config", "pull.rebase").stdout.strip() == "true"


def test_plain_git_pull_after_init_merges(city: dict[str, Path]) -> None:
    clerk, office = city["clerk"], city["office"]
    add(clerk, "收入征管不到位")
    git(clerk, "push", "-q")
    checklist(office, "note", "CZJ-001", "已召开专题会议")
    pulled = git(office, "pull", "-q", "--no-edit", check=False)  # plain, as the README says
    assert pulled.returncode == 0, pulled.stderr
    assert item(office, "CZJ-002")["title"] == "收入征管不到位"
    assert git(office, "status", "--porcelain").stdout == ""
    # Chinese paths read as Chinese.
    (office / "lists" / "市直.txt").write_text("x", encoding="utf-8")
    assert "市直.txt" in git(office, "status", "--porcelain").stdout


@pytest.mark.parametrize("how", ["merge", "rebase"])
@pytest.mark.parametrize("first", ["clerk", "office"])
def test_same_id_added_on_two_clones(city: dict[str, Path], how: str, first: str) -> None:
    """Whoever pushed first keeps CZJ-002; the other's item becomes CZJ-003, is told so, and
    its next note lands on its own item."""
    second = "office" if first == "clerk" else "clerk"
    a, b = city[first], city[second]
    assert add(a, "先推送的问题", name="先") == "CZJ-002"
    git(a, "push", "-q")
    assert add(b, "后推送的问题", name="后") == "CZJ-002"
    pulled = git(b, "pull", "--no-edit", *(["--rebase"] if how == "rebase" else []), check=False)
    assert pulled.returncode == 0, pulled.stderr
    assert "the unpublished item CZJ-002 (后推送的问题) is now CZJ-003" in pulled.stderr
    assert item(b, "CZJ-002")["title"] == "先推送的问题"
    mine = item(b, "CZJ-003")
    assert mine["title"] == "后推送的问题" and mine["renumbered_from"] == "CZJ-002"
    assert checklist(b, "validate").returncode == 0
    git(b, "push", "-q")
    git(a, "pull", "-q", "--no-edit")
    # The first clerk's next note lands on their own item, which kept its number.
    assert checklist(a, "note", "CZJ-002", "第一位的进展").returncode == 0
    assert item(a, "CZJ-002")["title"] == "先推送的问题"
    git(a, "push", "-q")
    git(b, "pull", "-q", "--no-edit")
    assert checklist(b, "note", "CZJ-003", "第二位的进展").returncode == 0
    progress = item(b, "CZJ-003")["progress"]
    assert isinstance(progress, list) and progress[-1]["note"] == "第二位的进展"
    # history follows the renumbered item back to its creation under the old ID, by its author.
    history = json.loads(checklist(b, "history", "CZJ-003", "--format", "json").stdout)
    assert history[0]["author"] == "后" and history[0]["subject"].startswith("add CZJ-002")
    kept = json.loads(checklist(b, "history", "CZJ-002", "--format", "json").stdout)
    assert kept[0]["author"] == "先"
    audit = json.loads(checklist(b, "audit", "--format", "json").stdout or "[]")
    assert not [f for f in audit if f["rule"] in ("id_changed", "deleted")], audit


def test_rebase_of_several_commits_keeps_the_clerks_note_on_the_clerks_item(city: dict[str, Path]) -> None:
    office, clerk = city["office"], city["clerk"]
    add(office, "督查室发现的问题")
    git(office, "push", "-q")
    add(clerk, "科室自查的问题")
    assert checklist(clerk, "note", "CZJ-002", "自查进展").returncode == 0
    pulled = git(clerk, "pull", "--rebase", check=False)
    assert pulled.returncode == 0, pulled.stderr
    assert item(clerk, "CZJ-002")["title"] == "督查室发现的问题"
    assert "progress" not in item(clerk, "CZJ-002")
    mine = item(clerk, "CZJ-003")
    assert mine["title"] == "科室自查的问题"
    assert isinstance(mine["progress"], list) and mine["progress"][0]["note"] == "自查进展"


def test_merge_that_would_not_validate_is_a_conflict(city: dict[str, Path]) -> None:
    clerk, office = city["clerk"], city["office"]
    assert checklist(clerk, "close", "CZJ-001", "--result", "已整改").returncode == 0
    assert checklist(clerk, "verify", "CZJ-001", "--by", "乙").returncode == 0
    git(clerk, "push", "-q")
    assert checklist(office, "update", "CZJ-001", "--owner", "乙").returncode == 0
    pulled = git(office, "pull", "--no-edit", check=False)
    assert pulled.returncode != 0
    assert "would not validate" in pulled.stderr
    text = (office / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    assert "<<<<<<< ours" in text and ">>>>>>> theirs" in text
    assert "CZJ.yaml" in git(office, "diff", "--name-only", "--diff-filter=U").stdout


def test_crlf_and_lf_sides_merge_item_by_item(city: dict[str, Path]) -> None:
    clerk, office = city["clerk"], city["office"]
    path = clerk / "lists" / "CZJ.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    git(clerk, "commit", "-qam", "CRLF, as a Windows editor saved it")
    add(clerk, "窗口办理超时")
    git(clerk, "push", "-q")
    assert checklist(office, "note", "CZJ-001", "已约谈").returncode == 0
    pulled = git(office, "pull", "--no-edit", check=False)
    assert pulled.returncode == 0, pulled.stderr
    assert "falling back" not in pulled.stderr
    assert item(office, "CZJ-002")["title"] == "窗口办理超时"
    assert item(office, "CZJ-001")["progress"]


def test_their_side_not_a_list_file_is_a_conflict(city: dict[str, Path]) -> None:
    clerk, office = city["clerk"], city["office"]
    path = clerk / "lists" / "CZJ.yaml"
    path.write_text("department: 市财政局\ncode: CZJ\nitems: 5\n", encoding="utf-8")
    git(clerk, "commit", "-qam", "broken by hand")
    git(clerk, "push", "-q")
    assert checklist(office, "note", "CZJ-001", "进展").returncode == 0
    pulled = git(office, "pull", "--no-edit", check=False)
    assert pulled.returncode == 1, pulled.stderr  # a conflict, not the driver's crash
    assert "Traceback" not in pulled.stderr and "Internal error" not in pulled.stderr
    assert "<<<<<<< ours" in (office / "lists" / "CZJ.yaml").read_text(encoding="utf-8")


def test_evidence_travels_and_is_checked_on_another_clone(city: dict[str, Path]) -> None:
    clerk, office = city["clerk"], city["office"]
    (clerk / "佐证").mkdir()
    (clerk / "佐证" / "整改报告.txt").write_text("整改报告\n", encoding="utf-8")
    closed = checklist(clerk, "close", "CZJ-001", "--result", "已整改", "--evidence", "佐证/整改报告.txt")
    assert closed.returncode == 0, closed.stderr
    assert "佐证/整改报告.txt" in git(clerk, "show", "--name-only", "--format=", "HEAD").stdout
    assert git(clerk, "status", "--porcelain").stdout == ""
    git(clerk, "push", "-q")
    git(office, "pull", "-q", "--no-edit")
    assert checklist(office, "validate").returncode == 0
    # Changed after closing: verify refuses, naming the file; restored, it verifies.
    evidence = office / "佐证" / "整改报告.txt"
    evidence.write_text("改过的报告\n", encoding="utf-8")
    refused = checklist(office, "verify", "CZJ-001", "--by", "督查室")
    assert refused.returncode == 1 and "佐证/整改报告.txt" in refused.stderr
    evidence.unlink()
    refused = checklist(office, "verify", "CZJ-001", "--by", "督查室")
    assert refused.returncode == 1 and "佐证/整改报告.txt" in refused.stderr
    git(office, "checkout", "--", "佐证/整改报告.txt")
    assert checklist(office, "verify", "CZJ-001", "--by", "督查室").returncode == 0


def test_evidence_git_ignores_is_refused_with_the_fix(city: dict[str, Path]) -> None:
    clerk = city["clerk"]
    (clerk / ".gitignore").write_text("*.pdf\n", encoding="utf-8")
    (clerk / "报告.pdf").write_bytes(b"%PDF-1.4\n")
    before = (clerk / "lists" / "CZJ.yaml").read_bytes()
    refused = checklist(clerk, "close", "CZJ-001", "--result", "已整改", "--evidence", "报告.pdf")
    assert refused.returncode == 1
    assert ".gitignore:1" in refused.stderr and "*.pdf" in refused.stderr
    assert (clerk / "lists" / "CZJ.yaml").read_bytes() == before
