"""The adjustment statistics workbook (调整统计表): a table an office prints, as bytes.

Cells hold values, never formulas (spec section 8): every text goes through
`write_string`, so catalog text beginning with = + - @ stays text. xlsxwriter is
imported here only, keeping the pre-commit path light.
"""

from __future__ import annotations

import io
from typing import Any

from dutylist.i18n import (
    ENUM_LABELS,
    FIELD,
    KIND,
    Lang,
    class_label,
    label,
)
from dutylist.report.excel import display_width, safe_workbook
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
    versions = f"{stats.old_label} → {stats.new_label}"
    if lang == "zh":
        by = "（按乡镇(街道)）" if axis == "unit" else ""
        return f"{stats.jurisdiction}权责事项调整统计表{by}　{versions}"
    by = " by unit" if axis == "unit" else ""
    return f"{stats.jurisdiction}: adjustment statistics{by}, {versions}"


def _styles(book: Any) -> dict[str, Any]:
    base = {"font_name": "SimSun", "font_size": 11, "valign": "vcenter"}
    cell = {**base, "border": 1}
    return {
        "title": book.add_format({**base, "bold": True, "font_size": 16, "align": "center"}),
        "note": book.add_format({**base, "italic": True}),
        "head": book.add_format(
            {**cell, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#D9E1F2"}
        ),
        "text": book.add_format({**cell, "text_wrap": True}),
        "number": book.add_format({**cell, "align": "center"}),
        "total_text": book.add_format({**cell, "bold": True, "align": "center", "top": 2}),
        "total_number": book.add_format({**cell, "bold": True, "align": "center", "top": 2}),
    }


def _write_row(sheet: Any, row: int, cells: list[Cell], text: Any, number: Any) -> None:
    for col, value in enumerate(cells):
        if isinstance(value, int):
            sheet.write_number(row, col, value, number)
        else:
            sheet.write_string(row, col, value, text)


def _print_setup(sheet: Any, header_rows: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(0, header_rows - 1)
    sheet.fit_to_pages(1, 0)  # one page wide, as many tall as it takes
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer("&C&P / &N")


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
    sheet = book.add_worksheet(_pick(SHEETS[table.axis], lang))
    head = table.header(lang)
    body = table.body(lang)
    last = len(head) - 1
    sheet.merge_range(0, 0, 0, last, title, styles["title"])
    sheet.set_row(0, 30)
    _write_row(sheet, 1, list[Cell](head), styles["head"], styles["head"])
    for index, cells in enumerate(body[:-1], start=2):
        _write_row(sheet, index, cells, styles["text"], styles["number"])
    total_row = len(body) + 1  # title, header, data rows
    _write_row(sheet, total_row, body[-1], styles["total_text"], styles["total_number"])
    name_col = 1 if table.several else 0
    if table.several:
        # the 合计 label spans the jurisdiction and name columns
        sheet.merge_range(total_row, 0, total_row, 1, str(body[-1][0]), styles["total_text"])
    note_row = total_row + 2
    for note in stats.notes:
        sheet.write_string(note_row, 0, note, styles["note"])
        note_row += 1
    if not table.rows:
        empty = "（无）" if lang == "zh" else "(nothing to count)"
        sheet.write_string(note_row, 0, empty, styles["note"])
        note_row += 1
    sheet.freeze_panes(2, name_col + 1)
    _widths(sheet, body, head)
    _print_setup(sheet, 2)
    if table.rows and table.classes:
        _chart(book, sheet, table, name_col=name_col, total_row=total_row, at=note_row + 1)


def _chart(book: Any, sheet: Any, table: Table, *, name_col: int, total_row: int, at: int) -> None:
    """A stacked bar chart of the class counts by row, below the table (it prints with it)."""
    chart = book.add_chart({"type": "bar", "subtype": "stacked"})
    first, last = 2, total_row - 1
    for offset, _name in enumerate(table.classes):
        col = name_col + 2 + offset
        chart.add_series(
            {
                "name": [sheet.name, 1, col],
                "categories": [sheet.name, first, name_col, last, name_col],
                "values": [sheet.name, first, col, last, col],
                "gap": 60,
            }
        )
    chart.set_y_axis({"reverse": True})  # categories top-down, as in the table
    chart.set_legend({"position": "bottom"})
    chart.set_title({"none": True})
    height = max(300, 22 * len(table.rows) + 120)
    chart.set_size({"width": 900, "height": height})
    sheet.insert_chart(at, 0, chart)


def _change_value(field_name: str, value: str, lang: Lang) -> str:
    if field_name == "scope" and value == "all":
        return "全部乡镇(街道)" if lang == "zh" else "all units"
    table = ENUM_LABELS.get(field_name)
    return label(table, value, lang) if table is not None else value


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
            "\n".join(_change_value(n, change.fields[n][0], lang) for n in names),
            "\n".join(_change_value(n, change.fields[n][1], lang) for n in names),
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
