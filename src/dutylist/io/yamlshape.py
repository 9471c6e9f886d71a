"""The canonical layout's key orders and quoted fields, shared by the round-trip writer
(yamlwrite.py) and the emitter of new files (yamlemit.py) without importing ruamel."""

from __future__ import annotations

from typing import Any

TOP = (
    "dutylist",
    "jurisdiction",
    "catalog",
    "units",
    "departments",
    "guides",
    "posts",
    "items",
    "laws",
)
HEADER = ("kind", "title", "version", "effective", "unit")
JURISDICTION = ("code", "name", "level")
UNIT = ("id", "name", "type", "code", "parent")
DEPARTMENT = ("id", "name", "uscc")
POST = ("id", "name", "new")
ITEM = (
    "id",
    "name",
    "category",
    "department",
    "basis",
    "scope",
    "method",
    "role",
    "lead",
    "cooperating",
    "grid",
    "source",
    "post",
    "handling",
    "status",
    "alternative",
    "technical",
    "support",
    "admission",
    "replaces",
    "tags",
    "notes",
)
SUPPORT = ("training", "funding", "guidance")
ADMISSION = ("approved_by", "approved_on", "content", "term", "funding")

# (key order, fields written in double quotes, order of nested mappings by key)
_Shape = tuple[tuple[str, ...], frozenset[str], dict[str, Any]]
_ITEM_SHAPE: _Shape = (
    ITEM,
    frozenset({"id", "source", "replaces"}),
    {"support": (SUPPORT, frozenset(), {}), "admission": (ADMISSION, frozenset(), {})},
)
_SHAPE: _Shape = (
    TOP,
    frozenset(),
    {
        "jurisdiction": (JURISDICTION, frozenset({"code"}), {}),
        "catalog": (HEADER, frozenset({"version"}), {}),
        "units": (UNIT, frozenset({"code"}), {}),
        "departments": (DEPARTMENT, frozenset({"uscc"}), {}),
        "posts": (POST, frozenset(), {}),
        "items": _ITEM_SHAPE,
    },
)

# lists of ids read best on one line, as the shipped catalogs write them
FLOW = frozenset({"scope", "cooperating", "replaces", "tags"})
