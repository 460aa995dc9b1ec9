"""YAML syntax errors named as the clerk's mistake, where the clerk made it.

The parser stops where the text stops making sense, often a line after the
mistake, and says so in its own English. The mistakes clerks make are few and
easy to see in the text: a full-width colon after a key (`owner：卢洋`), a tab or
a full-width space in the indentation, a git conflict marker left in the file,
a quote never closed. Each is named as such, on its own line and column, with
the fix; other parser messages are put in the interface language when known.
"""

from __future__ import annotations

import re
from typing import Any

from checklist.problems import Problem

_MARKER = re.compile(r"^(<{7}|={7}|>{7})(?: |$)")
_KEY_COLON = re.compile(r"^[ \t\u3000]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*：")
_INDENT = re.compile(r"^[ \t\u3000]*")

# The parser's words for the common cases, as message keys.
_KNOWN = (
    ("could not find expected ':'", "yaml_detail_no_colon"),
    ("mapping values are not allowed", "yaml_detail_mapping_here"),
    ("did not find expected key", "yaml_detail_no_key"),
    ("did not find expected '-' indicator", "yaml_detail_no_dash"),
    ("found character that cannot start any token", "yaml_detail_bad_token"),
    ("expected <block end>, but found", "yaml_detail_indent"),
    ("found duplicate anchor", "yaml_detail_anchor"),
)


_WIDE_KEY = re.compile(r"^ *\u3000[ \u3000]*(?:-[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*[:：]", re.M)


def wide_indent(text: str, file: str) -> list[Problem]:
    """A key indented with full-width spaces reads, to YAML, as a key named '\u3000\u3000title'
    (no syntax error): named here as the mistake it is. Paragraphs of Chinese text that start
    with full-width spaces inside a block scalar are not keys and are left alone."""
    found = _WIDE_KEY.search(text)
    if found is None:
        return []
    line = text.count("\n", 0, found.start()) + 1
    col = found.group().index("\u3000") + 1
    return [Problem(file, line, col, "yaml_fullwidth_space_indent", {})]


def _candidates(lines: list[str]) -> list[Problem]:
    found: list[Problem] = []
    for number, line in enumerate(lines, 1):
        body = line.rstrip("\r\n")
        marker = _MARKER.match(body)
        if marker:
            found.append(Problem("", number, 1, "yaml_conflict_marker", {"marker": marker.group(1)}))
            continue
        indent = _INDENT.match(body)
        lead = indent.group() if indent else ""
        if "\t" in lead and body.strip():
            found.append(Problem("", number, lead.index("\t") + 1, "yaml_tab_indent", {}))
            continue
        if "\u3000" in lead and body.strip("\u3000 \t"):
            found.append(Problem("", number, lead.index("\u3000") + 1, "yaml_fullwidth_space_indent", {}))
            continue
        colon = _KEY_COLON.match(body)
        if colon:
            found.append(Problem("", number, body.index("：", colon.start(1)) + 1, "yaml_fullwidth_colon",
                                 {"key": colon.group(1)}))
    return found


def diagnose(text: str, file: str, line: int, col: int, exc: Any) -> Problem:
    """The problem to report for a syntax error the parser found at (line, col)."""
    context = str(getattr(exc, "context", "") or "")
    mark = getattr(exc, "context_mark", None)
    lines = text.splitlines(keepends=True)
    found = _candidates(lines)
    markers = [p for p in found if p.key == "yaml_conflict_marker"]
    if markers:
        chosen = markers[0]
        return Problem(file, chosen.line, chosen.col, chosen.key, chosen.params)
    if "quoted scalar" in context and mark is not None:
        quote = lines[mark.line][mark.column] if mark.line < len(lines) and mark.column < len(lines[mark.line]) else '"'
        return Problem(file, mark.line + 1, mark.column + 1, "yaml_unclosed_quote", {"quote": quote})
    before = [p for p in found if p.line <= line]
    if before:
        chosen = before[-1]
        return Problem(file, chosen.line, chosen.col, chosen.key, chosen.params)
    detail = " ".join(str(getattr(exc, "problem", "") or context).split())
    for words, key in _KNOWN:
        if detail.startswith(words):
            return Problem(file, line, col, key, {})
    return Problem(file, line, col, "yaml_syntax", {"detail": detail})
