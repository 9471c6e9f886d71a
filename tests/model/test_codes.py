"""Division codes and the USCC check digit (GB 32100-2015)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.model.codes import (
    USCC_ALPHABET,
    division_code_problem,
    uscc_check_digit,
    uscc_problem,
)

FIRST17 = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # published examples of well-formed codes
        "11532801MB12345677",
        "91110000802100433B",
    ],
)
def test_known_codes_pass(code: str) -> None:
    assert uscc_problem(code) is None


@settings(max_examples=50, deadline=None)
@given(first=FIRST17)
def test_computed_check_digit_passes(first: str) -> None:
    digit = uscc_check_digit(first)
    assert digit in USCC_ALPHABET
    assert uscc_problem(first + digit) is None


@settings(max_examples=50, deadline=None)
@given(first=FIRST17, position=st.integers(0, 17), data=st.data())
def test_changing_one_character_fails(first: str, position: int, data: st.DataObject) -> None:
    code = first + uscc_check_digit(first)
    other = data.draw(st.sampled_from([c for c in USCC_ALPHABET if c != code[position]]))
    changed = code[:position] + other + code[position + 1 :]
    # the weights are units mod 31, so one substitution always changes the sum
    assert uscc_problem(changed) is not None


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("11532801MB1234567", "18 characters"),
        ("11532801MB12345678", "should be '7'"),
        ("11532801mb12345677", "cannot appear"),
        ("I1532801MB12345677", "cannot appear"),
    ],
)
def test_bad_codes_say_why(code: str, words: str) -> None:
    problem = uscc_problem(code)
    assert problem is not None
    assert words in problem


@pytest.mark.parametrize(
    ("code", "lengths", "ok"),
    [
        ("532801", (6,), True),
        ("53280", (6,), False),
        ("532801001", (9, 12), True),
        ("532801001201", (9, 12), True),
        ("5328010012", (9, 12), False),
        ("５３２８０１", (6,), False),  # full-width digits are not a code
        ("53280A", (6,), False),
    ],
)
def test_division_codes(code: str, lengths: tuple[int, ...], ok: bool) -> None:
    assert (division_code_problem(code, lengths) is None) is ok
