"""YAML text to plain data plus node positions, on ruamel.yaml's event stream.

Reading must be fast (a ledger holds tens of thousands of items) and safe
(a list file is data, never code), so we do not use a YAML constructor at
all: we walk the parser's events and build dicts, lists and scalars
ourselves. Only the YAML core types and dates exist here; aliases, custom
tags, duplicate keys and deep nesting are refused as located problems.
The events come from ruamel.yaml's public `YAML.parse`: libyaml's C parser
when ruamel.yaml.clib is installed, ruamel's pure-Python parser otherwise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from checklist.problems import Problem

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.reader import ReaderError

MAX_DEPTH = 64
Path = tuple[Any, ...]

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_SPECIAL_START = frozenset("0123456789+-.~nNtTfF")
_STD = "tag:yaml.org,2002:"
_KNOWN_TAGS = frozenset(
    _STD + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


@dataclass
class Parsed:
    """A parsed file: its data, where each node starts, and what went wrong."""

    data: Any = None
    pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keypos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """The position of a node (or of its key), falling back to its nearest parent."""
        table = self.keypos if key else self.pos
        while path:
            if path in table:
                return table[path]
            if path in self.pos:
                return self.pos[path]
            path = path[:-1]
        return self.pos.get((), (1, 1))


def resolve_plain(value: str) -> Any:
    """A plain scalar as YAML 1.2's core schema (plus dates) reads it."""
    if not value:
        return None
    if value[0] not in _SPECIAL_START:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _DATE.match(value):
        try:
            y, m, d = value.split("-")
            return date(int(y), int(m), int(d))
        except ValueError:
            return value  # left as text; the model reports "not a valid date"
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value.replace("_", ""))
    return value


def _tagged(value: str, tag: str) -> Any:
    kind = tag[len(_STD):]
    if kind == "str":
        return value
    resolved = resolve_plain(value)
    if kind == "null":
        return None
    if kind == "bool" and isinstance(resolved, bool):
        return resolved
    if kind == "int" and isinstance(resolved, int) and not isinstance(resolved, bool):
        return resolved
    if kind == "float" and isinstance(resolved, (int, float)):
        return float(resolved)
    if kind == "timestamp" and isinstance(resolved, date):
        return resolved
    return value


def decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Bytes to text: UTF-8 (a BOM allowed); GB18030 files are named as such."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # In characters, as every other column (the bytes before exc.start are valid UTF-8).
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        try:
            raw.decode("gb18030")
            return None, Problem(file, line, col, "encoding_gb18030")
        except UnicodeDecodeError:
            return None, Problem(file, line, col, "encoding_bad")


def parse_text(text: str, file: str) -> Parsed:
    """Parse YAML text into data and positions; syntax errors become one problem."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    out = Parsed()
    # Both parsers skip a leading BOM, but only the pure one counts it in a mark's index.
    text = text[1:] if text.startswith("\ufeff") else text
    events = _yaml().parse(text)
    try:
        _walk(events, text, out, file)
    except MarkedYAMLError as exc:
        from checklist.yamldoc.mistakes import diagnose

        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        # Named as the clerk's mistake (a full-width colon, a tab, a conflict marker...) where it is.
        out.problems.append(diagnose(text, file, line, col, exc))
        out.data = None
    except ReaderError as exc:
        line, col = _bad_char_at(text, exc)
        code = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        out.problems.append(Problem(file, line, col, "yaml_bad_char", {"char": code}))
        out.data = None
    except YAMLError as exc:
        detail = " ".join(str(exc).split())
        out.problems.append(Problem(file, 1, 1, "yaml_syntax", {"detail": detail}))
        out.data = None
    except _Stop:
        out.data = None
    finally:
        events.close()  # a walk stopped early releases the parser now
    if not out.problems and "\u3000" in text:
        from checklist.yamldoc.mistakes import wide_indent

        wide = wide_indent(text, file)
        if wide:
            out.problems += wide
            out.data = None
    return out


@functools.cache
def _yaml() -> YAML:
    # One per process: building a YAML scans ruamel's folder for plug-ins. Its parse()
    # uses libyaml when ruamel.yaml.clib is importable and the pure-Python parser otherwise.
    from ruamel.yaml import YAML

    return YAML(typ="safe")


def _bad_char_at(text: str, exc: ReaderError) -> tuple[int, int]:
    # libyaml's position counts UTF-8 bytes, the pure reader's counts characters; both
    # refuse the first bad character they meet, so its first occurrence is the place.
    index = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
    if index < 0:
        index = min(max(0, int(exc.position)), len(text))
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


class _Stop(Exception):
    """The file cannot be read any further; the problem is already recorded."""


def _walk(events: Iterator[Any], text: str, out: Parsed, file: str) -> None:
    from ruamel.yaml import events as ev

    mapping_start, mapping_end = ev.MappingStartEvent, ev.MappingEndEvent
    seq_end = ev.SequenceEndEvent
    scalar, alias = ev.ScalarEvent, ev.AliasEvent
    doc_start, stream_end = ev.DocumentStartEvent, ev.StreamEndEvent
    skip = (ev.StreamStartEvent, ev.DocumentEndEvent)

    pos, keypos, problems = out.pos, out.keypos, out.problems
    # Each frame: [container, path, pending key, {key: line}, the key's end mark, flow style]
    stack: list[list[Any]] = []
    documents = 0
    root: Any = None
    have_root = False

    def problem(mark: Any, msg: str, **params: Any) -> None:
        problems.append(Problem(file, mark.line + 1, mark.column + 1, msg, params))

    for event in events:
        kind = type(event)
        if kind is stream_end:
            break
        if kind in skip:
            continue
        if kind is doc_start:
            documents += 1
            if documents > 1:
                problem(event.start_mark, "yaml_multiple_documents")
                raise _Stop
            continue

        if kind is mapping_end or kind is seq_end:
            frame = stack.pop()
            if not stack:
                root, have_root = frame[0], True
            else:
                _attach(stack[-1], frame[0])
            continue

        # A node: where does it go?
        if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
            # This node is a key.
            parent = stack[-1]
            mark = event.start_mark
            if kind is scalar:
                key_value: Any = event.value if event.style else resolve_plain(event.value)
                if event.tag and event.tag != "!" and event.tag not in _KNOWN_TAGS:
                    problem(mark, "yaml_tag", tag=_short_tag(event.tag))
                if isinstance(key_value, date):
                    key_value = event.value
                key_text = key_value if isinstance(key_value, str) else str(event.value)
                parent[4] = event.end_mark
                if key_text in parent[0] or key_text in parent[3]:
                    first = parent[3].get(key_text)
                    problem(mark, "yaml_duplicate_key", key=key_text, first=first)
                    parent[2] = _DUPLICATE
                else:
                    parent[3][key_text] = mark.line + 1
                    parent[2] = key_text
                    keypos[parent[1] + (key_text,)] = (mark.line + 1, mark.column + 1)
                continue
            if kind is alias:
                problem(mark, "yaml_alias", name=event.anchor)
                raise _Stop
            problem(mark, "yaml_complex_key")
            raise _Stop

        mark = event.start_mark
        if stack:
            parent = stack[-1]
            if isinstance(parent[0], dict):
                slot = parent[2]
                path = parent[1] + (slot,)
            else:
                path = parent[1] + (len(parent[0]),)
        else:
            path = ()
        if kind is alias:
            problem(mark, "yaml_alias", name=event.anchor)
            raise _Stop
        tag = event.tag
        if tag and tag != "!" and tag not in _KNOWN_TAGS:
            problem(mark, "yaml_tag", tag=_short_tag(tag))
            raise _Stop
        where = (mark.line + 1, mark.column + 1)
        if (kind is scalar and not event.value and not event.style and tag is None
                and event.anchor is None and stack and parent[4] is not None):
            where = _empty_value_at(text, parent[4], parent[5]) or where
        pos[path] = where
        if kind is scalar:
            if tag and tag != "!":
                value: Any = _tagged(event.value, tag)
            elif event.style or event.implicit == (False, True) or tag == "!":
                value = event.value
            else:
                value = resolve_plain(event.value)
            if stack:
                _attach(stack[-1], value)
            else:
                root, have_root = value, True
            continue
        if len(stack) >= MAX_DEPTH:
            problem(mark, "yaml_too_deep", depth=MAX_DEPTH)
            raise _Stop
        container: Any = {} if kind is mapping_start else []
        stack.append([container, path, _NO_KEY, {}, None, bool(event.flow_style)])
    out.data = root if have_root else None


def _empty_value_at(text: str, key_end: Any, flow: bool) -> tuple[int, int] | None:
    # libyaml puts an empty mapping value just after its ':' in block style and on the next
    # token (',', '}' or ']') in flow style; ruamel's pure parser puts it on the next token
    # in block style and after the ':' in flow style. Both agree where the key ends.
    i = key_end.index
    line, line_start = key_end.line, i - key_end.column
    while text[i : i + 1] in (" ", "\t"):
        i += 1
    if text[i : i + 1] != ":":
        return None
    i += 1
    while flow and text[i : i + 1] not in (",", "}", "]"):
        c = text[i : i + 1]
        if c in (" ", "\t"):
            i += 1
        elif c == "#":
            i = min((j for j in (text.find("\n", i), text.find("\r", i)) if j >= 0), default=len(text))
        elif c in ("\r", "\n"):
            i += 2 if text.startswith("\r\n", i) else 1
            line, line_start = line + 1, i
        else:
            return None
    return line + 1, i - line_start + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_NO_KEY = _Marker("no key")
_DUPLICATE = _Marker("duplicate")


def _attach(frame: list[Any], value: Any) -> None:
    container = frame[0]
    if isinstance(container, dict):
        key = frame[2]
        if key is not _DUPLICATE:
            container[key] = value
        frame[2] = _NO_KEY
    else:
        container.append(value)
