"""The format tables of validate, diff and audit: one shape, every renderer importable."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutylist.errors import UserError
from dutylist.report.formats import AUDIT, DIFF, VALIDATE, Format, choose, per_unit


@pytest.mark.parametrize("table", [VALIDATE, DIFF, AUDIT])
def test_every_row_names_a_callable_renderer(table: tuple[Format, ...]) -> None:
    assert len({row.name for row in table}) == len(table)
    for row in table:
        assert callable(row.renderer())
        assert all(s.startswith(".") for s in row.suffixes)


def test_suffix_implies_the_format_and_contradictions_are_refused() -> None:
    assert choose(DIFF, None, Path("t.xlsx")).name == "xlsx"
    assert choose(DIFF, None, Path("t.csv")).name == "csv"
    assert choose(DIFF, None, None).name == "text"
    with pytest.raises(UserError, match=r"does not write a \.xlsx file"):
        choose(DIFF, "json", Path("t.xlsx"))
    with pytest.raises(UserError, match="needs -o"):
        choose(AUDIT, "xlsx", None)


def test_per_unit_formats_come_from_the_table() -> None:
    assert per_unit(AUDIT, "json").suffixes == (".json",)
    with pytest.raises(UserError, match="cannot write one file per unit"):
        per_unit(AUDIT, "github")
