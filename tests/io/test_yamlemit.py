"""The emitter of new files writes what the round-trip writer writes, character for
character, and the text loads back to the data. The generated catalogs use the item
fields of the spec; the awkward cell texts are cases in tests/fixtures/io/."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.io.yamlemit import emit
from dutylist.io.yamlload import load_yaml
from dutylist.io.yamlshape import FLOW, ITEM
from dutylist.io.yamlwrite import dump, format_text

CASES = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "io" / "emit-scalars.json").read_text(
        encoding="utf-8"
    )
)["strings"]

text = st.one_of(
    st.sampled_from(CASES),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
    st.from_regex(r"[\u4e00-\u9fff《》（）、，；：]{1,20}", fullmatch=True),
)
scalar = st.one_of(text, st.integers(-5, 5000), st.booleans(), st.none(), st.dates())


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from([*ITEM, "guide", "x-extra"]), unique=True, min_size=1))
    item: dict[str, Any] = {}
    for key in draw(st.permutations(keys)):
        if key in FLOW or key in ("basis", "guide"):
            item[key] = draw(st.lists(text, max_size=3))
        elif key in ("support", "admission"):
            item[key] = {k: draw(scalar) for k in draw(st.permutations(["term", "funding"]))}
        else:
            item[key] = draw(scalar)
    return item


@st.composite
def catalogs(draw: st.DrawFn) -> dict[str, Any]:
    header = {k: draw(scalar) for k in draw(st.permutations(["version", "title", "kind"]))}
    if draw(st.booleans()):
        header["effective"] = draw(st.dates())
    parts: list[tuple[str, Any]] = [
        ("items", draw(st.lists(items(), max_size=4))),
        ("catalog", header),
        ("dutylist", 1),
        ("posts", [{"name": draw(text), "id": draw(text)} for _ in range(draw(st.integers(0, 2)))]),
    ]
    return dict(draw(st.permutations(parts)))


def _same(doc: dict[str, Any], *, fmt: bool = True) -> None:
    fast = emit(doc)
    assert fast == dump(doc)
    assert load_yaml(fast) == doc
    if fmt:
        assert format_text(fast) == fast  # `fmt --check` of an imported file passes


@settings(max_examples=40, deadline=None)
@given(catalogs())
def test_the_emitter_writes_the_round_trip_text(doc: dict[str, Any]) -> None:
    _same(doc)


@pytest.mark.parametrize("value", CASES)
def test_awkward_cell_texts(value: str) -> None:
    for field in ("name", "id", "scope", "basis"):
        item: dict[str, Any] = {"id": "A-1", "name": "n"}
        item[field] = [value] if field in ("scope", "basis") else value
        doc = {"dutylist": 1, "catalog": {"kind": "empowerment", "version": value}, "items": [item]}
        _same(doc, fmt=field == "name")


def test_an_awkward_item_costs_only_its_own_round_trip() -> None:
    doc = {
        "dutylist": 1,
        "catalog": {"kind": "grid", "version": "1", "effective": dt.date(2025, 1, 1)},
        "items": [{"id": "A", "name": "x"}, {"id": "B", "name": "a\nb"}, {"id": "C", "name": "y"}],
    }
    assert emit(doc).splitlines()[-6:] == [
        '  - id: "A"',
        "    name: x",
        '  - id: "B"',
        '    name: "a\\nb"',
        '  - id: "C"',
        "    name: y",
    ]
