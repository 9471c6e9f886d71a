"""`dutylist rules`: the checks of validate and the rules of audit, in one list."""

from __future__ import annotations

import io
import json

from rich.table import Table

from dutylist.checks import CHECKS_ZH, all_checks
from dutylist.i18n import SEVERITY, Lang
from dutylist.report.console import make_console


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


def report_rules(fmt: str, lang: Lang) -> str:
    records = rule_records()
    if fmt == "json":
        return json.dumps({"rules": records}, ensure_ascii=False, indent=2) + "\n"
    zh = lang == "zh"
    table = Table(show_lines=False, box=None, pad_edge=False)
    for header in (
        ("编码", "规则", "级别", "命令", "说明")
        if zh
        else ("code", "name", "severity", "command", "summary")
    ):
        table.add_column(header)
    for r in records:
        severity = SEVERITY[r["severity"]] if zh else r["severity"]
        # validate's checks have no Chinese summary yet: they keep the English one
        text = (r.get("summary_zh") or r["summary"]) if zh else r["summary"]
        table.add_row(r["code"], r["name"], severity, r["command"], text)
    buffer = io.StringIO()
    make_console(buffer).print(table)
    return buffer.getvalue()
