"""`dutylist rules`: the checks of validate and the rules of audit, in one list."""

from __future__ import annotations

import json

from dutylist.checks import CHECKS_ZH, all_checks
from dutylist.i18n import SEVERITY, Lang
from dutylist.report.layout import PIPE_WIDTH, cell_len, columns

_GAP = 2
_NARROWEST_SUMMARY = 16


def rule_records() -> list[dict[str, str]]:
    from dutylist.audit.rules import RULES

    records = [
        {
            "code": c.code,
            "name": c.name,
            "severity": c.severity.value,
            "command": "validate",
            "summary": c.summary,
            "summary_zh": CHECKS_ZH[c.name][1],
        }
        for c in all_checks()
    ]
    records.extend(
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "command": "audit",
            "summary": r.summary,
            "summary_zh": r.summary_zh,
        }
        for r in RULES
    )
    from dutylist.conform.rules import RULES as CONFORM_RULES

    records.extend(
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "command": "conform",
            "summary": r.summary,
            "summary_zh": r.summary_zh,
        }
        for r in CONFORM_RULES
    )
    return records


def report_rules(fmt: str, lang: Lang, width: int = PIPE_WIDTH) -> str:
    records = rule_records()
    if fmt == "json":
        return json.dumps({"rules": records}, ensure_ascii=False, indent=2) + "\n"
    zh = lang == "zh"
    header = (
        ["编码", "规则", "级别", "命令", "说明"]
        if zh
        else ["code", "name", "severity", "command", "summary"]
    )
    rows = [
        [
            r["code"],
            r["name"],
            SEVERITY[r["severity"]] if zh else r["severity"],
            r["command"],
            (r["summary_zh"] or r["summary"]) if zh else r["summary"],
        ]
        for r in records
    ]
    # the short columns keep their width; the summary wraps in what is left of the line
    fixed = [max(cell_len(row[i]) for row in (header, *rows)) for i in range(4)]
    room = max(width - sum(fixed) - _GAP * len(fixed), _NARROWEST_SUMMARY)
    lines = [line for row in (header, *rows) for line in columns(row, [*fixed, room], _GAP)]
    return "\n".join(lines) + "\n"
