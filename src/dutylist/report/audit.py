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

from dutylist.audit import AuditResult
from dutylist.i18n import AUDIT_RULE, SEVERITY, SUGGESTION, Lang
from dutylist.report.console import make_console
from dutylist.report.findings import github_escape
from dutylist.rules.base import AuditFinding, counted

Reporter = Callable[[AuditResult, TextIO, Lang, str], None]
_SKIPPED = {
    "assessment": ("no assessment data", "无评估数据"),
    "previous": ("needs --previous OLD", "需指定 --previous 上一版本"),
}


def rule_label(name: str, lang: Lang) -> str:
    return f"{AUDIT_RULE.get(name, name)}" if lang == "zh" else name


def severity_label(value: str, lang: Lang) -> str:
    return SEVERITY[value] if lang == "zh" else value


def units_text(result: AuditResult, units: list[str], lang: Lang) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(result.units.get(u, u) for u in units)


def suggestion_text(
    result: AuditResult, f: AuditFinding, lang: Lang, *, full: bool = False, label: bool = True
) -> str:
    """What to do, in one line: 建议差异化赋权，不再赋予 …；保留 …. The units kept are
    listed in full when they are the new scope to write (`full`) or no longer than the
    units taken out; otherwise counted, so a one-township hint stays one line.
    A revoke takes the power from every unit the item is devolved to (its scope), not
    only from the assessed ones. `label=False` drops the `suggestion:` / 建议 prefix
    (for a column already headed so)."""
    zh = lang == "zh"
    head = SUGGESTION[f.suggestion] if zh else f.suggestion
    text = (f"建议{head}" if zh else f"suggestion: {head}") if label else head
    if f.suggestion == "differentiate":
        parts = []
        if f.units:
            taken = units_text(result, f.units, lang)
            parts.append(f"不再赋予：{taken}" if zh else f"take from: {taken}")
        also = f.extra.get("also_revoke")
        if also:
            parts.append(
                f"该事项另被建议收回（见{also}）"
                if zh
                else f"the item is also suggested for revoke, see {also}"
            )
        elif f.keep and (full or len(f.keep) <= len(f.units)):
            kept = units_text(result, f.keep, lang)
            parts.append(f"保留：{kept}" if zh else f"keep: {kept}")
        elif f.keep:
            n = len(f.keep)
            parts.append(f"其余{n}个单位保留" if zh else f"the other {counted(n, 'unit')} keep it")
        if parts:
            text += ("，" if zh else "; ") + ("；" if zh else "; ").join(parts)
    elif f.suggestion == "revoke":
        text += revoke_scope(result, f, lang)
    return text


def affected_units(result: AuditResult, f: AuditFinding) -> list[str]:
    """The units a finding changes something for: for a revoke, every unit of the item's
    scope (the power goes back to the county from all of them, assessed or not), otherwise
    the finding's `units`."""
    if f.suggestion == "revoke" and f.scope == "all" and result.townships:
        return list(result.townships)
    if f.suggestion == "revoke" and isinstance(f.scope, list):
        return list(f.scope)
    return list(f.units)


def revoke_scope(result: AuditResult, f: AuditFinding, lang: Lang) -> str:
    """From whom a revoke takes the power: every township-level unit for `scope: all`,
    every listed unit otherwise (the assessed `units` are only the evidence)."""
    zh = lang == "zh"
    if f.scope == "all":
        n = len(result.townships)
        if not n:  # no registry: the count of units is unknown
            return "（全部乡镇(街道)）" if zh else " from all units"
        return f"（全部{n}个乡镇(街道)）" if zh else f" from all {n} units"
    units = affected_units(result, f)
    if not units:
        return ""
    shown = units_text(result, units, lang)
    return f"（{shown}）" if zh else f" from {shown}"


def group_key(result: AuditResult, f: AuditFinding, by: str, lang: Lang) -> list[str]:
    """The group(s) a finding is shown under: its department, or each of its units."""
    if by == "unit":
        if units := affected_units(result, f):
            return [result.units.get(u, u) for u in units]
        return ["市级部门" if lang == "zh" else "county departments"]
    if f.department:
        return [result.departments.get(f.department, f.department)]
    if f.units:
        return [result.units.get(u, u) for u in f.units]
    return ["其他" if lang == "zh" else "other"]


def grouped(result: AuditResult, by: str, lang: Lang) -> dict[str, list[AuditFinding]]:
    groups: dict[str, list[AuditFinding]] = {}
    for f in result.findings:
        for key in group_key(result, f, by, lang):
            groups.setdefault(key, []).append(f)
    return groups


def summary(result: AuditResult, lang: Lang) -> list[str]:
    """Counts by severity and suggestion, accepted findings, skipped rules."""
    open_ = [f for f in result.findings if not f.accepted]
    by_sev = {
        s: sum(1 for f in open_ if f.severity.value == s) for s in ("error", "warning", "info")
    }
    by_sug = {s: sum(1 for f in open_ if f.suggestion == s) for s in SUGGESTION}
    accepted = len(result.findings) - len(open_)
    lines: list[str] = []
    if lang == "zh":
        lines.append(
            f"共 {len(open_)} 个问题：错误 {by_sev['error']}，警告 {by_sev['warning']}，"
            f"提示 {by_sev['info']}；建议收回 {by_sug['revoke']} 项，差异化赋权 "
            f"{by_sug['differentiate']} 项，合并 {by_sug['merge']} 项，修正 {by_sug['fix']} 项"
        )
        if accepted:
            lines.append(f"已接受（不计入）{accepted} 个")
    else:
        lines.append(
            f"{counted(len(open_), 'finding')}: {counted(by_sev['error'], 'error')}, "
            f"{counted(by_sev['warning'], 'warning')}, "
            f"{by_sev['info']} info; revoke {by_sug['revoke']}, differentiate "
            f"{by_sug['differentiate']}, merge {by_sug['merge']}, fix {by_sug['fix']}"
        )
        if accepted:
            lines.append(f"{accepted} accepted (not counted)")
    for rule, reason in result.skipped:
        en, zh = _SKIPPED[reason]
        lines.append(
            f"未运行 {rule}（{rule_label(rule, lang)}）：{zh}"
            if lang == "zh"
            else f"skipped {rule}: {en}"
        )
    return lines


def heading(result: AuditResult, lang: Lang) -> str:
    if lang == "zh":
        source = (
            f"评估期 {result.period}（{result.assessment_file}）" if result.period else "无评估数据"
        )
        return f"{result.jurisdiction}（{result.code}）清单审计 · {source}"
    source = (
        f"period {result.period} ({result.assessment_file})"
        if result.period
        else "no assessment data"
    )
    return f"Audit of {result.jurisdiction} ({result.code}) · {source}"


def decisions_of(result: AuditResult) -> list[AuditFinding]:
    """The open revoke and differentiate findings of warning or above, one per item,
    revoke first (taking an item back settles any narrower change to its scope)."""
    chosen: dict[str, AuditFinding] = {}
    for f in result.findings:
        if f.accepted or f.item is None or f.severity.rank < 2:
            continue
        if f.suggestion not in ("revoke", "differentiate"):
            continue
        held = chosen.get(f.item)
        if held is None or (f.suggestion == "revoke" and held.suggestion != "revoke"):
            chosen[f.item] = f
    return sorted(chosen.values(), key=lambda f: (f.suggestion != "revoke", f.file, f.line))


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
            cells.insert(3, _unit_evidence(f, unit, lang))
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    lines += ["", *summary(result, lang)] if unit is None and not nested else []
    return "\n".join(lines) + "\n"


def unit_suggestion(f: AuditFinding, lang: Lang) -> str:
    """The suggestion as it reads in one unit's own problem list, without the label (the
    column is headed 建议 / suggestion)."""
    zh = lang == "zh"
    if f.suggestion == "differentiate":
        return "不再赋予本单位（差异化赋权）" if zh else "no longer devolve it to this unit"
    if f.suggestion == "revoke":
        return "收回，由市级部门实施" if zh else "take it back to the county department"
    return SUGGESTION[f.suggestion] if zh else f.suggestion


def _unit_evidence(f: AuditFinding, unit: str, lang: Lang) -> str:
    row = f.extra.get(unit)
    if not isinstance(row, dict):
        if f.suggestion == "revoke" and f.extra:  # in the scope, but no assessment row
            return "未评估" if lang == "zh" else "not assessed"
        return ""
    if lang == "zh":
        from dutylist.rules._assessed import CAPACITY_ZH, WILLINGNESS_ZH

        return (
            f"办理{row['cases']}件，承接能力{CAPACITY_ZH[row['capacity']]}，"
            f"意愿{WILLINGNESS_ZH[row['willingness']]}"
        )
    return f"{row['cases']} cases, capacity {row['capacity']}, {row['willingness']}"


def report_markdown(result: AuditResult, out: TextIO, lang: Lang, by: str = "department") -> None:
    out.write(f"# {heading(result, lang)}\n\n")
    for group, findings in grouped(result, by, lang).items():
        out.write(markdown(result, findings, lang, group, nested=True) + "\n")
    out.write("\n".join(summary(result, lang)) + "\n")


def unit_lists(result: AuditResult, lang: Lang, fmt: str) -> dict[str, bytes]:
    """一乡镇一问题清单: one file per unit of the registry (an empty list says so), plus
    one for findings that concern no unit, named `<unit name>-<unit id>.md|.xlsx`."""
    out: dict[str, bytes] = {}
    suffix = "xlsx" if fmt == "xlsx" else "md"
    zh = lang == "zh"
    for unit, name in result.units.items():
        findings = [f for f in result.findings if unit in affected_units(result, f)]
        if not findings and unit not in result.townships:
            continue  # a village without findings has no list to receive
        title = f"{name}问题清单" if zh else f"Problem list of {name}"
        out[f"{safe_name(name)}-{unit}.{suffix}"] = _render(
            result, findings, lang=lang, title=title, unit=unit, fmt=fmt
        )
    rest = [f for f in result.findings if not affected_units(result, f)]
    title = "市级部门问题清单" if zh else "Problem list of the county departments"
    out[f"{'市级部门' if zh else 'departments'}.{suffix}"] = _render(
        result, rest, lang=lang, title=title, unit=None, fmt=fmt
    )
    return out


def _render(
    result: AuditResult,
    findings: list[AuditFinding],
    *,
    lang: Lang,
    title: str,
    unit: str | None,
    fmt: str,
) -> bytes:
    if fmt == "xlsx":
        from dutylist.report.audit_xlsx import workbook

        return workbook(result, findings, lang, title, unit)
    return markdown(result, findings, lang, title, unit).encode("utf-8")


def safe_name(text: str) -> str:
    """A file name from a unit name: no path separators or characters Windows refuses."""
    return "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in text).strip(". ") or "_"


def render(result: AuditResult, fmt: str, lang: Lang, by: str) -> str:
    buffer = io.StringIO()
    REPORTERS[fmt](result, buffer, lang, by)
    return buffer.getvalue()


REPORTERS: dict[str, Reporter] = {
    "text": report_text,
    "json": report_json,
    "markdown": report_markdown,
    "github": report_github,
}
