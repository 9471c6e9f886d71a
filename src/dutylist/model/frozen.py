"""The validators of `validate`, built by pydantic-core from the core schemas pydantic made
of the models (`frozen.json`, written by `dutylist.model.freeze`), without importing
pydantic: its import and the models' classes cost a pre-commit hook more than reading a
thousand items.

They validate as the models do: the same schemas, the same rule functions
(`dutylist.model.rules`), the same errors. What they build is a record per model, its
fields as attributes and the model's methods, for the checks that read a validated file.
They are used only with the pydantic-core the file was frozen with; with any other, or
without the file, `validator` answers None and the models validate.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pydantic_core

from dutylist.model import rules

FROZEN = Path(__file__).with_name("frozen.json")


class Record:
    """A model's fields as attributes; pydantic-core sets the four slots a model has."""

    __slots__ = (
        "__dict__",
        "__pydantic_extra__",
        "__pydantic_fields_set__",
        "__pydantic_private__",
    )

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"


@cache
def _schemas() -> dict[str, Any] | None:
    try:
        frozen = json.loads(FROZEN.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(frozen, dict) or frozen.get("pydantic_core") != pydantic_core.__version__:
        return None
    schemas: dict[str, Any] = frozen["schemas"]
    return schemas


@cache
def validator(name: str) -> pydantic_core.SchemaValidator | None:
    """The validator of one file model (a catalog kind, `jurisdiction` or `laws`)."""
    schemas = _schemas()
    if schemas is None or name not in schemas:
        return None
    try:
        return pydantic_core.SchemaValidator(_held(schemas[name], {}))
    except (pydantic_core.SchemaError, AttributeError, TypeError):
        return None  # a file that does not fit this pydantic-core: the models validate


def _held(node: Any, records: dict[str, type]) -> Any:
    """The schema with its named classes and functions held again."""
    if isinstance(node, list):
        return [_held(value, records) for value in node]
    if not isinstance(node, dict):
        return node
    held = {}
    for key, value in node.items():
        if key == "cls":
            held[key] = _record(value, records)
        elif key in ("function", "default_factory") and isinstance(value, str):
            held[key] = getattr(rules, value)
        else:
            held[key] = _held(value, records)
    return held


def _record(name: str, records: dict[str, type]) -> type:
    if name not in records:
        methods = rules.METHODS.get(name)
        bases = (Record,) if methods is None else (Record, methods)
        records[name] = type(name, bases, {"__slots__": ()})
    return records[name]
