"""Hostile input beyond test_hostile: every tag form, invalid UTF-8 inside a
file, symbolic links, a file that changes while it is read, and the memory
and time a hostile file may cost.

Decisions pinned here (SECURITY.md explains them):
- YAML core tags (`!!str`, `!<tag:yaml.org,2002:str>`, `!` and a `%TAG`
  that names the core prefix) are plain data; every other tag is refused.
- A list file may be a symbolic link (read like any file), but no edit
  writes through a link or outside the ledger.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ONE_ITEM

ITEMS = ONE_ITEM

REFUSED = "is not allowed: a list file holds plain data only"

TAGS: list[tuple[str, str, int, str]] = [
    # (name, file text, exit code, first line of stderr after "f.yaml:")
    ("non-specific !", "department: ! 市财政局\ncode: CZJ\nitems: []\n", 0, ""),
    ("verbatim core tag", "department: !<tag:yaml.org,2002:str> 市财政局\ncode: CZJ\nitems: []\n", 0, ""),
    ("verbatim non-specific", "department: !<!> 市财政局\ncode: CZJ\nitems: []\n", 0, ""),
    ("core !!map and !!seq", "!!map {department: 市财政局, code: CZJ, items: !!seq []}\n", 0, ""),
    ("%TAG naming the core prefix", "%TAG ! tag:yaml.org,2002:\n---\ndepartment: !str 市财政局\ncode: CZJ\nitems: []\n", 0, ""),
    ("%YAML 1.1 directive", "%YAML 1.1\n---\ndepartment: 市财政局\ncode: CZJ\nitems: []\n", 0, ""),
    ("empty !!", "department: !! 市财政局\ncode: CZJ\nitems: []\n", 1, "1:15: YAML syntax error: did not find expected tag URI"),
    ("verbatim foreign tag", "department: !<tag:example.com,2000:x> 市财政局\n", 1, f"1:13: tag tag:example.com,2000:x {REFUSED}"),
    ("verbatim local tag", "department: !<!foo> 市财政局\n", 1, f"1:13: tag !foo {REFUSED}"),
    ("local tag on the document", "!python/object:os.system\ndepartment: a\n", 1, f"1:1: tag !python/object:os.system {REFUSED}"),
    ("%TAG to a foreign prefix", "%TAG !e! tag:example.com,2000:app/\n---\ndepartment: !e!foo 市财政局\n", 1,
     f"3:13: tag tag:example.com,2000:app/foo {REFUSED}"),
    ("%TAG redirecting !!", "%TAG !! tag:python.org,2002:\n---\ndepartment: !!str 市财政局\n", 1, f"3:13: tag tag:python.org,2002:str {REFUSED}"),
    ("%TAG smuggling python", "%TAG !py! tag:yaml.org,2002:python/\n---\n!py!object/apply:os.system [ls]\n", 1,
     f"3:1: tag !!python/object/apply:os.system {REFUSED}"),
    ("python module", "department: !!python/module:os\n", 1, f"1:13: tag !!python/module:os {REFUSED}"),
    ("python object new", "!!python/object/new:os.system [ls]\n", 1, f"1:1: tag !!python/object/new:os.system {REFUSED}"),
    ("tag on a key", "!!python/name:os.system : 1\n", 1, f"1:1: tag !!python/name:os.system {REFUSED}"),
    ("tag on a sequence item", "department: a\ncode: CZJ\nitems:\n  - !!python/object:x {id: CZJ-001}\n", 1, f"4:5: tag !!python/object:x {REFUSED}"),
    ("binary", "department: !!binary aGk=\n", 1, f"1:13: tag !!binary {REFUSED}"),
    ("set", "!!set {department: a}\n", 1, f"1:1: tag !!set {REFUSED}"),
    ("omap", "!!omap [department: a]\n", 1, f"1:1: tag !!omap {REFUSED}"),
    ("pairs", "!!pairs [department: a]\n", 1, f"1:1: tag !!pairs {REFUSED}"),
    ("merge key", "department: a\ncode: CZJ\n<<: {items: []}\n", 1, "3:1: unknown field '<<'"),
    ("%YAML 2.0", "%YAML 2.0\n---\ndepartment: a\n", 1, "1:1: YAML syntax error: found incompatible YAML document"),
    ("unknown directive", "%FOO bar\n---\ndepartment: a\n", 1, "1:5: YAML syntax error: found unknown directive name"),
]


@pytest.mark.parametrize(("text", "code", "expected"), [t[1:] for t in TAGS], ids=[t[0] for t in TAGS])
def test_tag_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli, text: str, code: int, expected: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "f.yaml")
    assert result.code == code, result
    if code:
        assert result.err.splitlines()[0] == "f.yaml:" + expected, result
    else:
        assert cli("list", "f.yaml", "--format", "json").out == "[]\n"


INVALID_UTF8: list[tuple[str, bytes, str]] = [
    # The column counts characters, like every other column: 4 spaces, `title: `, 4 CJK characters.
    ("stray bytes", b"\xff\xfe", "5:16: the file is not UTF-8 text"),
    ("UTF-16 surrogate encoded", b"\xed\xa0\x80", "5:16: the file is not UTF-8 text"),
    ("overlong slash", b"\xc0\xaf", "5:16: the file is not UTF-8; it reads as GB18030/GBK"),
    ("lone continuation", b"\x80", "5:16: the file is not UTF-8"),
]


@pytest.mark.parametrize(("bad", "expected"), [c[1:] for c in INVALID_UTF8], ids=[c[0] for c in INVALID_UTF8])
def test_invalid_utf8_in_the_middle(ledger: Path, cli, bad: bytes, expected: str) -> None:  # type: ignore[no-untyped-def]
    good = ITEMS.encode("utf-8")
    at = good.index("思想".encode())
    raw = good[:at] + bad + good[at:]
    path = ledger / "lists" / "CZJ.yaml"
    path.write_bytes(raw)
    for args in (("validate",), ("list",), ("report",), ("note", "CZJ-001", "已开会", "--no-commit")):
        result = cli(*args)
        assert result.code == 1, (args, result)
        assert result.err.startswith("lists/CZJ.yaml:" + expected), (args, result)
        assert "Traceback" not in result.err
    assert path.read_bytes() == raw


# ---------------------------------------------------------------- symbolic links


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A list file kept outside the ledger (another department's share, say)."""
    path = tmp_path / "elsewhere" / "CZJ.yaml"
    path.parent.mkdir()
    path.write_text(ITEMS, encoding="utf-8")
    return path


def test_symlinked_list_file_is_read(ledger: Path, outside: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (ledger / "lists" / "CZJ.yaml").symlink_to(outside)
    assert cli("validate").code == 0
    result = cli("list", "--format", "json")
    assert result.code == 0, result
    assert [(i["id"], i["file"]) for i in json.loads(result.out)] == [("CZJ-001", "lists/CZJ.yaml")]


@pytest.mark.parametrize("args", [
    ("note", "CZJ-001", "已开会"),
    ("close", "CZJ-001", "--result", "已整改"),
    ("add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31"),
], ids=["note", "close", "add"])
def test_no_edit_writes_through_a_symlink(ledger: Path, outside: Path, cli, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    link = ledger / "lists" / "CZJ.yaml"
    link.symlink_to(outside)
    result = cli(*args, "--no-commit")
    assert result.code == 1, result
    assert result.err == (
        f"lists/CZJ.yaml is a symbolic link to {outside}; checklist does not write through links, nothing was written. "
        f"Edit {outside} there, or replace the link by a copy of the file\n"
    )
    assert outside.read_text(encoding="utf-8") == ITEMS
    assert link.is_symlink() and os.readlink(link) == str(outside)
    assert sorted(p.name for p in link.parent.iterdir()) == ["CZJ.yaml"]


def test_lists_folder_linked_outside_is_read_not_written(ledger: Path, outside: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (ledger / "lists").rmdir()
    (ledger / "lists").symlink_to(outside.parent)
    assert cli("list").code == 0
    result = cli("note", "CZJ-001", "已开会", "--no-commit")
    assert result.code == 1, result
    assert result.err.startswith("lists/CZJ.yaml lies outside the ledger"), result
    assert outside.read_text(encoding="utf-8") == ITEMS


def test_dangling_link_fifo_and_device(ledger: Path, tmp_path: Path, cli_proc) -> None:  # type: ignore[no-untyped-def]
    lists = ledger / "lists"
    (lists / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (lists / "pipe.yaml").symlink_to(fifo)
    (lists / "zero.yaml").symlink_to("/dev/zero")
    # In its own process: opening the FIFO would block for ever, and cli_proc's timeout says so.
    result = cli_proc("validate", cwd=ledger)
    assert result.code == 1, result
    assert result.err.splitlines()[:3] == [
        "lists/gone.yaml:1:1: cannot read the file: No such file or directory",
        "lists/pipe.yaml:1:1: not a regular file",
        "lists/zero.yaml:1:1: not a regular file",
    ]


# ---------------------------------------------------------------- a file changing under the reader


@pytest.mark.parametrize("how", ["in place, same size, mtime restored", "replaced by rename"])
def test_file_changed_while_read_is_not_cached_stale(ledger: Path, cli, monkeypatch: pytest.MonkeyPatch, how: str) -> None:  # type: ignore[no-untyped-def]
    from checklist.ledger import reread

    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(ITEMS, encoding="utf-8")
    changed = ITEMS.replace("王芳", "张伟")  # same size in UTF-8
    assert len(changed.encode()) == len(ITEMS.encode())
    real_parse = reread.reread
    calls = []

    def parse_then_change(raw: bytes, display: str, previous):  # type: ignore[no-untyped-def]
        out = real_parse(raw, display, previous)
        if not calls:  # another clerk saves while we parse
            calls.append(display)
            st = path.stat()
            if how.startswith("in place"):
                with open(path, "r+b") as fh:
                    fh.write(changed.encode())
                os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
            else:
                tmp = path.with_name(".CZJ.yaml.new")
                tmp.write_text(changed, encoding="utf-8")
                os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
                os.replace(tmp, path)
        return out

    monkeypatch.setattr(reread, "reread", parse_then_change)
    first = cli("list", "--format", "json")
    assert first.code == 0 and calls == ["lists/CZJ.yaml"], first
    assert json.loads(first.out)[0]["owner"] == "王芳"  # what was read, consistently
    for _ in range(2):  # the next reads see the new content, never the old entry
        again = cli("list", "--format", "json")
        assert json.loads(again.out)[0]["owner"] == "张伟", again


# ---------------------------------------------------------------- cost of hostile files


BOMB = b"a: &a [x,x,x,x,x,x,x,x,x]\n" + b"".join(
    b"%c: &%c [%s]\n" % (c, c, b",".join([b"*" + bytes([c - 1])] * 9)) for c in range(ord("b"), ord("k"))
)

COSTLY: list[tuple[str, bytes]] = [
    ("billion laughs", BOMB),
    ("10,000 nested flow lists", b"[" * 10_000 + b"]" * 10_000 + b"\n"),
    ("10,000 nested block mappings", b"".join(b" " * i + b"k:\n" for i in range(10_000))),
    ("a 6 MB line", b"department: " + "长".encode() * 2_000_000 + b"\ncode: bad\nitems: []\n"),
    ("python apply", b"!!python/object/apply:os.system ['touch pwned']\n"),
    ("a million short lines of garbage", b"- : : [\n" * 1_000_000),
]


# The command run in a child that notes its own peak memory at exit (Linux: VmHWM). The child's
# ru_maxrss is no measure: the kernel keeps the high-water mark of the process before exec, that is
# of this test process as it was forked, however large earlier tests left it.
_PEAK = """
import atexit, sys
out = sys.argv.pop(1)
def note():
    try:
        with open("/proc/self/status") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        with open(out, "w") as f:
            f.write(peak)
    except (OSError, StopIteration):
        pass
atexit.register(note)
from checklist.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _peak_kb(noted: Path, maxrss: int) -> int:
    """The child's peak resident memory in kB: as it noted it, else its ru_maxrss (not Linux)."""
    try:
        return int(noted.read_text())
    except (OSError, ValueError):
        return maxrss


@pytest.mark.parametrize("content", [c[1] for c in COSTLY], ids=[c[0] for c in COSTLY])
def test_hostile_file_costs_little(tmp_path: Path, content: bytes) -> None:
    """In a fresh process: a located error, under 200 MB of memory, nothing run (how fast is
    bench/run.py's to measure; a watchdog only stops a hang)."""
    import threading

    (tmp_path / "f.yaml").write_bytes(content)
    env = {**os.environ, "CHECKLIST_CACHE_DIR": ""}
    proc = subprocess.Popen([sys.executable, "-c", _PEAK, str(tmp_path / "peak"), "validate", "f.yaml"], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        watchdog.cancel()
    err = proc.stderr.read().decode() if proc.stderr else ""
    assert os.waitstatus_to_exitcode(status) == 1, err
    assert err.startswith("f.yaml:") and "Traceback" not in err, err
    peak = _peak_kb(tmp_path / "peak", usage.ru_maxrss)
    assert peak < 200 * 1024, f"{peak // 1024} MB"
    assert not (tmp_path / "pwned").exists()
