"""Name folding over many names at once is folding each name."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.normalize import fold, fold_many, normalize_name, normalize_names

# full-width forms, combining marks (alone, first, or composing), Hangul jamo that compose,
# every kind of space and invisible character, Cyrillic and Greek look-alikes, traditional
# characters, the separator the joined pass uses and a newline
_CHARS = st.sampled_from(
    list("aZ1 (（）)Ａｚ０！～\u3000\u00a0\t\n\u200b\u202e\ufeffé\u0301\u0327ﬁ²½")
    + list("\u1100\u1161\u11a8각АаΑο漢語對們体\ue000\ufdfa㍿")
)
_NAMES = st.lists(st.text(_CHARS, max_size=10), max_size=8)


@settings(max_examples=300, deadline=None)
@given(_NAMES)
def test_fold_many_is_fold_of_each(names: list[str]) -> None:
    assert fold_many(names) == [fold(name) for name in names]


@settings(max_examples=100, deadline=None)
@given(_NAMES)
def test_normalize_names_is_normalize_name_of_each(names: list[str]) -> None:
    assert normalize_names(names) == [normalize_name(name) for name in names]
