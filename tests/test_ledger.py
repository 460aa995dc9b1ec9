"""The ledger: root discovery, PATHS, init, and the read cache."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import git, write

LIST = """\
department: 市商务局
code: SWJ
items:
  - id: SWJ-001
    title: 招商引资项目落地慢
    owner: 陈静
    deadline: 2026-12-31
    status: open
"""


def make_ledger(root: Path, lists: str = "lists") -> Path:
    write(root / "checklist.toml", f'lists = "{lists}"\n')
    write(root / lists / "swj.yaml", LIST)
    return root


def test_root_found_upward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    root = make_ledger(tmp_path / "台账")
    (root / "lists" / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(root / "lists" / "deep" / "er")
    result = cli("validate")
    assert (result.code, result.out) == (0, "1 file(s), 1 item(s): no problems\n"), result


def test_root_option_beats_env_beats_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    one = make_ledger(tmp_path / "one")
    two = make_ledger(tmp_path / "two", lists="清单")
    write(two / "清单" / "more.yaml", LIST.replace("SWJ", "XFJ").replace("市商务局", "市信访局"))
    monkeypatch.chdir(one)
    assert cli("validate").out.startswith("1 file(s)")
    monkeypatch.setenv("CHECKLIST_ROOT", str(two))
    assert cli("validate").out.startswith("2 file(s)")
    assert cli("--root", str(one), "validate").out.startswith("1 file(s)")


def test_no_ledger_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = cli("validate")
    assert result.code == 2, result
    assert "no ledger here" in result.err and "checklist init" in result.err


def test_root_without_config(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--root", str(tmp_path), "validate")
    assert result.code == 2, result
    assert result.err == f"no checklist.toml in {tmp_path}: run `checklist init` there first\n"
    result = cli("--root", str(tmp_path / "missing"), "validate")
    assert (result.code, result.err) == (2, f"ledger root {tmp_path / 'missing'} is not a folder\n"), result


def test_paths_without_config_use_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "a" / "x.yaml", LIST)
    write(tmp_path / "b.yml", LIST.replace("SWJ", "XFJ"))
    write(tmp_path / "a" / ".hidden" / "y.yaml", "broken: [")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "a", "b.yml")
    assert (result.code, result.out) == (0, "2 file(s), 2 item(s): no problems\n"), result


def test_init_creates_ledger_and_git(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "整改台账"
    result = cli("init", str(target))
    assert result.code == 0, result
    assert (target / "checklist.toml").is_file() and (target / "lists").is_dir()
    assert (target / ".git").is_dir()
    assert "initialized a git repository" in result.out
    assert cli("--root", str(target), "validate").code == 0


def test_init_never_overwrites_config_and_skips_git_init_inside_a_repo(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    target = tmp_path / "sub"
    write(target / "checklist.toml", 'lists = "清单"\ndue_soon_days = 3\n')
    result = cli("init", str(target))
    assert result.code == 0, result
    assert (target / "checklist.toml").read_text(encoding="utf-8") == 'lists = "清单"\ndue_soon_days = 3\n'
    assert (target / "清单").is_dir() and not (target / "lists").exists()
    assert not (target / ".git").exists()
    assert "kept the existing" in result.out
    assert git(tmp_path, "status", "--porcelain", "--ignored").count(".checklist/lock") == 0


def test_cache_serves_warm_reads_and_notices_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    root = make_ledger(tmp_path / "l")
    monkeypatch.chdir(root)
    assert cli("validate").code == 0
    cache = Path(os.environ["CHECKLIST_CACHE_DIR"])
    entries = list(cache.rglob("files/*.json"))
    assert len(entries) == 1 and len(list(cache.rglob("index/*.json"))) == 1  # the full entry, the read index
    # A warm run does not parse: make parsing impossible and read again.
    import checklist.ledger.reread

    monkeypatch.setattr(checklist.ledger.reread, "reread", lambda *a: (_ for _ in ()).throw(AssertionError("parsed")))
    assert cli("validate").code == 0
    monkeypatch.undo()
    monkeypatch.chdir(root)
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(cache))
    # A hand edit of the same size within the same second is still seen.
    target = root / "lists" / "swj.yaml"
    target.write_text(LIST.replace("status: open", "status: opex"), encoding="utf-8")
    result = cli("validate")
    assert result.code == 1 and "status 'opex'" in result.err, result


def test_unwritable_cache_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    root = make_ledger(tmp_path / "l")
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.chdir(root)
    assert cli("validate").code == 0


def test_global_options_after_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    root = make_ledger(tmp_path / "l")
    monkeypatch.chdir(tmp_path)
    assert cli("validate", "--root", str(root)).out == "1 file(s), 1 item(s): no problems\n"
    assert cli("validate", f"--root={root}", "--quiet").out == ""
    result = cli("validate", "--root", str(root), "--lang", "zh")
    assert result.out == "共 1 个文件、1 个问题，校验通过\n", result


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "X", "--root", "R"], ["--root", "R", "show", "X"]),
        (["--root", "R", "show", "X"], ["--root", "R", "show", "X"]),
        (["note", "X", "--", "--root"], ["note", "X", "--", "--root"]),
        (["add", "--title", "t", "--quiet", "--lang=zh"], ["--lang=zh", "--quiet", "add", "--title", "t"]),
        (["init", "-q", "."], ["-q", "init", "."]),
    ],
)
def test_hoist_global_options(args: list[str], expected: list[str]) -> None:
    from checklist.cli.app import hoist_global_options

    assert hoist_global_options(args) == expected


def test_init_on_a_file_is_a_usage_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "afile"
    target.write_text("x", encoding="utf-8")
    result = cli("init", str(target))
    assert (result.code, result.err) == (2, f"{target} is a file, not a folder: give init a folder for the ledger\n"), result
    assert target.read_text(encoding="utf-8") == "x"


def test_paths_resolved_folder_by_folder_as_path_resolve_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary's key names each file by its real path; each folder is resolved once."""
    from checklist.ledger.files import _resolved

    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "a.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "lists")
    (tmp_path / "lists" / "b.yaml").symlink_to(tmp_path / "lists" / "a.yaml")
    monkeypatch.chdir(tmp_path)
    paths = [Path("lists/a.yaml"), Path("linked/a.yaml"), Path("lists/b.yaml"), Path("lists/../lists/a.yaml"),
             Path("missing/c.yaml"), tmp_path / "lists", Path("."), Path("lists/..")]
    assert _resolved(paths) == [str(p.resolve()) for p in paths]
