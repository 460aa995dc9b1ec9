"""Messages of the foundation: reading files, validation problems, the ledger."""

MESSAGES: dict[str, tuple[str, str]] = {
    # reading files
    "encoding_gb18030": (
        "the file is not UTF-8; it reads as GB18030/GBK: convert it with `iconv -f GB18030 -t UTF-8`",
        "文件不是 UTF-8 编码，看起来是 GB18030/GBK：请用 `iconv -f GB18030 -t UTF-8` 转换",
    ),
    "encoding_bad": ("the file is not UTF-8 text", "文件不是 UTF-8 文本"),
    "yaml_syntax": ("YAML syntax error: {detail}", "YAML 语法错误：{detail}"),
    "yaml_bad_char": (
        "character {char} is not allowed in a list file (binary data?)",
        "清单文件中不允许出现字符 {char}（是否为二进制文件？）",
    ),
    "yaml_multiple_documents": (
        "a list file holds one YAML document; found a second one",
        "一个清单文件只能有一个 YAML 文档，这里出现了第二个",
    ),
    "yaml_alias": (
        "aliases (*{name}) are not allowed in a list file; write the value out",
        "清单文件中不允许使用别名（*{name}），请直接写出内容",
    ),
    "yaml_tag": (
        "tag {tag} is not allowed: a list file holds plain data only",
        "不允许使用标签 {tag}：清单文件只能包含普通数据",
    ),
    "yaml_duplicate_key": (
        "duplicate key '{key}' (first at line {first})",
        "重复的键“{key}”（首次出现在第 {first} 行）",
    ),
    "yaml_complex_key": ("a key must be plain text", "键必须是普通文本"),
    "yaml_too_deep": (
        "nested more than {depth} levels deep",
        "嵌套超过 {depth} 层",
    ),
    "file_unreadable": ("cannot read the file: {reason}", "无法读取文件：{reason}"),
    "not_a_file": ("not a regular file", "不是普通文件"),
    "file_too_big": (
        "the file is {size} MB; list files are limited to {limit} MB (split it by department)",
        "文件大小 {size} MB，清单文件上限为 {limit} MB（请按部门拆分）",
    ),
    "empty_file": ("the file is empty: expected department, code and items", "文件为空：应包含 department、code 和 items"),
    "expect_top": (
        "expected a department list (a mapping) or a sequence of them",
        "应为一个部门清单（映射）或由部门清单组成的序列",
    ),
    "expect_department": (
        "expected a department list: a mapping with department, code and items",
        "应为部门清单：包含 department、code、items 的映射",
    ),
    "expect_item": ("expected an item: a mapping with id, title, owner, deadline, status", "应为一个问题：包含 id、title、owner、deadline、status 的映射"),
    # validation
    "missing_field": ("missing required field '{field}'", "缺少必填字段“{field}”"),
    "unknown_field": ("unknown field '{field}'", "未知字段“{field}”"),
    "unknown_field_hint": ("unknown field '{field}' (did you mean '{hint}'?)", "未知字段“{field}”（是否应为“{hint}”？）"),
    "expect_date": (
        "{field}: '{value}' is not a valid date (write YYYY-MM-DD, e.g. 2026-12-31)",
        "{field}：“{value}”不是有效日期（请写成 YYYY-MM-DD，如 2026-12-31）",
    ),
    "bad_status": ("status '{value}' is not one of {choices}", "状态“{value}”无效，应为 {choices} 之一"),
    "measure_unknown": (
        "accountability measure '{measure}' is not one of {choices} (accountability_measures in checklist.toml)",
        "问责方式“{measure}”不在 {choices} 之中（见 checklist.toml 的 accountability_measures）",
    ),
    "measure_unknown_hint": (
        "accountability measure '{measure}' is not one of {choices} (did you mean '{hint}'?)",
        "问责方式“{measure}”不在 {choices} 之中（是否应为“{hint}”？）",
    ),
    "too_many_extensions": (
        "{id} has {count} extensions; this ledger allows {limit} (max_extensions in checklist.toml)",
        "{id} 已延期 {count} 次，本台账最多允许 {limit} 次（见 checklist.toml 的 max_extensions）",
    ),
    "bad_choice": ("{field}: '{value}' is not one of {choices}", "{field}：“{value}”无效，应为 {choices} 之一"),
    "bad_percent": (
        "{field}: '{value}' is not a whole number from 0 to 100",
        "{field}：“{value}”应为 0 到 100 之间的整数",
    ),
    "bad_money": ("{field}: '{value}' is not a number of 0 or more", "{field}：“{value}”应为不小于 0 的数"),
    "task_not_done": (
        "task {number} '{task}' is not done, yet the item is {status}",
        "第 {number} 项任务“{task}”尚未完成，但问题状态为 {status}",
    ),
    "percent_not_100": (
        "percent is {percent} on a {status} item: a finished item is 100",
        "问题状态为 {status}，整改进度却是 {percent}：已完成的问题应为 100",
    ),
    "dated_before_created": (
        "{field} {date} is before created_on {created}",
        "{field} 的日期 {date} 早于登记日期 {created}",
    ),
    "verified_by_co_owner": (
        "verified_by is a co-owner of the item, {who}: the fix must be checked by someone else",
        "复核人 {who} 是该问题的责任人之一：整改成效须由他人复核",
    ),
    "bad_id": (
        "ID '{value}' must look like CODE-NNN (e.g. CZJ-001)",
        "编号“{value}”格式应为 部门代码-序号（如 CZJ-001）",
    ),
    "bad_code": (
        "department code '{value}' must be 2-10 capital letters or digits, starting with a letter (e.g. CZJ)",
        "部门代码“{value}”应为 2-10 位大写字母或数字，以字母开头（如 CZJ）",
    ),
    "bad_sha256": ("sha256 '{value}' is not 64 hex digits", "sha256“{value}”不是 64 位十六进制数"),
    "empty_field": ("{field} must not be empty", "{field} 不能为空"),
    "expect_text": ("{field}: expected text, found '{value}'", "{field}：应为文本，实际为“{value}”"),
    "expect_list": ("{field}: expected a list", "{field}：应为列表"),
    "expect_mapping": ("{field}: expected a mapping", "{field}：应为映射"),
    "invalid_value": ("{field}: {detail}", "{field}：{detail}"),
    "id_prefix": (
        "ID {id} does not start with the department code {code}",
        "编号 {id} 与部门代码 {code} 不符",
    ),
    "missing_for_status": (
        "'{field}' is required when status is {status}",
        "状态为 {status} 时必须填写“{field}”",
    ),
    "field_not_allowed": (
        "'{field}' must be absent when status is {status}",
        "状态为 {status} 时不应有“{field}”",
    ),
    "closed_before_created": (
        "closed_on {closed} is before created_on {created}",
        "完成日期 {closed} 早于登记日期 {created}",
    ),
    "verified_before_closed": (
        "verified_on {verified} is before closed_on {closed}",
        "销号日期 {verified} 早于完成日期 {closed}",
    ),
    "verified_by_owner": (
        "verified_by is the item's owner {who}: the fix must be checked by someone else",
        "复核人与责任人 {who} 相同：整改成效须由他人复核",
    ),
    "extension_not_later": (
        "extension to {to} is not later than {from}",
        "延期后的时限 {to} 不晚于原时限 {from}",
    ),
    "id_ambiguous": (
        "ID '{id}' could be {ids}: type it in full, as the list writes it",
        "编号“{id}”可能是 {ids}：请按清单中的写法完整输入",
    ),
    # the ledger
    "duplicate_id": ("duplicate ID {id} (also at {other})", "编号 {id} 重复（另见 {other}）"),
    "dept_not_in_roster": (
        "department code {code} is not in the roster of checklist.toml",
        "部门代码 {code} 不在 checklist.toml 的部门名录中",
    ),
    "dept_name_alias": (
        "department {name} is an alias of {code}: a list file gives its full name, {expected}",
        "部门名称“{name}”是 {code} 的简称：清单文件应写部门全称“{expected}”",
    ),
    "dept_unknown": (
        "unknown department '{dept}' (known: {known}); a department not in the roster yet goes under "
        "[departments] in checklist.toml as CODE = \"full name\"",
        "未知部门“{dept}”（已有：{known}）；尚未登记的部门请在 checklist.toml 的 [departments] 中添加一行：代码 = \"部门全称\"",
    ),
    "dept_unknown_hint": (
        "unknown department '{dept}'; did you mean {hint}? (a department is named by its code, its full name "
        "or one of its aliases in checklist.toml)",
        "未知部门“{dept}”；是否应为 {hint}？（部门可用代码、全称或 checklist.toml 中登记的简称表示）",
    ),
    "dept_name_mismatch": (
        "department {name} does not match the roster: {code} is {expected}",
        "部门名称“{name}”与名录不符：{code} 应为“{expected}”",
    ),
    "category_unknown": ("category '{category}' is not one of {choices}", "类别“{category}”不在 {choices} 之中"),
    "category_unknown_hint": (
        "category '{category}' is not one of {choices} (did you mean '{hint}'?)",
        "类别“{category}”不在 {choices} 之中（是否应为“{hint}”？）",
    ),
    "evidence_missing": ("{id}: evidence file {path} is missing", "{id}：佐证材料 {path} 不存在"),
    "evidence_changed": (
        "{id}: evidence file {path} has changed since it was recorded (sha256 differs)",
        "{id}：佐证材料 {path} 登记后已被改动（sha256 不符）",
    ),
    "config_unreadable": ("cannot read checklist.toml: {reason}", "无法读取 checklist.toml：{reason}"),
    "config_syntax": ("TOML syntax error: {detail}", "TOML 语法错误：{detail}"),
    "config_expect_text": ("{field}: expected a folder name", "{field}：应为文件夹名称"),
    "config_expect_days": ("{field}: expected a number of days (0-366)", "{field}：应为天数（0-366）"),
    "config_expect_bool": ("{field}: expected true or false", "{field}：应为 true 或 false"),
    "config_expect_text_list": ("{field}: expected a list of names", "{field}：应为名称列表"),
    "config_expect_name": ("{field}: expected text", "{field}：应为文字"),
    "config_expect_points": (
        "{field}: expected percentage points, a whole number 0-100",
        "{field}：应为百分点数，0-100 的整数",
    ),
    "config_expect_every_days": ("{field}: expected a number of days (1-366)", "{field}：应为天数（1-366）"),
    "config_expect_count": (
        "{field}: expected a whole number, 0 or more (0: no limit)",
        "{field}：应为 0 或正整数（0 表示不限）",
    ),
    "config_expect_level_days": ("{field}: expected a number of days overdue (1-{most})", "{field}：应为逾期天数（1-{most}）"),
    "config_escalation_order": (
        "{high} ({high_days} days) must be later than {low} ({low_days} days): "
        "the levels start in the order remind < supervise < interview",
        "{high}（{high_days} 天）应晚于 {low}（{low_days} 天）：催办（remind）、督办（supervise）、约谈（interview）的天数须依次递增",
    ),
    "config_expect_table": ("{field}: expected a table, written [{field}]", "{field}：应为表，写作 [{field}]"),
    "config_dept_entry": (
        "departments.{code}: expected {code} = \"full name\" or {code} = {{name = \"full name\", aliases = [\"short name\"]}}",
        "departments.{code}：应写作 {code} = \"部门全称\" 或 {code} = {{name = \"部门全称\", aliases = [\"简称\"]}}",
    ),
    "config_dept_no_name": (
        "departments.{code}: the department's full name is missing: {code} = {{name = \"full name\", aliases = [...]}}",
        "departments.{code}：缺少部门全称，应写作 {code} = {{name = \"部门全称\", aliases = [...]}}",
    ),
    "config_dept_name": (
        "departments.{code}: the name must be the department's full name, as text",
        "departments.{code}：name 应为部门全称（文字）",
    ),
    "config_dept_name_taken": (
        "departments.{code}: {name} is already the name of {other}: one department has one roster line "
        "(its other names go in its aliases)",
        "departments.{code}：“{name}”已是 {other} 的名称：一个部门只登记一行（其他叫法写入该部门的 aliases）",
    ),
    "config_dept_alias_taken": (
        "departments.{code}: the alias {alias} also names {other}; an alias must name one department only",
        "departments.{code}：简称“{alias}”也指 {other}；一个简称只能指一个部门",
    ),
    "root_missing": ("ledger root {path} is not a folder", "台账根目录 {path} 不是文件夹"),
    "root_bare_repo": (
        "{path} is a git repository without a work tree (bare, or a .git folder); a ledger lives in a work tree: "
        "clone it (git clone {path}) and work in the clone",
        "{path} 是没有工作区的 git 仓库（裸仓库或 .git 目录）；台账应位于工作区中：请先克隆（git clone {path}），在克隆中操作",
    ),
    "no_config": (
        "no checklist.toml in {path}: run `checklist init` there first",
        "{path} 中没有 checklist.toml：请先在该目录运行 `checklist init`",
    ),
    "no_ledger": (
        "no ledger here: no checklist.toml in this folder or above. Give --root, set CHECKLIST_ROOT, pass list files, or run `checklist init`",
        "这里没有台账：当前及上级目录都没有 checklist.toml。请指定 --root、设置 CHECKLIST_ROOT、给出清单文件，或运行 `checklist init`",
    ),
    "path_missing": ("no such file or folder: {path}", "文件或文件夹不存在：{path}"),
    "lock_timeout": (
        "another checklist command holds the ledger lock ({path}); try again",
        "另一个 checklist 命令正在修改台账（{path}），请稍后重试",
    ),
    "ledger_unwritable": (
        "cannot write in {path} ({reason}): editing the ledger needs write access to its folder",
        "无法写入 {path}（{reason}）：修改台账需要对台账文件夹有写权限",
    ),
    "problems_found": ("{count} problem(s) found", "发现 {count} 个问题"),
    "bad_date": (
        "'{value}' is not a date; write 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日, 2026年12月, 2026年12月底, "
        "2026年12月上旬/中旬/下旬, 2026年第四季度, 2026年上半年/下半年 or 2026年底 (each may end in 前; "
        "without the year it is this year's, or next year's once passed), or today, +10d, +2w, +1m, -7d, -2w, -1m",
        "“{value}”不是有效日期；可写 2026-12-31、2026/12/31、2026.12.31、2026年12月31日、2026年12月、2026年12月底、"
        "2026年12月上旬/中旬/下旬、2026年第四季度、2026年上半年/下半年 或 2026年底（均可加“前”；"
        "不写年份则取今年，该日已过则取明年），或 today、+10d、+2w、+1m、-7d、-2w、-1m",
    ),
    "date_out_of_range": (
        "'{value}' falls outside the calendar (0001-01-01 to 9999-12-31)",
        "“{value}”超出可用的日期范围（0001-01-01 至 9999-12-31）",
    ),
    "bad_checklist_today": (
        "CHECKLIST_TODAY='{value}' is not a date (YYYY-MM-DD)",
        "CHECKLIST_TODAY=“{value}”不是有效日期（YYYY-MM-DD）",
    ),
}
