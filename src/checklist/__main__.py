"""Entry point: `checklist` and `python -m checklist`.

Kept tiny so `checklist --version` answers without importing Typer; every
other invocation chooses the language first (help texts are built in it),
then runs the app under one handler that never lets a traceback out.
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
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from checklist import __version__

        sys.stdout.write(f"checklist {__version__}\n")
        return 0
    import gc

    # A run is short and builds large acyclic data (dicts of a ledger's items):
    # cyclic collections would only cost time (100,000 items: 2.2 s with, 1.0 s without).
    collecting = gc.isenabled()
    gc.disable()
    from checklist import i18n

    i18n.set_lang(_lang_from_argv(args))
    try:
        from checklist.cli.app import run

        return run(args)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("CHECKLIST_DEBUG"):
            raise
        from checklist.i18n import t

        sys.stderr.write(t("internal_error", kind=type(exc).__name__, detail=str(exc)) + "\n")
        return 70
    finally:
        if collecting:  # main() also runs inside other processes (tests)
            gc.enable()


if __name__ == "__main__":
    sys.exit(main())
