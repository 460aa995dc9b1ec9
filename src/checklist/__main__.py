"""Entry point: `checklist` and `python -m checklist`.

Kept tiny so `checklist --version` answers without importing Typer; every
other invocation chooses the language first (help texts are built in it),
then runs the app under one handler that never lets a traceback out. Around
it all, stdout and stderr are made safe (cli/streams.py): closed, a pipe
whose reader left, or an encoding without Chinese never turn a finished
command into a failure.

A reading command, an edit of one item or a help request first tries the
fast path (cli/fast.py: no Typer, parsing derived from Typer's own tables,
help replayed as Typer wrote it); what it declines runs through Typer. A
process that ran a command on the fast path ends with os._exit once its
output is flushed: the interpreter's teardown of a large ledger's dicts costs more than the command
(see `_quick_exit` for when that is safe).
"""

from __future__ import annotations

import os
import sys


def _lang_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    if argv is None:
        _utf8_mode()
    args = sys.argv[1:] if argv is None else argv
    _fast_run.clear()
    import gc

    # A run is short and builds large acyclic data (dicts of a ledger's items): cyclic
    # collections would only cost time (100,000 items: 2.2 s with, 1.0 s without). Turned on
    # again only if the process goes on: the first collection after a run would walk every
    # container the run made (a million-item report: 2-3% of its time).
    collecting = gc.isenabled()
    gc.disable()
    from checklist.cli import streams

    guard = streams.install()
    try:
        code = _main(args)
    except BaseException:  # CHECKLIST_DEBUG=1 lets a traceback out: through the streams as they were
        guard.restore()
        if collecting:
            gc.enable()
        raise
    code = guard.finish(code, _command(args))
    if argv is None and _fast_run:
        _quick_exit(code)
    if collecting:  # main() also runs inside other processes (tests)
        gc.enable()
    return code


_fast_run: list[bool] = []


def _quick_exit(code: int) -> None:
    """End the process now, skipping the interpreter's teardown, when nothing can be lost: the
    command ran on the fast path and has returned, so everything it wrote is complete (every file,
    the cache and --output, is closed and renamed into place by ledger/disk.write_atomic; an edit
    has released its lock and waited for git's commit before its function returns), no atexit
    handler is registered, no other thread runs, and both standard streams flush cleanly.
    Otherwise the normal exit runs."""
    import atexit

    handlers = getattr(atexit, "_ncallbacks", None)
    if handlers is None or handlers() or ("threading" in sys.modules and sys.modules["threading"].active_count() > 1):
        return
    try:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _utf8_mode() -> None:
    """Run again in Python's UTF-8 mode when the locale is C/POSIX with UTF-8 mode off
    (LC_ALL=C PYTHONUTF8=0): else the command line, file names and git's arguments are
    taken as ASCII and Chinese cannot pass. The output keeps the terminal's encoding
    (written with escapes when it cannot show Chinese)."""
    if sys.flags.utf8_mode or sys.platform == "win32" or getattr(sys, "frozen", False) or not sys.executable:
        return
    if sys.getfilesystemencoding().lower().replace("-", "") == "utf8":
        return
    import locale

    env = dict(os.environ)
    if not env.get("PYTHONIOENCODING"):
        env["PYTHONIOENCODING"] = getattr(sys.stdout, "encoding", None) or locale.getpreferredencoding(False) or "ascii"
    try:
        os.execve(sys.executable, [sys.executable, "-X", "utf8", "-m", "checklist", *sys.argv[1:]], env)
    except OSError:
        return


def _command(args: list[str]) -> str | None:
    """The command named in args (the first word that is not an option), for the exit code."""
    from checklist.cli.streams import MUTATING

    value = False
    for arg in args:
        if value:
            value = False
        elif arg in ("--root", "--lang"):
            value = True
        elif not arg.startswith("-"):
            return arg if arg in MUTATING else None
    return None


def _main(args: list[str]) -> int:
    if args == ["--version"]:
        from checklist import __version__

        sys.stdout.write(f"checklist {__version__}\n")
        return 0
    from checklist import i18n

    i18n.set_lang(_lang_from_argv(args))
    try:
        from checklist.cli import fast

        code = fast.run(args)
        if code is not None:
            _fast_run.append(True)
            return code
        if fast.enabled():
            fast.load_catalog()
        from checklist.cli.app import run

        return run(args)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: one line, never a traceback
        from checklist.cli.streams import debug

        if debug():
            raise
        from checklist.i18n import t

        sys.stderr.write(t("internal_error", kind=type(exc).__name__, detail=str(exc)) + "\n")
        return 70


if __name__ == "__main__":
    sys.exit(main())
