"""`checklist init`: a new ledger (config, lists folder, git), never overwriting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checklist.ledger import CONFIG_NAME

CONFIG_TEMPLATE = """\
# checklist ledger settings (整改台账设置); every key is optional
lists = "lists"          # folder holding the list files (清单文件所在文件夹)
due_soon_days = 7        # an open item this close to its deadline is "due soon" (即将到期)
auto_commit = true       # commit each change made by a command

# Categories an item may take (问题类别); leave commented to allow any.
# categories = ["疫情防控", "思想", "认识", "工作", "作风", "廉洁自律"]

# The roster of departments (部门名录): code = name. Leave commented to allow any.
# [departments]
# FGW = "市发展和改革委员会"
# CZJ = "市财政局"
"""


def init_ledger(target: Path) -> list[tuple[str, dict[str, Any]]]:
    """Create a ledger in target; the actions taken, as (message key, params)."""
    from checklist import gitcmd
    from checklist.store import write_atomic

    actions: list[tuple[str, dict[str, Any]]] = []
    if target.is_dir() and gitcmd.is_bare_repo(target):
        from checklist.errors import UsageError

        raise UsageError("root_bare_repo", path=str(target))
    if target.exists() and not target.is_dir():
        from checklist.errors import UsageError

        raise UsageError("init_not_a_folder", path=str(target))
    if not target.exists():
        target.mkdir(parents=True)
        actions.append(("init_made_dir", {"path": str(target)}))
    config_path = target / CONFIG_NAME
    if config_path.exists():
        actions.append(("init_kept_config", {"path": str(config_path)}))
        from checklist.ledger import load_config

        config, problems = load_config(config_path, CONFIG_NAME)
        lists = config.lists
        if problems:
            actions.append(("init_config_problems", {"count": len(problems)}))
    else:
        write_atomic(config_path, CONFIG_TEMPLATE.encode())
        actions.append(("init_wrote_config", {"path": str(config_path)}))
        lists = "lists"
    lists_dir = target / lists
    if not lists_dir.exists():
        lists_dir.mkdir(parents=True)
        (lists_dir / ".gitkeep").touch()
        actions.append(("init_made_lists", {"path": str(lists_dir)}))
    private = target / ".checklist"
    private.mkdir(exist_ok=True)
    ignore = private / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, b"lock\n*.tmp\n")
    schema_path = private / "schema.json"
    import json

    from checklist.schema import list_file_schema

    text = json.dumps(list_file_schema(), ensure_ascii=False, indent=2) + "\n"
    if not schema_path.exists() or schema_path.read_text(encoding="utf-8") != text:
        write_atomic(schema_path, text.encode("utf-8"))
        actions.append(("init_wrote_schema", {"path": str(schema_path)}))
    top = gitcmd.work_tree(target)
    if top is None:
        gitcmd.git(["init", "-q"], target)
        actions.append(("init_git", {"path": str(target)}))
        top = target
    for hook in _git_hooks():
        actions += hook(target)
    return actions


def _git_hooks() -> list[Any]:
    """Extra set-up steps for a ledger's git repository (the merge driver registers here)."""
    try:
        from checklist.merge import register_driver
    except ImportError:
        return []
    return [register_driver]
