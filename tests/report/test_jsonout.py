"""The fast JSON writer: the document `json.dumps(indent=2)` gives, parsed back, laid out
one record a line under an indented outline."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dutylist.report.jsonout import dumps

scalars = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(value=values, levels=st.integers(0, 4))
def test_parses_back_to_the_same_document(value: Any, levels: int) -> None:
    text = dumps(value, levels)
    assert text.endswith("\n")
    assert json.loads(text) == json.loads(json.dumps(value, indent=2))


def test_outline_indented_records_one_a_line() -> None:
    doc = {"findings": [{"rule": "a", "units": ["x", "y"]}, {"rule": "b"}], "period": "2024-H2"}
    assert dumps(doc) == (
        "{\n"
        '  "findings": [\n'
        '    {"rule": "a", "units": ["x", "y"]},\n'
        '    {"rule": "b"}\n'
        "  ],\n"
        '  "period": "2024-H2"\n'
        "}\n"
    )


def test_non_ascii_written_as_it_is_and_other_keys_as_json_writes_them() -> None:
    assert dumps({"名称": "勐旺乡"}) == '{\n  "名称": "勐旺乡"\n}\n'
    assert json.loads(dumps({2: [], None: {}})) == {"2": [], "null": {}}


@given(
    st.recursive(
        st.text() | st.integers(),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=8,
    )
)
def test_no_control_character_reaches_a_terminal_raw(value: object) -> None:
    from dutylist.report.safe import is_safe

    text = dumps({"value": value})
    assert json.loads(text) == {"value": value}
    assert is_safe(text, lines=True)
