"""The speed patch of Typer's internals (cli/typer_speed.py) is installed only on the Typer it
was written for, and commands give the same results with it, without it
(CHECKLIST_PLAIN_TYPER=1) and when Typer's internals differ."""

from __future__ import annotations

import abc
import dataclasses
import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ONE_ITEM, git

# Runs commands in one fresh process; PATCH is Python run before checklist is imported.
RUN = """
import contextlib, io, json, sys
{patch}
from checklist.__main__ import main
from checklist.cli import app, typer_speed
results = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps({{"installed": typer_speed.installed, "skipped": typer_speed.skipped,
                  "group": getattr(app.app.info.cls, "__name__", None), "pydantic": "pydantic" in sys.modules, "results": results}}))
"""

# A clerk's session: text, list, flag and DATE options of every editing command, the readers,
# and the refusals (exit 1) and usage errors (exit 2) on the way.
SESSION = [
    ["add", "--dept", "CZJ", "--title", "新问题", "--owner", "李四", "--deadline", "2026年12月底",
     "--partner", "市发展和改革委员会", "--partner", "市审计局", "--measures", "制定方案"],
    ["note", "CZJ-001", "已召开专题会议", "--date", "2026-11-26"],
    ["extend", "czj-001", "--to", "+6w", "--reason", "需要配合"],
    ["close", "CZJ-001", "--result", "已整改", "--evidence", "evidence/方案.txt", "--date", "2026/11/27"],
    ["update", "CZJ-002", "--measures", "", "--source", "汇报会"],
    ["note", "CZJ-002", "进展", "--quiet"],
    ["verify", "CZJ-001", "--by", "市委督查室", "--no-commit"],
    ["list", "--state", "open", "--as-of", "2026-12-01"],
    ["list", "--owner", "李四", "--format", "csv"],
    ["report", "--format", "json", "--as-of", "2026年12月1日"],
    ["show", "CZJ-001", "--format", "json"],
    ["history", "CZJ-001", "--format", "json"],
    ["validate"],
    ["close", "CZJ-404", "--result", "已整改"],
    ["note", "CZJ-002", "进展", "--date", "明天"],
    ["close", "CZJ-002"],
    ["list", "--bogus"],
    ["reopen", "CZJ-001"],
]
EXPECTED_CODES = [0] * 13 + [1, 2, 2, 2, 2]


@pytest.fixture(autouse=True)
def fixed_day(clean_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """One day and one commit time: two runs of a session make the same commits."""
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-28")
    for var in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(var, "2026-11-28T10:00:00+08:00")


def _ledger(root: Path) -> Path:
    (root / "lists").mkdir(parents=True)
    (root / "evidence").mkdir()
    (root / "checklist.toml").write_text('lists = "lists"\n[departments]\nCZJ = "市财政局"\nFGW = "市发展和改革委员会"\n', encoding="utf-8")
    (root / "lists" / "CZJ.yaml").write_text(ONE_ITEM, encoding="utf-8")
    (root / "evidence" / "方案.txt").write_text("整改方案\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


def _session(root: Path, env: dict[str, str] | None = None, patch: str = "") -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", RUN.format(patch=patch), json.dumps(SESSION)],
                          cwd=root, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    outcome: dict[str, Any] = json.loads(proc.stdout.splitlines()[-1])
    return outcome


def _files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in sorted((root / "lists").rglob("*.yaml"))}


def test_patch_and_plain_typer_give_the_same_results(tmp_path: Path) -> None:
    patched_root, plain_root = _ledger(tmp_path / "patched"), _ledger(tmp_path / "plain")
    patched = _session(patched_root)
    plain = _session(plain_root, env={"CHECKLIST_PLAIN_TYPER": "1"})
    assert (patched["installed"], patched["group"]) == (True, "LocalizedGroup"), patched["skipped"]
    assert (plain["installed"], plain["skipped"], plain["group"]) == (False, [], None)
    assert [r[0] for r in patched["results"]] == EXPECTED_CODES, patched["results"]
    for args, mine, typers in zip(SESSION, patched["results"], plain["results"], strict=True):
        assert mine == typers, args
    assert _files(patched_root) == _files(plain_root)
    assert git(patched_root, "log", "--format=%H %s") == git(plain_root, "log", "--format=%H %s")


def test_reading_commands_skip_pydantic_only_with_the_patch(tmp_path: Path) -> None:
    root = _ledger(tmp_path / "ledger")
    # A reading command, and an edit whose count is typed as text (note --percent).
    reading = [["list", "--state", "open", "--as-of", "2026-12-01"],
               ["note", "CZJ-001", "进展", "--percent", "40", "--no-commit", "--date", "2026-11-20"]]
    for env, pydantic in (({}, False), ({"CHECKLIST_PLAIN_TYPER": "1"}, True)):
        # Through Typer (a warm reading command skips it altogether on the fast path: tests/test_fast_cli.py).
        proc = subprocess.run([sys.executable, "-c", RUN.format(patch=""), json.dumps(reading)], cwd=root,
                              env={**os.environ, **env, "CHECKLIST_FAST": "0"}, capture_output=True, text=True, timeout=60)
        outcome = json.loads(proc.stdout.splitlines()[-1])
        assert ([r[0] for r in outcome["results"]], outcome["pydantic"]) == ([0] * len(reading), pydantic), (env, outcome)


# Typer changes the patch cannot follow, made in the process before checklist is imported.
CHANGED_TYPER = {
    "build_runtime_param takes more": (
        "import typer._coercion as c\n_b = c.build_runtime_param\n"
        "c.build_runtime_param = lambda descriptor, extra=None: _b(descriptor)",
        "build_runtime_param does not take (descriptor)"),
    "get_runtime_param takes ctx": (
        "import typer.core as k\n_g = k._TyperParameter.get_runtime_param\n"
        "k._TyperParameter.get_runtime_param = lambda self, ctx=None: _g(self)",
        "_TyperParameter.get_runtime_param does not take (self)"),
}


@pytest.mark.parametrize("change", list(CHANGED_TYPER))
def test_changed_internals_leave_typer_as_shipped(tmp_path: Path, change: str) -> None:
    patch, reason = CHANGED_TYPER[change]
    root = _ledger(tmp_path / "ledger")
    outcome = _session(root, patch=patch)
    assert outcome["installed"] is False and any(reason in s for s in outcome["skipped"]), outcome["skipped"]
    assert [r[0] for r in outcome["results"]] == EXPECTED_CODES, outcome["results"]
    assert outcome["pydantic"] is True  # Typer's own coercion ran


def _typer_modules() -> tuple[types.ModuleType, types.ModuleType]:
    from typer import _coercion, core

    return _coercion, core


def _changed(module: types.ModuleType, **attrs: Any) -> types.ModuleType:
    copy = types.ModuleType(module.__name__)
    copy.__dict__.update(vars(module))
    copy.__dict__.update(attrs)
    for name, value in attrs.items():
        if value is None:
            del copy.__dict__[name]
    return copy


def test_the_tested_typer_matches_what_the_patch_relies_on() -> None:
    from checklist.cli import typer_speed

    assert typer_speed.mismatches(*_typer_modules()) == []


def _mismatch_cases() -> dict[str, tuple[dict[str, Any], dict[str, Any], str]]:
    """(changes to typer._coercion, changes to typer.core, the mismatch reported)."""
    coercion, core = _typer_modules()

    @dataclasses.dataclass(frozen=True)
    class MoreFields(coercion.RuntimeParam):  # type: ignore[misc,name-defined]
        adapter: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return value

    class OtherCoerce(coercion.RuntimeParam):  # type: ignore[misc,name-defined]
        @abc.abstractmethod
        def _coerce_value(self, value: Any, ctx: Any) -> Any: ...  # type: ignore[override]

    @dataclasses.dataclass(frozen=True)
    class Descriptor:
        annotation: Any
        parameter_info: Any

    class NoAnnotations:
        def get_runtime_param(self) -> Any:
            return None

    return {
        "RuntimeParam gained a field": ({"RuntimeParam": MoreFields}, {}, "not a dataclass of (parameter_info, annotation)"),
        "_coerce_value lost param": ({"RuntimeParam": OtherCoerce}, {}, "RuntimeParam._coerce_value does not take"),
        "no RuntimeParam": ({"RuntimeParam": None}, {}, "not a dataclass"),
        "TypeDescriptor lost file_annotation": ({"TypeDescriptor": Descriptor}, {}, "TypeDescriptor lacks"),
        "no _TyperParameter": ({}, {"_TyperParameter": None}, "_TyperParameter is missing"),
        "parameter without its attributes": ({}, {"_TyperParameter": NoAnnotations}, "does not declare _runtime_param"),
        "TyperOption elsewhere": ({}, {"TyperOption": object}, "TyperOption is not a _TyperParameter"),
    }


@pytest.mark.parametrize("case", list(_mismatch_cases()))
def test_each_changed_internal_is_named(case: str) -> None:
    from checklist.cli import typer_speed

    coercion_changes, core_changes, expected = _mismatch_cases()[case]
    coercion, core = _typer_modules()
    found = typer_speed.mismatches(_changed(coercion, **coercion_changes), _changed(core, **core_changes))
    assert any(expected in problem for problem in found), found
