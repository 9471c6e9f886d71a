"""The scan for item lines over whole sections against the plain line-by-line scan."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dutylist.audit.context import scan_item_lines, scan_lines_plainly

# pieces of lines that the two patterns care about, and some that they must not mistake
_PIECES = [
    "items:",
    "items :",
    "items: []",
    "catalog:",
    "posts:",
    "x-y_z:",
    "- id: A-1",
    "- id: 'A 2'",
    '- id: "A:3"',
    "  - id: B",
    "\t-\tid:\tC # note",
    "- {id: D, name: d}",
    "-{ id : E }",
    "- id:",
    "- id: F,",
    "- name: G",
    "  id: H",
    "- id: 'unclosed",
    '- id: "',
    "  name: 对 # x",
    "items",
    ":",
    " ",
    "#",
    "}",
    ",",
    "'",
    '"',
    "-",
    "\r",
    "\u2028",
]


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.lists(st.sampled_from(_PIECES), max_size=3).map("".join)))
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(lines) + draw(
        st.sampled_from(["", "\n"])
    )


@given(texts())
def test_the_scan_finds_the_lines_the_plain_scan_finds(text: str) -> None:
    assert list(scan_item_lines(text).items()) == list(scan_lines_plainly(text).items())


@given(st.text(alphabet=st.sampled_from("items:-{}id '\"#,\tAB\n\r"), max_size=200))
def test_the_scan_agrees_on_any_text_of_its_characters(text: str) -> None:
    assert list(scan_item_lines(text).items()) == list(scan_lines_plainly(text).items())


def test_lines_count_from_one_and_only_under_items() -> None:
    text = "catalog:\n- id: X\nitems:\n- id: A\n  name: a\n- {id: B}\nposts:\n- id: C\n"
    assert scan_item_lines(text) == {"A": 4, "B": 6}
