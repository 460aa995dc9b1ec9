"""The ledger lock: processes contending on Linux, the Windows branch driven through a
fake msvcrt, both branches type-checked, and a ledger folder that cannot be written."""

from __future__ import annotations

import errno
import importlib.util
import os
import signal
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ONE_ITEM, REPO

from checklist import i18n
from checklist.errors import ChecklistError
from checklist.ledger.lock import lock

LOCK_PY = REPO / "src" / "checklist" / "ledger" / "lock.py"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="signals and the POSIX lock")

# Holds the lock until a line arrives on stdin; logs when it takes and leaves it.
HOLDER = """\
import sys
from pathlib import Path
from checklist.ledger.lock import lock
root, log = Path(sys.argv[1]), Path(sys.argv[2])
with lock(root):
    with log.open("a") as fh:
        fh.write("holder in\\n")
    print("locked", flush=True)
    sys.stdin.readline()
    with log.open("a") as fh:
        fh.write("holder out\\n")
"""
WAITER = """\
import sys
from pathlib import Path
from checklist.ledger.lock import lock
root, log = Path(sys.argv[1]), Path(sys.argv[2])
print("trying", flush=True)
with lock(root, timeout=60):
    with log.open("a") as fh:
        fh.write("waiter in\\n")
"""


def _spawn(script: str, root: Path, log: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, str(root), str(log)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock of the ledger at tmp_path."""
    proc = _spawn(HOLDER, tmp_path, tmp_path / "log")
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "locked\n", proc.stderr
        yield proc
    finally:
        proc.kill()
        proc.communicate(timeout=10)


# ---------------------------------------------------------------- two processes (the real lock)


def test_waiter_gets_the_lock_when_the_holder_leaves(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    waiter = _spawn(WAITER, tmp_path, tmp_path / "log")
    assert waiter.stdout is not None and waiter.stdout.readline() == "trying\n"
    time.sleep(0.5)  # time enough to take a lock that does not hold
    assert waiter.poll() is None, "the waiter waits"
    out, err = holder.communicate("go\n", timeout=30)
    assert holder.returncode == 0, err
    out, err = waiter.communicate(timeout=30)
    assert waiter.returncode == 0, err
    log = (tmp_path / "log").read_text(encoding="utf-8").splitlines()
    assert log == ["holder in", "holder out", "waiter in"]


@POSIX
def test_a_killed_holder_frees_the_lock(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(ChecklistError), lock(tmp_path, timeout=0.1):
        pass
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    with lock(tmp_path, timeout=10):
        assert (tmp_path / "log").read_text(encoding="utf-8") == "holder in\n"


def test_timeout_names_the_lock_in_both_languages(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    path = tmp_path / ".checklist" / "lock"
    with pytest.raises(ChecklistError) as caught, lock(tmp_path, timeout=0.2):
        pytest.fail("took a lock another process holds")
    assert (caught.value.key, caught.value.params) == ("lock_timeout", {"path": str(path)})
    assert str(caught.value) == f"another checklist command holds the ledger lock ({path}); try again"
    i18n.set_lang("zh")
    assert str(caught.value) == f"另一个 checklist 命令正在修改台账（{path}），请稍后重试"


def test_lock_creates_its_folder_and_releases(tmp_path: Path) -> None:
    with lock(tmp_path):
        pass
    assert (tmp_path / ".checklist" / ".gitignore").read_bytes() == b"lock\n*.tmp\n.gitignore\n"
    with lock(tmp_path, timeout=0):  # released: the next one needs no wait at all
        pass


# ---------------------------------------------------------------- the Windows branch (fake msvcrt)


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking recording (mode, bytes, file position, fd still open), busy `busy` times."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = range(5)

    def __init__(self, busy: int, error: int = errno.EACCES) -> None:
        super().__init__("msvcrt")
        self.busy, self.error = busy, error
        self.calls: list[tuple[int, int, int]] = []
        self.fds: set[int] = set()

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((mode, nbytes, os.lseek(fd, 0, os.SEEK_CUR)))
        self.fds.add(fd)
        if mode == self.LK_NBLCK and self.busy:
            self.busy -= 1
            raise OSError(self.error, os.strerror(self.error))


def _windows_lock(monkeypatch: pytest.MonkeyPatch, fake: FakeMsvcrt) -> Any:
    """A fresh copy of lock.py imported as on Windows (no fcntl there); the real module stays."""
    spec = importlib.util.spec_from_file_location("checklist_lock_as_on_windows", LOCK_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    with monkeypatch.context() as patch:
        patch.setattr(sys, "platform", "win32")
        patch.setitem(sys.modules, "msvcrt", fake)
        patch.setitem(sys.modules, "fcntl", None)  # `import fcntl` fails, as on Windows
        spec.loader.exec_module(module)
    assert module.msvcrt is fake and not hasattr(module, "fcntl")
    return module


def _closed(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError as exc:
        return exc.errno == errno.EBADF
    return False


@pytest.mark.parametrize("busy", [0, 3])
def test_windows_locks_byte_0_retries_then_unlocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, busy: int) -> None:
    fake = FakeMsvcrt(busy)
    win = _windows_lock(monkeypatch, fake)
    with win.lock(tmp_path, timeout=10):
        assert fake.calls == [(fake.LK_NBLCK, 1, 0)] * (busy + 1)
        os.write(next(iter(fake.fds)), b"x")  # the position moves; the unlock must seek back
    assert fake.calls[-1] == (fake.LK_UNLCK, 1, 0) and len(fake.calls) == busy + 2
    assert len(fake.fds) == 1 and _closed(fake.fds.pop())
    assert (tmp_path / ".checklist" / ".gitignore").exists()


def test_windows_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeMsvcrt(busy=10**9)
    win = _windows_lock(monkeypatch, fake)
    with pytest.raises(ChecklistError) as caught, win.lock(tmp_path, timeout=0.1):
        pytest.fail("took a busy lock")
    assert (caught.value.key, caught.value.params) == ("lock_timeout", {"path": str(tmp_path / ".checklist" / "lock")})
    assert len(fake.calls) >= 2 and {mode for mode, _, _ in fake.calls} == {fake.LK_NBLCK}, "retried, never unlocked"
    assert _closed(fake.fds.pop())


def test_windows_error_other_than_busy_is_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeMsvcrt(busy=1, error=errno.EINVAL)
    win = _windows_lock(monkeypatch, fake)
    with pytest.raises(OSError) as caught, win.lock(tmp_path, timeout=10):
        pytest.fail("locked despite the error")
    assert caught.value.errno == errno.EINVAL and len(fake.calls) == 1
    assert _closed(fake.fds.pop())


@pytest.mark.parametrize("platform", ["win32", "linux", "darwin"])
def test_each_branch_type_checks(tmp_path: Path, platform: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--platform", platform, "--cache-dir", str(tmp_path / "mypy"), str(LOCK_PY)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ---------------------------------------------------------------- a folder that cannot be written


def _refuse_mkdir(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    real = Path.mkdir

    def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.name == ".checklist":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)


def _read_only_lock_file(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    (root / ".checklist").mkdir()
    (root / ".checklist" / ".gitignore").write_text("lock\n", encoding="utf-8")
    real = os.open

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == "lock" and flags & (os.O_RDWR | os.O_WRONLY):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)


def _gitignore_unwritable(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    from checklist.ledger import lock as module

    def refuse(path: Path, content: bytes, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path.parent / "tmp123"))

    monkeypatch.setattr(module, "write_atomic", refuse)


def _private_folder_is_a_file(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    (root / ".checklist").write_text("", encoding="utf-8")


@pytest.mark.parametrize(("setup", "reason", "reason_zh"), [
    (_refuse_mkdir, os.strerror(errno.EACCES), "权限不足"),
    (_read_only_lock_file, os.strerror(errno.EROFS), "只读文件系统"),
    (_gitignore_unwritable, os.strerror(errno.EACCES), "权限不足"),
    (_private_folder_is_a_file, os.strerror(errno.EEXIST), "同名文件已存在"),
], ids=["folder not writable", "read-only file system", ".gitignore not writable", ".checklist is a file"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unwritable_ledger_is_a_clear_error(ledger: Path, monkeypatch: pytest.MonkeyPatch, cli, setup: Any,  # type: ignore[no-untyped-def]
                                            reason: str, reason_zh: str, lang: str) -> None:
    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(ONE_ITEM, encoding="utf-8")
    setup(monkeypatch, ledger)
    result = cli("--lang", lang, "note", "CZJ-001", "已开会")
    private = ledger / ".checklist"
    expected = {
        "en": f"cannot write in {private} ({reason}): editing the ledger needs write access to its folder\n",
        "zh": f"无法写入 {private}（{reason_zh}）：修改台账需要对台账文件夹有写权限\n",
    }[lang]
    assert (result.code, result.out, result.err) == (1, "", expected), result
    assert path.read_text(encoding="utf-8") == ONE_ITEM


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_read_only_lists_folder_is_a_clear_error(ledger: Path, monkeypatch: pytest.MonkeyPatch, cli,  # type: ignore[no-untyped-def]
                                                 lang: str) -> None:
    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(ONE_ITEM, encoding="utf-8")
    real = os.open

    def refusing_open(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        # The folder refuses new files: the temp file an atomic write starts with.
        if Path(name).parent == path.parent and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
        return real(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    result = cli("--lang", lang, "note", "CZJ-001", "已开会")
    reason = os.strerror(errno.EACCES)
    expected = {
        "en": f"cannot write in {path.parent} ({reason}): editing the ledger needs write access to its folder\n",
        "zh": f"无法写入 {path.parent}（{reason}）：修改台账需要对台账文件夹有写权限\n",
    }[lang]
    assert (result.code, result.out, result.err) == (1, "", expected), result
    assert path.read_text(encoding="utf-8") == ONE_ITEM
