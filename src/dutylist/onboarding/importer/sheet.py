"""The cells of a county spreadsheet as rows, with merged cells filled in.

An .xlsx is opened in openpyxl's normal (not read-only) mode, the only one that
reports merged ranges: the value of a merged range's first cell holds for every cell
of the range, so a department merged over twelve rows names the department of each.
A CSV cannot say what was merged; see `fill_down`.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dutylist.errors import InputError, os_reason
from dutylist.i18n import _
from dutylist.io.tables import check_workbook_size, csv_rows, decode_csv


@dataclass
class Sheet:
    """Rows of cells (text or None) with their spreadsheet row numbers."""

    rows: list[list[str | None]]
    numbers: list[int]
    name: str | None = None


def read_sheet(path: Path, display: str, sheet: str | None = None) -> Sheet:
    """The first sheet (or `sheet`) of an .xlsx, or a CSV in UTF-8, GBK or GB18030."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            _("cannot read the file: {reason}", reason=os_reason(exc)), file=display
        ) from None
    if suffix == ".csv":
        if sheet is not None:
            raise InputError(_("--sheet applies to an .xlsx workbook, not to a CSV"), file=display)
        numbered = list(csv_rows(decode_csv(data, display)))
        return Sheet([[_cell(v) for v in cells] for _, cells in numbered], [n for n, _ in numbered])
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(data, display, sheet)
    if suffix == ".xls":
        raise InputError(_("an old .xls workbook: save it as .xlsx (or CSV) first"), file=display)
    raise InputError(_("expected a .csv or .xlsx file"), file=display)


def _xlsx(data: bytes, display: str, sheet: str | None) -> Sheet:
    import zipfile

    from openpyxl import load_workbook

    check_workbook_size(data, display)
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(_("not a readable .xlsx workbook"), file=display) from None
    if sheet is not None and sheet not in book.sheetnames:
        names = ", ".join(book.sheetnames)
        raise InputError(
            _("no sheet named '{sheet}' (sheets: {names})", sheet=sheet, names=names), file=display
        )
    ws = book[sheet] if sheet else book.worksheets[0]
    grid = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            row = grid[r]
            for c in range(merged.min_col - 1, merged.max_col):
                if c < len(row):
                    row[c] = value
    book.close()
    return Sheet(grid, list(range(1, len(grid) + 1)), ws.title)


def _cell(value: Any) -> str | None:
    """A cell as text: numbers without a spurious .0, dates as ISO, blanks as None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def fill_down(rows: list[list[str | None]], column: int, start: int, key: int) -> None:
    """Blank cells of a column take the value above, in the rows that name an item (a
    `key` cell): a CSV saved from a sheet with merged cells keeps the value only in
    the first row of each merged range."""
    above: str | None = None
    for row in rows[start:]:
        if column >= len(row) or key >= len(row) or not row[key]:
            continue
        if row[column] is None:
            row[column] = above
        else:
            above = row[column]
