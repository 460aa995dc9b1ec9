"""Messages of hostile environments: output that cannot be written, --output refusals,
evidence that is not a file of the ledger, look-alike input, settings that make no sense."""

MESSAGES: dict[str, tuple[str, str]] = {
    "hostile_output_failed": ("cannot write the output: {reason}", "无法输出结果：{reason}"),
}
