"""All or nothing: when the commit cannot be made, the list file and the index are put back
byte for byte, the command exits 1 naming the cause and the fix, and the next command works."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import ONE_ITEM, git


@pytest.fixture
def repo(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    # CRLF and a BOM: putting back must be byte for byte, not a re-encoding.
    (ledger / "lists" / "CZJ.yaml").write_bytes(b"\xef\xbb\xbf" + ONE_ITEM.replace("\n", "\r\n").encode("utf-8"))
    git(ledger, "init", "-q", "-b", "main")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    return ledger


def state(root: Path) -> tuple[dict[str, bytes], str, str, str]:
    """Everything a failed command must leave as it was: the list files, the index, HEAD, status."""
    files = {p.name: p.read_bytes() for p in sorted((root / "lists").iterdir())}
    return (files, git(root, "ls-files", "-s"), git(root, "rev-parse", "HEAD"),
            git(root, "status", "--porcelain", "--untracked-files=all"))


def next_works(cli, root: Path) -> None:  # type: ignore[no-untyped-def]
    """After the cause is removed, the same kind of edit goes through and is committed."""
    result = cli("note", "CZJ-001", "已召开专题会议")
    assert result.code == 0, result
    assert git(root, "log", "-1", "--format=%s") == "note CZJ-001: 部分干部思想松懈\n"
    assert git(root, "status", "--porcelain") == ""


def test_stale_index_lock_names_the_lock_and_changes_nothing(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    lock = repo / ".git" / "index.lock"
    lock.write_bytes(b"")
    before = state(repo)
    for args in (("close", "CZJ-001", "--result", "已整改"),
                 ("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")):
        result = cli(*args)
        assert result.code == 1, result
        assert str(lock) in result.err and "another git process is running" in result.err
        assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
        assert state(repo) == before
    lock.unlink()
    next_works(cli, repo)


def test_failing_pre_commit_hook_shows_its_own_words(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho '校验未通过：缺少责任领导' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    before = state(repo)
    result = cli("close", "CZJ-001", "--result", "已整改")
    assert result.code == 1, result
    assert "pre-commit" in result.err and "校验未通过：缺少责任领导" in result.err
    assert state(repo) == before
    # A new department's file is removed again, and leaves nothing staged.
    (repo / "checklist.toml").write_text('lists = "lists"\n[departments]\nGAJ = "市公安局"\n', encoding="utf-8")
    git(repo, "commit", "-qam", "roster", "--no-verify")
    before = state(repo)
    result = cli("add", "--dept", "GAJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 1, result
    assert not (repo / "lists" / "GAJ.yaml").exists()
    assert state(repo) == before
    hook.unlink()
    next_works(cli, repo)


def test_signing_without_gpg(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    git(repo, "config", "commit.gpgsign", "true")
    git(repo, "config", "gpg.program", str(repo / "no-such-gpg"))
    before = state(repo)
    result = cli("note", "CZJ-001", "进展")
    assert result.code == 1, result
    assert "git config commit.gpgsign false" in result.err
    assert state(repo) == before
    git(repo, "config", "commit.gpgsign", "false")
    next_works(cli, repo)


def test_new_file_ignored_by_info_exclude(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "checklist.toml").write_text('lists = "lists"\n[departments]\nGAJ = "市公安局"\n', encoding="utf-8")
    git(repo, "commit", "-qam", "roster")
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("lists/GAJ.yaml\n", encoding="utf-8")
    before = state(repo)
    result = cli("add", "--dept", "GAJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 1, result
    assert ".git/info/exclude" in result.err
    assert not (repo / "lists" / "GAJ.yaml").exists()
    assert state(repo) == before
    (repo / ".git" / "info" / "exclude").write_text("", encoding="utf-8")
    result = cli("add", "--dept", "GAJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 0, result
    assert "lists/GAJ.yaml" in git(repo, "show", "--name-only", "--format=", "HEAD")


def test_sparse_checkout_excludes_the_new_file(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "checklist.toml").write_text('lists = "lists"\n[departments]\nGAJ = "市公安局"\n', encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "roster")
    git(repo, "sparse-checkout", "set", "--no-cone", "/checklist.toml", "/lists/CZJ.yaml")
    before = state(repo)
    result = cli("add", "--dept", "GAJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")
    assert result.code == 1, result
    assert "sparse" in result.err
    assert not (repo / "lists" / "GAJ.yaml").exists()
    assert state(repo) == before
    next_works(cli, repo)


def test_nul_in_a_title_changes_nothing(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    before = state(repo)
    result = cli("update", "CZJ-001", "--title", "部分\x00干部")
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert state(repo) == before
    next_works(cli, repo)


def test_title_of_128_kb_is_committed_whole(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    title = "整改" * 70_000  # 420 KB of UTF-8: far beyond what one argument may carry
    result = cli("update", "CZJ-001", "--title", title)
    assert result.code == 0, result
    assert git(repo, "log", "-1", "--format=%s").strip() == f"update CZJ-001: {title}"
    assert git(repo, "status", "--porcelain") == ""
    result = cli("note", "CZJ-001", "进展")
    assert result.code == 0, result


@pytest.mark.parametrize("flag", ["--assume-unchanged", "--skip-worktree"])
def test_hand_edit_hidden_from_status_is_refused(cli, repo: Path, flag: str) -> None:  # type: ignore[no-untyped-def]
    git(repo, "update-index", flag, "lists/CZJ.yaml")
    path = repo / "lists" / "CZJ.yaml"
    path.write_bytes(path.read_bytes() + b"# hand edit\r\n")
    hand = path.read_bytes()
    result = cli("note", "CZJ-001", "进展")
    assert result.code == 1, result
    assert "not committed" in result.err
    assert path.read_bytes() == hand
    assert "hand edit" not in git(repo, "show", "HEAD:lists/CZJ.yaml")


def test_commit_message_never_an_argument(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from checklist.git import run

    seen: list[list[str]] = []
    real = run.subprocess.run

    def spy(args, **kw):  # type: ignore[no-untyped-def]
        seen.append(list(args))
        return real(args, **kw)

    monkeypatch.setattr(run.subprocess, "run", spy)
    assert cli("note", "CZJ-001", "标记文字-m").code == 0
    commits = [a for a in seen if a[1] == "commit"]
    assert commits and all("-m" not in a and "部分干部思想松懈" not in " ".join(a) for a in commits)


def _kill_during_commit(repo: Path, delay: float) -> None:
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-m", "checklist", "close", "CZJ-001", "--result", "已整改"],
                            cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGKILL are POSIX")
def test_kill_9_at_any_moment_leaves_before_or_after(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    # A slow hook widens the window in which the command is inside `git commit`.
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\nsleep 0.3\n", encoding="utf-8")
    hook.chmod(0o755)
    path = repo / "lists" / "CZJ.yaml"
    original = path.read_bytes()
    outcomes = set()
    for delay in (0.05, 0.2, 0.35, 0.5, 0.7, 0.9, 1.2):
        git(repo, "reset", "-q", "--hard", "HEAD")
        start = git(repo, "rev-parse", "HEAD")
        if path.read_bytes() != original:  # a previous round's close went through: undo it for the next round
            git(repo, "revert", "--no-edit", "HEAD")
        start = git(repo, "rev-parse", "HEAD")
        _kill_during_commit(repo, delay)
        # The next command (here: the same close) works, and the ledger is before or after the kill.
        result = cli("close", "CZJ-001", "--result", "已整改")
        done_before = git(repo, "rev-parse", "HEAD") != start and result.code == 1 and "closed" in result.err
        assert result.code == 0 or done_before, result
        outcomes.add("after" if done_before else "before")
        assert git(repo, "status", "--porcelain") == ""
        assert not (repo / ".git" / "index.lock").exists()
        assert b"status: closed" in path.read_bytes()
        assert git(repo, "log", "-1", "--format=%s") == "close CZJ-001: 部分干部思想松懈\n"
    assert "before" in outcomes


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGKILL are POSIX")
@pytest.mark.parametrize("command", [("close", "CZJ-001", "--result", "已整改"),
                                     ("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31")])
def test_killed_inside_git_commit_the_next_command_undoes_it(cli, repo: Path, command: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """The pre-commit hook kills the whole process group: the command, and git holding index.lock."""
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f"#!{sys.executable}\nimport os, signal\nos.killpg(os.getpgid(0), signal.SIGKILL)\n", encoding="utf-8")
    hook.chmod(0o755)
    before = state(repo)
    proc = subprocess.run([sys.executable, "-m", "checklist", *command], cwd=repo, capture_output=True,
                          start_new_session=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert (repo / ".git" / "index.lock").exists()  # git was killed holding it
    assert (repo / ".checklist" / "pending-commit.tmp").exists()
    assert ".checklist" not in git(repo, "status", "--porcelain", "--untracked-files=all")
    hook.unlink()
    # The next command, whatever it is, finds the killed one's leftovers and undoes its change first.
    result = cli("note", "CZJ-001", "进展")
    assert result.code == 0, result
    assert not (repo / ".git" / "index.lock").exists()
    assert not (repo / ".checklist" / "pending-commit.tmp").exists()
    files, _, _, status = state(repo)
    assert status == ""
    assert b"status: open" in files["CZJ.yaml"] and "新问题".encode() not in files["CZJ.yaml"]
    assert git(repo, "rev-list", "--count", "HEAD") == "2\n"  # start, and the note
    assert files["CZJ.yaml"] != before[0]["CZJ.yaml"]


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGKILL are POSIX")
def test_killed_close_keeps_the_users_evidence_file(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f"#!{sys.executable}\nimport os, signal\nos.killpg(os.getpgid(0), signal.SIGKILL)\n", encoding="utf-8")
    hook.chmod(0o755)
    (repo / "佐证").mkdir()
    evidence = repo / "佐证" / "报告.txt"
    evidence.write_text("整改报告\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checklist", "close", "CZJ-001", "--result", "已整改", "--evidence", "佐证/报告.txt"],
                          cwd=repo, capture_output=True, start_new_session=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    hook.unlink()
    result = cli("close", "CZJ-001", "--result", "已整改", "--evidence", "佐证/报告.txt")
    assert result.code == 0, result
    assert evidence.read_text(encoding="utf-8") == "整改报告\n"
    assert "佐证/报告.txt" in git(repo, "-c", "core.quotepath=false", "show", "--name-only", "--format=", "HEAD")
    assert git(repo, "status", "--porcelain") == ""
