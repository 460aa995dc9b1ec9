"""Messages of the editing commands: add, close, note, extend, reopen, verify, update."""

MESSAGES: dict[str, tuple[str, str]] = {
    "edit_evidence_folder": (
        "evidence {path} is a folder: name each file (e.g. --evidence {path}/方案.pdf)",
        "佐证材料 {path} 是文件夹：请逐个指定文件（如 --evidence {path}/方案.pdf）",
    ),
    "done_unchanged": ("{id}: nothing to change; the file is untouched", "{id}：内容未变，文件保持原样"),
    "edit_ambiguous_id": (
        "{id} is in more than one place ({files}); fix the duplicate first (checklist validate shows both)",
        "编号 {id} 出现在多处（{files}），请先处理重复编号（checklist validate 会列出两处）",
    ),
    "edit_date_in_future": (
        "{date} is after today ({today}): a record says what has happened; give the day it happened",
        "{date} 晚于今天（{today}）：记录的是已经发生的事，请填写实际日期",
    ),
    "edit_date_before_created": (
        "{date} is before the item was listed ({created})",
        "{date} 早于该问题的登记日期（{created}）",
    ),
    "edit_reopen_before_closed": (
        "{date} is before the item was closed ({closed})",
        "{date} 早于该问题的完成日期（{closed}）",
    ),
    # help
    "help_add": (
        "Add a problem to a department's list; prints its new ID.\n\n"
        "Example: checklist add --dept CZJ --title 非税收入未做到应收尽收 --owner 王芳 --deadline 2026年12月底",
        "在部门整改清单中新增一个问题，输出新编号。\n\n"
        "示例：checklist add --dept CZJ --title 非税收入未做到应收尽收 --owner 王芳 --deadline 2026年12月底",
    ),
    "help_close": (
        "Close an item (整改完成): status open -> closed, with its result and evidence files.\n\n"
        "Example: checklist close CZJ-001 --result 已制定专项方案并落实 --evidence evidence/方案.pdf",
        "问题整改完成（销号申请）：状态由 open 改为 closed，记录整改结果和佐证材料。\n\n"
        "示例：checklist close CZJ-001 --result 已制定专项方案并落实 --evidence evidence/方案.pdf",
    ),
    "help_note": (
        "Record progress on an item (a dated note), and with --percent its progress (0-100).\n\n"
        "Example: checklist note CZJ-001 已召开专题会议 --percent 40",
        "记录整改进展（带日期）；加 --percent 同时填写整改进度（0-100）。\n\n"
        "示例：checklist note CZJ-001 已召开专题会议 --percent 40",
    ),
    "help_extend": (
        "Move an open item's deadline, recording the extension (延期).\n\n"
        "Example: checklist extend CZJ-001 --to 2027-03-31 --reason 涉及跨部门协调 --approved-by 市委督查室",
        "延长未完成问题的整改时限，并记录延期情况。\n\n"
        "示例：checklist extend CZJ-001 --to 2027-03-31 --reason 涉及跨部门协调 --approved-by 市委督查室",
    ),
    "help_reopen": (
        "Reopen a closed or verified item; the earlier closure is kept under reopenings.\n\n"
        "Example: checklist reopen CZJ-001 --reason 回访发现问题反弹",
        "重新打开已完成或已销号的问题，原整改结果保留在 reopenings 中。\n\n"
        "示例：checklist reopen CZJ-001 --reason 回访发现问题反弹",
    ),
    "help_verify": (
        "Verify a closed item (复核): the follow-up check passed; status closed -> verified. "
        "The verifier cannot be the item's owner.\n\n"
        "Example: checklist verify CZJ-001 --by 市委督查室 --note 回访核实整改到位",
        "复核已完成的问题：跟踪问效通过，状态由 closed 改为 verified（销号）。复核人不能是责任人本人。\n\n"
        "示例：checklist verify CZJ-001 --by 市委督查室 --note 回访核实整改到位",
    ),
    "help_update": (
        "Edit an item's plain fields (title, owner, category, measures, source, target, leader, unit, "
        "remarks, type, amount, recovered, co-owners); empty text removes an optional field.\n\n"
        "Example: checklist update CZJ-001 --owner 李强 --measures 建立台账，逐项销号",
        "修改问题的基本信息（问题、责任人、类别、整改措施、问题来源、整改目标、责任领导、责任科室、备注、"
        "整改类型、问题金额、整改到位金额、其他责任人）；可选项给空值即删除。\n\n"
        "示例：checklist update CZJ-001 --owner 李强 --measures 建立台账，逐项销号",
    ),
    # arguments and options
    "arg_id": (
        "the item's ID, e.g. CZJ-001 (any case or width; czj-1 will do)",
        "问题编号，如 CZJ-001（不区分大小写和全半角，可省略前导零，如 czj-1）",
    ),
    "arg_note_text": ("the progress note", "整改进展内容"),
    "opt_dept": ("department: code or name", "部门：代码或名称"),
    "opt_title": ("the problem (问题)", "问题描述"),
    "opt_owner": ("the responsible person (责任人)", "责任人"),
    "opt_deadline": (
        "deadline (整改时限): 2026-12-31, 2026/12/31, 2026年12月31日(前), 2026年12月(底), 2026年12月上旬/中旬/下旬, "
        "2026年第四季度, 2026年上半年/下半年, 2026年底; without the year (12月底前) this year's or, once passed, "
        "next year's; today, +10d, +2w, +1m",
        "整改时限：2026-12-31、2026/12/31、2026年12月31日（前）、2026年12月（底）、2026年12月上旬/中旬/下旬、"
        "2026年第四季度、2026年上半年/下半年、2026年底；不写年份（12月底前）则取今年，该日已过则取明年；today、+10d、+2w、+1m",
    ),
    "opt_category": ("category (问题类别)", "问题类别"),
    "opt_type": (
        "type: immediate (立行立改), deadline (限期整改) or ongoing (长期坚持)",
        "整改类型：immediate（立行立改）、deadline（限期整改）或 ongoing（长期坚持）",
    ),
    "bad_type_option": ("--type '{value}' is not one of {choices}", "--type“{value}”无效，应为 {choices} 之一"),
    "opt_measures": ("rectification measures (整改措施)", "整改措施"),
    "opt_source": ("where the problem was raised (问题来源)", "问题来源"),
    "opt_partner": ("a cooperating department (配合单位); repeatable", "配合单位（可重复）"),
    "opt_file": ("the list file to add to (default: the department's file)", "写入的清单文件（默认：该部门的清单文件）"),
    "opt_no_commit": ("do not commit the change to git", "不提交到 git"),
    "opt_result": ("what was done (整改结果)", "整改结果"),
    "opt_evidence": ("a supporting file (佐证材料), recorded with its sha256; repeatable", "佐证材料文件（记录 sha256，可重复）"),
    "opt_date": ("the day it happened (default: today)", "日期（默认：今天）"),
    "opt_to": ("the new deadline", "新的整改时限"),
    "opt_reason": ("the reason", "原因"),
    "opt_approved_by": ("who approved the extension", "延期批准人"),
    "opt_by": ("who checked it (复核人), not the owner", "复核人（不能是责任人）"),
    "opt_verify_note": ("a note on the check, recorded as progress", "复核意见（记入整改进展）"),
    # prompts
    "prompt_dept": ("Department (code or name)", "部门（代码或名称）"),
    "prompt_title": ("Problem", "问题"),
    "prompt_owner": ("Responsible person", "责任人"),
    "prompt_deadline": ("Deadline (e.g. 2026-12-31, 2026年12月底, +1m)", "整改时限（如 2026-12-31、2026年12月底、+1m）"),
    "prompt_category": ("Category (empty: none)", "问题类别（留空表示不填）"),
    "prompt_known": ("known: {values}", "已有：{values}"),
    "missing_option": (
        "missing option {option} (not asked for: input is not a terminal)",
        "缺少选项 {option}（输入不是终端，无法提问）",
    ),
    "nothing_to_update": (
        "nothing to update: give at least one of --title --owner --category --measures --source --target"
        " --leader --unit --remarks --type --amount --recovered --co-owner",
        "没有要修改的内容：请至少给出 --title --owner --category --measures --source --target"
        " --leader --unit --remarks --type --amount --recovered --co-owner 之一",
    ),
    # results
    "done_close": ("closed {id}: {title} ({file})", "已完成整改 {id}：{title}（{file}）"),
    "done_note": ("noted progress on {id}: {title} ({file})", "已记录整改进展 {id}：{title}（{file}）"),
    "done_extend": ("extended {id} to {to}: {title} ({file})", "已延期 {id} 至 {to}：{title}（{file}）"),
    "done_reopen": ("reopened {id}: {title} ({file})", "已重新打开 {id}：{title}（{file}）"),
    "done_verify": ("verified {id}: {title} ({file})", "已复核销号 {id}：{title}（{file}）"),
    "done_update": ("updated {id}: {title} ({file})", "已修改 {id}：{title}（{file}）"),
    "done_committed": ("committed: {subject}", "已提交：{subject}"),
    # refusals
    "edit_unknown_id": ("no item {id} in the ledger; `checklist list` shows the IDs", "台账中没有编号为 {id} 的问题；可用 `checklist list` 查看编号"),
    "edit_unknown_id_hint": ("no item {id} in the ledger; did you mean {hint}?", "台账中没有编号为 {id} 的问题；是否要找 {hint}？"),
    "edit_close_closed": ("{id} is already closed; reopen it first to close it again", "{id} 已完成整改，如需重新销号请先重新打开（reopen）"),
    "edit_close_verified": ("{id} is already verified; reopen it first to close it again", "{id} 已复核销号，如需重新整改请先重新打开（reopen）"),
    "edit_verify_open": ("{id} is still open: close it before verifying it", "{id} 尚未完成整改：请先完成（close）再复核"),
    "edit_verify_verified": ("{id} is already verified", "{id} 已复核销号"),
    "edit_verify_owner": (
        "{who} is the item's owner: the check must be made by someone else",
        "{who} 是该问题的责任人：复核须由他人进行",
    ),
    "edit_verify_before_closed": ("the check date {date} is before the closure ({closed})", "复核日期 {date} 早于整改完成日期（{closed}）"),
    "edit_reopen_open": ("{id} is open: only a closed or verified item can be reopened", "{id} 尚未完成：只有已完成或已销号的问题才能重新打开"),
    "edit_extend_done": ("{id} is {status}: only an open item's deadline can be extended", "{id} 状态为 {status}：只有未完成的问题可以延期"),
    "edit_extend_not_later": ("the new deadline {to} is not later than the current one ({deadline})", "新的整改时限 {to} 不晚于当前时限（{deadline}）"),
    "edit_deadline_before_created": ("the deadline {date} is before the item was created ({created})", "整改时限 {date} 早于问题登记日期（{created}）"),
    "edit_closed_before_created": ("the closing date {date} is before the item was created ({created})", "完成日期 {date} 早于问题登记日期（{created}）"),
    "edit_empty_title": ("the problem (title) cannot be empty", "问题描述不能为空"),
    "edit_empty_owner": ("the responsible person (owner) cannot be empty", "责任人不能为空"),
    "edit_empty_result": ("the result cannot be empty", "整改结果不能为空"),
    "edit_empty_note": ("the progress note cannot be empty", "整改进展不能为空"),
    "edit_empty_reason": ("the reason cannot be empty", "原因不能为空"),
    "edit_empty_verified_by": ("the verifier (--by) cannot be empty", "复核人不能为空"),
    "edit_evidence_not_found": ("evidence file not found: {path}", "找不到佐证材料文件：{path}"),
    "edit_evidence_outside": (
        "evidence file {path} is outside the ledger ({root}): copy it into the ledger first",
        "佐证材料 {path} 不在台账目录（{root}）内：请先复制到台账中",
    ),
    "edit_dept_missing": ("{file} holds no department {code}", "{file} 中没有部门 {code}"),
    "edit_file_exists": (
        "{file} exists but holds no valid list of department {code}: fix it (checklist validate) or choose --file",
        "{file} 已存在，但不是部门 {code} 的有效清单：请先修正（checklist validate）或用 --file 指定文件",
    ),
    "edit_symlink": (
        "{file} is a symbolic link to {target}; checklist does not write through links, nothing was written. "
        "Edit {target} there, or replace the link by a copy of the file",
        "{file} 是指向 {target} 的符号链接，checklist 不通过链接写入，文件未改动。请到原文件处修改，或用文件副本替换该链接",
    ),
    "edit_outside_ledger": (
        "{file} lies outside the ledger ({root}); checklist writes only inside it, nothing was written",
        "{file} 不在台账目录（{root}）内，checklist 只在台账内写入，文件未改动",
    ),
    "edit_file_not_in_ledger": ("{file} is not a list file of this ledger", "{file} 不是本台账的清单文件"),
    "edit_flow_items": (
        "{file}: the items are written as a flow sequence ([...]); write them as a block list to edit with checklist",
        "{file}：问题列表写成了流式序列（[...]），请改为块状列表后再用 checklist 编辑",
    ),
    "edit_not_surgical": (
        "{file}: the edit could not be made without touching other lines; nothing was written (please report it)",
        "{file}：无法在不改动其他行的情况下完成修改，文件未改动（请报告此问题）",
    ),
    # git
    "edit_commit_no_identity": (
        "git does not know who you are, so the change cannot be committed; nothing was written. "
        "Run: git config --global user.name \"姓名\" && git config --global user.email \"you@example.gov.cn\" "
        "(or use --no-commit)",
        "git 未设置提交人身份，无法提交，文件未改动。请运行：git config --global user.name \"姓名\" && "
        "git config --global user.email \"you@example.gov.cn\"（或使用 --no-commit）",
    ),
    "edit_commit_mid_merge": (
        "{path} is in the middle of a merge; nothing was written. Finish it (git commit) or abort it (git merge --abort) first",
        "{path} 正在进行合并，文件未改动。请先完成合并（git commit）或放弃合并（git merge --abort）",
    ),
    "edit_commit_mid_rebase": (
        "{path} is in the middle of a rebase; nothing was written. Finish it (git rebase --continue) or abort it (git rebase --abort) first",
        "{path} 正在进行变基，文件未改动。请先完成（git rebase --continue）或放弃（git rebase --abort）",
    ),
    "edit_commit_mid_cherry_pick": (
        "{path} is in the middle of a cherry-pick; nothing was written. Finish or abort it (git cherry-pick --abort) first",
        "{path} 正在进行 cherry-pick，文件未改动。请先完成或放弃（git cherry-pick --abort）",
    ),
    "edit_commit_mid_revert": (
        "{path} is in the middle of a revert; nothing was written. Finish or abort it (git revert --abort) first",
        "{path} 正在进行 revert，文件未改动。请先完成或放弃（git revert --abort）",
    ),
    "edit_commit_dirty": (
        "{file} has changes that are not committed; this command's commit would carry them, so nothing was written. "
        "Commit them first (git add {file} && git commit), set them aside (git stash), or run with --no-commit",
        "{file} 有尚未提交的修改，本次提交会把它们一并带上，文件未改动。请先提交（git add {file} && git commit），"
        "或暂存（git stash），或使用 --no-commit",
    ),
}
