"""The record every audit rule module exports, and the finding every rule yields."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from dutylist.findings import Severity

Suggestion = Literal["differentiate", "revoke", "merge", "fix"]
SUGGESTIONS: tuple[str, ...] = ("differentiate", "revoke", "merge", "fix")


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Code, kebab-case name, default severity and one-line summary (English and Chinese:
    `dutylist rules` shows the reader's language) of an audit rule."""

    code: str
    name: str
    severity: Severity
    summary: str
    summary_zh: str = ""


@dataclass(slots=True)
class AuditFinding:
    """One audit hit: what to change (suggestion, units, keep), why (message, in English and
    Chinese), where (file, line, column of the item) and who acts (department, units).

    `fingerprint` identifies the finding across runs: it hashes the rule, the jurisdiction,
    the catalog, the item and the rule's stable subject, never lines or counts, so that a
    finding accepted this month is recognised next month."""

    rule: str
    code: str
    severity: Severity
    item: str | None
    message: str
    message_zh: str
    suggestion: Suggestion
    file: str
    line: int = 0
    column: int = 0
    units: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    kind: str | None = None
    department: str | None = None
    name: str | None = None
    fingerprint: str = ""
    accepted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    # the empowerment item's scope (`all` or unit ids): a revoke takes the power from all
    # of them, not only from the assessed `units`; for the text reporters, not in the JSON
    scope: str | list[str] | None = None

    def text(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message

    def sort_key(self) -> tuple[int, str, int, str]:
        return (-self.severity.rank, self.file, self.line, self.code)

    def as_record(self) -> dict[str, Any]:
        """The JSON shape of spec section 6, plus the fingerprint and where/who keys."""
        record: dict[str, Any] = {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity.value,
            "item": self.item,
            "units": list(self.units),
            "suggestion": self.suggestion,
            "keep": list(self.keep),
            "message": self.message,
            "message_zh": self.message_zh,
            "fingerprint": self.fingerprint,
            "accepted": self.accepted,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "kind": self.kind,
            "department": self.department,
            "name": self.name,
        }
        if self.extra:
            record["evidence"] = self.extra
        return record


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`1 case`, `2 cases`: English count and noun agreeing in number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def fingerprint(*parts: str) -> str:
    """A short stable hash of the identifying parts of a finding."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]
