"""`dutylist diff` in the terminal: summary tables by class and by department, then the
changes grouped by class, like a county's adjustment notice (调整通知)."""

from __future__ import annotations

import io
from typing import TextIO

from rich.console import Console
from rich.table import Table

from dutylist.diff.model import CLASSES, DiffResult, Side
from dutylist.i18n import Lang
from dutylist.report.console import make_console
from dutylist.report.diff_describe import Describer, changes_by_class, department_table
from dutylist.report.safe import escape

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


PIPE_WIDTH = 120
"""Width of the text written to a pipe or a file."""


def _side(side: Side, d: Describer) -> str:
    version = f"{side.version}, " if side.version else ""
    return f"{escape(side.source)} ({escape(version)}{d.items(side.items)})"


def report_text(result: DiffResult, out: TextIO, lang: Lang) -> None:
    """Summary tables, then every change under its class; in a pipe or a file, without
    colour and without the padding spaces that tables leave at line ends."""
    if hasattr(out, "isatty") and out.isatty():
        _render(result, out, lang)
        return
    buffer = io.StringIO()
    _render(result, buffer, lang)
    out.write("\n".join(line.rstrip() for line in buffer.getvalue().split("\n")))


def _render(result: DiffResult, out: TextIO, lang: Lang) -> None:
    console = make_console(out)
    if not console.is_terminal:
        # a pipe or a file is read in a pager or an editor: lines of a fixed width, long
        # names and field values wrapped under their column, not 500-character lines
        console.soft_wrap = False
        console.width = PIPE_WIDTH
    d = Describer(result, lang)
    console.print(f"[bold]{d.w['title']}[/]")
    console.print(f"{d.w['old']}: {_side(result.old, d)}")
    console.print(f"{d.w['new']}: {_side(result.new, d)}")
    if not result.changed:
        console.print(f"\n[green]{d.w['no_changes']}[/]")
        if result.summary.get("unchanged"):
            console.print(f"{d.cls('unchanged')}: {result.summary['unchanged']}")
        return
    console.print()
    console.print(_class_table(result, d))
    classes, rows = department_table(result)
    if rows:
        console.print()
        console.print(_department_table(classes, rows, d))
    for cls, changes in changes_by_class(result.changes).items():
        style = STYLES.get(cls, "bold")
        console.print()
        console.print(f"[{style}]■ {escape(d.cls(cls))}[/] ({len(changes)})")
        # Chinese names have no spaces to break at: fold them rather than cut them with "…"
        grid = Table.grid(padding=(0, 2))
        grid.add_column(overflow="fold")
        grid.add_column(overflow="fold", ratio=3)
        grid.add_column(overflow="fold", ratio=1)
        for change in changes:
            where = (
                f" [dim]· {escape(d.change_catalog(change))}[/]" if len(result.catalogs) > 1 else ""
            )
            grid.add_row(
                escape(d.ids(change)),
                escape(change.name) + escape(d.also(change)) + where,
                escape(d.department(change.department)),
            )
            for line in d.field_lines(change):
                grid.add_row("", f"[dim]{escape(line)}[/]", "")
        console.print(grid)
    _posts(result, d, console)


def _class_table(result: DiffResult, d: Describer) -> Table:
    table = Table(title=d.w["by_class"], title_justify="left", show_edge=True)
    table.add_column(d.w["class"])
    many = len(result.catalogs) > 1
    if many:
        for cat in result.catalogs:
            table.add_column(escape(d.catalog(cat)), justify="right")
    table.add_column(d.w["total"] if many else d.w["count"], justify="right")
    summary = result.summary
    for cls in CLASSES:
        if not summary.get(cls):
            continue
        cells = [str(cat.summary.get(cls, 0) or "") for cat in result.catalogs] if many else []
        table.add_row(d.cls(cls), *cells, str(summary[cls]))
    return table


def _department_table(classes: list[str], rows: list[tuple[str, list[int]]], d: Describer) -> Table:
    table = Table(title=d.w["by_department"], title_justify="left")
    table.add_column(d.w["department"])
    for cls in classes:
        table.add_column(d.cls(cls), justify="right")
    table.add_column(d.w["total"], justify="right")
    totals = [0] * len(classes)
    for dep, counts in rows:
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        table.add_row(escape(d.department(dep)), *[str(c or "") for c in counts], str(sum(counts)))
    table.add_section()
    table.add_row(d.w["total"], *[str(c) for c in totals], str(sum(totals)))
    return table


def _posts(result: DiffResult, d: Describer, console: Console) -> None:
    for cat in result.catalogs:
        if not (cat.posts_added or cat.posts_removed):
            continue
        console.print()
        console.print(f"[bold]{escape(d.catalog(cat))}[/]")
        if cat.posts_added:
            console.print(
                f"  {d.w['posts_added']}: {escape(', '.join(d.posts(cat, cat.posts_added)))}"
            )
        if cat.posts_removed:
            console.print(
                f"  {d.w['posts_removed']}: {escape(', '.join(d.posts(cat, cat.posts_removed)))}"
            )
