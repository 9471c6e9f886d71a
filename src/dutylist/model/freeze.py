"""Writes `frozen.json`: the core schemas pydantic builds from the models, with every class
and function in them named instead of held, for `dutylist.model.frozen` to build the same
validators without importing pydantic.

Run `python -m dutylist.model.freeze` after changing a model; a test fails while the file
and the models disagree.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from dutylist.model import rules

FROZEN = Path(__file__).with_name("frozen.json")

# the keys of a core schema that validation never reads: JSON Schema hooks and the
# generic a parametrized model came from
_UNREAD = frozenset({"metadata", "generic_origin"})
_REF_ID = re.compile(r":\d+")


class FreezeError(Exception):
    """A schema holds something the frozen file cannot name."""


def schemas() -> dict[str, Any]:
    """The frozen form of every file model's core schema, and the pydantic-core it is for."""
    import pydantic_core

    from dutylist.model.catalog import KINDS, file_model
    from dutylist.model.laws import LawsFile
    from dutylist.model.registry import JurisdictionFile

    models: dict[str, Any] = {kind: file_model(kind) for kind in KINDS}
    models |= {"jurisdiction": JurisdictionFile, "laws": LawsFile}
    frozen = {}
    for name, model in models.items():
        model.model_rebuild()  # the models defer their build; freezing needs it done
        frozen[name] = _named(model.__pydantic_core_schema__, {})
    return {"pydantic_core": pydantic_core.__version__, "schemas": frozen}


def _named(node: Any, refs: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {key: _value(key, value, refs) for key, value in node.items() if key not in _UNREAD}
    if isinstance(node, list | tuple):
        return [_named(value, refs) for value in node]
    if node is None or isinstance(node, str | int | float | bool):
        return node
    raise FreezeError(f"cannot freeze {node!r}")


def _value(key: str, value: Any, refs: dict[str, str]) -> Any:
    if key == "cls" and isinstance(value, type):
        return value.__name__
    if key in ("ref", "schema_ref") and isinstance(value, str):
        # a ref holds the id() of its class (and of a generic's arguments), which differ from
        # run to run
        stable = _REF_ID.sub("", value)
        if refs.setdefault(stable, value) != value:
            raise FreezeError(f"two schemas would both be {stable}")
        return stable
    if callable(value):
        name = getattr(value, "__name__", "")
        if getattr(rules, name, None) is not value:
            raise FreezeError(
                f"{value!r} is not in dutylist.model.rules: a validator must be a function there"
            )
        return name
    return _named(value, refs)


def render(frozen: dict[str, Any]) -> str:
    return json.dumps(frozen, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    FROZEN.write_text(render(schemas()), encoding="utf-8")
    sys.stderr.write(f"wrote {FROZEN}\n")


if __name__ == "__main__":
    main()
