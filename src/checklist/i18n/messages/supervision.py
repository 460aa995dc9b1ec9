"""Messages of the supervision office's follow-up: extension limits, rechecks (回头看),
sampling, notices (催办/督办/约谈通知) and departments that stopped reporting."""

MESSAGES: dict[str, tuple[str, str]] = {
    # extend, governed
    "edit_extend_limit": (
        "{id} has been extended {count} times; this ledger allows at most {most} (max_extensions in checklist.toml)",
        "{id} 已延期 {count} 次，本台账最多允许 {most} 次（见 checklist.toml 的 max_extensions），不能再延期",
    ),
    "edit_extend_needs_approval": (
        "{id}: this ledger requires an approver for extensions: add --approved-by WHO",
        "{id}：本台账延期须经批准，请加上 --approved-by 批准人",
    ),
    # recheck
    "help_recheck": (
        "Record a follow-up check (回访/回头看) of a done item: ok (the fix holds), rebound (the problem "
        "came back) or false (it was never truly fixed); rebound and false reopen the item, in the same commit.\n\n"
        "Example: checklist recheck CZJ-001 --by 市委督查室 --result ok --note 抽查3个项目未发现反弹",
        "记录对已完成问题的跟踪回访（回头看）：ok 巩固、rebound 反弹或 false 虚假整改；"
        "反弹和虚假整改将同时重新打开该问题，一次提交。\n\n"
        "示例：checklist recheck CZJ-001 --by 市委督查室 --result 巩固 --note 抽查3个项目未发现反弹",
    ),
    "opt_recheck_by": ("who checked (a unit or a person)", "回访单位或人员"),
    "opt_recheck_result": (
        "ok (holds, 巩固), rebound (反弹) or false (虚假整改)",
        "巩固 ok、反弹 rebound 或虚假整改 false",
    ),
    "opt_recheck_note": ("what was found", "回访发现的情况"),
    "bad_recheck_result_option": ("--result '{value}' is not one of {choices}", "--result“{value}”无效，应为 {choices} 之一"),
    "recheck_reopen_reason": ("recheck by {by}: {result}", "{by}回访发现{result}"),
    "edit_recheck_open": (
        "{id} is still open: only a closed or verified item can be rechecked",
        "{id} 尚未完成整改：只能对已完成或已销号的问题进行回访",
    ),
    "edit_empty_recheck_by": ("who rechecked is empty: give --by", "回访单位为空：请用 --by 填写"),
    "edit_bad_recheck_result": ("recheck result '{value}' is not ok, rebound or false", "回访结果“{value}”应为 ok、rebound 或 false"),
    "edit_recheck_before_closed": (
        "the recheck date {date} is before the item was closed ({closed})",
        "回访日期 {date} 早于整改完成日期（{closed}）",
    ),
    "done_recheck_ok": ("rechecked {id}: {result}: {title} ({file})", "已记录回访 {id}：{result}：{title}（{file}）"),
    "done_recheck_reopened": (
        "rechecked {id}: {result}; the item is open again: {title} ({file})",
        "已记录回访 {id}：{result}，问题已重新打开：{title}（{file}）",
    ),
    # sample
    "help_sample": (
        "Pick done items for a follow-up visit (回头看), reproducibly: the same ledger, seed and options "
        "always give the same items, on any machine. The default seed is the as-of day.\n\n"
        "Example: checklist sample --n 5 --each-dept --format xlsx --output 回头看抽查表.xlsx",
        "随机抽取已完成的问题开展回头看，结果可复现：同一台账、同一种子和选项，在任何电脑上抽到的都相同；"
        "默认种子为统计日期。\n\n"
        "示例：checklist sample --n 5 --each-dept --format xlsx --output 回头看抽查表.xlsx",
    ),
    "opt_sample_n": ("how many items (with --each-dept: from each department)", "抽取数量（加 --each-dept 时为每个单位的数量）"),
    "opt_sample_seed": ("the draw's seed (default: the as-of day); another seed, another sample",
                        "抽样种子（默认为统计日期）；换一个种子即换一批"),
    "opt_sample_dept": ("only this department (code, name or alias)", "只抽该单位（代码、全称或简称）"),
    "opt_sample_each_dept": ("draw N from each department", "每个责任单位各抽 N 个"),
    "opt_sample_state": ("done (closed or verified, default) or verified (已销号) only",
                         "done 已完成（含已销号，默认）或 verified 仅已销号"),
    "opt_sample_as_of": ("the day of the draw (default today): the default seed", "抽样日期（默认今天），也是默认种子"),
    "opt_sample_output": ("write to this file (needed for xlsx)", "写入该文件（xlsx 格式必填）"),
    "sample_bad_n": ("--n '{value}' is not a whole number of 1 or more", "--n“{value}”应为不小于 1 的整数"),
    "sample_bad_state": ("--state '{value}' is not done or verified", "--state“{value}”应为 done（已完成）或 verified（已销号）"),
    "sample_title": ("Follow-up sample: {n} of {total} done items (seed {seed})",
                     "回头看抽查表：从 {total} 个已完成问题中抽取 {n} 个（种子 {seed}）"),
    "sample_none": ("no done items to sample", "没有可供抽查的已完成问题"),
    "sample_sheet": ("Sample", "回头看抽查"),
    "visit_n": ("No.", "序号"),
    "visit_id": ("ID", "编号"),
    "visit_department": ("Department", "责任单位"),
    "visit_title": ("Problem", "问题"),
    "visit_owner": ("Owner", "责任人"),
    "visit_leader": ("Leader", "责任领导"),
    "visit_closed_on": ("Closed on", "完成日期"),
    "visit_result": ("Result reported", "整改结果"),
    "visit_found": ("Recheck result (holds / rebound / false)", "回访结果（巩固/反弹/虚假整改）"),
    "visit_notes": ("What was found", "回访情况"),
    # notice
    "help_notice": (
        "Write one notice per department with overdue or due-soon items (催办/督办/约谈通知): its items, "
        "owners, leaders, days overdue, escalation level and latest progress, and the reply asked for by a "
        "date. The kind follows the department's most overdue item; signed by the issuer set in checklist.toml's report table.\n\n"
        "Example: checklist notice --output 通知 --reply-by +3d",
        "为每个有逾期或即将到期问题的责任单位生成一份通知（催办/督办/约谈通知）：列出问题、责任人、责任领导、"
        "逾期天数、督办级别和最新进展，并要求限期报送；通知类别取该单位最高的督办级别，落款为 checklist.toml 中 report 节的 issuer。\n\n"
        "示例：checklist notice --output 通知 --reply-by +3d",
    ),
    "opt_notice_dept": ("only this department (code, name or alias)", "只为该单位生成（代码、全称或简称）"),
    "opt_notice_reply_by": ("the reply is asked for by this day (default: as-of + 3 days)", "要求报送的截止日期（默认统计日期后 3 天）"),
    "opt_notice_first_number": ("the first notice's number (continue this year's numbering)", "第一份通知的编号（接续本年度编号）"),
    "opt_notice_output": ("the folder to write the notices into (created if missing)", "通知保存的文件夹（不存在则新建）"),
    "notice_needs_output": ("notice needs --output DIR: the folder to write the notices into",
                            "notice 需要用 --output 指定保存通知的文件夹"),
    "notice_output_not_folder": ("--output {path} is a file, not a folder", "--output {path} 是文件，不是文件夹"),
    "notice_reply_before": ("--reply-by {reply_by} is before the as-of day {as_of}", "--reply-by {reply_by} 早于统计日期 {as_of}"),
    "notice_bad_number": ("--first-number '{value}' is not a whole number of 1 or more", "--first-number“{value}”应为不小于 1 的整数"),
    "notice_nothing": ("nothing to send: no department has an overdue or due-soon item on {as_of}",
                       "无需发送通知：截至 {as_of} 没有单位存在逾期或即将到期的问题"),
    "notice_wrote": ("wrote {path}: {kind} to {department}, {count} items", "已生成 {path}：{department}{kind}，{count} 个问题"),
    "notice_kind_remind": ("Reminder", "催办通知"),
    "notice_kind_supervise": ("Supervision notice", "督办通知"),
    "notice_kind_interview": ("Notice of interview", "约谈通知"),
    "notice_number": ("{level} No. {number} ({year})", "{level}〔{year}〕{number}号"),
    "notice_to": ("To {department}:", "{department}："),
    "notice_opening": (
        "As of {as_of}, your department's rectification list has {overdue} overdue item(s) and {due_soon} "
        "item(s) due soon, listed below.",
        "截至{as_of}，你单位整改清单中有逾期未完成问题{overdue}个、即将到期问题{due_soon}个，具体如下：",
    ),
    "notice_request_remind": (
        "Please speed up the rectification and report its progress, with supporting material, to {issuer} by {reply_by}.",
        "请你单位压实整改责任，加快整改进度，于{reply_by}前将整改进展及佐证材料报送{issuer}。",
    ),
    "notice_request_supervise": (
        "These items are long overdue and are hereby placed under supervision. The head of your department is asked "
        "to see to them in person and to report to {issuer} by {reply_by}: the progress, why the deadline was missed, "
        "and the next steps with dates.",
        "以上问题逾期时间较长，现予督办。请你单位主要负责同志亲自过问，于{reply_by}前将整改进展、未按期完成的原因"
        "及下一步措施和完成时限书面报送{issuer}。",
    ),
    "notice_request_interview": (
        "These items are seriously overdue and the rectification has stalled; the responsible leaders will be "
        "interviewed. Report in writing to {issuer} by {reply_by} on the state of each item and be ready for the interview.",
        "以上问题逾期时间长、整改推进不力，拟对责任领导进行约谈。请你单位于{reply_by}前将各问题整改情况书面报送"
        "{issuer}，并做好约谈准备。",
    ),
    "notice_issuer_default": ("the supervision office", "督查室"),
    "notice_col_n": ("No.", "序号"),
    "notice_col_id": ("ID", "编号"),
    "notice_col_title": ("Problem", "问题"),
    "notice_col_owner": ("Owner", "责任人"),
    "notice_col_leader": ("Leader", "责任领导"),
    "notice_col_deadline": ("Deadline", "整改时限"),
    "notice_col_days": ("Overdue / left", "逾期/剩余"),
    "notice_col_level": ("Level", "督办级别"),
    "notice_col_progress": ("Latest progress", "最新进展"),
    "notice_days_overdue": ("{days} days overdue", "逾期{days}天"),
    "notice_days_left": ("{days} days left", "剩{days}天"),
    "notice_due_today": ("due today", "今日到期"),
    "notice_level_due_soon": ("due soon", "即将到期"),
    "notice_extended": (", extended {count}x", "，已延期{count}次"),
    "notice_no_progress": ("none yet", "暂无"),
    # stale departments
    "rpt_summary_stale": ("Not reporting on time (no update within the reporting cycle): {names}.",
                          "未按时报送进展：{names}。"),
    "rpt_stale_department": ("{name} (last {last})", "{name}（最近报送 {last}）"),
    "rpt_col_update_stale": ("Department reporting late", "单位未按时报送"),
    "rpt_yes": ("yes", "是"),
    "rpt_rebound_rate": (" (rebound rate {rate})", "（反弹率 {rate}）"),
}
