"""Names of persons: NFKC with all whitespace removed is one person ("孙　伟", "孙 伟", "孙伟"),
in verify's owner check, validate's verified_by rule, list --owner and owner completion;
the file keeps what was written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist.domain.names import distinct_persons, person_key, same_person
from test_complete import complete


@pytest.mark.parametrize(("a", "b"), [
    ("孙伟", "孙伟"),
    ("孙　伟", "孙伟"),           # U+3000, the full-width space of a Chinese input method
    ("孙 伟", "孙伟"),
    ("孙　伟", "孙 伟"),
    ("孙\t伟", "孙伟"),
    ("孙\n伟", "孙伟"),
    ("孙\u00a0伟", "孙伟"),       # no-break space, from Word
    (" 孙伟 ", "孙伟"),
    ("\u3000孙伟\u3000", "孙 伟"),
    ("欧阳  修", "欧阳修"),
    ("市委　督查室", "市委督查室"),
    ("Ｌｉ　Ｍｉｎｇ", "Li Ming"),   # full-width letters are the ASCII ones
    ("Li Ming", "LiMing"),
    ("\uf90a芳", "金芳"),          # a CJK compatibility ideograph is its unified one
    ("王芳①", "王芳1"),
])
def test_one_person(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)
    assert same_person(a, b) and same_person(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("孙伟", "孙炜"),
    ("王芳", "汪芳"),
    ("张伟", "张伟伟"),
    ("孙伟", "伟孙"),
    ("李明", "李明明"),
    ("LiMing", "liming"),         # SPEC folds width and spaces, not case
    ("Li Ming", "Li-Ming"),
    ("孙伟", ""),
    ("孙伟", "孙·伟"),
])
def test_different_persons(a: str, b: str) -> None:
    assert person_key(a) != person_key(b)
    assert not same_person(a, b)


@pytest.mark.parametrize(("a", "b"), [("孙伟", None), (None, None), ("孙伟", ["孙伟"]), (1, 1)])
def test_only_text_names_a_person(a: object, b: object) -> None:
    assert not same_person(a, b)


def test_distinct_persons_keeps_each_as_first_written() -> None:
    assert distinct_persons(["孙 伟", "王芳", "孙伟", "孙　伟", "", "　", "王 芳", "何勇"]) == ["孙 伟", "王芳", "何勇"]


# ---------------------------------------------------------------- the commands

LIST = """\
department: 市财政局
code: CZJ
items:
  - id: CZJ-001
    title: 部分干部思想松懈
    owner: 孙　伟
    deadline: 2026-12-31
    status: closed
    created_on: 2026-11-02
    closed_on: 2026-11-20
    result: 已整改
  - id: CZJ-002
    title: 会议经费超标
    owner: 孙伟
    deadline: 2026-12-20
    status: open
    created_on: 2026-11-02
  - id: CZJ-003
    title: 公车使用不规范
    owner: 孙 伟
    deadline: 2026-12-25
    status: open
    created_on: 2026-11-02
  - id: CZJ-004
    title: 培训费报销不严
    owner: 孙炜
    deadline: 2026-12-10
    status: open
    created_on: 2026-11-02
"""


@pytest.fixture
def listed(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(LIST, encoding="utf-8")
    return path


@pytest.mark.parametrize("by", ["孙伟", "孙 伟", "孙　伟", " 孙\t伟 "])
def test_verify_refuses_the_owner_however_written(cli, listed: Path, by: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("verify", "CZJ-001", "--by", by)
    assert result.code == 1, result
    assert "is the item's owner: the check must be made by someone else" in result.err
    assert listed.read_text(encoding="utf-8") == LIST


def test_verify_by_another_person_keeps_what_was_written(cli, listed: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("verify", "CZJ-001", "--by", "孙炜")
    assert result.code == 0, result
    assert listed.read_text(encoding="utf-8") == LIST.replace("    status: closed\n", "    status: verified\n").replace(
        "    result: 已整改\n", "    result: 已整改\n    verified_on: 2026-11-25\n    verified_by: 孙炜\n")


@pytest.mark.parametrize("verifier", ["孙伟", "孙 伟", "'孙\t伟'", "ＳＵＮ Ｗｅｉ"])
def test_validate_verified_by_the_owner_however_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                       cli, verifier: str) -> None:
    owner = "SUN Wei" if verifier.startswith("Ｓ") else "孙　伟"
    text = LIST.split("  - id: CZJ-002")[0].replace("    owner: 孙　伟\n", f"    owner: {owner}\n").replace(
        "status: closed", "status: verified") + f"    verified_on: 2026-11-22\n    verified_by: {verifier}\n"
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "f.yaml")
    assert result.code == 1, result
    assert result.err.splitlines()[0] == f"f.yaml:13:18: verified_by is the item's owner {owner}: the fix must be checked by someone else"


def test_validate_a_different_verifier_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    text = LIST.split("  - id: CZJ-002")[0].replace("status: closed", "status: verified") + (
        "    verified_on: 2026-11-22\n    verified_by: 孙炜\n")
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("validate", "f.yaml").code == 0


@pytest.mark.parametrize("owner", ["孙伟", "孙 伟", "孙　伟", "孙\t伟"])
def test_list_owner_matches_every_way_of_writing(cli, listed: Path, owner: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("list", "--owner", owner, "--format", "json")
    assert result.code == 0, result
    items = json.loads(result.out)
    assert [(i["id"], i["owner"]) for i in items] == [("CZJ-002", "孙伟"), ("CZJ-003", "孙 伟"), ("CZJ-001", "孙　伟")]


def test_list_owner_keeps_different_persons_apart(cli, listed: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("list", "--owner", "孙 炜", "--format", "json")
    assert [i["id"] for i in json.loads(result.out)] == ["CZJ-004"]


def test_completion_offers_each_person_once_as_first_written(cli_proc, listed: Path) -> None:  # type: ignore[no-untyped-def]
    assert complete(cli_proc, listed.parents[1], "checklist list --owner ") == ["孙　伟", "孙炜"]
    # The shell keeps only what starts with the typed text: the person as typed, then the rest.
    assert complete(cli_proc, listed.parents[1], "checklist list --owner 孙") == ["孙　伟", "孙炜"]
    assert complete(cli_proc, listed.parents[1], "checklist list --owner 孙伟") == ["孙伟"]
    assert complete(cli_proc, listed.parents[1], "checklist list --owner 孙\u3000") == ["孙　伟", "孙　炜"]
    assert complete(cli_proc, listed.parents[1], "checklist list --owner 王") == []
