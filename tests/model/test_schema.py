"""`dutylist schema`: valid JSON Schema documents whose refs resolve, and which accept
the shipped catalogs (checked with a small validator of the keywords the models use,
since jsonschema is not a dependency)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dutylist.io.yamlload import load_yaml
from dutylist.model.catalog import KINDS

RunCli = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs" / "valid"


def schema_of(run_cli: RunCli, *args: str) -> dict[str, Any]:
    result = run_cli("schema", *args)
    assert result.exit_code == 0, result.stderr
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    assert ref.startswith("#/"), ref
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    assert isinstance(node, dict)
    return node


def errors(root: dict[str, Any], schema: dict[str, Any], value: Any, at: str = "") -> list[str]:
    """Why `value` does not match `schema`: the keywords pydantic emits, nothing more."""
    if "$ref" in schema:
        return errors(root, resolve(root, schema["$ref"]), value, at)
    for branch_key in ("anyOf", "oneOf"):
        if branch_key in schema:
            matching = [b for b in schema[branch_key] if not errors(root, b, value, at)]
            wanted = len(matching) >= 1 if branch_key == "anyOf" else len(matching) == 1
            if not wanted:
                return [f"{at}: {len(matching)} branches of {branch_key} match"]
    out: list[str] = []
    kind = schema.get("type")
    types: dict[str, type | tuple[type, ...]] = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "boolean": bool,
        "null": type(None),
        "number": (int, float),
    }
    if kind is not None and (
        not isinstance(value, types[kind])
        or (kind in ("integer", "number") and isinstance(value, bool))
    ):
        return [f"{at}: {value!r} is not {kind}"]
    if "const" in schema and value != schema["const"]:
        out.append(f"{at}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{at}: {value!r} not in {schema['enum']}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            out.append(f"{at}: too short")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{at}: {value!r} does not match {schema['pattern']}")
        if schema.get("format") == "date" and not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            out.append(f"{at}: {value!r} is not a date")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{at}: lacks {k}" for k in schema.get("required", []) if k not in value]
        for key, child in value.items():
            if key in props:
                out += errors(root, props[key], child, f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{at}: unknown {key}")
    if isinstance(value, list) and "items" in schema:
        for i, child in enumerate(value):
            out += errors(root, schema["items"], child, f"{at}[{i}]")
    return out


def as_json(value: Any) -> Any:
    """What an editor's YAML server hands the schema: dates as text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def shipped_files() -> list[Path]:
    files = sorted((ROOT / "catalogs").rglob("*.yaml")) + sorted(FIXTURES.rglob("*.yaml"))
    assert files
    return files


@pytest.mark.parametrize("kind", KINDS)
def test_kind_schema_pins_the_kind(kind: str, run_cli: RunCli) -> None:
    schema = schema_of(run_cli, kind)
    assert schema["$schema"].startswith("https://json-schema.org/")
    header = resolve(schema, schema["properties"]["catalog"]["$ref"])
    assert header["properties"]["kind"] == {"const": kind}
    assert header["additionalProperties"] is False
    assert set(schema["required"]) >= {"dutylist", "catalog"}
    for ref in refs(schema):
        resolve(schema, ref)


def test_combined_schema_refs_resolve(run_cli: RunCli) -> None:
    schema = schema_of(run_cli)
    found = list(refs(schema))
    assert len(found) > 20
    for ref in found:
        resolve(schema, ref)
    assert len(schema["oneOf"]) == len(KINDS) + 2  # + jurisdiction.yaml and laws.yaml


def test_unknown_kind_exits_2(run_cli: RunCli) -> None:
    result = run_cli("schema", "empowerement")
    assert result.exit_code == 2
    assert "unknown kind" in result.stderr


def test_schema_to_a_file(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert run_cli("schema", "jurisdiction", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "dutylist jurisdiction file"


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_files_match_their_schemas(path: Path, run_cli: RunCli) -> None:
    data = as_json(load_yaml(path.read_text(encoding="utf-8")))
    kind = data["catalog"]["kind"] if "catalog" in data else "jurisdiction"
    kind = "laws" if "laws" in data else kind
    assert errors(schema_of(run_cli, kind), schema_of(run_cli, kind), data) == []
    combined = schema_of(run_cli)
    assert errors(combined, combined, data) == []


def test_the_validator_notices_a_wrong_file(run_cli: RunCli) -> None:
    schema = schema_of(run_cli, "grid")
    data: dict[str, Any] = {
        "dutylist": 1,
        "catalog": {"kind": "empowerment", "title": "t", "version": "1"},
    }
    assert errors(schema, schema, data) != []
    data["catalog"]["kind"] = "grid"
    assert errors(schema, schema, data) == []
    data["extra"] = 1
    assert errors(schema, schema, data) == [": unknown extra"]
