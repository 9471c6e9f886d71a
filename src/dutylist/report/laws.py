"""Renderers of `dutylist laws`: text (rich), json (spec section 12), markdown, xlsx."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from typing import Any

from dutylist.i18n import KIND, N_, Lang, _, counted, label
from dutylist.laws.index import Citing, LawsReport, LawUse, UnknownTitle
from dutylist.report.excel import display_width, safe_workbook
from dutylist.report.safe import md, safe

LEVEL = {
    "law": "法律",
    "administrative-regulation": "行政法规",
    "local-regulation": "地方性法规",
    "rule": "规章",
    "normative": "规范性文件",
}
LAW_STATUS = {"in-force": "现行有效", "repealed": "已废止", "not-yet": "尚未施行"}

IMPACT = {
    "repealed": N_("《{title}》 is repealed: {items_en} in {lists_en} cite it"),
    "not-yet": N_("《{title}》 is not yet in force: {items_en} in {lists_en} cite it"),
    "in-force": N_("《{title}》 is in force: {items_en} in {lists_en} cite it"),
}
HEAD = (
    N_("catalog"),
    N_("jurisdiction code"),
    N_("item id"),
    N_("item name"),
    N_("department"),
    N_("articles cited"),
)


def clean(text: str) -> str:
    """Catalog text with control characters shown as escapes (spec section 10)."""
    return safe(text)  # the one sanitiser of every reporter (bidi controls too)


def impact(use: LawUse) -> str:
    return _(
        IMPACT[use.law.status],
        title=clean(use.law.title),
        items=len(use.items),
        lists=use.lists,
        items_en=counted(len(use.items), "item"),  # the Chinese sentence counts with 个
        lists_en=counted(use.lists, "list"),
    )


def describe(use: LawUse, lang: Lang) -> str:
    """`法律 · 现行有效 · 2017-11-04修订`, and the replacing law of a repealed one."""
    parts = [label(LEVEL, use.law.level, lang), label(LAW_STATUS, use.law.status, lang)]
    if use.law.revised is not None:
        parts.append(_("revised {date}", date=use.law.revised.isoformat()))
    if use.law.repealed_on is not None:
        parts.append(_("repealed {date}", date=use.law.repealed_on.isoformat()))
    if use.replaced_by is not None:
        parts.append(_("replaced by 《{title}》", title=clean(use.replaced_by.title)))
    return " · ".join(parts)


def unknown_line(entry: UnknownTitle) -> str:
    items = len(entry.items)
    line = _(
        "《{title}》: cited by {items_en}",
        title=clean(entry.title),
        items=items,
        items_en=counted(items, "item"),
    )
    if entry.did_you_mean:
        line += " — " + _("did you mean 《{title}》?", title=clean(entry.did_you_mean))
    return line


def row(c: Citing, lang: Lang) -> list[str]:
    kind = label(KIND, c.kind, lang)
    if c.unit:
        kind = f"{kind} · {clean(c.unit_name or c.unit)}"
    return [
        kind,
        c.jurisdiction,
        clean(c.id),
        clean(c.name),
        clean(c.department_name or c.department),
        "、".join(c.articles) if lang == "zh" else ", ".join(c.articles),
    ]


def heading(report: LawsReport) -> str:
    return _(
        "Legal bases of {source}: {laws} laws in laws.yaml, {unknown} titles not in it",
        source=clean(report.source),
        laws=len(report.laws),
        unknown=len(report.unknown),
    )


def report_text(report: LawsReport, lang: Lang) -> str:
    from rich.markup import escape
    from rich.table import Table

    from dutylist.report.console import make_console

    buffer = io.StringIO()
    console = make_console(buffer)
    # a pipe or a file gets 120 columns (spec section 10), COLUMNS wins everywhere
    console.width = int(os.environ.get("COLUMNS", "0") or 0) or (
        console.width if console.is_terminal else 120
    )
    if report.law_filter is None:
        console.print(f"[bold]{escape(heading(report))}[/]", soft_wrap=False)
    for n, use in enumerate(report.laws):
        if n or report.law_filter is None:
            console.print()
        console.print(f"[bold]{escape(impact(use))}[/]", soft_wrap=False)
        console.print(f"  {escape(describe(use, lang))}", soft_wrap=False)
        if use.items:
            console.print(_table(Table, [row(c, lang) for c in use.items]))
    if report.unknown:
        if report.laws or report.law_filter is None:
            console.print()
        console.print(f"[bold]{escape(_('Titles cited that laws.yaml lacks'))}[/]")
        for entry in report.unknown:
            console.print(f"  {escape(unknown_line(entry))}", soft_wrap=False)
            if report.law_filter is not None:
                console.print(_table(Table, [row(c, lang) for c in entry.items]))
    return buffer.getvalue()


def _table(table_class: Callable[..., Any], rows: list[list[str]]) -> Any:
    """The items of a law; a column empty in every row (one jurisdiction's code) left out."""
    table = table_class(box=None, pad_edge=False, show_edge=False)
    keep = [c for c in range(len(HEAD)) if c != 1 or len({r[1] for r in rows}) > 1]
    for c in keep:
        table.add_column(_(HEAD[c]), overflow="fold")
    for values in rows:
        table.add_row(*(values[c].replace("[", "\\[") for c in keep))
    return table


def report_json(report: LawsReport, lang: Lang) -> str:
    return json.dumps(report.as_record(), ensure_ascii=False, indent=2) + "\n"


def report_markdown(report: LawsReport, lang: Lang) -> str:
    lines = [f"## {md(heading(report))}", ""]
    header = "| " + " | ".join(_(h) for h in HEAD) + " |"
    rule = "|" + "---|" * len(HEAD)
    for use in report.laws:
        lines += [f"### {md(impact(use))}", "", md(describe(use, lang)), ""]
        if use.items:
            lines += [header, rule]
            lines += ["| " + " | ".join(md(v) for v in row(c, lang)) + " |" for c in use.items]
            lines.append("")
    if report.unknown:
        lines += [f"### {md(_('Titles cited that laws.yaml lacks'))}", ""]
        lines += [f"- {md(unknown_line(entry))}" for entry in report.unknown]
        lines.append("")
    return "\n".join(lines)


def report_xlsx(report: LawsReport, lang: Lang) -> bytes:
    """One sheet per part (the laws, the titles laws.yaml lacks), each printable on A4:
    the title on page 1, the header row repeated on every page, one page wide."""
    buffer = io.BytesIO()
    book = safe_workbook(buffer)
    title_format = book.add_format({"bold": True, "font_size": 14})
    bold = book.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "vcenter"})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    law_head = [_("law title"), _("law level"), _("law status"), *(_(h) for h in HEAD)]
    law_rows = []
    for use in report.laws:
        info = [clean(use.law.title), label(LEVEL, use.law.level, lang)]
        info.append(label(LAW_STATUS, use.law.status, lang))
        law_rows += [info + row(c, lang) for c in use.items] or [info + [""] * len(HEAD)]
    sheets = [(_("Laws cited"), heading(report), law_head, law_rows)]
    if report.unknown:
        head = [_("title cited"), _("did you mean"), *(_(h) for h in HEAD)]
        rows = [
            [clean(u.title), clean(u.did_you_mean or ""), *row(c, lang)]
            for u in report.unknown
            for c in u.items
        ]
        sheets.append(
            (_("Titles not in laws.yaml"), _("Titles cited that laws.yaml lacks"), head, rows)
        )
    for name, title, head, rows in sheets:
        sheet = book.add_worksheet(name[:31])
        widths = [min(max(display_width(h), 6), 40) for h in head]
        for values in rows:
            for c, value in enumerate(values):
                widths[c] = max(widths[c], min(display_width(value), 40))
        sheet.merge_range(0, 0, 0, len(head), title, title_format)
        for c, text in enumerate(["#", *head]):
            sheet.write_string(1, c, text, bold)
        for r, values in enumerate(rows, start=2):
            sheet.write_number(r, 0, r - 1, wrap)
            for c, value in enumerate(values, start=1):
                sheet.write_string(r, c, value, wrap)
        sheet.set_column(0, 0, 5)
        for c, width in enumerate(widths, start=1):
            sheet.set_column(c, c, width + 2)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.repeat_rows(1, 1)
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        sheet.set_footer("&C&P / &N")
        sheet.freeze_panes(2, 0)
    book.close()
    return buffer.getvalue()


TEXT_REPORTERS: dict[str, Callable[[LawsReport, Lang], str]] = {
    "text": report_text,
    "json": report_json,
    "markdown": report_markdown,
}
