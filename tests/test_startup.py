"""Start-up stays light: a warm reading command imports neither pydantic (which Typer's
own coercion would pull in) nor the YAML parser, and `--version` not even Typer
(speed itself is measured in bench/); a run pauses the garbage collector."""

from __future__ import annotations

import subprocess
import sys

from conftest import SAMPLE

PROBE = """
import sys
from checklist.__main__ import main
code = main({args!r})
print(code, *sorted(m for m in ("pydantic", "typer", "rich", "ruamel.yaml") if m in sys.modules))
"""


def _loaded(*args: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True, check=True)
    return proc.stdout.splitlines()[-1].split()


def test_version_imports_nothing_heavy() -> None:
    assert _loaded("--version") == ["0"]


def test_warm_report_and_list_skip_pydantic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    _loaded("validate", str(SAMPLE))  # fills the cache
    for args in (("report", str(SAMPLE), "--as-of", "2026-12-01", "--format", "json"),
                 ("report", str(SAMPLE), "--as-of", "2026-12-01", "--format", "json"),
                 ("list", str(SAMPLE), "--state", "overdue", "--as-of", "2026-12-01"),
                 ("validate", str(SAMPLE))):
        loaded = _loaded(*args)
        assert loaded[0] == "0", loaded
        # Through Typer the first time (no spec yet), then on the fast path without Typer at all
        # (tests/test_fast_cli.py): neither imports pydantic or the YAML parser.
        assert "pydantic" not in loaded and "ruamel.yaml" not in loaded, (args, loaded)


def test_multi_value_and_flag_options_still_parse(cli) -> None:  # type: ignore[no-untyped-def]
    from checklist.ledger.files import open_ledger

    items = len(open_ledger(None, [str(SAMPLE)]).records())
    result = cli("--quiet", "validate", str(SAMPLE), str(SAMPLE.parent))
    assert (result.code, result.out) == (1, ""), result
    # The same file given twice (a PATH and its folder): both were read, so every item is a duplicate.
    lines = result.err.splitlines()
    assert len(lines) == items + 1 and all(" duplicate ID " in line for line in lines[:-1]), result
    assert lines[-1] == f"2 file(s) checked: {items} problem(s)", result


def test_a_run_pauses_the_garbage_collector_and_gives_it_back(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A command runs without cyclic collections; main() called inside another process (as
    here) turns the collector on again when it returns, whether the command succeeded or not."""
    import gc

    from checklist.__main__ import main
    from checklist.cli import report

    seen: list[bool] = []
    real = report._write_report

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(report, "_write_report", spy)
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(tmp_path / "cache"))
    assert gc.isenabled()
    assert main(["report", str(SAMPLE), "--as-of", "2026-12-01"]) == 0
    assert seen == [False] and gc.isenabled()
    assert main(["report", str(tmp_path / "missing.yaml")]) != 0
    assert gc.isenabled()
