"""The shape of the code (docs/architecture.md): each layer imports only the layers
below it, no module imports itself round a cycle, the core imports neither Typer
nor rich, and no module grows past 400 lines."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "checklist"
MAX_LINES = 400

# Which layers each layer may import (besides itself). `base` is errors.py, problems.py and sha.py;
# i18n reaches into domain only for the field table's labels.
ALLOWED = {
    "base": {"i18n"},
    "i18n": {"domain"},
    "yamldoc": {"base"},
    "domain": {"base", "yamldoc"},
    "git": {"base", "i18n", "yamldoc", "domain"},
    "ledger": {"base", "i18n", "yamldoc", "domain", "git", "package"},
    "render": {"base", "i18n", "domain"},
    "cli": {"base", "i18n", "yamldoc", "domain", "git", "ledger", "render", "package"},
    "entry": {"cli", "i18n", "package"},
}
CORE = ("yamldoc", "domain", "git", "ledger")
UI_LIBRARIES = {"typer", "rich", "click"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    if parts[1] in ("errors", "problems", "sha"):
        return "base"
    if parts[1] == "__main__":
        return "entry"
    return parts[1]


MODULES = {_module(p): p for p in SRC.rglob("*.py")}


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """The package modules a module imports (at any depth: lazy imports count) and the other top-level names."""
    ours: set[str] = set()
    others: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.split(".")[0] == "checklist":
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    ours.add(full if full in MODULES else node.module)
            else:
                others.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                (ours if alias.name.split(".")[0] == "checklist" else others).add(alias.name if alias.name in MODULES else alias.name.split(".")[0])
    return ours, others


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_follow_the_layers(module: str) -> None:
    layer = _layer(module)
    wrong = [f"{module} -> {target}" for target in GRAPH[module][0]
             if _layer(target) != layer and _layer(target) not in ALLOWED[layer]]
    assert wrong == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) in CORE))
def test_the_core_imports_neither_typer_nor_rich(module: str) -> None:
    assert GRAPH[module][1] & UI_LIBRARIES == set()


def test_no_import_cycle() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    for module, (ours, _) in GRAPH.items():
        # Importing a module runs its package's __init__ too.
        edges[module] |= {t for t in ours if t in MODULES and t != module}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_400_lines(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module}: {lines} lines"
