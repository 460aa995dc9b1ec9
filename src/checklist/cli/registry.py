"""One module per subcommand; each has register(app).

Modules are imported on demand: a run registers only the command it runs
(Typer resolves every registered command's annotations on each start).
"""

from __future__ import annotations

import importlib
from types import ModuleType

# In this order in `checklist --help`: the clerk's commands, the office's, then setup.
_NAMES = (
    "add", "close", "note", "extend", "reopen", "verify", "update", "task", "rule", "accountability", "import_",
    "list", "show", "report", "recheck", "sample", "notice", "validate", "history", "audit",
    "init", "schema", "merge_driver",
)


def command_name(module: str) -> str:
    """The command a module registers: import_ -> import, merge_driver -> merge-driver."""
    return module.rstrip("_").replace("_", "-")


MODULE_OF = {command_name(name): name for name in _NAMES}


def load(names: tuple[str, ...] = _NAMES) -> list[ModuleType]:
    """The command modules named (all by default), in help order."""
    return [importlib.import_module(f"checklist.cli.{name}") for name in _NAMES if name in names]
