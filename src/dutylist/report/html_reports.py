"""Self-contained HTML reports: the statistics table (`report --html`) and the audit
(`audit --format html`). One file each: the stylesheet inline, charts as inline SVG,
nothing loaded from anywhere; the same labels and numbers as the workbooks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dutylist import __version__
from dutylist.audit.core import AuditResult
from dutylist.i18n import FIELD, KIND, Lang, change_value, class_label, label
from dutylist.report.audit_labels import (
    decisions_of,
    grouped,
    heading,
    rule_label,
    severity_label,
    suggestion_text,
    summary,
)
from dutylist.report.html import STATIC, bar_chart, environment
from dutylist.stats.tables import Statistics, Table

SEVERITY_COLOURS = ("#a00000", "#c26a00", "#6b7785")


def _words(lang: Lang) -> dict[str, str]:
    zh = lang == "zh"
    return {
        "no": "序号" if zh else "No.",
        "jurisdiction": "辖区" if zh else "Jurisdiction",
        "before": "原有数" if zh else "Before",
        "after": "现有数" if zh else "After",
        "adjustments": "调整情况" if zh else "Adjustments",
        "notes": "备注" if zh else "Notes",
        "total": "合计" if zh else "Total",
        "changes": "变更明细" if zh else "Changes",
        "decisions": "调整建议" if zh else "Decisions",
        "item": "事项" if zh else "Item",
        "department": "部门" if zh else "Department",
        "suggestion": "建议" if zh else "Suggestion",
        "summary": "汇总" if zh else "Summary",
        "none": "无问题。" if zh else "No findings.",
    }


def _page(template: str, lang: Lang, **values: Any) -> bytes:
    css = (STATIC / "site.css").read_text(encoding="utf-8")
    footer = (
        f"由 dutylist {__version__} 生成，{dt.date.today().isoformat()}"
        if lang == "zh"
        else f"Written by dutylist {__version__} on {dt.date.today().isoformat()}"
    )
    text: str = (
        environment()
        .get_template(template)
        .render(
            html_lang="zh-CN" if lang == "zh" else "en",
            version=__version__,
            css=css,
            footer=footer,
            w=_words(lang),
            **values,
        )
    )
    return text.encode("utf-8")


def _table(table: Table, lang: Lang, caption: str) -> dict[str, Any]:
    return {
        "caption": caption,
        "several": table.several,
        "axis_label": table.header(lang)[1 if table.several else 0],
        "classes": [class_label(name, lang) for name in table.classes],
        "rows": [
            {
                "jurisdiction": row.jurisdiction,
                "name": row.name,
                "before": row.before,
                "after": row.after,
                "counts": [row.counts.get(name, 0) for name in table.classes],
            }
            for row in table.rows
        ],
        "total": {
            "before": table.total.before,
            "after": table.total.after,
            "counts": [table.total.counts.get(name, 0) for name in table.classes],
        },
    }


def stats_title(stats: Statistics, lang: Lang) -> str:
    if lang == "zh":
        return f"{stats.jurisdiction}权责事项调整统计表"
    return f"{stats.jurisdiction}: adjustment statistics"


def stats_html(stats: Statistics, lang: Lang, *, title: str | None = None) -> bytes:
    """The statistics table, its chart, the table by unit and the changes, as one page."""
    zh = lang == "zh"
    written = dt.date.today().isoformat()
    subtitle = (
        f"辖区：{stats.jurisdiction}　对比：{stats.old_label} → {stats.new_label}　制表日期：{written}"
        if zh
        else f"{stats.jurisdiction} · {stats.old_label} → {stats.new_label} · written {written}"
    )
    deps = stats.departments
    series = [(class_label(n, lang), [r.counts.get(n, 0) for r in deps.rows]) for n in deps.classes]
    chart = (
        bar_chart(stats_title(stats, lang), [r.name for r in deps.rows], series)
        if deps.classes
        else ""
    )
    head = _change_head(lang)
    changes = [
        [
            [label(KIND, c.kind, lang)],
            [c.unit],
            [c.id],
            [c.old_ids],
            [c.name],
            [c.department],
            ["、".join(class_label(x, lang) for x in c.classes)],
            [(FIELD.get(n, n) if zh else n) for n in c.fields],
            [change_value(n, c.fields[n][0], lang) for n in c.fields],
            [change_value(n, c.fields[n][1], lang) for n in c.fields],
        ]
        for c in stats.changes
    ]
    return _page(
        "stats.html",
        lang,
        title=title or stats_title(stats, lang),
        subtitle=subtitle,
        departments=_table(deps, lang, "按部门" if zh else "By department"),
        units=_table(stats.units, lang, "按乡镇（街道）" if zh else "By unit"),
        chart=chart,
        chart_caption="各部门调整事项数" if zh else "Changes by department and class",
        change_head=head,
        changes=changes,
        notes=stats.notes,
    )


def _change_head(lang: Lang) -> list[str]:
    if lang == "zh":
        return [
            "清单",
            "乡镇(街道)",
            "事项编码",
            "原编码",
            "事项名称",
            "部门",
            "变更类别",
            "变更字段",
            "原值",
            "新值",
        ]
    return [
        "Catalog",
        "Unit",
        "ID",
        "Old ID",
        "Name",
        "Department",
        "Classes",
        "Field",
        "Old value",
        "New value",
    ]


def audit_html(result: AuditResult, lang: Lang, by: str = "department") -> bytes:
    """The audit: decisions, a chart of the findings by rule, the findings by group."""
    zh = lang == "zh"
    decisions = [
        {
            "item": f"{f.item} {f.name}",
            "department": result.departments.get(f.department or "", f.department or ""),
            "suggestion": suggestion_text(result, f, lang, full=True, label=False),
        }
        for f in decisions_of(result)
    ]
    head = (
        ["级别", "规则", "事项", "问题", "建议", "位置"]
        if zh
        else ["Severity", "Rule", "Item", "Finding", "Suggestion", "Where"]
    )
    groups = []
    for group, findings in grouped(result, by, lang).items():
        rows = [
            {
                "severity_class": f.severity.value,
                "cells": [
                    severity_label(f.severity.value, lang) + (" ✓" if f.accepted else ""),
                    f"{f.code} {rule_label(f.rule, lang)}",
                    f"{f.item} {f.name}" if f.item else str(f.extra.get("post_name", "")),
                    f.text(lang),
                    suggestion_text(result, f, lang, label=False),
                    f"{f.file}:{f.line}",
                ],
            }
            for f in findings
        ]
        groups.append((group, rows))
    rules = sorted({f.rule for f in result.findings})
    severities = ("error", "warning", "info")
    series = [
        (
            severity_label(s, lang),
            [
                sum(1 for f in result.findings if f.rule == r and f.severity.value == s)
                for r in rules
            ],
        )
        for s in severities
    ]
    chart = (
        bar_chart(
            heading(result, lang),
            [rule_label(r, lang) for r in rules],
            series,
            colours=SEVERITY_COLOURS,
        )
        if rules
        else ""
    )
    return _page(
        "audit.html",
        lang,
        title=f"{result.jurisdiction}清单审计报告" if zh else f"Audit of {result.jurisdiction}",
        subtitle=heading(result, lang),
        decisions=decisions,
        chart=chart,
        chart_caption="各规则发现的问题数" if zh else "Findings by rule and severity",
        head=head,
        groups=groups,
        summary=summary(result, lang),
    )
