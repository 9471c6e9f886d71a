"""What every workbook dutylist writes shares: safe cell writing and CJK column widths."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

# Strings are never turned into formulas, numbers or URLs: an item named `=SUM(A1)` or
# `+86...` stays the text the catalog holds (spec section 8: values, never formulas).
SAFE_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: wide (W) and full-width (F) characters count
    two; a multi-line cell is as wide as its widest line."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
            for line in text.split("\n")
        ),
        default=0,
    )


def safe_workbook(buffer: io.BytesIO, **options: Any) -> Any:
    """An xlsxwriter workbook in memory with the safe string options (imported lazily:
    the pre-commit path never loads xlsxwriter)."""
    import xlsxwriter

    return xlsxwriter.Workbook(buffer, {**SAFE_OPTIONS, **options})


# Fonts by the names Chinese Windows Excel and WPS know, with the GB2312 character set
# (134): where 宋体 and 仿宋 are missing (LibreOffice on Linux) the character set makes
# the fallback a CJK font rather than a Latin one without the glyphs.
SONG = {"font_name": "宋体", "font_charset": 134}
FANGSONG = {"font_name": "仿宋", "font_charset": 134}


def print_setup(sheet: Any, *, repeat: tuple[int, int] | None, landscape: bool) -> None:
    """A4, one page wide (as many tall as it takes), header rows on every page, page
    numbers in the footer: how every workbook dutylist writes prints."""
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_paper(9)  # A4
    if repeat is not None:
        sheet.repeat_rows(*repeat)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer("&C&P / &N")
