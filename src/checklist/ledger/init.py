"""`checklist init`: a new ledger (config, lists folder, git), never overwriting,
and the item-by-item merge driver registered in its repository."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

from checklist.git.run import git, work_tree
from checklist.ledger.config import CONFIG_NAME, Config, load_config
from checklist.ledger.disk import write_atomic

DRIVER = "checklist"

CONFIG_TEMPLATE = """\
# checklist ledger settings (整改台账设置); every key is optional
lists = "lists"          # folder holding the list files (清单文件所在文件夹)
due_soon_days = 7        # an open item this close to its deadline is "due soon" (即将到期)
auto_commit = true       # commit each change made by a command

# Categories an item may take (问题类别); leave commented to allow any.
# categories = ["疫情防控", "思想", "认识", "工作", "作风", "廉洁自律"]

# More settings: uncomment a line to use it; unless it says otherwise, the value shown is the default.
# 其他设置：取消注释即可生效；除注明外，所示数值即默认值。
# money_unit = "万元"              # unit of amount and recovered in reports (金额单位)
# behind_margin = 20               # percentage points behind schedule that make an item "behind" (进度滞后)
# update_every_days = 7            # no update for longer: the department is "stale" (未按时报送)
# max_extensions = 2               # extensions allowed per item; default 0 = no limit (延期次数上限)
# extension_needs_approval = true  # extend needs --approved-by; default false (延期须经批准)
# accountability_measures = ["提醒谈话", "约谈", "批评教育", "责令检查", "通报批评", "诫勉", "组织处理", "党纪处分", "政务处分"]  # (问责方式)

# The roster of departments (部门名录): code = full name, or code = {name, aliases}
# where aliases are the short names (简称) a department is also known by.
# Leave commented to allow any.
# [departments]
# FGW = { name = "市发展和改革委员会", aliases = ["市发改委", "发改委"] }
# CZJ = "市财政局"

# The head and foot of the 通报 (report --format docx, html, xlsx; 通报的发文机关、标题、结尾).
# [report]
# issuer = "市委督查室"                          # issuing office (发文机关); default none
# title = "整改情况通报"                         # title (标题)
# closing = "请各责任单位于每周五前报送整改进展。"  # closing request (结尾); default none

# Days overdue at which each level of escalation starts (逾期催办、督办、约谈的天数).
# [escalation]
# remind = 1        # 催办
# supervise = 15    # 督办
# interview = 30    # 约谈
"""


def init_ledger(target: Path) -> list[tuple[str, dict[str, Any]]]:
    """Create a ledger in target; the actions taken, as (message key, params)."""
    from checklist.git import run as gitcmd
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

    from checklist.domain.schema import list_file_schema

    text = json.dumps(list_file_schema(), ensure_ascii=False, indent=2) + "\n"
    if not schema_path.exists() or schema_path.read_text(encoding="utf-8") != text:
        write_atomic(schema_path, text.encode("utf-8"))
        actions.append(("init_wrote_schema", {"path": str(schema_path)}))
    top = gitcmd.work_tree(target)
    if top is None:
        gitcmd.git(["init", "-q"], target)
        actions.append(("init_git", {"path": str(target)}))
        top = target
    actions += register_driver(target)
    return actions


def driver_command() -> str:
    """The command git runs: `checklist` on PATH, else this interpreter's module."""
    found = shutil.which("checklist")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        prog = "checklist"
    else:
        prog = f"{shlex.quote(sys.executable)} -m checklist"
    return f"{prog} merge-driver %O %A %B %P"


def register_driver(root: Path) -> list[tuple[str, dict[str, Any]]]:
    """Register the driver for a ledger: a `.gitattributes` line for its list files and
    `merge.checklist.*` in the repository's git config. Idempotent."""
    top = work_tree(root)
    if top is None:
        return []
    config = Config()
    if (root / CONFIG_NAME).is_file():
        config, _ = load_config(root / CONFIG_NAME, CONFIG_NAME)
    lists = config.lists.strip("/").replace("\\", "/")
    lists = "" if lists in ("", ".") else lists + "/"
    wanted = [f"{lists}**/*.yaml merge={DRIVER}", f"{lists}**/*.yml merge={DRIVER}"]
    actions: list[tuple[str, dict[str, Any]]] = []
    attributes = root / ".gitattributes"
    current = attributes.read_bytes().decode("utf-8", "replace") if attributes.exists() else ""
    have = {" ".join(line.split()) for line in current.splitlines()}
    missing = [line for line in wanted if line not in have]
    if missing:
        text = current + ("" if not current or current.endswith("\n") else "\n") + "".join(m + "\n" for m in missing)
        write_atomic(attributes, text.encode("utf-8"))
        actions.append(("init_merge_attributes", {"pattern": f"{lists}**/*.yaml", "path": str(attributes)}))
    settings = {f"merge.{DRIVER}.name": "checklist: list files merged item by item", f"merge.{DRIVER}.driver": driver_command()}
    changed = False
    for key, value in settings.items():
        now = git(["config", "--local", "--get", key], root, check=False).stdout.decode("utf-8", "replace").strip()
        if key.endswith(".driver") and "merge-driver" in now and shutil.which(now.split()[0].strip("'\"")):
            continue  # an earlier registration that still works: leave the user's choice
        if now != value:
            git(["config", "--local", key, value], root)
            changed = changed or key.endswith(".driver")
    if changed:
        actions.append(("init_merge_config", {}))
    # A plain `git pull` merges (git >= 2.27 refuses to guess), and Chinese paths read as
    # Chinese in `git status`; a choice the user made, at any level, is kept.
    for key, value in (("pull.rebase", "false"), ("core.quotepath", "false")):
        if git(["config", "--get", key], root, check=False).returncode != 0:
            git(["config", "--local", key, value], root)
            actions.append((f"init_set_{key}", {}))
    return actions
