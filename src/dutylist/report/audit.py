"""Reporters of audit results: text (rich), json (spec section 6), markdown, github.

All are built from the same AuditFinding records; the per-unit problem lists
(一乡镇一问题清单) reuse the markdown writer on each unit's share of the findings.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any, TextIO

from rich.markup import escape

from dutylist.audit.core import AuditResult
from dutylist.audit.rules.base import AuditFinding
from dutylist.i18n import Lang
from dutylist.report.audit_labels import (
    affected_units,
    decisions_of,
    grouped,
    heading,
    rule_label,
    severity_label,
    suggestion_text,
    summary,
    unit_evidence,
    unit_suggestion,
)
from dutylist.report.console import make_console
from dutylist.report.findings import github_escape

Reporter = Callable[[AuditResult, TextIO, Lang, str], None]


def report_text(result: AuditResult, out: TextIO, lang: Lang, by: str = "department") -> None:
    """A review to act on: first what to take back and whom to keep, then every finding
    grouped by department (who acts) or by unit, then the counts."""
    console = make_console(out)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    console.print(f"[bold]{escape(heading(result, lang))}[/]")
    decisions = decisions_of(result)
    if decisions:
        console.print()
        console.print("[bold]" + ("调整建议" if lang == "zh" else "Decisions") + "[/]")
        for f in decisions:
            console.print(
                f"  {escape(f.item or '')} {escape(f.name or '')}\n"
                f"    → {escape(suggestion_text(result, f, lang, full=True))}"
            )
    for group, findings in grouped(result, by, lang).items():
        console.print()
        console.print(f"[bold underline]{escape(group)}[/]")
        for f in findings:
            level = f.severity.value
            mark = " [dim](accepted)[/]" if f.accepted and lang != "zh" else ""
            mark = " [dim]（已接受）[/]" if f.accepted and lang == "zh" else mark
            what = f"{f.item} {f.name}" if f.item else str(f.extra.get("post_name", ""))
            console.print(
                f"  [{styles[level]}]{severity_label(level, lang)} {f.code}[/] "
                f"[dim]{escape(rule_label(f.rule, lang))}[/] {escape(what)}{mark}  "
                f"[dim]{escape(f.file)}:{f.line}[/]"
            )
            console.print(f"    {escape(f.text(lang))}")
            if f.suggestion in ("differentiate", "revoke"):
                console.print(f"    {escape(suggestion_text(result, f, lang))}")
    console.print()
    style = "green" if not any(not f.accepted for f in result.findings) else "red"
    for line in summary(result, lang):
        console.print(f"[{style}]{escape(line)}[/]")


def as_json(result: AuditResult) -> dict[str, Any]:
    return {
        "findings": [f.as_record() for f in result.findings],
        "jurisdiction": {"name": result.jurisdiction, "code": result.code},
        "period": result.period,
        "assessment": result.assessment_file,
        "previous": result.previous,
        "skipped": [{"rule": r, "reason": why} for r, why in result.skipped],
    }


def report_json(result: AuditResult, out: TextIO, lang: Lang, by: str = "department") -> None:
    json.dump(as_json(result), out, ensure_ascii=False, indent=2)
    out.write("\n")


def report_github(result: AuditResult, out: TextIO, lang: Lang, by: str = "department") -> None:
    """One annotation per open finding at its item's line; accepted ones are left out."""
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for f in result.findings:
        if f.accepted:
            continue
        title = github_escape(f"{f.code} {f.rule}", prop=True)
        message = (
            f"{f.item + ': ' if f.item else ''}{f.text(lang)} ({suggestion_text(result, f, lang)})"
        )
        out.write(
            f"::{levels[f.severity.value]} file={github_escape(f.file, prop=True)},"
            f"line={f.line},col={f.column},title={title}::{github_escape(message)}\n"
        )
    for line in summary(result, lang):
        out.write(line + "\n")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(
    result: AuditResult,
    findings: list[AuditFinding],
    lang: Lang,
    title: str,
    unit: str | None = None,
    *,
    nested: bool = False,
) -> str:
    """A Markdown problem list: one table row per finding (for one unit: its own evidence).
    `nested`: a section of a larger document (## heading, no intro or counts)."""
    zh = lang == "zh"
    lines = [f"## {title}", ""] if nested else [f"# {title}", "", heading(result, lang), ""]
    if not findings:
        lines.append("无问题。" if zh else "No findings.")
        return "\n".join(lines) + "\n"
    head = (
        ["级别", "规则", "事项", "问题", "建议", "位置", "指纹"]
        if zh
        else ["severity", "rule", "item", "finding", "suggestion", "where", "fingerprint"]
    )
    if unit is not None:
        head.insert(3, "本单位评估" if zh else "this unit")
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in findings:
        what = f"{f.item} {f.name}" if f.item else str(f.extra.get("post_name", ""))
        level = severity_label(f.severity.value, lang) + (" ✓" if f.accepted else "")
        cells = [
            level,
            f"{f.code} {rule_label(f.rule, lang)}",
            what,
            f.text(lang),
            unit_suggestion(f, lang)
            if unit in affected_units(result, f)
            else suggestion_text(result, f, lang, label=False),
            f"{f.file}:{f.line}",
            f"`{f.fingerprint}`",
        ]
        if unit is not None:
            cells.insert(3, unit_evidence(f, unit, lang))
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    lines += ["", *summary(result, lang)] if unit is None and not nested else []
    return "\n".join(lines) + "\n"


def report_markdown(result: AuditResult, out: TextIO, lang: Lang, by: str = "department") -> None:
    out.write(f"# {heading(result, lang)}\n\n")
    for group, findings in grouped(result, by, lang).items():
        out.write(markdown(result, findings, lang, group, nested=True) + "\n")
    out.write("\n".join(summary(result, lang)) + "\n")


def render(result: AuditResult, fmt: str, lang: Lang, by: str) -> str:
    buffer = io.StringIO()
    REPORTERS[fmt](result, buffer, lang, by)
    return buffer.getvalue()


def report_html(result: AuditResult, out: TextIO, lang: Lang, by: str = "department") -> None:
    from dutylist.report.html_reports import audit_html

    out.write(audit_html(result, lang, by).decode("utf-8"))


REPORTERS: dict[str, Reporter] = {
    "text": report_text,
    "json": report_json,
    "markdown": report_markdown,
    "github": report_github,
    "html": report_html,
}
