"""`dutylist conform --format xlsx`: the adoption summary, one matrix of guide items x
lists per guide, the variants and the findings, each sheet printable on A4 landscape
with its title on page 1 and its header rows repeated on every page. Values only."""

from __future__ import annotations

import io
from typing import Any

from dutylist.conform.core import ConformResult
from dutylist.i18n import CATEGORY, KIND, SEVERITY, Lang, _, label
from dutylist.report.conform import clean, matrix_rows, rule_label
from dutylist.report.excel import display_width, safe_workbook

_A4 = 9  # xlsxwriter's paper code


class _Book:
    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.book = safe_workbook(self.buffer)
        self.title = self.book.add_format({"bold": True, "font_size": 14})
        self.head = self.book.add_format(
            {"bold": True, "border": 1, "text_wrap": True, "valign": "vcenter", "align": "center"}
        )
        self.cell = self.book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        self.names: set[str] = set()

    def sheet(
        self,
        name: str,
        title: str,
        head: list[str],
        rows: list[list[Any]],
        *,
        fixed: int = 0,
        one_page_wide: bool = True,
    ) -> None:
        sheet = self.book.add_worksheet(self._unique(name))
        sheet.set_landscape()
        sheet.set_paper(_A4)
        sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        sheet.repeat_rows(1)
        if fixed:
            sheet.repeat_columns(0, fixed - 1)
        sheet.fit_to_pages(1 if one_page_wide else 0, 0)
        sheet.set_footer("&C&P / &N")
        if len(head) > 1:
            sheet.merge_range(0, 0, 0, len(head) - 1, title, self.title)
        else:
            sheet.write_string(0, 0, title, self.title)
        sheet.set_row(0, 24)
        widths = [min(display_width(h), 30) for h in head]
        for col, text in enumerate(head):
            sheet.write_string(1, col, text, self.head)
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values):
                if isinstance(value, int):
                    sheet.write_number(r, c, value, self.cell)
                else:
                    sheet.write_string(r, c, clean(value), self.cell)
                widths[c] = max(widths[c], min(display_width(str(value)), 40))
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width + 2)
        sheet.freeze_panes(2, fixed)

    def _unique(self, name: str) -> str:
        # sheet names: at most 31 characters, none of []:*?/\, unique
        base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28] or "sheet"
        candidate, n = base, 2
        while candidate.casefold() in self.names:
            candidate, n = f"{base}{n}", n + 1
        self.names.add(candidate.casefold())
        return candidate

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def workbook(result: ConformResult, lang: Lang) -> bytes:
    out = _Book()
    head = [_("Guide"), _("List"), _("Catalog"), _("Adopted"), _("Not adopted"), _("Beyond")]
    rows: list[list[Any]] = [
        [g.guide.title, x.column, x.catalog, len(x.adopted), len(x.not_adopted), len(x.beyond)]
        for g in result.guides
        for x in g.lists
    ]
    out.sheet(_("Adoption"), _("Adoption of the guides"), head, rows)
    for g in result.guides:
        head = [_("Code"), _("Guide item"), _("Group"), *[x.column for x in g.lists]]
        out.sheet(
            g.guide.title,
            _("{title}: adoption by list", title=g.guide.title),
            head,
            [list(r) for r in matrix_rows(g)],
            fixed=2,
            one_page_wide=len(g.lists) <= 12,
        )
    head = [_("Variant"), _("Kind"), _("Category"), _("Jurisdiction"), _("Code"), _("Name")]
    rows = [
        [
            v.name,
            label(KIND, v.kind, lang),
            label(CATEGORY, v.category, lang),
            m.jurisdiction_name,
            m.id,
            m.name,
        ]
        for v in result.variants
        for m in v.members
    ]
    out.sheet(_("Variants"), _("Variants across jurisdictions"), head, rows)
    head = [_("Severity"), _("Code"), _("Rule"), _("Item"), _("Message"), _("File"), _("Line")]
    rows = [
        [
            label(SEVERITY, f.level.value, lang),
            f.code,
            rule_label(f.name, lang),
            f.item or "",
            f.message,
            *where,
        ]
        for f in result.findings
        for where in [(f.file, f.line)]
    ]
    out.sheet(_("Findings"), _("Findings"), head, rows)
    return out.close()
