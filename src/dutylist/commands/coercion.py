"""Cheap coercion of command-line values. Typer from 0.25 on coerces every parameter
through a pydantic TypeAdapter built on first use: importing that layer and building the
adapters of one command costs tens of milliseconds, on a command (validate in a
pre-commit hook) that otherwise takes little more than its YAML load. The parameters of
this CLI are strings, paths, choices and flags, which convert without pydantic; this
module gives those parameters a converter doing what typer's adapter does, and leaves
every other parameter, every failing value and every other typer release to typer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

try:  # typer >= 0.25 (its own click, pydantic coercion); earlier releases use click types
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
except ImportError:  # pragma: no cover - depends on the installed typer
    RuntimeParam = None  # type: ignore[assignment,misc]

ACTIVE = RuntimeParam is not None

_NUMBER = {"int": re.compile(r"[+-]?[0-9]+"), "float": re.compile(r"[+-]?[0-9]*\.?[0-9]+")}


def lighten(params: list[Any]) -> None:
    """Give the parameters whose type converts without pydantic a converter of their own
    (no-op on a typer that does not coerce through pydantic)."""
    if not ACTIVE:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        kind = _kind(descriptor.annotation, descriptor.parameter_info)
        if kind is not None:
            param._runtime_param = _Light(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                kind=kind,
                descriptor=descriptor,
            )


def _kind(annotation: Any, info: Any) -> str | None:
    if info.parser is not None or getattr(info, "formats", None) is not None:
        return None
    if get_origin(annotation) is list:
        (inner,) = get_args(annotation) or (None,)
        kind = _kind(inner, info) if inner is not None else None
        return f"list:{kind}" if kind is not None else None
    if annotation is str:
        return "str"
    if annotation is bool:
        return "bool"
    if annotation in (int, float) and not info.clamp:
        return str(annotation.__name__)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice"
    if get_origin(annotation) is Literal:
        return "choice"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "path"
    return None


if RuntimeParam is not None:

    class _Fallback(Exception):
        """The value is not one this module converts: typer's own coercion decides."""

    @dataclass(frozen=True)
    class _Light(RuntimeParam):
        kind: str
        descriptor: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.kind.startswith("list:"):
                    if not isinstance(value, (list, tuple)):
                        value = [value]
                    item = self.kind.removeprefix("list:")
                    return [self._one(item, v, param, ctx) for v in value]
                return self._one(self.kind, value, param, ctx)
            except (_Fallback, ValueError):
                # the exact typer behaviour, message included (errors are rare: no cost)
                standard = build_runtime_param(self.descriptor)
                return standard._coerce_value(value, param=param, ctx=ctx)

        def _one(self, kind: str, value: Any, param: Any, ctx: Any) -> Any:
            if kind == "str":
                if isinstance(value, str):
                    return value
            elif kind == "bool":
                if isinstance(value, bool):
                    return value
            elif kind in _NUMBER:
                if isinstance(value, str) and _NUMBER[kind].fullmatch(value):
                    number = int(value) if kind == "int" else float(value)
                    low, high = self.parameter_info.min, self.parameter_info.max
                    if (low is None or number >= low) and (high is None or number <= high):
                        return number
            elif kind == "choice":
                return coerce_cli_choice(
                    value,
                    choices=self._choices(),
                    case_sensitive=self.parameter_info.case_sensitive,
                    ctx=ctx,
                )
            elif kind == "path" and isinstance(value, (str, Path)):
                path_type: Any = self.parameter_info.path_type or self._leaf()
                if not (isinstance(path_type, type) and issubclass(path_type, Path)):
                    raise _Fallback  # str or bytes paths
                if isinstance(value, str) and value and "\0" not in value:
                    value = path_type(value)
                if isinstance(value, Path):
                    return coerce_cli_path(
                        value, self.parameter_info, path_type=path_type, param=param, ctx=ctx
                    )
            raise _Fallback

        def _leaf(self) -> Any:
            annotation: Any = self.annotation
            return get_args(annotation)[0] if get_origin(annotation) is list else annotation

        def _choices(self) -> list[Any]:
            leaf = self._leaf()
            return list(get_args(leaf)) if get_origin(leaf) is Literal else list(leaf)
