"""The adjustment statistics as CSV (`diff --format csv`) and as a Markdown summary
(`report --markdown`, for a CI job's log or $GITHUB_STEP_SUMMARY). Both are built from
the same `stats.Table` records as the workbook."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, TextIO

from dutylist.i18n import Lang, class_label
from dutylist.report.safe import md, on_terminal, safe
from dutylist.stats.tables import Cell, Statistics, Table

if TYPE_CHECKING:
    from dutylist.diff import DiffResult
    from dutylist.stats.monthly import MonthlyReport

BOM = "\ufeff"  # Excel opens a UTF-8 CSV as the local code page unless it starts with a BOM


def table_csv(table: Table, lang: Lang, *, terminal: bool = False) -> str:
    """The table with its header and 合计 row, as CSV text starting with a BOM; for a
    `terminal`, names with their control characters escaped (spec section 10)."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(_safe(cells, terminal) for cells in table.records(lang))
    return buffer.getvalue()


def _safe(cells: list[Cell], terminal: bool) -> list[Cell]:
    # A spreadsheet opening the CSV would evaluate = + - @ as a formula: quote it as text.
    if terminal:
        cells = [safe(c, lines=True) if isinstance(c, str) else c for c in cells]
    return [f"'{c}" if isinstance(c, str) and c[:1] in ("=", "+", "-", "@") else c for c in cells]


def markdown_table(table: Table, lang: Lang) -> str:
    """A GitHub-flavoured Markdown table, numbers right-aligned."""
    head = table.header(lang)
    lead = 2 if table.several else 1
    lines = [
        "| " + " | ".join(md(h) for h in head) + " |",
        "|" + "|".join(":---" if i < lead else "---:" for i in range(len(head))) + "|",
    ]
    body = table.body(lang)
    for cells in body[:-1]:
        lines.append("| " + " | ".join(md(c) for c in cells) + " |")
    lines.append("| " + " | ".join(f"**{md(c)}**" if c != "" else "" for c in body[-1]) + " |")
    return "\n".join(lines) + "\n"


def markdown_summary(stats: Statistics, lang: Lang, *, heading: str | None = None) -> str:
    """The Markdown summary: heading, notes, class totals, then both tables."""
    zh = lang == "zh"
    title = heading or (
        f"{stats.jurisdiction}权责事项调整统计"
        if zh
        else f"Adjustment statistics: {stats.jurisdiction}"
    )
    parts = [f"## {title}\n", f"{stats.old_label} → {stats.new_label}\n"]
    parts += [f"> {note}\n" for note in stats.notes]
    counted = {k: v for k, v in stats.summary.items() if k != "unchanged"}
    if counted:
        sep = "，" if zh else ", "
        parts.append(sep.join(f"{class_label(k, lang)} {v}" for k, v in counted.items()) + "\n")
    else:
        parts.append("无变更。\n" if zh else "No change.\n")
    parts.append("### 按部门\n" if zh else "### By department\n")
    parts.append(markdown_table(stats.departments, lang))
    if stats.units.rows:
        parts.append("### 按乡镇(街道)\n" if zh else "### By unit\n")
        parts.append(markdown_table(stats.units, lang))
    return safe("\n".join(parts), lines=True)  # names and notes come from the catalogs


def monthly_notes(report: MonthlyReport, lang: Lang) -> list[str]:
    """What a reader of the monthly report must know beside the numbers."""
    zh = lang == "zh"
    notes: list[str] = []
    period = report.month or f"{report.old.label} → {report.new.label}"
    if report.commits == 0:
        notes.append(
            f"{period} 没有提交：清单无变化。" if zh else f"No commit in {period}: nothing changed."
        )
    else:
        notes.append(
            f"{period} 共 {report.commits} 次提交。"
            if zh
            else f"{report.commits} commit{'' if report.commits == 1 else 's'} in {period}."
        )
    if report.created:
        names = ("、" if zh else ", ").join(report.created)
        notes.append(
            f"期初尚无 {names}：全部事项计为新增。"
            if zh
            else f"{names} did not exist at the start: every item counts as added."
        )
    if report.dropped:
        names = ("、" if zh else ", ").join(report.dropped)
        verb = "exists" if len(report.dropped) == 1 else "exist"
        notes.append(f"期末已无 {names}。" if zh else f"{names} no longer {verb} at the end.")
    return notes


def monthly_heading(report: MonthlyReport, lang: Lang) -> str:
    name = report.stats.jurisdiction
    if lang == "zh":
        return (
            f"{name}权责事项调整月报 {report.month}" if report.month else f"{name}权责事项调整统计"
        )
    return (
        f"Monthly adjustment report {report.month}: {name}"
        if report.month
        else f"Adjustment statistics: {name}"
    )


def diff_csv(result: DiffResult, out: TextIO, lang: Lang) -> None:
    """`diff --format csv`: the department statistics table (spec section 8)."""
    from dutylist.stats.tables import statistics

    out.write(table_csv(statistics([result]).departments, lang, terminal=on_terminal(out)))


def diff_xlsx(result: DiffResult, lang: Lang) -> bytes:
    """`diff --format xlsx -o FILE`: the statistics workbook."""
    from dutylist.report.xlsx import workbook_bytes
    from dutylist.stats.tables import statistics

    return workbook_bytes(statistics([result]), lang)
