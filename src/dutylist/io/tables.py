"""Tabular input: CSV (UTF-8, with or without BOM, or GBK/GB18030) and .xlsx sheets."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dutylist.errors import InputError, os_reason
from dutylist.i18n import _
from dutylist.io.regular import read_regular

Row = tuple[int, list[Any]]  # (physical line or sheet row, 1-based; cell values)


def decode_csv(data: bytes, display: str) -> str:
    """UTF-8 first (BOM or not), then the Chinese legacy encodings Excel writes; UTF-16
    when its byte-order mark says so (Excel's "Unicode" exports)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                _("the file starts as UTF-16 but is not: save it as UTF-8 CSV"), file=display
            ) from None
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


def read_chunks(path: Path, display: str, size: int) -> Iterator[tuple[Sequence[int], list[Any]]]:
    """The rows of a CSV or sheet `size` at a time, with the line of each. A CSV without a
    quote cannot hold a cell spanning lines, so its rows are its lines, read in C."""
    if path.suffix.lower() == ".csv":
        try:
            data = read_regular(path)
        except OSError as exc:
            raise InputError(
                _("cannot read the file: {reason}", reason=os_reason(exc)), file=display
            ) from None
        text = decode_csv(data, display)
        if '"' not in text:
            reader = csv.reader(io.StringIO(text, newline=""))
            start = 1
            while chunk := list(itertools.islice(reader, size)):
                yield range(start, start + len(chunk)), chunk
                start += len(chunk)
            return
        rows: Iterator[Row] = csv_rows(text)
    else:
        rows = read_rows(path, display)
    while batch := list(itertools.islice(rows, size)):
        yield [line for line, _cells in batch], [cells for _line, cells in batch]


def read_rows(path: Path, display: str, sheet: str | None = None) -> Iterator[Row]:
    """Rows of a CSV or of one sheet of an .xlsx (the first unless `sheet`)."""
    suffix = path.suffix.lower()
    try:
        data = read_regular(path)
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


# What a workbook may expand to. A county's largest list (100k rows) unpacks to about
# 100 MB of XML at a ratio near 10; a crafted file packs a gigabyte of shared strings
# into 2.5 MB (ratio 400). zipfile never returns more than a member's declared size, so
# checking the declared sizes before any reading bounds the memory.
MAX_UNPACKED = 512 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 16 * 1024 * 1024  # small members (styles, an empty sheet) compress far better


def check_workbook_size(data: bytes, display: str) -> None:
    """Refuse a workbook that would decompress beyond what any real list needs."""
    import zipfile

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(
            _("not a readable .xlsx workbook ({reason})", reason=str(exc)), file=display
        ) from None
    total = 0
    for member in members:
        total += member.file_size
        packed = max(member.compress_size, 1)
        ratio = member.file_size / packed
        if total > MAX_UNPACKED or (member.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise InputError(
                _(
                    "this workbook would unpack to more than {size} MB ({member} is "
                    "compressed {ratio}:1): refusing it; save the sheet again from Excel "
                    "or as CSV",
                    size=max(total, member.file_size) // (1024 * 1024),
                    member=member.filename,
                    ratio=round(ratio),
                ),
                file=display,
            )


def _xlsx_rows(data: bytes, display: str, sheet: str | None) -> Iterator[Row]:
    import zipfile

    from openpyxl import load_workbook

    check_workbook_size(data, display)
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
