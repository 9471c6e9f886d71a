"""Audit findings as an .xlsx workbook (bytes): one row per finding, values never formulas."""

from __future__ import annotations

import io
import math
from typing import Any

from dutylist.audit.core import AuditResult
from dutylist.audit.rules.base import AuditFinding
from dutylist.i18n import Lang
from dutylist.report.excel import SONG, display_width, print_setup, safe_workbook

_HEAD_ZH = (
    "级别",
    "编码",
    "规则",
    "事项编码",
    "事项名称",
    "部门",
    "建议",
    "涉及单位",
    "保留单位",
    "本单位评估",
    "说明",
    "文件",
    "行",
    "指纹",
    "已接受",
)
CAPS = {4: 24, 7: 20, 8: 20, 9: 24, 10: 40, 11: 20, 13: 10}
"""Widest a column grows (characters) before its text wraps: name, units, evidence, message."""
LINE = 13.0
"""Points a wrapped line of 10-point text takes (LibreOffice and Excel print 11-12)."""
PER_WIDTH = 1.1
"""Display columns (a CJK character counts two) a line holds per unit of column width: a
unit is a digit of the default 11-point font, wider than half a 10-point CJK character
(1.36 in LibreOffice's print, less where a line breaks early: at a space, or before a comma
`，` that may not begin a line)."""


def _lines(text: str, width: float) -> int:
    """Lines a cell's text takes wrapped in a column of `width` units."""
    per_line = max(width * PER_WIDTH, 1.0)
    return sum(max(1, math.ceil(display_width(part) / per_line)) for part in text.split("\n"))


_HEAD_EN = (
    "severity",
    "code",
    "rule",
    "item",
    "name",
    "department",
    "suggestion",
    "units",
    "keep",
    "this unit",
    "message",
    "file",
    "line",
    "fingerprint",
    "accepted",
)


def rows(
    result: AuditResult, findings: list[AuditFinding], lang: Lang, unit: str | None
) -> list[list[Any]]:
    from dutylist.i18n import SUGGESTION
    from dutylist.report.audit_labels import (
        affected_units,
        rule_label,
        severity_label,
        unit_evidence,
        units_text,
    )

    zh = lang == "zh"
    out: list[list[Any]] = []
    for f in findings:
        dept = result.departments.get(f.department or "", f.department or "")
        out.append(
            [
                severity_label(f.severity.value, lang),
                f.code,
                rule_label(f.rule, lang),
                f.item or "",
                f.name or str(f.extra.get("post_name", "")),
                dept,
                SUGGESTION[f.suggestion] if zh else f.suggestion,
                units_text(result, affected_units(result, f), lang),
                units_text(result, f.keep, lang),
                unit_evidence(f, unit, lang) if unit else "",
                f.text(lang),
                f.file,
                f.line,
                f.fingerprint,
                ("是" if zh else "yes") if f.accepted else "",
            ]
        )
    return out


def workbook(
    result: AuditResult,
    findings: list[AuditFinding],
    lang: Lang,
    title: str,
    unit: str | None = None,
) -> bytes:
    """The findings as one sheet; every catalog text is written as a string, so a name
    starting with = + - @ stays text and never becomes a formula."""
    buffer = io.BytesIO()
    book = safe_workbook(buffer)
    sheet = book.add_worksheet("问题清单" if lang == "zh" else "findings")
    base = {**SONG, "font_size": 10, "valign": "top", "border": 1}
    title_fmt = book.add_format({**SONG, "bold": True, "font_size": 16, "align": "center"})
    head_fmt = book.add_format({**base, "bold": True, "align": "center", "text_wrap": True})
    wrap = book.add_format({**base, "text_wrap": True})
    head = _HEAD_ZH if lang == "zh" else _HEAD_EN
    sheet.merge_range(0, 0, 0, len(head) - 1, title, title_fmt)
    sheet.set_row(0, 30)
    data = rows(result, findings, lang, unit)
    widths = [display_width(h) for h in head]
    for col, text in enumerate(head):
        sheet.write_string(1, col, text, head_fmt)
    for r, values in enumerate(data, start=2):
        for c, value in enumerate(values):
            if isinstance(value, int):
                sheet.write_number(r, c, value, wrap)
            else:
                sheet.write_string(r, c, str(value), wrap)
            widths[c] = max(widths[c], display_width(str(value)))
    fitted = [min(width, CAPS.get(c, 16)) + 2 for c, width in enumerate(widths)]
    for c, width in enumerate(fitted):
        # long texts wrap in a column of readable width rather than widen the page
        sheet.set_column(c, c, width)
    for r, values in enumerate(data, start=2):
        # spreadsheet programs do not grow a wrapped row by themselves
        lines = max(_lines(str(v), fitted[c]) for c, v in enumerate(values))
        sheet.set_row(r, LINE * lines + 4)
    if not data:
        sheet.write_string(2, 0, "无问题" if lang == "zh" else "no findings", wrap)
    sheet.freeze_panes(2, 0)
    print_setup(sheet, repeat=(1, 1), landscape=True)
    book.close()
    return buffer.getvalue()


def report_xlsx(result: AuditResult, lang: Lang, by: str = "department") -> bytes:
    """`audit --format xlsx -o FILE`: every finding of the jurisdiction."""
    title = f"{result.jurisdiction}问题清单" if lang == "zh" else f"Audit of {result.jurisdiction}"
    return workbook(result, result.findings, lang, title)
