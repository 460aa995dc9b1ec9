"""Start-up stays light: a reading command imports neither pydantic nor Typer's
pydantic coercion, and `--version` not even Typer (speed is measured in bench/)."""

from __future__ import annotations

import subprocess
import sys

from conftest import SAMPLE

PROBE = """
import sys
from checklist.__main__ import main
code = main({args!r})
print(code, *sorted(m for m in ("pydantic", "typer", "typer._adapters", "rich", "ruamel.yaml") if m in sys.modules))
"""


def _loaded(*args: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True, check=True)
    return proc.stdout.splitlines()[-1].split()


def test_version_imports_nothing_heavy() -> None:
    assert _loaded("--version") == ["0"]


def test_warm_report_and_list_skip_pydantic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    _loaded("validate", str(SAMPLE))  # fills the cache
    for args in (("report", str(SAMPLE), "--as-of", "2026-12-01", "--format", "json"),
                 ("list", str(SAMPLE), "--state", "overdue", "--as-of", "2026-12-01"),
                 ("validate", str(SAMPLE))):
        loaded = _loaded(*args)
        assert loaded[0] == "0", loaded
        assert "pydantic" not in loaded and "typer._adapters" not in loaded and "ruamel.yaml" not in loaded, (args, loaded)


def test_multi_value_and_flag_options_still_parse(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--quiet", "validate", str(SAMPLE), str(SAMPLE.parent))
    assert (result.code, result.out, result.err) == (1, "", result.err), result
    assert "duplicate ID" in result.err  # the same file given twice: both were read
