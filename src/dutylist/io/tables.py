"""Tabular input: CSV (UTF-8, with or without BOM, or GBK/GB18030) and .xlsx sheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dutylist.errors import InputError, os_reason
from dutylist.i18n import _

Row = tuple[int, list[Any]]  # (physical line or sheet row, 1-based; cell values)


def decode_csv(data: bytes, display: str) -> str:
    """UTF-8 first (BOM or not), then the Chinese legacy encodings Excel writes."""
    if b"\x00" in data[:8192]:
        raise InputError(_("this is a binary file, not a CSV"), file=display)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(_("cannot tell the text encoding: save it as UTF-8 CSV"), file=display)
    return str(best)


def csv_rows(text: str) -> Iterator[Row]:
    """Rows with the physical line each starts on (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def read_rows(path: Path, display: str, sheet: str | None = None) -> Iterator[Row]:
    """Rows of a CSV or of one sheet of an .xlsx (the first unless `sheet`)."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            _("cannot read the file: {reason}", reason=os_reason(exc)), file=display
        ) from None
    if suffix == ".csv":
        yield from csv_rows(decode_csv(data, display))
        return
    if suffix not in (".xlsx", ".xlsm"):
        raise InputError(_("expected a .csv or .xlsx file"), file=display)
    yield from _xlsx_rows(data, display, sheet)


def _xlsx_rows(data: bytes, display: str, sheet: str | None) -> Iterator[Row]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(_("not a readable .xlsx workbook"), file=display) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = ", ".join(book.sheetnames)
            raise InputError(
                _("no sheet named '{sheet}' (sheets: {names})", sheet=sheet, names=names),
                file=display,
            )
        ws = book[sheet] if sheet else book.worksheets[0]
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, list(values)
    finally:
        book.close()
