"""Labels and groupings shared by the audit reporters (text, markdown, github, xlsx)."""

from __future__ import annotations

from dutylist.audit.core import AuditResult
from dutylist.audit.rules.base import AuditFinding
from dutylist.i18n import AUDIT_RULE, SEVERITY, SUGGESTION, Lang, counted, departments_heading
from dutylist.model.rules import devolved_units

_SKIPPED = {
    "assessment": ("no assessment data", "无评估数据"),
    "previous": ("needs --previous OLD", "需指定 --previous 上一版本"),
}


def rule_label(name: str, lang: Lang) -> str:
    return f"{AUDIT_RULE.get(name, name)}" if lang == "zh" else name


def severity_label(value: str, lang: Lang) -> str:
    return SEVERITY[value] if lang == "zh" else value


def units_text(result: AuditResult, units: list[str], lang: Lang) -> str:
    # not kept: nine lists in ten are asked once (a 10k-item audit), and a key of the
    # list's tuple costs what the join does
    return ("、" if lang == "zh" else ", ").join(map(result.units.get, units, units))


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


def keep_counted(f: AuditFinding) -> bool:
    """suggestion_text counts the units kept rather than naming them (unless `full`): for
    any other finding its `full` text is the one shown under the finding."""
    return (
        f.suggestion == "differentiate"
        and bool(f.keep)
        and not f.extra.get("also_revoke")
        and len(f.keep) > len(f.units)
    )


def affected_units(result: AuditResult, f: AuditFinding) -> list[str]:
    """The units a finding changes something for: for a revoke, every unit of the item's
    scope (the power goes back to the county from all of them, assessed or not), otherwise
    the finding's `units`."""
    if f.suggestion == "revoke" and (units := devolved_units(f.scope, result.townships)):
        return units
    return list(f.units)


def revoke_scope(result: AuditResult, f: AuditFinding, lang: Lang) -> str:
    """From whom a revoke takes the power: every township-level unit for `scope: all`,
    every listed unit otherwise (the assessed `units` are only the evidence)."""
    zh = lang == "zh"
    if f.scope == "all":
        n = len(result.townships)
        if not n:  # no registry: the count of units is unknown
            return "（全部乡镇(街道)）" if zh else " from all units"
        return f"（全部{n}个乡镇（街道））" if zh else f" from all {n} units"
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
        return [departments_heading(result.jurisdiction, lang)]
    if f.department:
        return [result.departments.get(f.department, f.department)]
    if f.units:
        return [result.units.get(u, u) for u in f.units]
    return ["其他" if lang == "zh" else "other"]


def grouped(result: AuditResult, by: str, lang: Lang) -> dict[str, list[AuditFinding]]:
    groups: dict[str, list[AuditFinding]] = {}
    for f in result.findings:
        for key in group_key(result, f, by, lang):
            group = groups.get(key)
            if group is None:
                group = groups[key] = []
            group.append(f)
    return groups


def summary(result: AuditResult, lang: Lang) -> list[str]:
    """Counts by severity and suggestion, accepted findings, skipped rules."""
    open_ = [f for f in result.findings if not f.accepted]
    by_sev = {s: sum(1 for f in open_ if f.severity == s) for s in ("error", "warning", "info")}
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


def unit_suggestion(result: AuditResult, f: AuditFinding, lang: Lang) -> str:
    """The suggestion as it reads in one unit's own problem list, without the label (the
    column is headed 建议 / suggestion)."""
    zh = lang == "zh"
    if f.suggestion == "differentiate":
        return "不再赋予本单位（差异化赋权）" if zh else "no longer devolve it to this unit"
    if f.suggestion == "revoke":
        if zh:
            return f"收回，由{departments_heading(result.jurisdiction, lang)}实施"
        return "take it back to the county department"
    return SUGGESTION[f.suggestion] if zh else f.suggestion


def unit_evidence(f: AuditFinding, unit: str, lang: Lang) -> str:
    row = f.extra.get(unit)
    if not isinstance(row, dict):
        if f.suggestion == "revoke" and f.extra:  # in the scope, but no assessment row
            return "未评估" if lang == "zh" else "not assessed"
        return ""
    if lang == "zh":
        from dutylist.audit.rules._assessed import CAPACITY_ZH, WILLINGNESS_ZH

        return (
            f"办理{row['cases']}件，承接能力{CAPACITY_ZH[row['capacity']]}，"
            f"意愿{WILLINGNESS_ZH[row['willingness']]}"
        )
    return f"{row['cases']} cases, capacity {row['capacity']}, {row['willingness']}"
