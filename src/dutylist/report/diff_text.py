"""`dutylist diff` in the terminal: summary tables by class and by department, then the
changes grouped by class, like a county's adjustment notice (调整通知).

The text is built as lines at the output's width (spec section 10) and written once:
tables leave out columns with nothing in them, name departments without the
jurisdiction's prefix, wrap names rather than cut them, and become lists when even
wrapped they would not fit."""

from __future__ import annotations

from typing import TextIO

from dutylist.diff.model import CLASSES, Change, DiffResult, Side
from dutylist.i18n import Lang
from dutylist.report.diff_describe import Describer, changes_by_class, department_table
from dutylist.report.layout import (
    PIPE_WIDTH,
    Column,
    Painter,
    cell_len,
    columns,
    table,
    text_width,
    wrap,
    write_text,
)

__all__ = ["PIPE_WIDTH", "report_text"]

STYLES = {
    "added": "green",
    "revoked": "red",
    "removed": "red",
    "differentiated": "yellow",
    "unified": "cyan",
    "rescoped": "yellow",
    "merged": "magenta",
    "split": "magenta",
    "transferred": "blue",
}
ID_WIDTH = 24  # a merge `A + B → C` beyond this wraps in its column
DEPARTMENT_WIDTH = 16  # a longer department name wraps in its column
NAME_WIDTH = 24  # the narrowest the name column may get before the department moves below


def _side(side: Side, d: Describer) -> str:
    version = f"{side.version}, " if side.version else ""
    return f"{side.source} ({version}{d.items(side.items)})"


def report_text(result: DiffResult, out: TextIO, lang: Lang) -> None:
    """Summary tables, then every change under its class, written in one piece."""
    write_text(out, text_lines(result, lang, text_width(out), Painter(out)))


def text_lines(result: DiffResult, lang: Lang, width: int, paint: Painter) -> list[str]:
    d = Describer(result, lang)
    lines = [paint(d.w["title"], "bold")]
    lines += wrap(f"{d.w['old']}: {_side(result.old, d)}", width, "    ")
    lines += wrap(f"{d.w['new']}: {_side(result.new, d)}", width, "    ")
    if not result.changed:
        lines += ["", paint(d.w["no_changes"], "green")]
        if result.summary.get("unchanged"):
            lines.append(f"{d.cls('unchanged')}: {result.summary['unchanged']}")
        return lines
    lines += ["", *_class_table(result, d, width)]
    classes, rows = department_table(result)
    if rows:
        lines += ["", *_department_table(classes, rows, d, width)]
    for cls, changes in changes_by_class(result.changes).items():
        lines += ["", paint(f"■ {d.cls(cls)}", STYLES.get(cls, "bold")) + f" ({len(changes)})"]
        lines += _changes(result, changes, d, width, paint)
    lines += _posts(result, d, width, paint)
    return lines


def _class_table(result: DiffResult, d: Describer, width: int) -> list[str]:
    """Counts by class; with several catalogs a column per catalog that changed."""
    summary = result.summary
    shown = [c for c in CLASSES if summary.get(c)]
    many = len(result.catalogs) > 1
    cats = (
        [cat for cat in result.catalogs if any(cat.summary.get(c) for c in shown)] if many else []
    )
    cols = [Column(d.w["class"], min_width=6)]
    cols += [Column(d.catalog(cat), numeric=True, min_width=6) for cat in cats]
    cols.append(Column(d.w["total"] if many else d.w["count"], numeric=True, min_width=0))
    rows = [
        [d.cls(c), *(str(cat.summary.get(c, 0) or "") for cat in cats), str(summary[c])]
        for c in shown
    ]
    drawn = table(cols, rows, width)
    if drawn is not None:
        return [d.w["by_class"], *drawn]
    # too many catalogs for columns: one line per class, catalogs counted after it
    lines = [d.w["by_class"]]
    for c, row in zip(shown, rows, strict=True):
        parts = [
            f"{cat_col.header} {n}" for cat_col, n in zip(cols[1:-1], row[1:-1], strict=True) if n
        ]
        lines += wrap(f"{d.cls(c)}: {summary[c]}{_bracket(parts, d.lang)}", width, "    ", "  ")
    return lines


def _bracket(parts: list[str], lang: Lang) -> str:
    if not parts:
        return ""
    return f"（{'，'.join(parts)}）" if lang == "zh" else f" ({', '.join(parts)})"


def _whole_words(header: str) -> int:
    """The width a header needs not to break a word: its longest run of letters without
    a wide character (Chinese breaks between any two characters), at least 4."""
    words = [w for w in header.split() if cell_len(w) == len(w)]
    return max([4, *map(len, words)])


def _department_table(
    classes: list[str], rows: list[tuple[str, list[int]]], d: Describer, width: int
) -> list[str]:
    totals = [0] * len(classes)
    body = []
    for dep, counts in rows:
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        body.append([d.short_department(dep), *(str(c or "") for c in counts), str(sum(counts))])
    body.append([d.w["total"], *map(str, totals), str(sum(totals))])
    cols = [
        Column(d.w["department"], min_width=8),
        # class headers wrap two characters a line (统一/赋权) before the table gives way;
        # an English one keeps its words whole ("Adde/d" is no header): else the list below
        *(Column(d.cls(c), numeric=True, min_width=_whole_words(d.cls(c))) for c in classes),
        Column(d.w["total"], numeric=True, min_width=0),
    ]
    drawn = table(cols, body, width, total_from=len(body) - 1)
    if drawn is not None:
        return [d.w["by_department"], *drawn]
    lines = [d.w["by_department"]]
    for cells in body:
        parts = [f"{col.header} {n}" for col, n in zip(cols[1:-1], cells[1:-1], strict=True) if n]
        lines += wrap(f"{cells[0]}: {cells[-1]}{_bracket(parts, d.lang)}", width, "    ", "  ")
    return lines


def _changes(
    result: DiffResult, changes: list[Change], d: Describer, width: int, paint: Painter
) -> list[str]:
    """Id, name and department side by side, each wrapped in its column, the changed
    fields below the name; where the department does not fit beside a readable name
    column, it goes on the name's line."""
    several = len(result.catalogs) > 1
    rows = []
    for change in changes:
        where = f" · {d.change_catalog(change)}" if several else ""
        rows.append(
            (
                d.ids(change),
                change.name + d.also(change) + where,
                d.short_department(change.department),
                change,
            )
        )
    id_w = min(max(cell_len(r[0]) for r in rows), ID_WIDTH)
    dep_w = min(max(cell_len(r[2]) for r in rows), DEPARTMENT_WIDTH)
    name_w = width - 2 - id_w - 2 - dep_w - 2
    beside = name_w >= NAME_WIDTH
    if not beside:
        name_w = width - 2 - id_w - 2
    lines = []
    for ids, name, dep, change in rows:
        if beside:
            lines += columns([ids, name, dep], [id_w, name_w, dep_w], indent="  ")
        else:
            lines += columns(
                [ids, f"{name}  ·  {dep}" if dep else name], [id_w, name_w], indent="  "
            )
        lead = " " * (2 + id_w + 2)
        for field in d.field_lines(change):
            lines += [paint(line, "dim") for line in wrap(field, width, lead + "  ", lead)]
    return lines


def _posts(result: DiffResult, d: Describer, width: int, paint: Painter) -> list[str]:
    lines: list[str] = []
    for cat in result.catalogs:
        if not (cat.posts_added or cat.posts_removed):
            continue
        lines += ["", paint(d.catalog(cat), "bold")]
        for key, ids in (("posts_added", cat.posts_added), ("posts_removed", cat.posts_removed)):
            if ids:
                lines += wrap(f"{d.w[key]}: {d.listed(d.posts(cat, ids))}", width, "    ", "  ")
    return lines
