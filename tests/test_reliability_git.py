"""Editing commands with git in odd states: each is refused with a message
that says how to proceed (exit 1, nothing written, nothing committed), or
works as the user would expect.

Decisions pinned here:
- a list file with changes not committed (unstaged, staged or untracked) is
  not edited with auto-commit: the commit would carry the hand edit under the
  command's name. The message names the file and the ways on (commit it,
  stash it, or --no-commit); `--no-commit` edits it, keeping the hand edit.
- a detached HEAD is an ordinary place to commit: the command commits there.
- a ledger outside any repository (or on a machine without git) is edited
  without a commit and without a word about git.
- a bare repository is not a ledger: --root and init say so (exit 2).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import ONE_ITEM, git

ITEMS = ONE_ITEM

OTHER = """\
department: 市发展和改革委员会
code: FGW
items:
  - id: FGW-001
    title: 审批迟缓
    owner: 张伟
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-02
"""

CLOSE = ("close", "CZJ-001", "--result", "已整改")


@pytest.fixture
def repo(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "lists" / "CZJ.yaml").write_text(ITEMS, encoding="utf-8")
    (ledger / "lists" / "FGW.yaml").write_text(OTHER, encoding="utf-8")
    (ledger / "notes.txt").write_text("草稿\n", encoding="utf-8")
    git(ledger, "init", "-q", "-b", "main")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    return ledger


def files(root: Path) -> dict[str, bytes]:
    """Every file of the work tree, for 'nothing was written' (not .git, nor the lock's private folder)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*")) if p.is_file() and not {".git", ".checklist"} & set(p.relative_to(root).parts)
    }


def _diverge(repo: Path) -> None:
    """A side branch and main that both changed notes.txt."""
    git(repo, "checkout", "-qb", "other")
    (repo / "notes.txt").write_text("分支\n", encoding="utf-8")
    git(repo, "commit", "-qam", "other")
    git(repo, "checkout", "-q", "main")
    (repo / "notes.txt").write_text("主线\n", encoding="utf-8")
    git(repo, "commit", "-qam", "main")


def _assert_refused(cli, repo: Path, args: tuple[str, ...], *phrases: str) -> None:  # type: ignore[no-untyped-def]
    before, head = files(repo), git(repo, "rev-parse", "HEAD")
    result = cli(*args)
    assert result.code == 1, result
    assert result.out == "" and len(result.err.splitlines()) == 1, result
    for phrase in phrases:
        assert phrase in result.err, result
    assert files(repo) == before
    assert git(repo, "rev-parse", "HEAD") == head


def test_unfinished_rebase_with_a_conflict(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    _diverge(repo)
    assert subprocess.run(["git", "rebase", "-q", "other"], cwd=repo, capture_output=True).returncode != 0
    assert (repo / ".git" / "rebase-merge").is_dir()
    _assert_refused(cli, repo, CLOSE, "in the middle of a rebase; nothing was written", "git rebase --continue", "git rebase --abort")


def test_rebase_stopped_to_edit_a_commit(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    git(repo, "commit", "-q", "--allow-empty", "-m", "second")
    monkeypatch.setenv("GIT_SEQUENCE_EDITOR", "sed -i -e 's/^pick/edit/'")
    git(repo, "rebase", "-q", "-i", "HEAD~1")
    _assert_refused(cli, repo, ("note", "CZJ-001", "已开会"), "in the middle of a rebase")


def test_unfinished_cherry_pick(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    _diverge(repo)
    assert subprocess.run(["git", "cherry-pick", "other"], cwd=repo, capture_output=True).returncode != 0
    _assert_refused(cli, repo, CLOSE, "in the middle of a cherry-pick", "git cherry-pick --abort")


def test_unfinished_merge_of_the_list_file_itself(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    git(repo, "checkout", "-qb", "other")
    (repo / "lists" / "CZJ.yaml").write_text(ITEMS.replace("王芳", "张伟"), encoding="utf-8")
    git(repo, "commit", "-qam", "other")
    git(repo, "checkout", "-q", "main")
    (repo / "lists" / "CZJ.yaml").write_text(ITEMS.replace("王芳", "李娜"), encoding="utf-8")
    git(repo, "commit", "-qam", "main")
    assert subprocess.run(["git", "merge", "-q", "other"], cwd=repo, capture_output=True).returncode != 0
    assert "<<<<<<<" in (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    _assert_refused(cli, repo, ("note", "FGW-001", "已开会"), "in the middle of a merge", "git merge --abort")


def test_no_identity_even_where_git_would_guess(cli, repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    git(repo, "config", "user.useConfigOnly", "true")  # git may not guess one from the host name
    _assert_refused(cli, repo, CLOSE, "git does not know who you are", "git config --global user.name", "--no-commit")


def test_detached_head_commits_there(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    start = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "--detach")
    result = cli(*CLOSE)
    assert result.code == 0, result
    assert git(repo, "rev-parse", "HEAD^").strip() == start
    assert git(repo, "rev-parse", "main").strip() == start, "the branch is not moved behind the user's back"
    assert git(repo, "log", "-1", "--format=%s").strip() == "close CZJ-001: 部分干部思想松懈"
    assert git(repo, "status", "--porcelain") == ""


# ---------------------------------------------------------------- hand edits not committed


HAND = ITEMS.replace("    owner: 王芳\n", "    owner: 王芳\n    measures: 手工补充的整改措施\n")


@pytest.mark.parametrize("how", ["unstaged", "staged"])
def test_hand_edit_of_the_file_refused(cli, repo: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    path = repo / "lists" / "CZJ.yaml"
    path.write_text(HAND, encoding="utf-8")
    if how == "staged":
        git(repo, "add", "lists/CZJ.yaml")
    result = cli(*CLOSE)
    assert result.code == 1, result
    assert result.err == (
        "lists/CZJ.yaml has changes that are not committed; this command's commit would carry them, so nothing was written. "
        "Commit them first (git add lists/CZJ.yaml && git commit), set them aside (git stash), or run with --no-commit\n"
    )
    assert path.read_text(encoding="utf-8") == HAND
    assert git(repo, "log", "--format=%s") == "start\n"
    # --no-commit edits the file, hand edit included, and leaves committing to the clerk.
    assert cli(*CLOSE, "--no-commit").code == 0
    text = path.read_text(encoding="utf-8")
    assert "手工补充的整改措施" in text and "status: closed" in text
    assert git(repo, "log", "--format=%s") == "start\n"


def test_hand_made_list_file_not_yet_in_git_refused(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "lists" / "SWJ.yaml").write_text(ITEMS.replace("市财政局", "市商务局").replace("CZJ", "SWJ"), encoding="utf-8")
    _assert_refused(cli, repo, ("note", "SWJ-001", "已开会"), "lists/SWJ.yaml has changes that are not committed")
    _assert_refused(cli, repo, ("add", "--dept", "SWJ", "--title", "新问题", "--owner", "陈静", "--deadline", "2026-12-31"),
                    "lists/SWJ.yaml has changes that are not committed")


def test_hand_edit_of_another_file_is_left_alone(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    other = repo / "lists" / "FGW.yaml"
    other.write_text(OTHER.replace("张伟", "刘洋"), encoding="utf-8")
    result = cli(*CLOSE)
    assert result.code == 0, result
    assert git(repo, "show", "--name-only", "--format=", "HEAD") == "lists/CZJ.yaml\n"
    assert git(repo, "status", "--porcelain") == " M lists/FGW.yaml\n"
    assert "刘洋" in other.read_text(encoding="utf-8")


# ---------------------------------------------------------------- no repository, no git, bare repository


def test_ledger_outside_any_repository(cli, ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(ledger.parent))
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "lists" / "CZJ.yaml").write_text(ITEMS, encoding="utf-8")
    result = cli(*CLOSE)
    assert (result.code, result.out, result.err) == (0, "closed CZJ-001: 部分干部思想松懈 (lists/CZJ.yaml)\n", ""), result
    add = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert (add.code, add.out, add.err) == (0, "CZJ-002\n", ""), add
    assert not (ledger / ".git").exists()
    assert "status: closed" in (ledger / "lists" / "CZJ.yaml").read_text(encoding="utf-8")


def test_no_git_installed(cli, repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    # In a repository a commit is expected: say git is missing, write nothing.
    before = files(repo)
    result = cli(*CLOSE)
    assert (result.code, result.err) == (1, "git is not installed\n"), result
    assert files(repo) == before
    # --no-commit needs no git; a ledger with no repository neither.
    assert cli(*CLOSE, "--no-commit").code == 0
    shutil.rmtree(repo / ".git")
    assert cli("note", "CZJ-001", "已开会").code == 0


def test_bare_repository_is_not_a_ledger(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    bare = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    monkeypatch.chdir(tmp_path)
    before = files(bare), sorted(bare.rglob("*"))
    message = (
        "shared.git is a git repository without a work tree (bare, or a .git folder); a ledger lives in a work tree: "
        "clone it (git clone shared.git) and work in the clone\n"
    )
    for args in (("--root", "shared.git", "list"), ("--root", "shared.git", "note", "CZJ-001", "x"),
                 ("--root", "shared.git", "add", "--dept", "CZJ", "--title", "t", "--owner", "o", "--deadline", "+1m"),
                 ("init", "shared.git")):
        result = cli(*args)
        assert (result.code, result.err) == (2, message), (args, result)
    assert (files(bare), sorted(bare.rglob("*"))) == before


def test_import_into_a_hand_edited_file_refused(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "台账.csv"
    sheet.write_text("title,owner,deadline\n新问题,王芳,2026-12-31\n", encoding="utf-8")
    (repo / "lists" / "CZJ.yaml").write_text(HAND, encoding="utf-8")
    _assert_refused(cli, repo, ("import", str(sheet), "--dept", "CZJ"), "lists/CZJ.yaml has changes that are not committed")
    git(repo, "commit", "-qam", "手工补充整改措施")
    result = cli("import", str(sheet), "--dept", "CZJ")
    assert result.code == 0, result
    assert git(repo, "show", "--name-only", "--format=", "HEAD") == "lists/CZJ.yaml\n"
