"""A list file changed while the ledger is read: the ledger-wide rules' findings are those of
the versions read, never a summary of the versions before (matched against the stat keys the
read itself used)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from checklist.ledger import cache, files
from checklist.ledger.index import ready
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


@pytest.mark.parametrize("compact", [True, False])
def test_an_entry_made_just_after_its_file_changed_is_checked_by_content_until_the_window_has_passed(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compact: bool) -> None:
    """A file saved by an edit or a pull is read within seconds: its entry cannot trust the stat
    (a second change in the same tick would look the same), so it is checked by content. Once
    the change is older than that window, a read index entry is vouched for once, and the report
    never reads the file again until it changes; a full entry (what an edit reads, just before
    it changes the file) is checked by content each time."""
    import time

    root = _ledger(tmp_path / "ledger", 3, departments=1, items=8)
    path = next((root / "lists").iterdir())
    load = cache.load_compact if compact else cache.load_file
    first = load(path, path.name)
    reads: list[Path] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or read_bytes(self))

    def seen() -> list[Any]:
        reads.clear()
        found = load(path, path.name)
        assert [ready(d) for d in found.departments] == [ready(d) for d in first.departments]
        assert found.problems == first.problems
        return [p for p in reads if p.name == path.name]

    assert seen() == [path.resolve()]  # within the window: by content
    later = time.time_ns() + 3_000_000_000
    monkeypatch.setattr(time, "time_ns", lambda: later)
    assert seen() == [path.resolve()]  # past it: by content once more (and an index entry vouched for)
    assert seen() == ([] if compact else [path.resolve()])
    assert seen() == ([] if compact else [path.resolve()])
    path.write_text(path.read_text(encoding="utf-8").replace("问题", "难题", 1), encoding="utf-8")
    monkeypatch.setattr(time, "time_ns", lambda: later + 3_000_000_000)
    assert [ready(d) for d in load(path, path.name).departments] != first.departments
