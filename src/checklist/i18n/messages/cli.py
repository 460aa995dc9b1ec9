"""Messages of the command line: help texts, option help, command output."""

MESSAGES: dict[str, tuple[str, str]] = {
    "app_help": (
        "Rectification lists (整改清单): list the problems, one owner each, a deadline, fix them one by one.",
        "整改清单管理：列出清单、责任到人、明确时限、逐项整改。",
    ),
    "opt_root": ("ledger root (default: CHECKLIST_ROOT, else the nearest folder with checklist.toml)", "台账根目录（默认取 CHECKLIST_ROOT，否则向上查找含 checklist.toml 的目录）"),
    "opt_lang": ("interface language (default: CHECKLIST_LANG, else from LANG)", "界面语言（默认取 CHECKLIST_LANG，否则按 LANG）"),
    "opt_quiet": ("print only what scripts need", "只输出脚本需要的内容"),
    "opt_version": ("show the version and exit", "显示版本号并退出"),
    "bad_lang": ("'{value}' is not a language: use en or zh", "“{value}”不是可用语言：请用 en 或 zh"),
    "panel_clerk": ("Clerk: keep the list", "经办人：维护清单"),
    "panel_office": ("Office: follow up and report", "督查室：跟踪督查与汇报"),
    "panel_setup": ("Setup", "设置"),
    "internal_error": (
        "internal error ({kind}: {detail}); please report it. Set CHECKLIST_DEBUG=1 for details",
        "内部错误（{kind}：{detail}），请报告此问题。设置 CHECKLIST_DEBUG=1 可查看详情",
    ),
    "progress_reading": ("Reading list files", "正在读取清单文件"),
    "git_missing": ("git is not installed", "未安装 git"),
    "git_failed": ("{command} failed: {detail}", "{command} 执行失败：{detail}"),
    # validate
    "help_validate": (
        "Check every list file and print every problem as FILE:LINE:COL: message. Exit 1 if any.\n\nExample: checklist validate lists/",
        "检查所有清单文件，逐条列出问题（文件:行:列: 说明），有问题时退出码为 1。\n\n示例：checklist validate lists/",
    ),
    "arg_paths": ("list files or folders (default: the ledger's lists)", "清单文件或文件夹（默认：台账中的全部清单）"),
    "validate_ok": ("{files} file(s), {items} item(s): no problems", "共 {files} 个文件、{items} 个问题，校验通过"),
    "validate_bad": ("{files} file(s) checked: {count} problem(s)", "已检查 {files} 个文件：发现 {count} 处错误"),
    # init
    "help_init": (
        "Create a ledger: checklist.toml (never overwritten), the lists folder, a git repository.\n\nExample: checklist init 整改台账",
        "创建台账：checklist.toml（已有则保留）、清单文件夹和 git 仓库。\n\n示例：checklist init 整改台账",
    ),
    "arg_init_dir": ("folder for the ledger", "台账所在文件夹"),
    "init_not_a_folder": ("{path} is a file, not a folder: give init a folder for the ledger", "{path} 是文件而不是文件夹：请为台账指定一个文件夹"),
    "init_config_problems": (
        "warning: the existing checklist.toml has {count} problem(s); run `checklist validate` to see them",
        "注意：现有的 checklist.toml 有 {count} 处错误，请运行 `checklist validate` 查看",
    ),
    "init_made_dir": ("created folder {path}", "已创建文件夹 {path}"),
    "init_wrote_config": ("wrote {path}", "已写入 {path}"),
    "init_kept_config": ("kept the existing {path}", "保留已有的 {path}"),
    "init_made_lists": ("created the lists folder {path}", "已创建清单文件夹 {path}"),
    "init_git": ("initialized a git repository in {path}", "已在 {path} 初始化 git 仓库"),
    "init_wrote_schema": ("wrote {path} (editors validate list files against it)", "已写入 {path}（编辑器据此校验清单文件）"),
    # schema
    "help_schema": (
        "Print the JSON Schema (draft 2020-12) of a list file, for editors such as VS Code.\n\nExample: checklist schema > .checklist/schema.json",
        "输出清单文件的 JSON Schema（draft 2020-12），供 VS Code 等编辑器校验和补全。\n\n示例：checklist schema > .checklist/schema.json",
    ),
    "init_done": ("ledger ready in {path}", "台账已就绪：{path}"),
}
