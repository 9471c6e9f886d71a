"""Reporters of `dutylist diff`, looked up by name: text (rich), json (spec section 6),
markdown (pull-request comment, CI step summary), csv (one row per change).

Text reporters write to a stream; file reporters (the statistics workbook, `xlsx`)
return bytes and need -o. The formats, their suffixes and `--format` choices are the
rows of `formats.DIFF`.
"""

from __future__ import annotations

import csv
import functools
import io
from typing import TextIO

from dutylist.diff.model import CLASSES, DiffResult
from dutylist.i18n import Lang
from dutylist.report.diff_describe import Describer, changes_by_class, department_table
from dutylist.report.jsonout import dump as json_dump
from dutylist.report.safe import md, on_terminal, safe


def report_json(result: DiffResult, out: TextIO, lang: Lang) -> None:
    # a folder's document holds one per catalog: its changes go one a line too
    json_dump(result.as_record(), out, levels=3)


def _md(text: str) -> str:
    """A table cell: line breaks as <br> (see `md`)."""
    return md(text, breaks="<br>")


def report_markdown(result: DiffResult, out: TextIO, lang: Lang) -> None:
    """GitHub-flavoured Markdown: summary table, department table, changes by class (each
    class folded in <details> when it is long, so a PR comment stays readable)."""
    d = Describer(result, lang)
    w = d.w
    out.write(f"## {w['title']}\n\n")
    for key, side in (("old", result.old), ("new", result.new)):
        version = f" ({side.version})" if side.version else ""
        out.write(f"- {w[key]}: `{safe(side.source)}`{safe(version)}, {d.items(side.items)}\n")
    out.write("\n")
    if not result.changed:
        out.write(f"{w['no_changes']}.\n")
        return
    many = len(result.catalogs) > 1
    header = [w["class"], *([_md(d.catalog(c)) for c in result.catalogs] if many else [])]
    header.append(w["total"] if many else w["count"])
    out.write("| " + " | ".join(header) + " |\n")
    out.write("|" + "---|" + "---:|" * (len(header) - 1) + "\n")
    for cls in CLASSES:
        count = result.summary.get(cls)
        if count:
            cells = [str(c.summary.get(cls) or "") for c in result.catalogs] if many else []
            out.write(f"| {d.cls(cls)} | " + " | ".join([*cells, str(count)]) + " |\n")
    classes, rows = department_table(result)
    if rows:
        out.write(f"\n### {w['by_department']}\n\n")
        out.write("| " + " | ".join([w["department"], *map(d.cls, classes), w["total"]]) + " |\n")
        out.write("|---|" + "---:|" * (len(classes) + 1) + "\n")
        totals = [0] * len(classes)
        for dep, counts in rows:
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            cells = [str(c or "") for c in counts]
            out.write(
                f"| {_md(d.department(dep))} | " + " | ".join([*cells, str(sum(counts))]) + " |\n"
            )
        out.write(f"| **{w['total']}** | " + " | ".join(map(str, [*totals, sum(totals)])) + " |\n")
    for cls, changes in changes_by_class(result.changes).items():
        title = f"{d.cls(cls)} ({len(changes)})"
        fold = len(changes) > 10
        out.write(f"\n<details><summary>{title}</summary>\n\n" if fold else f"\n### {title}\n\n")
        cols = [w["id"], w["name"], w["department"], w["changes"]]
        many_catalogs = len(result.catalogs) > 1
        if many_catalogs:
            cols.insert(0, w["catalog"])
        out.write("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n")
        for change in changes:
            cells = [
                d.ids(change),
                change.name + d.also(change),
                d.department(change.department),
                d.explain(change),
            ]
            if many_catalogs:
                cells.insert(0, d.change_catalog(change))
            out.write("| " + " | ".join(_md(c) for c in cells) + " |\n")
        if fold:
            out.write("\n</details>\n")
    for cat in result.catalogs:
        if cat.posts_added or cat.posts_removed:
            out.write(f"\n### {_md(d.catalog(cat))}\n\n")
            if cat.posts_added:
                out.write(f"- {w['posts_added']}: {_md(d.listed(d.posts(cat, cat.posts_added)))}\n")
            if cat.posts_removed:
                out.write(
                    f"- {w['posts_removed']}: {_md(d.listed(d.posts(cat, cat.posts_removed)))}\n"
                )


SPREADSHEET_TRIGGERS = ("=", "+", "-", "@")


def _cell(text: str) -> str:
    """Catalog text that a spreadsheet would run as a formula is written as text."""
    return "'" + text if text.startswith(SPREADSHEET_TRIGGERS) else text


def report_csv(result: DiffResult, out: TextIO, lang: Lang) -> None:
    """One row per change, UTF-8 with a byte-order mark so that Excel reads the Chinese;
    catalog text as it is, but escaped on a terminal (spec section 10)."""
    shown = functools.partial(safe, lines=True) if on_terminal(out) else str
    d = Describer(result, lang)
    w = d.w
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            w["kind"],
            w["unit"],
            w["class"],
            w["id"],
            w["old_id"],
            w["name"],
            w["department"],
            w["changes"],
        ]
    )
    for change in result.changes:
        writer.writerow(
            _cell(shown(text))
            for text in (
                change.kind if lang == "en" else d.change_catalog(change).split(" · ")[0],
                (d.unit(change.unit) if change.unit else ""),
                "、".join(d.cls(c) for c in change.classes)
                if lang == "zh"
                else ";".join(change.classes),
                change.id or "",
                ";".join(change.old_ids),
                change.name,
                d.department(change.department),
                d.explain(change),
            )
        )
    out.write("\ufeff" + buffer.getvalue())


def render(result: DiffResult, fmt: str, lang: Lang) -> str | bytes:
    """The output of a format (a row of `formats.DIFF`): text, or bytes for a workbook."""
    from dutylist.report.formats import DIFF, lookup

    row = lookup(DIFF, fmt)
    if row.binary:
        return bytes(row.renderer()(result, lang))
    buffer = io.StringIO()
    row.renderer()(result, buffer, lang)
    return buffer.getvalue()
