"""Reporters of audit results: text (rich), json (spec section 6), markdown, github.

All are built from the same AuditFinding records; the per-unit problem lists
(一乡镇一问题清单) reuse the markdown writer on each unit's share of the findings.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TextIO

from dutylist.audit.core import AuditResult
from dutylist.audit.rules.base import AuditFinding
from dutylist.i18n import Lang
from dutylist.report.audit_labels import (
    affected_units,
    decisions_of,
    grouped,
    heading,
    keep_counted,
    rule_label,
    severity_label,
    suggestion_text,
    summary,
    unit_evidence,
    unit_suggestion,
)
from dutylist.report.findings import github_escape, out_is_tty
from dutylist.report.jsonout import dump as json_dump
from dutylist.report.layout import Painter, text_width, write_text
from dutylist.report.layout import wrap as layout_wrap
from dutylist.report.safe import md, safe


def report_text(result: AuditResult, out: TextIO, lang: Lang, by: str = "department") -> None:
    """A review to act on: first what to take back and whom to keep, then every finding
    grouped by department (who acts) or by unit, then the counts; built as lines at the
    output's width and written once. In a pipe (no COLUMNS) each record stays on its
    line, for grep and editors, as validate's do."""
    paint = Painter(out)
    folds = paint.enabled or bool(os.environ.get("COLUMNS")) or out_is_tty(out)
    write_text(out, text_lines(result, lang, by, text_width(out) if folds else None, paint))


def text_lines(
    result: AuditResult, lang: Lang, by: str, width: int | None, paint: Painter
) -> list[str]:
    """The lines of the text report; `width` None: not wrapped."""
    # unwrapped and without colour, lines are made safe at the end, in one pass (a line is
    # painted or cut only once it is safe)
    plain = width is None and not paint.enabled
    wrap = _raw if plain else _wrapper(width)
    zh = lang == "zh"
    lines = [paint(line, "bold") for line in wrap(heading(result, lang), width, "  ")]
    decisions = decisions_of(result)
    told: dict[int, str] = {}  # a decision's suggestion, as its finding says it again
    if decisions:
        lines += ["", paint("调整建议" if zh else "Decisions", "bold")]
        for f in decisions:
            lines += wrap(f"{f.item or ''} {f.name or ''}", width, "    ", "  ")
            text = suggestion_text(result, f, lang, full=True)
            if not keep_counted(f):
                told[id(f)] = text
            lines += wrap(text, width, "      ", "    → ")
    block = _finding_lines(result, lang, width, paint, told)
    for group, findings in grouped(result, by, lang).items():
        lines += ["", paint(group, "bold underline")]
        for f in findings:
            lines += block(f)
    style = "green" if not any(not f.accepted for f in result.findings) else "red"
    lines.append("")
    for line in summary(result, lang):
        lines += [paint(part, style) for part in wrap(line, width, "  ")]
    if plain and not all(map(str.isprintable, lines)):  # nearly always all are
        lines = list(map(safe, lines))
    return lines


_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_WITH_UNITS = ("differentiate", "revoke")
"""The suggestions whose line names the units."""


def _finding_lines(
    result: AuditResult, lang: Lang, width: int | None, paint: Painter, told: dict[int, str]
) -> Callable[[AuditFinding], list[str]]:
    """The lines of a finding, made once for all the groups it is shown in (grouped by
    unit, a revoke of `scope: all` is under every unit). `told`: suggestions made
    already, by the finding's id."""
    made: dict[int, list[str]] = {}
    # the severity and rule of a finding, as shown: a handful of codes for thousands
    labels: dict[tuple[str, str, str], tuple[str, str]] = {}
    accepted = "（已接受）" if lang == "zh" else " (accepted)"
    # unwrapped and without colour, a finding is three lines that need no laying out
    plain = width is None and not paint.enabled

    def lines_of(f: AuditFinding) -> list[str]:
        lines = made.get(id(f))
        if lines is not None:
            return lines
        key = (f.severity, f.code, f.rule)
        label = labels.get(key)
        if label is None:
            label = labels[key] = (
                f"{severity_label(f.severity, lang)} {f.code}",
                rule_label(f.rule, lang),
            )
        what = f"{f.item} {f.name}" if f.item else str(f.extra.get("post_name", ""))
        head, rest = label[0], f" {label[1]} {what}{accepted if f.accepted else ''}"
        if plain:  # made safe by text_lines, with all the others
            lines = [f"  {head}{rest}  {f.file}:{f.line}", "    " + f.text(lang)]
            if f.suggestion in _WITH_UNITS:
                lines.append("    " + (told.get(id(f)) or suggestion_text(result, f, lang)))
        else:
            suggestion = ""
            if f.suggestion in _WITH_UNITS:
                suggestion = told.get(id(f)) or suggestion_text(result, f, lang)
            lines = _laid_out(f, lang, width, paint, (head, rest, suggestion))
        made[id(f)] = lines
        return lines

    return lines_of


def _laid_out(
    f: AuditFinding, lang: Lang, width: int | None, paint: Painter, parts: tuple[str, str, str]
) -> list[str]:
    """A finding's lines wrapped at `width` or coloured: the severity and code painted,
    the location dimmed, once the line is laid out. `parts`: the head (severity and
    code) and the rest of its first line, its suggestion."""
    head, rest, suggestion = parts
    wrap = _wrapper(width)
    where = f"{f.file}:{f.line}"
    first = wrap(head + rest + "  " + where, width, "      ", "  ")
    first[0] = "  " + paint(head, _STYLES[f.severity]) + first[0][2 + len(head) :]
    if paint.enabled:  # without colour, painting a line made safe already leaves it as it is
        first = [paint(line, "dim") if where in line else line for line in first]
    lines = first + wrap(f.text(lang), width, "    ", "    ")
    if f.suggestion in _WITH_UNITS:
        lines += wrap(suggestion, width, "      ", "    ")
    return lines


def _wrapper(width: int | None) -> Callable[..., list[str]]:
    return layout_wrap if width is not None else _unwrapped


def _unwrapped(text: str, _width: object, _indent: str = "", first: str = "") -> list[str]:
    return [first + safe(text, lines=False)]


def _raw(text: str, _width: object, _indent: str = "", first: str = "") -> list[str]:
    return [first + text]


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
    json_dump(as_json(result), out)


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
        out.write(safe(line) + "\n")


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
    title = md(title)
    lines = [f"## {title}", ""] if nested else [f"# {title}", "", md(heading(result, lang)), ""]
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
            unit_suggestion(result, f, lang)
            if unit in affected_units(result, f)
            else suggestion_text(result, f, lang, label=False),
            f"{f.file}:{f.line}",
            f"`{f.fingerprint}`",
        ]
        if unit is not None:
            cells.insert(3, unit_evidence(f, unit, lang))
        lines.append("| " + " | ".join(md(c) for c in cells) + " |")
    lines += ["", *map(safe, summary(result, lang))] if unit is None and not nested else []
    return "\n".join(lines) + "\n"


def report_markdown(result: AuditResult, out: TextIO, lang: Lang, by: str = "department") -> None:
    out.write(f"# {md(heading(result, lang))}\n\n")
    for group, findings in grouped(result, by, lang).items():
        out.write(markdown(result, findings, lang, group, nested=True) + "\n")
    out.write("\n".join(map(safe, summary(result, lang))) + "\n")


def report_html(result: AuditResult, out: TextIO, lang: Lang, by: str = "department") -> None:
    from dutylist.report.html_reports import audit_html

    out.write(audit_html(result, lang, by).decode("utf-8"))
