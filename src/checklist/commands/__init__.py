"""One module per subcommand; each has register(app)."""

from __future__ import annotations

import importlib
from types import ModuleType

# In this order in `checklist --help`: the clerk's commands, the office's, then setup.
_NAMES = (
    "add", "close", "note", "extend", "reopen", "verify", "update", "import_",
    "list", "show", "report", "validate", "history", "audit",
    "init", "schema", "merge_driver",
)


def _load() -> list[ModuleType]:
    return [importlib.import_module(f"checklist.commands.{name}") for name in _NAMES]


COMMANDS = _load()
