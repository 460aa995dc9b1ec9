"""One module per subcommand; each has register(app)."""

from __future__ import annotations

import importlib
from types import ModuleType

_NAMES = ("init", "validate", "add", "close", "note", "extend", "reopen", "verify", "update", "list", "show", "report", "history", "audit", "merge_driver", "schema")


def _load() -> list[ModuleType]:
    return [importlib.import_module(f"checklist.commands.{name}") for name in _NAMES]


COMMANDS = _load()
