"""Messages of working together: commits that could not be made (and were undone),
evidence in git, partial reports, YAML mistakes named where they are."""

MESSAGES: dict[str, tuple[str, str]] = {
    # a commit that could not be made: the change was put back
    "commit_locked": (
        "{lock} exists: another git process is running, or remove it if none is; nothing was changed",
        "{lock} 已存在：另一个 git 进程正在运行；如果没有，请删除该文件。本次修改未生效",
    ),
    "commit_hook": (
        "the {hook} hook refused the commit: {detail}; nothing was changed. Fix what it says, or run with --no-commit",
        "git 的 {hook} 钩子拒绝了提交：{detail}。本次修改未生效；请按提示改正，或加 --no-commit 运行",
    ),
    "commit_signing": (
        "git could not sign the commit ({detail}); nothing was changed. Set up signing, or turn it off "
        "for this clone: git config commit.gpgsign false",
        "git 无法为提交签名（{detail}），本次修改未生效。请配置好签名，或在本仓库关闭签名：git config commit.gpgsign false",
    ),
    "commit_ignored": (
        "{paths} is ignored by {source}, so git will not commit it; nothing was changed. Remove the rule there",
        "{paths} 被 {source} 中的规则忽略，git 不会提交它，本次修改未生效。请删除那里的忽略规则",
    ),
    "commit_sparse": (
        "{paths} is outside this clone's sparse checkout; nothing was changed. Add it: git sparse-checkout add {folder}",
        "{paths} 不在本仓库的稀疏检出范围内，本次修改未生效。请加入：git sparse-checkout add {folder}",
    ),
    "commit_nul": (
        "the commit message would hold a NUL character (from the text given); nothing was changed. Remove it from the text",
        "提交说明中含有 NUL 空字符（来自输入的文字），本次修改未生效。请删去该字符",
    ),
    "commit_failed": (
        "git could not commit {paths}: {detail}; nothing was changed",
        "git 无法提交 {paths}：{detail}。本次修改未生效",
    ),
    # evidence
    "evidence_ignored": (
        "evidence {path} is ignored by git ({source}: {pattern}), so other clones would never get it; "
        "nothing was changed. Remove that rule, or keep the evidence in a folder git does not ignore",
        "佐证材料 {path} 被 git 忽略（{source}：{pattern}），其他人的仓库将拿不到它，本次修改未生效。"
        "请删除该忽略规则，或把材料放到不被忽略的文件夹",
    ),
    # init
    "init_set_pull.rebase": (
        "set pull.rebase=false in the repository's git config (a plain git pull merges)",
        "已在仓库 git 配置中设置 pull.rebase=false（直接 git pull 即合并）",
    ),
    "init_set_core.quotepath": (
        "set core.quotepath=false in the repository's git config (git shows Chinese paths as Chinese)",
        "已在仓库 git 配置中设置 core.quotepath=false（git 正常显示中文路径）",
    ),
    "verify_evidence_missing": (
        "{id} cannot be verified: its evidence {path} is missing (git pull, or restore it: git checkout -- {path})",
        "{id} 不能销号：佐证材料 {path} 不存在（请先 git pull，或恢复：git checkout -- {path}）",
    ),
    "verify_evidence_changed": (
        "{id} cannot be verified: its evidence {path} has changed since it was closed (sha256 differs); "
        "restore it (git checkout -- {path}) or close the item again with the new file",
        "{id} 不能销号：佐证材料 {path} 在申请销号后被改动（sha256 不符）；请恢复原文件（git checkout -- {path}），"
        "或重新提交销号申请",
    ),
    "verify_evidence_unreadable": (
        "{id} cannot be verified: its evidence {path} cannot be read ({reason})",
        "{id} 不能销号：佐证材料 {path} 无法读取（{reason}）",
    ),
    # partial reports
    "partial_head": (
        "Left out: {count} department(s) whose list file does not validate (every problem is on stderr; fix them and run again):",
        "以下 {count} 个部门的清单文件未通过校验，未计入本次结果（全部问题见错误输出，改正后请重新生成）：",
    ),
    "partial_line": ("{department} ({code}): {file}:{line}: {reason}", "{department}（{code}）：{file}:{line}：{reason}"),
    "partial_note": ("Note", "注意"),
    # YAML mistakes, named where they are
    "yaml_fullwidth_colon": (
        "full-width colon '：' after the key '{key}': change it to a half-width ':' followed by a space ({key}: ...)",
        "键“{key}”后面是全角冒号：请把全角冒号'：'改为半角':'，并在其后加一个空格（{key}: ……）",
    ),
    "yaml_tab_indent": (
        "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces",
        "缩进中有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 改为空格",
    ),
    "yaml_fullwidth_space_indent": (
        "a full-width space in the indentation: indent with half-width spaces only",
        "缩进中有全角空格：请改为半角空格",
    ),
    "yaml_conflict_marker": (
        "git conflict marker '{marker}': a merge was left unresolved here; keep the right lines, delete the marker "
        "lines, then git add and git commit",
        "git 冲突标记“{marker}”：此处有未解决的合并冲突；请保留正确的内容、删除标记行，然后 git add、git commit",
    ),
    "yaml_unclosed_quote": (
        "the quote {quote} opened here is never closed: add the closing {quote}",
        "此处的引号 {quote} 没有闭合：请补上配对的 {quote}",
    ),
    "yaml_detail_no_colon": (
        "YAML syntax error: a ':' is missing after a key (or the line above is indented wrongly)",
        "YAML 语法错误：键后面缺少半角冒号':'（或上一行缩进有误）",
    ),
    "yaml_detail_mapping_here": (
        "YAML syntax error: a 'key: value' is not allowed here (a value holding ': ' needs quotes)",
        "YAML 语法错误：此处不能出现“键: 值”（内容中含有“: ”时请加引号）",
    ),
    "yaml_detail_no_key": (
        "YAML syntax error: a key was expected here (check the indentation)",
        "YAML 语法错误：此处应为“键: 值”（请检查缩进）",
    ),
    "yaml_detail_no_dash": (
        "YAML syntax error: an item starting with '- ' was expected here (check the indentation)",
        "YAML 语法错误：此处应为以“- ”开头的一项（请检查缩进）",
    ),
    "yaml_detail_bad_token": (
        "YAML syntax error: a value cannot start with this character (put the value in quotes)",
        "YAML 语法错误：值不能以此字符开头（请给该值加引号）",
    ),
    "yaml_detail_indent": (
        "YAML syntax error: this line's indentation does not match the lines above",
        "YAML 语法错误：此行缩进与上文不一致",
    ),
    "yaml_detail_anchor": (
        "YAML syntax error: the same anchor (&name) is defined twice",
        "YAML 语法错误：同一个锚点（&名称）定义了两次",
    ),
    "merge_duplicate_id": (
        "duplicate ID {id} (also at line {line})",
        "编号 {id} 重复（另见第 {line} 行）",
    ),
}
