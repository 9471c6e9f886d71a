"""Every field of every schema has a Chinese title and description beside the English one,
and every enum value its Chinese label, in the keys yaml-language-server reads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from dutylist.model.catalog import KINDS
from dutylist.model.schema import json_schema

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


@pytest.mark.parametrize("kind", [*KINDS, "jurisdiction", "laws", None])
def test_every_field_has_a_chinese_title_and_both_descriptions(kind: str | None) -> None:
    schema = json_schema(kind)
    fields = [
        (name, body) for node in _nodes(schema) for name, body in node.get("properties", {}).items()
    ]
    assert fields
    for name, body in fields:
        assert body["title"].endswith(f" {name}") and CJK.search(body["title"]), (name, body)
        description = body["description"]
        assert CJK.search(description) and ENGLISH.search(description), (name, description)
        assert CJK.search(body["markdownDescription"]), name


@pytest.mark.parametrize("kind", [*KINDS, "jurisdiction", "laws"])
def test_every_enum_value_has_its_chinese_label(kind: str) -> None:
    enums = [node for node in _nodes(json_schema(kind)) if "enum" in node]
    assert enums
    for node in enums:
        labels = node["enumDescriptions"]
        assert len(labels) == len(node["enum"])
        for value, label, markdown in zip(
            node["enum"], labels, node["markdownEnumDescriptions"], strict=True
        ):
            assert label.endswith(f" {value}") and CJK.search(label)
            assert f"`{value}`" in markdown


def test_the_labels_are_the_tool_s_own() -> None:
    item = json_schema("empowerment")["$defs"]["EmpowermentItem"]["properties"]
    assert item["name"]["title"] == "事项名称 name"
    category = item["category"]
    assert category["enumDescriptions"][category["enum"].index("licensing")] == "行政许可 licensing"
    header = json_schema("duties")["$defs"]["CatalogHeader_duties"]["properties"]["kind"]
    assert header["description"].startswith("履职清单 duties。")
