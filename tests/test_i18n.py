"""The catalogs: every message in both languages, every key used, every used key defined."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from checklist.i18n import catalog

SRC = Path(__file__).resolve().parents[1] / "src" / "checklist"
# Chinese characters, or the full-width punctuation of a message that is only placeholders.
CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
# Calls whose first string argument (or the given position) is a message key.
KEYED_CALLS = {"t": 0, "ChecklistError": 0, "UsageError": 0, "Problem": 3, "problem": 1, "at": 1, "bad": 1}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _literals() -> tuple[set[str], set[str], list[tuple[str, int, str]]]:
    """Every string constant in the source, the leading text of every f-string (a key
    built as f"rpt_state_{state}" has the prefix "rpt_state_"), and every literal passed
    where a key is expected."""
    constants: set[str] = set()
    prefixes: set[str] = set()
    keyed: list[tuple[str, int, str]] = []
    for path in SRC.rglob("*.py"):
        if "messages" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    prefixes.add(head.value)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in KEYED_CALLS and len(node.args) > KEYED_CALLS[name]:
                    arg = node.args[KEYED_CALLS[name]]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        keyed.append((str(path.relative_to(SRC)), node.lineno, arg.value))
    return constants, prefixes, keyed


@pytest.mark.parametrize("key", sorted(catalog()))
def test_both_languages(key: str) -> None:
    en, zh = catalog()[key]
    assert en.strip() and zh.strip(), key
    assert CJK.search(zh), f"{key}: the Chinese text has no Chinese"
    assert _fields(en) == _fields(zh), f"{key}: placeholders differ"


def test_every_used_key_is_defined() -> None:
    _, _, keyed = _literals()
    missing = [f"{file}:{line}: {key}" for file, line, key in keyed if key not in catalog() and re.fullmatch(r"[a-z][a-z0-9_]*", key)]
    assert missing == []


def test_every_key_is_used() -> None:
    constants, prefixes, _ = _literals()
    # Keys built from a prefix and a name, e.g. t(f"rpt_state_{state}"): only an f-string's prefix counts.
    built = [p for p in prefixes if p.endswith("_") and re.fullmatch(r"[a-z][a-z0-9_]*", p)]
    unused = [key for key in catalog() if key not in constants and not any(key.startswith(p) for p in built)]
    assert unused == []
