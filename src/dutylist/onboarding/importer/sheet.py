"""The cells of a county spreadsheet as rows, with merged cells filled in.

An .xlsx is read with python-calamine (a tenth of openpyxl's time), which reports
merged ranges too; openpyxl's normal (not read-only: that mode knows no merged
ranges) mode is the fallback for a workbook calamine cannot read. The value of a
merged range's first cell holds for every cell of the range, so a department merged
over twelve rows names the department of each. A CSV cannot say what was merged; see
`fill_down`.
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
    check_workbook_size(data, display)
    found = _calamine(data, display, sheet)
    return found if found is not None else _openpyxl(data, display, sheet)


def _no_sheet(sheet: str, names: list[str], display: str) -> InputError:
    return InputError(
        _("no sheet named '{sheet}' (sheets: {names})", sheet=sheet, names=", ".join(names)),
        file=display,
    )


def _calamine(data: bytes, display: str, sheet: str | None) -> Sheet | None:
    """The sheet as calamine reads it; None when calamine cannot (then openpyxl tries)."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # a platform without its wheel
        return None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            raise _no_sheet(sheet, names, display)
        ws = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
        # skip_empty_area=False: row i of the list is row i + 1 of the sheet
        grid = [[_cell(v) for v in row] for row in ws.to_python(skip_empty_area=False)]
        merged = ws.merged_cell_ranges or []
        title = ws.name
    except InputError:
        raise
    except Exception:  # calamine's errors have no common base; openpyxl decides
        return None
    for (r0, c0), (r1, c1) in merged:
        _fill(grid, r0, c0, r1 + 1, c1 + 1)
    while grid and not any(grid[-1]):
        grid.pop()
    return Sheet(grid, list(range(1, len(grid) + 1)), title)


def _fill(grid: list[list[str | None]], r0: int, c0: int, r1: int, c1: int) -> None:
    """Every cell of rows r0..r1-1, columns c0..c1-1 takes the value of the first one."""
    if r0 >= len(grid) or c0 >= len(grid[r0]):
        return
    value = grid[r0][c0]
    for r in range(r0, min(r1, len(grid))):
        row = grid[r]
        for c in range(c0, min(c1, len(row))):
            row[c] = value


def _openpyxl(data: bytes, display: str, sheet: str | None) -> Sheet:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(_("not a readable .xlsx workbook"), file=display) from None
    if sheet is not None and sheet not in book.sheetnames:
        raise _no_sheet(sheet, book.sheetnames, display)
    ws = book[sheet] if sheet else book.worksheets[0]
    grid = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        _fill(grid, merged.min_row - 1, merged.min_col - 1, merged.max_row, merged.max_col)
    book.close()
    return Sheet(grid, list(range(1, len(grid) + 1)), ws.title)


def _cell(value: Any) -> str | None:
    """A cell as text: numbers without a spurious .0, dates as ISO, blanks as None."""
    if type(value) is str:  # most cells: the rest below is for the others
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value.strip() or None
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
