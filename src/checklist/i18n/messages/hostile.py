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
        "{path} belongs to the ledger (a list file or checklist.toml); --output never writes there, nothing was written",
        "{path} 属于台账本身（清单文件或 checklist.toml）；--output 不会写入该位置，未写入任何内容",
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
    "hostile_cannot_write": ("cannot write {path}: {reason}", "无法写入 {path}：{reason}"),
    # The operating system's reasons, for the Chinese interface (English keeps the system's words).
    "hostile_errno_EROFS": ("Read-only file system", "只读文件系统"),
    "hostile_errno_EACCES": ("Permission denied", "权限不足"),
    "hostile_errno_EPERM": ("Operation not permitted", "操作不被允许"),
    "hostile_errno_ENOSPC": ("No space left on device", "磁盘空间已满"),
    "hostile_errno_EDQUOT": ("Disk quota exceeded", "超出磁盘配额"),
    "hostile_errno_ENOENT": ("No such file or directory", "文件或文件夹不存在"),
    "hostile_errno_EEXIST": ("File exists", "同名文件已存在"),
    "hostile_errno_EISDIR": ("Is a directory", "这是一个文件夹"),
    "hostile_errno_ENOTDIR": ("Not a directory", "不是文件夹"),
    "hostile_errno_EBADF": ("Bad file descriptor", "输出已关闭"),
    "hostile_errno_EIO": ("Input/output error", "读写错误"),
    "hostile_errno_ENAMETOOLONG": ("File name too long", "文件名过长"),
    "hostile_id_invisible": (
        "the ID '{id}' holds an invisible character ({chars}); type the ID again",
        "编号“{id}”中含有看不见的字符（{chars}）；请重新输入编号",
    ),
}
