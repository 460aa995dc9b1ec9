"""The merge driver: list files merged item by item by git itself, and init registering it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import HEADER, item, run_git

BASE = HEADER + item("CZJ-001", "甲", extra="    progress:\n      - {date: 2026-11-10, note: 开会}\n") + item("CZJ-002", "乙") + item("CZJ-003", "丙")


def commit_file(root: Path, text: str, message: str) -> None:
    (root / "lists" / "czj.yaml").write_bytes(text.encode("utf-8"))
    run_git(root, "add", "lists/czj.yaml")
    run_git(root, "commit", "-q", "-m", message)


def edit(root: Path, old: str, new: str, message: str) -> None:
    path = root / "lists" / "czj.yaml"
    text = path.read_bytes().decode("utf-8")
    assert old in text
    commit_file(root, text.replace(old, new, 1), message)


@pytest.fixture
def repo(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "ledger"
    result = cli("init", str(root))
    assert result.code == 0, result
    monkeypatch.chdir(root)
    run_git(root, "checkout", "-q", "-b", "main")
    run_git(root, "add", "-A")
    run_git(root, "commit", "-q", "-m", "ledger")
    commit_file(root, BASE, "base")
    run_git(root, "branch", "theirs")
    return root


def ids(text: str) -> list[str]:
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.lstrip().startswith("- id:")]


def test_init_registers_the_driver_idempotently(cli, repo: Path) -> None:
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert attributes == "lists/**/*.yaml merge=checklist\nlists/**/*.yml merge=checklist\n"
    driver = run_git(repo, "config", "--get", "merge.checklist.driver").stdout
    assert driver.strip().endswith("merge-driver %O %A %B %P")
    toml = (repo / "checklist.toml").read_bytes()
    result = cli("init", str(repo))
    assert result.code == 0, result
    assert "merge driver" not in result.out
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == attributes
    assert (repo / "checklist.toml").read_bytes() == toml


def test_init_on_an_existing_ledger(cli, tmp_path: Path) -> None:
    root = tmp_path / "old"
    (root / "台账").mkdir(parents=True)
    (root / "checklist.toml").write_text('lists = "台账"\n', encoding="utf-8")
    (root / ".gitattributes").write_text("*.pdf binary", encoding="utf-8")
    run_git(root, "init", "-q")
    result = cli("init", str(root))
    assert result.code == 0, result
    assert (root / "checklist.toml").read_text(encoding="utf-8") == 'lists = "台账"\n'
    assert (root / ".gitattributes").read_text(encoding="utf-8") == (
        "*.pdf binary\n台账/**/*.yaml merge=checklist\n台账/**/*.yml merge=checklist\n"
    )
    attr = run_git(root, "check-attr", "merge", "--", "台账/sub/czj.yaml").stdout
    assert attr.strip().endswith("merge: checklist")


def merge(repo: Path) -> subprocess.CompletedProcess[str]:
    run_git(repo, "checkout", "-q", "main")
    return run_git(repo, "merge", "--no-edit", "theirs", check=False)


def test_both_sides_add_close_and_annotate(cli, repo: Path) -> None:
    # ours: adds CZJ-004, closes CZJ-002, a note on CZJ-001
    edit(repo, BASE, BASE + item("CZJ-004", "我方新增"), "add ours")
    edit(repo, "    title: 乙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: open\n",
         "    title: 乙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: closed\n", "close 2 (1/2)")
    edit(repo, "    created_on: 2026-11-02\n  - id: CZJ-003", "    created_on: 2026-11-02\n    closed_on: 2026-11-20\n    result: 已整改\n  - id: CZJ-003", "close 2")
    edit(repo, "note: 开会}\n", "note: 开会}\n      - {date: 2026-11-12, note: 我方进展}\n", "note ours")
    # theirs: adds its own CZJ-004, closes CZJ-003, another note on CZJ-001, fixes an owner
    run_git(repo, "checkout", "-q", "theirs")
    edit(repo, BASE, BASE + item("CZJ-004", "对方新增") + item("CZJ-005", "对方又增"), "add theirs")
    edit(repo, "    title: 丙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-02\n",
         "    title: 丙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: closed\n    created_on: 2026-11-02\n    closed_on: 2026-11-21\n    result: 完成\n", "close 3")
    edit(repo, "note: 开会}\n", "note: 开会}\n      - {date: 2026-11-13, note: 对方进展}\n", "note theirs")
    edit(repo, "    title: 甲\n    owner: 王芳\n", "    title: 甲\n    owner: 张伟\n", "owner theirs")
    proc = merge(repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # In a merge the branch merged in is the published one: its CZJ-004 keeps the ID, ours moves on.
    assert "CZJ-004 was already published for another item; the unpublished item CZJ-004 (我方新增) is now CZJ-006" in proc.stderr
    text = (repo / "lists" / "czj.yaml").read_text(encoding="utf-8")
    assert ids(text) == ["CZJ-001", "CZJ-002", "CZJ-003", "CZJ-004", "CZJ-006", "CZJ-005"]
    assert "  - id: CZJ-004\n    title: 对方新增\n" in text
    assert "  - id: CZJ-006\n    title: 我方新增\n" in text and "    renumbered_from: CZJ-004\n" in text
    assert "我方进展" in text and "对方进展" in text and "owner: 张伟" in text
    assert "closed_on: 2026-11-20" in text and "closed_on: 2026-11-21" in text
    assert "title: 对方新增" in text and "title: 我方新增" in text
    result = cli("validate")
    assert result.code == 0, result
    # The merge renumbering is neither a deletion nor an ID change (closures may count as backdated).
    result = cli("audit", "--format", "json")
    assert {f["rule"] for f in json.loads(result.out)} <= {"backdated"}, result


def test_same_field_conflict_marks_one_item(cli, repo: Path) -> None:
    edit(repo, "    title: 乙\n    owner: 王芳\n", "    title: 乙\n    owner: 张伟\n", "ours")
    edit(repo, BASE.replace("    title: 乙\n    owner: 王芳\n", "    title: 乙\n    owner: 张伟\n"),
         BASE.replace("    title: 乙\n    owner: 王芳\n", "    title: 乙\n    owner: 张伟\n") + item("CZJ-004", "新"), "ours add")
    run_git(repo, "checkout", "-q", "theirs")
    edit(repo, "    title: 乙\n    owner: 王芳\n", "    title: 乙\n    owner: 赵六\n", "theirs")
    proc = merge(repo)
    assert proc.returncode != 0
    assert "CZJ-002: both sides changed owner differently" in proc.stderr
    status = run_git(repo, "status", "--porcelain").stdout
    assert "UU lists/czj.yaml" in status
    text = (repo / "lists" / "czj.yaml").read_text(encoding="utf-8")
    assert text.count("<<<<<<<") == 1 and text.count(">>>>>>>") == 1
    head, rest = text.split("<<<<<<< ours\n")
    assert head == HEADER + item("CZJ-001", "甲", extra="    progress:\n      - {date: 2026-11-10, note: 开会}\n")
    ours, rest = rest.split("=======\n")
    theirs, tail = rest.split(">>>>>>> theirs\n")
    assert ours == item("CZJ-002", "乙", owner="张伟")
    assert theirs == item("CZJ-002", "乙", owner="赵六")
    assert tail == item("CZJ-003", "丙") + item("CZJ-004", "新")


def test_deleted_on_one_side_changed_on_other(repo: Path) -> None:
    edit(repo, item("CZJ-003", "丙"), "", "ours deletes")
    run_git(repo, "checkout", "-q", "theirs")
    edit(repo, "    title: 丙\n    owner: 王芳\n", "    title: 丙\n    owner: 赵六\n", "theirs edits")
    proc = merge(repo)
    assert proc.returncode != 0
    text = (repo / "lists" / "czj.yaml").read_text(encoding="utf-8")
    assert "<<<<<<< ours\n=======\n" + item("CZJ-003", "丙", owner="赵六") + ">>>>>>> theirs\n" in text


def test_crlf_bom_and_comments_kept(repo: Path) -> None:
    text = "\ufeff# 清单\r\n" + BASE.replace("\n", "\r\n")
    commit_file(repo, text, "crlf")
    run_git(repo, "branch", "-f", "theirs")
    edit(repo, "    title: 乙\r\n    owner: 王芳\r\n", "    title: 乙\r\n    owner: 张伟   # 已调整\r\n", "ours")
    run_git(repo, "checkout", "-q", "theirs")
    edit(repo, text[1:], text[1:] + item("CZJ-004", "新").replace("\n", "\r\n"), "theirs")
    proc = merge(repo)
    assert proc.returncode == 0, proc.stderr
    raw = (repo / "lists" / "czj.yaml").read_bytes()
    expected = text.replace("    title: 乙\r\n    owner: 王芳\r\n", "    title: 乙\r\n    owner: 张伟   # 已调整\r\n") + item("CZJ-004", "新").replace("\n", "\r\n")
    assert raw == expected.encode("utf-8")


def test_unreadable_version_falls_back_to_line_merge(repo: Path) -> None:
    edit(repo, "  - id: CZJ-003", "  - [broken\n  - id: CZJ-003", "ours breaks it")
    run_git(repo, "checkout", "-q", "theirs")
    edit(repo, "    title: 甲\n    owner: 王芳\n", "    title: 甲\n    owner: 张伟\n", "theirs")
    proc = merge(repo)
    assert proc.returncode == 0, proc.stderr
    assert "falling back to git's line merge" in proc.stderr
    text = (repo / "lists" / "czj.yaml").read_text(encoding="utf-8")
    assert "[broken" in text and "owner: 张伟" in text


def test_two_clones_of_a_shared_remote(cli, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    run_git(tmp_path, "init", "-q", "--bare", str(remote))
    seed = tmp_path / "seed"
    assert cli("init", str(seed)).code == 0
    commit_file_at = seed / "lists" / "czj.yaml"
    commit_file_at.write_text(BASE, encoding="utf-8")
    run_git(seed, "add", "-A")
    run_git(seed, "commit", "-q", "-m", "seed")
    run_git(seed, "push", "-q", str(remote), "HEAD:refs/heads/main")
    clones = []
    for name in ("甲处", "乙处"):
        clone = tmp_path / name
        run_git(tmp_path, "clone", "-q", "-b", "main", str(remote), str(clone))
        assert cli("init", str(clone)).code == 0  # a fresh clone registers the driver in its own config
        clones.append(clone)
    a, b = clones
    edit(a, BASE, BASE + item("CZJ-004", "甲处新增"), "a adds")
    edit(a, "    title: 乙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-02\n",
         "    title: 乙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: closed\n    created_on: 2026-11-02\n    closed_on: 2026-11-20\n    result: 已整改\n", "a closes")
    run_git(a, "push", "-q", "origin", "main")
    edit(b, BASE, BASE + item("CZJ-004", "乙处新增"), "b adds")
    edit(b, "    title: 丙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-02\n",
         "    title: 丙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: closed\n    created_on: 2026-11-02\n    closed_on: 2026-11-21\n    result: 完成\n", "b closes")
    assert run_git(b, "push", "-q", "origin", "main", check=False).returncode != 0  # behind: pull first
    pulled = run_git(b, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stderr
    run_git(b, "push", "-q", "origin", "main")
    run_git(a, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    text_a = (a / "lists" / "czj.yaml").read_bytes()
    assert text_a == (b / "lists" / "czj.yaml").read_bytes()
    text = text_a.decode("utf-8")
    assert ids(text) == ["CZJ-001", "CZJ-002", "CZJ-003", "CZJ-004", "CZJ-005"]
    assert "乙处新增" in text and "甲处新增" in text
    for clone in clones:
        result = cli("--root", str(clone), "validate")
        assert result.code == 0, result


def test_driver_command_runs_by_hand(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("O", "A", "B"))
    base.write_text(BASE, encoding="utf-8")
    ours.write_text(BASE + item("CZJ-004", "我方"), encoding="utf-8")
    theirs.write_text(BASE + item("CZJ-004", "对方"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checklist", "merge-driver", str(base), str(ours), str(theirs), "lists/czj.yaml"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    # Outside a rebase the side merged in (theirs) is the published one.
    assert ours.read_text(encoding="utf-8") == (BASE + item("CZJ-004", "对方") + item("CZJ-005", "我方")
                                               + "    renumbered_from: CZJ-004\n")
    assert proc.stderr == ("lists/czj.yaml: CZJ-004 was already published for another item; the unpublished item"
                           " CZJ-004 (我方) is now CZJ-005 (recorded as renumbered_from: CZJ-004); use CZJ-005 for it from now on\n")


def _drive(tmp_path: Path, base: bytes, ours: bytes, theirs: bytes) -> tuple[subprocess.CompletedProcess[str], bytes]:
    paths = [tmp_path / n for n in ("O", "A", "B")]
    for path, raw in zip(paths, (base, ours, theirs), strict=True):
        path.write_bytes(raw)
    proc = subprocess.run([sys.executable, "-m", "checklist", "merge-driver", *map(str, paths), "lists/czj.yaml"],
                          capture_output=True, text=True, cwd=tmp_path)
    return proc, paths[1].read_bytes()


def test_line_merge_of_mixed_encodings_is_checked(tmp_path: Path) -> None:
    # Theirs was saved in GBK by a spreadsheet tool: git's line merge would mix the encodings.
    theirs = (BASE + item("CZJ-004", "对方新增")).encode("gbk")
    proc, result = _drive(tmp_path, BASE.encode(), (BASE.replace("title: 甲", "title: 甲方")).encode(), theirs)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert b"<<<<<<< ours" in result


def test_line_merge_with_a_duplicate_id_is_a_conflict(tmp_path: Path) -> None:
    # A flow-style sequence on their side: no item-by-item merge, and the line merge duplicates an ID.
    flow = BASE + "  - {id: CZJ-002, title: 重复, owner: 王芳, deadline: 2026-12-31, status: open}\n"
    proc, result = _drive(tmp_path, BASE.encode(), BASE.encode(), flow.encode())
    assert proc.returncode == 1, proc.stderr
    assert "duplicate ID CZJ-002" in proc.stderr and "would not validate" in proc.stderr
    assert b"<<<<<<<" in result


def test_verifier_made_owner_is_a_conflict_around_that_item(tmp_path: Path) -> None:
    verified = BASE.replace(
        "  - id: CZJ-002\n    title: 乙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-02\n",
        "  - id: CZJ-002\n    title: 乙\n    owner: 王芳\n    deadline: 2026-12-31\n    status: verified\n    created_on: 2026-11-02\n"
        "    closed_on: 2026-11-20\n    result: 已整改\n    verified_on: 2026-11-21\n    verified_by: 张伟\n")
    owner = BASE.replace("    title: 乙\n    owner: 王芳\n", "    title: 乙\n    owner: 张伟\n")
    proc, result = _drive(tmp_path, BASE.encode(), owner.encode(), verified.encode())
    assert proc.returncode == 1, proc.stderr
    assert "would not validate" in proc.stderr
    text = result.decode()
    # Only CZJ-002 is between markers; CZJ-001 and CZJ-003 are merged as they are.
    assert text.count("<<<<<<< ours") == 1
    before, marked = text.split("<<<<<<< ours", 1)
    assert "id: CZJ-001" in before and "id: CZJ-002" not in before and "id: CZJ-002" in marked


def test_bom_and_crlf_on_one_side_only_merge_item_by_item() -> None:
    from checklist.git.merge import merge_texts

    base = (HEADER + item("CZJ-001", "甲")).encode()
    ours = (HEADER + item("CZJ-001", "甲") + item("CZJ-002", "乙")).encode()
    theirs = b"\xef\xbb\xbf" + (HEADER + item("CZJ-001", "甲丙")).replace("\n", "\r\n").encode()
    for published in ("ours", "theirs"):
        result, conflicted, warnings = merge_texts(base, ours, theirs, "lists/czj.yaml", published=published)
        # Our line endings and (no) BOM throughout, their change in, our new item kept.
        assert (result, conflicted, warnings) == ((HEADER + item("CZJ-001", "甲丙") + item("CZJ-002", "乙")).encode(), False, [])
