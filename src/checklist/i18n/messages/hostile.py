"""Messages of hostile environments: output that cannot be written, --output refusals,
evidence that is not a file of the ledger, look-alike input, settings that make no sense."""

MESSAGES: dict[str, tuple[str, str]] = {
    "hostile_output_failed": ("cannot write the output: {reason}", "无法输出结果：{reason}"),
    "hostile_output_link": (
        "{path} is a symbolic link; --output does not replace links, nothing was written",
        "{path} 是符号链接；--output 不会替换链接，未写入任何内容",
    ),
    "hostile_output_not_file": (
        "{path} is not a regular file (a device, a pipe or a folder); --output writes only files, nothing was written",
        "{path} 不是普通文件（是设备、管道或文件夹）；--output 只写普通文件，未写入任何内容",
    ),
    "hostile_output_ledger_file": (
        "{path} is a file of the ledger; --output never replaces it, nothing was written",
        "{path} 是台账自身的文件；--output 不会覆盖它，未写入任何内容",
    ),
    "hostile_bad_max_file_mb": (
        "CHECKLIST_MAX_FILE_MB must be a whole number of megabytes, not '{value}'",
        "CHECKLIST_MAX_FILE_MB 应为整数（单位 MB），而不是“{value}”",
    ),
    "hostile_evidence_outside": (
        "{id}: evidence {path} lies outside the ledger; evidence must be a file inside it",
        "{id}：佐证材料 {path} 位于台账目录之外；佐证材料必须是台账内的文件",
    ),
    "hostile_evidence_not_file": (
        "{id}: evidence {path} is not a regular file; evidence must be a file inside the ledger",
        "{id}：佐证材料 {path} 不是普通文件；佐证材料必须是台账内的文件",
    ),
    "hostile_evidence_not_file_given": (
        "{path} is not a regular file; evidence must be a file inside the ledger",
        "{path} 不是普通文件；佐证材料必须是台账内的文件",
    ),
    "hostile_evidence_unreadable": ("cannot read evidence {path}: {reason}", "无法读取佐证材料 {path}：{reason}"),
}
