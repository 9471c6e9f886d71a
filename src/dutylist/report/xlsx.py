"""The adjustment statistics workbook (调整统计表): a table an office prints, as bytes.

Cells hold values, never formulas (spec section 8): every text goes through
`write_string`, so catalog text beginning with = + - @ stays text. xlsxwriter is
imported here only, keeping the pre-commit path light.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from dutylist.i18n import (
    FIELD,
    KIND,
    N_,
    Lang,
    change_value,
    class_label,
    label,
    translate,
)
from dutylist.report.excel import FANGSONG, SONG, display_width, print_setup, safe_workbook
from dutylist.stats.tables import Cell, Statistics, Table, collector_paused

SHEETS = {
    "department": ("调整统计表", "Adjustment statistics"),
    "unit": ("按乡镇", "By unit"),
    "changes": ("变更明细", "Changes"),
}
CHANGE_HEAD = {
    "jurisdiction": ("辖区", "Jurisdiction"),
    "kind": ("清单", "Catalog"),
    "unit": ("乡镇(街道)", "Unit"),
    "id": ("事项编码", "ID"),
    "old_ids": ("原编码", "Old ID"),
    "name": ("事项名称", "Name"),
    "department": ("部门", "Department"),
    "classes": ("变更类别", "Classes"),
    "field": ("变更字段", "Field"),
    "old": ("原值", "Old value"),
    "new": ("新值", "New value"),
}
MAX_WIDTH = 60  # beyond this a column wraps instead of growing: long item names
HEAD_ROW = 2  # below the title and the line of jurisdiction, period and date
NUMBER = N_("No.")
ADJUSTMENTS = N_("Adjustments")
REMARKS = N_("Notes")
JURISDICTION = N_("Jurisdiction: ")
PERIOD = N_("Compared: ")
WRITTEN = N_("Written: ")
VERSIONS = N_("Versions compared: ")


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


def workbook_bytes(stats: Statistics, lang: Lang) -> bytes:
    """The workbook: department table with a chart, the per-unit table, the changes."""
    with collector_paused():
        return _workbook(stats, lang)


def _workbook(stats: Statistics, lang: Lang) -> bytes:
    buffer = io.BytesIO()
    book = safe_workbook(buffer)
    styles = _styles(book)
    for table in (stats.departments, stats.units):
        title = _title(stats, lang, table.axis)
        _stats_sheet(book, styles, stats, table=table, title=title, lang=lang)
    _changes_sheet(book, styles, stats, lang)
    book.close()
    return buffer.getvalue()


def _title(stats: Statistics, lang: Lang, axis: str) -> str:
    """The title row alone: what was compared goes to the line below, revisions to a note."""
    if lang == "zh":
        by = "（按乡镇(街道)）" if axis == "unit" else ""
        return f"{stats.jurisdiction}权责事项调整统计表{by}"
    by = " by unit" if axis == "unit" else ""
    return f"{stats.jurisdiction}: adjustment statistics{by}"


def _period(label: str) -> str:
    """A side's label without the commit it was read at (`2024-06-30 (1a2b3c4)`)."""
    return re.sub(r"\s*\((?:[0-9a-f]{7,40}|—)\)$", "", label)


def _info_line(stats: Statistics, lang: Lang) -> str:
    """Jurisdiction, period compared and the date written, under the title."""
    period = f"{_period(stats.old_label)} → {_period(stats.new_label)}"
    today = date.today().isoformat()
    return (
        f"{translate(JURISDICTION, lang)}{stats.jurisdiction}　"
        f"{translate(PERIOD, lang)}{period}　{translate(WRITTEN, lang)}{today}"
    )


def _styles(book: Any) -> dict[str, Any]:
    base = {**SONG, "font_size": 11, "valign": "vcenter"}
    cell = {**base, "border": 1}
    return {
        "title": book.add_format({**base, "bold": True, "font_size": 18, "align": "center"}),
        "info": book.add_format({**FANGSONG, "font_size": 11, "align": "center"}),
        "note": book.add_format({**FANGSONG, "font_size": 10, "text_wrap": True, "valign": "top"}),
        "head": book.add_format(
            {**cell, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#D9E1F2"}
        ),
        "text": book.add_format({**cell, "text_wrap": True}),
        "number": book.add_format({**cell, "align": "center"}),
        "total_text": book.add_format({**cell, "bold": True, "align": "center", "top": 2}),
        "total_number": book.add_format({**cell, "bold": True, "align": "center", "top": 2}),
    }


def _write_row(
    sheet: Any, row: int, cells: list[Cell], text: Any, number: Any, *, start: int = 0
) -> None:
    for col, value in enumerate(cells, start=start):
        if isinstance(value, int):
            sheet.write_number(row, col, value, number)
        else:
            sheet.write_string(row, col, value, text)


def _print_setup(sheet: Any, header_rows: int, first: int = 0) -> None:
    print_setup(sheet, repeat=(first, first + header_rows - 1), landscape=True)


def _rough_width(text: str) -> int:
    # Every cell of a 100k-row sheet needs a height: count a 3-byte UTF-8 character (CJK,
    # full-width forms) as 2 columns, which is display_width for Chinese and ASCII text at
    # a twentieth of its cost.
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


def _lines(value: str, width: int) -> int:
    """Lines a wrapped cell takes in a column of `width` characters."""
    if len(value) * 2 <= width and "\n" not in value:
        return 1
    return sum(max(1, -(-_rough_width(line) // width)) for line in value.split("\n"))


def _widths(sheet: Any, rows: list[list[Cell]], head: list[str], cap: int = MAX_WIDTH) -> list[int]:
    """Column widths from the widest line of each column, CJK counting double."""
    widths = [display_width(h) for h in head]
    for cells in rows:
        for col, value in enumerate(cells):
            lines = value.split("\n") if isinstance(value, str) else [str(value)]
            widths[col] = max(widths[col], *(display_width(line) for line in lines))
    fitted = [min(width, cap) + 2 for width in widths]
    for col, width in enumerate(fitted):
        sheet.set_column(col, col, width)
    return fitted


def _stats_sheet(
    book: Any,
    styles: dict[str, Any],
    stats: Statistics,
    *,
    table: Table,
    title: str,
    lang: Lang,
) -> None:
    """The table as a county office prints it (spec section 10): title, a line with the
    jurisdiction, period and date, two header rows (序号, 部门, 原有数, 调整情况 over the
    class columns, 现有数, 备注), the rows, 合计, then the notes."""
    sheet = book.add_worksheet(_pick(SHEETS[table.axis], lang))
    head = table.header(lang)
    body = table.body(lang)
    lead = 2 if table.several else 1  # name columns: 辖区 and 部门, or 部门
    classes = len(table.classes)
    cols = 1 + len(head) + 1  # 序号, the table's own columns, 备注
    last = cols - 1
    sheet.merge_range(0, 0, 0, last, title, styles["title"])
    sheet.set_row(0, 36)
    sheet.merge_range(1, 0, 1, last, _info_line(stats, lang), styles["info"])
    _header(sheet, styles["head"], head, lead=lead, classes=classes, lang=lang)
    first = HEAD_ROW + 2
    for index, cells in enumerate(body[:-1]):
        row = first + index
        sheet.write_number(row, 0, index + 1, styles["number"])
        _write_row(sheet, row, cells, styles["text"], styles["number"], start=1)
        sheet.write_blank(row, last, None, styles["text"])
    total_row = first + len(body) - 1
    _write_row(sheet, total_row, body[-1], styles["total_text"], styles["total_number"], start=1)
    sheet.merge_range(total_row, 0, total_row, lead, str(body[-1][0]), styles["total_text"])
    sheet.write_blank(total_row, last, None, styles["total_text"])
    note_row = total_row + 2
    notes = [*stats.notes, f"{translate(VERSIONS, lang)}{stats.old_label} → {stats.new_label}"]
    if not table.rows:
        notes.append("（无）" if lang == "zh" else "(nothing to count)")
    for note in notes:
        sheet.merge_range(note_row, 0, note_row, last, note, styles["note"])
        note_row += 1
    sheet.freeze_panes(first, lead + 1)
    widths = _widths(sheet, [["", *cells, ""] for cells in body], ["00", *head, "备注00"])
    sheet.set_column(0, 0, 6)
    sheet.set_column(last, last, max(widths[-1], 12))
    _print_setup(sheet, 2, first=HEAD_ROW)
    if table.rows and table.classes:
        _chart(book, sheet, table, name_col=lead, total_row=total_row, at=note_row + 1)


def _header(sheet: Any, fmt: Any, head: list[str], *, lead: int, classes: int, lang: Lang) -> None:
    """Two header rows: every column but the classes spans both; 调整情况 spans the classes."""
    top, low = HEAD_ROW, HEAD_ROW + 1
    columns = [translate(NUMBER, lang), *head, translate(REMARKS, lang)]
    class_from = 1 + lead + 1  # after 序号, the names and 原有数
    for col, text in enumerate(columns):
        if classes and class_from <= col < class_from + classes:
            sheet.write_string(low, col, text, fmt)
            continue
        sheet.merge_range(top, col, low, col, text, fmt)
    if classes == 1:
        sheet.write_string(top, class_from, translate(ADJUSTMENTS, lang), fmt)
    elif classes:
        end = class_from + classes - 1
        sheet.merge_range(top, class_from, top, end, translate(ADJUSTMENTS, lang), fmt)
    sheet.set_row(top, 22)
    sheet.set_row(low, 22)


def _chart(book: Any, sheet: Any, table: Table, *, name_col: int, total_row: int, at: int) -> None:
    """A stacked bar chart of the class counts by row, below the table (it prints with it);
    its value axis counts items, so in whole numbers."""
    chart = book.add_chart({"type": "bar", "subtype": "stacked"})
    first, last = HEAD_ROW + 2, total_row - 1
    for offset, _name in enumerate(table.classes):
        col = name_col + 2 + offset
        chart.add_series(
            {
                "name": [sheet.name, HEAD_ROW + 1, col],
                "categories": [sheet.name, first, name_col, last, name_col],
                "values": [sheet.name, first, col, last, col],
                "gap": 60,
            }
        )
    most = max((sum(row.counts.get(c, 0) for c in table.classes) for row in table.rows), default=1)
    chart.set_x_axis(
        {"min": 0, "major_unit": max(1, -(-most // 10)), "num_format": "0", "num_font": SONG}
    )
    chart.set_y_axis({"reverse": True, "num_font": SONG})  # categories top-down, as in the table
    chart.set_legend({"position": "bottom", "font": SONG})
    chart.set_title({"none": True})
    height = max(300, 22 * len(table.rows) + 120)
    chart.set_size({"width": 900, "height": height})
    sheet.insert_chart(at, 0, chart)


def _changes_sheet(book: Any, styles: dict[str, Any], stats: Statistics, lang: Lang) -> None:
    """One row per change; its changed fields one per line in 变更字段 / 原值 / 新值, so
    that the sheet keeps ten columns and prints legibly however many fields changed."""
    sheet = book.add_worksheet(_pick(SHEETS["changes"], lang))
    several = stats.departments.several
    keys = ["kind", "unit", "id", "old_ids", "name", "department", "classes", "field", "old", "new"]
    if several:
        keys.insert(0, "jurisdiction")
    head = [_pick(CHANGE_HEAD[k], lang) for k in keys]
    text = styles["text"]
    _write_row(sheet, 0, list[Cell](head), styles["head"], styles["head"])
    rows: list[list[str]] = []
    for change in stats.changes:
        names = list(change.fields)
        cells: list[str] = [change.jurisdiction] if several else []
        cells += [
            label(KIND, change.kind, lang),
            change.unit,
            change.id,
            change.old_ids,
            change.name,
            change.department,
            "、".join(class_label(c, lang) for c in change.classes),
            "\n".join(FIELD.get(n, n) if lang == "zh" else n for n in names),
            "\n".join(change_value(n, change.fields[n][0], lang) for n in names),
            "\n".join(change_value(n, change.fields[n][1], lang) for n in names),
        ]
        rows.append(cells)
    # widths from a sample: a 100k-row sheet needs no exact fit
    widths = _widths(sheet, [list[Cell](r) for r in rows[:500]], head, cap=40)
    limits = [width // 2 for width in widths]  # no text this short (in characters) wraps
    write = sheet.write_string
    for index, cells in enumerate(rows, start=1):
        height = 1
        for col, value in enumerate(cells):
            write(index, col, value, text)
            if len(value) > limits[col] or "\n" in value:
                height = max(height, _lines(value, widths[col]))
        if height > 1:  # spreadsheet programs do not grow wrapped rows by themselves
            sheet.set_row(index, 15 * height)
    sheet.freeze_panes(1, keys.index("name") + 1)
    sheet.autofilter(0, 0, max(len(stats.changes), 1), len(head) - 1)
    _print_setup(sheet, 1)
