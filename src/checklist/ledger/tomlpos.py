"""Where a key or a value sits in checklist.toml's text, so that every problem
the config has is located at its line and column (tomllib gives data only)."""

from __future__ import annotations

import re

_HEADER = re.compile(r"[ \t]*\[(?!\[)([^\]#\n]*)\]")
_PART = r'(?:"[^"\n]*"|\'[^\'\n]*\'|[A-Za-z0-9_-]+)'
_DOTTED = re.compile(rf"[ \t]*({_PART}(?:[ \t]*\.[ \t]*{_PART})*)[ \t]*=")


def _parts(dotted: str) -> tuple[str, ...]:
    found = re.findall(_PART, dotted)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in found)


class Positions:
    """The key lines and table headers of a TOML text, found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        # (path of the key, 1-based line, 1-based column, offset in text just after its '=')
        self.keys: list[tuple[tuple[str, ...], int, int, int]] = []
        self.headers: dict[tuple[str, ...], tuple[int, int]] = {}
        self.starts: list[int] = []  # where each key line or header begins: a value ends before the next
        table: tuple[str, ...] = ()
        offset = 0
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header:
                table = _parts(header.group(1))
                self.headers.setdefault(table, (number, header.start(1) + 1))
                self.starts.append(offset)
            else:
                key = _DOTTED.match(line)
                if key:
                    self.starts.append(offset)
                    self.keys.append((table + _parts(key.group(1)), number, key.start(1) + 1, offset + key.end()))
            offset += len(line) + 1

    def key(self, *path: str) -> tuple[int, int]:
        """(line, column) of the key at `path`, e.g. ("escalation", "remind"), or of the nearest
        thing that holds it: a key inside an inline table, the key or header of its table."""
        for found, line, col, _ in self.keys:
            if found == path:
                return line, col
        if path in self.headers:
            return self.headers[path]
        for size in range(len(path) - 1, 0, -1):
            outer = path[:size]
            for found, line, col, after in self.keys:
                if found == outer:
                    inner = self._inside(after, path[size:])
                    return inner if inner is not None else (line, col)
            if outer in self.headers:
                return self.headers[outer]
        return 1, 1

    def value(self, text: str, *path: str) -> tuple[int, int]:
        """(line, column) of the quoted string `text` in the value of the key at `path`."""
        start = self._offset_of(path)
        if start is not None:
            m = re.compile(rf"[\"']{re.escape(text)}[\"']").search(self.text, start, self._end(start))
            if m:
                return self._line_col(m.start())
        return self.key(*path)

    def _offset_of(self, path: tuple[str, ...]) -> int | None:
        """Where the value of the key at `path` (or of the inline table holding it) begins."""
        for size in range(len(path), 0, -1):
            for found, _, _, after in self.keys:
                if found == path[:size]:
                    return after
        return None

    def _inside(self, start: int, rest: tuple[str, ...]) -> tuple[int, int] | None:
        """A key of an inline table, searched for in the value that begins at `start`."""
        pattern = r"[ \t]*\.[ \t]*".join(rf"(?:\"{re.escape(p)}\"|'{re.escape(p)}'|{re.escape(p)})" for p in rest)
        m = re.compile(rf"[{{,][ \t\n]*({pattern})[ \t]*=").search(self.text, start, self._end(start))
        return self._line_col(m.start(1)) if m else None

    def _end(self, start: int) -> int:
        return next((s for s in self.starts if s > start), len(self.text))

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1
