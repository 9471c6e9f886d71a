"""The rules of section 13 beside validate's guide-unknown-item (DL132): code, name,
default severity, summary. Severities and disabling come from `conform:` settings."""

from __future__ import annotations

from dutylist.audit.rules.base import RuleInfo
from dutylist.findings import Check, Severity
from dutylist.i18n import N_

RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        "DL401",
        "guide-adopted-twice",
        Severity.WARNING,
        N_("two items of one list adopt the same guide item without merging"),
    ),
    RuleInfo(
        "DL402",
        "outside-guide",
        Severity.WARNING,
        N_("an item of a guided list that adopts no guide item and has no admission (准入)"),
    ),
    RuleInfo(
        "DL403",
        "guide-name-drift",
        Severity.INFO,
        N_("an item's name differs from its guide item's (同事不同名)"),
    ),
    RuleInfo(
        "DL404",
        "guide-not-adopted",
        Severity.INFO,
        N_("a guide item that the list does not adopt"),
    ),
)
RULE_NAMES: frozenset[str] = frozenset(r.name for r in RULES)
CHECKS: dict[str, Check] = {r.name: Check(r.code, r.name, r.summary, r.severity) for r in RULES}

# names of the rules in Chinese output (the kebab-case name stays in JSON)
LABEL_ZH: dict[str, str] = {
    "unknown-guide": "指导目录无效",
    "guide-unknown-item": "指导事项未知",
    "guide-adopted-twice": "重复采用",
    "outside-guide": "目录外事项",
    "guide-name-drift": "同事不同名",
    "guide-not-adopted": "未采用",
}
