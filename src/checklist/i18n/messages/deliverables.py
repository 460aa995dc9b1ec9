"""Messages of the office's deliverables: the 通报 (docx), the html page's caps and foot,
the 台账's head rows, the report's --serial and --full."""

MESSAGES: dict[str, tuple[str, str]] = {
    "rpt_opt_serial": ("the 通报's issue number: 第N期 (docx)", "通报期数：第N期（docx 格式）"),
    "rpt_opt_full": (
        "list every overdue item in html and docx (default: at most 20 per department)",
        "html、docx 格式列出全部逾期问题（默认每个责任单位最多列 20 个）",
    ),
    "rpt_bad_serial": ("--serial: {value} is not a number of 1 or more", "--serial：“{value}”无效，期数应为不小于 1 的整数"),
    "rpt_doc_serial": ("No. {n}", "第{n}期"),
    "rpt_doc_dateline": ("{issuer}    {date}", "{issuer}　　　　{date}"),
    "rpt_doc_sep": ("; ", "；"),
    "rpt_doc_totals": (
        "As of {as_of}, the ledger holds {total} items: {done} done (completion {completion}, on time {on_time}),"
        " {overdue} overdue, {due_soon} due soon, {on_track} on track.",
        "截至{as_of}，整改台账共有问题{total}个，已完成{done}个，完成率{completion}，按期完成率{on_time}；"
        "逾期{overdue}个，即将到期{due_soon}个，正常推进{on_track}个。",
    ),
    "rpt_doc_since": (
        "Since {since}, {new} items were added and {done} done.",
        "{since}以来，新增问题{new}个，完成{done}个。",
    ),
    "rpt_doc_light_count": ("{light} {count}{names}", "{light}单位{count}个{names}"),
    "rpt_doc_lights": ("Departments by light: {lights}.", "按亮灯情况，{lights}。"),
    "rpt_doc_heading": ("{n}. {text}", "{n}、{text}"),
    "rpt_doc_subheading": ("({n}) {name} ({count})", "（{n}）{name}（{count}个）"),
    "rpt_doc_more": (
        "… and {count} more, listed in the ledger (report --full lists them all).",
        "另有{count}个问题未列出，详见整改台账（使用 report --full 可全部列出）。",
    ),
    "rpt_doc_legend": (
        "Lights: ● red, an item overdue; ● yellow, an item due soon; ● green, neither.",
        "注：●红灯表示有逾期问题，●黄灯表示有即将到期问题，●绿灯表示无逾期、即将到期问题。",
    ),
    "rpt_doc_sec_outcomes": ("Rules and accountability", "建章立制和问责情况"),
    "rpt_doc_outcomes": (
        "Rules issued: {rules}. Persons held to account: {accountability}{measures}."
        " Items rechecked: {rechecked}, of which rebound: {rebound}.",
        "建章立制{rules}项，问责{accountability}人次{measures}；回头看{rechecked}个问题，其中反弹{rebound}个。",
    ),
    "rpt_doc_sec_closing": ("Next steps", "下一步工作要求"),
    "rpt_foot": ("{issuer}, as of {date}", "{issuer}　数据截至 {date}"),
    "rpt_foot_plain": ("Figures as of {date}", "数据截至 {date}"),
    "rpt_doc_col_overdue": ("Overdue", "逾期情况"),
    "rpt_doc_extensions": ("extended {count}×", "延期{count}次"),
    "rpt_html_more": (
        "… and {count} more, not listed here (report --full lists them all)",
        "……另有 {count} 个问题未列出（使用 report --full 可全部列出）",
    ),
    "rpt_html_group": ("{name} ({count})", "{name}（{count} 个）"),
    "rpt_chart_gap": (
        "… {count} departments between, in the ranking below …",
        "……中间 {count} 个责任单位见下方排名表……",
    ),
    "rpt_xlsx_head": ("Issued by {issuer}    As of {date}", "填报单位：{issuer}　　　　数据截至：{date}"),
    "rpt_xlsx_head_plain": ("As of {date}", "数据截至：{date}"),
    "rpt_xlsx_page": ("Page &P of &N", "第 &P 页，共 &N 页"),
    "rpt_list_days_overdue": ("{days}d over", "逾期{days}天"),
    "rpt_list_days_left": ("{days}d left", "剩{days}天"),
    "rpt_list_due_today": ("today", "今日到期"),
    "rpt_stack_stale": ("Not\nupdated", "未按时\n报送"),
}
