"""Messages of `checklist import`: reading a spreadsheet, its bad rows, what was added."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help_import": (
        "Add items from a spreadsheet (a 台账 kept in Excel or WPS), all rows or none.\n\n.xlsx or .csv, headers in Chinese "
        "(问题, 整改措施, 责任人, 整改时限, 类别, 问题来源, 配合单位) or English (the field names). "
        "A bad row is reported as FILE:ROW: message and nothing is written; "
        "a successful import is one commit.\n\nExample: checklist import 财政局整改台账.xlsx --dept CZJ --dry-run",
        "从电子表格（Excel/WPS 台账）导入问题，要么全部导入、要么一条不写。\n\n支持 .xlsx 和 .csv，表头可用中文"
        "（问题、整改措施、责任人、整改时限、类别、问题来源、配合单位）或英文字段名。"
        "有错误的行以“文件:行号: 说明”列出，清单不作改动；导入成功后作为一次提交。"
        "\n\n示例：checklist import 财政局整改台账.xlsx --dept CZJ --dry-run",
    ),
    "arg_import_file": ("the spreadsheet: .xlsx, or .csv in UTF-8 or GBK", "电子表格文件：.xlsx，或 UTF-8/GBK 编码的 .csv"),
    "opt_import_dept": ("the department whose list receives the items (code or name)", "导入到哪个责任单位的清单（代码或名称）"),
    "opt_dry_run": ("show the items that would be added; write nothing", "只显示将要导入的问题，不写入"),
    "imp_bad_suffix": (
        "{file}: cannot import '{suffix}' files; save the sheet as .xlsx or .csv (UTF-8) and try again",
        "{file}：不能导入“{suffix}”文件，请在 Excel/WPS 中另存为 .xlsx 或 .csv（UTF-8）后再导入",
    ),
    "imp_bad_xlsx": ("{file}: not a readable .xlsx workbook ({detail}); open it in Excel or WPS and save it again as .xlsx", "{file}：无法读取该 .xlsx 工作簿（{detail}），请用 Excel 或 WPS 打开后重新另存为 .xlsx"),
    "imp_encoding": ("{file}: neither UTF-8 nor GBK text; save it as CSV UTF-8 and try again", "{file}：既不是 UTF-8 也不是 GBK 编码，请另存为“CSV UTF-8”后再导入"),
    "imp_no_header": (
        "{file}: no header row found: the sheet needs a row naming at least 问题 (or title) and another column such as 责任人",
        "{file}：未找到表头行：表中需要有一行写明“问题”（或 title）及“责任人”等其他列名",
    ),
    "imp_missing_columns": (
        "{file}:{row}: the header lacks required columns: {columns} (问题/title, 责任人/owner, 整改时限/deadline)",
        "{file}:{row}：表头缺少必需的列：{columns}（问题/title、责任人/owner、整改时限/deadline）",
    ),
    "imp_missing_title": ("the problem (问题) is empty", "问题描述为空"),
    "imp_missing_owner": ("the responsible person (责任人) is empty", "责任人为空"),
    "imp_missing_deadline": ("the deadline (整改时限) is empty", "整改时限为空"),
    "imp_bad_date": (
        "'{value}' is not a date; write 2026-12-31, 2026/12/31, 2026年12月31日, 2026年12月底 or 2026年底",
        "“{value}”不是有效日期，可写 2026-12-31、2026/12/31、2026年12月31日、2026年12月底 或 2026年底",
    ),
    "imp_bad_category": ("category '{value}' is not one of {choices}", "类别“{value}”不在 {choices} 之中"),
    "imp_bad_category_hint": ("category '{value}' is not one of {choices} (did you mean '{hint}'?)", "类别“{value}”不在 {choices} 之中（是否应为“{hint}”？）"),
    "imp_bad_rows": (
        "{count} bad row(s): nothing was imported. Fix them in the sheet and run the import again",
        "有 {count} 行有误，未导入任何问题。请在表格中改正后重新导入",
    ),
    "imp_ignored": ("columns not imported: {columns}", "以下列未导入：{columns}"),
    "imp_empty": ("{file}: no rows to import", "{file}：没有可导入的行"),
    "imp_dry_run": ("{count} item(s) would be added to {dept} (dry run: nothing written)", "将向 {dept} 导入 {count} 个问题（试运行，未写入）"),
    "imp_done": ("imported {count} item(s) into {file}: {first} … {last}", "已导入 {count} 个问题到 {file}：{first} … {last}"),
    "imp_col_row": ("Row", "行号"),
}
