"""The blocked similarity grouping against the quadratic definition it must equal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from dutylist.conform.variants import _similar_groups

NAMES = st.lists(
    st.text(alphabet="协助开展村民会议登记审核", min_size=1, max_size=14), unique=True, max_size=40
)


def _brute(keys: list[str], ratio: float) -> set[frozenset[str]]:
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if fuzz.ratio(a, b) >= ratio * 100:
                parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for k in keys:
        groups.setdefault(find(k), set()).add(k)
    return {frozenset(g) for g in groups.values()}


@settings(max_examples=150, deadline=None)
@given(NAMES, st.sampled_from([0.6, 0.8, 0.9]))
def test_blocked_grouping_equals_all_pairs(keys: list[str], ratio: float) -> None:
    got = {frozenset(g) for g in _similar_groups(keys, ratio)}
    assert got == _brute(keys, ratio)


def test_chunks_cover_pairs_across_chunk_borders() -> None:
    # more names than one cdist chunk holds, pairs spread over the length order
    keys = [f"协助开展第{i:04d}项村务" for i in range(700)]
    groups = _similar_groups(keys, 0.9)
    assert {frozenset(g) for g in groups} == _brute(keys, 0.9)
