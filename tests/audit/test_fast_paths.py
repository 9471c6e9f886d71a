"""The quick forms of audit computations against the plain ones they replace: the integer
share threshold, and messages shared between findings and languages."""

from __future__ import annotations

import math
from fractions import Fraction
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from dutylist.audit.rules._assessed import at_least, cases, evaluate, unit_evidence
from dutylist.audit.rules.base import Joined, Label, Message, plural


@given(st.sampled_from([0.0, 0.1, 0.25, 0.3, 0.5, 0.7, 1 / 3, 0.999, 1.0]), st.integers(0, 500))
def test_at_least_is_the_exact_ceiling(share: float, count: int) -> None:
    exact = Fraction(str(share)) * count
    assert at_least(share, count) == math.ceil(exact)
    assert all((n >= exact) == (n >= at_least(share, count)) for n in range(count + 2))


def test_a_shared_message_renders_each_language_apart() -> None:
    # plural() and cases() hand one Message to many findings: a rendered form is kept per
    # language, so asking for English first must not give English to the Chinese
    shared = plural(7, "{n} case", "{n} cases")
    assert shared is plural(7, "{n} case", "{n} cases")
    outer = Message("{what}; {also}", what=shared, also=Label("weak", {"weak": "弱"}))
    assert outer.render("en") == "7 cases; weak"
    zh = outer.render("zh")
    assert "弱" in zh and zh != outer.render("en")
    assert Message("{x}", x=cases(7)).render("zh") == cases(7).render("zh")
    assert Joined((cases(1), 2, "x")).render("en") == "1 case, 2, x"
    assert Joined((cases(1), 2, "x")).render("zh") == f"{cases(1).render('zh')}、2、x"


def test_unit_evidence_counts_the_rest_in_both_languages() -> None:
    ctx = SimpleNamespace(unit_names={"a": "甲", "b": "乙"}, memo={})
    units = ["a", "b", "c", "d", "e", "f"]
    ev = evaluate(units, list(range(6)), ([0] * 6, bytes(6), bytes(6), *([b"\x01" * 6] * 4)))
    joined = unit_evidence(ctx, ev, units)  # type: ignore[arg-type]
    en, zh = joined.render("en"), joined.render("zh")
    assert en.endswith("and 3 more units") and en.startswith("甲 (0 cases")
    assert "；" in zh and "and 3 more" not in zh
