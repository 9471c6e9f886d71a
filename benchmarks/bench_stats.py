"""The statistics workbook (调整统计表) against writing the same rows with xlsxwriter alone,
in the same run: what the tables, formats, widths, row heights and the chart cost on top
of the cells themselves. Target: within 1.3x of the bare rows."""

from __future__ import annotations

import io
from functools import partial
from typing import Any

from dutylist.diff import DiffResult, diff_paths
from dutylist.report.xlsx import workbook_bytes
from dutylist.stats.tables import Statistics, collector_paused, statistics
from generate import cached_pair
from timing import best_of, ms, repeats, table


def _rows(stats: Statistics) -> list[list[list[Any]]]:
    """The cells of the three sheets, as the workbook shows them (zh)."""
    changes = [
        [
            c.kind,
            c.unit,
            c.id,
            c.old_ids,
            c.name,
            c.department,
            "、".join(c.classes),
            "\n".join(c.fields),
            "\n".join(v[0] for v in c.fields.values()),
            "\n".join(v[1] for v in c.fields.values()),
        ]
        for c in stats.changes
    ]
    return [stats.departments.records("zh"), stats.units.records("zh"), [["h"] * 10, *changes]]


def bare_xlsxwriter(sheets: list[list[list[Any]]]) -> bytes:
    """The baseline: the same cells, no formats, no chart, nothing computed; with the
    collector paused like the workbook writer, else the diff held in memory makes the
    baseline the slow one (full collections walking 200k item models)."""
    with collector_paused():
        return _bare(sheets)


def _bare(sheets: list[list[list[Any]]]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    for rows in sheets:
        sheet = book.add_worksheet()
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                if isinstance(value, int):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def dutylist_workbook(diff: DiffResult) -> bytes:
    """What `diff --format xlsx` does after the diff: the statistics, then the workbook."""
    return workbook_bytes(statistics([diff]), "zh")


def main(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        old, new, _counts = cached_pair(size)
        diff = diff_paths(str(old), str(new))
        stats = statistics([diff])
        cells = _rows(stats)
        n = max(3, repeats(size))  # best of 3 at least: a single run is too noisy here
        t_stats = best_of(partial(statistics, [diff]), n)
        t_book = best_of(partial(workbook_bytes, stats, "zh"), n)
        t_ours = best_of(partial(dutylist_workbook, diff), n)
        t_bare = best_of(partial(bare_xlsxwriter, cells), n)
        rows.append(
            [
                f"{size:,} items",
                f"{len(stats.changes):,}",
                ms(t_stats),
                ms(t_book),
                ms(t_ours),
                ms(t_bare),
                f"{t_book / t_bare:.2f}x",
                f"{t_ours / t_bare:.2f}x",
            ]
        )
    print(
        table(
            [
                "diff",
                "changes",
                "statistics",
                "workbook",
                "stats+workbook",
                "bare xlsxwriter",
                "workbook/bare",
                "(stats+wb)/bare",
            ],
            rows,
        )
    )
