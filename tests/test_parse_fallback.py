"""Without ruamel.yaml.clib, reading falls back to ruamel's pure-Python parser and says
the same: the same data and positions, and every problem at the same FILE:LINE:COL.

The pure parser runs here two ways: in a subprocess with libyaml hidden (the real
fallback, end to end) and in this process through `YAML(typ="safe", pure=True)` (many
files compared quickly). On these files only a YAML syntax error's wording differs; where
the two parsers disagree on unusual files is in the README ("How reading stays fast").
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.yamldoc import parse

from conftest import SAMPLE, Result

HAS_LIBYAML = importlib.util.find_spec("_ruamel_yaml") is not None
needs_libyaml = pytest.mark.skipif(not HAS_LIBYAML, reason="ruamel.yaml.clib is not installed")
# As if ruamel.yaml.clib were not installed: both names ruamel.yaml looks for its C parser under.
HIDE_LIBYAML = "import sys\nsys.modules['_ruamel_yaml'] = sys.modules['_ruamel_yaml_clibz'] = None\n"
RUN_MAIN = "from checklist.__main__ import main\nsys.exit(main(sys.argv[1:]))\n"
LOCATION = re.compile(r"^(.+?:\d+:\d+): (.*)$")


def pure_cli(*args: str, cwd: Path) -> Result:
    """`checklist ARGS` in a process that cannot import libyaml."""
    proc = subprocess.run([sys.executable, "-c", HIDE_LIBYAML + RUN_MAIN, *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def located(result: Result) -> list[tuple[str, str]]:
    """(FILE:LINE:COL, message) of each problem line; a syntax error's parser wording dropped."""
    found = [LOCATION.match(line) for line in (result.out + result.err).splitlines()]
    return [(m[1], re.sub(r"^YAML syntax error: .*", "YAML syntax error", m[2])) for m in found if m]


def test_hiding_libyaml_selects_the_pure_parser() -> None:
    probe = "from checklist.yamldoc.parse import _yaml\nprint(_yaml().Parser.__module__)\n"
    pure = subprocess.run([sys.executable, "-c", HIDE_LIBYAML + probe], capture_output=True, text=True, check=True)
    assert pure.stdout.strip() == "ruamel.yaml.parser"
    if HAS_LIBYAML:
        assert parse._yaml().Parser.__module__ != "ruamel.yaml.parser"


def test_sample_reads_the_same_without_libyaml(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # both runs name the file the same way
    for args in (("validate", str(SAMPLE)), ("list", str(SAMPLE), "--format", "json")):
        pure = pure_cli(*args, cwd=tmp_path)
        assert pure.code == 0 and "Traceback" not in pure.err, pure
        assert args[0] != "validate" or pure.out.endswith(" item(s): no problems\n"), pure
        if HAS_LIBYAML:
            assert pure == cli(*args)


HEAD = "department: 市财政局\ncode: CZJ\nitems:\n"
ITEM = "  - id: CZJ-001\n    title: 部分干部常态化疫情防控思想松懈\n    owner: 王芳\n    deadline: 2026-12-31\n    status: open\n"
BROKEN = [
    # (name, file text, where its first problem is, what the problem says)
    ("bad indentation", HEAD + ITEM.replace("    owner", "     owner"), "6:11", "YAML syntax error"),
    ("a tab", HEAD + ITEM.replace("    owner", "\towner"), "6:1", "a tab in the indentation"),
    ("unclosed quote", HEAD + ITEM.replace("title: 部分", 'title: "部分'), "5:12", "the quote \" opened here is never closed"),
    ("duplicate key", HEAD + ITEM + "    owner: 李明\n", "9:5", "duplicate key 'owner' (first at line 6)"),
    ("alias", HEAD + ITEM.replace("王芳", "&o 王芳").replace("status: open", "status: *o"), "8:13", "aliases (*o)"),
    ("python tag", HEAD + ITEM.replace("owner: 王芳", "owner: !!python/object:os.system 王芳"), "6:12", "tag !!python/object:os.system"),
    # Columns count characters: libyaml reports this one at a byte offset, the pure reader at a character index.
    ("control character", HEAD + ITEM.replace("思想松懈", "思想\x07松懈"), "5:25", "character #x0007"),
    ("control character, CRLF", (HEAD + ITEM.replace("思想松懈", "思想\x1b松懈")).replace("\n", "\r\n"), "5:25", "character #x001b"),
    ("second document", HEAD + ITEM + "---\n" + HEAD + ITEM, "9:1", "a list file holds one YAML document"),
    # The pure parser puts an empty value on the next line; it is placed after the ':' as libyaml does.
    ("empty value", HEAD + ITEM.replace("owner: 王芳", "owner:"), "6:11", "owner: expected text"),
    ("empty flow value", HEAD + ITEM + "    progress:\n      - {date: 2026-11-15, note: }\n", "10:34", "note: expected text"),
    ("duplicate key after a BOM", "\ufeff" + HEAD + ITEM + "    owner: 李明\n", "9:5", "duplicate key 'owner'"),
]


@pytest.mark.parametrize(("text", "where", "says"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_files_are_located_alike(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                        text: str, where: str, says: str) -> None:
    (tmp_path / "czj.yaml").write_bytes(text.encode("utf-8"))
    pure = pure_cli("validate", "czj.yaml", cwd=tmp_path)
    assert pure.code == 1 and "Traceback" not in pure.err, pure
    first = located(pure)[0]
    assert first[0] == f"czj.yaml:{where}" and first[1].startswith(says), pure
    if HAS_LIBYAML:
        monkeypatch.chdir(tmp_path)
        c = cli("validate", "czj.yaml")
        assert c.code == 1 and located(c) == located(pure), (c, pure)


# Files both parsers must read into identical data and positions.
BLOCK_SCALARS = """\
department: 市财政局
code: CZJ
items:
  - id: CZJ-001
    result: |
      已整改。
        缩进的一行

      空行之后
    strip: |-
      末尾不留换行
    keep: |+
      保留换行

    folded: >
      折叠的
      文本

      新段落
    folded_strip: >-
      a
      b
    indicated: |2
        两格缩进
    last: 1
"""
FLOW = """\
partners: [市发展和改革委员会, '市财政局', "市统计局", {name: 市审计局, role: 配合}]
progress:
  - {date: 2026-11-15, note: 已召开专题会议}
  - {date: 2026-11-20, note: , by: 李明}
  - {date: 2026-11-25,
     note: 跨行的流式映射,
     empty: }
nested: {a: {b: [1, 2.5, true, null, ~, 2026-12-31]}, c: []}
empty: {}
pair: [k: v, k2: ]
"""
CJK = """\
部门: 市商务局
事项:
  - 标题: 民营企业诉求办理只说“不能办”，不说“怎么办”
    说明: ‘引号’ 中文：冒号、顿号。
    表情: 😀 王芳
    转义: "\\u4e2d\\t文"
    单引号: '它''s 单引号'
    日期: 2026-02-30
    数字: 1_000
"""
EMPTY_VALUES = """\
department: 市财政局
code:
items:
  - id: CZJ-001
    owner:
    title:   # 待补
    progress:
      -
      - {date: 2026-11-15, note: }
    status:"""
EDGE = {
    "sample": SAMPLE.read_text(encoding="utf-8"),
    "block scalars": BLOCK_SCALARS,
    "flow mappings": FLOW,
    "CJK text": CJK,
    "empty values": EMPTY_VALUES,
}


@contextmanager
def pure_parser() -> Iterator[None]:
    from ruamel.yaml import YAML

    with mock.patch.object(parse, "_yaml", lambda: YAML(typ="safe", pure=True)):
        yield


def both(text: str) -> tuple[parse.Parsed, parse.Parsed]:
    """The file parsed with libyaml (when installed) and with the pure-Python parser."""
    with_c = parse.parse_text(text, "f")
    with pure_parser():
        return with_c, parse.parse_text(text, "f")


def facts(parsed: parse.Parsed) -> tuple[Any, ...]:
    # The two parsers word a syntax error differently (so its translation may differ): the place counts.
    syntax = [p.key == "yaml_syntax" or p.key.startswith("yaml_detail_") for p in parsed.problems]
    problems = [(p.line, p.col, "yaml_syntax" if s else p.key, None if s else p.params)
                for p, s in zip(parsed.problems, syntax, strict=True)]
    return parsed.data, parsed.pos, parsed.keypos, problems


@needs_libyaml
@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["", "BOM"])
@pytest.mark.parametrize("name", list(EDGE))
def test_edge_files_parse_identically(name: str, ending: str, bom: str) -> None:
    text = bom + EDGE[name].replace("\n", ending)
    with_c, pure = both(text)
    assert not with_c.problems, with_c.problems
    assert facts(pure) == facts(with_c)


EXAMPLES = 200 if os.environ.get("CHECKLIST_SLOW") else 25


@st.composite
def reshaped(draw: st.DrawFn) -> str:
    """An edge file with lines deleted, repeated, swapped, re-indented or emptied of their value."""
    lines = draw(st.sampled_from([EDGE[n] for n in EDGE if n != "sample"])).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "repeat", "swap", "indent", "dedent", "empty"]))
        line = lines[i]
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "repeat":
            lines.insert(i, line)
        elif kind == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(1, 2)) + line
        elif kind == "dedent":
            lines[i] = line[min(2, len(line) - len(line.lstrip(" "))):]
        elif kind == "empty" and ": " in line:
            lines[i] = line.split(": ", 1)[0] + ":\n"
    return "".join(lines)


@needs_libyaml
@settings(max_examples=EXAMPLES, deadline=None)
@given(text=reshaped(), crlf=st.booleans())
def test_reshaped_files_parse_identically(text: str, crlf: bool) -> None:
    with_c, pure = both(text.replace("\n", "\r\n") if crlf else text)
    assert facts(pure) == facts(with_c)
