"""Typer without pydantic on the way to a command: a guarded patch of Typer's internals.

Typer 0.29 coerces every parameter through a pydantic TypeAdapter; the
first one imports pydantic and builds adapters, about 115 ms of every run
(measured: `checklist add` 287 ms in-process, 116 ms of it in
typer._coercion.build_runtime_param). Our options are plain text, lists of
text and flags, which click has already parsed into exactly those values;
for those we install a coercion that passes the text through, and leave any
other annotation to Typer.

Typer has no public hook for this, so `install` first checks every internal
it relies on (`mismatches`); when anything differs it installs nothing and
Typer runs as shipped: slower, never broken. `skipped` says why.
"""

from __future__ import annotations

import dataclasses
import inspect
import typing
from collections.abc import Callable
from types import ModuleType
from typing import Any

_TEXT: set[Any] = {str, str | None, typing.Optional[str]}  # noqa: UP045 (both spellings occur)
_TEXT_LISTS: set[Any] = {list[str], list[str] | None, typing.Optional[list[str]]}  # noqa: UP045
_COERCE_PARAMS = ["self", "value", "param", "ctx"]
_done = False
installed = False
skipped: list[str] = []


def _plain_kind(annotation: Any) -> str | None:
    if annotation in _TEXT:
        return "text"
    if annotation in _TEXT_LISTS:
        return "list"
    if annotation is bool:
        return "flag"
    return None


def _parameters(fn: Any) -> list[str] | None:
    try:
        return list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return None


def _field_names(cls: Any) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)] if isinstance(cls, type) and dataclasses.is_dataclass(cls) else []


def mismatches(coercion: ModuleType, core: ModuleType) -> list[str]:
    """How typer._coercion and typer.core differ from what the patch relies on (empty: safe)."""
    found: list[str] = []
    runtime = getattr(coercion, "RuntimeParam", None)
    if _field_names(runtime) != ["parameter_info", "annotation"]:
        found.append("RuntimeParam is not a dataclass of (parameter_info, annotation)")
    elif getattr(runtime, "__abstractmethods__", None) != frozenset({"_coerce_value"}):
        found.append("RuntimeParam's abstract methods are not just _coerce_value")
    else:
        for method in ("coerce", "_coerce_value"):
            if _parameters(getattr(runtime, method, None)) != _COERCE_PARAMS:
                found.append(f"RuntimeParam.{method} does not take (value, param, ctx)")
    if _parameters(getattr(coercion, "build_runtime_param", None)) != ["descriptor"]:
        found.append("build_runtime_param does not take (descriptor)")
    if not {"annotation", "parameter_info", "file_annotation"} <= set(_field_names(getattr(coercion, "TypeDescriptor", None))):
        found.append("TypeDescriptor lacks annotation, parameter_info or file_annotation")
    base = getattr(core, "_TyperParameter", None)
    if not isinstance(base, type):
        return [*found, "typer.core._TyperParameter is missing"]
    if _parameters(getattr(base, "get_runtime_param", None)) != ["self"]:
        found.append("_TyperParameter.get_runtime_param does not take (self)")
    if not {"_runtime_param", "type_descriptor"} <= set(inspect.get_annotations(base)):
        found.append("_TyperParameter does not declare _runtime_param and type_descriptor")
    for name in ("TyperOption", "TyperArgument"):
        cls = getattr(core, name, None)
        if not (isinstance(cls, type) and issubclass(cls, base)):
            found.append(f"typer.core.{name} is not a _TyperParameter")
    return found


def _plain_text_class(coercion: ModuleType) -> type:
    """A RuntimeParam that hands text, lists of text and flags through untouched."""
    build_runtime_param: Callable[[Any], Any] = coercion.build_runtime_param

    @dataclasses.dataclass(frozen=True)
    class PlainText(coercion.RuntimeParam):  # type: ignore[misc,name-defined]
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

    return PlainText


def install() -> None:
    """Make text parameters skip Typer's pydantic coercion, when Typer is as expected (once per process)."""
    global _done, installed
    if _done:
        return
    _done = True
    try:
        from typer import _coercion as coercion
        from typer import core
    except ImportError as exc:
        skipped.append(f"cannot import Typer's internals: {exc}")
        return
    skipped.extend(mismatches(coercion, core))
    if skipped:
        return
    try:
        plain_text = _plain_text_class(coercion)
    except TypeError as exc:  # e.g. RuntimeParam no longer frozen
        skipped.append(f"cannot subclass RuntimeParam: {exc}")
        return
    original = core._TyperParameter.get_runtime_param

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            kind = _plain_kind(descriptor.annotation) if descriptor.file_annotation is None else None
            if kind is not None:
                self._runtime_param = plain_text(
                    parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                    kind=kind, descriptor=descriptor,
                )
        return original(self)

    core._TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
    installed = True
