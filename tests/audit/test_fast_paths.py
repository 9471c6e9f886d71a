"""The quick forms of audit computations against the plain ones they replace: the integer
share threshold, messages shared between findings and languages, the fit flags, the units
made on demand and the evidence made late."""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from dutylist.audit.core import run_audit
from dutylist.audit.rules._assessed import at_least, cases, evaluate, flags, unit_evidence
from dutylist.audit.rules.base import Joined, Label, Message, plural
from dutylist.model.assessment import CAPACITIES, WILLINGNESSES


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
    ev = evaluate(units, list(range(6)), ([0] * 6, bytes(6), bytes(6), *([b"\x01" * 6] * 2)))
    joined = unit_evidence(ctx, ev, units)  # type: ignore[arg-type]
    en, zh = joined.render("en"), joined.render("zh")
    assert en.endswith("and 3 more units") and en.startswith("甲 (0 cases")
    assert "；" in zh and "and 3 more" not in zh


_ROWS = st.lists(
    st.tuples(
        st.one_of(st.integers(0, 300), st.integers(0, 2**40)),
        st.integers(0, len(CAPACITIES) - 1),
        st.integers(0, len(WILLINGNESSES) - 1),
    ),
    max_size=40,
)


@given(_ROWS, st.integers(-1, 300), st.booleans())
def test_flags_are_the_row_by_row_test(
    rows: list[tuple[int, int, int]], min_cases: int, as_array: bool
) -> None:
    # counts that fit a byte take a table lookup (read off the memory of the table's
    # array of counts), larger ones the compare of each row
    counts: Sequence[int] = [n for n, _, _ in rows]
    if as_array:
        counts = array("q", counts)
    capacity = bytes(c for _, c, _ in rows)
    fit, unfit = flags(counts, capacity, min_cases)
    plain = [n >= min_cases and CAPACITIES[c] != "none" for n, c, _ in rows]
    assert list(fit) == [int(ok) for ok in plain]
    assert list(unfit) == [int(not ok) for ok in plain]


@given(_ROWS)
def test_weak_and_zero_made_on_demand_are_the_plain_lists(rows: list[tuple[int, int, int]]) -> None:
    counts = [n for n, _, _ in rows]
    capacity = bytes(c for _, c, _ in rows)
    willingness = bytes(w for _, _, w in rows)
    units = [f"u{i}" for i in range(len(rows))]
    columns = (counts, capacity, willingness, *flags(counts, capacity, 1))
    ev = evaluate(units, list(range(len(rows))), columns)
    assert ev.zero == [u for u, (n, _, _) in zip(units, rows, strict=True) if n == 0]
    weak = [u for u, (_, _, w) in zip(units, rows, strict=True) if WILLINGNESSES[w] == "weak"]
    assert ev.weak == weak
    assert ev.zero is ev.zero  # made once


@given(_ROWS, st.data())
def test_a_run_of_rows_evaluates_as_its_rows_one_by_one(
    rows: list[tuple[int, int, int]], data: st.DataObject
) -> None:
    # an item written as one run of the table is read by slices of the columns
    counts = array("q", [n for n, _, _ in rows])
    capacity = bytes(c for _, c, _ in rows)
    willingness = bytes(w for _, _, w in rows)
    columns = (counts, capacity, willingness, *flags(counts, capacity, 1))
    start = data.draw(st.integers(0, len(rows)))
    stop = data.draw(st.integers(start, len(rows)))
    units = [f"u{i}" for i in range(start, stop)]
    run, one_by_one = (
        evaluate(units, range(start, stop), columns),
        evaluate(units, list(range(start, stop)), columns),
    )
    for name in ("fit", "unfit", "cases", "zero", "weak"):
        assert getattr(run, name) == getattr(one_by_one, name)
    for name in ("cases_of", "capacity_of", "willingness_of"):
        assert list(getattr(run, name)) == list(getattr(one_by_one, name))


def test_evidence_added_later_is_the_evidence_made_at_once() -> None:
    # the text report leaves the evidence unmade; made later, `extra` is the same dict,
    # its keys in the same order (the evidence first, also_revoke after)
    root = Path(__file__).resolve().parents[2] / "catalogs" / "jinghong"
    full = run_audit(root)
    bare = run_audit(root, evidence=False)
    assert [f.fingerprint for f in bare.findings] == [f.fingerprint for f in full.findings]
    assert any(f.evidence is not None for f in bare.findings)
    assert any("also_revoke" in f.extra for f in full.findings)
    for f in bare.findings:
        f.add_evidence()
    assert [list(f.extra.items()) for f in bare.findings] == [
        list(f.extra.items()) for f in full.findings
    ]
    assert all(f.evidence is None for f in full.findings)
