"""The summary of the ledger-wide rules: after some list files changed, only they are checked
again (their own findings, rules.file_rules), and the findings are always those of the full
check (rules.ledger_rules), in the same order: with IDs twice in the ledger, with a changed
roster or categories, with files just written (their stat not yet to be trusted)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.ledger import cache, files, rules
from checklist.ledger.rules import ledger_rules
from test_read_index import _ledger


def _aged(root: Path, step: int, only: Path | None = None) -> None:
    """Every file (or `only`) last changed well before now (a summary trusts its stat)."""
    when = time.time() - 3600 + step
    for path in [only] if only is not None else [root / "checklist.toml", *(root / "lists").iterdir()]:
        os.utime(path, (when, when))


def _full(monkeypatch: pytest.MonkeyPatch, root: Path, compact: bool) -> list[Any]:
    """The findings with every rule run over the whole ledger, no summary."""
    def everything(ledger: files.Ledger, compact: bool, inputs: Any, cached: Any) -> tuple[list[Any], None]:
        return ledger_rules(files._rule_view(ledger) if compact else ledger, evidence=False), None

    with monkeypatch.context() as patch:
        patch.setattr(files, "_rules", everything)
        patch.setattr(cache, "summary_read", lambda name: None)
        return files.open_ledger(str(root), compact=compact).problems


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = rules.file_rules

    def counted(config: Any, fd: Any) -> Any:
        seen.append(fd.display)
        return real(config, fd)

    monkeypatch.setattr(rules, "file_rules", counted)
    return seen


def _edit(root: Path, kind: str, f: int, n: int) -> Path:
    lists = sorted((root / "lists").iterdir())
    path = lists[f % len(lists)]
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if kind == "category":
        at = [i for i, line in enumerate(lines) if line.startswith("    category: ")]
        if at:
            i = at[n % len(at)]
            lines[i] = "    category: " + ("工做" if lines[i].endswith(("作风", "思想")) else "作风")
    elif kind == "duplicate":
        other = lists[(f + 1 + n) % len(lists)]
        first = next(line for line in other.read_text(encoding="utf-8").split("\n") if line.startswith("  - id: "))
        at = [i for i, line in enumerate(lines) if line.startswith("  - id: ")]
        lines[at[n % len(at)]] = first
    elif kind == "name":
        lines[0] = lines[0] + "办" if not lines[0].endswith("办") else lines[0][:-1]
    elif kind == "touch":
        pass
    elif kind == "config":
        path = root / "checklist.toml"
        config = path.read_text(encoding="utf-8")
        if '"思想", ' in config:
            config = config.replace('"思想", ', "")
        else:
            config = config.replace('categories = [', 'categories = ["思想", ')
        path.write_text(config, encoding="utf-8")
        return path
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


step = st.tuples(st.sampled_from(["category", "category", "duplicate", "name", "touch", "config"]),
                 st.integers(0, 3), st.integers(0, 20), st.booleans())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 20), steps=st.lists(step, min_size=1, max_size=5), compact=st.booleans())
def test_the_summary_finds_what_the_full_check_finds(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory,
                                                     seed: int, steps: list[Any], compact: bool) -> None:
    root = _ledger(tmp_path_factory.mktemp("l") / "ledger", seed, departments=3, items=8)
    _aged(root, 0)
    files.open_ledger(str(root), compact=compact)
    for number, (kind, f, n, aged) in enumerate(steps, 1):
        changed = _edit(root, kind, f, n)
        if aged:
            _aged(root, number, changed)
        for _ in range(2):
            assert files.open_ledger(str(root), compact=compact).problems == _full(monkeypatch, root, compact)


@pytest.mark.parametrize("compact", [True, False])
def test_after_a_pull_only_the_changed_files_are_checked_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compact: bool) -> None:
    root = _ledger(tmp_path / "ledger", 3, departments=4, items=10)
    _aged(root, 0)
    files.open_ledger(str(root), compact=compact)
    target = root / "lists" / "d1x.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("    category: ", "    category: 工做", 1), encoding="utf-8")
    _edit(root, "name", 2, 0)
    checked = _counted(monkeypatch)
    found = files.open_ledger(str(root), compact=compact).problems
    assert sorted(checked) == ["lists/d1x.yaml", "lists/d2x.yaml"]  # just written: checked again, and not trusted
    assert {p.key for p in found} >= {"category_unknown_hint", "dept_name_mismatch"}
    checked.clear()
    assert files.open_ledger(str(root), compact=compact).problems == found
    assert sorted(checked) == ["lists/d1x.yaml", "lists/d2x.yaml"]
    _aged(root, 1)
    checked.clear()
    assert files.open_ledger(str(root), compact=compact).problems == found
    assert len(checked) == 4  # every stat changed (ctime)
    checked.clear()
    assert files.open_ledger(str(root), compact=compact).problems == found
    assert checked == []  # nothing changed: the summary's findings
    assert found == _full(monkeypatch, root, compact)
