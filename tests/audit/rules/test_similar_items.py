"""similar-items' pairs against the all-against-all score matrix of rapidfuzz's cdist
(rounded to whole percent as its uint8 matrix rounds), on small generated name sets."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from dutylist.audit.rules.similar_items import _pairs

# few letters, so that near-identical names are common
NAMES = st.lists(st.text(alphabet="对的行政处罚公路ab", min_size=0, max_size=14), max_size=24)


def _matrix_pairs(names: list[str], cutoff: float) -> list[tuple[int, int, float]]:
    if not names:
        return []
    matrix = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8)
    rows, cols = np.nonzero(np.triu(matrix, k=1))
    return [
        (i, j, float(matrix[i, j]))
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        if names[i] != names[j]
    ]


@settings(max_examples=150, deadline=None)
@given(NAMES, st.sampled_from([0.0, 50.0, 75.0, 87.5, 90.0, 95.0, 100.0]))
def test_pairs_match_the_score_matrix(names: list[str], cutoff: float) -> None:
    assert list(_pairs(names, cutoff)) == _matrix_pairs(names, cutoff)


def test_half_percent_rounds_up() -> None:
    # 1 - 2/16 = 87.5%: cdist's uint8 matrix says 88
    assert list(_pairs(["a" * 7 + "b", "a" * 7 + "c"], 80.0)) == [(0, 1, 88.0)]


def test_a_pair_at_the_length_bound_is_compared() -> None:
    # 2 x 9 / (9 + 11) is exactly 90%: the shortest name the bound lets through
    assert list(_pairs(["a" * 11, "a" * 9], 90.0)) == [(0, 1, 90.0)]
