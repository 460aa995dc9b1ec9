"""Messages of the v2 editing: tasks, rules issued, accountability, the new fields of add and update."""

MESSAGES: dict[str, tuple[str, str]] = {
    # task
    "help_task": (
        "Break an item's measures into tasks (任务清单) and mark them done.\n\n"
        "Example: checklist task add CZJ-001 修订公务支出管理办法 --owner 何勇 --deadline 2026-11-30",
        "把整改措施分解为任务清单，并逐项标记完成。\n\n"
        "示例：checklist task add CZJ-001 修订公务支出管理办法 --owner 何勇 --deadline 2026-11-30",
    ),
    "help_task_add": (
        "Append a task to an item's task list; prints its number.\n\n"
        "Example: checklist task add CZJ-001 修订公务支出管理办法 --owner 何勇 --deadline 2026-11-30",
        "在问题的任务清单末尾新增一项任务，输出任务序号。\n\n"
        "示例：checklist task add CZJ-001 修订公务支出管理办法 --owner 何勇 --deadline 2026-11-30",
    ),
    "help_task_done": (
        "Mark task N of an item done.\n\nExample: checklist task done CZJ-001 1 --date 2026-11-10",
        "将问题的第 N 项任务标记为完成。\n\n示例：checklist task done CZJ-001 1 --date 2026-11-10",
    ),
    "arg_task_text": ("what is to be done", "任务内容"),
    "arg_task_number": ("the task's number (1 is the first)", "任务序号（从 1 开始）"),
    "opt_task_owner": ("who does the task", "任务责任人"),
    "opt_task_deadline": ("when the task is due", "任务完成时限"),
    "done_task_done": ("task {number} of {id} done: {title} ({file})", "{id} 第 {number} 项任务已完成：{title}（{file}）"),
    "edit_task_on_done": (
        "{id} is {status}: reopen it before adding a task",
        "{id} 的状态为 {status}：请先重新打开再新增任务",
    ),
    "edit_empty_task": ("the task is empty", "任务内容为空"),
    "edit_task_unknown": ("{id} has no task {number} (it has {count})", "{id} 没有第 {number} 项任务（共 {count} 项）"),
    "edit_task_done_already": ("task {number} of {id} was done on {date}", "{id} 第 {number} 项任务已于 {date} 完成"),
    "edit_close_task_undone": (
        "{id} cannot be closed while task {number} '{task}' is not done (checklist task done {id} {number})",
        "{id} 第 {number} 项任务“{task}”尚未完成，不能完成整改（可用 checklist task done {id} {number}）",
    ),
    # rule
    "help_rule": (
        "Record a rule or system issued for the fix (建章立制).\n\n"
        "Example: checklist rule CZJ-001 市财政局公务支出管理办法 --doc-no 市财发〔2026〕12号",
        "记录整改中出台的制度（建章立制）。\n\n"
        "示例：checklist rule CZJ-001 市财政局公务支出管理办法 --doc-no 市财发〔2026〕12号",
    ),
    "arg_rule_title": ("the rule's title", "制度名称"),
    "opt_doc_no": ("its document number (文号)", "发文字号"),
    "done_rule": ("recorded a rule issued for {id}: {title} ({file})", "已记录 {id} 的建章立制：{title}（{file}）"),
    "edit_empty_rule": ("the rule's title is empty", "制度名称为空"),
    # accountability
    "help_accountability": (
        "Record a person held to account (问责) for an item.\n\n"
        "Example: checklist accountability CZJ-001 --person 何勇 --measure 约谈 --note 公务支出审批把关不严",
        "记录问题相关人员被问责的情况。\n\n"
        "示例：checklist accountability CZJ-001 --person 何勇 --measure 约谈 --note 公务支出审批把关不严",
    ),
    "opt_person": ("who was held to account", "被问责人"),
    "opt_measure": ("how (one of accountability_measures in checklist.toml)", "问责方式（checklist.toml 中 accountability_measures 之一）"),
    "opt_acc_note": ("why", "问责事由"),
    "done_accountability": ("recorded accountability for {id}: {title} ({file})", "已记录 {id} 的问责情况：{title}（{file}）"),
    "edit_empty_person": ("the person is empty", "被问责人为空"),
    "edit_bad_measure": (
        "'{value}' is not an accountability measure of this ledger: {choices}",
        "“{value}”不是本台账的问责方式：{choices}",
    ),
    "edit_bad_measure_hint": (
        "'{value}' is not an accountability measure of this ledger (did you mean '{hint}'?): {choices}",
        "“{value}”不是本台账的问责方式（是否应为“{hint}”？）：{choices}",
    ),
    # add and update
    "opt_target": ("the rectification target (整改目标)", "整改目标"),
    "opt_leader": ("the responsible leader (责任领导)", "责任领导（分管领导）"),
    "opt_unit": ("the office doing the work (责任科室)", "责任科室"),
    "opt_remarks": ("remarks (备注)", "备注"),
    "opt_co_owner": ("another person named responsible; repeatable", "其他责任人（可重复）"),
    "opt_co_owner_update": (
        "the other persons responsible, replacing the list; repeatable (--co-owner '' removes them)",
        "其他责任人，替换原名单（可重复；--co-owner '' 表示删除）",
    ),
    "opt_amount": ("money involved (问题金额), in the ledger's money_unit", "问题金额（单位见 money_unit）"),
    "opt_recovered": ("money rectified or recovered (整改到位金额)", "整改到位金额"),
    "opt_created_on": ("the day the item was listed (default: today; may be earlier)", "交办、登记日期（默认今天，可补填更早的日期）"),
    "opt_percent": ("progress from 0 to 100 (整改进度)", "整改进度（0-100）"),
    "opt_kind": (
        "why: reopen (default), rebound (the problem came back, 反弹) or false (the closure was not true, 虚假整改)",
        "类型：reopen（默认）、rebound（问题反弹）或 false（虚假整改）",
    ),
    "bad_money_option": ("{option} '{value}' is not a number of 0 or more", "{option}“{value}”应为不小于 0 的数"),
    "bad_kind_option": ("--kind '{value}' is not one of {choices}", "--kind“{value}”无效，应为 {choices} 之一"),
    "edit_bad_percent": ("percent {value} is not from 0 to 100", "整改进度 {value} 应在 0 到 100 之间"),
    "edit_percent_done": (
        "{id} is done: its progress is 100, not {value}",
        "{id} 已完成整改，进度应为 100，不能是 {value}",
    ),
    "edit_verify_co_owner": (
        "{who} is one of the item's responsible persons: the fix must be verified by someone else",
        "{who} 是该问题的责任人之一：整改成效须由他人复核",
    ),
    "edit_extend_no_deadline": (
        "{id} has no deadline to extend (an ongoing item); set one with its next stage",
        "{id} 没有整改时限（长期坚持），无法延期",
    ),
    "edit_type_needs_deadline": (
        "{id} has no deadline: only an ongoing item may have none",
        "{id} 没有整改时限：只有长期坚持的问题可以不设时限",
    ),
    "edit_needs_deadline": (
        "a deadline is needed (--deadline), unless the item is ongoing or immediate (--type)",
        "需要整改时限（--deadline），长期坚持或立行立改的问题（--type）除外",
    ),
    "edit_created_in_future": (
        "the listing day {date} is after today ({today})",
        "登记日期 {date} 晚于今天（{today}）",
    ),
}
