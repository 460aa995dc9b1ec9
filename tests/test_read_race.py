"""A list file changed while the ledger is read: the ledger-wide rules' findings are those of
the versions read, never a summary of the versions before (matched against the stat keys the
read itself used)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from checklist.ledger import cache, files
from test_read_index import _ledger


def _aged(root: Path) -> None:
    """Files changed an hour ago: the summary of the ledger-wide rules is written."""
    for path in [root / "checklist.toml", *(root / "lists").iterdir()]:
        os.utime(path, (path.stat().st_atime - 3600, path.stat().st_mtime - 3600))


@pytest.mark.parametrize("compact", [True, False])
def test_a_file_changed_while_the_ledger_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compact: bool) -> None:
    root = _ledger(tmp_path / "ledger", 4, departments=2, items=10)
    _aged(root)
    assert files.open_ledger(str(root), compact=compact).problems == []
    assert list((cache.cache_dir() / "summaries").glob("*.json"))  # type: ignore[operator]
    later = root / "lists" / "d1x.yaml"
    text = later.read_text(encoding="utf-8")
    assert "category: 作风" in text
    load = cache.load_compact if compact else cache.load_file
    changed: list[Path] = []

    def load_then_change(path: Path, display: str) -> Any:
        if not changed:  # another clerk saves the second file while the first is read
            later.write_text(text.replace("category: 作风", "category: 作凤", 1), encoding="utf-8")
            changed.append(path)
        return load(path, display)

    monkeypatch.setattr(cache, "load_compact" if compact else "load_file", load_then_change)
    found = files.open_ledger(str(root), compact=compact).problems
    monkeypatch.undo()
    assert changed and changed[0].name == "d0x.yaml"
    assert [p.key for p in found] == ["category_unknown_hint"]
    assert found == files.open_ledger(str(root), compact=compact).problems
