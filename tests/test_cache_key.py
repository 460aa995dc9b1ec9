"""The cache cannot go stale: its folder is named after the package version and a
digest of the code that decides what an entry holds, so a changed rule is seen by
the very next (warm) read, with no constant to bump by hand."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checklist.ledger import cache

from conftest import ONE_ITEM, REPO, write

RUN = "import sys; sys.path.insert(0, sys.argv[1]); from checklist.__main__ import main; sys.exit(main(sys.argv[2:]))"


def _validate(code: Path, ledger: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", RUN, str(code), "validate"], cwd=ledger,
                          capture_output=True, text=True, timeout=60)


def test_a_changed_rule_is_seen_by_a_warm_read(ledger: Path, tmp_path: Path) -> None:
    code = tmp_path / "code"
    shutil.copytree(REPO / "src" / "checklist", code / "checklist", ignore=shutil.ignore_patterns("__pycache__"))
    write(ledger / "lists" / "CZJ.yaml", ONE_ITEM)
    for _ in range(2):  # cold, then warm
        clean = _validate(code, ledger)
        assert (clean.returncode, clean.stderr) == (0, ""), clean
    folders = [p.name for p in cache.cache_dir().parent.iterdir()]  # type: ignore[union-attr]
    assert len(folders) == 1, folders

    rules = code / "checklist" / "domain" / "checks.py"
    source = rules.read_text(encoding="utf-8")
    anchor = '    item_id, status, owner = get("id"), get("status"), get("owner")\n'
    assert anchor in source
    # A new rule: a title that admits slackness (思想松懈) is not a problem statement.
    rules.write_text(source.replace(anchor, anchor + '    if "松懈" in str(get("title")):\n'
                                                    '        at("title", "empty_field", field="title")\n'), encoding="utf-8")
    warm = _validate(code, ledger)
    assert warm.returncode == 1, warm
    assert warm.stderr.startswith("lists/CZJ.yaml:5:12: "), warm
    assert len([p.name for p in cache.cache_dir().parent.iterdir()]) == 2  # type: ignore[union-attr]


def test_the_key_names_the_version_and_changes_with_the_code(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from checklist import __version__

    key = cache.code_key()
    assert key.startswith(f"{__version__}-") and len(key) == len(__version__) + 17
    copy = tmp_path / "checklist"
    shutil.copytree(REPO / "src" / "checklist", copy, ignore=shutil.ignore_patterns("__pycache__"))
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); from checklist.ledger import cache; "
             "print(cache.code_key())")
    same = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True)
    assert same.stdout.strip() == key
    (copy / "yamldoc" / "parse.py").write_text((copy / "yamldoc" / "parse.py").read_text() + "\n# changed\n")
    changed = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True)
    assert changed.stdout.strip() != key


@pytest.mark.parametrize("builtin", [True, False])
def test_the_keys_sha1_is_hashlibs(builtin: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The caches' keys are sha1 digests: the builtin one, or hashlib's where a build lacks it."""
    import hashlib

    from checklist.sha import sha1

    if not builtin:
        monkeypatch.setitem(sys.modules, "_sha1", None)  # `from _sha1 import ...` now fails
    for data in (b"", b"abc", "整改清单".encode(), bytes(range(256)) * 100):
        assert sha1(data).hexdigest() == hashlib.sha1(data).hexdigest()
        grown = sha1()
        grown.update(data[:7])
        grown.update(data[7:])
        assert grown.digest() == hashlib.sha1(data).digest()
