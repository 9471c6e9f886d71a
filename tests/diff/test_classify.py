"""Property: the nested detail of a changed field, computed without deepdiff for the
shapes an item's fields have (a mapping of scalars, a list of scalars), is exactly the
one deepdiff's tree view gives."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.diff.classify import _deep_detail, _flat_detail, nested_detail

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.5, 1.0, 2.0]),
    st.sampled_from(["", "a", "b", "1", "2024-01-01", "依据"]),
)
KEYS = st.sampled_from(["training", "funding", "guidance", "term", "content"])
MAPPINGS = st.dictionaries(KEYS, SCALARS, max_size=5)
LISTS = st.lists(SCALARS, max_size=6)


def sorted_detail(detail: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(detail, key=repr)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.tuples(MAPPINGS, MAPPINGS), st.tuples(LISTS, LISTS)))
def test_flat_detail_is_deepdiffs(pair: tuple[Any, Any]) -> None:
    old, new = pair
    flat = _flat_detail(old, new)
    assert flat is not None
    assert sorted_detail(flat) == sorted_detail(_deep_detail(old, new))


def test_deeper_values_go_to_deepdiff() -> None:
    old, new = {"a": {"b": 1}}, {"a": {"b": 2}}
    assert _flat_detail(old, new) is None
    assert nested_detail(old, new) == [
        {"path": ["a", "b"], "change": "changed", "old": 1, "new": 2}
    ]
    assert _flat_detail([["x"]], [["y"]]) is None
