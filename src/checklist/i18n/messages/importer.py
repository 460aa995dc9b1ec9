"""Messages of `checklist import`: reading a spreadsheet, its bad rows, what was added or updated."""

_DATES_EN = "2026-12-31, 2026/12/31, 2026年12月31日, 12月31日前, 2026年12月底, 2026年12月中旬, 2026年第四季度, 长期坚持 or 立行立改"
_DATES_ZH = "2026-12-31、2026/12/31、2026年12月31日、12月31日前、2026年12月底、2026年12月中旬、2026年第四季度、长期坚持 或 立行立改"

MESSAGES: dict[str, tuple[str, str]] = {
    "help_import": (
        "Add items from a spreadsheet (a 台账 kept in Excel or WPS), all rows or none.\n\n.xlsx or .csv (UTF-8, GBK, UTF-16), "
        "as offices make them: title and 填报单位/填报日期 rows, one- or two-level headers in Chinese or English "
        "(问题/存在问题, 整改措施, 责任人, 责任领导, 责任科室, 责任单位, 完成时限, 整改进展, 完成情况, 备注, ...), merged cells, "
        "section rows (一、思想认识方面) as categories. Without --dept each row goes to the department its 责任单位 names. "
        "Every bad row is reported as FILE:ROW: column: message and nothing is written. Rows already in the ledger are "
        "skipped and listed; --update applies their changed status, progress, percent, remarks and deadline. "
        "One commit.\n\nExample: checklist import 财政局整改台账.xlsx --dept CZJ --dry-run",
        "从电子表格（Excel/WPS 台账）导入问题，要么全部导入、要么一条不写。\n\n支持 .xlsx 和 .csv（UTF-8、GBK、UTF-16），"
        "按各单位实际制表方式读取：标题行、填报单位/填报日期行、一级或两级表头（中文或英文：问题/存在问题、整改措施、责任人、"
        "责任领导、责任科室、责任单位、完成时限、整改进展、完成情况、备注等）、合并单元格、分类行（如“一、思想认识方面”）。"
        "不指定 --dept 时，每行按“责任单位”列归入相应单位。有错误的行全部以“文件:行号: 列名: 说明”列出，清单不作改动。"
        "清单中已有的问题跳过并列出；加 --update 则按表更新其完成情况、整改进展、进度、备注和时限。导入作为一次提交。"
        "\n\n示例：checklist import 财政局整改台账.xlsx --dept CZJ --dry-run",
    ),
    "arg_import_file": ("the spreadsheet: .xlsx, or .csv in UTF-8 or GBK", "电子表格文件：.xlsx，或 UTF-8/GBK 编码的 .csv"),
    "opt_import_dept": ("the department (code, name or alias); default: each row's 责任单位", "导入到哪个单位（代码、名称或简称）；默认按“责任单位”列"),
    "opt_import_sheet": ("the worksheet to read (default: the first with a header)", "读取哪个工作表（默认：第一个有表头的）"),
    "opt_import_update": ("apply the sheet's changes to items already in the ledger", "按表更新清单中已有的问题"),
    "opt_import_closed_on": ("completion date of 已完成 rows without one (default: 填报日期)", "“已完成”行缺完成时间时的完成日期（默认取填报日期）"),
    "opt_import_verified_by": ("who verified the 已销号 rows that have a 销号时间", "“已销号”且有销号时间的行由谁验收"),
    "opt_dry_run": ("show what would be imported; write nothing", "只显示将要导入的内容，不写入"),
    "imp_bad_suffix": (
        "{file}: cannot import '{suffix}' files; save the sheet as .xlsx or .csv (UTF-8) and try again",
        "{file}：不能导入“{suffix}”文件，请在 Excel/WPS 中另存为 .xlsx 或 .csv（UTF-8）后再导入",
    ),
    "imp_old_format": (
        "{file}: an Excel 97-2003 (.xls) or WPS (.et) workbook cannot be read; open it in Excel or WPS, "
        "choose Save As, pick \"Excel Workbook (*.xlsx)\", and import the .xlsx",
        "{file}：无法读取 Excel 97-2003（.xls）或 WPS（.et）格式的表格；请用 Excel 或 WPS 打开，“另存为”"
        "“Excel 工作簿（*.xlsx）”，再导入该 .xlsx 文件",
    ),
    "imp_not_file": ("{file}: not a regular file", "{file}：不是普通文件"),
    "imp_file_too_big": ("{file}: {size} MB is more than a 台账 holds (limit {limit} MB)", "{file}：文件大小 {size} MB，超过台账文件上限 {limit} MB"),
    "imp_part_too_big": (
        "{file}: the workbook unpacks to {size} MB ({part}), more than a 台账 holds (limit {limit} MB); "
        "open it in Excel or WPS, remove what is not the 台账 and save it again",
        "{file}：该工作簿解压后达 {size} MB（{part}），超过台账的上限 {limit} MB；"
        "请用 Excel 或 WPS 打开，删除台账以外的内容后重新保存",
    ),
    "imp_too_many_rows": ("{file}: more than {limit} rows, more than a 台账 holds", "{file}：超过 {limit} 行，超出台账的上限"),
    "imp_too_many_merges": (
        "{file}: more than {limit} merged ranges, more than a 台账 holds; unmerge the cells in Excel or WPS and save it again",
        "{file}：合并单元格超过 {limit} 处，超出台账的上限；请在 Excel 或 WPS 中取消合并后重新保存",
    ),
    "imp_bad_xlsx": ("{file}: not a readable .xlsx workbook ({detail}); open it in Excel or WPS and save it again as .xlsx", "{file}：无法读取该 .xlsx 工作簿（{detail}），请用 Excel 或 WPS 打开后重新另存为 .xlsx"),
    "imp_bad_csv": ("{file}:{row}: not readable as CSV ({detail})", "{file}:{row}：无法按 CSV 读取（{detail}）"),
    "imp_encoding": ("{file}: neither UTF-8 nor GBK text; save it as CSV UTF-8 and try again", "{file}：既不是 UTF-8 也不是 GBK 编码，请另存为“CSV UTF-8”后再导入"),
    "imp_no_sheet": ("{file}: no worksheet named '{sheet}'; the workbook has: {sheets}", "{file}：没有名为“{sheet}”的工作表；该工作簿中有：{sheets}"),
    "imp_sheet_csv": ("{file}: --sheet applies to .xlsx workbooks only", "{file}：--sheet 只适用于 .xlsx 工作簿"),
    "imp_no_header": (
        "{file}: no header row found: the sheet needs a row naming the problem (问题, 存在问题 or title) and who is "
        "responsible (责任人, 责任领导 or 责任科室)",
        "{file}：未找到表头行：表中需要有一行写明问题（“问题”“存在问题”或 title）及责任（“责任人”“责任领导”或“责任科室”）等列名",
    ),
    "imp_missing_columns": (
        "{file}:{row}: the header lacks required columns: {columns}",
        "{file}:{row}：表头缺少必需的列：{columns}",
    ),
    "imp_bad_report_date": ("{file}: the 填报日期 '{value}' is not a date", "{file}：填报日期“{value}”不是有效日期"),
    "imp_sheet_other_dept": (
        "{file}: the sheet is {other}'s ('{where}'), not {dept}'s; import it with --dept naming {other}, or without --dept",
        "{file}：该表是{other}的（“{where}”），不是{dept}的；请用 --dept 指定{other}，或不加 --dept 导入",
    ),
    "imp_needs_dept": (
        "{file}: the sheet has no 责任单位 column and names no department of the roster; say which with --dept",
        "{file}：表中没有“责任单位”列，也未写明名单中的单位；请用 --dept 指定导入到哪个单位",
    ),
    "imp_row_other_dept": ("'{value}' is another department, not {dept}", "“{value}”是其他单位，不是{dept}"),
    "imp_unknown_dept": ("'{value}' is not a department of the roster (checklist.toml)", "“{value}”不是名单（checklist.toml）中的单位"),
    "imp_unknown_dept_hint": ("'{value}' is not a department of the roster; did you mean {hint}?", "“{value}”不是名单中的单位，是否应为 {hint}？"),
    "imp_no_dept": ("empty (the row names no department)", "未填写（该行未写明责任单位）"),
    "imp_missing_title": ("empty (every item needs its problem)", "未填写（每个问题都需要写明问题）"),
    "imp_missing_owner": ("empty (every item needs a responsible person)", "未填写（每个问题都需要责任人）"),
    "imp_missing_deadline": ("empty (write a date, 长期坚持 or 立行立改)", "未填写（请填写日期，或“长期坚持”“立行立改”）"),
    "imp_bad_date": (f"'{{value}}' is not a date; write {_DATES_EN}", f"“{{value}}”不是有效日期，可写 {_DATES_ZH}"),
    "imp_bad_status": ("'{value}' is not a word import knows; write one of {choices}", "“{value}”无法识别，请填写以下之一：{choices}"),
    "imp_closed_no_date": (
        "'{word}' but no completion date: add a 完成时间 column, a 填报日期 above the header, or give --closed-on DATE",
        "为“{word}”但没有完成日期：请增加“完成时间”列、在表头上方写明填报日期，或使用 --closed-on 日期",
    ),
    "imp_future": ("{date} is after today ({today})", "{date} 晚于今天（{today}）"),
    "imp_verifier_is_owner": ("{who} is the item's responsible person and cannot verify it", "{who}是该问题的责任人，不能验收销号"),
    "imp_bad_money": ("'{value}' is not a sum of money", "“{value}”不是有效金额"),
    "imp_bad_percent": ("'{value}' is not a percentage from 0 to 100", "“{value}”不是 0-100 的进度"),
    "imp_cell_too_long": ("{size} characters, more than a cell holds ({limit})", "共 {size} 个字符，超过单元格上限（{limit}）"),
    "imp_bad_category": ("category '{value}' is not one of {choices}", "类别“{value}”不在 {choices} 之中"),
    "imp_bad_category_hint": ("category '{value}' is not one of {choices} (did you mean '{hint}'?)", "类别“{value}”不在 {choices} 之中（是否应为“{hint}”？）"),
    "imp_extend_needs_approval": (
        "the sheet moves the deadline of {id}, and extensions need approval: run checklist extend {id} --approved-by WHO",
        "表中调整了 {id} 的时限，而延期须经批准：请使用 checklist extend {id} --approved-by 批准人",
    ),
    "imp_edit_refused": ("the sheet's change is refused: {reason}", "表中的变更无法执行：{reason}"),
    "imp_bad_rows": (
        "{count} bad row(s): nothing was imported. Fix them in the sheet and run the import again",
        "有 {count} 行有误，未导入任何问题。请在表格中改正后重新导入",
    ),
    "imp_ignored": ("columns not imported: {columns}", "以下列未导入：{columns}"),
    "imp_empty": ("{file}: no rows to import", "{file}：没有可导入的行"),
    "imp_duplicate": ("already in the ledger as {id} ({title}): skipped", "清单中已有（{id} {title}），跳过"),
    "imp_unchanged": ("already in the ledger as {id}, no change", "清单中已有（{id}），无变化"),
    "imp_unchanged_count": ("{count} row(s) already in the ledger had no change", "{count} 行在清单中已有且无变化"),
    "imp_duplicates": (
        "{count} row(s) already in the ledger were skipped; --update applies their changes",
        "{count} 行在清单中已有，已跳过；如需按表更新，请加 --update",
    ),
    "imp_not_reopened": (
        "{id} is done in the ledger but open in the sheet: not reopened (use checklist reopen {id} --reason TEXT)",
        "{id} 在清单中已完成，表中却为未完成：未重新打开（如确需，请使用 checklist reopen {id} --reason 原因）",
    ),
    "imp_nothing_new": ("nothing to import: all {count} row(s) are already in the ledger", "没有需要导入的内容：{count} 行在清单中均已存在"),
    "imp_dry_run_dept": ("{dept}: {count} new, {edits} update(s)", "{dept}：新增 {count} 个，更新 {edits} 个"),
    "imp_none": ("none", "无"),
    "imp_dry_run": (
        "{count} new item(s), {edits} update(s) (dry run: nothing written)",
        "将新增 {count} 个问题、更新 {edits} 个问题（试运行，未写入）",
    ),
    "imp_done": ("imported {count} item(s) into {file}: {first} … {last}", "已导入 {count} 个问题到 {file}：{first} … {last}"),
    "imp_updated": ("updated {count} item(s): {ids}", "已更新 {count} 个问题：{ids}"),
    "imp_committed": ("committed: {files}", "已提交：{files}"),
    "imp_col_row": ("Row", "行号"),
    "imp_no_deadline": ("none", "不设"),
    "imp_state_open": ("open", "整改中"),
    "imp_state_closed": ("closed", "已完成"),
    "imp_state_verified": ("verified", "已销号"),
    "imp_state_update": ("update: {fields}", "更新：{fields}"),
    "imp_type_ongoing": ("ongoing", "长期坚持"),
    "imp_type_immediate": ("immediate", "立行立改"),
}
