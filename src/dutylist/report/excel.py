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
