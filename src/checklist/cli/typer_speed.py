"""Typer without pydantic on the way to a command.

Typer 0.29 coerces every parameter through a pydantic TypeAdapter; the
first one imports pydantic and builds adapters, about 115 ms of every run
(measured: `checklist add` 287 ms in-process, 116 ms of it in
typer._coercion.build_runtime_param). Our options are plain text, lists of
text and flags, which click has already parsed into exactly those values;
for those we install a coercion that passes the text through, and leave any
other annotation to Typer.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

_TEXT: set[Any] = {str, str | None, typing.Optional[str]}  # noqa: UP045 (both spellings occur)
_TEXT_LISTS: set[Any] = {list[str], list[str] | None, typing.Optional[list[str]]}  # noqa: UP045
_done = False


def _plain_kind(annotation: Any) -> str | None:
    if annotation in _TEXT:
        return "text"
    if annotation in _TEXT_LISTS:
        return "list"
    if annotation is bool:
        return "flag"
    return None


def install() -> None:
    """Make text parameters skip Typer's pydantic coercion (once per process)."""
    global _done
    if _done:
        return
    _done = True
    from typer import core
    from typer._coercion import RuntimeParam, build_runtime_param

    @dataclass(frozen=True)
    class PlainText(RuntimeParam):
        kind: str = "text"
        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.kind == "list" and all(isinstance(v, str) for v in value):
                return list(value)
            if self.kind == "text" and isinstance(value, str):
                return value
            if self.kind == "flag" and isinstance(value, bool):
                return value
            # Anything unusual (a flag's value from an environment variable): Typer decides.
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    original = core._TyperParameter.get_runtime_param

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            kind = _plain_kind(descriptor.annotation) if descriptor.file_annotation is None else None
            if kind is not None:
                self._runtime_param = PlainText(
                    parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                    kind=kind, descriptor=descriptor,
                )
        return original(self)

    core._TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
