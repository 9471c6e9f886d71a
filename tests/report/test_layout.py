"""Wrapping and tables of the terminal layout: no line wider than asked, nothing lost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutylist.report.layout import Column, cell_len, table, text_width, wrap

TEXT = st.text(alphabet="ab c-1交通运输局，。（）", max_size=80)


@given(TEXT, st.integers(min_value=6, max_value=60))
def test_wrap_keeps_every_character_within_the_width(text: str, width: int) -> None:
    lines = wrap(text, width, "  ")
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_breaks_at_spaces_and_between_chinese_characters() -> None:
    assert wrap("abc defgh ijkl", 10) == ["abc defgh", "ijkl"]
    assert wrap("交通运输局交通运输局", 10, "") == ["交通运输局", "交通运输局"]


def test_wrap_keeps_punctuation_off_a_line_start_and_brackets_off_its_end() -> None:
    assert wrap("类别调整 2，转隶 1", 11) == ["类别调整", "2，转隶 1"]
    assert wrap("期 2024-H2（catalogs", 15) == ["期 2024-H2", "（catalogs"]


def test_cjk_characters_are_two_columns() -> None:
    assert cell_len("交通 a") == 6


def test_table_fits_or_gives_way() -> None:
    cols = [Column("部门", min_width=8), Column("差异化", numeric=True, min_width=4)]
    rows = [["西双版纳州生态环境局景洪分局", "1"]]
    wide = table(cols, rows, 80)
    assert wide is not None and "西双版纳州生态环境局景洪分局" in "".join(wide)
    narrow = table(cols, rows, 20)
    assert narrow is not None
    assert all(cell_len(line) <= 20 for line in narrow)
    assert table(cols, rows, 10) is None


def test_width_from_columns_else_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert text_width(None) == 80
    monkeypatch.delenv("COLUMNS")
    assert text_width(None) == 120
