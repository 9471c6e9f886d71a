"""JSON Schema of the files, generated from the models (for editors)."""

from __future__ import annotations

from typing import Any

from dutylist.errors import UserError
from dutylist.model.catalog import KINDS, file_model
from dutylist.model.laws import LawsFile
from dutylist.model.registry import JurisdictionFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str | None) -> dict[str, Any]:
    """The schema of one kind, of jurisdiction.yaml, or (no kind) of any dutylist file."""
    if kind is None:
        return _combined()
    if kind == "jurisdiction":
        schema = JurisdictionFile.model_json_schema()
    elif kind == "laws":
        schema = LawsFile.model_json_schema()
    elif kind in KINDS:
        schema = file_model(kind).model_json_schema()
        # pin the kind so that an editor picks the right branch of the combined schema
        header = schema["$defs"]["CatalogHeader"]
        schema["$defs"][f"CatalogHeader_{kind}"] = {
            **header,
            "properties": {**header["properties"], "kind": {"const": kind}},
        }
        schema["properties"]["catalog"] = {"$ref": f"#/$defs/CatalogHeader_{kind}"}
    else:
        raise UserError(
            f"unknown kind {kind!r}: use one of {', '.join((*KINDS, 'jurisdiction', 'laws'))}"
        )
    schema["title"] = f"dutylist {kind} file"
    return {"$schema": SCHEMA_DIALECT, **schema}


def _combined() -> dict[str, Any]:
    """One schema for every file: each kind's definitions moved under a prefix, since a
    `$ref` resolves against the root document."""
    defs: dict[str, Any] = {}
    branches = []
    for kind in (*KINDS, "jurisdiction", "laws"):
        schema = json_schema(kind)
        schema.pop("$schema")
        own = schema.pop("$defs", {})
        renamed = {name: f"{kind}.{name}" for name in own}
        for name, body in own.items():
            defs[renamed[name]] = _rewrite(body, renamed)
        defs[kind] = _rewrite(schema, renamed)
        branches.append({"$ref": f"#/$defs/{kind}"})
    return {"$schema": SCHEMA_DIALECT, "title": "dutylist file", "oneOf": branches, "$defs": defs}


def _rewrite(node: Any, renamed: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out = {k: _rewrite(v, renamed) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            out["$ref"] = "#/$defs/" + renamed.get(ref[8:], ref[8:])
        return out
    if isinstance(node, list):
        return [_rewrite(v, renamed) for v in node]
    return node
