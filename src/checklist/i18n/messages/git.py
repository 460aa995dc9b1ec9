"""Messages of git: history, audit, the merge driver, registering it."""

MESSAGES: dict[str, tuple[str, str]] = {
    "not_git": (
        "{path} is not inside a git work tree: history and audit read the git history",
        "{path} 不在 git 仓库中：整改历史和审计需要读取 git 历史",
    ),
    "history_unknown_id": ("no item {id} in the git history", "git 历史中没有问题 {id}"),
    "audit_bad_range": (
        "'{range}' is not a revision range git knows (e.g. main~10..main, v1..HEAD)",
        "“{range}”不是有效的版本范围（例如 main~10..main、v1..HEAD）",
    ),
    # history
    "help_history": (
        "Show every change to one item from the git history, field by field, oldest first"
        " (edits made by hand included).\n\nExample: checklist history CZJ-001",
        "从 git 历史中列出某个问题的每一次改动（逐字段，按时间先后，含手工修改）。\n\n示例：checklist history CZJ-001",
    ),
    "arg_history_id": (
        "the item's ID, e.g. CZJ-001 (any case or width; czj-1 will do)",
        "问题编号，例如 CZJ-001（不区分大小写和全半角，可省略前导零，如 czj-1）",
    ),
    "opt_format_history": ("output format: table, json, csv or markdown", "输出格式：table、json、csv 或 markdown"),
    "history_title": ("History of {id}", "{id} 的整改历史"),
    "col_commit": ("Commit", "提交"),
    "col_date": ("Date", "时间"),
    "col_author": ("Author", "提交人"),
    "col_subject": ("Subject", "说明"),
    "col_field": ("Field", "字段"),
    "col_old": ("Old", "原值"),
    "col_new": ("New", "新值"),
    "col_file": ("File", "文件"),
    "col_id": ("ID", "编号"),
    "col_rule": ("Rule", "规则"),
    "col_message": ("Finding", "问题说明"),
    # audit
    "help_audit": (
        "Check the git history against the audit rules: items deleted, IDs changed, deadlines moved"
        " without an extension record, closures erased without a reopening record, backdated closures."
        " Exit 1 on findings.\n\nExample: checklist audit main~20..main --format json",
        "按审计规则检查 git 历史：问题被删除、编号被改、未经延期登记改动整改时限、未登记重新整改即撤销销号、"
        "倒签销号日期。发现问题时退出码为 1。\n\n示例：checklist audit main~20..main --format json",
    ),
    "arg_audit_range": (
        "revision range to check, as git takes it (default: all history)",
        "要检查的版本范围，写法同 git（默认：全部历史）",
    ),
    "audit_deleted": ("item {id} ({title}) was deleted", "问题 {id}（{title}）被删除"),
    "audit_id_changed": ("item {id} was renumbered to {new}", "问题 {id} 被改编号为 {new}"),
    "audit_deadline_moved": (
        "deadline of {id} moved from {old} to {new} without an extension record",
        "{id} 的整改时限由 {old} 改为 {new}，但没有延期登记",
    ),
    "audit_closure_erased": (
        "closure of {id} (closed on {closed_on}) was removed without a reopening record",
        "{id} 的销号（{closed_on} 完成）被撤销，但没有重新整改登记",
    ),
    "audit_backdated": (
        "{id} was closed on {date} with closed_on {closed_on}, {days} days earlier (more than {limit})",
        "{id} 于 {date} 提交销号，完成日期却填为 {closed_on}，早了 {days} 天（超过 {limit} 天）",
    ),
    "audit_clean": ("{commits} commit(s) checked: no findings", "已检查 {commits} 个提交：未发现问题"),
    "audit_found": ("{count} finding(s)", "发现 {count} 处问题"),
    "rule_deleted": ("deleted", "删除问题"),
    "rule_id_changed": ("ID changed", "改动编号"),
    "rule_deadline_moved": ("deadline moved", "擅改时限"),
    "rule_closure_erased": ("closure erased", "撤销销号"),
    "rule_backdated": ("backdated", "倒签日期"),
    # merge driver
    "help_merge_driver": (
        "Merge two versions of a list file item by item (run by git, registered by checklist init).\n\n"
        "Example: git config merge.checklist.driver 'checklist merge-driver %O %A %B %P'",
        "逐项合并清单文件的两个版本（由 git 调用，checklist init 自动登记）。\n\n"
        "示例：git config merge.checklist.driver 'checklist merge-driver %O %A %B %P'",
    ),
    "arg_merge_base": ("the common ancestor's version (%O)", "共同祖先版本（%O）"),
    "arg_merge_ours": ("our version, replaced by the result (%A)", "本方版本，合并结果写回此文件（%A）"),
    "arg_merge_theirs": ("their version (%B)", "对方版本（%B）"),
    "arg_merge_path": ("the file's path in the repository (%P)", "文件在仓库中的路径（%P）"),
    "merge_renumbered": (
        "{path}: {old} was already published for another item; the unpublished item {old} ({title}) is now {new}"
        " (recorded as renumbered_from: {old}); use {new} for it from now on",
        "{path}：编号 {old} 已被另一方先行提交的问题占用；尚未提交的问题 {old}（{title}）已改编号为 {new}"
        "（记有 renumbered_from: {old}），今后请用 {new}",
    ),
    "merge_invalid": (
        "{path}:{line}: the merged file would not validate ({reason}); the items concerned are left as a conflict",
        "{path}:{line}：合并结果无法通过校验（{reason}），相关问题已标为冲突，请人工处理",
    ),
    "merge_conflict": (
        "{path}: {id}: both sides changed {fields} differently; resolve the marked item",
        "{path}：{id}：双方对 {fields} 的修改不一致，请处理标出的问题",
    ),
    "merge_fallback": (
        "{path}: cannot merge item by item ({reason}); falling back to git's line merge",
        "{path}：无法逐项合并（{reason}），改用 git 的逐行合并",
    ),
    "init_merge_attributes": ("registered the merge driver for {pattern} in {path}", "已在 {path} 为 {pattern} 登记合并驱动"),
    "init_merge_config": ("set merge.checklist.driver in the repository's git config", "已在仓库 git 配置中设置 merge.checklist.driver"),
}
