"""stdout and stderr as they really are: closed, a pipe whose reader has gone, a full
disk, an encoding that cannot show Chinese.

`install()` makes both streams safe before a command runs: text that cannot be
encoded is written as escapes (\\u5e02), a closed descriptor is held by
/dev/null (so no file the command opens takes its number), and a failed write
is remembered instead of raised, so the command finishes what it was doing.
`Guard.finish()` then decides the exit code: a reader that went away is no
failure; any other lost output is one line on stderr and exit 1, except for a
command that changed something, which exits 0 (SPEC: it has done its work).
"""

from __future__ import annotations

import errno
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing's own import costs start-up time `--version` does not spend
    from typing import Any, TextIO

# Commands that change files: their exit code after success stays 0 whatever becomes of the output.
MUTATING = frozenset({"add", "close", "note", "extend", "reopen", "verify", "update", "task", "rule",
                      "accountability", "recheck", "import", "init"})


def debug() -> bool:
    """CHECKLIST_DEBUG set to anything but empty or 0: tracebacks for developers."""
    return os.environ.get("CHECKLIST_DEBUG", "") not in ("", "0")


class SafeStream:
    """A text stream whose failed writes are remembered, not raised."""

    def __init__(self, stream: TextIO | None, fd: int) -> None:
        self._stream = stream
        self._fd = fd
        self.tap: list[str] | None = None  # cli/record.py: what was written, to replay Typer's help
        self.failed: OSError | None = None if stream is not None else OSError(errno.EBADF, os.strerror(errno.EBADF))

    def write(self, text: str) -> int:
        if self.failed is None and self._stream is not None:
            try:
                written = self._stream.write(text)
            except OSError as exc:
                self._fail(exc)
            else:
                if self.tap is not None:
                    self.tap.append(text)
                return written
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.failed is None and self._stream is not None:
            try:
                self._stream.flush()
            except OSError as exc:
                self._fail(exc)

    def _fail(self, exc: OSError) -> None:
        self.failed = exc
        # Whatever is still buffered must not fail again when the interpreter exits.
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._fd)
            os.close(null)
        except (OSError, ValueError):
            pass

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self.failed is None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def __getattr__(self, name: str) -> Any:
        # No `buffer`: click must not go around us to the bytes underneath.
        if name == "buffer" or self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return ESCAPES


def _hold(fd: int) -> None:
    """Give a closed standard descriptor to /dev/null, so no file opened later becomes fd 1 or 2."""
    try:
        os.fstat(fd)
    except OSError:
        try:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        except OSError:
            pass


ESCAPES = "checklist-escape"


def _escape(exc: UnicodeError) -> tuple[str, int]:
    """What cannot be encoded, as escapes: a byte of a file name that was not UTF-8 as \\xb2
    (Python keeps it as a lone surrogate), any other character as \\u5e02."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chars = exc.object[exc.start:exc.end]
    return "".join(f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else
                   f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in chars), exc.end


def _escaping(stream: TextIO | None) -> TextIO | None:
    import codecs

    try:
        codecs.lookup_error(ESCAPES)
    except LookupError:
        codecs.register_error(ESCAPES, _escape)
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors=ESCAPES)
        except Exception:  # a stream that cannot change its error handler keeps its own
            return stream
    return stream


class Guard:
    """The streams as they were before install(), and the safe ones put in their place."""

    def __init__(self) -> None:
        self.saved = (sys.stdout, sys.stderr)
        for fd in (0, 1, 2):
            _hold(fd)
        self.out = SafeStream(_escaping(sys.stdout), 1)
        self.err = SafeStream(_escaping(sys.stderr), 2)
        sys.stdout = self.out
        sys.stderr = self.err

    def finish(self, code: int, command: str | None) -> int:
        """The exit code, once what was written is flushed; the streams put back."""
        self.out.flush()
        self.err.flush()
        failed = self.out.failed
        if failed is not None and failed.errno != errno.EPIPE and (code == 0 or command in MUTATING):
            from checklist.i18n import t
            from checklist.ledger.disk import os_reason

            self.err.write(t("hostile_output_failed", reason=os_reason(failed)) + "\n")
            self.err.flush()
            if command not in MUTATING:
                code = 1
        self.restore()
        return code

    def restore(self) -> None:
        """Put the streams back as they were (main() also runs inside other processes: tests)."""
        sys.stdout, sys.stderr = self.saved


def install() -> Guard:
    """Make stdout and stderr safe for this run."""
    return Guard()
