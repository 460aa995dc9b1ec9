"""The fast path (cli/fast.py) gives exactly what Typer gives: the same stdout, stderr and exit
code for the same arguments, in both languages; it takes only what it fully understands, its
spec is derived from the Typer app and keyed by the code, and help is Typer's own output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SAMPLE

from checklist.cli import derived, fast

# Arguments the fast path runs itself (after one run through Typer has built the spec).
FAST = [
    ["report"],
    ["report", "--format", "json"],
    ["report", "-f", "json"],
    ["report", "-fjson"],
    ["report", "--format=markdown"],
    ["report", "-f", "csv", "--as-of", "2026-12-01"],
    ["report", "--as-of", "2026-11-01", "--since", "2026-10-25", "-f", "json"],
    ["report", "--format", "csv", "--format", "json"],  # repeated: the last wins
    ["report", "--full", "--full", "-f", "json"],
    ["report", "-f", "html"],  # a file format without --output: our usage error, exit 2
    ["report", "-f", "nonsense"],
    ["report", "--as-of", "not a date"],
    ["report", "--serial", "x", "-f", "json"],
    ["report", "--as-of", "--full"],  # click takes the next word as the value, whatever it is
    ["report", "lists", "-f", "json"],
    ["report", "-f", "json", "lists"],
    ["report", "--", "-f"],  # after --, a path (that does not exist)
    ["report", "missing.yaml"],
    ["--quiet", "report", "-f", "json"],
    ["report", "-f", "json", "--quiet"],
    ["report", "-f", "json", "-q"],
    ["report", "--root", ".", "-f", "json"],
    ["--root=.", "report"],
    ["report", "--root=.", "--lang=zh"],
    ["--lang", "zh", "report"],
    ["report", "--lang", "zh", "-f", "markdown"],
    ["--lang", "en", "--lang", "zh", "report", "-f", "csv"],
    ["--root", "nowhere", "report"],
    ["list"],
    ["list", "--state", "overdue"],
    ["list", "-s", "overdue", "--as-of", "2026-12-01"],
    ["list", "--state=open", "--format", "json"],
    ["list", "--state", "bogus"],
    ["list", "--dept", "FGW", "-f", "csv"],
    ["list", "-d", "市发展和改革委员会"],
    ["list", "--owner", "张建国", "--category", "工作"],
    ["list", "--type", "deadline"],
    ["list", "--type", "nonsense"],
    ["list", "--state", "overdue", "--lang", "zh"],
    ["list", "--leader", "nobody", "--unit", "x", "-f", "json"],
    ["show", "FGW-001"],
    ["show", "fgw-001", "-f", "json"],
    ["show", "FGW-999"],
    ["show", "FGW-001", "--as-of", "2026-12-01", "--lang", "zh"],
    ["validate"],
    ["validate", "lists"],
    ["-q", "validate"],
    ["validate", "--lang", "zh"],
    # Help: replayed once Typer has written it for these very arguments.
    ["--help"],
    ["-h"],
    [],
    ["report", "--help"],
    ["list", "-h"],
    ["--lang", "zh", "--help"],
    ["report", "--help", "--lang", "zh"],
    ["show", "--help"],
    ["add", "--help"],
    ["close", "-h", "--lang", "zh"],
    ["import", "--help"],
]
# Edits the fast path runs itself: each from the same ledger, the result compared byte for byte
# (output, exit code, the list file afterwards, the commit made).
EDITS = [
    ["add", "--dept", "FGW", "--title", "新问题", "--owner", "张三", "--deadline", "2026-12-31"],
    ["add", "--dept=FGW", "--title", "长期问题", "--owner", "张三", "--type", "ongoing", "--co-owner", "李四",
     "--co-owner", "王五", "--no-commit"],
    ["add", "--title", "x"],  # not on a terminal: the missing options named, exit 2
    ["add", "--dept", "NOPE", "--title", "x", "--owner", "y", "--deadline", "2026-12-31", "--no-commit"],
    ["add", "--dept", "FGW", "--title", "x", "--owner", "y", "--deadline", "昨天", "--no-commit"],
    ["close", "FGW-002", "--result", "已完成整改"],
    ["close", "FGW-002", "--result=已完成", "--date", "2026-11-30", "--no-commit", "-q"],
    ["close", "FGW-001", "--result", "x"],  # verified already: refused
    ["close", "FGW-999", "--result", "x"],
    ["-q", "close", "FGW-002", "--result", "x", "--evidence", "missing.pdf"],
    ["note", "FGW-002", "推进中", "--percent", "60"],
    ["note", "FGW-002", "推进中", "--percent", "６０%", "--no-commit"],
    ["note", "FGW-002", "x", "--percent", "101"],
    ["note", "FGW-002", "--", "-x"],
    ["extend", "FGW-003", "--to", "2027-03-31", "--reason", "工程量大", "--approved-by", "张局"],
    ["extend", "FGW-003", "--to", "2020-01-01", "--reason", "x", "--no-commit"],
    ["reopen", "FGW-005", "--reason", "整改不到位", "--kind", "rebound"],
    ["reopen", "FGW-002", "--reason", "x"],  # not done: refused
    ["verify", "FGW-006", "--by", "督查室", "--note", "现场核实"],
    ["update", "FGW-002", "--owner", "李四", "--amount", "1,200"],
    ["update", "FGW-002"],  # nothing to update
    ["recheck", "FGW-008", "--by", "督查室", "--result", "ok"],
    ["recheck", "FGW-008", "--by", "督查室", "--result", "rebound", "--note", "问题反弹"],
    ["rule", "FGW-002", "《项目审批办法》", "--doc-no", "发改〔2026〕1号"],
    ["accountability", "FGW-004", "--person", "张三", "--measure", "谈话提醒"],
    ["--root", ".", "close", "FGW-002", "--result", "x", "--lang", "zh"],
]
# Arguments the fast path leaves to Typer (and Typer's answer is what the user gets).
DECLINED = [
    ["--version"],
    ["report", "--bogus"],
    ["report", "--format"],
    ["report", "-x"],
    ["report", "-qf", "json"],  # -q is the group's: click refuses it combined with a command's
    ["report", "--full=yes"],
    ["report", "--help", "--bogus"],
    ["--bogus", "report"],
    ["--lang", "fr", "report"],
    ["--lang"],
    ["--quiet"],
    ["nosuchcommand"],
    ["repor"],
    ["show"],
    ["show", "A", "B", "--bogus"],
    ["--", "report"],
    ["close", "FGW-001"],  # --result is required: Typer says so
    ["note", "FGW-001"],
    ["add", "--dept", "FGW", "--bogus", "x"],
    ["note", "FGW-001", "x", "--percent"],
    ["task", "add", "FGW-001", "x"],  # a group of commands: Typer runs it
    ["history", "FGW-001"],
    ["schema"],
    ["--install-completion"],
]


@pytest.fixture
def sample_ledger(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(SAMPLE, ledger / "lists" / "fgw.yaml")
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-12-01")
    # The derived folder trusts no source changed in the last seconds: in a test run right
    # after an edit, trust it anyway (keying itself is tested below).
    monkeypatch.setattr(derived, "_RACY_S", -1e12)
    derived.forget()
    yield ledger
    derived.forget()


def _run(capfd: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str, str]:
    from checklist.__main__ import main

    capfd.readouterr()
    code = main(list(args))
    captured = capfd.readouterr()
    return code, captured.out, captured.err


def _both(capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[Any, Any, bool]:
    """Typer's answer (fast path off), then the answer with the fast path on (primed by one run),
    and whether the fast path answered it itself."""
    monkeypatch.setenv("CHECKLIST_FAST", "0")
    typer_answer = _run(capfd, args)
    monkeypatch.delenv("CHECKLIST_FAST")
    _run(capfd, args)  # builds the spec / records the help, as a first run does
    fast_answer, handled = _watched(capfd, monkeypatch, args)
    return typer_answer, fast_answer, handled


def _watched(capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[Any, bool]:
    """The answer to args, and whether the fast path answered it itself."""
    handled: list[bool] = []
    original = fast.run

    def spy(a: list[str]) -> int | None:
        code = original(a)
        handled.append(code is not None)
        return code

    monkeypatch.setattr(fast, "run", spy)
    answer = _run(capfd, args)
    monkeypatch.setattr(fast, "run", original)
    return answer, handled == [True]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fast_path_answers_as_typer_does(sample_ledger: Path, capfd: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setenv("CHECKLIST_LANG", lang)
    for args in FAST:
        typer_answer, fast_answer, handled = _both(capfd, monkeypatch, args)
        assert fast_answer == typer_answer, (args, typer_answer, fast_answer)
        assert handled, f"the fast path declined {args}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_edits_on_the_fast_path_do_as_typer_does(sample_ledger: Path, capfd: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    from tests.conftest import git

    monkeypatch.setenv("CHECKLIST_LANG", lang)
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-12-01T09:00:00+08:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-12-01T09:00:00+08:00")
    git(sample_ledger, "init", "-q")
    git(sample_ledger, "add", "-A")
    git(sample_ledger, "commit", "-qm", "start")
    start = git(sample_ledger, "rev-parse", "HEAD").strip()

    def fresh() -> None:
        git(sample_ledger, "reset", "-q", "--hard", start)
        git(sample_ledger, "clean", "-qfdx")

    def outcome() -> tuple[bytes, str]:
        return (sample_ledger / "lists" / "fgw.yaml").read_bytes(), git(sample_ledger, "log", "--format=%H %s", "-3")

    original_file = (sample_ledger / "lists" / "fgw.yaml").read_bytes()
    changed = 0
    for args in EDITS:
        fresh()
        monkeypatch.setenv("CHECKLIST_FAST", "0")
        typer_answer = _run(capfd, args), outcome()
        monkeypatch.delenv("CHECKLIST_FAST")
        fresh()
        _run(capfd, args)  # builds the spec, as a first run does
        fresh()
        answer, handled = _watched(capfd, monkeypatch, args)
        fast_answer = answer, outcome()
        assert fast_answer == typer_answer, (args, typer_answer[0], fast_answer[0])
        assert handled, f"the fast path declined {args}"
        changed += fast_answer[1][0] != original_file
    assert changed >= 14  # most of the list edits the file; the rest are refusals


def test_fast_path_declines_anything_unusual(sample_ledger: Path, capfd: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for args in DECLINED:
        typer_answer, fast_answer, handled = _both(capfd, monkeypatch, args)
        assert fast_answer == typer_answer, (args, typer_answer, fast_answer)
        assert not handled, f"the fast path took {args}"


def test_the_fast_path_runs_without_typer(sample_ledger: Path) -> None:
    env = dict(os.environ)
    probe = ("import sys\nfrom checklist.__main__ import main\nfrom checklist.cli import derived\n"
             "derived._RACY_S = -1e12\n"  # sources checked out a moment ago are trusted here too
             "codes = [main(a) for a in ({args!r})]\n"
             "print(codes, sorted(m for m in ('typer', 'click', 'rich', 'pydantic') if m in sys.modules))")
    for args in ([["report"]], [["list", "--state", "overdue"]], [["report", "--help"]], [["--help"]],
                 [["note", "FGW-002", "x", "--no-commit"]], [["close", "FGW-003", "--result", "x", "--no-commit"]]):
        subprocess.run([sys.executable, "-c", probe.format(args=args)], env=env, capture_output=True, check=True)
        # The first run above went through Typer and left the spec and the help behind.
        proc = subprocess.run([sys.executable, "-c", probe.format(args=args)], env=env, capture_output=True, text=True, check=True)
        assert proc.stdout.splitlines()[-1].endswith("[]"), (args, proc.stdout)


def test_whole_processes_agree_and_exit_quickly(sample_ledger: Path) -> None:
    """As a user runs it (os._exit after a fast run): the same bytes and exit code as Typer's."""
    cases = [["report", "-f", "json"], ["list", "--state", "overdue"], ["--help"], ["report", "-f", "html"], ["show", "X-1"]]

    def run(args: list[str], **extra: str) -> tuple[int, bytes, bytes]:
        proc = subprocess.run([sys.executable, "-m", "checklist", *args], env={**os.environ, **extra}, capture_output=True)
        return proc.returncode, proc.stdout, proc.stderr

    for args in cases:
        plain = run(args, CHECKLIST_FAST="0")
        run(args)
        assert run(args) == plain, args


def test_an_edit_ended_by_os_exit_has_finished_everything(sample_ledger: Path) -> None:
    """A fast edit ends the process with os._exit: by then the file is written, the commit made
    and the lock released (the next edit goes through at once), as Typer's run leaves them."""
    from tests.conftest import git

    git(sample_ledger, "init", "-q")
    git(sample_ledger, "add", "-A")
    git(sample_ledger, "commit", "-qm", "start")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "checklist", *args], capture_output=True, text=True, timeout=60)

    assert run("validate").returncode == 0  # through Typer: the spec is built
    probe = ("import os, sys\nfrom checklist import __main__\nfrom checklist.cli import derived\n"
             "derived._RACY_S = -1e12\nexits = []\nos._exit = lambda code: (exits.append(code), sys.exit(code))\n"
             "try:\n    __main__.main.__globals__['sys'].argv = ['checklist', *sys.argv[1:]]\n    __main__.main()\n"
             "finally:\n    print('os._exit', exits, 'typer' in sys.modules, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", probe, "close", "FGW-002", "--result", "已完成整改"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "os._exit [0] False" in proc.stderr  # ended by os._exit, without Typer
    assert git(sample_ledger, "status", "--porcelain") == ""
    assert git(sample_ledger, "log", "-1", "--format=%s").startswith("close FGW-002")
    assert run("note", "FGW-003", "推进中").returncode == 0  # the lock is free
    assert run("validate").returncode == 0


def test_a_damaged_or_missing_spec_falls_back_to_typer(sample_ledger: Path, capfd: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    expected, _, _ = _both(capfd, monkeypatch, ["report", "-f", "json"])
    folder = derived.folder()
    assert folder is not None
    good = Path(folder, fast.SPEC).read_bytes()
    for damage in (b"", b"\x00garbage", good[:-1] + bytes([good[-1] ^ 1])):
        Path(folder, fast.SPEC).write_bytes(damage)
        assert fast.run(["report", "-f", "json"]) is None
        assert _run(capfd, ["report", "-f", "json"]) == expected
    derived.write(fast.SPEC, derived.dumps({"version": 1, "group": {}}))  # well formed, not as built
    assert derived.read(fast.SPEC) is not None and fast.run(["report", "-f", "json"]) is None
    assert _run(capfd, ["report", "-f", "json"]) == expected
    assert fast.run(["--quiet", "validate"]) == 0  # built again by the run through Typer
    Path(folder, fast.SPEC).unlink()
    assert _run(capfd, ["report", "-f", "json"]) == expected  # through Typer; the spec is built again
    assert Path(folder, fast.SPEC).exists()


def test_no_cache_means_no_fast_path(sample_ledger: Path, capfd: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", "")
    typer_answer, fast_answer, handled = _both(capfd, monkeypatch, ["report", "-f", "json"])
    assert fast_answer == typer_answer and not handled


def test_the_spec_is_derived_from_the_declarations() -> None:
    """A spec built from a Typer app follows its declarations: a new option parses, a removed one declines."""
    import typer

    from checklist.cli import spec

    def build(with_extra: bool) -> dict[str, Any]:
        app = typer.Typer()
        app.callback()(lambda: None)
        if with_extra:
            def report(fmt: str = typer.Option("table", "--format", "-f"), extra: str | None = typer.Option(None, "--extra")) -> None: ...
        else:
            def report(fmt: str = typer.Option("table", "--format", "-f")) -> None: ...
        app.command("report")(report)
        return spec.build(app)

    old, new = build(False), build(True)
    assert old != new
    assert fast.parse(new, ["report", "--extra", "x"])[3] == {"fmt": "table", "extra": "x"}
    assert fast.parse(new, ["report", "--extra", "x", "--help"])[:2] == ("help", "report")
    with pytest.raises(fast.Declined):
        fast.parse(old, ["report", "--extra", "x"])
    assert fast.parse(old, ["report", "-fjson"])[3] == {"fmt": "json"}


def test_the_folder_key_changes_with_any_source_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "checklist"
    shutil.copytree(Path(derived.__file__).parents[1], package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(derived, "package_dir", lambda name: str(package) if name == "checklist" else None)
    monkeypatch.setattr(derived, "_RACY_S", -1e12)
    before, _ = derived.manifest()
    source = package / "cli" / "report.py"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace('"--as-of"', '"--as-at"'), encoding="utf-8")  # same size, other option
    assert derived.manifest()[0] != before
    (package / "cli" / "new.py").write_text("", encoding="utf-8")
    assert derived.manifest()[0] not in (before,)


def test_a_source_changed_within_the_racy_window_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "checklist"
    (package / "cli").mkdir(parents=True)
    monkeypatch.setattr(derived, "package_dir", lambda name: str(package) if name == "checklist" else None)
    source = package / "cli" / "a.py"
    source.write_text("x = 1\n", encoding="utf-8")
    old = time.time() - 3600
    os.utime(source, (old, old))  # an old mtime: the ctime still says it changed just now
    assert derived.manifest()[1] is False
    monkeypatch.setattr(derived, "_RACY_S", -1e12)
    assert derived.manifest()[1] is True


def test_the_cache_folder_is_the_ledger_cache_s(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from checklist.ledger.cache import cache_dir

    for env in ({"CHECKLIST_CACHE_DIR": str(tmp_path)}, {"XDG_CACHE_HOME": str(tmp_path)}, {}):
        monkeypatch.delenv("CHECKLIST_CACHE_DIR", raising=False)
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        folder = cache_dir()
        assert folder is not None and derived.base() == str(folder.parent)
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", "")
    assert derived.base() is None and cache_dir() is None


def test_help_is_recorded_per_terminal(sample_ledger: Path, capfd: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Another width is another key: Typer's output for it, never the one recorded for 120 columns."""
    wide = _both(capfd, monkeypatch, ["report", "--help"])[1]
    monkeypatch.setenv("COLUMNS", "60")
    typer_answer, fast_answer, handled = _both(capfd, monkeypatch, ["report", "--help"])
    assert fast_answer == typer_answer and handled and fast_answer != wide
